"""The cold-start floor of the onnxruntime path: import onnxruntime and tokenizers, load the
exported model, encode once.

    python benchmarks/floor_onnx.py SENTENCES.json

Uses the model file a first run exported (`align.model.onnx_model.model_file`, in `$COMPARE_MODEL_DIR`
or the cache folder) and encodes the given sentences in batches of 64, as the engine does: the
least a run through onnxruntime that must embed these sentences can cost.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from align.model import embed, onnx_model  # light: neither imports onnxruntime nor torch at import

texts = [s["text"] for s in json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["sentences"]]
model = onnx_model.OnnxModel(onnx_model.model_file(embed.model_identity(), embed.MODEL_NAME), embed.model_path())
rows = [model.encode(texts[i : i + embed.BATCH_SIZE]) for i in range(0, len(texts), embed.BATCH_SIZE)]
print(json.dumps({"sentences": len(texts), "batches": len(rows)}))
