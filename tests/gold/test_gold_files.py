"""The gold standard's files are valid and point at real sentences (benchmarks/gold.py --check)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import gold

FILES = sorted(gold.GOLD.glob("*.toml"))


def test_the_gold_has_both_halves_and_enough_cases():
    stories = [gold.load(path) for path in FILES]
    basil = [s for s in stories if s.corpus == "basil-triplets"]
    assert len(basil) >= 12 and any(s.corpus == "seeds" for s in stories)
    assert {s.split for s in stories} == {"fit", "report"}
    assert sum(len(s.cases) for s in stories) >= 400
    kinds = {case.kind for s in stories for case in s.cases}
    assert kinds >= {"same", "apart", "only", "keep", "furniture"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_snippet_is_found_exactly_once_in_its_article(path: Path, dataset):
    story = gold.load(path)
    if story.corpus != "seeds":
        dataset(story.corpus)  # the BASIL stories are read where they lie, never copied here
    assert gold.check_snippets(story) == []


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "story.toml"
    header = 'story = "2014-33521e65"\ncorpus = "basil-triplets"\nsplit = "fit"\n[outlets]\nfox = "fox.txt"\nnyt = "nyt.txt"\n'
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '[[same]]\na = { outlet = "fox", text = "federal prosecutors plan" }\nb = { outlet = "nyt", text = "expected to be indicted" }\nrelations = ["exaggeration"]\nwhy = "x"\n',
            "stronger side",
        ),
        (
            '[[same]]\na = { outlet = "fox", text = "federal prosecutors plan" }\nb = { outlet = "fox", text = "expected to be indicted" }\nrelations = ["paraphrase"]\nwhy = "x"\n',
            "two different outlets",
        ),
        ('[[only]]\nat = { outlet = "cnn", text = "federal prosecutors plan" }\nwhy = "x"\n', "unknown outlet"),
        ('[[keep]]\nat = { outlet = "fox", text = "federal prosecutors plan" }\n', "says why"),
        (
            '[[apart]]\na = { outlet = "fox", text = "federal prosecutors plan" }\nb = { outlet = "nyt", text = "expected to be indicted" }\nrelations = ["paraphrase"]\nwhy = "x"\n',
            "only `same`",
        ),
    ],
)
def test_a_malformed_case_is_refused_naming_it(tmp_path, body, message):
    with pytest.raises(gold.GoldError, match=message):
        gold.load(write(tmp_path, body))


def test_a_snippet_that_is_not_in_the_article_is_reported(tmp_path):
    path = tmp_path / "seeds.toml"
    path.write_text(
        'story = "seeds"\ncorpus = "seeds"\nsplit = "fit"\n[outlets]\ns000 = "000_76827a9a52152322.txt"\n'
        '[[only]]\nat = { outlet = "s000", text = "words that no article contains" }\nwhy = "x"\n'
        '[[only]]\nat = { outlet = "s000", text = "Putin Claims Iran Lacks Interest in Air Defense Aid" }\nwhy = "x"\n',
        encoding="utf-8",
    )
    problems = gold.check_snippets(gold.load(path))
    assert len(problems) == 1 and "found 0 times" in problems[0] and "no article contains" in problems[0]


def test_each_kind_of_case_is_scored_against_an_alignment(tmp_path):
    """A hand-built alignment of two tiny articles: what holds and what does not."""
    from align import load_corpus
    from align.models import Alignment, Claim, Pair, SentenceRef

    (tmp_path / "fox.txt").write_text(
        "Council bans cars downtown\n\nThe vote was 7 to 2 on Tuesday.\n\nSubscribe to our newsletter now.\n"
    )
    (tmp_path / "nyt.txt").write_text(
        "Cars banned from downtown\n\nThe council voted 7-2 on Tuesday evening.\n\nShops fear the ban.\n"
    )
    story = gold.Story(tmp_path / "t.toml", "t", "basil-triplets", "fit", {"fox": "fox.txt", "nyt": "nyt.txt"})
    articles = load_corpus([str(tmp_path / "fox.txt"), str(tmp_path / "nyt.txt")])
    fox, nyt = (a.id for a in articles)
    s = {a.id: {x.text[:12]: x.index for x in a.sentences} for a in articles}
    head = Pair.of(
        SentenceRef(fox, s[fox]["Council bans"]), SentenceRef(nyt, s[nyt]["Cars banned "]), "exaggeration", 0.8, "a"
    )
    vote = Pair.of(
        SentenceRef(fox, s[fox]["The vote was"]), SentenceRef(nyt, s[nyt]["The council "]), "paraphrase", 0.9
    )
    claims = (
        Claim(0, "exaggeration", (head.a, head.b), (head,)),
        Claim(1, "paraphrase", (vote.a, vote.b), (vote,)),
        Claim(2, "unsupported", (SentenceRef(nyt, s[nyt]["Shops fear t"]),)),
    )
    result = Alignment(tuple(articles), claims)
    spot = gold.Spot

    def case(kind, *spots, relations=(), stronger=None):
        return gold.Case(kind, 1, tuple(spots), tuple(relations), stronger, "why")

    story.cases = [
        case(
            "same",
            spot("fox", "Council bans cars"),
            spot("nyt", "Cars banned from"),
            relations=["exaggeration"],
            stronger="a",
        ),
        case(
            "same",
            spot("fox", "Council bans cars"),
            spot("nyt", "Cars banned from"),
            relations=["exaggeration"],
            stronger="b",
        ),
        case("same", spot("fox", "The vote was 7 to 2"), spot("nyt", "voted 7-2 on Tuesday"), relations=["agreement"]),
        case("same", spot("fox", "The vote was 7 to 2"), spot("nyt", "Shops fear the ban"), relations=["paraphrase"]),
        case("apart", spot("fox", "The vote was 7 to 2"), spot("nyt", "Shops fear the ban")),
        case("apart", spot("fox", "The vote was 7 to 2"), spot("nyt", "voted 7-2 on Tuesday")),
        case("only", spot("nyt", "Shops fear the ban")),
        case("only", spot("fox", "The vote was 7 to 2")),
        case("keep", spot("nyt", "Shops fear the ban")),
    ]
    outcomes = gold.score(story, result)
    assert [o.holds for o in outcomes] == [True, False, False, False, True, False, True, False, True]
    assert [o.paired for o in outcomes[:4]] == [True, True, True, False]
