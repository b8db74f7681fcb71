"""The article panes side by side: as many as fit the width, the others a key away.

Below MIN_PANE_WIDTH columns a pane is unreadable, so on a narrow terminal the row shows a
window of consecutive panes and slides it to whichever pane the reader asks for.
"""

from __future__ import annotations

from textual.containers import Horizontal

from tui.widgets.article_pane import ArticlePane

MIN_PANE_WIDTH = 38


class PaneRow(Horizontal):
    """The screen passes its width in: on a resize the row's own size is not laid out yet."""

    def __init__(self, *panes: ArticlePane, **kwargs) -> None:
        super().__init__(*panes, **kwargs)
        self.first_shown = 0
        self.available_width = 0

    @property
    def panes(self) -> list[ArticlePane]:
        return list(self.query_children(ArticlePane))

    def fits(self) -> int:
        """How many panes fit side by side (at least one)."""
        return max(1, min(len(self.panes), (self.available_width or self.size.width) // MIN_PANE_WIDTH))

    def shown(self) -> range:
        return range(self.first_shown, self.first_shown + self.fits())

    def arrange_window(self, width: int | None = None) -> range:
        """Show the panes of the current window for `width` columns, hide the rest; returns the window."""
        if width is not None:
            self.available_width = width
        panes = self.panes
        fit = self.fits()
        self.first_shown = max(0, min(self.first_shown, len(panes) - fit))
        shown = self.shown()
        for number, pane in enumerate(panes):
            became_visible = number in shown and not pane.display
            pane.display = number in shown
            if became_visible and pane.sync:
                pane.call_after_refresh(pane.scroll_to_members)
        return shown

    def bring_into_view(self, number: int) -> range:
        """Slide the window (as little as possible) so pane `number` shows."""
        fit = self.fits()
        if number < self.first_shown:
            self.first_shown = number
        elif number >= self.first_shown + fit:
            self.first_shown = number - fit + 1
        return self.arrange_window()

    def focused_number(self) -> int | None:
        return next((n for n, pane in enumerate(self.panes) if pane.has_focus), None)
