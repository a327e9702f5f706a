"""Write the ONNX models the driver test (driver.test) runs: `python make_models.py DIR`.

small.onnx: Conv -> Relu -> MaxPool -> Flatten -> Gemm with a symbolic batch and an
input name that is no SSA name; unsupported.onnx: two unsupported op types;
bad_node.onnx: a Conv whose weight does not fit its input.
"""

import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def save(path: Path, nodes, inputs, outputs, weights) -> None:
    graph = helper.make_graph(
        nodes, path.stem,
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in inputs.items()],
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in outputs],
        [numpy_helper.from_array(w, n) for n, w in weights.items()],
    )
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=8), path)


def main(out: Path) -> None:
    rng = np.random.default_rng(0)
    weights = {"conv.weight": rng.standard_normal((4, 3, 3, 3)).astype(np.float32),
               "fc.weight": rng.standard_normal((5, 64)).astype(np.float32),
               "fc.bias": rng.standard_normal(5).astype(np.float32)}
    save(out / "small.onnx", [
        helper.make_node("Conv", ["image:0", "conv.weight"], ["c"], name="conv", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["r"], name="relu"),
        helper.make_node("MaxPool", ["r"], ["p"], name="pool", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "fc.weight", "fc.bias"], ["logits"], name="fc", transB=1),
    ], {"image:0": ["batch", 3, 8, 8]}, ["logits"], weights)
    save(out / "unsupported.onnx", [
        helper.make_node("Erf", ["x"], ["a"], name="erf1"),
        helper.make_node("Erf", ["a"], ["b"], name="erf2"),
        helper.make_node("Resize", ["b", "", "scales"], ["y"], name="upsample"),
    ], {"x": [1, 3, 4, 4]}, ["y"], {"scales": np.array([1, 1, 2, 2], np.float32)})
    save(out / "bad_node.onnx", [
        helper.make_node("Conv", ["x", "conv.weight"], ["y"], name="conv_bad"),
    ], {"x": [1, 2, 8, 8]}, ["y"], {"conv.weight": weights["conv.weight"]})


if __name__ == "__main__":
    main(Path(sys.argv[1]))
