"""The engine's pipeline: articles in, an `Alignment` out.

read (reader.py) → sanitize → segment → boilerplate → embed (cached) → claims → relations.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

import numpy as np

from align import boilerplate, claims
from align.embed import MODEL_NAME, Encoder, SentenceEmbedder
from align.lexical import Idf
from align.models import Alignment, Article, SentenceRef
from align.relations import stems

Progress = Callable[[float, str], None]
DEFAULT_SENSITIVITY = 0.5


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def align(
    articles: Sequence[Article],
    *,
    sensitivity: float = DEFAULT_SENSITIVITY,
    use_cache: bool = True,
    progress: Progress | None = None,
    embedder: Encoder | None = None,
    warn: Callable[[str], None] | None = None,
) -> Alignment:
    """Group the articles' sentences into claims and label every cross-article pair.

    `sensitivity` in [0, 1] trades precision (0: only near-certain pairs) for recall (1).
    `progress(fraction, message)` is called as work advances; raising from it cancels the run.
    """
    report = progress or (lambda fraction, message: None)
    report(0.0, "marking boilerplate")
    articles = [boilerplate.mark_structural(a) for a in articles]

    keys = [(a, s.index) for a, article in enumerate(articles) for s in article.sentences if s.alignable]
    texts = [articles[a].sentences[i].text for a, i in keys]
    encoder = embedder or SentenceEmbedder(use_cache=use_cache, warn=warn)
    report(0.02, "embedding sentences")
    vectors = encoder.encode(texts, progress=lambda f, m: report(0.02 + 0.83 * f, m))
    by_key = dict(zip(keys, vectors))
    articles = boilerplate.mark_off_topic(articles, by_key)

    units, rows = [], []
    for a, article in enumerate(articles):
        title_key = _normal(article.title)
        title_seen = False
        for s in article.sentences:
            if not s.alignable:
                continue
            is_title = not title_seen and _normal(s.text) == title_key
            title_seen = title_seen or is_title
            units.append(claims.Unit(SentenceRef(article.id, s.index), a, s.text, s.kind == "heading" and not is_title))
            rows.append(by_key[(a, s.index)])
    matrix = np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)
    idf = Idf.fit(stems(u.text) for u in units)

    report(0.87, "grouping claims")
    groups = claims.group(units, matrix, idf, sensitivity, progress=lambda f, m: report(0.87 + 0.08 * f, m))
    position = {a.id: n for n, a in enumerate(articles)}
    report(0.95, "labelling relations")
    found = claims.build_claims(groups, units, matrix, idf, order=lambda r: (position[r.article], r.sentence))
    report(1.0, "aligned")
    return Alignment(
        tuple(articles),
        found,
        {"name": MODEL_NAME, "backend": "sentence-transformers", "sensitivity": str(sensitivity)},
    )
