"""Property tests: whatever text arrives, sanitizing keeps offsets and leaves nothing that
drives a terminal, segmentation offsets are exact, and escaped Markdown stays plain text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from align.markdown import escape_markdown
from align.read.sanitize import is_safe_char, sanitize
from align.read.segment import MAX_SENTENCE_CHARS, segment

# Text as scrapers deliver it: prose pieces, Markdown and list syntax, line ends of every
# kind, terminal escapes, bidi and zero-width characters, plus any code point at all.
_PIECES = st.sampled_from(
    [
        "Putin said.",
        "Mr. Trump",
        "St. Petersburg",
        "U.S.",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "1. ",
        "• ",
        "- ",
        "* ",
        "✔️ ",
        "– ",
        "# ",
        "> ",
        "```",
        "[x](http://e)",
        "![i](j)",
        "<b>",
        "&amp;",
        "|",
        "\\",
        "_",
        "~~",
        "$",
        "\x1b[31m",
        "\x1b]52;c;eA==\x07",
        "\x9b",
        "\u202e",
        "\u2066",
        "\u200b",
        "\ufeff",
        "\u2028",
        "\x85",
        "\x00",
        "👨\u200d👩",
        "🇷🇺",
        "Café",
        "Москва",
        "北京",
        "?",
        "!",
        "…",
        "“",
        "”",
    ]
)
HOSTILE_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join)

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]+")
_BREAK_CHARS = set("\r\n\u2028\u2029\x85")


@given(HOSTILE_TEXT)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_sanitize_keeps_length_and_leaves_only_safe_characters(text: str) -> None:
    cleaned = sanitize(text)
    assert len(cleaned) == len(text)
    assert all(is_safe_char(c) for c in cleaned)
    assert "\x1b" not in cleaned and "\r" not in cleaned
    # Readable characters are never altered, so offsets point at the same words.
    for before, after in zip(text, cleaned):
        if is_safe_char(before) and before not in _BREAK_CHARS and before != "\xad":
            assert before == after
    assert sanitize(cleaned) == cleaned


@given(st.text(max_size=200))
@settings(max_examples=300)
def test_sanitize_handles_any_code_point(text: str) -> None:
    cleaned = sanitize(text)
    assert len(cleaned) == len(text)
    assert all(is_safe_char(c) for c in cleaned)
    cleaned.encode("utf-8")  # no lone surrogate survives


@given(HOSTILE_TEXT)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_segment_offsets_are_exact_for_any_text(raw: str) -> None:
    for text in (raw, sanitize(raw)):
        sentences = segment(text)
        previous_end = 0
        for index, s in enumerate(sentences):
            assert s.index == index
            assert text[s.start : s.end] == s.text
            assert s.text and s.text == s.text.strip()
            assert "\n" not in s.text  # a line break always ends a sentence
            assert len(s.text) <= MAX_SENTENCE_CHARS
            assert previous_end <= s.start < s.end
            previous_end = s.end


@given(st.lists(st.sampled_from(["word ", "x", "é", ". ", "\n", "  "]), min_size=200, max_size=1500))
@settings(max_examples=30, deadline=None)
def test_long_runs_are_cut_but_nothing_is_lost(parts: list[str]) -> None:
    text = "".join(parts)
    sentences = segment(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    covered = "".join(s.text for s in sentences)
    # Every non-space character of the text lies in some sentence (dots-only lines aside).
    assert sum(c.isalnum() for c in covered) == sum(c.isalnum() for c in text)


def _expected_markdown_text(text: str) -> str:
    return _LINE_BREAKS.sub(" ", sanitize(text)).strip()


@given(HOSTILE_TEXT)
@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
def test_escaped_text_renders_as_one_plain_text_node(text: str) -> None:
    escaped = escape_markdown(text)
    expected = _expected_markdown_text(text)
    assert "\n" not in escaped
    tokens = MD.parse(escaped)
    if not expected:
        assert tokens == []
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert [c.type for c in children] == ["text"], escaped
    assert children[0].content == expected


@given(HOSTILE_TEXT)
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_escaped_text_cannot_leave_a_blockquote(text: str) -> None:
    tokens = MD.parse(f"> **Title:** “{escape_markdown(text)}”\n")
    assert [t.type for t in tokens] == [
        "blockquote_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "blockquote_close",
    ]
