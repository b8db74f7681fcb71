"""Cue lexicons: what makes a sentence sensational, how strongly it asserts, what it negates,
and which event frame (offer, refusal, request, ...) its predicate belongs to.

The word lists are data (`align/data/cues.toml`, `frames.toml`, each list with its source);
this module adds only the grammar (listicle shapes, headline formats, mild-refusal idioms) and
the weights of `strength` (`align/data/parameters.toml`). Every cue is reported with the words
that fired, so a reader can audit it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from align import lexicon, parameters
from align.judge.lexical import clip, words


def _list(name: str) -> lexicon.WordList:
    return lexicon.word_list("cues.toml", name)


def _words(*names: str, grammar: tuple[str, ...] = ()) -> re.Pattern[str]:
    return lexicon.list_pattern("cues.toml", *names, grammar=grammar)


# --- sensational / clickbait cues ---------------------------------------------------------
SENSATIONAL_WORDS = _words("sensational_words")
SENSATIONAL_PHRASES = _words(
    "sensational_phrases",
    grammar=(
        rf"(?:{_list('reaction_subjects').alternation()}) (?:{_list('reaction_verbs').alternation()})",
        r"which [\w ]{1,30} are you",
        r"which [\w ]{1,30} should you",
        r"just (?:got|made|did|gave|won|had|shared|posted|\w+ed)",
    ),
)
# Teasers of clickbait headlines ("Things That", "People Who"): ordinary grammar in a body.
TEASER_PHRASES = _words("teaser_phrases")
SUPERLATIVES = _words("superlatives")
# Headlines that speak to or as a person ("You", "We Got", "I Tried") are a clickbait habit;
# news headlines name their subjects. Not inside an abbreviation: "U.S." is no "us".
PERSONAL = re.compile(rf"(?<![\w.-])(?:{_list('reader_address').alternation()})(?![\w.-])", re.IGNORECASE)
# "21 Things", "The 11 Types": a listicle; "13 killed in ..." is news.
LISTICLE = re.compile(
    r"^\s*(?:the\s+)?\d{1,3}\s+(?!percent|per\b|%|killed|dead|die|died|injured|hurt|wounded|arrested|"
    r"missing|people|million|billion|years?\b|more\b|of\b|in\b|at\b)[A-Za-z]",
    re.IGNORECASE,
)
# Formats of clickbait headlines, each named so the reader sees why it fired. Written from the
# clickbait data's TRAIN half (first 8,000 headlines of each file), kept only where a format
# fired on news headlines there at most a few times in a hundred.
_GROUP = _list("clickbait_groups").alternation()
_REACTION = _list("clickbait_reactions").alternation()
HEADLINE_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("reaction video", rf"^\s*(?:[\w'’-]+\s)?(?:{_GROUP})\s(?:{_REACTION})\b"),
        ("first-time reaction", rf"\b(?:{_REACTION}|see|hear|meet|experience)\w*\b.{{0,60}}\bfor the first time\b"),
        (
            "quiz question",
            r"^\s*(?:is|are|did|does|do|was|were|can|could|would|should|will|has|have)\s"
            r"(?:this|these|that|it|you|he|she|they)\b[^?]*\bor\b",
        ),
        ("question left open", r"^\s*(?:is|are|did|does|do|was|were|would|will|has|have|could)\s[^?]*$"),
        ("then and now", r"\bthen\b.{0,30}\b(?:and|&|vs\.?|versus)\s+now\b"),
        ("the most … ever", r"\b(?:most|\w+est)\b[\w\s',\"-]{0,40}\bever\b"),
        ("listicle", r"^\s*\d{1,3}\s+of\s+the\s+(?:most|best|worst|\w+est)\b"),
        ("what if", r"^\s*if\b[^,]*\b(?:were|was|had|did)\b"),
        ("reimagined", r"\breimagined\b|\bas motivational posters\b|\bgender[- ]swapped\b"),
        (
            "orders the reader",
            r"^\s*(?:please|stop|see|look at|try|guess|relax|behold|listen to|check out|"
            r"take a look|get ready|prepare)\b",
        ),
        ("chatty word", rf"\b(?:{_list('chatty_words').alternation()})\b"),
    )
)
# "24 Gang Leaders Are Indicted", "3 Soldiers Die in Attack": a count of people or things that
# an event happened to is hard news, not a listicle ("21 Things Only Cat Owners Understand").
NEWS_COUNT = re.compile(
    rf"^\s*\d[\d,.]*\s+(?!(?:{_list('listicle_nouns').alternation()})\b)"
    r"(?:(?!that\b|who\b|which\b|you\b|your\b|we\b|i\b)[\w'’.-]+\s+){0,5}?"
    rf"(?:(?:are|were|is|was|be|been)\s+)?(?:{_list('news_count_events').alternation()})\b",
    re.IGNORECASE,
)
TEASER_OPENER = re.compile(
    r"^\s*(?:this|these|here'?s?|that|why|what|how|which|who|watch|meet|can|should)\b", re.IGNORECASE
)
# Words written in capitals for effect; other all-caps words are mostly acronyms (NASA, NATO).
SHOUTS = frozenset(lexicon.word_list("words.toml", "shouted_words").words)


def sensational(text: str) -> list[str]:
    """The cues that make a headline or sentence sensational or clickbait; empty when none."""
    return list(_sensational(text, headline_style=True))


@lru_cache(maxsize=65536)
def _sensational(text: str, headline_style: bool) -> tuple[str, ...]:
    """Sensational words, phrases, superlatives, "!", shouted words and listicle numbers; with
    `headline_style` also the habits of clickbait headlines (speaking to the reader, teaser
    openers), which in an article's body ("We offered...", a quote) mean nothing."""
    cues: list[str] = []
    for pattern in (SENSATIONAL_PHRASES, SENSATIONAL_WORDS, SUPERLATIVES):
        cues.extend(m.group(0) for m in pattern.finditer(text))
    if "!" in text:
        cues.append("!")
    already = " ".join(cues).lower().split()
    tokens = words(text)
    capitals = [w for w in tokens if len(w) >= 4 and w.isupper() and w.isalpha()]
    if len(capitals) < max(2, len(tokens) // 2):  # a shouted word, not an all-caps line
        cues.extend(w for w in capitals if w in SHOUTS and w.lower() not in already)
    if LISTICLE.match(text) and not NEWS_COUNT.match(text):
        cues.append(text.split()[0] + " (listicle number)")
    if not headline_style:
        return tuple(dict.fromkeys(cues))
    cues.extend(m.group(0) for m in TEASER_PHRASES.finditer(text))
    personal = PERSONAL.search(text)
    if personal and not text.lstrip().startswith(("“", '"', "'", "‘")) and not (personal.group(0) == "US"):
        cues.append(f"speaks to or as a person ('{personal.group(0)}')")
    for name, pattern in HEADLINE_FORMATS:
        found = pattern.search(text)
        if found and not (name == "chatty word" and found.group(0).lower() in already):
            cues.append(f"{name} ('{clip(found.group(0), 40)}')")
    opener = TEASER_OPENER.match(text)
    if opener and not text.rstrip().endswith(".") and not opener.group(0).strip().isupper():
        cues.append(f"teaser opener ('{opener.group(0).strip()}')")
    return tuple(dict.fromkeys(cues))


# --- assertion strength -------------------------------------------------------------------
HEDGES = _words("hedges", grammar=(r"some(?!\s+\d)",))  # "some 1,000 jobs" is a count, not a hedge
CORRELATION = _words("correlation")
CAUSAL = _words("causal")
CERTAINTY = _words("certainty")
# In a study's own words "significantly higher" and "statistically significant" report a test
# result, not emphasis; only other uses of the word intensify.
_NOT_STATISTICAL = r"(?<!statistically )(?!significantly (?:higher|lower|greater|smaller|more|less|fewer|increased|decreased|reduced|improved|associated|correlated|different|elevated|better|worse)\b)"
INTENSIFIERS = _words("intensifiers", grammar=(_NOT_STATISTICAL + r"(?:significantly|substantially)",))


# Refusal and acceptance verbs carry their own intensity, independent of hedging.
STRONG_REFUSAL = _words("strong_refusal")
WEAK_REFUSAL = re.compile(
    r"(?:(?:not|n't|never)\s+(?:\w+\s+){0,2}(?:show|express|demonstrate|display|have|had|has)\w*\s+"
    r"(?:much|any|substantial|significant|great|real|particular|strong)?\s*(?:\w+\s+)?"
    r"(?:interest|enthusiasm|appetite|desire)|little\s+(?:interest|enthusiasm|appetite)|"
    r"lack(?:s|ed|ing)?\s+(?:of\s+)?(?:interest|enthusiasm|appetite)|lukewarm|reluctan(?:t|ce)|"
    r"hesita(?:nt|nce|ted)|not\s+interested|uninterested|cautious(?:ly)?|no\s+interest)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    """Words that raise or lower how strongly a sentence asserts."""

    words: str
    raises: bool = True
    # Why a lowering cue lowers: "hedged" (may, suggests) or "mild" (a mild refusal).
    softening: str = ""

    def __str__(self) -> str:
        return self.words if self.raises else f"{self.words} ({self.softening})"


@dataclass(frozen=True)
class Strength:
    """How strongly a sentence asserts, with the cues that made it so."""

    score: float
    cues: tuple[Cue, ...]

    @property
    def raising(self) -> tuple[Cue, ...]:
        return tuple(cue for cue in self.cues if cue.raises)

    @property
    def softening(self) -> tuple[Cue, ...]:
        return tuple(cue for cue in self.cues if not cue.raises)


@lru_cache(maxsize=65536)
def strength(text: str) -> Strength:
    """Assertion strength: sensational cues, certainty and forceful refusals raise it; hedges
    and mild refusals lower it. (Causal versus correlational wording is compared separately,
    by `claim_level`, only between two sentences that both state a relationship.)"""
    weights = parameters.active().strength
    cues: list[Cue] = []
    score = 0.0
    hits = _sensational(text, headline_style=False)
    if hits:
        score += weights.sensational_first + weights.sensational_each * (len(hits) - 1)
        cues += [Cue(hit) for hit in hits]
    for pattern, weight in (
        (CERTAINTY, weights.certainty),
        (INTENSIFIERS, weights.intensifier),
        (STRONG_REFUSAL, weights.strong_refusal),
    ):
        found = [m.group(0) for m in pattern.finditer(text)]
        if found:
            score += weight * min(len(found), weights.cue_cap)
            cues += [Cue(word) for word in found]
    for pattern, label in ((HEDGES, "hedged"), (DISTANCING, "attributed"), (WEAK_REFUSAL, "mild")):
        found = [m.group(0) for m in pattern.finditer(text)]
        if found:
            score -= weights.softening
            cues += [Cue(word, raises=False, softening=label) for word in found]
    return Strength(score, tuple(dict.fromkeys(cues)))


@lru_cache(maxsize=65536)
def claim_level(text: str) -> tuple[int, str]:
    """How strongly a sentence states a relationship, on the scale science writers use:
    3 causal ("improves"), 2 conditional ("may improve", "could be effective"),
    1 correlational ("is linked to", "predicts"), 0 not a relationship claim (unknown).
    With the cue that decided it."""
    correlation = CORRELATION.search(text)
    if correlation:
        return 1, correlation.group(0)
    causal = CAUSAL.search(text)
    if not causal:
        return 0, ""
    hedge = HEDGES.search(text)
    return (2, f"{hedge.group(0)} … {causal.group(0)}") if hedge else (3, causal.group(0))


# --- certainty: stated, attributed, unknown -------------------------------------------------
# A fact stated outright ("Man grows a second heart") is stronger than the same fact only
# attributed ("man claims to have grown ...") and far stronger than the same thing reported as
# not known ("police have not said whether anyone was hurt"). Neutral sourcing ("said",
# "according to") is not distancing: outlets attribute facts they state as fact.
_WH = r"(?:whether|if|how|who|whom|what|why|when|where)\b"
DISTANCING = re.compile(
    _words("distancing").pattern
    + rf"|\b(?:{_list('claim_verbs').alternation()})\s+(?:to|that)\b"
    + r"|\b(?:is|are|was|were)\s+(?:said|believed|thought|rumou?red)\s+to\b",
    re.IGNORECASE,
)
_CLAIM_VERBS = frozenset(_list("claim_verbs").words)
# Words before "claims" that make it a noun ("the claims that", "rejected claims that").
_CLAIM_NOUN_CONTEXT = frozenset(
    "the a an his her their its our my your these those such any some of about over despite".split()
)
UNKNOWN = re.compile(
    rf"(?:\bnot|n't|\bnever)\s+(?:yet\s+|immediately\s+|publicly\s+|officially\s+|been\s+)*"
    rf"(?:{_list('unknown_verbs').alternation()})\s+(?:on\s+)?{_WH}"
    rf"|\b(?:{_list('unknown_phrases').alternation()})\s+(?:as\s+to\s+|about\s+)?{_WH}",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def certainty(text: str) -> tuple[int, str]:
    """How certainly a sentence puts its claim: 3 stated, 2 attributed with distance
    ("allegedly", "claims to"), 1 reported as unknown ("has not said whether"); with the cue."""
    unknown = UNKNOWN.search(text)
    if unknown:
        return 1, unknown.group(0)
    for distancing in DISTANCING.finditer(text):
        before = words(text[: distancing.start()])[-1:]
        verb = distancing.group(0).split()[0].lower() in _CLAIM_VERBS
        if verb and before and (before[0].lower() in _CLAIM_NOUN_CONTEXT or before[0].lower().endswith("ed")):
            continue  # "rejected claims that", "his claims that": a claim reported, not endorsed or not
        return 2, distancing.group(0)
    return 3, ""


# --- event frames -------------------------------------------------------------------------
# Two sentences whose predicates fall in the same frame ("rejects" / "did not show much
# interest") may state the same claim even when their embeddings and words differ.
_FRAME_GRAMMAR = {"request": (r"ask(?:s|ed|ing)? (?:\w+ )?for",)}
FRAMES: dict[str, re.Pattern[str]] = {
    name: lexicon.list_pattern("frames.toml", f"frames.{name}", grammar=_FRAME_GRAMMAR.get(name, ()))
    for name in lexicon.data_file("frames.toml")["frames"]
}
# A refusal is a frame of its own: the strong verbs and the mild idioms alike.
FRAMES["refusal"] = re.compile(STRONG_REFUSAL.pattern + "|" + WEAK_REFUSAL.pattern, re.IGNORECASE)


@lru_cache(maxsize=65536)
def frames(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in FRAMES.items() if pattern.search(text))
