// The CUDA emulation's runtime: blocks of fibers, barriers, host memory as device memory.
// See ../include/cuda_runtime.h for what it emulates; built once and linked into every
// emulated module.
#include <cuda_runtime.h>

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

extern "C" {
int mopc_emu_threads = 1;
}

namespace mopc_emu {

thread_local uint3 thread_idx{0, 0, 0};
thread_local uint3 block_idx{0, 0, 0};
thread_local dim3 block_dim{1, 1, 1};
thread_local dim3 grid_dim{1, 1, 1};

namespace {

constexpr size_t kStackBytes = 64 * 1024;

std::atomic<int> last_error{cudaSuccess};

void fail(cudaError_t error) {
  int expected = cudaSuccess;
  last_error.compare_exchange_strong(expected, error);
}

// A fiber starts on its own stack through ucontext (once); every later switch is a
// _setjmp/_longjmp pair, which, unlike swapcontext, makes no system call (a block of
// 256 threads crossing 9 barriers switches ~2300 times).
struct Fiber {
  jmp_buf resume;
  uint3 index;
  bool started;
  bool done;
};

// What one OS thread runs: a block at a time, its threads as fibers.
struct Worker {
  jmp_buf scheduler;
  ucontext_t start;  // a template for starting fibers
  std::vector<Fiber> fibers;
  std::unique_ptr<char[]> stacks;
  size_t stack_count = 0;
  size_t current = 0;
  bool fibered = false;
  void (*body)(void *) = nullptr;
  void *closure = nullptr;
};

thread_local Worker *running = nullptr;

void trampoline() {
  Worker *worker = running;
  worker->body(worker->closure);
  worker->fibers[worker->current].done = true;
  _longjmp(worker->scheduler, 1);
}

uint3 index_of(size_t i, dim3 threads) {
  return uint3{unsigned(i % threads.x), unsigned((i / threads.x) % threads.y),
               unsigned(i / (size_t(threads.x) * threads.y))};
}

void run_block(Worker &worker, dim3 threads) {
  const size_t count = size_t(threads.x) * threads.y * threads.z;
  if (count == 1) {  // nothing to wait for: run on the worker's own stack
    worker.fibered = false;
    thread_idx = index_of(0, threads);
    worker.body(worker.closure);
    return;
  }
  worker.fibered = true;
  if (worker.stack_count < count) {
    worker.stacks.reset(new char[count * kStackBytes]);
    worker.stack_count = count;
  }
  worker.fibers.assign(count, Fiber{});
  for (size_t i = 0; i < count; ++i) worker.fibers[i].index = index_of(i, threads);
  getcontext(&worker.start);
  // Rounds: every live fiber runs until it finishes or reaches a barrier.
  for (;;) {
    size_t waiting = 0, finished = 0;
    for (size_t i = 0; i < count; ++i) {
      Fiber &fiber = worker.fibers[i];
      if (fiber.done) continue;
      worker.current = i;
      thread_idx = fiber.index;
      if (_setjmp(worker.scheduler) == 0) {
        if (fiber.started) _longjmp(fiber.resume, 1);
        fiber.started = true;
        ucontext_t context = worker.start;
        context.uc_stack.ss_sp = worker.stacks.get() + i * kStackBytes;
        context.uc_stack.ss_size = kStackBytes;
        context.uc_link = nullptr;
        makecontext(&context, trampoline, 0);
        setcontext(&context);
      }
      (fiber.done ? finished : waiting) += 1;
    }
    if (waiting == 0) return;
    if (finished != 0) {  // some threads left while others wait at __syncthreads()
      fprintf(stderr, "mopc CUDA emulation: __syncthreads() not reached by every thread of block (%u, %u, %u)\n",
              block_idx.x, block_idx.y, block_idx.z);
      fail(cudaErrorLaunchFailure);
      return;  // the waiting fibers are abandoned; their stacks are reused
    }
  }
}

}  // namespace
}  // namespace mopc_emu

using namespace mopc_emu;

extern "C" void mopc_emu_barrier(void) {
  Worker *worker = running;
  if (worker == nullptr || !worker->fibered) return;
  if (_setjmp(worker->fibers[worker->current].resume) == 0) _longjmp(worker->scheduler, 1);
}

extern "C" void mopc_emu_launch(dim3 grid, dim3 threads, void (*body)(void *), void *closure) {
  if (grid.x == 0 || grid.y == 0 || grid.z == 0 || threads.x == 0 || threads.y == 0 || threads.z == 0 ||
      size_t(threads.x) * threads.y * threads.z > 1024) {
    fail(cudaErrorInvalidConfiguration);
    return;
  }
  const long blocks = long(grid.x) * grid.y * grid.z;
  std::atomic<long> next{0};
  auto work = [&]() {
    Worker worker;
    worker.body = body;
    worker.closure = closure;
    running = &worker;
    grid_dim = grid;
    block_dim = threads;
    for (long b = next++; b < blocks; b = next++) {
      block_idx = uint3{unsigned(b % grid.x), unsigned((b / grid.x) % grid.y), unsigned(b / (long(grid.x) * grid.y))};
      run_block(worker, threads);
    }
    running = nullptr;
  };
  const long workers = std::max(1L, std::min<long>(mopc_emu_threads, blocks));
  std::vector<std::thread> pool;
  for (long w = 1; w < workers; ++w) pool.emplace_back(work);
  work();
  for (auto &t : pool) t.join();
}

extern "C" cudaError_t cudaMalloc(void **pointer, size_t bytes) {
  *pointer = aligned_alloc(256, (bytes + 255) / 256 * 256 + 256);
  return *pointer != nullptr ? cudaSuccess : cudaErrorMemoryAllocation;
}

extern "C" cudaError_t cudaFree(void *pointer) {
  free(pointer);
  return cudaSuccess;
}

extern "C" cudaError_t cudaMemcpy(void *dst, const void *src, size_t bytes, cudaMemcpyKind) {
  if (bytes != 0) memcpy(dst, src, bytes);
  return cudaSuccess;
}

extern "C" cudaError_t cudaGetLastError(void) { return cudaError_t(last_error.exchange(cudaSuccess)); }

extern "C" cudaError_t cudaPeekAtLastError(void) { return cudaError_t(last_error.load()); }

extern "C" cudaError_t cudaDeviceSynchronize(void) { return cudaPeekAtLastError(); }

extern "C" const char *cudaGetErrorName(cudaError_t error) {
  switch (error) {
    case cudaSuccess: return "cudaSuccess";
    case cudaErrorInvalidValue: return "cudaErrorInvalidValue";
    case cudaErrorMemoryAllocation: return "cudaErrorMemoryAllocation";
    case cudaErrorInvalidConfiguration: return "cudaErrorInvalidConfiguration";
    case cudaErrorLaunchFailure: return "cudaErrorLaunchFailure";
  }
  return "cudaErrorUnknown";
}

extern "C" const char *cudaGetErrorString(cudaError_t error) {
  switch (error) {
    case cudaSuccess: return "no error";
    case cudaErrorInvalidValue: return "invalid argument";
    case cudaErrorMemoryAllocation: return "out of memory";
    case cudaErrorInvalidConfiguration: return "invalid configuration argument";
    case cudaErrorLaunchFailure: return "unspecified launch failure (emulation: a divergent __syncthreads())";
  }
  return "unknown error";
}
