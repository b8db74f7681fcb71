"""The key to the colours: every role's symbol and name, on one line that wraps when narrow."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tui.relations import ROLE_LOOKS


def legend_content(*, with_diff: bool = True) -> Content:
    parts: list[tuple[str, str] | str] = []
    for look in ROLE_LOOKS.values():
        if parts:
            parts.append("  ")
        parts.append((f"{look.symbol} {look.name}", f"bold {look.style}"))
    if with_diff:
        parts.append(("   diff: [-removed-] {+added+}", "dim"))
    return Content.assemble(*parts)


class Legend(Static):
    # Below this width the diff markers are left to the help screen, to keep the legend short.
    DIFF_HINT_MIN_WIDTH = 130

    def __init__(self, **kwargs) -> None:
        super().__init__(legend_content(), **kwargs)

    def on_resize(self) -> None:
        self.update(legend_content(with_diff=self.size.width >= self.DIFF_HINT_MIN_WIDTH))
