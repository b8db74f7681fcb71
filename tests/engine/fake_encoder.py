"""Hand-made sentence vectors with chosen cosines, so grouping rules are tested without the model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def vectors_with_cosines(gram: Sequence[Sequence[float]]) -> np.ndarray:
    """Unit rows whose pairwise cosines are exactly `gram` (a positive-definite matrix, 1 on
    the diagonal): the Cholesky factor of the Gram matrix has such rows."""
    matrix = np.asarray(gram, dtype=np.float64)
    assert np.allclose(matrix, matrix.T) and np.allclose(np.diag(matrix), 1.0)
    return np.linalg.cholesky(matrix).astype(np.float32)


class FakeEncoder:
    """An `align.model.embed.Encoder` that returns the vector given for each text."""

    model_id = "fake-encoder"

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        if not texts:
            return np.zeros((0, 2), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts]).astype(np.float32)
