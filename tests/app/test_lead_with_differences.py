"""The first screen leads with what differs: shared claims first, the unsupported ones in a
section of their own that folds away, and how many claims each outlet shares (issue 13)."""

from __future__ import annotations

import pytest

from tests.app.helpers import main_screen, screen_text
from tui.widgets.claim_table import ClaimTable

pytestmark = pytest.mark.anyio


async def test_unsupported_claims_follow_the_shared_ones_under_their_own_heading(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ClaimTable)
        rows = [str(table.get_row_at(row)[4]) for row in range(table.row_count)]
        heading = next(n for n, text in enumerate(rows) if "one outlet each" in text)
        assert heading == 6  # after the six shared claims
        assert rows[heading] == "3 claims, one outlet each · u folds"
        assert str(table.get_row_at(heading)[2]) == "+ unsupported"
        assert all(claim.label != "unsupported" for claim in main_screen(app).claims[:heading])
        assert all(claim.label == "unsupported" for claim in main_screen(app).claims[heading:])


async def test_u_folds_the_unsupported_section_and_brings_it_back(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("u")
        screen = main_screen(app)
        assert [claim.label for claim in screen.claims].count("unsupported") == 0
        table = app.screen.query_one(ClaimTable)
        assert table.row_count == 7  # six shared claims and the folded heading
        assert str(table.get_row_at(6)[4]) == "3 claims, one outlet each · u shows"
        assert "unsupported folded" in screen_text(app)
        await pilot.press("G")  # the last claim is now the last shared one
        assert screen.current_claim.label != "unsupported"
        await pilot.press("u")
        assert len(screen.claims) == 9
        assert screen.current_claim.label != "unsupported"  # still on the same claim


async def test_clicking_the_section_heading_folds_it(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        current = screen.current_claim
        table = app.screen.query_one(ClaimTable)
        await pilot.click(table, offset=(10, 2 + 6))  # border, header, then rows 0-5, the heading
        await pilot.pause()
        assert screen.query_state.fold_unsupported
        assert screen.current_claim == current  # the heading row is never a claim


async def test_the_status_line_and_the_overview_count_what_each_outlet_shares(app, alignment):
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        # The fixture's claims: a_planet is in 5 shared claims, b_ledger in 5, c_post in 3.
        assert "9 claims, 6 shared" in text
        status = text.splitlines()[0]
        assert "each shares: Daily Planet [b… 5 · Morning Ledger 5 · Evening Post 3" in status
        overview = app.screen.query_one("#overview").render().plain.splitlines()
        assert [line.split("│")[0].split()[-1] for line in overview] == ["5⇄", "5⇄", "3⇄"]
