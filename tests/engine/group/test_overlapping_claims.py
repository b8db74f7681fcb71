"""Claims that share a sentence (schema @2), on a real story of the gold standard's fit half
(BASIL 2012-08bb9bee, Romney on Todd Akin: training material, read where it lies)."""

from __future__ import annotations

import align
from align.models import Relation, SentenceRef


def test_a_quote_that_states_two_facts_is_in_the_claim_of_each(dataset):
    """HuffPost prints Akin's line once: it is the same quote Fox prints (an agreement) and the
    claim the New York Times reports in its own words (women's bodies resist pregnancy from a
    "legitimate rape"). With one claim per sentence the Times' sentence was left out of it."""
    story = dataset("basil-triplets") / "stories" / "2012-08bb9bee"
    result = align.align(align.load_corpus([str(story / f"{outlet}.txt") for outlet in ("fox", "hpo", "nyt")]))

    def ref(outlet: str, start: str) -> SentenceRef:
        article = result.article(outlet)
        return next(SentenceRef(outlet, s.index) for s in article.sentences if s.text.startswith(start))

    quote = ref("hpo", "\"If it's a legitimate rape, the female body has ways")
    claims = result.claims_of(quote)
    assert 2 <= len(claims) <= 3
    assert all(len(c.articles) > 1 for c in claims), "a sentence in a shared claim is never also unsupported"
    verbatim = next(c for c in claims if ref("fox", "\"If it's a legitimate rape") in c.members)
    assert verbatim.label is Relation.AGREEMENT
    reported = ref("nyt", "Mr. Akin said over the weekend that women")
    assert any(reported in c.members for c in claims if c is not verbatim)
