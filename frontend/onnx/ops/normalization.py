"""Normalisations: BatchNormalization (inference, a graph op), and LRN and
InstanceNormalization composed of graph ops."""

from __future__ import annotations

import math

from xdsl.ir import SSAValue

from mopc.dialects import graph as g
from mopc.frontend.onnx.node import Node


def batch_norm(n: Node) -> SSAValue:
    """Inference mode only: the running mean and variance normalise the input."""
    if n.attr("training_mode", 0):
        raise n.error("training_mode=1 is not supported (inference only)")
    if n.opset < 9 and n.attr("spatial", 1) == 0:
        raise n.error("spatial=0 (per-element statistics) is not supported")
    x, scale, bias, mean, var = (n.input(i) for i in range(5))
    return n.add(g.BatchNormOp(x, scale, bias, mean, var, float(n.attr("epsilon", 1e-5))))


def lrn(n: Node) -> SSAValue:
    """`x / (bias + alpha/size * sum of x^2 over `size` neighbouring channels)^beta`.
    The channel-window sum is an average pooling (count_include_pad, so it always
    divides by `size`) over the channels of `[N, 1, C, rest]`."""
    size = int(n.attr("size"))
    alpha, beta, bias = (float(n.attr(k, d)) for k, d in (("alpha", 1e-4), ("beta", 0.75), ("bias", 1.0)))
    x = n.input(0)
    dims = n.shape(0)
    if len(dims) < 2:
        raise n.error(f"the input must have rank >= 2 (N, C, ...), got shape {list(dims)}")
    rows = n.add(g.ReshapeOp(n.add(g.MulOp(x, x)), (dims[0], 1, dims[1], math.prod(dims[2:]))))
    before, after = (size - 1) // 2, size // 2  # floor and ceil of (size - 1) / 2
    mean = n.add(g.AvgPool2dOp(rows, kernel=(size, 1), pads=(before, 0, after, 0),
                               count_include_pad=True))
    scaled = n.add(g.AddOp(n.add(g.MulOp(n.add(g.ReshapeOp(mean, dims)), n.constant(alpha))),
                           n.constant(bias)))
    return n.add(g.DivOp(x, n.add(g.PowOp(scaled, n.constant(beta)))))


def instance_norm(n: Node) -> SSAValue:
    """Per sample and channel over the spatial axes: `(x - mean) / sqrt(var + epsilon)
    * scale + bias`, with the biased variance, as ONNX defines it."""
    x = n.input(0)
    dims = n.shape(0)
    if len(dims) < 3:
        raise n.error(f"the input must have rank >= 3 (N, C, spatial...), got shape {list(dims)}")
    spatial = list(range(2, len(dims)))
    centered = n.add(g.SubOp(x, n.add(g.ReduceMeanOp(x, spatial, keepdims=True))))
    var = n.add(g.ReduceMeanOp(n.add(g.MulOp(centered, centered)), spatial, keepdims=True))
    eps = n.constant(float(n.attr("epsilon", 1e-5)))
    normalized = n.add(g.DivOp(centered, n.add(g.SqrtOp(n.add(g.AddOp(var, eps))))))
    per_channel = (dims[1],) + (1,) * len(spatial)  # [C] -> [C, 1, ...] to broadcast on axis 1
    scale, bias = (n.add(g.ReshapeOp(n.input(i), per_channel)) for i in (1, 2))
    return n.add(g.AddOp(n.add(g.MulOp(normalized, scale)), bias))


CONVERTERS = {
    "BatchNormalization": batch_norm,
    "LRN": lrn,
    "InstanceNormalization": instance_norm,
}
