"""The `/` search line: filters claims as the reader types; escape clears it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    BINDINGS = [Binding("escape", "cancel", "Clear search", show=True)]

    @dataclass
    class Cancelled(Message):
        """The reader left the search with escape."""

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="search claims (enter: done, escape: clear)", **kwargs)

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
