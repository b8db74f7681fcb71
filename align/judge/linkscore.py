"""The link score between sentences: how strongly two sentences state the same claim.

`features` and `PairFeatures.link` score one pair; `LinkScorer` scores many at once for the
claim aligner: below `search.dense_limit` sentences as one matrix (cosine by a matrix product,
shared rare words through an inverted index, frames by a product of indicator matrices), so
grouping a few thousand sentences costs milliseconds. Above it the matrix would not fit in
memory, so pairs are scored where the aligner asks, with the per-sentence parts (stem sets,
weights, frames) computed once. Both paths give the same scores.

The weights are parameters (`align/data/parameters.toml`, section [link]).

Where the pipeline had the pair model read a pair (align/model/pair_model.py; only pairs above
`pair_model.cosine_floor`), the link is the fitted combination of this score, the model's
shared-fact log-odds and a quotation both print (`model_link`), on the same scale, so the claim
bars keep their meaning. The scores arrive as a table keyed by both texts (`PairTable`): nothing
here runs a model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np

from align import parameters
from align.judge import conflicts, cues, lexical
from align.judge.lexical import Idf
from align.models import PairScores

# The pair model's readings, keyed by (text a, text b) in either order (`scores_for` flips).
PairTable = Mapping[tuple[str, str], PairScores]
# A quotation both sentences print, from this many words: one speaker's words in both.
QUOTE_WORDS = 5


def scores_for(table: PairTable | None, a: str, b: str) -> PairScores | None:
    """The model's reading of (a, b), whichever order the table holds it in."""
    if not table:
        return None
    found = table.get((a, b))
    if found is not None:
        return found
    found = table.get((b, a))
    return found.flipped() if found is not None else None


def model_link(link: float, fact: float, quote_words: int) -> float:
    """The link of a pair the model read: the fitted combination (parameters [pair_model])."""
    w = parameters.active().pair_model
    return (
        w.link_intercept
        + w.link_weight * link
        + w.fact_weight * fact
        + (w.quote_weight if quote_words >= QUOTE_WORDS else 0.0)
    )


@overload
def link_score(cosine: float, overlap: float, frame_count: int, rare_count: int, opposed: bool) -> float: ...
@overload
def link_score(
    cosine: np.ndarray, overlap: np.ndarray, frame_count: np.ndarray, rare_count: np.ndarray, opposed: np.ndarray
) -> np.ndarray: ...
def link_score(cosine: Any, overlap: Any, frame_count: Any, rare_count: Any, opposed: Any) -> Any:
    """Cosine carries most; rare shared words and a shared event frame lift pairs whose
    embeddings drift apart although they state the same claim; pairs that share no rare word
    at all are usually two generic sentences on one topic. Works on numbers and arrays alike."""
    w = parameters.active().link
    if not isinstance(cosine, np.ndarray):  # one pair: plain arithmetic, ten times faster
        frames = min(int(frame_count), 2)
        return (
            cosine
            + w.lexical_weight * overlap
            + (w.frame_bonus_two if frames >= 2 else w.frame_bonus_one if frames == 1 else 0.0)
            + w.rare_bonus * min(rare_count, 2)
            + (w.opposed_bonus if opposed else 0.0)
            - (w.no_anchor_penalty if overlap < w.no_anchor_overlap else 0.0)
        )
    frames = np.minimum(frame_count, 2)
    bonus = np.where(frames >= 2, w.frame_bonus_two, np.where(frames == 1, w.frame_bonus_one, 0.0))
    penalty = np.where(overlap < w.no_anchor_overlap, w.no_anchor_penalty, 0.0)
    rare = w.rare_bonus * np.minimum(rare_count, 2) + np.where(opposed, w.opposed_bonus, 0.0)
    return cosine + w.lexical_weight * overlap + bonus + rare - penalty


@dataclass(frozen=True)
class PairFeatures:
    cosine: float
    lexical: float
    shared_stems: tuple[str, ...]
    shared_frames: frozenset[str]
    rare_shared: int = 0  # shared words that few sentences of the corpus use ("encompass")
    # One side negates what the other asserts, around a rare shared word: the same proposition.
    opposed: bool = False
    scores: PairScores | None = None  # the pair model's reading, where the pipeline had it read
    quote_words: int = 0  # the longest quoted run both print (lexical.shared_quote_words)

    @property
    def lexical_link(self) -> float:
        """The link score without the pair model."""
        return float(link_score(self.cosine, self.lexical, len(self.shared_frames), self.rare_shared, self.opposed))

    @property
    def link(self) -> float:
        if self.scores is None:
            return self.lexical_link
        return model_link(self.lexical_link, self.scores.fact, self.quote_words)

    @property
    def similarity(self) -> float:
        """Semantic similarity in [0, 1]: where the pair model read the pair, a fitted blend of
        the embeddings' cosine and the model's graded similarity (trained on STS-B and SICK; the
        two err differently, and together rank STS-B dev better than either), else the cosine.
        (The link score, which adds the lexical evidence, decides grouping; shown alone it would
        blur what "similar" means.)"""
        cosine = min(1.0, max(0.0, self.cosine))
        if self.scores is None:
            return float(cosine)
        weight = parameters.active().pair_model.similarity_cosine_weight
        return float(weight * cosine + (1.0 - weight) * self.scores.similarity)


def features(a: str, b: str, cosine: float, idf: Idf, scores: PairScores | None = None) -> PairFeatures:
    overlap, shared = lexical.weighted_overlap(stems(a), stems(b), idf)
    rare = [s for s in shared if idf(s) >= idf.rare]
    return PairFeatures(
        float(cosine),
        overlap,
        tuple(shared),
        cues.frames(a) & cues.frames(b),
        len(rare),
        bool(rare) and opposed(a, b),
        scores,
        lexical.shared_quote_words(a, b) if scores is not None else 0,
    )


def stems(text: str) -> tuple[str, ...]:
    return lexical.stems_of(text)


def opposed(a: str, b: str) -> bool:
    """One sentence negates a word the other asserts."""
    return bool(
        conflicts.negation_conflicts(a, b, "a", "b", same_subject=False)
        or conflicts.negation_conflicts(b, a, "b", "a", same_subject=False)
    )


class LinkScorer:
    """Scores sentence pairs: `link(i, j)`, from the matrix or computed on demand."""

    def __init__(
        self,
        texts: Sequence[str],
        vectors: np.ndarray,
        idf: Idf,
        articles: np.ndarray,
        section_heading: np.ndarray,
        dense_limit: int | None = None,
        pair_scores: PairTable | None = None,
    ) -> None:
        self.texts = list(texts)
        self.pair_scores = pair_scores or {}
        self.vectors = vectors
        self.idf = idf
        self.articles = articles
        self.heading = section_heading
        self.stem_sets = [frozenset(stems(t)) for t in texts]
        self.weights = np.array([sum(idf(s) for s in stems) for stems in self.stem_sets], dtype=np.float32)
        names = sorted(cues.FRAMES)
        self.frames = np.array([[name in cues.frames(t) for name in names] for t in texts], dtype=np.float32).reshape(
            len(texts), len(names)
        )
        self._frame_masks = [sum(1 << k for k, name in enumerate(names) if name in cues.frames(t)) for t in texts]
        # A sentence reprinted by many outlets (wire copy) or repeated by one scores like its
        # first copy, so a pair of wordings is scored once, however often it recurs: the sparse
        # path's cost follows the distinct wordings, not the copies. (The vector is part of the
        # key: only a caller's own encoder could give one text two vectors, but then they differ.)
        wording_of: dict[tuple[str, bool, bytes], int] = {}
        self.wording = [
            wording_of.setdefault((t, bool(h), v.tobytes()), len(wording_of))
            for t, h, v in zip(self.texts, section_heading, np.asarray(vectors))
        ]
        self._cache: dict[tuple[int, int, bool], float] = {}
        self._article_list = np.asarray(articles).tolist()  # plain ints: many tiny look-ups
        self._heading_list = [bool(h) for h in section_heading]
        # Plain lists: for the many tiny look-ups of the aligner, faster than numpy indexing.
        self.representative_count = parameters.active().search.representatives
        # `dense_limit` overrides the parameter (tests compare both paths on one corpus).
        limit = parameters.active().search.dense_limit if dense_limit is None else dense_limit
        dense = len(texts) <= limit
        self.rows = self._dense_matrix().tolist() if dense else None

    # --- dense: every pair at once -----------------------------------------------------------
    def _shared_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """IDF weight of the stems each pair shares, and how many of them are rare."""
        n = len(self.texts)
        users: dict[str, list[int]] = {}
        for i, stems in enumerate(self.stem_sets):
            for stem in stems:
                users.setdefault(stem, []).append(i)
        shared = np.zeros((n, n), dtype=np.float32)
        rare = np.zeros((n, n), dtype=np.float32)
        for stem, members in users.items():
            if len(members) < 2:
                continue
            index = np.ix_(members, members)
            weight = self.idf(stem)
            shared[index] += weight
            if weight >= self.idf.rare:
                rare[index] += 1
        return shared, rare

    def _dense_matrix(self) -> np.ndarray:
        cosine = self.vectors @ self.vectors.T
        shared, rare = self._shared_weights()
        total = self.weights[:, None] + self.weights[None, :]
        overlap = np.divide(2 * shared, total, out=np.zeros_like(shared), where=total > 0)
        frame_count = self.frames @ self.frames.T
        negated = np.zeros_like(cosine, dtype=bool)
        for i, j in zip(*np.nonzero(np.triu(rare > 0, 1))):
            if self.articles[i] != self.articles[j] and opposed(self.texts[i], self.texts[j]):
                negated[i, j] = negated[j, i] = True
        links = link_score(cosine, overlap, frame_count, rare, negated)
        if self.pair_scores:
            where: dict[str, list[int]] = {}
            for i, text in enumerate(self.texts):
                where.setdefault(text, []).append(i)
            for (a, b), scores in self.pair_scores.items():
                quote = lexical.shared_quote_words(a, b)
                for i in where.get(a, ()):
                    for j in where.get(b, ()):
                        if self.articles[i] != self.articles[j]:
                            links[i, j] = links[j, i] = model_link(float(links[i, j]), scores.fact, quote)
        everyone = np.arange(len(self.texts))
        return self._apply_rules(links, cosine, everyone, everyone)

    def _apply_rules(self, links: np.ndarray, cosine: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        # An author reuses their own words: within one article only meaning counts.
        same = self.articles[rows][:, None] == self.articles[cols][None, :]
        links = np.where(same, cosine, links)
        # A section heading only ever restates a section heading.
        mismatch = self.heading[rows][:, None] != self.heading[cols][None, :]
        return np.where(mismatch, 0.0, links).astype(np.float32)

    # --- sparse: one pair at a time, for corpora too large for the matrix --------------------
    def _pair(self, i: int, j: int) -> float:
        wi, wj = self.wording[i], self.wording[j]
        same_article = self._article_list[i] == self._article_list[j]
        key = (wi, wj, same_article) if wi < wj else (wj, wi, same_article)
        found = self._cache.get(key)
        if found is not None:
            return found
        cosine = float(self.vectors[i] @ self.vectors[j])
        if self._heading_list[i] != self._heading_list[j]:
            score = 0.0
        elif same_article:
            score = cosine
        else:
            shared = self.stem_sets[i] & self.stem_sets[j]
            weight = sum(self.idf(s) for s in shared)
            total = float(self.weights[i] + self.weights[j])
            overlap = 2 * weight / total if total > 0 else 0.0
            rare = sum(1 for s in shared if self.idf(s) >= self.idf.rare)
            frame_count = bin(self._frame_masks[i] & self._frame_masks[j]).count("1")
            negated = rare > 0 and opposed(self.texts[i], self.texts[j])
            score = float(link_score(cosine, overlap, frame_count, rare, negated))
            read = scores_for(self.pair_scores, self.texts[i], self.texts[j])
            if read is not None:
                score = model_link(score, read.fact, lexical.shared_quote_words(self.texts[i], self.texts[j]))
        self._cache[key] = score
        return score

    def representatives(self, members: Sequence[int]) -> list[int]:
        """A fixed sample of at most `search.representatives` members, chosen by their text so
        the choice does not depend on input order: the first members by (text, index), in that
        order. The sample of a union is the sample of the union of the samples, which is how
        grouping keeps each group's sample up to date without sorting the group again."""
        return sorted(members, key=lambda i: (self.texts[i], i))[: self.representative_count]

    # --- the interface ------------------------------------------------------------------------
    def link(self, i: int, j: int) -> float:
        if self.rows is not None:
            return float(self.rows[i][j])
        return self._pair(i, j)
