"""mopc: a meta-op deep-learning compiler built on xDSL.

A model enters as a graph of NN ops (the `graph` dialect), is decomposed into
Jittor-style meta-operators (the `metaop` dialect), fused, lowered to loop nests and
then to a hardware dialect per target (LLVM IR, CUDA C, Cambricon BANG C).

The repository root is this package: `mopc.dialects`, `mopc.passes`, `mopc.targets`,
`mopc.frontend` and `mopc.tools` are the top-level folders of the source tree.
Heavy modules are imported lazily so that the command-line tools start quickly.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version

try:
    __version__ = _dist_version("mopc")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+local"


def compile(*args, **kwargs):
    """`mopc.compiler.compile`: compile a model for a target (imported on first use)."""
    from mopc.compiler import compile as _compile

    return _compile(*args, **kwargs)


compile.__doc__ = "Compile a model for a target; see `mopc.compiler.compile`."

__all__ = ["__version__", "compile"]
