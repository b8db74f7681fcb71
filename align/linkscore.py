"""Link scores between many sentences at once, for the claim aligner.

The same score as `relations.PairFeatures.link`, computed in bulk: below DENSE_LIMIT sentences as
one matrix (cosine by a matrix product, shared rare words through an inverted index, frames by
a product of indicator matrices), so grouping a few thousand sentences costs milliseconds.
Above it the matrix would not fit in memory, so pairs are scored where the aligner asks, with
the per-sentence parts (stem sets, weights, frames) computed once.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from align import cues, relations
from align.lexical import Idf

DENSE_LIMIT = 4000
REPRESENTATIVES = 12


class LinkScorer:
    """Scores sentence pairs: `link(i, j)`, from the matrix or computed on demand."""

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
        self._frame_masks = [sum(1 << k for k, name in enumerate(names) if name in cues.frames(t)) for t in texts]
        self._cache: dict[tuple[int, int], float] = {}
        # Plain lists: for the many tiny look-ups of the aligner, faster than numpy indexing.
        self.rows = self._dense_matrix().tolist() if len(texts) <= DENSE_LIMIT else None

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
        opposed = np.zeros_like(cosine, dtype=bool)
        for i, j in zip(*np.nonzero(np.triu(rare > 0, 1))):
            if self.articles[i] != self.articles[j] and relations.opposed(self.texts[i], self.texts[j]):
                opposed[i, j] = opposed[j, i] = True
        links = relations.link_score(cosine, overlap, frame_count, rare, opposed)
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
        key = (i, j) if i < j else (j, i)
        found = self._cache.get(key)
        if found is not None:
            return found
        cosine = float(self.vectors[i] @ self.vectors[j])
        if self.heading[i] != self.heading[j]:
            score = 0.0
        elif self.articles[i] == self.articles[j]:
            score = cosine
        else:
            shared = self.stem_sets[i] & self.stem_sets[j]
            weight = sum(self.idf(s) for s in shared)
            total = float(self.weights[i] + self.weights[j])
            overlap = 2 * weight / total if total > 0 else 0.0
            rare = sum(1 for s in shared if self.idf(s) >= self.idf.rare)
            frame_count = bin(self._frame_masks[i] & self._frame_masks[j]).count("1")
            opposed = rare > 0 and relations.opposed(self.texts[i], self.texts[j])
            score = float(relations.link_score(cosine, overlap, frame_count, rare, opposed))
        self._cache[key] = score
        return score

    def representatives(self, members: Sequence[int]) -> list[int]:
        """All members with the full matrix; otherwise at most REPRESENTATIVES of them, chosen
        by their text so the choice does not depend on input order."""
        if self.rows is not None or len(members) <= REPRESENTATIVES:
            return list(members)
        return sorted(members, key=lambda i: (self.texts[i], i))[:REPRESENTATIVES]

    # --- the interface ------------------------------------------------------------------------
    def link(self, i: int, j: int) -> float:
        if self.rows is not None:
            return self.rows[i][j]
        return self._pair(i, j)
