"""A terminal too small for the layout gets a message saying how big it must be, not a crushed screen."""

from __future__ import annotations

import pytest

from tests.app.helpers import main_screen, screen_text
from tui.app import MIN_SIZE, TooSmallScreen
from tui.screens.main import MainScreen

pytestmark = pytest.mark.anyio


async def test_a_tiny_terminal_says_the_minimum_size_and_the_app_comes_back(app):
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = " ".join(screen_text(app).split())
        assert f"at least {MIN_SIZE.width}x{MIN_SIZE.height}" in text and "this one is 20x6" in text
        await pilot.press("question_mark", "ctrl+p")  # no dialog opens above the message
        assert isinstance(app.screen, TooSmallScreen)

        await pilot.resize_terminal(30, 20)  # still too narrow: the message follows the size
        assert "this one is 30x20" in " ".join(screen_text(app).split())

        await pilot.resize_terminal(100, 30)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("j")  # the app works as before
        assert main_screen(app).current_claim == main_screen(app).claims[1]


async def test_the_minimum_size_shows_the_app(app):
    async with app.run_test(size=(MIN_SIZE.width, MIN_SIZE.height)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_q_quits_from_the_size_message(app):
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        assert not app.is_running
