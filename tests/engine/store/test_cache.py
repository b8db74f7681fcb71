"""The embedding cache: a speed-up that can never make a run fail or lie, private and bounded."""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import os
import sqlite3
import stat

import numpy as np

from align.models import Article
from align.pipeline import result_key
from align.store import cache as cache_module
from align.store.cache import EmbeddingCache

MODEL = "test-model"
DIM = 4


def vec(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float32)


def test_round_trip_keeps_float32_vectors(tmp_path):
    cache = EmbeddingCache(tmp_path / "c.sqlite3")
    cache.put_many(MODEL, {"a sentence": vec(1, 2, 3, 4)})
    found = EmbeddingCache(tmp_path / "c.sqlite3").get_many(MODEL, DIM, ["a sentence", "unseen"])
    assert list(found) == ["a sentence"]
    assert found["a sentence"].dtype == np.float32
    assert np.array_equal(found["a sentence"], vec(1, 2, 3, 4))


def test_other_model_or_dimension_is_a_miss(tmp_path):
    cache = EmbeddingCache(tmp_path / "c.sqlite3")
    cache.put_many(MODEL, {"x": vec(1, 2, 3, 4)})
    assert cache.get_many("another-model", DIM, ["x"]) == {}
    assert cache.get_many(MODEL, 8, ["x"]) == {}


def test_corrupt_file_is_ignored_with_a_warning(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    cache = EmbeddingCache(path, warn=warnings.append)
    assert cache.get_many(MODEL, DIM, ["x"]) == {}
    cache.put_many(MODEL, {"x": vec(1, 2, 3, 4)})  # must not raise either
    assert len(warnings) == 1 and str(path) in warnings[0]


def test_truncated_database_is_ignored(tmp_path):
    path = tmp_path / "c.sqlite3"
    cache = EmbeddingCache(path)
    cache.put_many(MODEL, {f"s{i}": vec(i, i, i, i) for i in range(2000)})
    cache.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    warnings: list[str] = []
    found = EmbeddingCache(path, warn=warnings.append).get_many(MODEL, DIM, [f"s{i}" for i in range(2000)])
    # Whatever survives must be exact; anything unreadable is a miss, never a wrong vector.
    assert all(np.array_equal(v, vec(int(k[1:]), int(k[1:]), int(k[1:]), int(k[1:]))) for k, v in found.items())
    assert warnings or len(found) < 2000


def test_foreign_database_is_not_trusted(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta VALUES ('schema', 'someone-else-v9')")
    db.commit()
    db.close()
    warnings: list[str] = []
    assert EmbeddingCache(path, warn=warnings.append).get_many(MODEL, DIM, ["x"]) == {}
    assert warnings and "not a compare embedding cache" in warnings[0]


def test_rows_of_the_wrong_size_are_misses(tmp_path):
    path = tmp_path / "c.sqlite3"
    cache = EmbeddingCache(path)
    cache.put_many(MODEL, {"x": vec(1, 2, 3, 4)})
    cache.close()
    db = sqlite3.connect(path)
    db.execute("UPDATE vectors SET vec = ?", (b"\x00\x01",))
    db.commit()
    db.close()
    assert EmbeddingCache(path).get_many(MODEL, DIM, ["x"]) == {}


def test_unwritable_folder_runs_without_cache(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("a file where the cache folder should be")
    warnings: list[str] = []
    cache = EmbeddingCache(blocked / "c.sqlite3", warn=warnings.append)
    cache.put_many(MODEL, {"x": vec(1, 2, 3, 4)})
    assert cache.get_many(MODEL, DIM, ["x"]) == {}
    assert len(warnings) == 1


def _writer(path: str, start: int) -> None:
    cache = EmbeddingCache(__import__("pathlib").Path(path))
    for batch in range(10):
        items = {f"s{start + batch * 50 + i}": vec(start, batch, i, 1) for i in range(50)}
        cache.put_many(MODEL, items)
    cache.close()


def test_concurrent_writers_leave_a_consistent_cache(tmp_path):
    path = tmp_path / "c.sqlite3"
    EmbeddingCache(path).get_many(MODEL, DIM, [])  # create it
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_writer, args=(str(path), n * 1000)) for n in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    keys = [f"s{n * 1000 + b * 50 + i}" for n in range(3) for b in range(10) for i in range(50)]
    found = EmbeddingCache(path).get_many(MODEL, DIM, keys)
    assert len(found) == len(keys)
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- private ------------------------------------------------------------------------------
def modes(folder) -> dict[str, int]:
    return {name: stat.S_IMODE(os.lstat(folder / name).st_mode) for name in os.listdir(folder)}


def test_cache_files_are_private_to_the_user(tmp_path):
    folder = tmp_path / "cache"
    usual = os.umask(0o022)  # the usual umask, which leaves new files readable by everyone
    try:
        cache = EmbeddingCache(folder / "c.sqlite3")
        cache.put_many(MODEL, {"a sentence": vec(1, 2, 3, 4)})
        cache.put_result(b"run", '{"article": "its full text"}')
        while_open = modes(folder)  # SQLite's -wal and -shm files exist while it is open
        cache.close()
    finally:
        os.umask(usual)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {"c.sqlite3", "c.sqlite3-wal", "c.sqlite3-shm", "c.sqlite3.key"} <= set(while_open)
    assert set(while_open.values()) == {0o600}, while_open


def test_an_older_readable_cache_is_made_private(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o755)
    for name in ("c.sqlite3", "c.sqlite3-wal"):
        (folder / name).touch(mode=0o644)
        os.chmod(folder / name, 0o644)
    os.chmod(folder, 0o755)
    EmbeddingCache(folder / "c.sqlite3").get_many(MODEL, DIM, ["x"])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert modes(folder)["c.sqlite3"] == 0o600


def test_a_shared_folder_is_not_changed(tmp_path):
    """COMPARE_CACHE_DIR may name a folder that holds other things: only the cache's files change."""
    os.chmod(tmp_path, 0o755)
    (tmp_path / "someone-elses.txt").write_text("kept as it is")
    os.chmod(tmp_path / "someone-elses.txt", 0o644)
    EmbeddingCache(tmp_path / "c.sqlite3").put_many(MODEL, {"x": vec(1, 2, 3, 4)})
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755
    assert modes(tmp_path)["someone-elses.txt"] == 0o644
    assert modes(tmp_path)["c.sqlite3"] == 0o600


# --- bounded ------------------------------------------------------------------------------
def stored_bytes(path) -> tuple[int, int]:
    """What the cache counts as stored, and what its entries add up to."""
    db = sqlite3.connect(path)
    counted = db.execute("SELECT bytes FROM usage").fetchone()[0]
    added = db.execute("SELECT (SELECT SUM(size) FROM vectors) + (SELECT COALESCE(SUM(size), 0) FROM alignments)")
    total = added.fetchone()[0]
    db.close()
    return counted, total


def test_the_least_recently_used_entries_are_evicted_beyond_the_bound(tmp_path, monkeypatch):
    clock = itertools.count(0, step=cache_module.TOUCH_INTERVAL_SECONDS)  # each use in a later hour
    monkeypatch.setattr(cache_module, "_now", lambda: float(next(clock)))
    path = tmp_path / "c.sqlite3"
    cache = EmbeddingCache(path)
    cache.put_many(MODEL, {"s0": vec(0, 0, 0, 0)})
    entry, _ = stored_bytes(path)
    monkeypatch.setattr(cache_module, "MAX_BYTES", 10 * entry)  # room for ten vectors

    for n in range(1, 10):
        cache.put_many(MODEL, {f"s{n}": vec(n, n, n, n)})
    assert len(cache.get_many(MODEL, DIM, ["s0", "s1"])) == 2  # used again: now the most recent
    cache.put_many(MODEL, {"s10": vec(1, 0, 0, 0), "s11": vec(0, 1, 0, 0)})

    kept = cache.get_many(MODEL, DIM, [f"s{n}" for n in range(12)])
    assert sorted(kept, key=lambda k: int(k[1:])) == ["s0", "s1", *(f"s{n}" for n in range(4, 12))]
    counted, total = stored_bytes(path)
    assert counted == total <= 10 * entry

    cache.put_result(b"run", "x" * (3 * entry))  # a result takes room too: older vectors go
    assert cache.get_result(b"run") == "x" * (3 * entry)
    counted, total = stored_bytes(path)
    assert counted == total <= 10 * entry
    assert len(cache.get_many(MODEL, DIM, [f"s{n}" for n in range(12)])) < len(kept)


def test_a_cache_of_the_previous_version_is_upgraded_in_place(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        "CREATE TABLE vectors (model TEXT NOT NULL, key BLOB NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL,"
        " PRIMARY KEY (model, key)) WITHOUT ROWID"
    )
    db.execute("CREATE TABLE results (key BLOB PRIMARY KEY, document TEXT NOT NULL) WITHOUT ROWID")
    db.execute("INSERT INTO meta VALUES ('schema', 'compare-embeddings-1')")
    db.execute(
        "INSERT INTO vectors VALUES (?, ?, ?, ?)", (MODEL, cache_module.text_key("x"), DIM, vec(1, 2, 3, 4).tobytes())
    )
    db.execute("INSERT INTO results VALUES (?, ?)", (b"run", "an unsigned document"))
    db.commit()
    db.close()
    warnings: list[str] = []
    cache = EmbeddingCache(path, warn=warnings.append)
    assert np.array_equal(cache.get_many(MODEL, DIM, ["x"])["x"], vec(1, 2, 3, 4))
    assert cache.get_result(b"run") is None  # an unsigned result is never trusted
    cache.close()
    assert warnings == []
    counted, total = stored_bytes(path)
    assert counted == total > 0


def test_a_cached_result_is_keyed_by_every_article_field_it_shows():
    article = Article("a", "a.txt", "Title", "Title\n\nA sentence.", outlet="wire", date="2024-01-01")
    other = Article("b", "b.txt", "Other", "Other\n\nAnother sentence.")
    key = result_key([article, other], 0.5)
    for field, value in {"title": "Retitled", "outlet": "paper", "date": "2024-01-02", "path": "c.txt"}.items():
        assert result_key([dataclasses.replace(article, **{field: value}), other], 0.5) != key, field
