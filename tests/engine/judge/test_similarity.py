"""The similarity a pair shows (the JSON's `similarity`, the app's pair detail, `relate`'s
`.similarity`): where the pair model read the pair, a blend of the embeddings' cosine and the
model's graded similarity (`pair_model.similarity_cosine_weight`, fitted by benchmarks/fit.py
on STS-B dev), which ranks pairs better than either alone."""

from __future__ import annotations

from scipy.stats import spearmanr

import align
from align import parameters
from align.judge.lexical import generic_idf
from align.judge.linkscore import features
from align.models import PairScores


def test_a_read_pair_shows_the_fitted_blend_and_an_unread_one_its_cosine() -> None:
    weight = parameters.active().pair_model.similarity_cosine_weight
    assert 0.0 < weight < 1.0, "fit.py found the blend better than either side alone"
    a, b = "The senate passed the bill on Tuesday.", "On Tuesday the bill passed the senate."
    read = PairScores(
        fact=2.0, equivalent=0.9, contradiction=0.01, similarity=0.2, stronger_a=0.1, stronger_same=0.8, stronger_b=0.1
    )
    assert features(a, b, 0.8, generic_idf(), read).similarity == weight * 0.8 + (1 - weight) * 0.2
    assert features(a, b, 0.8, generic_idf()).similarity == 0.8
    assert features(a, b, -0.2, generic_idf()).similarity == 0.0  # a cosine below 0 shows as 0


def test_similarity_ranks_sts_b_dev_better_than_the_cosine_or_the_model_alone(dataset) -> None:  # type: ignore[no-untyped-def]
    from benchmarks import public_sets

    rows = public_sets.stsb(dataset("stsb-test").parent, "sts-dev.csv")[::3]  # 500 pairs: the suite's budget
    pairs = [(p.a, p.b) for p in rows]
    gold = [float(p.label) for p in rows]
    shown = [j.similarity for j in align.relate_many(pairs)]
    with parameters.trying(parameters.with_values(parameters.active(), {"pair_model.similarity_cosine_weight": 1.0})):
        cosine = [j.similarity for j in align.relate_many(pairs)]
    with parameters.trying(parameters.with_values(parameters.active(), {"pair_model.similarity_cosine_weight": 0.0})):
        model = [j.similarity for j in align.relate_many(pairs)]
    blended = spearmanr(gold, shown).statistic
    assert blended > spearmanr(gold, cosine).statistic, (blended, spearmanr(gold, cosine).statistic)
    assert blended > spearmanr(gold, model).statistic, (blended, spearmanr(gold, model).statistic)
