"""One pair of a claim in the detail view: both sentences, the word diff and the evidence.

Each row is a label and a body; long bodies wrap under themselves (hanging indent), so the
labels A, B, diff and why stay a clean column however narrow the detail is.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from align.evidence import told
from align.models import Alignment, Pair
from tui.relations import LOOKS
from tui.safe_text import literal, shorten
from tui.word_diff import word_diff

TITLE_WIDTH = 24
LABEL_WIDTH = 8
MIN_BODY_WIDTH = 12

Row = tuple[Content, Content]


class PairView(Widget):
    """A pair; `-current` is the pair `space` and `y` act on, `-picked` when it is selected."""

    @dataclass
    class Clicked(Message):
        """The reader clicked a pair: make it the current one."""

        index: int

    def __init__(self) -> None:
        super().__init__(classes="pair-view")
        self.index = 0
        self._rows: list[Row] = []
        self._wrapped: tuple[int, list[Content]] = (0, [])

    def show(self, alignment: Alignment, pair: Pair, index: int, count: int, *, current: bool, picked: bool) -> None:
        self.index = index
        self.set_class(current, "-current")
        self.set_class(picked, "-picked")
        self._rows = pair_rows(alignment, pair, index, count, current=current, picked=picked)
        self._wrapped = (0, [])
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Content]:
        if self._wrapped[0] != width:
            lines: list[Content] = []
            for label, body in self._rows:
                pieces = body.wrap(max(MIN_BODY_WIDTH, width - label.cell_length)) or [Content("")]
                lines.append(label + pieces[0])
                lines += [Content(" " * label.cell_length) + piece for piece in pieces[1:]]
            self._wrapped = (width, lines)
        return self._wrapped[1]

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.index))


def pair_rows(alignment: Alignment, pair: Pair, index: int, count: int, *, current: bool, picked: bool) -> list[Row]:
    look = LOOKS.get(pair.relation)
    a, b = alignment.sentence(pair.a), alignment.sentence(pair.b)
    # A quote is attributed to its outlet, as a journalist would ("fox:"); the title only when
    # the outlet is unknown (the panes' titles give both).
    title_a = shorten(literal(_source(alignment, pair.a.article)), TITLE_WIDTH)
    title_b = shorten(literal(_source(alignment, pair.b.article)), TITLE_WIDTH)
    head: list[tuple[str, str] | str] = [
        (f"pair {index + 1}/{count}  ", "dim"),
        (f"{look.symbol} {look.name}", f"bold {look.style}") if look else (pair.relation, "bold"),
    ]
    if pair.exaggerating in ("a", "b"):
        head += [" · ", (f"{pair.exaggerating.upper()} inflates", f"bold {look.style}" if look else "bold")]
    head.append((f" · similarity {pair.similarity:.2f}", "dim"))
    if pair.confidence is not None:  # how likely the label is right (the engine's calibrated estimate)
        head.append((f" · {pair.confidence:.0%} sure", "dim"))
    marks = Content.assemble(("▶ " if current else "  ", "bold"), ("● " if picked else "○ ", "bold"))
    rows: list[Row] = [
        (
            marks + Content(" " * (LABEL_WIDTH - marks.cell_length)),
            Content.assemble(*head, (" · picked" if picked else "", "bold")),
        ),
        (
            _side_label("A", pair.exaggerating == "a"),
            Content.assemble((title_a, "bold"), ": ", literal(a.text, one_line=True)),
        ),
        (
            _side_label("B", pair.exaggerating == "b"),
            Content.assemble((title_b, "bold"), ": ", literal(b.text, one_line=True)),
        ),
        (Content.styled("  diff".ljust(LABEL_WIDTH), "dim"), word_diff(a.text, b.text)),
    ]
    if pair.evidence:
        # The sides as this view labels them (A and B), not the JSON's "a" and "b".
        evidence = "; ".join(literal(told(e, "A", "B"), one_line=True) for e in pair.evidence)
        rows.append((Content.styled("  why".ljust(LABEL_WIDTH), "dim"), Content.styled(evidence, "italic")))
    return rows


def _side_label(letter: str, inflates: bool) -> Content:
    marker = ("↑", "bold $text-warning") if inflates else " "
    label = Content.assemble("  ", marker, (f" {letter} ", "bold reverse"))
    return label + Content(" " * (LABEL_WIDTH - label.cell_length))


def _source(alignment: Alignment, article_id: str) -> str:
    article = alignment.article(article_id)
    return article.outlet or article.name
