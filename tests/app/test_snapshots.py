"""Snapshots of the main screen. Review the pictures (`pytest --snapshot-report`) before updating."""

from __future__ import annotations

from pathlib import Path

from tests.app.fixture_alignment import fixture_alignment
from tui.app import make_app


def fixture_app(tmp_path: Path):
    alignment = fixture_alignment()
    return make_app(alignment.articles, alignment=alignment, export_dir=tmp_path)


class TestMainScreen:
    def test_wide(self, snap_compare, tmp_path):
        """200×50: all three panes, overview strip, claim list and the detail of claim 1 (three
        pairs, one agreement and two paraphrases), with its first paraphrase pair selected."""

        async def run_before(pilot):
            await pilot.press("j")  # claim 1: members in all three panes; current pair 2/3 (paraphrase)
            await pilot.press("space")  # selected: ● in the detail, ◐ in the list, "1 selected"

        assert snap_compare(fixture_app(tmp_path), terminal_size=(200, 50), run_before=run_before)

    def test_narrow(self, snap_compare, tmp_path):
        """80×24: two panes and the switcher, no overview; the contradiction claim is current."""

        async def run_before(pilot):
            await pilot.press("j", "j")  # claim 2: March vs June

        assert snap_compare(fixture_app(tmp_path), terminal_size=(80, 24), run_before=run_before)

    def test_light_theme(self, snap_compare, tmp_path):
        """120×40 on the light theme: relation colours and the highlighted members stay readable."""
        app = fixture_app(tmp_path)

        async def run_before(pilot):
            pilot.app.theme = "textual-light"
            await pilot.press("right_square_bracket")  # claim 7: the other exaggeration

        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
