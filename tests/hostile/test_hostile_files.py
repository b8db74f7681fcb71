"""Hostile and broken files, read by the engine's reader directly (fast, no model).

Each bad file sits in a folder next to two good articles: the user gets one warning line
naming it and the cause, and the good articles are still read. Files that are odd but usable
(other encodings, line ends, huge lines, controls, markup) give a sensible article.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import shutil
import tracemalloc
from pathlib import Path

import pytest

from align.markdown import render_markdown
from align.models import Alignment, Claim, InputError, SentenceRef
from align.read import reader
from align.read.reader import load_corpus, read_article
from align.read.sanitize import is_safe_char
from align.read.segment import MAX_SENTENCE_CHARS

GOOD_A = "Putin Offers Iran Air Defense\n\nPutin said Russia offered Iran an air defense system.\n"
GOOD_B = "Iran Declines Offer\n\nIran did not show much interest in the offer, Putin said.\n"

# Terminal attacks an article can carry: CSI, OSC title and clipboard (OSC 52), DCS, 8-bit
# CSI, other C0/C1 controls, Trojan Source bidi overrides and isolates, zero-width characters.
ATTACKS = (
    "Colour \x1b[31mred\x1b[0m and clear \x1b[2J screen.\n"
    "Title \x1b]0;pwned\x07 and clipboard \x1b]52;c;cm0gLXJmIH4K\x07 here.\n"
    "Device \x1bP+q544e\x1b\\ query and 8-bit \x9b6n report.\n"
    "Bell \x07 backspace \x08 null-free C1 \x85 next \x90 line.\n"
    "Trojan \u202eevil\u202c and \u2066isolate\u2069 text.\n"
    "Hidden\u200bzero\u200cwidth\u2060joiners\ufeffhere.\n"
)
MARKUP = "Markup [bold red]x[/] and [@click=app.quit]quit[/] and [link=file:///etc/passwd]y[/link].\n"


def _good_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD_A, encoding="utf-8")
    (folder / "b_good.txt").write_text(GOOD_B, encoding="utf-8")
    return folder


def _read_with_warnings(folder: Path) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    articles = load_corpus(folder, warn=warnings.append)
    return [a.id for a in articles], warnings


def _make_unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 for a normal user; root reads anything, so make open() refuse instead."""
    if os.geteuid() != 0:
        path.chmod(0)
        return
    import builtins

    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)


# name, how to create it in the folder, the cause the user reads
BAD_FILES = [
    ("c_empty.txt", lambda p: p.write_bytes(b""), "empty file"),
    ("c_blank.txt", lambda p: p.write_bytes(b"  \r\n\t \n\n"), "empty or whitespace-only file"),
    ("c_nul.txt", lambda p: p.write_bytes(b"Iran\x00declined\x00"), "binary file (NUL bytes), not text"),
    ("c_png.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64)), "binary file (PNG image), not text"),
    ("c_jpeg.md", lambda p: p.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF"), "binary file (JPEG image), not text"),
    ("c_loop.txt", lambda p: os.symlink(p.name, p), "symbolic link loop"),
    ("c_broken.txt", lambda p: os.symlink("gone.txt", p), "broken symbolic link"),
    ("c_dir.txt", lambda p: p.mkdir(), "is a folder, not an article file"),
    ("c_fifo.txt", lambda p: os.mkfifo(p), "not a regular file"),
    (
        "c_dots.txt",
        lambda p: p.write_text("…\n—————\n", encoding="utf-8"),
        "no sentences found (only punctuation or symbols)",
    ),
]


@pytest.mark.parametrize(("name", "make", "cause"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_among_good_ones_is_skipped_with_one_line(tmp_path: Path, name, make, cause) -> None:
    folder = _good_folder(tmp_path)
    make(folder / name)
    ids, warnings = _read_with_warnings(folder)
    assert ids == ["a_good", "b_good"]
    assert warnings == [f"{folder / name}: {cause} (skipped)"]


def test_an_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _good_folder(tmp_path)
    locked = folder / "c_locked.txt"
    locked.write_text(GOOD_A, encoding="utf-8")
    _make_unreadable(locked, monkeypatch)
    ids, warnings = _read_with_warnings(folder)
    assert ids == ["a_good", "b_good"]
    assert warnings == [f"{locked}: permission denied (cannot read the file) (skipped)"]


def test_a_50_mb_article_is_refused_from_stat_without_reading_it(tmp_path: Path) -> None:
    folder = _good_folder(tmp_path)
    huge = folder / "c_huge.txt"
    with open(huge, "wb") as handle:
        chunk = b"Putin said Russia offered Iran help. " * 28_000  # ~1 MB of real text
        for _ in range(50):
            handle.write(chunk)
    load_corpus(folder, warn=lambda message: None)  # warm-up: imports and tables
    tracemalloc.start()
    try:
        ids, warnings = _read_with_warnings(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ids == ["a_good", "b_good"]
    size_mb = huge.stat().st_size / (1024 * 1024)
    assert size_mb > 49
    assert warnings == [f"{huge}: too large ({size_mb:.1f} MB; the limit is 5.0 MB per article) (skipped)"]
    assert peak < 5 * 1024 * 1024  # the 50 MB were never loaded


def test_an_article_just_under_the_size_limit_is_read(tmp_path: Path) -> None:
    # Long sentences, so the sentence limit does not trigger first.
    line = "Putin said that Russia offered Iran help with air defense " * 12 + "today.\n"
    lines = reader.MAX_ARTICLE_BYTES // len(line)
    path = tmp_path / "big.txt"
    path.write_text(line * lines, encoding="utf-8")
    assert path.stat().st_size > reader.MAX_ARTICLE_BYTES - len(line)
    article = read_article(path)
    assert len(article.sentences) == lines
    assert article.sentences[-1].text == line.strip()


def test_ten_thousand_tiny_articles_are_refused_with_the_limit(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(10_000):
        (folder / f"{n:05}.txt").write_bytes(b"Iran declined.\n")
    with pytest.raises(InputError) as caught:
        load_corpus(folder)
    assert str(caught.value) == f"{folder}: 10,000 article files; the limit is {reader.MAX_ARTICLES:,}"


def test_a_one_megabyte_line_without_punctuation_becomes_bounded_chunks(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text("defense " * 131_072, encoding="utf-8")  # 1 MB, one line
    article = read_article(path)
    assert 1_000 <= len(article.sentences) <= 1_100
    assert max(len(s.text) for s in article.sentences) <= MAX_SENTENCE_CHARS
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


def test_a_folder_vanishing_mid_run_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _good_folder(tmp_path)
    (folder / "c_third.txt").write_text(GOOD_A, encoding="utf-8")
    real_read = reader.read_article

    def read_then_delete(path):  # type: ignore[no-untyped-def]
        article = real_read(path)
        shutil.rmtree(folder)  # another program removes the folder after the first file
        return article

    monkeypatch.setattr(reader, "read_article", read_then_delete)
    warnings: list[str] = []
    with pytest.raises(InputError) as caught:
        load_corpus(folder, warn=warnings.append)
    assert str(caught.value) == f"{folder}: folder vanished while reading"
    assert warnings == [
        f"{folder / 'b_good.txt'}: no such file or folder (skipped)",
        f"{folder / 'c_third.txt'}: no such file or folder (skipped)",
    ]


def test_a_folder_that_is_gone_or_empty_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"gone: no such file or folder$"):
        load_corpus(tmp_path / "gone")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match=r"no article files .* in this folder$"):
        load_corpus(tmp_path)


@pytest.mark.parametrize(
    ("encode", "label"),
    [
        (lambda t: t.encode("utf-8"), "UTF-8"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "UTF-8 BOM"),
        (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "UTF-16 BOM"),
        (lambda t: t.encode("utf-16-le"), "UTF-16 LE no BOM"),
        (lambda t: t.encode("utf-16-be"), "UTF-16 BE no BOM"),
        (lambda t: t.encode("cp1252"), "CP1252"),
        (lambda t: t.replace("\n", "\r\n").encode("utf-8"), "CRLF"),
        (lambda t: t.replace("\n", "\r").encode("utf-8"), "lone CR"),
    ],
)
def test_every_encoding_and_line_end_gives_the_same_sentences(tmp_path: Path, encode, label) -> None:
    text = "Putin’s “Offer” to Iran\n\nIran declined — officials said €5 billion was at stake. Mr. Putin agreed.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(encode(text))
    article = read_article(path)
    assert [s.text for s in article.sentences] == [
        "Putin’s “Offer” to Iran",
        "Iran declined — officials said €5 billion was at stake.",
        "Mr. Putin agreed.",
    ], label
    assert article.title == "Putin’s “Offer” to Iran"
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


def test_invalid_utf8_bytes_become_visible_replacements(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("Iran’s “reply” came.".encode() + b" Then \xc3\x28 and \xff broke.\n")
    article = read_article(path)
    assert article.text == "Iran’s “reply” came. Then \ufffd( and \ufffd broke.\n"


def test_escape_sequences_and_hidden_characters_never_reach_the_article(tmp_path: Path) -> None:
    path = tmp_path / "attack.txt"
    path.write_text(ATTACKS, encoding="utf-8")
    article = read_article(path)
    assert len(article.text) == len(ATTACKS.replace("\r\n", "  "))
    for piece in [article.text, article.title, *(s.text for s in article.sentences)]:
        assert all(is_safe_char(c) for c in piece)
    joined = " ".join(s.text for s in article.sentences)
    assert "␛[31mred␛[0m" in joined and "␛]52;c;cm0gLXJmIH4K␇" in joined
    assert "Trojan \ufffdevil\ufffd and \ufffdisolate\ufffd text." in joined


def test_rich_markup_in_an_article_is_kept_as_literal_text(tmp_path: Path) -> None:
    path = tmp_path / "markup.txt"
    path.write_text(MARKUP, encoding="utf-8")
    article = read_article(path)
    assert [s.text for s in article.sentences] == [MARKUP.strip()]


def test_duplicate_articles_and_same_titles_stay_apart(tmp_path: Path) -> None:
    folder = _good_folder(tmp_path)
    (folder / "c_copy.txt").write_text(GOOD_A, encoding="utf-8")
    (folder / "d_same_title.txt").write_text(
        "Putin Offers Iran Air Defense\n\nMoscow repeated its offer on Friday.\n", encoding="utf-8"
    )
    warnings: list[str] = []
    articles = load_corpus(folder, warn=warnings.append)
    assert [a.id for a in articles] == ["a_good", "b_good", "c_copy", "d_same_title"]
    assert warnings == [f"{folder / 'c_copy.txt'}: same text as {folder / 'a_good.txt'} (both kept)"]
    # In the report, each of the three same-titled articles is attributed unambiguously: by its
    # outlet (here from the file name), and by outlet and id when two share an outlet.
    claims = tuple(Claim(n, "unsupported", (SentenceRef(a.id, len(a.sentences) - 1),)) for n, a in enumerate(articles))
    report = render_markdown(Alignment(tuple(articles), claims))
    for outlet in ("a good", "c copy", "d same title"):
        assert f"Only in **{outlet}**:" in report
    same_outlet = tuple(dataclasses.replace(a, outlet="wire") for a in articles)
    report = render_markdown(Alignment(same_outlet, claims))
    for article_id in ("a\\_good", "c\\_copy", "d\\_same\\_title"):
        assert f"Only in **wire \\[{article_id}\\]**:" in report


def test_non_article_files_are_ignored_and_counted(tmp_path: Path) -> None:
    folder = _good_folder(tmp_path)
    for name in ("image.png", "data.json", "README", ".hidden.swp"):
        (folder / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    ids, warnings = _read_with_warnings(folder)
    assert ids == ["a_good", "b_good"]
    assert warnings == [f"{folder}: ignored 4 file(s) that are not .txt, .md, .html, .htm"]


def test_hostile_html_is_reduced_to_safe_text(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Iran \x1b]0;pwned\x07 Story</title>"
        "<script>location='http://evil'</script></head><body><article>"
        "<p>Putin said Russia offered Iran an air defense system, officials said on Friday.</p>"
        "<p>Iran <b>did not</b> show much interest [bold]x[/] in the offer, he said.</p>"
        "<iframe src='http://evil'></iframe></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    article = read_article(path)
    assert all(is_safe_char(c) for c in article.text + article.title)
    assert "evil" not in article.text and "<" not in article.text
    assert "Iran did not show much interest [bold]x[/] in the offer, he said." in [s.text for s in article.sentences]
