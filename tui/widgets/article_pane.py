"""One article's text, sentence by sentence, following the current claim.

The screen binds `claim` and `sync`; the pane highlights the claim's members it holds and, with
sync on, scrolls them into view. Anchoring on the claim (not on a scroll percentage) keeps panes
of very different lengths showing the same statement.

The pane draws its own lines (Textual's line API, like `Log`): one widget per sentence made
mounting and every resize cost seconds on a few thousand sentences; here only the visible lines
are rendered, and wrapping is redone only when the width changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from align.models import Article, Claim, Pair, Sentence, SentenceRef
from tui.messages import SentenceClicked
from tui.relations import ROLE_LOOKS, ROLE_RANK, claims_mark, member_role
from tui.safe_text import literal, shorten

# marker, space, role symbol, space: wrapped lines of a sentence indent under its first word.
PREFIX = 4
# A pane holding a sentence in several claims widens its gutter by one column for the mark
# ("≠² The…"), so every sentence of it still starts in one column; other panes stay as they were.
MARK_COLUMN = 1
MIN_TEXT_WIDTH = 8


@dataclass(frozen=True)
class _Line:
    sentence: int  # index into the article's sentences; -1 for the blank line between two
    first: bool
    text: Content


class ArticlePane(ScrollView, can_focus=True, inherit_bindings=False):
    """An article's sentences; `-silent` when the article has nothing on the current claim."""

    COMPONENT_CLASSES = {
        "article-pane--current",
        "article-pane--marker",
        "article-pane--boilerplate",
        "article-pane--heading",
    }

    # No up/down here: those keys walk claims on the screen, whichever pane has focus.
    BINDINGS = [
        Binding("pageup", "page_up", "Scroll pane up", show=False),
        Binding("pagedown", "page_down", "Scroll pane down", show=False),
        Binding("home", "scroll_home", "Pane top", show=False),
        Binding("end", "scroll_end", "Pane bottom", show=False),
        Binding("shift+up", "scroll_up", "Scroll pane a line up", show=False),
        Binding("shift+down", "scroll_down", "Scroll pane a line down", show=False),
    ]

    claim: reactive[Claim | None] = reactive(None, always_update=True)
    """The claim the reader is on (bound to the screen's `current_claim`)."""
    sync: reactive[bool] = reactive(True)
    """Whether moving to a claim scrolls this pane (bound to the screen's `sync`)."""
    pair: reactive[Pair | None] = reactive(None, always_update=True)
    """The claim's current pair (bound to the screen's `current_pair`): when one of its two
    sentences is in this article, that is the member scrolled to and marked ▶."""

    def __init__(self, article: Article, number: int) -> None:
        super().__init__(id=f"pane-{number}", classes="article-pane")
        self.number = number
        self.roles: dict[int, str] = {}
        # How many claims each sentence in more than one states (the gutter's mark).
        self.counts: dict[int, int] = {}
        self._members: tuple[int, ...] = ()
        # The roles in the current claim of its members that other claims hold too: such a
        # sentence shows the claim being walked, not its most notable one.
        self._walked_roles: dict[int, str] = {}
        self._lines: list[_Line] = []
        self._first_line: dict[int, int] = {}
        self._wrapped_width = 0
        # Rendered lines keyed by (line number, marker, role): moving between claims only
        # re-renders what scrolls into view.
        self._strips: dict[tuple[int, str, str], Strip] = {}
        self._set_article(article)

    # --- content ----------------------------------------------------------------------------
    def _set_article(self, article: Article) -> None:
        self.article = article
        sentences = article.sentences
        if not sentences:  # nothing segmented: still show the text
            sentences = (Sentence(0, article.text, 0, len(article.text)),)
        self.sentences: dict[int, Sentence] = {s.index: s for s in sentences}
        self.border_title = Content.assemble((f"{self.number} ", "bold"), shorten(literal(article.name), 60))
        self._wrapped_width = 0  # rewrap on the next render

    def set_article(self, article: Article) -> None:
        """Take the engine's version of the article (it may have marked more boilerplate)."""
        if article != self.article:
            self._set_article(article)
            self._changed()

    def set_roles(self, roles: dict[SentenceRef, str], counts: dict[SentenceRef, int] | None = None) -> None:
        """Each sentence's role (of its most notable claim) and, for a sentence in several
        claims, how many (`relations.claim_counts`)."""
        self.roles = {ref.sentence: role for ref, role in roles.items() if ref.article == self.article.id}
        self.counts = {ref.sentence: n for ref, n in (counts or {}).items() if ref.article == self.article.id}
        self._walked_roles = self._roles_in(self.claim)
        self._changed()

    def _changed(self) -> None:
        self._strips.clear()
        self._rewrap()
        self.refresh()

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._wrapped_width = width
        self._strips.clear()
        lines: list[_Line] = []
        first_line: dict[int, int] = {}
        for index, sentence in self.sentences.items():
            if lines:
                lines.append(_Line(-1, False, Content("")))
            first_line[index] = len(lines)
            body = Content(literal(sentence.text, one_line=True) or " ")
            for n, piece in enumerate(body.wrap(max(MIN_TEXT_WIDTH, width - self._gutter()))):
                lines.append(_Line(index, n == 0, piece))
        self._lines, self._first_line = lines, first_line
        self.virtual_size = Size(width, len(lines))

    def _gutter(self) -> int:
        return PREFIX + (MARK_COLUMN if self.counts else 0)

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._wrapped_width:
            self._rewrap()
            if self.sync:
                self.scroll_to_members()

    # --- rendering ----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._wrapped_width:
            self._rewrap()
        number = self.scroll_offset.y + y
        if not 0 <= number < len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[number]
        key = (number, self._marker(line), self._role(line.sentence))
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._render_strip(line, key[1], key[2], width)
        return strip

    def _role(self, index: int) -> str:
        """The role shown for sentence `index`: in the walked claim if it is one of its claims,
        else in its most notable claim."""
        return self._walked_roles.get(index) or self.roles.get(index, "")

    def _marker(self, line: _Line) -> str:
        """▶ opens the sentence of the current pair, ▌ runs along every member, else blank."""
        if line.sentence not in self._members:
            return " "
        return "▶" if line.first and line.sentence == self._pair_sentence() else "▌"

    def _render_strip(self, line: _Line, marker: str, role: str, width: int) -> Strip:
        if line.sentence < 0:
            return Strip.blank(width, self.rich_style)
        sentence = self.sentences[line.sentence]
        current = marker != " "
        look = ROLE_LOOKS.get(role)
        parts: list[tuple[str, str] | str | Content] = [
            (marker, ".article-pane--marker"),
            " ",
            (look.symbol, f"bold {look.style}") if look and line.first else " ",
        ]
        if self.counts:
            # Our own glyph (never article text) beside the symbol: this sentence states several claims.
            mark = claims_mark(self.counts.get(line.sentence, 0)) if line.first else ""
            parts.append((mark, f"bold {look.style}" if look else "bold") if mark else " ")
        content = Content.assemble(*parts, " ", line.text)
        content = content + " " * max(0, width - content.cell_length)
        if sentence.kind == "boilerplate":
            content = content.stylize_before(".article-pane--boilerplate")
        elif sentence.kind == "heading":
            content = content.stylize_before(".article-pane--heading")
        if current:
            content = content.stylize_before(".article-pane--current")
        return Visual.to_strips(self, content, width, 1, self.visual_style, pad=True)[0]

    def notify_style_update(self) -> None:
        # Theme or CSS changed: the cached lines hold the old colours.
        self._strips.clear()
        super().notify_style_update()

    # --- the current claim ----------------------------------------------------------------------
    def members(self, claim: Claim | None) -> tuple[int, ...]:
        if claim is None:
            return ()
        return tuple(m.sentence for m in claim.members if m.article == self.article.id and m.sentence in self.sentences)

    def highlighted(self) -> list[SentenceRef]:
        """The sentences shown as members of the current claim."""
        return [SentenceRef(self.article.id, index) for index in self._members]

    def line_of(self, index: int) -> int:
        """The first line (in the pane's own coordinates) of sentence `index`."""
        if not self._wrapped_width:
            self._rewrap()
        return self._first_line[index]

    def in_view(self, index: int) -> bool:
        """Whether sentence `index` starts inside the visible part of the pane."""
        top = self.scroll_offset.y
        return top <= self.line_of(index) < top + self.scrollable_content_region.height

    def _roles_in(self, claim: Claim | None) -> dict[int, str]:
        """The roles in `claim` of its members here that are in other claims too (the others
        already show this claim's role)."""
        if claim is None:
            return {}
        return {
            index: member_role(claim, SentenceRef(self.article.id, index))
            for index in self.members(claim)
            if index in self.counts
        }

    def watch_claim(self, claim: Claim | None) -> None:
        self._members = self.members(claim)
        self._walked_roles = self._roles_in(claim)
        self.refresh()
        self.set_class(claim is not None and not self._members, "-silent")
        self.border_subtitle = self._subtitle(claim)
        if self.sync:
            self.scroll_to_members()

    def watch_sync(self, sync: bool) -> None:
        if sync:
            self.scroll_to_members()

    def watch_pair(self, pair: Pair | None) -> None:
        self.refresh()
        if self.sync:
            self.scroll_to_members()

    def _pair_sentence(self) -> int | None:
        """This article's sentence in the current pair, if it has one."""
        if self.pair is not None:
            for ref in (self.pair.a, self.pair.b):
                if ref.article == self.article.id and ref.sentence in self._members:
                    return ref.sentence
        return None

    def scroll_to_members(self) -> None:
        """Bring the pair's sentence (else the first member) into view, a third of the way down
        so its context shows."""
        if not self._members:
            return
        if not self._wrapped_width:
            self.call_after_refresh(self.scroll_to_members)
            return
        target = self._pair_sentence()
        line = self._first_line[self._members[0] if target is None else target]
        self.scroll_to(y=max(0, line - self.scrollable_content_region.height // 3), animate=False, force=True)

    def _subtitle(self, claim: Claim | None) -> Content | None:
        if claim is None:
            return None
        if not self._members:
            return Content.styled("silent on this claim", "italic")
        roles = [member_role(claim, SentenceRef(self.article.id, index)) for index in self._members]
        look = ROLE_LOOKS[min(roles, key=ROLE_RANK.__getitem__)]
        count = f" ×{len(self._members)}" if len(self._members) > 1 else ""
        return Content.styled(f"{look.symbol} {look.name}{count}", f"bold {look.style}")

    # --- mouse ------------------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        number = self.scroll_offset.y + offset.y
        if 0 <= number < len(self._lines) and self._lines[number].sentence >= 0:
            self.post_message(SentenceClicked(SentenceRef(self.article.id, self._lines[number].sentence)))
