"""Link scores between many sentences at once, for the claim aligner.

The same score as `relations.PairFeatures.link`, computed as matrices for a corpus (cosine by one
matrix product, rare-word overlap through an inverted index, frames by a product of indicator
matrices), so grouping a few thousand sentences costs milliseconds, not a Python call per pair.
Above DENSE_LIMIT sentences the full matrix would not fit in memory: pairs are then scored one
by one, only where the aligner asks.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from align import cues, relations
from align.lexical import Idf

DENSE_LIMIT = 5000


class LinkScorer:
    """Scores sentence pairs: `block(rows, cols)` gives a matrix of link scores."""

    def __init__(
        self,
        texts: Sequence[str],
        vectors: np.ndarray,
        idf: Idf,
        articles: np.ndarray,
        section_heading: np.ndarray,
    ) -> None:
        self.texts = list(texts)
        self.vectors = vectors
        self.idf = idf
        self.articles = articles
        self.heading = section_heading
        self.stem_sets = [frozenset(relations.stems(t)) for t in texts]
        self.weights = np.array([sum(idf(s) for s in stems) for stems in self.stem_sets], dtype=np.float32)
        names = sorted(cues.FRAMES)
        self.frames = np.array([[name in cues.frames(t) for name in names] for t in texts], dtype=np.float32).reshape(len(texts), len(names))
        self._dense = self._dense_matrix() if len(texts) <= DENSE_LIMIT else None
        # Plain lists: for the many tiny look-ups of the aligner, faster than numpy indexing.
        self.rows = self._dense.tolist() if self._dense is not None else None

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
        opposed = np.zeros_like(cosine, dtype=bool)
        for i, j in zip(*np.nonzero(np.triu(rare > 0, 1))):
            if self.articles[i] != self.articles[j] and relations.opposed(self.texts[i], self.texts[j]):
                opposed[i, j] = opposed[j, i] = True
        links = relations.link_score(cosine, overlap, frame_count, rare, opposed).astype(np.float32)
        return self._apply_rules(links, cosine, np.arange(len(self.texts)), np.arange(len(self.texts)))

    def _apply_rules(self, links: np.ndarray, cosine: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        # An author reuses their own words: within one article only meaning counts.
        same = self.articles[rows][:, None] == self.articles[cols][None, :]
        links = np.where(same, cosine, links)
        # A section heading only ever restates a section heading.
        mismatch = self.heading[rows][:, None] != self.heading[cols][None, :]
        return np.where(mismatch, 0.0, links).astype(np.float32)

    def block(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        rows, cols = np.asarray(rows), np.asarray(cols)
        if self._dense is not None:
            return self._dense[np.ix_(rows, cols)]
        cosine = self.vectors[rows] @ self.vectors[cols].T
        links = np.empty_like(cosine)
        for x, i in enumerate(rows):
            for y, j in enumerate(cols):
                links[x, y] = relations.features(self.texts[i], self.texts[j], float(cosine[x, y]), self.idf).link
        return self._apply_rules(links, cosine, rows, cols)

    def link(self, i: int, j: int) -> float:
        if self.rows is not None:
            return self.rows[i][j]
        return float(self.block([i], [j])[0, 0])
