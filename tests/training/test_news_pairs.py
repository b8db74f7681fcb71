"""The judged cross-outlet pairs (training/data/news_pairs.jsonl) are what their README says: every
line parses, each pair comes from two outlets of an allowed story, both classes are well
represented, and every text is the sentence as it stands in its article file."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from benchmarks import gold

REPO = Path(__file__).resolve().parents[2]
PAIRS = REPO / "training" / "data" / "news_pairs.jsonl"
LABELS = {"agreement", "paraphrase", "exaggeration", "contradiction"}
KEYS = {"story", "a", "b", "shares_fact", "fact", "label", "stronger", "kind", "judge", "sampler", "cosine", "id"}


def rows() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]


def test_every_line_is_a_well_formed_judged_pair():
    found = rows()
    assert len(found) >= 1500 and len({r["story"] for r in found}) >= 35
    for r in found:
        # Round 2's lines say so; round 1's carry no mark (the shipped model's data, byte for byte).
        assert set(r) - {"round"} == KEYS and r.get("round", 1) in (1, 2), r
        assert r["a"]["outlet"] != r["b"]["outlet"] and {r["a"]["outlet"], r["b"]["outlet"]} <= {"fox", "nyt", "hpo"}
        assert r["kind"] in ("easy", "hard") and r["judge"]
        assert r["sampler"] in ({"cosine", "names", "engine"} if r.get("round", 1) == 1 else {"names", "middle"}), r
        if r["shares_fact"]:
            assert r["label"] in LABELS and r["fact"], r
            assert (r["stronger"] in ("a", "b")) == (r["label"] == "exaggeration"), r
        else:
            assert r["label"] is None and r["fact"] is None and r["stronger"] is None, r
    assert len({(r["a"]["text"], r["b"]["text"]) for r in found}) == len(found), "each pair once"
    assert len({r["id"] for r in found}) == len(found)


def test_no_pair_comes_from_the_report_half_or_a_reserved_year_and_both_classes_count():
    found = rows()
    report = {s.story for s in (gold.load(p) for p in sorted(gold.GOLD.glob("basil-*.toml"))) if s.split == "report"}
    assert len(report) == 7
    assert not {r["story"] for r in found} & report
    assert all("2010" <= r["story"][:4] <= "2016" for r in found)
    classes = Counter(bool(r["shares_fact"]) for r in found)
    assert min(classes.values()) >= 0.3 * len(found), classes
    assert sum(r["sampler"] != "engine" for r in found) >= len(found) / 3, "a third at least not drawn by the engine"


def test_every_text_is_found_in_its_article_file(dataset):
    stories = dataset("basil-triplets") / "stories"
    texts: dict[tuple[str, str], str] = {}
    for r in rows():
        for side in ("a", "b"):
            key = (r["story"], r[side]["outlet"])
            if key not in texts:
                files = {p.stem.lower(): p for p in (stories / r["story"]).glob("*.txt")}
                texts[key] = files[r[side]["outlet"]].read_text(encoding="utf-8")
            assert r[side]["text"] in texts[key], (r["story"], r[side])


def test_the_shipped_model_s_news_pairs_are_still_the_lines_its_recipe_reads():
    # The record names the SHA-256 of the judged pairs the model learnt from; a later round added
    # below them must leave those lines, byte for byte, what the recipe's rounds select.
    import hashlib

    record = json.loads((REPO / "align" / "data" / "pair_model.json").read_text(encoding="utf-8"))
    rounds = record["recipe"].get("news_rounds", 1)
    lines = PAIRS.read_text(encoding="utf-8").splitlines(keepends=True)
    read = [line for line in lines if json.loads(line).get("round", 1) <= rounds]
    assert hashlib.sha256("".join(read).encode("utf-8")).hexdigest() == record["data"]["news_pairs"]["sha256"]
