"""Split a sample of pairs (sample_pairs.py) into batches for independent judges, a share of the
pairs read twice by two different judges (training/data/README.md, "Judges and agreement").

    .venv/bin/python training/assign_judges.py SAMPLE.jsonl DIR [--judges 7] [--twice 0.1] [--seed 11]

Writes DIR/assign.json ({"primary": {id: judge}, "second": {id: judge}}) and DIR/batch_<k>.jsonl:
judge k's items as {"id", "A", "B"}, shuffled, with nothing but the two texts (no outlet, sampler or
cosine), which is all a judge may see.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from align.store.atomic_file import write_atomic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--judges", type=int, default=7)
    parser.add_argument("--twice", type=float, default=0.1, help="share of pairs read by a second judge")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(args.seed)
    ids = [r["id"] for r in rows]
    rng.shuffle(ids)
    primary = {i: n % args.judges for n, i in enumerate(ids)}
    twice = rng.sample(ids, round(args.twice * len(ids)))
    second = {i: (primary[i] + 1 + rng.randrange(args.judges - 1)) % args.judges for i in twice}
    args.out.mkdir(parents=True, exist_ok=True)
    # Each file whole or not at all: a stopped run never leaves half an assignment or a batch.
    write_atomic(
        args.out / "assign.json",
        json.dumps(
            {"primary": {str(i): k for i, k in primary.items()}, "second": {str(i): k for i, k in second.items()}}
        ),
        force=True,
    )
    by_id = {r["id"]: r for r in rows}
    for judge in range(args.judges):
        items = [i for i in ids if primary[i] == judge or second.get(i) == judge]
        rng.shuffle(items)
        lines = [
            json.dumps({"id": i, "A": by_id[i]["a"]["text"], "B": by_id[i]["b"]["text"]}, ensure_ascii=False)
            for i in items
        ]
        write_atomic(args.out / f"batch_{judge}.jsonl", "".join(line + "\n" for line in lines), force=True)
        print(f"judge {judge}: {len(items)} pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
