"""`mopc bang-sim`: build a BANG C program (`.mlu` kernels plus CNRT host code) for
mopc's functional simulator and run it.

    mopc bang-sim add.mlu main.cpp                       # default arch mtp_270
    mopc bang-sim add.mlu main.cpp --arch mtp_372 -- 4096   # program arguments after --
    mopc bang-sim add.mlu main.cpp --counters traffic.json  # per-launch counters

The program's stdout, stderr and exit code pass through; a build error is printed in
MLIR's `file:line:col: error:` form with the offending line, and exits 1; a violation
the simulator catches at run time ends the program with `error: <message>` and exit 1.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TOOL = "mopc bang-sim"


def _add_options(parser: argparse.ArgumentParser) -> None:
    from mopc.targets.bang.sim.arch import ARCHS, DEFAULT_ARCH

    parser.add_argument("--arch", choices=sorted(ARCHS), default=DEFAULT_ARCH,
                        help=f"the MLU architecture (default {DEFAULT_ARCH})")
    parser.add_argument("--counters", metavar="FILE.json",
                        help="write per-launch counters (memcpy bytes per direction, intrinsic calls) to FILE")
    parser.add_argument("-D", dest="defines", action="append", default=[], metavar="NAME[=VALUE]",
                        help="define a macro for every source")
    parser.add_argument("-o", "--output", metavar="EXE", help="also keep the built executable here")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register `bang-sim` on the driver's subcommands."""
    parser = subparsers.add_parser(
        "bang-sim", help="build and run a BANG C program on mopc's simulator",
        description="Build .mlu kernels and CNRT host code (.cpp/.c) for mopc's BANG simulator and run the "
                    "result; arguments after -- go to the program.")
    _add_options(parser)
    parser.add_argument("command_line", nargs=argparse.REMAINDER, metavar="SOURCE ... [-- ARGS]",
                        help=".mlu and host sources, then -- and the program's arguments")
    return parser


def _parse(args: argparse.Namespace) -> argparse.Namespace:
    """Sources and options may be mixed; everything after the first `--` is the
    program's."""
    rest = list(args.command_line or [])
    program_args: list[str] = []
    if "--" in rest:
        at = rest.index("--")
        rest, program_args = rest[:at], rest[at + 1:]
    inner = argparse.ArgumentParser(prog=TOOL, add_help=False)
    _add_options(inner)
    inner.add_argument("sources", nargs="*")
    parsed = inner.parse_args(rest, namespace=argparse.Namespace(
        arch=args.arch, counters=args.counters, defines=list(args.defines), output=args.output))
    parsed.program_args = program_args
    return parsed


def main(args: argparse.Namespace) -> int:
    from mopc.targets.bang.sim import SimBuildError
    from mopc.targets.bang.sim.build import build

    parsed = _parse(args)
    if not parsed.sources:
        print(f"{TOOL}: error: give the .mlu and host sources of the program", file=sys.stderr)
        return 2
    flags = [f"-D{d}" for d in parsed.defines]
    try:
        with tempfile.TemporaryDirectory(prefix="mopc-bang-sim-") as scratch:
            program = build(parsed.sources, arch=parsed.arch, extra_flags=flags, scratch=Path(scratch))
            if parsed.output:
                from mopc.targets.bang.sim.build import compile_program

                compile_program(parsed.sources, parsed.output, arch=parsed.arch, extra_flags=flags)
            env = dict(os.environ)
            if parsed.counters:
                env["MOPCSIM_COUNTERS"] = str(Path(parsed.counters).absolute())
            sys.stdout.flush()
            done = subprocess.run([str(program), *parsed.program_args], env=env, check=False)
    except SimBuildError as err:
        print(err.render(TOOL), file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{TOOL}: error: cannot run the program: {err.strerror or err}", file=sys.stderr)
        return 1
    if done.returncode < 0:
        print(f"{TOOL}: error: the program was killed by signal {-done.returncode}", file=sys.stderr)
        return 128 - done.returncode
    return done.returncode
