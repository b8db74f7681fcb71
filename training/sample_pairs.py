"""Draw cross-outlet sentence pairs from the BASIL stories for judging ("do these two sentences
state a common fact?"): the sample behind training/data/news_pairs.jsonl (see its README).

    HF_HUB_OFFLINE=1 .venv/bin/python training/sample_pairs.py OUT.jsonl [--seed 7]
    HF_HUB_OFFLINE=1 .venv/bin/python training/sample_pairs.py ROUND2.jsonl --round 2 --after OUT.jsonl

Stories: the BASIL stories of 2010-2016 in the data sets folder (benchmarks/datasets.py), never
the gold standard's report half (the second story of each year) and never 2017-2019 (not given).
Each story gives pairs of content sentences (titles included) from two different outlets, from
three samplers, each pair once:

- `cosine` (no engine): 2 pairs drawn at random from each of five bands of the encoder's cosine
  (below 0.3, 0.3-0.45, 0.45-0.6, 0.6-0.75, 0.75 and above), so the easy ends are represented.
- `names` (no engine): 12 pairs that name the same person, place or number (a capitalised word
  or a figure in both, not a sentence's first word) with a cosine of 0.35-0.8: the hard cases,
  the same actors stating one fact or two different ones, a fact inside a longer sentence.
- `engine` (the engine of the day): 4 cross-outlet pairs from the engine's shared claims, so
  what the engine links is checked too (never more than a sixth of the sample).

Round 2 (`--round 2`, seed 8) adds only pairs drawn without the engine, in the band where the
encoder is unsure (the links the engine misses live there): `names` 12 per story as above, and
`middle` 8 per story, 4 at random from cosine 0.4-0.6 and 4 from 0.6-0.8. It never draws a pair of
texts round 1 drew (`--after`), and its ids continue after round 1's.

`kind` is "hard" for the `names` and `middle` samplers and for `engine` pairs below cosine 0.75, else "easy".
The texts are the sentences as `compare` reads them, each found verbatim in its article file.
Judging is done from the two texts alone (training/data/README.md); this script writes no label.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from align.store.atomic_file import write_atomic  # noqa: E402
from benchmarks import datasets, gold  # noqa: E402

BANDS = ((-1.0, 0.3), (0.3, 0.45), (0.45, 0.6), (0.6, 0.75), (0.75, 1.01))
PER_BAND, NAMES, ENGINE = 2, 12, 4
MIDDLE_BANDS, PER_MIDDLE = ((0.4, 0.6), (0.6, 0.8)), 4  # round 2
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)*|\d[\d,.]*)\b")


def report_half() -> set[str]:
    return {s.story for s in (gold.load(p) for p in sorted(gold.GOLD.glob("basil-*.toml"))) if s.split == "report"}


def names(text: str) -> set[str]:
    return {m.group(0).lower() for m in _NAME.finditer(text)} - {"the", "a", "mr", "ms", "mrs"}


def sample_story(
    story: Path, encoder: Any, rng: random.Random, round_: int = 1, drawn: frozenset[tuple[str, str]] = frozenset()
) -> list[dict[str, Any]]:
    """The story's pairs from the round's samplers (see the module's docstring), none of `drawn`
    (pairs of texts an earlier round drew, in either order)."""
    import align

    rows: list[dict[str, Any]] = []
    files = sorted(p for p in story.iterdir() if p.suffix == ".txt")
    articles = align.load_corpus([str(p) for p in files])
    outlet = {a.id: Path(a.path).stem.lower() for a in articles}
    raw = {a.id: Path(a.path).read_text(encoding="utf-8") for a in articles}
    sentences = [
        (a.id, s.index, s.text)
        for a in articles
        for s in a.sentences
        if s.kind != "boilerplate" and len(s.text.split()) >= 4 and s.text in raw[a.id]
    ]
    vectors = encoder.encode([t for _, _, t in sentences])
    cosine = np.asarray(vectors) @ np.asarray(vectors).T
    pairs = [
        (i, j)
        for i in range(len(sentences))
        for j in range(i + 1, len(sentences))
        if sentences[i][0] != sentences[j][0]
        and (sentences[i][2], sentences[j][2]) not in drawn
        and (sentences[j][2], sentences[i][2]) not in drawn
    ]
    taken: set[tuple[int, int]] = set()

    def add(i: int, j: int, sampler: str, kind: str) -> None:
        taken.add((i, j))
        a, b = sentences[i], sentences[j]
        if rng.random() < 0.5:
            a, b = b, a
        rows.append(
            {
                "story": story.name,
                "a": {"outlet": outlet[a[0]], "text": a[2]},
                "b": {"outlet": outlet[b[0]], "text": b[2]},
                "cosine": round(float(cosine[i, j]), 3),
                "sampler": sampler,
                "kind": kind,
            }
        )

    if round_ == 1:
        for low, high in BANDS:
            band = [p for p in pairs if low <= cosine[p] < high and p not in taken]
            for i, j in rng.sample(band, min(PER_BAND, len(band))):
                add(i, j, "cosine", "easy")
    hard = [
        p
        for p in pairs
        if p not in taken and 0.35 <= cosine[p] < 0.8 and names(sentences[p[0]][2]) & names(sentences[p[1]][2])
    ]
    for i, j in rng.sample(hard, min(NAMES, len(hard))):
        add(i, j, "names", "hard")
    if round_ == 2:
        for low, high in MIDDLE_BANDS:
            band = [p for p in pairs if low <= cosine[p] < high and p not in taken]
            for i, j in rng.sample(band, min(PER_MIDDLE, len(band))):
                add(i, j, "middle", "hard")
        return rows
    result = align.align(articles)
    index = {(s[0], s[1]): n for n, s in enumerate(sentences)}
    linked = []
    for claim in result.claims:
        for pair in claim.pairs:
            found = (index.get((pair.a.article, pair.a.sentence)), index.get((pair.b.article, pair.b.sentence)))
            if None not in found:
                i, j = sorted(found)  # type: ignore[type-var]
                if (i, j) not in taken:
                    linked.append((i, j))
    for i, j in rng.sample(sorted(set(linked)), min(ENGINE, len(set(linked)))):
        add(i, j, "engine", "hard" if cosine[i, j] < 0.75 else "easy")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, help="default 7 for round 1, 8 for round 2")
    parser.add_argument("--round", type=int, choices=(1, 2), default=1, dest="round_")
    parser.add_argument("--after", type=Path, help="round 2: the earlier round's sample, never drawn again")
    args = parser.parse_args(argv)
    if args.round_ == 2 and args.after is None:
        parser.error("--round 2 needs --after (the round 1 sample)")
    from align.model.embed import shared_embedder

    seed = args.seed if args.seed is not None else 6 + args.round_
    rng = random.Random(seed)
    earlier = [json.loads(line) for line in args.after.read_text().splitlines() if line.strip()] if args.after else []
    # An earlier round's lines (news_pairs.jsonl marks round 2's lines; round 1's carry no mark).
    earlier = [r for r in earlier if r.get("round", 1) < args.round_]
    drawn = frozenset((r["a"]["text"], r["b"]["text"]) for r in earlier)
    first_id = max((r["id"] for r in earlier), default=-1) + 1
    excluded = report_half()
    stories = sorted(
        p for p in (datasets.find("basil-triplets") / "stories").iterdir() if p.is_dir() and p.name not in excluded
    )
    assert all(p.name[:4] <= "2016" for p in stories)
    encoder = shared_embedder()
    rows = []
    for story in stories:
        found = sample_story(story, encoder, rng, args.round_, drawn)
        print(f"{story.name}: {len(found)} pairs", file=sys.stderr)
        rows += found
    for n, row in enumerate(rows):
        row["id"] = first_id + n
    # Whole or not at all: a stopped run never leaves half a sample.
    write_atomic(args.out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), force=True)
    print(f"{len(rows)} pairs from {len(stories)} stories", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
