"""A folder no run can write into, for the tests of what happens then (root included)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """Make `folder` refuse new files, as a read-only mount or a folder owned by another user
    does. The tests may run as root, which write permissions do not stop: then the folder is
    made immutable (chattr +i), which stops root too; otherwise it is made 0555."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", folder], check=False).returncode:
            pytest.skip("running as root without chattr +i: no way to make a folder read-only")
        undo = ["chattr", "-i", str(folder)]
    else:
        folder.chmod(0o555)
        undo = ["chmod", "700", str(folder)]
    try:
        with pytest.raises(OSError):
            (folder / "probe").touch()
        yield
    finally:
        subprocess.run(undo, check=True)
