"""The list of claims: pick mark, number, relation, number of sources, a short text.

Shared claims come first; the unsupported ones (a claim only one outlet makes) follow under a
section row of their own, which says how many there are and folds them away (`u`, or a click).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.markup import parse_style
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from align.models import Alignment, Claim
from tui.relations import LOOKS
from tui.safe_text import literal, shorten
from tui.state import claim_number

# "●" all of a claim's pairs picked, "◐" some; shapes so the mark reads without colour.
PICK_MARKS = {"none": " ", "some": "◐", "all": "●"}
NUMBER_WIDTH, SOURCES_WIDTH = 4, 3
RELATION_WIDTH = 15  # "≠ contradiction"; below WIDE_TABLE only the symbol
WIDE_TABLE = 64
CELL_PADDING = 2  # DataTable pads each cell by one on either side
# Keys of the columns whose width follows the table's (add_column names them the same).
RELATION_COLUMN, TEXT_COLUMN = ColumnKey("relation"), ColumnKey("text")
SECTION_KEY = "section-unsupported"


class ClaimTable(DataTable, inherit_bindings=False):
    """Rows keyed by claim id. The screen moves the cursor; the table never decides the claim.

    It has no keys of its own: up/down, page keys and g/G are the screen's claim moves, so they
    act the same whichever pane has focus (left/right move between pairs, not columns).
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._claims: Sequence[Claim] = ()
        self._alignment: Alignment | None = None
        self._marks: dict[int, str] = {}
        self._section_row: int | None = None  # the row of the unsupported section's heading
        self._folded = 0  # unsupported claims folded away (the section row counts them)

    def on_mount(self) -> None:
        # Relation colours come from the theme; repaint the rows when it changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._refill())
        relation, text = self._widths()
        self.add_column("●", key="pick", width=1)
        self.add_column("#", key="number", width=NUMBER_WIDTH)
        self.add_column("relation", key="relation", width=relation)
        self.add_column("src", key="sources", width=SOURCES_WIDTH)
        self.add_column("claim", key="text", width=text)

    def _widths(self) -> tuple[int, int]:
        """Widths of the relation and text columns: the text takes what is left."""
        width = self.scrollable_content_region.width
        relation = RELATION_WIDTH if width >= WIDE_TABLE else 1
        fixed = 1 + NUMBER_WIDTH + relation + SOURCES_WIDTH + 5 * CELL_PADDING
        return relation, max(8, width - fixed)

    def show_claims(
        self, alignment: Alignment, claims: Sequence[Claim], marks: dict[int, str], folded: int = 0
    ) -> None:
        """Replace the rows (the caller keeps the cursor where it wants it). `claims` are the
        shown ones, shared first; `folded` unsupported claims are hidden under the section row."""
        self._alignment, self._claims, self._marks, self._folded = alignment, claims, dict(marks), folded
        self._fill()

    # Claims and rows: the section row sits before the first unsupported claim (or last, folded).
    def row_of(self, index: int) -> int:
        """The table row of shown claim `index`."""
        return index + 1 if self._section_row is not None and index >= self._section_row else index

    def index_of(self, row: int) -> int | None:
        """The shown claim at table `row` (None: the section row)."""
        if self._section_row is None or row < self._section_row:
            return row
        return None if row == self._section_row else row - 1

    def is_section(self, row: int) -> bool:
        return row == self._section_row

    def _fill(self) -> None:
        self.clear()
        relation_width, width = self._widths()
        if "text" in self.columns:
            self.columns[RELATION_COLUMN].width = relation_width
            self.columns[RELATION_COLUMN].label = Text("relation" if relation_width > 1 else "r")
            self.columns[TEXT_COLUMN].width = width
        variables = self.app.get_css_variables()
        unsupported = [n for n, claim in enumerate(self._claims) if claim.label == "unsupported"]
        self._section_row = unsupported[0] if unsupported else (len(self._claims) if self._folded else None)
        for number, claim in enumerate(self._claims):
            if number == self._section_row:
                self._add_section(len(self._claims) - number, variables)
            look = LOOKS[claim.label]
            # Cells are Rich renderables: resolve the theme variables (`$text-error`) here.
            self.add_row(
                Text(PICK_MARKS[self._marks.get(claim.id, "none")], style="bold"),
                Text(str(claim_number(claim)), justify="right"),
                Text(
                    f"{look.symbol} {look.name}" if relation_width > 1 else look.symbol,
                    style=parse_style(f"bold {look.style}", variables).rich_style,
                ),
                Text(str(len(claim.articles)), justify="right"),
                Text(shorten(literal(self._claim_text(claim)), width)),
                key=str(claim.id),
            )
        if self._section_row == len(self._claims):
            self._add_section(0, variables)

    def _add_section(self, shown: int, variables: dict[str, str]) -> None:
        """The unsupported section's heading row: how many, and how to fold or unfold them."""
        look = LOOKS["unsupported"]
        count = shown + self._folded
        what = f"{count} claim{'s' if count != 1 else ''}, one outlet each"
        hint = "u shows" if self._folded else "u folds"
        wide = self.columns[RELATION_COLUMN].width > 1
        self.add_row(
            Text("▸" if self._folded else "▾", style="bold"),
            Text(""),
            Text(
                f"{look.symbol} {look.name}" if wide else look.symbol,
                style=parse_style(f"bold {look.style}", variables).rich_style,
            ),
            Text(""),
            Text(shorten(f"{what} · {hint}", self._widths()[1]), style="italic"),
            key=SECTION_KEY,
        )

    def _claim_text(self, claim: Claim) -> str:
        assert self._alignment is not None
        return self._alignment.sentence(claim.members[0]).text

    def set_mark(self, claim: Claim, state: str) -> None:
        self._marks[claim.id] = state
        if str(claim.id) in self.rows:  # (a folded claim has no row)
            self.update_cell(str(claim.id), "pick", Text(PICK_MARKS[state], style="bold"))

    def on_resize(self) -> None:
        if self.columns[TEXT_COLUMN].width != self._widths()[1]:
            self._refill()

    def _refill(self) -> None:
        """Repaint the rows, keeping the cursor and telling no one (the claim did not change)."""
        if not self._claims:
            return
        row = self.cursor_row
        with self.prevent(DataTable.RowHighlighted):
            self._fill()
            self.move_cursor(row=row, animate=False)
