"""The engine never imports the UI, and a cached run never imports torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ("torch", "transformers", "sentence_transformers")
UI = ("textual", "rich")


def run_python(code: str, env: dict[str, str] | None = None) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_engine_modules_import_no_ui():
    """Every module of the engine, found by walking the package (not a hand-written list)."""
    loaded = run_python(
        "import json, sys, importlib, pkgutil, align\n"
        "names = [m.name for m in pkgutil.walk_packages(align.__path__, 'align.')]\n"
        "for m in names:\n"
        "    importlib.import_module(m)\n"
        f"print(json.dumps([names, [m for m in sys.modules if m.split('.')[0] in {UI!r}]]))"
    )
    names, ui = loaded
    assert {"align.pipeline", "align.group.claims", "align.lexicon", "align.parameters", "align.data"} <= set(names)
    assert ui == []


def test_warm_json_run_imports_no_torch(seeds_dir, tmp_path):
    env = dict(os.environ, COMPARE_CACHE_DIR=str(tmp_path))
    cold = subprocess.run(
        [sys.executable, "-m", "tui", str(seeds_dir), "--json"], capture_output=True, text=True, timeout=600, env=env
    )
    assert cold.returncode == 0, cold.stderr
    loaded = run_python(
        "import io, json, sys, contextlib\n"
        "from tui.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    code = main([{str(seeds_dir)!r}, '--json'])\n"
        "assert code == 0 and json.loads(out.getvalue())['schema'] == 'compare/alignment@2'\n"
        f"print(json.dumps([m for m in sys.modules if m.split('.')[0] in {HEAVY + UI!r}]))",
        env=env,
    )
    assert loaded == []
