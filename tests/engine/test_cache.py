"""The embedding cache: a speed-up that can never make a run fail or lie."""

from __future__ import annotations

import multiprocessing
import sqlite3

import numpy as np

from align.cache import EmbeddingCache

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
