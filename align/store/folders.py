"""Where the caches live: one folder for all of them, and the names of the sub-folders the
stages keep there. The page fetcher, the model exporter and the cache's cleaner all need these
names; keeping them here means no stage imports another for a path."""

from __future__ import annotations

import os
from pathlib import Path

PAGES_FOLDER = "pages"  # fetched web pages (align/read/fetch.py)
MODELS_FOLDER = "models"  # the model exported to ONNX (align/model/onnx_model.py)


def default_cache_dir() -> Path:
    """`$COMPARE_CACHE_DIR`, else the platform's user cache folder (~/.cache/compare on Linux)."""
    env = os.environ.get("COMPARE_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs  # only when no folder is given: it costs an import on the warm path

    return Path(platformdirs.user_cache_dir("compare", appauthor=False))
