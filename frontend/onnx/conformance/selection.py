"""Which cases of onnx's backend test suite mopc runs: the node cases of the CNN op set
(issue 5's list), their `_expanded` function-body variants where those use only ops
mopc converts, and the `pytorch-converted` / `pytorch-operator` modules built from the
op set (the multi-channel, grouped, dilated and 1-D/3-D convolutions live there).

Node cases are chosen by name (`NODE_CASES`: one pattern per op, as onnx-mlir and
onnxruntime list them), which keeps the suite from generating the 1884 node models
twice; model-directory cases by the ops their models use (`model_ops`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import onnx

OP_SET = (
    "Conv", "BatchNormalization", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Clip", "MaxPool",
    "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Gemm", "MatMul", "Add", "Sub", "Mul",
    "Div", "Pow", "Sum", "Max", "Min", "Exp", "Log", "Sqrt", "Neg", "Abs", "Flatten", "Reshape",
    "Transpose", "Concat", "Squeeze", "Unsqueeze", "Slice", "Pad", "Softmax", "LogSoftmax",
    "ReduceMean", "ReduceSum", "ReduceMax", "Identity", "Dropout", "Constant", "Shape", "Gather",
    "ConvTranspose",
)
"""The ops whose conformance issue 5 asks for."""

NODE_CASES: dict[str, str] = {
    "Conv": r"(basic_)?conv_with_\w+|basic_conv_without_padding",
    "ConvTranspose": r"convtranspose(_\w+)?",
    "BatchNormalization": r"batchnorm_\w+",
    "Relu": r"relu(_expanded_ver18)?",
    "LeakyRelu": r"leakyrelu(_\w+)?",
    "Sigmoid": r"sigmoid(_example)?",
    "Tanh": r"tanh(_example)?",
    "Clip": r"clip(_\w+)?",
    "MaxPool": r"maxpool_\w+",
    "AveragePool": r"averagepool_\w+",
    "GlobalAveragePool": r"globalaveragepool(_precomputed)?",
    "GlobalMaxPool": r"globalmaxpool(_precomputed)?",
    "Gemm": r"gemm_\w+",
    "MatMul": r"matmul_(1d_1d|1d_3d|2d|3d|4d|4d_1d|bcast)",
    "Add": r"add(_bcast|_u?int\d+)?",
    "Sub": r"sub(_bcast|_example|_u?int\d+)?",
    "Mul": r"mul(_bcast|_example|_u?int\d+)?",
    "Div": r"div(_bcast|_example|_u?int\d+|_int32_trunc)?",
    "Pow": r"pow(_bcast_array|_bcast_scalar|_example|_types_\w+)?",
    "Sum": r"sum_(example|one_input|two_inputs)",
    "Max": r"max_(example|one_input|two_inputs|float\d+|u?int\d+)",
    "Min": r"min_(example|one_input|two_inputs|float\d+|u?int\d+)",
    "Exp": r"exp(_example)?",
    "Log": r"log(_example)?",
    "Sqrt": r"sqrt(_example)?",
    "Neg": r"neg(_example)?",
    "Abs": r"abs",
    "Flatten": r"flatten_\w+",
    "Reshape": r"reshape_\w+",
    "Transpose": r"transpose_(default|all_permutations_\d)",
    "Concat": r"concat_\dd_axis_\w+",
    "Squeeze": r"squeeze(_negative_axes)?",
    "Unsqueeze": r"unsqueeze_\w+",
    "Slice": r"slice(_default_axes|_default_steps|_end_out_of_bounds|_neg|_neg_steps"
             r"|_negative_axes|_start_out_of_bounds)?",
    "Pad": r"(constant|edge|reflect|wrap)_pad(_axes|_negative_axes)?",
    "Softmax": r"softmax_(axis_\d|default_axis|example|large_number|negative_axis)(_expanded\w*)?",
    "LogSoftmax": r"logsoftmax_(axis_\d|default_axis|example_1|large_number|negative_axis)"
                  r"(_expanded\w*)?",
    "ReduceMean": r"reduce_mean_\w+",
    "ReduceSum": r"reduce_sum_(?!square)\w+",
    "ReduceMax": r"reduce_max_\w+",
    "Identity": r"identity(_opt|_sequence)?",
    "Dropout": r"(training_)?dropout_?\w*",
    "Constant": r"constant",
    "Shape": r"shape(_\w+)?",
    "Gather": r"gather_(0|1|2d_indices|negative_indices)",
}
"""Per op, the node cases' names (without `test_` and the device suffix)."""

NOT_IN_SCOPE: dict[str, str] = {
    r"test_(clip|leakyrelu)\w*_expanded": "the expanded form uses Less and Where, outside the op set "
                                          "(mopc computes them only at import time)",
}
"""Node cases that the patterns match but that exercise ops outside the set."""

MODEL_KINDS = ("pytorch-converted", "pytorch-operator")
"""Model-directory kinds whose cases are in scope when their models use only `OP_SET`."""

DATA_DIR = Path(onnx.__file__).parent / "backend" / "test" / "data"


def node_pattern() -> str:
    """One regex matching every node case in scope (with its `_cpu` suffix)."""
    return rf"^test_({'|'.join(f'(?:{p})' for p in NODE_CASES.values())})_cpu$"


def node_op(name: str) -> str | None:
    """The op a node case (`test_..._cpu` or bare) exercises, if it is in scope."""
    bare = re.sub(r"_(cpu|cuda)$", "", name).removeprefix("test_")
    if any(re.match(p, f"test_{bare}") for p in NOT_IN_SCOPE):
        return None
    return next((op for op, p in NODE_CASES.items() if re.fullmatch(p, bare)), None)


@cache
def model_ops(kind: str, name: str) -> frozenset[str]:
    """The op types of a model-directory case (`kind/name/model.onnx`)."""
    model = onnx.load(DATA_DIR / kind / name / "model.onnx", load_external_data=False)
    return frozenset(n.op_type for n in model.graph.node)


def model_cases(kind: str) -> list[str]:
    """The cases of a model-directory kind whose models use only ops of the set."""
    return sorted(d.name for d in (DATA_DIR / kind).iterdir()
                  if (d / "model.onnx").is_file() and model_ops(kind, d.name) <= set(OP_SET))
