"""The torch-free run-time path: all-MiniLM-L6-v2 exported once to ONNX and run by onnxruntime
gives sentence-transformers' vectors and the same alignment, a run after the export imports
neither torch nor sentence-transformers, and a damaged model file is made again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from align.model import embed, onnx_model
from align.read.reader import load_corpus

HEAVY = ("torch", "transformers", "sentence_transformers")


def compare(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=600, env=env or dict(os.environ)
    )


@pytest.fixture(scope="module")
def exported() -> Path:
    """The session's ONNX file, exported by a first run if no test has yet."""
    path = onnx_model.model_file(embed.model_identity(), embed.MODEL_NAME)
    if not path.exists():
        done = compare("--json", "--no-cache", str(Path(__file__).resolve().parents[3] / "seeds"))
        assert done.returncode == 0, done.stderr
    assert path.exists() and path.with_suffix(".json").exists()
    return path


def seed_sentences(seeds_dir: Path) -> list[str]:
    return [s.text for a in load_corpus(seeds_dir) for s in a.sentences][:200]


def test_both_paths_give_the_same_vectors(exported: Path, seeds_dir: Path) -> None:
    texts = seed_sentences(seeds_dir)
    fast = onnx_model.OnnxModel(exported, embed.model_path()).encode(texts)
    reference = embed._loaded_model().encode(texts, batch_size=64, convert_to_numpy=True, normalize_embeddings=True)
    cosines = (fast * reference).sum(axis=1)
    assert fast.shape == reference.shape == (len(texts), embed.DIMENSION)
    assert cosines.min() >= 0.9999


def test_long_texts_run_in_smaller_batches_and_give_the_same_vectors(exported: Path, seeds_dir: Path) -> None:
    # Attention's memory grows with the batch times the square of its longest text: 64 texts of
    # 256 tokens in one run took 1.8 GB. Runs stay within a budget of padded tokens, and how a
    # list is cut into runs does not change a text's vector.
    model = onnx_model.OnnxModel(exported, embed.model_path())
    long_text = " ".join(seed_sentences(seeds_dir)[:40])  # truncated to the model's 256 tokens
    texts = [long_text + f" ({n})" for n in range(40)] + seed_sentences(seeds_dir)[:40]
    lengths = [sum(e.attention_mask) for e in model.tokenizer.encode_batch(texts)]
    runs = onnx_model._token_budget(lengths)
    assert [n for a, b in runs for n in range(a, b)] == list(range(len(texts))), "every text once, in order"
    assert all((b - a) * max(lengths[a:b]) <= onnx_model.MAX_BATCH_TOKENS for a, b in runs), "each run in budget"
    assert runs[0][1] - runs[0][0] == onnx_model.MAX_BATCH_TOKENS // 256, "long texts run few at a time"
    together = model.encode(texts)
    alone = np.concatenate([model.encode([t]) for t in texts[::13]])
    assert np.abs(together[::13] - alone).max() < 1e-5


def test_both_paths_give_the_same_alignment_of_the_seeds(exported: Path, seeds_dir: Path) -> None:
    fast = compare(str(seeds_dir), "--json", "--no-cache")
    reference = compare(str(seeds_dir), "--json", "--no-cache", env=dict(os.environ, COMPARE_EMBEDDER="torch"))
    assert fast.returncode == reference.returncode == 0, fast.stderr + reference.stderr
    fast_doc, reference_doc = json.loads(fast.stdout), json.loads(reference.stdout)
    assert (fast_doc["model"]["backend"], reference_doc["model"]["backend"]) == ("onnxruntime", "sentence-transformers")
    # Identical claims, members, pairs, relations and evidence; the printed numbers may differ
    # in their last rounded digit (the vectors agree to 1e-7, and 0.38515 rounds either way).
    assert _rounded_away(fast_doc["claims"]) == _rounded_away(reference_doc["claims"])
    assert _numbers(fast_doc["claims"]) == pytest.approx(_numbers(reference_doc["claims"]), abs=2e-4)
    assert fast_doc["articles"] == reference_doc["articles"]


def _rounded_away(claims: list[dict]) -> list[dict]:
    """The claims without the pairs' similarity and confidence."""
    return [
        {**c, "pairs": [{k: v for k, v in p.items() if k not in ("similarity", "confidence")} for p in c["pairs"]]}
        for c in claims
    ]


def _numbers(claims: list[dict]) -> list[float]:
    return [p[k] for c in claims for p in c["pairs"] for k in ("similarity", "confidence")]


def test_a_cold_run_after_the_first_imports_neither_torch_nor_sentence_transformers(
    exported: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    # An empty cache: every sentence is encoded, so the model is loaded, through onnxruntime.
    code = (
        "import io, json, sys, contextlib\n"
        "from tui.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    code = main([{str(seeds_dir)!r}, '--json'])\n"
        "assert code == 0 and json.loads(out.getvalue())['model']['backend'] == 'onnxruntime'\n"
        f"print(json.dumps([m for m in sys.modules if m.split('.')[0] in {HEAVY!r}]))"
    )
    env = dict(os.environ, COMPARE_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert (tmp_path / "cache").exists()  # it did encode (and cache) the sentences


def test_a_truncated_model_file_is_exported_again_with_one_warning(
    exported: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    models = tmp_path / "models"
    models.mkdir()
    damaged = models / exported.name
    damaged.write_bytes(exported.read_bytes()[: exported.stat().st_size // 2])
    (models / exported.with_suffix(".json").name).write_bytes(exported.with_suffix(".json").read_bytes())
    done = compare(str(seeds_dir), "--json", "--no-cache", env=dict(os.environ, COMPARE_MODEL_DIR=str(models)))
    assert done.returncode == 0, done.stderr
    warnings = done.stderr.strip().splitlines()
    assert len(warnings) == 1 and "the fast model is damaged" in warnings[0] and "exporting it again" in warnings[0]
    assert damaged.stat().st_size == exported.stat().st_size
    assert json.loads(done.stdout)["model"]["backend"] == "onnxruntime"


def test_a_foreign_or_incomplete_file_is_refused(exported: Path, tmp_path: Path) -> None:
    foreign = tmp_path / exported.name
    foreign.write_bytes(b"\x08\x07" + os.urandom(4096))
    record = json.loads(exported.with_suffix(".json").read_text())
    foreign.with_suffix(".json").write_text(json.dumps({**record, "bytes": foreign.stat().st_size}))
    with pytest.raises(onnx_model.ModelFileError, match="not a loadable ONNX model"):
        onnx_model.OnnxModel(foreign, embed.model_path())
    foreign.with_suffix(".json").unlink()  # an export stopped before its record was written
    with pytest.raises(onnx_model.ModelFileError, match="missing"):
        onnx_model.OnnxModel(foreign, embed.model_path())


def test_when_the_export_cannot_run_sentence_transformers_encodes_after_a_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def cannot_export(path: Path, model_folder: Path) -> None:
        raise RuntimeError("no room for the export")

    monkeypatch.setenv("COMPARE_MODEL_DIR", str(tmp_path))
    monkeypatch.setattr(onnx_model, "export", cannot_export)
    monkeypatch.setattr(embed, "_onnx_models", {})
    warnings: list[str] = []
    vectors = embed.SentenceEmbedder(use_cache=False, warn=warnings.append).encode(["The ban takes effect in June."])
    assert warnings == [
        "cannot prepare the fast model (RuntimeError: no room for the export); using sentence-transformers"
    ]
    reference = embed._loaded_model().encode(["The ban takes effect in June."], normalize_embeddings=True)
    assert np.allclose(vectors, reference, atol=1e-6)
