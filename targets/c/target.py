"""`mopc-translate --target=c`: a scalar loop-level module as plain C99.

Functions keep their names (`main`, reserved in C, becomes `mopc_main`), memrefs are
bare pointers (`const float *restrict x`), and `scf.parallel` loops run sequentially.
What the CUDA and BANG printers share is the same emitter with other tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.target import Target

from mopc.targets.c.emitter import CEmitter
from mopc.targets.c.language import C


@dataclass(frozen=True)
class CTarget(Target):
    """Loop level -> C99 (`targets/c/`)."""

    name = "c"

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        output.write(CEmitter(C).emit_module(module))
