"""Scale (issues 5 and 15): how the engine's cost grows from 5 to 2,000 articles, next to two peers.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/scale.py [--sizes 5 50 200 500 2000] [--timeout 1800]
        [--peers-up-to 500]

For each size a synthetic news cluster of ~40 sentences per article is written by
`benchmarks/corpus_gen.py` (seed 0: seed-story sentences perturbed + FNC-1 body sentences as
filler; see that module). Then, each as its own child process with wall time and peak RSS:
- engine cold: `benchmarks/engine_run.py` (load_corpus + align + JSON) on an empty cache;
- engine warm: the same again with every embedding cached (the non-embedding cost alone);
- rapidfuzz peer and `util.paraphrase_mining` peer (`benchmarks/peers.py`) over exactly the
  sentences the engine embedded.
A run that exceeds --timeout is killed and reported as such. Rows are also printed to stderr as
they finish, so a long run can be watched. Peers run up to --peers-up-to articles (the rapidfuzz
peer's all-pairs matrix alone would need 3 GB at 2,000). Below the table: the warm cost per
sentence of the largest size over the smallest's, and the growth exponent b of warm cost ~ a *
articles^b (least squares on the log-log points; b = 1 is linear).
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
from benchmarks import datasets as data_sets  # noqa: E402
from benchmarks.speed import base_env, embedded_sentences, export_model_once  # noqa: E402

HERE = Path(__file__).resolve().parent

HEADER = (
    "| articles | sentences embedded | engine cold s | engine warm s | warm ms per sentence | engine peak RSS MB "
    "| pairs scored by engine (top-k) | pairs in claims | all cross-article pairs | claims (shared by ≥2) "
    "| pairs read by the pair model (s; per s; per article) "
    "| rapidfuzz peer s (RSS MB) | paraphrase_mining peer s (RSS MB) | engine cold ÷ mining |\n"
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- | ---: |"
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


def reads(stats: dict, articles: int) -> str:
    """Pairs the pair model read on the cold run, its seconds, pairs per second and per article."""
    count, ms = stats.get("pairs_read", 0), stats.get("pair_model_ms", 0)
    if not count:
        return "0"
    return f"{count} ({ms / 1000:.1f} s; {1000 * count / max(1, ms):.0f}/s; {count / articles:.1f})"


def one_size(n: int, root: Path, datasets: Path, timeout: float, peers_up_to: int, warm_costs: dict) -> str:
    folder = root / f"corpus-{n}"
    corpus_gen.generate(n, folder, seed=0, datasets=datasets)
    cache = root / f"cache-{n}"
    out = root / f"alignment-{n}.json"
    cmd = [sys.executable, str(HERE / "engine_run.py"), str(folder), str(out)]
    log(f"[{n}] engine cold ...")
    cold = harness.run(cmd, env=base_env(cache), timeout=timeout)
    if cold.returncode != 0 or cold.timed_out:
        log(f"[{n}] engine failed: {cold.stderr.strip()[-600:]}")
        return f"| {n} | — | {timed(cold)} | — | — | {cold.peak_rss_mb:.0f} | — | — | — | — | — | — | — | — |"
    stats = json.loads(cold.stdout.strip().splitlines()[-1])
    log(f"[{n}] engine warm ...")
    warm = harness.run(cmd, env=base_env(cache), timeout=timeout)
    doc = json.loads(out.read_text(encoding="utf-8"))
    sentences = embedded_sentences(doc, cache)
    sentence_file = root / f"sentences-{n}.json"
    sentence_file.write_text(json.dumps({"sentences": sentences}), encoding="utf-8")
    del doc

    peers: dict[str, harness.Run] = {}
    for peer in ("rapidfuzz", "mining") if n <= peers_up_to else ():
        log(f"[{n}] peer {peer} ...")
        peers[peer] = harness.run(
            [sys.executable, str(HERE / "peers.py"), peer, str(sentence_file)],
            env=base_env(root / f"peer-cache-{n}"),
            timeout=timeout,
        )

    def peer_cell(name: str) -> str:
        run = peers.get(name)
        return f"{timed(run)} ({run.peak_rss_mb:.0f})" if run else "not run"

    mining = peers.get("mining")
    ratio = f"{cold.wall / mining.wall:.2f}" if mining and mining.returncode == 0 and not mining.timed_out else "—"
    candidate = stats.get("candidate_pairs")
    alignable = stats.get("alignable") or len(sentences)
    per_sentence = "—"
    if warm.returncode == 0 and not warm.timed_out:
        warm_costs[n] = (warm.wall, alignable)
        per_sentence = f"{1000 * warm.wall / alignable:.1f}"
    line = (
        f"| {n} | {len(sentences)} | {timed(cold)} | {timed(warm)} | {per_sentence} "
        f"| {max(cold.peak_rss_mb, warm.peak_rss_mb):.0f} "
        f"| {candidate if candidate is not None else '—'} | {stats.get('pairs_in_claims', '—')} "
        f"| {cross_pairs(sentences)} | {stats['claims']} ({stats['shared_claims']}) "
        f"| {reads(stats, n)} | {peer_cell('rapidfuzz')} | {peer_cell('mining')} | {ratio} |"
    )
    log(line)
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Engine cost from 5 to 500 articles, with peers.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 50, 200, 500, 2000])
    parser.add_argument("--peers-up-to", type=int, default=500, help="run the peers up to this many articles")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per child run")
    parser.add_argument("--datasets", type=Path, default=data_sets.root())
    parser.add_argument("--keep", type=Path, help="keep corpora and outputs in this folder")
    args = parser.parse_args(argv)
    revision = harness.revision()  # before the runs: the checkout may move while they last
    root = args.keep or Path(tempfile.mkdtemp(prefix="compare-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        # The model's one-time ONNX export (the machine's first ever run) is made here, so that
        # no size's cold run pays it: cold means empty embedding caches, as in speed.py.
        log("exporting the model once ...")
        export_model_once(root)
        warm_costs: dict[int, tuple[float, int]] = {}
        rows = [one_size(n, root, args.datasets, args.timeout, args.peers_up_to, warm_costs) for n in args.sizes]
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
    print()
    print(growth(warm_costs))
    return 0


def growth(warm_costs: dict[int, tuple[float, int]]) -> str:
    """Warm cost per sentence, largest size over smallest, and the log-log growth exponent."""
    if len(warm_costs) < 2:
        return "Growth: fewer than two sizes finished warm."
    import numpy as np

    sizes = sorted(warm_costs)
    small, large = sizes[0], sizes[-1]
    per = {n: warm_costs[n][0] / warm_costs[n][1] for n in sizes}
    slope = float(np.polyfit(np.log(sizes), np.log([warm_costs[n][0] for n in sizes]), 1)[0])
    return (
        f"Warm ms per sentence: {1000 * per[large]:.1f} at {large} articles, {1000 * per[small]:.1f} at {small}: "
        f"{per[large] / per[small]:.2f}x. Growth exponent of warm cost with articles ({small}-{large}): {slope:.2f}."
    )


if __name__ == "__main__":
    raise SystemExit(main())
