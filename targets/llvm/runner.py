"""Compile a loop-level module for this CPU and run it: `compile_module(module)`.

The module is lowered (`convert-to-llvm`), translated (`translate.py`), parsed by
llvmlite, given the host triple and data layout, optimised at O3 for the host CPU and
its features (AVX-512 where present) with LLVM's new pass manager, and JIT-compiled
with MCJIT. Kernel pointer arguments are already `noalias` (the lowering marks them:
kernel memrefs never alias). The result calls functions with NumPy arrays:

    compiled = compile_module(module)
    compiled.set_threads(2)
    compiled.call("main", [x, out, w, workspace])
    compiled.write_shared_object("model.so")   # the same code, ahead of time

`write_shared_object` emits a position-independent object file and links it with the
system C compiler (`cc -shared ... -lgomp -lm`); `shared_object.py` loads it with
ctypes alone.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

import llvmlite.binding as llvm
from llvmlite import ir
from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp

from mopc.targets.llvm.abi import function_abi
from mopc.targets.llvm.convert_to_llvm import ConvertToLLVMPass
from mopc.targets.llvm.parallel_to_llvm import NUM_THREADS
from mopc.targets.llvm.shared_object import ABI_SYMBOL, FunctionTable
from mopc.targets.llvm.target_info import host_target_info
from mopc.targets.llvm.toolchain import link_shared_object, load_libgomp
from mopc.targets.llvm.translate import to_llvm_module


def _initialize() -> None:
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()


def host_target_machine(*, jit: bool, opt_level: int = 3) -> llvm.TargetMachine:
    """A target machine for this CPU: PIC for shared objects, the JIT's defaults else."""
    _initialize()
    info = host_target_info()
    target = llvm.Target.from_default_triple()
    features = info.feature_string
    if jit:
        return target.create_target_machine(
            cpu=info.cpu_name, features=features, opt=opt_level, jit=True
        )
    return target.create_target_machine(
        cpu=info.cpu_name, features=features, opt=opt_level, reloc="pic", codemodel="default"
    )


def optimize(module: llvm.ModuleRef, machine: llvm.TargetMachine, opt_level: int = 3) -> None:
    """LLVM's O-level pipeline (new pass manager), vectorisers on."""
    tuning = llvm.create_pipeline_tuning_options(speed_level=opt_level)
    tuning.loop_vectorization = opt_level >= 2
    tuning.slp_vectorization = opt_level >= 2
    builder = llvm.create_pass_builder(machine, tuning)
    builder.getModulePassManager().run(module, builder)


def _embed_abi(module: ir.Module, abi: dict[str, Any]) -> None:
    """The signatures as a NUL-terminated JSON string `@mopc_abi` (for shared objects)."""
    data = bytearray(json.dumps(abi, sort_keys=True).encode() + b"\0")
    array = ir.ArrayType(ir.IntType(8), len(data))
    variable = ir.GlobalVariable(module, array, name=ABI_SYMBOL)
    variable.initializer = ir.Constant(array, data)
    variable.global_constant = True


def _parse(text: str, machine: llvm.TargetMachine) -> llvm.ModuleRef:
    parsed = llvm.parse_assembly(text)
    parsed.triple = machine.triple
    parsed.data_layout = str(machine.target_data)
    parsed.verify()
    return parsed


class CompiledLLVM(FunctionTable):
    """A JIT-compiled module: `call(name, arrays)`, `set_threads(n)` (from
    `FunctionTable`), and the same code as a shared object: `write_shared_object(path)`."""

    def __init__(self, engine: llvm.ExecutionEngine, abi: dict[str, Any], llvm_ir: str,
                 optimized_ir: str, uses_openmp: bool):
        self.engine = engine  # owns the machine code: keep it alive with this object
        self.llvm_ir = llvm_ir
        """The translated module, before optimisation."""
        self.optimized_ir = optimized_ir
        self.uses_openmp = uses_openmp
        threads = engine.get_global_value_address(NUM_THREADS) if uses_openmp else None
        super().__init__(abi, engine.get_function_address, threads)

    def write_shared_object(self, path: str | os.PathLike[str]) -> None:
        """Emit an object file for this CPU and link it into a `.so` with `cc`."""
        machine = host_target_machine(jit=False)
        code = machine.emit_object(_parse(self.optimized_ir, machine))
        with tempfile.TemporaryDirectory(prefix="mopc-") as scratch:
            obj = os.path.join(scratch, "module.o")
            with open(obj, "wb") as f:
                f.write(code)
            link_shared_object([obj], os.fspath(path), openmp=self.uses_openmp)


def _translate(module: ModuleOp, ctx: Context | None) -> tuple[str, bool]:
    """Lower a clone of `module` to the llvm dialect and print LLVM IR, its signatures
    embedded; returns (text, whether it calls libgomp)."""
    from mopc.core.context import make_context

    abi = function_abi(module)
    lowered = module.clone()
    ConvertToLLVMPass().apply(ctx or make_context(), lowered)
    ir_module = to_llvm_module(lowered)
    _embed_abi(ir_module, abi)
    return str(ir_module), "GOMP_parallel" in ir_module.globals


def compile_module(
    module: ModuleOp, ctx: Context | None = None, *, opt_level: int = 3
) -> CompiledLLVM:
    """Lower, translate, optimise and JIT-compile a loop-level module (left unchanged)."""
    abi = function_abi(module)
    text, uses_openmp = _translate(module, ctx)
    if uses_openmp:
        load_libgomp()
    machine = host_target_machine(jit=True, opt_level=opt_level)
    parsed = _parse(text, machine)
    optimize(parsed, machine, opt_level)
    optimized = str(parsed)
    engine = llvm.create_mcjit_compiler(parsed, machine)
    engine.finalize_object()
    return CompiledLLVM(engine, abi, text, optimized, uses_openmp)


def build_shared_object(
    module: ModuleOp, path: str | os.PathLike[str], ctx: Context | None = None, *, opt_level: int = 3
) -> None:
    """Lower, translate, optimise and link a loop-level module into the `.so` at `path`
    (no JIT: what `shared_object.SharedObject` loads)."""
    text, uses_openmp = _translate(module, ctx)
    machine = host_target_machine(jit=False, opt_level=opt_level)
    parsed = _parse(text, machine)
    optimize(parsed, machine, opt_level)
    code = machine.emit_object(parsed)
    with tempfile.TemporaryDirectory(prefix="mopc-") as scratch:
        obj = os.path.join(scratch, "module.o")
        with open(obj, "wb") as f:
            f.write(code)
        link_shared_object([obj], os.fspath(path), openmp=uses_openmp)
