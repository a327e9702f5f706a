"""mopc's passes, by command-line name.

The table below is data: `pass-name -> "module:Class"`, imported only when a pipeline
names the pass. `test/passes/test_registry.py` checks that every `ModulePass` defined
under `mopc.passes` is listed here under its own `name`.
"""

from collections.abc import Callable
from importlib import import_module

from xdsl.passes import ModulePass

PASSES: dict[str, str] = {
    "graph-to-metaop": "mopc.passes.graph_to_metaop.conversion:GraphToMetaopPass",
    "fold-constants": "mopc.passes.metaop.fold_constants:FoldConstantsPass",
    "materialize-padding": "mopc.passes.metaop.materialize_padding:MaterializePaddingPass",
    "metaop-fuse": "mopc.passes.metaop.fuse:MetaopFusePass",
    "convert-to-llvm": "mopc.targets.llvm.convert_to_llvm:ConvertToLLVMPass",
    "affine-to-scf": "mopc.passes.loop.affine_to_scf:AffineToScfPass",
    "pack-constants": "mopc.passes.loop.pack_constants:PackConstantsPass",
    "loop-schedule": "mopc.passes.loop.schedule:LoopSchedulePass",
    "metaop-to-loop": "mopc.passes.metaop_to_loop.conversion:MetaopToLoopPass",
    "cuda-schedule": "mopc.targets.cuda.schedule:CudaSchedulePass",
    "loop-to-cuda": "mopc.targets.cuda.lower:LoopToCudaPass",
    "bang-schedule": "mopc.targets.bang.schedule:BangSchedulePass",
    "loop-to-bang": "mopc.targets.bang.lower:LoopToBangPass",
}


def _loader(target: str) -> Callable[[], type[ModulePass]]:
    module_name, class_name = target.split(":")

    def load() -> type[ModulePass]:
        return getattr(import_module(module_name), class_name)

    return load


def get_all_passes() -> dict[str, Callable[[], type[ModulePass]]]:
    return {name: _loader(target) for name, target in PASSES.items()}
