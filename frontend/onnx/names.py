"""Turning ONNX names (any string: `input.1`, `onnx::Conv_12`, `/layer1/Relu_output_0`)
into names the IR accepts, keeping them unique.

SSA names allow `[A-Za-z0-9_$.-]` and must not start with a digit (xDSL also drops a
trailing `_<digits>`, so `x_1` prints as `%x`); `dense_resource` handles are MLIR
bare identifiers, `[A-Za-z_][A-Za-z0-9_$.]*`. Where the SSA name is not the ONNX name,
the importer records the original as the `mopc.name` argument attribute, which is what
`mopc.compile`'s callable and `mopc run` use.
"""

from __future__ import annotations

import re

from xdsl.ir import SSAValue

_NOT_IN_SSA = re.compile(r"[^A-Za-z0-9_$.\-]")
_NOT_IN_HANDLE = re.compile(r"[^A-Za-z0-9_$.]")


def ssa_name(name: str) -> str:
    """A valid SSA name hint resembling `name`."""
    text = _NOT_IN_SSA.sub("_", name)
    return text if text and not text[0].isdigit() else f"v{text}"


def is_kept_as_ssa_name(name: str) -> bool:
    """Whether the printed and re-parsed SSA name is exactly `name`."""
    return SSAValue.extract_valid_name(ssa_name(name)) == name


class HandleNames:
    """Unique `dense_resource` handles for a set of parameter names."""

    def __init__(self, taken: set[str] | None = None):
        self.taken = set(taken or ())

    def make(self, name: str) -> str:
        base = _NOT_IN_HANDLE.sub("_", name) or "param"
        if not any(c.isalpha() for c in base):
            # `1` or `_12`: later levels name arguments after handles, and xDSL shortens
            # `_12` to an empty name hint, which it then refuses.
            base = f"p{base}"
        elif not (base[0].isalpha() or base[0] == "_"):
            base = f"_{base}"
        handle, count = base, 1
        while handle in self.taken:
            handle, count = f"{base}_{count}", count + 1
        self.taken.add(handle)
        return handle
