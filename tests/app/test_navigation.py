"""Walking the claims with the keyboard and the mouse: every view follows the current claim."""

from __future__ import annotations

import pytest

from align.models import SentenceRef
from tests.app.helpers import click_sentence, highlighted, main_screen, screen_text
from tui.widgets.claim_table import ClaimTable

pytestmark = pytest.mark.anyio


# The fixture's claims as the app lists them by default: most notable first (the contradiction
# 2, the exaggerations 0 and 7, the paraphrases 1 and 3, the agreement 8), then the section of
# unsupported claims 4, 5, 6 under its own heading row.
SHOWN = [2, 0, 7, 1, 3, 8, 4, 5, 6]


async def test_the_app_opens_on_the_most_notable_shared_claim(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert screen.current_claim == alignment.claims[2]  # the contradiction
        assert [claim.id for claim in screen.claims] == SHOWN
        # One numbering: the header, the list and the detail all call it #3 (the JSON's id 2).
        text = screen_text(app)
        assert "claim #3 · 1 of 9" in text
        assert "claim #3 · 2 sources" in text
        table = app.screen.query_one(ClaimTable)
        assert str(table.get_cell_at((0, 1))) == "3"


async def test_j_and_k_move_through_claims_and_the_table_follows(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j", "j", "down")
        screen = main_screen(app)
        assert screen.current_claim == alignment.claims[SHOWN[3]]
        assert app.screen.query_one(ClaimTable).cursor_row == 3
        assert "claim #2 · 4 of 9" in screen_text(app)
        await pilot.press("k", "up")
        assert screen.current_claim == alignment.claims[SHOWN[1]]


async def test_moves_stop_at_both_ends(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        first, last = alignment.claims[SHOWN[0]], alignment.claims[SHOWN[-1]]
        await pilot.press("k")
        assert main_screen(app).current_claim == first
        await pilot.press("G")
        assert main_screen(app).current_claim == last
        # The last row is the last unsupported claim, below the section's heading row.
        assert app.screen.query_one(ClaimTable).cursor_row == len(SHOWN)
        await pilot.press("j")
        assert main_screen(app).current_claim == last
        await pilot.press("g")
        assert main_screen(app).current_claim == first
        await pilot.press("end")
        assert main_screen(app).current_claim == last
        await pilot.press("pageup")
        assert main_screen(app).current_claim == first


async def test_brackets_jump_to_the_next_claim_of_the_same_relation(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        # The second row, claim 0, is an exaggeration; the next exaggeration is claim 7.
        await pilot.press("j", "right_square_bracket")
        assert main_screen(app).current_claim == alignment.claims[7]
        await pilot.press("left_square_bracket")
        assert main_screen(app).current_claim == alignment.claims[0]


async def test_a_claim_opens_on_the_pair_that_gave_its_label(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press(
            "j", "j", "j"
        )  # claim 1, a paraphrase: its first pair is an agreement, the second a paraphrase
        assert main_screen(app).current_claim == alignment.claims[1]
        assert main_screen(app).pair_index == 1
        await pilot.press("G", "j")  # a move past the end keeps the claim and its pair
        await pilot.press("right")
        assert main_screen(app).pair_index == 0  # the last claim, unsupported, has no pair


async def test_left_and_right_move_between_the_pairs_of_a_claim(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j", "j", "j")  # claim 1 has three pairs
        screen = main_screen(app)
        assert screen.current_claim == alignment.claims[1]
        await pilot.press("left", "h")
        assert screen.pair_index == 0  # stops at the first pair
        await pilot.press("right", "l", "l")
        assert screen.pair_index == 2  # stops at the last pair
        await pilot.press("left")
        assert screen.pair_index == 1


async def test_clicking_a_sentence_jumps_to_its_claim(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        target = SentenceRef("c_post", 2)  # a member of claim 3
        await click_sentence(pilot, target)
        assert main_screen(app).current_claim == alignment.claims[3]
        assert target in highlighted(app)


async def test_clicking_a_table_row_makes_it_current(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        table = app.screen.query_one(ClaimTable)
        await pilot.click(table, offset=(10, 4))  # border, header, then rows 0, 1, 2
        assert main_screen(app).current_claim == alignment.claims[SHOWN[2]]


async def test_keys_wait_for_the_alignment_but_the_articles_are_readable(make, alignment):
    import threading

    release = threading.Event()

    def align_fn(progress):
        progress(0.5, "embedding")
        release.wait(10)
        return alignment

    app = make(align_fn=align_fn)
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "The ban takes effect in March." in text  # articles painted before any claim
            assert main_screen(app).current_claim is None
            await pilot.press("j", "space")  # nothing to act on yet: no error, nothing selected
            assert len(main_screen(app).selection) == 0
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert main_screen(app).current_claim == alignment.claims[SHOWN[0]]
    finally:
        release.set()


async def test_clicking_the_overview_strip_jumps_to_that_part_of_the_article(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        overview = app.screen.query_one("#overview")
        # The last cell of the third row: the end of the third article (claim 7).
        await pilot.click(overview, offset=(overview.size.width, 2))
        assert main_screen(app).current_claim == alignment.claims[7]
