"""`compare batch SOURCE --out DIR`: many stories at once, on a Dask cluster (align/batch.py).

Progress (stories done / total, rate, time left) and a summary table go to stderr; the files
go to DIR. Bad input is one line and exit 2; a story that fails is a line of the index with its
error, and the others go on.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from align.models import InputError

PROG = "compare batch"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Align every story of SOURCE: a folder whose sub-folders are stories, or a JSONL file of "
            'articles ({"story", "outlet", "title", "text"} or "url" per line). Writes DIR/<story>.json '
            "(what `compare STORY --json` prints), DIR/<story>.md with --markdown, and DIR/index.jsonl."
        ),
    )
    parser.add_argument("source", metavar="SOURCE", help="a folder of story folders, or a JSONL file of articles")
    parser.add_argument("--out", metavar="DIR", required=True, help="the folder to write into (made if missing)")
    parser.add_argument("--markdown", action="store_true", help="also write DIR/<story>.md, the Markdown report")
    parser.add_argument(
        "--group-stories",
        action="store_true",
        help="SOURCE is a flat pile of articles: group them into stories first (DIR/stories.jsonl)",
    )
    parser.add_argument("--workers", type=int, metavar="N", help="local Dask workers (default: one per core)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="join this Dask scheduler instead of a local cluster")
    parser.add_argument(
        "--no-resume",
        dest="resume",
        action="store_false",
        help="align every story again (by default, a story whose output is newer than its inputs and "
        "was made by this engine is skipped)",
    )
    parser.add_argument("--sensitivity", type=float, default=0.5, metavar="S", help="as compare's (default 0.5)")
    return parser


def main(argv: Sequence[str], fail: Any) -> int:
    """Run `compare batch`; `fail(code, kind, message)` prints compare's one-line errors. Bad
    input (InputError) and system errors (OSError) propagate to compare's handler, which turns
    them into the same one line and exit code as for `compare PATH`."""
    from align import batch

    parser = build_parser()
    args = parser.parse_args(list(argv))
    if not 0.0 <= args.sensitivity <= 1.0:
        parser.error(f"--sensitivity {args.sensitivity} is outside 0..1")
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    source, out = Path(args.source), Path(args.out)
    try:
        if out.exists() and not out.is_dir():
            raise InputError(f"{out}: not a folder")
        # SOURCE is read and checked before anything is made: bad input leaves no empty --out.
        stories = batch.stories_from(source, out, group_stories=args.group_stories, sensitivity=args.sensitivity)
        out.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        rows = batch.run(
            stories,
            out,
            sensitivity=args.sensitivity,
            markdown=args.markdown,
            resume=args.resume,
            workers=args.workers,
            scheduler=args.scheduler,
            on_progress=_progress_bar(),
        )
    except KeyboardInterrupt:  # other failures are compare's own one-line errors (cli._report_error)
        return int(fail(130, "interrupted", f"complete files only in {out}; run again to resume"))
    _summary(rows, time.perf_counter() - started, out)
    return 0


def _progress_bar() -> Any:
    """Stories done / total, rate and time left, one line redrawn on a terminal; a line per
    story otherwise (a log)."""
    live = sys.stderr.isatty()

    def show(progress: Any) -> None:
        elapsed = time.perf_counter() - progress.started
        rate = progress.done / elapsed * 60 if elapsed > 0 and progress.done else 0.0
        left = (progress.total - progress.done) / (progress.done / elapsed) if progress.done else None
        width = 24
        filled = int(width * progress.done / progress.total) if progress.total else width
        bar = "█" * filled + "·" * (width - filled)
        eta = f"{left:.0f} s left" if left is not None else "starting workers"
        skipped = f" · {progress.skipped} up to date" if progress.skipped else ""
        line = f"{PROG}: {bar} {progress.done}/{progress.total} stories · {rate:.1f}/min · {eta}{skipped}"
        if live:
            sys.stderr.write("\r\x1b[2K" + line)
            if progress.done == progress.total:
                sys.stderr.write("\n")
        elif progress.last is not None or progress.total == 0:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    return show


def _summary(rows: Sequence[dict[str, Any]], seconds: float, out: Path) -> None:
    from align.read.sanitize import inert_line

    done = [r for r in rows if not r.get("error")]
    failed = [r for r in rows if r.get("error")]
    total = {key: sum(int(r.get(key, 0)) for r in done) for key in ("articles", "claims", "shared_claims")}
    labels = {key: sum(int(r.get(key, 0)) for r in done) for key in ("contradictions", "exaggerations", "unsupported")}
    lines = [
        "",
        "| stories | aligned | failed | articles | claims | shared | contradictions | exaggerations | unsupported | seconds |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {len(rows)} | {len(done)} | {len(failed)} | {total['articles']} | {total['claims']} | {total['shared_claims']} "
        f"| {labels['contradictions']} | {labels['exaggerations']} | {labels['unsupported']} | {seconds:.1f} |",
    ]
    lines += [f"failed: {inert_line(r['story'])}: {inert_line(str(r['error']))}" for r in failed]
    lines.append(f"index: {inert_line(str(out / 'index.jsonl'))}")
    try:
        print("\n".join(lines), file=sys.stderr)
    except OSError:
        pass
