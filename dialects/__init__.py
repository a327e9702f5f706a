"""mopc's dialects: `graph` (tensor-level NN ops), `metaop` (Jittor's meta-operators) and
`loop` (kernel schedules for the upstream loop level).

`get_all_dialects()` maps each name to a factory that imports the dialect lazily.
"""

from collections.abc import Callable

from xdsl.ir import Dialect


def get_all_dialects() -> dict[str, Callable[[], Dialect]]:
    def graph() -> Dialect:
        from mopc.dialects.graph import Graph

        return Graph

    def metaop() -> Dialect:
        from mopc.dialects.metaop import Metaop

        return Metaop

    def loop() -> Dialect:
        from mopc.dialects.loop import Loop

        return Loop

    def bang() -> Dialect:  # the Cambricon target's hardware dialect
        from mopc.targets.bang.dialect import Bang

        return Bang

    def cuda() -> Dialect:  # the NVIDIA target's hardware dialect
        from mopc.targets.cuda.dialect import Cuda

        return Cuda

    return {"graph": graph, "metaop": metaop, "loop": loop, "bang": bang, "cuda": cuda}
