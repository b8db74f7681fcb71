"""The engine's word lists and parameters are data: loaded, checked, and part of the cache key."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tokenize
from importlib import resources
from pathlib import Path

import pytest

from align import lexicon, parameters, pipeline
from align.models import Article
from align.parameters import ParameterError

ALIGN = Path(lexicon.__file__).parent
MAX_ALTERNATIVES_IN_CODE = 250


def all_lists() -> list[tuple[str, str]]:
    """(file, list name) of every word list in align/data, nested tables included."""
    found = []
    for file_name in lexicon.LEXICON_FILES:
        document = lexicon.data_file(file_name)

        def walk(table: dict, prefix: str, file_name: str = file_name) -> None:
            for key, value in table.items():
                if isinstance(value, dict) and "words" in value:
                    found.append((file_name, prefix + key))
                elif isinstance(value, dict):
                    walk(value, prefix + key + ".")

        walk(document, "")
    return found


def test_every_data_file_of_the_package_is_known_to_the_loader():
    shipped = {p.name for p in resources.files("align.data").iterdir() if p.name.endswith(".toml")}
    assert shipped == set(lexicon.LEXICON_FILES) | set(lexicon.MODEL_FILES)


@pytest.mark.parametrize(("file_name", "name"), all_lists())
def test_every_word_list_loads_and_says_where_it_comes_from(file_name, name):
    words = lexicon.word_list(file_name, name)
    assert words.words and len(words.source) > 20
    assert len(set(words.words)) == len(words.words), f"{file_name} [{name}] repeats an entry"


def test_every_antonym_pair_says_where_it_comes_from():
    for table in lexicon.tables("conflicts.toml", "antonyms"):
        assert table["name"] and len(table["source"]) > 20 and table["left"] and table["right"]


def test_word_patterns_match_whole_words_any_case_and_star_endings():
    words = lexicon.WordList("test", "a test list", ("shock", "speculat*", "turn down"))
    pattern = lexicon.word_pattern(words)
    assert pattern.search("A SHOCK to all") and pattern.search("the speculation grew")
    assert pattern.search("they turn down the offer")
    assert not pattern.search("shocking"), "an entry without * is a whole word"
    assert not pattern.search("after-shock"), "nor part of a hyphenated compound"
    assert not pattern.search("they turn it down")


def test_an_entry_that_is_not_a_word_is_refused(monkeypatch):
    monkeypatch.setattr(
        lexicon, "data_text", lambda name: '[bad]\nsource = "a list with a typo"\nwords = ["ok", "shock(?:ing)"]\n'
    )
    lexicon.data_file.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match=r"\[bad\].*shock"):
            lexicon.word_list("cues.toml", "bad")
    finally:
        lexicon.data_file.cache_clear()


def test_a_list_without_a_source_is_refused(monkeypatch):
    monkeypatch.setattr(lexicon, "data_text", lambda name: '[nosource]\nwords = ["ok"]\n')
    lexicon.data_file.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match="source"):
            lexicon.word_list("cues.toml", "nosource")
    finally:
        lexicon.data_file.cache_clear()


def regex_alternatives(source: str) -> int:
    """`|` inside the string literals of a module: the alternatives written in code."""
    count = 0
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            count += token.string.count("|")
    return count


def test_at_most_250_regex_alternatives_remain_written_in_the_engine():
    per_module = {
        p.relative_to(ALIGN).as_posix(): regex_alternatives(p.read_text(encoding="utf-8"))
        for p in sorted(ALIGN.rglob("*.py"))
    }
    assert sum(per_module.values()) <= MAX_ALTERNATIVES_IN_CODE, per_module


# --- parameters ---------------------------------------------------------------------------------
def test_the_parameter_file_round_trips_through_dump():
    loaded = parameters.load()
    assert parameters.parse(parameters.dump(loaded)) == loaded
    assert loaded.claims.bars(0.0).edge > loaded.claims.bars(1.0).edge, "higher sensitivity lowers the bars"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda text: text.replace("lexical_weight = 0.35", "lexical_wieght = 0.35"),
            "unknown key link.lexical_wieght",
        ),
        (lambda text: text.replace("exaggeration_gap = 1.0\n", ""), "missing key label.exaggeration_gap"),
        (lambda text: text.replace("neighbours = 24", "neighbours = 2.5"), "search.neighbours must be a whole number"),
        (
            # Whatever value fit.py last wrote.
            lambda text: re.sub(r"(?m)^threshold = [0-9.]+", 'threshold = "high"', text),
            "relate.threshold must be a number",
        ),
        (lambda text: text.replace("loose_link = 0.55\n", ""), "missing key label.loose_link"),
        (lambda text: text.replace("[conflicts]", "[conflict]"), "section"),
    ],
)
def test_a_wrong_parameter_file_is_refused_naming_the_key(edit, message):
    text = lexicon.data_text(parameters.PARAMETERS_FILE)
    with pytest.raises(ParameterError, match=message):
        parameters.parse(edit(text), "candidate.toml")


def test_a_parameter_file_named_in_the_environment_decides(tmp_path):
    """COMPARE_PARAMETERS (what a fitting script uses) changes a decision: with an agreement
    bar above 100 and a shared passage longer than any sentence, two identical sentences can only
    be a paraphrase."""
    candidate = tmp_path / "candidate.toml"
    shipped = lexicon.data_text(parameters.PARAMETERS_FILE)
    words = parameters.active().label.same_passage_words
    candidate.write_text(
        shipped.replace("agreement_ratio = 88.0", "agreement_ratio = 101.0").replace(
            f"same_passage_words = {words}", "same_passage_words = 1000"
        )
    )
    code = (
        "import json; from align.judge.relations import judge\n"
        "s = 'The council voted on Tuesday to close three streets.'\n"
        "print(json.dumps(str(judge(s, s, 1.0).relation)))"
    )

    def relation(extra_env: dict[str, str]) -> str:
        env = {k: v for k, v in os.environ.items() if k != parameters.ENVIRONMENT_VARIABLE} | extra_env
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    assert relation({}) == "agreement"
    assert relation({parameters.ENVIRONMENT_VARIABLE: str(candidate)}) == "paraphrase"


# --- the whole-result cache key -----------------------------------------------------------------
ARTICLES = [Article("a", "a.txt", "A", "One sentence."), Article("b", "b.txt", "B", "Another one.")]


def test_editing_a_word_list_changes_the_data_fingerprint(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ALIGN / "data", copy)
    before = lexicon.fingerprint(copy)
    assert before == lexicon.fingerprint()
    hedges = copy / "cues.toml"
    hedges.write_text(
        hedges.read_text(encoding="utf-8").replace('"perhaps",', '"perhaps", "arguably",'), encoding="utf-8"
    )
    assert lexicon.fingerprint(copy) != before


def test_the_code_fingerprint_covers_every_stage_and_where_each_module_lives(tmp_path):
    """A result cached by another engine is recomputed: an edit to a module inside a stage's
    folder, or the same module in another stage's folder, changes the code's digest."""
    copy = tmp_path / "align"
    shutil.copytree(ALIGN, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = pipeline.code_fingerprint(copy)
    assert before == pipeline.code_fingerprint(ALIGN)
    cues = copy / "judge" / "cues.py"
    cues.write_text(cues.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = pipeline.code_fingerprint(copy)
    assert edited != before
    (copy / "group").mkdir(exist_ok=True)
    cues.rename(copy / "group" / "cues.py")
    assert pipeline.code_fingerprint(copy) not in (before, edited)


def test_cached_alignments_are_keyed_by_the_word_lists(monkeypatch):
    from align import batch

    before = pipeline.result_key(ARTICLES, 0.5)
    stamp = batch.fingerprint(0.5, markdown=False)  # what `compare batch` resumes by
    monkeypatch.setattr(lexicon, "fingerprint", lambda folder=None: b"another vocabulary")
    pipeline.engine_fingerprint.cache_clear()
    try:
        assert pipeline.result_key(ARTICLES, 0.5) != before
        assert batch.fingerprint(0.5, markdown=False) != stamp, "an edited word list redoes a batch's stories"
    finally:
        pipeline.engine_fingerprint.cache_clear()


def test_cached_alignments_are_keyed_by_the_parameters(monkeypatch, tmp_path):
    before = pipeline.result_key(ARTICLES, 0.5)
    candidate = tmp_path / "candidate.toml"
    candidate.write_text(
        lexicon.data_text(parameters.PARAMETERS_FILE).replace("exaggeration_gap = 1.0", "exaggeration_gap = 1.5")
    )
    monkeypatch.setenv(parameters.ENVIRONMENT_VARIABLE, str(candidate))
    assert pipeline.result_key(ARTICLES, 0.5) != before
    monkeypatch.delenv(parameters.ENVIRONMENT_VARIABLE)
    assert pipeline.result_key(ARTICLES, 0.5) == before
