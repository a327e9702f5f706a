"""mopc's tiny runtime: run a compiled model with NumPy and ctypes alone.

    import mopc.runtime
    model = mopc.runtime.load("build/resnet.json")      # written by CompiledModel.export
    model.threads = 2
    logits = model(image=x)

Nothing here imports xDSL or llvmlite: a model exported on a build machine runs on a
deployment machine that has NumPy (and libgomp, for parallel loops).

* `signature.py`: `Signature`, `TensorSpec`, `InputError` (input checks, JSON form);
* `model.py`: `CompiledModel`, the callable returned by `mopc.compile` and by `load`;
* `bundle.py`: `save` / `load` of an export (`.so` + `.npz` + `.json` manifest).
"""

from mopc.runtime.bundle import BundleError, load, save
from mopc.runtime.model import CompiledModel
from mopc.runtime.signature import InputError, Signature, TensorSpec

__all__ = ["BundleError", "CompiledModel", "InputError", "Signature", "TensorSpec", "load", "save"]
