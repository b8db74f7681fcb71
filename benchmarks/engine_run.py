"""One engine run for the scale benchmark: load a corpus, align it, write the JSON document.

    python benchmarks/engine_run.py CORPUS_DIR OUT.json

Prints one JSON line of counts. The engine is given its embedder explicitly, which makes it skip
its whole-result cache: a second run on the same corpus then measures the alignment work with
every embedding cached (the scale table's "warm" column), not a cache lookup. "candidate pairs" is how many sentence pairs the engine scored
in detail after its batched top-k neighbour search: it is counted by wrapping
`align.group.claims.candidate_pairs` in this process only (the engine itself is unchanged), and
"pairs_read" / "pair_model_ms" the pairs the pair model read (cache misses) and its time, by
wrapping `PairModel.score` the same way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import align
import align.group.claims as claims
from align.model.embed import SentenceEmbedder

counts: dict[str, int] = {}
_candidate_pairs = getattr(claims, "candidate_pairs", None)
if _candidate_pairs is not None:

    def counting(*args, **kwargs):
        found = _candidate_pairs(*args, **kwargs)
        counts["candidate_pairs"] = counts.get("candidate_pairs", 0) + len(found)
        return found

    claims.candidate_pairs = counting

from align.model import pair_model  # noqa: E402

_score = pair_model.PairModel.score


def counting_reads(self, pairs):  # type: ignore[no-untyped-def]
    """The pairs the pair model reads (cache misses only), and the seconds it takes."""
    import time

    started = time.perf_counter()
    found = _score(self, pairs)
    counts["pairs_read"] = counts.get("pairs_read", 0) + len(pairs)
    counts["pair_model_ms"] = counts.get("pair_model_ms", 0) + round(1000 * (time.perf_counter() - started))
    return found


pair_model.PairModel.score = counting_reads  # type: ignore[method-assign]

corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
articles = align.load_corpus([str(corpus)])
result = align.align(articles, embedder=SentenceEmbedder(use_cache=True))
out.write_text(result.to_json(indent=None), encoding="utf-8")
alignable = sum(1 for a in result.articles for s in a.sentences if s.kind != "boilerplate")
print(
    json.dumps(
        {
            "articles": len(result.articles),
            "sentences": sum(len(a.sentences) for a in result.articles),
            "alignable": alignable,
            "claims": len(result.claims),
            "shared_claims": sum(1 for c in result.claims if len(c.articles) > 1),
            "pairs_in_claims": sum(len(c.pairs) for c in result.claims),
            **counts,
        }
    )
)
