"""onnx's backend test suite as mopc's conformance suite: `selection.py` (the cases in
scope), `expected_failures.py` (those mopc does not pass, with the reason) and
`real_models.py` (the `real` models with random weights, onnxruntime as the oracle).
The tests are in test/frontend/onnx/conformance/; `python -m mopc.tools.onnx_coverage`
writes docs/onnx-coverage.md."""
