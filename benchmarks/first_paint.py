"""Time to the app's first painted frame, and to the claims being shown, in a headless run.

    python benchmarks/first_paint.py T0 PATH...

T0 is the parent's `time.time()` just before it started this process, so both figures include
interpreter start-up and every import, as a user launching `compare PATH` would see them.
First paint is Textual's `Ready` event (posted after the first frame is displayed); claims
shown is the first moment the main screen holds an alignment. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

T0 = float(sys.argv[1])
PATHS = sys.argv[2:]
TIMEOUT = 300.0

from textual import events  # noqa: E402

import align  # noqa: E402
from tui.app import make_app  # noqa: E402

articles = align.load_corpus(PATHS)


def align_fn(progress):
    return align.align(articles, progress=progress)


app = make_app(articles, align_fn=align_fn, export_dir=Path(os.environ.get("TMPDIR", "/tmp")))
marks: dict[str, float] = {}
post_message = app.post_message


def finish() -> None:
    print(json.dumps(marks), flush=True)
    os._exit(0)  # the engine may still be importing in a daemon thread (as the CLI does)


def watch() -> None:
    now = time.time() - T0
    if getattr(app.screen, "alignment", None) is not None:
        marks["claims_shown"] = now
        finish()
    if now > TIMEOUT:
        marks["claims_shown"] = float("nan")
        finish()


def spy(message):
    if isinstance(message, events.Ready) and "first_paint" not in marks:
        marks["first_paint"] = time.time() - T0
        app.set_interval(0.01, watch)
    return post_message(message)


app.post_message = spy
app.run(headless=True, size=(160, 45))
finish()
