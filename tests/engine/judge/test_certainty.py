"""Issue 12, "certainty as a first-class feature" and "'unknown whether' is not a negation": a
fact stated outright is stronger than the same fact only attributed ("claims to", "reportedly"),
and far stronger than the same thing reported as not known ("would not say whether"), which
denies nothing. The sentences are from BASIL stories outside the gold standard's report half
(../shared/datasets/basil-triplets, dev material) and its fit half; the stated counterparts are
the same clause with the cue taken out."""

from __future__ import annotations

import pytest

from align import relate
from align.evidence import EvidenceKind
from align.judge import conflicts, cues

# (sentence reporting something as unknown, the cue, the same thing stated)
UNKNOWN = [
    (
        "Earnest would not say whether the White House believes Clinton broke the law.",
        "not say whether",
        "The White House believes Clinton broke the law.",
    ),
    (
        "Steele has not yet said whether he will try to rebuild his frayed coalition.",
        "not yet said whether",
        "Steele will try to rebuild his frayed coalition.",
    ),
    (
        "It was unclear if other neighboring states would take similar action.",
        "unclear if",
        "Other neighboring states would take similar action.",
    ),
]


@pytest.mark.parametrize(("unknown", "cue", "stated"), UNKNOWN)
def test_not_known_whether_is_not_a_negation(unknown, cue, stated):
    assert cues.certainty(unknown) == (1, cue)
    assert all(negator.lower() not in ("not", "n't") for negator, _word in conflicts.negations(unknown))


@pytest.mark.parametrize(("unknown", "cue", "stated"), UNKNOWN)
def test_a_fact_stated_against_the_same_thing_reported_as_unknown_is_an_exaggeration(unknown, cue, stated):
    for a, b, stronger in ((stated, unknown, "a"), (unknown, stated, "b")):
        judgement = relate(a, b)
        assert judgement.relation == "exaggeration", judgement.evidence
        assert judgement.exaggerating == stronger
        note = next(e for e in judgement.evidence if e.kind is EvidenceKind.CERTAINTY)
        assert note.side == stronger and f"says it is not known ('{cue}')" in note.text


def test_nobody_hurt_against_not_said_whether_anyone_was_hurt_is_no_contradiction():
    # The class: "nobody was hurt" vs "police have not said whether anyone was hurt".
    judgement = relate(
        "Nobody was hurt when the gunman opened fire near the Capitol.",
        "Police have not said whether anyone was hurt when the gunman opened fire near the Capitol.",
    )
    assert judgement.relation == "exaggeration" and judgement.exaggerating == "a"


def test_stated_as_fact_against_attributed_is_an_exaggeration():
    # BASIL dev, 2011 (Wal-Mart): the lawsuit "claims that" the company favours men.
    attributed = "The lawsuit claims that Wal-Mart Stores Inc., the world's largest employer, favors men over women."
    stated = "Wal-Mart Stores Inc., the world's largest employer, favors men over women."
    judgement = relate(stated, attributed)
    assert judgement.relation == "exaggeration" and judgement.exaggerating == "a"
    note = next(e for e in judgement.evidence if e.kind is EvidenceKind.CERTAINTY)
    assert note.text == "certainty: a states it as fact, b attributes it ('claims that')"


@pytest.mark.parametrize(
    "sentence",
    [
        # Gold fit half, 2016: the adjective qualifies a noun, not the sentence's claim.
        "The Senate voted Wednesday to override his veto of a bill to let 9/11 victims sue Saudi Arabia"
        " for its alleged role in the terrorist attacks.",
        # Neutral sourcing is how outlets report facts they state as fact.
        "The bill passed 97-1, according to the Senate clerk.",
        "Obama rejected the bill, the White House said.",
    ],
)
def test_neutral_sourcing_and_qualified_nouns_are_stated_as_fact(sentence):
    assert cues.certainty(sentence) == (3, "")


def test_the_same_quote_is_an_agreement_even_when_one_outlet_says_reportedly():
    # Gold fit half, 2013 (Cheney): both print the quote; one adds "reportedly wrote".
    a = (
        "“It’s not something to be decided by a show of hands,” Mary Cheney reportedly wrote on her personal"
        " Facebook page."
    )
    b = "“It’s not something to be decided by a show of hands,” she wrote."
    assert cues.certainty(a) == (2, "reportedly")
    assert relate(a, b).relation == "agreement"
