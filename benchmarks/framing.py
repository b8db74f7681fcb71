"""Where the framing rules (align/judge/framing.py) fire on the training and development data,
and what each set's own label says of those pairs.

    .venv/bin/python benchmarks/framing.py [--datasets DIR]

The rank rule calls an exaggeration where both sentences describe the subject in one slot of their
word alignment and one puts it first ("the favourite", "the group leading") while the other puts
it among others ("one of several candidates", "one of the groups leading"); the graver-wording
rule where, in one slot, one side uses a graver word for what the other names plainly ("a
massacre" / "a shooting"). They are class rules, so this counts their reach and their precision
against each set's labels over every pair, not only the pairs the engine would link: the judged
news pairs (both rounds), MRPC train, STS-B train and dev, SICK TRAIN and TRIAL, the
science-exaggeration train split. Test splits are not read. Nothing
is fitted and no model is loaded.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from align.judge import framing  # noqa: E402
from benchmarks import datasets, public_sets  # noqa: E402

PAIRS = REPO / "training" / "data" / "news_pairs.jsonl"


def labelled_sets(root: Path) -> dict[str, list[public_sets.LabelledPair]]:
    """Every training and development set, as (a, b, label) pairs."""
    judged = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    sets = {
        "judged news pairs": [
            public_sets.LabelledPair(r["a"]["text"], r["b"]["text"], f"{r['label']} {r['stronger'] or ''}".strip())
            for r in judged
        ]
    }
    sets["MRPC train"] = public_sets.mrpc_train(root)
    sets["STS-B train and dev"] = public_sets.stsb(root, "sts-train.csv") + public_sets.stsb(root, "sts-dev.csv")
    sets["SICK TRAIN and TRIAL"] = public_sets.sick(root, ("TRAIN", "TRIAL"))
    sets["sci-exaggeration train"] = public_sets.exaggeration(root, "train")
    return sets


def fires(
    sets: dict[str, list[public_sets.LabelledPair]],
    rule: str,
    side_name: str,
    read: Callable[[str, str], Any],
    describe: Callable[[Any], str],
) -> None:
    """One table: per set, how often `read` finds its framing, on which side, and the set's labels
    of those pairs; then each pair it fires on."""
    print(f"| set | pairs | {rule} fires | {side_name} | the set's labels of those pairs |")
    print("| --- | ---: | ---: | --- | --- |")
    for name, pairs in sets.items():
        found = [(p, r) for p, r in ((p, read(p.a, p.b)) for p in pairs) if r is not None]
        sides = Counter(r.side for _, r in found)
        labels = Counter(str(p.label) for p, _ in found)
        print(f"| {name} | {len(pairs):,} | {len(found)} | {dict(sides) or '—'} | {dict(labels) or '—'} |")
        for p, r in found:
            print(f"|  | | | {describe(r)} | {p.label}: {p.a[:90]} / {p.b[:90]} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=Path, help="folder of the public data sets (default ../shared/datasets)")
    args = parser.parse_args(argv)
    root = args.datasets or datasets.root()
    sets = labelled_sets(root)
    fires(sets, "rank rule", "first side", framing.ranked_first, lambda r: f"{r.side}: '{r.first}' / '{r.among}'")
    print()
    fires(
        sets,
        "graver-wording rule",
        "graver side",
        framing.graver_wording,
        lambda g: f"{g.side} ({g.kind}): '{g.graver}' / '{g.milder}'",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
