"""Helpers for the Pilot and snapshot tests: find the screen, act as a reader, read the terminal."""

from __future__ import annotations

import html
import re
import time

from textual.app import App

from align.models import SentenceRef
from tui.screens.filter import FilterScreen
from tui.screens.main import MainScreen
from tui.widgets.article_pane import ArticlePane


def main_screen(app: App) -> MainScreen:
    screen = app.get_default_screen() if not isinstance(app.screen, MainScreen) else app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def filter_to(pilot, label: str) -> None:
    """Choose `label` in the `f` dialog, as a reader would."""
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


async def wait_until(pilot, condition, within: float = 10.0) -> None:
    """Let the app run until `condition()` holds (or `within` seconds pass); the caller asserts."""
    deadline = time.monotonic() + within
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.05)
