"""`align.relate` on sentence pairs out of context, with the real model (a local package)."""

from __future__ import annotations

import pytest

from align import relate
from align.judge import cues


def test_paraphrase_of_the_same_claim():
    j = relate(
        "Iran has not asked us for military assistance.", "Iran has not requested military assistance from Russia."
    )
    assert j.relation == "paraphrase"
    assert any("asked us for" in e and "requested" in e for e in map(str, j.evidence))


def test_headline_exaggerates_a_mild_refusal_and_names_the_cue():
    j = relate(
        "Putin's Shocking Proposal: Iran Rejects Joint Missile Defense with Russia!",
        "We offered Iran projects to build an air defense system, but they did not show much interest.",
    )
    assert j.relation == "exaggeration" and j.exaggerating == "a"
    assert "Shocking" in str(j.evidence[0]) and "Rejects" in str(j.evidence[0])


def test_declined_is_stronger_than_no_substantial_interest():
    j = relate(
        "However, he noted that Iran did not express substantial interest in these projects.",
        "Putin says he offered joint air defense projects to Iran, but Iran declined.",
    )
    assert j.relation == "exaggeration" and j.exaggerating == "b"
    assert any("declined" in e for e in map(str, j.evidence))


def test_negated_predicate_is_a_contradiction():
    j = relate(
        "The strategic partnership also encompasses a defense pact.",
        "The strategic partnership agreement does not encompass any clauses related to defense.",
    )
    assert j.relation == "contradiction"
    assert any("negation" in e and "encompass" in e for e in map(str, j.evidence))


def test_conflicting_numbers_are_a_contradiction():
    j = relate(
        "The storm killed 12 people in the province on Monday.", "The storm killed 40 people in the province on Monday."
    )
    assert j.relation == "contradiction"
    assert any("12" in e and "40" in e for e in map(str, j.evidence))


def test_unrelated_sentences():
    j = relate(
        "The central bank raised interest rates by half a point.", "The striker scored twice in the second half."
    )
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
    assert "a cause" in str(j.evidence[0]) and "a correlation" in str(j.evidence[0])


# Wire-copy rewordings a fact-checker sees daily: none of them is a conflict or an inflation.
SAME_CLAIM_IN_OTHER_WORDS = [
    ("A company spokesman would not comment on the talks.", "A company spokesman declined to comment on the talks."),
    (
        "The team's coach refused to criticize the referee after the game.",
        "After the game the coach would not criticize the referee.",
    ),
    (
        "Smith won the election with 54 percent of the vote, defeating Jones.",
        "Jones lost the election to Smith, who took 54 percent of the vote.",
    ),
    (
        "The minister denied that the government had misled parliament.",
        "The minister rejected claims that the government misled parliament.",
    ),
    ("No more than 300 people attended the rally.", "About 300 people attended the rally."),
    (
        "The storm killed at least 12 people and left thousands without power.",
        "At least 12 people died in the storm, which cut power to thousands.",
    ),
    (
        "The company will cut 1,000 jobs, or 5 percent of its workforce.",
        "About 5% of the workforce, some 1,000 jobs, will be cut.",
    ),
    (
        "Officials have not yet decided whether to reopen the school.",
        "Officials are still deciding whether the school will reopen.",
    ),
]


@pytest.mark.parametrize("a, b", SAME_CLAIM_IN_OTHER_WORDS)
def test_rewordings_are_not_conflicts_or_exaggerations(a, b):
    j = relate(a, b)
    assert j.relation in ("agreement", "paraphrase"), (j.relation, j.evidence)


@pytest.mark.parametrize(
    "a, b, cue",
    [
        ("Unemployment rose to 6.1 percent in May.", "Unemployment fell to 6.1 percent in May.", "rise / fall"),
        (
            "The company reported a profit of $1.2 billion for the quarter.",
            "The company reported a loss of $1.2 billion for the quarter.",
            "profit / loss",
        ),
        ("Smith won the election.", "Smith lost the election.", "win / lose"),
    ],
)
def test_opposite_predicates_about_one_actor_conflict(a, b, cue):
    j = relate(a, b)
    assert j.relation == "contradiction" and any(cue in e for e in map(str, j.evidence)), j.evidence


def test_a_negated_noun_phrase_denies_its_head_noun_not_its_adjective():
    # "not a recent phenomenon" says nothing against "recent statements".
    j = relate(
        "The relationship between the two countries is not a recent phenomenon; it spans decades.",
        "The recent statements from the president shed light on the relationship between the two countries.",
    )
    assert j.relation != "contradiction", j.evidence
    j = relate("She is not a member of the board.", "She is a member of the board.")
    assert j.relation == "contradiction" and any("member" in e for e in map(str, j.evidence)), j.evidence


def test_calling_the_claim_a_hoax_contradicts_it():
    j = relate(
        "A spider crawled into a man's ear and lived there for a week.",
        "The story of the spider living in a man's ear for a week was a hoax.",
    )
    assert j.relation == "contradiction" and any("calls it false ('hoax')" in e for e in map(str, j.evidence)), (
        j.evidence
    )
    # A technical "false positive" calls nothing false.
    j = relate(
        "The new blood test detects early liver cancer in most patients.",
        "The new blood test detects early liver cancer in most patients, with few false positives.",
    )
    assert j.relation != "contradiction", j.evidence


def test_exaggeration_evidence_lists_raising_cues_for_the_stronger_side_and_hedges_for_the_milder():
    j = relate(
        "The new drug dramatically cuts migraine attacks.", "The new drug may cut migraine attacks in some patients."
    )
    assert j.relation == "exaggeration" and j.exaggerating == "a", j.evidence
    stronger = next(e for e in map(str, j.evidence) if e.startswith("a is stronger"))
    milder = next(e for e in map(str, j.evidence) if e.startswith("b is milder"))
    assert "dramatically" in stronger and "(hedged)" not in stronger
    assert "may (hedged)" in milder


def test_its_is_not_a_clickbait_phrase():
    assert cues.sensational("The company and its partners signed the contract.") == []


def test_a_loose_member_of_a_claim_is_not_called_an_inflation_or_a_conflict():
    from align.judge.relations import PairFeatures, label

    loose = PairFeatures(cosine=0.4, lexical=0.05, shared_stems=("iran",), shared_frames=frozenset())
    j = label("Iran Shockingly Rejects 12 Offers!", "Analysts say Iran may weigh 40 proposals.", loose)
    assert j.relation == "paraphrase"
    assert any("loosely related" in e for e in map(str, j.evidence))


def test_not_yet_done_contradicts_done():
    j = relate("The council has not yet approved the new housing plan.", "The council approved the new housing plan.")
    assert j.relation == "contradiction" and any("not yet" in e for e in map(str, j.evidence)), j.evidence


def test_a_figure_given_roughly_matches_a_close_exact_one_but_not_a_different_one():
    j = relate("About 2 million people live in the coastal city.", "The coastal city has 2.1 million people.")
    assert j.relation != "contradiction", j.evidence
    j = relate("About 2 million people live in the coastal city.", "The coastal city has 3 million people.")
    assert j.relation == "contradiction" and any("numbers differ" in e for e in map(str, j.evidence)), j.evidence


def test_opposite_predicates_about_different_things_are_not_a_conflict():
    from align.judge import conflicts

    about_tax = "Both parties have found common ground in their opposition to the mining tax."
    assert not conflicts.evidence(
        about_tax, "For both parties, supporting the rail link may be a way to win votes in the north."
    )
    assert conflicts.evidence("Both parties support the mining tax.", "Both parties oppose the mining tax.")
