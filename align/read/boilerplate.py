"""Mark page furniture as boilerplate so it is never aligned, with the reason for each mark.

Decided from features that hold for scraped news pages in general, never from particular
strings of particular articles:
- promotion, sharing, comment-form, subscription and navigation cues (page-label words such
  as "Advertisement" only when they open the line);
- link-only lines and contact "Label : value" blocks (author boxes, socials);
- bylines and credits, follow prompts, leaked style or script code, an embedded post's author
  line (the post's text is a quote and stays, links and all);
- lines with no words (separators) or that repeat within the article (captions, repeated
  title; of a sentence printed twice the first copy stays);
- the page's tail after a comment/author/share marker;
- off-topic lines: standing on their own, and far in meaning from both their own article and
  the whole corpus (a sentence inside a paragraph of prose is the story's, however little it
  says out of context).
Code blocks and table rows are set aside the same way: they are not prose and state no claim.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

import numpy as np

from align import lexicon, parameters
from align.models import Article, Sentence
from align.read.segment import POST_AUTHOR

# Promotion, sharing and comment-form cues, matched anywhere in a line; plus two lines that
# are only a word of page chrome ("12 comments", "Share").
CUES = lexicon.word_pattern(
    lexicon.word_list("boilerplate.toml", "promotion"),
    r"^\W*\d*\s*comments?\W*$",
    r"^\W*(?:reply|share|tweet|print|email)\W*$",
    whole_words=False,
)
# Words that label page chrome ("Advertisement", "Subscribe to our newsletter"): furniture only
# when they open the line; inside a story's sentence they are ordinary words.
PAGE_LABEL = re.compile(
    rf"^[\W_]*(?:{lexicon.word_list('boilerplate.toml', 'page_labels').alternation()})(?![\w-])", re.IGNORECASE
)
# A question put to the reader ("What do you believe…?") asks for engagement and states no
# claim; a quoted question ("“Do you think…?” he asked") is part of the story and stays.
READER_QUESTION = re.compile(r"\byou(?:r|rs|rself)?\b[^\"“”]*\?\W*$", re.IGNORECASE)
QUOTE_MARKS = re.compile(r"[\"“”‘’«»]")
# Everything after one of these, near the end of the page, is page furniture.
TAIL_MARKERS = re.compile(
    rf"^\W*(?:{lexicon.word_list('boilerplate.toml', 'tail_markers').alternation()}|\d*\s*comments?)\W*$",
    re.IGNORECASE,
)
URL = re.compile(r"(?:https?://|www\.)\S+|\bpic\.twitter\.com/\S+", re.IGNORECASE)
# An e-mail address: a line that is little more than one is a byline or contact line.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# "RELATED: Obama vetoes 9/11 bill", "WATCH: ...": another story's headline or a media prompt.
OTHER_STORY = re.compile(
    rf"^\W*(?:{lexicon.word_list('boilerplate.toml', 'other_story_labels').alternation()})\s*:",
    re.IGNORECASE,
)
# Reporter, editor, picture and tip credits ("(Reporting by ...; Editing by ...)", "[Image via
# AP]") and follow prompts ("Follow Reuters on Twitter."): furniture when the line opens with
# one, or is short (a caption's credit: "Bill Cosby (Credit: AP/Victoria Will)").
_CREDITS = lexicon.word_list("boilerplate.toml", "credits").alternation()
_FOLLOW = rf"follow\b[^.!?]{{0,60}}?\bon\s+(?:{lexicon.word_list('boilerplate.toml', 'social_networks').alternation()})(?![\w-])"
CREDIT = re.compile(rf"(?<![\w-])(?:{_CREDITS})(?![\w-])", re.IGNORECASE)
OPENS_WITH_CREDIT = re.compile(rf"^[\W_]*(?:{_CREDITS})(?![\w-])", re.IGNORECASE)
FOLLOW_PROMPT = re.compile(rf"^[\W_]*{_FOLLOW}", re.IGNORECASE)
# Style sheets and scripts leaked into a page's text ("@media only screen { display: none; }").
SCRIPT_CODE = re.compile(r"\bfunction\s*\([^)]*\)\s*\{|\{[^{}]*?[\w-]+\s*:\s*[^{};]+;", re.IGNORECASE)
CODE_BLOCK = "code block"
TABLE_ROW = "table row"
# Markdown's syntax (CommonMark and its GitHub tables), written without alternatives: a code
# fence is three or more backticks or tildes, indented at most three spaces, then an info
# string ("```python"); list items open with a bullet or a number; headings with one to six #.
FENCE = re.compile(r" {0,3}(([`~])\2{2,})(.*)")
BULLET_ITEM = re.compile(r" {0,3}[-*+](?!\S)")
NUMBERED_ITEM = re.compile(r" {0,3}\d{1,9}[.)](?!\S)")
ATX_HEADING = re.compile(r" {0,3}#{1,6}(?!\S)")
TABLE_BAR = "|"
KEY_VALUE = re.compile(r"^\s*[A-Za-z][\w .-]{0,24}\s:\s*\S*|^\s*[a-z]{2,15}\s?:\s*$")
LETTER = re.compile(r"[^\W\d_]")


def _mark(sentence: Sentence, reason: str) -> Sentence:
    return replace(sentence, kind="boilerplate", reason=reason)


def normal_key(text: str) -> str:
    """Case- and punctuation-free form of a line, to spot repeats and the title."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _mostly(pattern: re.Pattern[str], text: str, bars: parameters.BoilerplateParameters) -> bool:
    """The line is little more than what `pattern` finds (links, e-mail addresses): without
    them, too few of its letters remain to state anything."""
    if not pattern.search(text):
        return False
    left = len(LETTER.findall(pattern.sub("", text)))
    return left < bars.link_letter_ratio * len(LETTER.findall(text)) + bars.link_letter_slack


# An embedded post's author is a person's or an account's name: a few words before the handle
# (at most 3 on the FNC-1 development part's 22 author lines).
POST_NAME_MAX_WORDS = 6
_WORDS = re.compile(r"\w+")


def post_author_only(text: str) -> bool:
    """The line is an embedded post's author line and little else: a name, the handle, the date
    ("— Cree Summer (@IAmCreeSummer) July 10, 2014"), not the post's text with it."""
    found = POST_AUTHOR.search(text)
    return found is not None and len(_WORDS.findall(text[: found.start()])) <= POST_NAME_MAX_WORDS


def structural_reason(
    sentence: Sentence, repeats: Counter[str], is_title: bool, near_repeat: bool = False, quoted_post: bool = False
) -> str:
    """Why a sentence is furniture by its form alone ("" when it is not). `quoted_post`: the
    sentence is an embedded post's text (its author line follows), a quote however many links
    it carries."""
    text = sentence.text
    bars = parameters.active().boilerplate
    if not LETTER.search(text):
        return "no words (separator or symbols)"
    if CUES.search(text) or PAGE_LABEL.match(text):
        return "promotion, sharing or comment-form text"
    if post_author_only(text):
        return "author line of an embedded post (the post's text is kept)"
    if (
        OPENS_WITH_CREDIT.match(text)
        or FOLLOW_PROMPT.match(text)
        or (CREDIT.search(text) and len(_WORDS.findall(text)) <= bars.credit_max_words)
    ):
        return "byline or credit line (reporter, editor, picture or tip)"
    if SCRIPT_CODE.search(text):
        return "style sheet or script code"
    if not quoted_post and not POST_AUTHOR.search(text) and _mostly(URL, text, bars):
        return "link to another page"
    if _mostly(EMAIL, text, bars):
        return "author e-mail or contact line"
    if not is_title and OTHER_STORY.match(text):
        return "another story's headline or a media prompt"
    if KEY_VALUE.match(text) and len(text) < bars.key_value_max_chars:
        return "label : value line (author box, contact or social links)"
    unpunctuated = not text.rstrip().endswith((".", "?", "”", '"'))
    if (
        not is_title
        and repeats[normal_key(text)] > 1
        and len(text.split()) <= bars.repeat_max_words
        and (unpunctuated or near_repeat)
    ):
        return "repeated line (image caption or repeated title)"
    if text.startswith(("[…]", "[...]")):
        return "pingback or excerpt of another page"
    if not is_title and READER_QUESTION.search(text) and not QUOTE_MARKS.search(text):
        return "question to the reader (asks for engagement, states no claim)"
    return ""


def markup_reasons(text: str, *, markdown: bool) -> list[str]:
    """For each line of `text` (split at "\n"), CODE_BLOCK, TABLE_ROW or "": fenced code blocks
    and table rows in any text, indented code blocks only in Markdown (`markdown`), since plain
    text often indents its paragraphs."""
    lines = text.split("\n")
    reasons = [""] * len(lines)
    for first, last in _fenced_blocks(lines):
        reasons[first : last + 1] = [CODE_BLOCK] * (last + 1 - first)
    if markdown:
        for i in _indented_code_lines(lines):
            reasons[i] = reasons[i] or CODE_BLOCK
    for i in _table_rows(lines):
        reasons[i] = reasons[i] or TABLE_ROW
    return reasons


def _fenced_blocks(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(first, last) line of each fenced code block: a fence opens it and a bare fence of the
    same character, at least as long, closes it. Unlike CommonMark, a fence that is never closed
    opens nothing: a stray "~~~" divider must not turn the rest of an article into code."""
    fences = [(i, m.group(1), m.group(3).strip()) for i, line in enumerate(lines) if (m := FENCE.match(line))]
    # The longest bare fence of each character from each fence on: whether an opening fence is
    # ever closed is known in one step, so a file of unclosed fences stays linear.
    longest: list[dict[str, int]] = [{}]
    for _, fence, info in reversed(fences):
        after = dict(longest[-1])
        if not info:
            after[fence[0]] = max(after.get(fence[0], 0), len(fence))
        longest.append(after)
    longest.reverse()  # longest[k]: bare fences at positions k and after
    k = 0
    while k < len(fences):
        first, fence, info = fences[k]
        char = fence[0]
        opens = not (char == "`" and "`" in info)  # "```a``` b" is inline code, not a fence
        if opens and longest[k + 1].get(char, 0) >= len(fence):
            k = next(
                m
                for m in range(k + 1, len(fences))
                if fences[m][1][0] == char and len(fences[m][1]) >= len(fence) and not fences[m][2]
            )
            yield first, fences[k][0]
        k += 1


def _indented_code_lines(lines: list[str]) -> Iterator[int]:
    """Lines of Markdown's indented code blocks: indented by four spaces or a tab after a blank
    line, a heading or the start of the text (such a line cannot continue a paragraph), outside
    lists (a list item's further paragraphs are indented too); blank lines do not end a block."""
    in_code = in_list = False
    may_open = True
    for i, line in enumerate(lines):
        if not line.strip():
            may_open = True
            continue
        indented = line[:4].expandtabs(4).startswith("    ")  # four columns; a tab reaches the next stop
        if indented and not in_list and (in_code or may_open):
            in_code = True
            yield i
            continue
        in_code = False
        if BULLET_ITEM.match(line) or NUMBERED_ITEM.match(line):
            in_list = True
        elif not indented and may_open:
            in_list = False  # an unindented paragraph after a blank line ends the list
        may_open = bool(ATX_HEADING.match(line))


def _table_rows(lines: list[str]) -> Iterator[int]:
    """Lines of tables: rows between outer bars, delimiter rows, and the rows of a table with a
    delimiter row, which may omit the outer bars (GitHub-flavoured Markdown). A line that
    merely has a bar between two words is prose."""
    in_table = False
    for i, line in enumerate(lines):
        is_delimiter = TABLE_BAR in line and "-" in line and not line.strip(f" \t:-{TABLE_BAR}")
        if is_delimiter and i > 0 and TABLE_BAR in lines[i - 1]:
            yield i - 1  # the header row
        in_table = is_delimiter or (in_table and TABLE_BAR in line)
        row = line.strip()
        if in_table or (len(row) > 1 and row[0] == row[-1] == TABLE_BAR):
            yield i


def _line_reasons(article: Article) -> list[str]:
    """Each sentence's markup reason (code block, table row, or "")."""
    reasons = markup_reasons(article.text, markdown=article.path.lower().endswith(".md"))
    return [reasons[line] for line in _lines(article)]


def _lines(article: Article) -> list[int]:
    """The line (paragraph) of the text each sentence is on."""
    line_starts = [0, *itertools.accumulate(len(line) + 1 for line in article.text.split("\n"))]
    return [bisect.bisect_right(line_starts, s.start) - 1 for s in article.sentences]


def mark_structural(article: Article) -> Article:
    """Boilerplate by form and position; meaning-based marks come later (mark_off_topic)."""
    sentences = list(article.sentences)
    markup = _line_reasons(article)
    repeats = Counter(normal_key(s.text) for s, in_markup in zip(sentences, markup) if not in_markup)
    title_key = normal_key(article.title)
    first_title = next((i for i, s in enumerate(sentences) if normal_key(s.text) == title_key), None)
    tail_start = len(sentences)
    for i, s in enumerate(sentences):
        if i >= parameters.active().boilerplate.tail_start_fraction * len(sentences) and TAIL_MARKERS.match(s.text):
            tail_start = i
            break
    marked = []
    keys = [normal_key(s.text) for s in sentences]
    for i, s in enumerate(sentences):
        # A sentence printed twice in a row (a caption under its image, then again): the copies
        # after the first are furniture; the first stays, in case it is the story's own sentence.
        near = keys[i] in keys[max(0, i - 3) : i]
        # A post's text is followed by its author line: a quote, whatever links it carries.
        post = i + 1 < len(sentences) and post_author_only(sentences[i + 1].text)
        reason = markup[i] or structural_reason(
            s, repeats, is_title=(i == first_title), near_repeat=near, quoted_post=post
        )
        if not reason and first_title is not None and i != first_title and normal_key(s.text) == title_key:
            reason = "repeats the title"
        if not reason and i > tail_start:
            reason = "page furniture after the comments/author section"
        marked.append(_mark(s, reason) if reason else s)
    return replace(article, sentences=tuple(marked))


def mark_off_topic(articles: Sequence[Article], vectors: dict[tuple[int, int], np.ndarray]) -> list[Article]:
    """Mark sentences far from their article's body and from the corpus ("Haunted hospital"
    promos, filler text). `vectors` maps (article index, sentence index) to embeddings."""
    if not vectors:
        return list(articles)
    bars = parameters.active().boilerplate
    corpus = np.mean(list(vectors.values()), axis=0)
    corpus /= np.linalg.norm(corpus) or 1.0
    out = []
    for a, article in enumerate(articles):
        own = [vectors[(a, s.index)] for s in article.sentences if (a, s.index) in vectors]
        if len(own) < bars.off_topic_min_sentences:
            out.append(article)
            continue
        centroid = np.mean(own, axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        # Furniture stands on a line of its own (or beside other furniture); a sentence inside a
        # paragraph of the story's prose is part of it, however little it says out of context
        # ("The final tally was 97-1.").
        lines = _lines(article)
        content_on = Counter(line for line, s in zip(lines, article.sentences) if s.kind != "boilerplate")
        sentences = []
        for s, line in zip(article.sentences, lines):
            v = vectors.get((a, s.index))
            if (
                v is not None
                and content_on[line] == 1
                and s.index != 0
                and float(v @ centroid) < bars.off_topic + bars.off_topic_own_margin
                and float(v @ corpus) < bars.off_topic
            ):
                s = _mark(s, "off topic: unrelated to this article and to the other articles")
            sentences.append(s)
        out.append(replace(article, sentences=tuple(sentences)))
    return out
