"""How each relation looks: symbol, name and colour (never colour alone), and sentence roles.

A sentence's *role* is its claim's relation seen from that sentence's article: the inflating side
of an exaggeration reads "inflates", the other side "plainer". A sentence that states several
facts is in several claims (`Alignment.claims_of`); it shows the role of its most notable claim
(`Alignment.claim_of`) unless the reader walks another of its claims, and a mark that says how
many it states. The roles only read the engine's pairs; nothing here judges text.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.models import NOTABILITY, Alignment, Claim, SentenceRef


@dataclass(frozen=True)
class Look:
    symbol: str
    name: str
    # Theme variables, so the colour follows dark, light and ANSI themes.
    style: str
    meaning: str


LOOKS: dict[str, Look] = {
    "agreement": Look("=", "agreement", "$text-success", "same claim, nearly the same words"),
    "paraphrase": Look("≈", "paraphrase", "$text-primary", "same claim, different words"),
    "exaggeration": Look("↑", "exaggeration", "$text-warning", "one side is stronger or sensational"),
    "contradiction": Look("≠", "contradiction", "$text-error", "the two cannot both be true"),
    "unsupported": Look("+", "unsupported", "$relation-unsupported", "only one article says this"),
    "boilerplate": Look("·", "boilerplate", "$text-disabled", "ads, share links, captions: not aligned"),
}

# Roles of a sentence within its claim (the keys of ROLE_LOOKS).
ROLE_LOOKS: dict[str, Look] = {
    "agreement": LOOKS["agreement"],
    "paraphrase": LOOKS["paraphrase"],
    "inflates": Look("↑", "inflates", "$text-warning", "the stronger side of an exaggeration"),
    "plainer": Look("↓", "plainer", "$text-warning", "the plainer side of an exaggeration"),
    "contradiction": LOOKS["contradiction"],
    "unsupported": LOOKS["unsupported"],
    "boilerplate": LOOKS["boilerplate"],
}

# The engine's one order of notability (most notable first, unsupported last): used to sort
# claims, list the filter's choices and count labels, as the report and the JSON order them.
LABEL_RANK: dict[str, int] = {str(label): rank for rank, label in enumerate(NOTABILITY)}
# A sentence's role, in the same order (an exaggeration's two sides where the relation stands);
# picks the colour of a sentence that belongs to several pairs and of a heat-map cell.
ROLE_RANK: dict[str, int] = {
    "contradiction": 0,
    "inflates": 1,
    "plainer": 2,
    "paraphrase": 3,
    "agreement": 4,
    "unsupported": 5,
    "boilerplate": 6,
}


def member_role(claim: Claim, ref: SentenceRef) -> str:
    """The role of one member sentence in its claim."""
    relations: set[str] = set()
    for pair in claim.pairs:
        if ref == pair.a or ref == pair.b:
            if pair.relation == "exaggeration":
                side = "a" if ref == pair.a else "b"
                relations.add("inflates" if pair.exaggerating == side else "plainer")
            else:
                relations.add(pair.relation)
    if not relations:
        return "unsupported"
    return min(relations, key=lambda r: ROLE_RANK.get(r, 99))


def sentence_roles(alignment: Alignment) -> dict[SentenceRef, str]:
    """Every sentence's role when no claim of its own is walked: a member's role in its most
    notable claim (`member_role`), boilerplate as such."""
    roles: dict[SentenceRef, str] = {}
    for article in alignment.articles:
        for sentence in article.sentences:
            if sentence.kind == "boilerplate":
                roles[SentenceRef(article.id, sentence.index)] = "boilerplate"
    for claim in alignment.claims:
        for ref in claim.members:
            notable = alignment.claim_of(ref)
            roles[ref] = member_role(notable or claim, ref)
    return roles


# The mark beside the role symbol of a sentence in several claims: how many, as a superscript
# (the engine allows 3; a larger count still reads as "several"). A glyph, never colour alone,
# and one cell wide so the gutter keeps its width.
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MANY_CLAIMS = "⁺"
# How the legend and the help name the mark (symbols, meaning).
MANY_CLAIMS_HINT = ("² ³", "in 2 or 3 claims")


def claims_mark(count: int) -> str:
    """The mark of a sentence in `count` claims: "" for one (or none), "²", "³", … beyond."""
    if count < 2:
        return ""
    return SUPERSCRIPTS[count] if count < len(SUPERSCRIPTS) else MANY_CLAIMS


def claim_counts(alignment: Alignment) -> dict[SentenceRef, int]:
    """How many claims each sentence in more than one states (the others are left out)."""
    counts: dict[SentenceRef, int] = {}
    for claim in alignment.claims:
        for ref in claim.members:
            if ref not in counts and len(alignment.claims_of(ref)) > 1:
                counts[ref] = len(alignment.claims_of(ref))
    return counts
