"""Memory of the encoder on long texts: peak RSS and seconds, short sentences then long ones.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/encode_memory.py

Attention's memory grows with the batch times the square of its longest text, and onnxruntime's
memory arena keeps its peak for the life of the process: one `compare batch` worker that met a
story of long sentences kept that memory for every story after. The script encodes, in one
process and without the embedding cache, 512 short sentences, then 128 texts of the model's full
256 tokens, then the short ones again, and prints the process's resident memory after each step.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    from align.model.embed import SentenceEmbedder

    process = psutil.Process()
    encoder = SentenceEmbedder(use_cache=False)
    short = [f"Short sentence number {n} about the story." for n in range(512)]
    long = [f"word{n} " * 230 for n in range(128)]  # cut to 256 tokens by the model
    print("| step | texts | seconds | resident MB after |")
    print("| --- | ---: | ---: | ---: |")
    for name, texts in (("short sentences", short), ("texts of 256 tokens", long), ("short again", short[::-1])):
        start = time.perf_counter()
        encoder.encode(texts)
        print(
            f"| {name} | {len(texts)} | {time.perf_counter() - start:.2f} | {process.memory_info().rss / 2**20:.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
