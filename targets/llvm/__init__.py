"""The CPU target: loop level -> LLVM dialect -> LLVM IR, JIT-compiled with llvmlite.

Not implemented yet (tracked by the CPU code-generation issue); `mopc-translate
--list-targets` shows what is available.
"""
