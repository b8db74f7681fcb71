"""Run one benchmark case as a child process: wall time and that child's own peak RSS.

`os.wait4` returns the resource usage of exactly the child waited for (and its waited-for
descendants), so cases never contaminate each other's peak memory the way a cumulative
`getrusage(RUSAGE_CHILDREN)` would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import median


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False


def run(
    cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float | None = None
) -> Run:
    """Run `cmd` to completion (or kill its process group after `timeout` seconds)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env, cwd=cwd, start_new_session=True)
        result: list = []
        waiter = threading.Thread(target=lambda: result.append(os.wait4(proc.pid, 0)))
        waiter.start()
        waiter.join(timeout)
        timed_out = waiter.is_alive()
        if timed_out:
            os.killpg(proc.pid, signal.SIGKILL)
            waiter.join()
        wall = time.perf_counter() - start
        proc.returncode = -1  # reaped by wait4 above; stop Popen from waiting again
        _pid, status, usage = result[0]
        out.seek(0)
        err.seek(0)
        # ru_maxrss is in kilobytes on Linux.
        return Run(
            wall,
            usage.ru_maxrss / 1024,
            os.waitstatus_to_exitcode(status),
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            timed_out,
        )


def repeat(cmd: Sequence[str], times: int, *, prepare=None, **kwargs) -> list[Run]:
    """Run `cmd` several times; `prepare()` runs before each (e.g. to empty a cache) and may
    return an env dict for that run."""
    runs = []
    for _ in range(times):
        env = prepare() if prepare else kwargs.get("env")
        runs.append(run(cmd, **{**kwargs, "env": env}))
        if runs[-1].returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({runs[-1].returncode}): {runs[-1].stderr.strip()[-500:]}")
    return runs


def median_wall(runs: list[Run]) -> float:
    return median(r.wall for r in runs)


def max_rss(runs: list[Run]) -> float:
    return max(r.peak_rss_mb for r in runs)


def python() -> str:
    return sys.executable


def revision() -> str:
    """The checkout measured: short commit, plus "+changes" when the engine or app is edited."""
    repo = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "align", "tui"], cwd=repo, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")
