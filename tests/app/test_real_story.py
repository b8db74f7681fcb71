"""The app on a real three-outlet story (BASIL 2010-2b95d2cf, short excerpts in
tests/fixtures): it opens on the most notable shared claim, names every outlet, lists shared
claims before the unsupported ones and says how many claims each outlet shares.

The Pilot test runs today's engine on the excerpts, so it asserts what must hold whatever the
engine finds; the snapshot renders the alignment the engine made when it was written
(alignment.json), so that the picture changes only when the app does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import align
from align.models import NOTABILITY, Alignment
from tests.app.helpers import main_screen, screen_text_showing
from tui.app import make_app
from tui.widgets.claim_table import ClaimTable

pytestmark = pytest.mark.anyio

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "basil-2010-2b95d2cf"
STORY = FIXTURE / "story"
HEADLINES = {
    "fox": "fox · GOP Senators Keep Pressure",
    "hpo": "hpo · Michael Steele’s Afghanistan",
    "nyt": "nyt · Michael Steele Criticized",
}


@pytest.fixture(scope="module")
def story_alignment() -> Alignment:
    return align.align(align.load_corpus(STORY))


def frozen_alignment() -> Alignment:
    return Alignment.from_dict(json.loads((FIXTURE / "alignment.json").read_text(encoding="utf-8")))


async def test_a_real_story_opens_on_its_most_notable_shared_claim_with_the_outlets_named(story_alignment, tmp_path):
    alignment = story_alignment
    shared = [claim for claim in alignment.claims if len(claim.articles) > 1]
    assert shared, "the three outlets' headlines and leads tell one story: some claim must be shared"
    most_notable = min(NOTABILITY.index(claim.label) for claim in shared)
    app = make_app(alignment.articles, alignment=alignment, export_dir=tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        text = await screen_text_showing(pilot, *HEADLINES.values())
        screen = main_screen(app)
        # It opens on a shared claim of the most notable label, never on an unsupported one.
        assert len(screen.current_claim.articles) > 1
        assert NOTABILITY.index(screen.current_claim.label) == most_notable
        for headline in HEADLINES.values():  # the panes' titles: "outlet · title"
            assert headline in text
        counts = {outlet: sum(1 for claim in shared if outlet in claim.articles) for outlet in HEADLINES}
        assert f"{len(alignment.claims)} claims, {len(shared)} shared" in text
        assert "each shares: " + " · ".join(f"{outlet} {counts[outlet]}" for outlet in HEADLINES) in text
        # Shared claims first, then the unsupported ones under their own heading.
        labels = [claim.label for claim in screen.claims]
        assert labels[: len(shared)] == sorted(labels[: len(shared)], key=NOTABILITY.index)
        assert set(labels[len(shared) :]) <= {"unsupported"}
        table = app.screen.query_one(ClaimTable)
        unsupported = len(alignment.claims) - len(shared)
        if unsupported:
            heading = str(table.get_row_at(len(shared))[4])
            assert heading == f"{unsupported} claims, one outlet each · u folds"


class TestRealStory:
    def test_first_screen(self, snap_compare, tmp_path):
        """120×36: the first screen on the three outlets' excerpts: three panes titled
        "outlet · headline", the overview with what each outlet shares, the list with the shared
        claims first (the headlines' exaggeration current) and the unsupported section after."""
        alignment = frozen_alignment()
        app = make_app(alignment.articles, alignment=alignment, export_dir=Path("/compare-snapshots/exports"))
        assert snap_compare(app, terminal_size=(120, 36))
