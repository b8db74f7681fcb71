"""The grouping rules of `claims.group`, on hand-made vectors (no model): what merges into one
claim, what stays apart, and that neither the order of the input nor a bridge pair decides."""

from __future__ import annotations

import functools
import itertools

import numpy as np
import pytest

from align import parameters, pipeline
from align.group import claims
from align.judge.lexical import Idf
from align.judge.linkscore import LinkScorer, stems
from align.models import Article, Relation, Sentence, SentenceRef
from tests.engine.fake_encoder import FakeEncoder, vectors_with_cosines

# Texts that share no content word, so the link score is the cosine minus the no-anchor
# penalty: the vectors alone decide, as the tests intend.
TEXTS = [
    "Alpha bravo charlie delta.",
    "Echo foxtrot golf hotel.",
    "India juliet kilo lima.",
    "Mike november oscar papa.",
    "Quebec romeo sierra tango.",
    "Uniform victor whiskey xray.",
]


def units(articles: list[int], headings: list[bool] | None = None) -> list[claims.Unit]:
    headings = headings or [False] * len(articles)
    return [
        claims.Unit(SentenceRef(f"art{article}", i), article, TEXTS[i], heading)
        for i, (article, heading) in enumerate(zip(articles, headings))
    ]


def grouped(unit_list: list[claims.Unit], gram, sensitivity: float = 0.5) -> set[frozenset[str]]:
    vectors = vectors_with_cosines(gram)
    idf = Idf.fit(stems(u.text) for u in unit_list)
    groups = claims.group(unit_list, vectors, idf, sensitivity)
    return {frozenset(unit_list[i].text for i in group) for group in groups}


def together(*indices: int) -> frozenset[str]:
    return frozenset(TEXTS[i] for i in indices)


def test_the_same_claim_from_two_articles_is_one_claim_and_an_unrelated_sentence_stays_alone():
    gram = [[1.0, 0.95, 0.1], [0.95, 1.0, 0.1], [0.1, 0.1, 1.0]]
    assert grouped(units([0, 1, 1]), gram) == {together(0, 1), together(2)}


def test_sentences_of_one_article_share_a_claim_only_when_they_restate_each_other():
    restating = [[1.0, 0.95], [0.95, 1.0]]
    related = [[1.0, 0.7], [0.7, 1.0]]
    assert grouped(units([0, 0]), restating) == {together(0, 1)}
    assert grouped(units([0, 0]), related) == {together(0), together(1)}


def test_a_section_heading_pairs_with_a_heading_never_with_a_content_sentence():
    gram = [[1.0, 0.99], [0.99, 1.0]]
    assert grouped(units([0, 1], headings=[True, False]), gram) == {together(0), together(1)}
    assert grouped(units([0, 1], headings=[True, True]), gram) == {together(0, 1)}


def test_one_bridge_pair_does_not_chain_two_claims_into_one():
    """A~B and C~D are two claims; A~C alone is close. B and D are too far apart to state one
    fact, so no claim holds both (no catch-all grown through one lucky pair). A, close to every
    member of the other claim too, states both facts and is in both claims (@2); C, the pair it
    already shares a claim with, does not also join A's."""
    gram = [
        [1.0, 0.95, 0.9, 0.78],
        [0.95, 1.0, 0.78, 0.6],
        [0.9, 0.78, 1.0, 0.95],
        [0.78, 0.6, 0.95, 1.0],
    ]
    assert grouped(units([0, 1, 2, 3]), gram) == {together(0, 1), together(0, 2, 3)}


def test_a_sentence_that_states_two_facts_is_in_the_claim_of_each():
    """X (article 0) states facts 1 and 2; Y (article 1) states fact 1, Z (article 2) fact 2,
    and Y and Z are too far apart to state one fact. With one claim per sentence X paired with
    one of them and the other was left unsupported; now X is in both claims and nobody is alone."""
    gram = [[1.0, 0.87, 0.87], [0.87, 1.0, 0.55], [0.87, 0.55, 1.0]]
    assert grouped(units([0, 1, 2]), gram) == {together(0, 1), together(0, 2)}


class LinkTable:
    """A stand-in for LinkScorer with links chosen freely (cosines of real vectors cannot make
    five sentences all close to one and far from each other)."""

    def __init__(self, links: dict[frozenset[int], float], n: int) -> None:
        self.links, self.texts = links, [f"sentence {i}" for i in range(n)]

    def link(self, i: int, j: int) -> float:
        return self.links.get(frozenset((i, j)), 0.0)


def test_a_sentence_joins_at_most_three_further_claims_the_closest_first():
    """X (article 0) clears the bars with five lone sentences of five other articles that share
    nothing with each other: it joins the three it links best with, never a fourth."""
    n = 6
    links = {frozenset((0, other)): link for other, link in zip(range(1, n), (0.80, 0.84, 0.9, 0.82, 0.88))}
    members = {i: [i] for i in range(n)}
    bars = parameters.active().claims.bars(0.5)
    further = claims._further_claims(
        members,
        list(range(n)),
        LinkTable(links, n),  # type: ignore[arg-type]
        {0: set(range(1, n)), **{i: {0} for i in range(1, n)}},
        list(range(n)),
        [False] * n,
        [False] * n,
        bars,
        parameters.active().label.loose_link,
    )
    assert claims.MAX_CLAIMS_PER_SENTENCE == 3
    assert further[0] == [3, 5, 2], "the three best links, best first"
    # X's own lone claim would be a fourth: no sentence joins it, and none of the three it joined
    # joins it back (that would repeat a claim it already shares with X).
    assert set(further) == {0}


def test_sensitivity_moves_the_bar_for_a_looser_pair():
    gram = [[1.0, 0.8], [0.8, 1.0]]
    bars = parameters.active().claims
    link = 0.8 - parameters.active().link.no_anchor_penalty
    assert bars.bars(0.0).edge > link > bars.bars(1.0).edge, "the test pair must sit between the bars"
    assert grouped(units([0, 1]), gram, sensitivity=0.0) == {together(0), together(1)}
    assert grouped(units([0, 1]), gram, sensitivity=1.0) == {together(0, 1)}


def test_the_grouping_does_not_depend_on_the_order_of_the_sentences():
    gram = np.array(
        [
            [1.0, 0.95, 0.9, 0.78, 0.2],
            [0.95, 1.0, 0.78, 0.6, 0.2],
            [0.9, 0.78, 1.0, 0.95, 0.2],
            [0.78, 0.6, 0.95, 1.0, 0.2],
            [0.2, 0.2, 0.2, 0.2, 1.0],
        ]
    )
    articles = [0, 1, 2, 3, 1]
    expected = grouped(units(articles), gram)
    for order in itertools.islice(itertools.permutations(range(5)), 1, 30, 7):
        permuted = [units(articles)[i] for i in order]
        assert grouped(permuted, gram[np.ix_(order, order)]) == expected


def test_the_whole_pipeline_runs_on_a_fake_encoder():
    """align() with an injected encoder: the shared claim is labelled, the rest unsupported."""
    texts = {
        "a": [
            "Council closes three streets to cars.",
            "The ban starts in March.",
            "Shops are worried.",
            "Parking fees rise.",
        ],
        "b": [
            "Three streets are closed to cars by the council.",
            "Cyclists welcome the plan.",
            "Buses are rerouted.",
            "A park opens.",
        ],
    }
    articles, vectors = [], {}
    rng = np.random.default_rng(3)
    base = rng.normal(size=(8, 16))
    for name, sentences in texts.items():
        text = "\n".join(sentences)
        offsets, start = [], 0
        for i, sentence in enumerate(sentences):
            offsets.append(Sentence(i, sentence, start, start + len(sentence)))
            start += len(sentence) + 1
            row = base[0] if i == 0 else base[1 + i + (3 if name == "b" else 0)] + 0.3 * base[0]
            vectors[sentence] = (row / np.linalg.norm(row)).astype(np.float32)
        articles.append(Article(name, f"{name}.txt", name.upper(), text, tuple(offsets)))
    result = pipeline.align(articles, embedder=FakeEncoder(vectors), use_cache=False)
    shared = [c for c in result.claims if len(c.articles) == 2]
    assert len(shared) == 1 and {m.sentence for m in shared[0].members} == {0}
    assert shared[0].label in (Relation.AGREEMENT, Relation.PARAPHRASE)
    assert all(c.label is Relation.UNSUPPORTED for c in result.claims if c is not shared[0])


# --- the link scorer's two paths ----------------------------------------------------------------
def test_dense_and_sparse_link_scores_agree_on_a_corpus_across_the_limit():
    """Below `search.dense_limit` every link is computed at once, above it pair by pair: the
    same corpus scored both ways gives the same links (shared rare words, negations, frames,
    headings and same-article pairs included)."""
    rng = np.random.default_rng(11)
    pieces = [
        "The ministry rejected the offer of aid",
        "The ministry did not reject the offer of aid",
        "Officials proposed a treaty on air defense",
        "The pact does not encompass defense clauses",
        "The pact also encompasses a defense pact",
        "Rebels attacked the convoy near the border",
        "Talks were brokered by Qatar",
        "Unemployment rose to 6 percent",
    ]
    texts = [
        f"{rng.choice(pieces)} in {rng.choice(['Tehran', 'Moscow', 'Doha', 'Kyiv'])} on day {i % 9}."
        for i in range(240)
    ]
    vectors = rng.normal(size=(len(texts), 24)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    articles = rng.integers(0, 6, size=len(texts))
    headings = rng.random(len(texts)) < 0.05
    idf = Idf.fit(stems(t) for t in texts)
    assert idf.rare < float("inf"), "the corpus must be large enough for rare words to count"
    dense = LinkScorer(texts, vectors, idf, articles, headings, dense_limit=len(texts))
    sparse = LinkScorer(texts, vectors, idf, articles, headings, dense_limit=len(texts) - 1)
    assert dense.rows is not None and sparse.rows is None
    pairs = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    got_dense = np.array([dense.link(i, j) for i, j in pairs])
    got_sparse = np.array([sparse.link(i, j) for i, j in pairs])
    assert np.abs(got_dense - got_sparse).max() < 1e-5


@pytest.mark.parametrize("sensitivity", [0.0, 0.5, 1.0])
def test_merge_bars_are_named_and_ordered(sensitivity):
    bars = claims.thresholds(sensitivity)
    assert bars.average < bars.edge and bars.repeat < bars.restate


def _build(unit_list: list[claims.Unit], gram, sure: dict[frozenset[str], float], sensitivity: float):
    """build_claims over one group of all units, with each pair's confidence given by `sure`."""
    vectors = vectors_with_cosines(gram)
    idf = Idf.fit(stems(u.text) for u in unit_list)
    position = {u.ref: n for n, u in enumerate(unit_list)}
    original = claims.confidence
    claims.confidence = lambda a, b, pair, judgement: sure[frozenset((a, b))]  # type: ignore[assignment]
    try:
        return claims.build_claims(
            [list(range(len(unit_list)))],
            unit_list,
            vectors,
            idf,
            order=lambda r: (0, position[r]),
            sensitivity=sensitivity,
        )
    finally:
        claims.confidence = original


def test_a_sentence_stays_in_a_claim_only_through_a_pair_the_engine_is_sure_enough_of():
    gram = [[1.0, 0.9, 0.9, 0.9], [0.9, 1.0, 0.9, 0.9], [0.9, 0.9, 1.0, 0.9], [0.9, 0.9, 0.9, 1.0]]
    sure = {
        together(0, 1): 0.8,
        together(1, 2): 0.6,
        together(0, 2): 0.45,
        together(0, 3): 0.3,
        together(1, 3): 0.4,
        together(2, 3): 0.2,
    }
    loose = _build(units([0, 1, 2, 3]), gram, sure, sensitivity=1.0)
    assert [len(c.members) for c in loose] == [4] and len(loose[0].pairs) == 6
    strict = _build(units([0, 1, 2, 3]), gram, sure, sensitivity=0.5)  # at least 0.5 sure
    assert [sorted(m.sentence for m in c.members) for c in strict] == [[0, 1, 2], [3]]
    # Joined through sure pairs, the three members still list all their pairs (the contract).
    assert sorted(p.confidence for p in strict[0].pairs) == [0.45, 0.6, 0.8]
    assert strict[1].label == Relation.UNSUPPORTED and [c.id for c in strict] == [0, 1]
    assert all(len(c.members) == 1 for c in _build(units([0, 1, 2, 3]), gram, sure, sensitivity=0.1))


def test_restatements_of_one_article_stay_together_whatever_the_sensitivity():
    gram = [[1.0, 0.95], [0.95, 1.0]]
    assert [len(c.members) for c in _build(units([0, 0]), gram, {}, sensitivity=0.0)] == [2]


def _repetitive_corpus(n: int = 240):
    """Units of six articles restating a few facts over and over: groups grow far past the
    sample size (search.representatives)."""
    rng = np.random.default_rng(5)
    pieces = ["The ministry rejected the offer of aid", "Officials proposed a treaty on air defense"]
    texts = [f"{pieces[i % 2]} in {['Tehran', 'Moscow'][i % 3 % 2]} on day {i % 3}." for i in range(n)]
    base = rng.normal(size=(2, 24))
    vectors = np.array([base[i % 2] + 0.05 * rng.normal(size=24) for i in range(n)], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    units = [claims.Unit(SentenceRef(f"a{i % 6}", i), i % 6, text, False, False) for i, text in enumerate(texts)]
    return units, vectors, Idf.fit(stems(t) for t in texts)


def test_big_groups_merge_through_their_samples_without_sorting_whole_groups(monkeypatch):
    """Without the full matrix, grouping compares big groups through fixed samples; each merge
    draws the new sample from the two old ones, so no merge sorts (or walks) a whole group:
    grouping stays near-linear in members on long repetitive inputs (tables, transcripts)."""
    units, vectors, idf = _repetitive_corpus()
    sorted_sizes: list[int] = []
    real = LinkScorer.representatives

    def recording(self, members):
        sorted_sizes.append(len(members))
        return real(self, members)

    monkeypatch.setattr(LinkScorer, "representatives", recording)
    monkeypatch.setattr(claims, "LinkScorer", functools.partial(LinkScorer, dense_limit=0))
    groups = claims.group(units, vectors, idf)
    count = parameters.active().search.representatives
    assert max(len(g) for g in groups) > 2 * count, "the corpus must build groups bigger than two samples"
    assert sorted_sizes and max(sorted_sizes) <= 2 * count


def test_the_sample_of_a_union_is_drawn_from_the_two_samples():
    units, vectors, idf = _repetitive_corpus(120)
    scorer = LinkScorer(
        [u.text for u in units], vectors, idf, np.array([u.article for u in units]), np.zeros(120, bool)
    )
    rng = np.random.default_rng(3)
    for _ in range(50):
        members = rng.permutation(120)[: rng.integers(2, 120)].tolist()
        cut = int(rng.integers(1, len(members)))
        left, right = members[:cut], members[cut:]
        merged = scorer.representatives(scorer.representatives(left) + scorer.representatives(right))
        assert merged == scorer.representatives(members)


def test_a_lone_sentence_that_joins_another_claim_keeps_the_claim_a_third_joined():
    """X (article 0) stood alone and joins the claim {Z, W}; Y (article 1) stood alone and joins
    X's lone claim (Y's offer came first, so X does not also join Y's). X's lone claim is then
    shared with Y and stays; only Y's own lone claim goes. (It once was removed as X's lone
    claim before Y joined it, and the grouping failed with a KeyError.)"""
    n = 4
    links = {frozenset(p): link for p, link in (((0, 2), 0.9), ((0, 3), 0.9), ((2, 3), 0.9), ((0, 1), 0.85))}
    table = LinkTable(links, n)
    table.texts[0], table.texts[1] = "b sentence", "a sentence"  # Y's equal offer sorts first
    members = {0: [0], 1: [1], 2: [2, 3]}
    owner = [0, 1, 2, 2]
    further = claims._further_claims(
        members,
        owner,
        table,  # type: ignore[arg-type]
        {0: {1, 2, 3}, 1: {0}, 2: {0, 3}, 3: {0, 2}},
        [0, 1, 2, 1],
        [False] * n,
        [False] * n,
        parameters.active().claims.bars(0.5),
        parameters.active().label.loose_link,
    )
    assert further == {0: [2], 1: [0]}
    claims._add_further_claims(members, owner, further)
    assert members == {0: [0, 1], 2: [2, 3, 0]}


def test_the_model_reads_at_most_its_share_of_pairs_those_nearest_the_claim_bar_first():
    """Speed: the pair model reads at most `read_share` pairs per sentence for links, and the
    ones it reads are those whose link score is nearest the claim bar, where its reading can
    decide whether two sentences share a claim (far above or below it the link score already
    decides)."""
    unit_list = units([0, 1, 0, 1])
    gram = [
        [1.0, 0.94, 0.75, 0.58],
        [0.94, 1.0, 0.78, 0.6],
        [0.75, 0.78, 1.0, 0.88],
        [0.58, 0.6, 0.88, 1.0],
    ]
    vectors = vectors_with_cosines(gram)
    idf = Idf.fit(stems(u.text) for u in unit_list)
    search = [(0, 1), (0, 3), (1, 2), (2, 3)]
    scorer = LinkScorer([u.text for u in unit_list], vectors, idf, np.array([0, 1, 0, 1]), np.zeros(4, dtype=bool))
    bar = parameters.active().claims.bars(0.5).edge
    # Each sentence's best counterpart: (0, 1) above the bar, (2, 3) nearer it.
    assert abs(scorer.link(2, 3) - bar) < abs(scorer.link(0, 1) - bar)

    def read(share: float) -> list[tuple[int, int]]:
        values = {"pair_model.read_share": share, "pair_model.read_from": 0.3, "pair_model.read_to": 0.95}
        with parameters.trying(parameters.with_values(parameters.active(), values)):
            return claims.pairs_worth_reading(unit_list, vectors, idf, search, 0.5)

    assert read(1.0) == [(0, 1), (2, 3)]
    assert read(0.25) == [(2, 3)], "one pair for four sentences: the one nearest the bar"
    assert read(0.0) == []
