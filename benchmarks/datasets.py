"""Where the public data sets are: one place for the benchmarks and the tests.

The sets (BASIL, MRPC, STS-B, SICK, FNC-1, ...) are not part of the repository: each lives in a
folder of its own, with a README giving its source, licence and split, under one root. The root
is `$COMPARE_DATASETS` when set, else `shared/datasets` beside the repository (where CI lays
it). A newcomer's clone has neither: the benchmarks say so in one line, and the tests that need a
set skip with a reason that names it (`tests/conftest.py`).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENVIRONMENT = "COMPARE_DATASETS"
BESIDE_THE_REPOSITORY = REPO.parent / "shared" / "datasets"

# Where each set comes from, for the line that says it is missing.
SOURCES = {
    "basil-triplets": "BASIL, launchnlp/BASIL, Fan et al. 2019",
    "mrpc": "the Microsoft Research Paraphrase Corpus",
    "stsb-test": "STS Benchmark (Cer et al. 2017)",
    "sick": "SICK (Marelli et al. 2014)",
    "fnc1-stance-test": "the Fake News Challenge FNC-1 test set",
    "sci-exaggeration-wright2021": "sci-exaggeration (Wright and Augenstein 2021)",
    "clickbait-chakraborty2016": "the clickbait headlines of Chakraborty et al. 2016",
}

# How many times a test read the lookup: tests/conftest.py checks that only tests that declare
# they need a data set ever do, so that a run without the sets skips exactly those tests.
lookups = 0


class DatasetMissing(LookupError):
    """A data set that is not where the lookup points (the message names it and where it comes from)."""


def root() -> Path:
    """The folder that holds the data sets (it may not exist)."""
    global lookups
    lookups += 1
    configured = os.environ.get(ENVIRONMENT)
    return Path(configured).expanduser() if configured else BESIDE_THE_REPOSITORY


def find(name: str) -> Path:
    """The folder of data set `name`, or DatasetMissing saying what is missing and where it comes from."""
    folder = root() / name
    if not folder.is_dir():
        source = SOURCES.get(name, name)
        raise DatasetMissing(
            f"{name} ({source}) is not at {folder}: "
            f"set {ENVIRONMENT} to the folder that holds it (CI lays it in ../shared/datasets)"
        )
    return folder
