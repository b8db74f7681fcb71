"""Nearest neighbours of every sentence vector: the aligner's candidate search.

Three ways, by corpus size (the bounds are `search.index_from` and `search.approximate_from` in
`align/data/parameters.toml`), because each pays off in its own range:
- up to `index_from` vectors, numpy: a block of the similarity matrix at a time and a partial
  sort. No import beyond numpy, so a story of a few articles starts as fast as before;
- above it, faiss's exact flat index: the same neighbours, found by BLAS and a heap instead of
  a partial sort of every row (measured here on 54,000 real sentence vectors: 24 s against
  76 s);
- above `approximate_from`, faiss's HNSW graph, approximate: 9 s on those vectors, with 99 % of
  the exact neighbours (benchmarks/README.md). faiss builds the graph the same way on every run
  here (checked with one and two threads), so an alignment stays reproducible.
Vectors are L2-normalised, so the inner product is the cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from align import parameters

BLOCK = 1024  # rows of the similarity matrix computed at once (memory, not results)


def search(
    vectors: np.ndarray, k: int, groups: Sequence[np.ndarray] = (), method: str | None = None
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Both searches the aligner needs, in one pass over the similarity matrix on the numpy
    path: each row's `k` most similar other rows (in no particular order), and for each group of
    row indices, every row's most similar row in that group (a row's own group may give the row
    itself; the caller skips those). `method` ("numpy", "exact" or "approximate") overrides the
    choice by size (for tests)."""
    n = len(vectors)
    k = max(0, min(k, n - 1))
    method = method or choose(n)
    if method == "numpy":
        return _numpy_search(vectors, k, groups)
    top = np.zeros((n, 0), dtype=np.int64)
    if k > 0:
        found = _faiss_search(_faiss_index(vectors, approximate=method == "approximate"), vectors, k + 1)
        top = _without_self(found, k)
    best = [
        members[_faiss_search(_faiss_index(vectors[members], approximate=False), vectors, 1)[:, 0]]
        for members in groups
    ]
    return top, best


def top_k(vectors: np.ndarray, k: int, method: str | None = None) -> np.ndarray:
    """`search`'s nearest neighbours alone."""
    return search(vectors, k, (), method)[0]


def best_in_each(vectors: np.ndarray, groups: Sequence[np.ndarray]) -> list[np.ndarray]:
    """`search`'s best match in each group alone."""
    return search(vectors, 0, groups)[1]


def choose(n: int) -> str:
    search = parameters.active().search
    if n <= search.index_from:
        return "numpy"
    return "approximate" if n > search.approximate_from else "exact"


def _numpy_search(vectors: np.ndarray, k: int, groups: Sequence[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    n = len(vectors)
    top: list[np.ndarray] = []
    best: list[list[np.ndarray]] = [[] for _ in groups]
    for start in range(0, n, BLOCK):
        block = vectors[start : start + BLOCK] @ vectors.T
        for g, members in enumerate(groups):
            best[g].append(members[np.argmax(block[:, members], axis=1)])
        if k > 0:
            rows = np.arange(start, min(start + BLOCK, n))
            block[rows - start, rows] = -np.inf
            top.append(np.argpartition(-block, k - 1, axis=1)[:, :k])
    found = np.vstack(top) if top else np.zeros((n, 0), dtype=np.int64)
    return found, [np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64) for parts in best]


def _faiss_index(vectors: np.ndarray, approximate: bool) -> Any:
    import faiss  # only for corpora this large: the import costs 0.2 s

    search = parameters.active().search
    data = np.ascontiguousarray(vectors, dtype=np.float32)
    index: Any
    if approximate:
        index = faiss.IndexHNSWFlat(data.shape[1], search.hnsw_links, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = search.hnsw_build_depth
        index.hnsw.efSearch = search.hnsw_search_depth
    else:
        index = faiss.IndexFlatIP(data.shape[1])
    index.add(data)
    return index


def _faiss_search(index: Any, vectors: np.ndarray, k: int) -> np.ndarray:
    _scores, found = index.search(np.ascontiguousarray(vectors, dtype=np.float32), k)
    return np.asarray(found, dtype=np.int64)


def _without_self(found: np.ndarray, k: int) -> np.ndarray:
    """Drop each row's own index (or, if the search missed it, its last neighbour): k per row.
    An approximate search may also return -1 for a slot it could not fill; that becomes the
    row itself, which callers ignore as they ignore self-pairs."""
    n = len(found)
    rows = np.arange(n)[:, None]
    found = np.where(found < 0, rows, found)
    out = np.empty((n, k), dtype=np.int64)
    for i in range(n):
        row = found[i]
        keep = row[row != i]
        out[i] = keep[:k] if len(keep) >= k else np.concatenate([keep, np.full(k - len(keep), i)])
    return out
