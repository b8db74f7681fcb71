"""Reading a corpus: which files, how they decode, what the user is told when one is bad."""

from __future__ import annotations

import builtins
import codecs
import os
from pathlib import Path

import pytest

from align.models import InputError
from align.read import reader
from align.read.reader import load_corpus, read_article

STORY = (
    "Putin Offers Iran Air Defense\n\n"
    "Russian President Vladimir Putin said in St. Petersburg that Russia offered Iran an air "
    "defense system. Iran did not show much interest.\n"
)
OTHER = "Iran Declines\n\nIran declined the Russian offer, officials in Tehran said on Friday.\n"


def write(path: Path, text: str | bytes, encoding: str = "utf-8") -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write(tmp_path / "b_tass.txt", STORY)
    write(tmp_path / "a_irna.md", OTHER)
    return tmp_path


def test_folder_articles_are_read_in_name_order_with_ids_paths_titles(corpus: Path) -> None:
    articles = load_corpus(corpus)
    assert [a.id for a in articles] == ["a_irna", "b_tass"]
    assert [a.path for a in articles] == [str(corpus / "a_irna.md"), str(corpus / "b_tass.txt")]
    assert [a.title for a in articles] == ["Iran Declines", "Putin Offers Iran Air Defense"]
    tass = articles[1]
    assert tass.text == STORY
    assert [s.text for s in tass.sentences][1] == (
        "Russian President Vladimir Putin said in St. Petersburg that Russia offered Iran an air defense system."
    )
    assert all(tass.text[s.start : s.end] == s.text for s in tass.sentences)


def test_other_files_and_subfolders_are_ignored_with_one_warning(corpus: Path) -> None:
    write(corpus / "notes.docx", b"PK\x03\x04junk")
    write(corpus / "photo.jpg", b"\xff\xd8\xff\xe0junk")
    (corpus / "sub").mkdir()
    write(corpus / "sub" / "c.txt", STORY)
    warnings: list[str] = []
    articles = load_corpus(corpus, warn=warnings.append)
    assert [a.id for a in articles] == ["a_irna", "b_tass"]
    assert warnings == [f"{corpus}: ignored 2 file(s) that are not .txt, .md, .html, .htm"]


def test_files_named_one_by_one_are_taken_as_given(tmp_path: Path) -> None:
    first = write(tmp_path / "first.article", STORY)
    second = write(tmp_path / "second.text", OTHER)
    assert [a.id for a in load_corpus([second, str(first)])] == ["second", "first"]


def test_clashing_file_names_get_distinct_ids(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", STORY)
    write(tmp_path / "story.md", OTHER)
    other = tmp_path / "elsewhere"
    other.mkdir()
    write(other / "story.html", "<html><body><p>" + OTHER + "</p></body></html>")
    ids = [a.id for a in load_corpus([tmp_path, other])]
    assert ids == ["story", "story-2", "story-3"]


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), "UTF-8 with BOM"),
        (codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), "UTF-16 LE with BOM"),
        (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "UTF-16 BE with BOM"),
        (STORY.encode("utf-16-le"), "UTF-16 LE without BOM"),
        (STORY.encode("utf-16-be"), "UTF-16 BE without BOM"),
    ],
)
def test_unicode_encodings_decode_to_the_same_text(tmp_path: Path, raw: bytes, label: str) -> None:
    article = read_article(write(tmp_path / "a.txt", raw))
    assert article.text == STORY, label


def test_cp1252_text_keeps_its_curly_quotes_and_euro_sign(tmp_path: Path) -> None:
    text = "Putin’s “offer” cost €5 million — naïve.\n"
    article = read_article(write(tmp_path / "a.txt", text, "cp1252"))
    assert article.text == text


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "a.txt", b"Caf\xe9 owners \x81 agreed.\n"))
    # 0x81 is a C1 control in Latin-1: it must arrive as a visible placeholder.
    assert article.text == "Café owners \ufffd agreed.\n"


def test_mostly_utf8_with_a_broken_byte_stays_utf8(tmp_path: Path) -> None:
    raw = "Putin’s “offer” — naïve.".encode() + b" bad \xff byte.\n"
    article = read_article(write(tmp_path / "a.txt", raw))
    assert article.text == "Putin’s “offer” — naïve. bad \ufffd byte.\n"


def test_crlf_and_lone_cr_line_ends_split_lines_and_keep_offsets(tmp_path: Path) -> None:
    raw = b"Title Here\r\n\r\nFirst line ends here.\rSecond line.\r\n"
    article = read_article(write(tmp_path / "a.txt", raw))
    assert article.text == "Title Here \n \nFirst line ends here.\nSecond line. \n"
    assert [s.text for s in article.sentences] == ["Title Here", "First line ends here.", "Second line."]
    assert article.title == "Title Here"


def test_html_is_reduced_to_its_text_and_titled_from_metadata(tmp_path: Path) -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Putin &amp; Iran</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Putin &amp; Iran</h1>"
        "<p>Russian President Vladimir Putin said Russia offered Iran an air defense system. "
        "Iran did not show much interest, he told reporters on Friday.</p>"
        "<script>document.title='x'</script></article></body></html>"
    )
    article = read_article(write(tmp_path / "page.htm", html))
    assert article.title == "Putin & Iran"
    assert "<" not in article.text and "document.title" not in article.text
    assert "Iran did not show much interest, he told reporters on Friday." in [s.text for s in article.sentences]


def test_an_html_document_saved_as_txt_is_recognised(tmp_path: Path) -> None:
    html = "<html><body><p>Iran declined the Russian offer, officials said.</p></body></html>"
    article = read_article(write(tmp_path / "saved.txt", "\n  " + html))
    assert article.text.strip() == "Iran declined the Russian offer, officials said."


def test_title_falls_back_to_the_id_without_a_heading(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "tass-2025.txt", "Putin spoke. Iran declined.\n"))
    assert article.title == "tass-2025"


@pytest.mark.parametrize(
    ("name", "raw", "cause"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n  \n", "empty or whitespace-only file"),
        ("nul.txt", b"Putin spoke\x00 to\x00\x00 reporters.", "binary file (NUL bytes), not text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image), not text"),
        ("doc.txt", b"%PDF-1.7\n", "binary file (PDF document), not text"),
        ("noise.txt", bytes(range(1, 32)) * 20, "binary file (control bytes), not text"),
        ("rule.txt", "—————\n* * *\n".encode(), "no sentences found (only punctuation or symbols)"),
    ],
)
def test_unusable_files_get_a_one_line_error_naming_them(tmp_path: Path, name: str, raw: bytes, cause: str) -> None:
    path = write(tmp_path / name, raw)
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert str(caught.value) == f"{path}: {cause}"


def test_missing_path_folder_and_fifo_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file or folder$"):
        load_corpus(tmp_path / "nope.txt")
    with pytest.raises(InputError, match=r": is a folder, not an article file$"):
        read_article(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file$"):
        read_article(tmp_path / "pipe.txt")


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: no 6 MB written to disk
        handle.truncate(reader.MAX_ARTICLE_BYTES + 1)
    with pytest.raises(
        InputError, match=r"big\.txt: too large \(5,242,881 bytes; the limit is 5,242,880 bytes per article\)"
    ):
        read_article(big)


def test_too_many_sentences_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_SENTENCES", 3)
    path = write(tmp_path / "long.txt", "One here.\nTwo here.\nThree here.\nFour here.\n")
    with pytest.raises(InputError, match=r"long\.txt: too many sentences \(more than 3 sentences; the limit\)"):
        read_article(path)


def test_symlink_loop_and_broken_link_are_named(tmp_path: Path) -> None:
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("missing.txt", tmp_path / "broken.txt")
    with pytest.raises(InputError, match=r"loop\.txt: symbolic link loop$"):
        read_article(tmp_path / "loop.txt")
    with pytest.raises(InputError, match=r"broken\.txt: broken symbolic link$"):
        read_article(tmp_path / "broken.txt")


def test_a_symlink_to_an_article_in_the_folder_is_followed(corpus: Path) -> None:
    # (A link leading out of the folder is skipped: tests/hostile/test_reader_faults.py.)
    (corpus / "sub").mkdir()
    target = write(corpus / "sub" / "real.md", "Moscow Condemns Strikes\n\nMoscow condemned the strikes.\n")
    os.symlink(target, corpus / "c_link.txt")
    assert [a.title for a in load_corpus(corpus)][-1] == "Moscow Condemns Strikes"


def _deny_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make `path` unreadable: chmod for a normal user; root ignores modes, so simulate it."""
    if os.geteuid() != 0:
        path.chmod(0)
        return
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)


def test_unreadable_file_in_a_folder_is_skipped_with_a_warning(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(corpus / "c_locked.txt", STORY)
    _deny_reading(monkeypatch, locked)
    warnings: list[str] = []
    articles = load_corpus(corpus, warn=warnings.append)
    assert [a.id for a in articles] == ["a_irna", "b_tass"]
    assert warnings == [f"{locked}: permission denied (cannot read the file) (skipped)"]


def test_bad_files_among_good_ones_are_skipped_and_reading_goes_on(corpus: Path) -> None:
    write(corpus / "0_empty.txt", b"")
    write(corpus / "z_image.md", b"GIF89a\x01\x00")
    os.symlink("loop.txt", corpus / "loop.txt")
    warnings: list[str] = []
    articles = load_corpus(corpus, warn=warnings.append)
    assert [a.id for a in articles] == ["a_irna", "b_tass"]
    assert warnings == [
        f"{corpus / '0_empty.txt'}: empty file (skipped)",
        f"{corpus / 'loop.txt'}: symbolic link loop (skipped)",
        f"{corpus / 'z_image.md'}: binary file (GIF image), not text (skipped)",
    ]


def test_fewer_than_two_articles_is_an_error_naming_the_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no article files \(\.txt, \.md, \.html, \.htm\) in this folder$"):
        load_corpus(tmp_path)
    write(tmp_path / "only.txt", STORY)
    with pytest.raises(InputError) as caught:
        load_corpus(tmp_path)
    assert str(caught.value) == f"{tmp_path}: only one readable article; at least two are needed to compare"
    write(tmp_path / "bad.txt", b"")
    with pytest.raises(InputError, match=r"only one readable article \(1 skipped\)"):
        load_corpus(tmp_path, warn=lambda message: None)


def test_too_many_article_files_are_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_ARTICLES", 3)
    for n in range(4):
        write(tmp_path / f"{n}.txt", b"\x00")  # never read: the count alone refuses the folder
    with pytest.raises(InputError) as caught:
        load_corpus(tmp_path)
    assert str(caught.value) == f"{tmp_path}: 4 article files; the limit is 3"


def test_duplicate_articles_are_kept_with_a_warning(corpus: Path) -> None:
    write(corpus / "c_copy.txt", STORY)
    warnings: list[str] = []
    articles = load_corpus(corpus, warn=warnings.append)
    assert [a.id for a in articles] == ["a_irna", "b_tass", "c_copy"]
    assert warnings == [f"{corpus / 'c_copy.txt'}: same text as {corpus / 'b_tass.txt'} (both kept)"]


def test_control_characters_in_file_names_never_reach_messages(tmp_path: Path) -> None:
    path = write(tmp_path / "evil\x1b]0;pwned\x07\nname.txt", b"")
    with pytest.raises(InputError) as caught:
        read_article(path)
    message = str(caught.value)
    assert "\x1b" not in message and "\x07" not in message and "\n" not in message
    assert "evil␛]0;pwned␇␤name.txt: empty file" in message


def test_seed_corpus_reads_with_exact_offsets(seeds_dir: Path) -> None:
    articles = load_corpus(seeds_dir)
    assert len(articles) == 5
    for article in articles:
        assert article.sentences
        for index, s in enumerate(article.sentences):
            assert s.index == index and article.text[s.start : s.end] == s.text


def test_a_file_named_twice_is_read_once(corpus: Path) -> None:
    warnings: list[str] = []
    tass = corpus / "b_tass.txt"
    articles = load_corpus([corpus, tass, str(tass)], warn=warnings.append)
    assert [a.id for a in articles] == ["a_irna", "b_tass"]
    assert warnings == [f"{tass}: named more than once (read once)"] * 2
    with pytest.raises(InputError, match="only one readable article"):
        load_corpus([tass, tass], warn=warnings.append)


def test_html_in_a_declared_legacy_charset_is_decoded_as_declared(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1251"><title>Путин и Иран</title></head><body>'
        "<p>Путин заявил, что Россия предлагала Ирану проекты противовоздушной обороны.</p>"
        "</body></html>"
    )
    article = read_article(write(tmp_path / "ria.html", html, "cp1251"))
    assert article.title == "Путин и Иран"
    assert "Путин заявил, что Россия предлагала Ирану проекты противовоздушной обороны." in article.text
