"""A story's own sentences are never lost as page furniture.

BASIL's article texts carry (almost) no page furniture, so every line the boilerplate stage
marks in them is a story sentence lost to the reader: words that label page chrome inside a
sentence ("the advertisement says"), a short sentence in a paragraph of prose that says little
out of context ("The final tally was 97-1."), a sentence the page happens to print twice. The
sentences here are from BASIL stories outside the gold standard's report half and from the FNC-1
development part (Body ID < 1000); benchmarks/furniture.py --basil counts them all.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from align.models import Sentence
from align.read import boilerplate, reader
from align.read.boilerplate import structural_reason


def reason(text: str) -> str:
    return structural_reason(Sentence(0, text, 0, len(text)), Counter(), is_title=False)


@pytest.mark.parametrize(
    "text",
    [
        "Though the Dec. 27 debate technically is sponsored by Newsmax, Trump quickly became the face of it.",  # 2011
        "“You paid into Medicare for years, every paycheck,” the advertisement says.",  # BASIL 2012
        'Ryan shot back: "They got caught with their hand in the cookie jar turning Medicare into a piggy bank."',
        "Rick Santorum tried to clarify his comment that President Obama subscribed to a “phony theology.”",
        "But after three months it had only 250,000 subscribers, compared to over 10 million on Spotify.",  # FNC-1 617
    ],
)
def test_page_label_words_inside_a_story_sentence_are_ordinary_words(text):
    assert reason(text) == ""


@pytest.mark.parametrize(
    "text", ["Advertisement", "Sponsored content", "Subscribe to our newsletter", "Copyright 2014 Reuters"]
)
def test_a_line_that_opens_with_a_page_label_is_furniture(text):
    assert "promotion" in reason(text)


def test_the_first_copy_of_a_sentence_printed_twice_stays():
    # BASIL 2013-9879bbc0 (Fox) prints this sentence twice, a paragraph apart.
    body = (
        "For that year, the budget was $640 million. It climbed to $1.6 billion in fiscal 2010.\n\n"
        "Slightly more has been requested for fiscal 2013.\n\n"
        "It's difficult to tell how much was allocated for Benghazi.\n\n"
        "Slightly more has been requested for fiscal 2013.\n"
    )
    article = boilerplate.mark_structural(reader.article_from_text(body, title="Budget"))
    copies = [s.kind for s in article.sentences if s.text.startswith("Slightly more")]
    assert copies == ["content", "boilerplate"]


def off_topic_kinds(body: str, stray: str) -> list[str]:
    """Kinds after the off-topic stage when every sentence shares one direction except `stray`,
    which points elsewhere (as a promotion for another story would)."""
    article = boilerplate.mark_structural(reader.article_from_text(body, title="The Senate overrides the veto"))
    axes = np.eye(8, dtype=np.float32)
    topic, elsewhere = axes[0], (axes[1] - axes[0]) / np.sqrt(2)
    vectors = {(0, s.index): (elsewhere if s.text == stray else topic) for s in article.sentences}
    (marked,) = boilerplate.mark_off_topic([article], vectors)
    return [s.kind for s in marked.sentences if s.text == stray]


def test_a_sentence_inside_a_paragraph_of_prose_is_never_off_topic():
    # BASIL 2016-1b96a5db (HuffPost): out of context the tally says little; in its paragraph it
    # is the vote the story is about.
    stray = "The final tally was 97-1."
    body = (
        "The Senate voted to override the veto of the bill on Wednesday.\n\n"
        "It takes two-thirds of the Senate to override a veto. Party leaders got well above that level. "
        f"{stray} Senate Minority Leader Harry Reid was the lone opposition.\n\n"
        "The House is expected to vote on the override later in the week.\n"
    )
    assert off_topic_kinds(body, stray) == ["content"]
    # The same far-off sentence on a line of its own is furniture, as a promotion would be.
    alone = body.replace(f" {stray} ", "\n\n" + stray + "\n\n")
    assert off_topic_kinds(alone, stray) == ["boilerplate"]
