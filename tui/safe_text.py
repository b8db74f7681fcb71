"""Article text is untrusted: make it inert before it reaches any widget.

Every widget builds `Content`/`Text` from plain strings (never markup), so `[bold]` or
`[@click=…]` stay literal. This module handles what markup-escaping cannot: control characters
(an ESC would reach the terminal), bidi overrides (they reorder what follows on screen),
zero-width characters (they hide text) and tabs.
"""

from __future__ import annotations

from textual.content import Content

from align.read.sanitize import sanitize


def literal(text: str, *, one_line: bool = False) -> str:
    """`text` with every character that could act on the terminal or hide text replaced by a
    visible one: the engine's own sanitizer (control pictures such as ␛ for ESC, U+FFFD for
    bidi overrides, zero-width and private-use characters), tabs as spaces."""
    text = sanitize(text).replace("\t", " ")
    if one_line:
        text = " ".join(text.split())
    return text


def plain(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """Untrusted text as `Content` that is never parsed as markup."""
    return Content.styled(literal(text, one_line=one_line), style)


def shorten(text: str, width: int) -> str:
    """One line of at most `width` terminal cells (emoji take two), with an ellipsis when cut."""
    return Content(" ".join(text.split())).truncate(max(width, 0), ellipsis=True).plain
