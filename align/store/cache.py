"""On-disk cache: sentence embeddings and whole alignment results, in one SQLite file (WAL).

Embeddings are keyed by the model's identity and the SHA-256 of the sentence text and stored as
float32 bytes (never pickled). A result is the alignment document of one exact input, stored with
an HMAC made with this cache's secret key (a separate 0600 file beside the database), so that a
document edited in the database is never taken for one the engine wrote.

Private and bounded: the folder is 0700 and every file 0600 (SQLite gives its -wal and -shm files
the database file's mode); every entry keeps its last-used time, and a write that takes the cache
over `MAX_BYTES` evicts the least recently used entries in the same transaction. `clear` removes
everything the caches keep.

A cache may make a run faster, never make it fail or lie. Anything odd costs one warning: a
corrupt file is moved aside (`<name>.corrupt-<time>`, never repaired) and a new cache started; a
cache in a folder this run cannot write is read (read-only, or immutable when SQLite cannot make
its -shm file there) and not written; a cache another process holds locked is waited for briefly,
then left alone for the run; a file that is not a compare cache is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from align.store.folders import MODELS_FOLDER, PAGES_FOLDER, default_cache_dir

SCHEMA_VERSION = "compare-embeddings-2"
# Schemas upgraded in place: version 1 kept no last-used times and stored results unsigned.
OLDER_SCHEMAS = ("compare-embeddings-1",)
FILE_NAME = "embeddings.sqlite3"
KEY_SUFFIX = ".key"  # the results' secret key: FILE_NAME + KEY_SUFFIX
# The bound on what the cache stores, in bytes; read at every write, so a test can lower it.
MAX_BYTES = 500_000_000
# How long to wait for another process's lock before running without the cache. A write of ours
# holds the lock for milliseconds (one batch of vectors), so a longer wait means a stuck holder.
BUSY_TIMEOUT_SECONDS = 2.0
# An entry's last-used time is refreshed at most this often: close enough for the eviction order,
# and a repeated run rewrites nothing (refreshing 14,000 vectors takes about a second).
TOUCH_INTERVAL_SECONDS = 3600.0
# What an entry costs beyond its key and data (row header, last-used index entry), roughly: the
# bound is on these sizes, so the file stays near it, never exactly at it.
ENTRY_OVERHEAD_BYTES = 64

_KEY_BYTES = 32
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26

_T = TypeVar("_T")


def _now() -> float:
    """When an entry is used: the order eviction follows (a test replaces it to set the order)."""
    return time.time()


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class _Unsupported(Exception):
    """The file is a database this version does not use (another program's, or too old to
    upgrade from a read-only folder); the message says which."""


class EmbeddingCache:
    """Vectors by (model id, sha256(text)) and signed results by run key. Every failure degrades
    to a miss plus one warning."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.path = path or default_cache_dir() / FILE_NAME
        self.key_path = self.path.with_name(self.path.name + KEY_SUFFIX)
        self._warn = warn or (lambda message: None)
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._read_only = False
        self._started_afresh = False
        self._secret: bytes | None = None

    # --- connection ----------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        try:
            self._db = _open_writable(self.path)
            return self._db
        except _Unsupported as unsupported:
            self._fail(f"{self.path} is {unsupported}; ignoring it")
            return None
        except (sqlite3.Error, OSError) as error:
            first = error
        if _is_busy(first):
            self._fail(self._in_use())
        elif _is_corrupt(first):
            self._start_afresh(first)
        else:
            self._connect_read_only(first)
        return self._db

    def _connect_read_only(self, why_not_writable: BaseException) -> None:
        """A cache in a folder this run cannot write (WAL cannot make its -shm file) is still read."""
        try:
            self._db = _open_read_only(self.path)
        except _Unsupported as unsupported:
            self._fail(f"{self.path} is {unsupported}; ignoring it")
            return
        except (sqlite3.Error, OSError) as error:
            if _is_busy(error):
                self._fail(self._in_use())
            else:
                self._fail(f"embedding cache {self.path} unusable ({_one_line(why_not_writable)}); running without it")
            return
        self._read_only = True
        self._warn(f"embedding cache {self.path} is read-only; new embeddings will not be saved")

    def _start_afresh(self, error: BaseException) -> sqlite3.Connection | None:
        """Move a corrupt cache aside (kept, never repaired: it may help a bug report) and start a
        new one in its place; one warning names both files."""
        self._close_quietly()
        self._started_afresh = True
        try:
            aside = _set_aside(self.path)
            self._db = _open_writable(self.path)
        except (sqlite3.Error, OSError, _Unsupported) as second:
            self._fail(
                f"embedding cache {self.path} is damaged ({_one_line(error)}) and could not be replaced "
                f"({_one_line(second)}); running without it"
            )
            return None
        self._warn(
            f"embedding cache {self.path} was damaged ({_one_line(error)}); moved it to {aside} and started a new one"
        )
        return self._db

    def _in_use(self) -> str:
        return f"embedding cache {self.path} is in use by another process; running without it"

    def _fail(self, message: str) -> None:
        self._broken = True
        self._close_quietly()
        self._warn(message)

    def _close_quietly(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _attempt(self, action: Callable[[sqlite3.Connection], _T], fallback: _T, doing: str) -> _T:
        """`action` on the cache; a fault returns `fallback` after at most one warning. A corrupt
        cache found here is set aside and `action` tried once more on the new, empty one."""
        db = self._connect()
        if db is None:
            return fallback
        try:
            return action(db)
        except sqlite3.Error as error:
            if _is_corrupt(error) and not self._read_only and not self._started_afresh:
                if self._start_afresh(error) is None:
                    return fallback
                return self._attempt(action, fallback, doing)
            if _is_busy(error):
                self._fail(self._in_use())
            else:
                self._fail(f"{doing} embedding cache {self.path} ({_one_line(error)}); running without it")
            return fallback

    def _writable(self) -> sqlite3.Connection | None:
        db = self._connect()
        return None if self._read_only else db

    def _touch(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Record that entries were used, the order eviction follows. Best effort: a busy cache
        only makes eviction less exact, which costs neither a warning nor the cache."""
        db = self._writable()
        if db is None or not rows:
            return
        with contextlib.suppress(sqlite3.Error):
            db.execute("PRAGMA busy_timeout = 0")  # never wait for another process's lock for this
            try:
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    db.executemany(sql, rows)
            finally:
                db.execute(f"PRAGMA busy_timeout = {round(BUSY_TIMEOUT_SECONDS * 1000)}")

    # --- embeddings ------------------------------------------------------------------------
    def get_many(self, model: str, dim: int, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """Cached vectors for those texts that have one; rows of the wrong shape are misses."""
        by_key = {text_key(t): t for t in texts}
        nothing: dict[str, np.ndarray] = {}
        found = self._attempt(lambda db: _read_vectors(db, model, dim, by_key), nothing, "could not read")
        now = _now()
        self._touch(
            "UPDATE vectors SET used = ? WHERE model = ? AND key = ? AND used < ?",
            [(now, model, text_key(t), now - TOUCH_INTERVAL_SECONDS) for t in found],
        )
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        """Store vectors in one transaction (a batch: a run stopped later keeps it)."""
        if not items or self._writable() is None:
            return
        now = _now()
        rows = []
        for text, vector in items.items():
            key, blob = text_key(text), np.asarray(vector, dtype=np.float32).tobytes()
            size = len(blob) + 2 * (len(key) + len(model.encode())) + ENTRY_OVERHEAD_BYTES
            rows.append((model, key, int(vector.shape[0]), blob, now, size))

        def write(db: sqlite3.Connection) -> None:
            with db:  # one transaction: concurrent writers serialise on SQLite's lock
                db.execute("BEGIN IMMEDIATE")
                db.executemany(
                    "INSERT INTO vectors (model, key, dim, vec, used, size) VALUES (?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (model, key) DO UPDATE SET used = excluded.used",
                    rows,
                )
                _evict(db, MAX_BYTES)

        self._attempt(write, None, "could not write")

    # --- whole results ----------------------------------------------------------------------
    def get_result(self, key: bytes) -> str | None:
        """The alignment document stored for this exact input and engine, if any, provided its
        HMAC shows this cache's own code stored it. One that fails the check is ignored with a
        warning (the caller recomputes and stores a good one over it)."""
        row = self._attempt(
            # As bytes: what was signed, and a document edited into invalid UTF-8 still reads.
            lambda db: db.execute(
                "SELECT CAST(document AS BLOB), mac FROM alignments WHERE key = ?", (key,)
            ).fetchone(),
            None,
            "could not read",
        )
        if row is None:
            return None
        secret = self._secret_key()
        if secret is None:  # a read-only cache without its key: nothing can be verified
            return None
        document, mac = row
        if not (isinstance(document, bytes) and isinstance(mac, bytes)) or not hmac.compare_digest(
            mac, _sign(secret, key, document)
        ):
            self._warn(f"ignoring a cached result in {self.path} that was altered after it was stored; recomputing")
            return None
        now = _now()
        self._touch(
            "UPDATE alignments SET used = ? WHERE key = ? AND used < ?", [(now, key, now - TOUCH_INTERVAL_SECONDS)]
        )
        return document.decode("utf-8")

    def put_result(self, key: bytes, document: str) -> None:
        """Store an alignment document for this run key, signed with the cache's key."""
        secret = self._secret_key() if self._writable() is not None else None
        data = document.encode("utf-8", "surrogatepass")
        size = len(data) + 2 * len(key) + ENTRY_OVERHEAD_BYTES
        if secret is None or size > MAX_BYTES:  # unverifiable, or bigger than the whole cache
            return
        row = (key, document, _sign(secret, key, data), _now(), size)

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN IMMEDIATE")
                # Delete then insert (not REPLACE, which would skip the usage trigger).
                db.execute("DELETE FROM alignments WHERE key = ?", (key,))
                db.execute("INSERT INTO alignments (key, document, mac, used, size) VALUES (?, ?, ?, ?, ?)", row)
                _evict(db, MAX_BYTES)

        self._attempt(write, None, "could not write")

    def _secret_key(self) -> bytes | None:
        """This cache's key for signing results: read from its 0600 file, made on first use."""
        if self._secret is None:
            self._secret = _read_secret(self.key_path)
            if self._secret is None and not self._read_only:
                with contextlib.suppress(OSError):
                    self._secret = _make_secret(self.key_path)
        return self._secret


# --- opening -------------------------------------------------------------------------------
def _open_writable(path: Path) -> sqlite3.Connection:
    _make_private_folder(path.parent, path.name)
    _make_private_file(path)
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        # WAL with NORMAL: a power cut may lose the last batches, never corrupt the file; and a
        # commit per batch of vectors costs no fsync.
        db.execute("PRAGMA synchronous = NORMAL")
        _make_companions_private(path)
        _ensure_schema(db)
    except BaseException:
        db.close()
        raise
    return db


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Read-only; as immutable when even that fails (SQLite cannot make the -shm file WAL needs
    in a read-only folder). Immutable takes no locks and ignores a -wal file, which is safe only
    because nothing can write in that folder either; a busy cache is never opened that way."""
    if not _is_regular_file(path):
        raise FileNotFoundError(f"no cache file at {path}")
    uri = Path(os.path.abspath(path)).as_uri()
    try:
        return _checked_read_only(sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS))
    except sqlite3.Error as error:
        if _is_busy(error):
            raise
    return _checked_read_only(sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True))


def _checked_read_only(db: sqlite3.Connection) -> sqlite3.Connection:
    try:
        schema = _schema_of(db)
    except BaseException:
        db.close()
        raise
    if schema != SCHEMA_VERSION:
        db.close()
        raise _Unsupported(
            "an older compare cache in a read-only folder"
            if schema in OLDER_SCHEMAS
            else "not a compare embedding cache"
        )
    return db


def _schema_of(db: sqlite3.Connection) -> str | None:
    """The cache's schema version; None for a new, empty database; "" for someone else's."""
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables:
        return "" if tables else None
    row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return str(row[0]) if row else ""


def _ensure_schema(db: sqlite3.Connection) -> None:
    """Create the tables of a new cache, or upgrade an older one, under the write lock (another
    run may be doing the same); a current cache is only read here."""
    if _schema_of(db) == SCHEMA_VERSION:
        return
    with db:
        db.execute("BEGIN IMMEDIATE")
        schema = _schema_of(db)
        if schema == SCHEMA_VERSION:
            return
        if schema is not None and schema not in OLDER_SCHEMAS:
            raise _Unsupported("not a compare embedding cache")
        if schema in OLDER_SCHEMAS:
            _upgrade_from_version_1(db)
        _create_tables(db)


def _upgrade_from_version_1(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE vectors ADD COLUMN used REAL NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE vectors ADD COLUMN size INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "UPDATE vectors SET size = length(vec) + 2 * (length(key) + length(CAST(model AS BLOB))) + ?",
        (ENTRY_OVERHEAD_BYTES,),
    )
    db.execute("DROP TABLE IF EXISTS results")  # unsigned: never trusted again


def _create_tables(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        "CREATE TABLE IF NOT EXISTS vectors ("
        " model TEXT NOT NULL, key BLOB NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL,"
        " used REAL NOT NULL DEFAULT 0, size INTEGER NOT NULL DEFAULT 0,"
        " PRIMARY KEY (model, key)) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS alignments ("
        " key BLOB PRIMARY KEY, document TEXT NOT NULL, mac BLOB NOT NULL, used REAL NOT NULL,"
        " size INTEGER NOT NULL) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX IF NOT EXISTS vectors_by_use ON vectors (used)")
    db.execute("CREATE INDEX IF NOT EXISTS alignments_by_use ON alignments (used)")
    # The total size, kept by the database itself whatever adds or removes an entry.
    db.execute("CREATE TABLE IF NOT EXISTS usage (id INTEGER PRIMARY KEY CHECK (id = 1), bytes INTEGER NOT NULL)")
    for table in ("vectors", "alignments"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_added AFTER INSERT ON {table}"
            " BEGIN UPDATE usage SET bytes = bytes + NEW.size; END"
        )
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_removed AFTER DELETE ON {table}"
            " BEGIN UPDATE usage SET bytes = bytes - OLD.size; END"
        )
    db.execute(
        "INSERT OR IGNORE INTO usage VALUES (1,"
        " (SELECT COALESCE(SUM(size), 0) FROM vectors) + (SELECT COALESCE(SUM(size), 0) FROM alignments))"
    )
    db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))


# --- reading, writing, evicting --------------------------------------------------------------
def _read_vectors(db: sqlite3.Connection, model: str, dim: int, by_key: dict[bytes, str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    keys = list(by_key)
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
    return found


def _evict(db: sqlite3.Connection, bound: int) -> None:
    """Inside the caller's transaction: delete the least recently used entries, vectors and
    results alike, until what is stored fits in `bound` bytes."""
    row = db.execute("SELECT bytes FROM usage").fetchone()
    stored = int(row[0]) if row else 0
    if stored <= bound:
        return
    vectors: list[tuple[str, bytes]] = []
    results: list[tuple[bytes]] = []
    freed = 0
    oldest_first = db.execute(
        "SELECT used, 'vector', model, key, size FROM vectors"
        " UNION ALL SELECT used, 'result', '', key, size FROM alignments ORDER BY 1"
    )
    for _used, kind, model, key, size in oldest_first:
        if kind == "vector":
            vectors.append((model, key))
        else:
            results.append((key,))
        freed += int(size)
        if stored - freed <= bound:
            break
    oldest_first.close()
    db.executemany("DELETE FROM vectors WHERE model = ? AND key = ?", vectors)
    db.executemany("DELETE FROM alignments WHERE key = ?", results)


def _sign(secret: bytes, key: bytes, document: bytes) -> bytes:
    return hmac.new(secret, key + b"\0" + document, hashlib.sha256).digest()


# --- files ---------------------------------------------------------------------------------
def _make_private_folder(folder: Path, file_name: str) -> None:
    """The folder, 0700. An existing one is tightened only when it holds nothing but the
    caches' own files: COMPARE_CACHE_DIR may name a folder shared with other things."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if stat.S_IMODE(folder.stat().st_mode) & 0o077 and all(
        _is_cache_entry(name, file_name) for name in os.listdir(folder)
    ):
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)


def _make_private_file(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it (its -wal and -shm files take that
    mode); an existing one must be a regular file, and is tightened if it is wider."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        if not _is_regular_file(path):
            raise OSError(f"{path} is not a regular file") from None
        _tighten(path)
    else:
        os.close(fd)


def _make_companions_private(path: Path) -> None:
    """An older cache's -wal and -shm files may predate the 0600 database: tighten them too."""
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if _is_regular_file(companion):
            _tighten(companion)


def _tighten(path: Path) -> None:
    with contextlib.suppress(OSError):
        if stat.S_IMODE(os.lstat(path).st_mode) & 0o077:
            os.chmod(path, 0o600)


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _set_aside(path: Path) -> Path:
    """Rename a corrupt cache to `<name>.corrupt-<time>`; its -wal goes with it (its pages belong
    to the old file and must never be replayed into a new one) and its -shm index is removed."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while os.path.lexists(aside) or os.path.lexists(f"{aside}-wal"):
        number += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    os.rename(path, aside)
    wal = path.with_name(path.name + "-wal")
    if os.path.lexists(wal):
        os.rename(wal, f"{aside}-wal")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path.with_name(path.name + "-shm"))
    return aside


def _read_secret(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        secret = handle.read(_KEY_BYTES + 1)
    return secret if len(secret) == _KEY_BYTES else None


def _make_secret(path: Path) -> bytes:
    """A new random key, written to a 0600 temporary file and linked into place: a concurrent
    run that made one first wins, and both use its key. A damaged key file is replaced (the
    results it signed are then dropped, one warning each, and recomputed)."""
    secret = secrets.token_bytes(_KEY_BYTES)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secret)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp_name, path)
        except FileExistsError:
            theirs = _read_secret(path)
            if theirs is not None:
                return theirs
            os.replace(temp_name, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
    return secret


def _is_busy(error: BaseException) -> bool:
    return isinstance(error, sqlite3.Error) and error.sqlite_errorcode & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)


def _is_corrupt(error: BaseException) -> bool:
    return isinstance(error, sqlite3.Error) and error.sqlite_errorcode & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


# --- clearing ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Removed:
    """One thing `clear` removed, and how many bytes it held."""

    path: Path
    size: int


def clear(folder: Path | None = None) -> list[Removed]:
    """Remove everything the caches keep in `folder` (by default the cache folder): the database
    of embeddings and results with its -wal, -shm and key files, caches set aside as corrupt,
    the fetched pages and the exported model. Other files are left alone; the folder goes too if that empties it.
    Raises OSError (naming the path) when something cannot be removed."""
    folder = folder or default_cache_dir()
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return []
    removed = []
    for name in names:
        if not _is_cache_entry(name):
            continue
        path = folder / name
        size = _size_of(path)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed.append(Removed(path, size))
    with contextlib.suppress(OSError):
        folder.rmdir()  # only if empty
    return removed


def _is_cache_entry(name: str, file_name: str = FILE_NAME) -> bool:
    """Whether `name` is one of the caches' own: the database `file_name` and the files named
    after it (-wal, -shm, key, set aside as corrupt, temporary), or the page cache's folder."""
    return name in (PAGES_FOLDER, MODELS_FOLDER) or name.startswith((file_name, f".{file_name}"))


def _size_of(path: Path) -> int:
    if path.is_symlink() or not path.is_dir():
        return os.lstat(path).st_size
    return sum(os.lstat(os.path.join(root, name)).st_size for root, _dirs, files in os.walk(path) for name in files)
