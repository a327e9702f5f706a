"""Run simulated BANG programs: executables through `run_program`, shared libraries
through `SimLibrary` (ctypes) with violations reported as `SimViolation` instead of
ending the Python process.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mopc.targets.bang.sim.build import build


class SimViolation(Exception):
    """The simulator refused what the program did (the first violation's message)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _read_string(fn, initial: int = 4096) -> str:
    size = initial
    while True:
        buf = ctypes.create_string_buffer(size)
        needed = fn(buf, size)
        if needed < size:
            return buf.value.decode(errors="replace")
        size = needed + 1


class SimLibrary:
    """A program built with `compile_program(..., shared=True)`, loaded with ctypes.

    Loading sets the simulator to non-fatal: a violation stops the offending kernel,
    makes its CNRT call return an error, and is kept for `last_error()`.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.lib = ctypes.CDLL(str(self.path))
        self.lib.mopcsim_last_error.argtypes = [ctypes.c_char_p, ctypes.c_int]
        self.lib.mopcsim_last_error.restype = ctypes.c_int
        self.lib.mopcsim_counters_json.argtypes = [ctypes.c_char_p, ctypes.c_int]
        self.lib.mopcsim_counters_json.restype = ctypes.c_int
        self.lib.mopcsim_set_fatal.argtypes = [ctypes.c_int]
        self.lib.mopcsim_set_fatal.restype = None
        self.lib.mopcsim_reset.restype = None
        self.lib.mopcsim_arch.restype = ctypes.c_char_p
        self.lib.mopcsim_set_fatal(0)

    @property
    def arch(self) -> str:
        return self.lib.mopcsim_arch().decode()

    def function(self, name: str):
        """The raw ctypes function `name` (set its argtypes/restype yourself)."""
        return getattr(self.lib, name)

    def call(self, name: str, *args: Any, restype: Any = ctypes.c_int, check: bool = True) -> Any:
        """Call the `extern "C"` host function `name`. NumPy arrays and bytearrays pass
        as pointers to their data, Python ints as 64-bit integers, floats as C floats
        (pass `ctypes.c_double(x)` for a double), None as NULL, ctypes objects as they
        are. With `check` (the default) a violation during the call raises SimViolation
        (and resets the simulator's state)."""
        fn = getattr(self.lib, name)
        fn.restype = restype
        result = fn(*(_as_c(a) for a in args))
        if check:
            self.check()
        return result

    def last_error(self) -> str | None:
        """The first violation since the last reset, or None."""
        text = _read_string(self.lib.mopcsim_last_error, 1024)
        return text or None

    def counters(self) -> dict:
        """Counters of every kernel launch since the last reset (see docs/bang-simulator.md)."""
        return json.loads(_read_string(self.lib.mopcsim_counters_json, 1 << 16))

    def reset(self) -> None:
        """Forget the recorded violation and the counters."""
        self.lib.mopcsim_reset()

    def check(self) -> None:
        check(self)


def check(lib: SimLibrary) -> None:
    """Raise SimViolation if `lib` recorded a violation (and reset it)."""
    message = lib.last_error()
    if message is not None:
        lib.reset()
        raise SimViolation(message)


def _as_c(value: Any) -> Any:
    if value is None:
        return ctypes.c_void_p(None)
    if isinstance(value, bool):
        return ctypes.c_int(int(value))
    if isinstance(value, int):
        return ctypes.c_int64(value)
    if isinstance(value, float):
        return ctypes.c_float(value)
    if isinstance(value, bytearray):
        return (ctypes.c_char * len(value)).from_buffer(value)
    if hasattr(value, "__array_interface__"):
        return ctypes.c_void_p(value.__array_interface__["data"][0])
    return value


def run_program(sources: Sequence[str | os.PathLike[str]], args: Sequence[str] = (), *, arch: str = "mtp_270",
                extra_flags: Sequence[str] = (), timeout: float | None = None,
                counters: str | os.PathLike[str] | None = None,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Build `sources` into an executable (cached) and run it with `args`; stdout and
    stderr are captured as text. `counters=FILE` makes the program write its counters
    there as JSON at exit."""
    environment = dict(os.environ if env is None else env)
    if counters is not None:
        environment["MOPCSIM_COUNTERS"] = str(counters)
    with tempfile.TemporaryDirectory(prefix="mopc-bang-sim-") as scratch:
        program = build(sources, arch=arch, extra_flags=extra_flags, scratch=Path(scratch))
        return subprocess.run([str(program), *map(str, args)], capture_output=True, text=True, timeout=timeout,
                              env=environment, check=False)
