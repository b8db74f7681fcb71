"""A heat-map strip per article: where along its text it agrees, inflates, contradicts or stands alone.

Each cell stands for a stretch of sentences and shows the most notable role among them, as a
symbol in its colour; cells holding the current claim are reversed. Clicking a cell jumps there.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from align.models import Article, Claim, SentenceRef
from tui.messages import SentenceClicked
from tui.relations import ROLE_LOOKS, ROLE_RANK
from tui.safe_text import literal, shorten

LABEL_WIDTH = 24


class Overview(Widget):
    """One row per article."""

    claim: reactive[Claim | None] = reactive(None)
    """The current claim (bound to the screen's `current_claim`)."""

    def __init__(self, articles: tuple[Article, ...] | list[Article], **kwargs) -> None:
        super().__init__(**kwargs)
        self.articles = tuple(articles)
        self.roles: dict[SentenceRef, str] = {}
        self.shared: dict[str, int] = {}
        self._cached: tuple[int, list] = (0, [])

    def set_roles(
        self, articles: tuple[Article, ...], roles: dict[SentenceRef, str], shared: dict[str, int] | None = None
    ) -> None:
        """Colour the strips; `shared` (claims each article shares with the others) labels each row."""
        self.articles, self.roles, self.shared = articles, roles, shared or {}
        self._cached = (0, [])
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.articles)

    def _cells(self, article: Article, width: int) -> list[list[int]]:
        """Sentence indices per cell; short articles stretch so every strip spans the width."""
        count = len(article.sentences)
        if not count or width <= 0:
            return []
        cells = []
        for cell in range(width):
            start = cell * count // width
            cells.append(list(range(start, max(start + 1, (cell + 1) * count // width))))
        return cells

    def _base_rows(self, width: int) -> list[list[tuple[str, str, frozenset[SentenceRef]]]]:
        """Per article, per cell: symbol, style and the sentences it stands for (cached per width)."""
        if self._cached[0] != width:
            rows = []
            for article in self.articles:
                cells = []
                for indices in self._cells(article, width):
                    refs = frozenset(SentenceRef(article.id, i) for i in indices)
                    roles = [self.roles[r] for r in refs if r in self.roles]
                    look = ROLE_LOOKS.get(min(roles, key=ROLE_RANK.__getitem__)) if roles else None
                    cells.append((look.symbol, look.style, refs) if look else ("─", "$text-disabled", refs))
                rows.append(cells)
            self._cached = (width, rows)
        return self._cached[1]

    def render(self) -> Content:
        width = max(self.size.width - LABEL_WIDTH, 1)
        members = set(self.claim.members) if self.claim else set()
        rows = []
        for number, (article, cells) in enumerate(zip(self.articles, self._base_rows(width)), 1):
            # "1 fox · GOP Senat…  12⇄│": the outlet first, so a cut title still names it, and
            # how many claims this article shares with the others.
            count = f" {self.shared[article.id]}⇄" if article.id in self.shared else ""
            name = Content(shorten(f"{number} {literal(article.name)}", LABEL_WIDTH - 2 - len(count)))
            # Pad by cells, not characters: a title may open with emoji two cells wide.
            label = name.plain + " " * (LABEL_WIDTH - 2 - len(count) - name.cell_length) + count + "│ "
            parts: list[tuple[str, str] | str] = [(label, "dim")]
            for symbol, style, refs in cells:
                parts.append((symbol, f"{style} reverse bold" if members and not members.isdisjoint(refs) else style))
            rows.append(Content.assemble(*parts))
        return Content("\n").join(rows)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row, column = offset.y, offset.x - LABEL_WIDTH
        if not (0 <= row < len(self.articles)) or column < 0:
            return
        article = self.articles[row]
        cells = self._cells(article, max(self.size.width - LABEL_WIDTH, 1))
        if column < len(cells):
            self.post_message(SentenceClicked(SentenceRef(article.id, cells[column][0])))
