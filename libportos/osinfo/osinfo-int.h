/*
 * osinfo-int.h - what an osinfo backend provides to osinfo.c
 *
 * osinfo.c checks arguments and turns "unknown" answers into documented
 * ones; a backend only asks the OS. The posix and wasm backends share the
 * calls their C libraries have in common in osinfo-unix.c.
 */
#ifndef PORTOS_OSINFO_INT_H
#define PORTOS_OSINFO_INT_H

#include <portos/osinfo.h>

#include <stdint.h>

int64_t portos__osinfo_monotonic_ns(void);
int64_t portos__osinfo_realtime_ns(void);

/* Sleep at least @ns > 0 nanoseconds; 0 or a PORTOS_E* code. */
int portos__osinfo_sleep(int64_t ns);

uint64_t portos__osinfo_thread_id(void);

/* Online CPUs; 0 or less when the OS does not say. */
long portos__osinfo_cpus(void);

/* Physical memory in bytes, 0 when the OS does not say, or a PORTOS_E* code. */
int64_t portos__osinfo_memory(void);

#endif
