"""The app against a hostile terminal, as a user meets it: a real process on a pseudo-terminal.

Signals must leave the terminal as the app found it; an internal error is one line and a log
file, never a traceback; closed standard streams, a dumb terminal and a stdin that is not a
terminal get a one-line refusal instead of a crash or a hang. Every wait has a deadline.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import select
import signal
import stat
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.test_hostile_cli import GOOD_A, GOOD_B

ENTER_ALTERNATE_SCREEN = b"\x1b[?1049h"
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"
MOUSE_TRACKING_OFF = b"\x1b[?1000l"
_CSI = re.compile("\x1b\\[[0-9;?<>=]*[ -/]*[@-~]")
DEADLINE = 120.0  # seconds: a guard against a hang, never a measure of speed


def two_articles(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD_B, encoding="utf-8")
    return [folder / "a.txt", folder / "b.txt"]


def compare_env(tmp: Path, **extra: str) -> dict[str, str]:
    """Offline, with caches and logs in `tmp`, on a capable terminal unless `extra` says otherwise."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TERM": "xterm-256color"}
    env.pop("COMPARE_DEBUG", None)
    env |= {"COMPARE_CACHE_DIR": str(tmp / "cache"), "XDG_STATE_HOME": str(tmp / "state")}
    return env | extra


def log_files(tmp: Path) -> list[Path]:
    return sorted((tmp / "state").rglob("*.log"))


class Terminal:
    """A 100x30 pseudo-terminal running one process (Textual draws on stderr, reads stdin)."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path, *, stdin_is_terminal: bool = True) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.output = b""
        self.ended = False
        self.process = subprocess.Popen(
            argv,
            stdin=slave if stdin_is_terminal else subprocess.DEVNULL,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        os.close(slave)  # the process holds the only copies: its exit is our end of file

    def read_until(self, found: Callable[[bytes], bool], within: float = DEADLINE) -> bool:
        """Read what the process writes until `found(output)`; False at end of file or the deadline."""
        deadline = time.monotonic() + within
        while not found(self.output):
            if not self._read(deadline):
                return found(self.output)
        return True

    def _read(self, deadline: float) -> bool:
        """Read what is ready; False at end of file or the deadline."""
        remaining = deadline - time.monotonic()
        if self.ended or remaining <= 0 or not select.select([self.master], [], [], remaining)[0]:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError as error:  # Linux reports the closed far end as EIO
            if error.errno != errno.EIO:
                raise
            chunk = b""
        self.output += chunk
        self.ended = not chunk
        return not self.ended

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def finish(self, within: float = DEADLINE) -> int:
        """Read to the end and wait for the exit; the exit code. Fails if the process hangs."""
        deadline = time.monotonic() + within
        while self._read(deadline):
            pass
        if not self.ended:
            pytest.fail(f"the app did not exit within {within:.0f} s")
        try:
            return self.process.wait(timeout=within)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the app closed the terminal but did not exit within {within:.0f} s")

    def after_the_app(self) -> list[str]:
        """The lines left on screen once the app left the alternate screen: what a carriage
        return went back over (a progress line) is gone, and so are escape sequences."""
        tail = self.output.rsplit(LEAVE_ALTERNATE_SCREEN, 1)[-1]
        lines = tail.decode("utf-8", "replace").split("\n")
        shown = (_CSI.sub("", line.rstrip("\r").rsplit("\r", 1)[-1]) for line in lines)
        return [line for line in shown if line.strip()]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.fixture
def terminal():
    opened: list[Terminal] = []

    def open_terminal(*args: str | Path, tmp: Path, python: list[str] | None = None, **options) -> Terminal:
        env = compare_env(tmp, **options.pop("env", {}))
        argv = [sys.executable, *(python or ["-m", "tui"]), *map(str, args)]
        opened.append(Terminal(argv, env, tmp, **options))
        return opened[-1]

    yield open_terminal
    for term in opened:
        term.close()


# --- signals: the terminal comes back ------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_restores_the_terminal(tmp_path: Path, terminal, signum: int) -> None:
    term = terminal(*two_articles(tmp_path / "in"), tmp=tmp_path)
    assert term.read_until(lambda out: ENTER_ALTERNATE_SCREEN in out), term.output[-500:]
    term.process.send_signal(signum)
    code = term.finish()
    after = term.output.split(ENTER_ALTERNATE_SCREEN, 1)[1]
    assert LEAVE_ALTERNATE_SCREEN in after, after[-300:]
    assert SHOW_CURSOR in after and MOUSE_TRACKING_OFF in after
    assert code == 128 + signum  # as a shell reports a process ended by the signal
    assert term.after_the_app() == [f"compare: interrupted ({signal.Signals(signum).name})"]


# --- an internal error: one line and a log file, never a traceback -------------------------------

# The real command with one fault injected: the app's screen, or the engine, raises.
_INJECT = """
import sys
{patch}
from tui.cli import main
raise SystemExit(main(sys.argv[1:]))
"""
_SCREEN_BREAKS = """
from tui.screens.main import MainScreen
def explode(self):
    raise RuntimeError("screen broke \\x1b[31mred\\x07")
MainScreen.on_mount = explode
"""
_INPUT_BREAKS = """
from textual.drivers.linux_driver import LinuxDriver
def explode(self):
    raise RuntimeError("keyboard broke")
LinuxDriver.run_input_thread = explode
"""
_ENGINE_BREAKS = """
import align
def explode(*args, **kwargs):
    raise ZeroDivisionError("engine broke")
align.align = explode
"""


def assert_logged(tmp: Path, line: str, *expected: str) -> None:
    """`line` names exactly one new log file, private to the user, holding the traceback."""
    (log,) = log_files(tmp)
    assert line.endswith(f"(traceback in {log})"), line
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert all(part in text for part in expected), text


@pytest.mark.parametrize(
    ("patch", "error", "logged"),
    [
        (_SCREEN_BREAKS, "RuntimeError: screen broke ␛[31mred␇", "screen broke"),  # a handler raised
        (_INPUT_BREAKS, "AppPanic: RuntimeError: keyboard broke", "keyboard broke"),  # Textual panicked
    ],
    ids=["exception", "panic"],
)
def test_an_error_in_the_app_is_one_line_and_a_log(tmp_path: Path, terminal, patch, error, logged) -> None:
    python = ["-c", _INJECT.format(patch=patch)]
    term = terminal(*two_articles(tmp_path / "in"), tmp=tmp_path, python=python)
    code = term.finish()
    assert code == 70
    assert b"Traceback" not in term.output and LEAVE_ALTERNATE_SCREEN in term.output
    (line,) = term.after_the_app()
    assert line.startswith(f"compare: internal error: {error} (traceback in ")
    assert_logged(tmp_path, line, "in explode", logged)


def test_an_engine_error_is_shown_in_the_app_then_one_line_and_a_log(tmp_path: Path, terminal) -> None:
    python = ["-c", _INJECT.format(patch=_ENGINE_BREAKS)]
    term = terminal(*two_articles(tmp_path / "in"), tmp=tmp_path, python=python)
    assert term.read_until(lambda out: b"alignment failed" in out), term.output[-500:]
    term.type(b"q")  # the articles stayed readable; the reader quits
    code = term.finish()
    assert code == 70
    assert b"Traceback" not in term.output
    (line,) = term.after_the_app()
    assert line.startswith("compare: internal error: ZeroDivisionError: engine broke (traceback in ")
    assert_logged(tmp_path, line, "in explode", "engine broke")


# --- closed streams, a dumb terminal, no keyboard ------------------------------------------------


def run_with_closed(stream: str, *args: str | Path, tmp: Path) -> subprocess.CompletedProcess[bytes]:
    """Run `compare ARGS` as a shell does with `>&-` (stream "stdout") or `2>&-` ("stderr")."""
    redirect = {"stdout": ">&-", "stderr": "2>&-"}[stream]
    return subprocess.run(
        ["sh", "-c", f'exec "$0" "$@" {redirect}', sys.executable, "-m", "tui", *map(str, args)],
        cwd=tmp,
        env=compare_env(tmp),
        capture_output=True,  # the pipes are there; the shell closes one before the command starts
        timeout=DEADLINE,
        check=False,
    )


def test_json_to_a_closed_stdout_is_refused_in_one_line(tmp_path: Path) -> None:
    result = run_with_closed("stdout", *two_articles(tmp_path / "in"), "--json", tmp=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "compare: error: standard output is closed: nowhere to write the JSON\n"


def test_with_stderr_closed_an_error_is_only_the_exit_code(tmp_path: Path) -> None:
    result = run_with_closed("stderr", tmp_path / "nowhere", tmp=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""  # the message never lands in the output instead


def test_with_stderr_closed_the_json_is_still_written(tmp_path: Path) -> None:
    # The one test here that loads the model.
    result = run_with_closed("stderr", *two_articles(tmp_path / "in"), "--json", tmp=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["schema"] == "compare/alignment@2"


def test_the_app_refuses_a_stdin_that_is_not_a_terminal(tmp_path: Path, terminal) -> None:
    # `compare a.txt b.txt < /dev/null`: no key could ever arrive, so q could never quit.
    term = terminal(*two_articles(tmp_path / "in"), tmp=tmp_path, stdin_is_terminal=False)
    assert term.finish() == 2
    assert ENTER_ALTERNATE_SCREEN not in term.output
    (line,) = term.after_the_app()
    assert line.startswith("compare: error: the app needs a terminal, but standard input is not one")
    assert "--json or --markdown FILE" in line


def test_the_app_refuses_a_dumb_terminal(tmp_path: Path, terminal) -> None:
    term = terminal(*two_articles(tmp_path / "in"), tmp=tmp_path, env={"TERM": "dumb"})
    assert term.finish() == 2
    assert ENTER_ALTERNATE_SCREEN not in term.output
    (line,) = term.after_the_app()
    assert line == (
        "compare: error: the app needs a terminal that can draw full screen, not TERM=dumb; "
        "use --json or --markdown FILE"
    )
