"""A trivial fusion for tests: every meta-op alone in its own `metaop.kernel`.

Always legal (a reindex then reads a kernel input), so loop generation and the targets
can be tested on every meta-op independently of `metaop-fuse`'s decisions. Scalar
constants and their broadcasts are copied into the kernels that use them, as fusion does.
"""

from __future__ import annotations

from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp, TensorType
from xdsl.ir import Block, Operation, Region, SSAValue

from mopc.dialects import metaop as m


def _is_scalar_constant(op: Operation) -> bool:
    return isinstance(op, m.ConstantOp) and len(op.result.type.get_shape()) == 0


def _is_scalar_splat(value: SSAValue) -> bool:
    owner = value.owner
    if isinstance(owner, m.BroadcastOp):
        return _is_scalar_constant(owner.input.owner)
    return isinstance(owner, Operation) and _is_scalar_constant(owner)


def wrap_each_op(module: ModuleOp) -> None:
    count = 0
    for fn in [f for f in module.ops if isinstance(f, func.FuncOp)]:
        for op in list(fn.body.block.ops):
            if isinstance(op, func.ReturnOp | m.KernelOp) or _is_scalar_constant(op):
                continue
            if isinstance(op, m.ConstantOp):
                continue  # weights stay outside: kernel inputs
            if isinstance(op, m.BroadcastOp) and _is_scalar_constant(op.input.owner):
                continue
            inputs = [v for v in op.operands if not _is_scalar_splat(v)]
            block = Block(arg_types=[v.type for v in inputs])
            mapping = dict(zip(inputs, block.args, strict=True))
            for v in op.operands:
                if v in mapping:
                    continue
                owner = v.owner
                if isinstance(owner, m.BroadcastOp):
                    scalar = owner.input.owner.clone()
                    block.add_op(scalar)
                    splat = owner.clone({owner.input: scalar.result})
                    block.add_op(splat)
                    mapping[v] = splat.result
                else:
                    scalar = owner.clone()
                    block.add_op(scalar)
                    mapping[v] = scalar.result
            inner = op.clone(mapping)
            block.add_op(inner)
            block.add_op(m.YieldOp(*inner.results))
            shape = "x".join(str(d) for d in op.results[0].type.get_shape()) or "scalar"
            kernel = m.KernelOp(f"k{count}_{op.name.split('.')[1]}_{shape}", inputs,
                                [r.type for r in op.results], Region(block))
            count += 1
            kernel.location = op.location
            fn.body.block.insert_op_before(kernel, op)
            op.results[0].replace_all_uses_with(kernel.outputs[0])
            op.detach()
            op.erase()
        # Drop scalar constants and broadcasts nobody outside a kernel uses any more.
        for op in reversed(list(fn.body.block.ops)):
            if (_is_scalar_constant(op) or isinstance(op, m.BroadcastOp)) and not op.results[0].uses:
                op.detach()
                op.erase()


__all__ = ["TensorType", "wrap_each_op"]
