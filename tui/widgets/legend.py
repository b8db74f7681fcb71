"""The key to the colours: every role's symbol and name, on one line that wraps when narrow."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from tui.relations import MANY_CLAIMS_HINT, ROLE_LOOKS

# Below this width the diff markers are left to the help screen, to keep the legend short.
DIFF_HINT_MIN_WIDTH = 130


def legend_content(*, with_diff: bool = True, many_claims: bool = False) -> Content:
    parts: list[tuple[str, str] | str] = []
    for look in ROLE_LOOKS.values():
        if parts:
            parts.append("  ")
        parts.append((f"{look.symbol} {look.name}", f"bold {look.style}"))
    if many_claims:
        marks, meaning = MANY_CLAIMS_HINT
        parts += ["  ", (f"{marks} {meaning}", "bold")]
    if with_diff:
        parts.append(("   diff: [-removed-] {+added+}", "dim"))
    return Content.assemble(*parts)


class Legend(Widget):
    many_claims: reactive[bool] = reactive(False, layout=True)
    """Whether some sentence is in several claims: only then does the legend explain its mark."""

    def _content(self, width: int) -> Content:
        return legend_content(with_diff=width >= DIFF_HINT_MIN_WIDTH, many_claims=self.many_claims)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._content(width).wrap(max(width, 1)))

    def render(self) -> Content:
        return self._content(self.size.width)
