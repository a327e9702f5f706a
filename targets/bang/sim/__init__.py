"""mopc's functional simulator for Cambricon BANG C: the printed (or hand-written)
`.mlu` kernels and their CNRT host code compile with the host g++ and run, with tasks
as threads, per-core NRAM/WRAM, per-cluster SRAM and GDRAM as tracked host memory;
what the chip or cncc refuses is refused with a message naming the builtin, the rule
and the values, and every launch's memory traffic and intrinsic use is counted.

    from mopc.targets.bang.sim import compile_program, run_program, SimLibrary

    done = run_program(["add.mlu", "main.cpp"], arch="mtp_270")   # CompletedProcess
    lib = SimLibrary(compile_program(["k.mlu", "host.cpp"], "k.so", shared=True))
    lib.call("run_add", x, y, out, 1024)    # raises SimViolation on a violation
    lib.counters()["launches"][0]["memcpy"]

See docs/bang-simulator.md for what it models and checks.
"""

from mopc.targets.bang.sim.arch import ARCHS, DEFAULT_ARCH, ArchSpec, arch_spec
from mopc.targets.bang.sim.build import compile_program
from mopc.targets.bang.sim.diagnostics import SimBuildError
from mopc.targets.bang.sim.library import SimLibrary, SimViolation, check, run_program

__all__ = [
    "ARCHS", "DEFAULT_ARCH", "ArchSpec", "SimBuildError", "SimLibrary", "SimViolation", "arch_spec", "check",
    "compile_program", "run_program",
]
