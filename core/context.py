"""The xDSL `Context` every mopc tool and API works in."""

from __future__ import annotations

from xdsl.context import Context
from xdsl.dialects.builtin import Builtin
from xdsl.ir import Dialect

from mopc.core.registry import all_dialects
from mopc.core.resources import ResourceStore


def make_context(*, allow_unregistered: bool = False) -> Context:
    """A context that knows every dialect (upstream, mopc, plugins), loaded lazily.

    The builtin dialect is a private copy carrying a fresh `ResourceStore`, so model
    parameters belong to this context alone.
    """
    ctx = Context(allow_unregistered=allow_unregistered)
    for name, factory in all_dialects().items():
        if name != "builtin":
            ctx.register_dialect(name, factory)
    store = ResourceStore()
    builtin = Dialect("builtin", list(Builtin.operations), list(Builtin.attributes), [store])
    ctx.load_dialect(builtin)
    return ctx


def resources_of(ctx: Context) -> ResourceStore:
    """The parameter store of a context made by `make_context`."""
    store = ctx.get_dialect("builtin").get_interface(ResourceStore)
    if store is None:
        raise ValueError("this context was not made by mopc.core.context.make_context")
    return store
