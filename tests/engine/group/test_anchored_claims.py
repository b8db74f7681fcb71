"""A claim printed by more outlets than `search.all_pairs_limit` pairs each member with its
anchor (the most printed wording) instead of listing every pair of members: labelling and
output grow with the members, not with their square."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from align import parameters, pipeline
from align.group import claims
from align.models import Alignment, SentenceRef
from align.read.reader import load_corpus

COPY = "The city council approved a budget of 40 million dollars for the new bridge on Tuesday."
RAISED = "The city council approved a budget of 90 million dollars for the new bridge on Tuesday."
FILLERS = [
    "Local schools reopened after the winter storm closed roads for a week.",
    "A bakery on Main Street won a regional prize for its rye bread.",
    "The football club signed a young goalkeeper from a rival team.",
    "Heavy rain is expected across the valley through the weekend.",
    "The museum opened an exhibition of maps from the eighteenth century.",
    "A new bus line will link the airport with the university campus.",
    "Firefighters rescued a cat from the roof of the old library.",
    "The hospital hired forty nurses to cut waiting times in its emergency ward.",
]


def _unit(index: int, article: int, text: str) -> claims.Unit:
    return claims.Unit(SentenceRef(f"a{article:02d}", 0), article, text, False)


def test_up_to_the_limit_every_cross_article_pair_is_listed():
    units = [_unit(i, i, COPY) for i in range(5)]
    anchor, pairs = claims.pair_plan(range(5), units, limit=5)
    assert anchor is None and len(pairs) == 10


def test_above_the_limit_each_member_pairs_with_the_most_printed_wording():
    texts = [RAISED, COPY, RAISED, COPY, COPY, "The council backed 40 million dollars for the bridge."]
    units = [_unit(i, i, t) for i, t in enumerate(texts)]
    units.append(_unit(6, 1, COPY))  # a second member of article 1, the anchor's own article
    anchor, pairs = claims.pair_plan(range(7), units, limit=4)
    assert anchor == 1, "the first member printing the most printed wording"
    assert len(pairs) == 6, "one pair per member but the anchor"
    assert all(i < j for i, j in pairs), "pair sides in reading order"
    own = [p for p in pairs if 6 in p]
    assert own and all(units[other].article != 1 for other in own[0] if other != 6), "never a same-article pair"
    assert {m for p in pairs for m in p} == set(range(7))


def _write_story(folder: Path, copies: int, raised: int) -> None:
    folder.mkdir()
    for n in range(copies + raised):
        claim = RAISED if n >= copies else COPY
        filler = FILLERS[n % len(FILLERS)]
        (folder / f"outlet{n:02d}.txt").write_text(f"Report {n} from the town\n\n{claim} {filler}\n", encoding="utf-8")


def _bridge_claim(result: Alignment):
    for claim in result.claims:
        texts = {result.sentence(m).text for m in claim.members}
        if COPY in texts:
            return claim
    raise AssertionError("no claim holds the budget sentence")


def test_a_sentence_thirty_outlets_print_is_one_anchored_claim(tmp_path: Path):
    _write_story(tmp_path / "story", copies=27, raised=3)
    result = pipeline.align(load_corpus([str(tmp_path / "story")]), use_cache=False)
    claim = _bridge_claim(result)
    limit = parameters.active().search.all_pairs_limit
    assert len(claim.members) > limit
    assert claim.anchor is not None and result.sentence(claim.anchor).text == COPY
    assert len(claim.pairs) == len(claim.members) - 1  # not 30 * 29 / 2 = 435
    assert all(claim.anchor in (p.a, p.b) for p in claim.pairs)
    raised = [p for p in claim.pairs if RAISED in (result.sentence(p.a).text, result.sentence(p.b).text)]
    assert raised and all(p.relation == "contradiction" for p in raised), "40 vs 90 million is still a contradiction"
    # the anchor survives the JSON contract both ways
    again = Alignment.from_json(result.to_json())
    assert _bridge_claim(again).anchor == claim.anchor
    assert '"anchor"' in result.to_json()


def test_with_a_higher_limit_the_same_claim_lists_every_pair(tmp_path: Path):
    _write_story(tmp_path / "story", copies=27, raised=3)
    active = parameters.active()
    with parameters.trying(replace(active, search=replace(active.search, all_pairs_limit=100))):
        result = pipeline.align(load_corpus([str(tmp_path / "story")]), use_cache=False)
    claim = _bridge_claim(result)
    n = len(claim.members)
    assert claim.anchor is None and len(claim.pairs) == n * (n - 1) // 2


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_the_report_says_an_anchored_claim_compares_each_version_with_the_most_printed(tmp_path: Path):
    from align.markdown import render_markdown as render

    _write_story(tmp_path / "story", copies=27, raised=3)
    result = pipeline.align(load_corpus([str(tmp_path / "story")]), use_cache=False)
    report = render(result)
    assert "Each version against the most printed one" in report
    plain = replace(result, claims=tuple(replace(c, anchor=None) for c in result.claims))
    assert "Each version against the most printed one" not in render(plain)
