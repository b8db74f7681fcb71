"""The engine's vocabulary, read from the TOML files in `align/data/`.

Word lists are data, each with a note on where it comes from; the modules that decide (cues,
conflicts, boilerplate, lexical, segment) only combine them with the little grammar that is
really grammar. See the header of any `align/data/*.toml` file for the entry syntax: words and
phrases matched as whole words, case-insensitively, `*` for "any further letters".
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

DATA_PACKAGE = "align.data"
LEXICON_FILES = ("cues.toml", "conflicts.toml", "frames.toml", "boilerplate.toml", "words.toml")
# Not word lists, but data read through this module too (and part of its fingerprint).
MODEL_FILES = ("parameters.toml", "confidence.toml")
# Letters, digits, spaces and the punctuation that occurs inside words and phrases; anything
# else in an entry is a typo or a stray regular expression, refused when the list is loaded.
_ENTRY = re.compile(r"^[\w'’.,:/&%$©\- *]+$")
# An entry matches whole words only: not inside a longer word nor a hyphenated compound.
WORD_BOUNDARY = (r"(?<![\w-])", r"(?![\w-])")


class LexiconError(ValueError):
    """A data file that does not have the expected shape (names the file and the list)."""


@dataclass(frozen=True)
class WordList:
    """One list of a data file: its entries in order, and where they come from."""

    name: str
    source: str
    words: tuple[str, ...]

    def alternation(self) -> str:
        """The entries as one regular-expression alternation, in list order."""
        return alternation(self.words)


def data_text(file_name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(file_name).read_text(encoding="utf-8")


@cache
def data_file(file_name: str) -> dict[str, Any]:
    """A parsed data file (cached: every module reads its lists once)."""
    try:
        return tomllib.loads(data_text(file_name))
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"align/data/{file_name}: {error}") from None


def word_list(file_name: str, name: str) -> WordList:
    """The list `name` ("frames.offer" for a nested table) of `align/data/<file_name>`."""
    table: Any = data_file(file_name)
    for part in name.split("."):
        if not isinstance(table, dict) or part not in table:
            raise LexiconError(f"align/data/{file_name}: no list [{name}]")
        table = table[part]
    return _checked(file_name, name, table)


def _checked(file_name: str, name: str, table: Any) -> WordList:
    where = f"align/data/{file_name} [{name}]"
    if not isinstance(table, dict) or not isinstance(table.get("source"), str) or not table["source"].strip():
        raise LexiconError(f"{where}: every list needs a `source` saying where it comes from")
    words = table.get("words")
    if not isinstance(words, list) or not words:
        raise LexiconError(f"{where}: `words` must be a non-empty list")
    for word in words:
        if not isinstance(word, str) or not word.strip() or not _ENTRY.match(word):
            raise LexiconError(f"{where}: {word!r} is not a word or phrase")
    return WordList(name, table["source"], tuple(words))


def checked_list(file_name: str, name: str, table: dict[str, Any], key: str) -> WordList:
    """The list `key` of one table of an array of tables, checked as `word_list` checks a list
    (the table's `source` names where it comes from)."""
    return _checked(file_name, name, {"source": table.get("source"), "words": table.get(key)})


def tables(file_name: str, array: str) -> list[dict[str, Any]]:
    """An array of tables (`[[antonyms]]`) of a data file."""
    found = data_file(file_name).get(array)
    if not isinstance(found, list):
        raise LexiconError(f"align/data/{file_name}: no [[{array}]] tables")
    return found


def entry_pattern(word: str) -> str:
    """One entry as a regular expression: literal text, `*` for any further word characters."""
    return r"\w*".join(re.escape(part) for part in word.split("*"))


def alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(entry_pattern(word) for word in words)


def word_pattern(*lists: WordList | str, whole_words: bool = True) -> re.Pattern[str]:
    """One case-insensitive pattern matching any entry of the lists (whole words unless told
    otherwise). A plain string is a piece of grammar, written as a regular expression."""
    body = "|".join(item if isinstance(item, str) else item.alternation() for item in lists)
    if not whole_words:
        return re.compile(body, re.IGNORECASE)
    before, after = WORD_BOUNDARY
    return re.compile(f"{before}(?:{body}){after}", re.IGNORECASE)


def list_pattern(file_name: str, *names: str, grammar: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Whole-word pattern over the named lists of one data file, plus pieces of grammar."""
    return word_pattern(*(word_list(file_name, name) for name in names), *grammar)


def fingerprint(folder: Traversable | None = None) -> bytes:
    """Digest of every data file (of `folder`, by default the package's): editing a word list
    changes the results the cache may reuse."""
    digest = hashlib.sha256()
    for item in sorted((folder or resources.files(DATA_PACKAGE)).iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.digest()
