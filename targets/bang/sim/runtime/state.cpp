/* Global state: the arch, violations, call-site locations, the machine's on-chip
 * memory and the GDRAM allocation table. */
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>

#include "internal.h"

namespace mopcsim {

const Arch ARCH = {
    MOPCSIM_ARCH_NAME, MOPCSIM_CHIP_NAME, __BANG_ARCH__, MOPCSIM_CLUSTERS, MOPCSIM_CORES_PER_CLUSTER,
    size_t(__MLU_NRAM_SIZE__) * 1024, size_t(__MLU_WRAM_SIZE__) * 1024, size_t(__MLU_SRAM_SIZE__) * 1024,
    MOPCSIM_VECTOR_ALIGN, MOPCSIM_VECTOR_BYTES_MULTIPLE, MOPCSIM_WRAM_COPY_MULTIPLE,
    MOPCSIM_NRAM2NRAM_COPY_MULTIPLE,
};

size_t capacity(int space) {
  switch (space) {
    case SP_NRAM: return ARCH.nram;
    case SP_WRAM: return ARCH.wram;
    case SP_SRAM: return ARCH.sram;
    default: return 0;
  }
}

const char* space_name(int space) {
  static const char* names[] = {"host memory", "GDRAM", "NRAM", "WRAM", "SRAM", "LDRAM"};
  return space >= 0 && space < 6 ? names[space] : "?";
}

const char* qualifier_name(int space) {
  switch (space) {
    case SP_NRAM: return "__nram__";
    case SP_WRAM: return "__wram__";
    case SP_SRAM: return "__mlu_shared__";
    default: return "?";
  }
}

const char* direction_name(int dir) {
  static const char* names[] = {
      "GDRAM2NRAM", "NRAM2GDRAM", "LDRAM2NRAM", "NRAM2LDRAM", "GDRAM2WRAM", "WRAM2GDRAM",
      "LDRAM2WRAM", "WRAM2LDRAM", "NRAM2NRAM",  "NRAM2WRAM",  "WRAM2NRAM",  "GDRAM2SRAM",
      "SRAM2GDRAM", "LDRAM2SRAM", "SRAM2LDRAM", "SRAM2NRAM",  "NRAM2SRAM",  "SRAM2WRAM",
      "WRAM2SRAM",  "GDRAM2GDRAM", "GDRAM2LDRAM", "LDRAM2GDRAM", "LDRAM2LDRAM", "SRAM2SRAM"};
  return dir >= 0 && dir < 24 ? names[dir] : "?";
}

const char* dtype_name(DType t) {
  static const char* names[] = {"half", "float", "int8", "uint8", "int16", "uint16", "int", "unsigned int"};
  return names[t];
}

size_t dtype_size(DType t) {
  static const size_t sizes[] = {2, 4, 1, 1, 2, 2, 4, 4};
  return sizes[t];
}

/* "const char* mopcsim::type_name() [with T = _Float16*]" -> "half*". */
std::string demangle(const char* pretty) {
  std::string out = pretty;
  size_t at = out.find("T = ");
  if (at != std::string::npos) {
    out = out.substr(at + 4);
    size_t stop = out.find_first_of(";]");
    if (stop != std::string::npos) out = out.substr(0, stop);
  }
  for (size_t p; (p = out.find("_Float16")) != std::string::npos;) out.replace(p, 8, "half");
  return out;
}

std::string format(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  va_list copy;
  va_copy(copy, args);
  int n = std::vsnprintf(nullptr, 0, fmt, copy);
  va_end(copy);
  std::string out(size_t(n > 0 ? n : 0), '\0');
  std::vsnprintf(out.data(), out.size() + 1, fmt, args);
  va_end(args);
  return out;
}

/* ---- call sites and violations ----------------------------------------------------- */

static thread_local Loc tl_here;

void here(const char* file, int line) noexcept { tl_here = Loc{file, line}; }

Loc take_here() {
  Loc loc = tl_here;
  tl_here = Loc{};
  return loc;
}

thread_local TaskVars tl_vars = {};
thread_local Ctx* tl_ctx = nullptr;

std::string message(const Loc& loc, const char* builtin, const std::string& detail, bool with_task) {
  std::string out;
  if (loc.file) out += format("%s:%d: ", loc.file, loc.line);
  out += builtin;
  out += ": ";
  out += detail;
  if (Ctx* ctx = tl_ctx) {
    if (!with_task)
      out += format(" (kernel '%s')", ctx->launch->name.c_str());
    else if (ctx->mpu)
      out += format(" (kernel '%s', memory core of cluster %d)", ctx->launch->name.c_str(), tl_vars.cluster_id);
    else
      out += format(" (kernel '%s', taskId %d)", ctx->launch->name.c_str(), tl_vars.task_id);
  }
  return out;
}

static std::mutex violation_mutex;
static std::string first_violation;
static std::atomic<bool> fatal{true};

bool fatal_mode() { return fatal.load(); }

bool strict_ranges() {
  static const bool strict = [] {
    const char* v = std::getenv("MOPCSIM_STRICT_RANGES");
    return v && *v && std::strcmp(v, "0") != 0;
  }();
  return strict;
}

void record_violation(const std::string& text) {
  std::lock_guard<std::mutex> lock(violation_mutex);
  if (fatal.load()) {
    std::fflush(stdout);
    std::fprintf(stderr, "error: %s\n", text.c_str());
    std::fflush(stderr);
    _exit(1);
  }
  if (first_violation.empty()) first_violation = text;
}

std::string first_violation_text() {
  std::lock_guard<std::mutex> lock(violation_mutex);
  return first_violation;
}

void clear_violation() {
  std::lock_guard<std::mutex> lock(violation_mutex);
  first_violation.clear();
}

void set_fatal(bool value) { fatal = value; }

void fail(const std::string& text) {
  record_violation(text);
  if (Ctx* ctx = tl_ctx) {
    ctx->launch->failed = true;
    abort_launch(ctx->launch);
    throw Abort{};
  }
  throw HostError{text};
}

/* ---- on-chip memory ------------------------------------------------------------------ */

static size_t round_up(size_t x, size_t m) { return (x + m - 1) / m * m; }

char* Machine::nram(int slot) const { return base + size_t(slot) * nram_chunk; }
char* Machine::wram(int slot) const { return base + size_t(ARCH.cores()) * nram_chunk + size_t(slot) * wram_chunk; }
char* Machine::sram(int cluster) const {
  return base + size_t(ARCH.cores()) * (nram_chunk + wram_chunk) + size_t(cluster) * sram_chunk;
}
char* Machine::mpu_nram(int cluster) const { return sram(ARCH.clusters) + size_t(cluster) * nram_chunk; }
char* Machine::mpu_wram(int cluster) const {
  return mpu_nram(ARCH.clusters) + size_t(cluster) * wram_chunk;
}

Machine& machine() {
  static Machine m = [] {
    Machine mm;
    const size_t mb = 1 << 20;
    mm.nram_chunk = round_up(ARCH.nram, mb);
    mm.wram_chunk = round_up(ARCH.wram, mb);
    mm.sram_chunk = round_up(ARCH.sram, mb);
    mm.total = size_t(ARCH.cores() + ARCH.clusters) * (mm.nram_chunk + mm.wram_chunk) +
               size_t(ARCH.clusters) * mm.sram_chunk;
    void* p = mmap(nullptr, mm.total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
      std::fprintf(stderr, "error: mopc BANG simulator: cannot map %zu bytes of on-chip memory\n", mm.total);
      _exit(1);
    }
    mm.base = static_cast<char*>(p);
    return mm;
  }();
  return m;
}

/* ---- GDRAM ----------------------------------------------------------------------------- */

struct Allocation {
  size_t size;
  bool readonly;
  const char* name;
};
static std::mutex alloc_mutex;
static std::map<uintptr_t, Allocation>& allocations() {
  static std::map<uintptr_t, Allocation> table;
  return table;
}

/* Every allocation is followed by a gap no allocation uses, so a copy that runs a
 * little past the end is not mistaken for a copy into the next allocation. */
static const size_t GDRAM_GUARD = 4096;

void* gdram_alloc(size_t bytes) {
  size_t padded = round_up(bytes ? bytes : 1, 64) + GDRAM_GUARD;
  void* p = std::aligned_alloc(64, padded);
  if (!p) return nullptr;
  std::memset(p, 0xff, padded); /* uninitialised device memory reads as NaN */
  std::lock_guard<std::mutex> lock(alloc_mutex);
  allocations()[reinterpret_cast<uintptr_t>(p)] = Allocation{bytes, false, nullptr};
  return p;
}

bool gdram_free(void* p, size_t* size) {
  std::lock_guard<std::mutex> lock(alloc_mutex);
  auto it = allocations().find(reinterpret_cast<uintptr_t>(p));
  if (it == allocations().end() || it->second.readonly) return false;
  if (size) *size = it->second.size;
  allocations().erase(it);
  std::free(p);
  return true;
}

void register_const(const void* p, size_t size, const char* name) {
  std::lock_guard<std::mutex> lock(alloc_mutex);
  allocations()[reinterpret_cast<uintptr_t>(p)] = Allocation{size, true, name};
}

ConstRegion::ConstRegion(const void* data, unsigned long size, const char* name) { register_const(data, size, name); }

Where classify(const void* ptr) {
  Where w;
  Machine& m = machine();
  char* p = static_cast<char*>(const_cast<void*>(ptr));
  if (p >= m.base && p < m.base + m.total) {
    size_t off = size_t(p - m.base);
    size_t cores = size_t(ARCH.cores());
    size_t n_all = cores * m.nram_chunk, w_all = cores * m.wram_chunk, s_all = size_t(ARCH.clusters) * m.sram_chunk;
    size_t mn_all = size_t(ARCH.clusters) * m.nram_chunk;
    if (off < n_all) {
      w.space = SP_NRAM; w.owner = int(off / m.nram_chunk); w.base = m.nram(w.owner); w.size = ARCH.nram;
    } else if ((off -= n_all) < w_all) {
      w.space = SP_WRAM; w.owner = int(off / m.wram_chunk); w.base = m.wram(w.owner); w.size = ARCH.wram;
    } else if ((off -= w_all) < s_all) {
      w.space = SP_SRAM; w.owner = int(off / m.sram_chunk); w.base = m.sram(w.owner); w.size = ARCH.sram;
    } else if ((off -= s_all) < mn_all) {
      w.space = SP_NRAM; w.mpu = true; w.owner = int(off / m.nram_chunk); w.base = m.mpu_nram(w.owner); w.size = ARCH.nram;
    } else {
      off -= mn_all;
      w.space = SP_WRAM; w.mpu = true; w.owner = int(off / m.wram_chunk); w.base = m.mpu_wram(w.owner); w.size = ARCH.wram;
    }
    w.offset = size_t(p - w.base);
    return w;
  }
  std::lock_guard<std::mutex> lock(alloc_mutex);
  auto& table = allocations();
  auto it = table.upper_bound(reinterpret_cast<uintptr_t>(p));
  if (it != table.begin()) {
    --it;
    uintptr_t start = it->first;
    if (reinterpret_cast<uintptr_t>(p) < start + std::max<size_t>(it->second.size, 1)) {
      w.space = SP_GDRAM; w.base = reinterpret_cast<char*>(start); w.size = it->second.size;
      w.offset = size_t(p - w.base); w.readonly = it->second.readonly; w.name = it->second.name;
    } else {
      /* Not inside; remember the nearest allocation below for the message. */
      w.base = reinterpret_cast<char*>(start); w.size = it->second.size;
    }
  }
  return w;
}

std::string describe(const Where& w, const void* p) {
  switch (w.space) {
    case SP_NRAM:
    case SP_WRAM:
      if (w.mpu) return format("%s+0x%zx of the memory core of cluster %d", space_name(w.space), w.offset, w.owner);
      return format("%s+0x%zx of core %d", space_name(w.space), w.offset, w.owner);
    case SP_SRAM: return format("SRAM+0x%zx of cluster %d", w.offset, w.owner);
    case SP_GDRAM:
      if (w.name) return format("GDRAM %p (offset %zu in __mlu_const__ '%s', %zu bytes)", p, w.offset, w.name, w.size);
      return format("GDRAM %p (offset %zu in a %zu-byte cnrtMalloc allocation)", p, w.offset, w.size);
    default:
      if (w.base && reinterpret_cast<const char*>(p) >= w.base) {
        size_t past = size_t(reinterpret_cast<const char*>(p) - (w.base + w.size));
        return format("%p (host memory; %zu bytes past the end of the %zu-byte cnrtMalloc allocation at %p)", p,
                      past, w.size, static_cast<void*>(w.base));
      }
      return format("%p (host memory, not allocated with cnrtMalloc)", p);
  }
}

std::string describe(const void* p) { return describe(classify(p), p); }

void check_range(const Loc& loc, const char* builtin, const std::string& role, const Where& w, const void* p,
                 size_t bytes) {
  if (w.offset + bytes <= w.size) return;
  if (w.space == SP_GDRAM) {
    fail(message(loc, builtin, format("%s range [%p, +%zu bytes) runs %zu bytes past the end of its %zu-byte %s at %p",
                                      role.c_str(), p, bytes, w.offset + bytes - w.size, w.size,
                                      w.name ? "__mlu_const__ data" : "cnrtMalloc allocation",
                                      static_cast<void*>(w.base))));
  }
  fail(message(loc, builtin, format("%s range [%s+0x%zx, +%zu bytes) runs past the end of %s (%zu KB on %s)",
                                    role.c_str(), space_name(w.space), w.offset, bytes, space_name(w.space),
                                    w.size / 1024, ARCH.name)));
}

/* ---- counters --------------------------------------------------------------------- */

void Counters::merge(const Counters& other) {
  for (int i = 0; i < 24; ++i) {
    copy_calls[i] += other.copy_calls[i];
    copy_bytes[i] += other.copy_bytes[i];
  }
  for (const auto& [name, stats] : other.ops) {
    OpStats& mine = ops[name];
    mine.calls += stats.calls;
    mine.elements += stats.elements;
    mine.clamped += stats.clamped;
    mine.mpu_skipped += stats.mpu_skipped;
  }
}

/* ---- printing --------------------------------------------------------------------- */

static std::mutex print_mutex;

void printf_locked(const char* fmt, ...) {
  /* "%hf" (half) is "%f" once the argument is a double. */
  std::string f;
  for (const char* c = fmt; *c; ++c) {
    f += *c;
    if (*c != '%') continue;
    while (c[1] && std::strchr("-+ #0123456789.*", c[1])) f += *++c;
    if (c[1] == 'h' && c[2] && std::strchr("fFeEgGaA", c[2])) ++c;
  }
  va_list args;
  va_start(args, fmt);
  std::lock_guard<std::mutex> lock(print_mutex);
  std::vprintf(f.c_str(), args);
  va_end(args);
}

}  // namespace mopcsim
