/*
 * osinfo.c - clocks and host facts: checks and defaults for all backends
 */
#include "osinfo-int.h"

#include <portos/error.h>

int64_t portos_clock_monotonic_ns(void)
{
    return portos__osinfo_monotonic_ns();
}

int64_t portos_clock_realtime_ns(void)
{
    return portos__osinfo_realtime_ns();
}

int portos_sleep_ns(int64_t ns)
{
    if (ns < 0) {
        return PORTOS_EINVAL;
    }
    return ns ? portos__osinfo_sleep(ns) : 0;
}

uint64_t portos_thread_id(void)
{
    return portos__osinfo_thread_id();
}

int portos_cpu_count(void)
{
    long n = portos__osinfo_cpus();

    return n > 0 ? (int)n : 1;
}

int64_t portos_host_memory(void)
{
    int64_t n = portos__osinfo_memory();

    return n ? n : PORTOS_ENOSYS;
}
