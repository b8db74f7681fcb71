"""Selecting pairs with space, exporting exactly them as Markdown, never overwriting silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.markdown import render_markdown
from tests.app.helpers import main_screen, screen_text, wait_until
from tui.screens.export import ExportScreen, propose_path
from tui.widgets.claim_table import ClaimTable

pytestmark = pytest.mark.anyio


async def test_space_selects_and_unselects_the_current_pair(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j", "j", "j", "space")  # claim 1 (shown as #2), its paraphrase pair (index 1)
        screen = main_screen(app)
        assert screen.selection.as_mapping() == {1: [1]}
        assert "● 1 selected" in screen_text(app)
        table = app.screen.query_one(ClaimTable)
        assert str(table.get_cell("1", "pick")) == "◐"  # some of the claim's pairs
        await pilot.press("space")
        assert len(screen.selection) == 0
        assert str(table.get_cell("1", "pick")) == " "


async def test_a_selects_every_pair_of_the_claim(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j", "j", "j", "a")
        assert main_screen(app).selection.as_mapping() == {1: [0, 1, 2]}
        assert str(app.screen.query_one(ClaimTable).get_cell("1", "pick")) == "●"


async def test_x_clears_the_whole_selection(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("space", "j", "a", "x")
        assert len(main_screen(app).selection) == 0
        table = app.screen.query_one(ClaimTable)
        assert str(table.get_cell("0", "pick")) == " " and str(table.get_cell("1", "pick")) == " "
        assert "○ none selected" in screen_text(app)


async def test_export_with_nothing_selected_says_so(app):
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await pilot.press("m")
        assert not isinstance(app.screen, ExportScreen)
        await pilot.pause()
        assert "Nothing selected" in screen_text(app)


async def test_export_writes_exactly_the_selected_pairs(app, alignment, tmp_path: Path):
    async with app.run_test(size=(160, 45)) as pilot:
        # The contradiction (claim 2, where the app opens), both exaggerations (claims 0 and 7,
        # via ]) and one unsupported claim (claim 5, last but one): three pairs and a lone claim.
        await pilot.press("space", "j", "space", "right_square_bracket", "space")
        await pilot.press("G", "k", "space")
        assert main_screen(app).selection.as_mapping() == {0: [0], 2: [0], 5: None, 7: [0]}
        await pilot.press("m")
        assert isinstance(app.screen, ExportScreen)
        assert "4 selected pairs from 4 claims" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        written = tmp_path / "compare-selection.md"
        assert written.read_text(encoding="utf-8") == render_markdown(alignment, {0: [0], 2: [0], 5: None, 7: [0]})
        text = written.read_text(encoding="utf-8")
        assert "3 pairs from 4 claims (of the 9 claims the comparison found):" in text
        assert "The ban takes effect in June." in text  # a selected pair
        assert "Cyclists welcomed the decision." in text  # the selected lone claim
        assert "Lee expects traffic" not in text  # claim 3 was not selected
        assert not isinstance(app.screen, ExportScreen)


async def test_export_proposes_a_free_name_and_asks_before_overwriting(app, alignment, tmp_path: Path):
    (tmp_path / "compare-selection.md").write_text("keep me", encoding="utf-8")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("space", "m")
        path_input = app.screen.query_one("#export-path")
        assert path_input.value == str(tmp_path / "compare-selection-2.md")
        path_input.value = str(tmp_path / "compare-selection.md")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportScreen)  # refused: the file exists
        assert (tmp_path / "compare-selection.md").read_text(encoding="utf-8") == "keep me"
        assert "exists" in screen_text(app)
        await pilot.press("enter")  # the second save confirms
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert (tmp_path / "compare-selection.md").read_text(encoding="utf-8") == render_markdown(alignment, {2: [0]})


async def test_export_into_a_missing_folder_reports_the_error(app, tmp_path: Path):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("space", "m")
        app.screen.query_one("#export-path").value = str(tmp_path / "no" / "such" / "dir.md")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportScreen)
        assert "Cannot write" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)
        assert not (tmp_path / "no").exists()


async def test_a_relative_name_or_a_folder_lands_in_the_export_folder(app, alignment, tmp_path: Path):
    (tmp_path / "reports").mkdir()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("space", "m")
        app.screen.query_one("#export-path").value = "mine.md"
        await pilot.press("enter")
        assert (tmp_path / "mine.md").read_text(encoding="utf-8") == render_markdown(alignment, {2: [0]})
        await pilot.press("m")
        app.screen.query_one("#export-path").value = str(tmp_path / "reports")
        await pilot.press("enter")
        assert (tmp_path / "reports" / "compare-selection.md").exists()


async def test_y_copies_the_current_pair_as_markdown(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j", "j", "j", "right", "y")  # claim id 1, shown as #2 everywhere
        assert app.clipboard == render_markdown(alignment, {1: [2]}, title="Claim 2, pair 3")


def test_proposed_names_count_up(tmp_path: Path):
    assert propose_path(tmp_path) == tmp_path / "compare-selection.md"
    (tmp_path / "compare-selection.md").touch()
    (tmp_path / "compare-selection-2.md").touch()
    assert propose_path(tmp_path) == tmp_path / "compare-selection-3.md"


async def test_an_export_names_the_command_that_opened_the_app(make, alignment, tmp_path: Path):
    app = make(alignment=alignment, command="compare fox.txt nyt.txt hpo.txt")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("space", "m")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await wait_until(pilot, lambda: (tmp_path / "compare-selection.md").exists())
    text = (tmp_path / "compare-selection.md").read_text(encoding="utf-8")
    assert text.split("\n")[2].endswith(": compare fox.txt nyt.txt hpo.txt")
    assert "1 pair from 1 claim (of the 9 claims" in text
