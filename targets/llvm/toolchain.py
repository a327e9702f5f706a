"""What the CPU target needs from the system: libgomp and a C compiler (to link).

Both come with gcc. When one is missing the error says which and how to get it; the
tools print it as `mopc: error: ...`, without a traceback.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
from collections.abc import Sequence
from functools import cache

from mopc.core.diagnostics import Diagnostic, DiagnosticError, Severity


class ToolchainError(DiagnosticError):
    """A missing or failing system component (not an error in the user's IR)."""

    def __init__(self, message: str):
        super().__init__(Diagnostic(Severity.ERROR, message))


@cache
def load_libgomp() -> None:
    """Make libgomp's symbols (GOMP_parallel, omp_get_thread_num) visible to MCJIT."""
    import llvmlite.binding as llvm

    name = ctypes.util.find_library("gomp") or "libgomp.so.1"
    try:
        llvm.load_library_permanently(name)
    except RuntimeError as err:
        raise ToolchainError(
            f"cannot load libgomp (the GNU OpenMP runtime, shipped with gcc), needed by "
            f"parallel loops: {err}; install gcc (e.g. `apt-get install gcc`)"
        ) from None


def c_compiler() -> str:
    """`$CC`, else `cc`, `gcc` or `clang` from PATH."""
    candidates = [os.environ["CC"]] if os.environ.get("CC") else ["cc", "gcc", "clang"]
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    raise ToolchainError(
        f"no C compiler found (tried {', '.join(candidates)}): one is needed to link a "
        "shared object; install gcc or set CC"
    )


def link_shared_object(objects: Sequence[str], output: str, *, openmp: bool) -> None:
    """`cc -shared -o output objects... [-lgomp] -lm`."""
    libraries = ["-lgomp", "-lm"] if openmp else ["-lm"]
    command = [c_compiler(), "-shared", "-o", output, *objects, *libraries]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        hint = " (libgomp ships with gcc)" if "gomp" in result.stderr else ""
        details = f"{' '.join(command)}\n{result.stderr.strip()}"
        raise ToolchainError(f"linking {output} failed{hint}: {details}")
