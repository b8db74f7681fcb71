"""The engine's data: plain frozen dataclasses shared by every stage, the CLI and the app.

Nothing here computes similarity or relations; it only holds results and turns them into the
`compare/alignment@2` JSON document (and back, so the app and tests can load a saved one, of
@2 or of the older @1).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, Literal

from align import evidence as evidence_text
from align.evidence import Evidence, Side

SCHEMA = "compare/alignment@2"
# @1 put every sentence in one claim; @2 lets a sentence that states several facts belong to the
# claim of each (at most MAX_CLAIMS_PER_SENTENCE) and lists each sentence's claims. An @1
# document reads as an @2 one whose claims share no sentence.
READABLE_SCHEMAS = ("compare/alignment@1", SCHEMA)
MAX_CLAIMS_PER_SENTENCE = 3

SentenceKind = Literal["content", "heading", "boilerplate"]


class Relation(StrEnum):
    """How two sentences relate (a pair), or what a claim is (its label). One vocabulary for the
    JSON, the Markdown report and the app."""

    CONTRADICTION = "contradiction"
    EXAGGERATION = "exaggeration"
    PARAPHRASE = "paraphrase"
    AGREEMENT = "agreement"
    UNSUPPORTED = "unsupported"  # a claim only one article makes (never a pair's relation)
    UNRELATED = "unrelated"  # out of context only (`relate`): the two state different things

    @property
    def notability(self) -> int:
        """Rank in NOTABILITY: 0 is the most notable."""
        return NOTABILITY.index(self) if self in NOTABILITY else len(NOTABILITY)


# The one order of notability, most notable first: what a fact-checker looks for before what
# everyone agrees on, and shared claims before claims only one article makes. A claim's label is
# its most notable pair relation; the report's sections and the app's sort follow this order.
NOTABILITY: tuple[Relation, ...] = (
    Relation.CONTRADICTION,
    Relation.EXAGGERATION,
    Relation.PARAPHRASE,
    Relation.AGREEMENT,
    Relation.UNSUPPORTED,
)
CLAIM_LABELS: tuple[Relation, ...] = NOTABILITY
# The relations of a cross-article pair inside a claim.
PAIR_RELATIONS: tuple[Relation, ...] = NOTABILITY[:-1]


def most_notable(relations: Iterable[Relation]) -> Relation:
    """The most notable of some relations (UNSUPPORTED when there are none)."""
    return min(relations, key=lambda relation: relation.notability, default=Relation.UNSUPPORTED)


class InputError(Exception):
    """Bad input the user must fix; its message is one line naming the file and the cause."""


@dataclass(frozen=True)
class Sentence:
    """One sentence (or heading, list item, caption) with exact offsets into its article's text."""

    index: int
    text: str
    start: int
    end: int
    kind: SentenceKind = "content"
    # Why a sentence was marked boilerplate, so a user can audit what was stripped.
    reason: str = ""

    @property
    def alignable(self) -> bool:
        return self.kind != "boilerplate"


@dataclass(frozen=True)
class Article:
    """A decoded, sanitized article. `text[s.start:s.end] == s.text` for every sentence."""

    id: str
    path: str
    title: str
    text: str
    sentences: tuple[Sentence, ...] = ()
    # The source's short name ("fox", "The New York Times"): from the page's site name, the file
    # name or the user (`--name`); "" when none is known (a file named by a hash).
    outlet: str = ""
    # The publication date as the page states it (ISO "2010-07-03", by trafilatura's metadata
    # for HTML); "" when unknown (plain text files carry none).
    date: str = ""

    @property
    def name(self) -> str:
        """How the reader sees the article everywhere: "outlet · title" (the title alone when
        the outlet is unknown or the title already starts with it)."""
        if not self.outlet or self.title.casefold().startswith(self.outlet.casefold()):
            return self.title
        return f"{self.outlet} · {self.title}"


@dataclass(frozen=True, order=True)
class SentenceRef:
    """Points at one sentence: article id and sentence index."""

    article: str
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "sentence": self.sentence}


@dataclass(frozen=True)
class Judgement:
    """How two sentences relate, with the evidence a reader can check."""

    relation: Relation
    similarity: float
    exaggerating: Side | None = None
    evidence: tuple[Evidence, ...] = ()
    # The calibrated probability that `relation` is right (align/judge/confidence.py); None where no
    # model judged it (an "unrelated" verdict, a hand-built pair).
    confidence: float | None = None


@dataclass(frozen=True)
class PairScores:
    """What the pair model (align/model/pair_model.py) reads in two sentences, both orders
    averaged. `fact` is the log-odds that they share a fact, whatever else each says; the rest
    are probabilities: stated equivalently, contradicting, graded similarity (0-1), and which
    side states the shared fact more strongly (a / same / b)."""

    fact: float
    equivalent: float
    contradiction: float
    similarity: float
    stronger_a: float
    stronger_same: float
    stronger_b: float

    def flipped(self) -> PairScores:
        """The same reading with the sides swapped."""
        return PairScores(
            self.fact,
            self.equivalent,
            self.contradiction,
            self.similarity,
            self.stronger_b,
            self.stronger_same,
            self.stronger_a,
        )


@dataclass(frozen=True)
class Pair:
    """A cross-article pair of members of one claim and how they relate."""

    a: SentenceRef
    b: SentenceRef
    judgement: Judgement

    @classmethod
    def of(
        cls,
        a: SentenceRef,
        b: SentenceRef,
        relation: str,
        similarity: float,
        exaggerating: Side | None = None,
        evidence: Iterable[str | Evidence] = (),
        confidence: float | None = None,
    ) -> Pair:
        """A pair built by hand (fixtures, saved documents): evidence may be given as text."""
        items = tuple(item if isinstance(item, Evidence) else evidence_text.parse(item) for item in evidence)
        return cls(a, b, Judgement(Relation(relation), similarity, exaggerating, items, confidence))

    @property
    def relation(self) -> Relation:
        return self.judgement.relation

    @property
    def similarity(self) -> float:
        return self.judgement.similarity

    @property
    def exaggerating(self) -> Side | None:
        return self.judgement.exaggerating

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return self.judgement.evidence

    @property
    def confidence(self) -> float | None:
        return self.judgement.confidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "relation": str(self.relation),
            "similarity": round(float(self.similarity), 4),
            "exaggerating": self.exaggerating,
            "evidence": [str(item) for item in self.evidence],
            **({"confidence": round(float(self.confidence), 4)} if self.confidence is not None else {}),
        }


@dataclass(frozen=True)
class Claim:
    """Sentences of one or more articles that state the same thing."""

    id: int
    label: Relation
    members: tuple[SentenceRef, ...]
    pairs: tuple[Pair, ...] = ()
    # Set on a claim too big to list every cross-article pair (search.all_pairs_limit): each
    # member is then paired with this member, the claim's most printed wording.
    anchor: SentenceRef | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", Relation(self.label))  # "agreement" becomes the enum

    @property
    def articles(self) -> tuple[str, ...]:
        """Distinct article ids among the members, in member order."""
        return tuple(dict.fromkeys(m.article for m in self.members))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": str(self.label),
            "members": [m.to_dict() for m in self.members],
            "pairs": [p.to_dict() for p in self.pairs],
        } | ({"anchor": self.anchor.to_dict()} if self.anchor else {})


@dataclass(frozen=True)
class Alignment:
    """The engine's whole result: articles with their sentences, and the claims across them."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    model: dict[str, Any] = field(
        default_factory=lambda: {"name": "all-MiniLM-L6-v2", "backend": "sentence-transformers"}
    )

    # --- look-ups the CLI, exports and the app share -------------------------------------
    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def sentence(self, ref: SentenceRef) -> Sentence:
        return self.article(ref.article).sentences[ref.sentence]

    def claims_of(self, ref: SentenceRef) -> tuple[Claim, ...]:
        """The claims a sentence belongs to, in the order of `claims` (none for boilerplate and
        section headings; a sentence that states several facts is in the claim of each)."""
        return self._claims_by_sentence.get(ref, ())

    def claim_of(self, ref: SentenceRef) -> Claim | None:
        """The most notable claim a sentence belongs to (the first of them on a tie), or None."""
        claims = self.claims_of(ref)
        return min(claims, key=lambda c: c.label.notability) if claims else None

    @cached_property
    def _claims_by_sentence(self) -> dict[SentenceRef, tuple[Claim, ...]]:
        found: dict[SentenceRef, list[Claim]] = {}
        for claim in self.claims:
            for ref in dict.fromkeys(claim.members):
                found.setdefault(ref, []).append(claim)
        return {ref: tuple(claims) for ref, claims in found.items()}

    # --- the JSON contract ---------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "model": dict(self.model),
            "articles": [
                {
                    "id": a.id,
                    "path": a.path,
                    "title": a.title,
                    "outlet": a.outlet or None,
                    "date": a.date or None,
                    "sentences": [
                        {
                            "index": s.index,
                            "text": s.text,
                            "start": s.start,
                            "end": s.end,
                            "kind": s.kind,
                            **({"reason": s.reason} if s.reason else {}),
                            "claims": [c.id for c in self.claims_of(SentenceRef(a.id, s.index))],
                        }
                        for s in a.sentences
                    ],
                }
                for a in self.articles
            ],
            "claims": [c.to_dict() for c in self.claims],
        }

    def to_json(self, indent: int | None = 2) -> str:
        # ensure_ascii keeps every control or bidi character that slipped through escaped.
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=True)

    @classmethod
    def from_dict(cls, doc: dict[str, Any], texts: dict[str, str] | None = None) -> Alignment:
        """Rebuild an Alignment from its JSON document (article text is rebuilt from sentences
        unless `texts` gives it)."""
        if doc.get("schema") not in READABLE_SCHEMAS:
            raise ValueError(f"not a {SCHEMA} document")
        articles = []
        for a in doc["articles"]:
            sentences = tuple(
                Sentence(
                    index=s["index"],
                    text=s["text"],
                    start=s["start"],
                    end=s["end"],
                    kind=s["kind"],
                    reason=s.get("reason", ""),
                )
                for s in a["sentences"]
            )
            text = (texts or {}).get(a["id"]) or _text_from_sentences(sentences)
            articles.append(
                Article(a["id"], a["path"], a["title"], text, sentences, a.get("outlet") or "", a.get("date") or "")
            )
        claims = tuple(
            Claim(
                id=c["id"],
                label=Relation(c["label"]),
                members=tuple(SentenceRef(**m) for m in c["members"]),
                pairs=tuple(
                    Pair.of(
                        SentenceRef(**p["a"]),
                        SentenceRef(**p["b"]),
                        p["relation"],
                        p["similarity"],
                        p.get("exaggerating"),
                        p.get("evidence", ()),
                        p.get("confidence"),
                    )
                    for p in c["pairs"]
                ),
                anchor=SentenceRef(**c["anchor"]) if c.get("anchor") else None,
            )
            for c in doc["claims"]
        )
        return cls(tuple(articles), claims, dict(doc.get("model", {})))

    @classmethod
    def from_json(cls, text: str) -> Alignment:
        return cls.from_dict(json.loads(text))


def _text_from_sentences(sentences: Iterable[Sentence]) -> str:
    """Rebuild a text in which every sentence sits at its offsets (gaps become spaces/newlines)."""
    chars: list[str] = []
    for s in sorted(sentences, key=lambda s: s.start):
        if len(chars) < s.start:
            gap = s.start - len(chars)
            chars.extend("\n" if gap else "" for _ in range(gap))
        chars[s.start : s.end] = list(s.text)
    return "".join(chars)
