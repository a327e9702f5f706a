"""Every supported ONNX op and its attribute variants, one small model each, imported
and run by the reference evaluator and by code compiled for this CPU, both against
onnxruntime (test/support/onnx_models.py). Opset-dependent forms are in test_opsets.py.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from support.onnx_models import Case, Rand, check_against_onnxruntime, i64

X4 = (2, 3, 9, 8)


def _conv_cases() -> list[Case]:
    w = Rand((4, 3, 3, 3))
    return [
        Case("conv", "Conv", [("x", X4), ("w", w)]),
        Case("conv-bias-pads", "Conv", [("x", X4), ("w", w), ("b", Rand((4,)))], {"pads": [1, 1, 1, 1]}),
        Case("conv-asym-pads-strides", "Conv", [("x", X4), ("w", Rand((4, 3, 3, 2)))],
             {"pads": [0, 1, 2, 0], "strides": [2, 3], "kernel_shape": [3, 2]}),
        Case("conv-dilations", "Conv", [("x", X4), ("w", w)], {"dilations": [2, 1], "pads": [2, 1, 2, 1]}),
        Case("conv-group2", "Conv", [("x", (1, 4, 7, 7)), ("w", Rand((6, 2, 3, 3))), ("b", Rand((6,)))],
             {"group": 2}),
        Case("conv-depthwise", "Conv", [("x", (1, 4, 7, 7)), ("w", Rand((4, 1, 3, 3)))],
             {"group": 4, "pads": [1, 1, 1, 1]}),
        Case("conv-same-upper", "Conv", [("x", (1, 3, 7, 8)), ("w", w)], {"auto_pad": "SAME_UPPER", "strides": [2, 2]}),
        Case("conv-same-lower", "Conv", [("x", (1, 3, 7, 8)), ("w", Rand((4, 3, 4, 4)))], {"auto_pad": "SAME_LOWER"}),
        Case("conv-valid", "Conv", [("x", X4), ("w", w)], {"auto_pad": "VALID", "strides": [2, 1]}),
        Case("conv-weight-input", "Conv", [("x", (1, 3, 6, 6)), ("w", (4, 3, 3, 3)), ("b", (4,))]),
        Case("conv1d", "Conv", [("x", (2, 3, 11)), ("w", Rand((4, 3, 3))), ("b", Rand((4,)))],
             {"pads": [1, 2], "strides": [2]}),
        Case("conv1d-dilation-group", "Conv", [("x", (1, 4, 12)), ("w", Rand((2, 2, 3)))],
             {"dilations": [2], "group": 2}),
        Case("conv1d-same-upper", "Conv", [("x", (1, 3, 10)), ("w", Rand((2, 3, 4)))],
             {"auto_pad": "SAME_UPPER", "strides": [3]}),
    ]


def _conv_transpose_cases() -> list[Case]:
    x, w = (1, 4, 4, 5), Rand((4, 3, 3, 3))
    return [
        Case("convt", "ConvTranspose", [("x", x), ("w", w)]),
        Case("convt-stride-outpad-bias", "ConvTranspose", [("x", x), ("w", w), ("b", Rand((3,)))],
             {"strides": [2, 2], "output_padding": [1, 0]}),
        Case("convt-pads", "ConvTranspose", [("x", x), ("w", w)], {"strides": [2, 3], "pads": [1, 0, 1, 2]}),
        Case("convt-dilations", "ConvTranspose", [("x", x), ("w", Rand((4, 2, 2, 3)))], {"dilations": [2, 2]}),
        Case("convt-group2", "ConvTranspose", [("x", x), ("w", Rand((4, 2, 3, 3))), ("b", Rand((4,)))],
             {"group": 2, "strides": [2, 2]}),
        Case("convt-output-shape", "ConvTranspose", [("x", x), ("w", w)],
             {"strides": [2, 2], "output_shape": [8, 10]}),
        Case("convt-same-upper", "ConvTranspose", [("x", (1, 4, 3, 3)), ("w", w)],
             {"strides": [2, 2], "auto_pad": "SAME_UPPER"}),
        Case("convt-same-lower", "ConvTranspose", [("x", (1, 4, 3, 3)), ("w", w)],
             {"strides": [2, 2], "auto_pad": "SAME_LOWER"}),
        Case("convt1d", "ConvTranspose", [("x", (2, 4, 6)), ("w", Rand((4, 2, 3)))], {"strides": [2], "pads": [1, 0]}),
    ]


def _bn_cases() -> list[Case]:
    def params(c: int) -> list[tuple[str, Any]]:
        return [("scale", Rand((c,))), ("bias", Rand((c,))), ("mean", Rand((c,))),
                ("var", Rand((c,), 0.5, 1.5))]

    return [
        Case("bn", "BatchNormalization", [("x", X4), *params(3)]),
        Case("bn-epsilon-opset9", "BatchNormalization", [("x", X4), *params(3)], {"epsilon": 1e-2}, opset=9),
        Case("bn-2d", "BatchNormalization", [("x", (5, 6)), *params(6)]),
        Case("bn-3d", "BatchNormalization", [("x", (2, 4, 7)), *params(4)], opset=15),
        # composed of graph ops (onnxruntime's LRN takes odd sizes on 4-D inputs only)
        Case("lrn", "LRN", [("x", (1, 5, 3, 3))], {"size": 5, "alpha": 1e-2}, low=-4, high=4),
        Case("lrn-attrs", "LRN", [("x", (2, 6, 3, 4))], {"size": 3, "alpha": 0.1, "beta": 0.5, "bias": 2.0}),
        Case("instancenorm", "InstanceNormalization", [("x", X4), ("s", Rand((3,))), ("b", Rand((3,)))],
             {"epsilon": 1e-3}),
        Case("instancenorm-1d", "InstanceNormalization", [("x", (2, 3, 7)), ("s", Rand((3,))), ("b", Rand((3,)))]),
    ]


def _elementwise_cases() -> list[Case]:
    x = (3, 4, 5)
    cases = [Case(op.lower(), op, [("x", x)]) for op in ("Relu", "Sigmoid", "Tanh", "Exp", "Neg", "Abs")]
    cases += [Case(op.lower(), op, [("x", x)], low=0.1, high=3.0) for op in ("Log", "Sqrt")]
    cases += [
        Case("leakyrelu-default", "LeakyRelu", [("x", x)]),
        Case("leakyrelu-alpha", "LeakyRelu", [("x", x)], {"alpha": 0.3}),
        Case("prelu-channel", "PRelu", [("x", (2, 3, 4, 4)), ("slope", Rand((3, 1, 1)))]),
        Case("hardsigmoid", "HardSigmoid", [("x", x)], low=-4, high=4),
        Case("hardsigmoid-attrs", "HardSigmoid", [("x", x)], {"alpha": 0.3, "beta": 0.4}, low=-4, high=4),
        Case("hardswish", "HardSwish", [("x", x)], opset=14, low=-5, high=5),
        Case("clip-both", "Clip", [("x", x), ("lo", np.array(-0.5, np.float32)), ("hi", np.array(0.7, np.float32))]),
        Case("clip-min-only", "Clip", [("x", x), ("lo", np.array(0.1, np.float32))]),
        Case("clip-max-only", "Clip", [("x", x), ("lo", None), ("hi", np.array(0.2, np.float32))]),
        Case("clip-none", "Clip", [("x", x)]),
        Case("clip-min-above-max", "Clip", [("x", x), ("lo", np.array(1.0, np.float32)), ("hi", np.array(-1.0, np.float32))]),
    ]
    for op in ("Add", "Sub", "Mul", "Div"):
        cases.append(Case(f"{op.lower()}-broadcast", op, [("a", (2, 3, 4)), ("b", (3, 1))], low=0.5))
        cases.append(Case(f"{op.lower()}-initializer", op, [("a", (2, 3)), ("b", Rand((3,), 0.5, 1.5))]))
    cases += [
        Case("pow", "Pow", [("a", (3, 4)), ("b", (4,))], low=0.5, high=2.0),
        Case("pow-scalar-exponent", "Pow", [("a", (3, 4)), ("b", np.array(2.0, np.float32))]),
        Case("pow-int-exponent", "Pow", [("a", (3, 4)), ("b", np.array(3, np.int64))]),
    ]
    for op in ("Sum", "Max", "Min"):
        cases.append(Case(f"{op.lower()}-one", op, [("a", (3, 4))]))
        cases.append(Case(f"{op.lower()}-three-broadcast", op, [("a", (2, 3, 4)), ("b", (4,)), ("c", (3, 1))]))
    return cases


def _pool_cases() -> list[Case]:
    cases = []
    for op in ("MaxPool", "AveragePool"):
        name = op.lower()
        cases += [
            Case(f"{name}", op, [("x", X4)], {"kernel_shape": [2, 2]}),
            Case(f"{name}-strides-pads", op, [("x", X4)], {"kernel_shape": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1]}),
            Case(f"{name}-asym-pads", op, [("x", X4)], {"kernel_shape": [3, 2], "strides": [1, 2], "pads": [0, 1, 2, 0]}),
            Case(f"{name}-ceil", op, [("x", X4)], {"kernel_shape": [3, 3], "strides": [2, 2], "ceil_mode": 1}),
            Case(f"{name}-same-upper", op, [("x", X4)], {"kernel_shape": [3, 3], "strides": [2, 2], "auto_pad": "SAME_UPPER"}),
            Case(f"{name}-same-lower", op, [("x", X4)], {"kernel_shape": [2, 2], "auto_pad": "SAME_LOWER"}),
            Case(f"{name}-valid", op, [("x", X4)], {"kernel_shape": [2, 3], "strides": [2, 2], "auto_pad": "VALID"}),
            Case(f"{name}-1d", op, [("x", (2, 3, 11))], {"kernel_shape": [3], "strides": [2], "pads": [1, 1]}),
        ]
    cases += [
        Case("maxpool-dilations", "MaxPool", [("x", X4)], {"kernel_shape": [2, 2], "dilations": [2, 2], "pads": [1, 1, 0, 0]}),
        Case("averagepool-count-include-pad", "AveragePool", [("x", X4)],
             {"kernel_shape": [3, 3], "pads": [1, 1, 1, 1], "count_include_pad": 1}),
        Case("averagepool-ceil-include-pad", "AveragePool", [("x", X4)],
             {"kernel_shape": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1], "ceil_mode": 1, "count_include_pad": 1}),
        Case("averagepool-dilations-opset19", "AveragePool", [("x", X4)],
             {"kernel_shape": [2, 2], "dilations": [2, 1]}, opset=19),
        Case("globalaveragepool", "GlobalAveragePool", [("x", X4)]),
        Case("globalmaxpool", "GlobalMaxPool", [("x", X4)]),
        Case("globalaveragepool-1d", "GlobalAveragePool", [("x", (2, 3, 7))]),
        Case("globalmaxpool-1d", "GlobalMaxPool", [("x", (2, 3, 7))]),
    ]
    return cases


def _linalg_cases() -> list[Case]:
    return [
        Case("gemm", "Gemm", [("a", (3, 5)), ("b", Rand((5, 4)))]),
        Case("gemm-transb-bias", "Gemm", [("a", (2, 5)), ("b", Rand((4, 5))), ("c", Rand((4,)))], {"transB": 1}),
        Case("gemm-transa-alpha-beta", "Gemm", [("a", (5, 3)), ("b", (5, 4)), ("c", Rand((3, 4)))],
             {"transA": 1, "alpha": 0.5, "beta": -2.0}),
        Case("gemm-scalar-c", "Gemm", [("a", (3, 5)), ("b", Rand((5, 4))), ("c", np.array(0.3, np.float32))]),
        Case("matmul", "MatMul", [("a", (3, 5)), ("b", (5, 4))]),
        Case("matmul-batched-broadcast", "MatMul", [("a", (2, 1, 3, 5)), ("b", (4, 5, 2))]),
        Case("matmul-vector", "MatMul", [("a", (5,)), ("b", (2, 5, 3))]),
        Case("matmul-weight", "MatMul", [("a", (2, 3, 5)), ("b", Rand((5, 6)))]),
    ]


def _shape_cases() -> list[Case]:
    x = (2, 3, 4, 5)
    return [
        Case("flatten-default", "Flatten", [("x", x)]),
        Case("flatten-axis0", "Flatten", [("x", x)], {"axis": 0}),
        Case("flatten-axis-negative", "Flatten", [("x", x)], {"axis": -1}),
        Case("reshape-zero-minus-one", "Reshape", [("x", x), ("s", i64(0, -1, 5))]),
        Case("reshape-allowzero", "Reshape", [("x", x), ("s", i64(6, 20))], {"allowzero": 1}, opset=14),
        Case("transpose-default", "Transpose", [("x", x)]),
        Case("transpose-perm", "Transpose", [("x", x)], {"perm": [0, 2, 3, 1]}),
        Case("concat-axis1", "Concat", [("a", (2, 3, 4)), ("b", (2, 1, 4)), ("c", Rand((2, 2, 4)))], {"axis": 1}),
        Case("concat-axis-negative", "Concat", [("a", (2, 3)), ("b", (2, 4))], {"axis": -1}),
        Case("squeeze-axes", "Squeeze", [("x", (1, 3, 1, 5)), ("axes", i64(0, -2))]),
        Case("squeeze-all", "Squeeze", [("x", (1, 3, 1, 5))]),
        Case("unsqueeze", "Unsqueeze", [("x", (3, 5)), ("axes", i64(0, -1))]),
        Case("slice", "Slice", [("x", x), ("starts", i64(1, 0)), ("ends", i64(3, -1)), ("axes", i64(2, 3))]),
        Case("slice-steps-negative", "Slice", [("x", x), ("starts", i64(-1, 0)), ("ends", i64(-1000, 9223372036854775807)),
                                               ("axes", i64(-1, 1)), ("steps", i64(-2, 2))]),
        Case("slice-defaults", "Slice", [("x", x), ("starts", i64(1)), ("ends", i64(2))]),
        Case("pad", "Pad", [("x", x), ("pads", i64(0, 0, 1, 2, 0, 0, 2, 1))]),
        Case("pad-value-negative", "Pad", [("x", x), ("pads", i64(0, 1, -1, 0, 0, 0, 2, -2)),
                                           ("v", np.array(1.5, np.float32))]),
        Case("pad-axes-opset18", "Pad", [("x", x), ("pads", i64(1, 2, 3, 0)), ("v", None), ("axes", i64(-1, 1))],
             opset=18),
        Case("gather-scalar", "Gather", [("x", x), ("i", np.array(-2, np.int64))], {"axis": 1}),
        Case("gather-vector", "Gather", [("x", x), ("i", i64(3, 0, 0, 2))], {"axis": 2}),
        Case("gather-matrix", "Gather", [("x", (5, 4)), ("i", np.array([[4, 0], [1, -1], [2, 2]], np.int64))]),
        Case("identity", "Identity", [("x", x)]),
        Case("dropout-ratio", "Dropout", [("x", x), ("r", np.array(0.3, np.float32))]),
        Case("cast-float", "Cast", [("x", x)], {"to": 1}),
    ]


def _reduction_cases() -> list[Case]:
    x = (2, 3, 4, 5)
    cases = []
    for op in ("ReduceMean", "ReduceSum", "ReduceMax"):
        name = op.lower()
        cases += [
            Case(f"{name}-axes-keepdims", op, [("x", x), ("axes", i64(1, -1))], opset=18),
            Case(f"{name}-axes-drop", op, [("x", x), ("axes", i64(2))], {"keepdims": 0}, opset=18),
            Case(f"{name}-all", op, [("x", x)], {"keepdims": 0}, opset=18),
            Case(f"{name}-noop", op, [("x", x)], {"noop_with_empty_axes": 1}, opset=18),
        ]
    for op in ("Softmax", "LogSoftmax"):
        cases += [
            Case(f"{op.lower()}-default", op, [("x", (3, 4, 5))]),
            Case(f"{op.lower()}-axis1", op, [("x", (3, 4, 5))], {"axis": 1}),
        ]
    return cases


CASES = [*_conv_cases(), *_conv_transpose_cases(), *_bn_cases(), *_elementwise_cases(),
         *_pool_cases(), *_linalg_cases(), *_shape_cases(), *_reduction_cases()]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_op(case: Case):
    check_against_onnxruntime(case.model(), low=case.low, high=case.high)
