"""When not every pane fits: which articles are on screen; click one (or press its number) to show it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from align.models import Article
from tui.safe_text import literal, shorten

HINT = "  tab/1-9"


class PaneSwitcher(Static):
    """`▸1 Title │▸2 Title │ 3 Title`: the shown ones reversed and marked ▸, the focused one bold."""

    @dataclass
    class Chosen(Message):
        """The reader clicked an article's name."""

        number: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int]] = []  # cell range of each article's entry

    def show_window(self, articles: list[Article] | tuple[Article, ...], shown: range, focused: int | None) -> None:
        # Each entry: marker, number, space, title, space, separator.
        room = (self.size.width or 80) - 2 - len(HINT)
        width = max(3, room // max(len(articles), 1) - 5)
        parts: list[tuple[str, str] | str] = []
        self._spans, cursor = [], 0
        for number, article in enumerate(articles):
            if parts:
                parts.append(("│", "dim"))
                cursor += 1
            visible = number in shown
            style = "reverse" if visible else "dim"
            if number == focused:
                style += " bold"
            entry = Content(f"{'▸' if visible else ' '}{number + 1} {shorten(literal(article.name), width)} ")
            parts.append((entry.plain, style))
            self._spans.append((cursor, cursor + entry.cell_length))
            cursor += entry.cell_length
        parts.append((HINT, "dim italic"))
        self.update(Content.assemble(*parts))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for number, (start, end) in enumerate(self._spans):
            if start <= offset.x < end:
                self.post_message(self.Chosen(number))
                return
