"""All panes on a wide terminal; on a narrow one, two panes and a switcher, never a broken layout."""

from __future__ import annotations

import pytest

from align.models import Alignment, Article, Claim, Sentence, SentenceRef
from tests.app.helpers import highlighted, main_screen, screen_text
from tui.app import make_app
from tui.widgets.article_pane import ArticlePane
from tui.widgets.claim_detail import ClaimDetail
from tui.widgets.claim_table import ClaimTable
from tui.widgets.pane_switcher import PaneSwitcher

pytestmark = pytest.mark.anyio


def five_articles() -> Alignment:
    articles = tuple(
        Article(
            f"art{n}",
            f"art{n}.txt",
            f"Outlet number {n}",
            "",
            (
                Sentence(0, f"Outlet {n} opens with its own lead.", 0, 0),
                Sentence(1, "Everyone reports the same fact.", 0, 0),
            ),
        )
        for n in range(5)
    )
    shared = Claim(1, "agreement", tuple(SentenceRef(a.id, 1) for a in articles))
    leads = tuple(Claim(n + 2, "unsupported", (SentenceRef(a.id, 0),)) for n, a in enumerate(articles))
    return Alignment(articles, (leads[0], shared, *leads[1:]))


def shown_panes(app) -> list[ArticlePane]:
    return [pane for pane in app.screen.query(ArticlePane) if pane.display]


async def test_wide_terminal_shows_every_pane():
    alignment = five_articles()
    app = make_app(alignment.articles, alignment=alignment)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        assert len(shown_panes(app)) == 5
        assert not app.screen.query_one(PaneSwitcher).display
        assert all(pane.size.width >= 30 for pane in shown_panes(app))


async def test_narrow_terminal_shows_two_panes_and_tab_brings_the_others():
    alignment = five_articles()
    app = make_app(alignment.articles, alignment=alignment)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [p.article.id for p in shown_panes(app)] == ["art0", "art1"]
        switcher = app.screen.query_one(PaneSwitcher)
        assert switcher.display and "tab/1-9" in screen_text(app).splitlines()[1]
        # Tab walks: claims → pane 1 → pane 2 → pane 3 (the window slides) …
        await pilot.press("tab", "tab", "tab")
        assert app.focused is app.screen.query(ArticlePane)[2]
        assert [p.article.id for p in shown_panes(app)] == ["art1", "art2"]
        await pilot.press("5")
        assert [p.article.id for p in shown_panes(app)] == ["art3", "art4"]
        assert app.focused.article.id == "art4"
        await pilot.press("j")  # claim keys still work from a focused pane
        second = main_screen(app).claims[1]
        assert main_screen(app).current_claim == second
        assert highlighted(app) == set(second.members)


async def test_narrow_terminal_keeps_every_part_on_screen(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for widget in (*shown_panes(app), screen.query_one(ClaimTable), screen.query_one(ClaimDetail)):
            region = widget.region
            assert region.width >= 20 and region.height >= 5, widget
            assert screen.region.contains_region(region), widget
        text = screen_text(app)
        assert "claim #3 · 1 of 9" in text
        assert "q Quit" in text


async def test_overview_hides_on_short_terminals_and_v_toggles_it(make, alignment):
    app = make(alignment=alignment)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        overview = app.screen.query_one("#overview")
        assert not overview.display
        await pilot.press("v")
        assert overview.display
    app = make(alignment=alignment)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#overview").display


async def test_resizing_changes_the_number_of_panes():
    alignment = five_articles()
    app = make_app(alignment.articles, alignment=alignment)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        assert len(shown_panes(app)) == 5
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert len(shown_panes(app)) == 3


async def test_clicking_an_article_in_the_switcher_shows_its_pane():
    alignment = five_articles()
    app = make_app(alignment.articles, alignment=alignment)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        switcher = app.screen.query_one(PaneSwitcher)
        line = switcher.render().plain
        await pilot.click(switcher, offset=(1 + line.index("4 "), 0))  # +1: the switcher's padding
        assert [p.article.id for p in shown_panes(app)] == ["art2", "art3"]
        assert app.focused.article.id == "art3"


async def test_a_16_colour_terminal_gets_the_ansi_theme(monkeypatch, alignment):
    # Truecolor shades collapse in 16 colours (agreement green and paraphrase blue both turn
    # white); the ANSI theme keeps the five relation colours apart.
    import textual.constants

    from tui.app import CompareApp

    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "standard")
    # The app leaves tests (headless) alone; pretend to be a real terminal.
    monkeypatch.setattr(CompareApp, "is_headless", property(lambda self: False))
    app = make_app(alignment.articles, alignment=alignment)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme.startswith("ansi")


async def test_a_tiny_terminal_still_works(app, alignment):
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert len(shown_panes(app)) == 1
        await pilot.press("j", "tab", "space", "f", "escape", "question_mark", "escape")
        assert main_screen(app).current_claim == main_screen(app).claims[1]
        assert len(main_screen(app).selection) == 1
