"""Reproducible synthetic news clusters for the scale benchmark.

    .venv/bin/python benchmarks/corpus_gen.py N OUT_DIR [--seed 0] [--datasets DIR]

How a corpus is built (everything below is driven by one `random.Random(seed)`):
- The *story pool* is every sentence of 8-60 words in `seeds/` (the five articles about one
  story). Each generated article draws `story_share` of its ~40 sentences from this pool, so
  claims recur across articles the way they do in a real news cluster, and perturbs each copy:
  verbatim (agreement), a word dropped or a synonym swapped (paraphrase), an intensifier or
  "BREAKING:" added (exaggeration), a negation or a changed number (contradiction).
- The rest are *filler* sentences (claims one outlet alone makes): sentences of 8-60 words from
  the FNC-1 test bodies in `../shared/datasets/` (real news text, used here only as text, no
  labels), or, if that set is absent, seed sentences with two words swapped.
- Sentences are laid out as paragraphs of four under a headline, written as `NNN_synthetic.txt`.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import blingfire

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as data_sets  # noqa: E402
from benchmarks.public_sets import fnc1  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SENTENCES_PER_ARTICLE = 40

SYNONYMS = {
    "said": "stated",
    "says": "states",
    "large": "big",
    "major": "key",
    "help": "assist",
    "offered": "proposed",
    "asked": "requested",
    "country": "nation",
    "talks": "discussions",
    "support": "backing",
    "meeting": "summit",
    "announced": "revealed",
    "however": "but",
    "important": "significant",
    "officials": "authorities",
    "week": "days",
}
INTENSIFIERS = ("shocking", "massive", "unprecedented", "explosive", "stunning")
NEGATABLE = re.compile(r"\b(is|was|has|have|will|can|did|does|are|were)\b")


def _sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        for s in blingfire.text_to_sentences(line.strip()).split("\n"):
            s = s.strip()
            if 8 <= len(s.split()) <= 60:
                out.append(s)
    return out


def story_pool() -> list[str]:
    pool: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        pool.extend(_sentences(path.read_text(encoding="utf-8")))
    return list(dict.fromkeys(pool))


def filler_pool(datasets: Path | None) -> list[str]:
    if datasets is None or not (datasets / "fnc1-stance-test").is_dir():
        return []
    _stances, bodies = fnc1(datasets)
    pool: list[str] = []
    for body_id in sorted(bodies):
        pool.extend(_sentences(bodies[body_id]))
    return list(dict.fromkeys(pool))


def perturb(sentence: str, rng: random.Random) -> str:
    """One edit that keeps the claim but changes its wording or its strength."""
    words = sentence.split()
    roll = rng.random()
    if roll < 0.30:
        return sentence
    if roll < 0.50 and len(words) > 8:
        del words[rng.randrange(1, len(words) - 1)]
        return " ".join(words)
    if roll < 0.70:
        swapped = [SYNONYMS.get(w.lower(), w) for w in words]
        return " ".join(swapped) if swapped != words else " ".join(reversed_clause(words))
    if roll < 0.82:
        at = rng.randrange(1, len(words))
        return " ".join(words[:at] + [rng.choice(INTENSIFIERS)] + words[at:])
    if roll < 0.88:
        return "BREAKING: " + sentence
    if roll < 0.95 and NEGATABLE.search(sentence):
        return NEGATABLE.sub(lambda m: m.group(1) + " not", sentence, count=1)
    digits = re.search(r"\d+", sentence)
    if digits:
        n = int(digits.group()) * 2 + 1
        return sentence[: digits.start()] + str(n) + sentence[digits.end() :]
    return sentence


def reversed_clause(words: list[str]) -> list[str]:
    """Move a trailing clause to the front: a cheap reordering paraphrase."""
    if "," in " ".join(words):
        head, _, tail = " ".join(words).partition(", ")
        return (tail.rstrip(".") + ", " + head[0].lower() + head[1:] + ".").split()
    return words


def generate(
    n_articles: int,
    out_dir: Path,
    *,
    seed: int = 0,
    datasets: Path | None = None,
    story_share: float = 0.5,
) -> list[Path]:
    rng = random.Random(seed)
    story = story_pool()
    filler = filler_pool(datasets)
    if not filler:
        print("corpus_gen: FNC-1 bodies not found; filler comes from shuffled seed sentences", file=sys.stderr)
    rng.shuffle(filler)
    out_dir.mkdir(parents=True, exist_ok=True)
    n_story = round(SENTENCES_PER_ARTICLE * story_share)
    paths = []
    next_filler = 0
    for i in range(n_articles):
        chosen = [perturb(s, rng) for s in rng.sample(story, min(n_story, len(story)))]
        for _ in range(SENTENCES_PER_ARTICLE - len(chosen)):
            if filler:
                chosen.append(filler[next_filler % len(filler)])
                next_filler += 1
            else:
                words = rng.choice(story).split()
                a, b = rng.sample(range(len(words)), 2)
                words[a], words[b] = words[b], words[a]
                chosen.append(" ".join(words))
        rng.shuffle(chosen)
        headline = perturb(chosen[0], rng).rstrip(".")
        paragraphs = [" ".join(chosen[k : k + 4]) for k in range(0, len(chosen), 4)]
        path = out_dir / f"{i:03d}_synthetic.txt"
        path.write_text(headline + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a reproducible synthetic news cluster.")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="output folder (created)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--datasets", type=Path, default=data_sets.root())
    parser.add_argument(
        "--story-share",
        type=float,
        default=0.5,
        help="fraction of each article's sentences drawn from the seeds' story",
    )
    args = parser.parse_args(argv)
    paths = generate(args.n, args.out, seed=args.seed, datasets=args.datasets, story_share=args.story_share)
    print(f"wrote {len(paths)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
