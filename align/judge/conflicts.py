"""Why two sentences cannot both be true: a negated shared predicate, conflicting numbers,
opposite predicates about one actor, or one side calling the claim false. Each reason is a
line of evidence a reader can check; an empty list means no conflict was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from align import evidence as say
from align import lexicon, parameters
from align.evidence import Evidence, Side
from align.judge import cues, lexical


def _words(name: str, grammar: tuple[str, ...] = ()) -> re.Pattern[str]:
    return lexicon.list_pattern("conflicts.toml", name, grammar=grammar)


NEGATION = _words("negation", grammar=(r"\w+n't",))
# Negations of a noun, not of a predicate ("left thousands without power", "in the absence of
# a deal"): they make a sentence negative but do not deny a word the other sentence asserts.
NOUN_NEGATION = _words("noun_negation")
# Quantity bounds and set phrases that contain a negation word but assert something.
NOT_NEGATION = _words("not_negation")
# A sentence that calls a claim false: paired with one that states the claim, the two cannot
# both be true ("Spider found living in man's ear" / "The story turned out to be a hoax").
# Words that open a clause: a predicate's subject lies after the last one before it.
CLAUSE_OPENER = _words("clause_openers")
_CLAUSE_MARK = re.compile(r"[,;:()\"“”—–\[\]]")
DEBUNKING = _words("debunking", grammar=(r"false(?:ly)?(?![- ](?:positive|negative|alarm|start)s?\b)",))


def _antonym(table: dict[str, object]) -> tuple[re.Pattern[str], re.Pattern[str], str]:
    def side(key: str) -> re.Pattern[str]:
        entries = table[key]
        if entries == "strong_refusal":  # the refusal verbs of cues.toml, not a copy of them
            return cues.STRONG_REFUSAL
        assert isinstance(entries, list), f"conflicts.toml antonyms {table['name']}: {key}"
        return lexicon.word_pattern(lexicon.WordList(str(table["name"]), str(table["source"]), tuple(entries)))

    return side("left"), side("right"), str(table["name"])


# Opposite predicates ("accept" / "reject", "rise" / "fall"): (left, right, name).
ANTONYMS: tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...] = tuple(
    _antonym(table) for table in lexicon.tables("conflicts.toml", "antonyms")
)


def evidence(a: str, b: str) -> list[Evidence]:
    return list(_evidence(a, b))


@lru_cache(maxsize=131072)
def _evidence(a: str, b: str) -> tuple[Evidence, ...]:
    """Reasons the two sentences cannot both be true: a negated shared predicate, conflicting
    numbers, one side calling the claim false, or opposite predicates about one actor and thing."""
    found = negation_conflicts(a, b, "a", "b") + negation_conflicts(b, a, "b", "a")
    found += _number_conflicts(a, b) or _date_conflicts(a, b)
    # Both calling something false ("rumors ... not true" / "rumors started by a bogus website")
    # is too tangled to read as a conflict; one doing so, about what the other states, is one.
    if bool(DEBUNKING.search(a)) != bool(DEBUNKING.search(b)):
        side: Side = "a" if DEBUNKING.search(a) else "b"
        cue = _debunking(a, b) if side == "a" else _debunking(b, a)
        if cue:
            found.append(say.calls_false(side, cue.group(0)))
    for (a_left, a_right), (b_left, b_right), (_, _, name) in zip(_antonym_hits(a), _antonym_hits(b), ANTONYMS):
        a_word, b_word = a_left or a_right, b_left or b_right
        if (a_left.word and not a_right.word and b_right.word and not b_left.word) or (
            a_right.word and not a_left.word and b_left.word and not b_right.word
        ):
            # "Smith won" / "Jones lost": opposite words about different actors are one event;
            # "opposition to Western influence" / "supporting Russia": about different things.
            if a_word.before and b_word.before and not (a_word.before & b_word.before):
                continue
            if a_word.after and b_word.after and not (a_word.after & b_word.after):
                continue
            found.append(say.opposite(name, a_word.word, b_word.word))
    return tuple(found)


CLAIM_NOUNS = frozenset(lexicon.word_list("conflicts.toml", "claim_nouns").words)
_NOUN_AFTER = re.compile(r"\s+((?:[^\W\d_][\w'’-]*\s*){1,3})")


def _debunking(text: str, other: str) -> re.Match[str] | None:
    """A cue in `text` that calls false what `other` states. Said of a claim ("the story is a
    hoax", "the surgery is a fake and she made it all up", "no evidence that he was born there")
    it counts; used as an adjective on a noun ("bogus lawsuits", "a fake report") it calls only
    that thing false, so it counts only when the thing is a claim ("a false story", "a doctored
    image") or the other sentence names it too ("Fake Lisa Bonet tweet" / "a tweet from an
    account purporting to be Lisa Bonet's")."""
    other_stems = set(lexical.stems_of(other))
    for cue in DEBUNKING.finditer(text):
        phrase = _NOUN_AFTER.match(text, cue.end())
        words = []
        for word in phrase.group(1).split() if phrase else ():
            if word.lower() in lexical.STOPWORDS:
                break
            words.append(word.lower())
        if not words or CLAIM_NOUNS.intersection(words) or other_stems.intersection(map(lexical.stem, words)):
            return cue
    return None


@dataclass(frozen=True)
class _Hit:
    word: str = ""
    before: frozenset[str] = frozenset()  # content stems before it: who or what it is said of
    after: frozenset[str] = frozenset()  # the next few content stems: what it is about

    def __bool__(self) -> bool:
        return bool(self.word)


@lru_cache(maxsize=65536)
def _antonym_hits(text: str) -> tuple[tuple[_Hit, _Hit], ...]:
    """For each antonym pair, the word of each side found in the text (empty when absent)."""

    def hit(pattern: re.Pattern[str]) -> _Hit:
        found = pattern.search(text)
        if not found:
            return _Hit()
        following = lexical.stems_of(text[found.end() :])[: parameters.active().conflicts.object_words]
        return _Hit(found.group(0), frozenset(lexical.stems_of(text[: found.start()])), frozenset(following))

    return tuple((hit(left), hit(right)) for left, right, _name in ANTONYMS)


_NOUN_PHRASE = re.compile(r"\s+(?:a|an|the)\s+((?:[\w'-]+\s+){0,3}[\w'-]+)", re.IGNORECASE)


def _negated_predicate(text: str, end: int) -> str | None:
    """The word a negation governs: the first content word after it, skipping adverbs
    ("has not formally requested" -> "requested"); for "is not a recent phenomenon" the head
    noun, not its adjective; None for names, numbers and function words."""
    phrase = _NOUN_PHRASE.match(text, end)
    if phrase:
        head = ""
        for word in phrase.group(1).split():
            if word.lower() in lexical.STOPWORDS:
                break
            head = word  # the phrase's words stop at punctuation: the last one is the head
        return head if head and not head[:1].isupper() and not head[:1].isdigit() else None
    for word in lexical.words(text[end:])[:4]:
        lower = word.lower()
        if lower in lexical.STOPWORDS or len(word) < 3 or lower.endswith("ly") or lower in ("yet", "even", "much"):
            continue
        return None if word[:1].isupper() or word[:1].isdigit() else word
    return None


_YET = re.compile(r"\s+yet\b", re.IGNORECASE)


def negations(text: str) -> tuple[tuple[str, str], ...]:
    """Each real negation in the text with the word it governs ("" when none): mild-refusal
    idioms ("did not show much interest") and "not only" are left out."""
    return tuple((cue, word) for cue, word, _end in _negations_at(text))


@lru_cache(maxsize=65536)
def _negations_at(text: str) -> tuple[tuple[str, str, int], ...]:
    """`negations`, each with where its cue ends in the text."""
    # "has not said whether anyone was hurt" reports what is unknown: it denies nothing.
    skip = [
        m.span()
        for pattern in (cues.WEAK_REFUSAL, NOT_NEGATION, NOUN_NEGATION, cues.UNKNOWN)
        for m in pattern.finditer(text)
    ]
    found = []
    for match in NEGATION.finditer(text):
        if not any(start <= match.start() < end for start, end in skip):
            cue = match.group(0) + (" yet" if _YET.match(text, match.end()) else "")
            found.append((cue, _negated_predicate(text, match.end()) or "", match.end()))
    return tuple(found)


# Each predicate's stem -> the stems of the predicates that state the same thing.
SYNONYMS: dict[str, frozenset[str]] = {
    lexical.stem(word): frozenset(lexical.stem(w) for w in table["words"])
    for table in lexicon.tables("conflicts.toml", "synonyms")
    for word in lexicon.WordList(str(table["name"]), str(table["source"]), tuple(table["words"])).words
}


def _asserted_synonym(negated: str, end: int, word: str, plain: str, plain_stems: set[str]) -> str:
    """The word of the plain sentence that asserts a synonym of the negated predicate ("does not
    include ... defense" / "encompasses a defense pact"), about a thing both name: a content
    word of the few after the predicate is in the plain sentence too. "" when there is none."""
    synonyms = SYNONYMS.get(lexical.stem(word), frozenset()) - {lexical.stem(word)}
    said = next((w for w in lexical.words(plain) if lexical.stem(w) in synonyms), "")
    if not said:
        return ""
    rest = negated[end:]
    about = lexical.stems_of(rest[rest.find(word) + len(word) :])[: parameters.active().conflicts.object_words]
    return said if plain_stems.intersection(about) else ""


def negation_conflicts(
    negated: str, plain: str, neg_side: Side, plain_side: Side, *, same_subject: bool = True
) -> list[Evidence]:
    """The negation in `negated` of a predicate `plain` asserts. With `same_subject`, only where
    both say it of one subject, or either subject is unknown (a denial); without, any such
    negation (the link score's "opposed": the two sentences are about one predicate)."""
    if "?" in negated or "?" in plain:
        return []  # a question ("Why is Russia not offering support?") asserts nothing
    if has_negation(plain):
        # Both sides negate or refuse something ("would not comment" / "declined to comment"):
        # too tangled to call a conflict from words alone.
        return []
    plain_stems = set(lexical.stems_of(plain))
    for cue, word, end in _negations_at(negated):
        if not word:
            continue
        same = lexical.stem(word) in plain_stems
        synonym = "" if same else _asserted_synonym(negated, end, word, plain, plain_stems)
        if same or synonym:
            if cue.endswith(" yet") and _in_progress(plain, lexical.stem(word)):
                continue  # "have not yet decided" / "are still deciding": both say it is pending
            if same_subject and not _one_subject(negated, end - len(cue.removesuffix(" yet")), plain, synonym or word):
                # Said of two subjects ("his aide has no regrets" / "the minister regrets it"):
                # one may regret what the other does not; no conflict.
                continue
            return [say.negation(neg_side, cue, word, synonym)]
    return []


def subject(text: str, start: int) -> frozenset[str]:
    """Who or what the predicate at `start` is said of: the content stems of its clause before
    it (after the last comma, quotation mark or clause-opening word). Empty for a pronoun or a
    clause that starts at the predicate: then the subject is unknown, not different."""
    before = text[:start]
    cut = max((m.end() for m in _CLAUSE_MARK.finditer(before)), default=0)
    cut = max((m.end() for m in CLAUSE_OPENER.finditer(before, cut)), default=cut)
    return frozenset(lexical.stems_of(before[cut:]))


def _one_subject(negated: str, cue_at: int, plain: str, word: str) -> bool:
    """The negation at `cue_at` and the first word of `plain` with the stem of `word` may be
    said of one subject: the subjects share a word, or either is unknown."""
    stem = lexical.stem(word)
    said_at = next((start for start, _end, token in lexical.word_spans(plain) if lexical.stem(token) == stem), None)
    negated_of = subject(negated, cue_at)
    asserted_of = subject(plain, said_at) if said_at is not None else frozenset()
    return not (negated_of and asserted_of) or bool(negated_of & asserted_of)


def _in_progress(text: str, stem: str) -> bool:
    return any(w.lower().endswith("ing") and lexical.stem(w) == stem for w in lexical.words(text))


@lru_cache(maxsize=65536)
def has_negation(text: str) -> bool:
    return bool(negations(text)) or any(p.search(text) for p in (cues.STRONG_REFUSAL, cues.WEAK_REFUSAL))


_APPROXIMATE = re.compile(
    rf"\b(?:{lexicon.word_list('conflicts.toml', 'approximators').alternation()})\s+[$€£]?\d", re.IGNORECASE
)


def _number_conflicts(a: str, b: str) -> list[Evidence]:
    """Two different numbers for the same kind of thing ("12 people" / "40 people", "in 2024" /
    "in 2025"); a number only one side gives is extra detail, not a conflict."""
    by_unit_a: dict[str, set[str]] = {}
    by_unit_b: dict[str, set[str]] = {}
    shown: dict[str, str] = {}
    for value, unit, word in lexical.quantities(a):
        by_unit_a.setdefault(unit, set()).add(value)
        shown.setdefault(unit, word)
    for value, unit, _word in lexical.quantities(b):
        by_unit_b.setdefault(unit, set()).add(value)
    # "about 2 million" and "2.1 million" are one figure, given roughly.
    bounds = parameters.active().conflicts
    tolerance = (
        bounds.approximate_tolerance if _APPROXIMATE.search(a) or _APPROXIMATE.search(b) else bounds.rounding_tolerance
    )
    # A figure both sides state is one figure, whatever word each puts after it ("the 19 Sept. 11
    # hijackers" / "the 19 hijackers on 9/11"): only a figure the other side never gives conflicts.
    every_a = {v for values in by_unit_a.values() for v in values}
    every_b = {v for values in by_unit_b.values() for v in values}
    for unit in sorted(set(by_unit_a) & set(by_unit_b) - {""}):
        only_a, only_b = by_unit_a[unit] - every_b, by_unit_b[unit] - every_a
        if unit != "date" and not unit.startswith("year"):  # "1.2 billion" and "1.19 billion": one figure, rounded
            only_a = {x for x in only_a if not any(_close(x, y, tolerance) for y in only_b)}
            only_b = {y for y in only_b if not any(_close(x, y, tolerance) for x in by_unit_a[unit])}
        if only_a and only_b and not (by_unit_a[unit] & by_unit_b[unit]):
            return [say.numbers(shown[unit], sorted(only_a), sorted(only_b))]
    return []


# Month names as written ("March", "Sept."), each with its number; matched case-sensitively:
# "may" is a verb, "March" a month.
_MONTHS = lexicon.word_list("words.toml", "months").words
_MONTH_NUMBER = {name: number for number, name in enumerate(_MONTHS, start=1)} | {
    f"{short}.": next(n for n, name in enumerate(_MONTHS, start=1) if name.startswith(short))
    for short in lexicon.word_list("words.toml", "month_abbreviations").words
}
_MONTH = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(name) for name in sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?"
)
_MAY_AS_MONTH = re.compile(r"(?:\b(?:in|of|by|until|since|on|early|late|mid|next|last|this)[\s-]+May\b|\bMay\s+\d)")
DATE_CONTEXT_WORDS = 4  # content words before a date that name the event it dates


def _dates(text: str) -> list[tuple[int, str, frozenset[str]]]:
    """Each month the sentence names: (month number, as written, stems of the words before it)."""
    found = []
    for match in _MONTH.finditer(text):
        name = match.group(0).split()[0]
        if name == "May" and not any(m.start() <= match.start() < m.end() for m in _MAY_AS_MONTH.finditer(text)):
            continue
        before = lexical.stems_of(text[: match.start()])[-DATE_CONTEXT_WORDS:]
        found.append((_MONTH_NUMBER[name], match.group(0), frozenset(before)))
    return found


def _date_conflicts(a: str, b: str) -> list[Evidence]:
    """Two months for one event ("will step down on March 1" / "will leave at the end of
    June"): each side dates one thing, the months differ, and both state the same kind of event
    (a shared event frame: a departure, an offer); two dates of two events ("passed in May",
    "vetoed in September") do not conflict."""
    dates_a, dates_b = _dates(a), _dates(b)
    if len(dates_a) != 1 or len(dates_b) != 1:
        return []
    (month_a, written_a, _), (month_b, written_b, _) = dates_a[0], dates_b[0]
    events = cues.frames(a) & cues.frames(b)
    if month_a == month_b or not events:
        return []
    return [say.numbers(f"the date of the {sorted(events)[0]}", [written_a], [written_b])]


def _close(x: str, y: str, tolerance: float) -> bool:
    try:
        a, b = float(x.rstrip("%")), float(y.rstrip("%"))
    except ValueError:
        return False
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
