"""A predicate one sentence negates conflicts with its synonym the other asserts about the same
thing: "does not contain a mutual defense clause" / "also encompasses a defense pact" (the seeds,
gold fit half, case same #12, judged a contradiction). The evidence names each side's own word.
"""

from __future__ import annotations

from align.evidence import EvidenceKind
from align.judge import conflicts

NEGATED = "It does not contain a mutual defense clause, meaning Moscow is not committed to defend Iran."
ASSERTED = "The strategic partnership also encompasses a defense pact, signaling a commitment to mutual security."


def negations(a: str, b: str) -> list[str]:
    return [e.text for e in conflicts.evidence(a, b) if e.kind is EvidenceKind.NEGATION]


def test_a_negated_predicate_conflicts_with_its_synonym_asserted_about_the_same_thing():
    assert negations(NEGATED, ASSERTED) == ["negation: a says 'not … contain', b asserts 'encompasses'"]
    assert negations(ASSERTED, NEGATED) == ["negation: b says 'not … contain', a asserts 'encompasses'"]


def test_a_synonym_about_another_thing_is_no_conflict():
    assert negations(NEGATED, "The agreement also encompasses trade and energy projects.") == []


def test_a_predicate_of_another_sense_is_no_conflict():
    assert negations(NEGATED, "Officials praised a defense pact signed with Moscow last year.") == []
