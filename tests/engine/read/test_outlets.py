"""Outlets named everywhere: from the page's site name, the file name or the user; and a plain
text article's first line is its headline whatever its case (issue 13)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from align.markdown import render_markdown
from align.models import Alignment, Claim, InputError, Pair, SentenceRef
from align.read.reader import load_corpus, outlet_from_file_name, read_article
from tui.cli import name_outlets

# Excerpts of a BASIL dev story (2010-2b95d2cf): each outlet's headline and lead.
FOX = (
    "GOP Senators Keep Pressure on Steele Over 'Inaccurate' Afghanistan Comment\n\n"
    "Republican senators kept up the pressure on party chairman Michael Steele on Sunday.\n"
)
# A headline in sentence case, ending with a full stop: still the title.
NYT = (
    "Michael Steele criticized for Afghanistan comments.\n\n"
    "The chairman of the Republican National Committee was criticized on Friday for remarks about Afghanistan.\n"
)


@pytest.mark.parametrize(
    ("stem", "outlet"),
    [
        ("fox", "fox"),
        ("02_nytimes", "nytimes"),
        ("3-hpo", "hpo"),
        ("bbc_news", "bbc news"),
        ("000_76827a9a52152322", ""),  # a hash names no outlet
        ("2016-01-02", ""),  # nor a date
        ("12", ""),
    ],
)
def test_the_outlet_comes_from_the_file_name(stem: str, outlet: str) -> None:
    assert outlet_from_file_name(stem) == outlet


def test_a_sentence_case_first_line_is_the_title(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path / "nyt.txt", NYT))
    assert article.title == "Michael Steele criticized for Afghanistan comments."
    assert article.sentences[0].kind == "heading"
    assert article.outlet == "nyt"
    assert article.name == "nyt · Michael Steele criticized for Afghanistan comments."


def test_a_long_first_paragraph_is_no_title(tmp_path: Path) -> None:
    lead = "The chairman of the party was criticized on Friday. " * 4
    article = read_article(_write(tmp_path / "wire.txt", lead + "\n\nMore text follows here.\n"))
    assert article.sentences[0].kind == "content"
    assert article.title == "wire"


def test_the_site_name_of_a_page_is_its_outlet(tmp_path: Path) -> None:
    page = (
        "<!doctype html><html><head><title>Steele criticized</title>"
        '<meta property="og:site_name" content="The Daily Planet"></head><body><article>'
        "<h1>Steele criticized</h1><p>The chairman of the Republican National Committee was criticized on "
        "Friday for remarks about the war in Afghanistan, senators said.</p>"
        "<p>He said the remarks had been misunderstood by reporters and by his own party.</p>"
        "</article></body></html>"
    )
    article = read_article(_write(tmp_path / "03_page.html", page))
    assert article.outlet == "The Daily Planet"


def test_a_page_s_publication_date_reaches_the_json_and_the_report(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2010-07-03T10:00:00Z">'
    body = (
        "<article><p>The chairman of the Republican National Committee was criticized on Friday for "
        "remarks about the war in Afghanistan, senators said.</p></article>"
    )
    dated = read_article(_write(tmp_path / "nyt.html", f"<html><head>{head}</head><body>{body}</body></html>"))
    undated = read_article(_write(tmp_path / "fox.txt", FOX))
    assert (dated.date, undated.date) == ("2010-07-03", "")
    a, b = SentenceRef("nyt", 0), SentenceRef("fox", 1)
    alignment = Alignment((dated, undated), (Claim(0, "paraphrase", (a, b), (Pair.of(a, b, "paraphrase", 0.8),)),))
    document = json.loads(alignment.to_json())
    assert [item["date"] for item in document["articles"]] == ["2010-07-03", None]
    assert Alignment.from_dict(document).articles[0].date == "2010-07-03"
    assert "(" + str(tmp_path / "nyt.html").replace("_", "\\_") + ", 2010-07-03)" in render_markdown(alignment)


def test_the_json_and_the_report_name_the_outlets(tmp_path: Path) -> None:
    _write(tmp_path / "fox.txt", FOX)
    _write(tmp_path / "nyt.txt", NYT)
    fox, nyt = load_corpus(tmp_path)
    a, b = SentenceRef("fox", 1), SentenceRef("nyt", 1)
    claim = Claim(0, "paraphrase", (a, b), (Pair.of(a, b, "paraphrase", 0.8),))
    alignment = Alignment((fox, nyt), (claim,))
    document = json.loads(alignment.to_json())
    assert [item["outlet"] for item in document["articles"]] == ["fox", "nyt"]
    assert Alignment.from_dict(document).articles[1].outlet == "nyt"
    report = render_markdown(alignment)
    assert "1. **fox · GOP Senators Keep Pressure on Steele Over 'Inaccurate' Afghanistan Comment**" in report
    assert "> **fox:** “Republican senators kept up" in report
    assert "> **nyt:** “The chairman of the Republican" in report


def test_the_user_names_an_outlet(tmp_path: Path) -> None:
    articles = load_corpus([_write(tmp_path / "fox.txt", FOX), _write(tmp_path / "2.txt", NYT)])
    assert articles[1].outlet == ""
    named = name_outlets(articles, [f"{tmp_path / '2.txt'}=The New York Times", "fox=Fox News"])
    assert [a.outlet for a in named] == ["Fox News", "The New York Times"]
    with pytest.raises(InputError, match="no article read from elsewhere.txt"):
        name_outlets(articles, ["elsewhere.txt=X"])
    with pytest.raises(InputError, match="expected PATH=NAME"):
        name_outlets(articles, ["fox"])
    with pytest.raises(InputError, match="expected PATH=NAME"):
        name_outlets(articles, ["fox="])


def test_a_url_with_a_query_can_be_named(tmp_path: Path) -> None:
    url = "https://www.example.com/story?id=7&page=2"
    fox, page = load_corpus([_write(tmp_path / "fox.txt", FOX), _write(tmp_path / "2.txt", NYT)])
    articles = [fox, dataclasses.replace(page, path=url, id="example.com-story")]
    named = name_outlets(articles, [f"{url}=Wire = Daily"])
    assert [a.outlet for a in named] == ["fox", "Wire = Daily"]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
