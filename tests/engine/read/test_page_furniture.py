"""Furniture of real scraped pages (credits, video prompts, follow prompts, leaked style code) is
boilerplate with its reason, and an embedded social post stays a quote: its text is content
even with a picture link, its author line alone is no claim.

Every line here is quoted from a body of the FNC-1 development part (Body ID < 1000,
../shared/datasets/fnc1-stance-test), the scraped news pages the class was checked on; the body
is named beside each. benchmarks/furniture.py measures the whole development part.
"""

from __future__ import annotations

from collections import Counter

import pytest

from align.models import Sentence
from align.read import boilerplate, reader
from align.read.boilerplate import structural_reason


def reason(text: str) -> str:
    return structural_reason(Sentence(0, text, 0, len(text)), Counter(), is_title=False)


def kinds(body: str) -> list[tuple[str, str]]:
    article = boilerplate.mark_structural(reader.article_from_text(body, title="A story"))
    return [(s.kind, s.text) for s in article.sentences[1:]]


@pytest.mark.parametrize(
    "text, why",
    [
        ("(Reporting by Michael Holden; editing by Andrew Hay)", "credit"),  # body 326
        ("Additional reporting by Reuters and AP", "credit"),  # 835
        ("Bill Cosby(Credit: AP/Victoria Will)", "credit"),  # 50
        ("[h/t NYDN, image via AP]", "credit"),  # 426
        ("[Representational Image] Reuters", "credit"),  # 294
        ("Follow Reuters on Twitter.", "credit"),  # 904
        (">> Follow Matt Wilstein (@TheMattWilstein) on Twitter", "credit"),  # 471
        ("Scroll down for video", "promotion"),  # 380
        ("@media only screen and (min-width : 500px) {.ethanmobile { display: none; }}", "script"),  # 918
        ("— Cree Summer (@IAmCreeSummer) July 10, 2014", "embedded post"),  # 57
        ("Cristina Kirchner (@CFKArgentina) December 23, 2014", "embedded post"),  # 861
    ],
)
def test_credits_prompts_and_post_author_lines_are_furniture(text, why):
    assert why in reason(text)


@pytest.mark.parametrize(
    "text",
    [
        # Story sentences of the same bodies that carry a cue word, or the same kind of words.
        "Journalist Steven Sotloff, left, pictured in Libya in 2011 (Getty)  The White House has said it cannot "
        "confirm the authenticity of the video.",  # 835
        "This still image taken from an undated video, published on the Internet by Islamic State terrorists on "
        "November 16, 2014, purports to show IS marching Syrian soldiers to their deaths.",  # 435: a long caption
        "The @Lilakoi_Moon account had been on the social networking service for a number of months, and before "
        "being shut down had garnered thousands of followers.",  # 57
        "Celebrities took to social media to share their thoughts about comedian Joan Rivers' death.",  # 215
        "#IS Beheads Steven Joel #Sotloff, Threatens to Execute Briton David Cawthorne Haines — SITE Intel Group "
        "(@siteintelgroup) September 2, 2014",  # 471: a post with its author in one line is a quote
    ],
)
def test_story_sentences_near_those_words_stay_content(text):
    assert reason(text) == ""


def test_an_embedded_posts_text_stays_a_quote_and_its_author_line_is_no_claim():
    # Body 710: a tweet quoted in the story, a link in its text, its author on the next line.
    body = (
        "He was sacrificed because of a lack of coordination, Diane Foley said.\n"
        "VIDEO @CNN: Foley’s mom: Our country let Jim down http://t.co/ehv21YQ8KD pic.twitter.com/SQYkWQO8ck\n"
        "— MSN News (@MSNNews) September 12, 2014\n"
        "The family was threatened with prosecution if they paid a ransom.\n"
    )
    marked = kinds(body)
    assert marked[1] == (
        "content",
        "VIDEO @CNN: Foley’s mom: Our country let Jim down http://t.co/ehv21YQ8KD pic.twitter.com/SQYkWQO8ck",
    )
    assert marked[2][0] == "boilerplate"
    # The same link line without an author line after it is a link to another page, as before.
    alone = kinds(body.replace("— MSN News (@MSNNews) September 12, 2014\n", ""))
    assert alone[1][0] == "boilerplate"


def test_a_post_and_its_author_on_one_line_is_not_a_heading():
    # Body 163: short and unpunctuated like a heading, but it is a quoted post.
    body = "Did not forget about Dre. pic.twitter.com/fWNDpFhfYr — Dave Morin (@davemorin) September 9, 2014\n"
    assert kinds(body)[0][0] == "content"
