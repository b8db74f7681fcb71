"""The `compare` command: open the app, or work headless with --json / --markdown.

Every failure the user can cause ends in one line on stderr naming the file and the cause, and
a non-zero exit; never a traceback (COMPARE_DEBUG=1 shows one for bug reports).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

import align
from align.models import CLAIM_LABELS, Alignment, InputError

EXIT_INPUT = 2
EXIT_FAILED = 1
PROG = "compare"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Compare how several news articles tell one story: pair the sentences that make the "
            "same claim, label each pair (agreement, paraphrase, exaggeration, contradiction) and "
            "flag claims only one source makes. Without --json or --markdown, opens the app."
        ),
        epilog="Example: compare seeds/    compare seeds/ --json > alignment.json",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a folder of .txt/.md/.html articles, or the files")
    parser.add_argument("--json", action="store_true", help="print the alignment as JSON (compare/alignment@1) and exit")
    parser.add_argument("--markdown", metavar="FILE", help="write the Markdown report to FILE and exit")
    parser.add_argument("--force", action="store_true", help="let --markdown overwrite an existing FILE")
    parser.add_argument(
        "--only",
        metavar="LABELS",
        help="with --markdown: only claims with these labels, comma-separated ("
        + ", ".join(CLAIM_LABELS)
        + ")",
    )
    parser.add_argument(
        "--sensitivity",
        type=_fraction,
        default=0.5,
        metavar="S",
        help="0..1: low pairs only near-certain sentences, high pairs more loosely (default 0.5)",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the embedding cache")
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


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


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
        from align.markdown import render_markdown, write_atomic

        selection = None if only is None else {c.id: None for c in result.claims if c.label in only}
        write_atomic(args.markdown, render_markdown(result, selection), force=args.force)
        print(f"{PROG}: wrote {args.markdown} ({len(selection) if selection is not None else len(result.claims)} claims)", file=sys.stderr)
    if args.json:
        sys.stdout.write(result.to_json(indent=None) + "\n")  # compact: the C encoder, pipe to jq to read
        sys.stdout.flush()
    return 0


def run_app(args: argparse.Namespace, articles) -> int:
    from tui.app import make_app  # Textual is imported only when the app opens

    def align_fn(progress):
        return align.align(articles, sensitivity=args.sensitivity, use_cache=not args.no_cache, progress=progress, warn=_warn)

    app = make_app(articles, align_fn=align_fn, export_dir=Path.cwd())
    app.run()
    code = app.return_code or 0
    # A model import still running in the worker thread must not hold the process open.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.force and not args.markdown:
        parser.error("--force only goes with --markdown")
    if args.only and not args.markdown:
        parser.error("--only only goes with --markdown")
    try:
        articles = align.load_corpus(args.paths, warn=_warn)
        if args.json or args.markdown:
            return run_headless(args, articles)
        if not sys.stdout.isatty():
            raise InputError("the app needs a terminal; use --json or --markdown FILE for output to a pipe or file")
        return run_app(args, articles)
    except InputError as error:
        print(f"{PROG}: error: {_one_line(str(error))}", file=sys.stderr)
        return EXIT_INPUT
    except FileExistsError as error:
        print(f"{PROG}: error: {_one_line(str(error))}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"{PROG}: error: {where}{_one_line(error.strerror or str(error))}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: still one line, with a way to get the traceback
        if os.environ.get("COMPARE_DEBUG"):
            raise
        print(f"{PROG}: internal error: {type(error).__name__}: {_one_line(str(error))} (set COMPARE_DEBUG=1 for details)", file=sys.stderr)
        return 70


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    raise SystemExit(main())
