"""Issue 12, "identical quotes labelled paraphrase": two outlets printing the same quote agree,
whatever each says around it. The pairs are same-claim cases of the gold standard's FIT half
(benchmarks/gold/, real Fox / NYT / HuffPost stories), where the judges accepted only agreement."""

from __future__ import annotations

import pytest

from align import relate
from align.evidence import EvidenceKind
from align.judge.relations import shared_passage

QUOTED_BY_BOTH = [
    (
        '"I have people that actually have been studying it and they cannot believe what they\'re finding,"'
        ' Trump told NBC\'s "Today" show on Thursday.',
        'His response: "Well, I have people that actually have been studying it and they cannot believe'
        " what they're talking.\"",
    ),
    (
        "I wish I didn't have to do it.\"",
        '"I wish I didn\'t have to do it," he said.',
    ),
    (
        '"It seems to me first of all, from what I understand from doctors, that\'s really rare," Akin told KTVI.',
        '"From what I understand from doctors, that\'s really rare," said Akin said of pregnancies caused by rape.',
    ),
    (
        "“To put this in stark contrast, if you help me win this race you may have someone with your background,"
        " your experience, your voice, someone who’s been literally fighting tort reform for thirty years, in a"
        " visible or public way, on the Senate Judiciary Committee,” he said.",
        '"If you help me win this race, you may have someone with your background, your experience, your voice'
        ' ... on the Senate Judiciary Committee," Braley said.',
    ),
]


@pytest.mark.parametrize(("a", "b"), QUOTED_BY_BOTH)
def test_the_same_quote_in_two_outlets_is_an_agreement_and_the_evidence_quotes_it(a, b):
    judgement = relate(a, b)
    assert judgement.relation == "agreement"
    passage = next(e for e in judgement.evidence if e.kind is EvidenceKind.SAME_PASSAGE)
    count, words = shared_passage(a, b)
    assert f"same {count} words" in passage.text and words[:20] in passage.text


def test_the_passage_is_shown_as_written_with_its_contractions():
    count, words = shared_passage('"I wish I didn\'t have to do it," he said.', "I wish I didn't have to do it.")
    assert (count, words) == (8, "I wish I didn't have to do it")


def test_a_few_shared_words_do_not_make_an_agreement():
    # Gold fit half, 2011, an `apart` case: two different facts about one poll.
    a = (
        "Trump, who placed second in an NBC/ Wall Street Journal poll of potential 2012 Republican candidates,"
        " said he will decide by June whether to run."
    )
    b = (
        "An NBC News/Wall Street Journal poll showed Mr. Trump as the most favored candidate among Republicans"
        " who consider themselves Tea Party supporters."
    )
    judgement = relate(a, b)
    assert shared_passage(a, b) == (4, "Wall Street Journal poll")
    assert all(e.kind is not EvidenceKind.SAME_PASSAGE for e in judgement.evidence)
