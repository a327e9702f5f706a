"""mopc's xDSL `Universe`: its dialects, passes and targets, by name, imported lazily.

Registered as the `mopc` entry point of the `xdsl.universe` group, so `xdsl-opt` and
every other xDSL tool can use mopc's dialects and passes too.
"""

from xdsl.universe import Universe

from mopc.dialects import get_all_dialects
from mopc.passes import get_all_passes
from mopc.targets import get_all_targets

MOPC_UNIVERSE = Universe(
    all_dialects=get_all_dialects(),
    all_passes=get_all_passes(),
    all_targets=get_all_targets(),
)
