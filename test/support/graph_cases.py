"""Every graph op with its attribute variants, as small ready-to-build graphs.

`GRAPH_CASES` is the one list end-to-end tests iterate over (compiled code against the
reference evaluator); the variants themselves come from `op_cases.py`, shared with the
evaluator and lowering tests. A case builds its graph with a `GraphBuilder` (weights
seeded from the case id) and says how to draw its inputs (some ops need positive ones).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from op_cases import (
    BROADCAST_SHAPES,
    CONV_CASES,
    CONV_TRANSPOSE_CASES,
    GATHER_CASES,
    GEMM_CASES,
    MATMUL_CASES,
    POOL_CASES,
    REDUCE_AXES,
    RESHAPE_CASES,
)
from xdsl.ir import SSAValue

from mopc.dialects import graph as g
from mopc.frontend.builder import GraphBuilder


@dataclass(frozen=True)
class GraphCase:
    id: str
    inputs: tuple[tuple[int, ...], ...]
    build: Callable[[GraphBuilder, np.random.Generator, list[SSAValue]], SSAValue]
    low: float = -2.0  # inputs are drawn uniformly from [low, high)
    high: float = 2.0

    def module(self):
        """(module, builder, input arrays), all seeded by the case id."""
        rng = np.random.default_rng(zlib.crc32(self.id.encode()))
        b = GraphBuilder()
        values = [b.input(f"x{i}", shape) for i, shape in enumerate(self.inputs)]
        module = b.finish(self.build(b, rng, values))
        arrays = [rng.uniform(self.low, self.high, shape).astype(np.float32) for shape in self.inputs]
        return module, b, arrays


def _weight(b: GraphBuilder, rng: np.random.Generator, name: str, shape: Sequence[int], scale: float = 0.5):
    return b.param(name, (rng.standard_normal(shape) * scale).astype(np.float32))


def _conv(ws, bias, strides, pads, dilations, groups):
    def build(b, rng, xs):
        w = _weight(b, rng, "w", ws)
        bias_value = _weight(b, rng, "bias", (ws[0],)) if bias else None
        op = g.Conv2dOp(xs[0], w, bias_value, strides=strides, pads=pads, dilations=dilations, groups=groups)
        return b.add(op, name="conv")

    return build


def _conv_transpose(ws, bias, strides, pads, dilations, output_padding, groups):
    def build(b, rng, xs):
        w = _weight(b, rng, "w", ws)
        bias_value = _weight(b, rng, "bias", (ws[1] * groups,)) if bias else None
        op = g.ConvTranspose2dOp(xs[0], w, bias_value, strides=strides, pads=pads, dilations=dilations,
                                 output_padding=output_padding, groups=groups)
        return b.add(op, name="conv_transpose")

    return build


def _pool(op, kernel, strides, pads, dilations, ceil):
    return lambda b, rng, xs: b.add(op(xs[0], kernel=kernel, strides=strides, pads=pads,
                                        dilations=dilations, ceil_mode=ceil), name="pool")


def _gemm(c_shape, trans_a, trans_b, alpha, beta, b_shape):
    def build(b, rng, xs):
        weights = _weight(b, rng, "b", b_shape)
        c = _weight(b, rng, "c", c_shape) if c_shape is not None else None
        return b.add(g.GemmOp(xs[0], weights, c, trans_a=trans_a, trans_b=trans_b, alpha=alpha, beta=beta))

    return build


def _unary(op):
    return lambda b, rng, xs: b.add(op(xs[0]))


def _binary(op):
    return lambda b, rng, xs: b.add(op(xs[0], xs[1]))


def _cases() -> list[GraphCase]:
    cases: list[GraphCase] = []
    add = cases.append
    for name, xs, ws, bias, strides, pads, dilations, groups in CONV_CASES:
        add(GraphCase(f"conv-{name}", (xs,), _conv(ws, bias, strides, pads, dilations, groups)))
    for name, xs, ws, bias, strides, pads, dilations, out_pad, groups in CONV_TRANSPOSE_CASES:
        add(GraphCase(f"conv_transpose-{name}", (xs,),
                      _conv_transpose(ws, bias, strides, pads, dilations, out_pad, groups)))
    for name, xs, kernel, strides, pads, dilations, ceil in POOL_CASES:
        for op in (g.MaxPool2dOp, g.AvgPool2dOp):
            add(GraphCase(f"{op.name[6:]}-{name}", (xs,), _pool(op, kernel, strides, pads, dilations, ceil)))
    for op in (g.GlobalAvgPoolOp, g.GlobalMaxPoolOp):
        add(GraphCase(f"{op.name[6:]}", ((2, 3, 7, 9),), _unary(op)))
    for name, a, bs, c, ta, tb, alpha, beta in GEMM_CASES:
        add(GraphCase(f"gemm-{name}", (a,), _gemm(c, ta, tb, alpha, beta, bs)))
    for name, a, bs in MATMUL_CASES:
        add(GraphCase(f"matmul-{name}", (a, bs), _binary(g.MatmulOp)))
    for name, a, bs in BROADCAST_SHAPES:
        for op in (g.AddOp, g.SubOp, g.MulOp, g.DivOp, g.MaximumOp, g.MinimumOp):
            add(GraphCase(f"{op.name[6:]}-{name}", (a, bs), _binary(op)))
        add(GraphCase(f"pow-{name}", (a, bs), _binary(g.PowOp), low=0.5, high=2.0))
    for op in (g.ReluOp, g.SigmoidOp, g.TanhOp, g.ExpOp, g.NegOp, g.AbsOp):
        add(GraphCase(op.name[6:], ((3, 37),), _unary(op)))
    for op in (g.LogOp, g.SqrtOp):
        add(GraphCase(op.name[6:], ((3, 37),), _unary(op), low=0.1, high=4.0))
    add(GraphCase("leaky_relu", ((4, 37),), lambda b, rng, xs: b.add(g.LeakyReluOp(xs[0], 0.1))))
    add(GraphCase("clip", ((4, 37),), lambda b, rng, xs: b.add(g.ClipOp(xs[0], -0.5, 0.7))))
    add(GraphCase("clip-max-only", ((4, 37),), lambda b, rng, xs: b.add(g.ClipOp(xs[0], None, 0.3))))
    for axis in (0, 1):
        for op in (g.SoftmaxOp, g.LogSoftmaxOp):
            add(GraphCase(f"{op.name[6:]}-axis{axis}", ((5, 37),), lambda b, rng, xs, op=op, axis=axis: b.add(op(xs[0], axis))))

    def batch_norm(b, rng, xs):
        c = 4
        params = [_weight(b, rng, "scale", (c,)), _weight(b, rng, "bias", (c,)),
                  _weight(b, rng, "mean", (c,)),
                  b.param("var", rng.uniform(0.5, 1.5, c).astype(np.float32))]
        return b.add(g.BatchNormOp(xs[0], *params, 1e-5))

    add(GraphCase("batch_norm", ((2, 4, 5, 7),), batch_norm))
    for name, shape, axes in REDUCE_AXES:
        for op in (g.ReduceSumOp, g.ReduceMeanOp, g.ReduceMaxOp, g.ReduceMinOp):
            for keep in (False, True):
                add(GraphCase(f"{op.name[6:]}-{name}-{'keep' if keep else 'drop'}", (shape,),
                              lambda b, rng, xs, op=op, axes=axes, keep=keep: b.add(op(xs[0], axes, keep))))
    for name, src, dst in RESHAPE_CASES:
        add(GraphCase(f"reshape-{name}", (src,), lambda b, rng, xs, dst=dst: b.add(g.ReshapeOp(xs[0], dst))))
    add(GraphCase("flatten", ((2, 3, 4, 5),), lambda b, rng, xs: b.add(g.FlattenOp(xs[0], 2))))
    add(GraphCase("transpose", ((2, 3, 20),), lambda b, rng, xs: b.add(g.TransposeOp(xs[0], [2, 0, 1]))))
    add(GraphCase("transpose-last-two", ((3, 17, 5),), lambda b, rng, xs: b.add(g.TransposeOp(xs[0], [0, 2, 1]))))
    add(GraphCase("concat", ((2, 3), (2, 5), (2, 1)), lambda b, rng, xs: b.add(g.ConcatOp(xs, 1))))
    add(GraphCase("pad", ((2, 3, 20),), lambda b, rng, xs: b.add(g.PadOp(xs[0], [0, 1, 2, 0, -1, 3], 0.5))))
    add(GraphCase("slice", ((7, 20),), lambda b, rng, xs: b.add(g.SliceOp(xs[0], [-1, 2], [-100, 19], [0, 1], [-2, 3]))))
    for name, shape, axis, indices in GATHER_CASES:
        add(GraphCase(f"gather-{name}", (shape,),
                      lambda b, rng, xs, axis=axis, indices=indices: b.add(g.GatherOp(xs[0], axis, indices))))
    add(GraphCase("constant", ((3,),), lambda b, rng, xs: b.add(g.AddOp(xs[0], b.constant(np.array([1.0, -2.0, 3.5], np.float32))))))
    return cases


GRAPH_CASES = _cases()


def _chain_conv_bn_relu_pool(b, rng, xs):
    w = _weight(b, rng, "w", (8, 3, 3, 3))
    y = b.add(g.Conv2dOp(xs[0], w, pads=(1, 1, 1, 1)), name="conv")
    params = [_weight(b, rng, n, (8,)) for n in ("s", "b", "m")] + [b.param("v", rng.uniform(0.5, 1.5, 8).astype(np.float32))]
    y = b.add(g.BatchNormOp(y, *params), name="bn")
    y = b.add(g.ReluOp(y), name="relu")
    return b.add(g.MaxPool2dOp(y, kernel=(2, 2), strides=(2, 2)), name="pool")


def _chain_residual(b, rng, xs):
    x = xs[0]
    y = b.add(g.ReluOp(b.add(g.Conv2dOp(x, _weight(b, rng, "w1", (4, 4, 3, 3), 0.3), pads=(1, 1, 1, 1)))))
    y = b.add(g.Conv2dOp(y, _weight(b, rng, "w2", (4, 4, 3, 3), 0.3), _weight(b, rng, "b2", (4,)), pads=(1, 1, 1, 1)))
    return b.add(g.ReluOp(b.add(g.AddOp(y, x))))


def _chain_classifier(b, rng, xs):
    y = b.add(g.GlobalAvgPoolOp(xs[0]))
    y = b.add(g.FlattenOp(y, 1))
    y = b.add(g.GemmOp(y, _weight(b, rng, "fc", (10, 6)), _weight(b, rng, "fcb", (10,)), trans_b=True))
    return b.add(g.SoftmaxOp(y, 1))


def _chain_attention_like(b, rng, xs):
    scores = b.add(g.MatmulOp(xs[0], b.add(g.TransposeOp(xs[0], [1, 0]))))
    probs = b.add(g.SoftmaxOp(scores, 1))
    return b.add(g.MatmulOp(probs, xs[0]))


CHAIN_CASES = [
    GraphCase("conv-bn-relu-pool", ((1, 3, 12, 13),), _chain_conv_bn_relu_pool),
    GraphCase("residual-block", ((1, 4, 9, 9),), _chain_residual),
    GraphCase("pool-flatten-gemm-softmax", ((2, 6, 5, 5),), _chain_classifier),
    GraphCase("matmul-softmax-matmul", ((9, 20),), _chain_attention_like),
]
