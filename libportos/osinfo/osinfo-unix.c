/*
 * osinfo-unix.c - the wall clock and sleeping, shared by the posix and
 * wasm backends (Emscripten's libc has both calls)
 */
#define _GNU_SOURCE
#include "osinfo-int.h"

#include <errno.h>
#include <time.h>

int64_t portos__osinfo_realtime_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int portos__osinfo_sleep(int64_t ns)
{
    struct timespec ts = { .tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000 };

    /* Resume after signals until the whole time has passed. */
    while (nanosleep(&ts, &ts) < 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}
