"""Many stories at once (`compare batch`): each story aligned as `compare STORYFOLDER --json`
aligns it, as an independent task on a Dask cluster.

Why Dask (distributed), not Ray: the work is a bag of independent, coarse tasks (one story each,
a second or more) with no shared state but the embedding cache on disk. Dask's scheduler gives
that in pure Python: a local cluster on this machine's cores by default, the same code on a real
cluster through `--scheduler ADDRESS`, a worker plugin to load the model once per worker, and
tasks of a worker that dies rescheduled on another. Ray would bring its own object store and a
much larger runtime for none of that.

Sources:
- a folder whose sub-folders are stories (each read as `compare FOLDER` reads it);
- a JSONL file, one article per line: {"story", "outlet", "title", "text"} (or "url" instead of
  "text"). Each story's articles are written as plain-text files into
  `OUT/.sources/<story>/` (only when their text changed, so that a resumed run sees them
  unchanged) and that folder is aligned: one reading path, so the output is the same as
  `compare` on those files;
- with `group_stories`, a flat pile (a folder of article files, or JSONL without "story"):
  the articles are grouped into stories first (`align.group.story_groups`).

Outputs in OUT: `<story>.json` (byte for byte what `compare STORYFOLDER --json` prints),
`<story>.md` with markdown, and `index.jsonl`, one line per story; every file is written
atomically. A story that fails is a line with its `error`; the others go on.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.models import InputError
from align.read.reader import ARTICLE_SUFFIXES, unique_names

INDEX = "index.jsonl"
STORIES = "stories.jsonl"
SOURCES = ".sources"
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Story:
    """One story to align: a name (unique, safe as a file name) and the folder that holds its
    articles, or the URLs of its pages."""

    name: str
    folder: str | None = None
    urls: tuple[str, ...] = ()

    def inputs(self) -> list[Path]:
        if self.folder is None:
            return []
        return sorted(p for p in Path(self.folder).iterdir() if p.is_file())


def safe_name(text: str) -> str:
    """A story's name as a file name: letters, digits, dot, dash and underscore; never hidden."""
    name = _SAFE.sub("-", text).strip("-.") or "story"
    return name[:120]


# --- sources ----------------------------------------------------------------------------------
def stories_from(source: Path, out: Path, *, group_stories: bool = False, sensitivity: float = 0.5) -> list[Story]:
    """The stories SOURCE holds. Raises InputError (one line naming the file) on bad input."""
    if not source.exists():
        raise InputError(f"{source}: no such file or folder")
    if source.is_dir():
        folders = sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))
        if group_stories:
            files = sorted(p for p in source.iterdir() if p.is_file() and _is_article_file(p))
            if not files:
                raise InputError(f"{source}: no article files to group into stories")
            return _grouped_files(files, out, sensitivity)
        if not folders:
            raise InputError(f"{source}: no story folders (for a flat pile of articles use --group-stories)")
        names = unique_names([safe_name(p.name) for p in folders])
        return [Story(name, folder=str(p)) for name, p in zip(names, folders)]
    rows = list(read_jsonl(source))
    if not rows:
        raise InputError(f"{source}: no articles (an empty file)")
    if group_stories:
        return _grouped_rows(rows, out, sensitivity, source)
    missing = [n for n, row in rows if not isinstance(row.get("story"), str) or not row["story"].strip()]
    if missing:
        raise InputError(f'{source}:{missing[0]}: no "story" (for articles without one use --group-stories)')
    by_story: dict[str, list[dict[str, Any]]] = {}
    for _n, row in rows:
        by_story.setdefault(row["story"], []).append(row)
    names = unique_names([safe_name(s) for s in by_story])
    return [_staged(name, articles, out) for name, articles in zip(names, by_story.values())]


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, article) for each non-blank line. Raises InputError naming the line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text (a JSONL file is UTF-8)") from None
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{n}: not JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{n}: not a JSON object")
        has_url = isinstance(row.get("url"), str) and row["url"].strip()
        if not _text(row) and not has_url:
            raise InputError(f'{path}:{n}: no "text" (nor "url")')
        for key in ("story", "outlet", "title"):
            if key in row and not isinstance(row[key], str):
                raise InputError(f'{path}:{n}: "{key}" is not a string')
        yield n, row


def _is_article_file(path: Path) -> bool:
    return not path.name.startswith(".") and path.suffix.lower() in ARTICLE_SUFFIXES


def _text(row: dict[str, Any]) -> str:
    """A JSONL article's text, "" when it has none (then it must name a "url")."""
    text = row.get("text")
    return text if isinstance(text, str) and text.strip() else ""


def _staged(name: str, articles: Sequence[dict[str, Any]], out: Path) -> Story:
    """A JSONL story as a folder of plain-text files (title, blank line, text), each rewritten
    only when its content changed; URLs stay URLs."""
    urls = tuple(a["url"].strip() for a in articles if not _text(a))
    folder = out / SOURCES / name
    texts = [a for a in articles if _text(a)]
    if not texts:
        return Story(name, urls=urls)
    files = unique_names([safe_name(a.get("outlet") or "article") for a in texts])
    contents = {}
    for file, article in zip(files, texts):
        title = " ".join(str(article.get("title") or "").split())
        body = f"{title}\n\n{article['text']}\n" if title else f"{article['text']}\n"
        contents[f"{file}.txt"] = body.encode("utf-8")
    _stage(folder, contents)
    return Story(name, folder=str(folder), urls=urls)  # the task reads the folder and fetches the pages


def _stage(folder: Path, contents: dict[str, bytes]) -> None:
    """Make `folder` hold exactly these files: each written (atomically, private) only when its
    bytes changed, so that a resumed run sees unchanged inputs as unchanged; others removed."""
    from align.store.atomic_file import write_private

    folder.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        path = folder / name
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        write_private(path, data)
    for stale in folder.iterdir():
        if stale.name not in contents and stale.is_file():
            stale.unlink()


def _grouped_files(files: Sequence[Path], out: Path, sensitivity: float) -> list[Story]:
    from align.read.reader import read_article

    articles, kept = [], []
    for path in files:
        try:
            articles.append(read_article(path))
            kept.append(path)
        except InputError:
            continue  # an unreadable file is reported when its story is aligned, not here
    groups = _groups_of(articles, sensitivity)
    stories: list[Story] = []
    records: list[dict[str, Any]] = []
    for number, members in enumerate(groups, start=1):
        name = f"story-{number:04d}"
        folder = out / SOURCES / name
        # The files' own bytes: a page in windows-1252 stays one, read as `compare` reads it.
        _stage(folder, {kept[i].name: kept[i].read_bytes() for i in members})
        records += [{"article": str(kept[i]), "story": name} for i in members]
        stories.append(Story(name, folder=str(folder)))
    _write_jsonl(out / STORIES, records)
    return stories


def _grouped_rows(
    rows: Sequence[tuple[int, dict[str, Any]]], out: Path, sensitivity: float, source: Path
) -> list[Story]:
    from align.read.reader import article_from_text

    articles = [article_from_text(_text(row), title=row.get("title") or "", shown=f"{source}:{n}") for n, row in rows]
    groups = _groups_of(articles, sensitivity)
    stories, records = [], []
    for number, members in enumerate(groups, start=1):
        name = f"story-{number:04d}"
        stories.append(_staged(name, [rows[i][1] for i in members], out))
        records += [{"line": rows[i][0], "story": name} for i in members]
    _write_jsonl(out / STORIES, records)
    return stories


def _groups_of(articles: Sequence[Any], sensitivity: float) -> list[list[int]]:
    from align.group.story_groups import group_articles, lead_text
    from align.model.embed import shared_embedder

    if not articles:
        return []
    return group_articles(shared_embedder().encode([lead_text(a) for a in articles]), sensitivity=sensitivity)


def _write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    from align.store.atomic_file import write_atomic

    write_atomic(path, "".join(json.dumps(r, ensure_ascii=True) + "\n" for r in rows), force=True)


# --- one story (runs on a worker) ----------------------------------------------------------------
def fingerprint(sensitivity: float, markdown: bool) -> str:
    """What a story's output depends on besides its inputs: the engine (code, word lists,
    parameters, model) and the options."""
    from align.model.embed import model_identity
    from align.pipeline import engine_fingerprint

    return f"{engine_fingerprint().hex()[:20]} {model_identity()} s={sensitivity} md={int(markdown)}"


def align_story(story: Story, out: str, sensitivity: float, markdown: bool, stamp: str) -> dict[str, Any]:
    """Align one story and write its files; the index line. Never raises for the story's own
    faults (bad articles, too few of them): they become the line's `error`."""
    import align
    from align.store.atomic_file import write_atomic

    start = time.perf_counter()
    row: dict[str, Any] = {"story": story.name, "fingerprint": stamp}
    warnings: list[str] = []
    try:
        sources: list[str] = ([story.folder] if story.folder else []) + list(story.urls)
        articles = align.load_corpus(sources, warn=warnings.append)
        result = align.align(articles, sensitivity=sensitivity)
        write_atomic(Path(out) / f"{story.name}.json", result.to_json(indent=None) + "\n", force=True)
        if markdown:
            from align.markdown import render_markdown

            write_atomic(Path(out) / f"{story.name}.md", render_markdown(result, title=story.name), force=True)
        row.update(counts(result))
    except (InputError, OSError) as error:
        row["error"] = " ".join(str(error).split())
    except Exception as error:  # a bug met on one story: recorded, and the other stories go on
        row["error"] = f"internal error: {type(error).__name__}: {' '.join(str(error).split())}"
    if warnings:  # a file skipped inside the story's folder, a page that could not be fetched
        row["warnings"] = [" ".join(w.split()) for w in warnings]
    row["seconds"] = round(time.perf_counter() - start, 3)
    return row


def counts(result: Any) -> dict[str, int]:
    claims = result.claims
    return {
        "articles": len(result.articles),
        "claims": len(claims),
        "shared_claims": sum(1 for c in claims if len(c.articles) > 1),
        "contradictions": sum(1 for c in claims if c.label == "contradiction"),
        "exaggerations": sum(1 for c in claims if c.label == "exaggeration"),
        "unsupported": sum(1 for c in claims if c.label == "unsupported"),
        # @2: sentences that state facts of two or more claims (each listed in each claim).
        "sentences_in_several_claims": sum(1 for n in Counter(r for c in claims for r in c.members).values() if n > 1),
    }


# --- resume ----------------------------------------------------------------------------------
def previous_index(out: Path) -> dict[str, dict[str, Any]]:
    try:
        lines = (out / INDEX).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    rows = {}
    for line in lines:
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict) and isinstance(row.get("story"), str):
            rows[row["story"]] = row
    return rows


def is_current(story: Story, row: dict[str, Any] | None, out: Path, stamp: str, markdown: bool) -> bool:
    """The story's output is complete, made by this engine with these options, and newer than
    every input file (a story of URLs is never current: its pages may have changed)."""
    if row is None or row.get("error") or row.get("fingerprint") != stamp or story.urls:
        return False
    outputs = [out / f"{story.name}.json"] + ([out / f"{story.name}.md"] if markdown else [])
    try:
        made = min(p.stat().st_mtime for p in outputs)
        newest_input = max((p.stat().st_mtime for p in story.inputs()), default=float("inf"))
    except OSError:
        return False
    return made >= newest_input


def write_index(out: Path, rows: Sequence[dict[str, Any]]) -> None:
    _write_jsonl(out / INDEX, sorted(rows, key=lambda r: r["story"]))


# --- the run ---------------------------------------------------------------------------------
@dataclass
class Progress:
    done: int
    total: int
    skipped: int
    started: float
    last: dict[str, Any] | None = None


def run(
    stories: Sequence[Story],
    out: Path,
    *,
    sensitivity: float = 0.5,
    markdown: bool = False,
    resume: bool = True,
    workers: int | None = None,
    scheduler: str | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> list[dict[str, Any]]:
    """Align every story on a Dask cluster (a local one of `workers` processes unless
    `scheduler` names one); the index rows, also written to OUT/index.jsonl as stories finish."""
    import importlib

    distributed: Any = importlib.import_module("distributed")  # untyped: used through Any
    Client, LocalCluster, as_completed = distributed.Client, distributed.LocalCluster, distributed.as_completed

    stamp = fingerprint(sensitivity, markdown)
    before = previous_index(out) if resume else {}
    rows: dict[str, dict[str, Any]] = {}
    todo = []
    for story in stories:
        if resume and is_current(story, before.get(story.name), out, stamp, markdown):
            rows[story.name] = before[story.name]
        else:
            todo.append(story)
    progress = Progress(0, len(todo), len(stories) - len(todo), time.perf_counter())
    if on_progress:
        on_progress(progress)
    if not todo:
        write_index(out, list(rows.values()))
        return [rows[s.name] for s in stories]
    cluster = None
    if scheduler is None:
        count = workers or os.cpu_count() or 1
        from align.model.onnx_model import THREADS_VARIABLE

        cluster = LocalCluster(
            n_workers=count,
            # The machine's cores shared out among the workers' model sessions.
            env={THREADS_VARIABLE: str(max(1, (os.cpu_count() or 1) // count))},
            threads_per_worker=1,  # one story at a time per worker: the model already uses the cores
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        )
    client = Client(cluster if cluster is not None else scheduler)
    try:
        client.register_plugin(_model_loader(), name="compare-model")
        futures = [
            client.submit(
                align_story, story, str(out), sensitivity, markdown, stamp, key=f"story-{story.name}", pure=False
            )
            for story in todo
        ]
        last_index = time.perf_counter()
        for future in as_completed(futures):
            row = future.result()
            rows[row["story"]] = row
            progress.done += 1
            progress.last = row
            if on_progress:
                on_progress(progress)
            if time.perf_counter() - last_index > 2.0:  # the index stays useful if the run stops
                write_index(out, list(rows.values()))
                last_index = time.perf_counter()
    finally:
        write_index(out, list(rows.values()))
        client.close()
        if cluster is not None:
            cluster.close()
        remove_temp_files(out)
    return [rows[s.name] for s in stories if s.name in rows]


def remove_temp_files(out: Path) -> None:
    """A worker stopped mid-write leaves its temporary file (`.NAME.XXXXXXXX.tmp`): remove it,
    so that an interrupted run leaves complete files only."""
    from align.store.atomic_file import is_temp_name

    for path in out.iterdir():
        if path.is_file() and is_temp_name(path.name):
            try:
                path.unlink()
            except OSError:
                pass


def _model_loader() -> Any:
    """A Dask worker plugin that loads the model once per worker, when the worker starts, so
    that no story pays for it (a worker restarted after a crash loads it again)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class ModelLoader(WorkerPlugin):
        idempotent = True

        def setup(self, worker: Any) -> None:
            from align.model.embed import preload
            from align.model.onnx_model import THREADS_VARIABLE

            # The model uses as many threads as Dask gives this worker unless the cluster says
            # (the local one shares the cores out): workers each spreading over every core contend.
            os.environ.setdefault(THREADS_VARIABLE, str(max(1, int(worker.state.nthreads))))
            preload()

    return ModelLoader()
