"""The classes of pairs the pair model was brought in for (issue 28), each checked on judged
cross-outlet pairs of training/data/news_pairs.jsonl (real BASIL sentences, judged from the texts
alone), out of context (`align.relate_many`, as the public-set benchmarks call it) and, where
the class is about linking, inside `align.align`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import align
from align import evidence as say
from align.evidence import EvidenceKind
from align.judge import framing, lexical
from align.judge.linkscore import QUOTE_WORDS

PAIRS = Path(__file__).resolve().parents[3] / "training" / "data" / "news_pairs.jsonl"
CONFLICT_KINDS = {EvidenceKind.NEGATION, EvidenceKind.NUMBERS, EvidenceKind.CALLS_FALSE, EvidenceKind.OPPOSITE}


@pytest.fixture(scope="module")
def judged() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]


def texts(row: dict) -> tuple[str, str]:
    return row["a"]["text"], row["b"]["text"]


# --- a quotation both outlets print is an agreement ---------------------------------------------
def quoted_agreements(judged: list[dict]) -> list[dict]:
    return [r for r in judged if r["label"] == "agreement" and lexical.shared_quote_words(*texts(r)) >= QUOTE_WORDS]


def test_a_quotation_of_five_words_or_more_is_an_agreement_whatever_surrounds_it(judged: list[dict]) -> None:
    rows = quoted_agreements(judged)
    assert len(rows) >= 10  # the class is common in the judged pairs
    found = align.relate_many([texts(r) for r in rows])
    wrong = [(texts(r), j.relation) for r, j in zip(rows, found, strict=True) if j.relation != "agreement"]
    assert not wrong, wrong
    # The line that decided it comes first: the words both print.
    assert all(j.evidence[0].kind is EvidenceKind.SAME_PASSAGE for j in found)


def test_two_outlets_printing_one_quotation_share_a_claim_as_an_agreement(judged: list[dict], tmp_path: Path) -> None:
    # Two short articles of one judged story, each made of its outlet's judged sentences: the
    # pair whose quotation both print must end in one claim, labelled agreement.
    row = next(r for r in quoted_agreements(judged) if len(r["a"]["text"]) > 60 and len(r["b"]["text"]) > 60)
    story = [r for r in judged if r["story"] == row["story"]]
    for side in ("a", "b"):
        outlet = row[side]["outlet"]
        others = [s["text"] for r in story for s in (r["a"], r["b"]) if s["outlet"] == outlet]
        sentences = list(dict.fromkeys([*others[:10], row[side]["text"]]))
        (tmp_path / f"{outlet}.txt").write_text(
            f"What {outlet} reported\n\n" + "\n\n".join(sentences) + "\n", encoding="utf-8"
        )
    result = align.align(align.load_corpus([tmp_path]), use_cache=False)
    a_text, b_text = texts(row)
    together = [
        p
        for c in result.claims
        for p in c.pairs
        if {result.sentence(p.a).text, result.sentence(p.b).text} == {a_text, b_text}
    ]
    assert together, "the quoted pair is in no claim together"
    assert together[0].relation == "agreement"


# --- a contradiction needs the same subject -------------------------------------------------------
def test_a_negated_predicate_of_the_same_subject_stays_a_contradiction(dataset) -> None:  # type: ignore[no-untyped-def]
    # SICK TRIAL's contradictions (the set's development part): the same subject, the predicate
    # negated or its opposite. Most stay contradictions, and the deciding line comes first.
    from benchmarks import public_sets

    sick = dataset("sick").parent
    rows = [p for p in public_sets.sick(sick, ("TRIAL",)) if p.label == "CONTRADICTION"]
    found = align.relate_many([(p.a, p.b) for p in rows])
    called = [j for j in found if j.relation == "contradiction"]
    assert len(called) >= 0.8 * len(rows), f"{len(called)} of {len(rows)}"
    assert all(j.evidence[0].kind in CONFLICT_KINDS | {EvidenceKind.MODEL} for j in called)


def test_a_negation_said_of_another_subject_is_no_conflict(dataset) -> None:  # type: ignore[no-untyped-def]
    # SICK TRAIN's neutral pairs where one side negates the predicate the other asserts, of
    # another subject ("A man is not playing a guitar" / "A girl is playing a guitar"): each can
    # be true with the other. The word rule alone used to call every one a conflict.
    from align.judge import conflicts
    from align.judge.linkscore import opposed
    from benchmarks import public_sets

    sick = dataset("sick").parent
    neutral = [p for p in public_sets.sick(sick, ("TRAIN",)) if p.label == "NEUTRAL"]
    negated = [p for p in neutral if opposed(p.a, p.b)]  # a negation of what the other asserts, any subject
    assert len(negated) >= 100, len(negated)  # the class is common there
    other_subject = [
        p
        for p in negated
        if not (conflicts.negation_conflicts(p.a, p.b, "a", "b") or conflicts.negation_conflicts(p.b, p.a, "b", "a"))
    ]
    assert len(other_subject) >= 25, len(other_subject)
    found = align.relate_many([(p.a, p.b) for p in other_subject])
    called = [(p.a, p.b) for p, j in zip(other_subject, found, strict=True) if j.relation == "contradiction"]
    assert len(called) <= 0.1 * len(other_subject), called[:5]
    # and the issue's own example, both ways round
    for a, b in (
        ("His aide has no regrets.", "The minister regrets it."),
        ("The minister regrets it.", "His aide has no regrets."),
    ):
        assert not conflicts.evidence(a, b)
    assert conflicts.evidence("The minister has no regrets.", "The minister regrets it.")


# --- framing: a stronger rank or role ------------------------------------------------------------
# MRPC train (#1 of its class in ~20,000 pairs of the training sets and the judged news pairs):
# one outlet calls the group "the group leading" the campaign, the other "one of the groups".
AMONG_GROUPS = (
    "Officials with Rescue California, one of the groups leading the recall campaign, called the lawsuit laughable."
)
THE_GROUP = 'The director of Rescue California, the group leading the recall campaign, called the lawsuit "laughable."'
# The issue's own example, and its like with a rank word on the first side.
FAVOURITE = "Smith is the favourite to win the party's nomination."
ONE_OF_SEVERAL = "Smith is one of several candidates for the party's nomination."
FRONT_RUNNER = "Clinton is the front-runner for the Democratic nomination."
AMONG_CANDIDATES = "Clinton is among the candidates for the Democratic nomination."


@pytest.mark.parametrize(
    ("first", "among"), [(THE_GROUP, AMONG_GROUPS), (FAVOURITE, ONE_OF_SEVERAL), (FRONT_RUNNER, AMONG_CANDIDATES)]
)
def test_putting_the_subject_first_against_among_others_is_an_exaggeration_by_the_first(first: str, among: str) -> None:
    for (a, b), side in (((first, among), "a"), ((among, first), "b")):
        j = align.relate(a, b)
        assert (j.relation, j.exaggerating) == ("exaggeration", side), (a, b, j)
        assert j.evidence[0].kind is EvidenceKind.RANK and j.evidence[0].side == side
        # The line quotes what each side wrote in the slot, and names the sides as the reader's view does.
        told = say.told(j.evidence[0], "Fox", "NYT")
        assert (
            told.startswith(f"rank: {'Fox' if side == 'a' else 'NYT'} puts it first ('") and "among others ('" in told
        )


def test_a_rank_that_both_or_neither_give_or_one_side_merely_adds_is_no_framing(judged: list[dict]) -> None:
    assert framing.ranked_first("Smith is one of the favourites.", "Smith is one of several candidates.") is None
    assert framing.ranked_first("Smith is the favourite to win.", "Smith is the front-runner to win.") is None
    # A rank one outlet adds to a shared fact is a detail of its own ("Presumptive GOP nominee
    # Romney joined ..." / "Romney joined ..."): the judges never called such a pair an exaggeration,
    # and the rule fires on none of the 2,879 judged pairs they did not call one.
    rows = [r for r in judged if r["label"] != "exaggeration"]
    assert len(rows) > 2500
    fired = [texts(r) for r in rows if framing.ranked_first(*texts(r))]
    assert not fired, fired[:3]


# --- framing: graver wording for the same thing -------------------------------------------------
# Training material where one side names the thing more gravely (benchmarks/framing.py lists
# every pair of the training sets the rule fires on): STS-B train headlines, MRPC train, and two
# judged news pairs the judges called an exaggeration by their first side.
GRAVER_PAIRS = [
    ("Gunman may have filmed school massacre", "Killer may have filmed France school shooting", "massacre", "shooting"),
    ("US stocks tumble on third day of shutdown", "Stocks fall on third day of government shutdown", "tumble", "fall"),
    (
        "Cullen, 43, is charged with murdering a Catholic clergyman and attempting to kill another.",
        "Cullen, 43, is charged with killing a Roman Catholic Church official and attempting to kill another.",
        "murdering",
        "killing",
    ),
    (
        "Elizabeth Cheney blasted by older sister over gay-marriage stance",
        "Mary Cheney Criticizes Her Sister on Same-Sex Marriage",
        "blasted",
        "Criticizes",
    ),
    (
        "Aide to GOP lawmaker apologizes for Facebook post ripping Obama daughters",
        "GOP Staffer Apologizes For Lecturing Obama Daughters To 'Show A Little Class'",
        "ripping",
        "Lecturing",
    ),
    # The issue's own example.
    (
        "Officers found a bomb outside the embassy on Friday.",
        "Officers found a suspicious package outside the embassy on Friday.",
        "bomb",
        "package",
    ),
]


@pytest.mark.parametrize(("graver", "plainer", "graver_words", "plain_words"), GRAVER_PAIRS)
def test_a_graver_word_for_the_same_thing_is_an_exaggeration_by_its_side(
    graver: str, plainer: str, graver_words: str, plain_words: str
) -> None:
    for (a, b), side in (((graver, plainer), "a"), ((plainer, graver), "b")):
        j = align.relate(a, b)
        assert (j.relation, j.exaggerating) == ("exaggeration", side), (a, b, j)
        assert j.evidence[0].kind is EvidenceKind.GRAVER and j.evidence[0].side == side
        other = "NYT" if side == "a" else "Fox"
        told = say.told(j.evidence[0], "Fox", "NYT")
        assert (
            told
            == f"graver wording: {'Fox' if side == 'a' else 'NYT'} says '{graver_words}' where {other} says '{plain_words}'"
        )


def test_nearly_the_same_words_with_a_graver_one_are_no_agreement() -> None:
    # 90 % alike by wording, which alone would make an agreement; one word names the event more gravely.
    a = "Police said the gunman carried out a massacre at the school on Tuesday."
    b = "Police said the gunman carried out a shooting at the school on Tuesday."
    j = align.relate(a, b)
    assert (j.relation, j.exaggerating) == ("exaggeration", "a")
    # The same words on both sides, or plain ones on both, leave nothing to weigh.
    assert str(align.relate(a, a).relation) == "agreement"
    assert framing.graver_wording(a, a.replace("a massacre", "the massacre")) is None
    assert framing.graver_wording(b, b.replace("a shooting", "the shooting")) is None


def test_graver_wording_fires_on_no_judged_pair_the_judges_did_not_call_an_exaggeration(judged: list[dict]) -> None:
    # Read only where both sides fill one slot: a graver word one side merely adds, or uses about
    # another thing, is no framing of the shared fact.
    rows = [r for r in judged if r["label"] != "exaggeration"]
    assert len(rows) > 2500
    fired = [texts(r) for r in rows if framing.graver_wording(*texts(r))]
    assert not fired, fired[:3]
    assert framing.graver_wording("Rioters set fire to cars.", "The shooting left two dead.") is None


# --- evidence a reader can use ------------------------------------------------------------------
FIRST_LINE = {
    "contradiction": CONFLICT_KINDS | {EvidenceKind.MODEL},
    "agreement": {EvidenceKind.SAME_WORDS, EvidenceKind.SAME_PASSAGE},
    "exaggeration": {
        EvidenceKind.STRONGER,
        EvidenceKind.CERTAINTY,
        EvidenceKind.CLAIM_LEVEL,
        EvidenceKind.RANK,
        EvidenceKind.GRAVER,
        EvidenceKind.MODEL,
    },
    "paraphrase": {EvidenceKind.MODEL, EvidenceKind.WORD_CHANGE, EvidenceKind.SHARED_WORDS, EvidenceKind.OTHER_WORDS},
    "unrelated": {EvidenceKind.BELOW_THRESHOLD, EvidenceKind.MODEL},
}


def test_evidence_lines_name_telling_words_and_the_deciding_line_comes_first(judged: list[dict]) -> None:
    # Every second shared-fact pair (about 490 of both rounds): the suite's time stays in CI's budget.
    rows = [r for r in judged if r["shares_fact"]][::2]
    for row, j in zip(rows, align.relate_many([texts(r) for r in rows]), strict=True):
        a, b = texts(row)
        assert j.evidence and j.evidence[0].kind in FIRST_LINE[str(j.relation)], (a, b, j)
        for line in j.evidence:
            if not str(line).startswith("only in "):
                continue
            words = [w.lower() for w in lexical.words(str(line).split(": ", 1)[1])]
            content = [w for w in words if len(w) > 1 and w not in lexical.STOPWORDS]
            # Never a lone stopword or letter; never words the other side has too.
            assert content, (a, b, str(line))
            other = {w.lower() for w in lexical.words(b if line.side == "a" else a)}
            assert not all(w in other for w in content), (a, b, str(line))


def test_a_long_only_in_line_starts_at_a_word_the_other_side_lacks() -> None:
    # From round 2 of the judged pairs: the span only the first sentence has begins with words the
    # second also prints (moved there); clipped to its start, the line used to show only those.
    a = (
        "WASHINGTON -- The U.S. Department of the Treasury announced Thursday that when it comes to taxes, it will "
        "recognize same-sex couples' marriages even if they live in a state that does not."
    )
    b = (
        "WASHINGTON – Legally married same-sex couples will now be allowed to file federal joint tax returns, the "
        "IRS and Treasury Department announced Thursday."
    )
    from align.judge.relations import word_changes

    lines = [line for line in word_changes(a, b) if line.side == "a" and str(line).startswith("only in a")]
    assert lines
    for line in lines:
        first = lexical.words(str(line).split(": ", 1)[1])[0].lower()
        assert first not in {w.lower() for w in lexical.words(b)} and first not in lexical.STOPWORDS, str(line)
