"""How two sentences relate: the link score used to group claims, and the relation label with
evidence a reader can check (changed words, intensity cues; conflicts come from conflicts.py).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np
from rapidfuzz import fuzz

from align import conflicts, cues, lexical
from align.lexical import Idf
from align.models import Judgement

# Weights of the link score: cosine carries most; rare shared words and a shared event frame
# lift pairs whose embeddings drift apart although they state the same claim.
LEXICAL_WEIGHT = 0.35
FRAME_BONUS = (0.0, 0.08, 0.22)  # by number of shared frames: two at once is very specific
# Pairs that share no rare word at all are usually two generic sentences on one topic.
NO_ANCHOR_PENALTY = 0.08
NO_ANCHOR_OVERLAP = 0.08
RARE_BONUS = 0.05
OPPOSED_BONUS = 0.1
# Out of context (`relate`), a pair below this link score is "unrelated". Chosen on the
# science-exaggeration TRAIN split (100 pairs; 0.45-0.72 tried), never on a test split.
RELATE_THRESHOLD = 0.55
# Strength gap that makes one side an exaggeration of the other.
EXAGGERATION_GAP = 1.0
AGREEMENT_RATIO = 88.0
CLIP = 60  # characters of a changed passage shown in the evidence


def link_score(cosine, overlap, frame_count, rare_count, opposed):
    """The link score from its parts; works on numbers and on numpy arrays alike."""
    if not isinstance(cosine, np.ndarray):  # one pair: plain arithmetic, ten times faster
        return (
            cosine
            + LEXICAL_WEIGHT * overlap
            + FRAME_BONUS[min(int(frame_count), 2)]
            + RARE_BONUS * min(rare_count, 2)
            + (OPPOSED_BONUS if opposed else 0.0)
            - (NO_ANCHOR_PENALTY if overlap < NO_ANCHOR_OVERLAP else 0.0)
        )
    frames = np.minimum(frame_count, 2)
    bonus = np.where(frames >= 2, FRAME_BONUS[2], np.where(frames == 1, FRAME_BONUS[1], FRAME_BONUS[0]))
    penalty = np.where(overlap < NO_ANCHOR_OVERLAP, NO_ANCHOR_PENALTY, 0.0)
    rare = RARE_BONUS * np.minimum(rare_count, 2) + np.where(opposed, OPPOSED_BONUS, 0.0)
    return cosine + LEXICAL_WEIGHT * overlap + bonus + rare - penalty


@dataclass(frozen=True)
class PairFeatures:
    cosine: float
    lexical: float
    shared_stems: tuple[str, ...]
    shared_frames: frozenset[str]
    rare_shared: int = 0  # shared words that few sentences of the corpus use ("encompass")
    # One side negates what the other asserts, around a rare shared word: the same proposition.
    opposed: bool = False

    @property
    def link(self) -> float:
        return float(link_score(self.cosine, self.lexical, len(self.shared_frames), self.rare_shared, self.opposed))

    @property
    def similarity(self) -> float:
        """Semantic similarity in [0, 1]: the embeddings' cosine. (The link score, which adds
        the lexical evidence, decides grouping; shown alone it would blur what "similar" means.)"""
        return float(min(1.0, max(0.0, self.cosine)))


def features(a: str, b: str, cosine: float, idf: Idf) -> PairFeatures:
    overlap, shared = lexical.weighted_overlap(stems(a), stems(b), idf)
    rare = [s for s in shared if idf(s) >= idf.rare]
    return PairFeatures(float(cosine), overlap, tuple(shared), cues.frames(a) & cues.frames(b), len(rare), bool(rare) and opposed(a, b))


def stems(text: str) -> tuple[str, ...]:
    return lexical.stems_of(text)


def opposed(a: str, b: str) -> bool:
    """One sentence negates a word the other asserts."""
    return bool(conflicts.negation_conflicts(a, b, "a", "b") or conflicts.negation_conflicts(b, a, "b", "a"))


# --- relation labelling -------------------------------------------------------------------
def label(a: str, b: str, pair: PairFeatures) -> Judgement:
    """The relation of two sentences already judged to state the same claim."""
    similarity = round(pair.similarity, 4)
    if pair.link < RELATE_THRESHOLD:
        # A loose member of a claim (grouped through its neighbours, not close to this one):
        # too far apart to say that one denies or inflates the other.
        return _same_claim(a, b, pair, [f"loosely related (link {pair.link:.2f}): strength and conflicts not compared"])
    conflict = conflicts.evidence(a, b)
    if conflict:
        return Judgement("contradiction", similarity, None, tuple(conflict))
    strength_a, strength_b = cues.strength(a), cues.strength(b)
    gap = strength_a.score - strength_b.score + _refusal_matched(a, b)
    (level_a, cue_a), (level_b, cue_b) = cues.claim_level(a), cues.claim_level(b)
    causal_note = []
    if level_a and level_b and level_a != level_b:
        # Two statements of one relationship at different strengths (cause vs correlation):
        # the stronger one exaggerates, whatever else the wording does.
        names = {1: "a correlation", 2: "a possible cause", 3: "a cause"}
        causal_note = [f"a states {names[level_a]} ('{cue_a}'), b {names[level_b]} ('{cue_b}')"]
        gap = EXAGGERATION_GAP if level_a > level_b else -EXAGGERATION_GAP
    if abs(gap) >= EXAGGERATION_GAP:
        side = "a" if gap > 0 else "b"
        strong, weak = (strength_a, strength_b) if side == "a" else (strength_b, strength_a)
        other = "b" if side == "a" else "a"
        raising = [c for c in strong.cues if not c.endswith(cues.SOFTENING)]
        softening = [c for c in weak.cues if c.endswith(cues.SOFTENING)]
        evidence = causal_note + [f"{side} is stronger: " + ", ".join(f"'{c}'" for c in raising[:5]) if raising else f"{side} states it without hedging"]
        if softening:
            evidence.append(f"{other} is milder: " + ", ".join(f"'{c}'" for c in softening[:4]))
        elif weak.cues:
            evidence.append(f"{other} has fewer intensity cues: " + ", ".join(f"'{c}'" for c in weak.cues[:4]))
        else:
            evidence.append(f"{other} states it plainly")
        evidence += word_changes(a, b)
        return Judgement("exaggeration", similarity, side, tuple(evidence))
    return _same_claim(a, b, pair)


def _same_claim(a: str, b: str, pair: PairFeatures, note: Sequence[str] = ()) -> Judgement:
    """Agreement when the wording is nearly the same, else paraphrase; with the changed words."""
    similarity = round(pair.similarity, 4)
    changes = word_changes(a, b)
    wording = fuzz.ratio(_normal(a), _normal(b))
    if wording >= AGREEMENT_RATIO:
        evidence = [f"nearly the same words ({wording:.0f}% alike)"] + changes + list(note)
        return Judgement("agreement", similarity, None, tuple(evidence))
    shared = ", ".join(pair.shared_stems[:5])
    evidence = changes + ([f"shared key words: {shared}"] if shared else []) + list(note)
    return Judgement("paraphrase", similarity, None, tuple(evidence or ["same claim in other words"]))


def _refusal_matched(a: str, b: str) -> float:
    """Undo the refusal weight when the other side states the same refusal as a flat negation
    ("declined to comment" / "would not comment"); a mild refusal ("did not show much
    interest") stays weaker than "rejects"."""

    def refuses(text: str) -> bool:
        return cues.STRONG_REFUSAL.search(text) is not None

    def flatly_negates(text: str) -> bool:
        return bool(conflicts.negations(text)) and cues.WEAK_REFUSAL.search(text) is None

    if refuses(a) and not refuses(b) and flatly_negates(b):
        return -1.0
    if refuses(b) and not refuses(a) and flatly_negates(a):
        return 1.0
    return 0.0


def _normal(text: str) -> str:
    return " ".join(lexical.words(text.lower()))


def word_changes(a: str, b: str, limit: int = 4) -> list[str]:
    """Word-level differences, as "a → b" edits (difflib), the most telling first."""
    return list(_word_changes(a, b, limit))


@lru_cache(maxsize=131072)  # syndicated copies repeat the same sentence pairs many times
def _word_changes(a: str, b: str, limit: int) -> tuple[str, ...]:
    words_a, words_b = lexical.words(a), lexical.words(b)
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in words_a], b=[w.lower() for w in words_b], autojunk=False)
    edits = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = " ".join(words_a[i1:i2]), " ".join(words_b[j1:j2])
        if op == "replace":
            edits.append(f"changed: '{lexical.clip(left, CLIP)}' → '{lexical.clip(right, CLIP)}'")
        elif op == "delete":
            edits.append(f"only in a: '{lexical.clip(left, CLIP)}'")
        elif op == "insert":
            edits.append(f"only in b: '{lexical.clip(right, CLIP)}'")
    edits.sort(key=lambda e: len(e))
    return tuple(edits[:limit])



# --- out-of-context API -------------------------------------------------------------------
def judge(a: str, b: str, cosine: float, idf: Idf | None = None, threshold: float | None = None) -> Judgement:
    threshold = RELATE_THRESHOLD if threshold is None else threshold
    pair = features(a, b, cosine, idf or lexical.generic_idf())
    if pair.link < threshold:
        return Judgement("unrelated", round(pair.similarity, 4), None, (f"link score {pair.link:.2f} below {threshold:.2f}",))
    return label(a, b, pair)


def relate_many(pairs: Sequence[tuple[str, str]], *, use_cache: bool = True) -> list[Judgement]:
    """`relate` for many pairs, embedding every distinct sentence once in batches."""
    from align.embed import shared_embedder

    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    if not texts:
        return []
    vectors = shared_embedder(use_cache).encode(texts)
    row = {t: i for i, t in enumerate(texts)}
    judgements = []
    for a, b in pairs:
        cosine = float(np.dot(vectors[row[a]], vectors[row[b]]))
        judgements.append(judge(a, b, cosine))
    return judgements


def relate(a: str, b: str) -> Judgement:
    """Two sentences out of context: agreement, paraphrase, exaggeration, contradiction or unrelated."""
    return relate_many([(a, b)])[0]
