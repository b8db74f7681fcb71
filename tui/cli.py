"""The `compare` command: open the app, or work headless with --json / --markdown.

Every failure the user can cause ends in one line on stderr naming the file and the cause, and
a non-zero exit; never a traceback (COMPARE_DEBUG=1 shows one for bug reports).
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import NoReturn

import align
from align.models import CLAIM_LABELS, Alignment, Article, InputError
from align.read.reader import MIN_ARTICLES, OUTLET_MAX_CHARS
from align.read.sanitize import inert_line, sanitize

PROG = "compare"
EXIT_FAILED = 1  # the system refused: a file could not be written, a disk is full
EXIT_INPUT = 2  # the user's input: an option, a path, an article, an existing report (as argparse)
EXIT_INTERNAL = 70  # a bug (EX_SOFTWARE in sysexits.h)
EXIT_INTERRUPTED = 130  # ctrl+c: 128 + SIGINT, as a shell reports it


def fail(code: int, kind: str, message: str | None = None) -> int:
    """Print the one line a failure gets on stderr (`compare: error: <message>`); return `code`.

    Every way `main` can fail goes through here, argparse's usage errors included.
    """
    line = f"{PROG}: {kind}" if message is None else f"{PROG}: {kind}: {message}"
    try:
        print(_one_line(sanitize(line)), file=sys.stderr, flush=True)
    except OSError:  # stderr is a closed pipe or a hung-up terminal: the exit code still tells
        pass
    return code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse's own wording (usage, then `compare: error: …`, exit 2), through `fail`.
        self.print_usage(sys.stderr)
        raise SystemExit(fail(EXIT_INPUT, "error", message))


class _ClearCache(argparse.Action):
    """`--clear-cache` acts as soon as it is parsed and exits, as --version does: it needs no PATH."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: object, values: object, option: object = None
    ) -> None:
        raise SystemExit(_clear_cache())


def _clear_cache() -> int:
    """Remove the caches (embeddings, results, fetched pages) and say what went, one line each."""
    from align.store.cache import clear
    from align.store.folders import default_cache_dir

    folder = default_cache_dir()
    try:
        removed = clear(folder)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return fail(EXIT_FAILED, "error", sanitize(f"{where}{error.strerror or error}"))
    for item in removed:
        size = f"{item.size:,} bytes" if item.size < 1_000_000 else f"{item.size / 1_000_000:.1f} MB"
        print(_one_line(sanitize(f"{PROG}: removed {item.path} ({size})")), file=sys.stderr)
    if not removed:
        print(_one_line(sanitize(f"{PROG}: no cache to remove in {folder}")), file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=(
            "Compare how several news articles tell one story: pair the sentences that make the "
            "same claim, label each pair (agreement, paraphrase, exaggeration, contradiction) and "
            "flag claims only one source makes. Without --json or --markdown, opens the app."
        ),
        epilog=(
            "Example: compare seeds/    compare seeds/ --json > alignment.json    "
            "compare https://example.com/story fox.txt"
        ),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH|URL",
        help="PATH or URL: a folder of .txt/.md/.html articles, an article file, or the http(s):// URL of an article page (fetched, at most 15 s, 5 redirects and 5 MB per page; cached by URL)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the alignment as JSON (compare/alignment@2) and exit"
    )
    parser.add_argument("--markdown", metavar="FILE", help="write the Markdown report to FILE and exit")
    parser.add_argument("--force", action="store_true", help="let --markdown overwrite an existing FILE")
    parser.add_argument(
        "--only",
        metavar="LABELS",
        help="with --markdown: only claims with these labels, comma-separated (" + ", ".join(CLAIM_LABELS) + ")",
    )
    parser.add_argument(
        "--sensitivity",
        type=_fraction,
        default=0.5,
        metavar="S",
        help="0..1: a sentence is paired only through a pair the engine is at least 1-S sure of; higher S also groups more loosely (default 0.5)",
    )
    parser.add_argument(
        "--name",
        action="append",
        default=[],
        metavar="PATH=NAME",
        help="call the article read from PATH (a file, a URL or an article id) by this outlet name (repeatable); by default the outlet comes from the page's site name or the file name (fox.txt: fox)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the caches (embeddings, fetched pages)"
    )
    parser.add_argument(
        "--clear-cache",
        action=_ClearCache,
        help="remove the caches (embeddings, stored results, fetched pages), say what was removed, and exit",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {align.__version__}")
    return parser


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is outside 0..1")
    return value


def _labels(text: str | None) -> set[str] | None:
    if not text:
        return None
    labels = {part.strip() for part in text.split(",") if part.strip()}
    unknown = labels - set(CLAIM_LABELS)
    if unknown:
        raise InputError(f"--only: unknown label {', '.join(sorted(unknown))} (use {', '.join(CLAIM_LABELS)})")
    return labels


def name_outlets(articles: list[Article], names: Sequence[str]) -> list[Article]:
    """Apply `--name PATH=NAME`: PATH is an article's path as given, its file, or its id."""
    renamed = list(articles)
    for item in names:
        # A URL's query holds "=" too: the PATH is the longest prefix before an "=" that names an
        # article ("--name https://site/story?id=7=Wire"); else the text before the first "=".
        splits = [(item[:i], item[i + 1 :]) for i, char in enumerate(item) if char == "="]
        if not splits:
            raise InputError(f"--name {item}: expected PATH=NAME (e.g. --name fox.txt='Fox News')")
        matching = [(path, name, hits) for path, name in splits if (hits := _articles_read_from(path, renamed))]
        path, name, hits = matching[-1] if matching else (*splits[0], [])
        name = " ".join(name.split())
        if not path or not name:
            raise InputError(f"--name {item}: expected PATH=NAME (e.g. --name fox.txt='Fox News')")
        if not hits:
            raise InputError(f"--name {item}: no article read from {path}")
        for n in hits:
            renamed[n] = replace(renamed[n], outlet=name[:OUTLET_MAX_CHARS])
    return renamed


def _articles_read_from(path: str, articles: list[Article]) -> list[int]:
    """Indices of the articles read from `path`: their path as given, their id, or their file."""
    if not path:
        return []
    wanted = os.path.realpath(path) if os.path.exists(path) else None
    return [
        n
        for n, article in enumerate(articles)
        if path in (article.path, article.id) or (wanted and os.path.realpath(article.path) == wanted)
    ]


def _warn(message: str) -> None:
    # On a terminal a progress line may be showing (no newline yet): the warning replaces it.
    clear = "\r\x1b[2K" if sys.stderr.isatty() else ""
    try:
        print(f"{clear}{PROG}: warning: {message}", file=sys.stderr)
    except OSError:  # a warning that cannot be shown must not end the run
        pass


def _progress_printer():
    """A one-line progress display on an interactive stderr; silence otherwise."""
    if not sys.stderr.isatty():
        return None

    def show(fraction: float, message: str) -> None:
        sys.stderr.write(f"\r\x1b[2K{PROG}: {fraction:4.0%} {message}")
        sys.stderr.flush()
        if fraction >= 1.0:
            sys.stderr.write("\r\x1b[2K")

    return show


def run_headless(args: argparse.Namespace, articles) -> int:
    only = _labels(args.only)
    # main checked the target before reading; again here, as reading pages can take minutes.
    _check_report_target(args)
    if args.markdown:
        articles = _without_report(articles, args.markdown)
    try:
        with _stop_signals_unwind():
            result: Alignment = align.align(
                articles,
                sensitivity=args.sensitivity,
                use_cache=not args.no_cache,
                progress=_progress_printer(),
                warn=_warn,
            )
            if args.markdown:
                _write_report(args, result, only)
            if args.json:
                sys.stdout.write(result.to_json(indent=None) + "\n")  # compact: the C encoder, pipe to jq to read
                sys.stdout.flush()
    except _Stopped as stop:
        return fail(128 + stop.signum, f"interrupted ({signal.Signals(stop.signum).name})")
    return 0


def _check_report_target(args: argparse.Namespace) -> None:
    """Refuse a --markdown FILE that cannot work (a missing or read-only folder, a folder, a
    device, an existing file without --force) before the slow work, not after it."""
    if not args.markdown:
        return
    from align.store.atomic_file import TargetError, check_target

    try:
        check_target(args.markdown, force=args.force)
    except (TargetError, FileExistsError) as error:
        raise _target_refused(args.markdown, error) from None


def _target_refused(target: str, error: Exception) -> InputError:
    """The one line naming the --markdown target as the user typed it, shown inert."""
    from align.store.atomic_file import TargetError

    reason = error.reason if isinstance(error, TargetError) else "already exists (use --force to overwrite)"
    return InputError(f"{_inert(target)}: {_inert(reason)}")


def _write_report(args: argparse.Namespace, result: Alignment, only: set[str] | None) -> None:
    from align.markdown import render_markdown
    from align.store.atomic_file import TargetError, write_atomic

    selection = None if only is None else {c.id: None for c in result.claims if c.label in only}
    report = render_markdown(result, selection, command=args.command)
    try:
        write_atomic(args.markdown, report, force=args.force)
    except (TargetError, FileExistsError) as error:  # it changed during the alignment
        raise _target_refused(args.markdown, error) from None
    except OSError as error:  # a full disk: main names error.filename, so make it the target, inert
        raise OSError(error.errno, error.strerror or str(error), _inert(args.markdown)) from None
    count = len(selection) if selection is not None else len(result.claims)
    print(f"{PROG}: wrote {_inert(args.markdown)} ({count} claims)", file=sys.stderr)


def _without_report(articles: list[Article], target: str) -> list[Article]:
    """`articles` without the --markdown target, when an earlier report there (replaced with
    --force) was read as an article from an input folder: a report never compares itself."""
    if not os.path.lexists(target):
        return articles
    # An article's path is the inert form of the path it was read from: compare inert forms.
    report = _inert(os.path.realpath(target))
    kept = [a for a in articles if "://" in a.path or _inert(os.path.realpath(a.path)) != report]
    if len(kept) == len(articles):
        return articles
    _warn(f"{_inert(target)}: the --markdown report, not an article (skipped)")
    if len(kept) < MIN_ARTICLES:
        raise InputError(
            "the input: only one readable article besides the --markdown report; at least two are needed to compare"
        )
    return kept


class _Stopped(BaseException):
    """SIGTERM or SIGHUP arrived; unwinds like ctrl+c, so that a half-written report is removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stop_signals_unwind() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise _Stopped instead of ending the process on
    the spot, so that the clean-up ctrl+c gets (no temporary file left) runs for them too.

    A signal the user ignores stays ignored (`nohup` ignores SIGHUP); the previous handlers come
    back afterwards.
    """
    fired = False

    def unwind(signum: int, frame: FrameType | None) -> None:
        nonlocal fired
        if not fired:  # a second signal must not break into the clean-up the first one started
            fired = True
            raise _Stopped(signum)

    with _stop_signals_call(unwind):
        yield


@contextmanager
def _stop_signals_call(handler: Callable[[int, FrameType | None], None]) -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP call `handler` instead of ending the process on
    the spot. A signal the user ignores stays ignored (`nohup` ignores SIGHUP); the previous
    handlers come back afterwards. Only the main thread may set handlers: elsewhere, no change."""
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):  # no SIGHUP on Windows
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) not in (signal.SIG_IGN, None):
                previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, previous_handler in previous.items():
            signal.signal(signum, previous_handler)


def _inert(text: str | os.PathLike[str]) -> str:
    """A path (or a message holding one) as one inert line: controls visible, line breaks "␤"."""
    return inert_line(os.fspath(text))


def run_app(args: argparse.Namespace, articles) -> int:
    from tui.app import make_app  # Textual is imported only when the app opens

    def align_fn(progress):
        return align.align(
            articles, sensitivity=args.sensitivity, use_cache=not args.no_cache, progress=progress, warn=_warn
        )

    app = make_app(articles, align_fn=align_fn, export_dir=Path.cwd(), command=args.command)
    with _app_exits_on_signals(app) as signalled:
        app.run()
    if signalled:
        code = fail(128 + signalled[0], f"interrupted ({signal.Signals(signalled[0]).name})")
    elif app.failure is not None:
        code = _report_error(app.failure)
    else:
        code = app.return_code or 0
    # A model import still running in the worker thread must not hold the process open.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError):  # closed (None) or gone with the terminal
            pass
    os._exit(code)


@contextmanager
def _app_exits_on_signals(app) -> Iterator[list[int]]:
    """While the app runs, SIGTERM and SIGHUP ask it to exit instead of ending the process on the
    spot, which would leave the terminal in the app's modes (alternate screen, mouse tracking,
    hidden cursor): exiting, Textual's driver restores them. Yields the signals that arrived.

    A signal the user ignores stays ignored (`nohup` ignores SIGHUP); the previous handlers come
    back afterwards.
    """
    import asyncio

    arrived: list[int] = []

    def exit_app(signum: int, frame: FrameType | None) -> None:
        arrived.append(signum)
        try:
            loop = asyncio.get_running_loop()  # the handler runs in the main thread, the app's
        except RuntimeError:  # the app's loop is not running yet: nothing to restore
            raise SystemExit(128 + signum) from None
        # Thread-safe, so that the loop wakes up from waiting for input at once.
        loop.call_soon_threadsafe(app.exit, None, 128 + signum)

    with _stop_signals_call(exit_app):
        yield arrived


def _report_error(error: BaseException) -> int:
    """The one line an error gets, and the exit code it means. An internal error (a bug) also
    gets a log file holding its traceback: the app cannot show one, nor rerun with COMPARE_DEBUG."""
    if isinstance(error, (InputError, FileExistsError)):  # FileExistsError: the report is already there
        return fail(EXIT_INPUT, "error", str(error))
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return fail(EXIT_FAILED, "error", f"{where}{error.strerror or error}")
    if isinstance(error, KeyboardInterrupt):
        return fail(EXIT_INTERRUPTED, "interrupted")
    log = _write_error_log(error)
    details = f"traceback in {log}" if log else "set COMPARE_DEBUG=1 for details"
    code = fail(EXIT_INTERNAL, "internal error", f"{type(error).__name__}: {error} ({details})")
    if os.environ.get("COMPARE_DEBUG"):
        import traceback

        traceback.print_exception(error)
    return code


def _write_error_log(error: BaseException) -> Path | None:
    """Write the traceback of an internal error to a new file in the user's log folder, readable
    by the user only (it may quote article text); its path, or None if it cannot be written."""
    import tempfile
    import time
    import traceback

    import platformdirs

    folder = Path(platformdirs.user_log_dir(PROG, appauthor=False))
    details = getattr(error, "details", None) or "".join(traceback.format_exception(error))
    text = f"{PROG} {align.__version__}, Python {sys.version.split()[0]}\n{shlex.join(sys.argv)}\n\n{details}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkstemp: a new file (never over an existing one, nor through a link), mode 0600.
        fd, name = tempfile.mkstemp(prefix=time.strftime("crash-%Y%m%d-%H%M%S-"), suffix=".log", dir=folder)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as log:
            log.write(text)
    except OSError:  # a full disk: no half-written log
        os.unlink(name)
        return None
    return Path(name)


def main(argv: Sequence[str] | None = None) -> int:
    _park_closed_standard_streams()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["batch"] and len(arguments) > 1:
        # `compare batch SOURCE --out DIR` (a folder named "batch" is `compare ./batch`).
        from tui import batch_cli

        try:
            return batch_cli.main(arguments[1:], fail)
        except (InputError, OSError) as error:
            return _report_error(error)
        except Exception as error:  # a bug: one line, the traceback in a log file
            if os.environ.get("COMPARE_DEBUG"):
                raise
            return _report_error(error)
    parser = build_parser()
    args = parser.parse_args(argv)
    # Quoted in the reports, so that a reader can reproduce them.
    args.command = shlex.join([PROG, *(sys.argv[1:] if argv is None else argv)])
    if args.force and not args.markdown:
        parser.error("--force only goes with --markdown")
    if args.only and not args.markdown:
        parser.error("--only only goes with --markdown")
    if args.json and sys.stdout is None:  # `>&-`: say so now, not after the slow work
        return fail(EXIT_FAILED, "error", "standard output is closed: nowhere to write the JSON")
    try:
        _check_report_target(args)  # before reading: fetching pages can take minutes
        fetching = _progress_printer()  # pages can take seconds each: say which one is awaited
        read = align.load_corpus(args.paths, warn=_warn, use_cache=not args.no_cache, progress=fetching)
        if fetching is not None:
            fetching(1.0, "")  # clears the line
        articles = name_outlets(read, args.name)
        if args.json or args.markdown:
            return run_headless(args, articles)
        _check_terminal()
        return run_app(args, articles)
    except (InputError, OSError, KeyboardInterrupt) as error:
        return _report_error(error)
    except Exception as error:  # a bug: still one line, the traceback in a log file
        if os.environ.get("COMPARE_DEBUG"):
            raise
        return _report_error(error)


def _park_closed_standard_streams() -> None:
    """A standard stream the shell closed (`2>&-`, `>&-`, `<&-`) is None in Python, and its file
    descriptor would go to the next file opened (a cache, a report), where a library's stray
    write to "stderr" would land. Park /dev/null there. A closed stderr becomes a sink (messages
    have nowhere to go; the exit code still tells); stdout stays None, for --json to refuse."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # open as long as the process


def _check_terminal() -> None:
    """Refuse, in one line, a place the app cannot run: Textual reads keys from stdin and draws
    on stderr, and a redirected stdout means the user wanted output, not an app."""
    if sys.stdout is None or not sys.stdout.isatty():
        raise InputError("the app needs a terminal; use --json or --markdown FILE for output to a pipe or file")
    if sys.stdin is None or not sys.stdin.isatty():
        raise InputError(
            "the app needs a terminal, but standard input is not one, so it could not read keys; "
            "use --json or --markdown FILE"
        )
    if not sys.stderr.isatty():
        raise InputError(
            "the app needs a terminal, but standard error (where it draws) is not one; use --json or --markdown FILE"
        )
    # As Rich does: these terminals cannot place the cursor, so a full-screen app is garbage.
    term = os.environ.get("TERM", "")
    if term in ("dumb", "unknown"):
        raise InputError(
            f"the app needs a terminal that can draw full screen, not TERM={term}; use --json or --markdown FILE"
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    raise SystemExit(main())
