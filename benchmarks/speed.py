"""Speed (issue 5): warm and cold runs of `compare PATH --json`, their floors, the app's first paint.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/speed.py [--corpus seeds] [--repeat 5]

Every case runs as its own child process (wall time from spawn to exit, peak RSS of that child
via `os.wait4`), with `COMPARE_CACHE_DIR` pointed at a temporary folder so a user's cache is
never read or written. Prints one Markdown table; the figure is the median of the repeats.

- bare imports: `python -c "import numpy, rapidfuzz, textual"`: the warm target's yardstick.
- warm: `compare PATH --json` run again on the same folder: every embedding and the engine's
  whole result are cached (target <= 2x bare imports).
- warm, alignment recomputed: the same with a `--sensitivity` not run before, so only the
  embeddings are cached and the claims and relations are computed again.
- cold: the same with an empty cache folder each time, the model already exported to ONNX by
  the first run (issue 15 targets: <= 0.50x the torch floor, <= 1.30x the onnxruntime floor).
- torch floor: `benchmarks/floor.py`: import sentence-transformers, load the model, encode
  exactly the sentences the cold run embedded, in one call.
- onnxruntime floor: `benchmarks/floor_onnx.py`: import onnxruntime and tokenizers, load the
  exported model, encode the same sentences in batches of 64.
- first paint: `benchmarks/first_paint.py`: the Textual app, headless, from process start to
  its first displayed frame (target < 0.5 s warm), and to the claims being shown.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
HEAVY = ("torch", "transformers", "sentence_transformers")

# In-process CLI run that reports which heavy modules it imported (stdout kept out of the way).
IMPORT_CHECK = """
import contextlib, io, sys
from tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(",".join(m for m in {heavy!r} if m in sys.modules) or "none")
sys.exit(code)
"""


def compare_cmd(corpus: Path) -> list[str]:
    """The installed console script when present (what users run), else `python -m tui`."""
    script = Path(sys.executable).parent / "compare"
    head = [str(script)] if script.exists() else [sys.executable, "-m", "tui"]
    return head + [str(corpus), "--json"]


def base_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", COMPARE_CACHE_DIR=str(cache))
    # One model folder for every case: the ONNX export is made by the first run and reused, so a
    # "cold" run is a first run on a corpus after the machine's first ever run (empty caches).
    env["COMPARE_MODEL_DIR"] = str(cache.parent / "models")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def export_model_once(root: Path) -> None:
    """Make the model's one-time ONNX export (a machine's first ever run) into `root`/models, the
    folder `base_env` of any cache under `root` points at, so that no measured cold run pays it."""
    subprocess.run(
        [sys.executable, "-c", "from align.model.embed import shared_embedder; shared_embedder(False).encode(['x'])"],
        env=base_env(root / "export-cache"),
        cwd=REPO,
        check=True,
    )


def embedded_sentences(doc: dict, cache: Path) -> list[dict]:
    """The sentences a cold run embedded: those whose cache key the run wrote. Falls back to
    every non-boilerplate sentence if the cache cannot be read."""
    try:
        from align.model.embed import normalise_text
        from align.store.cache import FILE_NAME

        db = sqlite3.connect(f"{(cache / FILE_NAME).as_uri()}?mode=ro", uri=True)
        keys = {bytes(k) for (k,) in db.execute("SELECT key FROM vectors")}
        db.close()
    except Exception as exc:  # noqa: BLE001 - a benchmark may run against another engine
        print(f"speed: cache unreadable ({exc}); floor uses non-boilerplate sentences", file=sys.stderr)
        keys, normalise_text = None, None
    chosen: dict[str, dict] = {}
    for article in doc["articles"]:
        for s in article["sentences"]:
            if keys is None:
                if s["kind"] != "boilerplate":
                    chosen.setdefault(s["text"], {"article": article["id"], "text": s["text"]})
                continue
            text = normalise_text(s["text"])
            if hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest() in keys:
                chosen.setdefault(text, {"article": article["id"], "text": text})
    return list(chosen.values())


def fresh_cache(root: Path) -> Path:
    path = Path(tempfile.mkdtemp(prefix="cache-", dir=root))
    return path


def row(case: str, runs: list[float], rss: float | None, ratio: str, target: str, met: str) -> str:
    wall = f"{median(runs):.2f}" if runs else "—"
    spread = f"{min(runs):.2f}–{max(runs):.2f}" if len(runs) > 1 else "—"
    mem = f"{rss:.0f}" if rss is not None else "—"
    return f"| {case} | {len(runs)} | {wall} | {spread} | {mem} | {ratio} | {target} | {met} |"


def verdict(value: float, limit: float) -> str:
    return "yes" if value <= limit else "**no**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Warm/cold/first-paint timings of compare.")
    parser.add_argument("--corpus", type=Path, default=REPO / "seeds")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each fast case (cold: max(3, repeat-2))")
    parser.add_argument("--no-app", action="store_true", help="skip the first-paint case")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    root = Path(tempfile.mkdtemp(prefix="compare-speed-"))
    try:
        return measure(corpus, root, args.repeat, not args.no_app)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def measure(corpus: Path, root: Path, repeat: int, with_app: bool) -> int:
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    cold_repeat = max(3, repeat - 2)
    revision = harness.revision()  # before the runs: the checkout may move while they last
    warm_cache = fresh_cache(root)

    log("priming the warm cache (first cold run) ...")
    prime = harness.run(compare_cmd(corpus), env=base_env(warm_cache), cwd=root)
    if prime.returncode != 0:
        log(f"compare failed: {prime.stderr.strip()[-800:]}")
        return 1
    doc = json.loads(prime.stdout)
    sentences = embedded_sentences(doc, warm_cache)
    sentence_file = root / "sentences.json"
    sentence_file.write_text(json.dumps({"sentences": sentences}), encoding="utf-8")
    n_sentences = sum(len(a["sentences"]) for a in doc["articles"])

    log("bare imports and warm runs ...")
    bare_cmd = [sys.executable, "-c", "import numpy, rapidfuzz, textual"]
    bare, warm, recomputed = [], [], []
    for i in range(repeat):  # interleaved so drift hits all alike
        bare.append(harness.run(bare_cmd, env=base_env(warm_cache), cwd=root))
        warm.append(harness.run(compare_cmd(corpus), env=base_env(warm_cache), cwd=root))
        # A sensitivity not run before misses the engine's whole-result cache but finds every
        # embedding: the alignment work itself, without the model.
        recomputed.append(
            harness.run(
                compare_cmd(corpus) + ["--sensitivity", f"{0.51 + i / 100:.2f}"], env=base_env(warm_cache), cwd=root
            )
        )
    check = harness.run(
        [sys.executable, "-c", IMPORT_CHECK.format(heavy=HEAVY), str(corpus), "--json"],
        env=base_env(warm_cache),
        cwd=root,
    )
    heavy_warm = (
        check.stdout.strip().splitlines()[-1] if check.stdout.strip() else f"check failed: {check.stderr[-200:]}"
    )

    log("cold runs and floor ...")
    empty_file = root / "no-sentences.json"
    empty_file.write_text(json.dumps({"sentences": []}), encoding="utf-8")
    cold, floor, load_only, onnx_floor = [], [], [], []
    for _ in range(cold_repeat):
        load_only.append(
            harness.run([sys.executable, str(HERE / "floor.py"), str(empty_file)], env=base_env(warm_cache), cwd=root)
        )
        cache = fresh_cache(root)
        cold.append(harness.run(compare_cmd(corpus), env=base_env(cache), cwd=root))
        floor.append(
            harness.run([sys.executable, str(HERE / "floor.py"), str(sentence_file)], env=base_env(cache), cwd=root)
        )
        onnx_floor.append(
            harness.run(
                [sys.executable, str(HERE / "floor_onnx.py"), str(sentence_file)], env=base_env(cache), cwd=root
            )
        )
    for r in bare + warm + recomputed + cold + floor + load_only + onnx_floor:
        if r.returncode != 0:
            log(f"a case failed: {r.stderr.strip()[-800:]}")
            return 1

    paints: dict[str, list[dict]] = {"warm": [], "cold": []}
    if with_app:
        log("first paint ...")
        for i in range(repeat):
            for kind in ("warm", "cold") if i < cold_repeat else ("warm",):
                cache = warm_cache if kind == "warm" else fresh_cache(root)
                t0 = time.time()
                r = harness.run(
                    [sys.executable, str(HERE / "first_paint.py"), repr(t0), str(corpus)],
                    env=base_env(cache),
                    cwd=root,
                    timeout=600,
                )
                try:
                    paints[kind].append(json.loads(r.stdout.strip().splitlines()[-1]))
                except (json.JSONDecodeError, IndexError):
                    log(f"first paint ({kind}) failed: {r.stderr.strip()[-800:]}")
                    return 1

    walls = lambda runs: [r.wall for r in runs]  # noqa: E731
    b, w, c, f, load, fo = (median(walls(x)) for x in (bare, warm, cold, floor, load_only, onnx_floor))
    print(
        f"Commit `{revision}`. Corpus: `{corpus.name}/` ({len(doc['articles'])} articles, {n_sentences} sentences, "
        f"{len(sentences)} distinct sentences embedded on a cold run; {len(doc['claims'])} claims)."
    )
    print()
    print("| case | runs | median s | range s | peak RSS MB | ratio | target | met |")
    print("| --- | ---: | ---: | ---: | ---: | --- | --- | --- |")
    print(row("bare `import numpy, rapidfuzz, textual`", walls(bare), harness.max_rss(bare), "1.00", "", ""))
    print(
        row(
            "warm `compare PATH --json`",
            walls(warm),
            harness.max_rss(warm),
            f"{w / b:.2f}× bare",
            "<= 2× bare",
            verdict(w / b, 2.0),
        )
    )
    print(
        row(
            "warm, alignment recomputed (new `--sensitivity`)",
            walls(recomputed),
            harness.max_rss(recomputed),
            f"{median(walls(recomputed)) / b:.2f}× bare",
            "",
            "",
        )
    )
    print(
        row("load model only (import + load, encode nothing)", walls(load_only), harness.max_rss(load_only), "", "", "")
    )
    print(
        row(
            "torch floor: import sentence-transformers, load, encode once",
            walls(floor),
            harness.max_rss(floor),
            "1.00",
            "",
            "",
        )
    )
    print(
        row(
            "onnxruntime floor: import onnxruntime + tokenizers, load, encode once",
            walls(onnx_floor),
            harness.max_rss(onnx_floor),
            f"{fo / f:.2f}× torch floor",
            "",
            "",
        )
    )
    print(
        row(
            "cold `compare PATH --json` (empty caches, model exported)",
            walls(cold),
            harness.max_rss(cold),
            f"{c / f:.2f}× torch floor",
            "<= 0.50× torch floor",
            verdict(c / f, 0.5),
        )
    )
    print(
        row(
            "cold `compare PATH --json`, against the onnxruntime floor",
            walls(cold),
            None,
            f"{c / fo:.2f}× onnxruntime floor",
            "<= 1.30× onnxruntime floor",
            verdict(c / fo, 1.3),
        )
    )
    for kind in ("warm", "cold"):
        marks = paints[kind]
        if not marks:
            continue
        fp = [m["first_paint"] for m in marks]
        shown = [m["claims_shown"] for m in marks]
        target = "< 0.5 s" if kind == "warm" else "usable while the model loads"
        met = verdict(median(fp), 0.5) if kind == "warm" else ("yes" if median(fp) < median(shown) else "**no**")
        print(row(f"app first paint ({kind} cache)", fp, None, "", target, met))
        print(
            row(
                f"app claims shown ({kind} cache)",
                shown,
                None,
                f"{median(shown) / (w if kind == 'warm' else c):.2f}× CLI {kind}",
                "",
                "",
            )
        )
    print()
    per_sentence = (f - load) / max(1, len(sentences)) * 1000
    print(
        f"Encoding cost on this machine: (floor − load) / sentences = {per_sentence:.1f} ms per "
        f"sentence ({1000 / per_sentence if per_sentence > 0 else float('nan'):.0f} sentences/s)."
    )
    print()
    print(f"Warm run imports of torch / transformers / sentence-transformers: **{heavy_warm}** (must be none).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
