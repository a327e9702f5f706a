/* Kernel launches: tasks as threads, the builtin variables, barriers with the arch's
 * participant counts, deadlock detection, and on-chip declarations placed per kernel.
 *
 * Task mapping (bang-c.md 2.2-2.4):
 *   BLOCK   taskDim tasks, at most one per IPU core at a time (a pool of
 *           min(taskDim, cores) threads); clusterDim = 0, coreDim = cores per
 *           cluster, coreId/clusterId = the physical core that runs the task (not
 *           documented); __sync_cluster and __sync_all are plain syncs.
 *   UNIONn  dim.x a multiple of 4n; every 4n consecutive tasks form a union on n
 *           clusters: clusterId = k / 4, coreId = k % 4 (k = index in the union),
 *           clusterDim = n, coreDim = 4, plus one memory-core thread per cluster
 *           (coreId 0x80; its taskId is that of core 0 of its cluster). Unions run
 *           clusters/n at a time.
 */
#include <chrono>
#include <thread>

#include "internal.h"

namespace mopcsim {

/* ---- kernels and their on-chip layouts ----------------------------------------------- */

struct KernelEntry {
  std::string name, file;
  int line;
  int nparams;
  const unsigned long* sizes;
  const char* const* types;
  KernelInvoker invoke;
};

static std::mutex registry_mutex;
static std::map<const void*, KernelEntry>& registry() {
  static std::map<const void*, KernelEntry> table;
  return table;
}
static std::map<const void*, std::unique_ptr<KernelLayout>>& layouts() {
  static std::map<const void*, std::unique_ptr<KernelLayout>> table;
  return table;
}

void register_kernel(const void* fn, const char* name, const char* file, int line, int nparams,
                     const unsigned long* sizes, const char* const* types, KernelInvoker invoke) {
  std::lock_guard<std::mutex> lock(registry_mutex);
  registry()[fn] = KernelEntry{name, file, line, nparams, sizes, types, invoke};
}

const KernelEntry* find_kernel(const void* fn) {
  std::lock_guard<std::mutex> lock(registry_mutex);
  auto it = registry().find(fn);
  return it == registry().end() ? nullptr : &it->second;
}

static KernelLayout* layout_for(const void* fn, const std::string& name) {
  std::lock_guard<std::mutex> lock(registry_mutex);
  auto& slot = layouts()[fn];
  if (!slot) {
    slot = std::make_unique<KernelLayout>();
    slot->name = name;
  }
  return slot.get();
}

static char* space_base(const Ctx& ctx, int space) {
  Machine& m = machine();
  switch (space) {
    case SP_NRAM: return ctx.mpu ? m.mpu_nram(ctx.cluster) : m.nram(ctx.slot);
    case SP_WRAM: return ctx.mpu ? m.mpu_wram(ctx.cluster) : m.wram(ctx.slot);
    default: return m.sram(ctx.cluster);
  }
}

/* Fill [offset, offset+size) of `space` with 0xff in every copy the launch can see, so
 * a read before a write shows up as NaN. */
static void poison(int space, size_t offset, size_t size) {
  if (!size) return;
  Machine& m = machine();
  if (space == SP_SRAM) {
    for (int c = 0; c < ARCH.clusters; ++c) std::memset(m.sram(c) + offset, 0xff, size);
    return;
  }
  for (int s = 0; s < ARCH.cores(); ++s)
    std::memset((space == SP_NRAM ? m.nram(s) : m.wram(s)) + offset, 0xff, size);
  for (int c = 0; c < ARCH.clusters; ++c)
    std::memset((space == SP_NRAM ? m.mpu_nram(c) : m.mpu_wram(c)) + offset, 0xff, size);
}

/* The offset of `var` in the running kernel's layout; the kernel's declarations must fit
 * the space together (cncc allocates them statically, per kernel). */
static size_t place(Ctx& ctx, const StaticVar* var) {
  KernelLayout& layout = *ctx.launch->layout;
  std::string overflow;
  {
    std::lock_guard<std::mutex> lock(layout.m);
    auto it = layout.offsets.find(var);
    if (it != layout.offsets.end()) return it->second;
    int space = var->space;
    size_t offset = round_up_to(layout.used[space], var->align);
    size_t end = offset + var->size;
    if (end <= capacity(space)) {
      poison(space, offset, var->size);
      layout.used[space] = end;
      layout.offsets[var] = offset;
      layout.vars[space].push_back({var, offset});
      return offset;
    }
    std::string parts;
    for (const auto& e : layout.vars[space])
      parts += format("'%s' (%s:%d) %lu bytes, ", e.var->name, e.var->file, e.var->line, e.var->size);
    parts += format("'%s' (%s:%d) %lu bytes", var->name, var->file, var->line, var->size);
    overflow = format(
        "%s capacity exceeded in kernel '%s' on %s: %s declarations need %zu bytes > %zu bytes (%zu KB per %s): %s",
        space_name(space), layout.name.c_str(), ARCH.name, qualifier_name(space), end, capacity(space),
        capacity(space) / 1024, space == SP_SRAM ? "cluster" : "core", parts.c_str());
  }
  fail(overflow);
}

void* bind_var(const StaticVar* var) {
  Ctx* ctx = tl_ctx;
  if (!ctx)
    fail(format("%s:%d: %s variable '%s' used outside a kernel", var->file, var->line,
                qualifier_name(var->space), var->name));
  for (const auto& [v, p] : ctx->bound)
    if (v == var) return p;
  char* p = space_base(*ctx, var->space) + place(*ctx, var);
  ctx->bound.emplace_back(var, p);
  return p;
}

void* bind_var_init(const StaticVar* var, void (*init)(void*)) {
  void* p = bind_var(var);
  init(p);
  return p;
}

/* ---- checks shared by the builtins ------------------------------------------------------ */

Ctx& kernel_ctx(const Loc& loc, const char* builtin) {
  Ctx* ctx = tl_ctx;
  if (!ctx) fail(message(loc, builtin, "called outside a kernel"));
  if (ctx->launch->abort.load(std::memory_order_relaxed)) throw Abort{};
  return *ctx;
}

void check_abort() {
  Ctx* ctx = tl_ctx;
  if (ctx && ctx->launch->abort.load(std::memory_order_relaxed)) throw Abort{};
}

void abort_launch(Launch* launch) {
  launch->abort = true;
  for (Group* g : launch->groups) {
    std::lock_guard<std::mutex> lock(g->m);
    g->cv.notify_all();
  }
}

/* ---- async copies ---------------------------------------------------------------------- */

void flush_pending(Ctx& ctx, uint32_t mask) {
  std::vector<Pending> keep;
  for (const Pending& p : ctx.pending) {
    if (mask & (1u << p.dir))
      execute_copy(p);
    else
      keep.push_back(p);
  }
  ctx.pending.swap(keep);
}

static const char* sync_for(int dir) {
  static const char* names[24] = {
      "__sync_copy_dram_to_nram", "__sync_copy_nram_to_dram", "__sync_copy_dram_to_nram",
      "__sync_copy_nram_to_dram", "__sync_copy_dram_to_wram", "__sync_copy_wram_to_dram",
      "__sync_copy_dram_to_wram", "__sync_copy_wram_to_dram", "__sync_copy_nram_to_nram", nullptr, nullptr,
      "__sync_copy_dram_to_sram", "__sync_copy_sram_to_dram", "__sync_copy_dram_to_sram",
      "__sync_copy_sram_to_dram", "__sync_copy_sram_to_nram", "__sync_copy_nram_to_sram",
      "__sync_copy_sram_to_wram", "__sync_copy_wram_to_sram", nullptr, nullptr, nullptr, nullptr,
      "__sync_copy_sram_to_sram"};
  return names[dir];
}

void check_hazards(const Ctx& ctx, const Loc& loc, const char* builtin, const std::string& role, const void* p,
                   size_t bytes, bool write) {
  uintptr_t lo = reinterpret_cast<uintptr_t>(p), hi = lo + bytes;
  for (const Pending& c : ctx.pending) {
    const char* what = nullptr;
    if (lo < c.dst_hi && c.dst_lo < hi)
      what = "the destination";
    else if (write && lo < c.src_hi && c.src_lo < hi)
      what = "the source";
    if (!what) continue;
    std::string origin = c.loc.file ? format(" at %s:%d", c.loc.file, c.loc.line) : "";
    const char* wait = sync_for(c.dir);
    fail(message(loc, builtin,
                 format("%s %s overlaps %s of a __memcpy_async %s%s that has not been waited for; "
                        "wait for it first (%s(), a barrier or __asm__ volatile(\"sync;\"))",
                        role.c_str(), describe(p).c_str(), what, direction_name(c.dir), origin.c_str(),
                        wait ? wait : "__sync_io")));
  }
}

/* ---- barriers --------------------------------------------------------------------------- */

/* Called with g.m held; `b` is the barrier that can no longer complete. */
static std::string deadlock_text(Group& g, const Barrier& b) {
  int finished = g.total - g.live, elsewhere = g.blocked - b.arrived;
  std::string text = format("deadlock: %d of the %d participants of %s arrived", b.arrived, b.needed, b.scope.c_str());
  if (finished)
    text += format("; %d thread%s returned from the kernel without reaching it", finished, finished == 1 ? "" : "s");
  if (elsewhere > 0)
    text += format("; %d thread%s wait%s at a different barrier", elsewhere, elsewhere == 1 ? "" : "s",
                   elsewhere == 1 ? "s" : "");
  return text;
}

void barrier_wait(Ctx& ctx, Barrier& b, const Loc& loc) {
  flush_pending(ctx, ~0u); /* a barrier waits for this core's copies (DEVFN: sync first) */
  Group& g = *ctx.group;
  std::unique_lock<std::mutex> lock(g.m);
  if (ctx.launch->abort) throw Abort{};
  if (b.arrived == 0) b.first = loc;
  if (++b.arrived == b.needed) {
    /* The waiters are released now: they stop counting as blocked before they wake,
     * or a thread finishing meanwhile would see a deadlock that is not there. */
    g.blocked -= b.needed - 1;
    b.arrived = 0;
    ++b.generation;
    g.cv.notify_all();
    return;
  }
  unsigned generation = b.generation;
  if (++g.blocked == g.live) {
    std::string text = message(b.first, b.name, deadlock_text(g, b), false);
    --g.blocked;
    --b.arrived;
    lock.unlock();
    fail(text);
  }
  g.cv.wait(lock, [&] { return b.generation != generation || ctx.launch->abort; });
  if (b.generation == generation) { /* aborted while waiting */
    --g.blocked;
    --b.arrived;
    throw Abort{};
  }
}

static void finish_thread(Group& g) {
  std::unique_lock<std::mutex> lock(g.m);
  --g.live;
  if (g.live == 0 || g.blocked != g.live || g.launch->abort) return;
  const Barrier* waiting = nullptr;
  for (const Barrier& b : g.cluster_barriers)
    if (b.arrived) waiting = &b;
  for (const Barrier* b : {&g.all, &g.all_ipu, &g.all_mpu})
    if (b->arrived) waiting = b;
  std::string text = waiting ? message(waiting->first, waiting->name, deadlock_text(g, *waiting), false)
                             : std::string("deadlock: every thread waits at a barrier");
  lock.unlock();
  g.launch->failed = true;
  record_violation(text);
  abort_launch(g.launch);
}

/* The barrier a sync builtin waits at for this thread, or nullptr for a plain sync. */
static Barrier* barrier_for(Ctx& ctx, int op) {
  Group& g = *ctx.group;
  if (g.block) return nullptr; /* clusterDim == 0: every barrier is a plain sync */
  switch (op) {
    case OP_SYNC_CLUSTER: return &g.cluster_barriers[size_t(ctx.cluster - g.first_cluster)];
    case OP_SYNC_ALL: return &g.all;
    case OP_SYNC_ALL_IPU: return ctx.mpu ? nullptr : &g.all_ipu;
    case OP_SYNC_ALL_MPU: return ctx.mpu ? &g.all_mpu : nullptr;
    default: return nullptr;
  }
}

static uint32_t dir_mask(std::initializer_list<int> dirs) {
  uint32_t m = 0;
  for (int d : dirs) m |= 1u << d;
  return m;
}

static uint32_t io_mask() {
  uint32_t m = 0;
  static const int gdram_or_ldram[] = {0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 19, 20, 21, 22};
  for (int d : gdram_or_ldram) m |= 1u << d;
  return m;
}

void op_sync(const Spec& s) {
  Loc loc = take_here();
  Ctx& ctx = kernel_ctx(loc, s.name);
  switch (s.op) {
    case OP_SYNC_ALL:
    case OP_SYNC_CLUSTER:
    case OP_SYNC_ALL_IPU:
    case OP_SYNC_ALL_MPU:
      if (Barrier* b = barrier_for(ctx, s.op))
        barrier_wait(ctx, *b, loc);
      else
        flush_pending(ctx, ~0u);
      return;
    case OP_SYNC_COMPUTE: return; /* compute is synchronous here */
    case OP_SYNC_IO: flush_pending(ctx, io_mask()); return;
    case OP_SYNC_MOVE: flush_pending(ctx, ~io_mask()); return;
    case OP_SYNC_IO_MOVE_COMPUTE: flush_pending(ctx, ~0u); return;
    case OP_COPY_DRAM_TO_NRAM: flush_pending(ctx, dir_mask({GDRAM2NRAM, LDRAM2NRAM})); return;
    case OP_COPY_NRAM_TO_DRAM: flush_pending(ctx, dir_mask({NRAM2GDRAM, NRAM2LDRAM})); return;
    case OP_COPY_DRAM_TO_WRAM: flush_pending(ctx, dir_mask({GDRAM2WRAM, LDRAM2WRAM})); return;
    case OP_COPY_WRAM_TO_DRAM: flush_pending(ctx, dir_mask({WRAM2GDRAM, WRAM2LDRAM})); return;
    case OP_COPY_NRAM_TO_NRAM: flush_pending(ctx, dir_mask({NRAM2NRAM})); return;
    case OP_COPY_SRAM_TO_NRAM: flush_pending(ctx, dir_mask({SRAM2NRAM})); return;
    case OP_COPY_NRAM_TO_SRAM: flush_pending(ctx, dir_mask({NRAM2SRAM})); return;
    case OP_COPY_DRAM_TO_SRAM: flush_pending(ctx, dir_mask({GDRAM2SRAM, LDRAM2SRAM})); return;
    case OP_COPY_SRAM_TO_DRAM: flush_pending(ctx, dir_mask({SRAM2GDRAM, SRAM2LDRAM})); return;
    case OP_COPY_WRAM_TO_SRAM: flush_pending(ctx, dir_mask({WRAM2SRAM})); return;
    case OP_COPY_SRAM_TO_WRAM: flush_pending(ctx, dir_mask({SRAM2WRAM})); return;
    case OP_COPY_SRAM_TO_SRAM: flush_pending(ctx, dir_mask({SRAM2SRAM})); return;
    default: return;
  }
}

void asm_sync() {
  Loc loc = take_here();
  Ctx& ctx = kernel_ctx(loc, "sync");
  flush_pending(ctx, ~0u);
}

bool op_is_core(const Spec& s) {
  Ctx* ctx = tl_ctx;
  if (!ctx) return false;
  return s.op == OP_MPU ? ctx->mpu : !ctx->mpu;
}

bool op_is_space(const Spec& s, const void* p) {
  int want = s.op == OP_NRAM ? SP_NRAM : s.op == OP_WRAM ? SP_WRAM : SP_SRAM;
  return classify(p).space == want;
}

/* __bang_lock/__bang_unlock: pv semaphores, one per id pair, initially free. */
static std::mutex lock_mutex;
static std::condition_variable lock_cv;
static std::map<std::pair<int, int>, bool> held;

void op_lock(const Spec& s, int id0, int id1) {
  Loc loc = take_here();
  Ctx& ctx = kernel_ctx(loc, s.name);
  std::unique_lock<std::mutex> lock(lock_mutex);
  auto key = std::make_pair(id0, id1);
  if (s.op == OP_UNLOCK) {
    held[key] = false;
    lock_cv.notify_all();
    return;
  }
  while (held[key]) {
    lock_cv.wait_for(lock, std::chrono::milliseconds(10));
    if (ctx.launch->abort) throw Abort{};
  }
  held[key] = true;
}

/* ---- launching ------------------------------------------------------------------------- */

static TaskVars vars_for(int task, const Launch& L) {
  TaskVars v{};
  int dx = int(L.dim.x), dy = int(L.dim.y);
  v.task_id = task;
  v.task_id_x = task % dx;
  v.task_id_y = (task / dx) % dy;
  v.task_id_z = task / (dx * dy);
  v.task_dim = L.task_dim;
  v.task_dim_x = dx;
  v.task_dim_y = dy;
  v.task_dim_z = int(L.dim.z);
  return v;
}

static void run_task(Ctx& ctx, void (*body)(void*), void* closure) {
  try {
    body(closure);
    flush_pending(ctx, ~0u);
  } catch (const Abort&) {
  } catch (const HostError&) {
  } catch (const std::exception& e) {
    try {
      fail(message(Loc{}, "kernel", format("threw a C++ exception: %s", e.what())));
    } catch (const Abort&) {
    }
  }
  ctx.pending.clear();
}

static const char* type_name(int type) {
  switch (type) {
    case 1: return "CNRT_FUNC_TYPE_BLOCK";
    case 2: return "CNRT_FUNC_TYPE_BLOCK1";
    case 4: return "CNRT_FUNC_TYPE_UNION1";
    case 8: return "CNRT_FUNC_TYPE_UNION2";
    case 16: return "CNRT_FUNC_TYPE_UNION4";
    case 32: return "CNRT_FUNC_TYPE_UNION8";
    case 64: return "CNRT_FUNC_TYPE_UNION16";
    case -1: return "CNRT_FUNC_TYPE_MUTABLE";
    default: return nullptr;
  }
}

static void run_block(Launch& L, void (*body)(void*), void* closure) {
  Group g;
  g.launch = &L;
  g.block = true;
  L.groups = {&g};
  int workers = std::min(L.task_dim, ARCH.cores());
  g.total = g.live = workers;
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  for (int slot = 0; slot < workers; ++slot) {
    threads.emplace_back([&, slot] {
      Ctx ctx;
      ctx.launch = &L;
      ctx.group = &g;
      ctx.slot = slot;
      ctx.cluster = slot / ARCH.cores_per_cluster;
      tl_ctx = &ctx;
      for (int task; (task = next++) < L.task_dim && !L.abort;) {
        tl_vars = vars_for(task, L);
        tl_vars.cluster_dim = 0;
        tl_vars.cluster_id = ctx.cluster;
        tl_vars.core_dim = ARCH.cores_per_cluster;
        tl_vars.core_id = slot % ARCH.cores_per_cluster;
        run_task(ctx, body, closure);
      }
      {
        std::lock_guard<std::mutex> lock(L.m);
        L.counters.merge(ctx.counters);
      }
      tl_ctx = nullptr;
    });
  }
  for (auto& t : threads) t.join();
  L.groups.clear();
}

static void run_union(Launch& L, void (*body)(void*), void* closure) {
  int n = L.union_clusters, cores = ARCH.cores_per_cluster;
  int per_union = n * cores, unions = L.task_dim / per_union, at_once = ARCH.clusters / n;
  for (int first = 0; first < unions && !L.abort; first += at_once) {
    std::vector<std::unique_ptr<Group>> groups;
    std::vector<std::thread> threads;
    for (int u = first; u < std::min(unions, first + at_once); ++u) {
      auto g = std::make_unique<Group>();
      g->launch = &L;
      g->first_cluster = (u - first) * n;
      g->nclusters = n;
      g->total = g->live = n * (cores + 1);
      for (int c = 0; c < n; ++c) {
        Barrier b;
        b.name = "__sync_cluster";
        b.needed = cores + 1;
        b.scope = format("cluster %d (%d IPU cores and the memory core)", c, cores);
        g->cluster_barriers.push_back(b);
      }
      g->all.name = "__sync_all";
      g->all.needed = n * (cores + 1);
      g->all.scope = format("the union (%d cluster%s x (%d IPU cores + the memory core))", n, n == 1 ? "" : "s", cores);
      g->all_ipu.name = "__sync_all_ipu";
      g->all_ipu.needed = n * cores;
      g->all_ipu.scope = format("the union's %d IPU cores", n * cores);
      g->all_mpu.name = "__sync_all_mpu";
      g->all_mpu.needed = n;
      g->all_mpu.scope = format("the union's %d memory core%s", n, n == 1 ? "" : "s");
      groups.push_back(std::move(g));
    }
    {
      std::lock_guard<std::mutex> lock(L.m);
      L.groups.clear();
      for (auto& g : groups) L.groups.push_back(g.get());
    }
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      Group* g = groups[gi].get();
      int u = first + int(gi);
      for (int c = 0; c < n; ++c) {
        for (int k = 0; k <= cores; ++k) { /* k == cores: the memory core */
          threads.emplace_back([&L, g, u, c, k, n, cores, per_union, body, closure] {
            Ctx ctx;
            ctx.launch = &L;
            ctx.group = g;
            ctx.mpu = k == cores;
            ctx.cluster = g->first_cluster + c;
            ctx.slot = ctx.mpu ? -1 : ctx.cluster * cores + k;
            tl_ctx = &ctx;
            tl_vars = vars_for(u * per_union + c * cores + (ctx.mpu ? 0 : k), L);
            tl_vars.cluster_dim = n;
            tl_vars.cluster_id = c;
            tl_vars.core_dim = cores;
            tl_vars.core_id = ctx.mpu ? 0x80 : k;
            run_task(ctx, body, closure);
            {
              std::lock_guard<std::mutex> lock(L.m);
              L.counters.merge(ctx.counters);
            }
            finish_thread(*g);
            tl_ctx = nullptr;
          });
        }
      }
    }
    for (auto& t : threads) t.join();
    std::lock_guard<std::mutex> lock(L.m);
    L.groups.clear();
  }
}

int launch_kernel(const void* fn, const char* name, cnrtDim3_t dim, int type, cnrtQueue_t queue,
                  void (*body)(void*), void* closure) {
  std::string label = format("launch of kernel '%s'", name);
  try {
    if (tl_ctx) fail(format("%s: kernels cannot launch kernels", label.c_str()));
    if (!dim.x || !dim.y || !dim.z)
      fail(format("%s: dim must be at least 1 in every dimension, got {%u, %u, %u}", label.c_str(), dim.x, dim.y, dim.z));
    const char* tname = type_name(type);
    if (!tname) fail(format("%s: %d is not a cnrtFunctionType_t", label.c_str(), type));
    int n = 0;
    if (type >= 4) {
      n = type / 4;
      if (n > ARCH.clusters)
        fail(format("%s: %s needs %d clusters; %s has %d", label.c_str(), tname, n, ARCH.name, ARCH.clusters));
      int multiple = n * ARCH.cores_per_cluster;
      if (dim.x % unsigned(multiple))
        fail(format("%s: %s needs dim.x to be a multiple of %d (%d cluster%s x %d cores), got dim.x = %u",
                    label.c_str(), tname, multiple, n, n == 1 ? "" : "s", ARCH.cores_per_cluster, dim.x));
    } else if (type != 1) {
      fail(format("%s: %s is not supported by mopc's BANG simulator", label.c_str(), tname));
    }
    Launch L;
    L.name = name;
    L.layout = layout_for(fn, name);
    L.type = type;
    L.dim = dim;
    L.task_dim = int(dim.x * dim.y * dim.z);
    L.union_clusters = n;
    {
      std::lock_guard<std::mutex> lock(L.layout->m);
      for (int space : {SP_NRAM, SP_WRAM, SP_SRAM}) poison(space, 0, L.layout->used[space]);
    }
    auto start = std::chrono::steady_clock::now();
    if (n)
      run_union(L, body, closure);
    else
      run_block(L, body, closure);
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    record_launch(L, us);
    if (L.failed) {
      queue_failed(queue, CNRT_RET_ERR_MLU);
      return CNRT_RET_ERR_MLU;
    }
    return CNRT_RET_SUCCESS;
  } catch (const HostError&) {
    queue_failed(queue, CNRT_RET_ERR_INVALID);
    return CNRT_RET_ERR_INVALID;
  }
}

/* cnrtInvokeKernel_V2: the registered kernel at `fn`, with its arguments from a params
 * buffer (one entry per cnrtKernelParamsBufferAddParam). */
int invoke_registered(const char* api, const void* fn, cnrtDim3_t dim, int type, cnrtQueue_t queue,
                      const std::vector<std::vector<char>>& params) {
  const KernelEntry* entry = find_kernel(fn);
  try {
    if (!fn) fail(format("%s: the kernel pointer is NULL", api));
    if (!entry)
      fail(format("%s: %p is not an __mlu_entry__/__mlu_global__ kernel of this program "
                  "(template kernels can only be launched with <<<>>>)", api, fn));
    if (int(params.size()) != entry->nparams)
      fail(format("%s: kernel '%s' (%s:%d) takes %d parameter%s, the params buffer holds %zu", api,
                  entry->name.c_str(), entry->file.c_str(), entry->line, entry->nparams,
                  entry->nparams == 1 ? "" : "s", params.size()));
    for (int i = 0; i < entry->nparams; ++i) {
      if (params[size_t(i)].size() != entry->sizes[i])
        fail(format("%s: kernel '%s' parameter %d (%s, %lu bytes) was given %zu bytes by "
                    "cnrtKernelParamsBufferAddParam", api, entry->name.c_str(), i + 1,
                    demangle(entry->types[i]).c_str(), entry->sizes[i], params[size_t(i)].size()));
    }
  } catch (const HostError&) {
    queue_failed(queue, CNRT_RET_ERR_INVALID);
    return CNRT_RET_ERR_INVALID;
  }
  struct Closure {
    const KernelEntry* entry;
    const void* fn;
    std::vector<const void*> args;
  } closure{entry, fn, {}};
  for (const auto& p : params) closure.args.push_back(p.data());
  return launch_kernel(fn, entry->name.c_str(), dim, type, queue,
                       [](void* c) {
                         auto* cl = static_cast<Closure*>(c);
                         cl->entry->invoke(cl->fn, cl->args.data());
                       },
                       &closure);
}

}  // namespace mopcsim
