"""Issue 12, "evidence a reader cannot use": the words an evidence line quotes are the words as
the articles write them (no stems, contractions and abbreviations intact). Pairs from same-claim
cases of the gold standard's FIT half (real Fox / NYT / HuffPost sentences)."""

from __future__ import annotations

import re

import pytest

from align import relate
from align.evidence import EvidenceKind
from align.judge.relations import word_changes

GOLD_FIT_PAIRS = [
    (
        "He doesn't have a birth certificate or he hasn't shown it.",
        '"I\'m not convinced that he has one," Trump said of the birth certificate issue.',
    ),
    (
        "Fifteen of the 19 Sept. 11 hijackers were Saudi nationals.",
        "Fifteen of the 19 hijackers on 9/11 were Saudi citizens, but the Saudi government denies any role in the"
        " attacks and multiple U.S. government investigations have cleared it of blame.",
    ),
    (
        "They won't be laughing if I'm elected president,\" he said.",
        "They won't be laughing if I'm elected president.\"",
    ),
    (
        "The administration has argued that such a measure would put Americans overseas at risk.",
        "Administration officials warn that it would put Americans overseas, including U.S. troops, at risk of legal action.",
    ),
]


@pytest.mark.parametrize(("a", "b"), GOLD_FIT_PAIRS)
def test_every_quoted_passage_of_the_evidence_is_written_in_the_sentence_it_names(a, b):
    judgement = relate(a, b)
    for item in judgement.evidence:
        if item.kind is not EvidenceKind.WORD_CHANGE:
            continue
        if item.text.startswith("changed: "):
            left, right = item.text[len("changed: ") :].split(" → ")
            assert left.strip("'").rstrip("…") in a and right.strip("'").rstrip("…") in b, item.text
        else:
            side_text = a if item.side == "a" else b
            passage = item.text.split(": ", 1)[1].strip("'").rstrip("…")
            assert passage in side_text, item.text


def test_shared_words_are_words_of_the_sentence_not_stems():
    a, b = GOLD_FIT_PAIRS[3]
    judgement = relate(a, b)
    shared = next(e for e in judgement.evidence if e.kind is EvidenceKind.SHARED_WORDS)
    words = shared.text.split(": ", 1)[1].split(", ")
    assert words and all(re.search(rf"\b{re.escape(w)}\b", a) for w in words), shared.text


def test_contractions_stay_whole_in_a_changed_line():
    judgement = relate("He doesn't have a birth certificate.", "He does have a birth certificate, he said.")
    texts = " ".join(e.text for e in judgement.evidence)
    assert "doesn't" in texts and "doesn " not in texts


def test_changed_lines_only_for_one_slot_filled_two_ways():
    # Issue 12, "'changed' lines pairing unrelated words": difflib pairs whatever lies between
    # two shared words; only a short span beside a shared content word is one slot.
    changes = [
        str(e)
        for e in word_changes(
            "The minister quits in protest over the policy.", "The minister will retire in the spring."
        )
    ]
    assert "changed: 'quits' → 'will retire'" in changes  # beside "minister"
    assert not any("'policy' → 'spring'" in c for c in changes)  # only "the" pins these
    assert "only in a: 'policy'" in changes and "only in b: 'spring'" in changes
