"""Segmentation: exact offsets, real sentence breaking, headings and list items."""

from __future__ import annotations

import pytest

from align.models import InputError
from align.read.segment import MAX_SENTENCE_CHARS, segment


def texts(text: str) -> list[str]:
    return [s.text for s in segment(text)]


def assert_exact(text: str) -> None:
    sentences = segment(text)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Putin spoke in St. Petersburg on Friday. Iran declined.",
            ["Putin spoke in St. Petersburg on Friday.", "Iran declined."],
        ),
        (
            "The U.S. Army was not involved. Moscow said so.",
            ["The U.S. Army was not involved.", "Moscow said so."],
        ),
        (
            "Ushakov said Putin briefed Mr. Trump on the call. Dr. Smith agreed.",
            ["Ushakov said Putin briefed Mr. Trump on the call.", "Dr. Smith agreed."],
        ),
        ("Prices rose 1.5% in 2025. Then they fell.", ["Prices rose 1.5% in 2025.", "Then they fell."]),
    ],
)
def test_abbreviations_and_numbers_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected
    assert_exact(text)


def test_offsets_are_character_offsets_after_non_ascii_text() -> None:
    text = "Putin’s “offer” was declined — naïve? Café 😀 owners in Москва agreed. Iran 🇮🇷 did not."
    sentences = segment(text)
    assert [s.text for s in sentences][-1] == "Iran 🇮🇷 did not."
    assert_exact(text)


def test_a_line_break_always_ends_a_sentence() -> None:
    text = "Putin said\nthat Iran declined\n\nIt was June."
    assert texts(text) == ["Putin said", "that Iran declined", "It was June."]


def test_list_markers_and_indentation_stay_outside_the_span() -> None:
    text = (
        "  1. Air defense: Putin disclosed a proposal.\n"
        "    • Iran did not respond.\n"
        "✔️ Russia fears proliferation\n"
        "– Iran seeks guarantees\n"
        "- For Russia: a limit.\n"
        "* Moscow compared actions\n"
        "3) Moscow condemned strikes\n"
    )
    assert texts(text) == [
        "Air defense: Putin disclosed a proposal.",
        "Iran did not respond.",
        "Russia fears proliferation",
        "Iran seeks guarantees",
        "For Russia: a limit.",
        "Moscow compared actions",
        "Moscow condemned strikes",
    ]
    assert all(s.kind == "content" for s in segment(text))  # bullet items are never headings
    assert_exact(text)


def test_numbers_and_dashes_inside_words_are_not_markers() -> None:
    assert texts("-5% was the fall\n1.5 million people left.") == [
        "-5% was the fall",
        "1.5 million people left.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Key Points from Putin’s Announcement",
        "Conclusion",
        "BREAKING",
        "BREAKING: Putin Claims Iran Lacks Interest in Air Defense Aid!",
        "What Does This Mean for Regional Security?",
        "Putin and Iran unite against US strikes as Moscow condemns",
    ],
)
def test_short_standalone_lines_are_headings(line: str) -> None:
    (sentence,) = segment(f"\n{line}\n\nPutin spoke on Friday. Iran declined.")[:1]
    assert (sentence.text, sentence.kind) == (line, "heading")


@pytest.mark.parametrize(
    "line",
    [
        "Iran has not requested military assistance from Russia.",
        "So, what’s going on here?",
        "Putin:",
        "https://example.com/unrelated-story",
        "Putin spoke. Iran declined",
    ],
)
def test_sentences_labels_and_links_are_not_headings(line: str) -> None:
    assert {s.kind for s in segment(line)} == {"content"}


def test_markdown_headings_and_quotes_lose_their_marks() -> None:
    sentences = segment("## Key Points.\n> JUST IN: Putin says Iran declined.")
    assert [(s.text, s.kind) for s in sentences] == [
        ("Key Points.", "heading"),
        ("JUST IN: Putin says Iran declined.", "content"),
    ]


def test_blank_and_divider_lines_yield_nothing() -> None:
    assert segment("") == ()
    assert segment(" \n\t\n   ") == ()
    assert segment("—————–\n* * *\n") == ()


def test_crlf_sanitized_text_keeps_exact_offsets() -> None:
    text = "Title Line \nFirst sentence. Second one. \n"  # what sanitize makes of CRLF
    assert texts(text) == ["Title Line", "First sentence.", "Second one."]
    assert_exact(text)


def test_a_megabyte_line_without_punctuation_is_cut_into_bounded_chunks() -> None:
    text = "word " * 200_000
    sentences = segment(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert len(sentences) >= len(text) // MAX_SENTENCE_CHARS
    assert all(not s.text.startswith(" ") and s.text.startswith("word") for s in sentences)
    # Every word is still somewhere: chunks only cut at whitespace.
    assert sum(len(s.text.split()) for s in sentences) == 200_000
    assert_exact(text)


def test_a_run_without_any_whitespace_is_cut_hard() -> None:
    text = "x" * 2_500
    assert [len(s) for s in texts(text)] == [1_000, 1_000, 500]


def test_sentence_limit_bounds_work() -> None:
    with pytest.raises(InputError, match="more than 10 sentences"):
        segment("A b. " * 50, max_sentences=10)
    assert len(segment("A b. " * 10, max_sentences=10)) == 10


def test_closing_quote_stays_with_its_sentence_before_a_title() -> None:
    text = "“Iran has not asked us,” he said. “We offered it.” Mr. Putin smiled."
    assert texts(text) == ["“Iran has not asked us,” he said.", "“We offered it.”", "Mr. Putin smiled."]


def test_a_title_split_off_after_a_previous_sentence_is_mended() -> None:
    # blingfire cuts "Mr." off here; the abbreviation list joins it back.
    assert texts("Officials said €5 billion was at stake. Mr. Putin agreed.") == [
        "Officials said €5 billion was at stake.",
        "Mr. Putin agreed.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # BASIL dev stories (2011, the Wal-Mart hearing; 2011, Obama on Congress; 2010, a town hall):
        # a quote ending in "?" and its bare attribution are one sentence.
        '"Well, which is it?" Scalia asked.',
        "“So what’s the problem in this case, how do you work out the back pay?” Justice Ginsburg asked.",
        '"You\'ve been debating a commemorative coin for baseball?" Obama said.',
        '"A circus?" he said, drawing laughter.',
    ],
)
def test_a_bare_attribution_stays_with_its_quote(text: str) -> None:
    assert texts(text + " The hearing went on.") == [text, "The hearing went on."]


def test_a_sentence_after_a_quote_is_not_an_attribution() -> None:
    # Issue 12: "X said." stays with its quote, but a sentence of its own is not swallowed.
    assert texts('"Why?" Nobody answered the question for an hour after the meeting.') == [
        '"Why?"',
        "Nobody answered the question for an hour after the meeting.",
    ]


def test_a_state_abbreviation_does_not_end_a_sentence() -> None:
    # BASIL dev, 2014 (Fox headline): "Ariz. Gov." is one name.
    assert texts("Prominent Republicans call for Ariz. Gov. Jan Brewer to veto bill. He may.") == [
        "Prominent Republicans call for Ariz. Gov. Jan Brewer to veto bill.",
        "He may.",
    ]
