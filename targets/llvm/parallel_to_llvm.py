"""`scf.parallel` -> an outlined function run by libgomp's `GOMP_parallel`.

For a loop in `@k` (the i-th such loop gets the suffix `__parallel<i>`):

* `@k__parallel0_body(captures..., %tid: i32, %nthreads: i32)` runs thread `tid`'s
  chunk: the loop's iteration space is collapsed into one range `[0, total)`, split
  statically into `nthreads` contiguous chunks of `ceildiv(total, nthreads)`; each
  index is de-linearised back into the loop's induction variables. Which thread runs an
  iteration never changes what it computes, so results do not depend on the thread
  count. Captured memrefs keep their type, so the body's pointers stay `noalias` when
  `@k` is a kernel; constants are cloned in rather than captured.
* `@k__parallel0(%ctx: !llvm.ptr)`, the function libgomp starts on every thread,
  unpacks the captured values from the context block (a struct `%ctx` points to),
  asks `omp_get_thread_num()`/`omp_get_num_threads()` and calls the body.
* At the loop's place: `n = load @mopc_num_threads`; with `n == 1` the body is called
  directly for the whole range (no libgomp call at all); otherwise the captured values
  are stored into an `llvm.alloca`'d context block and
  `GOMP_parallel(@k__parallel0, %ctx, n, 0)` runs the outlined function on `n` threads
  (`n == 0`: libgomp's default, the number of cores). The runner sets the global.

This runs first in `convert-to-llvm`: the functions it creates are still `func`, `scf`
and `arith`, lowered by the other patterns like everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.dialects import arith, func, llvm, scf
from xdsl.dialects.builtin import (
    IndexType,
    IntegerAttr,
    ModuleOp,
    StringAttr,
    UnitAttr,
    UnknownLoc,
    UnrealizedConversionCastOp,
    i32,
    i64,
)
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.pattern_rewriter import PatternRewriter, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import InsertPoint

from mopc.core.diagnostics import DiagnosticError
from mopc.targets.llvm.func_to_llvm import NOALIAS, OUTLINED
from mopc.targets.llvm.lowering import declare_function, module_body_of
from mopc.targets.llvm.type_converter import PTR, legal_type

NUM_THREADS = "mopc_num_threads"
"""The i32 global holding the thread count (0: libgomp's default)."""


def is_inside(value: SSAValue, op: Operation) -> bool:
    """Whether `value` is defined inside `op`'s regions."""
    owner = value.owner
    if isinstance(owner, Block):
        parent = owner.parent_op()
        return parent is not None and (parent is op or op.is_ancestor(parent))
    return owner is not op and op.is_ancestor(owner)


def captured_values(loop: scf.ParallelOp) -> list[SSAValue]:
    """Values the loop uses but does not define (bounds included), in first-use order."""
    found: dict[SSAValue, None] = dict.fromkeys((*loop.lowerBound, *loop.upperBound, *loop.step))
    for op in loop.body.walk():
        for operand in op.operands:
            if not is_inside(operand, loop):
                found.setdefault(operand)
    return list(found)


class BlockBuilder:
    """Appends ops to a block, giving each the parallel loop's location."""

    def __init__(self, block: Block, location: Attribute):
        self.block = block
        self.location = location

    def op(self, op: Operation) -> Operation:
        op.location = self.location
        self.block.add_op(op)
        return op

    def add(self, op: Operation) -> SSAValue:
        return self.op(op).results[0]

    def index(self, n: int) -> SSAValue:
        return self.add(arith.ConstantOp(IntegerAttr(n, IndexType())))

    def i32(self, n: int) -> SSAValue:
        return self.add(llvm.ConstantOp(IntegerAttr(n, i32), i32))


def ceildiv_positive(b: BlockBuilder, n: SSAValue, d: SSAValue) -> SSAValue:
    """`ceildiv(n, d)` for `d > 0` and `n > -d`: `(n + d - 1) / d`."""
    bumped = b.add(arith.AddiOp(n, b.add(arith.SubiOp(d, b.index(1)))))
    return b.add(arith.DivSIOp(bumped, d))


def trip_count(b: BlockBuilder, lb: SSAValue, ub: SSAValue, step: SSAValue) -> SSAValue:
    """`max(0, ceildiv(ub - lb, step))` (scf.parallel steps are positive)."""
    trips = ceildiv_positive(b, b.add(arith.SubiOp(ub, lb)), step)
    return b.add(arith.MaxSIOp(trips, b.index(0)))


def thread_chunk(
    b: BlockBuilder, total: SSAValue, tid: SSAValue, nthreads: SSAValue
) -> tuple[SSAValue, SSAValue]:
    """`[begin, end)` of thread `tid` (i32) among `nthreads`: contiguous chunks of
    `ceildiv(total, nthreads)` collapsed iterations, the last ones possibly short."""
    tid = b.add(arith.IndexCastOp(tid, IndexType()))
    chunk = ceildiv_positive(b, total, b.add(arith.IndexCastOp(nthreads, IndexType())))
    begin = b.add(arith.MinSIOp(b.add(arith.MuliOp(tid, chunk)), total))
    end = b.add(arith.MinSIOp(b.add(arith.AddiOp(begin, chunk)), total))
    return begin, end


def delinearize(
    b: BlockBuilder,
    linear: SSAValue,
    lbs: Sequence[SSAValue],
    steps: Sequence[SSAValue],
    trips: Sequence[SSAValue],
) -> list[SSAValue]:
    """The induction variables of collapsed index `linear` (the last dimension fastest)."""
    positions: list[SSAValue] = []
    rest = linear
    for trip in reversed(trips[1:]):
        positions.append(b.add(arith.RemSIOp(rest, trip)))
        rest = b.add(arith.DivSIOp(rest, trip))
    positions.append(rest)
    positions.reverse()
    return [
        b.add(arith.AddiOp(lb, b.add(arith.MuliOp(pos, step))))
        for pos, lb, step in zip(positions, lbs, steps, strict=True)
    ]


@dataclass
class Outlining:
    """One `scf.parallel` being outlined into `@<name>_body` and `@<name>`."""

    loop: scf.ParallelOp
    name: str
    params: list[SSAValue]
    """The captured values passed to the body (constants are cloned instead)."""
    noalias: bool

    @property
    def body_name(self) -> str:
        return f"{self.name}_body"

    def context_type(self) -> llvm.LLVMStructType:
        types = [legal_type(p.type, self.loop) for p in self.params]
        return llvm.LLVMStructType.from_type_list(types)

    def _function(self, name: str, block: Block, noalias: bool) -> func.FuncOp:
        fn = func.FuncOp(name, ([a.type for a in block.args], []), Region(block), "private")
        fn.attributes[OUTLINED] = UnitAttr()
        if noalias:
            fn.attributes[NOALIAS] = UnitAttr()
        fn.location = self.loop.location
        return fn

    def body_function(self) -> func.FuncOp:
        """`@name_body(params..., %tid: i32, %nthreads: i32)`: thread `tid`'s chunk."""
        loop = self.loop
        block = Block(arg_types=[*(p.type for p in self.params), i32, i32])
        block.args[-2].name_hint, block.args[-1].name_hint = "tid", "nthreads"
        b = BlockBuilder(block, loop.location)
        inner = dict(zip(self.params, block.args, strict=False))
        for value in captured_values(loop):
            if value not in inner:  # a constant: cloned, so LLVM still sees its value
                inner[value] = b.add(value.owner.clone())  # type: ignore[union-attr]
        lbs = [inner[v] for v in loop.lowerBound]
        steps = [inner[v] for v in loop.step]
        ubs = [inner[v] for v in loop.upperBound]
        trips = [trip_count(b, *bounds) for bounds in zip(lbs, ubs, steps, strict=True)]
        total = trips[0]
        for trip in trips[1:]:
            total = b.add(arith.MuliOp(total, trip))
        begin, end = thread_chunk(b, total, block.args[-2], block.args[-1])
        iterations = Block(arg_types=[IndexType()])
        at = BlockBuilder(iterations, loop.location)
        ivs = delinearize(at, iterations.args[0], lbs, steps, trips)
        self._move_loop_body(iterations, ivs, inner)
        b.op(scf.ForOp(begin, end, b.index(1), [], Region(iterations)))
        b.op(func.ReturnOp())
        return self._function(self.body_name, block, self.noalias)

    def _move_loop_body(
        self, into: Block, ivs: list[SSAValue], inner: dict[SSAValue, SSAValue]
    ) -> None:
        """The loop's ops (its scf.reduce already erased) into `into`, reading the body
        function's values instead of the captured ones and `ivs` for the loop's."""
        loop = self.loop
        for value, replacement in inner.items():
            value.replace_uses_with_if(replacement, lambda use: loop.is_ancestor(use.operation))
        block = loop.body.block
        for op in list(block.ops):
            op.detach()
            into.add_op(op)
        for iv, arg in zip(ivs, block.args, strict=True):
            arg.replace_all_uses_with(iv)
        BlockBuilder(into, loop.location).op(scf.YieldOp())

    def thread_entry(self) -> func.FuncOp:
        """`@name(%ctx: !llvm.ptr)`, run by libgomp on every thread: unpack the context
        block, ask for the thread number and count, run the body."""
        block = Block(arg_types=[PTR])
        block.args[0].name_hint = "ctx"
        b = BlockBuilder(block, self.loop.location)
        struct = self.context_type()
        values: list[SSAValue] = []
        for i, (param, slot_type) in enumerate(zip(self.params, struct.types.data, strict=True)):
            loaded = b.add(llvm.LoadOp(b.add(llvm.GEPOp(block.args[0], [0, i], struct)), slot_type))
            if loaded.type != param.type:
                loaded = b.add(UnrealizedConversionCastOp.get([loaded], [param.type]))
            values.append(loaded)
        tid = b.add(llvm.CallOp("omp_get_thread_num", return_type=i32))
        nthreads = b.add(llvm.CallOp("omp_get_num_threads", return_type=i32))
        b.op(func.CallOp(self.body_name, [*values, tid, nthreads], []))
        b.op(func.ReturnOp())
        return self._function(self.name, block, noalias=False)

    def dispatch(self, context: SSAValue) -> list[Operation]:
        """The ops replacing the loop: with one thread, call the body for the whole range;
        else fill the context block and hand the thread entry to `GOMP_parallel`."""
        location = self.loop.location
        b = BlockBuilder(Block(), location)
        nthreads = b.add(llvm.LoadOp(b.add(llvm.AddressOfOp(NUM_THREADS, PTR)), i32))
        single = b.add(llvm.ICmpOp(nthreads, b.i32(1), IntegerAttr(0, i64)))  # eq
        nthreads.name_hint, single.name_hint = "nthreads", "single_thread"

        inline = BlockBuilder(Block(), location)
        inline.op(func.CallOp(self.body_name, [*self.params, inline.i32(0), inline.i32(1)], []))
        inline.op(scf.YieldOp())

        threaded = BlockBuilder(Block(), location)
        struct = self.context_type()
        for i, (param, slot_type) in enumerate(zip(self.params, struct.types.data, strict=True)):
            value = param
            if slot_type != param.type:
                value = threaded.add(UnrealizedConversionCastOp.get([param], [slot_type]))
            threaded.op(llvm.StoreOp(value, threaded.add(llvm.GEPOp(context, [0, i], struct))))
        entry = threaded.add(llvm.AddressOfOp(self.name, PTR))
        threaded.op(llvm.CallOp("GOMP_parallel", entry, context, nthreads, threaded.i32(0)))
        threaded.op(scf.YieldOp())

        b.op(scf.IfOp(single, [], Region(inline.block), Region(threaded.block)))
        ops = list(b.block.ops)
        for op in ops:
            op.detach()
        return ops


def declare_runtime(module: ModuleOp) -> None:
    """libgomp's entry points and the `@mopc_num_threads` global, once per module."""
    body = module.body.block
    declare_function(body, "GOMP_parallel", [PTR, PTR, i32, i32], None)
    declare_function(body, "omp_get_thread_num", [], i32)
    declare_function(body, "omp_get_num_threads", [], i32)
    if any(isinstance(op, llvm.GlobalOp) and op.sym_name.data == NUM_THREADS for op in body.ops):
        return
    threads = llvm.GlobalOp(i32, NUM_THREADS, "external", value=IntegerAttr(0, i32))
    threads.location = UnknownLoc()
    if body.first_op is None:
        body.add_op(threads)
    else:
        body.insert_op_before(threads, body.first_op)


def unique_name(module: ModuleOp, base: str) -> str:
    names = (getattr(op, "sym_name", None) for op in module.body.block.ops)
    taken = {name.data for name in names if isinstance(name, StringAttr)}
    index = 0
    while f"{base}__parallel{index}" in taken:
        index += 1
    return f"{base}__parallel{index}"


def check_supported(loop: scf.ParallelOp) -> None:
    if loop.initVals or loop.res:
        raise DiagnosticError.at(loop, "scf.parallel with reductions cannot be lowered to LLVM "
                                 "(threads split parallel dimensions only)")
    parent = loop.parent_op()
    while parent is not None:
        if isinstance(parent, scf.ParallelOp):
            raise DiagnosticError.at(loop, "nested scf.parallel loops cannot be lowered to LLVM "
                                     "(one parallel loop per kernel, outermost)")
        parent = parent.parent_op()


def enclosing_function(op: Operation) -> func.FuncOp:
    parent = op.parent_op()
    while not isinstance(parent, func.FuncOp):
        if parent is None:
            raise DiagnosticError.at(op, "scf.parallel outside a function cannot be lowered")
        parent = parent.parent_op()
    return parent


class ParallelLowering(RewritePattern):
    """Outlines one `scf.parallel` and dispatches it through libgomp (module docstring)."""

    @op_type_rewrite_pattern
    def match_and_rewrite(self, loop: scf.ParallelOp, rewriter: PatternRewriter, /) -> None:
        check_supported(loop)
        fn = enclosing_function(loop)
        module = module_body_of(fn).parent_op()
        assert isinstance(module, ModuleOp)
        outlining = Outlining(
            loop,
            unique_name(module, fn.sym_name.data),
            [v for v in captured_values(loop) if not isinstance(v.owner, arith.ConstantOp)],
            noalias="mopc.kernel" in fn.attributes or NOALIAS in fn.attributes,
        )
        context = self.context_block(fn, outlining, rewriter)
        if isinstance(terminator := loop.body.block.last_op, scf.ReduceOp):
            rewriter.erase(terminator)  # through the rewriter, so the walker forgets it
        dispatch = outlining.dispatch(context)
        functions = [outlining.body_function(), outlining.thread_entry()]
        rewriter.insert(functions, InsertPoint.after(fn))
        declare_runtime(module)
        rewriter.replace(loop, dispatch, [])

    @staticmethod
    def context_block(
        fn: func.FuncOp, outlining: Outlining, rewriter: PatternRewriter
    ) -> SSAValue:
        """An alloca at the function's entry: a fixed stack slot, even inside loops."""
        b = BlockBuilder(Block(), outlining.loop.location)
        one = b.add(llvm.ConstantOp(IntegerAttr(1, i64), i64))
        context = b.add(llvm.AllocaOp(one, outlining.context_type(), alignment=8))
        context.name_hint = "ctx"
        ops = list(b.block.ops)
        for op in ops:
            op.detach()
        rewriter.insert(ops, InsertPoint.at_start(fn.body.block))
        return context


def populate_parallel_to_llvm_patterns() -> list[RewritePattern]:
    return [ParallelLowering()]
