"""Shared test set-up: never reach the network, never touch the user's real cache."""

from __future__ import annotations

import os
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
