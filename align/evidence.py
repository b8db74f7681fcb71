"""Evidence: why a pair got its label, as small typed values with one sentence of text each.

Every sentence template lives here, so the JSON (`evidence`: a list of strings, unchanged in
`compare/alignment@2`), the Markdown report and the app say the same thing the same way.
`parse` turns a string of a saved alignment back into its typed value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

Side = Literal["a", "b"]


class EvidenceKind(StrEnum):
    NEGATION = "negation"  # one side negates a word the other asserts
    NUMBERS = "numbers"  # two figures for the same kind of thing
    CALLS_FALSE = "calls-false"  # one side calls the claim false
    OPPOSITE = "opposite-predicates"  # "rose" / "fell" about the same actor and thing
    CLAIM_LEVEL = "claim-level"  # cause versus correlation
    CERTAINTY = "certainty"  # stated as fact versus attributed versus reported as unknown
    RANK = "rank"  # one side puts the subject first, the other among others
    GRAVER = "graver-wording"  # one side names the thing more gravely ("massacre" / "shooting")
    STRONGER = "stronger"  # the cues of the stronger side of an exaggeration
    MILDER = "milder"  # the hedges (or the lack of cues) of the milder side
    SAME_WORDS = "same-words"  # nearly the same wording
    SAME_PASSAGE = "same-passage"  # both carry the same run of words (a quote), whatever surrounds it
    WORD_CHANGE = "word-change"  # a word-level difference
    SHARED_WORDS = "shared-words"  # the rare words both sides use
    OTHER_WORDS = "other-words"  # a paraphrase with nothing more specific to say
    LOOSE_LINK = "loose-link"  # a claim member only loosely linked to this one
    BELOW_THRESHOLD = "below-threshold"  # out of context: too far apart to relate
    MODEL = "pair-model"  # what the pair model (align/model/pair_model.py) read in the two sentences
    NOTE = "note"  # a saved string that matches no template


@dataclass(frozen=True)
class Evidence:
    """One reason for a label: its kind, the side it is about (if one) and its text."""

    kind: EvidenceKind
    side: Side | None
    text: str

    def __str__(self) -> str:
        return self.text


def _other(side: Side) -> Side:
    return "b" if side == "a" else "a"


def quoted(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"'{item}'" for item in items)


# --- conflicts ------------------------------------------------------------------------------
def negation(negating: Side, cue: str, word: str, asserted: str = "") -> Evidence:
    """`asserted`: the other side's word when it is a synonym, not the same word."""
    text = f"negation: {negating} says '{cue} … {word}', {_other(negating)} asserts '{asserted or word}'"
    return Evidence(EvidenceKind.NEGATION, negating, text)


def numbers(what: str, a_values: list[str], b_values: list[str]) -> Evidence:
    text = f"numbers differ ({what}): a says {', '.join(a_values)}, b says {', '.join(b_values)}"
    return Evidence(EvidenceKind.NUMBERS, None, text)


def calls_false(side: Side, cue: str) -> Evidence:
    text = f"{side} calls it false ('{cue}'), {_other(side)} states it"
    return Evidence(EvidenceKind.CALLS_FALSE, side, text)


def opposite(name: str, a_word: str, b_word: str) -> Evidence:
    text = f"opposite predicates ({name}): a '{a_word}', b '{b_word}'"
    return Evidence(EvidenceKind.OPPOSITE, None, text)


# --- strength -------------------------------------------------------------------------------
CLAIM_LEVEL_NAMES = {1: "a correlation", 2: "a possible cause", 3: "a cause"}


def claim_level(level_a: int, cue_a: str, level_b: int, cue_b: str) -> Evidence:
    text = f"a states {CLAIM_LEVEL_NAMES[level_a]} ('{cue_a}'), b {CLAIM_LEVEL_NAMES[level_b]} ('{cue_b}')"
    return Evidence(EvidenceKind.CLAIM_LEVEL, "a" if level_a > level_b else "b", text)


CERTAINTY_NAMES = {3: "states it as fact", 2: "attributes it", 1: "says it is not known"}


def certainty(level_a: int, cue_a: str, level_b: int, cue_b: str) -> Evidence:
    """One side states what the other only attributes, or reports as not known."""

    def told(level: int, cue: str) -> str:
        return CERTAINTY_NAMES[level] + (f" ('{cue}')" if cue else "")

    text = f"certainty: a {told(level_a, cue_a)}, b {told(level_b, cue_b)}"
    return Evidence(EvidenceKind.CERTAINTY, "a" if level_a > level_b else "b", text)


def rank(side: Side, first: str, among: str) -> Evidence:
    """One side ranks the subject first ("the favourite"), the other among others."""
    text = f"rank: {side} puts it first ('{first}'), {_other(side)} among others ('{among}')"
    return Evidence(EvidenceKind.RANK, side, text)


def graver(side: Side, graver_words: str, plain_words: str) -> Evidence:
    """One side names the thing more gravely than the other ("massacre" / "shooting")."""
    text = f"graver wording: {side} says '{graver_words}' where {_other(side)} says '{plain_words}'"
    return Evidence(EvidenceKind.GRAVER, side, text)


def stronger(side: Side, raising: list[str]) -> Evidence:
    text = f"{side} is stronger: {quoted(raising)}" if raising else f"{side} states it without hedging"
    return Evidence(EvidenceKind.STRONGER, side, text)


def milder(side: Side, softening: list[str], other_cues: list[str]) -> Evidence:
    if softening:
        text = f"{side} is milder: {quoted(softening)}"
    elif other_cues:
        text = f"{side} has fewer intensity cues: {quoted(other_cues)}"
    else:
        text = f"{side} states it plainly"
    return Evidence(EvidenceKind.MILDER, side, text)


# --- wording --------------------------------------------------------------------------------
def same_words(percent: float) -> Evidence:
    return Evidence(EvidenceKind.SAME_WORDS, None, f"nearly the same words ({percent:.0f}% alike)")


def same_passage(words: str, count: int) -> Evidence:
    return Evidence(EvidenceKind.SAME_PASSAGE, None, f"both use the same {count} words: '{words}'")


def changed(left: str, right: str) -> Evidence:
    return Evidence(EvidenceKind.WORD_CHANGE, None, f"changed: '{left}' → '{right}'")


def only_in(side: Side, words: str) -> Evidence:
    return Evidence(EvidenceKind.WORD_CHANGE, side, f"only in {side}: '{words}'")


def shared_words(stems: str) -> Evidence:
    return Evidence(EvidenceKind.SHARED_WORDS, None, f"shared key words: {stems}")


def other_words() -> Evidence:
    return Evidence(EvidenceKind.OTHER_WORDS, None, "same claim in other words")


def loose_link(link: float) -> Evidence:
    text = f"loosely related (link {link:.2f}): strength and conflicts not compared"
    return Evidence(EvidenceKind.LOOSE_LINK, None, text)


def below_threshold(link: float, threshold: float) -> Evidence:
    return Evidence(EvidenceKind.BELOW_THRESHOLD, None, f"link score {link:.2f} below {threshold:.2f}")


# --- the pair model -------------------------------------------------------------------------
def model_denies(probability: float) -> Evidence:
    text = f"pair model: one denies what the other states ({probability:.0%} sure)"
    return Evidence(EvidenceKind.MODEL, None, text)


def model_stronger(side: Side, probability: float) -> Evidence:
    text = f"pair model: {side} states it more strongly ({probability:.0%} sure)"
    return Evidence(EvidenceKind.MODEL, side, text)


def model_same_fact(probability: float) -> Evidence:
    text = f"pair model: the same fact ({probability:.0%} sure)"
    return Evidence(EvidenceKind.MODEL, None, text)


def model_not_equivalent(probability: float) -> Evidence:
    text = f"pair model: not the same statement ({1 - probability:.0%} sure)"
    return Evidence(EvidenceKind.MODEL, None, text)


# --- reading saved evidence back ----------------------------------------------------------------
_LEVEL_OF = {name: level for level, name in CLAIM_LEVEL_NAMES.items()}
_CERTAINTY_OF = {name: level for level, name in CERTAINTY_NAMES.items()}
_CERTAINTY = "|".join(CERTAINTY_NAMES.values())
_LEVEL = "|".join(CLAIM_LEVEL_NAMES.values())
# The start of each template, with the side where the text names one. Checked in this order.
_TEMPLATES: tuple[tuple[re.Pattern[str], EvidenceKind], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"negation: (?P<side>[ab]) says ", EvidenceKind.NEGATION),
        (r"numbers differ \(", EvidenceKind.NUMBERS),
        (r"(?P<side>[ab]) calls it false \(", EvidenceKind.CALLS_FALSE),
        (r"opposite predicates \(", EvidenceKind.OPPOSITE),
        (rf"a states (?P<level_a>{_LEVEL}) \(.*?\), b (?P<level_b>{_LEVEL}) \(", EvidenceKind.CLAIM_LEVEL),
        (rf"certainty: a (?P<certain_a>{_CERTAINTY})\b.*, b (?P<certain_b>{_CERTAINTY})\b", EvidenceKind.CERTAINTY),
        (r"rank: (?P<side>[ab]) puts it first \(", EvidenceKind.RANK),
        (r"graver wording: (?P<side>[ab]) says '", EvidenceKind.GRAVER),
        (r"(?P<side>[ab]) (?:is stronger: |states it without hedging$)", EvidenceKind.STRONGER),
        (r"(?P<side>[ab]) (?:is milder: |has fewer intensity cues: |states it plainly$)", EvidenceKind.MILDER),
        (r"nearly the same words \(", EvidenceKind.SAME_WORDS),
        (r"both use the same \d+ words: '", EvidenceKind.SAME_PASSAGE),
        (r"changed: '", EvidenceKind.WORD_CHANGE),
        (r"only in (?P<side>[ab]): '", EvidenceKind.WORD_CHANGE),
        (r"shared key words: ", EvidenceKind.SHARED_WORDS),
        (r"same claim in other words$", EvidenceKind.OTHER_WORDS),
        (r"loosely related \(link ", EvidenceKind.LOOSE_LINK),
        (r"link score [\d.-]+ below ", EvidenceKind.BELOW_THRESHOLD),
        (r"pair model: (?P<side>[ab]) states it more strongly", EvidenceKind.MODEL),
        (r"pair model: ", EvidenceKind.MODEL),
    )
)


# Where each kind's text names its sides: the "a"/"b" tokens to rename (never inside a quote).
_QUOTED = r"'.*'"
_SIDES: dict[EvidenceKind, re.Pattern[str]] = {
    kind: re.compile(pattern)
    for kind, pattern in (
        (EvidenceKind.NEGATION, rf"negation: (?P<s1>[ab]) says {_QUOTED}, (?P<s2>[ab]) asserts {_QUOTED}$"),
        (EvidenceKind.NUMBERS, r"numbers differ \(.*?\): (?P<s1>a) says .*, (?P<s2>b) says .*$"),
        (EvidenceKind.CALLS_FALSE, rf"(?P<s1>[ab]) calls it false \({_QUOTED}\), (?P<s2>[ab]) states it$"),
        (EvidenceKind.OPPOSITE, rf"opposite predicates \([^()]*\): (?P<s1>a) {_QUOTED}, (?P<s2>b) {_QUOTED}$"),
        (
            EvidenceKind.CLAIM_LEVEL,
            rf"(?P<s1>a) states (?:{_LEVEL}) \({_QUOTED}\), (?P<s2>b) (?:{_LEVEL}) \({_QUOTED}\)$",
        ),
        (
            EvidenceKind.CERTAINTY,
            rf"certainty: (?P<s1>a) (?:{_CERTAINTY})(?: \({_QUOTED}\))?, (?P<s2>b) (?:{_CERTAINTY})(?: \({_QUOTED}\))?$",
        ),
        (
            EvidenceKind.RANK,
            rf"rank: (?P<s1>[ab]) puts it first \({_QUOTED}\), (?P<s2>[ab]) among others \({_QUOTED}\)$",
        ),
        (EvidenceKind.GRAVER, rf"graver wording: (?P<s1>[ab]) says {_QUOTED} where (?P<s2>[ab]) says {_QUOTED}$"),
        (EvidenceKind.STRONGER, r"(?P<s1>[ab]) (?:is stronger: |states it without hedging$)"),
        (EvidenceKind.MILDER, r"(?P<s1>[ab]) (?:is milder: |has fewer intensity cues: |states it plainly$)"),
        (EvidenceKind.WORD_CHANGE, r"only in (?P<s1>[ab]): '"),
        (EvidenceKind.MODEL, r"pair model: (?P<s1>[ab]) states it more strongly"),
    )
}


def told(item: Evidence | str, side_a: str, side_b: str) -> str:
    """The evidence's text with its sides named as the reader's view names them ("A" and "B"
    in the app's pair view, each article's name in the report); the JSON keeps "a" and "b"."""
    if isinstance(item, str):
        item = parse(item)
    pattern = _SIDES.get(item.kind)
    found = pattern.match(item.text) if pattern else None
    if not found:
        return item.text
    text, shift = item.text, 0
    for group in ("s1", "s2"):
        if found.groupdict().get(group) is None:
            continue
        start, end = found.span(group)
        name = side_a if found[group] == "a" else side_b
        text = text[: start + shift] + name + text[end + shift :]
        shift += len(name) - (end - start)
    return text


def parse(text: str) -> Evidence:
    """The typed value of a saved evidence string (kind NOTE when it matches no template)."""
    for pattern, kind in _TEMPLATES:
        found = pattern.match(text)
        if found:
            side = found.groupdict().get("side")
            if kind is EvidenceKind.CLAIM_LEVEL:  # the side that states the stronger relationship
                side = "a" if _LEVEL_OF[found["level_a"]] > _LEVEL_OF[found["level_b"]] else "b"
            if kind is EvidenceKind.CERTAINTY:  # the side that states it more certainly
                side = "a" if _CERTAINTY_OF[found["certain_a"]] > _CERTAINTY_OF[found["certain_b"]] else "b"
            return Evidence(kind, "a" if side == "a" else "b" if side == "b" else None, text)
    return Evidence(EvidenceKind.NOTE, None, text)
