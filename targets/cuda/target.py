"""`mopc-translate --target=cuda`: a loop-level module as CUDA C (a `.cu` file).

Runs `loop-to-cuda` first unless the module is already lowered (its entry has
`cuda.host`), then prints kernels, host code and the `mopc_call_` wrappers. The
translation expects scalar loop nests: a graph-level model goes through
`mopc-opt -p "<targets.cuda.lowering.TO_LOOP>"` (or `mopc.compile(..., target="cuda")`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.target import Target

from mopc.targets.cuda.lowering import cuda_source


@dataclass(frozen=True)
class CudaTarget(Target):
    """Loop level -> `loop-to-cuda` -> CUDA C."""

    name = "cuda"

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        output.write(cuda_source(module, ctx))
