"""A small hand-built Alignment: 3 articles, 9 claims covering every relation, unsupported
additions, boilerplate, and article text full of markup that must stay literal."""

from __future__ import annotations

from align.models import Alignment, Article, Claim, Pair, Sentence, SentenceRef

MARKUP_TITLE = "Daily Planet [bold]exclusive[/]"
MARKUP_HEADLINE = "SHOCKING: Council [bold]bans[/] cars downtown!"
CLICK_TEXT = "Subscribe to our newsletter [@click=app.quit]now[/]!"
LINK_TEXT = "Shops fear losing customers [link=file:///etc/passwd]x[/]."

ARTICLES = {
    "a_planet": (
        MARKUP_TITLE,
        [
            (MARKUP_HEADLINE, "heading", ""),
            ("The city council voted on Tuesday to close three downtown streets to cars.", "content", ""),
            ("The ban takes effect in March.", "content", ""),
            (CLICK_TEXT, "boilerplate", "promotion"),
            ("Mayor Lee said the plan will cut traffic by 30 percent.", "content", ""),
            (LINK_TEXT, "content", ""),
            ("The vote passed 7 to 2.", "content", ""),
        ],
    ),
    "b_ledger": (
        "Morning Ledger",
        [
            ("Council limits traffic on three streets", "heading", ""),
            ("The city council voted on Tuesday to close three downtown streets to cars.", "content", ""),
            ("The ban takes effect in June.", "content", ""),
            ("Cyclists welcomed the decision.", "content", ""),
            ("Share this article", "boilerplate", "share link"),
            ("The vote passed 7 to 2.", "content", ""),
            ("Some business owners raised concerns.", "content", ""),
        ],
    ),
    "c_post": (
        "Evening Post",
        [
            ("Councillors agreed on Tuesday to shut three central streets to traffic.", "content", ""),
            ("Residents were divided \U0001f6b2 about the \u200fmove.", "content", ""),
            ("Lee expects traffic to fall by about a third.", "content", ""),
            ("Critics call the plan a total disaster for business.", "content", ""),
        ],
    ),
}


def _article(article_id: str, title: str, rows: list[tuple[str, str, str]]) -> Article:
    sentences, text = [], ""
    for index, (sentence, kind, reason) in enumerate(rows):
        if text:
            text += "\n\n"
        start = len(text)
        text += sentence
        sentences.append(Sentence(index, sentence, start, len(text), kind, reason))  # type: ignore[arg-type]
    return Article(article_id, f"fixture/{article_id}.txt", title, text, tuple(sentences))


def r(article: str, sentence: int) -> SentenceRef:
    return SentenceRef(article, sentence)


def _claims() -> tuple[Claim, ...]:
    a, b, c = "a_planet", "b_ledger", "c_post"
    return (
        Claim(
            0,
            "exaggeration",
            (r(a, 0), r(b, 0)),
            (Pair.of(r(a, 0), r(b, 0), "exaggeration", 0.71, "a", ('cue "SHOCKING"', 'cue "bans" vs "limits"')),),
        ),
        Claim(
            1,
            "paraphrase",
            (r(a, 1), r(b, 1), r(c, 0)),
            (
                Pair.of(r(a, 1), r(b, 1), "agreement", 1.0),
                Pair.of(r(a, 1), r(c, 0), "paraphrase", 0.83, None, ('"voted" ~ "agreed"',)),
                Pair.of(r(b, 1), r(c, 0), "paraphrase", 0.83, None, ('"voted" ~ "agreed"',)),
            ),
        ),
        Claim(
            2,
            "contradiction",
            (r(a, 2), r(b, 2)),
            (Pair.of(r(a, 2), r(b, 2), "contradiction", 0.9, None, ('date "March" vs "June"',)),),
        ),
        Claim(
            3,
            "paraphrase",
            (r(a, 4), r(c, 2)),
            (Pair.of(r(a, 4), r(c, 2), "paraphrase", 0.77, None, ('number "30 percent" ~ "a third"',)),),
        ),
        Claim(4, "unsupported", (r(a, 5),)),
        Claim(5, "unsupported", (r(b, 3),)),
        Claim(6, "unsupported", (r(c, 1),)),
        Claim(
            7,
            "exaggeration",
            (r(c, 3), r(b, 6)),
            (Pair.of(r(c, 3), r(b, 6), "exaggeration", 0.62, "a", ('cue "total disaster"',)),),
        ),
        Claim(8, "agreement", (r(a, 6), r(b, 5)), (Pair.of(r(a, 6), r(b, 5), "agreement", 1.0),)),
    )


def fixture_alignment() -> Alignment:
    articles = tuple(_article(aid, title, rows) for aid, (title, rows) in ARTICLES.items())
    return Alignment(articles, _claims())
