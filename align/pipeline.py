"""The engine's pipeline: articles in, an `Alignment` out.

read (reader.py) → sanitize → segment → boilerplate → embed (cached) → claims → relations (+ conflicts).
Also `relate` / `relate_many`, the out-of-context API: the only other place that embeds.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from align import lexicon, parameters
from align.model.embed import MODEL_NAME, Encoder, SentenceEmbedder, backend, model_identity, shared_embedder
from align.models import Alignment, Article, Judgement, Pair, PairScores, SentenceRef
from align.store.cache import EmbeddingCache

if TYPE_CHECKING:
    from align.group.claims import Unit

Progress = Callable[[float, str], None]
DEFAULT_SENSITIVITY = 0.5


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

    `sensitivity` S in [0, 1] trades precision for recall: a sentence is paired only through a
    pair whose confidence is at least 1 - S (0: only certain pairs), and the grouping bars loosen
    as S grows.
    `progress(fraction, message)` is called as work advances; raising from it cancels the run.
    """
    report = progress or (lambda fraction, message: None)
    cache = EmbeddingCache(warn=warn) if use_cache and embedder is None else None
    key = result_key(articles, sensitivity) if cache else b""
    if cache:
        cached = _cached_result(cache, key, articles, warn)
        if cached is not None:
            report(1.0, "aligned (unchanged since the last run)")
            return cached
    # The deciding stages (and their word lists) load only when there is something to decide:
    # a run answered from the cache above never pays for them.
    from align.group import claims
    from align.judge.lexical import Idf
    from align.judge.linkscore import stems
    from align.read import boilerplate, quotes

    report(0.0, "marking boilerplate")
    articles = [boilerplate.mark_structural(a) for a in articles]

    keys = [(a, s.index) for a, article in enumerate(articles) for s in article.sentences if s.alignable]
    texts = [articles[a].sentences[i].text for a, i in keys]
    encoder = embedder or SentenceEmbedder(use_cache=use_cache, warn=warn, cache=cache)
    report(0.02, "embedding sentences")
    vectors = encoder.encode(texts, progress=lambda f, m: report(0.02 + 0.83 * f, m))
    by_key = dict(zip(keys, vectors))
    articles = boilerplate.mark_off_topic(articles, by_key)

    units: list[claims.Unit] = []
    rows: list[np.ndarray] = []
    passages: list[list[int]] = []  # the units of each quoted passage (align/read/quotes.py)
    for a, article in enumerate(articles):
        unit_of: dict[int, int] = {}
        title_key = boilerplate.normal_key(article.title)
        title_seen = False
        for s in article.sentences:
            if not s.alignable:
                continue
            is_title = not title_seen and boilerplate.normal_key(s.text) == title_key
            title_seen = title_seen or is_title
            if s.kind == "heading" and not is_title:
                # A section heading ("Conclusion", "Key Points from the Announcement") organises
                # its article; it states no claim, so it is in none (the title does state one).
                continue
            unit_of[s.index] = len(units)
            units.append(claims.Unit(SentenceRef(article.id, s.index), a, s.text, False, is_title))
            rows.append(by_key[(a, s.index)])
        for passage in quotes.quoted_passages(article.text, article.sentences):
            passages.append([unit_of[i] for i in passage if i in unit_of])
    matrix = np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)
    idf = Idf.fit(stems(u.text) for u in units)

    cosines = _Cosines(matrix)
    search = claims.search_pairs(units, matrix, idf)
    # Pair readings depend on the two texts and the pair model alone, never on the encoder: they
    # are cached whenever the caller allows a cache, even with its own encoder.
    weights = parameters.active().pair_model
    # The model is loaded only when the fitted parameters give it something to decide here.
    links_read = bool(weights.fact_weight or weights.quote_weight)
    failures_before = len(_pair_model_failure)
    reader = (
        _pair_reader(cache or (EmbeddingCache(warn=warn) if use_cache else None), warn)
        if links_read or weights.label_reads_per_sentence > 0
        else None
    )
    pair_scores: dict[tuple[str, str], PairScores] = {}
    if reader is not None and links_read:
        # Only where fit.py found the model's link decision better than the link score's.
        report(0.86, "reading sentence pairs")
        pair_scores.update(reader(_texts(claims.pairs_worth_reading(units, matrix, idf, search, sensitivity), units)))
    report(0.87, "grouping claims")
    groups = claims.group(
        units,
        matrix,
        idf,
        sensitivity,
        progress=lambda f, m: report(0.87 + 0.08 * f, m),
        passages=passages,
        candidates=search,
        pair_scores=pair_scores,
    )
    if reader is not None:
        # The pairs of each claim that the search did not propose: labelled from the model too.
        budget = int(parameters.active().pair_model.label_reads_per_sentence * len(units))
        unread = [
            (i, j)
            for i, j in _worth_reading(claims.pairs_to_label(groups, units), units, cosines)
            if (units[i].text, units[j].text) not in pair_scores and (units[j].text, units[i].text) not in pair_scores
        ]
        # Within the budget, the least alike first: near-copies need the model least (their
        # words already say how they differ).
        unread.sort(key=lambda p: (cosines(*p), p))
        pair_scores.update(reader(_texts(unread[:budget], units)))
    position = {a.id: n for n, a in enumerate(articles)}
    report(0.95, "labelling relations")
    found = claims.build_claims(
        groups,
        units,
        matrix,
        idf,
        order=lambda r: (position[r.article], r.sentence),
        sensitivity=sensitivity,
        pair_scores=pair_scores,
    )
    result = Alignment(
        tuple(articles),
        found,
        {
            "name": MODEL_NAME,
            "backend": backend(),
            "sensitivity": float(sensitivity),
            # Named only when it read for this run: not when it was off or could not be used.
            "pair_model": _pair_model_identity()
            if reader is not None and len(_pair_model_failure) == failures_before
            else None,
        },
    )
    if cache:
        cache.put_result(key, result.to_json(indent=None))
    report(1.0, "aligned")
    return result


PairReader = Callable[[Sequence[tuple[str, str]]], dict[tuple[str, str], PairScores]]


class _Cosines:
    """Cosines of unit pairs, from the unit vectors."""

    def __init__(self, matrix: np.ndarray) -> None:
        self.matrix = matrix

    def __call__(self, i: int, j: int) -> float:
        return float(self.matrix[i] @ self.matrix[j])


def _texts(pairs: Sequence[tuple[int, int]], units: Sequence[Unit]) -> list[tuple[str, str]]:
    return [(units[i].text, units[j].text) for i, j in pairs]


def _worth_reading(pairs: Sequence[tuple[int, int]], units: Sequence[Unit], cosine: _Cosines) -> list[tuple[int, int]]:
    """The pairs the pair model reads: two articles' sentences (one author's restatements are
    judged by meaning alone), neither a section heading, different wordings, and close enough
    by the encoder (`pair_model.cosine_floor`) that they may share a fact."""
    floor = parameters.active().pair_model.cosine_floor
    return [
        (i, j)
        for i, j in pairs
        if units[i].article != units[j].article
        and not (units[i].section_heading or units[j].section_heading)
        and units[i].text != units[j].text
        and cosine(i, j) >= floor
    ]


_pair_model_failure: list[str] = []  # the one warning a process gives when the model cannot load


def _pair_reader(cache: EmbeddingCache | None, warn: Callable[[str], None] | None) -> PairReader | None:
    """The pair model's reader, scores cached beside the embeddings; None when it is turned off
    (COMPARE_PAIR_MODEL=off) or cannot load (said once: the engine then decides without it)."""
    from align.model import pair_model

    if not pair_model.enabled():
        return None

    def failed(error: Exception) -> None:
        if warn and str(error) not in _pair_model_failure:
            warn(f"deciding without the pair model: {error}")
        _pair_model_failure.append(str(error))

    try:
        model = pair_model.shared_model()
    except (pair_model.PairModelError, ImportError, OSError) as error:
        failed(error)
        return None

    def read(pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], PairScores]:
        try:
            return pair_model.read_pairs(pairs, cache, model)
        except (pair_model.PairModelError, ImportError, OSError) as error:
            # The model's session is made on its first reading (PairModel): should that fail
            # after the file passed its check, these pairs are decided without it.
            failed(error)
            return {}

    return read


def _pair_model_identity() -> dict[str, str] | None:
    from align.model import pair_model

    try:
        return pair_model.identity()
    except pair_model.PairModelError:
        return None


@lru_cache(maxsize=1)
def engine_fingerprint() -> bytes:
    """Digest of the engine's own source and data (word lists, parameters): a cached result is
    reused only by the same code deciding with the same knowledge."""
    # One digest of both: `compare batch` keeps only its first characters (batch.fingerprint).
    return hashlib.sha256(code_fingerprint(Path(__file__).parent) + lexicon.fingerprint()).digest()


def code_fingerprint(package: Path) -> bytes:
    """Digest of every module of `package`, each named by its place in the stages' folders: a
    module moved to another stage, or edited, gives another digest."""
    digest = hashlib.sha256()
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.digest()


def result_key(articles: Sequence[Article], sensitivity: float) -> bytes:
    """Identity of one alignment run: engine code, model, sensitivity and every input."""
    digest = hashlib.sha256(engine_fingerprint())
    digest.update(parameters.fingerprint())  # the active parameters (COMPARE_PARAMETERS may differ)
    digest.update(model_identity().encode() + backend().encode() + repr(float(sensitivity)).encode())
    digest.update(json.dumps(_pair_model_identity() if _pair_model_on() else None).encode())
    for article in articles:
        for part in (article.id, article.path, article.title, article.outlet, article.date, article.text):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.digest()


def _pair_model_on() -> bool:
    from align.model import pair_model

    return pair_model.enabled()


def _cached_result(
    cache: EmbeddingCache, key: bytes, articles: Sequence[Article], warn: Callable[[str], None] | None
) -> Alignment | None:
    """The stored result of this exact run, if the cache holds one that is consistent with the
    articles read now. `get_result` already refuses a document its HMAC does not vouch for; this
    also refuses one that is not consistent (a bug, or a forger holding the key), with one
    warning: the caller recomputes and stores a good result over it."""
    document = cache.get_result(key)
    if document is None:
        return None
    try:
        cached = Alignment.from_dict(json.loads(document), texts={a.id: a.text for a in articles})
        if _consistent(cached, articles):
            return cached
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        pass
    if warn:
        warn(f"ignoring a cached result in {cache.path} that does not match the articles; recomputing")
    return None


def _consistent(result: Alignment, articles: Sequence[Article]) -> bool:
    """Whether a stored result can stand for these articles, as every view of it assumes: the
    same articles, each sentence exactly its article's text at its offsets, every claim and pair
    pointing at sentences that exist, and well-formed numbers."""
    if [_identity(a) for a in result.articles] != [_identity(a) for a in articles]:
        return False
    if not all(_sentences_match(cached, read) for cached, read in zip(result.articles, articles, strict=True)):
        return False
    sizes = {a.id: len(a.sentences) for a in result.articles}

    def exists(ref: SentenceRef) -> bool:
        return type(ref.sentence) is int and 0 <= ref.sentence < sizes.get(ref.article, 0)

    for number, claim in enumerate(result.claims):
        if claim.id != number or not all(exists(m) for m in claim.members):
            return False
        members = set(claim.members)  # a big claim has thousands of pairs: no scan per pair
        if not all(pair.a in members and pair.b in members and _well_formed(pair) for pair in claim.pairs):
            return False
    return True


def _identity(article: Article) -> tuple[str, ...]:
    return (article.id, article.path, article.title, article.outlet, article.date, article.text)


def _sentences_match(cached: Article, read: Article) -> bool:
    """The same sentence spans as the article read now, each holding exactly the text there."""
    return [(s.index, s.start, s.end) for s in cached.sentences] == [
        (s.index, s.start, s.end) for s in read.sentences
    ] and all(
        cached.text[s.start : s.end] == s.text and s.kind in ("content", "heading", "boilerplate")
        for s in cached.sentences
    )


def _well_formed(pair: Pair) -> bool:
    confidence = pair.confidence
    return (
        isinstance(pair.similarity, float | int)
        and math.isfinite(pair.similarity)
        and (confidence is None or (isinstance(confidence, float | int) and 0.0 <= confidence <= 1.0))
        and pair.exaggerating in (None, "a", "b")
    )


def relate_many(pairs: Sequence[tuple[str, str]], *, use_cache: bool = True) -> list[Judgement]:
    """`relate` for many pairs, embedding every distinct sentence once in batches."""
    from align.judge.linkscore import scores_for
    from align.judge.relations import judge

    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    if not texts:
        return []
    vectors = shared_embedder(use_cache).encode(texts)
    row = {t: i for i, t in enumerate(texts)}
    cosines = [float(np.dot(vectors[row[a]], vectors[row[b]])) for a, b in pairs]
    read = read_above_floor(pairs, cosines, use_cache=use_cache)
    return [judge(a, b, cosine, scores=scores_for(read, a, b)) for (a, b), cosine in zip(pairs, cosines)]


def read_above_floor(
    pairs: Sequence[tuple[str, str]], cosines: Sequence[float], *, use_cache: bool = True
) -> dict[tuple[str, str], PairScores]:
    """The pair model's readings of the pairs whose cosine reaches its floor, all in batches, as
    `align` reads them (empty when the model is off or cannot load). What `relate_many` judges
    by, and what benchmarks/fit.py fits the engine's use of the model on."""
    reader = _pair_reader(EmbeddingCache() if use_cache else None, None)
    floor = parameters.active().pair_model.cosine_floor
    return reader([p for p, c in zip(pairs, cosines) if c >= floor]) if reader else {}


def relate(a: str, b: str) -> Judgement:
    """Two sentences out of context: agreement, paraphrase, exaggeration, contradiction or unrelated."""
    return relate_many([(a, b)])[0]
