"""Scores for the quality table: plain numpy, with scipy's Spearman and ROC AUC by rank sum."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.stats import mannwhitneyu, spearmanr


def accuracy(gold: Sequence, pred: Sequence) -> float:
    g, p = np.asarray(gold), np.asarray(pred)
    return float((g == p).mean()) if len(g) else float("nan")


def f1(gold: Sequence, pred: Sequence, positive=1) -> float:
    """F1 of one class."""
    g, p = np.asarray(gold) == positive, np.asarray(pred) == positive
    tp = float((g & p).sum())
    denom = float(g.sum() + p.sum())
    return 2 * tp / denom if denom else 0.0


def macro_f1(gold: Sequence, pred: Sequence, labels: Sequence) -> float:
    return float(np.mean([f1(gold, pred, positive=label) for label in labels]))


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    return float(spearmanr(x, y).statistic)


def auc(scores_pos: Sequence[float], scores_neg: Sequence[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    if not len(scores_pos) or not len(scores_neg):
        return float("nan")
    u = mannwhitneyu(scores_pos, scores_neg, alternative="two-sided").statistic
    return float(u / (len(scores_pos) * len(scores_neg)))


def best_threshold(scores: Sequence[float], gold: Sequence[int], metric=f1) -> float:
    """The cut (predict 1 when score >= cut) that maximises `metric` on a TRAIN split."""
    s = np.asarray(scores, dtype=float)
    candidates = np.unique(np.round(s, 4))
    best, best_score = 0.5, -1.0
    for cut in candidates:
        score = metric(gold, (s >= cut).astype(int))
        if score > best_score:
            best, best_score = float(cut), score
    return best


def confusion(gold: Sequence, pred: Sequence, labels: Sequence) -> str:
    """A small Markdown confusion table (rows gold, columns predicted)."""
    head = "| gold \\ pred | " + " | ".join(map(str, labels)) + " |"
    rule = "| --- " * (len(labels) + 1) + "|"
    rows = []
    for g in labels:
        counts = [sum(1 for x, y in zip(gold, pred) if x == g and y == p) for p in labels]
        rows.append(f"| {g} | " + " | ".join(map(str, counts)) + " |")
    return "\n".join([head, rule, *rows])
