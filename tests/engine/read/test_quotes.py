"""Quoted passages: which consecutive sentences of an article form one quotation.

Every excerpt is copied from a BASIL training story (named in a comment above it; see
/work/shared/datasets/basil-triplets/README.md for the source and licence), a few sentences
each, with the story's paragraph breaks. No test reads the data sets at run time.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from align.models import Sentence
from align.read import quotes
from align.read.quotes import quoted_passages
from align.read.reader import article_from_text


def passages(text: str, title: str = "Excerpt") -> list[list[str]]:
    """The passages of `text` read as an article, each as its sentences' texts; checks the
    shape every passage must have."""
    article = article_from_text(text, title=title)
    found = quoted_passages(article.text, article.sentences)
    by_index = {s.index: s for s in article.sentences}
    for passage in found:
        assert len(passage) >= 2
        assert list(passage) == list(range(passage[0], passage[0] + len(passage))), "consecutive, in order"
        assert all(by_index[i].kind == "content" for i in passage)
    assert [p[0] for p in found] == sorted(p[0] for p in found)
    return [[by_index[i].text for i in passage] for passage in found]


def openings(found: list[list[str]], words: int = 3) -> list[list[str]]:
    """Each sentence of each passage by its first words, for short assertions."""
    return [[" ".join(text.split()[:words]) for text in passage] for passage in found]


# --- the speaker in the first piece ------------------------------------------------------------

# 2014-96b7046f, nyt.txt
LAUTEN = (
    "Ms. Lauten wrote what she thought the daughters should have done: “Rise to the occasion. Act like"
    " being in the White House matters to you. Dress like you deserve respect, not a spot at a bar.”\n\n"
    "In an open letter posted to her Facebook page, Ms. Lauten apologized."
)
# 2010-6b541575, nyt.txt: "saying" is only in [attribution_verbs], not in [speech_verbs].
ETHERIDGE = (
    "A young man, dressed in a jacket and tie, approached the congressman on a sidewalk, saying: “Hi,"
    " Congressman. How are you? Do you fully support the Obama agenda?”\n\n"
    "Mr. Etheridge, a seven-term House member, can be seen on the video repeatedly asking the young man"
    " to identify himself."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LAUTEN, [["Ms. Lauten wrote", "Act like being", "Dress like you"]]),
        (ETHERIDGE, [["A young man,", "How are you?", "Do you fully"]]),
    ],
)
def test_a_three_sentence_quote_whose_first_piece_names_the_speaker(text, expected):
    assert openings(passages(text)) == expected


# --- the speaker after the quote ---------------------------------------------------------------

# 2016-1b96a5db, fox.txt
SCHUMER = (
    "“It’s very simple. If the Saudis were culpable, they should be held accountable. If they had"
    " nothing to do with 9/11, they have nothing to fear,” Schumer said.\n\n"
    "Lawmakers in both chambers needed to muster a two-thirds majority to override, and did so easily."
)
# 2011-550b80db, fox.txt: straight quote marks; the third quote is one sentence of its own.
BOZELL = (
    "Brent Bozell, head of the Media Research Center and ForAmerica, said he's not surprised by the"
    " magazine cover.\n\n"
    '"Both Time and Newsweek have been doing this to conservatives for years. It is sheer journalistic'
    ' dishonesty," Bozell told FoxNews.com. "But it is precisely because of this journalistic dishonesty'
    " that conservatives should steer away from these venues -- or at least demand some form of editorial"
    ' oversight given that these magazines simply cannot be trusted."'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SCHUMER, [["“It’s very simple.", "If the Saudis", "If they had"]]),
        (BOZELL, [['"Both Time and', "It is sheer"]]),
    ],
)
def test_a_quote_whose_last_piece_names_the_speaker(text, expected):
    assert openings(passages(text)) == expected


# --- continued into a new paragraph ------------------------------------------------------------

# 2010-97b1305c, fox.txt: the first paragraph ends unclosed, the next opens with a quote mark.
HENNESSY = (
    '"When you look at the crime and poverty and family breakdown of the African-American community ...'
    ' you see a half-century of failure by the NAACP," he wrote. "None of those persistent problems was'
    " caused by the Tea Party movement, yet the principles of the Tea Party are exactly what's needed to"
    " wind down the multigenerational destruction in the African-American community.\n\n"
    "\"The NAACP was once a vital weapon in the war against segregation and oppression. All that's left"
    ' is a bigoted and malicious shell that does far more harm than good for people who need a break,"'
    " he wrote.\n\n"
    "Fellow St. Louis Tea Party organizer Dana Loesch accused the NAACP of morphing into a political"
    " organization."
)
# 2015-2b9468af, nyt.txt: the continued paragraph is cut by its attribution.
RICE = (
    "Ms. Rice demurred when asked whether she believed Mr. Netanyahu was making the speech to gain"
    " political favor.\n\n"
    "“I’m not going to ascribe motives to the prime minister,” she told Mr. Rose. “The point is, we want"
    " the relationship between the United States and Israel to be unquestionably strong, immutable,"
    " regardless of political seasons in either country, regardless of which party may be in charge in"
    " either country.\n\n"
    "“We’ve worked very hard to have that,” she said, “and we will work very hard to maintain that.”"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HENNESSY, [['"None of those', '"The NAACP was', "All that's left"]]),
        (RICE, [["“The point is,", "“We’ve worked very"]]),
    ],
)
def test_a_quote_continued_into_a_new_paragraph_is_one_passage(text, expected):
    assert openings(passages(text)) == expected


# --- what is not a passage ---------------------------------------------------------------------


def test_a_one_sentence_quote_is_not_a_passage():
    # 2010-2b95d2cf, nyt.txt
    text = (
        "Mr. Steele, seeking to clarify his remarks, issued a statement on Friday afternoon, saying, “There"
        " is no question that America must win the war on terror.”\n\n"
        "His remarks were the latest in a string of controversial statements that he has made as party"
        " chairman."
    )
    assert passages(text) == []


def test_a_quotation_that_names_no_speaker_is_not_a_passage():
    # 2016-8385a996, nyt.txt: the answers of an interview; no speech verb near them.
    text = "Governor Pence? “Solid as a rock.”\n\nAnd Mr. Gingrich? “Newt is Newt. He’s a good guy.”"
    assert passages(text) == []


def test_two_speakers_in_a_row_are_two_passages():
    # 2016-8385a996, fox.txt
    text = (
        "Ginsburg’s comments also left Democratic lawmakers squirming.\n\n"
        "“We all know that the justices on the Supreme Court have political views. I’m not sure we’re well"
        " served by them airing them out in the open,” Sen. Chris Murphy, D-Conn., told Politico.\n\n"
        "“She may have got out over her skis a little bit and more forthright and political than she should"
        " have been. It’s very unusual,” Senate Minority Whip Dick Durbin, D-Ill., told the outlet."
    )
    assert openings(passages(text)) == [["“We all know", "I’m not sure"], ["“She may have", "It’s very unusual,”"]]


# --- the speaker in the sentence before --------------------------------------------------------


def test_a_quote_after_an_attributed_one_in_the_same_paragraph_takes_that_sentence():
    # 2010-2b95d2cf, fox.txt
    text = (
        "\"Chairman Steele needs to apologize to our military, all the men and women who've been fighting in"
        " Afghanistan,\" he said. \"This is America's war. It's not Obama's war.\"\n\n"
        "The GOP chairman is known for off-the-cuff and occasionally troublesome comments, but the"
        " Afghanistan remarks were too much to bear for some war-supporting Republicans."
    )
    assert openings(passages(text)) == [['"Chairman Steele needs', "\"This is America's", "It's not Obama's"]]


def test_a_speaker_going_on_in_the_same_paragraph_is_one_passage_and_the_next_paragraph_another():
    # 2010-6f95dcb9, fox.txt
    text = (
        '"What is this? A circus?" he said, drawing laughter. "America is not a clown show. America is an'
        ' idea that sets people free."\n\n'
        'Opening up about his troubled past, Beck told the crowd, "People need to understand that life is'
        ' not fair. The bad guy sometimes wins."'
    )
    assert openings(passages(text)) == [
        ['"What is this?', 'A circus?" he', '"America is not', "America is an"],
        ["Opening up about", "The bad guy"],
    ]


def test_a_sentence_ending_in_a_colon_introduces_the_quote_in_the_next_paragraph():
    # 2012-2ec04201, hpo.txt
    text = (
        "Two years prior, then-Senator Obama used virtually identical language to beat up on his general"
        " election opponent, Sen. John McCain (R-Ariz.):\n\n"
        '"How would your golden years turn out under John McCain? His health care plan would cut Medicare by'
        " $800 billion -- that means a 22 percent cut in benefits. Higher premiums and co-pays ... after a"
        " lifetime of work, senior's health care shouldn't be a gamble. John McCain's plan, it's not the"
        ' change we need."'
    )
    assert openings(passages(text)) == [
        ["Two years prior,", '"How would your', "His health care", "Higher premiums and", "John McCain's plan,"]
    ]


def test_the_sentence_before_is_not_taken_across_a_paragraph_break():
    # 2010-6b541575, fox.txt: the next paragraph quotes someone else, about the man who spoke.
    text = (
        "\"I've been spat at, pushed and threatened before but that's no excuse,\" he added, saying that the"
        ' incident occurred after a "long day."\n\n'
        "\"His conduct is unbecoming of a member of Congress. It's bad enough that he's joined Obama's assault"
        ' on North Carolina jobs, but his physical assault on a college student goes beyond the pale."\n\n'
        "Mike Flynn, a conservative blogger for biggovernment.com, wrote that the confrontation occurred last"
        " week outside a fundraiser headlined by House Speaker Nancy Pelosi."
    )
    assert passages(text) == []


# --- odd marks, runaways and hostile input -----------------------------------------------------


def test_a_straight_mark_at_the_start_of_a_word_opens_whatever_came_before():
    # 2011-3db93526, fox.txt: the closing mark is misplaced before the reporter's next sentence
    # (`wrong. "Perry`). Read as an opening mark inside the quotation, it drops what was read; it
    # never glues the reporter's sentence to the quote.
    text = (
        "In one emailed statement, Perry stated, \"just when you thought Barack Obama couldn't get any more"
        " out of touch with America's values, AP reports his administration wants to make foreign aid"
        " decisions based on gay rights. This administration's war on traditional American values must stop."
        " Investing tax dollars promoting a lifestyle many Americas of faith find so deeply objectionable is"
        ' wrong. "Perry is referring to a presidential memorandum released by the White House, in which Obama'
        ' has directed all agencies working abroad ensure U.S. diplomacy and aid programs "promote and'
        ' protect" the rights of gays and lesbians.\n\n'
        "Perry is a Methodist."
    )
    assert passages(text) == []


def test_a_closing_mark_alone_on_a_line_closes_the_quotation():
    # 2014-96b7046f, nyt.txt, two paragraphs, the first one's closing mark on a line of its own (as
    # a page's block quote leaves it): the splitter keeps no sentence there, the reader still sees it.
    text = (
        "Ms. Lauten wrote what she thought the daughters should have done: “Rise to the occasion. Act like"
        " being in the White House matters to you. Dress like you deserve respect, not a spot at a bar.\n”\n\n"
        "“As First Daughters, you can’t win,” Ms. Davis wrote. “And while there isn’t anything normal about"
        " the life you are living right now, you still can be.”"
    )
    assert openings(passages(text)) == [["Ms. Lauten wrote", "Act like being", "Dress like you"]]


def test_a_closing_mark_typeset_as_an_opening_one_still_closes():
    # 2013-a4f1d515, fox.txt: the passage ends in `organization.“`.
    text = (
        'Clapper also said the government was "prohibited from indiscriminately sifting through the telephony'
        " metadata acquired under the program.” All information acquired, he said, “is subject to strict,"
        " court-imposed restrictions on review and handling. The court only allows the data to be queried"
        " when there is a reasonable suspicion, based on specific facts, that the particular basis for the"
        " query is associated with a foreign terrorist organization.“\n\n"
        "Several hours earlier, a senior administration official also pushed back."
    )
    assert openings(passages(text)) == [["All information acquired,", "The court only"]]


def test_a_quote_left_open_ends_with_its_paragraph():
    # 2011-2058ec60, NYT.txt: the closing mark is missing; the next paragraph opens no quote.
    text = (
        "Mr. Boutrous said Mr. Sellers was trying to have it both ways.\n\n"
        "“The problem here, Mr. Sellers says, is that the records are not available,” Mr. Boutrous said."
        " “Then he says we’re going to have a proceeding where the district judge relies only on the records"
        " that he says are inadequate, to allow a reconstruction of the decision. That is not a process known"
        " to our jurisprudence. It doesn’t comport with due process.\n\n"
        "Several justices voiced concerns about how many companies could be subject to class-action suits if"
        " they allowed the case against Wal-Mart to go forward.\n\n"
        "“What if there is a large company?” he asked. “Then every business could be sued.”"
    )
    assert openings(passages(text)) == [["“The problem here,", "“Then he says", "That is not", "It doesn’t comport"]]


def test_an_opening_mark_inside_an_open_quote_drops_what_was_read_and_runs_no_further():
    # 2013-526cabb7, nyt.txt: the first quotation is never closed, the second one opens inside it.
    text = (
        "At a news conference on Monday, exactly one month after the school massacre in Newtown, Conn., Mr."
        " Obama said a task force led by Vice President Joseph R. Biden Jr. had “presented me now with a"
        " list of sensible, common-sense steps that can be taken to make sure that the kinds of violence we"
        " saw at Newtown doesn’t happen again. He added: “My starting point is not to worry about the"
        " politics. My starting point is to focus on what makes sense, what works.”\n\n"
        "The administration’s strategy reflects the uncertainty of gun politics in America."
    )
    assert passages(text) == []


def test_a_heading_with_an_open_quote_starts_no_passage():
    # 2010-2b95d2cf, fox.txt, its title with one quote mark left unclosed, then its body.
    title = "GOP Senators Keep Pressure on Steele Over “Inaccurate Afghanistan Comments"
    text = (
        '"We need a chairman who\'s focused," DeMint said.\n\n'
        'Speaking on ABC\'s "This Week," Sen. John McCain, R-Ariz., said Steele\'s comments were "wildly'
        ' inaccurate."'
    )
    assert passages(text, title=title) == []


# 2012-08bb9bee, fox.txt: a seven-sentence quotation over two paragraphs.
AKIN = (
    '"Rape is an evil act. I used the wrong words in the wrong way and for that I apologize," he said in the'
    ' ad. "As the father of two daughters, I want tough justice for predators. I have a compassionate heart'
    " for the victims of sexual assault. And I pray for them. The fact is, rape can lead to pregnancy. The"
    ' truth is, rape has many victims.\n\n"The mistake I made was in the words I said, not in the heart I'
    ' hold. I ask for your forgiveness," he said. The video was released after Akin canceled a scheduled'
    " television interview Monday night."
)


def test_a_long_quotation_counts_up_to_the_bound(monkeypatch):
    assert [len(p) for p in passages(AKIN)] == [2, 7]
    monkeypatch.setattr(quotes, "MAX_PASSAGE_SENTENCES", 6)
    assert openings(passages(AKIN)) == [['"Rape is an', "I used the"]], "a quote open past the bound is a runaway"


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        "“ ” “ ‘ ’ '",
        'He said "',
        # 2011-2153fb3e, fox.txt, with its closing marks removed: an unbalanced quote, then more quotes.
        "Carney said the particular reference by the president to God was made in the context of “inaction by"
        " the House of Representatives, which has spent time on issues like commemorative Hall-of-Fame"
        " baseball coins. So his point was simply that the House should get busy.\n\n"
        "\"What have you guys been debating, John? You've been debating a commemorative coin for baseball?"
        ' Obama said.\n\n"',
    ],
)
def test_odd_input_never_raises(text):
    sentences = (
        Sentence(0, "x", 0, 1),
        Sentence(1, "y", 5, 2),  # ends before it starts
        Sentence(2, "z", 3, 10_000),  # past the end of the text
        Sentence(2, "z", 0, 1),  # an index twice, and going back in the text
    )
    assert quoted_passages(text, sentences) == []
    assert quoted_passages(text, ()) == []
    if text.strip():
        found = passages(text)
        assert all(len(p) <= quotes.MAX_PASSAGE_SENTENCES for p in found)


def test_a_sentence_whose_offsets_do_not_fit_the_text_ends_a_passage():
    # SCHUMER (2016-1b96a5db) with its second sentence's span running past the end of the text.
    article = article_from_text(SCHUMER, title="Excerpt")
    assert len(quoted_passages(article.text, article.sentences)) == 1
    second = [s for s in article.sentences if s.kind == "content"][1]
    odd = [replace(s, end=len(article.text) + 5) if s is second else s for s in article.sentences]
    assert quoted_passages(article.text, odd) == []
