"""The top line: where the reader is ("claim 3 of 12"), picks, filter, sync, and alignment progress."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Label, ProgressBar

from tui.relations import LOOKS
from tui.safe_text import literal, shorten
from tui.state import DEFAULT_ORDER, SORT_ORDERS, ClaimQuery

# How often the elapsed time is redrawn while the engine works: twice a second, so the whole
# seconds shown change every second even when a tick comes late.
CLOCK_TICK_SECONDS = 0.5


class StatusBar(Horizontal):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stage = ""
        self._started: float | None = None
        self._clock: Timer | None = None

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

    def start_clock(self) -> None:
        """Count the seconds beside the stage until the work is done (`set_progress(None, …)`):
        a stage that takes long (importing PyTorch) then never looks frozen."""
        self._started = time.monotonic()
        if self._clock is None:
            self._clock = self.set_interval(CLOCK_TICK_SECONDS, self._show_stage)
        self._show_stage()

    def set_progress(self, fraction: float | None, text: str) -> None:
        """Show the engine's progress (`text` is the stage); `fraction=None` means the work is
        over: the bar and the clock go, the text stays."""
        bar = self.query_one("#progress", ProgressBar)
        bar.display = fraction is not None
        if fraction is not None:
            bar.update(progress=fraction)
        else:
            self._started = None
            if self._clock is not None:
                self._clock.stop()
                self._clock = None
        self._stage = text
        self._show_stage()

    def _show_stage(self) -> None:
        # The clock first: on a narrow screen a long stage is cut at its end, never the clock.
        elapsed = "" if self._started is None else f"{int(time.monotonic() - self._started)} s · "
        self.query_one("#progress-text", Label).update(Content(elapsed + self._stage))
