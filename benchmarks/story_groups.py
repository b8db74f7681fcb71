"""`compare batch --group-stories` (issue 16): how well a flat pile of articles is grouped back
into its stories, on the 210 articles of ../shared/datasets/basil-triplets flattened.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/story_groups.py [--write]

The bar `stories.same_story` is chosen on the stories of 2010-2012 (the grid below, adjusted Rand
index against the true stories) and reported on those of 2013-2016 and on all 70; `--write` puts
the chosen bar into align/data/parameters.toml. The articles are read as `compare` reads them;
their title-and-lead vectors come from the engine's own embedder (cached). Prints Markdown.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as data_sets  # noqa: E402

GRID = [round(0.40 + 0.02 * n, 2) for n in range(21)]  # 0.40 .. 0.80
FIT_YEARS = ("2010", "2011", "2012")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=data_sets.root())
    parser.add_argument("--write", action="store_true", help="write the chosen bar into parameters.toml")
    args = parser.parse_args(argv)
    from sklearn.metrics import adjusted_rand_score

    import align
    from align.group.story_groups import group_vectors, lead_text
    from align.model.embed import shared_embedder

    folders = sorted(p for p in (args.datasets / "basil-triplets" / "stories").iterdir() if p.is_dir())
    articles, truth, years = [], [], []
    for number, folder in enumerate(folders):
        for article in align.load_corpus([str(folder)], warn=lambda m: None):
            articles.append(article)
            truth.append(number)
            years.append(folder.name[:4])
    vectors = shared_embedder().encode([lead_text(a) for a in articles])

    def ari(threshold: float, keep: list[int]) -> float:
        groups = group_vectors(vectors[keep], threshold)
        found = [0] * len(keep)
        for g, members in enumerate(groups):
            for m in members:
                found[m] = g
        return float(adjusted_rand_score([truth[i] for i in keep], found))

    fit = [i for i, y in enumerate(years) if y in FIT_YEARS]
    held = [i for i, y in enumerate(years) if y not in FIT_YEARS]
    everything = list(range(len(articles)))
    scores = [(ari(t, fit), t) for t in GRID]
    best_score, best = max(scores, key=lambda s: (s[0], -abs(s[1] - 0.6)))
    print(
        f"Articles: {len(articles)} in {len(folders)} stories; fit on {len(fit)} articles (stories of {', '.join(FIT_YEARS)}), reported on {len(held)}."
    )
    print()
    print("| same_story bar | ARI, fit stories | ARI, held-out stories | ARI, all 70 |")
    print("| ---: | ---: | ---: | ---: |")
    for score, t in scores:
        mark = " (chosen)" if t == best else ""
        print(f"| {t:.2f}{mark} | {score:.3f} | {ari(t, held):.3f} | {ari(t, everything):.3f} |")
    if args.write:
        path = Path(__file__).resolve().parent.parent / "align" / "data" / "parameters.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^same_story = .*$", f"same_story = {best}", text), encoding="utf-8")
        print(f"\nwrote same_story = {best} to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
