"""Fixtures for the BANG simulator's tests: programs built once per session (the
builds are cached on disk too, so a second run starts in a second), messages
matched exactly with placeholders for what changes between runs (addresses, paths).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from mopc.targets.bang.sim import SimLibrary, compile_program

INPUTS = Path(__file__).parent / "Inputs"


def marker_line(path: Path, marker: str) -> int:
    """The line carrying `// rule: <marker>` (1-based)."""
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if line.rstrip().endswith(f"// rule: {marker}"):
            return n
    raise KeyError(marker)


def message_pattern(template: str) -> re.Pattern[str]:
    """`template` with `{addr}` standing for any address, matched whole."""
    parts = re.split(r"(\{addr\})", template)
    regex = "".join(r"0x[0-9a-f]+" if p == "{addr}" else re.escape(p) for p in parts)
    return re.compile(regex)


def assert_message(actual: str | None, template: str) -> None:
    assert actual is not None, "no violation was recorded"
    assert message_pattern(template).fullmatch(actual), f"\nexpected: {template}\nactual:   {actual}"


class Helpers:
    """What the tests share, handed out by the `sim` fixture (test modules cannot
    import this conftest under pytest's importlib mode)."""

    inputs = INPUTS
    marker_line = staticmethod(marker_line)
    message_pattern = staticmethod(message_pattern)
    assert_message = staticmethod(assert_message)


@pytest.fixture(scope="session")
def sim() -> type[Helpers]:
    return Helpers


@pytest.fixture(scope="session")
def sim_library(tmp_path_factory) -> Callable[..., SimLibrary]:
    """`sim_library(sources, arch=...)`: build (once per session) and load a shared library."""
    built: dict[tuple, SimLibrary] = {}
    folder = tmp_path_factory.mktemp("bang-sim-libs")

    def get(sources: Sequence[str | Path], arch: str = "mtp_270", extra_flags: Sequence[str] = ()) -> SimLibrary:
        key = (tuple(str(s) for s in sources), arch, tuple(extra_flags))
        if key not in built:
            output = folder / f"lib{len(built)}_{arch}.so"
            built[key] = SimLibrary(compile_program(list(sources), output, arch=arch, shared=True,
                                                    extra_flags=extra_flags))
        return built[key]

    return get


@pytest.fixture(scope="session")
def refusals(sim_library) -> SimLibrary:
    return sim_library([INPUTS / "refusals.mlu"])
