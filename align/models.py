"""The engine's data: plain frozen dataclasses shared by every stage, the CLI and the app.

Nothing here computes similarity or relations; it only holds results and turns them into the
`compare/alignment@1` JSON document (and back, so the app and tests can load a saved one).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal

SCHEMA = "compare/alignment@1"

SentenceKind = Literal["content", "heading", "boilerplate"]
RelationName = Literal["agreement", "paraphrase", "exaggeration", "contradiction", "unrelated"]
ClaimLabel = Literal["agreement", "paraphrase", "exaggeration", "contradiction", "unsupported"]

# Order of notability: a claim's label is its most notable pair relation.
RELATIONS: tuple[str, ...] = ("agreement", "paraphrase", "exaggeration", "contradiction")
CLAIM_LABELS: tuple[str, ...] = RELATIONS + ("unsupported",)
NOTABILITY: dict[str, int] = {"agreement": 0, "paraphrase": 1, "exaggeration": 2, "contradiction": 3}


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

    relation: RelationName
    similarity: float
    exaggerating: Literal["a", "b"] | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    """A cross-article pair of members of one claim and their relation."""

    a: SentenceRef
    b: SentenceRef
    relation: RelationName
    similarity: float
    exaggerating: Literal["a", "b"] | None = None
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "relation": self.relation,
            "similarity": round(float(self.similarity), 4),
            "exaggerating": self.exaggerating,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class Claim:
    """Sentences of one or more articles that state the same thing."""

    id: int
    label: ClaimLabel
    members: tuple[SentenceRef, ...]
    pairs: tuple[Pair, ...] = ()

    @property
    def articles(self) -> tuple[str, ...]:
        """Distinct article ids among the members, in member order."""
        return tuple(dict.fromkeys(m.article for m in self.members))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "members": [m.to_dict() for m in self.members],
            "pairs": [p.to_dict() for p in self.pairs],
        }


@dataclass(frozen=True)
class Alignment:
    """The engine's whole result: articles with their sentences, and the claims across them."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    model: dict[str, str] = field(
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

    def claim_of(self, ref: SentenceRef) -> Claim | None:
        """The claim a sentence belongs to (None for boilerplate)."""
        for claim in self.claims:
            if ref in claim.members:
                return claim
        return None

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
                    "sentences": [
                        {
                            "index": s.index,
                            "text": s.text,
                            "start": s.start,
                            "end": s.end,
                            "kind": s.kind,
                            **({"reason": s.reason} if s.reason else {}),
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
        if doc.get("schema") != SCHEMA:
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
            articles.append(Article(a["id"], a["path"], a["title"], text, sentences))
        claims = tuple(
            Claim(
                id=c["id"],
                label=c["label"],
                members=tuple(SentenceRef(**m) for m in c["members"]),
                pairs=tuple(
                    Pair(
                        a=SentenceRef(**p["a"]),
                        b=SentenceRef(**p["b"]),
                        relation=p["relation"],
                        similarity=p["similarity"],
                        exaggerating=p.get("exaggerating"),
                        evidence=tuple(p.get("evidence", ())),
                    )
                    for p in c["pairs"]
                ),
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
