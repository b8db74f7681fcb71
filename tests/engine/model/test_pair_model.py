"""The shipped pair model (align/model/pair_model.py): it loads from the package without exporting
or fetching anything, reads a pair the same in both orders, is cached by both texts and its
SHA-256, is named in the JSON, and a damaged file costs one warning, never a run."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from align.model import pair_model
from align.models import PairScores
from align.store.cache import EmbeddingCache

PAIRS = [
    (
        "“I apologize to Sen. Grassley and anyone I may have offended,” Braley wrote.",
        "Mr. Braley apologized to Senator Charles E. Grassley and “anyone I may have offended”.",
    ),
    (
        "The House passed the bill on Tuesday by a vote of 230 to 190.",
        "Protesters gathered outside the governor's mansion on Sunday.",
    ),
]


def test_the_shipped_file_is_the_one_its_record_describes() -> None:
    record = json.loads(pair_model.RECORD_FILE.read_text(encoding="utf-8"))
    content = pair_model.MODEL_FILE.read_bytes()
    assert hashlib.sha256(content).hexdigest() == record["sha256"]
    assert len(content) <= 25 * 1024 * 1024  # one file of at most 25 MB (issue 28)
    assert record["outputs"] == list(pair_model.OUTPUTS)
    # The record says what it was trained on and how: a retraining can be checked against it.
    assert {"news_pairs", "mrpc_train", "sick"} <= set(record["data"])
    assert all(len(entry["sha256"]) == 64 for entry in record["data"].values())
    assert record["recipe"]["seed"] and record["results"]["int8"]["news_dev_link_auc"] > 0.5


def test_a_pair_reads_the_same_in_both_orders() -> None:
    model = pair_model.shared_model()
    forward = model.score(PAIRS)
    backward = model.score([(b, a) for a, b in PAIRS])
    for there, back in zip(forward, backward, strict=True):
        flipped = back.flipped()
        for name in PairScores.__dataclass_fields__:
            assert getattr(there, name) == pytest.approx(getattr(flipped, name), abs=1e-4), name


def test_a_pair_reads_the_same_whatever_it_is_read_with() -> None:
    # A story's claims must not depend on which other pairs the run (or a batch run that filled
    # the cache) read beside it: the int8 model once scaled a batch's activations together.
    model = pair_model.shared_model()
    longer = ("The senator, speaking at length to reporters outside the Capitol on Monday, " * 3, "Rain fell.")
    alone = model.score(PAIRS[:1])
    together = model.score([longer, *PAIRS, longer])
    assert together[1] == alone[0]


def test_a_shared_quotation_reads_as_a_shared_fact_and_an_unrelated_pair_does_not() -> None:
    same, different = pair_model.shared_model().score(PAIRS)
    assert same.fact > 0 > different.fact
    assert 0.0 <= same.similarity <= 1.0 and different.similarity < same.similarity


def test_readings_are_cached_by_both_texts_and_the_model(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "cache")
    first = pair_model.read_pairs(PAIRS, cache)

    class Refuses(pair_model.PairModel):
        def __init__(self) -> None:
            self.sha256 = pair_model.shared_model().sha256

        def score(self, pairs):  # type: ignore[no-untyped-def]
            raise AssertionError(f"read {len(pairs)} pairs again instead of the cache")

    again = pair_model.read_pairs([(b, a) for a, b in PAIRS], cache, Refuses())
    assert again == first  # the same readings, whichever order a pair is asked in

    class Other(Refuses):
        def __init__(self) -> None:
            self.sha256 = "0" * 64  # another model file: nothing cached for it
            self.asked = 0

        def score(self, pairs):  # type: ignore[no-untyped-def]
            self.asked += len(pairs)
            return pair_model.shared_model().score(pairs)

    other = Other()
    pair_model.read_pairs(PAIRS, cache, other)
    assert other.asked == len(PAIRS)


def test_readings_the_cache_holds_need_no_model_session(tmp_path: Path) -> None:
    # A run whose readings are all cached (a story opened again after an upgrade of the engine,
    # a new sensitivity that moves no bar past a new pair) never pays for the ONNX session.
    cache = EmbeddingCache(tmp_path / "cache")
    pair_model._memory.clear()  # this process's own copies (of earlier tests): read into the cache
    first = pair_model.read_pairs(PAIRS, cache)
    pair_model._memory.clear()  # ... and now ask the cache, as a new run would
    fresh = pair_model.PairModel()
    assert not fresh.loaded  # the file is checked when the model is made, the session waits
    assert pair_model.read_pairs(PAIRS, cache, fresh) == first
    assert not fresh.loaded
    assert fresh.score(PAIRS[:1]) == pair_model.shared_model().score(PAIRS[:1])
    assert fresh.loaded


def reading_parameters(tmp_path: Path) -> Path:
    """The shipped parameters with the model reading every claim pair (the shipped ones give
    the shipped model nothing to read inside `compare`: fit.py found no gain there)."""
    from align import lexicon, parameters

    text = lexicon.data_text(parameters.PARAMETERS_FILE)
    path = tmp_path / "parameters.toml"
    path.write_text(parameters.rewrite(text, {"pair_model.label_reads_per_sentence": 1.0}), encoding="utf-8")
    return path


def run_json(seeds_dir: Path, **env: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--json", "--no-cache", str(seeds_dir)],
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ, **env),
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_json_names_the_pair_model_when_it_read_pairs(seeds_dir: Path, tmp_path: Path) -> None:
    document = run_json(seeds_dir, COMPARE_PARAMETERS=str(reading_parameters(tmp_path)))
    assert document["model"]["pair_model"] == pair_model.identity()
    assert document["model"]["pair_model"]["sha256"] == hashlib.sha256(pair_model.MODEL_FILE.read_bytes()).hexdigest()
    # What it read shows in the labels' evidence.
    lines = [e for c in document["claims"] for p in c["pairs"] for e in p["evidence"]]
    assert any(line.startswith("pair model: ") for line in lines)


def test_when_the_model_decides_nothing_the_json_says_so(seeds_dir: Path, tmp_path: Path) -> None:
    assert run_json(seeds_dir, COMPARE_PAIR_MODEL="off")["model"]["pair_model"] is None
    shipped = run_json(seeds_dir)
    from align import parameters

    weights = parameters.active().pair_model
    gives_it_work = weights.fact_weight or weights.quote_weight or weights.label_reads_per_sentence > 0
    assert (shipped["model"]["pair_model"] is not None) == bool(gives_it_work)


def test_a_damaged_model_file_costs_one_warning_not_the_run(tmp_path: Path, seeds_dir: Path) -> None:
    # A copy of the package with its model file cut short, as a broken download would leave it.
    package = tmp_path / "align"
    shutil.copytree(Path(pair_model.__file__).resolve().parents[1], package)
    model_file = package / "data" / "pair_model.onnx"
    model_file.write_bytes(model_file.read_bytes()[:100_000])
    script = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); import align; "
        "warnings = []; "
        "r = align.align(align.load_corpus([sys.argv[2]]), use_cache=False, warn=warnings.append); "
        "print(json.dumps({'pair_model': r.model['pair_model'], 'warnings': warnings, 'claims': len(r.claims)}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path), str(seeds_dir)],
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ, COMPARE_PARAMETERS=str(reading_parameters(tmp_path))),
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["pair_model"] is None and out["claims"] > 0
    assert len(out["warnings"]) == 1 and "pair model" in out["warnings"][0] and "pair_model.onnx" in out["warnings"][0]
