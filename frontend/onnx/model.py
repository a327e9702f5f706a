"""Reading an ONNX model and getting it into the shape the importer expects: a
default-domain opset in 7..22 (older and newer models go through
`onnx.version_converter`), and statically shaped float32 graph inputs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
import onnx.version_converter
from google.protobuf.message import DecodeError
from onnx import ModelProto, TensorProto, ValueInfoProto

from mopc.frontend.onnx.errors import model_error

MIN_OPSET, MAX_OPSET = 7, 22
"""Opsets imported as they are."""

CONVERTED_OPSET = 13
"""Where models older than `MIN_OPSET` are converted to: the opset whose semantics the
converter handles best (legacy `broadcast` attributes, BatchNormalization-6, Pad-2...)."""

DEFAULT_DOMAINS = ("", "ai.onnx")


@dataclass(frozen=True)
class GraphInput:
    """A graph input that is not an initializer: its ONNX name and static shape."""

    name: str
    shape: tuple[int, ...]


def read_model(model: str | os.PathLike[str] | ModelProto) -> tuple[ModelProto, str]:
    """The model and the file name its locations use (`<graph name>` for a proto)."""
    if isinstance(model, ModelProto):
        return model, f"<{model.graph.name or 'onnx'}>"
    file = str(model)
    if not Path(file).is_file():
        raise model_error(file, "cannot open ONNX model: no such file")
    try:
        return onnx.load(file), file
    except (DecodeError, OSError, ValueError) as err:  # not a model, bad external data
        raise model_error(file, f"cannot read ONNX model: {err}") from None


def default_opset(model: ModelProto) -> int | None:
    versions = [o.version for o in model.opset_import if o.domain in DEFAULT_DOMAINS]
    return max(versions) if versions else None


def normalize_opset(model: ModelProto, file: str) -> tuple[ModelProto, int]:
    """The model at an opset in `MIN_OPSET..MAX_OPSET`, converted if it is outside."""
    opset = default_opset(model)
    if opset is None:
        raise model_error(file, "the model imports no default-domain (ai.onnx) opset")
    if MIN_OPSET <= opset <= MAX_OPSET:
        return model, opset
    target = CONVERTED_OPSET if opset < MIN_OPSET else MAX_OPSET
    try:
        converted = onnx.version_converter.convert_version(model, target)
    except (onnx.version_converter.ConvertError, RuntimeError, ValueError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise model_error(
            file,
            f"opset {opset} is outside the supported {MIN_OPSET}..{MAX_OPSET}, and onnx's "
            f"version converter could not convert the model to opset {target}: {reason}",
        ) from None
    return converted, target


def is_float_input(info: ValueInfoProto) -> bool:
    return info.type.tensor_type.elem_type == TensorProto.FLOAT


def graph_inputs(
    model: ModelProto, file: str, input_shapes: Mapping[str, Sequence[int]] | None,
    input_values: Mapping[str, np.ndarray] | None = None,
) -> list[GraphInput]:
    """The run-time inputs (initializers listed as inputs are constants, and so are
    non-float inputs whose values are given), each with a static shape: the model's,
    with symbolic dimensions fixed by `input_shapes` or by the given value's shape."""
    initializers = {t.name for t in model.graph.initializer}
    values = dict(input_values or {})
    inputs = [i for i in model.graph.input if i.name not in initializers
              and not (i.name in values and not is_float_input(i))]
    given = dict(input_shapes or {})
    unknown = sorted(set(given) - {i.name for i in inputs})
    if unknown:
        names = ", ".join(f"'{i.name}'" for i in inputs) or "none"
        raise model_error(file, f"input_shapes names {', '.join(map(repr, unknown))}, "
                                f"which the model does not take as inputs (its inputs: {names})")
    given = {n: np.shape(v) for n, v in values.items()} | given
    return [GraphInput(i.name, _static_shape(i, file, given.get(i.name))) for i in inputs]


def _static_shape(info: ValueInfoProto, file: str, given: Sequence[int] | None) -> tuple[int, ...]:
    tensor = info.type.tensor_type
    if not info.type.HasField("tensor_type"):
        raise model_error(file, f"input '{info.name}' is not a tensor")
    if tensor.elem_type != TensorProto.FLOAT:
        kind = TensorProto.DataType.Name(tensor.elem_type)
        raise model_error(file, f"input '{info.name}' has element type {kind}; mopc computes "
                                f"in float32 and takes only FLOAT inputs")
    if given is not None:
        return _checked_given(info, file, [int(d) for d in given])
    if not tensor.HasField("shape"):
        raise model_error(file, f"input '{info.name}' has no shape; give its shape with "
                                f"input_shapes (--input-shape {info.name}=1x3x224x224)")
    shape = []
    for axis, dim in enumerate(tensor.shape.dim):
        if not dim.HasField("dim_value"):
            what = f"symbolic dimension '{dim.dim_param}'" if dim.dim_param else "unknown dimension"
            raise model_error(file, f"input '{info.name}' has a {what} at axis {axis}; fix it "
                                    f"with input_shapes (--input-shape {info.name}=...)")
        shape.append(dim.dim_value)
    return tuple(shape)


def _checked_given(info: ValueInfoProto, file: str, given: list[int]) -> tuple[int, ...]:
    """A shape from `input_shapes`: positive, and agreeing with the model's fixed dims."""
    if any(d < 1 for d in given):
        raise model_error(file, f"input_shapes gives '{info.name}' the shape {given}; "
                                f"dimensions must be positive")
    tensor = info.type.tensor_type
    if not tensor.HasField("shape"):
        return tuple(given)
    dims = tensor.shape.dim
    if len(dims) != len(given):
        raise model_error(file, f"input_shapes gives '{info.name}' {len(given)} dimensions, "
                                f"but the model declares {len(dims)}")
    for axis, (dim, size) in enumerate(zip(dims, given, strict=True)):
        if dim.HasField("dim_value") and dim.dim_value != size:
            raise model_error(file, f"input_shapes gives '{info.name}' size {size} at axis "
                                    f"{axis}, but the model fixes it to {dim.dim_value}")
    return tuple(given)
