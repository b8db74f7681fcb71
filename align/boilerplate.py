"""Mark page furniture as boilerplate so it is never aligned, with the reason for each mark.

Decided from features that hold for scraped news pages in general, never from particular
strings of particular articles:
- promotion, sharing, comment-form, subscription and navigation cues;
- link-only lines and contact "Label : value" blocks (author boxes, socials);
- lines with no words (separators) or that repeat within the article (captions, repeated title);
- the page's tail after a comment/author/share marker;
- off-topic lines whose meaning is far from both their own article and the whole corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from align import lexicon, parameters
from align.models import Article, Sentence

# Promotion, sharing and comment-form cues, matched anywhere in a line; plus two lines that
# are only a word of page chrome ("12 comments", "Share").
CUES = lexicon.word_pattern(
    lexicon.word_list("boilerplate.toml", "promotion"),
    r"^\W*\d*\s*comments?\W*$",
    r"^\W*(?:reply|share|tweet|print|email)\W*$",
    whole_words=False,
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


def structural_reason(sentence: Sentence, repeats: Counter[str], is_title: bool, near_repeat: bool = False) -> str:
    """Why a sentence is furniture by its form alone ("" when it is not)."""
    text = sentence.text
    bars = parameters.active().boilerplate
    if not LETTER.search(text):
        return "no words (separator or symbols)"
    if CUES.search(text):
        return "promotion, sharing or comment-form text"
    if _mostly(URL, text, bars):
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


def mark_structural(article: Article) -> Article:
    """Boilerplate by form and position; meaning-based marks come later (mark_off_topic)."""
    sentences = list(article.sentences)
    repeats = Counter(normal_key(s.text) for s in sentences)
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
        near = keys[i] in keys[max(0, i - 3) : i] + keys[i + 1 : i + 4]  # caption twice in a row
        reason = structural_reason(s, repeats, is_title=(i == first_title), near_repeat=near)
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
        sentences = []
        for s in article.sentences:
            v = vectors.get((a, s.index))
            if (
                v is not None
                and s.index != 0
                and float(v @ centroid) < bars.off_topic + bars.off_topic_own_margin
                and float(v @ corpus) < bars.off_topic
            ):
                s = _mark(s, "off topic: unrelated to this article and to the other articles")
            sentences.append(s)
        out.append(replace(article, sentences=tuple(sentences)))
    return out
