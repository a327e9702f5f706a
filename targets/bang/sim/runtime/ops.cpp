/* The vector ("stream") builtins: operand checks shared by every kind, then the
 * arithmetic per kind.
 *
 * Checks, in order (messages name the builtin, the rule and the values):
 *   1. every count > 0;
 *   2. every operand in this core's NRAM (or the builtin's space) and wholly inside it;
 *   3. on 2xx: 64-byte aligned operands, and the byte/element-count multiple of the
 *      builtin's rule (128 bytes per count for most; 64 for write_value; 64 elements
 *      for the float/half conversions);
 *   4. aliasing as the builtin allows (identical operands, dst == src0 only, or none);
 *   5. no operand touches the bytes of an async copy not yet waited for.
 * The memory core has no NRAM: there a vector builtin does nothing (counted as
 * mpu_skipped).
 *
 * Numerics: float add/sub/mul/div in float; half in double, rounded once to half
 * (exact for add/sub/mul); activations exact (libm in double), with the documented
 * saturations (exp below -7.75 gives 5.96e-8, sigmoid is 0/1 outside +-7.75) and the
 * documented input ranges clamped (counted as `clamped`; MOPCSIM_STRICT_RANGES=1
 * refuses instead).
 */
#include <algorithm>
#include <vector>

#include "internal.h"

namespace mopcsim {

namespace {

template <class F>
void dispatch(DType t, F&& f) {
  switch (t) {
    case F16: f(half{}); return;
    case F32: f(float{}); return;
    case I8: f(int8_t{}); return;
    case U8: f(uint8_t{}); return;
    case I16: f(int16_t{}); return;
    case U16: f(uint16_t{}); return;
    case I32: f(int32_t{}); return;
    case U32: f(uint32_t{}); return;
  }
}

template <class T>
constexpr bool is_float_v = std::is_same_v<T, float> || std::is_same_v<T, half>;

template <class T>
T store(double v) {
  if constexpr (is_float_v<T>)
    return static_cast<T>(v);
  else
    return static_cast<T>(static_cast<int64_t>(v));
}

struct Operand {
  const char* role;
  const void* p;
  size_t bytes;
  bool write;
};

struct Call {
  const Spec& s;
  Loc loc;
  Ctx& ctx;
  Call(const Spec& spec) : s(spec), loc(take_here()), ctx(kernel_ctx(loc, spec.name)) {}

  [[noreturn]] void bad(const std::string& detail) const { fail(message(loc, s.name, detail)); }

  void positive(const char* what, long n) const {
    if (n <= 0) bad(format("%s must be > 0, got %ld", what, n));
  }

  /* Rule 3 for one count: `n` elements of `t`. */
  void multiple(const char* what, long n, DType t) const {
    size_t bytes = size_t(n) * dtype_size(t);
    if ((s.rules & R_VECTOR) && bytes % ARCH.vector_bytes)
      bad(format("%s * sizeof(%s) = %ld * %zu = %zu bytes is not a multiple of %zu on %s", what, dtype_name(t), n,
                 dtype_size(t), bytes, ARCH.vector_bytes, ARCH.name));
    if ((s.rules & R_VALUE64) && bytes % 64)
      bad(format("%s * sizeof(%s) = %ld * %zu = %zu bytes is not a multiple of 64 on %s", what, dtype_name(t), n,
                 dtype_size(t), bytes, ARCH.name));
    if ((s.rules & R_COUNT64) && n % 64)
      bad(format("%s = %ld is not a multiple of 64 on %s", what, n, ARCH.name));
  }

  /* Rules 2, 3 (alignment), 4 and 5; false when the call does nothing (memory core). */
  bool operands(std::initializer_list<Operand> ops, uint64_t elements) {
    OpStats& stats = ctx.counters.ops[s.name];
    if (ctx.mpu && s.space != SP_GDRAM && s.space != SP_SRAM) {
      stats.mpu_skipped++;
      return false;
    }
    std::vector<Where> where;
    for (const Operand& o : ops) {
      Where w = classify(o.p);
      std::string role = format("operand '%s'", o.role);
      int want = s.space;
      if (w.space != want) bad(format("%s %s is not in %s", role.c_str(), describe(w, o.p).c_str(), space_name(want)));
      if ((want == SP_NRAM || want == SP_WRAM) && (w.mpu || w.owner != ctx.slot))
        bad(format("%s %s is not in this core's %s (this is core %d)", role.c_str(), describe(w, o.p).c_str(),
                   space_name(want), ctx.slot));
      if (want == SP_SRAM && w.owner != ctx.cluster)
        bad(format("%s %s is not in this cluster's SRAM (this is cluster %d)", role.c_str(),
                   describe(w, o.p).c_str(), ctx.cluster));
      if (want == SP_GDRAM && o.write && w.readonly)
        bad(format("%s %s is read-only __mlu_const__ data", role.c_str(), describe(w, o.p).c_str()));
      check_range(loc, s.name, role, w, o.p, o.bytes);
      if ((s.rules & (R_VECTOR | R_VALUE64 | R_COUNT64)) && w.offset % ARCH.vector_align)
        bad(format("%s address %s is not %zu-byte aligned (%s vector operands must be)", role.c_str(),
                   describe(w, o.p).c_str(), ARCH.vector_align, ARCH.name));
      where.push_back(w);
    }
    const Operand* list = ops.begin();
    for (size_t i = 0; i < ops.size(); ++i) {
      if (!list[i].write) continue;
      for (size_t j = 0; j < ops.size(); ++j) {
        if (j == i || (list[j].write && j < i)) continue;
        uintptr_t a = reinterpret_cast<uintptr_t>(list[i].p), b = reinterpret_cast<uintptr_t>(list[j].p);
        bool overlap = a < b + list[j].bytes && b < a + list[i].bytes;
        if (!overlap || !list[i].bytes || !list[j].bytes) continue;
        bool same = a == b && list[i].bytes == list[j].bytes;
        bool allowed = (s.alias == ALIAS_EXACT && same) || (s.alias == ALIAS_DST_SRC0 && same && j == 1 && i == 0);
        if (allowed) continue;
        const char* rule = s.alias == ALIAS_NONE       ? "allows no overlapping operands"
                           : s.alias == ALIAS_DST_SRC0 ? "allows only dst == src0"
                                                       : "allows only identical operands, not partial overlaps";
        bad(format("operands '%s' [%s, +%zu) and '%s' [%s, +%zu) overlap; %s %s", list[i].role,
                   describe(where[i], list[i].p).c_str(), list[i].bytes, list[j].role,
                   describe(where[j], list[j].p).c_str(), list[j].bytes, s.name, rule));
      }
    }
    for (const Operand& o : ops) check_hazards(ctx, loc, s.name, format("operand '%s'", o.role), o.p, o.bytes, o.write);
    stats.calls++;
    stats.elements += elements;
    return true;
  }
};

/* ---- element-wise arithmetic -------------------------------------------------------------- */

double activate(const Call& c, int op, double x, int index, bool& clamped) {
  const Spec& s = c.s;
  if (!std::isnan(x) && (x < s.lo || x > s.hi)) {
    if (strict_ranges())
      c.bad(format("input %g at index %d is outside the documented range [%g, %g] (MOPCSIM_STRICT_RANGES)", x, index,
                   s.lo, s.hi));
    clamped = true;
    x = std::min(std::max(x, s.lo), s.hi);
  }
  switch (op) {
    case OP_RELU: return x > 0 ? x : 0.0;
    case OP_ABS: return std::fabs(x);
    case OP_EXP: return x < -7.75 ? 5.96e-8 : std::exp(x);
    case OP_EXPHP: return x < -15.0 ? 3e-7 : std::exp(x);
    case OP_EXP_LESS_0: return std::exp(x);
    case OP_SIGMOID: return x < -7.75 ? 0.0 : x > 7.75 ? 1.0 : 1.0 / (1.0 + std::exp(-x));
    case OP_SIGMOID_HP: return 1.0 / (1.0 + std::exp(-x));
    case OP_TANH: return std::tanh(x);
    case OP_RECIP:
    case OP_RECIPHP:
    case OP_RECIP_GREATER_1:
    case OP_RECIP_EXACT: return 1.0 / x;
    case OP_SQRT:
    case OP_SQRTHP:
    case OP_SQRT_EXACT: return std::sqrt(x);
    case OP_RSQRT:
    case OP_RSQRTHP:
    case OP_RSQRT_EXACT: return 1.0 / std::sqrt(x);
    case OP_LOG:
    case OP_LOGHP:
    case OP_LOG_EXACT: return std::log(x);
    case OP_SIN: return std::sin(x);
    case OP_COS: return std::cos(x);
    case OP_GELU:
    case OP_GELUP: return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
    case OP_SIGN: return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0;
    case OP_POW2: return std::exp2(x);
    case OP_SQUARE: return x * x;
    case OP_NOT: return x == 0 ? 1.0 : 0.0;
    case OP_ROUND: return std::nearbyint(x);
    default: return x;
  }
}

template <class T>
T combine(int op, T a, T b) {
  if constexpr (is_float_v<T>) {
    if constexpr (std::is_same_v<T, float>) { /* IEEE float arithmetic, as the chip's float unit */
      if (op == OP_ADD) return a + b;
      if (op == OP_SUB) return a - b;
      if (op == OP_MUL) return a * b;
      if (op == OP_DIV) return a / b;
    }
    if (op == OP_BAND || op == OP_BOR || op == OP_BXOR) { /* bitwise on the representation */
      using U = std::conditional_t<sizeof(T) == 4, uint32_t, uint16_t>;
      U ua, ub;
      std::memcpy(&ua, &a, sizeof(T));
      std::memcpy(&ub, &b, sizeof(T));
      U r = op == OP_BAND ? U(ua & ub) : op == OP_BOR ? U(ua | ub) : U(ua ^ ub);
      T out;
      std::memcpy(&out, &r, sizeof(T));
      return out;
    }
    double x = double(a), y = double(b);
    switch (op) {
      case OP_ADD: return T(x + y);
      case OP_SUB: return T(x - y);
      case OP_MUL: return T(x * y);
      case OP_DIV: return T(x / y);
      case OP_ADD_TZ: return round_float<T>(x + y, MODE_TZ);
      case OP_MAX: return std::isnan(y) || x >= y ? a : b;
      case OP_MIN: return std::isnan(y) || x <= y ? a : b;
      case OP_MAX_NAN: return std::isnan(x) || std::isnan(y) ? T(NAN) : x >= y ? a : b;
      case OP_MIN_NAN: return std::isnan(x) || std::isnan(y) ? T(NAN) : x <= y ? a : b;
      case OP_EQ: return T(x == y);
      case OP_NE: return T(x != y);
      case OP_LT: return T(x < y);
      case OP_LE: return T(x <= y);
      case OP_GT: return T(x > y);
      case OP_GE: return T(x >= y);
      case OP_AND: return T((x != 0) && (y != 0));
      case OP_OR: return T((x != 0) || (y != 0));
      case OP_XOR: return T((x != 0) != (y != 0));
      default: return T(NAN);
    }
  } else {
    int64_t x = a, y = b;
    switch (op) {
      case OP_ADD: case OP_ADD_TZ: return T(x + y);
      case OP_SUB: return T(x - y);
      case OP_MUL: return T(x * y);
      case OP_DIV: return y ? T(x / y) : T(0);
      case OP_MAX: case OP_MAX_NAN: return x >= y ? a : b;
      case OP_MIN: case OP_MIN_NAN: return x <= y ? a : b;
      case OP_EQ: return T(x == y);
      case OP_NE: return T(x != y);
      case OP_LT: return T(x < y);
      case OP_LE: return T(x <= y);
      case OP_GT: return T(x > y);
      case OP_GE: return T(x >= y);
      case OP_AND: return T(x && y);
      case OP_OR: return T(x || y);
      case OP_XOR: return T(bool(x) != bool(y));
      case OP_BAND: return T(x & y);
      case OP_BOR: return T(x | y);
      case OP_BXOR: return T(x ^ y);
      default: return T(0);
    }
  }
}

size_t bytes_of(long n, DType t) { return size_t(n) * dtype_size(t); }

}  // namespace

void op_unary(const Spec& s, DType t, void* dst, const void* src, int n) {
  Call c(s);
  c.positive("elem_count", n);
  if (!c.operands({{"dst", dst, bytes_of(n, t), true}, {"src", src, bytes_of(n, t), false}}, uint64_t(n))) return;
  c.multiple("elem_count", n, t);
  uint64_t clamped = 0;
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    T* d = static_cast<T*>(dst);
    const T* a = static_cast<const T*>(src);
    for (int i = 0; i < n; ++i) {
      if constexpr (!is_float_v<T>) {
        int64_t v = a[i];
        d[i] = s.op == OP_BNOT ? T(~v) : s.op == OP_NOT ? T(v == 0) : T(v);
      } else {
        bool cl = false;
        d[i] = store<T>(activate(c, s.op, double(a[i]), i, cl));
        clamped += cl;
      }
    }
  });
  c.ctx.counters.ops[s.name].clamped += clamped;
}

void op_binary(const Spec& s, DType t, void* dst, const void* a, const void* b, int n) {
  Call c(s);
  c.positive("elem_count", n);
  size_t bytes = bytes_of(n, t);
  if (!c.operands({{"dst", dst, bytes, true}, {"src0", a, bytes, false}, {"src1", b, bytes, false}}, uint64_t(n)))
    return;
  c.multiple("elem_count", n, t);
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    T* d = static_cast<T*>(dst);
    const T *x = static_cast<const T*>(a), *y = static_cast<const T*>(b);
    for (int i = 0; i < n; ++i) d[i] = combine<T>(s.op, x[i], y[i]);
  });
}

void op_scalar(const Spec& s, DType t, void* dst, const void* src, const void* value, int n) {
  Call c(s);
  c.positive("elem_count", n);
  size_t bytes = bytes_of(n, t);
  if (!c.operands({{"dst", dst, bytes, true}, {"src", src, bytes, false}}, uint64_t(n))) return;
  c.multiple("elem_count", n, t);
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    T* d = static_cast<T*>(dst);
    const T* x = static_cast<const T*>(src);
    T v;
    std::memcpy(&v, value, sizeof(T));
    for (int i = 0; i < n; ++i) d[i] = combine<T>(s.op, x[i], v);
  });
}

void op_cycle(const Spec& s, DType t, void* dst, const void* src, const void* seg, int n, int seg_n) {
  Call c(s);
  c.positive("src_elem_count", n);
  c.positive("seg_elem_count", seg_n);
  if (n % seg_n) c.bad(format("src_elem_count %d is not a multiple of seg_elem_count %d", n, seg_n));
  if (!c.operands({{"dst", dst, bytes_of(n, t), true}, {"src", src, bytes_of(n, t), false},
                   {"seg", seg, bytes_of(seg_n, t), false}}, uint64_t(n)))
    return;
  c.multiple("src_elem_count", n, t);
  c.multiple("seg_elem_count", seg_n, t);
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    T* d = static_cast<T*>(dst);
    const T *x = static_cast<const T*>(src), *y = static_cast<const T*>(seg);
    for (int i = 0; i < n; ++i) d[i] = combine<T>(s.op, x[i], y[i % seg_n]);
  });
}

void op_div(const Spec& s, DType t, void* dst, const void* a, const void* b, void* tmp, int n) {
  Call c(s);
  c.positive("elem_count", n);
  size_t bytes = bytes_of(n, t);
  if (!c.operands({{"dst", dst, bytes, true}, {"src_addition", tmp, bytes, true}, {"src0", a, bytes, false},
                   {"src1", b, bytes, false}}, uint64_t(n)))
    return;
  c.multiple("elem_count", n, t);
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    T* d = static_cast<T*>(dst);
    const T *x = static_cast<const T*>(a), *y = static_cast<const T*>(b);
    for (int i = 0; i < n; ++i) d[i] = combine<T>(OP_DIV, x[i], y[i]);
  });
}

/* ---- reductions and searches (bang-c.md 4.4) ------------------------------------------------ */

void op_reduce_sum(const Spec& s, DType t, void* dst, const void* src, int n) {
  Call c(s);
  c.positive("elem_count", n);
  size_t chunk = 128 / dtype_size(t), chunks = (size_t(n) + chunk - 1) / chunk;
  if (!c.operands({{"dst", dst, chunks * 128, true}, {"src", src, bytes_of(n, t), false}}, uint64_t(n))) return;
  c.multiple("elem_count", n, t);
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    T* d = static_cast<T*>(dst);
    const T* x = static_cast<const T*>(src);
    std::vector<double> sums(chunks, 0.0);
    for (int i = 0; i < n; ++i) sums[size_t(i) / chunk] += double(x[i]);
    for (size_t k = 0; k < chunks; ++k) {
      if (ARCH.gen2()) std::memset(static_cast<void*>(d + k * chunk), 0, 128); /* 2xx zeroes the chunk */
      d[k * chunk] = store<T>(sums[k]);
    }
  });
}

void op_maxmin(const Spec& s, DType t, void* dst, const void* src, int n) {
  Call c(s);
  c.positive("elem_count", n);
  if (!c.operands({{"dst", dst, 128, true}, {"src", src, bytes_of(n, t), false}}, uint64_t(n))) return;
  c.multiple("elem_count", n, t);
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    const T* x = static_cast<const T*>(src);
    int best = 0;
    for (int i = 1; i < n; ++i) {
      double v = double(x[i]), b = double(x[best]);
      if (std::isnan(b) || (s.op == OP_MAX ? v > b : v < b)) best = i;
    }
    T value = x[best];
    std::memset(dst, 0, 128);
    static_cast<T*>(dst)[0] = value;
    if (sizeof(T) == 2)
      static_cast<uint16_t*>(dst)[1] = uint16_t(best);
    else
      static_cast<uint32_t*>(dst)[1] = uint32_t(best);
  });
}

void op_count(const Spec& s, DType t, unsigned int* dst, const void* src, int n) {
  Call c(s);
  c.positive("elem_count", n);
  if (!c.operands({{"dst", dst, 128, true}, {"src", src, bytes_of(n, t), false}}, uint64_t(n))) return;
  c.multiple("elem_count", n, t);
  unsigned int count = 0;
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    const T* x = static_cast<const T*>(src);
    for (int i = 0; i < n; ++i) count += double(x[i]) != 0.0;
  });
  std::memset(dst, 0, 128);
  dst[0] = count;
}

template <class T>
static std::vector<T> selected(const void* src, const void* index, int n) {
  std::vector<T> out;
  const T *x = static_cast<const T*>(src), *m = static_cast<const T*>(index);
  for (int i = 0; i < n; ++i)
    if (double(m[i]) != 0.0) out.push_back(x[i]);
  return out;
}

void op_select(const Spec& s, DType t, void* dst, const void* src, const void* index, int n) {
  Call c(s);
  c.positive("elem_count", n);
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    std::vector<T> picked = selected<T>(src, index, n);
    size_t payload = round_up_to(picked.size() * sizeof(T), 128);
    if (!c.operands({{"dst", dst, 128 + payload, true}, {"src", src, bytes_of(n, t), false},
                     {"index", index, bytes_of(n, t), false}}, uint64_t(n)))
      return;
    c.multiple("elem_count", n, t);
    char* d = static_cast<char*>(dst);
    std::memset(d, 0, 128 + payload);
    uint32_t count = uint32_t(picked.size());
    std::memcpy(d, &count, 4);
    if (!picked.empty()) std::memcpy(d + 128, picked.data(), picked.size() * sizeof(T));
  });
}

void op_collect(const Spec& s, DType t, void* dst, const void* src, const void* mask, int n) {
  Call c(s);
  c.positive("elem_count", n);
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    std::vector<T> picked = selected<T>(src, mask, n);
    if (!c.operands({{"dst", dst, picked.size() * sizeof(T), true}, {"src", src, bytes_of(n, t), false},
                     {"mask", mask, bytes_of(n, t), false}}, uint64_t(n)))
      return;
    c.multiple("elem_count", n, t);
    if (!picked.empty()) std::memcpy(dst, picked.data(), picked.size() * sizeof(T));
  });
}

/* ---- layout (bang-c.md 4.6) -------------------------------------------------------------- */

void op_pool(const Spec& s, DType t, void* dst, const void* src, int channel, int height, int width,
             int kernel_height, int kernel_width, int stride_width, int stride_height, bool strided) {
  Call c(s);
  c.positive("channel", channel);
  c.positive("height", height);
  c.positive("width", width);
  c.positive("kernel_height", kernel_height);
  c.positive("kernel_width", kernel_width);
  if (strided) {
    c.positive("stride_width", stride_width);
    c.positive("stride_height", stride_height);
  }
  if (kernel_height > height || kernel_width > width)
    c.bad(format("the %dx%d window does not fit the %dx%d input: output size must be > 0", kernel_height, kernel_width,
                 height, width));
  int out_h = (height - kernel_height) / stride_height + 1, out_w = (width - kernel_width) / stride_width + 1;
  size_t in_bytes = bytes_of(long(height) * width * channel, t), out_bytes = bytes_of(long(out_h) * out_w * channel, t);
  if (!c.operands({{"dst", dst, out_bytes, true}, {"src", src, in_bytes, false}},
                  uint64_t(height) * uint64_t(width) * uint64_t(channel)))
    return;
  c.multiple("channel", channel, t);
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    T* d = static_cast<T*>(dst);
    const T* x = static_cast<const T*>(src);
    for (int oh = 0; oh < out_h; ++oh)
      for (int ow = 0; ow < out_w; ++ow)
        for (int ch = 0; ch < channel; ++ch) {
          double acc = s.op == OP_MAX ? -INFINITY : s.op == OP_MIN ? INFINITY : 0.0;
          for (int kh = 0; kh < kernel_height; ++kh)
            for (int kw = 0; kw < kernel_width; ++kw) {
              double v = double(x[(size_t(oh * stride_height + kh) * width + size_t(ow * stride_width + kw)) * channel + ch]);
              acc = s.op == OP_MAX ? std::max(acc, v) : s.op == OP_MIN ? std::min(acc, v) : acc + v;
            }
          if (s.op == OP_AVG) acc /= double(kernel_height * kernel_width);
          d[(size_t(oh) * out_w + ow) * channel + ch] = store<T>(acc);
        }
  });
}

void op_transpose(const Spec& s, DType t, void* dst, const void* src, int height, int width) {
  Call c(s);
  c.positive("height", height);
  c.positive("width", width);
  size_t bytes = bytes_of(long(height) * width, t);
  if (!c.operands({{"dst", dst, bytes, true}, {"src", src, bytes, false}}, uint64_t(height) * uint64_t(width))) return;
  c.multiple("height", height, t);
  c.multiple("width", width, t);
  dispatch(t, [&](auto tag) {
    using T = decltype(tag);
    T* d = static_cast<T*>(dst);
    const T* x = static_cast<const T*>(src);
    for (int i = 0; i < height; ++i)
      for (int j = 0; j < width; ++j) d[size_t(j) * height + i] = x[size_t(i) * width + j];
  });
}

void op_fill(const Spec& s, DType t, void* dst, int n, const void* value) {
  Call c(s);
  c.positive("elem_count", n);
  if (!c.operands({{"dst", dst, bytes_of(n, t), true}}, uint64_t(n))) return;
  c.multiple("elem_count", n, t);
  size_t size = dtype_size(t);
  char* d = static_cast<char*>(dst);
  if (!value) {
    std::memset(d, 0, size_t(n) * size);
    return;
  }
  for (int i = 0; i < n; ++i) std::memcpy(d + size_t(i) * size, value, size);
}

void op_convert(const Spec& s, DType dst_t, DType src_t, void* dst, const void* src, int n) {
  Call c(s);
  c.positive("src_count", n);
  if (!c.operands({{"dst", dst, bytes_of(n, dst_t), true}, {"src", src, bytes_of(n, src_t), false}}, uint64_t(n)))
    return;
  c.multiple("src_count", n, src_t);
  static const int modes[] = {MODE_TZ, MODE_OZ, MODE_UP, MODE_DN, MODE_RD, MODE_RN, MODE_RM, MODE_EXACT};
  int mode = s.op >= OP_TZ && s.op <= OP_EXACT ? modes[s.op - OP_TZ] : MODE_RN;
  dispatch(dst_t, [&](auto dtag) {
    using D = decltype(dtag);
    dispatch(src_t, [&](auto stag) {
      using S = decltype(stag);
      D* d = static_cast<D*>(dst);
      const S* x = static_cast<const S*>(src);
      for (int i = 0; i < n; ++i) d[i] = cvt<D>(double(x[i]), mode);
    });
  });
}

double round_integer(double x, int mode) {
  switch (mode) {
    case MODE_TZ: return std::trunc(x);
    case MODE_OZ: return x < 0 ? std::floor(x) : std::ceil(x);
    case MODE_UP: return std::ceil(x);
    case MODE_DN: return std::floor(x);
    case MODE_RN: return std::nearbyint(x);
    default: return std::round(x); /* rd, rm: ties away from zero */
  }
}

}  // namespace mopcsim
