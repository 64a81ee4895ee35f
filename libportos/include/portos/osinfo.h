/*
 * portos/osinfo.h - clocks and small facts about the host
 */
#ifndef PORTOS_OSINFO_H
#define PORTOS_OSINFO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** portos_clock_monotonic_ns: monotonic time in ns (arbitrary origin). */
int64_t portos_clock_monotonic_ns(void);

/** portos_clock_realtime_ns: wall-clock time in ns since the Unix epoch. */
int64_t portos_clock_realtime_ns(void);

/**
 * portos_sleep_ns: sleep at least @ns nanoseconds.
 * Returns: 0, PORTOS_EINVAL for a negative duration.
 */
int portos_sleep_ns(int64_t ns);

/** portos_thread_id: the OS identifier of the calling thread. */
uint64_t portos_thread_id(void);

/** portos_cpu_count: online CPUs (>= 1). */
int portos_cpu_count(void);

/**
 * portos_host_memory: physical memory of the host in bytes.
 * Returns: the size, or a PORTOS_E* code.
 */
int64_t portos_host_memory(void);

#ifdef __cplusplus
}
#endif

#endif
