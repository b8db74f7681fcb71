"""Scale (issue 5): how the engine's cost grows from 5 to 500 articles, next to two peers.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/scale.py [--sizes 5 50 200 500] [--timeout 1800]

For each size a synthetic news cluster of ~40 sentences per article is written by
`benchmarks/corpus_gen.py` (seed 0: seed-story sentences perturbed + FNC-1 body sentences as
filler; see that module). Then, each as its own child process with wall time and peak RSS:
- engine cold: `benchmarks/engine_run.py` (load_corpus + align + JSON) on an empty cache;
- engine warm: the same again with every embedding cached (the non-embedding cost alone);
- rapidfuzz peer and `util.paraphrase_mining` peer (`benchmarks/peers.py`) over exactly the
  sentences the engine embedded.
A run that exceeds --timeout is killed and reported as such. Rows are also printed to stderr as
they finish, so a long run can be watched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import corpus_gen, harness  # noqa: E402
from benchmarks.public_sets import DEFAULT_DATASETS  # noqa: E402
from benchmarks.speed import base_env, embedded_sentences  # noqa: E402

HERE = Path(__file__).resolve().parent

HEADER = (
    "| articles | sentences embedded | engine cold s | engine warm s | engine peak RSS MB "
    "| pairs scored by engine (top-k) | all cross-article pairs | claims (shared by ≥2) "
    "| rapidfuzz peer s (RSS MB) | paraphrase_mining peer s (RSS MB) | engine cold ÷ mining |\n"
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | ---: |"
)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def timed(run: harness.Run) -> str:
    if run.timed_out:
        return f"timed out ({run.wall:.0f})"
    if run.returncode != 0:
        return f"failed ({run.returncode})"
    return f"{run.wall:.1f}"


def cross_pairs(sentences: list[dict]) -> int:
    per_article: dict[str, int] = {}
    for s in sentences:
        per_article[s["article"]] = per_article.get(s["article"], 0) + 1
    total = sum(per_article.values())
    return (total * total - sum(n * n for n in per_article.values())) // 2


def one_size(n: int, root: Path, datasets: Path, timeout: float) -> str:
    folder = root / f"corpus-{n}"
    corpus_gen.generate(n, folder, seed=0, datasets=datasets)
    cache = root / f"cache-{n}"
    out = root / f"alignment-{n}.json"
    cmd = [sys.executable, str(HERE / "engine_run.py"), str(folder), str(out)]
    log(f"[{n}] engine cold ...")
    cold = harness.run(cmd, env=base_env(cache), timeout=timeout)
    if cold.returncode != 0 or cold.timed_out:
        log(f"[{n}] engine failed: {cold.stderr.strip()[-600:]}")
        return f"| {n} | — | {timed(cold)} | — | {cold.peak_rss_mb:.0f} | — | — | — | — | — | — |"
    stats = json.loads(cold.stdout.strip().splitlines()[-1])
    log(f"[{n}] engine warm ...")
    warm = harness.run(cmd, env=base_env(cache), timeout=timeout)
    doc = json.loads(out.read_text(encoding="utf-8"))
    sentences = embedded_sentences(doc, cache)
    sentence_file = root / f"sentences-{n}.json"
    sentence_file.write_text(json.dumps({"sentences": sentences}), encoding="utf-8")
    del doc

    peers = {}
    for peer in ("rapidfuzz", "mining"):
        log(f"[{n}] peer {peer} ...")
        peers[peer] = harness.run(
            [sys.executable, str(HERE / "peers.py"), peer, str(sentence_file)],
            env=base_env(root / f"peer-cache-{n}"),
            timeout=timeout,
        )
    mining = peers["mining"]
    ratio = f"{cold.wall / mining.wall:.2f}" if mining.returncode == 0 and not mining.timed_out else "—"
    candidate = stats.get("candidate_pairs")
    line = (
        f"| {n} | {len(sentences)} | {timed(cold)} | {timed(warm)} "
        f"| {max(cold.peak_rss_mb, warm.peak_rss_mb):.0f} "
        f"| {candidate if candidate is not None else '—'} | {cross_pairs(sentences)} "
        f"| {stats['claims']} ({stats['shared_claims']}) "
        f"| {timed(peers['rapidfuzz'])} ({peers['rapidfuzz'].peak_rss_mb:.0f}) "
        f"| {timed(mining)} ({mining.peak_rss_mb:.0f}) | {ratio} |"
    )
    log(line)
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Engine cost from 5 to 500 articles, with peers.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 50, 200, 500])
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per child run")
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument("--keep", type=Path, help="keep corpora and outputs in this folder")
    args = parser.parse_args(argv)
    revision = harness.revision()  # before the runs: the checkout may move while they last
    root = args.keep or Path(tempfile.mkdtemp(prefix="compare-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        rows = [one_size(n, root, args.datasets, args.timeout) for n in args.sizes]
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(
        f"Commit `{revision}`. Corpora: `benchmarks/corpus_gen.py` seed 0, ~{corpus_gen.SENTENCES_PER_ARTICLE} "
        f"sentences per article; {os.cpu_count()} CPUs; timeout {args.timeout:.0f} s per run."
    )
    print()
    print(HEADER)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
