"""Sanitizing: controls become visible, offsets never move, readable text is untouched."""

from __future__ import annotations

import unicodedata

import pytest

from align.read.sanitize import REPLACEMENT, sanitize


def test_readable_text_is_unchanged() -> None:
    text = "Putin’s “offer” — naïve? Москва 北京 مرحبا 🇷🇺🇮🇷 ✔️ 👨‍👩‍👧 tab\there\nnext line"
    assert sanitize(text) == text


@pytest.mark.parametrize(
    ("attack", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "␛[31mred␛[0m"),  # CSI colour
        ("\x1b]0;pwned\x07", "␛]0;pwned␇"),  # OSC window title
        ("\x1b]52;c;cm0gLXJmIH4=\x1b\\", "␛]52;c;cm0gLXJmIH4=␛\\"),  # OSC 52 clipboard write
        ("\x1bP+q544e\x1b\\", "␛P+q544e␛\\"),  # DCS
        ("\x9b31m", f"{REPLACEMENT}31m"),  # 8-bit CSI (C1)
        ("a\x00b\x08c\x7f", "a␀b␈c␡"),
    ],
)
def test_escape_sequences_and_controls_become_visible(attack: str, shown: str) -> None:
    assert sanitize(attack) == shown


@pytest.mark.parametrize(
    "hidden",
    [
        "\u202e",
        "\u202a",
        "\u202d",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200e",
        "\u200f",
        "\u061c",
        "\u200b",
        "\u200c",
        "\u2060",
        "\ufeff",
        "\U000e0041",
        "\ue000",
        "\U0010fffd",
    ],
)
def test_bidi_zero_width_tag_and_private_characters_become_placeholders(hidden: str) -> None:
    assert sanitize(f"admin{hidden}user") == f"admin{REPLACEMENT}user"


def test_trojan_source_line_shows_its_hidden_reordering() -> None:
    # The classic "Trojan Source" comment: renders as one thing, is another.
    line = "access = 'user\u202e \u2066// Check if admin\u2069 \u2066'"
    cleaned = sanitize(line)
    assert not any(unicodedata.bidirectional(c) in {"RLO", "LRI", "PDI"} for c in cleaned)
    assert cleaned.count(REPLACEMENT) == 4


def test_line_ends_keep_offsets() -> None:
    assert sanitize("one\r\ntwo\rthree\n") == "one \ntwo\nthree\n"
    assert sanitize("a\u2028b\u2029c\x85d") == "a\nb\nc\nd"


def test_zero_width_joiner_is_kept_for_emoji_sequences() -> None:
    family = "👨\u200d👩\u200d👧"
    assert sanitize(family) == family


def test_lone_surrogates_cannot_reach_output() -> None:
    cleaned = sanitize("bad \udc80 byte")
    assert cleaned == f"bad {REPLACEMENT} byte"
    cleaned.encode("utf-8")  # would raise if a surrogate survived


def test_length_is_preserved_on_a_large_hostile_text() -> None:
    text = "ok \x1b[2J\r\n\u202e\u200b\U000e0020\udcff\x9d" * 50_000
    cleaned = sanitize(text)
    assert len(cleaned) == len(text)
    assert "\x1b" not in cleaned and "\r" not in cleaned and "\u202e" not in cleaned
