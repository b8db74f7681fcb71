"""End to end on seeds/: the compare/alignment@2 contract and the DESIGN examples."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from itertools import combinations

import pytest

import align
from align.models import CLAIM_LABELS, MAX_CLAIMS_PER_SENTENCE, PAIR_RELATIONS


@pytest.fixture(scope="module")
def seeds_alignment(seeds_dir):
    return align.align(align.load_corpus(seeds_dir))


@pytest.fixture(scope="module")
def seeds_json(seeds_dir):
    done = subprocess.run(
        [sys.executable, "-m", "tui", str(seeds_dir), "--json"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def find_pair(alignment, x: str, y: str):
    """The pair whose sentences contain x and y, and whether x is on its `a` side."""
    for claim in alignment.claims:
        for pair in claim.pairs:
            text_a, text_b = alignment.sentence(pair.a).text, alignment.sentence(pair.b).text
            if x in text_a and y in text_b:
                return pair, True
            if y in text_a and x in text_b:
                return pair, False
    return None, None


def test_json_contract_invariants(seeds_json):
    doc = seeds_json
    assert doc["schema"] == "compare/alignment@2"
    assert doc["model"]["name"] == "all-MiniLM-L6-v2"
    assert doc["model"]["backend"] in ("onnxruntime", "sentence-transformers")  # COMPARE_EMBEDDER decides
    assert doc["model"]["sensitivity"] == 0.5 and isinstance(doc["model"]["sensitivity"], float)
    ids = [a["id"] for a in doc["articles"]]
    assert len(ids) == 5 == len(set(ids))
    placed: dict[tuple[str, int], list[int]] = {}  # @2: a sentence may be in several claims
    for claim in doc["claims"]:
        assert claim["label"] in CLAIM_LABELS
        members = [(m["article"], m["sentence"]) for m in claim["members"]]
        assert len(members) == len(set(members)), f"claim {claim['id']} lists a member twice"
        for member in members:
            placed.setdefault(member, []).append(claim["id"])
        cross = {frozenset([x, y]) for x, y in combinations(members, 2) if x[0] != y[0]}
        pairs = {
            frozenset([(p["a"]["article"], p["a"]["sentence"]), (p["b"]["article"], p["b"]["sentence"])])
            for p in claim["pairs"]
        }
        # The seeds' claims are all within search.all_pairs_limit: no anchor, every pair listed.
        assert "anchor" not in claim
        assert pairs == cross, "pairs must be every cross-article pair of members"
        if len({m[0] for m in members}) == 1:
            assert claim["label"] == "unsupported"
        else:
            assert claim["label"] in {p["relation"] for p in claim["pairs"]}
        for p in claim["pairs"]:
            assert p["relation"] in PAIR_RELATIONS and 0.0 <= p["similarity"] <= 1.0
            assert 0.0 <= p["confidence"] <= 1.0, "every pair says how likely its label is right"
            assert p["exaggerating"] in ({"a", "b"} if p["relation"] == "exaggeration" else {None})
            assert p["evidence"], "every pair explains itself"
    for article in doc["articles"]:
        for s in article["sentences"]:
            key = (article["id"], s["index"])
            if s["kind"] == "boilerplate":
                assert key not in placed, f"boilerplate {key} was aligned"
                assert s.get("reason")
            elif s["kind"] == "heading" and s["text"] != article["title"]:
                # A section heading organises its article and states no claim (issue 12).
                assert key not in placed, f"section heading {key} was aligned"
            else:
                assert key in placed, f"content sentence {key} is in no claim"
                assert len(placed[key]) <= MAX_CLAIMS_PER_SENTENCE, f"{key} is in claims {placed[key]}"
            # Each sentence lists its claims, in the order of claims[].
            assert s["claims"] == placed.get(key, []), f"{key} lists {s['claims']}, is in {placed.get(key)}"
    labels = {c["id"]: c["label"] for c in doc["claims"]}
    for key, ids in placed.items():
        if len(ids) > 1:
            # A sentence in a shared claim is never also an unsupported claim.
            assert "unsupported" not in {labels[i] for i in ids}, f"{key} is shared and unsupported"
    assert any(len(ids) > 1 for ids in placed.values()), "the seeds have sentences that state two shared facts"


def test_offsets_point_into_the_decoded_text(seeds_alignment):
    for article in seeds_alignment.articles:
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text


def test_design_paraphrase(seeds_alignment):
    pair, _ = find_pair(
        seeds_alignment, "has not asked us for military assistance", "has not requested military assistance"
    )
    assert pair is not None and pair.relation == "paraphrase"


def test_design_exaggeration_names_the_inflating_headline(seeds_alignment):
    pair, x_is_a = find_pair(seeds_alignment, "Iran Rejects Joint Missile Defense", "did not show much interest")
    assert pair is not None and pair.relation == "exaggeration"
    assert pair.exaggerating == ("a" if x_is_a else "b")
    assert any("Rejects" in e for e in map(str, pair.evidence))


def test_two_headlines_of_one_claim_are_paired(seeds_alignment):
    # A headline is short: it must join the claim it summarises, not stand alone as "unsupported".
    pair, x_is_a = find_pair(
        seeds_alignment, "Iran Rejects Joint Missile Defense", "Iran Lacks Interest in Air Defense Aid"
    )
    assert pair is not None and pair.relation == "exaggeration"
    assert pair.exaggerating == ("a" if x_is_a else "b")


def test_design_declined_exaggerates_no_substantial_interest(seeds_alignment):
    pair, x_is_a = find_pair(seeds_alignment, "declined", "did not express substantial interest")
    assert pair is not None and pair.relation == "exaggeration"
    assert pair.exaggerating == ("a" if x_is_a else "b")


def test_design_contradiction(seeds_alignment):
    pair, _ = find_pair(
        seeds_alignment, "also encompasses a defense pact", "does not encompass any clauses related to defense"
    )
    assert pair is not None and pair.relation == "contradiction"
    assert any("negation" in e for e in map(str, pair.evidence))


def test_page_furniture_is_boilerplate(seeds_alignment):
    marked = [s.text for a in seeds_alignment.articles for s in a.sentences if s.kind == "boilerplate"]
    for furniture in (
        "Leave a Reply",
        "Your email address will not be published.",
        "YOU MAY ALSO LIKE TO WATCH THIS TRENDING STORY ON YOUTUBE.",
    ):
        assert furniture in marked
    assert any("Waverly Hills" in text for text in marked), "an off-topic promo is furniture"
    assert any(text.startswith("Email :") for text in marked), "an author contact box is furniture"


def test_only_one_source_is_an_unsupported_claim(seeds_alignment):
    unsupported = [c for c in seeds_alignment.claims if c.label == "unsupported"]
    assert unsupported and all(len(c.articles) == 1 and not c.pairs for c in unsupported)


def test_claims_do_not_depend_on_file_order_or_names(tmp_path, seeds_dir, seeds_alignment):
    """Copy the seeds under shuffled, different names; the claims must be the same sets."""
    files = sorted(seeds_dir.glob("*.txt"))
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    renamed = {}
    for n, source in enumerate(shuffled):
        target = tmp_path / f"{chr(ord('z') - n)}_copy.txt"
        shutil.copy(source, target)
        renamed[target.stem] = source.stem
    permuted = align.align(align.load_corpus(tmp_path))

    def claim_sets(alignment, rename=lambda x: x):
        return {frozenset((rename(m.article), m.sentence) for m in c.members) for c in alignment.claims}

    assert claim_sets(permuted, renamed.get) == claim_sets(seeds_alignment)


def test_sensitivity_trades_precision_for_recall(seeds_dir):
    articles = align.load_corpus(seeds_dir)
    strict = align.align(articles, sensitivity=0.0)
    loose = align.align(articles, sensitivity=1.0)

    def paired(a):
        return sum(len(c.members) for c in a.claims if c.label != "unsupported")

    assert paired(strict) < paired(loose)


def test_a_repeated_run_reuses_the_result_and_gives_the_same_document(tmp_path, seeds_dir, monkeypatch):
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path))
    articles = align.load_corpus(seeds_dir)
    first = align.align(articles)
    messages: list[str] = []
    second = align.align(articles, progress=lambda fraction, message: messages.append(message))
    assert second.to_json() == first.to_json()
    assert messages == ["aligned (unchanged since the last run)"]
    other = align.align(articles, sensitivity=0.9)  # another input: computed, not reused
    assert other.to_json() != first.to_json()
