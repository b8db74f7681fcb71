"""Every number the engine decides with, typed, in one frozen value read from one data file.

`align/data/parameters.toml` holds the values with a note on each; `active()` is what the
engine uses (that file, or the file named by COMPARE_PARAMETERS, so a fitting script can try
candidates without touching the package). `dump` writes a `Parameters` back as TOML.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from align import lexicon

PARAMETERS_FILE = "parameters.toml"
ENVIRONMENT_VARIABLE = "COMPARE_PARAMETERS"


@dataclass(frozen=True)
class LinkParameters:
    lexical_weight: float
    frame_bonus_one: float
    frame_bonus_two: float
    rare_bonus: float
    opposed_bonus: float
    no_anchor_penalty: float
    no_anchor_overlap: float
    rare_max_users: int
    rare_min_sentences: int
    generic_common_weight: float
    generic_default_weight: float


@dataclass(frozen=True)
class RelateParameters:
    threshold: float


@dataclass(frozen=True)
class LabelParameters:
    loose_link: float
    exaggeration_gap: float
    agreement_ratio: float
    same_passage_words: int


@dataclass(frozen=True)
class StrengthParameters:
    sensational_first: float
    sensational_each: float
    certainty: float
    intensifier: float
    strong_refusal: float
    cue_cap: int
    softening: float
    refusal_matched: float


class MergeBars(NamedTuple):
    """The bars two groups must clear to merge into one claim (see `ClaimParameters`)."""

    edge: float  # mean best link of the smaller group's members into the other group
    average: float  # mean cross-article link between the groups
    repeat: float  # mean same-article cosine inside a cross-article claim
    restate: float  # mean same-article cosine of restatements that stand alone


@dataclass(frozen=True)
class ClaimParameters:
    edge_at_zero: float
    edge_slope: float
    average_below_edge: float
    repeat_at_zero: float
    repeat_slope: float
    restate_at_zero: float
    restate_slope: float
    twin_margin: float
    title_link: float

    def bars(self, sensitivity: float) -> MergeBars:
        """Sensitivity 0 favours precision, 1 recall; every bar moves with it."""
        s = min(1.0, max(0.0, sensitivity))
        edge = self.edge_at_zero - self.edge_slope * s
        return MergeBars(
            edge=edge,
            average=edge - self.average_below_edge,
            repeat=self.repeat_at_zero - self.repeat_slope * s,
            restate=self.restate_at_zero - self.restate_slope * s,
        )


@dataclass(frozen=True)
class SearchParameters:
    neighbours: int
    per_article_limit: int
    rare_word_max_users: int
    dense_limit: int
    representatives: int
    all_pairs_limit: int
    index_from: int
    approximate_from: int
    hnsw_links: int
    hnsw_build_depth: int
    hnsw_search_depth: int


@dataclass(frozen=True)
class PairModelParameters:
    cosine_floor: float
    read_from: float
    read_to: float
    read_per_article: int
    read_per_sentence: int
    read_share: float
    label_reads_per_sentence: float
    link_intercept: float
    link_weight: float
    fact_weight: float
    quote_weight: float
    equivalent_cut: float
    contradiction_cut: float
    conflict_veto: float
    side_cut: float
    similarity_cosine_weight: float


@dataclass(frozen=True)
class ConflictParameters:
    object_words: int
    rounding_tolerance: float
    approximate_tolerance: float


@dataclass(frozen=True)
class StoryParameters:
    same_story: float
    sensitivity_slope: float
    lead_sentences: int
    neighbours: int


@dataclass(frozen=True)
class BoilerplateParameters:
    off_topic: float
    off_topic_own_margin: float
    off_topic_min_sentences: int
    key_value_max_chars: int
    repeat_max_words: int
    credit_max_words: int
    tail_start_fraction: float
    link_letter_ratio: float
    link_letter_slack: int


@dataclass(frozen=True)
class Parameters:
    link: LinkParameters
    relate: RelateParameters
    label: LabelParameters
    strength: StrengthParameters
    claims: ClaimParameters
    search: SearchParameters
    conflicts: ConflictParameters
    boilerplate: BoilerplateParameters
    stories: StoryParameters
    pair_model: PairModelParameters


class ParameterError(ValueError):
    """A parameter file that does not match `Parameters` (names the file and the key)."""


def parse(text: str, where: str = PARAMETERS_FILE) -> Parameters:
    """A `Parameters` from TOML text: every key present, no unknown key, numbers of the right type."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ParameterError(f"{where}: {error}") from None
    sections: dict[str, Any] = {}
    for section in fields(Parameters):
        table = document.get(section.name)
        if not isinstance(table, dict):
            raise ParameterError(f"{where}: missing section [{section.name}]")
        cls = _section_class(section.name)
        names = {f.name: f for f in fields(cls)}
        unknown = sorted(set(table) - set(names))
        if unknown:
            raise ParameterError(f"{where}: unknown key {section.name}.{unknown[0]}")
        values: dict[str, Any] = {}
        for name, field in names.items():
            if name not in table:
                raise ParameterError(f"{where}: missing key {section.name}.{name}")
            values[name] = _typed(table[name], field.type, f"{where}: {section.name}.{name}")
        sections[section.name] = cls(**values)
    unknown_sections = sorted(set(document) - {f.name for f in fields(Parameters)})
    if unknown_sections:
        raise ParameterError(f"{where}: unknown section [{unknown_sections[0]}]")
    return Parameters(**sections)


def _section_class(name: str) -> Any:
    hints = {f.name: f.type for f in fields(Parameters)}
    return globals()[str(hints[name])]


def _typed(value: Any, annotation: Any, where: str) -> float | int:
    kind = str(annotation)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ParameterError(f"{where} must be a number, not {value!r}")
    if kind == "int":
        if not isinstance(value, int):
            raise ParameterError(f"{where} must be a whole number, not {value!r}")
        return value
    return float(value)


def load(path: str | os.PathLike[str] | None = None) -> Parameters:
    """The parameters of `path`, or of the package's own file."""
    if path is None:
        return parse(lexicon.data_text(PARAMETERS_FILE), f"align/data/{PARAMETERS_FILE}")
    return parse(Path(path).read_text(encoding="utf-8"), str(path))


@cache
def _active(override: str | None) -> Parameters:
    return load(override)


# Set only by `trying` (a fitting script scoring candidates in one process).
_trial: Parameters | None = None


def active() -> Parameters:
    """The parameters the engine runs with: a candidate being tried, else COMPARE_PARAMETERS's
    file if set, else the package's."""
    if _trial is not None:
        return _trial
    return _active(os.environ.get(ENVIRONMENT_VARIABLE) or None)


@contextmanager
def trying(candidate: Parameters) -> Iterator[Parameters]:
    """Run the engine with `candidate` inside the block (for fitting; not thread-safe).

    Only decisions that read the parameters when they run follow it: the cached cue analyses
    (strength, conflicts) keep the weights they were first computed with, so a fit varies the
    link, claim and relate parameters this way, not the strength or conflict ones."""
    global _trial
    previous, _trial = _trial, candidate
    try:
        yield candidate
    finally:
        _trial = previous


def with_values(parameters: Parameters, values: dict[str, float | int]) -> Parameters:
    """A copy with some values changed, named "section.key"."""
    sections = {f.name: getattr(parameters, f.name) for f in fields(Parameters)}
    for name, value in values.items():
        section, key = name.split(".")
        sections[section] = dataclasses.replace(sections[section], **{key: value})
    return Parameters(**sections)


def rewrite(text: str, values: dict[str, float | int]) -> str:
    """The TOML text of a parameter file with some values replaced ("section.key"), its
    comments and layout kept: how a fitting script writes the shipped file."""
    lines = text.splitlines(keepends=True)
    section = ""
    pending = dict(values)
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            continue
        key, equals, rest = line.partition("=")
        name = f"{section}.{key.strip()}"
        if equals and not stripped.startswith("#") and name in pending:
            new = f"{key.rstrip()} = {pending.pop(name)!r}"
            if "#" in rest:  # keep the comment where it stood
                column = line.index("#")
                new = (
                    f"{new:<{column}}{line[column:].rstrip()}"
                    if len(new) < column
                    else f"{new}  {line[column:].rstrip()}"
                )
            lines[number] = new + "\n"
    if pending:
        raise ParameterError(f"no such parameter: {sorted(pending)[0]}")
    rewritten = "".join(lines)
    parse(rewritten)  # still a valid parameter file
    return rewritten


def dump(parameters: Parameters) -> str:
    """`parameters` as TOML that `parse` reads back to an equal value (no comments)."""
    lines: list[str] = []
    for section, values in dataclasses.asdict(parameters).items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {value!r}" for key, value in values.items()]
        lines.append("")
    return "\n".join(lines)


def fingerprint() -> bytes:
    """What the active parameters are, for the whole-result cache's key."""
    return dump(active()).encode()
