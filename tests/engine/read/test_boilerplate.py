"""Page furniture is recognised by its form, in any article, with a reason a user can audit."""

from __future__ import annotations

from collections import Counter

import pytest

from align.models import Sentence
from align.read.boilerplate import structural_reason


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


@pytest.mark.parametrize(
    ("text", "why"),
    [
        # Issue 12, "furniture kept as content": bare author e-mail lines and other stories'
        # headlines inserted in a scraped body.
        ("jane.doe@nytimes.com", "author e-mail or contact line"),
        ("Contact the reporter at jdoe@foxnews.com.", "author e-mail or contact line"),
        ("RELATED: Obama vetoes 9/11 bill", "another story's headline or a media prompt"),
        ("WATCH: Putin's remarks at the St. Petersburg forum", "another story's headline or a media prompt"),
    ],
)
def test_contact_lines_and_other_stories_headlines_are_furniture(text, why):
    assert reason(text) == why


@pytest.mark.parametrize(
    "text",
    [
        # An address inside a story sentence, and a sentence that only starts like a label.
        "The senator's office said questions could be sent to press@senate.gov, and that a statement would follow.",
        "More than 3,000 workers lost their jobs when the plant closed.",
        # A sentence that opens with a word of the label list, without the colon.
        "Related issues came up at the hearing, the congressman said.",
    ],
)
def test_story_sentences_with_an_address_or_a_label_word_stay_content(text):
    assert reason(text) == ""
