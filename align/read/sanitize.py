"""Make untrusted article text inert: nothing in it may drive a terminal or hide text.

`sanitize` maps every character one to one (the result has the same length), so character
offsets computed on the sanitized text are the offsets the JSON contract and the app use.
Controls become visible placeholders instead of being deleted: a reader auditing a scraped
article should see that something was there.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Shown in place of C1 controls, private-use and surrogate code points, and the invisible
# format characters (bidi controls, zero-width spaces, tag characters). U+FFFD is drawn by
# every terminal font and readers know it as "a character was replaced here".
REPLACEMENT = "\ufffd"

# Kept as they are: line feed and tab are ordinary layout; U+200D ZERO WIDTH JOINER is part of
# emoji sequences (family, profession and flag emoji) and of Indic/Arabic shaping. On its own it
# only joins its neighbours' glyphs: it cannot reorder text, hide a character or act as a
# control, so replacing it would break legitimate emoji into placeholder-separated pieces.
ALLOWED = frozenset("\n\t\u200d")

# Line and paragraph separators and NEL are line breaks; showing them as "\n" keeps the
# line-by-line segmenter and every renderer in agreement about where lines end.
_LINE_BREAKS = {0x85: "\n", 0x2028: "\n", 0x2029: "\n", ord("\r"): "\n"}

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs"})

# Planes 15 and 16 are private use from end to end (bar two noncharacters each); a regex pass
# handles them instead of 130,000 table entries.
_PRIVATE_PLANES = re.compile("[\U000f0000-\U0010ffff]")


class _Table(dict[int, str]):
    """The translate table, filled lazily: str.translate looks up each distinct character
    once, so only characters that occur are ever classified (building it for all of Unicode
    cost a tenth of a second at every start)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if code < 0x20 and char not in ALLOWED:  # C0 controls: their Control Pictures (ESC -> "␛")
            value = chr(0x2400 + code)
        elif char not in ALLOWED and unicodedata.category(char) in _UNSAFE_CATEGORIES:
            value = REPLACEMENT
        else:
            value = char  # kept as it is (None would delete it)
        self[code] = value
        return value


@cache
def _table() -> dict[int, str]:
    table = _Table()
    table[0x7F] = "\u2421"  # DEL -> "␡"
    table[0xAD] = "-"  # soft hyphen: a hyphenation hint, harmless once made visible
    table.update(_LINE_BREAKS)
    return table


def sanitize(text: str) -> str:
    """Return `text` with every control or hiding character replaced by a visible one.

    Same length as `text`: "\\r\\n" becomes " \\n", a lone "\\r" becomes "\\n", C0 controls
    become their Control Pictures, C1/format/private-use/surrogate characters become U+FFFD.
    """
    # A CRLF keeps two characters: a space then the line feed, so offsets do not move.
    cleaned = text.replace("\r\n", " \n").translate(_table())
    return _PRIVATE_PLANES.sub(REPLACEMENT, cleaned)


def is_safe_char(char: str) -> bool:
    """True when `char` may appear in sanitized text (used by tests and defensive checks)."""
    if _PRIVATE_PLANES.match(char):
        return False  # planes 15-16: private use, and their noncharacters, are all replaced
    return char in ALLOWED or unicodedata.category(char) not in _UNSAFE_CATEGORIES


def inert_line(text: str) -> str:
    """`text` (a path, a URL, a message naming one) as one inert line for a message: controls
    made visible, line breaks shown as "␤", tabs as spaces."""
    return sanitize(text).replace("\n", "␤").replace("\t", " ")
