"""The engine runs in a worker: progress drives the status bar, and quitting never waits for it."""

from __future__ import annotations

import asyncio
import re
import threading

import pytest
from textual.widgets import ProgressBar
from textual.worker import WorkerState

from tests.app.helpers import main_screen, screen_text_showing
from tui.alignment_job import AlignmentCancelled
from tui.messages import AlignmentProgress, AlignmentReady

pytestmark = pytest.mark.anyio


async def test_progress_reaches_the_status_bar_then_the_claims_appear(make, alignment):
    step, reported = threading.Event(), threading.Event()

    def align_fn(progress):
        progress(0.25, "embedding sentences 10/40")
        reported.set()
        step.wait(10)
        progress(1.0, "done")
        return alignment

    messages: list = []
    app = make(align_fn=align_fn)
    try:
        async with app.run_test(size=(160, 45), message_hook=messages.append) as pilot:
            assert await asyncio.to_thread(reported.wait, 10)
            text = await screen_text_showing(pilot, "embedding sentences 10/40")
            bar = app.screen.query_one("#progress", ProgressBar)
            assert bar.display and bar.progress == pytest.approx(0.25)
            assert "embedding sentences 10/40" in text
            step.set()
            await app.workers.wait_for_complete()
            text = await screen_text_showing(pilot, "9 claims, 6 shared in")
            assert not bar.display
            assert "9 claims, 6 shared in" in text
            assert main_screen(app).current_claim == alignment.claims[2]  # the contradiction
    finally:
        step.set()
    fractions = [m.fraction for m in messages if isinstance(m, AlignmentProgress)]
    assert fractions[0] == 0.25
    # The hook sees a bubbling message once per node it visits: count distinct messages.
    ready = {id(m): m for m in messages if isinstance(m, AlignmentReady)}
    assert [m.alignment for m in ready.values()] == [alignment]


async def test_quitting_while_the_engine_works_does_not_wait_for_it(make, alignment):
    started, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def align_fn(progress):
        started.set()
        release.wait(30)  # a model import that is still running when the reader quits
        try:
            progress(0.5, "still here?")
        except AlignmentCancelled as cancelled:
            outcome["raised"] = cancelled
            raise
        return alignment

    app = make(align_fn=align_fn)
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            assert await asyncio.to_thread(started.wait, 10)
            await pilot.press("q")
        # The app is gone while the engine is still blocked: exit did not wait for it.
        assert not release.is_set() and "raised" not in outcome
        assert not app.is_running
        assert all(w.state in (WorkerState.CANCELLED, WorkerState.SUCCESS) for w in app.workers)
    finally:
        release.set()
    # Once it wakes up, its next progress call stops it.
    for _ in range(100):
        if "raised" in outcome:
            break
        threading.Event().wait(0.05)
    assert isinstance(outcome.get("raised"), AlignmentCancelled)


async def test_engine_warnings_printed_to_stderr_become_notifications(make, alignment):
    import sys

    def align_fn(progress):
        print("compare: warning: odd.txt skipped", file=sys.stderr)
        print("Batches: 100%|██████████| 3/3", file=sys.stderr)  # library chatter stays hidden
        return alignment

    app = make(align_fn=align_fn)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        text = await screen_text_showing(pilot, "compare: warning: odd.txt skipped")
        assert "compare: warning: odd.txt skipped" in text
        assert "Batches" not in text


async def test_a_long_stage_shows_its_name_and_a_clock_that_ticks_until_the_claims_appear(make, alignment):
    # A cold start spends seconds importing PyTorch with no progress to report: the stage is
    # named and the elapsed seconds change, so the screen never looks frozen.
    reported, step = threading.Event(), threading.Event()

    def align_fn(progress):
        progress(0.02, "importing the model's libraries (PyTorch)")
        reported.set()
        step.wait(30)
        return alignment

    app = make(align_fn=align_fn)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            assert await asyncio.to_thread(reported.wait, 10)
            first = await screen_text_showing(pilot, "s · importing the model's")
            seconds = re.search(r"(\d+) s · importing the model's", first)
            assert seconds, first
            later = await screen_text_showing(pilot, f"{int(seconds[1]) + 1} s · importing the model's", within=20)
            assert f"{int(seconds[1]) + 1} s · importing the model's" in later
            step.set()
            await app.workers.wait_for_complete()
            done = await screen_text_showing(pilot, "9 claims, 6 shared in")
            assert re.search(r"(?m)^\s*compare\b.*\b9 claims, 6 shared in", done)
            assert not re.search(r"\d s · 9 claims", done)  # the clock stopped with the work
    finally:
        step.set()
