"""On-disk embedding cache: SQLite (WAL, safe for concurrent runs), float32 bytes, never pickle.

Keyed by the model's identity and the SHA-256 of the sentence text. Anything odd about the file
(corrupt, truncated, foreign schema, unwritable, locked) turns the cache off for this run with a
warning: a cache may make a run faster, never make it fail or lie.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

SCHEMA_VERSION = "compare-embeddings-1"
FILE_NAME = "embeddings.sqlite3"


def default_cache_dir() -> Path:
    env = os.environ.get("COMPARE_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("compare", appauthor=False))


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class EmbeddingCache:
    """Vectors by (model id, sha256(text)). All failures degrade to a miss plus one warning."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.path = path or default_cache_dir() / FILE_NAME
        self._warn = warn or (lambda message: None)
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._read_only = False

    # --- connection ----------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            db.execute("PRAGMA busy_timeout = 10000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors ("
                " model TEXT NOT NULL, key BLOB NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL,"
                " PRIMARY KEY (model, key)) WITHOUT ROWID"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS results (key BLOB PRIMARY KEY, document TEXT NOT NULL) WITHOUT ROWID"
            )
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if not row or row[0] != SCHEMA_VERSION:
                db.close()
                self._fail(f"{self.path} is not a compare embedding cache; ignoring it")
                return None
            self._db = db
        except (sqlite3.Error, OSError) as error:
            if self._open_read_only():
                return self._db
            self._fail(f"embedding cache {self.path} unusable ({_one_line(error)}); running without it")
            return None
        return self._db

    def _open_read_only(self) -> bool:
        """An unwritable cache folder may still hold a readable cache: use it, write nothing."""
        if not self.path.is_file():
            return False
        try:
            db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, timeout=10)
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if not row or row[0] != SCHEMA_VERSION:
                db.close()
                return False
        except (sqlite3.Error, OSError, ValueError):
            return False
        self._db, self._read_only = db, True
        self._warn(f"embedding cache {self.path} is read-only; new embeddings will not be saved")
        return True

    def _fail(self, message: str) -> None:
        self._broken = True
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None
        self._warn(message)
        return None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # --- reads and writes ----------------------------------------------------------------
    def get_many(self, model: str, dim: int, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """Cached vectors for those texts that have one; rows of the wrong shape are misses."""
        db = self._connect()
        if db is None:
            return {}
        by_key = {text_key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        keys = list(by_key)
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT key, dim, vec FROM vectors WHERE model = ? AND key IN ({marks})",
                    (model, *chunk),
                ).fetchall()
                for key, row_dim, blob in rows:
                    if row_dim != dim or not isinstance(blob, bytes) or len(blob) != 4 * dim:
                        continue
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if not np.all(np.isfinite(vector)):
                        continue
                    found[by_key[key]] = vector
        except sqlite3.Error as error:
            self._fail(f"embedding cache {self.path} unreadable ({_one_line(error)}); running without it")
            return {}
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        db = self._connect()
        if db is None or self._read_only or not items:
            return
        rows = [
            (model, text_key(text), int(vector.shape[0]), np.asarray(vector, dtype=np.float32).tobytes())
            for text, vector in items.items()
        ]
        try:
            with db:  # one transaction: concurrent writers serialise on SQLite's lock
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as error:
            self._fail(f"could not write embedding cache {self.path} ({_one_line(error)}); continuing without it")

    # --- whole results ----------------------------------------------------------------------
    def get_result(self, key: bytes) -> str | None:
        """A stored alignment document for this exact input and engine, if any."""
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT document FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as error:
            self._fail(f"embedding cache {self.path} unreadable ({_one_line(error)}); running without it")
            return None
        return row[0] if row and isinstance(row[0], str) else None

    def put_result(self, key: bytes, document: str) -> None:
        db = self._connect()
        if db is None or self._read_only:
            return
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT OR REPLACE INTO results VALUES (?, ?)", (key, document))
        except sqlite3.Error as error:
            self._fail(f"could not write embedding cache {self.path} ({_one_line(error)}); continuing without it")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
