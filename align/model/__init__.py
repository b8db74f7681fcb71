"""What runs a model: texts in, numbers out.

Takes sentences; gives their vectors from the packaged all-MiniLM-L6-v2 (`embed`, through the
ONNX export of `onnx_model` or sentence-transformers), cached in the store. The only stage that
loads model weights; the deciding stages receive its vectors from the pipeline, never import it.
"""
