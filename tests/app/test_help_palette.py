"""`?` lists every key from the bindings themselves; the command palette offers the actions."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tests.app.conftest import main_screen, screen_text
from tui.commands import ACTIONS, CompareCommands
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen

pytestmark = pytest.mark.anyio


async def test_question_mark_lists_every_binding_and_closes_again(app):
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = "\n".join(str(s.render()) for s in app.screen.query(".help-keys"))
        for binding in MainScreen.BINDINGS:
            assert (binding.tooltip or binding.description) in help_text, binding.action
        for promised in ("Next claim", "Quit", "Export the selection as Markdown", "Show one relation only"):
            assert promised in help_text
        assert "↑ inflates" in help_text  # the colour key is explained too
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)


async def test_footer_shows_the_main_keys(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for key, name in (("j", "Next"), ("space", "Pick"), ("m", "Export"), ("f", "Filter"), ("/", "Search"), ("q", "Quit"), ("?", "Help")):
            assert f"{key} {name}" in footer


async def test_palette_lists_the_actions_and_runs_them(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        provider = CompareCommands(main_screen(app))
        names = [hit.text async for hit in provider.discover()]
        assert [name for name, _, _ in ACTIONS] == names[: len(ACTIONS)]
        assert "Filter: only exaggeration" in names
        assert any(name.startswith("Show article 3") for name in names)
        hits = [hit async for hit in provider.search("only contra")]
        assert hits[0].text == "Filter: only contradiction"
        hits[0].command()
        await pilot.pause()
        assert [c.label for c in main_screen(app).claims] == ["contradiction"]


async def test_palette_opens_with_ctrl_p(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"last claim", "enter")
        await pilot.pause()
        assert main_screen(app).current_claim == main_screen(app).alignment.claims[-1]


async def test_legend_names_every_relation_with_its_symbol(app):
    from tui.relations import ROLE_LOOKS

    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        legend = screen_text(app).splitlines()[-2]
        for look in ROLE_LOOKS.values():
            assert f"{look.symbol} {look.name}" in legend  # colour is never the only carrier
        assert "[-removed-] {+added+}" in legend
