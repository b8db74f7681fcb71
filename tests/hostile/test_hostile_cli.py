"""The `compare` command against hostile input, as a user runs it: a real subprocess.

Errors: exit code 2, exactly one line on stderr naming the file and the cause, no traceback,
nothing on stdout. Output: no byte that could drive the terminal, in JSON, Markdown or stderr.
Only one test loads the model; the rest fail before alignment starts.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from align.read.sanitize import is_safe_char

GOOD_A = (
    "Putin Offers Iran Air Defense\n\n"
    "Russian President Vladimir Putin said Russia offered Iran projects to build an air defense system.\n"
    "He said Iran did not show much interest in the projects.\n"
)
GOOD_B = (
    "Iran Rejects Russian Missile Defense\n\n"
    "Putin said Moscow offered Tehran joint missile defense projects, but Iran declined.\n"
    "Iran has not asked Russia for military assistance, Putin said.\n"
)
# Bytes that would act on a terminal if echoed: ESC, BEL, 8-bit CSI/OSC/DCS, bidi controls.
_TERMINAL_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def run_compare(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("COMPARE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )


def assert_one_line_error(
    result: subprocess.CompletedProcess[bytes], *expected: str, after_warnings: bool = False
) -> str:
    """Exit 2, nothing on stdout, and the error is one line (after any skip warnings)."""
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert result.stdout == b""
    assert "Traceback" not in stderr
    assert stderr.endswith("\n"), stderr
    *warnings, error = stderr.splitlines()
    assert all(line.startswith("compare: warning: ") for line in warnings)
    assert after_warnings or not warnings, stderr
    assert error.startswith("compare: error: ")
    for part in expected:
        assert part in error
    assert not _TERMINAL_CONTROL.search(result.stderr.replace(b"\n", b""))
    return error


def _good(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD_B, encoding="utf-8")
    return folder


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


# Each case builds its input in tmp_path and returns (arguments, parts the error must name).
def case_missing_path(tmp: Path):
    return [tmp / "nowhere"], ["nowhere: no such file or folder"]


def case_empty_folder(tmp: Path):
    (tmp / "empty").mkdir()
    return [tmp / "empty"], ["empty: no article files"]


def case_folder_with_one_article(tmp: Path):
    folder = tmp / "one"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_A, encoding="utf-8")
    return [folder], ["one: only one readable article; at least two are needed"]


def case_empty_file(tmp: Path):
    folder = _good(tmp / "c")
    (folder / "empty.txt").write_bytes(b"")
    return [folder / "a.txt", folder / "empty.txt"], ["empty.txt: empty file"]


def case_whitespace_file(tmp: Path):
    folder = _good(tmp / "c")
    (folder / "blank.md").write_bytes(b"\r\n   \t\n")
    return [folder / "a.txt", folder / "blank.md"], ["blank.md: empty or whitespace-only file"]


def case_png_renamed(tmp: Path):
    folder = _good(tmp / "c")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    return [folder / "photo.txt", folder / "a.txt"], ["photo.txt: binary file (PNG image), not text"]


def case_nul_bytes(tmp: Path):
    folder = _good(tmp / "c")
    (folder / "nul.txt").write_bytes(b"Iran\x00 declined\x00\x00 the offer.\x00")
    return [folder / "a.txt", folder / "nul.txt"], ["nul.txt: binary file (NUL bytes), not text"]


def case_symlink_loop(tmp: Path):
    folder = _good(tmp / "c")
    os.symlink("loop.txt", folder / "loop.txt")
    return [folder / "a.txt", folder / "loop.txt"], ["loop.txt: symbolic link loop"]


def case_50_mb_article(tmp: Path):
    folder = _good(tmp / "c")
    _sparse(folder / "huge.txt", 50 * 1024 * 1024)
    return [folder / "a.txt", folder / "huge.txt"], ["huge.txt: too large (50.0 MB; the limit is 5.0 MB per article)"]


def case_ten_thousand_articles(tmp: Path):
    folder = tmp / "many"
    folder.mkdir()
    for n in range(10_000):
        (folder / f"{n:05}.txt").write_bytes(b"Iran declined.\n")
    return [folder], ["many: 10,000 article files; the limit is 2,000"]


def case_hostile_file_name(tmp: Path):
    folder = _good(tmp / "c")
    (folder / "evil\x1b]0;pwned\x07.txt").write_bytes(b"")
    return [folder / "a.txt", folder / "evil\x1b]0;pwned\x07.txt"], ["evil␛]0;pwned␇.txt: empty file"]


CASES = [
    case_missing_path,
    case_empty_folder,
    case_folder_with_one_article,
    case_empty_file,
    case_whitespace_file,
    case_png_renamed,
    case_nul_bytes,
    case_symlink_loop,
    case_50_mb_article,
    case_ten_thousand_articles,
    case_hostile_file_name,
]


# Every case in both headless modes, except the slow-to-build 10,000 files (--json only).
MODES = [
    pytest.param(build, mode, id=f"{mode[2:]}-{build.__name__.removeprefix('case_')}")
    for mode in ("--json", "--markdown")
    for build in CASES
    if not (mode == "--markdown" and build is case_ten_thousand_articles)
]


@pytest.mark.parametrize(("build", "mode"), MODES)
def test_bad_input_gets_one_line_naming_the_file(tmp_path: Path, build, mode: str) -> None:
    args, expected = build(tmp_path)
    extra = ["--json"] if mode == "--json" else ["--markdown", tmp_path / "report.md"]
    result = run_compare(*args, *extra, cwd=tmp_path)
    assert_one_line_error(result, *expected)
    assert not (tmp_path / "report.md").exists()  # nothing half-written


def test_existing_markdown_file_is_refused_before_any_work(tmp_path: Path) -> None:
    folder = _good(tmp_path / "c")
    report = tmp_path / "notes.md"
    report.write_text("my notes\n", encoding="utf-8")
    result = run_compare(folder, "--markdown", report, cwd=tmp_path)
    assert_one_line_error(result, "notes.md: already exists (use --force to overwrite)")
    assert report.read_text(encoding="utf-8") == "my notes\n"


def _hostile_corpus(folder: Path) -> None:
    """Three usable articles full of tricks, in three encodings, plus three broken files."""
    folder.mkdir()
    (folder / "a_escapes.txt").write_bytes(
        (
            "Putin Offers Iran Air Defense \x1b]0;pwned\x07\r\n\r\n"
            "Russian President Vladimir Putin said Russia offered Iran projects to build an air "
            "defense system.\x1b[2J\x1b]52;c;cm0gLXJmIH4K\x07\r\n"
            "He said Iran did not show \u202emuch\u202c interest\u200b in the \x9b6n projects.\r\n"
            "[bold red]Click[/] [@click=app.quit]here[/] [link=file:///etc/passwd]now[/link]\r\n"
            "# Injected heading ![img](http://evil/x.png) <script>alert(1)</script>\r\n"
            "Injected text ![img](http://evil/x.png) <script>alert(1)</script> was in the ministry's statement.\r\n"
        ).encode("utf-8")
    )
    (folder / "b_utf16.txt").write_bytes(GOOD_B.encode("utf-16-le"))
    (folder / "c_cp1252.txt").write_bytes(
        "Putin’s “Offer” Declined\r\rIran declined Russia’s offer of air defense projects, Putin said.\r".encode(
            "cp1252"
        )
    )
    (folder / "d_empty.txt").write_bytes(b"")
    (folder / "e_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    os.symlink("f_loop.md", folder / "f_loop.md")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")


def test_a_hostile_corpus_gives_safe_json_and_markdown(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    _hostile_corpus(folder)

    result = run_compare(folder, "--json", cwd=tmp_path)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert not _TERMINAL_CONTROL.search(result.stdout.replace(b"\n", b""))
    assert not _TERMINAL_CONTROL.search(result.stderr.replace(b"\n", b""))
    # One warning line per skipped file, naming it; the ignored PDF is counted.
    warnings = [line for line in stderr.splitlines() if line.startswith("compare: warning: ")]
    assert any(f"{folder / 'd_empty.txt'}: empty file (skipped)" in w for w in warnings)
    assert any(f"{folder / 'e_image.txt'}: binary file (PNG image), not text (skipped)" in w for w in warnings)
    assert any(f"{folder / 'f_loop.md'}: symbolic link loop (skipped)" in w for w in warnings)
    assert any("ignored 1 file(s)" in w for w in warnings)

    document = json.loads(result.stdout)
    articles = {a["id"]: a for a in document["articles"]}
    assert sorted(articles) == ["a_escapes", "b_utf16", "c_cp1252"]
    assert articles["a_escapes"]["title"] == "Putin Offers Iran Air Defense ␛]0;pwned␇"
    assert articles["c_cp1252"]["title"] == "Putin’s “Offer” Declined"
    texts = [s["text"] for a in articles.values() for s in a["sentences"]]
    assert all(is_safe_char(c) for text in texts for c in text)
    assert "[bold red]Click[/] [@click=app.quit]here[/] [link=file:///etc/passwd]now[/link]" in texts
    covered = {(m["article"], m["sentence"]) for c in document["claims"] for m in c["members"]}
    # Nothing is lost: every sentence is set aside as boilerplate, is a section heading (which
    # organises its article and states no claim), or belongs to a claim.
    for article_id, article in articles.items():
        for s in article["sentences"]:
            in_claim = (article_id, s["index"]) in covered
            assert in_claim == (s["kind"] == "content" or s["text"] == article["title"]), s

    report = tmp_path / "report.md"
    written = run_compare(folder, "--markdown", report, cwd=tmp_path)
    assert written.returncode == 0, written.stderr.decode()
    body = report.read_bytes()
    assert not _TERMINAL_CONTROL.search(body.replace(b"\n", b""))
    markdown = body.decode("utf-8")
    assert "\\[bold red\\]Click\\[/\\]" in markdown
    assert "&lt;script&gt;" in markdown and "<script>" not in markdown
    assert "Injected text !\\[img\\](http://evil/x.png)" in markdown
    tokens = MarkdownIt("commonmark").parse(markdown)
    assert not {t.type for t in tokens} & {"html_block", "code_block", "fence"}
    inline = {c.type for t in tokens for c in (t.children or [])}
    assert not inline & {"html_inline", "image", "link_open", "code_inline"}
    # Every heading is one of the report's own; none comes from article text.
    titles = {a["title"] for a in articles.values()}  # the appendix has one per article
    own = re.compile(
        r"Comparison of \d+ articles|Articles|Claims by label|Appendix: boilerplate set aside"
        r"|(Contradictions|Exaggerations|Paraphrases|Agreements|Unsupported additions) \(\d+\)"
        r"|Claim \d+: .*"
    )
    headings = [
        "".join(c.content for c in tokens[i + 1].children) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert headings and all(own.fullmatch(h) or h in titles for h in headings), headings

    again = run_compare(folder, "--markdown", report, cwd=tmp_path)
    assert_one_line_error(again, "report.md: already exists (use --force to overwrite)", after_warnings=True)
    assert report.read_bytes() == body
    forced = run_compare(folder, "--markdown", report, "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile", "report.md"]  # no temp files
