"""Find the quoted passages that run over several sentences of one article.

A sentence splitter cuts `Smith said: "A. B. C."` into three sentences, and only the first
names the speaker (`"A. B. C.," Smith said.` names the speaker only in the last piece).
`quoted_passages` tells which consecutive content sentences form one quotation, so that a later
stage can keep the pieces together with their speaker. Pure text reading: no model, no I/O.

The rules, each with its reason:
- Quote marks are read over the article's text from one sentence's start to the next
  sentence's start, so a closing mark that the splitter left after a sentence's end, or alone
  on a line, still closes the quotation.
- “ opens and ” closes, unless the spaces around one say the typesetter swapped them
  (`happiness?“ he asked`). A straight " opens at the start of a word (after a space, a bracket
  or a dash) and closes after a word or punctuation; when its sides do not tell, it toggles.
  ‘ opens a quotation only outside double quotes and at the start of a word, and ’ (or ')
  closes it only when no letter follows: inside double quotes single marks are a quote within
  the quote, and ’ between letters is an apostrophe ("Obama’s").
- A passage opens in a sentence that leaves a quotation open at its end, and runs through the
  sentence that closes it.
- A line break is a paragraph boundary (the splitter always ends a sentence there). News
  writing continues a quotation into a new paragraph by opening that paragraph with a quote
  mark while the previous one ended unclosed: then the passage goes on. Any other new
  paragraph ends the passage where the previous paragraph ended (the closing mark was left
  out), so one unbalanced mark cannot swallow the rest of the article. A heading or a
  boilerplate line ends it the same way: it is not part of anyone's words.
- An opening mark met inside an open quotation (other than a continued paragraph's first mark)
  means a closing mark was lost somewhere before it; where is unknown, so the passage read so
  far is dropped, and a new one may open at that mark.
- A passage counts only when it names its speaker: a speech verb ("said", "according to", ...)
  outside the quote marks in one of its pieces. Quote marks that enclose no one's words (a
  title, scare quotes left open) name no one.
- `"A," Smith said. "B. C."`: news writing gives each new speaker a new paragraph, so a
  passage that names no speaker takes in the sentence right before it when that sentence is in
  the same paragraph, ends outside any quotation and names a speaker, or when it ends with a
  colon (`Politico reports:`, `the party issued a statement:`), which announces what follows.
  When that sentence already closes a passage, the two are one passage.
- MAX_PASSAGE_SENTENCES bounds a passage: a quotation still open after that many sentences is
  read as a lost closing mark, not as one speech, and yields nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from align import lexicon
from align.models import Sentence

# A structural bound, not a fitted value: news quotes a speaker a few sentences at a time (a
# long speech is broken up by the reporter's own sentences), so a quotation open for longer
# than this is far likelier a lost closing mark than one continuous quote.
MAX_PASSAGE_SENTENCES = 8

# Words of reported speech: the splitter's list (verbs that follow a quote) and the further
# forms and phrases that name a speaker anywhere in a sentence.
SPEECH = lexicon.list_pattern("words.toml", "speech_verbs", "attribution_verbs")

_QUOTE_MARK = re.compile("[\"“”‘’']")
_DOUBLE = "double"
_SINGLE = "single"
# What may stand right before a straight quote mark that opens a quotation, besides a space.
_BEFORE_OPENING = "([{—–-/"
# What may follow a straight quote mark that closes one, besides a space.
_AFTER_CLOSING = ".,;:!?)]}—–-…"


def quoted_passages(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, ...]]:
    """Each quoted passage of more than one sentence, as the `index` of its sentences (all of
    kind "content", consecutive, in order), passages in the order of the text. Never raises:
    unbalanced marks and sentences whose offsets do not fit `text` end a passage."""
    reader = _Reader(text)
    ordered = sorted(sentences, key=lambda s: s.index)
    previous_end = 0
    for position, sentence in enumerate(ordered):
        fits = previous_end <= sentence.start <= sentence.end <= len(text)
        if sentence.kind != "content" or not fits:
            reader.boundary()
            if fits:
                previous_end = sentence.end
            continue
        following = ordered[position + 1].start if position + 1 < len(ordered) else len(text)
        stop = following if sentence.end <= following <= len(text) else sentence.end
        reader.read(sentence, previous_end, stop)
        previous_end = sentence.end
    reader.boundary()
    return reader.passages


@dataclass(frozen=True)
class _Previous:
    """What the reader keeps of the content sentence it read last."""

    index: int
    names_speaker: bool  # a speech verb outside quote marks
    closed: bool  # it ends outside any quotation
    colon: bool  # it ends with a colon


class _Reader:
    """Reads an article's content sentences in order, keeping which quotation is open."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.passages: list[tuple[int, ...]] = []
        self.open: str | None = None  # the kind of quotation open at this point of the text
        self.pieces: list[int] = []  # the sentences of the passage being read
        self.named = False  # whether one of its pieces names the speaker
        self.lead_in: int | None = None  # the sentence before it that names the speaker
        self.previous: _Previous | None = None

    def boundary(self) -> None:
        """A heading, boilerplate, a span that does not fit, or the article's end."""
        self._finish()
        self.previous = None

    def read(self, sentence: Sentence, gap_start: int, stop: int) -> None:
        """One content sentence, `text[gap_start:sentence.start]` the space before it; its quote
        marks are read through `stop` (the next sentence's start)."""
        text = self.text
        if self.previous is not None and sentence.index != self.previous.index + 1:
            self.boundary()  # a sentence in between was left out: the run is broken
        new_paragraph = self.previous is None or "\n" in text[gap_start : sentence.start]
        continued = False
        if self.open is not None and new_paragraph:
            first = text[sentence.start : sentence.start + 1]
            continued = first in (('"', "“") if self.open == _DOUBLE else ("‘",))
            if not continued:
                self._finish()
        # The text of the sentence outside quote marks, and where its current stretch began
        # (None while inside a quotation).
        outside: list[str] = []
        stretch: int | None = sentence.start if self.open is None else None
        for mark in _QUOTE_MARK.finditer(text, sentence.start, stop):
            at = mark.start()
            if continued and at == sentence.start:
                continue  # the continued paragraph's opening mark: the quotation goes on
            was_open = self.open is not None
            if self._mark(at):
                self.pieces, self.named = [], False  # a lost closing mark: drop the passage
            elif not was_open and self.open is not None and stretch is not None:
                outside.append(text[stretch:at])
                stretch = None
            elif was_open and self.open is None:
                stretch = at + 1
        if stretch is not None:
            outside.append(text[stretch:stop])
        names_speaker = any(SPEECH.search(part) for part in outside)
        if self.pieces:
            self.pieces.append(sentence.index)
            self.named = self.named or names_speaker
            if self.open is None:
                self._finish()
            elif len(self.pieces) >= MAX_PASSAGE_SENTENCES:
                self.pieces, self.named, self.lead_in, self.open = [], False, None, None  # runaway
        elif self.open is not None:
            self.pieces, self.named = [sentence.index], names_speaker
            self.lead_in = self._lead_in(new_paragraph)
        self.previous = _Previous(
            sentence.index, names_speaker, self.open is None, text[sentence.start : sentence.end].endswith(":")
        )

    def _lead_in(self, new_paragraph: bool) -> int | None:
        """The sentence before a passage that may name its speaker (see the module's notes)."""
        previous = self.previous
        if previous is None or not previous.closed:
            return None
        if previous.colon or (previous.names_speaker and not new_paragraph):
            return previous.index
        return None

    def _mark(self, at: int) -> bool:
        """Read the quote mark at `at`; True when it is an opening mark met inside a quotation."""
        text = self.text
        char = text[at]
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if char in '“”"':
            if self.open == _SINGLE:
                return False  # a quote within a single-quoted one
            if char == "“":
                opening = not (after.isspace() and not before.isspace())  # `happiness?“ he asked`
            elif char == "”":
                opening = before.isspace() and after.isalnum()  # `said, ”We` (swapped)
            else:
                opening = before.isspace() or before in _BEFORE_OPENING
                closing = not before.isspace() and (after.isspace() or after in _AFTER_CLOSING)
                if opening == closing:
                    opening = self.open is None  # its sides do not tell: it toggles
            if opening:
                if self.open == _DOUBLE:
                    return True
                self.open = _DOUBLE
            elif self.open == _DOUBLE:
                self.open = None
            return False
        if self.open == _DOUBLE:
            return False  # a quote within the quote
        if char == "‘":
            if self.open is None and (before.isspace() or before in _BEFORE_OPENING) and after.isalpha():
                self.open = _SINGLE
        elif self.open == _SINGLE and not before.isspace() and not after.isalnum():
            self.open = None  # ’ or ' with no letter after it: the closing mark
        return False

    def _finish(self) -> None:
        """End the passage being read: keep it when it has two pieces and names its speaker."""
        pieces = tuple(self.pieces)
        if len(pieces) >= 2 and self.named:
            self.passages.append(pieces)
        elif len(pieces) >= 2 and self.lead_in is not None:
            if self.passages and self.passages[-1][-1] == self.lead_in:
                if len(self.passages[-1]) + len(pieces) <= MAX_PASSAGE_SENTENCES:
                    self.passages[-1] += pieces  # the same speaker goes on in the same paragraph
            elif len(pieces) < MAX_PASSAGE_SENTENCES:
                self.passages.append((self.lead_in, *pieces))
        self.pieces, self.named, self.lead_in, self.open = [], False, None, None
