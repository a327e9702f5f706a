/* The simulator's runtime state, shared by its translation units.
 *
 *   Machine     one mapping holding every core's NRAM and WRAM, every cluster's SRAM,
 *               and scratch for the memory cores (which have no NRAM/WRAM); the space
 *               of an on-chip pointer is its position in the mapping
 *   allocations GDRAM: cnrtMalloc'd host memory, tracked so copies are bounds-checked
 *   Launch      one kernel launch: its tasks' threads, counters, abort flag
 *   Group       the threads that share barriers: one union (UNIONn: n clusters of
 *               4 IPU cores + 1 memory core), or all the tasks of a BLOCK launch
 *   Ctx         per task thread: which core it is, its pending async copies, counters
 *
 * A violation (`fail`) records the first message; with fatal=1 it prints it and exits,
 * otherwise it stops the launch's tasks (by exception in the offending thread, by the
 * abort flag in the others) and the CNRT call that ran the launch reports an error.
 */
#pragma once

#define MOPCSIM_NO_CALL_MACROS
#include "mopcsim/device.h"

#include <atomic>
#include <condition_variable>
#include <cstdarg>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine.h"

namespace mopcsim {

/* ---- the architecture (from arch.py, through -D) ------------------------------- */
struct Arch {
  const char* name;
  const char* chip;
  int bang_arch;
  int clusters;
  int cores_per_cluster;
  size_t nram, wram, sram;
  size_t vector_align, vector_bytes;
  size_t wram_copy_multiple, nram2nram_copy_multiple;
  int cores() const { return clusters * cores_per_cluster; }
  bool gen2() const { return bang_arch < 300; }
};
extern const Arch ARCH;

inline size_t round_up_to(size_t x, size_t m) { return (x + m - 1) / m * m; }
std::string demangle(const char* mangled);
size_t capacity(int space);
const char* space_name(int space);
const char* qualifier_name(int space);
const char* direction_name(int dir);
const char* dtype_name(DType t);
size_t dtype_size(DType t);

/* ---- messages -------------------------------------------------------------------- */
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

struct Loc {
  const char* file = nullptr;
  int line = 0;
};
Loc take_here();                       /* the call site the call macro recorded */
std::string message(const Loc& loc, const char* builtin, const std::string& detail, bool with_task = true);

struct Abort {};                      /* unwinds a task thread after a violation */
struct HostError {
  std::string message;
};

[[noreturn]] void fail(const std::string& message);
void record_violation(const std::string& message);  /* first one wins; fatal exits */
bool fatal_mode();
bool strict_ranges();

/* ---- memory ---------------------------------------------------------------------- */
struct Where {
  int space = SP_NONE;   /* SP_NONE: host memory nobody allocated with cnrtMalloc */
  int owner = -1;        /* NRAM/WRAM: core slot; SRAM: cluster; MPU scratch: cluster */
  bool mpu = false;      /* the memory core's scratch (it has no NRAM/WRAM) */
  char* base = nullptr;  /* start of the space (or of the GDRAM allocation) */
  size_t size = 0;       /* capacity of the space (or size of the allocation) */
  size_t offset = 0;     /* p - base */
  bool readonly = false; /* __mlu_const__ data */
  const char* name = nullptr;
};
Where classify(const void* p);
std::string describe(const void* p);
std::string describe(const Where& w, const void* p);

struct Machine {
  char* base = nullptr;
  size_t total = 0;
  size_t nram_chunk = 0, wram_chunk = 0, sram_chunk = 0;
  char* nram(int slot) const;
  char* wram(int slot) const;
  char* sram(int cluster) const;
  char* mpu_nram(int cluster) const;
  char* mpu_wram(int cluster) const;
};
Machine& machine();

void* gdram_alloc(size_t bytes);
bool gdram_free(void* p, size_t* size);
void register_const(const void* p, size_t size, const char* name);

/* Is [p, p+bytes) inside one space the caller may touch? Fails with a message naming
 * `builtin` and `role` otherwise. */
void check_range(const Loc& loc, const char* builtin, const std::string& role, const Where& w,
                 const void* p, size_t bytes);

/* ---- counters -------------------------------------------------------------------- */
struct OpStats {
  uint64_t calls = 0, elements = 0, clamped = 0, mpu_skipped = 0;
};
struct Counters {
  uint64_t copy_calls[24] = {};
  uint64_t copy_bytes[24] = {};
  std::map<std::string, OpStats> ops;
  void merge(const Counters& other);
};

/* ---- launches -------------------------------------------------------------------- */
struct KernelLayout {
  std::mutex m;
  std::string name;
  struct Entry {
    const StaticVar* var;
    size_t offset;
  };
  std::vector<Entry> vars[6];
  size_t used[6] = {};
  std::unordered_map<const StaticVar*, size_t> offsets;
};

struct Group;
struct Launch {
  std::string name;
  KernelLayout* layout = nullptr;
  int type = 0;
  cnrtDim3_t dim{};
  int task_dim = 0;
  int union_clusters = 0; /* 0 for BLOCK */
  std::atomic<bool> abort{false};
  std::atomic<bool> failed{false};
  std::mutex m;
  Counters counters;
  std::vector<Group*> groups;
};

struct Barrier {
  const char* name = "";
  std::string scope;
  int needed = 0;
  int arrived = 0;
  unsigned generation = 0;
  Loc first;
};

struct Group {
  Launch* launch = nullptr;
  bool block = false;
  int first_cluster = 0; /* physical */
  int nclusters = 0;
  std::mutex m;
  std::condition_variable cv;
  int total = 0, live = 0, blocked = 0;
  std::vector<Barrier> cluster_barriers; /* __sync_cluster, per cluster of the union */
  Barrier all, all_ipu, all_mpu;
};

struct Pending {
  Loc loc;
  int dir;
  void* dst;
  const void* src;
  int size;
  MemcpyShape shape;
  uintptr_t dst_lo, dst_hi, src_lo, src_hi;
};

struct Ctx {
  Launch* launch = nullptr;
  Group* group = nullptr;
  bool mpu = false;
  int slot = -1;          /* IPU core slot (physical), -1 on the memory core */
  int cluster = 0;        /* physical cluster */
  std::vector<Pending> pending;
  Counters counters;
  std::vector<std::pair<const StaticVar*, void*>> bound;
};
extern thread_local Ctx* tl_ctx;

Ctx& kernel_ctx(const Loc& loc, const char* builtin); /* fails outside a kernel */
void check_abort();
void abort_launch(Launch* launch);

void barrier_wait(Ctx& ctx, Barrier& barrier, const Loc& loc);
void flush_pending(Ctx& ctx, uint32_t direction_mask);
void check_hazards(const Ctx& ctx, const Loc& loc, const char* builtin, const std::string& role,
                   const void* p, size_t bytes, bool write);
void execute_copy(const Pending& copy);

int invoke_registered(const char* api, const void* fn, cnrtDim3_t dim, int type, cnrtQueue_t queue,
                      const std::vector<std::vector<char>>& params);
void record_launch(Launch& launch, double wall_us);
void count_host_copy(int dir, size_t bytes);
void queue_failed(cnrtQueue_t queue, int code);

}  // namespace mopcsim
