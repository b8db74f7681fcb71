"""The pair model: the project's own cross-encoder (all-MiniLM-L6-v2 fine-tuned by
`training/train_pair_model.py`), shipped as one int8 ONNX file beside its record in
`align/data/` and run with onnxruntime and tokenizers, never exported or fetched at run time.

It reads two sentences together ([CLS] a [SEP] b [SEP]) and answers what the bi-encoder's
vectors cannot: whether they share a fact whatever else each says, whether they state it
equivalently, whether they contradict each other, and which side states it more strongly.
Every pair is read in both orders and the two readings averaged (the stronger side of the
swapped order read back), so a score never depends on which article came first.

Scores are cached by both texts and the model file's SHA-256 (align/store/cache.py), so a warm
run reads them instead of running the model. The file is checked against its record (size and
SHA-256); a missing or damaged file is `PairModelError`, and the pipeline then decides without
the model and says so once.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from align.models import PairScores

DATA = Path(__file__).resolve().parent.parent / "data"
MODEL_FILE = DATA / "pair_model.onnx"
RECORD_FILE = DATA / "pair_model.json"
OUTPUTS = ("link", "equivalent", "contradiction", "similarity", "stronger_a", "stronger_same", "stronger_b")
THREADS_VARIABLE = "COMPARE_THREADS"


class PairModelError(Exception):
    """The shipped pair model is missing, damaged or not the one its record describes."""


@lru_cache(maxsize=1)
def record() -> dict[str, Any]:
    """The model's record (training data and their SHA-256, recipe, seed, results)."""
    try:
        found = json.loads(RECORD_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PairModelError(f"{RECORD_FILE}: missing (the package ships it beside the model)") from None
    except (OSError, ValueError) as error:
        raise PairModelError(f"{RECORD_FILE}: unreadable ({type(error).__name__})") from None
    if not isinstance(found, dict) or not isinstance(found.get("sha256"), str) or found.get("outputs") != list(OUTPUTS):
        raise PairModelError(f"{RECORD_FILE}: not a pair-model record")
    return found


def identity() -> dict[str, str]:
    """{name, sha256} of the shipped model, as the JSON's `model.pair_model` says."""
    found = record()
    return {"name": str(found["name"]), "sha256": str(found["sha256"])}


class PairModel:
    """Scores sentence pairs: `score([(a, b), ...]) -> [PairScores, ...]`.

    The file is checked against its record when the model is made (a damaged install is found
    before the engine decides anything); the ONNX session and the tokenizer are made on the first
    reading, so a run whose readings are all in the cache never pays for them (0.3 s, and 0.2 s
    of imports, on 2 cores)."""

    def __init__(self, path: Path = MODEL_FILE) -> None:
        found = record()
        try:
            content = path.read_bytes()
        except OSError as error:
            raise PairModelError(f"{path}: {error.strerror or type(error).__name__}") from None
        if hashlib.sha256(content).hexdigest() != found["sha256"]:
            raise PairModelError(f"{path}: not the model its record describes (SHA-256 differs)")
        self.path = path
        self.sha256 = str(found["sha256"])
        self.max_tokens = int(found.get("max_tokens", 128))
        self._content: bytes | None = content
        self._loaded: tuple[Any, Any] | None = None

    def _session_and_tokenizer(self) -> tuple[Any, Any]:
        """The ONNX session and the tokenizer, made once, on the first reading."""
        if self._loaded is not None:
            return self._loaded
        import onnxruntime
        from tokenizers import Tokenizer

        from align.model.embed import model_path

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        threads = os.environ.get(THREADS_VARIABLE, "")
        if threads.isdigit() and int(threads) > 0:
            options.intra_op_num_threads = int(threads)
        try:
            session = onnxruntime.InferenceSession(self._content, options, providers=["CPUExecutionProvider"])
        except Exception as error:  # onnxruntime raises its own types for a damaged graph
            raise PairModelError(f"{self.path}: not a loadable ONNX model ({type(error).__name__})") from None
        # The base model's tokenizer: fine-tuning changed the weights, not the vocabulary.
        tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_tokens, strategy="longest_first")
        tokenizer.no_padding()
        self._content = None  # the session holds the graph now
        self._loaded = (session, tokenizer)
        return self._loaded

    @property
    def loaded(self) -> bool:
        """Whether the session has been made (a reading was needed)."""
        return self._loaded is not None

    def logits(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """The raw outputs for each (a, b) as given (one order).

        Each input runs alone, never padded into a batch: the int8 model quantises its
        activations with one scale per tensor, computed over the whole batch, so in a batch a
        pair's reading depended on what it was read with (up to 3.0 in the shared-fact logit
        on the judged pairs) and a story's claims on what the cache already held. Alone it is
        the same wherever it is read, and on two cores no slower (12.4 ms against 13.6 ms an
        input, measured on 240 judged pairs)."""
        session, tokenizer = self._session_and_tokenizer()
        out = np.zeros((len(pairs), len(OUTPUTS)), dtype=np.float32)
        for n, encoding in enumerate(tokenizer.encode_batch([(a, b) for a, b in pairs])):
            feeds = {
                "input_ids": np.array([encoding.ids], dtype=np.int64),
                "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
                "token_type_ids": np.array([encoding.type_ids], dtype=np.int64),
            }
            out[n] = session.run(None, feeds)[0][0]
        return out

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[PairScores]:
        """Both orders of each pair, averaged."""
        if not pairs:
            return []
        both = self.logits([*pairs, *((b, a) for a, b in pairs)])
        forward, backward = both[: len(pairs)], both[len(pairs) :]
        backward = backward[:, [0, 1, 2, 3, 6, 5, 4]]  # the swapped order's "a is stronger" is b's
        mean = (forward + backward) / 2
        return [scores_of(row) for row in mean.tolist()]


def scores_of(row: Sequence[float]) -> PairScores:
    """PairScores from one averaged output row (logits)."""
    sides = np.exp(np.array(row[4:7]) - max(row[4:7]))
    sides = sides / sides.sum()
    return PairScores(
        round(float(row[0]), 5),
        round(_sigmoid(row[1]), 5),
        round(_sigmoid(row[2]), 5),
        round(_sigmoid(row[3]), 5),
        round(float(sides[0]), 5),
        round(float(sides[1]), 5),
        round(float(sides[2]), 5),
    )


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


@lru_cache(maxsize=1)
def shared_model() -> PairModel:
    """One loaded model per process."""
    return PairModel()


# Pair-model scores live in the embedding cache's vector table: seven numbers per pair of
# texts, under a model name that holds the model file's SHA-256, keyed by both texts. "alone":
# readings of each input run by itself (PairModel.logits); the batched readings of earlier
# versions, stored under "pair:", are never mixed with them.
_CACHE_PREFIX = "pair:alone:"


def _cache_text(a: str, b: str) -> str:
    return a + "\0" + b


def read_pairs(
    pairs: Sequence[tuple[str, str]],
    cache: Any | None = None,
    model: PairModel | None = None,
) -> dict[tuple[str, str], PairScores]:
    """The model's reading of each (a, b), from the cache where it holds one (`cache`: an
    align.store.cache.EmbeddingCache), else read now and stored, in one transaction per call.
    Each distinct pair of texts is read once, whichever order it comes in."""
    wanted = list(dict.fromkeys((a, b) if a <= b else (b, a) for a, b in pairs))
    if not wanted:
        return {}
    model = model or shared_model()
    name = _CACHE_PREFIX + model.sha256
    # This process's own readings first: a fitting script aligns the same stories many times.
    found = {pair: _memory[(name, *pair)] for pair in wanted if (name, *pair) in _memory}
    if cache is not None:
        stored = cache.get_many(name, len(OUTPUTS), [_cache_text(a, b) for a, b in wanted if (a, b) not in found])
        for a, b in wanted:
            row = stored.get(_cache_text(a, b))
            if row is not None:
                found[(a, b)] = PairScores(*(float(x) for x in row))
    missing = [pair for pair in wanted if pair not in found]
    if missing:
        # Through float32, as the cache stores them: a warm run decides exactly as a cold one.
        read = [PairScores(*(float(x) for x in np.array(_values(s), dtype=np.float32))) for s in model.score(missing)]
        found.update(zip(missing, read, strict=True))
        if cache is not None:
            cache.put_many(
                name,
                {_cache_text(a, b): np.array(_values(s), dtype=np.float32) for (a, b), s in zip(missing, read)},
            )
    if len(_memory) + len(found) > MEMORY_ENTRIES:
        _memory.clear()
    _memory.update(((name, *pair), scores) for pair, scores in found.items())
    return found


# Readings kept in memory per process (a few hundred bytes each).
MEMORY_ENTRIES = 200_000
_memory: dict[tuple[str, str, str], PairScores] = {}


def _values(scores: PairScores) -> list[float]:
    return [
        scores.fact,
        scores.equivalent,
        scores.contradiction,
        scores.similarity,
        scores.stronger_a,
        scores.stronger_same,
        scores.stronger_b,
    ]


def enabled() -> bool:
    """`COMPARE_PAIR_MODEL=off` runs the engine without the pair model (for measuring it)."""
    return os.environ.get("COMPARE_PAIR_MODEL", "").strip().lower() not in ("off", "0", "no", "false")
