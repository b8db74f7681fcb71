"""The part of a sentence that states the claim it shares with another sentence.

A sentence often states the shared claim and then adds a fact of its own ("Fifteen of the 19
hijackers were Saudi citizens, but the Saudi government denies any role in the attacks"). A
strength cue in the added clause ("denies") says nothing about how strongly the shared claim is
stated, so the relation stage weighs cues on the core alone: the clause that shares most with
the other sentence, each further clause that brings in a word of the other sentence the core
does not have yet, and each clause at least as much about the other sentence as the best one.
A clause whose shared words the core already has and that is mostly about a thing of its own
(here only "Saudi" of its dozen words) only adds its own fact. Clauses end at a semicolon or a
dash, or at a comma before a conjunction or relative pronoun (`clause_openers` in
align/data/words.toml).
"""

from __future__ import annotations

import re
from functools import lru_cache

from align import lexicon
from align.judge import lexical

_BREAK_MARK = re.compile(r"\s*[;—―–]\s*")
_BREAK_BEFORE_OPENER = re.compile(
    rf",\s+(?=(?:{lexicon.word_list('words.toml', 'clause_openers').alternation()})\b)", re.IGNORECASE
)


def clauses(text: str) -> list[str]:
    """The sentence cut at its clause breaks (the pieces, without the break marks)."""
    cuts = sorted(
        (m.start(), m.end()) for pattern in (_BREAK_MARK, _BREAK_BEFORE_OPENER) for m in pattern.finditer(text)
    )
    pieces, start = [], 0
    for begin, end in cuts:
        if begin >= start:
            pieces.append(text[start:begin])
            start = end
    pieces.append(text[start:])
    return [p for p in pieces if lexical.stems_of(p)]


@lru_cache(maxsize=131072)
def core(text: str, other: str) -> str:
    """The clauses of `text` that state what it shares with `other`, joined; `text` itself when
    it is one clause or shares nothing."""
    parts = clauses(text)
    if len(parts) < 2:
        return text
    wanted = set(lexical.stems_of(other))
    shared = [set(lexical.stems_of(p)) & wanted for p in parts]
    best = max(range(len(parts)), key=lambda k: (len(shared[k]), -k))
    if not shared[best]:
        return text
    covered = set(shared[best])
    kept = {best}
    # In order of what each brings, so the result does not depend on where a clause stands.
    for k in sorted(range(len(parts)), key=lambda k: (-len(shared[k] - covered), k)):
        if shared[k] - covered:
            kept.add(k)
            covered |= shared[k]
    # A clause that brings no new word of the other sentence still belongs to the claim when it
    # is at least as much about it as the best clause ("..., but Iran declined" after "offered
    # joint projects to Iran"); one mostly about a thing of its own is an addition.
    bar = _share(shared[best], parts[best])
    kept |= {k for k in range(len(parts)) if shared[k] and _share(shared[k], parts[k]) >= bar}
    return " ".join(parts[k] for k in sorted(kept))


def _share(shared: set[str], part: str) -> float:
    """The part of a clause's content words that the other sentence has too."""
    return len(shared) / len(set(lexical.stems_of(part)))
