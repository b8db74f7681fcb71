"""The widget-free parts of the app: view state, roles, word diff, the cancellable engine run."""

from __future__ import annotations

import threading

import pytest

from align.models import SentenceRef
from tui.alignment_job import AlignmentCancelled, run_cancellable
from tui.relations import member_role, sentence_roles
from tui.state import ClaimQuery, Selection, position_text, visible_claims
from tui.word_diff import word_diff


def test_selection_counts_pairs_and_whole_lone_claims(alignment):
    selection = Selection()
    paraphrase, lone = alignment.claims[1], alignment.claims[4]
    assert selection.toggle(paraphrase, 2) is True
    assert selection.toggle(lone, 0) is True
    assert len(selection) == 2 and selection.claim_count() == 2
    assert selection.state(paraphrase) == "some" and selection.state(lone) == "all"
    assert selection.as_mapping() == {1: [2], 4: None}
    assert selection.toggle(paraphrase, 2) is False
    assert selection.as_mapping() == {4: None}
    assert selection.toggle_claim(paraphrase) is True
    assert selection.as_mapping() == {1: [0, 1, 2], 4: None}
    assert selection.toggle_claim(paraphrase) is False
    assert selection.state(paraphrase) == "none"


def test_visible_claims_filter_search_and_order(alignment):
    assert [c.id for c in visible_claims(alignment, ClaimQuery(relation="unsupported"))] == [4, 5, 6]
    assert [c.id for c in visible_claims(alignment, ClaimQuery(search="TRAFFIC"))] == [0, 1, 3]
    # The engine's one notability order: shared claims first, claims only one article makes last.
    by_notability = [c.label for c in visible_claims(alignment, ClaimQuery(order="relation"))]
    assert by_notability == [
        "contradiction",
        "exaggeration",
        "exaggeration",
        "paraphrase",
        "paraphrase",
        "agreement",
        "unsupported",
        "unsupported",
        "unsupported",
    ]
    assert [c.id for c in visible_claims(alignment, ClaimQuery(order="sources"))][0] == 1  # three sources


def test_position_text():
    assert position_text(None, [], 0) == "no claims"
    assert position_text(None, [], 9) == "no claims (of 9)"


def test_roles_say_which_side_inflates(alignment):
    headline = alignment.claims[0]
    assert member_role(headline, SentenceRef("a_planet", 0)) == "inflates"
    assert member_role(headline, SentenceRef("b_ledger", 0)) == "plainer"
    roles = sentence_roles(alignment)
    assert roles[SentenceRef("a_planet", 3)] == "boilerplate"
    assert roles[SentenceRef("a_planet", 2)] == "contradiction"
    assert roles[SentenceRef("a_planet", 5)] == "unsupported"
    # A sentence in both an agreement and a paraphrase pair shows the more notable paraphrase.
    assert roles[SentenceRef("a_planet", 1)] == "paraphrase"


def test_word_diff_marks_removed_and_added_words():
    diff = word_diff("The ban takes effect in March.", "The ban takes effect in June.")
    assert diff.plain == "The ban takes effect in [-March.-] {+June.+}"
    assert word_diff("same words", "same words").plain == "same words"
    assert word_diff("[bold]x[/] y", "y").plain == "[-[bold]x[/]-] y"


def test_run_cancellable_returns_the_result_and_relays_progress(alignment):
    seen = []
    result = run_cancellable(
        lambda progress: (progress(0.5, "half"), alignment)[1], lambda f, m: seen.append((f, m)), lambda: False
    )
    assert result is alignment
    assert seen == [(0.5, "half")]


def test_run_cancellable_reraises_engine_errors():
    def broken(progress):
        raise ValueError("no model")

    with pytest.raises(ValueError, match="no model"):
        run_cancellable(broken, lambda f, m: None, lambda: False)


def test_run_cancellable_returns_none_at_once_when_cancelled(alignment):
    cancelled, release, stopped = threading.Event(), threading.Event(), threading.Event()

    def slow(progress):
        release.wait(10)
        try:
            progress(0.9, "late")
        except AlignmentCancelled:
            stopped.set()
            raise
        return alignment

    timer = threading.Timer(0.1, cancelled.set)
    timer.start()
    assert run_cancellable(slow, lambda f, m: None, cancelled.is_set) is None
    assert not release.is_set()  # returned while the engine was still busy
    release.set()
    assert stopped.wait(5)  # and the engine stopped at its next progress call


def test_notable_pair_and_pair_window(alignment):
    from tui.state import notable_pair, pair_window

    assert notable_pair(alignment.claims[1]) == 1  # agreement first, then the paraphrase
    assert notable_pair(alignment.claims[4]) == 0  # no pairs at all
    assert pair_window(5, 3, 30) == range(5)
    assert pair_window(300, 0, 30) == range(0, 30)
    assert pair_window(300, 150, 30) == range(135, 165)
    assert pair_window(300, 299, 30) == range(270, 300)


def test_the_pair_detail_says_how_sure_the_engine_is(alignment):
    from dataclasses import replace

    from tui.widgets.pair_view import pair_rows

    pair = alignment.claims[0].pairs[0]

    def shown(p) -> str:
        return " ".join(cell.plain for row in pair_rows(alignment, p, 0, 1, current=True, picked=False) for cell in row)

    assert "sure" not in shown(pair), "a pair without a confidence shows none"
    assert "· 83% sure" in shown(replace(pair, judgement=replace(pair.judgement, confidence=0.83)))


def test_the_pair_detail_names_the_evidence_sides_a_and_b_as_it_labels_them(alignment):
    # Issue 12: the pair view labels its two sentences A and B; its "why" line says A and B too.
    from dataclasses import replace

    from tui.widgets.pair_view import pair_rows

    pair = alignment.claims[0].pairs[0]
    judgement = replace(pair.judgement, evidence=("a is stronger: 'Rejects'", "b states it plainly"))
    shown = " ".join(
        cell.plain
        for row in pair_rows(alignment, replace(pair, judgement=judgement), 0, 1, current=True, picked=False)
        for cell in row
    )
    assert "A is stronger: 'Rejects'; B states it plainly" in shown
