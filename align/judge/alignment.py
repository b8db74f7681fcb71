"""Two sentences' words aligned (difflib over case-folded words), and the slots each side fills
with its own words between the runs both share: "Smith is [the favourite to win] the party's
nomination" / "Smith is [one of several candidates for] the party's nomination".

`relations` shows the alignment as word changes; `framing` reads what each side put in a slot.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import NamedTuple

from align.judge import lexical

Spans = list[tuple[int, int, str]]
Opcode = tuple[str, int, int, int, int]
CHANGED_MAX_WORDS = 6  # a longer replaced span is no longer one slot filled two ways


class Slot(NamedTuple):
    """What each side writes between two shared runs: a's words, then b's."""

    a: str
    b: str


@lru_cache(maxsize=256)  # `label` asks for the passage, the changes and the slots of the same pair
def word_alignment(a: str, b: str) -> tuple[Spans, Spans, difflib.SequenceMatcher[str]]:
    """The words of both sentences (as `lexical.word_spans`) and their alignment, compared
    without case or contracted tails."""
    spans_a, spans_b = lexical.word_spans(a), lexical.word_spans(b)
    matcher = difflib.SequenceMatcher(
        a=[w.lower() for *_, w in spans_a], b=[w.lower() for *_, w in spans_b], autojunk=False
    )
    return spans_a, spans_b, matcher


def is_anchor(spans_a: Spans, op: Opcode | None) -> bool:
    """A run both sides share that holds a content word: it pins what lies beside it."""
    return (
        op is not None
        and op[0] == "equal"
        and any(spans_a[k][2].lower() not in lexical.STOPWORDS for k in range(op[1], op[2]))
    )


def slots(a: str, b: str) -> list[Slot]:
    """Each stretch between two anchors (or an anchor and an end of a sentence) that both sides
    fill with words of their own, at most CHANGED_MAX_WORDS words a side. A shared stopword
    inside the stretch does not split it: "the group" / "one of the groups" is one slot, though
    difflib pairs the two "the"s."""
    spans_a, spans_b, matcher = word_alignment(a, b)
    found: list[Slot] = []
    start: tuple[int, int] | None = None  # where the open stretch starts in a and in b
    anchored = False  # the open stretch follows an anchor
    for op in [*matcher.get_opcodes(), None]:
        if op is None or is_anchor(spans_a, op):
            if start is not None and (anchored or op is not None):
                i1, j1 = start
                i2, j2 = (op[1], op[3]) if op is not None else (len(spans_a), len(spans_b))
                if 0 < i2 - i1 <= CHANGED_MAX_WORDS and 0 < j2 - j1 <= CHANGED_MAX_WORDS:
                    found.append(Slot(a[spans_a[i1][0] : spans_a[i2 - 1][1]], b[spans_b[j1][0] : spans_b[j2 - 1][1]]))
            start, anchored = None, True
        elif start is None:
            start = (op[1], op[3])
    return found
