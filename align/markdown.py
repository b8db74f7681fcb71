"""The Markdown report: what a journalist pastes into their notes.

Article text is untrusted: `escape_markdown` makes any string one inert line of paragraph text,
so a scraped sentence cannot open a heading, a list, a link, an image, raw HTML, a code span or
a table, nor end the blockquote it is quoted in. Writing the file is `atomic_file.write_atomic`'s
job: it appears whole or not at all, and an existing file is never replaced silently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping

from align.evidence import Evidence, told
from align.models import NOTABILITY, Alignment, Article, Claim, Pair, SentenceRef
from align.read.sanitize import sanitize
from align.version import __version__

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Characters that open or close inline Markdown anywhere in a line: emphasis, code spans,
# links and images ("](" and "![" need a bracket), strikethrough, table cells, escapes,
# heading marks and "$" math (GitHub, Obsidian). "(", ")" and "!" stay readable: without a
# bracket they do nothing.
_INLINE_SPECIAL = set("\\`*_[]#|~$")
# Line breaks of every kind: the report keeps each quoted sentence on one line.
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]+")
# At the start of a line these begin a list, a thematic break, a setext underline or a
# numbered list ("1." / "1)").
_LEADING_BLOCK_MARK = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")

# Attributions use titles cut to this length; the header lists the full titles.
NAME_MAX_CHARS = 48

GROUP_TITLES = {
    "contradiction": "Contradictions",
    "exaggeration": "Exaggerations",
    "paraphrase": "Paraphrases",
    "agreement": "Agreements",
    "unsupported": "Unsupported additions",
}

LABEL_TITLES = {
    "agreement": "Agreement",
    "paraphrase": "Paraphrase",
    "exaggeration": "Exaggeration",
    "contradiction": "Contradiction",
    "unsupported": "Unsupported addition",
}


def escape_markdown(text: str) -> str:
    """Return `text` as inert Markdown that renders as exactly this text on one line.

    Line breaks become spaces and surrounding whitespace is dropped (in Markdown both carry
    structure); `<`, `>` and `&` are HTML-escaped; Markdown punctuation is backslash-escaped.
    Controls are sanitized too, so the report is also safe to `cat` in a terminal.
    """
    line = _LINE_BREAK.sub(" ", sanitize(text)).strip()
    out: list[str] = []
    for char in line:
        if char in _HTML:
            out.append(_HTML[char])
        elif char in _INLINE_SPECIAL:
            out.append("\\" + char)
        else:
            out.append(char)
    escaped = "".join(out)
    # "1." becomes "1\." and a leading "-" becomes "\-": no list, heading rule or underline.
    match = _LEADING_BLOCK_MARK.match(escaped)
    if match:
        mark = match.group(1)
        if mark[0].isdigit():
            cut = len(mark)
            escaped = escaped[:cut] + "\\" + escaped[cut:]
        else:
            escaped = "\\" + escaped
    return escaped


def render_markdown(
    alignment: Alignment,
    selection: Mapping[int, Collection[int] | None] | None = None,
    *,
    title: str | None = None,
    command: str | None = None,
) -> str:
    """Render the report: every claim (selection None) or the selected claims and pairs.

    Claims are grouped by label, most notable first (contradictions, exaggerations,
    paraphrases, agreements, then unsupported additions), each in claim-id order.
    `selection` maps a claim id to indices into that claim's `pairs` (None: the whole claim).
    Unknown claim ids or pair indices raise ValueError: a selection is built from this alignment.
    `command`, the command line that produced the report, is quoted under the title so that a
    reader can reproduce it.
    """
    names = _article_names(alignment.articles)
    claims = _selected(alignment, selection)
    heading = title or f"Comparison of {len(alignment.articles)} articles"
    lines = [f"# {escape_markdown(heading)}", ""]
    if command:
        lines += [f"Made with compare {__version__}: {escape_markdown(command)}", ""]
    lines += _header(alignment, claims, selection is not None)
    for label in NOTABILITY:
        group = [(claim, pairs) for claim, pairs in claims if claim.label == label]
        if not group:
            continue
        lines += [f"## {GROUP_TITLES[label]} ({len(group)})", ""]
        for claim, pairs in group:
            lines += _claim_section(alignment, names, claim, pairs)
    if selection is None:
        lines += _boilerplate_appendix(alignment, names)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- report pieces ----------------------------------------------------------------------------


def _article_names(articles: tuple[Article, ...]) -> dict[str, str]:
    """Short escaped name per article id for attributions: the outlet, else the title cut to a
    few words (the header gives outlet and full title); the id is added when two names would be
    the same."""
    return {article_id: escape_markdown(name) for article_id, name in _raw_names(articles).items()}


def _raw_names(articles: tuple[Article, ...]) -> dict[str, str]:
    # An outlet is what a journalist attributes a quote to ("fox:"); the title when none is known.
    short = {a.id: a.outlet or _shorten(a.title) for a in articles}
    counts = Counter(short.values())
    return {article_id: name if counts[name] == 1 else f"{name} [{article_id}]" for article_id, name in short.items()}


def _shorten(title: str) -> str:
    title = " ".join(title.split())
    if len(title) > NAME_MAX_CHARS:
        cut = title.rfind(" ", 0, NAME_MAX_CHARS)
        title = title[: cut if cut > NAME_MAX_CHARS // 2 else NAME_MAX_CHARS].rstrip() + "…"
    # "…Aid!:" reads badly in "**Name:** “quote”": drop the title's own end punctuation.
    return title.rstrip(" !?.:;,") or title


def _selected(
    alignment: Alignment, selection: Mapping[int, Collection[int] | None] | None
) -> list[tuple[Claim, tuple[Pair, ...]]]:
    """The claims to render, in the alignment's order, each with the pairs to show."""
    if selection is None:
        return [(claim, claim.pairs) for claim in alignment.claims]
    by_id = {claim.id: claim for claim in alignment.claims}
    unknown = sorted(set(selection) - set(by_id))
    if unknown:
        raise ValueError(f"selection names unknown claim ids {unknown}")
    chosen = []
    for claim in alignment.claims:
        if claim.id not in selection:
            continue
        wanted = selection[claim.id]
        if wanted is None:
            chosen.append((claim, claim.pairs))
            continue
        bad = [i for i in wanted if not 0 <= i < len(claim.pairs)]
        if bad:
            raise ValueError(f"claim {claim.id} has no pairs {sorted(bad)}")
        chosen.append((claim, tuple(claim.pairs[i] for i in sorted(set(wanted)))))
    return chosen


def _header(alignment: Alignment, claims: list[tuple[Claim, tuple[Pair, ...]]], is_selection: bool) -> list[str]:
    lines = ["## Articles", ""]
    for number, article in enumerate(alignment.articles, start=1):
        dated = f", {article.date}" if article.date else ""
        lines.append(f"{number}. **{escape_markdown(article.name)}** ({escape_markdown(article.path)}{dated})")
    if not is_selection:
        lines += ["", "## Claims by label", ""]
        counts = Counter(claim.label for claim in alignment.claims)
        for label in NOTABILITY:
            lines.append(f"- {LABEL_TITLES[label]}: {counts.get(label, 0)}")
        lines.append("")
        return lines
    # A selection counts what it holds: the run's totals above a few chosen pairs would read
    # as if they described them.
    pair_count = sum(len(pairs) for _, pairs in claims)
    total = len(alignment.claims)
    lines += [
        "",
        "## This selection",
        "",
        f"{_count(pair_count, 'pair')} from {_count(len(claims), 'claim')} "
        f"(of the {_count(total, 'claim')} the comparison found):",
        "",
    ]
    by_label = Counter(claim.label for claim, _ in claims)
    pairs_by_label = Counter({label: 0 for label in by_label})
    for claim, pairs in claims:
        pairs_by_label[claim.label] += len(pairs)
    for label in NOTABILITY:
        if by_label[label]:
            held = f" ({_count(pairs_by_label[label], 'pair')})" if label != "unsupported" else ""
            lines.append(f"- {LABEL_TITLES[label]}: {_count(by_label[label], 'claim')}{held}")
    if not claims:
        lines.append("- nothing selected")
    lines.append("")
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _claim_section(alignment: Alignment, names: dict[str, str], claim: Claim, pairs: tuple[Pair, ...]) -> list[str]:
    # Numbered from 1, as the app numbers claims (the JSON's ids are 0-based).
    heading = f"### Claim {claim.id + 1}: {LABEL_TITLES[claim.label]}"
    stronger = [
        names[(p.a if p.exaggerating == "a" else p.b).article]
        for p in claim.pairs
        if p.relation == "exaggeration" and p.exaggerating in ("a", "b")
    ]
    if claim.label == "exaggeration" and stronger:
        heading += " (exaggerated by " + ", ".join(dict.fromkeys(stronger)) + ")"
    lines = [heading, ""]
    if claim.label == "unsupported" or not pairs:
        only = ", ".join(names[a] for a in claim.articles)
        lines += [f"Only in **{only}**:", ""]
        for ref in claim.members:
            lines += [_quote(alignment, names, ref), ""]
    elif len(pairs) == 1:
        lines += _pair_lines(alignment, names, pairs[0])
    else:
        lines += _many_pairs_lines(alignment, names, claim, pairs)
    return lines + _also_in(alignment, names, claim)


def _also_in(alignment: Alignment, names: dict[str, str], claim: Claim) -> list[str]:
    """Members that state further claims too (@2): a reader sees the sentence is not only this."""
    lines = []
    for ref in claim.members:
        others = [c for c in alignment.claims_of(ref) if c.id != claim.id]
        if others:
            listed = ", ".join(f"claim {c.id + 1} ({c.label})" for c in others)
            text = alignment.sentence(ref).text
            start = escape_markdown(text if len(text) <= 60 else text[:59].rstrip() + "…")
            lines.append(f"- **{names[ref.article]}:** “{start}” also states {listed}.")
    return [*lines, ""] if lines else []


def _pair_lines(alignment: Alignment, names: dict[str, str], pair: Pair) -> list[str]:
    """A claim with one pair: both sentences quoted, then the relation and its evidence."""
    # One blockquote, the two sentences as its paragraphs (the lone ">" separates them).
    lines = [_quote(alignment, names, pair.a), ">", _quote(alignment, names, pair.b), ""]
    stronger = _stronger(pair)
    lines += [_relation_summary(pair, names[stronger.article] if stronger else ""), ""]
    if pair.evidence:
        lines += ["Evidence:", ""]
        raw = _raw_names(alignment.articles)
        lines += [f"- {_evidence_line(raw, item, pair)}" for item in pair.evidence]
        lines.append("")
    return lines


def _evidence_line(raw: dict[str, str], item: Evidence | str, pair: Pair) -> str:
    """One line of evidence with its sides called by their articles' (unescaped) names, as the
    quotes above it are (the JSON's "a" and "b" mean nothing to a reader of the report)."""
    return escape_markdown(told(item, raw[pair.a.article], raw[pair.b.article]))


def _many_pairs_lines(alignment: Alignment, names: dict[str, str], claim: Claim, pairs: tuple[Pair, ...]) -> list[str]:
    """A claim with several pairs: each sentence quoted once and numbered, then the pairs by
    number, most notable first, so five sources do not repeat each quote four times."""
    involved = {ref for pair in pairs for ref in (pair.a, pair.b)}
    refs = [ref for ref in claim.members if ref in involved]
    refs += sorted(involved - set(refs))
    number = {ref: n for n, ref in enumerate(refs, start=1)}
    lines = ["Sentences:", ""]
    for ref in refs:
        text = escape_markdown(alignment.sentence(ref).text)
        lines.append(f"{number[ref]}. **{names[ref.article]}:** “{text}”")
    if claim.anchor is not None and claim.anchor in number:
        # A big claim pairs each member with its most printed wording, not every two members.
        lines += ["", f"Each version against the most printed one ({number[claim.anchor]}), most notable first:", ""]
    else:
        lines += ["", "Pairs, most notable first:", ""]
    ordered = sorted(pairs, key=lambda p: p.relation.notability)
    raw = _raw_names(alignment.articles)
    for pair in ordered:
        stronger = _stronger(pair)
        side = f"{number[stronger]} ({names[stronger.article]})" if stronger else ""
        lines.append(f"- {number[pair.a]} ↔ {number[pair.b]}: {_relation_summary(pair, side)}")
        lines += [f"  - {_evidence_line(raw, item, pair)}" for item in pair.evidence]
    lines.append("")
    return lines


def _stronger(pair: Pair) -> SentenceRef | None:
    if pair.relation == "exaggeration" and pair.exaggerating in ("a", "b"):
        return pair.a if pair.exaggerating == "a" else pair.b
    return None


def _relation_summary(pair: Pair, stronger_side: str) -> str:
    summary = f"**{LABEL_TITLES.get(pair.relation, pair.relation.capitalize())}**"
    if stronger_side:
        summary += f", stronger in **{stronger_side}**"
    summary += f" · similarity {pair.similarity:.2f}"
    if pair.confidence is not None:  # the calibrated probability that the label is right
        summary += f" · confidence {pair.confidence:.2f}"
    return summary


def _quote(alignment: Alignment, names: dict[str, str], ref: SentenceRef) -> str:
    sentence = alignment.sentence(ref)
    return f"> **{names[ref.article]}:** “{escape_markdown(sentence.text)}”"


def _boilerplate_appendix(alignment: Alignment, names: dict[str, str]) -> list[str]:
    lines = ["## Appendix: boilerplate set aside", ""]
    found = False
    for article in alignment.articles:
        stripped = [s for s in article.sentences if s.kind == "boilerplate"]
        if not stripped:
            continue
        found = True
        lines += [f"### {names[article.id]}", ""]
        for s in stripped:
            reason = f" ({escape_markdown(s.reason)})" if s.reason else ""
            lines.append(f"- “{escape_markdown(s.text)}”{reason}")
        lines.append("")
    if not found:
        lines += ["Nothing was marked as boilerplate.", ""]
    return lines
