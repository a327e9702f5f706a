"""The pass table in mopc/passes/__init__.py lists every pass under its own name."""

import importlib
import inspect
import pkgutil

from xdsl.passes import ModulePass

import mopc.passes
import mopc.targets
from mopc.passes import PASSES, get_all_passes


def _defined_passes() -> dict[str, type[ModulePass]]:
    """Every ModulePass defined in mopc.passes or in a target (targets own their lowerings)."""
    found = {}
    modules = [*pkgutil.walk_packages(mopc.passes.__path__, "mopc.passes."),
               *pkgutil.walk_packages(mopc.targets.__path__, "mopc.targets.")]
    for info in modules:
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, ModulePass) and obj.__module__ == module.__name__ and hasattr(obj, "name"):
                found[obj.name] = obj
    return found


def test_every_pass_is_registered_under_its_name():
    defined = _defined_passes()
    assert defined, "no passes found under mopc.passes"
    assert set(PASSES) == set(defined)
    for name, factory in get_all_passes().items():
        assert factory() is defined[name]


def test_every_pass_has_a_docstring_with_an_ir_example():
    for name, cls in _defined_passes().items():
        assert "```mlir" in (cls.__doc__ or ""), f"pass {name} has no IR example in its docstring"
