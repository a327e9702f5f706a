"""The `loop` dialect: what mopc adds to the upstream loop level (scf, memref, arith,
math, vector): the schedule of a kernel, `#loop.schedule<...>` (which `loop-schedule`
chooses, a user may edit, and `metaop-to-loop` applies), and the vector comparisons and
selects that xDSL 0.74's `arith` lacks (`loop.cmpf`, `loop.cmpi`, `loop.select`)."""

from xdsl.ir import Dialect

from mopc.dialects.loop.ops import CmpfOp, CmpiOp, SelectOp
from mopc.dialects.loop.schedule import ScheduleAttr

Loop = Dialect("loop", [CmpfOp, CmpiOp, SelectOp], [ScheduleAttr])

__all__ = ["CmpfOp", "CmpiOp", "Loop", "ScheduleAttr", "SelectOp"]
