"""A tiny hand-built Alignment in which one sentence states two facts and so is in two claims.

The wire's first sentence reports both the street closure (which the daily repeats: an
agreement) and the fee rise (which the daily denies: a contradiction, the more notable claim).
"""

from __future__ import annotations

from align.models import Alignment, Claim, Pair, SentenceRef
from tests.app.fixture_alignment import _article

WIRE = [
    ("The council closed three streets and raised parking fees.", "content", ""),
    ("Shops expect fewer customers.", "content", ""),
]
DAILY = [
    ("The council closed three streets.", "content", ""),
    ("Parking fees were not raised.", "content", ""),
    ("Cyclists were pleased.", "content", ""),
]

SHARED = SentenceRef("wire", 0)
CLOSURE, FEES = SentenceRef("daily", 0), SentenceRef("daily", 1)
SHOPS, CYCLISTS = SentenceRef("wire", 1), SentenceRef("daily", 2)


def shared_sentence_alignment() -> Alignment:
    """Claims in JSON order: 0 the closure (agreement), 1 the fees (contradiction), 2 and 3 one
    outlet each; the wire's sentence 0 is a member of claims 0 and 1."""
    wire, daily = _article("wire", "Wire report", WIRE), _article("daily", "Daily report", DAILY)
    closure = Claim(0, "agreement", (SHARED, CLOSURE), (Pair.of(SHARED, CLOSURE, "agreement", 0.93),))
    fees = Claim(
        1,
        "contradiction",
        (SHARED, FEES),
        (Pair.of(SHARED, FEES, "contradiction", 0.61, None, ('negated "raised"',)),),
    )
    shops = Claim(2, "unsupported", (SHOPS,))
    cyclists = Claim(3, "unsupported", (CYCLISTS,))
    return Alignment((wire, daily), (closure, fees, shops, cyclists))
