"""Ops that produce or pass values without computing: Constant, Shape, Size (known at
import: shapes are static), Identity, Dropout (inference: identity) and Cast / CastLike
of a float32 tensor to float32."""

from __future__ import annotations

import numpy as np
from onnx import TensorProto, numpy_helper

from mopc.frontend.onnx.node import Node
from mopc.frontend.onnx.state import Value

_CONSTANT_ATTRS = {
    "value_float": np.float32, "value_floats": np.float32,
    "value_int": np.int64, "value_ints": np.int64,
}


def constant(n: Node) -> np.ndarray:
    if n.has_attr("value"):
        return numpy_helper.to_array(n.attr("value"))
    for name, dtype in _CONSTANT_ATTRS.items():
        if n.has_attr(name):
            return np.asarray(n.attr(name), dtype=dtype)
    given = ", ".join(a.name for a in n.proto.attribute) or "none"
    raise n.error(f"only tensor, float and int values are supported (attributes: {given})")


def shape(n: Node) -> np.ndarray:
    dims = n.shape(0)
    start, end = int(n.attr("start", 0)), n.attr("end")
    return np.asarray(dims[start: None if end is None else int(end)], dtype=np.int64)


def dropout(n: Node) -> list[Value]:
    """Inference: the input itself, and a mask of all true. Training mode draws a
    random mask, which is refused, unless the ratio is 0 (the identity again)."""
    if n.opset >= 12 and n.has_input(2):
        training = bool(np.asarray(n.const(2, "'training_mode'")).reshape(-1)[0])
        ratio = n.optional_const(1, "'ratio'") if n.has_input(1) else None
        if training and (ratio is None or float(np.asarray(ratio).reshape(-1)[0]) != 0.0):
            raise n.error("training_mode=true with a nonzero ratio drops random elements; "
                          "only inference (or ratio 0) is supported")
    return [n.value(0), np.ones(n.shape(0), dtype=np.bool_)]


def cast(n: Node) -> Value:
    """A run-time tensor is float32; casting it to anything else would change what
    mopc computes in, so only the no-op cast is accepted."""
    to = int(n.attr("to", TensorProto.FLOAT))
    if to != TensorProto.FLOAT:
        raise n.error(f"casting a run-time tensor to {TensorProto.DataType.Name(to)} is not "
                      f"supported (mopc computes in float32)")
    return n.value(0)


def cast_like(n: Node) -> Value:
    """CastLike to float32 (what function bodies use to type their constants): a no-op
    on a run-time tensor; constants are cast by the folder."""
    like = n.value(1)
    if isinstance(like, np.ndarray) and like.dtype != np.float32:
        raise n.error(f"casting a run-time tensor to {like.dtype} is not supported "
                      f"(mopc computes in float32)")
    return n.value(0)


CONVERTERS = {
    "Constant": constant,
    "Shape": shape,
    "Size": lambda n: np.asarray(int(np.prod(n.shape(0))), dtype=np.int64),
    "Identity": lambda n: n.value(0),
    "Dropout": dropout,
    "Cast": cast,
    "CastLike": cast_like,
}
