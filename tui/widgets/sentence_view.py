"""One sentence of an article pane, prefixed by its role's symbol; a click jumps to its claim."""

from __future__ import annotations

from dataclasses import dataclass

from align.models import Sentence, SentenceRef
from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tui.relations import ROLE_LOOKS
from tui.safe_text import literal


class SentenceView(Static):
    """A sentence; classes: -current (member of the current claim), -boilerplate, -heading."""

    @dataclass
    class Clicked(Message):
        """The reader clicked a sentence."""

        ref: SentenceRef

    def __init__(self, article_id: str, sentence: Sentence, role: str | None = None) -> None:
        self.ref = SentenceRef(article_id, sentence.index)
        self.sentence = sentence
        self.role = role
        super().__init__(self._content(), classes=f"-{sentence.kind}")

    def _content(self) -> Content:
        look = ROLE_LOOKS.get(self.role or "")
        symbol = (look.symbol, f"bold {look.style}") if look else (" ", "")
        return Content.assemble(symbol, " ", literal(self.sentence.text, one_line=True))

    def set_sentence(self, sentence: Sentence) -> None:
        """Same text, possibly another kind (the engine marks boilerplate the reader missed)."""
        self.remove_class(f"-{self.sentence.kind}")
        self.sentence = sentence
        self.add_class(f"-{sentence.kind}")
        self.update(self._content())

    def set_role(self, role: str | None) -> None:
        if role != self.role:
            self.role = role
            self.update(self._content())

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.ref))
