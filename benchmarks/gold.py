"""Score the engine on the hand-judged gold standard (benchmarks/gold/*.toml).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/gold.py                  # both halves
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/gold.py --split report   # the half to report
    .venv/bin/python benchmarks/gold.py --check [FILE...]                  # validate, no engine

For each story the engine aligns the story's folder (as `compare FOLDER` would, default
sensitivity, embedding cache on), each case's snippets are located in the articles, and the
case holds or not (see benchmarks/gold/README.md). Prints a table per kind and per story.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from align.models import Alignment, Pair

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: `benchmarks` is the repository's folder
    sys.path.insert(0, str(REPO))

from benchmarks import datasets as data_sets  # noqa: E402

GOLD = REPO / "benchmarks" / "gold"
KINDS = ("same", "apart", "only", "keep", "furniture")
PAIR_KINDS = ("same", "apart")
RELATIONS = ("agreement", "paraphrase", "exaggeration", "contradiction")
SPLITS = ("fit", "report")


class GoldError(ValueError):
    """A gold file that does not have the documented shape (names the file and the case)."""


@dataclass(frozen=True)
class Spot:
    """Where a case points: an outlet's file and a verbatim snippet of one of its sentences."""

    outlet: str
    text: str


@dataclass(frozen=True)
class Case:
    kind: str
    number: int  # position among the file's cases of this kind, from 1
    spots: tuple[Spot, ...]
    relations: tuple[str, ...] = ()
    stronger: str | None = None
    why: str = ""


@dataclass
class Story:
    path: Path
    story: str
    corpus: str
    split: str
    outlets: dict[str, str]
    cases: list[Case] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        if self.corpus == "seeds":
            return REPO / "seeds"
        return data_sets.find("basil-triplets") / "stories" / self.story

    def file_of(self, outlet: str) -> Path:
        return self.folder / self.outlets[outlet]


def _spot(where: str, value: Any, outlets: dict[str, str]) -> Spot:
    if not isinstance(value, dict) or set(value) != {"outlet", "text"}:
        raise GoldError(f"{where}: a spot is {{ outlet = ..., text = ... }}")
    if value["outlet"] not in outlets:
        raise GoldError(f"{where}: unknown outlet {value['outlet']!r}")
    if not isinstance(value["text"], str) or len(value["text"].strip()) < 12:
        raise GoldError(f"{where}: the snippet must be a verbatim piece of at least 12 characters")
    return Spot(value["outlet"], value["text"])


def load(path: Path) -> Story:
    """A gold file, checked against the documented shape (not yet against the articles)."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise GoldError(f"{path.name}: {error}") from None
    for key in ("story", "corpus", "split", "outlets"):
        if key not in document:
            raise GoldError(f"{path.name}: missing `{key}`")
    if document["split"] not in SPLITS:
        raise GoldError(f"{path.name}: split must be one of {SPLITS}")
    if document["corpus"] not in ("basil-triplets", "seeds"):
        raise GoldError(f"{path.name}: corpus must be basil-triplets or seeds")
    unknown = set(document) - {"story", "corpus", "split", "outlets", "note", *KINDS}
    if unknown:
        raise GoldError(f"{path.name}: unknown key {sorted(unknown)[0]!r}")
    outlets = dict(document["outlets"])
    story = Story(path, document["story"], document["corpus"], document["split"], outlets)
    for kind in KINDS:
        for number, raw in enumerate(document.get(kind, []), start=1):
            where = f"{path.name} [[{kind}]] #{number}"
            if kind in PAIR_KINDS:
                spots = (_spot(where + " a", raw.get("a"), outlets), _spot(where + " b", raw.get("b"), outlets))
                if spots[0].outlet == spots[1].outlet:
                    raise GoldError(f"{where}: a pair joins two different outlets")
            else:
                spots = (_spot(where, raw.get("at"), outlets),)
            relations = tuple(raw.get("relations", ()))
            stronger = raw.get("stronger")
            if kind == "same":
                if not relations or set(relations) - set(RELATIONS):
                    raise GoldError(f"{where}: relations must be a non-empty list of {RELATIONS}")
                if ("exaggeration" in relations) != (stronger in ("a", "b")):
                    raise GoldError(f"{where}: an exaggeration names the stronger side (a or b), and only it")
            elif relations or stronger:
                raise GoldError(f"{where}: only `same` cases carry relations")
            if not str(raw.get("why", "")).strip():
                raise GoldError(f"{where}: every case says why")
            allowed = {"a", "b", "relations", "stronger", "why"} if kind in PAIR_KINDS else {"at", "why"}
            if set(raw) - allowed:
                raise GoldError(f"{where}: unknown key {sorted(set(raw) - allowed)[0]!r}")
            story.cases.append(Case(kind, number, spots, relations, stronger, raw["why"]))
    return story


def check_snippets(story: Story) -> list[str]:
    """Each snippet must occur exactly once in its outlet's file, as the file reads."""
    problems = []
    texts = {outlet: story.file_of(outlet).read_text(encoding="utf-8-sig") for outlet in story.outlets}
    for case in story.cases:
        for spot in case.spots:
            count = texts[spot.outlet].count(spot.text)
            if count != 1:
                problems.append(
                    f"{story.path.name} [[{case.kind}]] #{case.number}: {spot.outlet} snippet found {count} times: {spot.text!r}"
                )
    return problems


# --- scoring ------------------------------------------------------------------------------------
@dataclass
class Outcome:
    case: Case
    holds: bool
    paired: bool | None = None  # same: in one claim at all
    got: str = ""  # what the engine did, for the error listing
    # Each engine pair the case judges, and whether its label is right (confidence is fitted and
    # checked on these): a `same` pair is right with an accepted label, an `apart` pair never.
    pairs: list[tuple[Pair, bool]] = field(default_factory=list)


def score_story(story: Story, sensitivity: float = 0.5) -> list[Outcome]:
    """Align the story's folder as `compare FOLDER` would, then score every case."""
    import align

    files = [story.file_of(outlet) for outlet in story.outlets]
    articles = align.load_corpus([str(f) for f in files])
    return score(story, align.align(articles, sensitivity=sensitivity))


def score(story: Story, result: Alignment) -> list[Outcome]:
    """Every case of the story, held or not, against one alignment of its articles."""
    from align.models import SentenceRef

    article_of = {
        outlet: next(a for a in result.articles if Path(a.path).name == name) for outlet, name in story.outlets.items()
    }

    def sentences(spot: Spot) -> list[SentenceRef]:
        article = article_of[spot.outlet]
        start = article.text.find(spot.text)
        if start < 0 or article.text.find(spot.text, start + 1) >= 0:
            raise GoldError(
                f"{story.path.name}: {spot.outlet} snippet not found once in the article as read: {spot.text!r}"
            )
        end = start + len(spot.text)
        return [SentenceRef(article.id, s.index) for s in article.sentences if s.start < end and s.end > start]

    outcomes = []
    for case in story.cases:
        found = [sentences(spot) for spot in case.spots]
        if case.kind in PAIR_KINDS:
            # The two sentences share a claim when any claim of one is a claim of the other (@2:
            # a sentence stating several facts is in the claim of each).
            shared = [
                (x, y, claim)
                for x in found[0]
                for y in found[1]
                for claim in result.claims_of(x)
                if claim in result.claims_of(y)
            ]
            engine_pairs = [p for x, y, claim in shared for p in claim.pairs if {p.a, p.b} == {x, y}]
            if case.kind == "apart":
                got = f"in claim {shared[0][2].id}" if shared else "apart"
                outcomes.append(Outcome(case, not shared, got=got, pairs=[(p, False) for p in engine_pairs]))
                continue
            if not shared:
                outcomes.append(Outcome(case, False, False, got="not in one claim"))
                continue
            judged = []
            for pair in engine_pairs:
                side = None
                if pair.exaggerating in ("a", "b"):
                    stronger_ref = pair.a if pair.exaggerating == "a" else pair.b
                    side = "a" if stronger_ref in found[0] else "b"
                rel = str(pair.relation)
                judged.append(
                    (pair, rel, side, rel in case.relations and (rel != "exaggeration" or side == case.stronger))
                )
            got = ", ".join(rel + (f" ({side} stronger)" if side else "") for _, rel, side, _ in judged)
            right = any(ok for *_, ok in judged)
            outcomes.append(Outcome(case, right, True, got=got, pairs=[(p, ok) for p, _, _, ok in judged]))
            continue
        refs = found[0]
        if case.kind == "only":
            # Unsupported: in claims, and in no claim another article shares.
            lone = all(result.claims_of(r) and all(len(c.articles) == 1 for c in result.claims_of(r)) for r in refs)
            outcomes.append(Outcome(case, lone, got="unsupported" if lone else "shared or dropped"))
        else:
            kinds = [result.sentence(r).kind for r in refs]
            if case.kind == "keep":
                outcomes.append(Outcome(case, "boilerplate" not in kinds, got="/".join(kinds)))
            else:
                outcomes.append(Outcome(case, all(k == "boilerplate" for k in kinds), got="/".join(kinds)))
    return outcomes


def table(rows: list[tuple[str, list[Outcome]]], title: str) -> list[str]:
    lines = [f"| {title} | cases | hold | share | same: paired |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, outcomes in rows:
        holds = sum(o.holds for o in outcomes)
        same = [o for o in outcomes if o.case.kind == "same"]
        paired = f"{sum(bool(o.paired) for o in same)}/{len(same)}" if same else "—"
        share = f"{holds / len(outcomes):.0%}" if outcomes else "—"
        lines.append(f"| {name} | {len(outcomes)} | {holds} | {share} | {paired} |")
    return lines


def calibration(outcomes: list[Outcome], bins: int = 5) -> list[str]:
    """Reliability of the engine's `confidence` on the pairs the cases judge: per bin, how many
    pairs, their mean confidence and the share whose label is right; then the expected
    calibration error (the bins' gaps, weighted by their size)."""
    judged = [(p.confidence, right) for o in outcomes for p, right in o.pairs if p.confidence is not None]
    if not judged:
        return ["no judged pair carries a confidence"]
    lines = ["| confidence | pairs | mean confidence | right |", "| --- | ---: | ---: | ---: |"]
    error = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in judged if low <= c < high or (b == bins - 1 and c == 1.0)]
        if not inside:
            lines.append(f"| {low:.1f}-{high:.1f} | 0 | — | — |")
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        right = sum(r for _, r in inside) / len(inside)
        error += len(inside) / len(judged) * abs(mean - right)
        lines.append(f"| {low:.1f}-{high:.1f} | {len(inside)} | {mean:.2f} | {right:.2f} |")
    lines.append(f"| all | {len(judged)} | expected calibration error | {error:.3f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="gold files (default: all of benchmarks/gold)")
    parser.add_argument("--check", action="store_true", help="validate the files and snippets only (no engine)")
    parser.add_argument("--split", choices=SPLITS, help="only the stories of this half")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list up to N failed cases per story")
    parser.add_argument("--sensitivity", type=float, default=0.5, metavar="S", help="as compare's (default 0.5)")
    args = parser.parse_args(argv)
    paths = args.files or sorted(GOLD.glob("*.toml"))
    try:
        stories = [load(path) for path in paths]
    except GoldError as error:
        print(f"gold: {error}", file=sys.stderr)
        return 2
    if args.split:
        stories = [s for s in stories if s.split == args.split]
    try:
        problems = [p for story in stories for p in check_snippets(story)]
    except data_sets.DatasetMissing as error:
        print(f"gold: {error}", file=sys.stderr)
        return 2
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    if args.check:
        counts = defaultdict(int)
        for story in stories:
            for case in story.cases:
                counts[case.kind] += 1
        total = sum(counts.values())
        halves = {split: sum(len(s.cases) for s in stories if s.split == split) for split in SPLITS}
        print(f"{len(stories)} stories, {total} cases ({', '.join(f'{k} {counts[k]}' for k in KINDS)}); {halves}")
        return 0
    by_story, by_kind = [], defaultdict(list)
    for story in stories:
        outcomes = score_story(story, args.sensitivity)
        by_story.append((f"{story.story} ({story.split})", outcomes))
        for outcome in outcomes:
            by_kind[outcome.case.kind].append(outcome)
        for outcome in [o for o in outcomes if not o.holds][: args.errors]:
            spots = " / ".join(f"{s.outlet}: {s.text[:60]}" for s in outcome.case.spots)
            print(
                f"  {story.story} {outcome.case.kind} #{outcome.case.number}: engine {outcome.got} | {spots}",
                file=sys.stderr,
            )
    everything = [o for _, outcomes in by_story for o in outcomes]
    print("\n".join(table([(k, by_kind[k]) for k in KINDS if by_kind[k]] + [("all", everything)], "kind")))
    print()
    print("\n".join(table(by_story, "story")))
    print()
    print("\n".join(calibration(everything)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
