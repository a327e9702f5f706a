"""`#loop.schedule`: how one kernel's iteration space becomes loops.

```mlir
#loop.schedule<order = [1, 3, 0, 2, 4, 5, 6], parallel = 2, tile = [0, 0, 0, 0, 0, 0, 0],
               unroll = [1, 8, 1, 1, 1, 1, 1], vector = [4, 16]>
```

The kernel's iteration space has one dimension per axis of its domain (for a
reduction, the reduce's input; for an element-wise kernel, its output). Per dimension:

* `order`: the loop nesting, outermost first (a permutation of the dimensions).
  Reduction dimensions nest inside every parallel dimension's loops, so a register
  block of accumulators can live across the whole reduction.
* `parallel`: how many of the outermost loops (parallel dimensions only) are spread over
  threads; their iterations are collapsed into one range split statically, so results
  do not depend on the thread count.
* `tile`: cache tile size per dimension (0: untiled); tile loops wrap the block loops.
  Only parallel dimensions may be tiled.
* `unroll`: register-block factor per dimension (1: none): the loop body is replicated
  `unroll[d]` times along `d` (unroll-and-jam), keeping that many accumulators.
* `vector`: `[dim, width]`: `dim` is computed `width` lanes at a time with explicit
  vector types (its block is `unroll[dim] * width` elements); absent: scalar code.

Any field may be omitted: `order` defaults to the identity, `parallel` to 0, `tile` to
all 0, `unroll` to all 1. Ranks are checked against the kernel by its verifier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xdsl.dialects.builtin import ArrayAttr, IntAttr
from xdsl.ir import ParametrizedAttribute
from xdsl.irdl import irdl_attr_definition, param_def
from xdsl.parser import AttrParser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

_FIELDS = ("order", "parallel", "tile", "unroll", "vector")


def _ints(values: Sequence[int]) -> ArrayAttr[IntAttr]:
    return ArrayAttr([IntAttr(v) for v in values])


@dataclass(frozen=True)
class Schedule:
    """The schedule as plain Python data, with defaults filled in for a given rank."""

    order: tuple[int, ...]
    parallel: int
    tile: tuple[int, ...]
    unroll: tuple[int, ...]
    vector: tuple[int, int] | None  # (dimension, width)

    def block(self, dim: int) -> int:
        """Elements of `dim` one register block covers."""
        width = self.vector[1] if self.vector is not None and self.vector[0] == dim else 1
        return self.unroll[dim] * width


@irdl_attr_definition
class ScheduleAttr(ParametrizedAttribute):
    """See the module docstring. Empty lists mean "the default"."""

    name = "loop.schedule"

    order: ArrayAttr[IntAttr] = param_def()
    parallel: IntAttr = param_def()
    tile: ArrayAttr[IntAttr] = param_def()
    unroll: ArrayAttr[IntAttr] = param_def()
    vector: ArrayAttr[IntAttr] = param_def()

    def __init__(
        self,
        order: Sequence[int] = (),
        parallel: int = 0,
        tile: Sequence[int] = (),
        unroll: Sequence[int] = (),
        vector: Sequence[int] = (),
    ):
        super().__init__(_ints(order), IntAttr(parallel), _ints(tile), _ints(unroll), _ints(vector))

    @staticmethod
    def of(s: Schedule) -> ScheduleAttr:
        return ScheduleAttr(s.order, s.parallel, s.tile, s.unroll, s.vector or ())

    def resolve(self, rank: int) -> Schedule:
        """The schedule for a `rank`-dimensional iteration space, defaults filled in."""
        values = lambda a: tuple(v.data for v in a.data)
        order = values(self.order) or tuple(range(rank))
        tile = values(self.tile) or (0,) * rank
        unroll = values(self.unroll) or (1,) * rank
        vector = values(self.vector)
        for name, seq in (("order", order), ("tile", tile), ("unroll", unroll)):
            if len(seq) != rank:
                raise VerifyException(f"schedule '{name}' has {len(seq)} entries for {rank} dimensions")
        if sorted(order) != list(range(rank)):
            raise VerifyException(f"schedule 'order' {list(order)} is not a permutation of 0..{rank - 1}")
        if any(u < 1 for u in unroll) or any(t < 0 for t in tile):
            raise VerifyException("schedule 'unroll' entries must be >= 1 and 'tile' entries >= 0")
        if vector and (len(vector) != 2 or not 0 <= vector[0] < rank or vector[1] < 1):
            raise VerifyException(f"schedule 'vector' must be [dimension, width], got {list(vector)}")
        if not 0 <= self.parallel.data <= rank:
            raise VerifyException(f"schedule 'parallel' {self.parallel.data} is out of range")
        return Schedule(order, self.parallel.data, tile, unroll, (vector[0], vector[1]) if vector else None)

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> tuple[ArrayAttr[IntAttr], ...]:
        fields: dict[str, object] = {}

        def entry() -> None:
            pos = parser.pos
            key = parser.parse_identifier(" (a schedule field)")
            if key not in _FIELDS:
                parser.raise_error(f"unknown schedule field '{key}' (fields: {', '.join(_FIELDS)})", pos, parser.pos)
            if key in fields:
                parser.raise_error(f"schedule field '{key}' is given twice", pos, parser.pos)
            parser.parse_punctuation("=")
            if key == "parallel":
                fields[key] = parser.parse_integer(allow_boolean=False, allow_negative=False)
            else:
                fields[key] = parser.parse_comma_separated_list(
                    parser.Delimiter.SQUARE, lambda: parser.parse_integer(allow_boolean=False)
                )

        parser.parse_comma_separated_list(parser.Delimiter.ANGLE, entry)
        return (
            _ints(fields.get("order", [])),  # type: ignore[arg-type]
            IntAttr(fields.get("parallel", 0)),  # type: ignore[arg-type]
            _ints(fields.get("tile", [])),  # type: ignore[arg-type]
            _ints(fields.get("unroll", [])),  # type: ignore[arg-type]
            _ints(fields.get("vector", [])),  # type: ignore[arg-type]
        )

    def print_parameters(self, printer: Printer) -> None:
        parts = []
        defaults = {"tile": 0, "unroll": 1}  # all-default lists are omitted, like parallel = 0
        for key in _FIELDS:
            value = getattr(self, key)
            if isinstance(value, IntAttr):
                if value.data:
                    parts.append(f"{key} = {value.data}")
            elif value.data and not all(v.data == defaults.get(key) for v in value.data):
                parts.append(f"{key} = [{', '.join(str(v.data) for v in value.data)}]")
        printer.print_string("<" + ", ".join(parts) + ">")
