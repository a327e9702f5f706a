"""The `cuda` dialect: what CUDA C has and upstream `gpu` does not say our way.

Thread and block indices, dimensions and the block barrier are upstream's
(`gpu.thread_id`, `gpu.block_id`, `gpu.block_dim`, `gpu.grid_dim`, `gpu.barrier`);
this dialect adds the host side and on-chip memory:

* `cuda.launch`: the launch of a kernel from host code, `k<<<grid, block, smem>>>(...)`,
  with static grid and block shapes (what `loop-to-cuda` decided, readable in the IR);
* `#cuda.shared`: the memory space of a buffer in the block's shared memory
  (`memref.alloca() : memref<256xf32, #cuda.shared>` prints `__shared__ float b[256];`).

A kernel is a `func.func` with the `cuda.kernel` unit attribute (`__global__`) and a
`cuda.launch_bounds` (its block size: `__launch_bounds__(256)`).
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import I64, DenseArrayBase, IntegerAttr, SymbolRefAttr, i64
from xdsl.ir import Attribute, Dialect, ParametrizedAttribute, SSAValue
from xdsl.irdl import (
    IRDLOperation,
    irdl_attr_definition,
    irdl_op_definition,
    prop_def,
    var_operand_def,
)
from xdsl.utils.exceptions import VerifyException

KERNEL_ATTR = "cuda.kernel"
"""Unit attribute of a `func.func` that runs on the GPU (`__global__`)."""
LAUNCH_BOUNDS_ATTR = "cuda.launch_bounds"
"""The kernel's threads per block, as `__launch_bounds__(n)` tells nvcc."""
GRID_ATTR = "cuda.grid"
BLOCK_ATTR = "cuda.block"
"""A kernel's launch shape, `array<i64: x, y, z>`, which `cuda.launch` copies."""
HOST_ATTR = "cuda.host"
"""Unit attribute of the entry function once its calls are launches (host code)."""


@irdl_attr_definition
class SharedMemorySpaceAttr(ParametrizedAttribute):
    """The memory space of a block's shared memory.

    ```mlir
    %tile = memref.alloca() : memref<16x16xf32, #cuda.shared>
    ```
    """

    name = "cuda.shared"


@irdl_op_definition
class LaunchOp(IRDLOperation):
    """Launch a kernel on a static grid of blocks of threads, with `shared_bytes` of
    dynamic shared memory, from host code: `k<<<dim3(2, 1, 1), dim3(256, 1, 1), 0>>>(a, b)`.

    ```mlir
    cuda.launch @k0(%x, %y) grid [2, 1, 1] block [256, 1, 1] shared 0 : memref<512xf32>, memref<512xf32>
    ```
    """

    name = "cuda.launch"
    kernel = prop_def(SymbolRefAttr)
    grid = prop_def(DenseArrayBase.constr(i64))
    block = prop_def(DenseArrayBase.constr(i64))
    shared_bytes = prop_def(IntegerAttr[I64])
    args = var_operand_def()
    assembly_format = (
        "$kernel `(` $args `)` `grid` $grid `block` $block `shared` $shared_bytes attr-dict (`:` type($args)^)?"
    )

    def __init__(self, kernel: str, grid: Sequence[int], block: Sequence[int],
                 args: Sequence[SSAValue], shared_bytes: int = 0):
        super().__init__(operands=[list(args)], properties={
            "kernel": SymbolRefAttr(kernel),
            "grid": DenseArrayBase.from_list(i64, list(grid)),
            "block": DenseArrayBase.from_list(i64, list(block)),
            "shared_bytes": IntegerAttr(shared_bytes, i64),
        })

    @property
    def grid_shape(self) -> tuple[int, ...]:
        return tuple(self.grid.get_values())

    @property
    def block_shape(self) -> tuple[int, ...]:
        return tuple(self.block.get_values())

    def verify_(self) -> None:
        for field, shape in (("grid", self.grid_shape), ("block", self.block_shape)):
            if len(shape) != 3 or any(not isinstance(v, int) or v < 1 for v in shape):
                raise VerifyException(f"{field} must be three positive sizes, got {list(shape)}")
        if self.shared_bytes.value.data < 0:
            raise VerifyException(f"shared bytes must not be negative, got {self.shared_bytes.value.data}")


def is_shared(space: Attribute | None) -> bool:
    return isinstance(space, SharedMemorySpaceAttr)


Cuda = Dialect("cuda", [LaunchOp], [SharedMemorySpaceAttr])

__all__ = ["Cuda", "LaunchOp", "SharedMemorySpaceAttr"]
