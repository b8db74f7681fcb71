"""Pane synchronisation anchors on the claim: its members are highlighted and scrolled into view."""

from __future__ import annotations

import pytest

from align.models import Alignment, Article, Claim, Pair, Sentence, SentenceRef
from tests.app.helpers import highlighted, main_screen
from tui.app import make_app
from tui.widgets.article_pane import ArticlePane

pytestmark = pytest.mark.anyio


async def test_highlighted_sentences_are_exactly_the_claims_members(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        shown = list(main_screen(app).claims)
        assert len(shown) == len(alignment.claims)
        for claim in shown:
            await pilot.pause()
            assert highlighted(app) == set(claim.members), f"claim {claim.id}"
            await pilot.press("j")


async def test_panes_without_a_member_say_they_are_silent(app, alignment):
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()  # claim 2, where the app opens: a contradiction between the first two articles
        panes = {pane.article.id: pane for pane in app.screen.query(ArticlePane)}
        assert set(alignment.claims[2].articles) == {"a_planet", "b_ledger"}
        assert panes["c_post"].has_class("-silent")
        assert "silent" in str(panes["c_post"].border_subtitle)
        assert not panes["a_planet"].has_class("-silent")
        assert "contradiction" in str(panes["a_planet"].border_subtitle)


def _long_corpus() -> Alignment:
    """Two long articles whose shared claim sits near the end of one and the start of the other."""
    filler = [Sentence(i, f"Filler sentence number {i} about something else.", 0, 0) for i in range(60)]
    first = Article("first", "first.txt", "First", "", (*filler, Sentence(60, "The bridge reopens on Monday.", 0, 0)))
    second = Article(
        "second",
        "second.txt",
        "Second",
        "",
        (
            Sentence(0, "The bridge reopens Monday.", 0, 0),
            *[Sentence(i + 1, f"Other sentence {i}.", 0, 0) for i in range(60)],
        ),
    )
    shared = Claim(
        0,
        "agreement",
        (SentenceRef("first", 60), SentenceRef("second", 0)),
        (Pair.of(SentenceRef("first", 60), SentenceRef("second", 0), "agreement", 0.97),),
    )
    alone = Claim(1, "unsupported", (SentenceRef("first", 0),))
    late = Claim(2, "unsupported", (SentenceRef("second", 60),))
    return Alignment((first, second), (alone, shared, late))


async def test_moving_to_a_claim_scrolls_every_pane_to_its_members():
    alignment = _long_corpus()
    app = make_app(alignment.articles, alignment=alignment)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # the app opens on the shared claim
        first, second = app.screen.query(ArticlePane)
        assert first.scroll_y > 0  # had to scroll down to the last sentence
        assert first.in_view(60)
        assert second.in_view(0)
        await pilot.press("j", "j")  # past the first article's lone claim: one at the end of the second
        await pilot.pause()
        assert second.in_view(60)


async def test_with_sync_off_panes_stay_where_the_reader_left_them():
    alignment = _long_corpus()
    app = make_app(alignment.articles, alignment=alignment)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")  # the first article's lone claim, at its top
        await pilot.pause()
        await pilot.press("s")
        assert main_screen(app).sync is False
        first = app.screen.query(ArticlePane).first()
        assert first.scroll_y == 0
        await pilot.press("k")  # back to the shared claim, at the end of the first article
        await pilot.pause()
        assert first.scroll_y == 0
        assert SentenceRef("first", 60) in highlighted(app)  # still highlighted, just not scrolled to
        await pilot.press("s")  # sync back on: the pane catches up
        await pilot.pause()
        assert first.in_view(60)


async def test_moving_between_pairs_scrolls_to_each_pairs_sentences():
    """A claim the first article states twice, far apart: each pair brings its own sentence in."""
    filler = [Sentence(i, f"Filler sentence number {i} about something else.", 0, 0) for i in range(80)]
    first = Article("first", "first.txt", "First", "", tuple(filler))
    second = Article("second", "second.txt", "Second", "", (Sentence(0, "Shared statement.", 0, 0),))
    early, late, other = SentenceRef("first", 5), SentenceRef("first", 75), SentenceRef("second", 0)
    claim = Claim(
        0,
        "agreement",
        (early, late, other),
        (
            Pair.of(early, other, "agreement", 0.95),
            Pair.of(late, other, "agreement", 0.95),
        ),
    )
    alignment = Alignment((first, second), (claim,))
    app = make_app(alignment.articles, alignment=alignment)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query(ArticlePane).first()
        assert pane.in_view(5) and not pane.in_view(75)
        await pilot.press("l")  # the second pair: its sentence in the first article is number 75
        await pilot.pause()
        assert pane.in_view(75)
        assert highlighted(app) == {early, late, other}  # both members stay highlighted
