"""When not every pane fits: which articles are on screen, and how to bring the others in."""

from __future__ import annotations

from align.models import Article
from textual.content import Content
from textual.widgets import Static

from tui.safe_text import literal, shorten


class PaneSwitcher(Static):
    """`1 Title │ 2 Title │ …`, the shown ones highlighted (and marked ▸) , the focused one bold."""

    def show_window(self, articles: list[Article] | tuple[Article, ...], shown: range, focused: int | None) -> None:
        hint = "  tab/1-9"
        # Each entry: marker, number, space, title, space, separator.
        room = (self.size.width or 80) - 2 - len(hint)
        width = max(3, room // max(len(articles), 1) - 5)
        parts: list[tuple[str, str] | str] = []
        for number, article in enumerate(articles):
            if parts:
                parts.append(("│", "dim"))
            visible = number in shown
            style = "reverse" if visible else "dim"
            if number == focused:
                style += " bold"
            marker = "▸" if visible else " "
            parts.append((f"{marker}{number + 1} {shorten(literal(article.title), width)} ", style))
        parts.append((hint, "dim italic"))
        self.update(Content.assemble(*parts))
