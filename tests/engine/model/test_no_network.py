"""The program never reaches the network, even with an empty cache (the model is local).

The check runs in a fresh interpreter: in a full test run an earlier test has already imported
the model in this process, so a guard installed here would come too late to see anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Runs in the child. The guard goes in before `align` (and so the model libraries) is imported;
# every attempt is recorded as well as refused, in case a library swallows the error.
CHILD = """
import json, socket, sys

attempts = []

def refuse(address):
    attempts.append(repr(address))
    raise OSError("network disabled by the test")

socket.socket.connect = lambda self, address, *a, **k: refuse(address)
socket.socket.connect_ex = lambda self, address, *a, **k: refuse(address)
socket.create_connection = lambda address, *a, **k: refuse(address)

import align

articles = align.load_corpus(sys.argv[1:])
result = align.align(articles, use_cache=True)
print(json.dumps({"attempts": attempts, "claims": len(result.claims)}))
"""


def test_cold_alignment_opens_no_socket(tmp_path: Path, seeds_dir: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    env = dict(os.environ, COMPARE_CACHE_DIR=str(cache))
    # A user's shell sets none of these: the program must keep itself offline.
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        env.pop(name, None)
    two_short = sorted(seeds_dir.glob("*.txt"))[-2:]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, two_short)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["attempts"] == []
    assert report["claims"] >= 1
    assert any(cache.iterdir())  # the cache was empty and in use: the model really ran
