"""A cue counts only on what it is said of.

- A strength cue in a clause that only one side adds ("..., but the Saudi government denies any
  role") does not make that side exaggerate the claim both state.
- A debunking word calls the other sentence false only when said of a claim ("the story is a
  hoax", "a false story") or of something the other sentence states, not when it describes
  another thing ("bogus lawsuits", "a fake website").

Pairs from training and development material: the gold standard's fit half (BASIL story
2016-1b96a5db) and the FNC-1 development part (Body ID < 1000).
"""

from __future__ import annotations

import pytest

from align.judge import clauses, conflicts
from align.judge.lexical import generic_idf
from align.judge.linkscore import features
from align.judge.relations import label
from align.models import Relation


def relation(a: str, b: str, cosine: float = 0.8) -> tuple[Relation, str | None]:
    judged = label(a, b, features(a, b, cosine, generic_idf()))
    return judged.relation, judged.exaggerating


HIJACKERS = "Fifteen of the 19 Sept. 11 hijackers were Saudi nationals."
HIJACKERS_AND_DENIAL = (
    "Fifteen of the 19 hijackers on 9/11 were Saudi citizens, but the Saudi government denies any role in the "
    "attacks and multiple U.S. government investigations found no evidence of official involvement."
)


def test_the_core_of_a_sentence_is_the_clauses_that_state_the_shared_claim():
    assert clauses.core(HIJACKERS_AND_DENIAL, HIJACKERS) == "Fifteen of the 19 hijackers on 9/11 were Saudi citizens"
    assert clauses.core(HIJACKERS, HIJACKERS_AND_DENIAL) == HIJACKERS, "one clause is its own core"


def test_a_cue_in_a_clause_only_one_side_adds_makes_no_exaggeration():
    assert relation(HIJACKERS, HIJACKERS_AND_DENIAL)[0] is not Relation.EXAGGERATION
    # The same cue inside the shared claim still counts: the side that states it exaggerates.
    # (The DESIGN example, with a clause added on each side.)
    rejects = "Iran rejects the joint missile defense with Russia, which Moscow had offered in June."
    lukewarm = "Iran did not show much interest in a joint missile defense with Russia, while talks go on."
    assert relation(rejects, lukewarm) == (Relation.EXAGGERATION, "a")


def test_a_clause_that_brings_words_of_the_other_sentence_stays_in_the_core():
    other = "The bill lets families of victims sue Saudi Arabia, which has lobbied fiercely against it."
    text = "The bill lets families sue, which Saudi Arabia lobbied fiercely against."
    assert "fiercely" in clauses.core(text, other)


def calls_false(a: str, b: str) -> bool:
    return any(e.kind.value == "calls-false" for e in conflicts.evidence(a, b))


@pytest.mark.parametrize(
    "a, b",
    [
        # Gold fit half (2016-1b96a5db): "bogus" describes lawsuits, which the other never mentions.
        (
            "Administration officials warn that it would put Americans overseas at legal risk and leave the United "
            "States vulnerable to bogus lawsuits.",
            "The administration has argued that such a measure would put Americans at legal risk overseas from "
            "retaliating nations.",
        ),
        # FNC-1 development part: a fake website is not the other sentence's claim.
        (
            "Fowler Falls For Fake Website, Makes Crazy Claims About Tennis Star",
            "Fowler cited Nishikori as having earned $46 million in 2014.",
        ),
        # Both sides call something false: they agree that the rumour is one.
        (
            "Hugh Hefner is not dead: Playboy founder makes it to film night despite mortality rumours",
            "Hugh Hefner is very much still alive, despite a hoax concerning his death.",
        ),
    ],
)
def test_a_debunking_word_about_something_else_is_no_conflict(a, b):
    assert not calls_false(a, b)


@pytest.mark.parametrize(
    "a, b",
    [
        # FNC-1 development part: said of the claim, as a predicate or on a claim noun.
        (
            "Florida Woman Has Surgery To Add Third Breast To Her Chest",
            "The woman who claimed she had a third breast was lying and the story is a hoax.",
        ),
        (
            "A Pregnant Woman Has Lost Her Eye After Being Shot W/ Bean Bag In Ferguson",
            "We just found out the #Ferguson Protester who claim she was shot in the eye with a rubber bullet was a "
            "false story guys.",
        ),
        ("There is no evidence that he was born in Kenya.", "He was born in Kenya, his grandmother said."),
    ],
)
def test_a_debunking_word_said_of_the_claim_is_a_conflict(a, b):
    assert calls_false(a, b) or calls_false(b, a)


# --- a cue inside a quotation is the speaker's -----------------------------------------------------
# Judged news pairs (training/data/news_pairs.jsonl), each judged a paraphrase: one outlet prints
# the speaker's words, cue and all, the other reports them in its own. On the 977 judged pairs that
# share a fact, counting cues in the outlet's own words only puts 11 labels right and 3 wrong.
QUOTED_CUE_PARAPHRASES = [
    (
        "“Mexican people, we are not going to pay any single cent for such a stupid wall!” Mr. Calderón told CNBC.",
        "The comments from Fox echo those of his successor, Felipe Calderón, who a week ago asserted that Mexico "
        "will not pay for a border wall.",
    ),
    (
        "“Hello, my name is the Republican Party and I have a problem!” he declared.",
        '"I have not heard people in the Republican Party admit yet that they have a problem," he said.',
    ),
]


@pytest.mark.parametrize(("quoted", "reported"), QUOTED_CUE_PARAPHRASES)
def test_a_cue_inside_a_quotation_is_the_speakers_not_the_outlets(quoted: str, reported: str) -> None:
    assert relation(quoted, reported) == (Relation.PARAPHRASE, None)
    assert relation(reported, quoted) == (Relation.PARAPHRASE, None)
    # The same words in the outlet's own voice still make it the stronger side.
    own = quoted.replace("“", "").replace("”", "")
    assert relation(own, reported) == (Relation.EXAGGERATION, "a")
