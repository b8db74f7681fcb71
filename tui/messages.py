"""Messages for the main screen: from the alignment worker (its thread; post_message is thread-safe)
and from the views a reader clicks."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from align.models import Alignment, SentenceRef


@dataclass
class AlignmentProgress(Message):
    """The engine reported progress: a fraction in [0, 1] and what it is doing."""

    fraction: float
    text: str

    def can_replace(self, message: Message) -> bool:
        # Only the latest progress matters; coalesce bursts from the engine.
        return isinstance(message, AlignmentProgress)


@dataclass
class AlignmentReady(Message):
    """The engine finished: the alignment to render and how long it took."""

    alignment: Alignment
    seconds: float


@dataclass
class AlignmentFailed(Message):
    """The engine raised; the articles stay readable without claims."""

    error: BaseException


@dataclass
class SentenceClicked(Message):
    """The reader clicked a sentence (in a pane or the overview): jump to its claim."""

    ref: SentenceRef
