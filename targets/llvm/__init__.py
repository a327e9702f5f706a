"""The CPU target: loop level -> `llvm` dialect -> LLVM IR, optimised and JIT-compiled
with llvmlite (or linked into a shared object).

* `convert_to_llvm.py`: the `convert-to-llvm` pass, built from one pattern file per
  source dialect (`func_to_llvm.py`, `arith_to_llvm.py`, `math_to_llvm.py`,
  `scf_to_llvm.py`, `memref_to_llvm.py`, `vector_to_llvm.py`, `parallel_to_llvm.py`)
  over `type_converter.py` and `lowering.py`;
* `dialect.py`: LLVM ops xDSL lacks; `translate.py`: `to_llvm_ir(module)`;
* `target.py`: `mopc-translate --target=llvm`;
* `runner.py`: `compile_module(module)` -> call kernels on NumPy arrays, write a `.so`;
  `shared_object.py` loads that `.so` with ctypes alone; `abi.py`, `toolchain.py`;
* `target_info.py`: `host_target_info()` (vector width, cores, caches) for schedules.
"""
