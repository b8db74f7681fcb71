"""Page furniture is recognised by its form, in any article, with a reason a user can audit."""

from __future__ import annotations

from collections import Counter

import pytest

from align.boilerplate import structural_reason
from align.models import Sentence


def reason(text: str) -> str:
    return structural_reason(Sentence(0, text, 0, len(text)), Counter(), is_title=False)


@pytest.mark.parametrize(
    "text, why",
    [
        ("We encourage you to share your thoughts on the ruling in the comments below.", "promotion"),
        ("What do you think the council should do next?", "question to the reader"),
        ("Which of these proposals would you support?", "question to the reader"),
        ("Explore more of our coverage of the election to stay up to date.", "promotion"),
        ("Let us know how the closure affects you.", "promotion"),
        ("For more on the talks, you can check out our coverage from Geneva.", "promotion"),
    ],
)
def test_engagement_prompts_are_furniture(text, why):
    assert why in reason(text)


@pytest.mark.parametrize(
    "text",
    [
        "“Do you think we would abandon our allies?” the minister asked reporters.",
        "Why has the council not published the report?",
        "As we continue to watch this situation unfold, the markets remain calm.",
        "The mayor told residents they could share their views at a public meeting.",
    ],
)
def test_story_sentences_that_look_similar_stay_content(text):
    assert reason(text) == ""
