"""Write a file all at once, or not at all: the Markdown report from the CLI and from the app.

The text goes to a temporary file in the same folder, is flushed to disk, then renamed into
place, so a reader never sees half a file and a failure leaves the previous file untouched.
An existing file is replaced only when asked (`force`), never silently.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], text: str, *, force: bool = False) -> None:
    """Write `text` (UTF-8) to `path` all at once: temp file in the same folder, fsync, rename.

    Raises FileExistsError when `path` exists and not `force`. On any failure the previous file
    (if any) is untouched and no temporary file is left behind.
    """
    target = Path(path)
    if target.exists() and not force:
        raise FileExistsError(f"{target}: already exists (use --force to overwrite)")
    folder = target.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; a report should get the user's usual permissions.
        os.chmod(temp_name, 0o666 & ~_umask())
        if force:
            os.replace(temp_name, target)
        else:
            _link_no_clobber(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(folder)


def _link_no_clobber(temp_name: str, target: Path) -> None:
    """Move the temp file into place unless `target` appeared meanwhile (atomic where the
    file system supports hard links; otherwise a last existence check before the rename)."""
    try:
        os.link(temp_name, target)
    except FileExistsError:
        raise FileExistsError(f"{target}: already exists (use --force to overwrite)") from None
    except OSError:
        if target.exists():
            raise FileExistsError(f"{target}: already exists (use --force to overwrite)") from None
        os.replace(temp_name, target)
        return
    os.unlink(temp_name)


def _fsync_folder(folder: Path) -> None:
    """Persist the rename itself; best effort (not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
