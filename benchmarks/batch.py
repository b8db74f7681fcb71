"""Many stories at once (issue 16): `compare batch` against a plain shell loop over `compare --json`.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/batch.py [--synthetic 1000] [--configs loop batch1 batch2]

Corpora: the 70 BASIL stories of ../shared/datasets/basil-triplets (three outlets each), and
`--synthetic N` stories of 3-8 synthetic articles each (`corpus_gen.py`, seed = story number; 0
skips them). For each corpus and configuration, in a child process with its own empty caches
(the model's ONNX export is made once beforehand and shared, as on a machine after its first
run):
- loop: `compare STORY --json > OUT/STORY.json` for each story, one process per story (what a
  shell loop does: the model is loaded for every story);
- batch1 / batch2: `compare batch SOURCE --out OUT --workers 1|2` (the model loaded once per
  worker);
- resume: `compare batch` again on batch2's output, with nothing to do.
Stories per minute, wall time, and the peak memory of the batch process and of each worker
(sampled every 0.2 s with psutil). Prints a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import corpus_gen  # noqa: E402
from benchmarks import datasets as data_sets  # noqa: E402
from benchmarks.speed import base_env, export_model_once  # noqa: E402

HERE = Path(__file__).resolve().parent


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(cmd: list[str], env: dict[str, str], stdout=subprocess.DEVNULL) -> tuple[float, float, float, int]:
    """(seconds, peak RSS MB of the process, peak RSS MB of its largest child, exit code)."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.DEVNULL, cwd=HERE.parent)
    watched = psutil.Process(process.pid)
    peak_main = peak_child = 0.0
    while process.poll() is None:
        try:
            peak_main = max(peak_main, watched.memory_info().rss / 2**20)
            for child in watched.children():
                try:
                    peak_child = max(peak_child, child.memory_info().rss / 2**20)
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        time.sleep(0.2)
    return time.perf_counter() - start, peak_main, peak_child, process.returncode


def synthetic(root: Path, count: int, datasets: Path) -> Path:
    source = root / "synthetic"
    for n in range(count):
        articles = random.Random(n).randint(3, 8)
        corpus_gen.generate(articles, source / f"story-{n:04d}", seed=n, datasets=datasets)
    return source


def run_corpus(name: str, source: Path, root: Path, configs: list[str]) -> list[str]:
    stories = sorted(p for p in source.iterdir() if p.is_dir())
    rows = []
    for config in configs:
        work = root / f"{name}-{config}"
        env = base_env(work / "cache")
        env["COMPARE_MODEL_DIR"] = str(root / "models")  # the one export made beforehand
        out = work / "out"
        out.mkdir(parents=True)
        log(f"[{name}] {config} ...")
        if config == "loop":
            start = time.perf_counter()
            peak, failed = 0.0, 0
            for story in stories:
                with open(out / f"{story.name}.json", "w") as handle:
                    _s, rss, _c, code = timed([sys.executable, "-m", "tui", str(story), "--json"], env, stdout=handle)
                peak, failed = max(peak, rss), failed + (code != 0)
            seconds = time.perf_counter() - start
            status = f" ({failed} failed)" if failed else ""
            rows.append(
                f"| {name} | {len(stories)} | plain loop over `compare --json`{status} | {seconds:.0f} "
                f"| {60 * len(stories) / seconds:.1f} | {peak:.0f} | — |"
            )
            log(rows[-1])
            continue
        workers = config.removeprefix("batch")
        cmd = [sys.executable, "-m", "tui", "batch", str(source), "--out", str(out), "--workers", workers]
        seconds, main_rss, worker_rss, code = timed(cmd, env)
        status = "" if code == 0 else f" (exit {code})"
        rows.append(
            f"| {name} | {len(stories)} | `compare batch --workers {workers}`{status} | {seconds:.0f} "
            f"| {60 * len(stories) / seconds:.1f} | {main_rss:.0f} | {worker_rss:.0f} |"
        )
        if config == configs[-1]:
            again, main_rss, worker_rss, code = timed(cmd, env)
            rows.append(
                f"| {name} | {len(stories)} | the same again, nothing to do (resume) | {again:.1f} "
                f"| — | {main_rss:.0f} | {worker_rss:.0f} |"
            )
            rows.append(f"| {name} | | resumed run ÷ first run | {again / seconds:.3f} | | | |")
        log(rows[-1])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=data_sets.root())
    parser.add_argument("--synthetic", type=int, default=1000, help="synthetic stories (0: none)")
    parser.add_argument("--configs", nargs="+", default=["loop", "batch1", "batch2"])
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="compare-batch-bench-"))
    try:
        log("exporting the model once ...")
        export_model_once(root)
        rows = run_corpus("BASIL", args.datasets / "basil-triplets" / "stories", root, args.configs)
        if args.synthetic:
            rows += run_corpus(
                f"synthetic ({args.synthetic})", synthetic(root, args.synthetic, args.datasets), root, args.configs
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"{os.cpu_count()} CPUs.")
    print()
    print(
        "| corpus | stories | how | seconds | stories per minute | peak RSS MB (process) | peak RSS MB (largest worker) |"
    )
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
