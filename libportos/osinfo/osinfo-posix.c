/*
 * osinfo-posix.c - monotonic clock, thread id, CPUs and memory
 * (wall clock and sleep: osinfo-unix.c)
 */
#define _GNU_SOURCE
#include "osinfo-int.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

int64_t portos__osinfo_monotonic_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

uint64_t portos__osinfo_thread_id(void)
{
#ifdef __linux__
    return (uint64_t)gettid();
#else
    return (uint64_t)(uintptr_t)pthread_self();
#endif
}

long portos__osinfo_cpus(void)
{
    return sysconf(_SC_NPROCESSORS_ONLN);
}

int64_t portos__osinfo_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES);
    long page = sysconf(_SC_PAGESIZE);

    return pages > 0 && page > 0 ? (int64_t)pages * page : 0;
}
