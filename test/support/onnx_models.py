"""Small ONNX models built with `onnx.helper`, and the check every ONNX frontend test
makes: import the model, run the graph-level reference evaluator and the code compiled
for this CPU (`mopc.compile(..., "llvm")`), and compare both with onnxruntime.

    model = single_node("Conv", [("x", (1, 3, 8, 8)), ("w", rand((4, 3, 3, 3)))], pads=[1] * 4)
    check_against_onnxruntime(model, seed=0)

An input given as a shape is a graph input (fed with seeded random values); one given
as an array is an initializer; None is an omitted optional input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import onnxruntime as ort
from onnx import ModelProto, NodeProto, TensorProto, helper, numpy_helper

import mopc
from mopc.core.context import resources_of
from mopc.core.evaluate import evaluate
from mopc.frontend.onnx import import_model

RTOL, ATOL = 1e-3, 1e-5

Spec = tuple[int, ...] | np.ndarray | None


@dataclass(frozen=True)
class Rand:
    """A seeded random float32 initializer of this shape (drawn when the model is built)."""

    shape: tuple[int, ...]
    low: float = -1.0
    high: float = 1.0


@dataclass(frozen=True)
class Case:
    """One single-node model: `inputs` as in `single_node`, graph inputs drawn uniformly
    from `[low, high)`."""

    id: str
    op: str
    inputs: list[tuple[str, Any]]
    attrs: dict[str, Any] = field(default_factory=dict)
    opset: int = 13
    low: float = -2.0
    high: float = 2.0

    def model(self) -> ModelProto:
        return single_node(self.op, self.inputs, opset=self.opset, **self.attrs)


def i64(*values: int) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


def make_model(
    nodes: Sequence[NodeProto],
    inputs: Mapping[str, Sequence[int | str]],
    outputs: Sequence[str],
    initializers: Mapping[str, np.ndarray] | None = None,
    opset: int = 13,
    name: str = "test",
) -> ModelProto:
    opsets = [helper.make_opsetid("", opset)]
    # the oldest IR version that holds the opset: onnxruntime refuses the newest ones
    ir_version = max(helper.find_min_ir_version_for(opsets), 3)
    tensors = [numpy_helper.from_array(np.asarray(a), n) for n, a in (initializers or {}).items()]
    graph_inputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, list(s)) for n, s in inputs.items()]
    if ir_version < 4:  # IR 3 lists every initializer among the graph inputs too
        graph_inputs += [helper.make_tensor_value_info(t.name, t.data_type, t.dims) for t in tensors]
    graph = helper.make_graph(
        list(nodes), name, graph_inputs,
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in outputs], tensors,
    )
    return helper.make_model(graph, opset_imports=opsets, ir_version=ir_version)


def single_node(
    op_type: str, inputs: Sequence[tuple[str, Spec | Rand]], *, opset: int = 13,
    outputs: Sequence[str] = ("y",), seed: int = 0, **attrs,
) -> ModelProto:
    """A model of one node; shapes become graph inputs, arrays (or `Rand`) initializers."""
    rng = np.random.default_rng(seed)
    graph_inputs, initializers = {}, {}
    for name, spec in inputs:
        if isinstance(spec, Rand):
            initializers[name] = rng.uniform(spec.low, spec.high, spec.shape).astype(np.float32)
        elif isinstance(spec, np.ndarray):
            initializers[name] = spec
        elif spec is not None:
            graph_inputs[name] = spec
    names = [name if spec is not None else "" for name, spec in inputs]
    node = helper.make_node(op_type, names, list(outputs), name=f"{op_type.lower()}_node", **attrs)
    return make_model([node], graph_inputs, outputs[:1], initializers, opset)


def random_feeds(model: ModelProto, seed: int = 0, low: float = -2.0, high: float = 2.0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    initializers = {t.name for t in model.graph.initializer}
    feeds = {}
    for info in model.graph.input:
        if info.name not in initializers:
            shape = [d.dim_value for d in info.type.tensor_type.shape.dim]
            feeds[info.name] = rng.uniform(low, high, shape).astype(np.float32)
    return feeds


def run_onnxruntime(model: ModelProto, feeds: Mapping[str, np.ndarray]) -> list[np.ndarray]:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, dict(feeds))


def check_against_onnxruntime(
    model: ModelProto, feeds: Mapping[str, np.ndarray] | None = None, *, compile: bool = True,
    rtol: float = RTOL, atol: float = ATOL, low: float = -2.0, high: float = 2.0,
):
    """Import `model`; the reference evaluator and (with `compile`) the LLVM build must
    match onnxruntime in shape, dtype and values. Returns (module, ctx)."""
    feeds = dict(feeds) if feeds is not None else random_feeds(model, low=low, high=high)
    expected = run_onnxruntime(model, feeds)
    module, ctx = import_model(model)
    reference = evaluate(module, feeds, store=resources_of(ctx))
    _compare("reference evaluator", reference, expected, rtol, atol)
    if compile:
        compiled = mopc.compile(module, ctx=ctx)(**feeds)
        compiled = list(compiled) if isinstance(compiled, tuple) else [compiled]
        _compare("llvm", compiled, expected, rtol, atol)
    return module, ctx


def _compare(what: str, actual: Sequence[np.ndarray], expected: Sequence[np.ndarray],
             rtol: float, atol: float) -> None:
    assert len(actual) == len(expected), f"{what}: {len(actual)} outputs, expected {len(expected)}"
    for index, (a, e) in enumerate(zip(actual, expected, strict=True)):
        assert a.shape == e.shape, f"{what}, output {index}: shape {a.shape}, expected {e.shape}"
        assert a.dtype == e.dtype, f"{what}, output {index}: dtype {a.dtype}, expected {e.dtype}"
        np.testing.assert_allclose(a, e, rtol=rtol, atol=atol, err_msg=f"{what}, output {index}")
