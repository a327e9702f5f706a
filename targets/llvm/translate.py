"""`llvm` dialect -> LLVM IR text, through llvmlite: xDSL's translator, extended.

`to_llvm_ir(module)` is the public entry (and `to_llvm_module` for the llvmlite
module). The walk over globals and functions mirrors
`xdsl.backend.llvm.convert.convert_module`; each op goes through `convert_op` below,
which handles what xDSL 0.74 lacks or gets wrong and hands every other op to xDSL's
`convert_op`:

* the ops of `dialect.py` (fptosi, fptoui, uitofp, extractelement, masked.load, and
  fcmp, select and masked.store on any vectors);
* intrinsic ops (`llvm.intr.exp`, ...) get type-suffixed names (`llvm.exp.v16f32`):
  xDSL declares them unsuffixed, so a scalar and a vector use in one module clash;
* `llvm.intr.masked.store` in LLVM 22's form (alignment as a parameter attribute);
* `llvm.getelementptr` and `llvm.alloca` give opaque pointers (xDSL's typed ones make
  llvmlite reject stores of another type through them);
* `llvm.call_intrinsic` with fast-math flags (the `reassoc` vector reductions);
* function linkage (xDSL drops it: outlined functions are `internal`), and globals
  with an initializer printed as definitions (xDSL writes `external global i32 0`).

Nothing in xDSL is patched: other users of its translator see it unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from llvmlite import ir
from xdsl.backend.llvm import convert as xdsl_convert
from xdsl.backend.llvm import convert_op as xdsl_convert_op
from xdsl.backend.llvm.convert_type import convert_type
from xdsl.dialects import llvm
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, Operation, SSAValue

from mopc.core.diagnostics import DiagnosticError
from mopc.targets.llvm import dialect as ext

ValueMap = dict[SSAValue, ir.Value]
Converter = Callable[[Operation, ir.IRBuilder, ValueMap], None]

_CASTS: dict[type[Operation], str] = {
    ext.FPToSIOp: "fptosi",
    ext.FPToUIOp: "fptoui",
    ext.UIToFPOp: "uitofp",
}

# xDSL's `llvm.intr.*` ops and their unsuffixed intrinsic names
_XDSL_INTRINSICS: dict[type[Operation], str] = {
    **xdsl_convert_op._UNARY_INTRINSIC_MAP,
    **xdsl_convert_op._BINARY_INTRINSIC_MAP,
}


def _cast(op: Operation, builder: ir.IRBuilder, values: ValueMap) -> None:
    cast = getattr(builder, _CASTS[type(op)])
    values[op.results[0]] = cast(values[op.operands[0]], convert_type(op.results[0].type))


def _extract_element(op: Operation, builder: ir.IRBuilder, values: ValueMap) -> None:
    assert isinstance(op, ext.ExtractElementOp)
    values[op.res] = builder.extract_element(values[op.vector], values[op.position])


def _intrinsic(builder: ir.IRBuilder, name: str, fnty: ir.FunctionType) -> ir.Function:
    """The declaration of intrinsic `name` (already suffixed), made once per module."""
    module = builder.module
    if name in module.globals:
        return module.globals[name]  # type: ignore[return-value]
    return ir.Function(module, fnty, name=name)


def _suffix(t: ir.Type) -> str:
    """LLVM's overload suffix of an llvmlite type: `f32`, `i1`, `v16f32`, `v16i1`
    (xDSL's helper knows float vectors only)."""
    if isinstance(t, ir.VectorType):
        return f"v{t.count}{_suffix(t.element)}"
    if isinstance(t, ir.IntType):
        return f"i{t.width}"
    return xdsl_convert_op.intrinsic_suffix(t)


def _suffixed_intrinsic(op: Operation, builder: ir.IRBuilder, values: ValueMap) -> None:
    args = [values[v] for v in op.operands]
    t = args[0].type
    name = f"{_XDSL_INTRINSICS[type(op)]}.{_suffix(t)}"
    fn = _intrinsic(builder, name, ir.FunctionType(t, [a.type for a in args]))
    values[op.results[0]] = builder.call(fn, args)


def _gep(op: Operation, builder: ir.IRBuilder, values: ValueMap) -> None:
    """An opaque-pointer GEP (xDSL bitcasts to a typed pointer first, which makes
    llvmlite give the result the wrong pointee and reject the store through it)."""
    assert isinstance(op, llvm.GEPOp)
    dynamic = iter(op.ssa_indices)
    indices = [
        values[next(dynamic)] if i == llvm.GEP_USE_SSA_VAL else ir.Constant(ir.IntType(32), i)
        for i in op.rawConstantIndices.iter_values()
    ]
    element = convert_type(op.elem_type)
    inbounds = op.inbounds is not None
    gep = builder.gep(values[op.ptr], indices, inbounds=inbounds, source_etype=element)
    gep.type = ir.PointerType()  # opaque, whatever llvmlite inferred from the operand
    values[op.results[0]] = gep


def _alloca(op: Operation, builder: ir.IRBuilder, values: ValueMap) -> None:
    assert isinstance(op, llvm.AllocaOp)
    alloca = builder.alloca(convert_type(op.elem_type), size=values[op.size])
    alloca.type = ir.PointerType()  # opaque, as GEP results: stores through it type-check
    if op.alignment:
        alloca.align = op.alignment.value.data
    values[op.results[0]] = alloca


def _masked_load(op: Operation, builder: ir.IRBuilder, values: ValueMap) -> None:
    assert isinstance(op, ext.MaskedLoadOp)
    ptr, mask, pass_thru = values[op.data], values[op.mask], values[op.pass_thru]
    name = f"llvm.masked.load.{_suffix(pass_thru.type)}.p0"
    fnty = ir.FunctionType(pass_thru.type, [ptr.type, mask.type, pass_thru.type])
    call = builder.call(_intrinsic(builder, name, fnty), [ptr, mask, pass_thru], arg_attrs={0: ()})
    call.arg_attributes[0].align = op.alignment.value.data
    values[op.res] = call


def _masked_store(op: Operation, builder: ir.IRBuilder, values: ValueMap) -> None:
    assert isinstance(op, ext.MaskedStoreOp | llvm.MaskedStoreOp)
    value, ptr, mask = values[op.value], values[op.data], values[op.mask]
    name = f"llvm.masked.store.{_suffix(value.type)}.p0"
    fnty = ir.FunctionType(ir.VoidType(), [value.type, ptr.type, mask.type])
    call = builder.call(_intrinsic(builder, name, fnty), [value, ptr, mask], arg_attrs={1: ()})
    call.arg_attributes[1].align = op.alignment.value.data


def _call_intrinsic(op: Operation, builder: ir.IRBuilder, values: ValueMap) -> None:
    assert isinstance(op, llvm.CallIntrinsicOp)
    args = [values[a] for a in op.args]
    result = convert_type(op.ress.type) if op.ress is not None else ir.VoidType()
    fn = _intrinsic(builder, op.intrin.data, ir.FunctionType(result, [a.type for a in args]))
    call = builder.call(fn, args, fastmath=[f.value for f in op.fastmathFlags.data])
    if op.ress is not None:
        values[op.ress] = call


_CONVERTERS: dict[type[Operation], Converter] = {
    **dict.fromkeys(_CASTS, _cast),
    ext.FCmpOp: xdsl_convert_op._convert_fcmp,  # type: ignore[dict-item]  # same fields
    ext.SelectOp: xdsl_convert_op._convert_select,  # type: ignore[dict-item]  # same fields
    ext.ExtractElementOp: _extract_element,
    ext.MaskedLoadOp: _masked_load,
    llvm.GEPOp: _gep,
    llvm.AllocaOp: _alloca,
    ext.MaskedStoreOp: _masked_store,
    llvm.MaskedStoreOp: _masked_store,
    llvm.CallIntrinsicOp: _call_intrinsic,
    **dict.fromkeys(_XDSL_INTRINSICS, _suffixed_intrinsic),
}


def convert_op(
    op: Operation,
    builder: ir.IRBuilder,
    values: ValueMap,
    blocks: dict[Block, ir.Block] | None = None,
) -> None:
    """Translate one op: ours first, then xDSL's translator."""
    converter = _CONVERTERS.get(type(op))
    if converter is not None:
        converter(op, builder, values)
        return
    try:
        xdsl_convert_op.convert_op(op, builder, values, blocks)
    except NotImplementedError as err:
        raise DiagnosticError.at(op, f"cannot translate to LLVM IR: {err}") from None


def _convert_global(op: llvm.GlobalOp, module: ir.Module) -> None:
    xdsl_convert._convert_global(op, module)
    variable = module.get_global(op.sym_name.data)
    if variable.linkage == "external" and op.value is not None:
        variable.linkage = ""  # a definition: LLVM spells `external` only on declarations


def _name(values: ValueMap, ssa: SSAValue) -> None:
    """Carry the MLIR name (`%acc`) over to the instruction or argument, for reading."""
    value = values.get(ssa)
    if ssa.name_hint and isinstance(value, ir.Instruction | ir.Argument):
        value.name = ssa.name_hint


def _convert_body(op: llvm.FuncOp, module: ir.Module) -> None:
    """One function body: blocks first (forward branches), arguments as phis."""
    fn = module.get_global(op.sym_name.data)
    blocks: dict[Block, ir.Block] = {}
    values: ValueMap = {}
    for i, block in enumerate(op.body.blocks):
        blocks[block] = fn.append_basic_block(name=block.name_hint or "")
        if i == 0:
            values.update(zip(block.args, fn.args))
        else:
            builder = ir.IRBuilder(blocks[block])
            values.update((arg, builder.phi(convert_type(arg.type))) for arg in block.args)
        for arg in block.args:
            _name(values, arg)
    for block in op.body.blocks:
        builder = ir.IRBuilder(blocks[block])
        if blocks[block].instructions:
            builder.position_after(blocks[block].instructions[-1])
        for inner in block.ops:
            convert_op(inner, builder, values, blocks)
            for result in inner.results:
                _name(values, result)


def to_llvm_module(module: ModuleOp) -> ir.Module:
    """The llvmlite module of an `llvm`-dialect module (only `llvm.func` and
    `llvm.mlir.global` at the top level: run `convert-to-llvm` first)."""
    import llvmlite.binding

    result = ir.Module()
    result.triple = llvmlite.binding.get_default_triple()  # as xDSL does; the runner resets it
    functions: list[llvm.FuncOp] = []
    for op in module.ops:
        if isinstance(op, llvm.GlobalOp):
            _convert_global(op, result)
        elif isinstance(op, llvm.FuncOp):
            functions.append(op)
        else:
            raise DiagnosticError.at(op, "cannot be translated to LLVM IR: run convert-to-llvm "
                                     "first")
    for op in functions:
        xdsl_convert._declare_func(op, result)
        if op.linkage.linkage.data != "external":
            result.get_global(op.sym_name.data).linkage = op.linkage.linkage.data
    for op in functions:
        if op.body.blocks:
            _convert_body(op, result)
    return result


def to_llvm_ir(module: ModuleOp) -> str:
    """LLVM IR text of an `llvm`-dialect module (the host's default triple, no data
    layout: the runner sets the host's)."""
    return str(to_llvm_module(module))
