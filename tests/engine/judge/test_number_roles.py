"""Issue 12, "false contradictions from numbers of different roles": figures conflict only when
they fill the same role. Pairs from a same-claim case of the gold standard's FIT half (2016, the
9/11 victims' bill; the judges accepted paraphrase), where the engine used to say contradiction."""

from __future__ import annotations

from align import relate
from align.judge import conflicts, lexical

SAME_FIGURES_OTHER_WORDS = (
    "Fifteen of the 19 Sept. 11 hijackers were Saudi nationals.",
    "Fifteen of the 19 hijackers on 9/11 were Saudi citizens, but the Saudi government denies any role in the"
    " attacks and multiple U.S. government investigations have cleared it of blame.",
)
YEARS_OF_TWO_EVENTS = (
    "The legislation gives victims' families the right to sue in U.S. court for any role that elements of the"
    " Saudi government may have played in the 2001 attacks.",
    "The bill addresses a 1976 law that gives other countries broad immunity from American lawsuits, amending it"
    " to allow for nations to be sued in federal courts if they are found to have played any role in terrorist"
    " attacks that killed Americans on home soil.",
)


def test_a_figure_both_sides_give_is_one_figure_whatever_word_follows_it():
    assert conflicts.evidence(*SAME_FIGURES_OTHER_WORDS) == []
    assert relate(*SAME_FIGURES_OTHER_WORDS).relation != "contradiction"


def test_years_of_two_different_things_do_not_conflict():
    assert lexical.quantities("the 2001 attacks") == [("2001", "year:attack", "year")]
    assert lexical.quantities("a 1976 law") == [("1976", "year:law", "year")]
    assert conflicts.evidence(*YEARS_OF_TWO_EVENTS) == []


def test_two_years_for_one_thing_still_conflict_and_the_evidence_names_them():
    for a, b in [
        ("The 2019 law was repealed on Monday.", "The 2018 law was repealed on Monday."),
        ("The plant opened in 2024.", "The plant opened in 2025."),
    ]:
        judgement = relate(a, b)
        assert judgement.relation == "contradiction"
        assert "numbers differ (year)" in judgement.evidence[0].text


def test_two_counts_of_one_thing_still_conflict():
    judgement = relate("12 people died in the fire, officials said.", "40 people died in the fire, officials said.")
    assert judgement.relation == "contradiction" and "12" in judgement.evidence[0].text


def test_two_months_for_one_departure_conflict_and_the_evidence_names_the_slot():
    # The class ("will step down on March 1" / "will leave at the end of June"), and a
    # BASIL dev sentence (2015, Huckabee) against the same departure dated a month later.
    for a, b in (
        ("The governor will step down on March 1.", "The governor will leave office at the end of June."),
        (
            'Huckabee, 59, quit his job hosting his own Fox News show, "Huckabee," in January.',
            "Huckabee quit his Fox News show in February to prepare his campaign.",
        ),
    ):
        judgement = relate(a, b)
        assert judgement.relation == "contradiction", judgement.evidence
        assert any("the date of the departure" in str(e) for e in judgement.evidence)


def test_one_month_on_both_sides_or_two_events_are_no_date_conflict():
    # BASIL dev, 2013 (Jackson): two outlets date the resignation alike.
    same = relate(
        "After winning re-election in November, he resigned, citing his health and the federal investigation.",
        "Jackson resigned from Congress in November amid the investigation and health issues.",
    )
    assert not any("date of" in str(e) for e in same.evidence)
    # Two events, two months: the bill passed in one, was vetoed in another.
    two = relate("The bill passed the Senate in May.", "The president vetoed the bill in September.")
    assert two.relation != "contradiction"
