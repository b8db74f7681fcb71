"""Cut an article's text into sentences with exact character offsets.

A line break always ends a sentence: scraped articles put headings, bullet items, quoted
tweets and captions on lines of their own, without final punctuation. Inside a line, blingfire
(a trained sentence breaker) finds the sentence ends, so "St. Petersburg", "U.S." and decimal
numbers survive; a small abbreviation list mends the titles it still splits after ("Mr.").
List markers and surrounding whitespace stay outside each span, so `text[s.start:s.end]` is
exactly `s.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from align import lexicon
from align.models import InputError, Sentence, SentenceKind
from align.read.sentence_splitter import text_to_sentences

# Later stages compare sentences pairwise and diff them word by word; a 1 MB run without
# punctuation would make them quadratic in practice, so long runs are cut into chunks.
MAX_SENTENCE_CHARS = 1_000

# A heading is a short line standing alone: at most this many words and characters.
HEADING_MAX_WORDS = 16
HEADING_MAX_CHARS = 160

# Bullets, numbers and quote marks that open a list item or a Markdown line. ASCII and dash
# markers need a space after them (so "-5%" and "*nix" stay whole); pictographic bullets such
# as "•" or "✔️" do not.
_MARKER = re.compile(
    r"""(?:
        (?:\d{1,3}[.)]|\(\d{1,3}\)|[-*+–—>]|\#{1,6})(?=\s)
      | [•◦▪▫‣⁃∙·●○■□►▶▸▹➤➢→⇒✔✓✅☑✗✘❌★☆♦◆❖][\ufe0f]?
    )\s*""",
    re.VERBOSE,
)
_MARKDOWN_HEADING = re.compile(r"\#{1,6}\s")
_WORD = re.compile(r"\w+(?:[’'`.-]\w+)*")
_HAS_WORD_CHAR = re.compile(r"\w")
_URL = re.compile(r"://|\bwww\.", re.IGNORECASE)

# Titles and abbreviations after which blingfire may wrongly end a sentence ("Mr." | "Trump").
# They almost always precede a name, so a break right after one is mended.
_TITLES = frozenset(lexicon.word_list("words.toml", "titles").words)
_BREAK_BEFORE_TITLE = re.compile(r"[a-z0-9][.!?][\"”’)]?(\s+)([A-Z][a-z]{0,4})\.\s+[A-Z]")
_ENDS_WITH_TITLE = re.compile(r"(?:^|[\s(“\"'])([A-Za-z]{1,5})\.$")
# '"Well, which is it?" Scalia asked.': a splitter ends the sentence at the quote's "?", leaving
# a bare attribution. A short piece naming who spoke stays with the quote before it.
_SPEECH_VERBS = frozenset(lexicon.word_list("words.toml", "speech_verbs").words)
_ENDS_WITH_QUOTE = re.compile(r"[.?!,…-][\"”’']\s*$")
ATTRIBUTION_MAX_WORDS = 8
# The author line of an embedded social post, as pages print it under the post's text
# ("— Cree Summer (@IAmCreeSummer) July 10, 2014"): a handle in brackets, then the date.
_MONTH_NAMES = (
    *lexicon.word_list("words.toml", "months").words,
    *lexicon.word_list("words.toml", "month_abbreviations").words,
)
POST_AUTHOR = re.compile(r"\(@\w{1,15}\)\s+(?:on\s+)?(?:" + "|".join(_MONTH_NAMES) + r")\.?\s+\d{1,2},?\s+\d{4}")


def segment(text: str, *, max_sentences: int | None = None) -> tuple[Sentence, ...]:
    """Split `text` into sentences, headings and list items with exact offsets.

    `max_sentences` bounds the work on hostile input: exceeding it raises InputError (without
    a file name; the reader adds it).
    """
    sentences: list[Sentence] = []
    for start, end, kind in _spans(text):
        if max_sentences is not None and len(sentences) >= max_sentences:
            raise InputError(f"more than {max_sentences:,} sentences")
        sentences.append(Sentence(len(sentences), text[start:end], start, end, kind))
    return tuple(sentences)


def _spans(text: str) -> Iterator[tuple[int, int, SentenceKind]]:
    """(start, end, kind) of every sentence, line by line."""
    line_start = 0
    while line_start <= len(text):
        line_end = text.find("\n", line_start)
        if line_end == -1:
            line_end = len(text)
        yield from _line_spans(text, line_start, line_end)
        line_start = line_end + 1


def _line_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int, SentenceKind]]:
    line = text[start:end]
    body_start = len(line) - len(line.lstrip())
    is_markdown_heading = bool(_MARKDOWN_HEADING.match(line, body_start))
    is_list_item = False
    # Strip every leading marker ("  1. • text" has two); each match consumes a character.
    while match := _MARKER.match(line, body_start):
        is_list_item = True
        body_start = match.end()
    body_end = len(line.rstrip())
    if body_start >= body_end or not _HAS_WORD_CHAR.search(line, body_start, body_end):
        return  # blank lines and dividers such as "—————" carry no sentence
    body = line[body_start:body_end]
    # A Markdown heading is one line of one unit, whatever its full stops ("Ariz. Gov. Jan
    # Brewer ..."): a headline split at an abbreviation loses the article its title.
    pieces = [(0, len(body))] if is_markdown_heading and len(body) <= HEADING_MAX_CHARS else _sentences_in(body)
    kind: SentenceKind = "content"
    # Only a line that is one sentence can be a heading; a list item never is.
    if len(pieces) == 1 and len(body) <= HEADING_MAX_CHARS:
        if is_markdown_heading or (not is_list_item and _looks_like_heading(body)):
            kind = "heading"
    for piece_start, piece_end in pieces:
        for a, b in _bounded(line, body_start + piece_start, body_start + piece_end):
            yield start + a, start + b, kind


def _sentences_in(chunk: str) -> list[tuple[int, int]]:
    """Sentence spans inside one line (offsets relative to `chunk`, trimmed)."""
    spans = _located_sentences(chunk)
    if spans is None:
        spans = _offset_sentences(chunk)
    if not spans:
        return [(0, len(chunk))]
    return _mend_attributions(chunk, _split_before_titles(chunk, _mend_titles(chunk, spans)))


def _mend_attributions(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a bare attribution ("Scalia asked.", "he said, drawing laughter.") to the quote
    it follows: alone it states nothing, and the quote loses its speaker."""
    mended = [spans[0]]
    for a, b in spans[1:]:
        prev_a, prev_b = mended[-1]
        piece = _WORD.findall(chunk[a:b])
        if (
            _ENDS_WITH_QUOTE.search(chunk[prev_a:prev_b])
            and len(piece) <= ATTRIBUTION_MAX_WORDS
            and any(word.lower() in _SPEECH_VERBS for word in piece[:4])
        ):
            mended[-1] = (prev_a, b)
        else:
            mended.append((a, b))
    return mended


def _located_sentences(chunk: str) -> list[tuple[int, int]] | None:
    """Fast path: blingfire's plain sentence list, each found again in the line. Its
    `…_and_offsets` variant maps byte offsets to characters in a Python loop over every byte
    (most of the time on a large article); the sentences come back verbatim, so `find` is
    exact. None when one is not found verbatim (then the offsets variant decides)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for sentence in text_to_sentences(chunk).split("\n"):
        sentence = sentence.strip()
        if not sentence:
            continue
        found = chunk.find(sentence, position)
        if found < 0:
            return None
        position = found + len(sentence)
        spans.append((found, position))
    return spans


def _offset_sentences(chunk: str) -> list[tuple[int, int]]:
    import blingfire

    _, offsets = blingfire.text_to_sentences_and_offsets(chunk)
    spans: list[tuple[int, int]] = []
    previous_end = 0
    for a, b in offsets:
        # The wrapper maps UTF-8 byte offsets back to code points; trust them only when sane.
        if not 0 <= previous_end <= a < b <= len(chunk):
            return [(0, len(chunk))]
        previous_end = b
        a, b = _trim(chunk, a, b)
        if a < b:
            spans.append((a, b))
    return spans


def _mend_titles(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a break right after a title abbreviation ("Mr." | "Trump said…")."""
    mended = [spans[0]]
    for a, b in spans[1:]:
        prev_a, prev_b = mended[-1]
        match = _ENDS_WITH_TITLE.search(chunk[prev_a:prev_b])
        if match and match.group(1).lower() in _TITLES and chunk[a : a + 1].isupper():
            mended[-1] = (prev_a, b)
        else:
            mended.append((a, b))
    return mended


def _split_before_titles(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split "…on the call. Dr. Smith agreed." where blingfire read "Dr." as mid-sentence:
    a lower-case word with a full stop, then a title and a capitalised name."""
    result: list[tuple[int, int]] = []
    for a, b in spans:
        for match in _BREAK_BEFORE_TITLE.finditer(chunk, a, b):
            before = _ENDS_WITH_TITLE.search(chunk, a, match.start(1))  # "Ariz. Gov.": no end there
            if match.group(2).lower() in _TITLES and not (before and before.group(1).lower() in _TITLES):
                result.append((a, match.start(1)))
                a = match.end(1)
        result.append((a, b))
    return [span for span in result if span[0] < span[1]]


def _bounded(line: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Cut a span longer than MAX_SENTENCE_CHARS at whitespace (or hard, if there is none)."""
    while b - a > MAX_SENTENCE_CHARS:
        limit = a + MAX_SENTENCE_CHARS
        cut = line.rfind(" ", a + MAX_SENTENCE_CHARS // 2, limit)
        if cut == -1:
            cut = limit
        head_a, head_b = _trim(line, a, cut)
        if head_a < head_b:
            yield head_a, head_b
        a, b = _trim(line, cut, b)
    if a < b:
        yield a, b


def _trim(s: str, a: int, b: int) -> tuple[int, int]:
    while a < b and s[a].isspace():
        a += 1
    while b > a and s[b - 1].isspace():
        b -= 1
    return a, b


def _looks_like_heading(line: str) -> bool:
    """Short, standing alone, not ending like a sentence: "Key Points", "BREAKING",
    "What Does This Mean for Regional Security?". Title-cased lines may end in "!" or "?"."""
    if len(line) > HEADING_MAX_CHARS or _URL.search(line) or POST_AUTHOR.search(line):
        return False  # a link or an embedded post's author line is never a heading
    words = _WORD.findall(line)
    if not words or len(words) > HEADING_MAX_WORDS:
        return False
    last = line.rstrip("\"'”’)]*_ ")[-1:]
    if last in (".", ":", ";", ",", "…"):
        return False
    if last in ("!", "?"):
        return _title_cased(words)
    return True


def _title_cased(words: list[str]) -> bool:
    lettered = [w for w in words if w[0].isalpha()]
    if not lettered:
        return False
    capitalised = sum(1 for w in lettered if w[0].isupper())
    return capitalised >= 0.6 * len(lettered)
