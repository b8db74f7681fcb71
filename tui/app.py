"""The Textual app and its one factory, shared by the command line and the tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import StringIO
from pathlib import Path

from rich.console import Console, RenderableType
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import WorkerFailed

from align.models import Alignment, Article
from tui.alignment_job import Progress
from tui.commands import CompareCommands
from tui.messages import AlignmentFailed
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.article_pane import ArticlePane
from tui.widgets.claim_detail import ClaimDetail
from tui.widgets.pane_row import MIN_PANE_WIDTH
from tui.widgets.search_bar import SearchBar

ANSI_THEME = "ansi-dark"
# The smallest terminal the layout can be read in: one article pane wide, and tall enough for the
# status line, the pane switcher, a row of article, the claim list and detail (8 rows at least)
# and the footer. Below it the app says so instead of drawing a crushed layout.
MIN_SIZE = Size(MIN_PANE_WIDTH + 2, 12)


class AppPanic(Exception):
    """Textual gave up with a message rather than an exception (its input thread failed):
    `details` holds what it would have printed."""

    def __init__(self, details: str) -> None:
        lines = [line.strip() for line in details.splitlines() if line.strip()]
        super().__init__(lines[-1] if lines else "the app stopped")
        self.details = details


class TooSmallScreen(Screen[None]):
    """Stands in for the app while the terminal is smaller than MIN_SIZE: says how big it must be."""

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
    }
    TooSmallScreen > Static {
        width: 100%;
        height: auto;
        text-align: center;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(self.message(self.app.size), markup=False)

    def show_size(self, size: Size) -> None:
        self.query_one(Static).update(self.message(size))

    @staticmethod
    def message(size: Size) -> str:
        return (
            f"compare needs a terminal of at least {MIN_SIZE.width}x{MIN_SIZE.height}"
            f" (this one is {size.width}x{size.height}): enlarge it, or press q to quit."
        )


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
        self.failure: BaseException | None = None
        """The first error that broke the app or its engine; the command line reports it on exit
        (one line, the traceback in a log file) instead of Textual's traceback."""

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

    # --- a terminal too small to read -------------------------------------------------------
    def on_ready(self) -> None:
        self._fit_to_size(self.size)

    def on_resize(self, event: events.Resize) -> None:
        if self.is_mounted(self._main):  # the first resize comes before any screen exists
            self._fit_to_size(event.size)

    def _fit_to_size(self, size: Size) -> None:
        too_small = size.width < MIN_SIZE.width or size.height < MIN_SIZE.height
        if isinstance(self.screen, TooSmallScreen):
            if too_small:
                self.screen.show_size(size)
            else:
                self.pop_screen()
        elif too_small:
            self.push_screen(TooSmallScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Over the size message only quitting makes sense: help or the palette would open
        # dialogs nobody can read, above the message.
        if isinstance(self.screen, TooSmallScreen):
            return action in ("quit", "help_quit")
        return True

    # --- failures: one line and a log, never a traceback ------------------------------------
    @on(AlignmentFailed)
    def _engine_failed(self, message: AlignmentFailed) -> None:
        # The main screen shows the failure and keeps the articles readable; this records it.
        self._record_failure(message.error)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's hook for an exception nothing handled: it ends the app (and makes Pilot tests
        # re-raise it), then prints a rich traceback, with local variables, thus article text.
        # Keep the ending, drop the printing: the command line prints one line and logs the rest.
        self._record_failure(error.error if isinstance(error, WorkerFailed) else error)
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def panic(self, *renderables: RenderableType) -> None:
        # Textual panics (prints these and ends) when its driver's input thread fails.
        text = StringIO()
        console = Console(file=text, width=120, color_system=None, force_terminal=False)
        for renderable in renderables:
            console.print(renderable)
        self._record_failure(AppPanic(text.getvalue()))
        self.exit(return_code=1)

    def _record_failure(self, error: BaseException) -> None:
        if self.failure is None:
            self.failure = error

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
                ],
                many_claims=self._main.many_claims,
            )
        )


def make_app(
    articles: Sequence[Article],
    *,
    align_fn: Callable[[Progress], Alignment] | None = None,
    alignment: Alignment | None = None,
    export_dir: Path | None = None,
    command: str | None = None,
) -> CompareApp:
    """The app for `articles`: renders `alignment` at once, or runs `align_fn` in a worker.
    `command`, the command line that opened it, is quoted in the reports it exports."""
    return CompareApp(articles, align_fn=align_fn, alignment=alignment, export_dir=export_dir, command=command)
