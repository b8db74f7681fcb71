"""The `compare` command: open the app, or work headless with --json / --markdown.

Every failure the user can cause ends in one line on stderr naming the file and the cause, and
a non-zero exit; never a traceback (COMPARE_DEBUG=1 shows one for bug reports).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import align
from align.models import CLAIM_LABELS, Alignment, Article, InputError
from align.reader import OUTLET_MAX_CHARS

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
    print(_one_line(line), file=sys.stderr)
    return code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse's own wording (usage, then `compare: error: …`, exit 2), through `fail`.
        self.print_usage(sys.stderr)
        raise SystemExit(fail(EXIT_INPUT, "error", message))


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
        "--json", action="store_true", help="print the alignment as JSON (compare/alignment@1) and exit"
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
    print(f"{clear}{PROG}: warning: {message}", file=sys.stderr)


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
    # Refuse before the (slow) alignment; write_atomic checks again, race-free, when writing.
    if args.markdown and Path(args.markdown).exists() and not args.force:
        raise InputError(f"{args.markdown}: already exists (use --force to overwrite)")
    result: Alignment = align.align(
        articles, sensitivity=args.sensitivity, use_cache=not args.no_cache, progress=_progress_printer(), warn=_warn
    )
    if args.markdown:
        from align.atomic_file import write_atomic
        from align.markdown import render_markdown

        selection = None if only is None else {c.id: None for c in result.claims if c.label in only}
        report = render_markdown(result, selection, command=args.command)
        write_atomic(args.markdown, report, force=args.force)
        print(
            f"{PROG}: wrote {args.markdown} ({len(selection) if selection is not None else len(result.claims)} claims)",
            file=sys.stderr,
        )
    if args.json:
        sys.stdout.write(result.to_json(indent=None) + "\n")  # compact: the C encoder, pipe to jq to read
        sys.stdout.flush()
    return 0


def run_app(args: argparse.Namespace, articles) -> int:
    from tui.app import make_app  # Textual is imported only when the app opens

    def align_fn(progress):
        return align.align(
            articles, sensitivity=args.sensitivity, use_cache=not args.no_cache, progress=progress, warn=_warn
        )

    app = make_app(articles, align_fn=align_fn, export_dir=Path.cwd(), command=args.command)
    app.run()
    code = app.return_code or 0
    # A model import still running in the worker thread must not hold the process open.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # Quoted in the reports, so that a reader can reproduce them.
    args.command = shlex.join([PROG, *(sys.argv[1:] if argv is None else argv)])
    if args.force and not args.markdown:
        parser.error("--force only goes with --markdown")
    if args.only and not args.markdown:
        parser.error("--only only goes with --markdown")
    try:
        fetching = _progress_printer()  # pages can take seconds each: say which one is awaited
        read = align.load_corpus(args.paths, warn=_warn, use_cache=not args.no_cache, progress=fetching)
        if fetching is not None:
            fetching(1.0, "")  # clears the line
        articles = name_outlets(read, args.name)
        if args.json or args.markdown:
            return run_headless(args, articles)
        if not sys.stdout.isatty():
            raise InputError("the app needs a terminal; use --json or --markdown FILE for output to a pipe or file")
        return run_app(args, articles)
    except (InputError, FileExistsError) as error:  # FileExistsError: the report is already there
        return fail(EXIT_INPUT, "error", str(error))
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return fail(EXIT_FAILED, "error", f"{where}{error.strerror or error}")
    except KeyboardInterrupt:
        return fail(EXIT_INTERRUPTED, "interrupted")
    except Exception as error:  # a bug: still one line, with a way to get the traceback
        if os.environ.get("COMPARE_DEBUG"):
            raise
        detail = f"{type(error).__name__}: {error} (set COMPARE_DEBUG=1 for details)"
        return fail(EXIT_INTERNAL, "internal error", detail)


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    raise SystemExit(main())
