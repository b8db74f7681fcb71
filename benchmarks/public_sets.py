"""Loaders for the public evaluation sets in `../shared/datasets/` (read-only).

Each loader returns plain tuples and respects the split the set's README prescribes: train rows
may tune a threshold, test rows are only ever measured.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LabelledPair:
    a: str
    b: str
    label: str | int | float


def _lines(path: Path, encoding: str = "utf-8") -> list[str]:
    return path.read_text(encoding=encoding).splitlines()


def mrpc_test(root: Path) -> list[LabelledPair]:
    """MRPC test split: 1,725 pairs, label 1 = paraphrase. Split on tabs, never csv-quote."""
    rows = _lines(root / "mrpc" / "msr_paraphrase_test.txt", encoding="utf-8-sig")[1:]
    pairs = []
    for line in rows:
        if not line.strip():
            continue
        quality, _id1, _id2, s1, s2 = line.split("\t")
        pairs.append(LabelledPair(s1, s2, int(quality)))
    return pairs


def stsb_test(root: Path, genre: str | None = None) -> list[LabelledPair]:
    """STS-B test split: gold score 0-5. `genre="main-news"` keeps the 500 news rows."""
    return stsb(root, "sts-test.csv", genre)


def stsb(root: Path, file: str, genre: str | None = None) -> list[LabelledPair]:
    """One STS-B file (sts-train.csv, sts-dev.csv or sts-test.csv): gold score 0-5."""
    pairs = []
    for line in _lines(root / "stsb-test" / file):
        fields = line.split("\t")
        if len(fields) < 7:
            continue
        if genre and fields[0] != genre:
            continue
        pairs.append(LabelledPair(fields[5], fields[6], float(fields[4])))
    return pairs


# The FNC-1 split of the folder's README: bodies below this ID are the development part (a
# fitting script may read it), the rest the evaluation part (reported on only).
FNC1_EVALUATION_FROM = 1000
# Both the benchmark and the fit pair a headline with its body's sentences closest to it.
FNC1_TOP_SENTENCES = 3


def fnc1_development(root: Path) -> tuple[list[StanceRow], dict[int, str]]:
    """The FNC-1 development part: stance rows and bodies with Body ID below FNC1_EVALUATION_FROM."""
    stances, bodies = fnc1(root)
    return (
        [r for r in stances if r.body_id < FNC1_EVALUATION_FROM],
        {b: text for b, text in bodies.items() if b < FNC1_EVALUATION_FROM},
    )


def exaggeration(root: Path, split: str) -> list[LabelledPair]:
    """Wright & Augenstein 2021: a = press release, b = abstract; label same/exaggerates/downplays."""
    path = root / "sci-exaggeration-wright2021" / f"insciout_{split}.jsonl"
    pairs = []
    for line in _lines(path):
        if line.strip():
            row = json.loads(line)
            pairs.append(
                LabelledPair(
                    row["press_release_conclusion"],
                    row["abstract_conclusion"],
                    row["exaggeration_label"],
                )
            )
    return pairs


def clickbait(root: Path, split: str) -> list[tuple[str, int]]:
    """Headlines with 1 = clickbait. The README's split: first 8,000 of each file are train."""
    folder = root / "clickbait-chakraborty2016"
    rows: list[tuple[str, int]] = []
    for name, label in (("clickbait_data.txt", 1), ("non_clickbait_data.txt", 0)):
        headlines = [h for h in _lines(folder / name) if h.strip()]
        part = headlines[:8000] if split == "train" else headlines[8000:]
        rows.extend((h, label) for h in part)
    return rows


@dataclass(frozen=True)
class StanceRow:
    headline: str
    body_id: int
    stance: str


def fnc1(root: Path) -> tuple[list[StanceRow], dict[int, str]]:
    """FNC-1 competition test stances and bodies (RFC-4180 CSV)."""
    folder = root / "fnc1-stance-test"
    with open(folder / "competition_test_bodies.csv", newline="", encoding="utf-8") as fh:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(fh)}
    with open(folder / "competition_test_stances.csv", newline="", encoding="utf-8") as fh:
        stances = [StanceRow(r["Headline"], int(r["Body ID"]), r["Stance"]) for r in csv.DictReader(fh)]
    return stances, bodies


def mrpc_train(root: Path) -> list[LabelledPair]:
    """MRPC train split (3,674 usable pairs; one line of the file holds two records run together
    and is skipped)."""
    rows = _lines(root / "mrpc" / "msr_paraphrase_train.txt", encoding="utf-8-sig")[1:]
    pairs = []
    for line in rows:
        fields = line.split("\t")
        if len(fields) == 5:
            pairs.append(LabelledPair(fields[3], fields[4], int(fields[0])))
    return pairs


def sick(root: Path, sets: tuple[str, ...]) -> list[LabelledPair]:
    """SICK pairs of the named SemEval sets (TRAIN, TRIAL, TEST), label ENTAILMENT / NEUTRAL /
    CONTRADICTION. Fit on TRAIN, choose on TRIAL, report on TEST (its README)."""
    pairs = []
    for line in _lines(root / "sick" / "SICK.txt")[1:]:
        fields = line.split("\t")
        if len(fields) >= 12 and fields[11] in sets:
            pairs.append(LabelledPair(fields[1], fields[2], fields[3]))
    return pairs


def sample(items: list, n: int | None, seed: int) -> list:
    """A fixed-seed sample (order kept stable), or everything when n is None or large enough."""
    if n is None or n >= len(items):
        return list(items)
    picked = sorted(random.Random(seed).sample(range(len(items)), n))
    return [items[i] for i in picked]
