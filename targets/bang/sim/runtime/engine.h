/* The engines behind the generated builtin definitions (one per kind of builtin in
 * intrinsics.py) and the numeric helpers they share.
 *
 * A generated definition passes a `Spec` (name, operation, rules, aliasing, space and
 * activation domain, all from the Python table) and the element type; the engine
 * checks the operands against the arch's rules, counts the call and computes.
 */
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "mopcsim/types.h"

namespace mopcsim {

#define MOPCSIM_OPS(X)                                                                        \
  X(RELU) X(ABS) X(EXP) X(EXPHP) X(EXP_LESS_0) X(SIGMOID) X(SIGMOID_HP) X(TANH) X(RECIP)      \
  X(RECIPHP) X(RECIP_GREATER_1) X(SQRT) X(SQRTHP) X(RSQRT) X(RSQRTHP) X(LOG) X(LOGHP) X(SIN)  \
  X(COS) X(GELU) X(GELUP) X(SIGN) X(POW2) X(SQUARE) X(NOT) X(BNOT) X(RECIP_EXACT)             \
  X(SQRT_EXACT) X(RSQRT_EXACT) X(LOG_EXACT) X(ROUND) X(ADD) X(SUB) X(MUL) X(ADD_TZ) X(MAX)    \
  X(MIN) X(MAX_NAN) X(MIN_NAN) X(EQ) X(NE) X(LT) X(LE) X(GT) X(GE) X(AND) X(OR) X(XOR)        \
  X(BAND) X(BOR) X(BXOR) X(DIV) X(SUM) X(COUNT) X(SELECT) X(COLLECT) X(AVG) X(TRANSPOSE)      \
  X(ZERO) X(FILL) X(TZ) X(OZ) X(UP) X(DN) X(RD) X(RN) X(RM) X(EXACT) X(SYNC) X(ASYNC)         \
  X(SYNC_ALL) X(SYNC_CLUSTER) X(SYNC_ALL_IPU) X(SYNC_ALL_MPU) X(SYNC_COMPUTE) X(SYNC_IO)      \
  X(SYNC_MOVE) X(SYNC_IO_MOVE_COMPUTE) X(COPY_DRAM_TO_NRAM) X(COPY_NRAM_TO_DRAM)              \
  X(COPY_DRAM_TO_WRAM) X(COPY_WRAM_TO_DRAM) X(COPY_NRAM_TO_NRAM) X(COPY_SRAM_TO_NRAM)         \
  X(COPY_NRAM_TO_SRAM) X(COPY_DRAM_TO_SRAM) X(COPY_SRAM_TO_DRAM) X(COPY_WRAM_TO_SRAM)         \
  X(COPY_SRAM_TO_WRAM) X(COPY_SRAM_TO_SRAM) X(NRAM) X(WRAM) X(SRAM) X(IPU) X(MPU) X(LOCK)     \
  X(UNLOCK)

enum Op : int {
#define MOPCSIM_OP_ENUM(name) OP_##name,
  MOPCSIM_OPS(MOPCSIM_OP_ENUM)
#undef MOPCSIM_OP_ENUM
};

/* Operand rules of the 2xx generation (bang-c.md 4.1, 3.4, 4.7); the generator leaves
 * them out on 3xx. */
enum Rule : unsigned {
  R_VECTOR = 1,   /* 64-byte aligned operands; every count's bytes a multiple of 128 */
  R_VALUE64 = 2,  /* 64-byte aligned; n * sizeof(value) a multiple of 64 */
  R_COUNT64 = 4,  /* 64-byte aligned; n a multiple of 64 */
};

enum Alias : int { ALIAS_EXACT, ALIAS_DST_SRC0, ALIAS_NONE };

enum DType : int { F16, F32, I8, U8, I16, U16, I32, U32 };

enum Mode : int { MODE_DEFAULT, MODE_TZ, MODE_OZ, MODE_UP, MODE_DN, MODE_RD, MODE_RN, MODE_RM, MODE_EXACT };

struct Spec {
  const char* name;
  int op;
  unsigned rules;
  int alias;
  int space;
  double lo, hi; /* documented input range of an activation */
};

enum MemcpyForm : int { FORM_PLAIN, FORM_CLUSTER, FORM_2D, FORM_2D_CLUSTER, FORM_3D, FORM_3D_CLUSTER };

/* The stride arguments of every __memcpy overload: 2-D uses (a, b, c) = (dst_stride,
 * src_stride, segnum); 3-D uses all eight in Cambricon's order. */
struct MemcpyShape {
  int form;
  int a, b, c, d, e, f, g, h;
  int cluster;
};

void op_unary(const Spec& s, DType t, void* dst, const void* src, int n);
void op_binary(const Spec& s, DType t, void* dst, const void* a, const void* b, int n);
void op_scalar(const Spec& s, DType t, void* dst, const void* src, const void* value, int n);
void op_cycle(const Spec& s, DType t, void* dst, const void* src, const void* seg, int n, int seg_n);
void op_div(const Spec& s, DType t, void* dst, const void* a, const void* b, void* tmp, int n);
void op_reduce_sum(const Spec& s, DType t, void* dst, const void* src, int n);
void op_maxmin(const Spec& s, DType t, void* dst, const void* src, int n);
void op_count(const Spec& s, DType t, unsigned int* dst, const void* src, int n);
void op_select(const Spec& s, DType t, void* dst, const void* src, const void* index, int n);
void op_collect(const Spec& s, DType t, void* dst, const void* src, const void* mask, int n);
void op_pool(const Spec& s, DType t, void* dst, const void* src, int channel, int height, int width,
             int kernel_height, int kernel_width, int stride_width, int stride_height, bool strided);
void op_transpose(const Spec& s, DType t, void* dst, const void* src, int height, int width);
void op_fill(const Spec& s, DType t, void* dst, int n, const void* value);
void op_convert(const Spec& s, DType dst_t, DType src_t, void* dst, const void* src, int n);
void op_memcpy(const Spec& s, void* dst, const void* src, int size, int dir, MemcpyShape shape);
void op_sync(const Spec& s);
bool op_is_space(const Spec& s, const void* p);
bool op_is_core(const Spec& s);
void op_lock(const Spec& s, int id0, int id1);

/* ---- rounding ---------------------------------------------------------------------
 * Conversions round a double (exact for every source type) to the target with one of
 * the BANG rounding modes: tz toward zero, oz away from zero, up toward +inf, dn toward
 * -inf, rd nearest with ties away from zero, rn nearest with ties to even, rm treated
 * as rd (its definition is not documented). Integer targets saturate; NaN gives 0. */

double round_integer(double x, int mode);

/* The float or half neighbours of x and the choice among them. */
template <class F>
F next_toward(F value, bool up) {
  if constexpr (std::is_same_v<F, float>) {
    return std::nextafter(value, up ? INFINITY : -INFINITY);
  } else {
    uint16_t bits;
    __builtin_memcpy(&bits, &value, 2);
    bool negative = bits & 0x8000;
    if ((bits & 0x7fff) == 0) {
      bits = up ? 0x0001 : 0x8001;
    } else if (negative == up) {
      bits -= 1;  /* toward zero */
    } else {
      bits += 1;  /* away from zero */
    }
    F out;
    __builtin_memcpy(&out, &bits, 2);
    return out;
  }
}

/* The largest finite value (libstdc++ has no numeric_limits for _Float16). */
template <class F>
F largest() {
  if constexpr (std::is_same_v<F, float>)
    return std::numeric_limits<float>::max();
  else
    return static_cast<F>(65504.0f);
}

template <class F>
F round_float(double x, int mode) {
  F nearest = static_cast<F>(x); /* round to nearest even */
  if (std::isnan(x) || mode == MODE_RN || mode == MODE_DEFAULT || mode == MODE_EXACT) return nearest;
  double n = static_cast<double>(nearest);
  if (n == x) return nearest;
  F lo, hi;
  if (std::isinf(n)) { /* overflowed: nearest modes overflow too, directed ones may stop at the largest */
    if (mode == MODE_RD || mode == MODE_RM) return nearest;
    F largest = mopcsim::largest<F>();
    if (x > 0) { lo = largest; hi = nearest; } else { lo = nearest; hi = -largest; }
  } else if (n < x) {
    lo = nearest; hi = next_toward(nearest, true);
  } else {
    hi = nearest; lo = next_toward(nearest, false);
  }
  switch (mode) {
    case MODE_TZ: return x > 0 ? lo : hi;
    case MODE_OZ: return x > 0 ? hi : lo;
    case MODE_UP: return hi;
    case MODE_DN: return lo;
    default: { /* rd, rm: nearest, ties away from zero */
      double dlo = x - static_cast<double>(lo), dhi = static_cast<double>(hi) - x;
      if (dlo < dhi) return lo;
      if (dhi < dlo) return hi;
      return x > 0 ? hi : lo;
    }
  }
}

template <class R>
R cvt(double x, int mode) {
  if constexpr (std::is_same_v<R, float> || std::is_same_v<R, half>) {
    return round_float<R>(x, mode);
  } else {
    if (std::isnan(x)) return R(0);
    double r = round_integer(x, mode == MODE_DEFAULT ? MODE_TZ : mode);
    double lo = static_cast<double>(std::numeric_limits<R>::min());
    double hi = static_cast<double>(std::numeric_limits<R>::max());
    if (r < lo) return std::numeric_limits<R>::min();
    if (r > hi) return std::numeric_limits<R>::max();
    return static_cast<R>(r);
  }
}

}  // namespace mopcsim
