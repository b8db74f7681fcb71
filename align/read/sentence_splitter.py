"""Blingfire's sentence splitter called through ctypes.

The `blingfire` package's `__init__` imports numpy (about a tenth of a second) before the app
can paint its first frame; its sentence splitter needs only ctypes, so this module loads the
same compiled library directly. Anything unexpected falls back to the package itself.
"""

from __future__ import annotations

import ctypes
import importlib.util
import sys
from functools import lru_cache
from pathlib import Path

_LIBRARY_NAMES = {"win32": "blingfiretokdll.dll", "darwin": "libblingfiretokdll.dylib"}


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    spec = importlib.util.find_spec("blingfire")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / _LIBRARY_NAMES.get(sys.platform, "libblingfiretokdll.so")
    try:
        library = ctypes.CDLL(str(path))
    except OSError:
        return None
    library.TextToSentences.restype = ctypes.c_int
    return library


def text_to_sentences(text: str) -> str:
    """The sentences of `text`, one per line (blingfire's TextToSentences)."""
    library = _library()
    if library is None:
        import blingfire

        return str(blingfire.text_to_sentences(text))
    data = text.encode("utf-8")
    size = len(data) * 2  # as the package does: room for the added line breaks
    out = ctypes.create_string_buffer(size)
    length = library.TextToSentences(
        ctypes.c_char_p(data), ctypes.c_int(len(data)), ctypes.byref(out), ctypes.c_int(size)
    )
    if length == -1 or length > size:
        return ""
    return out.value.decode("utf-8")
