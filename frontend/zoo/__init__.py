"""Reference models with seeded random weights (no downloads), for examples, tests and
benchmarks: built directly in the graph dialect (`resnet.py`) or as ONNX models with
onnx.helper (`resnet_onnx.py`)."""
