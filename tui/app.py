"""The Textual app and its one factory, shared by the command line and the tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from align.models import Alignment, Article
from tui.alignment_job import Progress
from tui.commands import CompareCommands
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.article_pane import ArticlePane
from tui.widgets.claim_detail import ClaimDetail
from tui.widgets.search_bar import SearchBar

ANSI_THEME = "ansi-dark"


class CompareApp(App[None]):
    """Shows how several articles tell one story: synchronized panes over the engine's claims."""

    CSS_PATH = "app.tcss"
    TITLE = "compare"
    COMMANDS = App.COMMANDS | {CompareCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Quit (also while the model is still loading)", id="quit"),
        Binding("question_mark", "help", "Help", tooltip="Every key, and how to read the colours", id="help"),
    ]

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        align_fn: Callable[[Progress], Alignment] | None = None,
        alignment: Alignment | None = None,
        export_dir: Path | None = None,
        command: str | None = None,
    ) -> None:
        super().__init__()
        self._main = MainScreen(
            articles, align_fn=align_fn, alignment=alignment, export_dir=export_dir, command=command
        )

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's themes have no fifth hue distinct from success, primary, warning and error
        # (secondary is a second blue): unsupported additions get a purple, one per background.
        dark = self.current_theme.dark
        return {"relation-unsupported": "#d28cf0" if dark else "#8a3aa8"}

    def on_mount(self) -> None:
        # With only 16 colours, truecolor theme shades collapse (green and blue both become white);
        # the ANSI theme uses the terminal's own palette, where the relation colours stay apart.
        # (Not in tests: headless runs take the colour system from whatever TERM the test runner has.)
        sixteen = self.console.color_system in ("standard", "windows")
        if sixteen and not self.is_headless and ANSI_THEME in self.available_themes:
            self.theme = ANSI_THEME

    def get_default_screen(self) -> Screen:
        return self._main

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(
            HelpScreen(
                [
                    ("Claims, pairs and panes", MainScreen.BINDINGS),
                    ("In a focused article pane", ArticlePane.BINDINGS),
                    ("In the focused claim detail", ClaimDetail.BINDINGS),
                    ("While searching", SearchBar.BINDINGS),
                    (
                        "Everywhere",
                        [*self.BINDINGS, Binding("ctrl+p", "command_palette", "Command palette: every action by name")],
                    ),
                ]
            )
        )


def make_app(
    articles: Sequence[Article],
    *,
    align_fn: Callable[[Progress], Alignment] | None = None,
    alignment: Alignment | None = None,
    export_dir: Path | None = None,
    command: str | None = None,
) -> App:
    """The app for `articles`: renders `alignment` at once, or runs `align_fn` in a worker.
    `command`, the command line that opened it, is quoted in the reports it exports."""
    return CompareApp(articles, align_fn=align_fn, alignment=alignment, export_dir=export_dir, command=command)
