"""Framing by rank (issue 28's class): one side gives the subject the first place ("the
favourite", "the front-runner", "the group leading the campaign"), the other a place among
others ("one of several candidates", "one of the groups leading"). Both state one fact; the side
that ranks the subject first states it more strongly.

Read only in a slot both sides fill (`alignment.slots`), so a rank that one side merely adds
("presumptive nominee Romney" / "Romney") is a detail of its own, not a framing of the shared
fact (the judged news pairs label such pairs paraphrase). The word lists are data
(`align/data/cues.toml`: `rank_words`, `membership_phrases`).
"""

from __future__ import annotations

from typing import NamedTuple

from align import lexicon
from align.evidence import Side
from align.judge import alignment, lexical

# First place: a rank word, or "the most <word>" / "the <superlative>" ("the nation's most
# powerful lobby", "the biggest donor").
RANK = lexicon.list_pattern(
    "cues.toml",
    "rank_words",
    grammar=(
        r"the (?:\w+['’]s )?most \w+",
        rf"the (?:\w+['’]s )?(?:{lexicon.word_list('cues.toml', 'superlatives').alternation()})",
    ),
)
MEMBERSHIP = lexicon.list_pattern("cues.toml", "membership_phrases")


class Ranked(NamedTuple):
    """The side that ranks the subject first, its words, and the other side's."""

    side: Side
    first: str
    among: str


def ranked_first(a: str, b: str) -> Ranked | None:
    """The side that puts the shared subject first where the other puts it among others."""
    for slot in alignment.slots(a, b):
        readings: tuple[Ranked, ...] = (Ranked("a", slot.a, slot.b), Ranked("b", slot.b, slot.a))
        for reading in readings:
            membership = MEMBERSHIP.search(reading.among)
            if membership is None or MEMBERSHIP.search(reading.first):
                continue
            if RANK.search(reading.first) or _the_one(reading.first, reading.among[membership.end() :]):
                return reading
    return None


def _the_one(first: str, members: str) -> bool:
    """`first` names, with "the", the very kind the other side counts its subject among
    ("the group" / "one of the groups"): the one of its kind, against one of several."""
    words = [w.lower() for w in lexical.words(first)]
    if "the" not in words:
        return False
    kinds = {lexical.stem(w) for w in lexical.words(members) if w.lower() not in lexical.STOPWORDS}
    return any(lexical.stem(w) in kinds for w in words[words.index("the") + 1 :])
