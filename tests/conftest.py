"""Shared test set-up: never reach the network, never touch the user's real cache."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Set before any test imports sentence-transformers or huggingface_hub.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test run gets its own embedding cache folder unless a test sets another, and one
    folder for the exported ONNX model, shared by every test (and the programs they start, which
    inherit the environment) even when a test gives the caches a folder of its own: the model is
    exported once per run, not once per test."""
    os.environ["COMPARE_CACHE_DIR"] = str(tmp_path_factory.mktemp("compare-cache"))
    os.environ["COMPARE_MODEL_DIR"] = str(tmp_path_factory.mktemp("compare-models"))
    # Crash logs (platformdirs' user log folder) never land in the real home folder.
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


# --- the public data sets ------------------------------------------------------------------------
# A test that needs one of the public data sets (../shared/datasets, or $COMPARE_DATASETS) asks for
# it through `dataset`. Where there are no sets at all (a newcomer's clone) it is skipped with one
# reason naming the set and where it comes from. Where the sets' folder is there, or must be
# (COMPARE_REQUIRE_DATASETS=1, as .ci/run sets it), a missing set fails the test, so a moved folder
# can never switch tests off silently. COMPARE_REQUIRE_DATASETS=0 allows the skip in any case.
REQUIRE_DATASETS = "COMPARE_REQUIRE_DATASETS"


@pytest.fixture
def dataset() -> Callable[[str], Path]:
    from benchmarks import datasets

    def find(name: str) -> Path:
        try:
            return datasets.find(name)
        except datasets.DatasetMissing as missing:
            required = os.environ.get(REQUIRE_DATASETS)
            if required == "1" or (required != "0" and datasets.root().is_dir()):
                why = f"{REQUIRE_DATASETS}=1" if required == "1" else f"{datasets.root()} is there"
                pytest.fail(f"{missing} ({why}: a missing set fails, never skips)", pytrace=False)
            pytest.skip(f"needs the public data set {missing}")

    return find


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use `dataset` carry the `datasets` mark: `pytest -m datasets` selects the tests
    whose outcome depends on where the data sets are (.ci/run runs them once without any)."""
    for item in items:
        if "dataset" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.datasets)


@pytest.fixture(autouse=True)
def _only_declared_tests_read_the_data_sets(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that reads the data-set lookup without asking for `dataset` would pass with the
    sets and fail without them, unseen by the run that has none: it fails here instead."""
    from benchmarks import datasets

    before = datasets.lookups
    yield
    if datasets.lookups != before and "dataset" not in request.fixturenames:
        pytest.fail(f"{request.node.nodeid} reads the public data sets: ask for the `dataset` fixture", pytrace=False)
