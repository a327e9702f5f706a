/* __memcpy and __memcpy_async: the direction must match where the pointers really are,
 * and the arch's direction, alignment and size rules hold (bang-c.md 3.2, 3.3):
 *
 *   every form      size > 0; LDRAM is not modelled; NRAM/WRAM are this core's, SRAM
 *                   this cluster's (the id_dst_cluster forms name another cluster);
 *                   GDRAM ranges lie inside one cnrtMalloc allocation
 *   without stride  WRAM addresses 8-byte aligned; any direction to or from WRAM moves
 *                   a multiple of 64 bytes (mtp_270) / 16 bytes (mtp_372); NRAM2NRAM
 *                   needs 64-byte aligned addresses and (mtp_270) a multiple of 128 bytes
 *   with stride     no direction from WRAM; segnum in [0, 65535]; dst_stride >= size,
 *                   src_stride >= 0; dst_stride a multiple of 8 into WRAM
 *
 * An async copy is checked when issued and performed at the matching sync (or a
 * barrier, or the end of the task); touching its bytes before then is refused.
 */
#include "internal.h"

namespace mopcsim {

struct DirInfo {
  int src, dst;
};
static const DirInfo DIRS[24] = {
    {SP_GDRAM, SP_NRAM}, {SP_NRAM, SP_GDRAM}, {SP_LDRAM, SP_NRAM}, {SP_NRAM, SP_LDRAM},
    {SP_GDRAM, SP_WRAM}, {SP_WRAM, SP_GDRAM}, {SP_LDRAM, SP_WRAM}, {SP_WRAM, SP_LDRAM},
    {SP_NRAM, SP_NRAM},  {SP_NRAM, SP_WRAM},  {SP_WRAM, SP_NRAM},  {SP_GDRAM, SP_SRAM},
    {SP_SRAM, SP_GDRAM}, {SP_LDRAM, SP_SRAM}, {SP_SRAM, SP_LDRAM}, {SP_SRAM, SP_NRAM},
    {SP_NRAM, SP_SRAM},  {SP_SRAM, SP_WRAM},  {SP_WRAM, SP_SRAM},  {SP_GDRAM, SP_GDRAM},
    {SP_GDRAM, SP_LDRAM}, {SP_LDRAM, SP_GDRAM}, {SP_LDRAM, SP_LDRAM}, {SP_SRAM, SP_SRAM}};

static bool is_3d(int form) { return form == FORM_3D || form == FORM_3D_CLUSTER; }
static bool is_strided(int form) { return form != FORM_PLAIN && form != FORM_CLUSTER; }
static bool names_cluster(int form) { return form == FORM_CLUSTER || form == FORM_2D_CLUSTER || form == FORM_3D_CLUSTER; }

static long chunks(const MemcpyShape& s) {
  if (is_3d(s.form)) return long(s.b + 1) * long(s.d + 1);
  if (is_strided(s.form)) return long(s.c) + 1;
  return 1;
}

/* Bytes from the first to the last byte a side touches. */
static size_t span(const MemcpyShape& s, int size, bool dst) {
  if (is_3d(s.form)) {
    return dst ? size_t(s.a) * size_t(s.b) + size_t(s.c) * size_t(s.d) + size_t(size)
               : size_t(s.e) * size_t(s.f) + size_t(s.g) * size_t(s.h) + size_t(size);
  }
  if (is_strided(s.form)) return size_t(dst ? s.a : s.b) * size_t(s.c) + size_t(size);
  return size_t(size);
}

void execute_copy(const Pending& c) {
  char* d = static_cast<char*>(c.dst);
  const char* s = static_cast<const char*>(c.src);
  const MemcpyShape& sh = c.shape;
  if (is_3d(sh.form)) {
    long n = chunks(sh);
    for (long k = 0; k < n; ++k) {
      long di = k % (sh.b + 1), dj = k / (sh.b + 1), si = k % (sh.f + 1), sj = k / (sh.f + 1);
      std::memmove(d + dj * sh.c + di * sh.a, s + sj * sh.g + si * sh.e, size_t(c.size));
    }
  } else if (is_strided(sh.form)) {
    for (int i = 0; i <= sh.c; ++i) std::memmove(d + long(i) * sh.a, s + long(i) * sh.b, size_t(c.size));
  } else {
    std::memmove(d, s, size_t(c.size));
  }
}

static void check_endpoint(Ctx& ctx, const Loc& loc, const std::string& who, const char* role, const Where& w,
                           const void* p, int expected, bool write, bool other_cluster = false) {
  auto bad = [&](const std::string& detail) { fail(message(loc, who.c_str(), detail)); };
  if (w.space != expected)
    bad(format("%s %s is not in %s", role, describe(w, p).c_str(), space_name(expected)));
  if (expected == SP_NRAM || expected == SP_WRAM) {
    if (ctx.mpu) {
      if (!w.mpu || w.owner != ctx.cluster)
        bad(format("%s %s is not this memory core's", role, describe(w, p).c_str()));
    } else if (w.mpu || w.owner != ctx.slot) {
      bad(format("%s %s is not in this core's %s (this is core %d)", role, describe(w, p).c_str(),
                 space_name(expected), ctx.slot));
    }
  } else if (expected == SP_SRAM && w.owner != ctx.cluster && !other_cluster) {
    bad(format("%s %s is not in this cluster's SRAM (this is cluster %d)", role, describe(w, p).c_str(), ctx.cluster));
  } else if (expected == SP_GDRAM && write && w.readonly) {
    bad(format("%s %s is read-only __mlu_const__ data", role, describe(w, p).c_str()));
  }
}

void op_memcpy(const Spec& s, void* dst, const void* src, int size, int dir, MemcpyShape sh) {
  Loc loc = take_here();
  Ctx& ctx = kernel_ctx(loc, s.name);
  if (dir < 0 || dir >= 24) fail(message(loc, s.name, format("%d is not a mluMemcpyDirection_t", dir)));
  const DirInfo D = DIRS[dir];
  const std::string who = format("%s %s", s.name, direction_name(dir));
  auto bad = [&](const std::string& detail) { fail(message(loc, who.c_str(), detail)); };
  bool strided = is_strided(sh.form);

  if (size <= 0) bad(format("size must be > 0, got %d", size));
  if (D.src == SP_LDRAM || D.dst == SP_LDRAM) bad("LDRAM is not modelled by mopc's BANG simulator");
  if (strided && D.src == SP_WRAM)
    bad(format("the strided form cannot copy from WRAM on %s (TRAP_BANG_UNSUPPORTED_STRIDE_MEMCPY_DIR)", ARCH.name));
  if (names_cluster(sh.form) && dir != SRAM2SRAM) bad("the id_dst_cluster form is only for SRAM2SRAM");

  /* SRAM2SRAM to another cluster of the union: the same SRAM offset over there. */
  if (names_cluster(sh.form)) {
    int clusters = ctx.launch->union_clusters;
    if (sh.cluster < 0 || sh.cluster >= clusters)
      bad(format("id_dst_cluster %d is outside [0, clusterDim = %d)", sh.cluster, clusters));
    Where wd = classify(dst);
    if (wd.space != SP_SRAM) bad(format("destination %s is not in SRAM", describe(wd, dst).c_str()));
    int target = ctx.group->first_cluster + sh.cluster;
    dst = machine().sram(target) + wd.offset;
  }
  Where wd = classify(dst), ws = classify(src);
  check_endpoint(ctx, loc, who, "destination", wd, dst, D.dst, true, names_cluster(sh.form));
  check_endpoint(ctx, loc, who, "source", ws, src, D.src, false);

  bool touches_core = D.src == SP_NRAM || D.src == SP_WRAM || D.dst == SP_NRAM || D.dst == SP_WRAM;
  if (ctx.mpu && touches_core) { /* the memory core has no NRAM/WRAM: nothing to move */
    ctx.counters.ops[s.name].mpu_skipped++;
    return;
  }

  for (auto [role, w, p, space] : {std::tuple{"destination", &wd, static_cast<const void*>(dst), D.dst},
                                   std::tuple{"source", &ws, src, D.src}}) {
    if (space == SP_WRAM && w->offset % 8)
      bad(format("%s address %s is not 8-byte aligned (WRAM addresses must be)", role, describe(*w, p).c_str()));
  }
  if (!strided) {
    if (dir == NRAM2NRAM) {
      for (auto [role, w, p] : {std::tuple{"destination", &wd, static_cast<const void*>(dst)}, std::tuple{"source", &ws, src}})
        if (w->offset % 64)
          bad(format("%s address %s is not 64-byte aligned (NRAM2NRAM without stride needs it)", role,
                     describe(*w, p).c_str()));
      if (size % int(ARCH.nram2nram_copy_multiple))
        bad(format("size %d is not a multiple of %zu (NRAM2NRAM without stride on %s)", size,
                   ARCH.nram2nram_copy_multiple, ARCH.name));
    }
    if ((D.src == SP_WRAM || D.dst == SP_WRAM) && size % int(ARCH.wram_copy_multiple))
      bad(format("size %d is not a multiple of %zu (copies to or from WRAM on %s)", size, ARCH.wram_copy_multiple,
                 ARCH.name));
  } else if (is_3d(sh.form)) {
    for (auto [name, v] : {std::pair{"dst_segnum1", sh.b}, {"dst_segnum2", sh.d}, {"src_segnum1", sh.f}, {"src_segnum2", sh.h}})
      if (v < 0 || v > 65535) bad(format("%s %d is outside [0, 65535]", name, v));
    for (auto [name, v] : {std::pair{"dst_stride0", sh.a}, {"dst_stride1", sh.c}, {"src_stride0", sh.e}, {"src_stride1", sh.g}})
      if (v < 0) bad(format("%s must be >= 0, got %d", name, v));
    long dst_chunks = long(sh.b + 1) * (sh.d + 1), src_chunks = long(sh.f + 1) * (sh.h + 1);
    if (dst_chunks != src_chunks)
      bad(format("the destination takes (dst_segnum1+1)*(dst_segnum2+1) = %ld chunks but the source gives %ld",
                 dst_chunks, src_chunks));
    if (sh.a < size && sh.b > 0) bad(format("dst_stride0 %d is smaller than size %d", sh.a, size));
    if (D.dst == SP_WRAM && (sh.a % 8 || sh.c % 8))
      bad(format("destination strides %d, %d must be multiples of 8 into WRAM", sh.a, sh.c));
  } else {
    if (sh.c < 0 || sh.c > 65535) bad(format("segnum %d is outside [0, 65535]", sh.c));
    if (sh.a < size) bad(format("dst_stride %d is smaller than size %d", sh.a, size));
    if (sh.b < 0) bad(format("src_stride must be >= 0, got %d", sh.b));
    if (D.dst == SP_WRAM && sh.a % 8) bad(format("dst_stride %d is not a multiple of 8 (into WRAM)", sh.a));
  }

  size_t dst_span = span(sh, size, true), src_span = span(sh, size, false);
  check_range(loc, who.c_str(), "destination", wd, dst, dst_span);
  check_range(loc, who.c_str(), "source", ws, src, src_span);
  check_hazards(ctx, loc, who.c_str(), "destination", dst, dst_span, true);
  check_hazards(ctx, loc, who.c_str(), "source", src, src_span, false);

  Pending copy{loc, dir, dst, src, size, sh,
               reinterpret_cast<uintptr_t>(dst), reinterpret_cast<uintptr_t>(dst) + dst_span,
               reinterpret_cast<uintptr_t>(src), reinterpret_cast<uintptr_t>(src) + src_span};
  ctx.counters.copy_calls[dir] += 1;
  ctx.counters.copy_bytes[dir] += uint64_t(size) * uint64_t(chunks(sh));
  if (s.op == OP_ASYNC)
    ctx.pending.push_back(copy);
  else
    execute_copy(copy);
}

}  // namespace mopcsim
