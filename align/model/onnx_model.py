"""all-MiniLM-L6-v2 through onnxruntime and tokenizers: the vectors sentence-transformers gives
(mean pooling over the attention mask, then L2 normalisation, as the model's modules.json and
1_Pooling/config.json say), without importing PyTorch when a program runs.

Importing torch and sentence-transformers costs about 5 s before the first sentence is encoded;
onnxruntime and tokenizers load the same model in well under a second. The ONNX file is made
once, from the packaged weights, by torch's exporter (torch stays installed for that and for the
reference path, `COMPARE_EMBEDDER=torch`). It is kept in the model folder (`<cache dir>/models`,
or `$COMPARE_MODEL_DIR`), named by a key of the model's identity, the format of this export and
the versions of the libraries that make and run it, written whole or not at all, with a small
record beside it; a file that is missing its record, truncated or not this model's is refused
(`ModelFileError`) and made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from align.store.folders import MODELS_FOLDER, default_cache_dir

# Changes whenever what `export` writes changes: the inputs, the outputs, the opset.
EXPORT_FORMAT = 1
OPSET = 17
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT = "last_hidden_state"


class ModelFileError(Exception):
    """The ONNX file is missing, incomplete or not this model's export; the message says which."""


THREADS_VARIABLE = "COMPARE_THREADS"  # threads per model session (default: onnxruntime's, every core)


def model_dir() -> Path:
    """Where exported models are kept: `$COMPARE_MODEL_DIR`, else the cache folder's `models`."""
    env = os.environ.get("COMPARE_MODEL_DIR")
    if env:
        return Path(env)
    return default_cache_dir() / MODELS_FOLDER


def model_file(model_identity: str, name: str) -> Path:
    """The ONNX file of model `name`, as exported and run by the libraries installed now."""
    from importlib import metadata

    versions = []
    for package in ("torch", "transformers", "onnxruntime", "tokenizers"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=-")
    key = hashlib.sha256(f"{model_identity};{EXPORT_FORMAT};{OPSET};{';'.join(versions)}".encode()).hexdigest()
    return model_dir() / f"{name}-{key[:16]}.onnx"


def _record_of(path: Path) -> Path:
    return path.with_suffix(".json")


class OnnxModel:
    """Encodes like `SentenceTransformer.encode(..., normalize_embeddings=True)`."""

    def __init__(self, path: Path, model_folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.session = _checked_session(path, onnxruntime)
        settings = json.loads((model_folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(model_folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(int(settings.get("max_seq_length", 256)))
        self.tokenizer.enable_padding()  # to the longest text of each batch

    def encode(self, texts: Sequence[str], **_: object) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        # Tokenized once, padded to the longest text of all; each run is cut back to its own.
        encodings = self.tokenizer.encode_batch(list(texts))
        lengths = [sum(e.attention_mask) for e in encodings]
        return np.concatenate([self._encode(encodings[a:b], max(lengths[a:b])) for a, b in _token_budget(lengths)])

    def _encode(self, encodings: list[Any], width: int) -> np.ndarray:
        feeds = {
            "input_ids": np.array([e.ids[:width] for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask[:width] for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids[:width] for e in encodings], dtype=np.int64),
        }
        tokens = self.session.run([OUTPUT], feeds)[0]
        mask = feeds["attention_mask"][..., None].astype(np.float32)
        pooled = (tokens * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.clip(norms, 1e-12, None), dtype=np.float32)


# Padded tokens per run of the model. Attention's memory grows with the batch times the square
# of its longest text: 64 texts of 256 tokens took 1.8 GB (and onnxruntime's arena keeps its
# peak for the process's life), while 64 seed sentences of ~40 tokens fit in this budget whole.
MAX_BATCH_TOKENS = 4096


def _token_budget(lengths: list[int]) -> list[tuple[int, int]]:
    """Runs (start, end) of consecutive texts, each of at most MAX_BATCH_TOKENS padded tokens
    (its size times its longest text's length), given each text's length in tokens."""
    runs: list[tuple[int, int]] = []
    start, longest = 0, 0
    for n, length in enumerate(lengths):
        if n > start and max(longest, length) * (n - start + 1) > MAX_BATCH_TOKENS:
            runs.append((start, n))
            start, longest = n, 0
        longest = max(longest, length)
    runs.append((start, len(lengths)))
    return runs


def _checked_session(path: Path, onnxruntime: Any) -> Any:
    """An inference session on `path`, if it is this export, whole; raises ModelFileError."""
    try:
        record = json.loads(_record_of(path).read_text(encoding="utf-8"))
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise ModelFileError(f"{path}: missing") from None
    except (OSError, ValueError) as error:
        raise ModelFileError(f"{path}: unreadable record ({type(error).__name__})") from None
    if not isinstance(record, dict) or record.get("bytes") != size or record.get("format") != EXPORT_FORMAT:
        raise ModelFileError(f"{path}: truncated or not this export (its size or record does not match)")
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # errors only: its warnings would reach the terminal
    threads = os.environ.get(THREADS_VARIABLE, "")
    if threads.isdigit() and int(threads) > 0:
        # A batch worker owns one core: several sessions each using every core only contend.
        options.intra_op_num_threads = int(threads)
    try:
        session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as error:  # onnxruntime raises its own types for a damaged graph
        raise ModelFileError(f"{path}: not a loadable ONNX model ({type(error).__name__})") from None
    names = tuple(i.name for i in session.get_inputs())
    outputs = [o.name for o in session.get_outputs()]
    if names != INPUTS or outputs != [OUTPUT]:
        raise ModelFileError(f"{path}: not this model's export (inputs {names}, outputs {outputs})")
    return session


def export(path: Path, model_folder: Path) -> None:
    """Export the packaged weights to `path` with torch's exporter: a temporary file in the same
    folder, renamed into place, then its record (written last: a file without one is not whole).
    Files are private to the user (0600, folder 0700). Raises on any failure, leaving nothing."""
    import torch
    from transformers import AutoModel

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    model = AutoModel.from_pretrained(str(model_folder))
    model.eval()

    class LastHiddenState(torch.nn.Module):  # keyword arguments: BertModel's positions moved
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    example = tuple(torch.ones((1, 8), dtype=torch.long) for _ in INPUTS)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, OUTPUT)}
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with torch.no_grad(), contextlib.redirect_stdout(None), _quiet_warnings():
            torch.onnx.export(
                LastHiddenState(model),
                example,
                temp,
                input_names=list(INPUTS),
                output_names=[OUTPUT],
                dynamic_axes=axes,
                opset_version=OPSET,
                dynamo=False,  # the TorchScript exporter: no onnxscript needed, a stable graph
            )
        os.chmod(temp, 0o600)
        os.replace(temp, path)
        _write_record(path, {"format": EXPORT_FORMAT, "bytes": os.stat(path).st_size, "opset": OPSET})
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _write_record(path: Path, record: dict[str, int]) -> None:
    from align.store.atomic_file import write_private

    write_private(_record_of(path), json.dumps(record).encode("utf-8"))


@contextlib.contextmanager
def _quiet_warnings() -> Any:
    """The exporter's notes on opset details are not the reader's business."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
