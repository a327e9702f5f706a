/* Types BANG device code sees (bang_device_types.h in Cambricon's toolkit), shared by
 * the device headers and the simulator's runtime.
 *
 * half is _Float16: g++ >= 12 does IEEE binary16 arithmetic on it (through float),
 * which is what device code expects of `half`. The memcpy direction enum keeps
 * Cambricon's numbering (bang-c.md 3.1) because host code may pass it as an int.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef _Float16 half;
typedef signed char int8;
typedef short int16;

typedef enum {
  GDRAM2NRAM = 0, NRAM2GDRAM, LDRAM2NRAM, NRAM2LDRAM, GDRAM2WRAM, WRAM2GDRAM,
  LDRAM2WRAM, WRAM2LDRAM, NRAM2NRAM, NRAM2WRAM, WRAM2NRAM, GDRAM2SRAM, SRAM2GDRAM,
  LDRAM2SRAM, SRAM2LDRAM, SRAM2NRAM, NRAM2SRAM, SRAM2WRAM, WRAM2SRAM, GDRAM2GDRAM,
  GDRAM2LDRAM, LDRAM2GDRAM, LDRAM2LDRAM, SRAM2SRAM
} mluMemcpyDirection_t;

namespace mopcsim {

/* Memory spaces. LDRAM exists in the enum (directions name it) but is not modelled. */
enum Space : int { SP_NONE = 0, SP_GDRAM, SP_NRAM, SP_WRAM, SP_SRAM, SP_LDRAM };

/* One `__nram__` / `__wram__` / `__mlu_shared__` declaration, constant-initialised by
 * the source pass; `bind_var` places it in the calling core's (cluster's) memory. */
struct StaticVar {
  const char* name;
  const char* file;
  int line;
  int space;
  unsigned long size;
  unsigned long align;
};

/* cncc places on-chip arrays 64-byte aligned (bang-c.md 1.2); more if asked. */
constexpr unsigned long var_align(unsigned long natural, unsigned long requested = 1) {
  unsigned long a = natural > 64 ? natural : 64;
  return requested > a ? requested : a;
}

}  // namespace mopcsim
