"""Word-level diff of two sentences for display (difflib), marked like `git diff --word-diff`.

The markers `[-…-]` and `{+…+}` carry the meaning, so the diff reads without colour.
"""

from __future__ import annotations

import difflib

from textual.content import Content

from tui.safe_text import literal

REMOVED = "strike $text-error"
ADDED = "underline $text-success"


def word_diff(a: str, b: str) -> Content:
    """Words only in `a` as `[-removed-]`, only in `b` as `{+added+}`, shared words plain."""
    a_words = literal(a, one_line=True).split()
    b_words = literal(b, one_line=True).split()
    matcher = difflib.SequenceMatcher(a=a_words, b=b_words, autojunk=False)
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append((" ".join(a_words[i1:i2]), ""))
            continue
        if i2 > i1:
            pieces.append(("[-" + " ".join(a_words[i1:i2]) + "-]", REMOVED))
        if j2 > j1:
            pieces.append(("{+" + " ".join(b_words[j1:j2]) + "+}", ADDED))
    parts: list[tuple[str, str] | str] = []
    for n, piece in enumerate(pieces):
        if n:
            parts.append(" ")
        parts.append(piece)
    return Content.assemble(*parts)
