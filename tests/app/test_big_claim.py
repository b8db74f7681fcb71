"""A claim with more pairs than the detail shows at once: every pair is reachable, one at a time
(h/l) or a page at a time (H/L), and the header says which ones are on screen."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from align.models import Alignment, Claim, Pair, SentenceRef
from tests.app.fixture_alignment import _article
from tests.app.helpers import main_screen, screen_text_showing
from tui.app import make_app

pytestmark = pytest.mark.anyio

# 6 sentences of one outlet and 7 of another restating one fact: 42 cross-article pairs.
WIRE = [(f"Officials confirmed the closure of route {n}.", "content", "") for n in range(6)]
DAILY = [(f"The route {n} closure was confirmed by officials.", "content", "") for n in range(7)]


def big_claim_alignment() -> Alignment:
    wire, daily = _article("wire", "Wire report", WIRE), _article("daily", "Daily report", DAILY)
    pairs = tuple(
        Pair.of(SentenceRef("wire", i), SentenceRef("daily", j), "paraphrase", 0.8) for i in range(6) for j in range(7)
    )
    members = tuple(SentenceRef("wire", i) for i in range(6)) + tuple(SentenceRef("daily", j) for j in range(7))
    return Alignment((wire, daily), (Claim(0, "paraphrase", members, pairs),))


async def test_every_pair_of_a_big_claim_is_reachable(tmp_path):
    alignment = big_claim_alignment()
    pairs = alignment.claims[0].pairs
    app = make_app(alignment.articles, alignment=alignment, export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        detail = app.screen.query_one("#detail-header", Static)
        text = await screen_text_showing(pilot, "showing pairs 1–30 of 42")
        assert "h/l move by one, H/L by a page" in text
        assert "1 claim, 1 shared" in text
        await pilot.press("L")  # a page on: pair 31, shown with the rest of its page
        assert screen.current_pair == pairs[30]
        text = await screen_text_showing(pilot, "pair 31/42")
        assert "pair 31/42" in text  # the detail scrolls to the current pair
        assert "showing pairs 13–42 of 42" in str(detail.render())
        await pilot.press(*["l"] * 7)  # one by one to pair 38
        assert screen.current_pair == pairs[37]
        assert "pair 38/42" in await screen_text_showing(pilot, "pair 38/42")
        await pilot.press("L", "l")  # past the end: the last pair stays current
        assert screen.current_pair == pairs[41]
        assert "pair 42/42" in await screen_text_showing(pilot, "pair 42/42")
        await pilot.press("H", "H")  # back to the first page
        assert screen.current_pair == pairs[0]
        text = await screen_text_showing(pilot, "showing pairs 1–30 of 42")
        assert "showing pairs 1–30 of 42" in text


async def test_an_anchored_claim_says_each_version_is_set_against_the_most_printed(tmp_path):
    """A claim too big to list every pair (the engine's `anchor`) says what its pairs are."""
    plain = big_claim_alignment()
    claim = plain.claims[0]
    star = tuple(p for p in claim.pairs if p.a == SentenceRef("wire", 0))
    anchored = Alignment(plain.articles, (Claim(0, "paraphrase", claim.members, star, SentenceRef("wire", 0)),))
    for alignment, shown in ((anchored, True), (plain, False)):
        app = make_app(alignment.articles, alignment=alignment, export_dir=tmp_path)
        async with app.run_test(size=(160, 40)) as pilot:
            await screen_text_showing(pilot, "1 claim, 1 shared")
            header = str(app.screen.query_one("#detail-header", Static).render())
            assert ("each version against the most printed one" in header) is shown
