"""Evidence is typed (kind, side, text); its text is what the JSON keeps, and reads back typed."""

from __future__ import annotations

import pytest

from align import evidence as say
from align.evidence import Evidence, EvidenceKind, told
from align.models import Alignment, Article, Claim, Pair, Relation, Sentence, SentenceRef

EVERY_TEMPLATE = [
    say.negation("b", "does not", "encompass"),
    say.numbers("people", ["12"], ["40"]),
    say.calls_false("a", "hoax"),
    say.opposite("rise / fall", "rose", "fell"),
    say.claim_level(1, "linked to", 3, "causes"),
    say.claim_level(3, "improves", 2, "may … improve"),
    say.rank("a", "the favourite to win", "one of several candidates for"),
    say.rank("b", "the group", "one of the groups"),
    say.graver("a", "massacre", "shooting"),
    say.graver("b", "bomb", "suspicious package"),
    say.stronger("a", ["Rejects", "!"]),
    say.stronger("b", []),
    say.milder("b", ["may (hedged)"], []),
    say.milder("a", [], ["very"]),
    say.milder("a", [], []),
    say.same_words(93.4),
    say.changed("did not show much interest", "rejects"),
    say.only_in("b", "joint"),
    say.shared_words("encompass, pact"),
    say.other_words(),
    say.loose_link(0.41),
    say.below_threshold(0.3, 0.55),
]


@pytest.mark.parametrize("item", EVERY_TEMPLATE, ids=lambda e: e.kind.value)
def test_saved_evidence_reads_back_as_the_same_typed_value(item: Evidence):
    assert say.parse(str(item)) == item


def test_text_that_matches_no_template_is_kept_as_a_note():
    assert say.parse("an analyst's remark") == Evidence(EvidenceKind.NOTE, None, "an analyst's remark")


def test_the_json_keeps_evidence_as_plain_strings_and_loads_it_typed():
    a, b = SentenceRef("x", 0), SentenceRef("y", 0)
    pair = Pair.of(a, b, "contradiction", 0.7, None, [say.negation("a", "not", "approved")])
    articles = tuple(Article(i, f"{i}.txt", i, "Text.", (Sentence(0, "Text.", 0, 5),)) for i in ("x", "y"))
    alignment = Alignment(articles, (Claim(0, "contradiction", (a, b), (pair,)),))
    document = alignment.to_dict()
    assert document["claims"][0]["pairs"][0]["evidence"] == ["negation: a says 'not … approved', b asserts 'approved'"]
    loaded = Alignment.from_dict(document)
    assert loaded.claims[0].pairs[0] == pair and loaded.claims[0].label is Relation.CONTRADICTION


@pytest.mark.parametrize(
    ("item", "named"),
    [
        (say.negation("b", "No", "charges"), "negation: NYT says 'No … charges', Fox asserts 'charges'"),
        (say.numbers("people", ["12", "14"], ["40"]), "numbers differ (people): Fox says 12, 14, NYT says 40"),
        (say.calls_false("a", "hoax"), "Fox calls it false ('hoax'), NYT states it"),
        (
            say.opposite("accept / reject", "accepted", "rejected"),
            "opposite predicates (accept / reject): Fox 'accepted', NYT 'rejected'",
        ),
        (
            say.claim_level(3, "causes", 1, "linked to"),
            "Fox states a cause ('causes'), NYT a correlation ('linked to')",
        ),
        (
            say.certainty(3, "", 1, "not said whether"),
            "certainty: Fox states it as fact, NYT says it is not known ('not said whether')",
        ),
        (
            say.rank("b", "the favourite", "one of several candidates"),
            "rank: NYT puts it first ('the favourite'), Fox among others ('one of several candidates')",
        ),
        (
            say.graver("b", "massacre", "shooting"),
            "graver wording: NYT says 'massacre' where Fox says 'shooting'",
        ),
        (say.stronger("b", ["Shocking"]), "NYT is stronger: 'Shocking'"),
        (say.milder("a", [], []), "Fox states it plainly"),
        (say.only_in("b", "a and b"), "only in NYT: 'a and b'"),
        (say.changed("a", "b"), "changed: 'a' → 'b'"),
    ],
)
def test_evidence_names_its_sides_as_the_reader_sees_them(item, named):
    assert told(item, "Fox", "NYT") == named
    assert told(say.parse(item.text), "Fox", "NYT") == named  # from a saved alignment too
    assert item.text == told(item, "a", "b")  # the JSON's wording is unchanged
