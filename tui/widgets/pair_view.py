"""One pair of a claim in the detail view: both sentences, the word diff and the evidence."""

from __future__ import annotations

from dataclasses import dataclass

from align.models import Alignment, Pair
from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tui.relations import LOOKS
from tui.safe_text import literal, shorten
from tui.word_diff import word_diff

TITLE_WIDTH = 24


class PairView(Static):
    """A pair; `-current` is the pair `space` and `y` act on, `-picked` when it is selected."""

    @dataclass
    class Clicked(Message):
        """The reader clicked a pair: make it the current one."""

        index: int

    def __init__(self) -> None:
        super().__init__(classes="pair-view")
        self.index = 0

    def show(self, alignment: Alignment, pair: Pair, index: int, count: int, *, current: bool, picked: bool) -> None:
        self.index = index
        self.set_class(current, "-current")
        self.set_class(picked, "-picked")
        self.update(pair_content(alignment, pair, index, count, current=current, picked=picked))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.index))


def pair_content(alignment: Alignment, pair: Pair, index: int, count: int, *, current: bool, picked: bool) -> Content:
    look = LOOKS[pair.relation] if pair.relation in LOOKS else None
    a, b = alignment.sentence(pair.a), alignment.sentence(pair.b)
    title_a = shorten(literal(alignment.article(pair.a.article).title), TITLE_WIDTH)
    title_b = shorten(literal(alignment.article(pair.b.article).title), TITLE_WIDTH)
    head: list[tuple[str, str] | str] = [
        ("▶ " if current else "  ", "bold"),
        ("● picked " if picked else "○ ", "bold"),
        (f"pair {index + 1}/{count}  ", "dim"),
        (f"{look.symbol} {look.name}", f"bold {look.style}") if look else (pair.relation, "bold"),
    ]
    if pair.exaggerating in ("a", "b"):
        inflating = title_a if pair.exaggerating == "a" else title_b
        head += [" · ", (f"{pair.exaggerating.upper()} inflates ({inflating})", look.style if look else "")]
    head.append((f" · similarity {pair.similarity:.2f}", "dim"))
    lines = [
        Content.assemble(*head),
        _side("A", title_a, a.text, pair.exaggerating == "a"),
        _side("B", title_b, b.text, pair.exaggerating == "b"),
        Content.assemble(("    diff ", "dim"), word_diff(a.text, b.text)),
    ]
    if pair.evidence:
        evidence = "; ".join(literal(e, one_line=True) for e in pair.evidence)
        lines.append(Content.assemble(("    why  ", "dim"), (evidence, "italic")))
    return Content("\n").join(lines)


def _side(letter: str, title: str, text: str, inflates: bool) -> Content:
    marker = ("↑", "bold $text-warning") if inflates else " "
    return Content.assemble(
        "  ", marker, (f" {letter} ", "bold reverse"), " ", (title, "bold"), ": ", literal(text, one_line=True)
    )
