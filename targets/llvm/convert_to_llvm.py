"""The `convert-to-llvm` pass: a loop-level module (docs/loop-level.md) -> `llvm` dialect.

Phases, each a walk over the module:

0. `affine` ops become scf/arith/memref (the shared `affine-to-scf` patterns);
1. `scf.parallel` is outlined and dispatched through libgomp (`parallel_to_llvm.py`);
2. `scf.for`/`scf.if` become branches (`scf_to_llvm.py`, reusing xDSL's scf-to-cf);
3. `func`, `arith`, `loop`, `math`, `memref`, `vector` and `cf` ops become `llvm` ops, one
   pattern per op, operands and results bridged by unrealized casts
   (`type_converter.py`, `lowering.py`);
4. block arguments get their LLVM types and the casts are reconciled.

Anything left that is not `llvm` is an op outside the loop level: an error at that op.
The result holds only `llvm.func` and `llvm.mlir.global`, ready for `translate.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import llvm
from xdsl.dialects.builtin import ModuleOp, UnrealizedConversionCastOp
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import GreedyRewritePatternApplier, PatternRewriteWalker, RewritePattern
from xdsl.transforms.reconcile_unrealized_casts import reconcile_unrealized_casts

from mopc.core.diagnostics import DiagnosticError
from mopc.passes.loop.affine_to_scf import populate_affine_to_scf_patterns
from mopc.targets.llvm.arith_to_llvm import populate_arith_to_llvm_patterns
from mopc.targets.llvm.func_to_llvm import populate_func_to_llvm_patterns
from mopc.targets.llvm.loop_to_llvm import populate_loop_to_llvm_patterns
from mopc.targets.llvm.math_to_llvm import populate_math_to_llvm_patterns
from mopc.targets.llvm.memref_to_llvm import populate_memref_to_llvm_patterns
from mopc.targets.llvm.parallel_to_llvm import populate_parallel_to_llvm_patterns
from mopc.targets.llvm.scf_to_llvm import populate_cf_to_llvm_patterns, populate_scf_to_cf_patterns
from mopc.targets.llvm.type_converter import retype_block_arguments
from mopc.targets.llvm.vector_to_llvm import populate_vector_to_llvm_patterns


def populate_convert_to_llvm_patterns() -> list[RewritePattern]:
    """Phase 3: every op of the loop level, once control flow is unstructured."""
    return [
        *populate_func_to_llvm_patterns(),
        *populate_arith_to_llvm_patterns(),
        *populate_loop_to_llvm_patterns(),
        *populate_math_to_llvm_patterns(),
        *populate_memref_to_llvm_patterns(),
        *populate_vector_to_llvm_patterns(),
        *populate_cf_to_llvm_patterns(),
    ]


def _walk(module: ModuleOp, patterns: Sequence[RewritePattern], *, recursive: bool) -> None:
    applier = GreedyRewritePatternApplier(list(patterns), dce_enabled=False)
    PatternRewriteWalker(applier, apply_recursively=recursive).rewrite_module(module)


def _check_legal(module: ModuleOp) -> None:
    """Every op left must be LLVM (casts are reconciled later)."""
    for op in module.walk():
        if op is module or isinstance(op, UnrealizedConversionCastOp):
            continue
        if op.name.startswith("llvm."):
            continue
        raise DiagnosticError.at(op, "cannot be lowered to LLVM: it is not part of the "
                                 "loop level (docs/loop-level.md)")


def _finalize(module: ModuleOp) -> None:
    for fn in module.ops:
        if isinstance(fn, llvm.FuncOp):
            for block in fn.body.blocks:
                retype_block_arguments(block, fn)
    reconcile_unrealized_casts(module, warn_on_failure=False)
    for op in module.walk():
        if isinstance(op, UnrealizedConversionCastOp):
            types = f"{op.inputs.types} -> {op.result_types}"
            raise DiagnosticError.at(op, f"internal error: a type conversion ({types}) could not "
                                     "be reconciled")


@dataclass(frozen=True)
class ConvertToLLVMPass(ModulePass):
    """Lower a loop-level module (func, scf, affine, memref, arith, math, vector, cf) to `llvm`.

    ```mlir
    // before
    func.func @relu(%in: memref<64xf32>, %out: memref<64xf32>) attributes {mopc.kernel} {
      %c0 = arith.constant 0 : index
      %c16 = arith.constant 16 : index
      %c64 = arith.constant 64 : index
      %zero = arith.constant dense<0.000000e+00> : vector<16xf32>
      scf.for %i = %c0 to %c64 step %c16 {
        %v = vector.load %in[%i] : memref<64xf32>, vector<16xf32>
        %r = arith.maximumf %v, %zero : vector<16xf32>
        vector.store %r, %out[%i] : memref<64xf32>, vector<16xf32>
      }
      func.return
    }
    // after
    llvm.func @relu(%in: !llvm.ptr {llvm.noalias}, %out: !llvm.ptr {llvm.noalias}) {
      ...
    ^bb1(%i: i64):
      %p = llvm.getelementptr inbounds %in[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
      %v = llvm.load %p {alignment = 4 : i64} : !llvm.ptr -> vector<16xf32>
      %r = llvm.call_intrinsic "llvm.maximum.v16f32"(%v, %zero) : (vector<16xf32>, vector<16xf32>) -> vector<16xf32>
      %q = llvm.getelementptr inbounds %out[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
      llvm.store %r, %q {alignment = 4 : i64} : vector<16xf32>, !llvm.ptr
      ...
    }
    ```

    `scf.parallel` becomes an outlined function started by `GOMP_parallel` (see
    `parallel_to_llvm.py`); memrefs are bare pointers addressed with GEPs.
    """

    name = "convert-to-llvm"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        _walk(op, populate_affine_to_scf_patterns(), recursive=True)
        _walk(op, populate_parallel_to_llvm_patterns(), recursive=False)
        _walk(op, populate_scf_to_cf_patterns(), recursive=True)
        _walk(op, populate_convert_to_llvm_patterns(), recursive=False)
        _check_legal(op)
        _finalize(op)
