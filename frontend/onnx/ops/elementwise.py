"""Element-wise ONNX ops: activations (some composed of graph ops: PRelu, HardSigmoid,
HardSwish), unary math, broadcasting binary ops and the variadic Sum/Max/Min (a chain
of binary ops)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from xdsl.ir import SSAValue

from mopc.dialects import graph as g
from mopc.frontend.onnx.node import Node

_F32_MAX = float(np.finfo(np.float32).max)


def _unary(op: type) -> Callable[[Node], SSAValue]:
    return lambda n: n.add(op(n.input(0)))


def _binary(op: type) -> Callable[[Node], SSAValue]:
    return lambda n: n.add(op(n.input(0), n.input(1)))


def _variadic(op: type) -> Callable[[Node], SSAValue]:
    """Sum / Max / Min of any number of inputs, with multidirectional broadcasting."""

    def convert(n: Node) -> SSAValue:
        values = n.inputs()
        if not values:
            raise n.error("needs at least one input")
        result = values[0]
        for value in values[1:]:
            result = n.add(op(result, value))
        return result

    return convert


def leaky_relu(n: Node) -> SSAValue:
    return n.add(g.LeakyReluOp(n.input(0), float(n.attr("alpha", 0.01))))


def _bound(value: float | None) -> float | None:
    """A Clip bound, or None where it does not bound float32 values."""
    if value is None or not np.isfinite(value) or abs(value) >= _F32_MAX:
        return None
    return float(value)


def clip(n: Node) -> SSAValue:
    """Clip-6 takes `min`/`max` attributes, Clip-11 and later optional constant inputs.
    When min > max every element becomes max (the ONNX rule)."""
    if n.opset < 11:
        low, high = _bound(n.attr("min")), _bound(n.attr("max"))
    else:
        bounds = [n.optional_const(i, what) for i, what in ((1, "'min'"), (2, "'max'"))]
        low, high = (_bound(float(b.reshape(-1)[0])) if b is not None and b.size else None
                     for b in bounds)
    if low is not None and high is not None and low > high:
        low = high
    return n.add(g.ClipOp(n.input(0), low, high))


def prelu(n: Node) -> SSAValue:
    """`max(x, 0) + slope * min(x, 0)`; the slope broadcasts to x (unidirectionally)."""
    x, slope = n.input(0), n.input(1)
    positive = n.add(g.ReluOp(x))
    negative = n.add(g.NegOp(n.add(g.ReluOp(n.add(g.NegOp(x))))))  # min(x, 0)
    return n.add(g.AddOp(positive, n.add(g.MulOp(negative, slope))))


def hard_sigmoid(n: Node) -> SSAValue:
    """`clip(alpha * x + beta, 0, 1)`."""
    alpha, beta = float(n.attr("alpha", 0.2)), float(n.attr("beta", 0.5))
    linear = n.add(g.AddOp(n.add(g.MulOp(n.input(0), n.constant(alpha))), n.constant(beta)))
    return n.add(g.ClipOp(linear, 0.0, 1.0))


def hard_swish(n: Node) -> SSAValue:
    """`x * clip(x / 6 + 1/2, 0, 1)` (MobileNetV3)."""
    x = n.input(0)
    gate = n.add(g.AddOp(n.add(g.MulOp(x, n.constant(1.0 / 6.0))), n.constant(0.5)))
    return n.add(g.MulOp(x, n.add(g.ClipOp(gate, 0.0, 1.0))))


CONVERTERS = {
    "Relu": _unary(g.ReluOp),
    "Sigmoid": _unary(g.SigmoidOp),
    "Tanh": _unary(g.TanhOp),
    "Exp": _unary(g.ExpOp),
    "Log": _unary(g.LogOp),
    "Sqrt": _unary(g.SqrtOp),
    "Neg": _unary(g.NegOp),
    "Abs": _unary(g.AbsOp),
    "LeakyRelu": leaky_relu,
    "Clip": clip,
    "PRelu": prelu,
    "HardSigmoid": hard_sigmoid,
    "HardSwish": hard_swish,
    "Add": _binary(g.AddOp),
    "Sub": _binary(g.SubOp),
    "Mul": _binary(g.MulOp),
    "Div": _binary(g.DivOp),
    "Pow": _binary(g.PowOp),
    "Sum": _variadic(g.AddOp),
    "Max": _variadic(g.MaximumOp),
    "Min": _variadic(g.MinimumOp),
}
