"""Cue lexicons: what makes a sentence sensational, how strongly it asserts, what it negates,
and which event frame (offer, refusal, request, ...) its predicate belongs to.

Written by hand from general newsroom and science-communication vocabulary, not from the seed
articles; every list is a plain regular expression so a reader can audit why a cue fired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from align.lexical import clip, words


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])", re.IGNORECASE)


# --- sensational / clickbait cues ---------------------------------------------------------
SENSATIONAL_WORDS = _rx(
    r"shock(?:ing|ed|er|s)?", r"stun(?:ning|ned|s)?", r"bombshell", r"explosive", r"jaw[- ]dropping",
    r"unbelievable", r"incredible", r"insane", r"outrage(?:ous)?", r"furious", r"fury", r"chaos",
    r"slams?", r"slammed", r"destroys?", r"destroyed", r"eviscerates?",
    r"humiliat(?:es|ed|ing|ion)", r"epic", r"massive", r"crippling", r"devastating",
    r"terrifying", r"horrif(?:ying|ic)", r"horror", r"haunted", r"mind[- ]blowing", r"sensational",
    r"dramatic(?:ally)?", r"scandalous", r"bizarre", r"amazing", r"awesome", r"adorable",
    r"hilarious", r"heartbreaking", r"heartwarming", r"genius", r"perfect(?:ion|ly)?", r"unreal",
    r"must[- ]see", r"viral", r"weird", r"wtf", r"omg", r"lol", r"cutest", r"magical", r"gorgeous",
    r"beautiful(?:ly)?", r"badass", r"freaking", r"ridiculous(?:ly)?", r"obsessed", r"legit", r"iconic",
    r"fantastic", r"crazy", r"cute", r"slay(?:s|ed)?", r"lucky", r"hilariously",
)
SENSATIONAL_PHRASES = _rx(
    r"breaking(?: news)?", r"just in", r"you won'?t believe", r"you need to", r"you should",
    r"what happens next", r"will blow your mind", r"will make you", r"here'?s (?:why|what|how)",
    r"this is (?:why|what|how)", r"the reason why", r"can you", r"do you", r"are you", r"have you",
    r"which [\w ]{1,30} are you", r"which [\w ]{1,30} should you", r"things (?:you|that)",
    r"reasons (?:you|why)", r"ways to", r"signs (?:you|that)", r"people who", r"everyone is",
    r"goes viral", r"broke the internet", r"of all time", r"literally", r"totally", r"absolutely",
    r"and it['’]s", r"and (?:then|now) (?:he|she|they|it)", r"expectations vs\.? reality",
    r"(?:people|guys|girls|kids|women|men|we) (?:try|tried|react|reacted|taste|tasted|test|tested)",
    r"people are", r"turns out", r"ever wonder(?:ed)?", r"basically", r"so (?:cute|good|bad|much|many|damn)",
    r"such (?:good|great)", r"(?:is|are) going to (?:make|kill|wreck|change|blow|give)", r"no one knows",
    r"everyone (?:is|needs|should)", r"it hurts", r"never looked better", r"just (?:got|made|did|gave|won|had|shared|posted|\w+ed)",
)
SUPERLATIVES = _rx(
    r"(?:best|worst|biggest|greatest|cutest|funniest|strangest|weirdest|craziest|scariest|happiest|"
    r"saddest|hottest|sexiest|prettiest|ugliest|coolest|dumbest|smartest|raddest|ultimate)"
)
# Headlines that speak to or as a person ("You", "We Got", "I Tried") are a clickbait habit;
# news headlines name their subjects.
PERSONAL = re.compile(
    r"(?<![\w.-])(?:you|your|you['’](?:re|ll|ve)|yourself|we|we['’](?:re|ve)|us|our|i|i['’](?:m|ve)|me|my)(?![\w.-])",
    re.IGNORECASE,
)
# "21 Things", "The 11 Types": a listicle; "13 killed in ..." is news.
LISTICLE = re.compile(
    r"^\s*(?:the\s+)?\d{1,3}\s+(?!percent|per\b|%|killed|dead|die|died|injured|hurt|wounded|arrested|"
    r"missing|people|million|billion|years?\b|more\b|of\b|in\b|at\b)[A-Za-z]",
    re.IGNORECASE,
)
# Formats of clickbait headlines, each named so the reader sees why it fired. Written from the
# clickbait data's TRAIN half (first 8,000 headlines of each file), kept only where a format
# fired on news headlines there at most a few times in a hundred.
_GROUP = (
    r"people|celebs|celebrities|teens|adults|kids|guys|girls|couples|singles|women|men|parents|"
    r"americans|brits|dads|moms|strangers|coworkers|grandparents"
)
_REACTION = (
    r"try|tries|tried|react|reacts|watch|guess|play|take|eat|taste|test|explain|discuss|talk|"
    r"answer|describe|rate|review|attempt|wear|compare|recreate|swap"
)
HEADLINE_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("reaction video", rf"^\s*(?:[\w'’-]+\s)?(?:{_GROUP})\s(?:{_REACTION})\b"),
        ("first-time reaction", rf"\b(?:{_REACTION}|see|hear|meet|experience)\w*\b.{{0,60}}\bfor the first time\b"),
        ("quiz question", r"^\s*(?:is|are|did|does|do|was|were|can|could|would|should|will|has|have)\s"
                          r"(?:this|these|that|it|you|he|she|they)\b[^?]*\bor\b"),
        ("question left open", r"^\s*(?:is|are|did|does|do|was|were|would|will|has|have|could)\s[^?]*$"),
        ("then and now", r"\bthen\b.{0,30}\b(?:and|&|vs\.?|versus)\s+now\b"),
        ("the most … ever", r"\b(?:most|\w+est)\b[\w\s',\"-]{0,40}\bever\b"),
        ("listicle", r"^\s*\d{1,3}\s+of\s+the\s+(?:most|best|worst|\w+est)\b"),
        ("what if", r"^\s*if\b[^,]*\b(?:were|was|had|did)\b"),
        ("reimagined", r"\breimagined\b|\bas motivational posters\b|\bgender[- ]swapped\b"),
        ("orders the reader", r"^\s*(?:please|stop|see|look at|try|guess|relax|behold|listen to|check out|"
                              r"take a look|get ready|prepare)\b"),
        ("chatty word", r"\b(?:actually|totally|incredibly|ridiculously|literally|damn|dang|goddamn|awkward(?:ly)?|"
                        r"creepy|awesomely|flawless(?:ly)?|af|shit\w*|fuck\w*|omfg|ugh|yas|bae|going nuts|"
                        r"pretty (?:much|damn|sure|good|great|amazing|funny)|everyone|no one|nobody)\b"),
    )
)
# "24 Gang Leaders Are Indicted", "3 Soldiers Die in Attack": a count of people or things that
# an event happened to is hard news, not a listicle ("21 Things Only Cat Owners Understand").
NEWS_COUNT = re.compile(
    r"^\s*\d[\d,.]*\s+(?!(?:times|things|ways|reasons|signs|photos|pictures|people|questions|thoughts|"
    r"moments|facts|tweets|struggles)\b)(?:(?!that\b|who\b|which\b|you\b|your\b|we\b|i\b)[\w'’.-]+\s+){0,5}?"
    r"(?:(?:are|were|is|was|be|been)\s+)?(?:die|dies|died|killed|kill|arrested|indicted|charged|sentenced|"
    r"freed|held|found|rescued|evacuated|injured|hurt|named|confirmed|reported|detained|jailed|convicted|"
    r"elected|fired|executed|missing|dead|wounded|suspected|accused|pledge|pledges|sue|sues|plead|pleads|"
    r"pleaded|win|wins|lose|loses)\b",
    re.IGNORECASE,
)
TEASER_OPENER = re.compile(r"^\s*(?:this|these|here'?s?|that|why|what|how|which|who|watch|meet|can|should)\b", re.IGNORECASE)
# Words written in capitals for effect; other all-caps words are mostly acronyms (NASA, NATO).
SHOUTS = frozenset("BREAKING URGENT SHOCKING EXCLUSIVE WATCH ALERT UPDATE WOW OMG HUGE MUST NEVER ALWAYS REVEALED".split())


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
HEDGES = _rx(
    r"may", r"might", r"could", r"can", r"possibly", r"perhaps", r"likely", r"unlikely", r"probably",
    r"appears?", r"appeared", r"seems?", r"seemed", r"suggests?", r"suggested", r"suggesting",
    r"indicates?", r"indicated", r"potential(?:ly)?", r"reportedly", r"allegedly", r"alleged",
    r"rumou?red", r"hints?", r"hinted", r"hinting", r"speculat\w*", r"preliminary", r"some(?!\s+\d)",  # "some 1,000 jobs" is a count, not a hedge
)
CORRELATION = _rx(
    r"associated with", r"association (?:with|between)", r"linked (?:to|with)", r"link between",
    r"correlat\w*", r"related to", r"tied to", r"connected to", r"relationship between",
    r"predicts?", r"predicted", r"predictors?", r"more likely", r"less likely", r"(?:higher|lower|increased|reduced) (?:risk|odds|rates?|chance)",
)
CAUSAL = _rx(
    r"causes?", r"caused", r"causing", r"leads? to", r"led to", r"results? in", r"resulted in",
    r"increases?", r"increased", r"raises?", r"raised", r"reduces?", r"reduced", r"lowers?",
    r"lowered", r"cuts?", r"prevents?", r"prevented", r"protects?", r"protected", r"boosts?",
    r"boosted", r"improves?", r"improved", r"saves?", r"saving", r"saved", r"kills?", r"cures?",
    r"triggers?", r"drives?", r"makes?", r"helps?", r"harms?", r"damages?", r"doubles?", r"halves?",
    r"effective", r"efficacious", r"works?", r"benefits?", r"affects?", r"affected", r"relieves?",
    r"relieved", r"enhances?", r"enhanced", r"slows?", r"slowed", r"worsens?", r"impairs?",
    r"reverses?", r"stops?", r"blocks?", r"promotes?", r"fuels?", r"treats?", r"eases?", r"alleviates?",
    r"decreases?", r"decreased", r"contributes? to", r"responsible for", r"impact(?:s|ed)? on",
)
CERTAINTY = _rx(
    r"proves?", r"proven", r"confirms?", r"confirmed", r"definitely", r"clearly", r"certainly",
    r"undoubtedly", r"always", r"completely", r"totally", r"shows", r"showed",
    r"demonstrates?", r"demonstrated", r"explicitly", r"firmly", r"unequivocal(?:ly)?",
    r"really do(?:es)?", r"really did", r"indeed",
)
# In a study's own words "significantly higher" and "statistically significant" report a test
# result, not emphasis; only other uses of the word intensify.
_NOT_STATISTICAL = r"(?<!statistically )(?!significantly (?:higher|lower|greater|smaller|more|less|fewer|increased|decreased|reduced|improved|associated|correlated|different|elevated|better|worse)\b)"
INTENSIFIERS = _rx(
    r"very", r"highly", r"extremely", _NOT_STATISTICAL + r"(?:significantly|substantially)", r"dramatically",
    r"sharply", r"massively", r"hugely", r"greatly", r"strongly", r"deeply", r"seriously",
    r"fiercely", r"flatly", r"outright", r"bluntly", r"major", r"critical", r"crucial", r"severe",
    r"drastic", r"record",
)


@dataclass(frozen=True)
class Strength:
    """How strongly a sentence asserts, with the words that made it so."""

    score: float
    cues: tuple[str, ...]


# Refusal and acceptance verbs carry their own intensity, independent of hedging.
STRONG_REFUSAL = _rx(
    r"reject(?:s|ed|ing|ion)?", r"refus(?:e|es|ed|ing|al)", r"rebuff(?:s|ed)?", r"snub(?:s|bed)?",
    r"spurn(?:s|ed)?", r"turn(?:s|ed)? down", r"slam(?:s|med)? the door", r"dismiss(?:es|ed)?",
    r"declin(?:e|es|ed|ing)", r"den(?:y|ies|ied)", r"ban(?:s|ned)?", r"oppos(?:e|es|ed)",
)
WEAK_REFUSAL = re.compile(
    r"(?:(?:not|n't|never)\s+(?:\w+\s+){0,2}(?:show|express|demonstrate|display|have|had|has)\w*\s+"
    r"(?:much|any|substantial|significant|great|real|particular|strong)?\s*(?:\w+\s+)?"
    r"(?:interest|enthusiasm|appetite|desire)|little\s+(?:interest|enthusiasm|appetite)|"
    r"lack(?:s|ed|ing)?\s+(?:of\s+)?(?:interest|enthusiasm|appetite)|lukewarm|reluctan(?:t|ce)|"
    r"hesita(?:nt|nce|ted)|not\s+interested|uninterested|cautious(?:ly)?|no\s+interest)",
    re.IGNORECASE,
)


# How a cue that lowers strength is marked in `Strength.cues`: "may (hedged)".
SOFTENING_LABELS = ("hedged", "mild")
SOFTENING = tuple(f" ({label})" for label in SOFTENING_LABELS)


@lru_cache(maxsize=65536)
def strength(text: str) -> Strength:
    """Assertion strength: sensational cues, certainty and forceful refusals raise it; hedges
    and mild refusals lower it. (Causal versus correlational wording is compared separately,
    by `claim_level`, only between two sentences that both state a relationship.)"""
    cues: list[str] = []
    score = 0.0
    hits = _sensational(text, headline_style=False)
    if hits:
        score += 1.0 + 0.25 * (len(hits) - 1)
        cues += hits
    for pattern, weight in ((CERTAINTY, 0.5), (INTENSIFIERS, 0.35), (STRONG_REFUSAL, 1.0)):
        found = [m.group(0) for m in pattern.finditer(text)]
        if found:
            score += weight * min(len(found), 2)
            cues += found
    for pattern, label in zip((HEDGES, WEAK_REFUSAL), SOFTENING_LABELS):
        found = [m.group(0) for m in pattern.finditer(text)]
        if found:
            score -= 0.75
            cues += [f"{f} ({label})" for f in found]
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


# --- negation -----------------------------------------------------------------------------
NEGATION = _rx(
    r"not", r"no", r"never", r"none", r"nor", r"neither", r"without", r"\w+n't", r"cannot",
    r"lacks?", r"lacked", r"lacking", r"absence", r"absent", r"nothing", r"nobody", r"fails?",
    r"failed", r"denies", r"denied",
)
# Negations of a noun, not of a predicate ("left thousands without power", "in the absence of
# a deal"): they make a sentence negative but do not deny a word the other sentence asserts.
NOUN_NEGATION = _rx(r"without", r"lacks?", r"lacked", r"lacking", r"absence", r"absent")
# Quantity bounds and set phrases that contain a negation word but assert something.
NOT_NEGATION = _rx(
    r"not only", r"not just", r"not merely", r"no doubt", r"nothing but", r"no less", r"not least",
    r"(?:no|not) (?:more|fewer|less|later|earlier|sooner|longer|greater) than", r"no matter",
)


# A sentence that calls a claim false: paired with one that states the claim, the two cannot
# both be true ("Spider found living in man's ear" / "The story turned out to be a hoax").
DEBUNKING = _rx(
    r"hoax(?:es)?", r"fakes?", r"faked", r"false(?:ly)?(?![- ](?:positive|negative|alarm|start)s?\b)", r"untrue", r"not true", r"debunk\w*",
    r"fabricat\w*", r"made up", r"satir\w*", r"baseless", r"unfounded", r"no evidence", r"no truth",
    r"never happened", r"misinformation", r"disinformation", r"doctored", r"photoshopped", r"bogus",
)


# --- antonymous predicates ----------------------------------------------------------------
ANTONYMS: tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...] = (
    (_rx(r"accept(?:s|ed)?", r"agree[sd]? to", r"approv(?:e|es|ed)"), STRONG_REFUSAL, "accept / refuse"),
    (_rx(r"increase[sd]?", r"rises", r"rose", r"risen", r"grew"), _rx(r"decrease[sd]?", r"fell", r"fallen", r"dropped", r"shrank"), "rise / fall"),
    (_rx(r"confirm\w*", r"admit\w*", r"acknowledg\w*"), _rx(r"den(?:y|ies|ied)", r"refut\w*"), "confirm / deny"),
    (_rx(r"support\w*", r"back(?:s|ed|ing)?", r"endors\w*"), _rx(r"oppos\w*", r"condemn\w*", r"criticiz\w*"), "support / oppose"),
    (_rx(r"win(?:s|ning)?", r"won"), _rx(r"los(?:e|es|ing)", r"lost"), "win / lose"),
    (_rx(r"profits?", r"surplus"), _rx(r"loss(?:es)?", r"deficit"), "profit / loss"),
    (_rx(r"alive", r"survived?"), _rx(r"dead", r"died", r"killed"), "alive / dead"),
    (_rx(r"guilty", r"convicted"), _rx(r"innocent", r"acquitted"), "guilty / acquitted"),
    (_rx(r"allow\w*", r"permit\w*", r"legaliz\w*"), _rx(r"ban(?:s|ned)?", r"prohibit\w*", r"forbid\w*"), "allow / ban"),
)


# --- event frames -------------------------------------------------------------------------
# Two sentences whose predicates fall in the same frame ("rejects" / "did not show much
# interest") may state the same claim even when their embeddings and words differ.
FRAMES: dict[str, re.Pattern[str]] = {
    "offer": _rx(r"offer(?:s|ed|ing)?", r"propos(?:e|es|ed|al|als|ing)", r"extend(?:s|ed)? an offer", r"initiatives?"),
    "refusal": re.compile(STRONG_REFUSAL.pattern + "|" + WEAK_REFUSAL.pattern, re.IGNORECASE),
    "request": _rx(r"ask(?:s|ed|ing)? (?:\w+ )?for", r"request(?:s|ed|ing)?", r"sought", r"seek(?:s|ing)?", r"appeal(?:s|ed)?"),
    "assistance": _rx(r"assist(?:s|ed|ance)?", r"aid", r"help(?:s|ed)?", r"support"),
    "treaty": _rx(r"treat(?:y|ies)", r"pacts?", r"agreements?", r"accords?", r"clauses?"),
    "condemn": _rx(r"condemn\w*", r"denounc\w*", r"criticiz\w*", r"criticis\w*", r"slam\w*"),
    "mediation": _rx(r"mediat\w*", r"broker\w*", r"peace talks", r"negotiat\w*"),
    "strike": _rx(r"strikes?", r"attack(?:s|ed)?", r"bomb\w*", r"airstrikes?"),
}


@lru_cache(maxsize=65536)
def frames(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in FRAMES.items() if pattern.search(text))
