"""Code-generation targets, one folder per chip: `llvm/` (CPU through llvmlite),
`cuda/` (CUDA C through nvcc) and `bang/` (Cambricon BANG C through cncc or mopc's
simulator). Each folder follows the same shape: `dialect.py`, `lower.py`,
`target_info.py`, `printer.py`, `runner.py` (see docs/architecture.md).

`get_all_targets()` maps `mopc-translate --target` names to lazily imported targets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the runtime imports mopc.targets.llvm.shared_object without xDSL
    from xdsl.utils.target import Target

TARGETS: dict[str, str] = {
    "llvm": "mopc.targets.llvm.target:LLVMTarget",
    "c": "mopc.targets.c.target:CTarget",
    "cuda": "mopc.targets.cuda.target:CudaTarget",
    "bang": "mopc.targets.bang.target:BangTarget",
}
"""`name -> "module:Class"`; the targets are added by the code-generation work."""


def get_all_targets() -> dict[str, Callable[[], type[Target]]]:
    from importlib import import_module

    def loader(target: str) -> Callable[[], type[Target]]:
        module_name, class_name = target.split(":")
        return lambda: getattr(import_module(module_name), class_name)

    return {name: loader(target) for name, target in TARGETS.items()}


BACKENDS: dict[str, str] = {
    "llvm": "mopc.targets.llvm.backend",
    "cuda": "mopc.targets.cuda.backend",
    "bang": "mopc.targets.bang.backend",
}
"""Code-generation back ends of `mopc.compile`, by target name (`module` paths).

A back end is a module, imported on first use, with:

* `pipeline(fusion_report: str, report_file: str) -> str`: the passes from the graph
  or meta-op level to the back end's input, ending with an entry function that has a
  `mopc.abi` attribute (inputs, outputs, params, workspace bytes), as
  `metaop-to-loop` writes it;
* `build(module, ctx, ir_text, *, cache: bool, cache_dir) -> runner`: generated code
  made callable: `runner.call(name, arrays)`, `runner.threads`,
  `runner.set_threads(n)` and `runner.write_shared_object(path)` (see
  `runtime/model.py`);
* `load(path) -> runner`: an exported shared object opened again with NumPy and
  ctypes only (what `mopc.runtime.load` calls), so its module imports xDSL lazily.

A new chip adds a module and one line here."""


def backend(target: str):
    """The back-end module of `target`."""
    from importlib import import_module

    if target not in BACKENDS:
        raise ValueError(f"unknown target '{target}' (available: {', '.join(BACKENDS)})")
    return import_module(BACKENDS[target])
