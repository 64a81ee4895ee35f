/*
 * osinfo-posix.c - clocks, sleep, thread id, CPUs and memory
 */
#define _GNU_SOURCE
#include <portos/error.h>
#include <portos/osinfo.h>

#include <pthread.h>
#include <time.h>
#include <unistd.h>

static int64_t clock_ns(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t portos_clock_monotonic_ns(void)
{
    return clock_ns(CLOCK_MONOTONIC);
}

int64_t portos_clock_realtime_ns(void)
{
    return clock_ns(CLOCK_REALTIME);
}

int portos_sleep_ns(int64_t ns)
{
    struct timespec ts;

    if (ns < 0) {
        return -EINVAL;
    }
    ts.tv_sec = ns / 1000000000;
    ts.tv_nsec = ns % 1000000000;
    /* Resume after signals until the whole time has passed. */
    while (nanosleep(&ts, &ts) < 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}

uint64_t portos_thread_id(void)
{
#ifdef __linux__
    return (uint64_t)gettid();
#else
    return (uint64_t)(uintptr_t)pthread_self();
#endif
}

int portos_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n > 0 ? (int)n : 1;
}

int64_t portos_host_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES);
    long page = sysconf(_SC_PAGESIZE);

    if (pages <= 0 || page <= 0) {
        return -ENOSYS;
    }
    return (int64_t)pages * page;
}
