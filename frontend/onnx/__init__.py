"""ONNX models into the graph dialect (`import_model`).

    from mopc.frontend.onnx import import_model
    module, ctx = import_model("resnet18.onnx", input_shapes={"input": (1, 3, 224, 224)})

Files: `model.py` (reading, opset normalisation, input shapes), `importer.py` (the walk
over the nodes), `folding.py` (constant folding with NumPy), `ops/` (one converter per
ONNX op type, by family), `node.py` and `state.py` (what converters see), `names.py`
and `errors.py` (IR names, located errors).
"""

from mopc.frontend.onnx.importer import SUPPORTED_OPS, import_model

__all__ = ["SUPPORTED_OPS", "import_model"]
