/* What BANG device code compiles against under mopc's simulator: the qualifiers, the
 * builtin variables, the machinery the source pass (source_pass.py) rewrites on-chip
 * declarations, kernels and `<<<>>>` launches into, and (generated per arch) the
 * builtins themselves.
 *
 * Every .mlu file is compiled as C++17 with this header force-included, after the
 * source pass has rewritten it; `mlu.h` and `bang.h` include it too.
 */
#pragma once

#ifndef __cplusplus
#error "mopc's BANG simulator compiles device code as C++"
#endif

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <tuple>
#include <type_traits>
#include <utility>

#include "mopcsim/types.h"
#include "cnrt.h"

/* Function qualifiers. Kernels (__mlu_entry__/__mlu_global__) also get `extern "C"`
 * from the source pass, as Neuware emits unmangled entry symbols (bang-c.md 5.1). */
#define __mlu_host__
#define __mlu_global__
#define __mlu_entry__
#define __mlu_device__
#define __mlu_func__ inline
#define __mlu_builtin__ inline
#define __mlu_const__

/* On-chip declarations are rewritten by the source pass; one it could not see (built
 * by a macro) reaches these definitions and stops the build with this message. */
#define MOPCSIM_UNREWRITTEN(q)                                                              \
  static_assert(false, #q " declaration that mopc's source pass could not rewrite "        \
                          "(is it built by a macro?): write the declaration out");
#define __nram__ MOPCSIM_UNREWRITTEN(__nram__)
#define __wram__ MOPCSIM_UNREWRITTEN(__wram__)
#define __mlu_shared__ MOPCSIM_UNREWRITTEN(__mlu_shared__)
#define __ldram__ MOPCSIM_UNREWRITTEN(__ldram__)

namespace mopcsim {

/* The builtin variables of the running task (bang-c.md 2.2), set per task thread. */
struct TaskVars {
  int task_id, task_id_x, task_id_y, task_id_z;
  int task_dim, task_dim_x, task_dim_y, task_dim_z;
  int cluster_id, cluster_dim, core_id, core_dim;
};
extern thread_local TaskVars tl_vars;

/* Call-site location for the next builtin's messages (set by the call macros). */
void here(const char* file, int line) noexcept;

/* Placement of on-chip declarations in the calling core's NRAM/WRAM or cluster's SRAM. */
void* bind_var(const StaticVar* var);
void* bind_var_init(const StaticVar* var, void (*init)(void*));

/* `__mlu_const__` data: readable by kernels like GDRAM. */
struct ConstRegion {
  ConstRegion(const void* data, unsigned long size, const char* name);
};

/* Kernels, registered so cnrtInvokeKernel_V2 can call them with a params buffer. */
using KernelInvoker = void (*)(const void* fn, const void* const* args);
void register_kernel(const void* fn, const char* name, const char* file, int line, int nparams,
                     const unsigned long* sizes, const char* const* types, KernelInvoker invoke);

/* A type's name as the compiler spells it (typeid has no typeinfo for _Float16). */
template <class T>
const char* type_name() {
  return __PRETTY_FUNCTION__;
}

template <class... P>
struct KernelRegistrar {
  KernelRegistrar(void (*fn)(P...), const char* name, const char* file, int line) {
    static const unsigned long sizes[] = {sizeof(P)..., 0};
    static const char* const types[] = {type_name<P>()..., nullptr};
    register_kernel(reinterpret_cast<const void*>(fn), name, file, line, int(sizeof...(P)), sizes,
                    types, &invoke);
  }
  static void invoke(const void* fn, const void* const* args) {
    invoke_with(fn, args, std::index_sequence_for<P...>{});
  }
  template <std::size_t... I>
  static void invoke_with(const void* fn, const void* const* args, std::index_sequence<I...>) {
    std::tuple<P...> values;
    ((void)std::memcpy(static_cast<void*>(&std::get<I>(values)), args[I], sizeof(P)), ...);
    (void)args;
    std::apply(reinterpret_cast<void (*)(P...)>(const_cast<void*>(fn)), values);
  }
};

/* `kernel<<<dim, type, queue>>>(args...)` becomes
 * `::mopcsim::launch(kernel, "kernel", dim, type, queue)(args...)`. */
int launch_kernel(const void* fn, const char* name, cnrtDim3_t dim, int type, cnrtQueue_t queue,
                  void (*body)(void*), void* closure);

template <class... P>
struct Launcher {
  void (*fn)(P...);
  const char* name;
  cnrtDim3_t dim;
  int type;
  cnrtQueue_t queue;

  template <class... A>
  void operator()(A&&... args) const {
    static_assert(sizeof...(A) == sizeof...(P), "kernel launched with the wrong number of arguments");
    struct Closure {
      void (*fn)(P...);
      std::tuple<P...> args;
    };
    Closure closure{fn, std::tuple<P...>(std::forward<A>(args)...)};
    launch_kernel(reinterpret_cast<const void*>(fn), name, dim, type, queue,
                  [](void* p) {
                    auto* c = static_cast<Closure*>(p);
                    std::apply(c->fn, c->args);
                  },
                  &closure);
  }
};

template <class... P>
Launcher<P...> launch(void (*fn)(P...), const char* name, cnrtDim3_t dim, int type, cnrtQueue_t queue) {
  return Launcher<P...>{fn, name, dim, type, queue};
}

/* `__asm__ volatile("sync;")`: wait for this core's outstanding copies. */
void asm_sync();

/* __bang_printf: half arguments print as double; "%hf" means half. */
void printf_locked(const char* format, ...);
template <class T>
auto printf_arg(T value) {
  if constexpr (std::is_same_v<std::decay_t<T>, half>)
    return static_cast<double>(value);
  else
    return value;
}
template <class... A>
void bang_printf(const char* format, A... args) {
  printf_locked(format, printf_arg(args)...);
}

/* What a builtin unavailable on this arch "returns", so the static_assert is the only
 * error the compiler reports. */
struct Unavailable {
  template <class T>
  operator T() const { return T(); }
};
template <class... A>
struct dependent_false {
  static constexpr bool value = false;
};

}  // namespace mopcsim

#define taskId (::mopcsim::tl_vars.task_id + 0)
#define taskIdX (::mopcsim::tl_vars.task_id_x + 0)
#define taskIdY (::mopcsim::tl_vars.task_id_y + 0)
#define taskIdZ (::mopcsim::tl_vars.task_id_z + 0)
#define taskDim (::mopcsim::tl_vars.task_dim + 0)
#define taskDimX (::mopcsim::tl_vars.task_dim_x + 0)
#define taskDimY (::mopcsim::tl_vars.task_dim_y + 0)
#define taskDimZ (::mopcsim::tl_vars.task_dim_z + 0)
#define clusterId (::mopcsim::tl_vars.cluster_id + 0)
#define clusterDim (::mopcsim::tl_vars.cluster_dim + 0)
#define coreId (::mopcsim::tl_vars.core_id + 0)
#define coreDim (::mopcsim::tl_vars.core_dim + 0)

#define __bang_printf(...) ::mopcsim::bang_printf(__VA_ARGS__)

#include "mopcsim_builtins.h"
