"""ONNX models into the graph dialect (`import_model`).

    from mopc.frontend.onnx import import_model
    module, ctx = import_model("resnet18.onnx", input_shapes={"input": (1, 3, 224, 224)})

Files: `model.py` (reading, opset normalisation, input shapes), `importer.py` (the walk
over the nodes), `folding.py` (constant folding with NumPy), `ops/` (one converter per
ONNX op type, by family), `node.py` and `state.py` (what converters see), `names.py`
and `errors.py` (IR names, located errors), `backend.py` (an `onnx.backend` Backend) and
`conformance/` (which cases of onnx's backend test suite mopc runs, the reasons for the
ones it fails, and the `real` models made numeric; docs/onnx-coverage.md).
"""

from mopc.frontend.onnx.importer import SUPPORTED_OPS, ImportedModel, import_model, import_onnx

__all__ = ["SUPPORTED_OPS", "ImportedModel", "import_model", "import_onnx"]
