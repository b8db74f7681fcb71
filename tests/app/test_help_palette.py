"""`?` lists every key from the bindings themselves; so does the command palette, and the keys
that act on claims wait for them."""

from __future__ import annotations

import threading

import pytest
from textual.command import CommandPalette

from tests.app.helpers import main_screen, screen_text, screen_text_showing
from tui.commands import CompareCommands
from tui.screens.filter import FilterScreen
from tui.screens.help import HelpScreen, explanation, key_names
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
        for key, name in (
            ("j", "Next"),
            ("space", "Pick"),
            ("m", "Export"),
            ("f", "Filter"),
            ("/", "Search"),
            ("q", "Quit"),
            ("?", "Help"),
        ):
            assert f"{key} {name}" in footer


async def test_palette_offers_every_key_of_the_main_screen_with_its_key(app):
    async with app.run_test(size=(160, 45)):
        hits = {hit.text: hit async for hit in CompareCommands(main_screen(app)).discover()}
        for binding in MainScreen.BINDINGS:
            assert binding.description, binding.action  # a key without one could not be listed
            keys = " ".join(key_names(app, binding))
            if binding.action.startswith("show_pane("):  # the digits: one entry per article
                number = int(binding.key)
                if number <= len(main_screen(app).articles):
                    entry = next(text for text in hits if text.startswith(f"Show article {number} "))
                    assert f"key {keys}" in str(hits[entry].help)
                continue
            assert explanation(binding) in hits, binding.action
            assert str(hits[explanation(binding)].help) == f"key {keys}"


async def test_a_palette_entry_runs_its_binding(app):
    async with app.run_test(size=(160, 45)) as pilot:
        hits = [hit async for hit in CompareCommands(main_screen(app)).search("show one relation")]
        assert hits[0].text == "Show one relation only"  # the `f` key, missing from the old list
        await pilot.press("ctrl+p", *"show one relation", "enter")
        await screen_text_showing(pilot, "Show claims of one relation")
        assert isinstance(app.screen, FilterScreen)


async def test_palette_lists_the_filters_and_articles_and_runs_them(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        provider = CompareCommands(main_screen(app))
        names = [hit.text async for hit in provider.discover()]
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
        assert main_screen(app).current_claim == main_screen(app).claims[-1]


async def test_legend_names_every_relation_with_its_symbol(app):
    from tui.relations import ROLE_LOOKS

    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        legend = screen_text(app).splitlines()[-2]
        for look in ROLE_LOOKS.values():
            assert f"{look.symbol} {look.name}" in legend  # colour is never the only carrier
        assert "[-removed-] {+added+}" in legend


def test_every_key_has_its_own_id_and_the_marked_ids_exist():
    ids = [binding.id for binding in MainScreen.BINDINGS]
    assert None not in ids and len(set(ids)) == len(ids)
    assert MainScreen.CLAIM_KEYS <= set(ids)  # a misspelt mark would leave a key enabled
    assert MainScreen.UNDO_KEYS <= MainScreen.CLAIM_KEYS


def _disabled(screen: MainScreen) -> set[str]:
    """The main screen's actions that are disabled (dimmed in the footer) right now."""
    return {
        binding.action
        for binding in MainScreen.BINDINGS
        if not screen.check_action(binding.action.partition("(")[0], ())
    }


# What the reader could not do before the claims exist (as it was before the marks moved onto
# the bindings): a key added to MainScreen.BINDINGS must be placed on purpose.
BEFORE_THE_CLAIMS = {
    "next_claim", "prev_claim", "first_claim", "last_claim", "page_down", "page_up",
    "next_same", "prev_same", "next_pair", "prev_pair", "next_pair_page", "prev_pair_page", "toggle_pick", "pick_claim",
    "copy_pair", "export", "filter", "search", "cycle_order", "clear_picks", "fold_unsupported",
}  # fmt: skip


async def test_claim_keys_wait_for_the_claims_then_for_a_shown_claim(make, alignment):
    release = threading.Event()

    def align_fn(progress):
        release.wait(30)  # the model is still working
        return alignment

    app = make(align_fn=align_fn)
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            screen = main_screen(app)
            assert _disabled(screen) == BEFORE_THE_CLAIMS
            release.set()
            await app.workers.wait_for_complete()
            await screen_text_showing(pilot, "9 claims, ")  # the result arrives as a message
            assert _disabled(screen) == set()
            await pilot.press("slash", *"zzz")  # a search that shows no claim
            # Filter and search stay usable to undo the empty result; export to reach the selection.
            assert _disabled(screen) == BEFORE_THE_CLAIMS - {"filter", "search", "export", "fold_unsupported"}
    finally:
        release.set()
