"""ONNX model -> graph-dialect module: `import_model`.

The walk is one pass over the nodes in graph order (ONNX requires topological order).
Each node is either folded (its inputs are all constants and NumPy can compute it: see
`folding.py`) or converted into graph ops (`ops/`). Before anything is built, every op
type is checked, so an unsupported model gets one error listing all that is missing.

    module, ctx = import_model("resnet18.onnx")
    module, ctx = import_model(proto, input_shapes={"input": (1, 3, 224, 224)})

`import_onnx` is the same walk with the options an `onnx.backend` needs (backend.py):
graph-input values known at import, and outputs known at import returned apart.

`@main` takes the graph inputs (initializers are weights, not arguments) and returns
the graph outputs in order. Arguments are named after the ONNX inputs (the SSA name, or
a `mopc.name` attribute where the ONNX name is not a valid SSA name); results carry
their ONNX names in `mopc.name`.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from onnx import GraphProto, ModelProto, TensorProto, ValueInfoProto, helper, numpy_helper
from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ArrayAttr, DictionaryAttr, ModuleOp, StringAttr
from xdsl.ir import SSAValue

from mopc.core.verifier import verify_module
from mopc.dialects.graph.base import shape
from mopc.dialects.graph.shapes import ShapeError
from mopc.frontend.builder import GraphBuilder
from mopc.frontend.onnx.errors import model_error
from mopc.frontend.onnx.folding import FOLDERS
from mopc.frontend.onnx.model import (
    DEFAULT_DOMAINS,
    GraphInput,
    graph_inputs,
    normalize_opset,
    read_model,
)
from mopc.frontend.onnx.names import is_kept_as_ssa_name, ssa_name
from mopc.frontend.onnx.node import Node, display_name
from mopc.frontend.onnx.ops import CONVERTERS
from mopc.frontend.onnx.state import ImportState, Value

SUPPORTED_OPS = frozenset(CONVERTERS) | frozenset(FOLDERS)
"""Every op type the importer accepts (those only in FOLDERS need constant inputs)."""

NAMES_SHOWN = 5
"""Node names listed per unsupported op type before the rest is counted."""


def import_model(
    model: str | os.PathLike[str] | ModelProto,
    *,
    input_shapes: Mapping[str, Sequence[int]] | None = None,
    ctx: Context | None = None,
) -> tuple[ModuleOp, Context]:
    """Import an ONNX model (a path or a `ModelProto`) into a graph-dialect module.

    `input_shapes` fixes symbolic input dimensions (`{"input": (1, 3, 224, 224)}`);
    `ctx` is the context to build in (default: a fresh one), which holds the weights.
    Any problem with the model is a `DiagnosticError` naming the file and the node.
    """
    imported = import_onnx(model, input_shapes=input_shapes, ctx=ctx)
    return imported.module, imported.ctx


@dataclass
class ImportedModel:
    """An imported model: `@main` computes the graph outputs that are not in
    `constants` (those known at import time, kept with their ONNX element type), in
    graph order; `outputs` names every graph output in order; `compiled_in` names the
    graph inputs whose given values the module depends on."""

    module: ModuleOp
    ctx: Context
    outputs: list[str]
    constants: dict[str, np.ndarray] = field(default_factory=dict)
    compiled_in: frozenset[str] = frozenset()


def import_onnx(
    model: str | os.PathLike[str] | ModelProto,
    *,
    input_shapes: Mapping[str, Sequence[int]] | None = None,
    ctx: Context | None = None,
    input_values: Mapping[str, np.ndarray] | None = None,
    constant_outputs: bool = False,
) -> ImportedModel:
    """`import_model` with two more options, for running conformance cases:

    * `input_values` gives graph inputs' values at import time: a float32 input stays an
      argument of `@main` but an op that needs it as a constant (Clip's bounds) reads
      it; a non-float input (int64 shapes, axes, indices) becomes a constant usable
      only as such a parameter (state.py says why).
    * `constant_outputs` keeps graph outputs known at import time (Shape's int64
      result) out of `@main`: they are returned in `constants`, with their ONNX type.
    """
    proto, file = read_model(model)
    proto, opset = normalize_opset(proto, file)
    check_supported(proto.graph, file)
    values = {name: np.asarray(v) for name, v in (input_values or {}).items()}
    inputs = graph_inputs(proto, file, input_shapes, values)
    state = ImportState(GraphBuilder("main", ctx), file, opset,
                        {t.name for t in proto.graph.initializer})
    runtime = {i.name for i in inputs}
    for name, value in values.items():
        if name in runtime:
            state.known[name] = value
        else:
            state.values[name] = value
            state.from_inputs.add(name)
    module, constants = import_graph(proto.graph, inputs, state, constant_outputs)
    verify_module(module)
    compiled_in = frozenset(set(values) - runtime | state.known_read)
    return ImportedModel(module, state.b.ctx, [o.name for o in proto.graph.output], constants,
                         compiled_in)


def import_graph(graph: GraphProto, inputs: Sequence[GraphInput], state: ImportState,
                 constant_outputs: bool = False) -> tuple[ModuleOp, dict[str, np.ndarray]]:
    """`@main(inputs) -> outputs`, node by node; with `constant_outputs`, the outputs
    known at import time are returned apart instead."""
    for tensor in graph.initializer:
        state.values[tensor.name] = numpy_helper.to_array(tensor)
    for arg in inputs:
        state.values[arg.name] = state.b.input(ssa_name(arg.name), arg.shape)
    used = used_values(graph)
    for index, node in enumerate(graph.node):
        import_node(Node(node, index, state), used)
    constants = {o.name: constant_output(state, o) for o in graph.output
                 if constant_outputs and isinstance(state.values.get(o.name), np.ndarray)}
    computed = [o for o in graph.output if o.name not in constants]
    results = [output_value(state, output) for output in computed]
    module = state.b.finish(*results)
    name_signature(module, inputs, [o.name for o in computed])
    return module, constants


def check_supported(graph: GraphProto, file: str) -> None:
    """One error listing every unsupported op type, with its node count and names."""
    missing: dict[str, list[str]] = defaultdict(list)
    for index, node in enumerate(graph.node):
        if node.domain not in DEFAULT_DOMAINS:
            missing[f"{node.domain}.{node.op_type}"].append(display_name(node, index))
        elif node.op_type not in SUPPORTED_OPS:
            missing[node.op_type].append(display_name(node, index))
    if not missing:
        return
    parts = []
    for op_type, names in sorted(missing.items()):
        shown = ", ".join(names[:NAMES_SHOWN])
        more = f", and {len(names) - NAMES_SHOWN} more" if len(names) > NAMES_SHOWN else ""
        parts.append(f"{op_type} ({len(names)} node{'s' if len(names) > 1 else ''}: {shown}{more})")
    count = sum(len(n) for n in missing.values())
    raise model_error(file, f"the model uses {len(missing)} unsupported ONNX operator type"
                            f"{'s' if len(missing) > 1 else ''} ({count} node"
                            f"{'s' if count > 1 else ''}): {'; '.join(parts)}")


def used_values(graph: GraphProto) -> set[str]:
    """Names read by some node or returned by the graph."""
    return {name for node in graph.node for name in node.input} | {o.name for o in graph.output}


def import_node(node: Node, used: set[str]) -> None:
    """Fold or convert one node and record its outputs."""
    try:
        outputs = _run(node)
    except ShapeError as err:  # a graph op's shape rule, or NumPy, refused the operands
        raise node.error(str(err)) from None
    if not isinstance(outputs, list | tuple):
        outputs = [outputs]
    state = node.state
    # Folding computes on the inputs' values; a converter's constant results (Shape,
    # Dropout's mask) read at most parameters and shapes.
    derived = is_folded(node) and any(name in state.from_inputs for name in node.proto.input)
    for index, name in enumerate(node.proto.output):
        if index < len(outputs):
            value = outputs[index]
            if isinstance(value, SSAValue) and 0 in shape(value):
                # An empty tensor is all shape: a constant (loops of no iterations are
                # not code generation's business). The ops producing it are dead code.
                value = np.zeros(shape(value), dtype=np.float32)
            # NumPy hands back scalars (np.take of one index); constants are arrays.
            state.values[name] = value if isinstance(value, SSAValue) else np.asarray(value)
            if derived and not isinstance(value, SSAValue):
                state.from_inputs.add(name)
        elif name in used:
            raise node.error(f"output #{index} ('{name}') is not supported, only the first "
                             f"{len(outputs)}")


def is_folded(node: Node) -> bool:
    """Whether the node is computed at import time (a folder and constant inputs)."""
    present = [i for i in range(len(node.proto.input)) if node.has_input(i)]
    return node.op_type in FOLDERS and bool(present) and all(node.is_const(i) for i in present)


def _run(node: Node) -> Value | Sequence[Value]:
    present = [i for i in range(len(node.proto.input)) if node.has_input(i)]
    if is_folded(node):
        arrays = [node.value(i) if node.has_input(i) else None
                  for i in range(len(node.proto.input))]
        try:
            return FOLDERS[node.op_type](node, arrays)
        except (ValueError, IndexError) as err:
            raise node.error(f"cannot compute it on its constant inputs: {err}") from None
    if node.op_type in CONVERTERS:
        return CONVERTERS[node.op_type](node)
    runtime = next(node.proto.input[i] for i in present if not node.is_const(i))
    raise node.error(f"supported only on constant inputs (it is computed at import time), "
                     f"but input '{runtime}' is computed at run time")


def output_value(state: ImportState, output: ValueInfoProto) -> SSAValue:
    """A graph output as a run-time tensor (a constant output becomes a constant op)."""
    declared = output.type.tensor_type.elem_type
    if declared not in (TensorProto.UNDEFINED, TensorProto.FLOAT):
        kind = TensorProto.DataType.Name(declared)
        raise model_error(state.file, f"output '{output.name}' has element type {kind}; mopc "
                                      f"computes in float32 and returns only FLOAT outputs")
    value = _output(state, output)
    if not isinstance(value, np.ndarray):
        return value
    if not np.issubdtype(value.dtype, np.floating):
        raise model_error(state.file, f"output '{output.name}' is a constant of type {value.dtype}; "
                                      f"mopc returns only float32 outputs")
    return state.materialize(output.name, value)


def constant_output(state: ImportState, output: ValueInfoProto) -> np.ndarray:
    """An output known at import time, with the element type the graph declares."""
    value = _output(state, output)
    assert isinstance(value, np.ndarray)
    declared = output.type.tensor_type.elem_type
    if declared != TensorProto.UNDEFINED:
        value = value.astype(helper.tensor_dtype_to_np_dtype(declared))
    return value


def _output(state: ImportState, output: ValueInfoProto) -> Value:
    if output.name not in state.values:
        raise model_error(state.file, f"output '{output.name}' is not produced by any node")
    if output.name in state.from_inputs:
        raise model_error(state.file, f"output '{output.name}' is computed from non-float "
                                      f"run-time inputs; mopc computes in float32 and takes "
                                      f"only float32 run-time tensors")
    return state.values[output.name]


def name_signature(module: ModuleOp, inputs: Sequence[GraphInput], outputs: Sequence[str]) -> None:
    """Record the ONNX names: every result's, and an argument's where its SSA name differs."""
    fn = module.body.block.first_op
    assert isinstance(fn, func.FuncOp)
    fn.res_attrs = ArrayAttr([DictionaryAttr({"mopc.name": StringAttr(n)}) for n in outputs])
    if not all(is_kept_as_ssa_name(i.name) for i in inputs):
        fn.arg_attrs = ArrayAttr([
            DictionaryAttr({} if is_kept_as_ssa_name(i.name) else {"mopc.name": StringAttr(i.name)})
            for i in inputs
        ])
