"""The neighbour search behind candidate pairs: faiss's indexes find what exact search finds."""

from __future__ import annotations

import numpy as np
import pytest

from align import parameters
from align.group import neighbours


def _clustered_vectors(n: int, seed: int = 3) -> np.ndarray:
    """Unit vectors in tight clusters, like sentences of a story told many times."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n // 20, 64))
    rows = centres[rng.integers(0, len(centres), size=n)] + rng.normal(scale=0.35, size=(n, 64))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows.astype(np.float32)


def _exact_sets(vectors: np.ndarray, k: int) -> list[set[int]]:
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    return [set(np.argsort(-row)[:k].tolist()) for row in similarity]


def test_faiss_flat_index_finds_exactly_the_exact_neighbours():
    vectors = _clustered_vectors(1500)
    found = neighbours.top_k(vectors, 10, method="exact")
    assert found.shape == (1500, 10)
    assert [set(row.tolist()) for row in found] == _exact_sets(vectors, 10)


def test_numpy_search_finds_exactly_the_exact_neighbours():
    vectors = _clustered_vectors(1500)
    assert [set(row.tolist()) for row in neighbours.top_k(vectors, 10, method="numpy")] == _exact_sets(vectors, 10)


def test_the_hnsw_index_finds_the_exact_neighbours_on_a_small_corpus():
    vectors = _clustered_vectors(2000)
    found = neighbours.top_k(vectors, 10, method="approximate")
    exact = _exact_sets(vectors, 10)
    assert all(i not in row.tolist() for i, row in enumerate(found)), "a sentence is never its own neighbour"
    share = np.mean([len(set(row.tolist()) & want) / 10 for row, want in zip(found, exact)])
    assert share >= 0.99
    # and the same graph every time: the alignment of a big cluster is reproducible
    assert np.array_equal(found, neighbours.top_k(vectors, 10, method="approximate"))


def test_the_search_is_chosen_by_corpus_size():
    search = parameters.active().search
    assert neighbours.choose(search.index_from) == "numpy"
    assert neighbours.choose(search.index_from + 1) == "exact"
    assert neighbours.choose(search.approximate_from + 1) == "approximate"


@pytest.mark.parametrize("method", ["numpy", "exact"])
def test_best_match_in_each_group_is_the_most_similar_member(method, monkeypatch):
    vectors = _clustered_vectors(600)
    groups = [np.arange(0, 200), np.arange(200, 600)]
    monkeypatch.setattr(neighbours, "choose", lambda n: method)
    similarity = vectors @ vectors.T
    for members, best in zip(groups, neighbours.best_in_each(vectors, groups)):
        assert np.array_equal(best, members[np.argmax(similarity[:, members], axis=1)])
