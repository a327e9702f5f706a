// mopc's CUDA emulation: the part of CUDA C that mopc prints, for the host C++ compiler.
//
// A `.cu` file from mopc's CUDA printer compiles against this header (it stands in for
// <cuda_runtime.h>) once its `k<<<grid, block, smem>>>(args)` launches are rewritten to
// `::mopc_emu::launch(k, grid, block, smem, args)` (emulation/__init__.py does it), and
// links with runtime/emulation.cpp (built once, cached):
//
// * every CUDA thread of a block is a fiber (ucontext) on one OS thread: `__syncthreads()`
//   is a real barrier (a fiber stops there until every thread of its block has arrived;
//   a barrier that some threads skip is reported as a launch failure, where the hardware
//   would hang or misbehave);
// * `__shared__` variables are per block: `static thread_local`, and a block's fibers
//   share their OS thread; blocks run concurrently on `mopc_emu_threads` OS threads;
// * threadIdx/blockIdx/blockDim/gridDim are the running fiber's;
// * cudaMalloc/cudaMemcpy/cudaFree are host memory operations; errors come back through
//   cudaGetLastError, as launch failures do.
//
// The header is small on purpose (C headers only): every model's source includes it.
#pragma once

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static thread_local

struct uint3 {
  unsigned x, y, z;
};

struct dim3 {
  unsigned x, y, z;
  constexpr dim3(unsigned x_ = 1, unsigned y_ = 1, unsigned z_ = 1) : x(x_), y(y_), z(z_) {}
};

enum cudaError_t {
  cudaSuccess = 0,
  cudaErrorInvalidValue = 1,
  cudaErrorMemoryAllocation = 2,
  cudaErrorInvalidConfiguration = 9,
  cudaErrorLaunchFailure = 719,
};

enum cudaMemcpyKind {
  cudaMemcpyHostToHost = 0,
  cudaMemcpyHostToDevice = 1,
  cudaMemcpyDeviceToHost = 2,
  cudaMemcpyDeviceToDevice = 3,
  cudaMemcpyDefault = 4,
};

// -- the runtime (runtime/emulation.cpp) ------------------------------------------------
namespace mopc_emu {
extern thread_local uint3 thread_idx, block_idx;
extern thread_local dim3 block_dim, grid_dim;
}  // namespace mopc_emu

extern "C" {
extern int mopc_emu_threads;  // OS threads running blocks concurrently
void mopc_emu_launch(dim3 grid, dim3 block, void (*body)(void *), void *closure);
void mopc_emu_barrier(void);
cudaError_t cudaMalloc(void **pointer, size_t bytes);
cudaError_t cudaFree(void *pointer);
cudaError_t cudaMemcpy(void *dst, const void *src, size_t bytes, cudaMemcpyKind kind);
cudaError_t cudaGetLastError(void);
cudaError_t cudaPeekAtLastError(void);
cudaError_t cudaDeviceSynchronize(void);
const char *cudaGetErrorName(cudaError_t error);
const char *cudaGetErrorString(cudaError_t error);
}

namespace mopc_emu {
// `kernel<<<grid, block, smem>>>(args...)`: the runtime runs the closure once per thread.
template <typename... Params, typename... Args>
void launch(void (*kernel)(Params...), dim3 grid, dim3 block, size_t shared_bytes, Args... args) {
  (void)shared_bytes;
  auto body = [&]() { kernel(args...); };
  using Body = decltype(body);
  mopc_emu_launch(grid, block, [](void *closure) { (*static_cast<Body *>(closure))(); }, &body);
}
}  // namespace mopc_emu

template <typename T>
inline cudaError_t cudaMalloc(T **pointer, size_t bytes) {
  return cudaMalloc(reinterpret_cast<void **>(pointer), bytes);
}

#define threadIdx (::mopc_emu::thread_idx)
#define blockIdx (::mopc_emu::block_idx)
#define blockDim (::mopc_emu::block_dim)
#define gridDim (::mopc_emu::grid_dim)

inline void __syncthreads() { mopc_emu_barrier(); }

// Device functions CUDA has and the C library does not.
inline float rsqrtf(float x) { return 1.0f / sqrtf(x); }
inline double rsqrt(double x) { return 1.0 / sqrt(x); }
inline int min(int a, int b) { return a < b ? a : b; }
inline int max(int a, int b) { return a > b ? a : b; }
inline long long min(long long a, long long b) { return a < b ? a : b; }
inline long long max(long long a, long long b) { return a > b ? a : b; }
