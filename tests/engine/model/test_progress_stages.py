"""A cold start names each slow stage before it starts, and embedding counts its batches: the
app's status line shows these messages, so a reader never watches a bar that does not move."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pytest

from align.model import embed


class _FakeModel:
    def encode(self, batch: Sequence[str], **_: object) -> np.ndarray:
        return np.ones((len(batch), embed.DIMENSION), dtype=np.float32) / np.sqrt(embed.DIMENSION)


@pytest.fixture
def cold_model(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Nothing imported or loaded yet (as in a fresh process), on the reference path
    (sentence-transformers); the steps taken are recorded."""
    monkeypatch.setenv("COMPARE_EMBEDDER", "torch")
    steps: list[str] = []

    @lru_cache(maxsize=1)
    def model_class() -> object:
        steps.append("import")
        return lambda *args, **kwargs: _FakeModel()

    @lru_cache(maxsize=1)
    def loaded_model() -> object:
        steps.append("load")
        return model_class()()

    monkeypatch.setattr(embed, "_model_class", model_class)
    monkeypatch.setattr(embed, "_loaded_model", loaded_model)
    return steps


def test_a_cold_encoder_announces_import_load_and_each_batch(cold_model: list[str]) -> None:
    messages: list[tuple[float, str]] = []

    def progress(fraction: float, message: str) -> None:
        messages.append((fraction, message))

    texts = [f"Sentence number {n} of the story." for n in range(embed.BATCH_SIZE + 10)]
    vectors = embed.SentenceEmbedder(use_cache=False).encode(texts, progress=progress)

    assert vectors.shape == (len(texts), embed.DIMENSION)
    assert cold_model == ["import", "load"]
    total = len(texts)
    assert [m for _, m in messages] == [
        "importing the model's libraries (PyTorch)",
        f"loading the {embed.MODEL_NAME} model",
        f"embedding 0 of {total} sentences",
        f"embedding {embed.BATCH_SIZE} of {total} sentences",
        f"embedding {total} of {total} sentences",
        "embeddings ready",
    ]
    fractions = [f for f, _ in messages]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_a_warm_encoder_does_not_announce_stages_it_skips(cold_model: list[str]) -> None:
    embed.SentenceEmbedder(use_cache=False).encode(["A first sentence."])
    messages: list[str] = []
    embed.SentenceEmbedder(use_cache=False).encode(["Another sentence."], progress=lambda f, m: messages.append(m))
    assert cold_model == ["import", "load"]  # once per process
    assert messages == ["embedding 0 of 1 sentences", "embedding 1 of 1 sentences", "embeddings ready"]
