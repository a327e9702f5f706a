"""The `metaop-to-loop` pass: fused kernels become loop nests over memrefs.

For every function whose meta-ops are grouped into `metaop.kernel`s (`metaop-fuse`):

* each kernel becomes a private function `@<kernel name>(inputs..., outputs...)` holding
  one loop nest, built from its `#loop.schedule` (`loop-schedule`'s default when it has
  none) by `nest.py`;
* the function itself becomes the entry `(inputs..., outputs..., params..., workspace)`:
  results are written into caller-provided buffers, weights and other non-scalar
  constants are parameters, intermediates live in one workspace placed by a static
  memory plan (`memory_plan.py`), and the body is a sequence of kernel calls. Its
  `mopc.abi` attribute names everything; see docs/loop-level.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, func, memref
from xdsl.dialects.builtin import (
    ArrayAttr,
    DenseResourceAttr,
    DictionaryAttr,
    IndexType,
    IntegerAttr,
    MemRefType,
    ModuleOp,
    StringAttr,
    TensorType,
    UnitAttr,
    i8,
    i64,
)
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.ir.affine import AffineMap
from xdsl.passes import ModulePass
from xdsl.utils.exceptions import VerifyException

from mopc.core.context import resources_of
from mopc.core.diagnostics import DiagnosticError
from mopc.core.elements import elements_to_array
from mopc.core.types import numpy_dtype
from mopc.dialects import metaop as m
from mopc.dialects.loop.schedule import Schedule, ScheduleAttr
from mopc.passes.loop.schedule import default_schedule, host_vector_width
from mopc.passes.metaop_to_loop.kernel_analysis import KernelSpec, Load, Output, analyze
from mopc.passes.metaop_to_loop.memory_plan import Lifetime, plan
from mopc.passes.metaop_to_loop.nest import KernelCodegen


def memref_of(t: Attribute) -> MemRefType:
    assert isinstance(t, TensorType)
    return MemRefType(t.get_element_type(), t.get_shape())


def byte_size(t: MemRefType) -> int:
    count = 1
    for d in t.get_shape():
        count *= d
    return count * numpy_dtype(t.get_element_type()).itemsize


def kernel_function(kernel: m.KernelOp, name: str, width: int) -> func.FuncOp:
    """The loop-nest function of one kernel: `(inputs..., outputs...) -> ()`."""
    spec = analyze(kernel)
    schedule_attr = kernel.schedule or ScheduleAttr.of(default_schedule(spec, width))
    try:
        schedule = schedule_attr.resolve(len(spec.domain))
    except VerifyException as err:
        raise DiagnosticError.at(kernel, f"invalid schedule for its {len(spec.domain)}-d domain: {err}") from None
    tiled = sorted(d for d in spec.reduction_dims if schedule.tile[d])
    if tiled:
        raise DiagnosticError.at(
            kernel, f"schedule tiles reduction dimension {tiled[0]}; only parallel dimensions may be tiled"
        )
    inputs = [memref_of(t) for t in kernel.inputs.types]
    outputs = [memref_of(t) for t in kernel.outputs.types]
    entry = Block(arg_types=[*inputs, *outputs])
    for arg, value in zip(entry.args, kernel.block.args, strict=False):
        arg.name_hint = value.name_hint
    KernelCodegen(spec, schedule, entry, list(entry.args[: len(inputs)]), list(entry.args[len(inputs):])).generate()
    entry.add_op(func.ReturnOp())
    fn = func.FuncOp(name, ([*inputs, *outputs], []), Region(entry), visibility="private")
    fn.attributes["mopc.kernel"] = UnitAttr()
    fn.attributes["mopc.schedule"] = schedule_attr
    fn.location = kernel.location
    return fn


def copy_function(name: str, t: MemRefType) -> func.FuncOp:
    """A kernel copying one buffer into another (a result that is an input or a constant)."""
    rank = len(t.get_shape())
    spec = KernelSpec(name, tuple(t.get_shape()), frozenset(), False)
    spec.outputs.append(Output(0, Load(0, AffineMap.identity(rank), t.get_element_type()), False))
    entry = Block(arg_types=[t, t])
    schedule = Schedule(tuple(range(rank)), 0, (0,) * rank, (1,) * rank, None)
    KernelCodegen(spec, schedule, entry, [entry.args[0]], [entry.args[1]]).generate()
    entry.add_op(func.ReturnOp())
    fn = func.FuncOp(name, ([t, t], []), Region(entry), visibility="private")
    fn.attributes["mopc.kernel"] = UnitAttr()
    return fn


@dataclass
class _EntryBuilder:
    """Rewrites one function of kernels into the loop-level entry function."""

    ctx: Context
    fn: func.FuncOp
    width: int
    taken: set[str]

    def fail(self, op: Operation, message: str) -> DiagnosticError:
        return DiagnosticError.at(op, message)

    def unique(self, name: str) -> str:
        candidate, n = name, 1
        while candidate in self.taken:
            candidate, n = f"{name}_{n}", n + 1
        self.taken.add(candidate)
        return candidate

    def build(self) -> list[func.FuncOp]:
        fn = self.fn
        body = fn.body.block
        kernels: list[m.KernelOp] = []
        constants: list[m.ConstantOp] = []
        ret = body.last_op
        for op in body.ops:
            if isinstance(op, m.KernelOp):
                kernels.append(op)
            elif isinstance(op, m.ConstantOp):
                constants.append(op)
            elif op is not ret and op.dialect_name() == "metaop":
                raise self.fail(op, "metaop-to-loop needs every meta-op inside a metaop.kernel (run metaop-fuse first)")
            elif op is not ret:
                raise self.fail(op, "cannot be lowered to loops: a model function may hold only kernels, "
                                    "constants and func.return")
        if not isinstance(ret, func.ReturnOp):
            raise self.fail(fn, "expected the function to end with func.return")

        new_functions = [kernel_function(k, self.unique(k.kernel_name), self.width) for k in kernels]
        input_types = [memref_of(a.type) for a in body.args]
        output_types = [memref_of(v.type) for v in ret.arguments]
        param_names = [self._param_name(c, i) for i, c in enumerate(constants)]
        param_types = [memref_of(c.result.type) for c in constants]

        # Where every kernel result goes: an output buffer, or the workspace.
        returned: dict[SSAValue, int] = {}
        for index, value in enumerate(ret.arguments):
            if isinstance(value.owner, m.KernelOp):
                returned.setdefault(value, index)
        position = {k: i for i, k in enumerate(kernels)}
        lifetimes = []
        for i, kernel in enumerate(kernels):
            for result in kernel.outputs:
                if result in returned:
                    continue
                users = [position[u.operation] for u in result.uses if u.operation in position]
                lifetimes.append(Lifetime(result, byte_size(memref_of(result.type)), i, max(users, default=i)))
        memory = plan(lifetimes)

        entry = Block(arg_types=[*input_types, *output_types, *param_types, MemRefType(i8, [max(memory.peak, 1)])])
        n_in, n_out, n_par = len(input_types), len(output_types), len(param_types)
        inputs = list(entry.args[:n_in])
        outputs = list(entry.args[n_in : n_in + n_out])
        params = list(entry.args[n_in + n_out : n_in + n_out + n_par])
        workspace = entry.args[-1]
        input_names = [a.name_hint or f"arg{i}" for i, a in enumerate(body.args)]
        output_names = self._result_names(len(output_types))
        for arg, name in zip(inputs, input_names, strict=True):
            arg.name_hint = name
        for arg, name in zip(outputs, output_names, strict=True):
            arg.name_hint = _ssa_name(name)  # result names come from models (`out:0`)
        for arg, name in zip(params, param_names, strict=True):
            arg.name_hint = _ssa_name(name)
        workspace.name_hint = "workspace"

        buffers: dict[SSAValue, SSAValue] = dict(zip(body.args, inputs, strict=True))
        buffers |= dict(zip((c.result for c in constants), params, strict=True))
        for kernel, kfn in zip(kernels, new_functions, strict=True):
            call_outputs = []
            for result in kernel.outputs:
                if result in returned:
                    buffers[result] = outputs[returned[result]]
                else:
                    buffers[result] = self._view(entry, workspace, memory.offsets[result], memref_of(result.type))
                call_outputs.append(buffers[result])
            call = func.CallOp(kfn.sym_name.data, [*(buffers[v] for v in kernel.inputs), *call_outputs], [])
            call.location = kernel.location
            entry.add_op(call)
        for index, value in enumerate(ret.arguments):
            if returned.get(value) == index:
                continue  # the kernel wrote it in place
            copy = copy_function(self.unique(f"copy_{_ssa_name(output_names[index])}"), output_types[index])
            new_functions.append(copy)
            entry.add_op(func.CallOp(copy.sym_name.data, [buffers[value], outputs[index]], []))
        entry.add_op(func.ReturnOp())

        signature = ([*input_types, *output_types, *param_types, workspace.type], [])
        entry_fn = func.FuncOp(fn.sym_name.data, signature, Region(entry))
        entry_fn.attributes["mopc.entry"] = UnitAttr()
        entry_fn.attributes["mopc.abi"] = DictionaryAttr({
            "inputs": ArrayAttr([StringAttr(n) for n in input_names]),
            "outputs": ArrayAttr([StringAttr(n) for n in output_names]),
            "params": ArrayAttr([StringAttr(n) for n in param_names]),
            "workspace_bytes": IntegerAttr(memory.peak, i64),
            "workspace_bytes_without_reuse": IntegerAttr(memory.naive, i64),
        })
        entry_fn.location = fn.location
        return [entry_fn, *new_functions]

    def _view(self, entry: Block, workspace: SSAValue, offset: int, t: MemRefType) -> SSAValue:
        shift = arith.ConstantOp(IntegerAttr(offset, IndexType()))
        entry.add_op(shift)
        view = memref.ViewOp(workspace, shift, [], t)
        entry.add_op(view)
        return view.results[0]

    def _param_name(self, constant: m.ConstantOp, index: int) -> str:
        value = constant.value
        if isinstance(value, DenseResourceAttr):
            return value.resource_handle.data
        # An inline constant becomes a named blob, so every parameter comes from the store.
        name = f"{self.fn.sym_name.data}.const{index}"
        resources_of(self.ctx).add(name, elements_to_array(value))
        return name

    def _result_names(self, count: int) -> list[str]:
        names = [f"result{i}" for i in range(count)]
        if self.fn.res_attrs is not None:
            for i, attrs in enumerate(self.fn.res_attrs.data):
                name = attrs.data.get("mopc.name")
                if isinstance(name, StringAttr):
                    names[i] = name.data
        return names


def _is_model_function(fn: func.FuncOp) -> bool:
    """A function of meta-ops, or one on tensors that computes nothing (it returns its
    inputs, e.g. an imported Identity model): both get an entry with the ABI."""
    if any(o.dialect_name() == "metaop" for o in fn.body.block.ops):
        return True
    types = [*fn.function_type.inputs.data, *fn.function_type.outputs.data]
    return bool(fn.function_type.outputs.data) and all(isinstance(t, TensorType) for t in types)


def _ssa_name(name: str) -> str:
    """A readable SSA name for a parameter or result (`layer1.0.conv1.weight` ->
    `layer1_0_conv1_weight`)."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return cleaned if cleaned and not cleaned[0].isdigit() else f"p_{cleaned}"


@dataclass(frozen=True)
class MetaopToLoopPass(ModulePass):
    """Lower fused kernels to loop nests over memrefs, and the model to kernel calls.

    ```mlir
    // before (after metaop-fuse)
    func.func @main(%x: tensor<64xf32>) -> tensor<64xf32> {
      %y = metaop.kernel "k0_binary_max_64" (%x) : (tensor<64xf32>) -> tensor<64xf32> { ... }
      func.return %y : tensor<64xf32>
    }
    // after
    func.func @main(%x: memref<64xf32>, %result0: memref<64xf32>, %workspace: memref<1xi8>)
        attributes {mopc.abi = {...}, mopc.entry} {
      func.call @k0_binary_max_64(%x, %result0) : (memref<64xf32>, memref<64xf32>) -> ()
      func.return
    }
    func.func private @k0_binary_max_64(%x: memref<64xf32>, %out: memref<64xf32>) attributes {mopc.kernel, ...} {
      ... scf.parallel / scf.for, vector.load, arith.maximumf, vector.store ...
    }
    ```

    `vector-width` overrides the host's f32 lanes for kernels without a schedule.
    """

    name = "metaop-to-loop"
    vector_width: int = 0

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        width = self.vector_width or host_vector_width()
        taken = {f.sym_name.data for f in op.ops if isinstance(f, func.FuncOp)}
        for fn in [f for f in op.ops if isinstance(f, func.FuncOp)]:
            if not _is_model_function(fn):
                continue  # already lowered, or unrelated
            replacement = _EntryBuilder(ctx, fn, width, taken).build()
            block = op.body.block
            for new in replacement:
                block.insert_op_before(new, fn)
            fn.detach()
            fn.erase()
