"""A quotation that runs over several sentences stays one claim with its speaker, never a string
of speaker-less unsupported claims: on a real story of the gold standard's fit half (BASIL
2012-08bb9bee, Romney on Todd Akin: training material, read where it lies)."""

from __future__ import annotations

import align
from align.models import SentenceRef
from align.read.quotes import quoted_passages


def test_the_pieces_of_a_quotation_no_other_outlet_prints_are_one_claim(dataset):
    story = dataset("basil-triplets") / "stories" / "2012-08bb9bee"
    result = align.align(align.load_corpus([str(story / f"{outlet}.txt") for outlet in ("fox", "hpo", "nyt")]))

    # HuffPost: "From what I understand from doctors, that's really rare," said Akin said of
    # pregnancies caused by rape. "If it's a legitimate rape, ... But let's assume maybe that didn't
    # work or something. I think there should be some punishment, but the punishment ought to be
    # on the rapist." The last two pieces are Akin's words that no other outlet prints.
    hpo = result.article("hpo")
    ref = {s.text[:20]: SentenceRef("hpo", s.index) for s in hpo.sentences}
    assume, punish = ref["But let's assume may"], ref["I think there should"]
    assert result.claims_of(assume) == result.claims_of(punish)
    (claim,) = result.claims_of(assume)
    assert claim.label == "unsupported"

    passages = 0
    for article in result.articles:
        for passage in quoted_passages(article.text, article.sentences):
            refs = [SentenceRef(article.id, i) for i in passage]
            lone = [r for r in refs if all(len(c.articles) == 1 for c in result.claims_of(r))]
            # Whatever no other outlet shares of one quotation is one claim, never one per piece.
            assert len({c.id for r in lone for c in result.claims_of(r)}) <= 1, [result.sentence(r).text for r in refs]
            passages += len(lone) > 1
    assert passages >= 3, "the story's two outlets quote Akin's ad and interview at length"
