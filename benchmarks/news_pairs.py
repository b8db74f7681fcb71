"""What today's link decisions reach on the judged cross-outlet pairs (training/data/news_pairs.jsonl):
the numbers the pair model must beat (issue 27).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/news_pairs.py

For each pair: plain cosine of the packaged all-MiniLM-L6-v2 vectors, and the engine's link score
(`align.judge.linkscore`: cosine + IDF-weighted word overlap + shared frames and rare words; the
IDF fitted on the pair's own story, as `compare` fits it on the articles it aligns). Reported,
cross-validated by story (5 folds, stories never split): ROC AUC of each score for `shares_fact`,
and the recall of shared-fact pairs at the cut, fitted on the other folds, that keeps 90 % of
different-fact pairs apart (its held-out apart rate is shown beside it). Both, on all pairs and on
the `hard` ones, and on those the samplers drew without the engine (its own claims favour its
link score). No score is fitted beyond that one cut.

Then the labels: for the shared-fact pairs of the stories the pair model never trained on, the
label the engine gives two sentences once they share a claim (`relations.label`, as inside
`compare`), against the judges' label: a confusion table, macro-F1, and how often an
exaggeration both call names the same stronger side.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from align.judge.lexical import Idf

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import datasets  # noqa: E402

PAIRS = REPO / "training" / "data" / "news_pairs.jsonl"
FOLDS = 5
APART = 0.90


def scores(rows: list[dict], idf_of: dict[str, Idf]) -> dict[str, np.ndarray]:
    from align.judge.linkscore import features
    from align.model.embed import shared_embedder

    encoder = shared_embedder()
    texts = sorted({r[side]["text"] for r in rows for side in "ab"})
    vectors = dict(zip(texts, encoder.encode(texts)))
    cosine, link = [], []
    for r in rows:
        a, b = r["a"]["text"], r["b"]["text"]
        c = float(np.dot(vectors[a], vectors[b]))
        cosine.append(c)
        link.append(features(a, b, c, idf_of[r["story"]]).lexical_link)
    return {"cosine": np.array(cosine), "engine link score": np.array(link)}


def story_idfs(rows: list[dict]) -> dict[str, Idf]:
    """Each story's IDF, fitted on its own articles as `compare` fits it on what it aligns."""
    import align
    from align.judge.lexical import Idf
    from align.judge.linkscore import stems

    idf_of: dict[str, Idf] = {}
    for story in sorted({r["story"] for r in rows}):
        folder = datasets.find("basil-triplets") / "stories" / story
        articles = align.load_corpus([str(p) for p in sorted(folder.glob("*.txt"))])
        idf_of[story] = Idf.fit(stems(s.text) for a in articles for s in a.sentences)
    return idf_of


LABELS = ("agreement", "paraphrase", "exaggeration", "contradiction")


def label_table(rows: list[dict], cosine: np.ndarray, idf_of: dict[str, Idf]) -> list[str]:
    """The engine's label of each shared-fact pair of `rows`, given that the two share a claim
    (as inside `compare`, after grouping: `align.judge.relations.label` with the story's IDF and
    the pair model's reading), against the judges' label: a confusion table, macro-F1 over the
    four labels, and the stronger side of the exaggerations both call."""
    from align.judge.linkscore import features, scores_for
    from align.judge.relations import label
    from align.model import pair_model
    from align.store.cache import EmbeddingCache
    from benchmarks import metrics

    shared = [n for n, r in enumerate(rows) if r["shares_fact"]]
    pairs = [(rows[n]["a"]["text"], rows[n]["b"]["text"]) for n in shared]
    read = pair_model.read_pairs(pairs, EmbeddingCache()) if pair_model.enabled() else {}
    judged = [
        label(a, b, features(a, b, float(cosine[n]), idf_of[rows[n]["story"]], scores_for(read, a, b)))
        for n, (a, b) in zip(shared, pairs)
    ]
    gold = [rows[n]["label"] for n in shared]
    predicted = [str(j.relation) for j in judged]
    lines = ["| judges \\ engine | " + " | ".join(LABELS) + " |", "| --- |" + " ---: |" * len(LABELS)]
    for name in LABELS:
        found = [p for g, p in zip(gold, predicted) if g == name]
        lines.append(f"| {name} ({len(found)}) | " + " | ".join(str(found.count(x)) for x in LABELS) + " |")
    f1s = [metrics.f1(gold, predicted, positive=name) for name in LABELS]
    both = [
        (rows[n]["stronger"], j.exaggerating)
        for n, g, j in zip(shared, gold, judged)
        if g == str(j.relation) == "exaggeration"
    ]
    lines += [
        "",
        "macro-F1 over the four labels: "
        + f"{sum(f1s) / len(f1s):.3f} ("
        + ", ".join(f"{name} {f:.2f}" for name, f in zip(LABELS, f1s))
        + f"); exaggerations both call: {len(both)}, the same stronger side in {sum(1 for x, y in both if x == y)}",
    ]
    return lines


def model_readings(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """The pair model's shared-fact log-odds of each pair (both orders averaged, every pair read
    whatever its cosine) and the longest quoted run both sentences print."""
    from align.judge.lexical import shared_quote_words
    from align.model import pair_model
    from align.store.cache import EmbeddingCache

    pairs = [(r["a"]["text"], r["b"]["text"]) for r in rows]
    read = pair_model.read_pairs(pairs, EmbeddingCache())
    fact = [read[(a, b)].fact if (a, b) in read else read[(b, a)].fact for a, b in pairs]
    return np.array(fact), np.array([shared_quote_words(a, b) for a, b in pairs])


def link_inputs(link: np.ndarray, fact: np.ndarray, quote: np.ndarray) -> np.ndarray:
    """The columns of the link decision's logistic model (align.judge.linkscore.model_link)."""
    from align.judge.linkscore import QUOTE_WORDS

    return np.column_stack([link, fact, (quote >= QUOTE_WORDS).astype(float)])


def cross_validated_decision(inputs: np.ndarray, truth: np.ndarray, stories: list[str]) -> np.ndarray:
    """The fitted link decision's score of each pair, fitted on the other stories (leave one
    story out), so no pair is scored by a model that saw its story's labels."""
    from sklearn.linear_model import LogisticRegression

    out = np.zeros(len(truth))
    names = np.array(stories)
    for story in sorted(set(stories)):
        held = names == story
        fitted = LogisticRegression(C=1.0, max_iter=1000).fit(inputs[~held], truth[~held])
        out[held] = fitted.decision_function(inputs[held])
    return out


def development_rows(rows: list[dict]) -> np.ndarray:
    """The pairs of the stories the pair model never trained on (training/train_pair_model.py)."""
    from training.train_pair_model import development_stories

    held = development_stories([r["story"] for r in rows])
    return np.array([r["story"] in held for r in rows])


def folds_of(stories: list[str]) -> np.ndarray:
    names = sorted(set(stories))
    fold = {name: n % FOLDS for n, name in enumerate(names)}
    return np.array([fold[s] for s in stories])


def evaluate(
    score: np.ndarray, truth: np.ndarray, folds: np.ndarray, subset: np.ndarray, pool: np.ndarray | None = None
) -> tuple[float, float, float]:
    """ROC AUC on `subset`, and recall / apart kept there at the cut fitted on the other folds'
    pairs of `pool` (default: all pairs)."""
    from sklearn.metrics import roc_auc_score

    auc = float(roc_auc_score(truth[subset], score[subset]))
    found = apart_kept = positives = negatives = 0
    for k in range(FOLDS):
        train, test = (folds != k) & (pool if pool is not None else True), (folds == k) & subset
        cut = float(np.quantile(score[train & ~truth], APART))  # 90 % of the other folds' apart pairs below it
        found += int(np.sum(score[test & truth] > cut))
        positives += int(np.sum(test & truth))
        apart_kept += int(np.sum(score[test & ~truth] <= cut))
        negatives += int(np.sum(test & ~truth))
    return auc, found / max(1, positives), apart_kept / max(1, negatives)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    args = parser.parse_args(argv)
    try:
        rows = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines() if line.strip()]
        idf_of = story_idfs(rows)
        computed = scores(rows, idf_of)
    except (OSError, datasets.DatasetMissing) as error:
        print(f"news_pairs: {error}", file=sys.stderr)
        return 2
    truth = np.array([bool(r["shares_fact"]) for r in rows])
    folds = folds_of([r["story"] for r in rows])
    hard = np.array([r["kind"] == "hard" for r in rows])
    everything = np.ones(len(rows), dtype=bool)
    print(
        f"{len(rows)} pairs, {int(truth.sum())} share a fact, {len(set(r['story'] for r in rows))} stories, {FOLDS} folds by story\n"
    )
    print("| pairs | score | ROC AUC | recall of shared-fact pairs at 90 % apart | apart kept (held out) |")
    print("| --- | --- | ---: | ---: | ---: |")
    unbiased = np.array([r["sampler"] != "engine" for r in rows])  # drawn without the engine's claims
    for name, subset in (("all", everything), ("hard", hard), ("not drawn by the engine", unbiased)):
        for score_name, score in computed.items():
            auc, recall, kept = evaluate(score, truth, folds, subset)
            print(f"| {name} ({int(subset.sum())}) | {score_name} | {auc:.3f} | {recall:.3f} | {kept:.3f} |")
    development = development_rows(rows)
    print(
        f"\nLabels of the shared-fact pairs of the held-out stories, given that they share a claim "
        f"({int((development & truth).sum())} pairs):\n"
    )
    held_rows = [r for r, keep in zip(rows, development) if keep]
    print("\n".join(label_table(held_rows, computed["cosine"][development], idf_of)))
    from align.model import pair_model

    if not pair_model.enabled():
        return 0
    # The pair model trained on the other stories' pairs: only the held-out stories measure it.
    fact, quote = model_readings(rows)
    stories = [r["story"] for r in rows]
    picked = np.flatnonzero(development)
    decision = np.zeros(len(rows))
    decision[picked] = cross_validated_decision(
        link_inputs(computed["engine link score"], fact, quote)[picked], truth[picked], [stories[i] for i in picked]
    )
    held_stories = len({stories[i] for i in picked})
    print(
        f"\nStories the pair model never trained on ({held_stories} stories; the link decision fitted "
        "leaving each story out in turn):\n"
    )
    print("| pairs | score | ROC AUC | recall of shared-fact pairs at 90 % apart | apart kept (held out) |")
    print("| --- | --- | ---: | ---: | ---: |")
    dev_folds = folds_of(stories)
    rows_scores = {
        **computed,
        "pair model: shared fact": fact,
        "link decision (link score + pair model + shared quote)": decision,
    }
    for name, subset in (("held-out stories", development), ("held-out stories, hard", development & hard)):
        for score_name, score in rows_scores.items():
            auc, recall, kept = evaluate(score, truth, dev_folds, subset, pool=development)
            print(f"| {name} ({int(subset.sum())}) | {score_name} | {auc:.3f} | {recall:.3f} | {kept:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
