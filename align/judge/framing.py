"""Framing (issue 28's class): two sentences state one fact, and one frames it more strongly.

- By rank: one side gives the subject the first place ("the favourite", "the front-runner", "the
  group leading the campaign"), the other a place among others ("one of several candidates",
  "one of the groups leading").
- By graver wording: one side names the thing with a graver word than the other does for the
  same thing ("a massacre" / "a shooting", "a bomb" / "a suspicious package", "soared" / "rose").

Both are read only in a slot both sides fill (`alignment.slots`), so a rank or a word that one
side merely adds ("presumptive nominee Romney" / "Romney") is a detail of its own, not a framing
of the shared fact (the judged news pairs label such pairs paraphrase). The word lists are data
(`align/data/cues.toml`: `rank_words`, `membership_phrases`, the `graver_wording` tables).
"""

from __future__ import annotations

import re
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


def _graver_table(table: dict[str, object]) -> tuple[str, re.Pattern[str], re.Pattern[str]]:
    def words(key: str) -> re.Pattern[str]:
        found = lexicon.checked_list("cues.toml", f"graver_wording {table.get('name')} {key}", table, key)
        return lexicon.word_pattern(found)

    return str(table["name"]), words("graver"), words("milder")


# (kind of thing, its graver words, its plainer words)
GRAVER_WORDING: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    _graver_table(table) for table in lexicon.tables("cues.toml", "graver_wording")
)


class Ranked(NamedTuple):
    """The side that ranks the subject first, its words, and the other side's."""

    side: Side
    first: str
    among: str


class Graver(NamedTuple):
    """The side that names the thing more gravely, its graver word, the other side's plainer
    word in the same slot, and the kind of thing (the `graver_wording` table's name)."""

    side: Side
    graver: str
    milder: str
    kind: str


def graver_wording(a: str, b: str) -> Graver | None:
    """The side that uses a graver word for what the other names plainly, in one slot."""
    for slot in alignment.slots(a, b):
        readings: tuple[tuple[Side, str, str], ...] = (("a", slot.a, slot.b), ("b", slot.b, slot.a))
        for kind, graver, milder in GRAVER_WORDING:
            for side, own, other in readings:
                word, plain = graver.search(own), milder.search(other)
                # Both sides' graver words (or none) leave nothing to weigh.
                if word and plain and not graver.search(other):
                    return Graver(side, word.group(0), plain.group(0), kind)
    return None


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
