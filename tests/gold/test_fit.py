"""The fitting script runs end to end on a small fixture, and what it writes is a valid file."""

from __future__ import annotations

from align import lexicon, parameters
from align.model.embed import SentenceEmbedder
from benchmarks import fit, gold

PAIRS = [
    ("The council voted on Tuesday to close three streets.", "On Tuesday the council voted to shut three streets.", 1),
    ("The company reported a profit of $2 billion.", "The firm said it earned $2 billion.", 1),
    ("Police arrested a man in Ohio on Monday.", "A suspect was detained by Ohio police on Monday.", 1),
    ("The senator will retire next year.", "The senator announced she will not seek re-election next year.", 1),
    ("The vote passed 7 to 2.", "Shops fear losing customers.", 0),
    ("The storm killed 12 people.", "The museum opens a new wing in June.", 0),
    ("Prices rose 3 percent in May.", "The team won the championship.", 0),
    ("The governor signed the budget.", "Rain is expected over the weekend.", 0),
]


def test_fit_stages_run_on_a_small_fixture_and_write_a_valid_parameter_file(tmp_path):
    encoder = SentenceEmbedder(use_cache=True)
    sci = [(a, b, "same") for a, b, _ in PAIRS[:4]] + [
        ("Coffee cures cancer.", "Coffee may be linked to lower cancer risk.", "exaggerates")
    ]
    relate = fit.fit_relate(PAIRS, sci, encoder)
    assert relate.pairs == len(PAIRS) and relate.sci_pairs == 5
    assert relate.accuracy + relate.macro_f1 >= relate.before_accuracy + relate.before_macro_f1
    assert 0.0 < relate.threshold < 1.5

    seeds = [s for s in fit.fit_stories() if s.corpus == "seeds"]
    assert seeds and all(s.split == "fit" for s in fit.fit_stories()), "only the fit half is ever fitted on"
    grid = {"claims.edge_at_zero": (0.8, 0.88), "link.lexical_weight": (0.35,)}
    claims = fit.fit_claims(seeds, grid, encoder)
    assert claims.candidates == 2 and claims.holds >= claims.before
    assert claims.cases == sum(len(s.cases) for s in seeds)
    assert claims.values["claims.edge_at_zero"] in (0.8, 0.88)

    written = parameters.rewrite(
        lexicon.data_text(parameters.PARAMETERS_FILE), {"relate.threshold": relate.threshold, **claims.values}
    )
    loaded = parameters.parse(written)
    assert loaded.relate.threshold == relate.threshold
    assert "# Out of context" in written, "the file's comments are kept"


def test_the_fit_never_reads_the_report_half():
    assert {s.split for s in fit.fit_stories()} == {"fit"}
    assert any(s.split == "report" for s in (gold.load(p) for p in sorted(gold.GOLD.glob("*.toml"))))


def test_the_confidence_stage_fits_and_writes_a_model_the_engine_reads():
    import tomllib

    from align.judge import confidence

    examples = fit.Examples([], [], [], [])
    for n in range(40):
        link = 0.5 + n / 80
        row = (link, link, 0.3, 0.5, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        examples.add(row, right=n % 3 != 0 and link > 0.6, weight=1.0, source="gold" if n % 2 else "mrpc")
    fitted = fit.fit_confidence(examples)
    model = confidence.parse(tomllib.loads(fit.confidence_file(fitted)))
    low, high = (model.probability((x, x, 0.3, 0.5, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0)) for x in (0.5, 1.0))
    assert 0.0 < low < high < 1.0, "a closer pair is more likely labelled right"
    assert fitted.examples == {"gold": 20, "mrpc": 20}


def test_the_shipped_confidence_model_is_valid_and_a_wrong_one_is_refused():
    import pytest

    from align.judge import confidence

    shipped = confidence.model()
    assert len(shipped.weights) == len(confidence.FEATURES) and "fit.py" in shipped.source
    with pytest.raises(confidence.ConfidenceError, match="one weight per feature"):
        confidence.parse({"features": list(confidence.FEATURES), "weights": [1.0], "intercept": 0.0})
    with pytest.raises(confidence.ConfidenceError, match="features must be"):
        confidence.parse({"features": ["cosine"], "weights": [1.0], "intercept": 0.0})


def test_the_passage_stage_keeps_the_shipped_value_when_no_candidate_gains():
    # One unrelated pair, rightly "same" whatever N is: every candidate ties, so the value
    # shipped stays (a refit of unchanged data must not move it; ties once went to the largest).
    encoder = SentenceEmbedder(use_cache=True)
    sci = [("The storm killed 12 people.", "The museum opens a new wing in June.", "same")]
    shipped = parameters.active().label.same_passage_words
    fitted = fit.fit_same_passage([], sci, encoder)
    assert fitted.sci_right == fitted.before_sci == 1
    assert fitted.words == shipped
