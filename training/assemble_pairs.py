"""Join the sampled pairs with their judgments into training/data/news_pairs.jsonl, and measure
how far two independent judges agree (Cohen's kappa) on the pairs judged twice.

    .venv/bin/python training/assemble_pairs.py SAMPLE.jsonl JUDGED_DIR OUT.jsonl [--then SAMPLE2 DIR2]

SAMPLE.jsonl is what sample_pairs.py wrote (round 1; `--then` adds round 2's sample and judgments,
its lines after round 1's, each marked `"round": 2`; round 1's lines carry no mark); JUDGED_DIR holds `assign.json` (which judge read each
pair first and, for the pairs read twice, second), `out_<k>.jsonl` (judge k's answers) and
`third.jsonl` (the third read of each pair the two judges disagreed on: the answer kept).
Prints the agreement table (Markdown) on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from align.store.atomic_file import write_atomic

KEYS = ("shares_fact", "fact", "label", "stronger")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def kappa(first: list[object], second: list[object]) -> float:
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score([str(x) for x in first], [str(x) for x in second]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", type=Path)
    parser.add_argument("judged", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--then", nargs=2, type=Path, metavar=("SAMPLE2", "DIR2"), help="round 2")
    args = parser.parse_args(argv)
    rounds = [(args.sample, args.judged)] + ([tuple(args.then)] if args.then else [])
    rows: list[dict] = []
    seen: set[tuple[str, str, str]] = set()
    for number, (sample, judged) in enumerate(rounds, start=1):
        if len(rounds) > 1:
            print(f"\n### Round {number}\n")
        found = assemble(sample, judged, number, seen)
        if found is None:
            return 2
        rows += found
    # Whole or not at all: a stopped run never leaves half a training file.
    write_atomic(args.out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), force=True)
    print(f"{len(rows)} pairs written, {sum(r['shares_fact'] for r in rows)} share a fact", file=sys.stderr)
    return 0


def assemble(sample_path: Path, judged: Path, number: int, seen: set[tuple[str, str, str]]) -> list[dict] | None:
    """One round's judged lines (None when a disagreement has no third read); prints its
    agreement table. `seen` holds the pairs of texts kept so far, across rounds."""
    sample = {r["id"]: r for r in read_jsonl(sample_path)}
    assign = json.loads((judged / "assign.json").read_text())
    primary = {int(i): k for i, k in assign["primary"].items()}
    second = {int(i): k for i, k in assign["second"].items()}
    answers: dict[int, dict[int, dict]] = {}
    for path in sorted(judged.glob("out_*.jsonl")):
        judge = int(path.stem.split("_")[1])
        answers[judge] = {int(r["id"]): r for r in read_jsonl(path)}
    third_path = judged / "third.jsonl"
    third = {int(r["id"]): r for r in read_jsonl(third_path)} if third_path.exists() else {}

    twice = sorted(second)
    first_read = [answers[primary[i]][i] for i in twice]
    second_read = [answers[second[i]][i] for i in twice]
    disagree = [
        i
        for i, x, y in zip(twice, first_read, second_read)
        if (x["shares_fact"], x["label"], x["stronger"]) != (y["shares_fact"], y["label"], y["stronger"])
    ]
    both = [(x, y) for x, y in zip(first_read, second_read) if x["shares_fact"] and y["shares_fact"]]
    print("| measure | pairs | agreement | Cohen's kappa |\n| --- | ---: | ---: | ---: |")
    for name, xs, ys in (
        ("shares_fact", [x["shares_fact"] for x in first_read], [y["shares_fact"] for y in second_read]),
        ("label (null when no shared fact)", [x["label"] for x in first_read], [y["label"] for y in second_read]),
        ("label, where both judges found a shared fact", [x["label"] for x, _ in both], [y["label"] for _, y in both]),
    ):
        same = sum(a == b for a, b in zip(xs, ys)) / len(xs)
        print(f"| {name} | {len(xs)} | {same:.1%} | {kappa(xs, ys):.3f} |")
    missing = [i for i in disagree if i not in third]
    print(
        f"\n{len(disagree)} of {len(twice)} pairs read twice disagreed; {len(disagree) - len(missing)} settled by a third read"
    )
    if missing:
        print(f"error: {len(missing)} disagreements have no third read", file=sys.stderr)
        return None

    rows = []
    for i in sorted(sample):
        # An article that prints one sentence twice gives the sampler the same pair of texts at
        # two places: the pair is kept once (its first id), with its first judgment.
        texts = (sample[i]["story"], sample[i]["a"]["text"], sample[i]["b"]["text"])
        if texts in seen:
            continue
        seen.add(texts)
        judge = primary[i]
        answer = third.get(i) if i in disagree else answers[judge][i]
        who = "third read" if i in disagree else f"judge-{judge}" + (f" and judge-{second[i]}" if i in second else "")
        row = {key: sample[i][key] for key in ("id", "story", "a", "b")}
        row.update({key: answer[key] for key in KEYS})
        row.update(
            {
                "kind": sample[i]["kind"],
                "sampler": sample[i]["sampler"],
                "cosine": sample[i]["cosine"],
                "judge": who,
            }
        )
        if number > 1:  # round 1's lines stay byte for byte what the shipped model read
            row["round"] = number
        rows.append(row)
    return rows


if __name__ == "__main__":
    sys.exit(main())
