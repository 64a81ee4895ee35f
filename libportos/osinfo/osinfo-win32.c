/*
 * osinfo-win32.c - clocks, sleep, thread id, CPUs and memory
 */
#include "osinfo-int.h"

#include "portos-win32.h"

/* Windows 10 1803's flag; older MinGW headers lack the name. */
#ifndef CREATE_WAITABLE_TIMER_HIGH_RESOLUTION
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION 0x2
#endif

/* 100 ns intervals between 1601-01-01 (FILETIME) and 1970-01-01. */
#define EPOCH_DIFF_100NS 116444736000000000LL

int64_t portos__osinfo_monotonic_ns(void)
{
    static LARGE_INTEGER freq;
    LARGE_INTEGER now;
    int64_t sec, rem;

    if (!freq.QuadPart) {
        QueryPerformanceFrequency(&freq);
    }
    QueryPerformanceCounter(&now);
    /* Split to keep ticks * 1e9 from overflowing. */
    sec = now.QuadPart / freq.QuadPart;
    rem = now.QuadPart % freq.QuadPart;
    return sec * 1000000000 + rem * 1000000000 / freq.QuadPart;
}

int64_t portos__osinfo_realtime_ns(void)
{
    FILETIME ft;
    ULARGE_INTEGER t;

    GetSystemTimePreciseAsFileTime(&ft);
    t.LowPart = ft.dwLowDateTime;
    t.HighPart = ft.dwHighDateTime;
    return ((int64_t)t.QuadPart - EPOCH_DIFF_100NS) * 100;
}

/*
 * A high-resolution waitable timer where the OS has one (Windows 10 1803
 * and later); before that, a plain one, which Windows rounds up to its
 * scheduler tick. Sleep() would do the same with millisecond units.
 */
int portos__osinfo_sleep(int64_t ns)
{
    int64_t end = portos_clock_monotonic_ns() + ns, left;
    int err = 0;
    HANDLE timer;

    timer = CreateWaitableTimerExW(NULL, NULL,
                                   CREATE_WAITABLE_TIMER_HIGH_RESOLUTION,
                                   TIMER_ALL_ACCESS);
    if (!timer) {
        timer = CreateWaitableTimerExW(NULL, NULL, 0, TIMER_ALL_ACCESS);
    }
    if (!timer) {
        return portos__last_winerror();
    }
    /* Timers may fire a little early: wait again for what is left. */
    while (!err && (left = end - portos_clock_monotonic_ns()) > 0) {
        LARGE_INTEGER due;

        /* Negative: relative, in 100 ns units, rounded up. */
        due.QuadPart = -((left + 99) / 100);
        if (!SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE) ||
            WaitForSingleObject(timer, INFINITE) != WAIT_OBJECT_0) {
            err = portos__last_winerror();
        }
    }
    CloseHandle(timer);
    return err;
}

uint64_t portos__osinfo_thread_id(void)
{
    return GetCurrentThreadId();
}

long portos__osinfo_cpus(void)
{
    return (long)GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
}

int64_t portos__osinfo_memory(void)
{
    MEMORYSTATUSEX ms = { .dwLength = sizeof(ms) };

    if (!GlobalMemoryStatusEx(&ms)) {
        return portos__last_winerror();
    }
    return (int64_t)ms.ullTotalPhys;
}
