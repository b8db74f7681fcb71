"""The Python API's throughput (issue 15): `align.relate_many` on 10,000 pairs.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/throughput.py [--pairs 10000]

Pairs are drawn (seeded) from the seed articles' sentences, so they are new pairs of familiar
sentences. Three rows, each in this process, the model loaded once by the first:
- new sentences: an empty embedding cache (every distinct sentence is embedded, in batches of 64,
  each batch saved in its own cache transaction, not one per pair);
- cached sentences: the same call again, every embedding in the cache;
- new pairs, cached sentences: other pairs of the same sentences.
Prints a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["COMPARE_CACHE_DIR"] = tempfile.mkdtemp(prefix="compare-throughput-")
    import align

    articles = align.load_corpus([str(Path(__file__).resolve().parent.parent / "seeds")])
    texts = sorted({s.text for a in articles for s in a.sentences if s.kind != "boilerplate"})
    rng = random.Random(0)
    first = [(rng.choice(texts), rng.choice(texts)) for _ in range(args.pairs)]
    second = [(rng.choice(texts), rng.choice(texts)) for _ in range(args.pairs)]
    align.relate("warm", "up")  # loads the model: the rows measure relating, not loading
    rows = []
    for name, pairs in (("new sentences", first), ("cached sentences", first), ("new pairs, cached sentences", second)):
        start = time.perf_counter()
        judged = align.relate_many(pairs)
        seconds = time.perf_counter() - start
        assert len(judged) == len(pairs)
        rows.append(f"| {name} | {len(pairs)} | {len(texts)} | {seconds:.1f} | {len(pairs) / seconds:,.0f} |")
    print("| `relate_many` call | pairs | distinct sentences | seconds | pairs per second |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
