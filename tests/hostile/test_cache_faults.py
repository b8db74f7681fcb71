"""The cache under attack and in trouble: edited, read-only, locked, corrupt, interrupted.

A cache may make a run faster, never make it fail or lie: whatever happened to it, `compare`
prints what a fresh run prints, with at most one warning that says what happened. Only the module
fixture loads the model; every other run finds its embeddings in the cache.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from align.model import embed
from align.store import cache as cache_module
from align.store.cache import FILE_NAME, EmbeddingCache
from tests.hostile.read_only import read_only_folder

ARTICLE_A = (
    "Putin Offers Iran Air Defense\n\n"
    "Russian President Vladimir Putin said Russia offered Iran projects to build an air defense system.\n"
    "He said Iran did not show much interest in the projects.\n"
)
ARTICLE_B = (
    "Iran Rejects Russian Missile Defense\n\n"
    "Putin said Moscow offered Tehran joint missile defense projects, but Iran declined.\n"
    "Iran has not asked Russia for military assistance, Putin said.\n"
)
MODEL, DIM = "test-model", 4


def run_compare(*args: str | Path, cache: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMPARE_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("COMPARE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def warnings_in(stderr: str) -> list[str]:
    """The warnings on stderr; the only other line allowed says which report was written."""
    lines = stderr.splitlines()
    warnings = [line for line in lines if line.startswith("compare: warning: ")]
    assert all(line.startswith("compare: wrote ") for line in lines if line not in warnings), stderr
    return warnings


# --- cached results: a result is used only when it is the engine's own and fits the input ----
@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """Two articles, a cache that holds their alignment, and the JSON a fresh run printed."""
    root = tmp_path_factory.mktemp("warm")
    articles = root / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (articles / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    fresh = run_compare(articles, "--json", cache=root / "cache", cwd=root)
    assert fresh.returncode == 0, fresh.stderr
    assert json.loads(fresh.stdout)["claims"]
    return articles, root / "cache", fresh.stdout


def tamper_result(folder: Path, change: Callable[[str], str], *, sign: bool) -> None:
    """Replace the stored alignment document by `change(document)`; with `sign`, as a forger
    holding the cache's key would, so that only the consistency check can catch it."""
    db = sqlite3.connect(folder / FILE_NAME)
    ((key, document),) = db.execute("SELECT key, document FROM alignments").fetchall()
    forged = change(document)
    mac = db.execute("SELECT mac FROM alignments").fetchone()[0]
    if sign:
        secret = (folder / (FILE_NAME + cache_module.KEY_SUFFIX)).read_bytes()
        mac = cache_module._sign(secret, key, forged.encode("utf-8"))
    db.execute("UPDATE alignments SET document = ?, mac = ?", (forged, mac))
    db.commit()
    db.close()


def edit_document(edit: Callable[[dict[str, Any]], None]) -> Callable[[str], str]:
    def change(document: str) -> str:
        doc = json.loads(document)
        edit(doc)
        return json.dumps(doc)

    return change


def _forge_sentence(doc: dict[str, Any]) -> None:
    doc["articles"][0]["sentences"][1]["text"] = "Iran gladly accepted the Russian offer."


def _forge_evidence(doc: dict[str, Any]) -> None:
    pair = next(p for c in doc["claims"] for p in c["pairs"])
    pair["relation"], pair["evidence"] = "contradiction", ["a forged reason"]


def _index_out_of_range(doc: dict[str, Any]) -> None:
    doc["claims"][0]["members"][0]["sentence"] = 9999


TAMPERING = {
    "forged sentence": (edit_document(_forge_sentence), False),
    "forged evidence": (edit_document(_forge_evidence), False),
    "index out of range": (edit_document(_index_out_of_range), False),
    "garbage JSON": (lambda document: "{not json" + document[:40], False),
    "forged sentence, signed": (edit_document(_forge_sentence), True),
    "index out of range, signed": (edit_document(_index_out_of_range), True),
    "garbage JSON, signed": (lambda document: "[[[[" * 100_000, True),
}


@pytest.mark.parametrize("case", TAMPERING)
def test_a_tampered_cached_result_is_dropped_with_one_warning_and_recomputed(
    warm: tuple[Path, Path, str], tmp_path: Path, case: str
) -> None:
    articles, warm_cache, fresh_json = warm
    folder = tmp_path / "cache"
    shutil.copytree(warm_cache, folder)
    change, sign = TAMPERING[case]
    tamper_result(folder, change, sign=sign)

    done = run_compare(articles, "--json", "--markdown", tmp_path / "report.md", cache=folder, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert done.stdout == fresh_json
    (warning,) = warnings_in(done.stderr)
    assert "cached result" in warning and str(folder / FILE_NAME) in warning
    assert "9999" not in (tmp_path / "report.md").read_text(encoding="utf-8")
    # The recomputed result replaced the bad one: the next run uses it, silently.
    again = run_compare(articles, "--json", cache=folder, cwd=tmp_path)
    assert (again.returncode, again.stdout, again.stderr) == (0, fresh_json, "")


# --- --clear-cache ------------------------------------------------------------------------
def test_clear_cache_needs_no_path_and_says_what_it_removed(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache = EmbeddingCache(folder / FILE_NAME)
    cache.put_many(MODEL, {"a sentence": np.ones(DIM, dtype=np.float32)})
    cache.put_result(b"run", '{"a": "document"}')
    cache.close()
    (folder / "pages").mkdir()
    (folder / "pages" / "0123abcd").write_bytes(b"a fetched page")
    (folder / f"{FILE_NAME}.corrupt-20240101-000000").write_bytes(b"set aside")
    (folder / "notes.txt").write_text("not the cache's: kept")

    done = run_compare("--clear-cache", cache=folder, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    removed = done.stderr.splitlines()
    assert all(line.startswith("compare: removed ") for line in removed), done.stderr
    for name in (FILE_NAME, FILE_NAME + cache_module.KEY_SUFFIX, "pages", f"{FILE_NAME}.corrupt-20240101-000000"):
        assert any(str(folder / name) in line for line in removed), name
        assert not (folder / name).exists()
    assert os.listdir(folder) == ["notes.txt"]

    again = run_compare("--clear-cache", cache=folder, cwd=tmp_path)
    assert again.returncode == 0 and "no cache to remove" in again.stderr


# --- a cache in a folder this run cannot write -----------------------------------------------
def test_a_warm_cache_in_a_read_only_folder_is_still_read(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    path = folder / FILE_NAME
    cache = EmbeddingCache(path)
    cache.put_many(MODEL, {"a sentence": np.ones(DIM, dtype=np.float32)})
    cache.put_result(b"run", '{"a": "document"}')
    cache.close()
    before = sorted(os.listdir(folder))

    warnings: list[str] = []
    with read_only_folder(folder):
        reader = EmbeddingCache(path, warn=warnings.append)
        found = reader.get_many(MODEL, DIM, ["a sentence", "unseen"])
        document = reader.get_result(b"run")
        reader.put_many(MODEL, {"unseen": np.zeros(DIM, dtype=np.float32)})  # nowhere to write: no error
        reader.put_result(b"other run", "{}")
        reader.close()
        after = sorted(os.listdir(folder))

    assert list(found) == ["a sentence"] and np.array_equal(found["a sentence"], np.ones(DIM, dtype=np.float32))
    assert document == '{"a": "document"}'
    assert len(warnings) == 1 and "read-only" in warnings[0]
    assert after == before


# --- a cache another process holds ------------------------------------------------------------
HOLD_LOCK = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":  # nobody else may even read (a backup, a vacuum, a sqlite3 shell)
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
    db.execute("BEGIN EXCLUSIVE")
else:  # a writer in the middle of a long transaction: others may read, not write
    db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()  # hold the lock until the test closes our stdin
db.execute("ROLLBACK")
"""


@contextmanager
def locked_by_another_process(path: Path, how: str) -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path), how], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "locked\n"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)


@pytest.mark.parametrize("how", ["exclusive", "writing"])
def test_a_locked_cache_is_left_alone_with_the_right_warning(tmp_path: Path, how: str) -> None:
    path = tmp_path / FILE_NAME
    first = EmbeddingCache(path)
    first.put_many(MODEL, {"a sentence": np.ones(DIM, dtype=np.float32)})
    first.close()
    warnings: list[str] = []
    with locked_by_another_process(path, how):
        cache = EmbeddingCache(path, warn=warnings.append)
        found = cache.get_many(MODEL, DIM, ["a sentence"])
        cache.put_many(MODEL, {"another sentence": np.ones(DIM, dtype=np.float32)})
        cache.close()
    if how == "writing":  # reading goes on beside a writer (WAL)
        assert list(found) == ["a sentence"]
    assert len(warnings) == 1, warnings
    assert "in use by another process" in warnings[0] and "read-only" not in warnings[0]


# --- a corrupt cache ----------------------------------------------------------------------
def corrupt_pages(path: Path) -> None:
    """Overwrite the middle of the database (its data pages), keeping the header readable."""
    data = bytearray(path.read_bytes())
    data[8192 : len(data) - 4096] = b"\xff" * (len(data) - 4096 - 8192)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.write_bytes(b"this is not a database" * 100), id="not a database"),
        pytest.param(corrupt_pages, id="damaged pages"),
    ],
)
def test_a_corrupt_cache_is_moved_aside_and_a_new_one_started(tmp_path: Path, damage: Callable[[Path], None]) -> None:
    path = tmp_path / FILE_NAME
    old = EmbeddingCache(path)
    old.put_many(MODEL, {f"sentence {n}": np.full(DIM, n, dtype=np.float32) for n in range(3000)})
    old.close()
    damage(path)
    damaged = path.read_bytes()

    warnings: list[str] = []
    cache = EmbeddingCache(path, warn=warnings.append)
    found = cache.get_many(MODEL, DIM, [f"sentence {n}" for n in range(3000)])
    cache.put_many(MODEL, {"new sentence": np.ones(DIM, dtype=np.float32)})
    cache.close()

    (aside,) = tmp_path.glob(f"{FILE_NAME}.corrupt-*")
    assert aside.read_bytes() == damaged  # kept as it was, for a bug report
    assert found == {}
    assert len(warnings) == 1 and str(path) in warnings[0] and str(aside) in warnings[0]
    assert list(EmbeddingCache(path).get_many(MODEL, DIM, ["new sentence"])) == ["new sentence"]


# --- an interrupted first run -------------------------------------------------------------
class _FailingModel:
    """Encodes `batches` batches, then fails as a model can (out of memory, ctrl+c)."""

    def __init__(self, batches: int) -> None:
        self.left = batches

    def encode(self, batch: Sequence[str], **_: object) -> np.ndarray:
        if self.left == 0:
            raise MemoryError("the model ran out of memory")
        self.left -= 1
        return np.ones((len(batch), embed.DIMENSION), dtype=np.float32) / np.sqrt(embed.DIMENSION)


def _use_model(monkeypatch: pytest.MonkeyPatch, model: object) -> None:
    monkeypatch.setenv("COMPARE_EMBEDDER", "torch")  # the reference path: its model is replaced here
    monkeypatch.setattr(embed, "_model_class", lru_cache(maxsize=1)(lambda: lambda *a, **k: model))
    monkeypatch.setattr(embed, "_loaded_model", lru_cache(maxsize=1)(lambda: model))


class _Stopped(Exception):
    """What a progress callback raises to cancel a run (the app's quit key does so)."""


def _stop_after_two_batches(fraction: float, message: str) -> None:
    if message == f"embedding {2 * embed.BATCH_SIZE} of {5 * embed.BATCH_SIZE} sentences":
        raise _Stopped


@pytest.mark.parametrize("stop", ["the model fails", "the reader stops it"])
def test_an_interrupted_first_run_keeps_the_batches_it_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: str
) -> None:
    texts = [f"Sentence number {n:04d} of the story." for n in range(5 * embed.BATCH_SIZE)]  # one length: in order
    if stop == "the model fails":
        _use_model(monkeypatch, _FailingModel(batches=2))
        progress = None
    else:
        _use_model(monkeypatch, _FailingModel(batches=99))
        progress = _stop_after_two_batches
    path = tmp_path / FILE_NAME

    with pytest.raises((MemoryError, _Stopped)):
        embed.SentenceEmbedder(cache=EmbeddingCache(path)).encode(texts, progress=progress)

    kept = EmbeddingCache(path).get_many(embed.model_identity(), embed.DIMENSION, texts)
    assert sorted(kept) == texts[: 2 * embed.BATCH_SIZE]
