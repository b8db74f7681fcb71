"""Article text is untrusted: make it inert before it reaches any widget.

Every widget builds `Content`/`Text` from plain strings (never markup), so `[bold]` or
`[@click=…]` stay literal. This module handles what markup-escaping cannot: control characters
(an ESC would reach the terminal), bidi overrides (they reorder what follows on screen) and tabs.
"""

from __future__ import annotations

import re

from textual.content import Content

# C0 controls except newline, DEL, C1 controls.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\x80-\x9f]")
# Bidi embeddings, overrides and isolates change the display order of the text after them.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" (␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def literal(text: str, *, one_line: bool = False) -> str:
    """`text` with every character that could act on the terminal replaced by a visible one."""
    text = _BIDI.sub("\ufffd", _CONTROL.sub(_picture, text))
    if one_line:
        text = " ".join(text.split())
    return text


def plain(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """Untrusted text as `Content` that is never parsed as markup."""
    return Content.styled(literal(text, one_line=one_line), style)


def shorten(text: str, width: int) -> str:
    """One line of at most `width` terminal cells (emoji take two), with an ellipsis when cut."""
    return Content(" ".join(text.split())).truncate(max(width, 0), ellipsis=True).plain
