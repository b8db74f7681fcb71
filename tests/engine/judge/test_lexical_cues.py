"""Lexical anchors and cue lexicons: what the relation stage builds its evidence on."""

from __future__ import annotations

import pytest

from align.judge import cues, lexical
from align.judge.lexical import Idf


def test_stopwords_and_punctuation_do_not_count_as_content():
    assert lexical.content_stems("The, and of -- to ... it is!") == []
    assert lexical.content_stems("Iran declined the offer.") == ["iran", "declin", "offer"]


def test_weighted_overlap_ignores_function_words():
    idf = Idf.fit([lexical.content_stems(t) for t in ["the cat sat", "a dog ran", "the bird flew"]])
    same_function_words, _ = lexical.weighted_overlap(
        lexical.content_stems("It was there and then"), lexical.content_stems("It was here and then"), idf
    )
    assert same_function_words == 0.0
    shared, words = lexical.weighted_overlap(
        lexical.content_stems("The cat sat"), lexical.content_stems("A cat ran"), idf
    )
    assert 0 < shared < 1 and words == ["cat"]


def test_numbers_are_normalised():
    assert lexical.numbers("over 1,000 people, 5 percent, in 2025") == ["1000", "5%", "2025"]


def test_sensational_cues_are_named():
    found = cues.sensational("Putin's Shocking Proposal: Iran Rejects Joint Missile Defense!")
    assert "Shocking" in found and "!" in found
    assert cues.sensational("The ministry published its annual budget on Tuesday.") == []
    assert any("listicle" in c for c in cues.sensational("21 Things Only Cat Owners Understand"))
    assert cues.sensational("You Won't Believe What This Senator Said")


def test_clickbait_headline_formats_are_named_and_news_formats_are_not():
    def named(headline: str) -> str:
        return " | ".join(cues.sensational(headline))

    assert "reaction video" in named("Grandparents Try Virtual Reality Headsets")
    assert "quiz question" in named("Is This A Modern Sculpture Or A Broken Chair")
    assert "question left open" in named("Does Pineapple Really Belong On Pizza")
    assert "then and now" in named("The Stars Of A 1990s Sitcom, Then And Now")
    assert "what if" in named("If Office Emails Were Written Honestly")
    assert "the most … ever" in named("The Most Relaxing Train Journey Ever")
    assert "listicle" in named("17 Of The Best Sandwiches In Town")
    assert "listicle" in named("23 Times A Cat Was Found In A Cardboard Box")
    assert "chatty word" in named("This Bakery Actually Makes Bread For Dogs")
    # News that shares a word with those formats stays plain.
    for news in (
        "Rocket launches for the first time from the new coastal site",
        "Is the city ready for the flood season?",
        "Wild storms close schools across the region",
        "Minister hit by expenses scandal resigns",
        "12 Council Officials Are Charged in Bribery Case",
        "3 Climbers Die in Avalanche on Northern Ridge",
    ):
        assert cues.sensational(news) == [], news


def test_strength_orders_refusals_hedges_and_causal_claims():
    assert (
        cues.strength("Iran rejects the offer").score
        > cues.strength("Iran did not show much interest in the offer").score
    )
    assert cues.claim_level("Coffee causes cancer")[0] == 3
    assert cues.claim_level("Coffee may cause cancer")[0] == 2
    assert cues.claim_level("Coffee is associated with cancer") == (1, "associated with")
    assert cues.claim_level("The ministry published its budget") == (0, "")
    assert cues.strength("The study shows a benefit").score > cues.strength("The study suggests a benefit").score


def test_frames_group_predicates_of_one_event():
    assert "refusal" in cues.frames("Iran declined the proposal")
    assert "refusal" in cues.frames("they did not show much interest")
    assert {"offer", "refusal"} <= cues.frames("We offered Iran projects, but they did not show much interest")


def test_statistical_significance_is_not_emphasis():
    def cue_words(text: str) -> list[str]:
        return [cue.words for cue in cues.strength(text).cues]

    assert "significantly" not in cue_words("Pain thresholds were significantly higher after laughter.")
    assert "significantly" not in " ".join(cue_words("The effect was statistically significantly larger."))
    assert "significantly" in cue_words("The move significantly escalates the crisis.")
    assert "really does" in cue_words("Laughing with friends really does ease pain.")


@pytest.mark.parametrize(
    "sentence",
    [
        # BASIL dev stories (2010 Sestak, 2010 tax deal, 2015 trade bill): clickbait teasers as
        # ordinary grammar in an article's body.
        "When Sestak began making overtures that he would run, the White House looked for ways to follow through on its promise.",
        "In return, Democrats would get extended jobless benefits for people who have been unemployed for long stretches.",
        "The Obama administration has said it remains confident there are ways to get the trade provisions through Congress.",
    ],
)
def test_clickbait_teasers_in_a_body_sentence_are_no_loaded_language(sentence):
    assert not cues.strength(sentence).raising


def test_clickbait_teasers_still_mark_a_headline():
    assert any("people who" in cue.lower() for cue in cues.sensational("21 People Who Totally Nailed Their Costumes"))
    assert cues.sensational("9 Ways To Make Your Morning Better")
