"""Snapshots of the main screen and its dialogs.

Review the pictures (`pytest --snapshot-report`) before updating.
"""

from __future__ import annotations

from pathlib import Path

from tests.app.fixture_alignment import fixture_alignment
from tests.app.fixture_shared_sentence import shared_sentence_alignment
from tests.app.helpers import filter_to
from tui.app import make_app

# The export dialog shows the folder it proposes: a fixed one keeps the picture the same on every
# machine. Nothing is written there (propose_path only checks whether a file exists).
FIXED_EXPORT_DIR = Path("/compare-snapshots/exports")


def fixture_app(export_dir: Path):
    alignment = fixture_alignment()
    return make_app(alignment.articles, alignment=alignment, export_dir=export_dir)


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


class TestSentenceInSeveralClaims:
    def test_mark(self, snap_compare, tmp_path):
        """120×34: a wire sentence that states two facts, in the agreement about the street
        closure and the contradiction about the fees. Walking the agreement, its gutter reads
        "▶ =²" (this claim's relation, marked as in 2 claims) while the daily's fee sentence keeps
        its plain "≠"; the detail says "² also in claim #2 ≠ contradiction", and the legend ends
        with "² ³ in 2 or 3 claims"."""
        alignment = shared_sentence_alignment()
        app = make_app(alignment.articles, alignment=alignment, export_dir=tmp_path)

        async def run_before(pilot):
            await pilot.press("j")  # from the contradiction (#2), where the app opens, to the agreement (#1)

        assert snap_compare(app, terminal_size=(120, 34), run_before=run_before)


class TestHelpDialog:
    def test_help(self, snap_compare, tmp_path):
        """100×40: the `?` dialog over the main screen: its title, every key of the main screen
        (one row per explanation, the nine digit keys as one `1…9` row, keys in the accent colour)
        and the start of the pane keys, with a scrollbar for the rest."""

        async def run_before(pilot):
            await pilot.press("question_mark")  # open the help dialog

        assert snap_compare(fixture_app(tmp_path), terminal_size=(100, 40), run_before=run_before)


class TestFilterDialog:
    def test_filter(self, snap_compare, tmp_path):
        """100×30: the `f` dialog with every relation, its symbol, claim count and meaning; the
        current choice ("all relations (9)") highlighted."""

        async def run_before(pilot):
            await pilot.press("f")  # open the filter dialog

        assert snap_compare(fixture_app(tmp_path), terminal_size=(100, 30), run_before=run_before)

    def test_filter_current_relation(self, snap_compare, tmp_path):
        """100×30: the `f` dialog reopened after filtering to contradictions: that choice is
        highlighted, and the claim list behind it shows the one contradiction."""

        async def run_before(pilot):
            await filter_to(pilot, "contradiction")  # f, highlight contradiction, enter
            await pilot.press("f")  # reopen: the applied relation is highlighted

        assert snap_compare(fixture_app(tmp_path), terminal_size=(100, 30), run_before=run_before)


class TestExportDialog:
    def test_export(self, snap_compare):
        """100×30: the `m` dialog after one pair is selected: the summary ("1 selected pair from 1
        claim"), the proposed file in the input (cursor steady at its end), Save and Cancel."""

        async def run_before(pilot):
            await pilot.press("j")  # claim 1, its paraphrase pair current
            await pilot.press("space")  # select that pair
            await pilot.press("m")  # open the export dialog

        assert snap_compare(fixture_app(FIXED_EXPORT_DIR), terminal_size=(100, 30), run_before=run_before)

    def test_export_refuses_to_overwrite(self, snap_compare, tmp_path):
        """100×30: the `m` dialog after saving to a name that exists: the red "exists" message
        and the Save button turned into a yellow Overwrite; the file is untouched."""
        (tmp_path / "notes.md").write_text("my notes\n")

        async def run_before(pilot):
            await pilot.press("j")  # claim 1, its paraphrase pair current
            await pilot.press("space")  # select that pair
            await pilot.press("m")  # open the export dialog (the input holds the proposed path)
            await pilot.press("ctrl+u")  # clear the input (the temporary folder stays out of the picture)
            await pilot.press(*"notes.md")  # a file that exists, relative to the proposed folder
            await pilot.press("enter")  # save: refused, asks to confirm

        assert snap_compare(fixture_app(tmp_path), terminal_size=(100, 30), run_before=run_before)
        assert (tmp_path / "notes.md").read_text() == "my notes\n"
