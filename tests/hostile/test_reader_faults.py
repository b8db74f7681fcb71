"""Faults in what the reader takes in (issue 14): symbolic links that lead out of a folder,
HTML decoded or rendered unlike a browser would, inputs that are small but costly (too many
HTML elements, Markdown full of code and tables), and a size error that hides the difference.

No model and no network: pages "fetched" here come from a stand-in for `fetch.fetch_page`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from align import pipeline
from align.models import Article, InputError
from align.read import boilerplate, fetch, reader
from align.read.reader import load_corpus, read_article, read_page
from tests.hostile.test_hostile_files import GOOD_A, _good_folder

SECRET = "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"


def _read_with_warnings(paths: Path | Sequence[Path | str]) -> tuple[list[Article], list[str]]:
    warnings: list[str] = []
    articles = load_corpus(paths, warn=warnings.append)
    return articles, warnings


# --- symbolic links -------------------------------------------------------------------------


def test_a_symlink_leading_out_of_the_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    """A shared corpus with `notes.txt -> ~/.aws/credentials` must not pull the secret in."""
    folder = _good_folder(tmp_path)
    secrets = tmp_path / "home" / ".aws"
    secrets.mkdir(parents=True)
    (secrets / "credentials").write_text(SECRET, encoding="utf-8")
    os.symlink(secrets / "credentials", folder / "notes.txt")
    os.symlink(os.path.relpath(secrets / "credentials", folder), folder / "relative.md")
    os.symlink(secrets, folder / "drafts.txt")  # a folder outside, named like an article
    articles, warnings = _read_with_warnings(folder)
    assert [a.id for a in articles] == ["a_good", "b_good"]
    real = os.path.realpath(secrets / "credentials")
    assert warnings == [
        f"{folder / 'drafts.txt'}: symbolic link to {os.path.realpath(secrets)}, outside the folder (skipped)",
        f"{folder / 'notes.txt'}: symbolic link to {real}, outside the folder (skipped)",
        f"{folder / 'relative.md'}: symbolic link to {real}, outside the folder (skipped)",
    ]
    assert not any("wJalrXUtnFEMI" in a.text for a in articles)


def test_a_symlink_out_of_the_folder_counts_as_skipped_when_too_few_remain(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD_A, encoding="utf-8")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    with pytest.raises(InputError) as caught:
        load_corpus(folder, warn=lambda message: None)
    assert str(caught.value) == f"{folder}: only one readable article (1 skipped); at least two are needed to compare"


def test_symlinks_that_stay_inside_the_folder_are_followed(tmp_path: Path) -> None:
    real_folder = _good_folder(tmp_path)
    (real_folder / "archive").mkdir()
    (real_folder / "archive" / "tass.txt").write_text(
        "Moscow Condemns Strikes\n\nMoscow condemned the strikes.\n", encoding="utf-8"
    )
    os.symlink("archive/tass.txt", real_folder / "c_tass.txt")
    # The folder named on the command line may itself be reached through a link.
    named = tmp_path / "shortcut"
    os.symlink(real_folder, named)
    articles, warnings = _read_with_warnings(named)
    assert [a.title for a in articles] == [
        "Putin Offers Iran Air Defense",
        "Iran Declines Offer",
        "Moscow Condemns Strikes",
    ]
    assert warnings == []


def test_a_symlink_named_on_the_command_line_is_read_as_given(tmp_path: Path) -> None:
    folder = _good_folder(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "real.txt").write_text("Moscow Condemns Strikes\n\nMoscow condemned the strikes.\n", encoding="utf-8")
    link = folder / "c_link.txt"
    os.symlink(elsewhere / "real.txt", link)
    articles, warnings = _read_with_warnings([folder / "a_good.txt", link])
    assert [a.title for a in articles] == ["Putin Offers Iran Air Defense", "Moscow Condemns Strikes"]
    assert warnings == []


# --- the size error -------------------------------------------------------------------------


def test_a_file_one_byte_over_the_limit_says_so_in_bytes(tmp_path: Path) -> None:
    folder = _good_folder(tmp_path)
    big = folder / "c_big.txt"
    with open(big, "wb") as handle:
        handle.truncate(reader.MAX_ARTICLE_BYTES + 1)  # sparse: refused from stat alone
    _, warnings = _read_with_warnings(folder)
    assert warnings == [f"{big}: too large (5,242,881 bytes; the limit is 5,242,880 bytes per article) (skipped)"]


def test_a_file_well_over_the_limit_says_so_in_megabytes(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(12 * 1024 * 1024)
    with pytest.raises(InputError) as caught:
        read_article(big)
    assert str(caught.value) == f"{big}: too large (12.0 MB; the limit is 5.0 MB per article)"


# --- decoding HTML as a browser does --------------------------------------------------------


def _page(head: str, body: str) -> str:
    return f"<!doctype html><html><head>{head}<title>Grain Deal Extended</title></head><body><article>{body}</article></body></html>"


FIRST = "Ministers from both countries agreed on Friday to extend the grain deal by four months."
SECOND = "Officials said the first ships would leave Odesa on Monday morning."
PROSE = f"<p>{FIRST}</p><p>{SECOND}</p>"


def _sentences(article: Article) -> list[str]:
    return [s.text for s in article.sentences]


def test_a_page_declaring_utf7_is_not_decoded_as_utf7(tmp_path: Path) -> None:
    # "+AGQ-" is "d" in UTF-7: a page must not be able to spell text the browser never shows.
    html = _page('<meta charset="utf-7">', PROSE + "<p>The café owner said the deal was +AGQ-one by noon.</p>")
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp1252"))  # one byte that is not UTF-8 ("é")
    article = read_article(path)
    assert "The café owner said the deal was +AGQ-one by noon." in _sentences(article)


def test_a_page_declaring_utf16_in_a_meta_tag_is_read_as_utf8(tmp_path: Path) -> None:
    # A meta tag read in ASCII cannot be UTF-16: browsers take UTF-8 (WHATWG prescan).
    html = _page('<meta http-equiv="Content-Type" content="text/html; charset=UTF-16">', PROSE)
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("ascii") + b"<p>A stray \xff byte.</p>")
    article = read_article(path)
    assert SECOND in _sentences(article)


@pytest.mark.parametrize("label", ["iso-8859-1", "latin1", "ascii", "US-ASCII"])
def test_latin1_and_ascii_labels_mean_windows_1252(tmp_path: Path, label: str) -> None:
    html = _page(f'<meta charset="{label}">', PROSE + "<p>He called it \u201ca fair deal\u201d \u2014 and left.</p>")
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp1252"))
    article = read_article(path)
    assert "He called it \u201ca fair deal\u201d \u2014 and left." in _sentences(article)


def _serve(monkeypatch: pytest.MonkeyPatch, body: bytes, content_type: str) -> None:
    """Stand in for the network: every URL serves `body` with `content_type`."""

    def fetch_page(url: str, *, cache: fetch.PageCache | None = None, **_: object) -> fetch.Page:
        return fetch.Page(url, url, content_type, body)

    monkeypatch.setattr(fetch, "fetch_page", fetch_page)


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("utf-7", "cp1252"), ("latin1", "cp1252"), ("x-unknown-label", "cp1252"), ("windows-1251", "cp1251")],
)
def test_the_http_charset_is_read_through_the_label_table(
    monkeypatch: pytest.MonkeyPatch, charset: str, encoding: str
) -> None:
    text = "He called it \u201ca fair deal\u201d, +AGQ-one by noon."
    if encoding == "cp1251":
        text = "Министр назвал это \u201cчестной сделкой\u201d."
    _serve(monkeypatch, _page("", PROSE + f"<p>{text}</p>").encode(encoding), f"text/html; charset={charset}")
    article = read_page("http://127.0.0.1:9/grain")
    assert text in _sentences(article)


def test_a_page_in_an_encoding_browsers_refuse_is_refused_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ISO-2022-KR and its kin can hide text behind escape sequences; browsers decode none of it.
    path = tmp_path / "page.html"
    path.write_bytes(_page('<meta charset="ISO-2022-KR">', PROSE).encode("ascii") + b"<p>\xa1\xa1</p>")
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert str(caught.value) == f"{path}: declares the charset iso-2022-kr, which browsers refuse to decode"
    _serve(monkeypatch, _page("", PROSE).encode("ascii"), "text/html; charset=hz-gb-2312")
    with pytest.raises(InputError) as caught:
        read_page("http://127.0.0.1:9/grain")
    assert (
        str(caught.value)
        == "http://127.0.0.1:9/grain: declares the charset hz-gb-2312, which browsers refuse to decode"
    )


def test_content_browsers_never_render_never_becomes_a_sentence(tmp_path: Path) -> None:
    hidden = (
        "<template><p>Template sentence that only a script could ever put on the page.</p></template>"
        "<noscript><p>Please enable JavaScript to read the comments on this story.</p></noscript>"
        "<style>p::before { content: 'Styled sentence that is not article text at all.' }</style>"
        "<script>document.write('Scripted sentence that is not in the article either.')</script>"
        '<input type="HIDDEN" name="token" value="Hidden input sentence never shown.">'
    )
    # A declarative shadow root is rendered; so is a `hidden` element a streaming page reveals.
    shown = (
        '<template shadowrootmode="open"><p>Shadow root sentence that the browser shows.</p></template>'
        '<div hidden id="S:0"><p>Streamed sentence that a script reveals at once.</p></div>'
    )
    path = tmp_path / "page.html"
    path.write_text(_page("", f"<p>{FIRST}</p>{hidden}{shown}<p>{SECOND}</p>"), encoding="utf-8")
    article = read_article(path)
    assert _sentences(article) == [
        FIRST,
        "Shadow root sentence that the browser shows.",
        "Streamed sentence that a script reveals at once.",
        SECOND,
    ]
    for word in ("Template", "JavaScript", "Styled", "Scripted", "Hidden input"):
        assert word not in article.text


# --- inputs far below the limits that cost minutes ------------------------------------------


def test_html_with_too_many_elements_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "many.html"
    paragraphs = "".join(f"<p>Paragraph {n}.</p>\n" for n in range(200_000))
    path.write_text(_page("", paragraphs), encoding="utf-8")
    assert path.stat().st_size < reader.MAX_ARTICLE_BYTES
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert str(caught.value) == f"{path}: too many HTML elements (more than 50,000; the limit)"


def test_a_fetched_page_with_too_many_elements_is_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(reader, "MAX_HTML_ELEMENTS", 100)
    _serve(monkeypatch, _page("", "<p>x</p>" * 150).encode("ascii"), "text/html")
    folder = _good_folder(tmp_path)
    articles, warnings = _read_with_warnings([folder, "http://127.0.0.1:9/many"])
    assert [a.id for a in articles] == ["a_good", "b_good"]
    assert warnings == ["http://127.0.0.1:9/many: too many HTML elements (more than 100; the limit) (skipped)"]


INTRO = (
    "# Ministers Agree to Extend the Grain Deal\n\n"
    "Ministers from both countries agreed on Friday to extend the grain deal by four months.\n\n"
)
OUTRO = "\nOfficials said the first ships would leave Odesa on Monday morning.\n"


def _code_and_tables_markdown(rows: int, code_lines: int) -> tuple[str, set[str], set[str]]:
    """A Markdown article with a table of `rows` rows and `code_lines` lines of code (half
    fenced, half indented), and the texts of its table and code lines that hold words."""
    table = ["| Port | Tonnes shipped | Share |", "| --- | ---: | ---: |"]
    table += [f"| Odesa berth {n} | {1000 + n:,} | {n % 100}.5% |" for n in range(rows - 2)]
    fenced = [f"total_{n} = sum(ship.tonnes for ship in fleet if ship.berth == {n})" for n in range(code_lines // 2)]
    indented = [f"print('berth {n}:', shipped(berth={n}), 'tonnes so far.')" for n in range(code_lines - len(fenced))]
    text = (
        INTRO
        + "\n".join(table)
        + "\n\nThe ministry published the figures below.\n\n```python\n"
        + "\n".join(fenced)
        + "\n```\n\nAnd the script that counts them:\n\n"
        + "\n".join("    " + line for line in indented)
        + "\n"
        + OUTRO
    )
    # The delimiter row and the closing fence have no words, hence no sentence to mark.
    return text, set(table) - {table[1]}, {*fenced, *indented, "```python"}


def test_code_blocks_and_table_rows_in_markdown_are_set_aside(tmp_path: Path) -> None:
    text, table, code = _code_and_tables_markdown(rows=1_500, code_lines=1_500)
    path = tmp_path / "grain.md"
    path.write_text(text, encoding="utf-8")
    assert 150_000 < path.stat().st_size < 170_000
    article = boilerplate.mark_structural(read_article(path))
    lines = text.split("\n")
    reasons: dict[str, set[str]] = {}
    for s in article.sentences:
        line = lines[article.text.count("\n", 0, s.start)]
        reasons.setdefault(line.strip(), set()).add(s.reason)
    assert {line: reasons[line] for line in table} == {line: {"table row"} for line in table}
    assert {line: reasons[line] for line in code} == {line: {"code block"} for line in code}
    prose = [s for s in article.sentences if s.alignable]
    assert [s.text for s in prose] == [
        "Ministers Agree to Extend the Grain Deal",
        "Ministers from both countries agreed on Friday to extend the grain deal by four months.",
        "The ministry published the figures below.",
        "And the script that counts them:",
        "Officials said the first ships would leave Odesa on Monday morning.",
    ]


class HashEncoder:
    """An `align.model.embed.Encoder` without a model: a fixed pseudo-random unit vector per text."""

    model_id = "hash-encoder"

    def encode(self, texts: Sequence[str], progress: object = None) -> np.ndarray:
        rows = [
            np.random.default_rng(int(hashlib.sha256(t.encode()).hexdigest()[:8], 16)).normal(size=16) for t in texts
        ]
        matrix = np.asarray(rows, dtype=np.float32).reshape(len(texts), 16)
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


def test_a_markdown_article_full_of_code_and_tables_aligns_without_them(tmp_path: Path) -> None:
    text, _, _ = _code_and_tables_markdown(rows=1_500, code_lines=1_500)
    (tmp_path / "grain.md").write_text(text, encoding="utf-8")
    (tmp_path / "wire.txt").write_text(
        "Grain Deal Extended\n\nThe two countries agreed on Friday to extend the grain deal by four months.\n",
        encoding="utf-8",
    )
    articles = load_corpus(tmp_path)
    result = pipeline.align(articles, embedder=HashEncoder(), use_cache=False)
    by_id = {a.id: a for a in result.articles}
    members = [by_id[ref.article].sentences[ref.sentence] for claim in result.claims for ref in claim.members]
    assert members and all(s.alignable for s in members)
    grain = by_id["grain"]
    assert sum(1 for s in grain.sentences if s.reason in ("code block", "table row")) >= 3_000


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # Plain text indents paragraphs (seeds/ does): only Markdown reads an indent as code.
        (
            "indented.txt",
            "Grain Deal\n\n    Ministers agreed on Friday to extend the deal.\n\n    Ships leave on Monday.\n",
        ),
        # A list item's indented paragraph is part of the item.
        ("list.md", "# Grain Deal\n\n- Ministers agreed on Friday.\n\n    Ships leave on Monday.\n"),
        # A lone "~~~" divider opens no code block that would swallow the rest of the article.
        ("divider.txt", "Grain Deal\n\nMinisters agreed on Friday.\n~~~\nShips leave on Monday.\n"),
        # A line that merely contains a bar is prose.
        ("bar.md", "# Grain Deal\n\nMinisters agreed | diplomats said on Friday.\n\nShips leave on Monday.\n"),
    ],
)
def test_prose_that_resembles_code_or_tables_stays_prose(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = boilerplate.mark_structural(read_article(path))
    assert [s.reason for s in article.sentences] == [""] * len(article.sentences)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A table whose rows omit the outer bars is known by its delimiter row.
        ("Port | Tonnes\n--- | ---\nOdesa | 1,200\nProse again.", ["table row"] * 3 + [""]),
        ("~~~\nships = 4\n~~~\nProse.", ["code block"] * 3 + [""]),
        # A longer fence holds a shorter one; "```a``` b" is inline code, not a fence.
        ("````\n```\nships = 4\n````\n```a``` b", ["code block"] * 4 + [""]),
        ("```python\nships = 4\nno closing fence", ["", "", ""]),
    ],
)
def test_code_fences_and_tables_are_read_as_markdown_reads_them(text: str, expected: list[str]) -> None:
    assert boilerplate.markup_reasons(text, markdown=False) == expected
