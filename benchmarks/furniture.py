"""Page furniture and embedded posts on real scraped news bodies: what the boilerplate stage marks.

    .venv/bin/python benchmarks/furniture.py [--datasets DIR] [--show REASON]

Reads the FNC-1 development part (`../shared/datasets/fnc1-stance-test`, bodies with Body ID
< 1000: news pages as scraped, with their captions, credits, video prompts and embedded tweets)
as `compare` reads a text file, runs the structural boilerplate stage (no model is loaded) and
prints one Markdown table: how many lines each reason marks, and how embedded social posts fare.
An embedded post is the post's text followed by its author line ("— Name (@handle) July 10,
2014"); the author line alone states no claim (a fragment if it stays content), and the post's
text is a quote that must stay content even though it carries a link (pic.twitter.com/...).
`--show REASON` lists the lines marked with a reason containing REASON, to check them by eye.

`--basil` measures the other side: the BASIL stories outside the gold standard's report half
(../shared/datasets/basil-triplets/stories), aligned as `compare FOLDER` aligns them (model
loaded, embedding cache on). Their texts carry almost no page furniture, so a line marked there
is mostly a story sentence lost to the reader; they are listed with their reason.
Nothing is fitted here; it only measures.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as data_sets  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEVELOPMENT_BELOW = 1000  # the README's split: Body ID < 1000 is the development part
# An embedded post's author line, as the benchmark recognises it independently of the engine.
AUTHOR_LINE = re.compile(r"\(@\w{1,15}\)\s+(?:on\s+)?[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}")


def development_bodies(datasets: Path) -> list[tuple[str, str]]:
    path = datasets / "fnc1-stance-test" / "competition_test_bodies.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(r["Body ID"], r["articleBody"]) for r in rows if int(r["Body ID"]) < DEVELOPMENT_BELOW]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=data_sets.root())
    parser.add_argument("--show", default="", help="list the lines marked with a reason containing this")
    parser.add_argument("--basil", action="store_true", help="lines marked in the BASIL stories (loads the model)")
    args = parser.parse_args(argv)
    if args.basil:
        return basil(args.datasets)
    from align.read import boilerplate, reader

    reasons: Counter[str] = Counter()
    posts = Counter[str]()
    shown = []
    bodies = development_bodies(args.datasets)
    sentences = 0
    for body_id, body in bodies:
        article = boilerplate.mark_structural(reader.article_from_text(body, title=f"Body {body_id}"))
        units = article.sentences[1:]  # the first is the title line added above
        sentences += len(units)
        for k, s in enumerate(units):
            if s.kind == "boilerplate":
                reasons[s.reason] += 1
                if args.show and args.show.lower() in s.reason.lower():
                    shown.append(f"{body_id} | {s.reason} | {s.text[:160]}")
            author = AUTHOR_LINE.search(s.text)
            if author:
                posts["author lines"] += 1
                alone = len(re.findall(r"\w+", s.text[: author.start()])) <= 6
                if alone and s.kind != "boilerplate":
                    posts["author line alone, left as a claim"] += 1
                if alone and k > 0:
                    text_unit = units[k - 1]
                    posts["post text on the line before"] += 1
                    if text_unit.kind == "boilerplate":
                        posts["post text dropped as boilerplate"] += 1
                elif not alone:
                    posts["post text and author line in one unit"] += 1
                    if s.kind != "content":
                        posts[f"post text and author line in one unit, marked {s.kind}"] += 1
    print(f"FNC-1 development part: {len(bodies)} bodies, {sentences} units\n")
    print("| lines marked boilerplate, by reason | lines |")
    print("| --- | ---: |")
    for reason, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0])):
        print(f"| {reason} | {count} |")
    print(f"| all | {sum(reasons.values())} |\n")
    print("| embedded posts | count |")
    print("| --- | ---: |")
    for name, count in posts.items():
        print(f"| {name} | {count} |")
    for line in shown:
        print(line)
    return 0


def basil(datasets: Path) -> int:
    import tomllib

    import align

    report = {
        tomllib.loads(p.read_text(encoding="utf-8"))["story"]
        for p in (REPO / "benchmarks" / "gold").glob("*.toml")
        if tomllib.loads(p.read_text(encoding="utf-8"))["split"] == "report"
    }
    folders = [d for d in sorted((datasets / "basil-triplets" / "stories").iterdir()) if d.name not in report]
    reasons: Counter[str] = Counter()
    lines, total = [], 0
    for folder in folders:
        result = align.align(align.load_corpus([str(p) for p in sorted(folder.glob("*.txt"))]))
        for article in result.articles:
            total += len(article.sentences)
            for s in article.sentences:
                if s.kind == "boilerplate":
                    reasons[s.reason] += 1
                    lines.append(f"{folder.name} | {s.reason} | {s.text[:140]}")
    print(f"BASIL stories outside the gold report half: {len(folders)} stories, {total} units\n")
    print("| lines marked boilerplate, by reason | lines |\n| --- | ---: |")
    for reason, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0])):
        print(f"| {reason} | {count} |")
    print(f"| all | {sum(reasons.values())} |\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
