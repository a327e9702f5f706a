/* The simulator's own C API: what Python (ctypes) or a test program uses to read the
 * first violation, the counters, and to choose whether a violation ends the process.
 *
 *   mopcsim_last_error(buf, len)     the first violation since the last reset, written
 *                                    NUL-terminated into buf; returns its full length
 *                                    (0 when there was none), like snprintf
 *   mopcsim_reset()                  forget the violation and the counters
 *   mopcsim_counters_json(buf, len)  counters of every kernel launch since the reset,
 *                                    as JSON; returns the full length
 *   mopcsim_set_fatal(fatal)         1 (the default): print "error: <message>" to
 *                                    stderr and exit(1) at the first violation;
 *                                    0: record it, stop the offending kernel's tasks and
 *                                    make cnrtInvokeKernel_V2/cnrtSyncQueue fail
 *   mopcsim_arch()                   "mtp_270" or "mtp_372"
 *
 * Executables also honour MOPCSIM_COUNTERS=<file>: the counters are written there at
 * exit.
 */
#ifndef MOPCSIM_API_H
#define MOPCSIM_API_H

#if defined(__cplusplus)
extern "C" {
#endif

int mopcsim_last_error(char *buf, int len);
void mopcsim_reset(void);
int mopcsim_counters_json(char *buf, int len);
void mopcsim_set_fatal(int fatal);
const char *mopcsim_arch(void);

#if defined(__cplusplus)
}
#endif

#endif /* MOPCSIM_API_H */
