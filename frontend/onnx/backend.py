"""An `onnx.backend` Backend that runs ONNX models with mopc: what onnx's backend test
suite (`onnx.backend.test.BackendTest`) drives, and a way to run any model the ONNX way.

    from mopc.frontend.onnx.backend import MopcBackend
    rep = MopcBackend.prepare(model)              # or MopcBackend.with_target("reference")
    outputs = rep.run([x, w])                     # graph inputs in order; outputs in order

The target is `llvm` (the default: code compiled for this CPU, cached on disk like every
`mopc.compile`) or `reference` (the graph-level NumPy evaluator, fast to start).

Inputs become compile-time values where mopc needs them. The suite's node cases pass
everything as graph inputs: weights, but also Reshape's shape, Slice's starts, Clip's
bounds, Gather's indices. mopc is a static compiler (shapes, axes, pads and indices
are folded into the IR), so, as onnx-mlir and TVM do for their static modes, each run
imports the model with the input values given (`import_onnx(input_values=...)`):

* a float32 input stays a run-time argument; an op that needs it as a constant reads
  the given value (it is compiled in);
* a non-float input (int64 shapes, axes, indices; bool flags) is a constant, usable
  only as such a parameter: as a run-time operand or output it is refused (mopc
  computes in float32), so an integer Add is reported unsupported, not folded by NumPy.

Outputs known at import time (Shape, Constant) are returned as computed by the
importer, with their ONNX element type. The compiled model is reused while the inputs
compiled in keep their values (a model with none compiles once).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import numpy as np
import onnx
from onnx.backend.base import Backend, BackendRep, Device, DeviceType

from mopc.frontend.onnx.importer import ImportedModel, import_onnx

TARGETS = ("llvm", "reference")


class MopcRep(BackendRep):
    """A model prepared for one target; `run` imports and compiles on first use (and
    again when a compiled-in input value changes)."""

    def __init__(self, model: onnx.ModelProto, target: str):
        if target not in TARGETS:
            raise ValueError(f"unknown target '{target}' (available: {', '.join(TARGETS)})")
        self.model = model
        self.target = target
        initializers = {t.name for t in model.graph.initializer}
        self.input_names = [i.name for i in model.graph.input if i.name not in initializers]
        self._compiled: list[tuple[dict[str, np.ndarray], ImportedModel, Any]] = []

    def run(self, inputs: Any, **kwargs: Any) -> tuple[np.ndarray, ...]:
        values = self._values(inputs)
        imported, run = self._prepared(values)
        computed = iter(run({n: values[n] for n in self._runtime_names(imported)}))
        return tuple(imported.constants[name] if name in imported.constants else next(computed)
                     for name in imported.outputs)

    def _values(self, inputs: Any) -> dict[str, np.ndarray]:
        """The inputs by name, as arrays (the suite hands 0-d ones as NumPy scalars)."""
        if isinstance(inputs, Mapping):
            return {name: np.asarray(value) for name, value in inputs.items()}
        if isinstance(inputs, np.ndarray):
            inputs = [inputs]
        if len(inputs) != len(self.input_names):
            raise ValueError(f"the model takes {len(self.input_names)} inputs "
                             f"({', '.join(self.input_names)}), got {len(inputs)}")
        return {name: np.asarray(value) for name, value in zip(self.input_names, inputs, strict=True)}

    def _prepared(self, values: dict[str, np.ndarray]) -> tuple[ImportedModel, Any]:
        for compiled_in, imported, run in self._compiled:
            if all(np.array_equal(values[n], v) for n, v in compiled_in.items()):
                return imported, run
        imported = import_onnx(self.model, input_values=values, constant_outputs=True)
        run = _runner(imported, self.target)
        self._compiled.append(({n: values[n] for n in imported.compiled_in}, imported, run))
        return imported, run

    @staticmethod
    def _runtime_names(imported: ImportedModel) -> list[str]:
        from mopc.core.evaluate import entry_function, signature_of

        return [spec.name for spec in signature_of(entry_function(imported.module)).inputs]


def _runner(imported: ImportedModel, target: str):
    """`feeds -> outputs` for `@main` on `target` (nothing to run if every output is a
    constant)."""
    from mopc.core.evaluate import entry_function

    if not entry_function(imported.module).function_type.outputs.data:
        return lambda feeds: []
    if target == "reference":
        from mopc.core.context import resources_of
        from mopc.core.evaluate import evaluate

        store = resources_of(imported.ctx)
        return lambda feeds: evaluate(imported.module, feeds, store=store)
    import mopc

    compiled = mopc.compile(imported.module, target, ctx=imported.ctx)

    def run(feeds: Mapping[str, np.ndarray]) -> Sequence[np.ndarray]:
        outputs = compiled(**feeds) if feeds else compiled()
        return list(outputs) if isinstance(outputs, tuple) else [outputs]

    return run


class MopcBackend(Backend):
    """`onnx.backend` entry points; `with_target(name)` gives the same backend on
    another target."""

    target: ClassVar[str] = "llvm"

    @classmethod
    def with_target(cls, target: str) -> type[MopcBackend]:
        if target not in TARGETS:
            raise ValueError(f"unknown target '{target}' (available: {', '.join(TARGETS)})")
        return type(f"MopcBackend_{target}", (cls,), {"target": target})

    @classmethod
    def is_compatible(cls, model: onnx.ModelProto, device: str = "CPU", **kwargs: Any) -> bool:
        return True  # what mopc cannot run fails with a located error naming the reason

    @classmethod
    def prepare(cls, model: onnx.ModelProto, device: str = "CPU", **kwargs: Any) -> MopcRep:
        # The suite forwards its per-case tolerances (rtol, atol) here; they are not ours.
        super().prepare(model, device, **kwargs)  # onnx.checker.check_model
        return MopcRep(model, cls.target)

    @classmethod
    def run_model(cls, model: onnx.ModelProto, inputs: Any, device: str = "CPU",
                  **kwargs: Any) -> tuple[np.ndarray, ...]:
        return cls.prepare(model, device, **kwargs).run(inputs)

    @classmethod
    def supports_device(cls, device: str) -> bool:
        return Device(device).type == DeviceType.CPU


prepare = MopcBackend.prepare
run_model = MopcBackend.run_model
supports_device = MopcBackend.supports_device
