"""The top line: where the reader is ("claim 3 of 12"), filters, picks, sync, and alignment progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ProgressBar


class StatusBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Label(Content.styled("compare", "bold"), id="app-name")
        yield Label("", id="position")
        yield Label("", id="flags")
        yield ProgressBar(total=1.0, show_eta=False, id="progress")
        yield Label("", id="progress-text")

    def set_position(self, text: str) -> None:
        self.query_one("#position", Label).update(Content(text))

    def set_flags(self, content: Content) -> None:
        self.query_one("#flags", Label).update(content)

    def set_progress(self, fraction: float | None, text: str) -> None:
        """Show the engine's progress; `fraction=None` hides the bar and keeps the text."""
        bar = self.query_one("#progress", ProgressBar)
        bar.display = fraction is not None
        if fraction is not None:
            bar.update(progress=fraction)
        self.query_one("#progress-text", Label).update(Content(text))
