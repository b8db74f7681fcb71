"""The main screen's view state, free of widgets: which claims show, in what order, what is picked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.models import Alignment, Claim, SentenceRef
from tui.relations import LABEL_RANK

SORT_ORDERS: dict[str, str] = {
    "relation": "most notable first",
    "document": "document order",
    "sources": "most sources first",
}
# The app opens on what differs: the most notable shared claim first.
DEFAULT_ORDER = "relation"


@dataclass(frozen=True)
class ClaimQuery:
    """What the reader asked to see: one relation (or all), a search text, an order."""

    relation: str | None = None
    search: str = ""
    order: str = DEFAULT_ORDER
    # Whether the unsupported claims (their own section, after the shared ones) are folded away.
    fold_unsupported: bool = False

    def describe(self) -> str:
        parts = []
        if self.relation:
            parts.append(f"filter: {self.relation}")
        if self.search:
            parts.append(f"search: {self.search!r}")
        if self.order != DEFAULT_ORDER:
            parts.append(f"sort: {SORT_ORDERS[self.order]}")
        return " · ".join(parts)


def visible_claims(alignment: Alignment, query: ClaimQuery) -> list[Claim]:
    """The claims `query` keeps, in its order: in every order the shared claims come first and
    the unsupported ones after them, as their own section (left out when folded)."""
    needle = query.search.casefold().strip()
    claims = [
        claim
        for claim in alignment.claims
        if (query.relation is None or claim.label == query.relation)
        and (not needle or any(needle in alignment.sentence(m).text.casefold() for m in claim.members))
        and not (query.fold_unsupported and is_unsupported(claim))
    ]
    if query.order == "relation":
        claims.sort(key=lambda c: (LABEL_RANK.get(c.label, 99), -len(c.articles), c.id))
    elif query.order == "sources":
        claims.sort(key=lambda c: (-len(c.articles), LABEL_RANK.get(c.label, 99), c.id))
    # Stable: each section keeps the order chosen above.
    claims.sort(key=is_unsupported)
    return claims


def is_unsupported(claim: Claim) -> bool:
    return claim.label == "unsupported"


def claim_number(claim: Claim) -> int:
    """The number a reader sees (header, list, detail, report): from 1; the JSON's id is 0-based."""
    return claim.id + 1


def shared_counts(alignment: Alignment) -> dict[str, int]:
    """Per article id: how many claims it shares with at least one other article."""
    counts = {article.id: 0 for article in alignment.articles}
    for claim in alignment.claims:
        if len(claim.articles) > 1:
            for article_id in claim.articles:
                counts[article_id] = counts.get(article_id, 0) + 1
    return counts


def claim_after(alignment: Alignment, ref: SentenceRef, current: Claim | None) -> Claim | None:
    """The claim a click on sentence `ref` goes to. A sentence that states several facts is in
    several claims: clicking it again and again walks them, so from one of its claims the click
    goes to the next one (in `claims_of` order, wrapping round); from any other claim it goes to
    the most notable. None: the sentence is in no claim (boilerplate, a heading)."""
    claims = alignment.claims_of(ref)
    ids = [claim.id for claim in claims]
    if current is not None and current.id in ids:
        return claims[(ids.index(current.id) + 1) % len(claims)]
    return alignment.claim_of(ref)


def other_claims(alignment: Alignment, claim: Claim) -> list[tuple[SentenceRef, tuple[Claim, ...]]]:
    """The members of `claim` that other claims hold too, each with those other claims (in
    `claims_of` order): the detail lists them so a reader sees the sentence states more."""
    found = []
    for ref in dict.fromkeys(claim.members):
        others = tuple(c for c in alignment.claims_of(ref) if c.id != claim.id)
        if others:
            found.append((ref, others))
    return found


def notable_pair(claim: Claim) -> int:
    """The pair that gave the claim its label (the first one with that relation), else 0."""
    return next((n for n, pair in enumerate(claim.pairs) if pair.relation == claim.label), 0)


def pair_window(count: int, current: int, size: int) -> range:
    """At most `size` pair indices around `current`: a claim can have hundreds of pairs."""
    if count <= size:
        return range(count)
    start = max(0, min(current - size // 2, count - size))
    return range(start, start + size)


def label_counts(alignment: Alignment) -> dict[str, int]:
    counts = {label: 0 for label in LABEL_RANK}
    for claim in alignment.claims:
        counts[claim.label] = counts.get(claim.label, 0) + 1
    return counts


class Selection:
    """Picked pairs per claim; a claim without pairs (unsupported) is picked whole."""

    def __init__(self) -> None:
        self._picked: dict[int, set[int]] = {}
        self._whole: set[int] = set()

    def toggle(self, claim: Claim, pair_index: int) -> bool:
        """Pick or unpick one pair (the whole claim if it has none); returns the new state."""
        if not claim.pairs:
            if claim.id in self._whole:
                self._whole.discard(claim.id)
                return False
            self._whole.add(claim.id)
            return True
        picked = self._picked.setdefault(claim.id, set())
        if pair_index in picked:
            picked.discard(pair_index)
            if not picked:
                del self._picked[claim.id]
            return False
        picked.add(pair_index)
        return True

    def toggle_claim(self, claim: Claim) -> bool:
        """Pick every pair of the claim, or unpick them all if all were picked."""
        if not claim.pairs:
            return self.toggle(claim, 0)
        if self.state(claim) == "all":
            self._picked.pop(claim.id, None)
            return False
        self._picked[claim.id] = set(range(len(claim.pairs)))
        return True

    def is_picked(self, claim: Claim, pair_index: int) -> bool:
        if not claim.pairs:
            return claim.id in self._whole
        return pair_index in self._picked.get(claim.id, ())

    def state(self, claim: Claim) -> str:
        """ "none", "some" or "all" of the claim's pairs picked."""
        if not claim.pairs:
            return "all" if claim.id in self._whole else "none"
        picked = len(self._picked.get(claim.id, ()))
        if picked == 0:
            return "none"
        return "all" if picked == len(claim.pairs) else "some"

    def clear(self) -> None:
        self._picked.clear()
        self._whole.clear()

    def __len__(self) -> int:
        return sum(len(p) for p in self._picked.values()) + len(self._whole)

    def as_mapping(self) -> dict[int, list[int] | None]:
        """The `selection` argument of `align.markdown.render_markdown`."""
        mapping: dict[int, list[int] | None] = {cid: sorted(p) for cid, p in sorted(self._picked.items())}
        mapping.update({cid: None for cid in sorted(self._whole)})
        return dict(sorted(mapping.items()))

    def claim_count(self) -> int:
        return len(self._picked) + len(self._whole)


def position_text(index: int | None, claims: Sequence[Claim], total: int) -> str:
    """`claim #7 · 3 of 12` (the claim's number, as the list and the detail show it, then the
    row among those shown; `of 12 shown (40)` when a filter or a fold hides some)."""
    if not claims or index is None:
        return f"no claims (of {total})" if total else "no claims"
    shown = len(claims)
    suffix = f" shown ({total})" if shown != total else ""
    return f"claim #{claim_number(claims[index])} · {index + 1} of {shown}{suffix}"
