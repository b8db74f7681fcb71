"""Pilot and snapshot tests of the app, on a small hand-built alignment (no model needed)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from align.models import Alignment, SentenceRef
from textual.app import App

from tests.app.fixture_alignment import fixture_alignment
from tui.app import make_app
from tui.screens.main import MainScreen
from tui.widgets.article_pane import ArticlePane


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def alignment() -> Alignment:
    return fixture_alignment()


@pytest.fixture
def app(alignment: Alignment, tmp_path: Path) -> App:
    """The app on the fixture alignment, exporting into a fresh folder."""
    return make_app(alignment.articles, alignment=alignment, export_dir=tmp_path)


@pytest.fixture
def make(alignment: Alignment, tmp_path: Path) -> Callable[..., App]:
    def factory(**kwargs) -> App:
        kwargs.setdefault("export_dir", tmp_path)
        return make_app(alignment.articles, **kwargs)

    return factory


def main_screen(app: App) -> MainScreen:
    screen = app.get_default_screen() if not isinstance(app.screen, MainScreen) else app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def filter_to(pilot, label: str) -> None:
    """Choose `label` in the `f` dialog, as a reader would."""
    from tui.screens.filter import FilterScreen

    await pilot.press("f")
    assert isinstance(pilot.app.screen, FilterScreen)
    options = pilot.app.screen.query_one("#filter-options")
    options.highlighted = options.get_option_index(label)
    await pilot.press("enter")


async def click_sentence(pilot, ref: SentenceRef, column: int = 6) -> None:
    """Click sentence `ref` in its pane, `column` cells into its first line."""
    pane = next(p for p in pilot.app.screen.query(ArticlePane) if p.article.id == ref.article)
    line = pane.line_of(ref.sentence)
    if not pane.in_view(ref.sentence):
        pane.scroll_to(y=line, animate=False, immediate=True)
        await pilot.pause()
    # +1 for the pane's border on each axis.
    await pilot.click(pane, offset=(1 + column, 1 + line - pane.scroll_offset.y))


async def screen_text_showing(pilot, *wanted: str, within: float = 10.0) -> str:
    """The screen's text once it shows every `wanted` string (or, after `within` seconds, as it is).

    Messages posted from worker threads and toasts render a few frames later, later still on a
    loaded CI machine, so a fixed pause is a race; the caller's asserts still decide.
    """
    import time

    deadline = time.monotonic() + within
    while True:
        await pilot.pause(0.05)
        text = screen_text(pilot.app)
        if all(piece in text for piece in wanted) or time.monotonic() > deadline:
            return text


def highlighted(app: App) -> set[SentenceRef]:
    """Every sentence shown as a member of the current claim, across all panes."""
    return {ref for pane in app.screen.query(ArticlePane) for ref in pane.highlighted()}


def screen_text(app: App) -> str:
    """What the terminal shows, as plain text, one line per row (read from Textual's SVG screenshot)."""
    svg = app.export_screenshot()
    cell = 12.2  # width of one cell in Textual's SVG
    rows: dict[int, dict[int, str]] = {}
    pattern = r'<text[^>]*?x="([\d.]+)"[^>]*?clip-path="url\(#[\w-]*?line-(\d+)\)"[^>]*>(.*?)</text>'
    for x, line, body in re.findall(pattern, svg, re.S):
        rows.setdefault(int(line), {})[round(float(x) / cell)] = html.unescape(body).replace("\xa0", " ")
    lines = []
    for number in range(max(rows, default=-1) + 1):
        text = ""
        for column, piece in sorted(rows.get(number, {}).items()):
            text = text.ljust(column) + piece
        lines.append(text.rstrip())
    return "\n".join(lines)
