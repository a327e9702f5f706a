"""The `bang` dialect: what a Cambricon MLU kernel is made of, above BANG C's spelling.

* `#bang.space<nram>` (also `wram`, `sram`, `gdram`): memref memory spaces. Kernel
  arguments are GDRAM (no space); `bang.alloc` declares a static on-chip buffer.
* `bang.task_id`, `bang.task_dim`, `bang.cluster_id`, `bang.cluster_dim`,
  `bang.core_id`, `bang.core_dim`: the builtin variables (bang-c.md 2.2), as `index`.
* `bang.memcpy`: `__memcpy` with its direction, plain or 2-D strided, synchronous or
  `async` (then waited for by `bang.sync_copy`); `bang.sync_all`, `bang.sync_cluster`.
* `bang.intrinsic "__bang_add"(...)`: one vector builtin; `INTRINSICS` (below) is the
  table of what the code generator emits and the operands each takes, so the verifier
  checks every call (and `loop-to-bang` asks the arch's builtin list before emitting).
* `bang.masked_load` / `bang.masked_store`: a vector read or written under a lane mask,
  as runs of contiguous lanes, each one `__memcpy` (the chip has no masked DMA).
* `bang.launch`: a kernel launch in host code (`<<<dim, type, queue>>>`).

Offsets of memref operands count elements of the memref, flattened row-major.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import (
    DenseArrayBase,
    FlatSymbolRefAttr,
    IndexType,
    IntegerType,
    MemRefType,
    StringAttr,
    SymbolRefAttr,
    UnitAttr,
    i64,
)
from xdsl.ir import Attribute, Dialect, ParametrizedAttribute, SSAValue
from xdsl.irdl import (
    IRDLOperation,
    ParsePropInAttrDict,
    irdl_attr_definition,
    irdl_op_definition,
    operand_def,
    opt_prop_def,
    param_def,
    prop_def,
    result_def,
    traits_def,
    var_operand_def,
)
from xdsl.parser import AttrParser
from xdsl.printer import Printer
from xdsl.traits import Pure
from xdsl.utils.exceptions import VerifyException

SPACES = ("gdram", "nram", "wram", "sram")
ON_CHIP = ("nram", "wram", "sram")


@irdl_attr_definition
class MemorySpaceAttr(ParametrizedAttribute):
    """A memory space of the MLU: `#bang.space<nram>`.

    ```mlir
    %buf = bang.alloc : memref<256xf32, #bang.space<nram>>
    ```
    """

    name = "bang.space"
    space: StringAttr = param_def(StringAttr)

    def __init__(self, space: str):
        super().__init__(StringAttr(space))

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> tuple[StringAttr]:
        with parser.in_angle_brackets():
            pos = parser.pos
            word = parser.parse_identifier()
            if word not in SPACES:
                parser.raise_error(f"unknown BANG memory space '{word}' (one of {', '.join(SPACES)})", pos)
        return (StringAttr(word),)

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(f"<{self.space.data}>")


def space_of(t: Attribute) -> str:
    """`nram`, `wram`, `sram`, or `gdram` (a memref without a BANG space)."""
    if isinstance(t, MemRefType) and isinstance(t.memory_space, MemorySpaceAttr):
        return t.memory_space.space.data
    return "gdram"


def nram_type(element: Attribute, lanes: int) -> MemRefType:
    return MemRefType(element, [lanes], memory_space=MemorySpaceAttr("nram"))


@irdl_op_definition
class AllocOp(IRDLOperation):
    """A static on-chip buffer (`__nram__ float name[256];` at the top of its kernel).

    ```mlir
    %buf = bang.alloc {sym_name = "v0"} : memref<256xf32, #bang.space<nram>>
    ```
    """

    name = "bang.alloc"
    irdl_options = (ParsePropInAttrDict(),)
    sym_name = prop_def(StringAttr)
    result = result_def(MemRefType)
    assembly_format = "attr-dict `:` type($result)"

    def __init__(self, memref: MemRefType, sym_name: str):
        super().__init__(result_types=[memref], properties={"sym_name": StringAttr(sym_name)})

    def verify_(self) -> None:
        t = self.result.type
        assert isinstance(t, MemRefType)
        if space_of(t) not in ON_CHIP:
            raise VerifyException("bang.alloc needs an on-chip memory space (nram, wram or sram)")
        if any(d < 0 for d in t.get_shape()):
            raise VerifyException("bang.alloc needs a static shape")


class _IdOp(IRDLOperation):
    result = result_def(IndexType)
    traits = traits_def(Pure())
    assembly_format = "attr-dict"

    def __init__(self):
        super().__init__(result_types=[IndexType()])


ID_VARIABLES: dict[str, str] = {}
"""`bang.task_id -> taskId`, ...: how each id op is spelled in BANG C."""


def _id_op(op_name: str, variable: str, doc: str) -> type[_IdOp]:
    cls = type(op_name.title().replace("_", "") + "Op", (_IdOp,), {
        "name": f"bang.{op_name}",
        "__doc__": f"{doc} (BANG C `{variable}`).\n\n```mlir\n%i = bang.{op_name}\n```\n",
    })
    ID_VARIABLES[f"bang.{op_name}"] = variable
    return irdl_op_definition(cls)


TaskIdOp = _id_op("task_id", "taskId", "This task's index in the launch")
TaskDimOp = _id_op("task_dim", "taskDim", "Tasks in the launch")
ClusterIdOp = _id_op("cluster_id", "clusterId", "This task's cluster in its union")
ClusterDimOp = _id_op("cluster_dim", "clusterDim", "Clusters of the union (0 for BLOCK tasks)")
CoreIdOp = _id_op("core_id", "coreId", "This task's core in its cluster")
CoreDimOp = _id_op("core_dim", "coreDim", "Cores per cluster")
ID_OPS: tuple[type[_IdOp], ...] = (TaskIdOp, TaskDimOp, ClusterIdOp, ClusterDimOp, CoreIdOp, CoreDimOp)

DIRECTIONS = {
    (dst, src): f"{src.upper()}2{dst.upper()}"
    for dst in SPACES for src in SPACES
    if (dst, src) not in (("wram", "wram"),)
}
"""`(destination space, source space) -> mluMemcpyDirection_t` (bang-c.md 3.1/3.3)."""


@irdl_op_definition
class MemcpyOp(IRDLOperation):
    """`__memcpy(dst + dst_offset, src + src_offset, size, DIRECTION)`; with `strides`
    (dst_stride, src_stride, segnum; bytes) the 2-D form copying `segnum + 1` segments;
    with `async` it is `__memcpy_async`, waited for by `bang.sync_copy`.

    ```mlir
    bang.memcpy %buf[%c0], %x[%off], %bytes {direction = "GDRAM2NRAM"} : memref<256xf32, #bang.space<nram>>, memref<1000xf32>
    ```
    """

    name = "bang.memcpy"
    irdl_options = (ParsePropInAttrDict(),)
    dst = operand_def(MemRefType)
    dst_offset = operand_def(IndexType)
    src = operand_def(MemRefType)
    src_offset = operand_def(IndexType)
    size = operand_def(IndexType)
    strides = var_operand_def(IndexType)
    direction = prop_def(StringAttr)
    is_async = opt_prop_def(UnitAttr, prop_name="async")
    assembly_format = (
        "$dst `[` $dst_offset `]` `,` $src `[` $src_offset `]` `,` $size (`strides` `(` $strides^ `)`)?"
        " attr-dict `:` type($dst) `,` type($src)"
    )

    def __init__(self, dst: SSAValue, dst_offset: SSAValue, src: SSAValue, src_offset: SSAValue,
                 size: SSAValue, strides: Sequence[SSAValue] = (), is_async: bool = False):
        direction = DIRECTIONS[(space_of(dst.type), space_of(src.type))]
        props: dict[str, Attribute] = {"direction": StringAttr(direction)}
        if is_async:
            props["async"] = UnitAttr()
        super().__init__(operands=[dst, dst_offset, src, src_offset, size, strides], properties=props)

    def verify_(self) -> None:
        key = (space_of(self.dst.type), space_of(self.src.type))
        expected = DIRECTIONS.get(key)
        if expected is None:
            raise VerifyException(f"__memcpy cannot copy from {key[1].upper()} to {key[0].upper()}")
        if self.direction.data != expected:
            raise VerifyException(f"direction {self.direction.data} does not match the operands ({expected})")
        if len(self.strides) not in (0, 3):
            raise VerifyException("the strided form takes 3 operands: dst_stride, src_stride, segnum")


@irdl_op_definition
class SyncCopyOp(IRDLOperation):
    """Wait for this core's async copies in one direction (`__sync_copy_dram_to_nram()`).

    ```mlir
    bang.sync_copy {direction = "GDRAM2NRAM"}
    ```
    """

    name = "bang.sync_copy"
    irdl_options = (ParsePropInAttrDict(),)
    direction = prop_def(StringAttr)
    assembly_format = "attr-dict"


@irdl_op_definition
class SyncAllOp(IRDLOperation):
    """Barrier over every core of the launch's union (`__sync_all()`).

    ```mlir
    bang.sync_all
    ```
    """

    name = "bang.sync_all"
    assembly_format = "attr-dict"


@irdl_op_definition
class SyncClusterOp(IRDLOperation):
    """Barrier over the cores and the memory core of this cluster (`__sync_cluster()`).

    ```mlir
    bang.sync_cluster
    ```
    """

    name = "bang.sync_cluster"
    assembly_format = "attr-dict"


INTRINSICS: dict[str, str] = {
    # operand kinds in order: `v` an NRAM vector, `s` a scalar of the vectors' element
    # type, `n` an element count (index); see bang-c.md 4.2-4.6.
    "__bang_add": "vvvn", "__bang_sub": "vvvn", "__bang_mul": "vvvn",
    "__bang_maxequal": "vvvn", "__bang_minequal": "vvvn",
    "__bang_eq": "vvvn", "__bang_ne": "vvvn", "__bang_lt": "vvvn", "__bang_le": "vvvn",
    "__bang_gt": "vvvn", "__bang_ge": "vvvn",
    "__bang_div": "vvvvn",
    "__bang_add_scalar": "vvsn", "__bang_sub_scalar": "vvsn", "__bang_mul_scalar": "vvsn",
    "__bang_add_const": "vvsn", "__bang_sub_const": "vvsn", "__bang_mul_const": "vvsn",
    "__bang_cycle_add": "vvvnn", "__bang_cycle_mul": "vvvnn", "__bang_cycle_sub": "vvvnn",
    "__bang_active_relu": "vvn", "__bang_active_exp": "vvn", "__bang_active_exphp": "vvn",
    "__bang_active_sigmoid": "vvn", "__bang_active_tanh": "vvn", "__bang_active_recip": "vvn",
    "__bang_active_sqrt": "vvn", "__bang_active_rsqrt": "vvn", "__bang_active_log": "vvn",
    "__bang_active_abs": "vvn", "__bang_square": "vvn",
    "__bang_reduce_sum": "vvn",
    "__bang_write_zero": "vn", "__bang_write_value": "vns",
    "__bang_transpose": "vvnn",
    "__bang_sumpool": "vvnnnnn", "__bang_maxpool": "vvnnnnn", "__bang_avgpool": "vvnnnnn",
    "__bang_select": "vvvn",
}
"""The vector builtins `bang.intrinsic` may call, with the kinds of their operands."""


@irdl_op_definition
class IntrinsicOp(IRDLOperation):
    """A call of one vector builtin on NRAM buffers (`__bang_add(dst, a, b, 256);`).

    ```mlir
    bang.intrinsic "__bang_add"(%d, %a, %b, %n) : memref<256xf32, #bang.space<nram>>, memref<256xf32, #bang.space<nram>>, memref<256xf32, #bang.space<nram>>, index
    ```
    """

    name = "bang.intrinsic"
    callee = prop_def(StringAttr)
    args = var_operand_def()
    assembly_format = "$callee `(` $args `)` attr-dict `:` type($args)"

    def __init__(self, callee: str, args: Sequence[SSAValue]):
        super().__init__(operands=[list(args)], properties={"callee": StringAttr(callee)})

    def verify_(self) -> None:
        name = self.callee.data
        kinds = INTRINSICS.get(name)
        if kinds is None:
            raise VerifyException(f"'{name}' is not a vector builtin the BANG code generator knows")
        if len(kinds) != len(self.args):
            raise VerifyException(f"{name} takes {len(kinds)} operands, got {len(self.args)}")
        for n, (kind, arg) in enumerate(zip(kinds, self.args, strict=True)):
            t = arg.type
            ok = {"v": isinstance(t, MemRefType) and space_of(t) == "nram",
                  "n": isinstance(t, IndexType | IntegerType),
                  "s": not isinstance(t, MemRefType)}[kind]
            if not ok:
                what = {"v": "an NRAM memref", "n": "an element count", "s": "a scalar"}[kind]
                raise VerifyException(f"{name}: operand {n} must be {what}, got {t}")


@irdl_op_definition
class MaskedLoadOp(IRDLOperation):
    """`dst[l] = mask[l] ? src[offset + l] : passthru[l]` for the first `lanes` lanes,
    each run of set mask lanes copied with one `__memcpy` GDRAM2NRAM.

    ```mlir
    bang.masked_load %dst, %x[%off], %mask, %pass : memref<64xf32, #bang.space<nram>>, memref<3x37xf32>, memref<64xi8, #bang.space<nram>>, memref<64xf32, #bang.space<nram>>
    ```
    """

    name = "bang.masked_load"
    dst = operand_def(MemRefType)
    src = operand_def(MemRefType)
    offset = operand_def(IndexType)
    mask = operand_def(MemRefType)
    passthru = operand_def(MemRefType)
    assembly_format = (
        "$dst `,` $src `[` $offset `]` `,` $mask `,` $passthru attr-dict `:`"
        " type($dst) `,` type($src) `,` type($mask) `,` type($passthru)"
    )

    def __init__(self, dst: SSAValue, src: SSAValue, offset: SSAValue, mask: SSAValue, passthru: SSAValue):
        super().__init__(operands=[dst, src, offset, mask, passthru])


@irdl_op_definition
class MaskedStoreOp(IRDLOperation):
    """`if (mask[l]) dst[offset + l] = src[l]`, each run of set lanes one `__memcpy`
    NRAM2GDRAM.

    ```mlir
    bang.masked_store %y[%off], %src, %mask : memref<3x37xf32>, memref<64xf32, #bang.space<nram>>, memref<64xi8, #bang.space<nram>>
    ```
    """

    name = "bang.masked_store"
    dst = operand_def(MemRefType)
    offset = operand_def(IndexType)
    src = operand_def(MemRefType)
    mask = operand_def(MemRefType)
    assembly_format = "$dst `[` $offset `]` `,` $src `,` $mask attr-dict `:` type($dst) `,` type($src) `,` type($mask)"

    def __init__(self, dst: SSAValue, offset: SSAValue, src: SSAValue, mask: SSAValue):
        super().__init__(operands=[dst, offset, src, mask])


@irdl_op_definition
class LaunchOp(IRDLOperation):
    """Host code: launch a kernel on `dim` tasks of type `task_type` and wait for it
    (`k<<<dim, CNRT_FUNC_TYPE_BLOCK, queue>>>(...)`, then `cnrtSyncQueue`). Its
    operands are host-visible GDRAM buffers (the entry's memrefs and views).

    ```mlir
    bang.launch @k0_add_64(%x, %y) {dim = array<i64: 16, 1, 1>, task_type = "BLOCK"} : memref<64xf32>, memref<64xf32>
    ```
    """

    name = "bang.launch"
    irdl_options = (ParsePropInAttrDict(),)
    kernel = prop_def(SymbolRefAttr)
    args = var_operand_def()
    dim = prop_def(DenseArrayBase)
    task_type = prop_def(StringAttr)
    assembly_format = "$kernel `(` $args `)` attr-dict `:` type($args)"

    def __init__(self, kernel: str, args: Sequence[SSAValue], dim: Sequence[int], task_type: str):
        super().__init__(operands=[list(args)], properties={
            "kernel": FlatSymbolRefAttr(kernel), "dim": DenseArrayBase.from_list(i64, list(dim)),
            "task_type": StringAttr(task_type)})

    def verify_(self) -> None:
        from mopc.targets.bang.target_info import TASK_TYPES

        if self.task_type.data not in TASK_TYPES:
            raise VerifyException(f"unknown task type '{self.task_type.data}' (one of {', '.join(TASK_TYPES)})")
        if len(self.dim.get_values()) != 3:
            raise VerifyException("dim must have 3 entries (x, y, z)")


Bang = Dialect("bang", [
    AllocOp, *ID_OPS, MemcpyOp, SyncCopyOp, SyncAllOp, SyncClusterOp, IntrinsicOp,
    MaskedLoadOp, MaskedStoreOp, LaunchOp,
], [MemorySpaceAttr])

KERNEL_ATTR = "bang.kernel"
"""Unit attribute of a `func.func` that is a `__mlu_entry__` kernel."""

__all__ = [
    "DIRECTIONS", "INTRINSICS", "KERNEL_ATTR", "AllocOp", "Bang", "IntrinsicOp", "LaunchOp",
    "MaskedLoadOp", "MaskedStoreOp", "MemcpyOp", "MemorySpaceAttr", "SyncAllOp", "SyncClusterOp",
    "SyncCopyOp", "nram_type", "space_of",
]
