"""The Markdown report: structure a journalist can read, text that cannot inject Markdown,
and files that land whole or not at all."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from align.markdown import escape_markdown, render_markdown
from align.models import Alignment, Article, Claim, Pair, Sentence, SentenceRef
from align.store.atomic_file import write_atomic

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")

HOSTILE = (
    "# Owned\n- item\n[click](javascript:alert(1)) ![x](http://evil/img.png) "
    "<img src=x onerror=alert(1)> `code` | a | b |\n|---|---|\n**bold** ~~gone~~ \x1b]52;c;aGk=\x07"
)


def _sentence(index: int, text: str, start: int, kind: str = "content", reason: str = "") -> Sentence:
    return Sentence(index, text, start, start + len(text), kind, reason)  # type: ignore[arg-type]


def _article(article_id: str, title: str, texts: list[tuple[str, str, str]]) -> Article:
    sentences, offset = [], 0
    for index, (text, kind, reason) in enumerate(texts):
        sentences.append(_sentence(index, text, offset, kind, reason))
        offset += len(text) + 1
    return Article(article_id, f"news/{article_id}.txt", title, "\n".join(t for t, _, _ in texts), tuple(sentences))


@pytest.fixture
def alignment() -> Alignment:
    a = _article(
        "tass",
        "TASS report",
        [
            ("Putin said Iran did not show much interest.", "content", ""),
            ("The pact does not encompass any clauses related to defense.", "content", ""),
            ("Leave a Reply", "boilerplate", "comment form"),
        ],
    )
    b = _article(
        "tabloid",
        "Daily Shock",
        [
            ("Iran Rejects Joint Missile Defense", "content", ""),
            ("The treaty also encompasses a defense pact.", "content", ""),
            (HOSTILE, "content", ""),
        ],
    )
    exaggeration = Pair.of(
        SentenceRef("tabloid", 0),
        SentenceRef("tass", 0),
        "exaggeration",
        0.71,
        "a",
        ("cue: “Rejects” for “did not show much interest”",),
    )
    contradiction = Pair.of(
        SentenceRef("tass", 1),
        SentenceRef("tabloid", 1),
        "contradiction",
        0.64,
        None,
        ("negation: “does not encompass” vs “also encompasses”",),
    )
    claims = (
        Claim(0, "exaggeration", (exaggeration.a, exaggeration.b), (exaggeration,)),
        Claim(1, "contradiction", (contradiction.a, contradiction.b), (contradiction,)),
        Claim(2, "unsupported", (SentenceRef("tabloid", 2),)),
    )
    return Alignment((a, b), claims)


def _tokens(markdown: str) -> list:
    return MD.parse(markdown)


def _inline_types(markdown: str) -> set[str]:
    return {child.type for tok in _tokens(markdown) for child in (tok.children or [])}


def test_escaped_hostile_text_renders_as_literal_text() -> None:
    escaped = escape_markdown(HOSTILE)
    tokens = _tokens(escaped)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children
    assert [c.type for c in children] == ["text"]
    # The ESC and BEL of the OSC 52 clipboard sequence arrive as visible control pictures.
    assert "\x1b" not in escaped and "\x07" not in escaped and "␛" in escaped
    assert children[0].content == " ".join(HOSTILE.replace("\x1b", "␛").replace("\x07", "␇").split("\n"))


@pytest.mark.parametrize(
    "text",
    [
        "# heading",
        "1. first",
        "3) third",
        "- bullet",
        "+ plus",
        "* star",
        "---",
        "===",
        "> quote",
        "<div>html</div>",
        "    indented code",
        "```fence",
        "~~~fence",
        "[ref]: http://x",
        "|a|b|",
    ],
)
def test_block_markers_at_line_start_stay_text(text: str) -> None:
    tokens = _tokens(escape_markdown(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert tokens[1].children[0].content == text.strip()


def test_newlines_inside_text_cannot_break_out_of_a_quote() -> None:
    escaped = escape_markdown("first line\n\n## injected heading\n> nested")
    assert "\n" not in escaped
    rendered = MD.render(f"> “{escaped}”")
    assert "<h2>" not in rendered and rendered.count("<blockquote>") == 1


def test_report_lists_articles_counts_and_every_claim(alignment: Alignment) -> None:
    report = render_markdown(alignment)
    assert report.startswith("# Comparison of 2 articles\n")
    assert "**TASS report** (news/tass.txt)" in report
    assert "- Exaggeration: 1" in report and "- Contradiction: 1" in report
    assert "- Unsupported addition: 1" in report and "- Agreement: 0" in report
    assert "### Claim 1: Exaggeration (exaggerated by Daily Shock)" in report
    assert "> **Daily Shock:** “Iran Rejects Joint Missile Defense”" in report
    assert "> **TASS report:** “Putin said Iran did not show much interest.”" in report
    assert "**Exaggeration**, stronger in **Daily Shock** · similarity 0.71" in report
    assert "- cue: “Rejects” for “did not show much interest”" in report
    assert "### Claim 2: Contradiction" in report
    assert "### Claim 3: Unsupported addition" in report and "Only in **Daily Shock**:" in report


def test_report_appendix_lists_boilerplate_with_reason(alignment: Alignment) -> None:
    report = render_markdown(alignment)
    appendix = report.split("## Appendix: boilerplate set aside", 1)[1]
    assert "### TASS report" in appendix
    assert "- “Leave a Reply” (comment form)" in appendix


def test_report_structure_survives_hostile_article_text(alignment: Alignment) -> None:
    tokens = _tokens(render_markdown(alignment, title="Iran <b>story</b> # [x](y)"))
    headings = [
        "".join(c.content for c in tokens[i + 1].children) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert headings == [
        "Iran <b>story</b> # [x](y)",
        "Articles",
        "Claims by label",
        "Contradictions (1)",
        "Claim 2: Contradiction",
        "Exaggerations (1)",
        "Claim 1: Exaggeration (exaggerated by Daily Shock)",
        "Unsupported additions (1)",
        "Claim 3: Unsupported addition",
        "Appendix: boilerplate set aside",
        "TASS report",
    ]
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_block", "code_block", "fence", "table_open", "hr"}
    inline = {c.type for t in tokens for c in (t.children or [])}
    assert not inline & {"link_open", "image", "html_inline", "code_inline", "s_open"}


def test_selection_keeps_only_chosen_pairs_and_no_appendix(alignment: Alignment) -> None:
    report = render_markdown(alignment, {1: None, 2: []})
    assert "### Claim 1" not in report
    assert "### Claim 2: Contradiction" in report and "### Claim 3" in report
    assert "Appendix" not in report
    assert "2 claims" in report


def test_a_selection_counts_what_it_holds_not_the_whole_run(alignment: Alignment) -> None:
    report = render_markdown(alignment, {0: [0], 2: None})
    assert "## Claims by label" not in report  # the run's totals would read as the selection's
    assert "1 pair from 2 claims (of the 3 claims the comparison found):" in report
    assert "- Exaggeration: 1 claim (1 pair)" in report
    assert "- Unsupported addition: 1 claim\n" in report
    assert "Contradiction: " not in report  # a label the selection does not hold is not listed
    everything = render_markdown(alignment)
    assert "## Claims by label" in everything and "- Contradiction: 1" in everything
    assert "This selection" not in everything


def test_the_report_quotes_the_command_that_made_it_inertly(alignment: Alignment) -> None:
    report = render_markdown(alignment, command="compare news/*_final.txt --markdown\n# report.md")
    lines = report.split("\n")
    assert lines[2].startswith("Made with compare ")
    assert lines[2].endswith(": compare news/\\*\\_final.txt --markdown \\# report.md")
    assert lines[3] == ""  # one line: a newline in an argument opens no heading
    assert "Made with" not in render_markdown(alignment)


def test_selection_with_unknown_ids_is_refused(alignment: Alignment) -> None:
    with pytest.raises(ValueError, match="unknown claim ids"):
        render_markdown(alignment, {99: None})
    with pytest.raises(ValueError, match="no pairs"):
        render_markdown(alignment, {0: [5]})


def test_same_titles_are_told_apart(alignment: Alignment) -> None:
    twins = Alignment(
        tuple(Article(a.id, a.path, "Same headline", a.text, a.sentences) for a in alignment.articles),
        alignment.claims,
    )
    report = render_markdown(twins)
    assert "Same headline \\[tass\\]" in report and "Same headline \\[tabloid\\]" in report


def test_write_atomic_creates_file_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomic(target, "# hello\n")
    assert target.read_text(encoding="utf-8") == "# hello\n"
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode & stat.S_IRUSR and mode & stat.S_IWUSR and mode & stat.S_IRGRP  # not 0600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_write_atomic_refuses_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old notes", encoding="utf-8")
    with pytest.raises(FileExistsError, match="report.md"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old notes"
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "report.md"
    target.write_text("old notes", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new report", force=True)
    assert target.read_text(encoding="utf-8") == "old notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_write_atomic_into_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no-such-folder" / "report.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_long_titles_are_shortened_in_attributions_but_listed_in_full(alignment: Alignment) -> None:
    long_title = "BREAKING: Putin Claims Iran Lacks Interest in Air Defense Aid Offered by Russia!"
    tass, tabloid = alignment.articles
    renamed = Alignment((Article(tass.id, tass.path, long_title, tass.text, tass.sentences), tabloid), alignment.claims)
    report = render_markdown(renamed)
    assert f"1. **{long_title}** (news/tass.txt)" in report
    assert "> **BREAKING: Putin Claims Iran Lacks Interest in…:** “Putin said Iran" in report


def test_a_claim_with_several_pairs_quotes_each_sentence_once(alignment: Alignment) -> None:
    tass, tabloid = alignment.articles
    third = Article(
        "ria", "news/ria.txt", "RIA", "Iran declined the offer.", (Sentence(0, "Iran declined the offer.", 0, 24),)
    )
    a, b, c = SentenceRef("tabloid", 0), SentenceRef("tass", 0), SentenceRef("ria", 0)
    pairs = (
        Pair.of(a, b, "exaggeration", 0.71, "a", ("cue: “Rejects”",)),
        Pair.of(b, c, "paraphrase", 0.8, None, ("changed: 'did not show much interest' → 'declined'",)),
        Pair.of(a, c, "contradiction", 0.6, None, ()),
    )
    three = Alignment((tass, tabloid, third), (Claim(0, "contradiction", (a, b, c), pairs),))
    report = render_markdown(three)
    assert report.count("“Iran Rejects Joint Missile Defense”") == 1
    section = report.split("### Claim 1: Contradiction", 1)[1]
    assert section.index("1. **Daily Shock:** “Iran Rejects") < section.index("2. **TASS report:**")
    assert section.index("2. **TASS report:**") < section.index("3. **RIA:** “Iran declined the offer.”")
    listed = [line for line in section.split("## Appendix")[0].splitlines() if line.startswith("- ")]
    assert listed == [
        "- 1 ↔ 3: **Contradiction** · similarity 0.60",
        "- 1 ↔ 2: **Exaggeration**, stronger in **1 (Daily Shock)** · similarity 0.71",
        "- 2 ↔ 3: **Paraphrase** · similarity 0.80",
    ]
    assert "  - cue: “Rejects”" in section
    # A selection of one pair falls back to quoting both sentences.
    one = render_markdown(three, {0: [1]})
    assert "> **TASS report:** “Putin said Iran did not show much interest.”" in one
    assert "Daily Shock:** “Iran Rejects" not in one


def test_a_pair_with_a_confidence_reports_it_beside_the_label(alignment: Alignment) -> None:
    claim = alignment.claims[1]
    pair = claim.pairs[0]
    sure = Pair(pair.a, pair.b, replace(pair.judgement, confidence=0.83))
    claims = (alignment.claims[0], replace(claim, pairs=(sure,)), *alignment.claims[2:])
    report = render_markdown(replace(alignment, claims=claims))
    assert "**Contradiction** · similarity 0.64 · confidence 0.83" in report
    assert "· similarity 0.71 · confidence" not in report, "a pair without a confidence shows none"


def test_evidence_in_the_report_names_each_side_by_its_article() -> None:
    # Issue 12, "sides named as the app and the report name them": the report quotes each
    # sentence under its article's name, so its evidence says that name, not the JSON's a/b.
    a = _article("wire", "Wire report", [("Iran did not show much interest.", "content", "")])
    b = _article("tabloid", "Daily Shock", [("Iran Rejects Joint Missile Defense!", "content", "")])
    pair = Pair.of(
        SentenceRef("tabloid", 0),
        SentenceRef("wire", 0),
        "exaggeration",
        0.71,
        "a",
        ("a is stronger: 'Rejects', '!'", "b states it plainly", "only in a: 'Joint Missile Defense'"),
    )
    report = render_markdown(Alignment((a, b), (Claim(0, "exaggeration", (pair.a, pair.b), (pair,)),)))
    assert "- Daily Shock is stronger: 'Rejects', '!'" in report
    assert "- Wire report states it plainly" in report
    assert "- only in Daily Shock: 'Joint Missile Defense'" in report
    assert " a is stronger" not in report and "b states it plainly" not in report


def test_a_sentence_in_several_claims_says_so_under_each_of_them() -> None:
    """@2: the wire's first sentence states the closure (an agreement) and the fee rise (a
    contradiction); under each claim the report names the other."""
    from tests.app.fixture_shared_sentence import shared_sentence_alignment

    report = render_markdown(shared_sentence_alignment())
    sections = report.split("### Claim ")
    closure = next(s for s in sections if s.startswith("1:"))
    fees = next(s for s in sections if s.startswith("2:"))
    assert "The council closed three streets and raised parking fees.” also states claim 2 (contradiction)" in closure
    assert "also states claim 1 (agreement)" in fees
    assert sum("also states" in s for s in sections) == 2, "sentences in one claim get no such line"
