/*
 * osinfo-wasm.c - clocks, sleep, thread id, CPUs and memory under
 * Emscripten (Node or a browser)
 */
#define _GNU_SOURCE
#include <portos/error.h>
#include <portos/osinfo.h>

#include <emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/threading.h>
#include <pthread.h>
#include <time.h>

/* The host's physical memory in bytes as JS can see it; 0 if it cannot. */
EM_JS(double, host_memory_js, (void), {
    if (ENVIRONMENT_IS_NODE) {
        return require('os').totalmem();
    }
    /* Browsers round it (and cap it at 8 GiB), when they tell at all. */
    if (typeof navigator == 'object' && navigator.deviceMemory) {
        return navigator.deviceMemory * 1073741824;
    }
    return 0;
});

/* performance.now(): monotonic, sub-millisecond, shared by all threads. */
int64_t portos_clock_monotonic_ns(void)
{
    return (int64_t)(emscripten_get_now() * 1e6);
}

int64_t portos_clock_realtime_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int portos_sleep_ns(int64_t ns)
{
    struct timespec ts;

    if (ns < 0) {
        return -EINVAL;
    }
    ts.tv_sec = ns / 1000000000;
    ts.tv_nsec = ns % 1000000000;
    while (nanosleep(&ts, &ts) < 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}

/* Emscripten has no kernel thread ids: pthread_self() is unique per thread. */
uint64_t portos_thread_id(void)
{
    return (uint64_t)(uintptr_t)pthread_self();
}

/* Node: os.cpus().length; browsers: navigator.hardwareConcurrency. */
int portos_cpu_count(void)
{
    int n = emscripten_num_logical_cores();

    return n > 0 ? n : 1;
}

/*
 * What a wasm program can use: the wasm heap's maximum, or the host's
 * memory when that is smaller (docs/libportos-wasm.md).
 */
int64_t portos_host_memory(void)
{
    int64_t heap_max = (int64_t)emscripten_get_heap_max();
    int64_t host = (int64_t)host_memory_js();

    if (heap_max <= 0) {
        return -ENOSYS;
    }
    return host > 0 && host < heap_max ? host : heap_max;
}
