"""How one dimension of an iteration space is covered by loops: segments.

All extents are static, so the tails are known at compile time. A dimension with
register block `B = unroll * width` (width: vector lanes, 1 for scalar dims) becomes

1. full blocks of `B` elements (the unrolled, vectorized fast path),
2. then what remains one vector (or one element) at a time, not unrolled,
3. then, for a vector dimension, one partial vector under a lane mask.

Example: extent 56, 2 vectors of 16 lanes: `[0, 32) step 32 x2`, `[32, 48) step 16 x1`,
`[48, 56)` as 8 active lanes of one 16-lane vector.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    start: int
    stop: int
    step: int  # elements per iteration: unroll * width
    unroll: int  # points per iteration along this dimension
    lanes: int | None = None  # a partial vector: only this many lanes are active

    @property
    def trips(self) -> int:
        return (self.stop - self.start + self.step - 1) // self.step


def segments(extent: int, unroll: int, width: int = 1) -> list[Segment]:
    """The segments covering `[0, extent)` for a register block of `unroll` x `width`."""
    block = unroll * width
    result: list[Segment] = []
    full_end = extent - extent % block
    if full_end > 0:
        result.append(Segment(0, full_end, block, unroll))
    singles_end = extent - extent % width
    if singles_end > full_end:
        result.append(Segment(full_end, singles_end, width, 1))
    if extent > singles_end:
        result.append(Segment(singles_end, extent, width, 1, lanes=extent - singles_end))
    return result
