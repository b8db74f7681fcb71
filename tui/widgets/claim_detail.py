"""The current claim in full: what it is, who says it, which of its sentences state other claims
too, and every pair with its diff and evidence."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from align.models import Alignment, Claim
from tui.relations import LOOKS, claims_mark
from tui.safe_text import literal, shorten
from tui.state import Selection, claim_number, other_claims, pair_window
from tui.widgets.pair_view import PairView

# A claim can hold hundreds of pairs (an article repeating itself); render a window of them.
MAX_PAIRS_SHOWN = 30
# How much of a member that states other claims too is quoted in the header (the pairs below
# show it whole).
SHARED_QUOTE_WIDTH = 40
WAITING = "Aligning… the claims appear here when the engine is done; read the articles meanwhile."


class ClaimDetail(VerticalScroll, can_focus=True, inherit_bindings=False):
    """A header and one PairView per pair (views are reused: moving between claims is instant)."""

    # Like the article panes: up/down stay the screen's claim keys; page keys scroll here.
    BINDINGS = [
        Binding("pageup", "page_up", "Scroll detail up", show=False),
        Binding("pagedown", "page_down", "Scroll detail down", show=False),
        Binding("shift+up", "scroll_up", "Scroll detail a line up", show=False),
        Binding("shift+down", "scroll_down", "Scroll detail a line down", show=False),
    ]

    def compose(self):
        yield Static(Content.styled(WAITING, "italic"), id="detail-header")

    def show_message(self, message: str) -> None:
        self.query_one("#detail-header", Static).update(Content.styled(message, "italic"))
        for view in self.query(PairView):
            view.display = False

    def show(self, alignment: Alignment, claim: Claim | None, pair_index: int, selection: Selection) -> None:
        header = self.query_one("#detail-header", Static)
        if claim is None:
            self.show_message("No claim matches: press escape to clear the filter and search.")
            return
        window = pair_window(len(claim.pairs), pair_index, MAX_PAIRS_SHOWN)
        header.update(_header(alignment, claim, selection, window))
        views = list(self.query(PairView))
        if len(views) < len(window):
            new = [PairView() for _ in range(len(window) - len(views))]
            self.mount_all(new)
            views += new
        current: PairView | None = None
        for view, index in zip(views, window):
            view.display = True
            view.show(
                alignment,
                claim.pairs[index],
                index,
                len(claim.pairs),
                current=index == pair_index,
                picked=selection.is_picked(claim, index),
            )
            if index == pair_index:
                current = view
        for view in views[len(window) :]:
            view.display = False
        if current is not None and current is not views[0]:
            self.call_after_refresh(self.scroll_to_widget, current, animate=False)
        else:
            self.scroll_home(animate=False)


def _header(alignment: Alignment, claim: Claim, selection: Selection, window: range) -> Content:
    look = LOOKS[claim.label]
    sources = len(claim.articles)
    head = Content.assemble(
        (f"{look.symbol} {look.name}", f"bold {look.style}"),
        (f" — {look.meaning}", "italic"),
        (f" · claim #{claim_number(claim)} · {sources} source{'s' if sources != 1 else ''}", "dim"),
        (f" · {len(claim.pairs)} pair{'s' if len(claim.pairs) != 1 else ''}" if claim.pairs else "", "dim"),
        # A big claim pairs each member with its most printed wording (the JSON's anchor).
        (" · each version against the most printed one" if claim.anchor is not None and claim.pairs else "", "dim"),
    )
    if len(window) < len(claim.pairs):
        head += Content.styled(
            f"\nshowing pairs {window.start + 1}–{window.stop} of {len(claim.pairs)}: h/l move by one, H/L by a page",
            "italic",
        )
    if also := _also_in(alignment, claim):
        head = Content("\n").join([head, *also])
    if claim.pairs:
        return head
    # Unsupported: there are no pairs, so show what the one article says.
    state = selection.state(claim)
    lines = [head, Content.styled("● picked" if state == "all" else "○ not picked (space picks it)", "bold")]
    for ref in claim.members:
        title = shorten(literal(alignment.article(ref.article).name), 24)
        lines.append(
            Content.assemble(
                ("  + ", f"bold {look.style}"),
                (title, "bold"),
                ": ",
                literal(alignment.sentence(ref).text, one_line=True),
            )
        )
    return Content("\n").join(lines)


def _also_in(alignment: Alignment, claim: Claim) -> list[Content]:
    """One line per member that states other claims too, with the pane's mark: which claims
    (number and label) first, so a narrow detail cuts the quote, not them."""
    lines = []
    for ref, others in other_claims(alignment, claim):
        parts: list[tuple[str, str] | str] = [(f"  {claims_mark(len(others) + 1)} also in", "bold")]
        for n, other in enumerate(others):
            look = LOOKS[other.label]
            parts += [
                ("," if n else "", "dim"),
                (f" claim #{claim_number(other)} ", "bold"),
                (f"{look.symbol} {look.name}", f"bold {look.style}"),
            ]
        parts += [
            (" — ", "dim"),
            (shorten(literal(alignment.article(ref.article).name), 24), "bold"),
            ": ",
            shorten(literal(alignment.sentence(ref).text, one_line=True), SHARED_QUOTE_WIDTH),
        ]
        lines.append(Content.assemble(*parts))
    return lines
