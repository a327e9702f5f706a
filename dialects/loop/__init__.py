"""The `loop` dialect: what mopc adds to the upstream loop level (scf, memref, arith,
math, vector). Today that is the schedule of a kernel, `#loop.schedule<...>`, which the
`loop-schedule` pass chooses, a user may edit, and `metaop-to-loop` applies."""

from xdsl.ir import Dialect

from mopc.dialects.loop.schedule import ScheduleAttr

Loop = Dialect("loop", [], [ScheduleAttr])

__all__ = ["Loop", "ScheduleAttr"]
