"""Write a file all at once, or not at all: the Markdown report from the CLI and from the app.

The text goes to a temporary file in the same folder, is flushed to disk, then renamed into
place, so a reader never sees half a file and a failure leaves the previous file untouched.
An existing file is replaced only when asked (`force`), never silently, and only when it is a
regular file: a device, a named pipe or a symbolic link is never replaced.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

# mkstemp puts a random part (8 characters today) between prefix and suffix: room for twice that.
_RANDOM_PART_BYTES = 16
_TEMP_SUFFIX = ".tmp"


class TargetError(ValueError):
    """A report cannot be written to this path (a folder, a device, a missing folder…).

    `reason` says why without the path, for callers that show the path their own way.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{os.fspath(path)}: {reason}")
        self.path = os.fspath(path)
        self.reason = reason


def check_target(path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Refuse, before any work, a path a report cannot be written to.

    Raises TargetError when `path` names a folder (or ends with "/"), when its folder is
    missing, not a folder or not writable, or when it exists and is not a regular file;
    FileExistsError when it is a regular file and not `force`. Nothing is created.
    """
    text = os.fspath(path)
    if text.endswith(os.sep) or (os.altsep is not None and text.endswith(os.altsep)):
        raise TargetError(text, f"ends with {os.sep!r}; give a file name")
    target = Path(text)
    if target.name in ("", ".", ".."):
        raise TargetError(text, "is a folder; give a file name")
    _check_folder(target)
    _refuse_to_replace(target, force=force)


def write_atomic(path: str | os.PathLike[str], text: str, *, force: bool = False) -> None:
    """Write `text` (UTF-8) to `path` all at once: temp file in the same folder, fsync, rename.

    Raises FileExistsError when `path` exists and not `force`, TargetError when it exists and
    is not a regular file (even with `force`). Any other OSError names `path`, never the
    temporary file. On any failure the previous file (if any) is untouched and no temporary
    file is left behind.
    """
    target = Path(path)
    _refuse_to_replace(target, force=force)
    try:
        _write_through_temp_file(target, text, force=force)
    except FileExistsError:
        raise
    except OSError as error:
        # The user named the target; the temp file is an implementation detail (and is gone).
        raise OSError(error.errno, error.strerror or str(error), os.fspath(target)) from error
    _fsync_folder(target.parent)


def _write_through_temp_file(target: Path, text: str, *, force: bool) -> None:
    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=_TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; a report should get the user's usual permissions.
        os.chmod(temp_name, 0o666 & ~_umask())
        if force:
            # No system call renames "only over a regular file": check again at the last moment,
            # so that only a swap during the write itself could slip through.
            _refuse_to_replace(target, force=True)
            os.replace(temp_name, target)
        else:
            _link_no_clobber(temp_name, target)
    except BaseException:  # ctrl+c and the CLI's SIGTERM/SIGHUP too: never leave the temp file
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


def _refuse_to_replace(target: Path, *, force: bool) -> None:
    """Raise unless `target` is absent, or a regular file and `force` (a symbolic link is not
    followed: it is refused, not written through)."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as error:  # a name too long, a folder in the path that is a file…
        raise TargetError(target, error.strerror or str(error)) from None
    if stat.S_ISDIR(mode):
        raise TargetError(target, "is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise TargetError(target, f"is a {_kind(mode)}, not a regular file; only a regular file is overwritten")
    if not force:
        raise FileExistsError(f"{target}: already exists (use --force to overwrite)")


def _check_folder(target: Path) -> None:
    folder = target.parent
    try:
        mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise TargetError(target, f"the folder {folder} does not exist") from None
    except NotADirectoryError:
        raise TargetError(target, f"{_first_file_in(folder)} is not a folder") from None
    except OSError as error:
        raise TargetError(target, f"the folder {folder}: {error.strerror or error}") from None
    if not stat.S_ISDIR(mode):
        raise TargetError(target, f"{folder} is not a folder")
    # A courtesy check before the slow work (the write itself still reports any refusal).
    if not os.access(folder, os.W_OK | os.X_OK):
        raise TargetError(target, f"cannot write in the folder {folder}")


def _first_file_in(folder: Path) -> Path:
    """The part of `folder`'s path that exists but is not a folder (`notes.txt` in
    `notes.txt/sub`), to name it in the error."""
    for part in reversed([folder, *folder.parents]):
        if part.exists() and not part.is_dir():
            return part
    return folder


def _kind(mode: int) -> str:
    kinds = [
        (stat.S_ISLNK, "symbolic link"),
        (stat.S_ISFIFO, "named pipe"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "special file")


def _temp_prefix(target: Path) -> str:
    """`.NAME.`, hidden, with NAME shortened so that the whole temp name fits the file system's
    limit on a name (NAME_MAX, usually 255 bytes): a valid long target name must not fail."""
    budget = _name_max(target.parent) - len(".") - len(".") - _RANDOM_PART_BYTES - len(_TEMP_SUFFIX)
    stem = target.name
    while len(os.fsencode(stem)) > budget:
        stem = stem[:-1]  # whole characters, never half of a UTF-8 sequence
    return f".{stem}."


_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8,}\.tmp$")


def is_temp_name(name: str) -> bool:
    """Whether `name` looks like one of this module's temporary files (`.NAME.XXXXXXXX.tmp`), as
    a process killed mid-write (SIGKILL: no clean-up runs) leaves behind."""
    return bool(_TEMP_NAME.match(name))


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # no pathconf (Windows), or the folder is gone
        return 255


def _link_no_clobber(temp_name: str, target: Path) -> None:
    """Move the temp file into place unless `target` appeared meanwhile (atomic where the
    file system supports hard links; otherwise a last existence check before the rename)."""
    try:
        os.link(temp_name, target)
    except FileExistsError:
        raise FileExistsError(f"{target}: already exists (use --force to overwrite)") from None
    except OSError:
        if os.path.lexists(target):  # lexists: a dangling symbolic link is there too
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


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` all at once, private to the user: a 0600 temporary file in the same
    folder, flushed to disk, renamed into place (a concurrent run reads the old file or the new
    one, never half). For the program's own files (cached pages, the model's record); a report
    goes through `write_atomic`, which keeps the user's permissions and never replaces silently."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
