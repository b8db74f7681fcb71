"""Article text is shown literally: markup never styles or acts, control characters never reach the terminal."""

from __future__ import annotations

import pytest

from align.models import Alignment, Article, Claim, Sentence, SentenceRef
from tests.app.fixture_alignment import CLICK_TEXT, LINK_TEXT, MARKUP_TITLE
from tests.app.helpers import click_sentence, main_screen, screen_text, screen_text_showing
from tui.app import make_app
from tui.safe_text import literal

pytestmark = pytest.mark.anyio


async def test_markup_in_titles_and_sentences_is_shown_literally(app):
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("j")  # the headline's claim (the app opens on the contradiction)
        await pilot.pause()
        text = screen_text(app)
        assert MARKUP_TITLE in text  # pane title
        assert "[@click=app.quit]now[/]!" in text  # boilerplate sentence
        assert "[link=file:///etc/passwd]x[/]." in text
        assert "SHOCKING: Council [bold]bans[/] cars downtown!" in text  # pane, table and detail
        assert text.count("[bold]bans[/]") >= 3


async def test_clicking_text_that_looks_like_an_action_does_not_run_it(app, alignment):
    async with app.run_test(size=(200, 50)) as pilot:
        assert alignment.sentence(SentenceRef("a_planet", 3)).text == CLICK_TEXT
        await click_sentence(pilot, SentenceRef("a_planet", 3), column=34)  # right on "[@click=app.quit]"
        await pilot.pause()
        assert app.is_running
        assert alignment.sentence(SentenceRef("a_planet", 5)).text == LINK_TEXT
        await click_sentence(pilot, SentenceRef("a_planet", 5), column=36)
        assert app.is_running
        assert main_screen(app).current_claim.id == 4  # the click only jumped to its claim


async def test_control_characters_and_bidi_overrides_are_made_visible():
    evil = "Red \x1b[31mALERT\x1b[0m\x07 and \u202ereversed\u202c text"
    article = Article("x", "x.txt", "Title \x1b]0;pwned\x07", evil, (Sentence(0, evil, 0, len(evil)),))
    alignment = Alignment((article,), (Claim(0, "unsupported", (SentenceRef("x", 0),)),))
    app = make_app(alignment.articles, alignment=alignment)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
        assert "Red ␛[31mALERT␛[0m␇ and \ufffdreversed\ufffd text" in text
        assert "Title ␛]0;pwned␇" in text


async def test_an_engine_error_is_reported_literally_and_the_articles_stay(make):
    def align_fn(progress):
        progress(0.1, "loading [bold]model[/]")
        raise RuntimeError("model [bold]missing[/] [@click=app.quit]x[/]")

    app = make(align_fn=align_fn)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        text = await screen_text_showing(pilot, "Alignment failed: model", "alignment failed: articles only")
        assert "The alignment failed: model [bold]missing[/] [@click=app.quit]x[/]" in text  # detail
        assert "Alignment failed: model [bold]missing[/]" in text  # the error notification
        assert "alignment failed: articles only" in text  # status
        assert "The ban takes effect in March." in text  # the articles stay readable
        assert app.is_running


def test_literal_keeps_ordinary_text_and_newlines():
    assert literal("Ça coûte 5 € — “quoted” 🚲\nnext") == "Ça coûte 5 € — “quoted” 🚲\nnext"
    # A CRLF is a line end (the engine keeps offsets with " \n"); a lone CR never returns the cursor.
    assert literal("a\tb\r\nc", one_line=True) == "a b c"
    assert "\r" not in literal("progress 10%\rprogress 99%")
    assert "\u200b" not in literal("hid\u200bden") and "\u202e" not in literal("x\u202ey")
