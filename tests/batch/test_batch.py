"""`compare batch`: many stories on a local Dask cluster of two workers (issue 16)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
FIXTURE = REPO / "tests" / "fixtures" / "basil-2010-2b95d2cf" / "story"
FOUR_STORIES = REPO / "tests" / "fixtures" / "basil-four-stories"


def compare(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env or dict(os.environ),
        timeout=timeout,
    )


def _stories(root: Path, extra: int = 0) -> Path:
    """Two real stories (the BASIL excerpt and the seeds) and `extra` two-article seed stories."""
    source = root / "source"
    shutil.copytree(FIXTURE, source / "basil")
    shutil.copytree(SEEDS, source / "seeds")
    seeds = sorted(SEEDS.iterdir())
    for n in range(extra):
        folder = source / f"pair-{n:02d}"
        folder.mkdir()
        for seed in (seeds[n % 5], seeds[(n + 1) % 5]):
            shutil.copy(seed, folder / seed.name)
    return source


def _index(out: Path) -> dict[str, dict]:
    return {row["story"]: row for row in map(json.loads, (out / "index.jsonl").read_text().splitlines())}


def _leftovers(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


def test_batch_writes_what_compare_prints_for_each_story_an_index_and_a_summary(tmp_path):
    source, out = _stories(tmp_path), tmp_path / "out"
    run = compare("batch", str(source), "--out", str(out), "--markdown", "--workers", "2")
    assert run.returncode == 0, run.stderr
    for story in ("basil", "seeds"):
        alone = compare(str(source / story), "--json")
        assert alone.returncode == 0, alone.stderr
        assert (out / f"{story}.json").read_text() == alone.stdout
        assert (out / f"{story}.md").read_text().startswith("# ")
    rows = _index(out)
    assert set(rows) == {"basil", "seeds"}
    seeds = json.loads((out / "seeds.json").read_text())
    assert rows["seeds"]["articles"] == 5 and rows["seeds"]["claims"] == len(seeds["claims"])
    assert rows["seeds"]["shared_claims"] == sum(
        1 for c in seeds["claims"] if len({m["article"] for m in c["members"]}) > 1
    )
    # @2: the index counts the sentences each story's JSON lists in two or more claims.
    several = sum(1 for a in seeds["articles"] for s in a["sentences"] if len(s["claims"]) > 1)
    assert rows["seeds"]["sentences_in_several_claims"] == several > 0
    for key in ("contradictions", "exaggerations", "unsupported", "seconds"):
        assert key in rows["basil"]
    assert "| stories | aligned | failed |" in run.stderr and "| 2 | 2 | 0 |" in run.stderr
    assert "2/2 stories" in run.stderr
    assert not _leftovers(out)


def test_a_second_run_skips_what_is_up_to_date_and_redoes_a_changed_story(tmp_path):
    source, out = _stories(tmp_path), tmp_path / "out"
    assert compare("batch", str(source), "--out", str(out), "--workers", "2").returncode == 0
    made = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    again = compare("batch", str(source), "--out", str(out), "--workers", "2")
    assert again.returncode == 0, again.stderr
    assert "0/0 stories" in again.stderr and "2 up to date" in again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == made
    fox = source / "basil" / "fox.txt"
    fox.write_text(fox.read_text() + "\nA sentence added later to one article.\n")
    later = max(made.values()) + 1_000_000_000  # edited after the outputs, whatever the clock's grain
    os.utime(fox, ns=(later, later))
    third = compare("batch", str(source), "--out", str(out), "--workers", "2")
    assert third.returncode == 0, third.stderr
    assert "1/1 stories" in third.stderr and "1 up to date" in third.stderr
    assert (out / "seeds.json").stat().st_mtime_ns == made["seeds.json"]
    assert (out / "basil.json").stat().st_mtime_ns != made["basil.json"]
    assert "A sentence added later" in (out / "basil.json").read_text()


def test_a_story_that_fails_is_recorded_and_the_others_go_on(tmp_path):
    source, out = _stories(tmp_path), tmp_path / "out"
    lonely = source / "lonely"
    lonely.mkdir()
    shutil.copy(FIXTURE / "fox.txt", lonely / "fox.txt")
    (source / "seeds" / "empty.txt").write_text("")  # skipped inside a story that still aligns
    run = compare("batch", str(source), "--out", str(out), "--workers", "2")
    assert run.returncode == 0, run.stderr
    rows = _index(out)
    assert "only one readable article" in rows["lonely"]["error"]
    assert not rows["seeds"].get("error") and (out / "seeds.json").exists()
    assert any("empty.txt" in warning for warning in rows["seeds"]["warnings"])
    assert not (out / "lonely.json").exists()
    assert "failed: lonely:" in run.stderr and "Traceback" not in run.stderr


def _file(root: Path, name: str, text: str) -> Path:
    (root / name).write_text(text)
    return root / name


def _folder(root: Path, name: str) -> Path:
    (root / name).mkdir()
    return root / name


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda root: root / "missing", "no such file or folder"),
        (lambda root: _folder(root, "empty"), "no story folders"),
        (lambda root: _file(root, "a.jsonl", '{"story": "s", "text": "x"}\n{not json\n'), "a.jsonl:2: not JSON"),
        (lambda root: _file(root, "b.jsonl", '{"story": "s"}\n'), 'b.jsonl:1: no "text"'),
        (lambda root: _file(root, "c.jsonl", ""), "no articles"),
        (lambda root: _file(root, "d.jsonl", '{"text": "no story named"}\n'), 'd.jsonl:1: no "story"'),
    ],
    ids=["missing", "empty-folder", "malformed-line", "no-text", "empty-jsonl", "no-story"],
)
def test_bad_input_is_one_line_and_exit_2_with_nothing_written(tmp_path, make, message):
    out = tmp_path / "out"
    run = compare("batch", str(make(tmp_path)), "--out", str(out))
    assert run.returncode == 2
    assert message in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not out.exists(), "bad input leaves no output folder behind"


def test_a_jsonl_file_of_articles_is_aligned_story_by_story(tmp_path):
    lines = []
    for story, folder in (("Steele remarks", FIXTURE), ("Iran and Russia", SEEDS)):
        for path in sorted(folder.iterdir())[:3]:
            title, _, text = path.read_text().partition("\n")
            lines.append(json.dumps({"story": story, "outlet": path.stem[:3], "title": title, "text": text}))
    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    run = compare("batch", str(source), "--out", str(out), "--workers", "2")
    assert run.returncode == 0, run.stderr
    rows = _index(out)
    assert set(rows) == {"Steele-remarks", "Iran-and-Russia"}
    assert all(row["articles"] == 3 and not row.get("error") for row in rows.values())
    doc = json.loads((out / "Steele-remarks.json").read_text())
    assert {a["outlet"] for a in doc["articles"]} == {"fox", "hpo", "nyt"}
    again = compare("batch", str(source), "--out", str(out), "--workers", "2")
    assert "2 up to date" in again.stderr, "staged articles are rewritten only when they change"


def test_group_stories_recovers_the_stories_of_a_flat_pile(tmp_path):
    """Four BASIL stories (dev material, three outlets each, in excerpts: tests/fixtures) poured
    into one folder."""
    stories = sorted(p for p in FOUR_STORIES.iterdir() if p.is_dir())
    assert len(stories) == 4
    pile = tmp_path / "pile"
    pile.mkdir()
    for story in stories:
        for path in story.iterdir():
            shutil.copy(path, pile / f"{story.name}-{path.name}")
    # One article in windows-1252, as old pages are: its story gets its bytes, not a re-encoding.
    legacy = next(p for p in sorted(pile.iterdir()) if not p.read_text(encoding="utf-8").isascii())
    legacy.write_bytes(legacy.read_text(encoding="utf-8").encode("cp1252", errors="ignore"))
    assert not legacy.read_bytes().isascii()
    out = tmp_path / "out"
    run = compare("batch", str(pile), "--out", str(out), "--group-stories", "--workers", "2")
    assert run.returncode == 0, run.stderr
    mapping = [json.loads(line) for line in (out / "stories.jsonl").read_text().splitlines()]
    found = {Path(row["article"]).name: row["story"] for row in mapping}
    assert len(found) == 12
    by_truth = {story.name: {found[n] for n in found if n.startswith(story.name)} for story in stories}
    assert all(len(groups) == 1 for groups in by_truth.values()), by_truth
    assert len(set(found.values())) == 4
    for name, story in found.items():
        assert (out / ".sources" / story / name).read_bytes() == (pile / name).read_bytes()
    rows = _index(out)
    assert len(rows) == 4 and all(row["articles"] == 3 for row in rows.values())


def _worker_processes(parent: psutil.Process) -> list[psutil.Process]:
    """Dask's worker processes: children of the batch process started by multiprocessing's
    spawn (not its resource tracker)."""
    found = []
    for child in parent.children():
        try:
            if any("spawn_main" in part for part in child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def _start_ten_stories(tmp_path: Path, out: Path) -> subprocess.Popen[str]:
    """`compare batch` on ten stories, two workers, cold caches (each story takes a while)."""
    source = _stories(tmp_path, extra=8)
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "batch", str(source), "--out", str(out), "--workers", "2"],
        cwd=REPO,
        env=dict(os.environ, COMPARE_CACHE_DIR=str(tmp_path / "cache")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_worker_killed_mid_run_loses_no_story(tmp_path):
    out = tmp_path / "out"
    process = _start_ten_stories(tmp_path, out)
    parent = psutil.Process(process.pid)
    killed = None
    deadline = time.monotonic() + 300
    while killed is None and time.monotonic() < deadline and process.poll() is None:
        done = len(list(out.glob("*.json"))) if out.exists() else 0
        workers = _worker_processes(parent)
        if done >= 1 and workers:  # the run is under way, stories remain
            killed = workers[0]
            finished_at_kill = done
            killed.send_signal(signal.SIGKILL)
        time.sleep(0.05)
    _stdout, stderr = process.communicate(timeout=600)
    assert killed is not None, "the run ended before a worker could be killed"
    assert finished_at_kill < 10
    assert process.returncode == 0, stderr
    rows = _index(out)
    assert len(rows) == 10 and not [r for r in rows.values() if r.get("error")]
    assert len(list(out.glob("*.json"))) == 10 and not _leftovers(out)


def test_ctrl_c_leaves_complete_files_only(tmp_path):
    out = tmp_path / "out"
    process = _start_ten_stories(tmp_path, out)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and list(out.glob("*.json")):
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=300)
    assert process.returncode in (0, 130), stderr  # 0 only if it had just finished
    assert "Traceback" not in stderr
    assert not _leftovers(out)
    for path in out.glob("*.json"):
        json.loads(path.read_text())  # whole
    if process.returncode == 130:
        assert "run again to resume" in stderr
