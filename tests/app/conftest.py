"""Pilot and snapshot tests of the app, on a small hand-built alignment (no model needed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App

from align.models import Alignment
from tests.app.fixture_alignment import fixture_alignment
from tui.app import make_app


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A steady cursor in every Input (the export path, the search bar), as harlequin does: a
    blinking one is drawn or not depending on when the snapshot is taken."""
    monkeypatch.setattr("textual.widgets._input.Input.cursor_blink", False)


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
