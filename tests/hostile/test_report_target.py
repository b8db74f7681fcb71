"""Where `--markdown FILE` (and the app's export) may write, and what happens when it cannot.

Only a regular file is ever replaced; a target that cannot work is refused before anything is
read or aligned, with one line naming the target (never the temporary file), shown inert; a
signal or a full disk leaves neither a report nor a temporary file behind; long names work.

Most tests run `main` in-process with the alignment faked (the writing is what is under test,
not the engine); one runs the real command to show what a signalled user sees.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from textual.widgets import Button, Label

import align
from align.store.atomic_file import TargetError, check_target, write_atomic
from tests.app.fixture_alignment import fixture_alignment
from tests.hostile.read_only import read_only_folder
from tui.app import make_app
from tui.cli import main
from tui.screens.export import ExportScreen

ARTICLE_A = "Council closes streets\n\nThe city council voted on Tuesday to close three downtown streets.\n"
ARTICLE_B = "Streets closed\n\nCouncillors agreed on Tuesday to shut three central streets to traffic.\n"
NAME_MAX = 255  # bytes, on every file system the tests run on


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder


class Engine:
    """Stands in for reading and aligning: records what was read and aligned, returns the
    fixture alignment at once."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read: list[object] = []
        self.aligned: list[list[str]] = []
        real_load_corpus = align.load_corpus

        def load_corpus(paths, **kwargs):
            self.read.append(paths)
            return real_load_corpus(paths, **kwargs)

        def fake_align(articles, **kwargs):
            self.aligned.append([article.id for article in articles])
            return fixture_alignment()

        monkeypatch.setattr(align, "load_corpus", load_corpus)
        monkeypatch.setattr(align, "align", fake_align)
        monkeypatch.delenv("COMPARE_DEBUG", raising=False)


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> Engine:
    return Engine(monkeypatch)


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[str]]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    assert out == ""
    return code, err.splitlines()


def assert_refused(code: int, lines: list[str], *expected: str) -> None:
    """Exit 2 and exactly one line, `compare: error: …`, holding every expected part."""
    assert code == 2, lines
    assert len(lines) == 1, lines
    assert lines[0].startswith("compare: error: ")
    for part in expected:
        assert part in lines[0], lines[0]


def entries(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


def hook_first_fsync(monkeypatch: pytest.MonkeyPatch, folder: Path, action) -> list[list[str]]:
    """Run `action(fd)` in place of the first fsync (the report's, once its text is in the
    temporary file); returns what `folder` held at that moment."""
    real_fsync = os.fsync
    seen: list[list[str]] = []

    def fsync(fd: int) -> None:
        if seen:
            return real_fsync(fd)
        seen.append(entries(folder))
        return action(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return seen


# --- 1. only a regular file is ever replaced ----------------------------------------------


def make_fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.md")
    return folder / "pipe.md"


def make_symlink_to_file(folder: Path) -> Path:
    (folder / "precious.txt").write_text("precious\n", encoding="utf-8")
    os.symlink("precious.txt", folder / "link.md")
    return folder / "link.md"


def make_dangling_symlink(folder: Path) -> Path:
    os.symlink("nowhere.md", folder / "dangling.md")
    return folder / "dangling.md"


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (make_fifo, "named pipe"),
        (make_symlink_to_file, "symbolic link"),
        (make_dangling_symlink, "symbolic link"),
    ],
    ids=["fifo", "symlink", "dangling-symlink"],
)
def test_force_replaces_only_a_regular_file(tmp_path, corpus, engine, capsys, make, kind) -> None:
    target = make(tmp_path)
    before = os.lstat(target)
    code, lines = run_main(capsys, corpus, "--markdown", target, "--force")
    assert_refused(code, lines, f"{target}: is a {kind}, not a regular file")
    assert engine.read == [] and engine.aligned == []  # refused before any work
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)  # the very same entry
    if (tmp_path / "precious.txt").exists():
        assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "precious\n"
    assert not [name for name in entries(tmp_path) if name.endswith(".tmp")]


def test_a_device_is_refused_even_with_force() -> None:
    # Checked, never written: the check alone must refuse /dev/null (a character device).
    with pytest.raises(TargetError, match="character device, not a regular file"):
        check_target("/dev/null", force=True)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_write_atomic_refuses_a_fifo_even_when_forced(tmp_path: Path) -> None:
    fifo = make_fifo(tmp_path)
    with pytest.raises(TargetError, match="pipe.md: is a named pipe"):
        write_atomic(fifo, "# report\n", force=True)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert entries(tmp_path) == ["pipe.md"]  # no temporary file left


@pytest.mark.anyio
async def test_the_app_never_offers_to_overwrite_a_fifo(tmp_path: Path) -> None:
    alignment = fixture_alignment()
    fifo = make_fifo(tmp_path)
    app = make_app(alignment.articles, alignment=alignment, export_dir=tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("space", "m")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path").value = str(fifo)
        await pilot.press("enter")
        await pilot.press("enter")  # a second save would confirm an "Overwrite"
        assert isinstance(app.screen, ExportScreen)
        message = str(app.screen.query_one("#export-message", Label).content)
        assert f"Cannot write {fifo}: is a named pipe, not a regular file" in message
        assert str(app.screen.query_one("#save", Button).label) == "Save"  # never "Overwrite"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert entries(tmp_path) == ["pipe.md"]


# --- 7. SIGTERM and SIGHUP clean up like ctrl+c --------------------------------------------

STOP_SIGNALS = [signal.SIGTERM, signal.SIGHUP]


@pytest.fixture
def survive_signals():
    """Before the fix a signal killed the test run; this records it instead (and restores)."""
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: received.append(signum)) for sig in STOP_SIGNALS}
    yield received
    for sig, handler in previous.items():
        signal.signal(sig, handler)


@pytest.mark.parametrize("sig", STOP_SIGNALS, ids=lambda sig: sig.name)
def test_a_signal_while_writing_leaves_no_temp_file(
    tmp_path, corpus, engine, capsys, monkeypatch, survive_signals, sig
) -> None:
    target = tmp_path / "report.md"
    seen = hook_first_fsync(monkeypatch, tmp_path, lambda fd: os.kill(os.getpid(), sig))
    code, lines = run_main(capsys, corpus, "--markdown", target)
    assert [name for name in seen[0] if name.startswith(".report.md.")], seen  # it came mid-write
    assert code == 128 + sig
    assert lines == [f"compare: interrupted ({sig.name})"]
    assert entries(tmp_path) == ["articles"]  # neither the report nor the temporary file
    # The handlers in place before the command are back once it is done.
    os.kill(os.getpid(), sig)
    assert survive_signals == [sig]


def test_sighup_stays_ignored_under_nohup(tmp_path, corpus, engine, capsys, monkeypatch) -> None:
    # `nohup compare … --markdown r.md` must finish its report when the terminal goes away.
    target = tmp_path / "report.md"
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        hook_first_fsync(monkeypatch, tmp_path, lambda fd: os.kill(os.getpid(), signal.SIGHUP))
        code, lines = run_main(capsys, corpus, "--markdown", target)
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert code == 0, lines
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert entries(tmp_path) == ["articles", "report.md"]


def _read_until(fd: int, wanted: re.Pattern[bytes], deadline: float) -> bytes:
    """What the pty shows until `wanted` matches (or the deadline passes, or it closes)."""
    seen = b""
    while not wanted.search(seen) and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    return seen


# A progress line naming a stage ("compare:   0% marking boilerplate"); the bare "100% " that
# clears the line after reading the articles does not count.
ALIGNING = re.compile(rb"compare: +\d+% [a-z]")
INTERRUPTED = re.compile(rb"compare: interrupted \(SIGTERM\)")


def test_sigterm_during_alignment_exits_143_leaving_nothing(tmp_path: Path, corpus: Path) -> None:
    """The real command, as a user's `kill` meets it: stderr is a terminal, so the progress line
    says when the alignment is under way; the signal is sent then."""
    main_fd, child_fd = pty.openpty()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("COMPARE_DEBUG", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", str(corpus), "--markdown", "report.md", "--no-cache"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=child_fd,
    )
    os.close(child_fd)
    try:
        shown = _read_until(main_fd, ALIGNING, time.monotonic() + 120)
        assert ALIGNING.search(shown), shown  # the alignment is under way
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=120)
        shown += _read_until(main_fd, INTERRUPTED, time.monotonic() + 10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main_fd)
    assert code == 143, shown
    assert b"compare: interrupted (SIGTERM)" in shown
    assert b"Traceback" not in shown
    assert entries(tmp_path) == ["articles"]


# --- 9. long names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["r" * (NAME_MAX - 3) + ".md", "é" * 125 + ".md", "é" * 120 + "r" * 12 + ".md"],
    ids=["ascii-255-bytes", "utf8-253-bytes", "utf8-255-bytes"],
)
def test_a_long_valid_name_gets_its_report(tmp_path, corpus, engine, capsys, monkeypatch, name) -> None:
    assert len(os.fsencode(name)) <= NAME_MAX
    target = tmp_path / name
    seen = hook_first_fsync(monkeypatch, tmp_path, lambda fd: None)
    code, lines = run_main(capsys, corpus, "--markdown", target)
    assert code == 0, lines
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert entries(tmp_path) == sorted(["articles", name])  # no temporary file left
    temps = [entry for entry in seen[0] if entry not in ("articles", name)]
    assert len(temps) == 1 and temps[0].startswith(".") and temps[0].endswith(".tmp")  # hidden
    assert len(os.fsencode(temps[0])) <= NAME_MAX


# --- 12. the target is checked first, and errors name it -----------------------------------


def target_in_missing_folder(tmp: Path) -> tuple[str, str]:
    return str(tmp / "nowhere" / "report.md"), f"the folder {tmp / 'nowhere'} does not exist"


def target_is_a_folder(tmp: Path) -> tuple[str, str]:
    (tmp / "reports").mkdir()
    return str(tmp / "reports"), "is a folder; give a file name"


def target_ends_with_a_slash(tmp: Path) -> tuple[str, str]:
    return str(tmp / "newdir") + "/", "ends with '/'; give a file name"


def target_under_a_file(tmp: Path) -> tuple[str, str]:
    (tmp / "notes.txt").write_text("notes\n", encoding="utf-8")
    return str(tmp / "notes.txt" / "report.md"), f"{tmp / 'notes.txt'} is not a folder"


@pytest.mark.parametrize(
    "build", [target_in_missing_folder, target_is_a_folder, target_ends_with_a_slash, target_under_a_file]
)
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_a_target_that_cannot_work_is_refused_before_reading(tmp_path, corpus, engine, capsys, build, force) -> None:
    target, reason = build(tmp_path)
    before = entries(tmp_path)
    code, lines = run_main(capsys, corpus, "--markdown", target, *(["--force"] if force else []))
    assert_refused(code, lines, f"compare: error: {target}: {reason}")
    assert engine.read == [] and engine.aligned == []
    assert entries(tmp_path) == before  # no file named `newdir`, nothing else either


def test_a_read_only_folder_is_refused_before_reading(tmp_path, corpus, engine, capsys) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    with read_only_folder(locked):
        code, lines = run_main(capsys, corpus, "--markdown", locked / "report.md")
    assert_refused(code, lines, f"{locked / 'report.md'}: cannot write in the folder {locked}")
    assert engine.aligned == []


def test_a_full_disk_names_the_report_not_the_temp_file(tmp_path, corpus, engine, capsys, monkeypatch) -> None:
    target = tmp_path / "report.md"
    target.write_text("old report\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    hook_first_fsync(monkeypatch, tmp_path, disk_full)
    code, lines = run_main(capsys, corpus, "--markdown", target, "--force")
    assert code == 1
    assert lines == [f"compare: error: {target}: No space left on device"]
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert entries(tmp_path) == ["articles", "report.md"]


def test_an_unwritable_temp_file_names_the_report(tmp_path, corpus, engine, capsys, monkeypatch) -> None:
    target = tmp_path / "report.md"

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".report.md.abcdefgh.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    code, lines = run_main(capsys, corpus, "--markdown", target)
    assert code == 1
    assert lines == [f"compare: error: {target}: Permission denied"]


def test_a_report_inside_the_input_folder_is_not_read_back(corpus, engine, capsys) -> None:
    report = corpus / "report.md"
    report.write_text("# Comparison of 2 articles\n\nAn earlier report.\n", encoding="utf-8")
    code, lines = run_main(capsys, corpus, "--markdown", report, "--force")
    assert code == 0, lines
    assert engine.aligned == [["a", "b"]]
    assert f"compare: warning: {report}: the --markdown report, not an article (skipped)" in lines


def test_a_report_that_leaves_one_article_is_refused(tmp_path, engine, capsys) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "report.md").write_text("# An earlier report\n\nSome text.\n", encoding="utf-8")
    code, lines = run_main(capsys, folder, "--markdown", folder / "report.md", "--force")
    assert code == 2
    assert lines[-1].startswith("compare: error: ") and "at least two are needed" in lines[-1]
    assert engine.aligned == []
    assert (folder / "report.md").read_text(encoding="utf-8") == "# An earlier report\n\nSome text.\n"


# --- 13. the target is shown inert ---------------------------------------------------------

HOSTILE = "r\x1b]0;pwned\x07\x1b[2J"
HOSTILE_SHOWN = "r␛]0;pwned␇␛[2J"


def test_a_hostile_target_name_is_shown_inert_in_errors(tmp_path, corpus, engine, capsys) -> None:
    target = tmp_path / HOSTILE / "report.md"
    code, lines = run_main(capsys, corpus, "--markdown", target)
    assert_refused(code, lines, f"{tmp_path / HOSTILE_SHOWN / 'report.md'}: the folder")
    assert "\x1b" not in lines[0] and "\x07" not in lines[0]

    existing = tmp_path / f"{HOSTILE}.md"
    existing.write_text("keep\n", encoding="utf-8")
    code, lines = run_main(capsys, corpus, "--markdown", existing)
    assert_refused(code, lines, f"{tmp_path / HOSTILE_SHOWN}.md: already exists (use --force to overwrite)")
    assert "\x1b" not in lines[0]


def test_a_hostile_target_name_is_shown_inert_when_written(tmp_path, corpus, engine, capsys) -> None:
    target = tmp_path / f"{HOSTILE}.md"
    code, lines = run_main(capsys, corpus, "--markdown", target)
    assert code == 0
    assert target.exists()
    assert lines == [f"compare: wrote {tmp_path / HOSTILE_SHOWN}.md (9 claims)"]
