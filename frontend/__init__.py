"""Ways into mopc: a Python graph builder (`builder.py`) and ONNX import
(`frontend/onnx`, `import_model`); `zoo/` holds reference models built with either.
Every frontend produces graph-dialect IR with locations that name the model's nodes."""
