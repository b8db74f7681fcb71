"""Lexical features: content-word stems (stopwords and punctuation never count), IDF weights,
weighted overlap, named-entity and number anchors.

These give the claim aligner what cosine similarity lacks: two sentences about the same claim
share rare words ("encompass", "air defense") even when their embeddings drift apart, and two
generic sentences about "the partnership" share only common ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball stemmers in C

from align import lexicon, parameters

# A standard English stopword list (align/data/words.toml). Negations are stopwords for
# similarity, and are read separately by the relation stage.
STOPWORDS = frozenset(lexicon.word_list("words.toml", "stopwords").words)

# A word, with its possessive or contracted tail matched but not kept ("Putin’s" -> "Putin").
_WORD = re.compile(r"([^\W_]+)(?:['’][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|\s?percent)?", re.UNICODE)
_STEMMER = Stemmer.Stemmer("english")
_YEAR_OF = re.compile(r"\s+([a-z]+)\b")  # the lower-case word right after a year


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word.lower()))


def words(text: str) -> list[str]:
    """Word tokens with possessive/contracted tails cut ("Putin’s" -> "Putin")."""
    return _WORD.findall(text)


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Each word as (start, end, token): the span covers the word as written, tail included
    ("didn't"), the token is what `words` gives ("didn"), for comparing."""
    return [(m.start(), m.end(), m.group(1)) for m in _WORD.finditer(text)]


def surface_words(text: str, stems: Sequence[str]) -> list[str]:
    """Each stem as `text` writes the word it comes from ("secretari" -> "Secretary"), for
    evidence a reader can use; a stem the text does not use is left as it is."""
    written: dict[str, str] = {}
    for word in words(text):
        written.setdefault(stem(word), word)
    return [written.get(s, s) for s in stems]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning, in order; no stopwords, punctuation or 1-letter words."""
    return [stem(w) for w in words(text) if len(w) > 1 and w.lower() not in STOPWORDS]


@lru_cache(maxsize=65536)
def stems_of(text: str) -> tuple[str, ...]:
    """`content_stems`, cached: the aligner and the labeller ask for the same sentences often."""
    return tuple(content_stems(text))


def clip(text: str, width: int) -> str:
    """The text on one line, cut to `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def quantities(text: str) -> list[tuple[str, str, str]]:
    """Numbers with what they count, as (value, stem, word): ("12", "peopl", "people"),
    ("5%", "%", "%"), ("2025", "year", "year"), ("19", "date", "date") for "June 19, 2025",
    ("2001", "year:attack", "year") for "the 2001 attacks"."""
    found = []
    for match in _NUMBER.finditer(text):
        value = match.group(0).replace(",", "").replace(" percent", "%").replace("percent", "%")
        if value.endswith("%"):
            unit = word = "%"
        elif value.isdigit() and 1800 <= int(value) <= 2100 and len(value) == 4:
            # A year directly before a noun dates that thing ("the 2001 attacks", "a 1976 law"):
            # the role is part of the unit, so two years of two events never compare.
            word = "year"
            qualified = _YEAR_OF.match(text, match.end())
            noun = qualified.group(1) if qualified else ""
            unit = f"year:{stem(noun)}" if noun and noun not in STOPWORDS else "year"
        else:
            following = [w for w in words(text[match.end() : match.end() + 40]) if w.lower() not in STOPWORDS]
            word = following[0] if following else ""
            unit = word = "date" if word.isdigit() else word
            unit = stem(unit) if unit else ""
        found.append((value, unit, word))
    return found


def numbers(text: str) -> list[str]:
    """Numbers as written, normalised ("1,000" -> "1000", "5 percent" -> "5%")."""
    found = []
    for match in _NUMBER.finditer(text):
        value = match.group(0).replace(",", "").replace(" percent", "%").replace("percent", "%")
        found.append(value)
    return found


def entities(text: str) -> set[str]:
    """Capitalised words not at the start of the sentence: a cheap, language-agnostic NE proxy."""
    tokens = words(text)
    return {stem(w) for w in tokens[1:] if w[:1].isupper() and w.lower() not in STOPWORDS}


@dataclass(frozen=True)
class Idf:
    """Inverse document frequency of stems over a set of sentences (the corpus being aligned)."""

    weights: dict[str, float]
    default: float
    rare: float = math.inf  # weight from which a stem counts as rare (link.rare_max_users)

    @classmethod
    def fit(cls, stem_lists: Iterable[Sequence[str]]) -> Idf:
        documents = 0
        frequency: Counter[str] = Counter()
        for stems in stem_lists:
            documents += 1
            frequency.update(set(stems))
        if not documents:
            return cls({}, 1.0)
        weights = {s: math.log((1 + documents) / (1 + n)) + 1.0 for s, n in frequency.items()}
        bars = parameters.active().link
        # The weight of a stem used by `rare_max_users` sentences: rarer stems weigh more.
        rare = (
            math.log((1 + documents) / (1 + bars.rare_max_users)) + 1.0
            if documents >= bars.rare_min_sentences
            else math.inf
        )
        return cls(weights, math.log(1 + documents) + 1.0, rare)

    def __call__(self, stem_: str) -> float:
        return self.weights.get(stem_, self.default)


def weighted_overlap(a: Sequence[str], b: Sequence[str], idf: Idf) -> tuple[float, list[str]]:
    """IDF-weighted Dice overlap of two stem lists in [0, 1], and the shared stems (rarest first)."""
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return 0.0, []
    shared = set_a & set_b
    weight_a = sum(idf(s) for s in set_a)
    weight_b = sum(idf(s) for s in set_b)
    weight_shared = sum(idf(s) for s in shared)
    return 2 * weight_shared / (weight_a + weight_b), sorted(shared, key=lambda s: (-idf(s), s))


@lru_cache(maxsize=1)
def generic_idf() -> Idf:
    """IDF for sentences judged out of context (`relate`): every stem counts as fairly rare,
    except the most frequent content words of English news, which count little."""
    common = lexicon.word_list("words.toml", "common_news_words").words
    bars = parameters.active().link
    return Idf({stem(w): bars.generic_common_weight for w in common}, bars.generic_default_weight)


def quoted_spans(text: str) -> list[str]:
    """The passages of `text` printed inside double quotation marks. Double marks only: a single
    mark is as often an apostrophe. A sentence split inside a quotation keeps a closing mark
    without its opening one (or the reverse): the quoted words then run from the sentence's
    start (or to its end)."""
    return [text[start:end] for start, end in _quoted_ranges(text) if text[start:end].strip()]


def own_words(text: str) -> str:
    """`text` without the passages it prints inside quotation marks: what the writer says in
    their own words (a quoted "stunning" is the speaker's, not the outlet's)."""
    kept, last = [], 0
    for start, end in _quoted_ranges(text):
        kept.append(text[last:start])
        last = end
    return " ".join([*kept, text[last:]])


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Where each quoted passage of `text` starts and ends (see `quoted_spans`)."""
    ranges: list[tuple[int, int]] = []
    opened: int | None = None
    for n, mark in enumerate(text):
        if mark not in '"“”':
            continue
        if opened is None and mark != "”":
            opened = n + 1
        elif opened is not None and mark != "“":
            ranges.append((opened, n))
            opened = None
        elif opened is not None:  # an opening mark while one is open: the first never closed
            opened = n + 1
        elif not ranges:  # a closing mark first: the quotation began before this sentence
            ranges.append((0, n))
    if opened is not None:
        ranges.append((opened, len(text)))
    return ranges


@lru_cache(maxsize=65536)  # the link features, the label and the out-of-context rule all ask
def shared_quote_words(a: str, b: str) -> int:
    """The longest run of words, in order, that both sentences print inside quotation marks:
    one speaker's words, quoted by both (0 when either quotes nothing)."""
    import difflib

    best = 0
    for left in quoted_spans(a):
        words_a = [w.lower() for w in words(left)]
        for right in quoted_spans(b):
            words_b = [w.lower() for w in words(right)]
            match = difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False).find_longest_match(
                0, len(words_a), 0, len(words_b)
            )
            best = max(best, match.size)
    return best
