"""Loaded-language cues against BASIL's lexical-bias spans, sentence by sentence.

    .venv/bin/python benchmarks/loaded_language.py [--datasets DIR]

BASIL (../shared/datasets/basil-triplets, the 2010-2016 stories given to this project) marks in
every article the spans of lexical bias: loaded, sensational or one-sided wording ("fierce",
"slammed"). The engine's cues (align/judge/cues.py) that raise a sentence's assertion strength are its
idea of loaded language. For each sentence as BASIL's authors split it, the sentence is
"loaded" in the gold when a lexical-bias span lies in it, and flagged by the engine when a cue
of the kind fires. Prints precision and recall per cue kind and for all raising cues, over all
stories, over the stories of the gold standard's fit half and over the rest. Nothing is fitted
here (no model is loaded either): it measures the word lists as they are.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets as data_sets  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Counts:
    true_positive: int = 0
    flagged: int = 0
    loaded: int = 0

    def add(self, flagged: bool, loaded: bool) -> None:
        self.flagged += flagged
        self.loaded += loaded
        self.true_positive += flagged and loaded

    def row(self) -> str:
        precision = self.true_positive / self.flagged if self.flagged else 0.0
        recall = self.true_positive / self.loaded if self.loaded else 0.0
        return f"{self.flagged} | {precision:.2f} | {recall:.2f}"


def sentences(datasets: Path) -> list[tuple[str, str, bool]]:
    """(story uuid prefix, sentence, has a lexical-bias span) for every BASIL sentence."""
    root = datasets / "basil-triplets"
    found = []
    for article_path in sorted((root / "articles").glob("*/*.json")):
        article = json.loads(article_path.read_text(encoding="utf-8"))
        annotation_path = root / "annotations" / article_path.parent.name / (article_path.stem + "_ann.json")
        spans = []
        if annotation_path.exists():
            annotation = json.loads(annotation_path.read_text(encoding="utf-8"))
            spans = [p["txt"] for p in annotation.get("phrase-level-annotations", []) if p.get("bias") == "lex"]
        story = f"{article_path.parent.name}-{str(article['triplet-uuid'])[:8]}"
        for paragraph in article["body-paragraphs"]:
            for sentence in paragraph:
                found.append((story, sentence, any(span and span in sentence for span in spans)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=data_sets.root())
    args = parser.parse_args(argv)
    from align.judge import cues

    kinds: dict[str, Callable[[str], bool]] = {
        "sensational words and phrases": lambda s: bool(cues._sensational(s, headline_style=False)),
        "intensifiers": lambda s: bool(cues.INTENSIFIERS.search(s)),
        "certainty words": lambda s: bool(cues.CERTAINTY.search(s)),
        "forceful refusal verbs": lambda s: bool(cues.STRONG_REFUSAL.search(s)),
        "any raising cue (strength)": lambda s: bool(cues.strength(s).raising),
    }
    fit_stories = {
        tomllib.loads(p.read_text(encoding="utf-8"))["story"]
        for p in (REPO / "benchmarks" / "gold").glob("basil-*.toml")
        if tomllib.loads(p.read_text(encoding="utf-8"))["split"] == "fit"
    }
    rows = sentences(args.datasets)
    parts = {
        "all 70 stories": rows,
        "gold fit-half stories": [r for r in rows if r[0] in fit_stories],
        "other stories": [r for r in rows if r[0] not in fit_stories],
    }
    loaded = sum(r[2] for r in rows)
    print(f"{len(rows)} sentences, {loaded} with a lexical-bias span ({loaded / len(rows):.0%})\n")
    print("| cue kind | stories | sentences flagged | precision | recall |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, fires in kinds.items():
        for part, part_rows in parts.items():
            counts = Counts()
            for _story, sentence, is_loaded in part_rows:
                counts.add(fires(sentence), is_loaded)
            print(f"| {name} | {part} | {counts.row()} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
