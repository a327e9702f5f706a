"""A model's inputs and outputs by name, shape and dtype, and the checks on call.

NumPy only: a compiled model checks its inputs with this wherever it runs, and an
exported model carries its signature as JSON (`Signature.to_json` / `from_json`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


class InputError(ValueError):
    """The arrays passed to a compiled or evaluated function do not fit its signature."""


@dataclass(frozen=True)
class TensorSpec:
    name: str
    shape: tuple[int, ...]
    dtype: np.dtype

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "shape": list(self.shape), "dtype": np.dtype(self.dtype).name}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> TensorSpec:
        return TensorSpec(str(data["name"]), tuple(int(d) for d in data["shape"]), np.dtype(data["dtype"]))


@dataclass(frozen=True)
class Signature:
    """The inputs and outputs of a model function, by name, shape and dtype."""

    function: str
    inputs: tuple[TensorSpec, ...]
    outputs: tuple[TensorSpec, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "function": self.function,
            "inputs": [spec.to_json() for spec in self.inputs],
            "outputs": [spec.to_json() for spec in self.outputs],
        }

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Signature:
        return Signature(
            str(data["function"]),
            tuple(TensorSpec.from_json(s) for s in data["inputs"]),
            tuple(TensorSpec.from_json(s) for s in data["outputs"]),
        )

    def check(self, inputs: Sequence[np.ndarray] | Mapping[str, np.ndarray]) -> list[np.ndarray]:
        """Order `inputs` by the signature (positional or by argument name) and check each
        array's shape and dtype; returns C-contiguous arrays."""
        names = [spec.name for spec in self.inputs]
        if isinstance(inputs, Mapping):
            unknown = sorted(set(inputs) - set(names))
            missing = [n for n in names if n not in inputs]
            if unknown or missing:
                raise InputError(
                    f"inputs do not match @{self.function}({', '.join(names)}): "
                    + (f"missing {missing}" if missing else "")
                    + ("; " if missing and unknown else "")
                    + (f"unknown {unknown}" if unknown else "")
                )
            ordered = [inputs[n] for n in names]
        else:
            ordered = list(inputs)
            if len(ordered) != len(names):
                raise InputError(
                    f"@{self.function} takes {len(names)} inputs ({', '.join(names)}), got {len(ordered)}"
                )
        checked = []
        for index, (spec, value) in enumerate(zip(self.inputs, ordered, strict=True)):
            array = np.asarray(value)
            if array.shape != spec.shape or array.dtype != spec.dtype:
                raise InputError(
                    f"input #{index} ('{spec.name}'): expected shape {spec.shape} {spec.dtype}, "
                    f"got {array.shape} {array.dtype}"
                )
            checked.append(np.asarray(array, order="C"))  # keeps rank 0 (ascontiguousarray would not)
        return checked
