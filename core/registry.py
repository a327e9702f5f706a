"""Where dialects, passes and targets come from.

Three sources, merged: xDSL's upstream tables, mopc's own (`mopc.dialects`,
`mopc.passes`, `mopc.targets`), and every installed plugin that exposes an
`xdsl.universe` entry point (a new chip ships as such a package; nothing in mopc
changes). All tables map a name to a factory that imports lazily, so tools start fast.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib.metadata import entry_points

from xdsl.ir import Dialect
from xdsl.passes import ModulePass
from xdsl.universe import Universe
from xdsl.utils.target import Target

_BUILT_IN_UNIVERSES = ("xdsl", "mopc")


@cache
def _universes() -> tuple[tuple[str, Universe], ...]:
    from xdsl.universe import XDSL_UNIVERSE

    from mopc.universe import MOPC_UNIVERSE

    found = [("xdsl", XDSL_UNIVERSE), ("mopc", MOPC_UNIVERSE)]
    for plugin in sorted(entry_points(group="xdsl.universe"), key=lambda e: e.name):
        if plugin.name in _BUILT_IN_UNIVERSES:
            continue
        universe = plugin.load()
        if not isinstance(universe, Universe):
            raise TypeError(f"plugin '{plugin.name}' does not expose an xdsl Universe")
        found.append((plugin.name, universe))
    return tuple(found)


def _merge(table: str) -> dict[str, Callable[[], object]]:
    merged: dict[str, Callable[[], object]] = {}
    owner: dict[str, str] = {}
    for name, universe in _universes():
        for key, factory in getattr(universe, table).items():
            if key in merged and name != "mopc":
                raise ValueError(f"'{key}' is defined by both '{owner[key]}' and '{name}'")
            merged[key] = factory  # mopc may override an upstream name deliberately
            owner[key] = name
    return merged


def all_dialects() -> dict[str, Callable[[], Dialect]]:
    return _merge("all_dialects")  # type: ignore[return-value]


def all_passes() -> dict[str, Callable[[], type[ModulePass]]]:
    return _merge("all_passes")  # type: ignore[return-value]


def all_targets() -> dict[str, Callable[[], type[Target]]]:
    return _merge("all_targets")  # type: ignore[return-value]


def mopc_pass_names() -> list[str]:
    from mopc.universe import MOPC_UNIVERSE

    return sorted(MOPC_UNIVERSE.all_passes)
