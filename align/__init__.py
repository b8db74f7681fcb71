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
from align.version import __version__

__all__ = [
    "__version__",
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
    from align.judge.cues import sensational
    from align.pipeline import align, relate, relate_many
    from align.read.reader import load_corpus

_LAZY = {
    "align": ("align.pipeline", "align"),
    "load_corpus": ("align.read.reader", "load_corpus"),
    "relate": ("align.pipeline", "relate"),
    "relate_many": ("align.pipeline", "relate_many"),
    "sensational": ("align.judge.cues", "sensational"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'align' has no attribute {name!r}")
