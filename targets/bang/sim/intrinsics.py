"""The intrinsics the simulator models, as data: one `Intrinsic` per builtin name.

Each entry says which engine runs it (`kind`), what it computes (`op`), which of the
MLU270-generation operand rules apply (`rules`), which operands may alias (`alias`),
where its operands must live (`space`) and, for activations, the input range the
documentation gives (`domain`). The code generator (`codegen.py`) turns this table and
the per-arch builtin lists into the C++ declarations device code compiles against;
the C++ engines (`runtime/ops_*.cpp`) implement each kind once.

Sources: ../shared/reference/bang-c.md sections 3 (memcpy), 3.4 (memset family), 4.1
(the general 2xx rule: NRAM, 64-byte aligned, `n*sizeof(T) % 128 == 0`, `n > 0`),
4.2-4.7 (semantics, aliasing, layouts, activation ranges, conversions).

Rules (applied on 2xx architectures only; 3xx drops them, bang-c.md 4.1):

* `vector`: every vector operand 64-byte aligned and every count's bytes a multiple
  of 128 (the arch's `vector_align` / `vector_bytes_multiple`);
* `value64`: 64-byte aligned and `n*sizeof(value) % 64 == 0` (`__bang_write_value`,
  `__nramset`);
* `count64`: 64-byte aligned and `n % 64 == 0` (`__bang_float2half_*`,
  `__bang_half2float`).

Every vector operand must be in the NRAM of the calling core, and every count must be
positive, on every architecture.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

KINDS = (
    "unary", "binary", "scalar", "cycle", "div", "reduce_sum", "maxmin", "count",
    "select", "collect", "pool", "transpose", "write_zero", "fill", "convert", "memcpy",
    "memcpy_n2n", "sync", "is_space", "is_core", "lock", "popcnt", "scalar_convert",
)

ALIASES = ("exact", "dst_src0", "none")
"""`exact`: operands may be the very same address ("homologous operands"), never a
partial overlap; `dst_src0`: only `dst == src0`; `none`: no overlap at all."""


@dataclass(frozen=True)
class Intrinsic:
    name: str
    kind: str
    op: str = ""
    rules: str = "vector"
    """`vector`, `value64`, `count64` or `` (none); see the module docstring."""
    alias: str = "exact"
    space: str = "NRAM"
    """Where the (destination) operand must be: NRAM, or GDRAM/SRAM for the memsets."""
    domain: tuple[float, float] = (-math.inf, math.inf)
    """Documented input range of an activation: inputs outside are clamped (counted
    as `clamped`) or, with MOPCSIM_STRICT_RANGES=1, refused."""
    signatures: tuple[str, ...] = ()
    """Signatures for builtins the lists only name (macros in Cambricon's headers)."""

    def __post_init__(self):
        assert self.kind in KINDS, self.kind
        assert self.alias in ALIASES, self.alias


def _table() -> dict[str, Intrinsic]:
    entries: list[Intrinsic] = []

    def add(*items: Intrinsic) -> None:
        entries.extend(items)

    # Activations (bang-c.md 4.5): approximations on the chip; exact here, with the
    # documented input ranges clamped and the documented saturations reproduced.
    domains = {
        "exp": (-math.inf, 10.25), "exphp": (-math.inf, 16.0), "exp_less_0": (-math.inf, 0.0),
        "recip": (0.00391, 63487.0), "sqrt": (0.0, 63487.0), "rsqrt": (0.005, 63487.0),
        "log": (6.1e-5, 63484.0),
    }
    for op in ("relu", "abs", "exp", "exphp", "exp_less_0", "sigmoid", "sigmoid_hp", "tanh",
               "recip", "reciphp", "recip_greater_1", "sqrt", "sqrthp", "rsqrt", "rsqrthp",
               "log", "loghp", "sin", "cos", "gelu", "gelup", "sign", "pow2"):
        add(Intrinsic(f"__bang_active_{op}", "unary", op,
                      domain=domains.get(op, (-math.inf, math.inf))))
    add(Intrinsic("__bang_square", "unary", "square"),
        Intrinsic("__bang_not", "unary", "not"),
        Intrinsic("__bang_bnot", "unary", "bnot"))
    # 3xx stream functions (exact; no documented range).
    for name, op in (("relu", "relu"), ("recip", "recip_exact"), ("sqrt", "sqrt_exact"),
                     ("rsqrt", "rsqrt_exact"), ("log", "log_exact"), ("pow2", "pow2"),
                     ("sin", "sin"), ("cos", "cos"), ("round", "round")):
        add(Intrinsic(f"__bang_{name}", "unary", op))

    # Element-wise binary, scalar and cycle forms (4.2, 4.3).
    binary_ops = {"add": "add", "sub": "sub", "mul": "mul", "add_tz": "add_tz",
                  "maxequal": "max", "minequal": "min", "maximum": "max", "minimum": "min",
                  "mininum": "min", "nan_maximum": "max_nan", "nan_minimum": "min_nan",
                  "eq": "eq", "ne": "ne", "lt": "lt", "le": "le", "gt": "gt", "ge": "ge",
                  "and": "and", "or": "or", "xor": "xor", "band": "band", "bor": "bor",
                  "bxor": "bxor"}
    dst_src0_only = {"maxequal", "minequal", "and"}
    for name, op in binary_ops.items():
        add(Intrinsic(f"__bang_{name}", "binary", op,
                      alias="dst_src0" if name in dst_src0_only else "exact"))
    add(Intrinsic("__bang_div", "div", "div", alias="none"))
    scalar_ops = {"add": "add", "sub": "sub", "mul": "mul", "ge": "ge", "eq": "eq", "ne": "ne",
                  "lt": "lt", "le": "le", "gt": "gt", "and": "and", "or": "or", "xor": "xor",
                  "band": "band", "bor": "bor", "bxor": "bxor"}
    for name, op in scalar_ops.items():
        add(Intrinsic(f"__bang_{name}_scalar", "scalar", op))
    for name in ("add", "sub", "mul", "ge"):
        add(Intrinsic(f"__bang_{name}_const", "scalar", name))
    add(Intrinsic("__bang_maxeq_scalar", "scalar", "max"),
        Intrinsic("__bang_mineq_scalar", "scalar", "min"))
    cycle_ops = {"add": "add", "sub": "sub", "mul": "mul", "add_tz": "add_tz", "eq": "eq",
                 "ne": "ne", "lt": "lt", "le": "le", "gt": "gt", "ge": "ge", "maxequal": "max",
                 "minequal": "min", "maximum": "max", "minimum": "min", "and": "and",
                 "or": "or", "xor": "xor", "band": "band", "bor": "bor", "bxor": "bxor"}
    for name, op in cycle_ops.items():
        add(Intrinsic(f"__bang_cycle_{name}", "cycle", op))

    # Reductions and searches (4.4): output layouts as documented.
    add(Intrinsic("__bang_reduce_sum", "reduce_sum", "sum"),
        Intrinsic("__bang_max", "maxmin", "max", alias="none"),
        Intrinsic("__bang_min", "maxmin", "min", alias="none"),
        Intrinsic("__bang_count", "count", "count", alias="none"),
        Intrinsic("__bang_select", "select", "select", alias="none"),
        Intrinsic("__bang_collect", "collect", "collect", alias="none"))

    # Layout (4.6): HWC pooling (stride_width before stride_height), transpose.
    for op in ("sum", "avg", "max", "min"):
        add(Intrinsic(f"__bang_{op}pool", "pool", op, alias="none"))
    add(Intrinsic("__bang_transpose", "transpose", "transpose", alias="none"))

    # Memset family (3.4).
    add(Intrinsic("__bang_write_zero", "write_zero", "zero"),
        Intrinsic("__bang_write_value", "fill", "fill", rules="value64"),
        Intrinsic("__nramset", "fill", "fill", rules="value64"),
        Intrinsic("__memset_nram", "fill", "fill", rules=""),
        Intrinsic("__gdramset", "fill", "fill", rules="", space="GDRAM"),
        Intrinsic("__sramset", "fill", "fill", rules="", space="SRAM"))
    for suffix in ("half", "float", "int", "short", "unsigned_int", "unsigned_short"):
        add(Intrinsic(f"__nramset_{suffix}", "fill", "fill", rules="value64"))

    # Vector conversions (4.7). On 270 the lists name these as macros only.
    for mode in ("tz", "oz", "up", "dn", "rd", "rn", "rm"):
        add(Intrinsic(f"__bang_float2half_{mode}", "convert", mode, rules="count64",
                      signatures=(f"void __bang_float2half_{mode}(half* dst, float* src, int src_count)",)))
    add(Intrinsic("__bang_half2float", "convert", "exact", rules="count64", alias="none",
                  signatures=("void __bang_half2float(float* dst, half* src, int src_count)",)))

    # Data movement and synchronisation (3, 2.4).
    add(Intrinsic("__memcpy", "memcpy", "sync", rules="", space=""),
        Intrinsic("__memcpy_async", "memcpy", "async", rules="", space=""),
        Intrinsic("__memcpy_nram_to_nram", "memcpy_n2n", "sync", rules="", space=""))
    for op in ("sync_all", "sync_cluster", "sync_all_ipu", "sync_all_mpu", "sync_compute",
               "sync_io", "sync_move", "sync_io_move_compute"):
        add(Intrinsic(f"__{op}", "sync", op, rules="", space=""))
    for pair in ("dram_to_nram", "nram_to_dram", "dram_to_wram", "wram_to_dram", "nram_to_nram",
                 "sram_to_nram", "nram_to_sram", "dram_to_sram", "sram_to_dram", "wram_to_sram",
                 "sram_to_wram", "sram_to_sram"):
        add(Intrinsic(f"__sync_copy_{pair}", "sync", f"copy_{pair}", rules="", space=""))

    # Queries, locks, bit counts.
    for space in ("nram", "wram", "sram"):
        add(Intrinsic(f"__is_{space}", "is_space", space, rules="", space=space.upper()))
    add(Intrinsic("__is_ipu", "is_core", "ipu", rules="", space=""),
        Intrinsic("__is_mpu", "is_core", "mpu", rules="", space=""),
        Intrinsic("__bang_lock", "lock", "lock", rules="", space=""),
        Intrinsic("__bang_unlock", "lock", "unlock", rules="", space=""),
        Intrinsic("__popcnt", "popcnt", "popcnt", rules="", space=""))
    return {entry.name: entry for entry in entries}


INTRINSICS: dict[str, Intrinsic] = _table()

SCALAR_TYPES = ("char", "uchar", "short", "ushort", "int", "uint", "half", "float")
SCALAR_CONVERT = re.compile(
    rf"^__(?P<src>{'|'.join(SCALAR_TYPES)})2(?P<dst>{'|'.join(SCALAR_TYPES)})"
    r"(?:_(?P<mode>tz|oz|up|dn|rd|rn|rm))?$"
)
"""Scalar conversions (`__float2half_rd(float)`, `__half2int_tz(half)`, ...): modelled
by pattern; the lists give the exact set per architecture."""

HOST_PROVIDED = frozenset({"__assert", "__assert_fail", "__bang_printf"})
"""Builtins the simulator does not generate: the C library declares `__assert` and
`__assert_fail` already (with glibc's semantics), and `__bang_printf` is a variadic
template in `include/mopcsim/device.h`."""


def lookup(name: str) -> Intrinsic | None:
    """The table entry for `name`, including the pattern-modelled scalar conversions."""
    entry = INTRINSICS.get(name)
    if entry is not None:
        return entry
    match = SCALAR_CONVERT.match(name)
    if match is not None:
        return Intrinsic(name, "scalar_convert", match.group("mode") or "default", rules="", space="")
    return None


def is_modelled(name: str) -> bool:
    return name in HOST_PROVIDED or lookup(name) is not None
