"""The top line: where the reader is ("claim 3 of 12"), picks, filter, sync, and alignment progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ProgressBar

from tui.relations import LOOKS
from tui.safe_text import literal, shorten
from tui.state import DEFAULT_ORDER, SORT_ORDERS, ClaimQuery


class StatusBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Label(Content.styled("compare", "bold"), id="app-name")
        yield Label("", id="position")
        yield Label("", id="flags")
        yield ProgressBar(total=1.0, show_eta=False, id="progress")
        yield Label("", id="progress-text")

    def set_position(self, text: str) -> None:
        self.query_one("#position", Label).update(Content(text))

    def set_flags(self, selected: int, query: ClaimQuery, sync: bool) -> None:
        """How many pairs are selected, what hides claims, and whether panes follow."""
        parts: list[tuple[str, str] | str] = [
            (f"● {selected} selected", "bold") if selected else ("○ none selected", "dim")
        ]
        if query.relation:
            look = LOOKS[query.relation]
            parts += [" · only ", (f"{look.symbol} {look.name}", f"bold {look.style}")]
        if query.search:
            parts.append(f" · search {shorten(literal(query.search), 24)!r}")
        if query.order != DEFAULT_ORDER:
            parts.append(f" · {SORT_ORDERS[query.order]}")
        if query.fold_unsupported:
            parts.append(" · unsupported folded")
        parts.append(" · sync on" if sync else (" · sync OFF", "bold $text-warning"))
        self.query_one("#flags", Label).update(Content.assemble(*parts))

    def set_progress(self, fraction: float | None, text: str) -> None:
        """Show the engine's progress; `fraction=None` hides the bar and keeps the text."""
        bar = self.query_one("#progress", ProgressBar)
        bar.display = fraction is not None
        if fraction is not None:
            bar.update(progress=fraction)
        self.query_one("#progress-text", Label).update(Content(text))
