"""The comparison screen: article panes in sync with the current claim, the claim list and detail.

The screen owns the state (`current_claim`, `sync`, the query and the selection); the panes and
the overview are bound to it. It renders the engine's `Alignment` and never judges text itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input
from textual.worker import get_current_worker

from align.models import Alignment, Article, Claim, Pair, SentenceRef
from tui.alignment_job import Progress, run_cancellable
from tui.messages import AlignmentFailed, AlignmentProgress, AlignmentReady, SentenceClicked
from tui.relations import claim_counts, sentence_roles
from tui.safe_text import literal, shorten
from tui.screens.export import ExportScreen, propose_path
from tui.screens.filter import ALL, FilterScreen
from tui.state import (
    SORT_ORDERS,
    ClaimQuery,
    Selection,
    claim_after,
    claim_number,
    label_counts,
    notable_pair,
    position_text,
    shared_counts,
    visible_claims,
)
from tui.widgets.article_pane import ArticlePane
from tui.widgets.claim_detail import MAX_PAIRS_SHOWN, ClaimDetail
from tui.widgets.claim_table import ClaimTable
from tui.widgets.legend import Legend
from tui.widgets.overview import Overview
from tui.widgets.pair_view import PairView
from tui.widgets.pane_row import PaneRow
from tui.widgets.pane_switcher import PaneSwitcher
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_bar import StatusBar

AlignFn = Callable[[Progress], Alignment]

# The overview strip needs this many rows of terminal to be worth its space (v toggles it).
OVERVIEW_MIN_HEIGHT = 32
PAGE = 10


class MainScreen(Screen[None]):
    BINDING_GROUP_TITLE = "Compare"
    # Every key has an id and a description: the palette (tui/commands.py), the `?` screen and
    # CLAIM_KEYS below all read this list, so a key added here appears everywhere at once.
    BINDINGS = [
        Binding("j,down", "next_claim", "Next", tooltip="Next claim: every pane follows", id="next-claim"),
        Binding("k,up", "prev_claim", "Prev", tooltip="Previous claim", id="prev-claim", show=False),
        Binding("tab", "next_pane", "Pane", tooltip="Focus the next pane (claims, articles, detail)", id="next-pane"),
        Binding("shift+tab", "prev_pane", "Previous pane", id="prev-pane", show=False),
        Binding("space", "toggle_pick", "Pick", tooltip="Select or unselect the current pair", id="pick"),
        Binding("m", "export", "Export", tooltip="Export the selection as Markdown", id="export"),
        Binding("f", "filter", "Filter", tooltip="Show one relation only", id="filter"),
        Binding("slash", "search", "Search", tooltip="Search the claims' sentences", id="search"),
        Binding(
            "s",
            "toggle_sync",
            "Sync",
            tooltip="Sync on/off: off lets you scroll one pane freely",
            id="sync",
            show=False,
        ),
        Binding("right_square_bracket", "next_same", "Next same relation", id="next-same", show=False),
        Binding("left_square_bracket", "prev_same", "Previous same relation", id="prev-same", show=False),
        Binding("l,right", "next_pair", "Next pair of the claim", id="next-pair", show=False),
        Binding("h,left", "prev_pair", "Previous pair of the claim", id="prev-pair", show=False),
        Binding("L", "next_pair_page", "Pairs of a big claim: the next page", id="next-pair-page", show=False),
        Binding("H", "prev_pair_page", "Pairs of a big claim: the previous page", id="prev-pair-page", show=False),
        Binding("a", "pick_claim", "Select or unselect every pair of the claim", id="pick-claim", show=False),
        Binding("x", "clear_picks", "Clear the whole selection", id="clear-picks", show=False),
        Binding("y", "copy_pair", "Copy the current pair as Markdown", id="copy-pair", show=False),
        Binding("o", "cycle_order", "Sort: most notable, document order, most sources", id="order", show=False),
        Binding(
            "u",
            "fold_unsupported",
            "Fold or unfold the unsupported claims (one outlet only)",
            id="fold-unsupported",
            show=False,
        ),
        Binding("pagedown", "page_down", f"{PAGE} claims down", id="page-down", show=False),
        Binding("pageup", "page_up", f"{PAGE} claims up", id="page-up", show=False),
        Binding("g,home", "first_claim", "First claim", id="first-claim", show=False),
        Binding("G,end", "last_claim", "Last claim", id="last-claim", show=False),
        Binding("v", "toggle_overview", "Show or hide the overview strip", id="overview", show=False),
        Binding("escape", "clear_query", "Clear filter and search", id="clear-query", show=False),
        *(
            Binding(
                str(n),
                f"show_pane({n - 1})",
                f"Article {n}",
                tooltip="Show and focus article 1-9",
                id=f"article-{n}",
                show=False,
            )
            for n in range(1, 10)
        ),
    ]
    CLAIM_KEYS: ClassVar[frozenset[str]] = frozenset({
        "next-claim", "prev-claim", "first-claim", "last-claim", "page-down", "page-up",
        "next-same", "prev-same", "next-pair", "prev-pair", "next-pair-page", "prev-pair-page", "pick", "pick-claim",
        "copy-pair", "export", "filter", "search", "order", "clear-picks", "fold-unsupported",
    })  # fmt: skip
    """Ids of the keys that act on claims: disabled (dimmed in the footer) until the alignment exists."""
    UNDO_KEYS: ClassVar[frozenset[str]] = frozenset({"filter", "search", "export", "fold-unsupported"})
    """Ids of the claim keys that stay usable when no claim is shown: filter and search undo an
    empty result, and export still reaches a selection made before it."""

    current_claim: var[Claim | None] = var(None, always_update=True)
    """The claim the reader is on; panes and the overview are bound to it."""
    sync: var[bool] = var(True)
    """Whether moving to a claim scrolls every pane to its members."""
    current_pair: var[Pair | None] = var(None, always_update=True)
    """The pair of the current claim that space, y and the panes' ▶ act on (None: no pairs)."""

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        align_fn: AlignFn | None = None,
        alignment: Alignment | None = None,
        export_dir: Path | None = None,
        command: str | None = None,
    ) -> None:
        super().__init__()
        self.command = command
        self.articles: tuple[Article, ...] = tuple(alignment.articles if alignment else articles)
        self._align_fn = align_fn
        self._initial = alignment
        self.export_dir = export_dir or Path.cwd()
        self.alignment: Alignment | None = None
        self.query_state = ClaimQuery()
        self.claims: list[Claim] = []
        self.index: int | None = None
        self.pair_index = 0
        self.selection = Selection()
        self.overview_wanted: bool | None = None  # None: decided by the terminal's height
        # Whether some sentence is in several claims (and so carries the mark): the legend and
        # the help explain the mark only then.
        self.many_claims = False

    # --- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Overview(self.articles, id="overview").data_bind(claim=MainScreen.current_claim)
        yield PaneSwitcher(id="switcher")
        yield PaneRow(
            *(
                ArticlePane(article, number).data_bind(
                    claim=MainScreen.current_claim, sync=MainScreen.sync, pair=MainScreen.current_pair
                )
                for number, article in enumerate(self.articles, 1)
            ),
            id="panes",
        )
        with Horizontal(id="bottom"):
            yield ClaimTable(id="claims")
            yield ClaimDetail(id="detail")
        yield SearchBar(id="search")
        yield Legend(id="legend")
        yield Footer(compact=True)

    @property
    def panes(self) -> list[ArticlePane]:
        return self.query_one(PaneRow).panes

    def on_mount(self) -> None:
        # While the app runs Textual swallows stderr; the engine's warnings (printed there by the
        # command line's `warn`) would be lost, so show them as notifications instead.
        self.app.begin_capture_print(self, stdout=False, stderr=True)
        self.query_one(SearchBar).display = False
        self.query_one(ClaimTable).focus()
        self._update_flags()
        if self._initial is not None:
            self.show_alignment(self._initial)
        elif self._align_fn is not None:
            self.query_one(StatusBar).set_progress(0.0, "starting the engine…")
            self.query_one(StatusBar).start_clock()
            self.run_alignment()
        else:
            self.query_one(StatusBar).set_progress(None, "no alignment")

    def on_resize(self) -> None:
        self._fit_panes()
        self._fit_overview()

    def _fit_panes(self) -> None:
        """Show as many panes as fit side by side; a switcher says which ones when not all do."""
        row = self.query_one(PaneRow)
        self._show_window(row.arrange_window(self.size.width))

    def _show_window(self, shown: range, focused: int | None = None) -> None:
        row = self.query_one(PaneRow)
        switcher = self.query_one(PaneSwitcher)
        switcher.display = len(shown) < len(row.panes)
        switcher.show_window(self.articles, shown, row.focused_number() if focused is None else focused)

    def _fit_overview(self) -> None:
        wanted = self.overview_wanted
        if wanted is None:
            wanted = self.size.height >= OVERVIEW_MIN_HEIGHT
        self.query_one(Overview).display = wanted

    # --- the engine -------------------------------------------------------------------------
    def _post_progress(self, fraction: float, text: str) -> None:
        """The engine's progress callback, from the worker thread: a message to the screen."""
        self.post_message(AlignmentProgress(fraction, text))

    @work(thread=True, exclusive=True, exit_on_error=False, group="align", name="align")
    def run_alignment(self) -> None:
        assert self._align_fn is not None
        worker = get_current_worker()
        started = time.monotonic()
        try:
            alignment = run_cancellable(
                self._align_fn,
                self._post_progress,
                lambda: worker.is_cancelled,
            )
        except Exception as error:  # any engine failure: report it, keep the articles readable
            self.post_message(AlignmentFailed(error))
            return
        if alignment is not None:
            self.post_message(AlignmentReady(alignment, time.monotonic() - started))

    def on_print(self, event: events.Print) -> None:
        # Only warnings: libraries also write progress bars and chatter to stderr.
        for line in event.text.splitlines():
            if "warning:" in line.lower():
                self.notify(shorten(literal(line.strip()), 300), severity="warning", timeout=8, markup=False)

    @on(AlignmentProgress)
    def _progress(self, message: AlignmentProgress) -> None:
        self.query_one(StatusBar).set_progress(message.fraction, literal(message.text, one_line=True))

    @on(AlignmentReady)
    def _ready(self, message: AlignmentReady) -> None:
        self.show_alignment(message.alignment, seconds=message.seconds)

    @on(AlignmentFailed)
    def _failed(self, message: AlignmentFailed) -> None:
        error = literal(str(message.error) or type(message.error).__name__, one_line=True)
        self.query_one(StatusBar).set_progress(None, "alignment failed: articles only")
        self.query_one(ClaimDetail).show_message(f"The alignment failed: {error}")
        self.notify(f"Alignment failed: {error}", severity="error", timeout=12, markup=False)

    def show_alignment(self, alignment: Alignment, seconds: float | None = None) -> None:
        """Render a finished alignment: roles in every pane, the claim list, the first claim."""
        self.alignment = alignment
        roles, counts = sentence_roles(alignment), claim_counts(alignment)
        by_id = {a.id: a for a in alignment.articles}
        for pane in self.panes:
            if pane.article.id in by_id:
                pane.set_article(by_id[pane.article.id])
                pane.set_roles(roles, counts)
        self.many_claims = bool(counts)
        self.query_one(Legend).many_claims = self.many_claims
        # The engine's versions of the articles, in the panes' order (overview rows match panes).
        self.articles = tuple(pane.article for pane in self.panes)
        shared = shared_counts(alignment)
        self.query_one(Overview).set_roles(self.articles, roles, shared)
        took = f" in {seconds:.1f} s" if seconds is not None else ""
        both = sum(1 for claim in alignment.claims if len(claim.articles) > 1)
        per_outlet = " · ".join(
            f"{shorten(literal(a.outlet or a.name, one_line=True), 16)} {shared.get(a.id, 0)}" for a in self.articles
        )
        self.query_one(StatusBar).set_progress(
            None,
            f"{len(alignment.claims)} claim{'' if len(alignment.claims) == 1 else 's'}, {both} shared{took} · each shares: {per_outlet}",
        )
        self.apply_query(self.query_state)
        if not alignment.claims:
            self.query_one(ClaimDetail).show_message("The engine found no claims in these articles.")
        self.refresh_bindings()

    # --- claims -----------------------------------------------------------------------------
    def apply_query(self, query: ClaimQuery) -> None:
        """Show the claims `query` keeps, staying on the current claim when it is still shown."""
        if self.alignment is None:
            return
        current = self.current_claim
        self.query_state = query
        self.claims = visible_claims(self.alignment, query)
        folded = 0  # how many the fold hides, for its heading row: a second pass only while folded
        if query.fold_unsupported:
            folded = len(visible_claims(self.alignment, replace(query, fold_unsupported=False))) - len(self.claims)
        table = self.query_one(ClaimTable)
        marks = {c.id: self.selection.state(c) for c in self.claims}
        with table.prevent(DataTable.RowHighlighted):
            table.show_claims(self.alignment, self.claims, marks, folded)
        ids = [c.id for c in self.claims]
        keep = current is not None and current.id in ids
        self.go_to(ids.index(current.id) if keep and current else 0, pair=self.pair_index if keep else None)
        self._update_flags()

    def go_to(self, index: int | None, pair: int | None = None) -> None:
        """Make claim `index` (of the shown claims) current; every view follows. The current pair
        is `pair`, or the one that gave the claim its label (so space picks what the label shows)."""
        if not self.claims or index is None:
            self.index, claim = None, None
        else:
            self.index = max(0, min(index, len(self.claims) - 1))
            claim = self.claims[self.index]
        if pair is None and claim is not None and claim == self.current_claim:
            pair = self.pair_index  # staying on the claim (a move past either end) keeps the pair
        if pair is None:
            pair = notable_pair(claim) if claim else 0
        self.pair_index = max(0, min(pair, len(claim.pairs) - 1)) if claim and claim.pairs else 0
        self.current_claim = claim
        self.current_pair = claim.pairs[self.pair_index] if claim and claim.pairs else None
        table = self.query_one(ClaimTable)
        if self.index is not None and table.cursor_row != table.row_of(self.index):
            with table.prevent(DataTable.RowHighlighted):
                table.move_cursor(row=table.row_of(self.index), animate=False)
        self._show_detail()
        total = len(self.alignment.claims) if self.alignment else 0
        self.query_one(StatusBar).set_position(position_text(self.index, self.claims, total))

    def _show_detail(self) -> None:
        if self.alignment is not None:
            self.query_one(ClaimDetail).show(self.alignment, self.current_claim, self.pair_index, self.selection)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None: shown but disabled in the footer. Claim keys wait for the alignment, and for at
        # least one shown claim (filter and search stay usable to undo an empty result).
        if action not in NEEDS_CLAIMS:
            return True
        if self.alignment is None:
            return None
        return True if self.claims or action in WORKS_WITHOUT_SHOWN_CLAIMS else None

    def action_next_claim(self) -> None:
        self.go_to((self.index or 0) + 1)

    def action_prev_claim(self) -> None:
        self.go_to((self.index or 0) - 1)

    def action_page_down(self) -> None:
        self.go_to((self.index or 0) + PAGE)

    def action_page_up(self) -> None:
        self.go_to((self.index or 0) - PAGE)

    def action_first_claim(self) -> None:
        self.go_to(0)

    def action_last_claim(self) -> None:
        self.go_to(len(self.claims) - 1)

    def _same_relation(self, step: int) -> None:
        claim, index = self.current_claim, self.index
        if claim is None or index is None:
            return
        position = index + step
        while 0 <= position < len(self.claims):
            if self.claims[position].label == claim.label:
                self.go_to(position)
                return
            position += step
        where = "later" if step > 0 else "earlier"
        self.notify(f"No {where} {claim.label} claim.", timeout=3)

    def action_next_same(self) -> None:
        self._same_relation(+1)

    def action_prev_same(self) -> None:
        self._same_relation(-1)

    def action_next_pair(self) -> None:
        self.go_to(self.index, pair=self.pair_index + 1)

    def action_prev_pair(self) -> None:
        self.go_to(self.index, pair=self.pair_index - 1)

    def action_next_pair_page(self) -> None:
        # A claim can hold hundreds of pairs; the detail shows a page of them around the current.
        self.go_to(self.index, pair=self.pair_index + MAX_PAIRS_SHOWN)

    def action_prev_pair_page(self) -> None:
        self.go_to(self.index, pair=self.pair_index - MAX_PAIRS_SHOWN)

    @on(DataTable.RowHighlighted, "#claims")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one(ClaimTable)
        index = table.index_of(event.cursor_row)
        if index is None:
            # The section's heading row (only a click reaches it: the claim keys skip it) folds
            # or unfolds the section; the current claim stays current.
            self.action_fold_unsupported()
            return
        if index != self.index:
            self.go_to(index)

    @on(DataTable.HeaderSelected, "#claims")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        order = {"number": "document", "relation": "relation", "sources": "sources"}.get(str(event.column_key.value))
        if order:
            self.apply_query(replace(self.query_state, order=order))

    def action_fold_unsupported(self) -> None:
        """Fold the unsupported section away (or bring it back); stay on the claim if still shown."""
        fold = not self.query_state.fold_unsupported
        self.apply_query(replace(self.query_state, fold_unsupported=fold))
        self.notify("Unsupported claims folded (u shows them)." if fold else "Unsupported claims shown.", timeout=3)

    @on(SentenceClicked)
    def _sentence_clicked(self, event: SentenceClicked) -> None:
        self.jump_to_sentence(event.ref)

    def jump_to_sentence(self, ref: SentenceRef) -> None:
        """Make the claim of sentence `ref` current (clearing a filter that hides it); a sentence
        in several claims goes to the next of them, so repeated clicks walk them all."""
        if self.alignment is None:
            self.notify("The claims are not ready yet.", timeout=3)
            return
        claim = claim_after(self.alignment, ref, self.current_claim)
        if claim is None:
            try:
                sentence = self.alignment.sentence(ref)
            except (KeyError, IndexError):  # a pane the engine dropped: nothing to jump to
                return
            why = f" ({literal(sentence.reason, one_line=True)})" if sentence.reason else ""
            self.notify(f"Boilerplate{why}: not part of any claim.", timeout=4, markup=False)
            return
        if claim.id not in [c.id for c in self.claims]:
            self.apply_query(ClaimQuery(order=self.query_state.order))
            self.notify("Filter, search and fold cleared to show that claim.", timeout=3)
        pair = next((n for n, p in enumerate(claim.pairs) if ref in (p.a, p.b)), None)
        self.go_to([c.id for c in self.claims].index(claim.id), pair=pair)

    @on(PaneSwitcher.Chosen)
    def _pane_chosen(self, event: PaneSwitcher.Chosen) -> None:
        self.action_show_pane(event.number)

    @on(PairView.Clicked)
    def _pair_clicked(self, event: PairView.Clicked) -> None:
        self.go_to(self.index, pair=event.index)

    # --- selection and export --------------------------------------------------------------
    def action_toggle_pick(self) -> None:
        if (claim := self.current_claim) is not None:
            self.selection.toggle(claim, self.pair_index)
            self._picks_changed(claim)

    def action_pick_claim(self) -> None:
        if (claim := self.current_claim) is not None:
            self.selection.toggle_claim(claim)
            self._picks_changed(claim)

    def action_clear_picks(self) -> None:
        count = len(self.selection)
        if not count:
            return
        self.selection.clear()
        table = self.query_one(ClaimTable)
        for claim in self.claims:
            table.set_mark(claim, "none")
        self._show_detail()
        self._update_flags()
        self.notify(f"Selection cleared ({count} pair{'s' if count != 1 else ''}).", timeout=3)

    def _picks_changed(self, claim: Claim) -> None:
        self.query_one(ClaimTable).set_mark(claim, self.selection.state(claim))
        self._show_detail()
        self._update_flags()

    def _markdown(self, selection: dict[int, list[int] | None], title: str | None = None) -> str:
        from align.markdown import render_markdown  # the engine's one Markdown format

        assert self.alignment is not None
        return render_markdown(self.alignment, selection, title=title, command=self.command)

    def action_copy_pair(self) -> None:
        claim = self.current_claim
        if claim is None:
            return
        number = claim_number(claim)
        what = f"claim {number}, pair {self.pair_index + 1}" if claim.pairs else f"claim {number}"
        try:
            text = self._markdown({claim.id: [self.pair_index] if claim.pairs else None}, title=what.capitalize())
        except Exception as error:  # copying is a convenience: report, never crash
            self.notify(f"Could not copy: {error}", severity="error", markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {what} as Markdown.", timeout=3)

    def action_export(self) -> None:
        if not len(self.selection):
            self.notify("Nothing selected: press space on a pair (a for a whole claim), then m.", severity="warning")
            return
        count, claims = len(self.selection), self.selection.claim_count()
        summary = f"{count} selected pair{'s' if count != 1 else ''} from {claims} claim{'s' if claims != 1 else ''}"
        self.app.push_screen(ExportScreen(propose_path(self.export_dir), summary, self._write_export), self._exported)

    def _write_export(self, path: Path, force: bool) -> None:
        from align.store.atomic_file import write_atomic

        write_atomic(path, self._markdown(self.selection.as_mapping()), force=force)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            count = len(self.selection)
            self.notify(
                f"Exported {count} selected pair{'s' if count != 1 else ''} to {literal(str(path))}",
                timeout=6,
                markup=False,
            )

    # --- filter, search, order -------------------------------------------------------------
    def action_filter(self) -> None:
        if self.alignment is None:
            return
        self.app.push_screen(FilterScreen(label_counts(self.alignment), self.query_state.relation), self._filter_chosen)

    def _filter_chosen(self, choice: str | None) -> None:
        if choice is not None:
            self.apply_query(replace(self.query_state, relation=None if choice == ALL else choice))

    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        bar.display = True
        bar.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.apply_query(replace(self.query_state, search=event.value))

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        bar = self.query_one(SearchBar)
        bar.display = bool(event.value)
        self.query_one(ClaimTable).focus()

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        bar = self.query_one(SearchBar)
        bar.value = ""
        bar.display = False
        self.apply_query(replace(self.query_state, search=""))
        self.query_one(ClaimTable).focus()

    def action_clear_query(self) -> None:
        if self.query_state.relation or self.query_state.search:
            bar = self.query_one(SearchBar)
            with bar.prevent(Input.Changed):
                bar.value = ""
            bar.display = False
            self.apply_query(replace(self.query_state, relation=None, search=""))

    def action_cycle_order(self) -> None:
        orders = list(SORT_ORDERS)
        following = orders[(orders.index(self.query_state.order) + 1) % len(orders)]
        self.apply_query(replace(self.query_state, order=following))
        self.notify(f"Sorted: {SORT_ORDERS[following]}", timeout=2)

    # --- panes ------------------------------------------------------------------------------
    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self._update_flags()
        self.notify("Sync on: panes follow the claim." if self.sync else "Sync off: scroll any pane freely.", timeout=3)

    def action_toggle_overview(self) -> None:
        self.overview_wanted = not self.query_one(Overview).display
        self._fit_overview()

    def _focus_ring(self) -> list:
        return [self.query_one(ClaimTable), *self.panes, self.query_one(ClaimDetail)]

    def _cycle_focus(self, step: int) -> None:
        ring = self._focus_ring()
        current = next((n for n, w in enumerate(ring) if w.has_focus), 0)
        target = ring[(current + step) % len(ring)]
        if isinstance(target, ArticlePane):
            self.action_show_pane(self.panes.index(target))
        else:
            target.focus()
            self._fit_panes()

    def action_next_pane(self) -> None:
        self._cycle_focus(+1)

    def action_prev_pane(self) -> None:
        self._cycle_focus(-1)

    def action_show_pane(self, number: int) -> None:
        row = self.query_one(PaneRow)
        panes = row.panes
        if 0 <= number < len(panes):
            shown = row.bring_into_view(number)
            panes[number].focus()  # takes effect after this handler: tell the switcher directly
            self._show_window(shown, focused=number)

    def _update_flags(self) -> None:
        self.query_one(StatusBar).set_flags(len(self.selection), self.query_state, self.sync)


def _actions(ids: frozenset[str]) -> frozenset[str]:
    # Only a Binding has an id (BINDINGS may also hold tuples): the marked keys are Bindings.
    return frozenset(b.action for b in MainScreen.BINDINGS if isinstance(b, Binding) and b.id in ids)


# The actions behind the marked keys, which `check_action` receives.
NEEDS_CLAIMS = _actions(MainScreen.CLAIM_KEYS)
WORKS_WITHOUT_SHOWN_CLAIMS = _actions(MainScreen.UNDO_KEYS)
