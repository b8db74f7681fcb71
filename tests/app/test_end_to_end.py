"""The real engine on seeds/, in the app: claims appear, panes follow, a filtered selection exports.

Needs the MiniLM model installed (no network); about 15–25 s cold.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import align
from align.markdown import render_markdown
from tests.app.helpers import filter_to, highlighted, main_screen, screen_text
from tui.app import make_app
from tui.widgets.claim_table import ClaimTable

pytestmark = pytest.mark.anyio


async def test_seeds_align_in_the_app_and_a_filtered_selection_exports(seeds_dir: Path, tmp_path: Path):
    articles = align.load_corpus(seeds_dir)
    app = make_app(articles, align_fn=lambda progress: align.align(articles, progress=progress), export_dir=tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        text = screen_text(app)  # painted before the alignment: every article's opening words
        assert all(" ".join(a.sentences[0].text.split()[:2]) in text for a in articles)
        await asyncio.wait_for(app.workers.wait_for_complete(), timeout=300)
        await pilot.pause()
        screen = main_screen(app)
        alignment = screen.alignment
        assert alignment is not None and alignment.claims
        # Every claim has a row; the unsupported ones sit under one section row after the shared.
        has_section = any(c.label == "unsupported" for c in alignment.claims)
        assert app.screen.query_one(ClaimTable).row_count == len(alignment.claims) + has_section
        assert f"{len(alignment.claims)} claims, " in screen_text(app)
        assert screen.current_claim is not None and len(screen.current_claim.articles) > 1
        for _ in range(5):
            await pilot.press("j")
            assert highlighted(app) == set(screen.current_claim.members)
        # Filter to exaggerations and select one pair from each of the first three.
        await filter_to(pilot, "exaggeration")
        assert screen.claims and all(c.label == "exaggeration" for c in screen.claims)
        picked = screen.claims[:3]
        await pilot.press("g")  # the filter kept the current claim: start from the first shown
        for _ in picked:
            await pilot.press("space", "j")
        await pilot.press("m", "enter")
        await pilot.pause()
        # Each claim opens on its exaggeration pair, so those are the pairs space picked.
        expected = {c.id: [next(n for n, p in enumerate(c.pairs) if p.relation == "exaggeration")] for c in picked}
        written = (tmp_path / "compare-selection.md").read_text(encoding="utf-8")
        assert written == render_markdown(alignment, expected)
