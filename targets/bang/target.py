"""`mopc-translate --target=bang --bang-arch=mtp_270`: a loop-level module as BANG C.

Runs `loop-to-bang` for the architecture (a module already lowered passes through) and
prints one `.mlu` source: the `__mlu_entry__` kernels and the CNRT host function
`mopc_main` that launches them (`printer.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.target import Target

from mopc.targets.bang.dialect import KERNEL_ATTR
from mopc.targets.bang.lower import LoopToBangPass
from mopc.targets.bang.printer import print_bang
from mopc.targets.bang.target_info import target_info


@dataclass(frozen=True)
class BangTarget(Target):
    """Loop level -> `bang` dialect -> BANG C (`arch`: `mtp_270` or `mtp_372`)."""

    name = "bang"
    arch: str = "mtp_270"

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        target_info(self.arch)  # an unknown arch: KeyError naming the known ones
        lowered = any(KERNEL_ATTR in f.attributes for f in module.ops if isinstance(f, func.FuncOp))
        if not lowered:
            LoopToBangPass(arch=self.arch).apply(ctx, module)
        output.write(print_bang(module, self.arch))
