"""The CUDA emulation itself: launches rewritten, barriers that really wait, shared
memory per block, and failures reported as `CudaError`s with CUDA's message."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mopc.targets.cuda.emulation import build_emulated, rewrite_launches
from mopc.targets.cuda.printer import RUNTIME_PRELUDE
from mopc.targets.cuda.runner import CudaError, CudaLibrary


def test_launches_are_rewritten():
    assert rewrite_launches("k0<<<2, 256, 0>>>(x, y);") == "::mopc_emu::launch(k0, 2, 256, 0, x, y);"
    assert rewrite_launches("k<<<dim3(2, 1, 1), 32, 0>>>();") == "::mopc_emu::launch(k, dim3(2, 1, 1), 32, 0);"
    assert rewrite_launches("a << b >> c") == "a << b >> c"


ABI = {"reverse": {"args": [{"kind": "memref", "dtype": "float32", "shape": [256]}], "result": "int32"},
       "diverge": {"args": [{"kind": "memref", "dtype": "float32", "shape": [64]}], "result": "int32"}}

SOURCE = """#include <cuda_runtime.h>
""" + RUNTIME_PRELUDE + r"""
// Each block reverses its 64 elements through shared memory: correct only if every
// thread's store lands before any thread's load (the barrier), and if each block has
// its own buffer.
extern "C" __global__ void reverse_blocks(float *x) {
  __shared__ float tile[64];
  int t = threadIdx.x, base = blockIdx.x * 64;
  tile[t] = x[base + t];
  __syncthreads();
  x[base + t] = tile[63 - t];
}

extern "C" __global__ void divergent(float *x) {
  if (threadIdx.x < 5) __syncthreads();
  x[threadIdx.x] = 1.0f;
}

extern "C" int mopc_call_reverse(float *a0) {
  MopcDeviceBuffer d0;
  MOPC_CHECK(cudaMalloc(&d0.pointer, 1024));
  MOPC_CHECK(cudaMemcpy(d0.pointer, a0, 1024, cudaMemcpyHostToDevice));
  reverse_blocks<<<4, 64, 0>>>((float *)d0.pointer);
  MOPC_CHECK(cudaGetLastError());
  MOPC_CHECK(cudaMemcpy(a0, d0.pointer, 1024, cudaMemcpyDeviceToHost));
  return 0;
}

extern "C" int mopc_call_diverge(float *a0) {
  MopcDeviceBuffer d0;
  MOPC_CHECK(cudaMalloc(&d0.pointer, 256));
  divergent<<<1, 64, 0>>>((float *)d0.pointer);
  MOPC_CHECK(cudaGetLastError());
  return 0;
}
""" + f'extern "C" const char mopc_abi[] = {json.dumps(json.dumps(ABI))};\n'


@pytest.fixture(scope="module")
def library() -> CudaLibrary:
    return CudaLibrary(build_emulated(SOURCE))


@pytest.mark.parametrize("threads", [1, 3])
def test_barrier_and_shared_memory_per_block(library: CudaLibrary, threads: int):
    library.set_threads(threads)
    x = np.arange(256, dtype=np.float32)
    library.call("reverse", [x])
    expected = np.concatenate([np.arange(64 * b, 64 * (b + 1))[::-1] for b in range(4)]).astype(np.float32)
    np.testing.assert_array_equal(x, expected)


def test_divergent_barrier_is_a_launch_failure(library: CudaLibrary):
    with pytest.raises(CudaError, match=r"@diverge failed on the emulation: .*cudaGetLastError.*"
                                        r"unspecified launch failure"):
        library.call("diverge", [np.zeros(64, np.float32)])
    library.call("reverse", [np.zeros(256, np.float32)])  # the error was consumed
