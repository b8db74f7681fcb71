"""The shape of the claims the engine builds on real stories: sizes, catch-alls, sharing.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/claim_shapes.py [--stories N] [--sensitivity S]

Aligns the seeds and the BASIL stories (`../shared/datasets/basil-triplets/stories`, as
`compare FOLDER` would, embedding cache on) and prints one Markdown table: per corpus, how many
claims, how many of them two or more outlets share (and the median share per story), the
distribution of claim sizes (members), the claims of more than 12 members, and the pairs inside
a claim that are only loosely linked (below `label.loose_link`): a catch-all claim is one whose
members joined through a chain of neighbours, and it shows as big claims full of loose pairs.
Nothing is fitted here; it only measures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as data_sets  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BIG = 12  # the bar for a claim too big to state one proposition


@dataclass
class Shape:
    stories: int = 0
    claims: int = 0
    shared: int = 0
    shares: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)  # members of each shared claim
    big: int = 0
    big_loose: int = 0  # big claims with at least one loosely linked pair
    pairs: int = 0
    loose: int = 0
    sentences: int = 0  # content sentences and titles in claims
    in_several: int = 0  # of those, in two or more claims (@2)


def measure(folder: Path, shape: Shape, sensitivity: float) -> None:
    import align
    from align.evidence import EvidenceKind

    files = sorted(str(p) for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html"))
    result = align.align(align.load_corpus(files), sensitivity=sensitivity)
    shared = [c for c in result.claims if len(c.articles) > 1]
    counts = Counter(ref for claim in result.claims for ref in claim.members)
    shape.sentences += len(counts)
    shape.in_several += sum(1 for n in counts.values() if n > 1)
    shape.stories += 1
    shape.claims += len(result.claims)
    shape.shared += len(shared)
    shape.shares.append(len(shared) / len(result.claims) if result.claims else 0.0)
    for claim in shared:
        shape.sizes.append(len(claim.members))
        loose = sum(1 for p in claim.pairs if any(e.kind is EvidenceKind.LOOSE_LINK for e in p.evidence))
        shape.pairs += len(claim.pairs)
        shape.loose += loose
        if len(claim.members) > BIG:
            shape.big += 1
            shape.big_loose += loose > 0


def quantile(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=0, help="only the first N BASIL stories (0: all)")
    parser.add_argument("--sensitivity", type=float, default=0.5)
    args = parser.parse_args(argv)
    corpora = {
        "seeds": [REPO / "seeds"],
        "BASIL 2010-2016": sorted(p for p in (data_sets.find("basil-triplets") / "stories").iterdir() if p.is_dir()),
    }
    if args.stories:
        corpora["BASIL 2010-2016"] = corpora["BASIL 2010-2016"][: args.stories]
    lines = [
        "| corpus | stories | claims | shared | median share shared | shared claim size: median / p90 / max "
        f"| claims > {BIG} members (with a loose pair) | loose pairs | sentences in 2+ claims |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, folders in corpora.items():
        shape = Shape()
        for n, folder in enumerate(folders, 1):
            print(f"{name}: {n}/{len(folders)} {folder.name}", file=sys.stderr, flush=True)
            measure(folder, shape, args.sensitivity)
        share = statistics.median(shape.shares) if shape.shares else 0.0
        sizes = f"{quantile(shape.sizes, 0.5)} / {quantile(shape.sizes, 0.9)} / {max(shape.sizes, default=0)}"
        lines.append(
            f"| {name} | {shape.stories} | {shape.claims} | {shape.shared} | {share:.0%} | {sizes} "
            f"| {shape.big} ({shape.big_loose}) | {shape.loose}/{shape.pairs} | {shape.in_several}/{shape.sentences} |"
        )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
