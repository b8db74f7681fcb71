"""Filtering by relation, searching, sorting, and getting back to every claim."""

from __future__ import annotations

import pytest

from tests.app.helpers import filter_to, main_screen, screen_text
from tui.screens.filter import FilterScreen
from tui.widgets.claim_table import ClaimTable

pytestmark = pytest.mark.anyio


async def test_filter_to_exaggerations_shows_only_them(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await filter_to(pilot, "exaggeration")
        screen = main_screen(app)
        assert [c.id for c in screen.claims] == [0, 7]
        assert app.screen.query_one(ClaimTable).row_count == 2
        text = screen_text(app)
        assert "claim #1 · 1 of 2 shown (9)" in text
        assert "only ↑ exaggeration" in text
        await pilot.press("j")
        assert screen.current_claim == alignment.claims[7]
        await pilot.press("j")  # no third exaggeration
        assert screen.current_claim == alignment.claims[7]


async def test_the_filter_dialog_counts_each_relation_and_escape_cancels(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f")
        text = screen_text(app)
        assert "↑ exaggeration (2)" in text and "+ unsupported (3)" in text and "all relations (9)" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, FilterScreen)
        assert len(main_screen(app).claims) == 9


async def test_filter_keeps_the_current_claim_when_it_still_shows(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("G")  # claim 6, the last unsupported one
        await filter_to(pilot, "unsupported")
        assert main_screen(app).current_claim == alignment.claims[6]
        await filter_to(pilot, "all")
        assert main_screen(app).current_claim == alignment.claims[6]
        assert len(main_screen(app).claims) == 9


async def test_search_keeps_claims_whose_sentences_contain_the_text(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"traffic")
        screen = main_screen(app)
        assert [c.id for c in screen.claims] == [0, 1, 3]  # "limits traffic", "…to traffic", "cut traffic"
        await pilot.press("enter")  # back to the claims, search kept
        assert app.screen.query_one(ClaimTable).has_focus
        assert len(screen.claims) == 3
        await pilot.press("escape")  # clears filter and search
        assert len(screen.claims) == 9


async def test_escape_in_the_search_box_clears_it(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"zzz")
        assert main_screen(app).claims == []
        assert "No claim matches" in screen_text(app)
        await pilot.press("escape")
        assert len(main_screen(app).claims) == 9


async def test_sort_orders_most_notable_first_then_by_sources(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        labels = [c.label for c in main_screen(app).claims]  # the opening order: most notable first
        assert labels[0] == "contradiction"
        assert labels[-3:] == ["unsupported"] * 3, "a claim only one article makes never ranks above a shared one"
        await pilot.press("o")
        # Document order, shared claims first: the unsupported ones keep their own section.
        assert [c.id for c in main_screen(app).claims] == [0, 1, 2, 3, 7, 8, 4, 5, 6]
        await pilot.press("o")
        sources = [len(c.articles) for c in main_screen(app).claims]
        assert sources == sorted(sources, reverse=True)
        await pilot.press("o")
        assert main_screen(app).claims[0].label == "contradiction"
