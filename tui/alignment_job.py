"""Run the slow `align_fn` so that quitting never waits for it.

A Textual thread worker runs in asyncio's default executor, which `App.run()` joins on exit: if
the worker were inside a model import, `q` would hang until the import finished. So the worker
starts the engine in a daemon thread and only waits on it, polling its own cancellation; when
cancelled it returns at once and the daemon thread is abandoned (its next progress call raises).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from align.models import Alignment

Progress = Callable[[float, str], None]


class AlignmentCancelled(Exception):
    """Raised inside the engine (from its progress callback) once the app no longer wants the result."""


def run_cancellable(
    align_fn: Callable[[Progress], Alignment],
    report: Progress,
    is_cancelled: Callable[[], bool],
    *,
    poll_seconds: float = 0.05,
) -> Alignment | None:
    """The alignment, or None if cancelled first. Re-raises what the engine raised."""
    outcome: dict[str, object] = {}

    def progress(fraction: float, message: str) -> None:
        if is_cancelled():
            raise AlignmentCancelled
        report(min(max(float(fraction), 0.0), 1.0), message)

    def target() -> None:
        try:
            outcome["result"] = align_fn(progress)
        except BaseException as error:  # handed to the waiting worker, which reports it
            outcome["error"] = error

    thread = threading.Thread(target=target, name="compare-align", daemon=True)
    thread.start()
    while thread.is_alive():
        if is_cancelled():
            return None
        thread.join(poll_seconds)
    if is_cancelled():
        return None
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, AlignmentCancelled):
            return None
        raise error  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
