/* Counters per kernel launch, the JSON they are read as, and the simulator's C API.
 *
 * {"arch": "mtp_270",
 *  "launches": [{"kernel": "add", "func_type": "UNION1", "dim": [4, 1, 1], "tasks": 4,
 *                "wall_us": 85.1, "failed": false,
 *                "memcpy": {"GDRAM2NRAM": {"calls": 8, "bytes": 4096}, ...},
 *                "gdram": {"read_bytes": 4096, "write_bytes": 2048},
 *                "intrinsics": {"__bang_add": {"calls": 4, "elements": 1024}, ...},
 *                "declared_bytes": {"nram": 1024, "wram": 0, "sram": 0}}, ...],
 *  "totals": {"launches": 1, "memcpy": {...}, "gdram": {...}, "intrinsics": {...}},
 *  "host": {"HOST2DEV": {"calls": 2, "bytes": 2048}, ...}}
 *
 * Intrinsic entries also carry "clamped" (activation inputs clamped into the documented
 * range) and "mpu_skipped" (calls on the memory core, which has no NRAM) when non-zero.
 */
#include "internal.h"

namespace mopcsim {

struct LaunchRecord {
  std::string kernel;
  int type;
  cnrtDim3_t dim;
  int tasks;
  double wall_us;
  bool failed;
  Counters counters;
  size_t declared[3];
};

static std::mutex record_mutex;
static std::vector<LaunchRecord> records;
static uint64_t host_calls[6] = {}, host_bytes[6] = {};

void record_launch(Launch& L, double wall_us) {
  LaunchRecord r{L.name, L.type, L.dim, L.task_dim, wall_us, L.failed.load(), L.counters, {}};
  {
    std::lock_guard<std::mutex> lock(L.layout->m);
    r.declared[0] = L.layout->used[SP_NRAM];
    r.declared[1] = L.layout->used[SP_WRAM];
    r.declared[2] = L.layout->used[SP_SRAM];
  }
  std::lock_guard<std::mutex> lock(record_mutex);
  records.push_back(std::move(r));
}

void count_host_copy(int dir, size_t bytes) {
  std::lock_guard<std::mutex> lock(record_mutex);
  host_calls[dir] += 1;
  host_bytes[dir] += bytes;
}

static std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += format("\\u%04x", c);
      continue;
    }
    out += c;
  }
  return out + "\"";
}

static bool reads_gdram(int dir) { return dir == GDRAM2NRAM || dir == GDRAM2WRAM || dir == GDRAM2SRAM || dir == GDRAM2GDRAM || dir == GDRAM2LDRAM; }
static bool writes_gdram(int dir) { return dir == NRAM2GDRAM || dir == WRAM2GDRAM || dir == SRAM2GDRAM || dir == GDRAM2GDRAM || dir == LDRAM2GDRAM; }

static std::string counters_json(const Counters& c) {
  std::string out = "\"memcpy\": {";
  bool first = true;
  uint64_t read = 0, written = 0;
  for (int d = 0; d < 24; ++d) {
    if (!c.copy_calls[d]) continue;
    out += format("%s\"%s\": {\"calls\": %llu, \"bytes\": %llu}", first ? "" : ", ", direction_name(d),
                  (unsigned long long)c.copy_calls[d], (unsigned long long)c.copy_bytes[d]);
    first = false;
    if (reads_gdram(d)) read += c.copy_bytes[d];
    if (writes_gdram(d)) written += c.copy_bytes[d];
  }
  out += format("}, \"gdram\": {\"read_bytes\": %llu, \"write_bytes\": %llu}, \"intrinsics\": {",
                (unsigned long long)read, (unsigned long long)written);
  first = true;
  for (const auto& [name, s] : c.ops) {
    out += format("%s%s: {\"calls\": %llu, \"elements\": %llu", first ? "" : ", ", quoted(name).c_str(),
                  (unsigned long long)s.calls, (unsigned long long)s.elements);
    if (s.clamped) out += format(", \"clamped\": %llu", (unsigned long long)s.clamped);
    if (s.mpu_skipped) out += format(", \"mpu_skipped\": %llu", (unsigned long long)s.mpu_skipped);
    out += "}";
    first = false;
  }
  return out + "}";
}

static const char* short_type(int type) {
  switch (type) {
    case 1: return "BLOCK";
    case 4: return "UNION1";
    case 8: return "UNION2";
    case 16: return "UNION4";
    case 32: return "UNION8";
    case 64: return "UNION16";
    default: return "?";
  }
}

std::string all_counters_json() {
  std::lock_guard<std::mutex> lock(record_mutex);
  Counters totals;
  std::string out = format("{\"arch\": \"%s\", \"launches\": [", ARCH.name);
  for (size_t i = 0; i < records.size(); ++i) {
    const LaunchRecord& r = records[i];
    totals.merge(r.counters);
    out += format("%s{\"kernel\": %s, \"func_type\": \"%s\", \"dim\": [%u, %u, %u], \"tasks\": %d, "
                  "\"wall_us\": %.1f, \"failed\": %s, %s, \"declared_bytes\": {\"nram\": %zu, \"wram\": %zu, "
                  "\"sram\": %zu}}",
                  i ? ", " : "", quoted(r.kernel).c_str(), short_type(r.type), r.dim.x, r.dim.y, r.dim.z, r.tasks,
                  r.wall_us, r.failed ? "true" : "false", counters_json(r.counters).c_str(), r.declared[0],
                  r.declared[1], r.declared[2]);
  }
  out += format("], \"totals\": {\"launches\": %zu, %s}, \"host\": {", records.size(), counters_json(totals).c_str());
  static const char* host_names[6] = {"HOST2DEV", "DEV2DEV", "DEV2HOST", "HOST2HOST", "PEER2PEER", "NODIR"};
  bool first = true;
  for (int d = 0; d < 6; ++d) {
    if (!host_calls[d]) continue;
    out += format("%s\"%s\": {\"calls\": %llu, \"bytes\": %llu}", first ? "" : ", ", host_names[d],
                  (unsigned long long)host_calls[d], (unsigned long long)host_bytes[d]);
    first = false;
  }
  return out + "}}";
}

void reset_state();

}  // namespace mopcsim

using namespace mopcsim;

static int copy_out(const std::string& text, char* buf, int len) {
  if (buf && len > 0) {
    size_t n = std::min(text.size(), size_t(len - 1));
    std::memcpy(buf, text.data(), n);
    buf[n] = '\0';
  }
  return int(text.size());
}

namespace mopcsim {
std::string first_violation_text();
void clear_violation();
void set_fatal(bool fatal);
}  // namespace mopcsim

extern "C" {

int mopcsim_last_error(char* buf, int len) { return copy_out(first_violation_text(), buf, len); }

void mopcsim_reset(void) {
  clear_violation();
  std::lock_guard<std::mutex> lock(record_mutex);
  records.clear();
  for (int d = 0; d < 6; ++d) host_calls[d] = host_bytes[d] = 0;
}

int mopcsim_counters_json(char* buf, int len) { return copy_out(all_counters_json(), buf, len); }

void mopcsim_set_fatal(int fatal) { set_fatal(fatal != 0); }

const char* mopcsim_arch(void) { return ARCH.name; }

}  // extern "C"

/* MOPCSIM_COUNTERS=<file>: write the counters when the program exits. */
static void write_counters_file() {
  const char* path = std::getenv("MOPCSIM_COUNTERS");
  if (!path || !*path) return;
  if (FILE* f = std::fopen(path, "w")) {
    std::string text = all_counters_json();
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
}

static const int registered_exit_hook = [] {
  std::atexit(write_counters_file);
  return 0;
}();
