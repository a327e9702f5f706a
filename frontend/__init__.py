"""Ways into mopc: a Python graph builder (`builder.py`) today; ONNX import
(`frontend/onnx`) arrives with the ONNX issue. Every frontend produces graph-dialect IR
with locations that name the model's nodes."""
