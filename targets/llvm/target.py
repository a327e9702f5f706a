"""`mopc-translate --target=llvm`: a loop-level module as LLVM IR text.

Runs `convert-to-llvm` (a module already in the `llvm` dialect passes through
unchanged) and prints the translation, without a target triple or data layout and
unoptimised: the runner adds the host's and optimises. Overrides xDSL's own `llvm`
target, which accepts only `llvm`-dialect modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.target import Target

from mopc.targets.llvm.convert_to_llvm import ConvertToLLVMPass
from mopc.targets.llvm.translate import to_llvm_ir


@dataclass(frozen=True)
class LLVMTarget(Target):
    """Loop level -> `llvm` dialect -> LLVM IR (llvmlite)."""

    name = "llvm"

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        ConvertToLLVMPass().apply(ctx, module)
        output.write(to_llvm_ir(module))
