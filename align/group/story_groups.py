"""Group a flat pile of articles into stories (`compare batch --group-stories`).

Each article is represented by its title and lead (the first `stories.lead_sentences` content
sentences), embedded by the same model as the sentences. A story is a group of articles every
two of which have vectors whose cosine clears `stories.same_story` (moved by
`stories.sensitivity_slope` with --sensitivity): complete linkage, inside the connected groups of
each article's nearest neighbours (align/group/neighbours.py), so a pile of tens of thousands never
needs the full matrix.
The bar is fitted by `benchmarks/story_groups.py` on part of the BASIL stories and reported on
the rest (adjusted Rand index against the true stories).
"""

from __future__ import annotations

import numpy as np

from align import parameters
from align.group import neighbours
from align.models import Article


def lead_text(article: Article) -> str:
    """The title and the first content sentences: what a story is about."""
    lead = parameters.active().stories.lead_sentences
    body = [s.text for s in article.sentences if s.kind == "content" and s.text != article.title][:lead]
    return " ".join([article.title, *body])


def bar(sensitivity: float) -> float:
    stories = parameters.active().stories
    return stories.same_story - stories.sensitivity_slope * (min(1.0, max(0.0, sensitivity)) - 0.5)


def group_articles(lead_vectors: np.ndarray, *, sensitivity: float = 0.5) -> list[list[int]]:
    """Indices of the articles grouped into stories, given the vectors of their `lead_text`s
    (the pipeline embeds them: deciding code runs no model), each group in input order, groups
    in the order of their first article."""
    return group_vectors(lead_vectors, bar(sensitivity))


def group_vectors(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Complete linkage at `threshold`: every two articles of a story clear the bar (single
    linkage, a chain of near neighbours, joined unrelated stories through one generic lead:
    adjusted Rand index 0.73 against 0.95 on held-out BASIL stories). A story's articles are
    linked at the bar, so each story lies inside one connected group of nearest-neighbour links
    at the bar: the exact clustering runs inside each such group, never on the whole pile."""
    from scipy.cluster.hierarchy import fcluster, linkage

    n = len(vectors)
    rows = np.asarray(vectors, dtype=np.float64)
    stories: list[list[int]] = []
    for component in _linked_groups(np.asarray(vectors, dtype=np.float32), threshold):
        if len(component) == 1:
            stories.append(component)
            continue
        tree = linkage(rows[component], method="complete", metric="cosine")
        labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
        by_label: dict[int, list[int]] = {}
        for member, label in zip(component, labels.tolist()):
            by_label.setdefault(label, []).append(member)
        stories += by_label.values()
    assert sum(len(s) for s in stories) == n
    return sorted((sorted(s) for s in stories), key=lambda g: g[0])


def _linked_groups(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Connected groups of the links between nearest neighbours that clear `threshold`."""
    from align.group.claims import connected_parts

    n = len(vectors)
    links = []
    if n > 1:
        k = min(parameters.active().stories.neighbours, n - 1)
        for i, row in enumerate(neighbours.top_k(vectors, k).tolist()):
            links += [(i, j) for j in row if j != i and float(vectors[i] @ vectors[j]) >= threshold]
    return connected_parts(range(n), links)
