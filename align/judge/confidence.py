"""How likely a pair's label is right: a logistic model over the engine's own, interpretable
features, with coefficients fitted by `benchmarks/fit.py` on training data and shipped in
`align/data/confidence.toml` (a few numbers, read with the parameters' care).

The features are those a reader can see in the evidence: how close the two sentences are
(cosine, link score, word overlap, wording), how far apart their strength is, whether a conflict
was found, and which label was given. Nothing here changes a label; it only says how sure it is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from align import lexicon
from align.evidence import EvidenceKind
from align.judge import cues
from align.judge.linkscore import PairFeatures
from align.models import Judgement, Relation

CONFIDENCE_FILE = "confidence.toml"
CONFLICT_KINDS = frozenset(
    {EvidenceKind.NEGATION, EvidenceKind.NUMBERS, EvidenceKind.CALLS_FALSE, EvidenceKind.OPPOSITE}
)
# The order of the features in the data file's `weights`.
FEATURES = (
    "cosine",
    "link",
    "overlap",
    "wording",
    "strength_gap",
    "conflicts",
    "loose",
    "is_agreement",
    "is_paraphrase",
    "is_exaggeration",
    "is_contradiction",
)


def features(a: str, b: str, pair: PairFeatures, judgement: Judgement) -> tuple[float, ...]:
    """The model's inputs for one labelled pair, in FEATURES order."""
    kinds = {item.kind for item in judgement.evidence}
    wording = fuzz.ratio(" ".join(a.lower().split()), " ".join(b.lower().split())) / 100.0
    gap = abs(cues.strength(a).score - cues.strength(b).score)
    relation = judgement.relation
    return (
        pair.cosine,
        pair.link,
        pair.lexical,
        wording,
        min(gap, 3.0),
        float(sum(1 for item in judgement.evidence if item.kind in CONFLICT_KINDS)),
        float(EvidenceKind.LOOSE_LINK in kinds),
        float(relation is Relation.AGREEMENT),
        float(relation is Relation.PARAPHRASE),
        float(relation is Relation.EXAGGERATION),
        float(relation is Relation.CONTRADICTION),
    )


@dataclass(frozen=True)
class Model:
    intercept: float
    weights: tuple[float, ...]
    source: str

    def probability(self, values: Sequence[float]) -> float:
        score = self.intercept + sum(w * x for w, x in zip(self.weights, values))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


class ConfidenceError(ValueError):
    """A confidence file that does not match FEATURES."""


def parse(document: dict[str, object], where: str = CONFIDENCE_FILE) -> Model:
    names, weights, intercept = document.get("features"), document.get("weights"), document.get("intercept")
    if names != list(FEATURES):
        raise ConfidenceError(f"{where}: features must be exactly {list(FEATURES)}")
    if not isinstance(weights, list) or len(weights) != len(FEATURES):
        raise ConfidenceError(f"{where}: one weight per feature")
    if not all(isinstance(w, (int, float)) and not isinstance(w, bool) for w in [*weights, intercept]):
        raise ConfidenceError(f"{where}: weights and intercept must be numbers")
    return Model(float(intercept), tuple(float(w) for w in weights), str(document.get("source", "")))  # type: ignore[arg-type]


@cache
def model() -> Model:
    return parse(lexicon.data_file(CONFIDENCE_FILE), f"align/data/{CONFIDENCE_FILE}")


def confidence(a: str, b: str, pair: PairFeatures, judgement: Judgement) -> float:
    """The calibrated probability that `judgement.relation` is right for this pair, in [0, 1]."""
    return round(model().probability(features(a, b, pair, judgement)), 4)
