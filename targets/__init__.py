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
}
"""`name -> "module:Class"`; the targets are added by the code-generation work."""


def get_all_targets() -> dict[str, Callable[[], type[Target]]]:
    from importlib import import_module

    def loader(target: str) -> Callable[[], type[Target]]:
        module_name, class_name = target.split(":")
        return lambda: getattr(import_module(module_name), class_name)

    return {name: loader(target) for name, target in TARGETS.items()}
