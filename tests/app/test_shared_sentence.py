"""A sentence that states several facts is in several claims (schema compare/alignment@2).

Its pane shows the relation of the claim being walked when it is one of its claims, else of its
most notable one, with a mark ("²") beside the symbol; a click on it walks its claims in turn;
the claim detail names the member's other claims. The view logic is tested plainly first, then
the app through Pilot.
"""

from __future__ import annotations

import pytest
from textual.widgets import Static

from align.models import Alignment, Claim
from tests.app.fixture_alignment import fixture_alignment
from tests.app.fixture_shared_sentence import (
    CLOSURE,
    CYCLISTS,
    FEES,
    SHARED,
    shared_sentence_alignment,
)
from tests.app.helpers import click_sentence, highlighted, main_screen, screen_text, screen_text_showing, wait_until
from tui.app import make_app
from tui.relations import claim_counts, claims_mark, sentence_roles
from tui.state import claim_after, other_claims, shared_counts

SHARED_TEXT = "The council closed three streets and raised parking fees."


@pytest.fixture
def shared() -> Alignment:
    return shared_sentence_alignment()


# --- the view logic, without the app ------------------------------------------------------
def test_a_sentence_in_two_claims_takes_the_role_of_the_most_notable_and_is_counted(shared):
    roles = sentence_roles(shared)
    assert roles[SHARED] == "contradiction"  # not the agreement of claim 0, listed first
    assert roles[CLOSURE] == "agreement" and roles[FEES] == "contradiction"
    assert claim_counts(shared) == {SHARED: 2}  # only the sentence in several claims
    assert claim_counts(fixture_alignment()) == {}


def test_the_mark_is_a_plain_superscript_count():
    assert [claims_mark(n) for n in (0, 1, 2, 3)] == ["", "", "²", "³"]
    assert claims_mark(12) == "⁺"  # beyond the digits: still one cell


def test_a_click_walks_the_sentences_claims_and_wraps_round(shared):
    closure, fees, shops, _ = shared.claims
    assert claim_after(shared, SHARED, shops) == fees  # from elsewhere: the most notable
    assert claim_after(shared, SHARED, None) == fees
    assert claim_after(shared, SHARED, fees) == closure  # fees is its last claim: wrap round
    assert claim_after(shared, SHARED, closure) == fees
    assert claim_after(shared, CLOSURE, fees) == closure  # one claim: as before
    assert claim_after(shared, CLOSURE, closure) == closure


def test_other_claims_name_each_members_other_claims(shared):
    closure, fees, shops, _ = shared.claims
    assert other_claims(shared, closure) == [(SHARED, (fees,))]
    assert other_claims(shared, fees) == [(SHARED, (closure,))]
    assert other_claims(shared, shops) == []


def test_each_outlet_shares_each_claim_once(shared):
    # The wire's sentence is in two shared claims: two claims, not one sentence counted twice.
    assert shared_counts(shared) == {"wire": 2, "daily": 2}


# --- the app --------------------------------------------------------------------------------
def gutter(app, text: str) -> str:
    """The symbol and mark the pane shows before the sentence opening with `text`."""
    line = next(line for line in screen_text(app).splitlines() if text in line)
    return line[: line.index(text)].split()[-1]  # the ▌/▶ marker, if any, stands apart


async def gutter_showing(pilot, text: str, wanted: str) -> str:
    await wait_until(pilot, lambda: gutter(pilot.app, text) == wanted)
    return gutter(pilot.app, text)


def current(app) -> Claim | None:
    return main_screen(app).current_claim


@pytest.mark.anyio
async def test_the_pane_shows_the_walked_claims_relation_else_the_most_notable(shared, tmp_path):
    closure, fees, shops, _ = shared.claims
    app = make_app(shared.articles, alignment=shared, export_dir=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        # The app opens on the contradiction (the most notable shared claim): ≠, marked ².
        assert await gutter_showing(pilot, SHARED_TEXT, "≠²") == "≠²"
        assert current(app) == fees
        assert highlighted(app) == set(fees.members)
        await pilot.press("j")  # the agreement about the closure, the sentence's other claim
        assert await gutter_showing(pilot, SHARED_TEXT, "=²") == "=²"
        assert current(app) == closure
        assert highlighted(app) == set(closure.members)
        await pilot.press("j")  # a claim the sentence is not in: its most notable relation again
        assert current(app) == shops
        assert await gutter_showing(pilot, SHARED_TEXT, "≠²") == "≠²"
        # Sentences in one claim keep today's gutter: no mark.
        assert gutter(app, "The council closed three streets.") == "="
        assert gutter(app, "Parking fees were not raised.") == "≠"


@pytest.mark.anyio
async def test_clicking_the_sentence_walks_its_claims_in_turn(shared, tmp_path):
    closure, fees, shops, cyclists = shared.claims
    app = make_app(shared.articles, alignment=shared, export_dir=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await screen_text_showing(pilot, SHARED_TEXT)
        await pilot.press("j", "j")  # the wire's lone claim about shops
        assert current(app) == shops
        screen = main_screen(app)
        await click_sentence(pilot, SHARED)  # from elsewhere: its most notable claim
        await wait_until(pilot, lambda: current(app) == fees)
        assert current(app) == fees
        assert screen.current_pair == fees.pairs[0]
        await click_sentence(pilot, SHARED)  # again: the one after (fees is its last: wrap round)
        await wait_until(pilot, lambda: current(app) == closure)
        assert current(app) == closure
        assert screen.current_pair == closure.pairs[0]
        await click_sentence(pilot, SHARED)  # and round again
        await wait_until(pilot, lambda: current(app) == fees)
        assert current(app) == fees
        # A sentence in one claim behaves as before: its claim, however often it is clicked.
        await click_sentence(pilot, CYCLISTS)
        await wait_until(pilot, lambda: current(app) == cyclists)
        await click_sentence(pilot, CYCLISTS)
        await pilot.pause()
        assert current(app) == cyclists


@pytest.mark.anyio
async def test_the_detail_names_the_members_other_claims(shared, tmp_path):
    app = make_app(shared.articles, alignment=shared, export_dir=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        header = app.screen.query_one("#detail-header", Static)
        # The app opens on the fees claim (#2): its wire member is also in the closure claim (#1).
        text = await screen_text_showing(pilot, "² also in claim #1 = agreement")
        assert "² also in claim #1 = agreement — Wire report: The council closed three" in text
        await pilot.press("j")  # the closure claim (#1): the same member is also in the fees claim
        text = await screen_text_showing(pilot, "² also in claim #2 ≠ contradiction")
        assert "² also in claim #2 ≠ contradiction — Wire report: The council closed three" in text
        await pilot.press("j")  # the shops claim: no member of it is elsewhere
        await wait_until(pilot, lambda: "Shops expect" in str(header.render()))
        assert "also in" not in str(header.render())


@pytest.mark.anyio
async def test_the_legend_and_help_explain_the_mark_only_where_it_shows(shared, tmp_path):
    for alignment, shown in ((shared, True), (fixture_alignment(), False)):
        app = make_app(alignment.articles, alignment=alignment, export_dir=tmp_path)
        async with app.run_test(size=(200, 50)) as pilot:
            # The legend is drawn (it always names the agreement symbol) before it is read.
            await wait_until(pilot, lambda app=app: "agreement" in "".join(screen_text(app).splitlines()[-2:-1]))
            legend = screen_text(app).splitlines()[-2]
            assert ("² ³ in 2 or 3 claims" in legend) is shown
            main = app.screen
            await pilot.press("question_mark")
            await wait_until(pilot, lambda app=app, main=main: app.screen is not main)
            help_text = "\n".join(str(static.render()) for static in app.screen.query(Static))
            assert ("in 2 or 3 claims; a click walks them" in help_text) is shown


@pytest.mark.anyio
async def test_picks_and_the_export_stay_per_pair(shared, tmp_path):
    closure, fees, *_ = shared.claims
    app = make_app(shared.articles, alignment=shared, export_dir=tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await screen_text_showing(pilot, SHARED_TEXT)
        screen = main_screen(app)
        await pilot.press("space")  # the fees pair
        await pilot.press("j", "space")  # the closure pair: the same wire sentence, another claim
        assert screen.selection.as_mapping() == {closure.id: [0], fees.id: [0]}
        report = screen._markdown(screen.selection.as_mapping())
        assert report.count("parking fees") >= 2  # the sentence is quoted in each claim
        assert "Parking fees were not raised" in report and "The council closed three streets." in report
