"""The relation of two sentences already judged to state the same claim, with the evidence a
reader can check: a claim one side states and the other attributes or reports as unknown
(cues.certainty) an exaggeration, a conflict (conflicts.py) a contradiction, a long passage both carry word
for word (one quote, however each outlet attributes it) an agreement, a gap in assertion strength
(cues.py), a rank (framing.py: "the favourite" / "one of several candidates") or graver wording
for one thing (framing.py: "a massacre" / "a shooting") an exaggeration,
nearly identical wording an agreement, the rest a paraphrase.

Nothing here embeds: the caller gives the cosine (`pipeline.relate` embeds for the public API).
The bars are parameters (`align/data/parameters.toml`, sections [relate] and [label]).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from align import evidence as say
from align import parameters
from align.evidence import Evidence, Side
from align.judge import alignment, clauses, conflicts, cues, framing, lexical
from align.judge.confidence import confidence
from align.judge.lexical import Idf
from align.judge.linkscore import QUOTE_WORDS, PairFeatures, features
from align.models import Judgement, PairScores, Relation

CLIP = 60  # characters of a changed passage shown in the evidence


def label(a: str, b: str, pair: PairFeatures) -> Judgement:
    """The relation of two sentences already judged to state the same claim."""
    bars = parameters.active()
    if pair.link < bars.label.loose_link:
        # A loose member of a claim (grouped through its neighbours, not close to this one):
        # too far apart to say that one denies or inflates the other.
        return _same_claim(a, b, pair, [say.loose_link(pair.link)])
    similarity = round(pair.similarity, 4)
    (certain_a, certain_cue_a), (certain_b, certain_cue_b) = cues.certainty(a), cues.certainty(b)
    certainty_note = []
    if certain_a != certain_b:
        # One side states (or attributes) what the other reports as unknown or only attributes:
        # the more certain side exaggerates, and a claim reported as unknown denies nothing.
        certainty_note = [say.certainty(certain_a, certain_cue_a, certain_b, certain_cue_b)]
    if lexical.shared_quote_words(a, b) >= QUOTE_WORDS:
        # One speaker's words, printed by both: the same claim stated identically, whatever each
        # outlet's attribution or other quotes around it (a conflict there is the outlets', not
        # the quote's).
        count, passage = shared_passage(a, b)
        quote = say.same_passage(lexical.clip(passage, CLIP), count)
        return Judgement(Relation.AGREEMENT, similarity, None, (quote, *word_changes(a, b)))
    conflict = [] if 1 in (certain_a, certain_b) else conflicts.evidence(a, b)
    model = pair.scores
    if model is not None:
        if conflict and model.contradiction < bars.pair_model.conflict_veto:
            # The words conflict but the model reads no denial: a negation said of another
            # subject ("his aide has no regrets" / "the minister regrets it").
            conflict = []
        elif (
            not conflict
            and 1 not in (certain_a, certain_b)
            and model.contradiction >= bars.pair_model.contradiction_cut
        ):
            conflict = [say.model_denies(model.contradiction), *word_changes(a, b)]
    if conflict:
        return Judgement(Relation.CONTRADICTION, similarity, None, tuple(conflict))
    (level_a, cue_a), (level_b, cue_b) = cues.claim_level(a), cues.claim_level(b)
    count, passage = shared_passage(a, b)
    ranked = framing.ranked_first(a, b)
    graver = framing.graver_wording(a, b) if ranked is None else None
    if (
        count >= bars.label.same_passage_words
        and not (level_a and level_b and level_a != level_b)
        and (not certainty_note or (certain_a > 1 and certain_b > 1 and _quotes(a) and _quotes(b)))
        and ranked is None
        and graver is None
    ):
        # Two outlets quoting the same words: the cues around the quote (attribution, framing)
        # are each outlet's own, the claim itself is stated identically. (Unless the words
        # around it state the relationship at another level: "causes" / "is associated with",
        # or one side says the thing is not known, or attributes words that are not a quote, or
        # ranks first what the other ranks among others, or names it more gravely.)
        quote = say.same_passage(lexical.clip(passage, CLIP), count)
        return Judgement(Relation.AGREEMENT, similarity, None, (quote, *word_changes(a, b)))
    # Cues count on the clauses that state the shared claim, not on a fact one side adds, and on
    # the outlet's own words: a cue inside a quotation is the speaker's ("stunned", "!", "refuse"
    # in what someone said), which an outlet that reports it without the quote states no weaker.
    # (The judged news pairs: on their 977 shared-fact pairs, 11 labels right more, 3 fewer.)
    core_a, core_b = clauses.core(a, b), clauses.core(b, a)
    strength_a, strength_b = cues.strength(lexical.own_words(core_a)), cues.strength(lexical.own_words(core_b))
    gap = strength_a.score - strength_b.score + _refusal_matched(core_a, core_b)
    causal_note = []
    if level_a and level_b and level_a != level_b:
        # Two statements of one relationship at different strengths (cause vs correlation):
        # the stronger one exaggerates, whatever else the wording does.
        causal_note = [say.claim_level(level_a, cue_a, level_b, cue_b)]
        gap = bars.label.exaggeration_gap if level_a > level_b else -bars.label.exaggeration_gap
    elif certainty_note:
        causal_note = certainty_note
        gap = bars.label.exaggeration_gap if certain_a > certain_b else -bars.label.exaggeration_gap
    if abs(gap) < bars.label.exaggeration_gap:
        framed = _framing(ranked, graver)
        if framed is not None:
            # No cue tells the two apart, but where both describe the subject one puts it first
            # and the other among others ("the favourite" / "one of several candidates"), or
            # where both name one thing one uses the graver word ("a massacre" / "a shooting").
            side_framed, line = framed
            return Judgement(Relation.EXAGGERATION, similarity, side_framed, (line, *word_changes(a, b)))
        if model is not None and abs(model.stronger_a - model.stronger_b) >= bars.pair_model.side_cut:
            # No cue tells the two apart, but the model reads one as stating the fact more
            # strongly: a graver word for the same thing, a rank ("the favourite" / "one of the
            # candidates"), a fact stated outright against the same fact attributed.
            side_read: Side = "a" if model.stronger_a > model.stronger_b else "b"
            strength = max(model.stronger_a, model.stronger_b)
            return Judgement(
                Relation.EXAGGERATION,
                similarity,
                side_read,
                (say.model_stronger(side_read, strength), *word_changes(a, b)),
            )
        return _same_claim(a, b, pair)
    side: Side = "a" if gap > 0 else "b"
    other: Side = "b" if side == "a" else "a"
    strong, weak = (strength_a, strength_b) if side == "a" else (strength_b, strength_a)
    evidence = causal_note + [
        say.stronger(side, [str(cue) for cue in strong.raising[:5]]),
        say.milder(other, [str(cue) for cue in weak.softening[:4]], [str(cue) for cue in weak.cues[:4]]),
    ]
    if causal_note:  # the note says why; the strength lines only where they name cues
        evidence = causal_note + [
            e for e, cues_named in zip(evidence[len(causal_note) :], (strong.raising, weak.softening)) if cues_named
        ]
    evidence += word_changes(a, b)
    return Judgement(Relation.EXAGGERATION, similarity, side, tuple(evidence))


def _framing(ranked: framing.Ranked | None, graver: framing.Graver | None) -> tuple[Side, Evidence] | None:
    """The side that frames the shared fact more strongly, and the line that says how, if any."""
    if ranked is not None:
        return ranked.side, say.rank(ranked.side, lexical.clip(ranked.first, CLIP), lexical.clip(ranked.among, CLIP))
    if graver is not None:
        return graver.side, say.graver(graver.side, graver.graver, graver.milder)  # a word or two of a table
    return None


_QUOTE_MARKS = ('"', "“", "”", "‘", "’ ", "«", "»")


def _quotes(text: str) -> bool:
    """The sentence prints someone's words in quotation marks."""
    return any(mark in text for mark in _QUOTE_MARKS)


def _same_claim(a: str, b: str, pair: PairFeatures, note: Sequence[Evidence] = ()) -> Judgement:
    """Agreement when the wording is nearly the same, else paraphrase; with the changed words."""
    similarity = round(pair.similarity, 4)
    changes = word_changes(a, b)
    wording = fuzz.ratio(_normal(a), _normal(b))
    if wording >= parameters.active().label.agreement_ratio:
        return Judgement(Relation.AGREEMENT, similarity, None, tuple([say.same_words(wording), *changes, *note]))
    shared = ", ".join(lexical.surface_words(a, pair.shared_stems[:5]))
    evidence = changes + ([say.shared_words(shared)] if shared else []) + list(note)
    if pair.scores is not None and not note:
        # What linked them: the model reads one fact in both (the changed words follow).
        evidence = [say.model_same_fact(1.0 / (1.0 + math.exp(-pair.scores.fact))), *evidence]
    return Judgement(Relation.PARAPHRASE, similarity, None, tuple(evidence or [say.other_words()]))


def _refusal_matched(a: str, b: str) -> float:
    """Undo the refusal weight when the other side states the same refusal as a flat negation
    ("declined to comment" / "would not comment"); a mild refusal ("did not show much
    interest") stays weaker than "rejects"."""

    def refuses(text: str) -> bool:
        return cues.STRONG_REFUSAL.search(text) is not None

    def flatly_negates(text: str) -> bool:
        return bool(conflicts.negations(text)) and cues.WEAK_REFUSAL.search(text) is None

    matched = parameters.active().strength.refusal_matched
    if refuses(a) and not refuses(b) and flatly_negates(b):
        return -matched
    if refuses(b) and not refuses(a) and flatly_negates(a):
        return matched
    return 0.0


@lru_cache(maxsize=131072)
def shared_passage(a: str, b: str) -> tuple[int, str]:
    """The longest run of words both sentences carry in the same order (case aside): its length
    in words, and the run as `a` writes it (punctuation and contractions as written)."""
    spans_a, spans_b, matcher = alignment.word_alignment(a, b)
    match = matcher.find_longest_match(0, len(spans_a), 0, len(spans_b))
    if not match.size:
        return 0, ""
    return match.size, a[spans_a[match.a][0] : spans_a[match.a + match.size - 1][1]]


def _normal(text: str) -> str:
    return " ".join(lexical.words(text.lower()))


def word_changes(a: str, b: str, limit: int = 4) -> list[Evidence]:
    """Word-level differences, as "a → b" edits (difflib), the most telling first."""
    return list(_word_changes(a, b, limit))


@lru_cache(maxsize=131072)  # syndicated copies repeat the same sentence pairs many times
def _word_changes(a: str, b: str, limit: int) -> tuple[Evidence, ...]:
    # Words shown as each side writes them.
    spans_a, spans_b, matcher = alignment.word_alignment(a, b)

    def written(text: str, spans: alignment.Spans, start: int, end: int) -> str:
        return lexical.clip(text[spans[start][0] : spans[end - 1][1]], CLIP) if end > start else ""

    def anchor(op: alignment.Opcode | None) -> bool:
        return alignment.is_anchor(spans_a, op)

    other_words = ({w.lower() for *_, w in spans_b}, {w.lower() for *_, w in spans_a})

    def added(word: str, other: set[str]) -> bool:
        """A word one side adds: neither a stopword nor a single letter, nor in the other side."""
        return len(word) > 1 and word not in lexical.STOPWORDS and word not in other

    def telling(spans: alignment.Spans, start: int, end: int, other: set[str]) -> bool:
        """A span worth a line: it holds a word that is neither a stopword nor a single letter,
        and not every such word is one the other sentence also has (moved, not added)."""
        return any(added(spans[k][2].lower(), other) for k in range(start, end))

    def only_in(side: Side, text: str, spans: alignment.Spans, start: int, end: int, other: set[str]) -> Evidence:
        """The line for words only one side has, shown from its first added word: a long span
        clipped to its first words must not show words the other side has too (moved there)."""
        first = next(k for k in range(start, end) if added(spans[k][2].lower(), other))
        return say.only_in(side, written(text, spans, first, end))

    opcodes = matcher.get_opcodes()
    edits = []
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        left, right = written(a, spans_a, i1, i2), written(b, spans_b, j1, j2)
        if op == "replace":
            # "changed" only where the two spans fill one slot: beside a shared content word and
            # short on both sides; otherwise difflib merely paired what its anchors left over.
            before, after = opcodes[n - 1] if n else None, opcodes[n + 1] if n + 1 < len(opcodes) else None
            left_tells = telling(spans_a, i1, i2, other_words[0])
            right_tells = telling(spans_b, j1, j2, other_words[1])
            if (anchor(before) or anchor(after)) and max(i2 - i1, j2 - j1) <= alignment.CHANGED_MAX_WORDS:
                if left_tells or right_tells:
                    edits.append(say.changed(left, right))
            else:
                edits += [only_in("a", a, spans_a, i1, i2, other_words[0])] if left_tells else []
                edits += [only_in("b", b, spans_b, j1, j2, other_words[1])] if right_tells else []
        elif op == "delete" and telling(spans_a, i1, i2, other_words[0]):
            edits.append(only_in("a", a, spans_a, i1, i2, other_words[0]))
        elif op == "insert" and telling(spans_b, j1, j2, other_words[1]):
            edits.append(only_in("b", b, spans_b, j1, j2, other_words[1]))
    edits.sort(key=lambda e: len(e.text))
    return tuple(edits[:limit])


def judge(
    a: str,
    b: str,
    cosine: float,
    idf: Idf | None = None,
    threshold: float | None = None,
    scores: PairScores | None = None,
) -> Judgement:
    """Two sentences out of context, given their embeddings' cosine (and the pair model's
    reading, where the caller had it read): a relation, or unrelated."""
    threshold = parameters.active().relate.threshold if threshold is None else threshold
    pair = features(a, b, cosine, idf or lexical.generic_idf(), scores)
    if pair.link < threshold:
        return Judgement(
            Relation.UNRELATED, round(pair.similarity, 4), None, (say.below_threshold(pair.link, threshold),)
        )
    judgement = out_of_context(a, b, label(a, b, pair), scores)
    if judgement.relation is Relation.UNRELATED:
        return judgement
    return replace(judgement, confidence=confidence(a, b, pair, judgement))


def out_of_context(a: str, b: str, judgement: Judgement, scores: PairScores | None) -> Judgement:
    """Out of context the question is whether the two say the same thing: an agreement or a
    paraphrase the model reads as not equivalent (they share a fact, but one says more or other
    than the other) is unrelated there, unless both print one quotation."""
    if (
        scores is not None
        and judgement.relation in (Relation.AGREEMENT, Relation.PARAPHRASE)
        and scores.equivalent < parameters.active().pair_model.equivalent_cut
        and lexical.shared_quote_words(a, b) < QUOTE_WORDS
    ):
        return Judgement(
            Relation.UNRELATED,
            judgement.similarity,
            None,
            (say.model_not_equivalent(scores.equivalent), *word_changes(a, b)),
        )
    return judgement
