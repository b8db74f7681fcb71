"""Issue 12, "structure": section headings are not claims, and a title pairs with its best
counterpart only. Built from a BASIL story outside the gold standard (2014, the Arizona bill;
../shared/datasets/basil-triplets, dev material), short excerpts laid out as Markdown pages with
section headings, as scraped news often is."""

from __future__ import annotations

from pathlib import Path

import pytest

import align

FOX = """# Prominent Republicans call for Ariz. Gov. Jan Brewer to veto bill allowing denial of service to gays

## Background

The Arizona Legislature passed a bill last week allowing businesses whose owners cite sincerely held religious beliefs to deny service to gays.

## Reaction

The legislation has caused a national uproar.

## Key Points

The Republican governor returned home Tuesday afternoon to a political climate that is much different from just a week ago.
"""

NYT = """# Governor of Arizona Is Pressed to Veto Bill

## Background

Elected officials, civic leaders and business groups spoke out publicly against the measure, which passed both houses of the Legislature on Thursday.

## Reaction

On Twitter, Arizona's United States senators, John McCain and Jeff Flake, also Republicans, said they hoped Ms. Brewer would veto the bill.

## Key Points

As the Arizona Legislature sent a bill to her desk Monday that would grant business owners the right to invoke religion to refuse service to gays, Gov. Jan Brewer faced pressure from many corners to veto the measure.
"""


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> align.Alignment:
    folder: Path = tmp_path_factory.mktemp("arizona")
    (folder / "fox.md").write_text(FOX, encoding="utf-8")
    (folder / "nyt.md").write_text(NYT, encoding="utf-8")
    return align.align(align.load_corpus([str(folder)]), use_cache=False)


def _claims_of(result: align.Alignment, text: str) -> list[int]:
    return [claim.id for claim in result.claims for ref in claim.members if result.sentence(ref).text.startswith(text)]


def test_section_headings_are_in_no_claim(story):
    headings = [s for a in story.articles for s in a.sentences if s.kind == "heading" and s.text != a.title]
    assert sorted({s.text for s in headings}) == ["Background", "Key Points", "Reaction"]
    in_claims = {ref for claim in story.claims for ref in claim.members}
    for article in story.articles:
        for sentence in article.sentences:
            if sentence.kind == "heading" and sentence.text != article.title:
                assert align.SentenceRef(article.id, sentence.index) not in in_claims


def test_the_content_under_the_headings_is_still_compared(story):
    # The one fact both outlets state (the legislature passed the bill) is still shared.
    fox = _claims_of(story, "The Arizona Legislature passed a bill last week")
    nyt = _claims_of(story, "As the Arizona Legislature sent a bill to her desk")
    assert fox and fox == nyt


def test_a_title_joins_the_claim_of_its_best_counterpart_and_no_other(story):
    # Fox's headline (Republicans call on the governor to veto the bill) is best matched by the
    # NYT's lead (the governor faced pressure to veto the measure): it joins that claim, rather
    # than standing alone as an "unsupported" headline or pulling in every sentence on the bill.
    fox_title = _claims_of(story, "Prominent Republicans call for Ariz. Gov. Jan Brewer to veto")
    lead = _claims_of(story, "As the Arizona Legislature sent a bill to her desk")
    assert len(fox_title) == 1 and fox_title == lead
    claim = next(c for c in story.claims if c.id == fox_title[0])
    assert len(claim.members) <= 4
    # The NYT headline's best counterpart is Fox's headline: with it, or alone, never elsewhere.
    nyt_title = _claims_of(story, "Governor of Arizona Is Pressed to Veto Bill")
    assert len(nyt_title) == 1
    nyt_claim = next(c for c in story.claims if c.id == nyt_title[0])
    assert nyt_title == fox_title or len(nyt_claim.members) == 1
