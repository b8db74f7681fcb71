"""compare's alignment engine: articles in, an `Alignment` of claims and relations out.

Pure Python, no UI import. The public API is imported lazily so that `import align` stays
cheap (the CLI's warm path must never pull in torch).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from align.models import (
    Alignment,
    Article,
    Claim,
    InputError,
    Judgement,
    Pair,
    Relation,
    Sentence,
    SentenceRef,
)

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "Article",
    "Claim",
    "InputError",
    "Judgement",
    "Pair",
    "Relation",
    "Sentence",
    "SentenceRef",
    "align",
    "load_corpus",
    "relate",
    "relate_many",
    "sensational",
]

if TYPE_CHECKING:
    from align.cues import sensational
    from align.pipeline import align, relate, relate_many
    from align.reader import load_corpus

_LAZY = {
    "align": ("align.pipeline", "align"),
    "load_corpus": ("align.reader", "load_corpus"),
    "relate": ("align.pipeline", "relate"),
    "relate_many": ("align.pipeline", "relate_many"),
    "sensational": ("align.cues", "sensational"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'align' has no attribute {name!r}")
