"""`align.relate` on sentence pairs out of context, with the real model (a local package)."""

from __future__ import annotations

import pytest

from align import relate


def test_paraphrase_of_the_same_claim():
    j = relate("Iran has not asked us for military assistance.", "Iran has not requested military assistance from Russia.")
    assert j.relation == "paraphrase"
    assert any("asked us for" in e and "requested" in e for e in j.evidence)


def test_headline_exaggerates_a_mild_refusal_and_names_the_cue():
    j = relate(
        "Putin's Shocking Proposal: Iran Rejects Joint Missile Defense with Russia!",
        "We offered Iran projects to build an air defense system, but they did not show much interest.",
    )
    assert j.relation == "exaggeration" and j.exaggerating == "a"
    assert "Shocking" in j.evidence[0] and "Rejects" in j.evidence[0]


def test_declined_is_stronger_than_no_substantial_interest():
    j = relate(
        "However, he noted that Iran did not express substantial interest in these projects.",
        "Putin says he offered joint air defense projects to Iran, but Iran declined.",
    )
    assert j.relation == "exaggeration" and j.exaggerating == "b"
    assert any("declined" in e for e in j.evidence)


def test_negated_predicate_is_a_contradiction():
    j = relate(
        "The strategic partnership also encompasses a defense pact.",
        "The strategic partnership agreement does not encompass any clauses related to defense.",
    )
    assert j.relation == "contradiction"
    assert any("negation" in e and "encompass" in e for e in j.evidence)


def test_conflicting_numbers_are_a_contradiction():
    j = relate("The storm killed 12 people in the province on Monday.", "The storm killed 40 people in the province on Monday.")
    assert j.relation == "contradiction"
    assert any("12" in e and "40" in e for e in j.evidence)


def test_unrelated_sentences():
    j = relate("The central bank raised interest rates by half a point.", "The striker scored twice in the second half.")
    assert j.relation == "unrelated"
    assert 0.0 <= j.similarity < 0.5


def test_near_identical_quotes_agree():
    j = relate('Putin said: "We are ready to mediate."', 'Putin said, "We are ready to mediate".')
    assert j.relation == "agreement"


@pytest.mark.parametrize("pair", [("", ""), ("Same words here.", "Same words here.")])
def test_degenerate_pairs_do_not_crash(pair):
    j = relate(*pair)
    assert j.relation in {"agreement", "paraphrase", "exaggeration", "contradiction", "unrelated"}
    assert 0.0 <= j.similarity <= 1.0


def test_causal_claim_exaggerates_a_correlation():
    j = relate(
        "Drinking coffee causes heart disease in older adults, the study finds.",
        "Drinking coffee is associated with heart disease in older adults, the study finds.",
    )
    assert j.relation == "exaggeration" and j.exaggerating == "a"
    assert "a cause" in j.evidence[0] and "a correlation" in j.evidence[0]
