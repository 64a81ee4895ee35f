/*
 * osinfo-wasm.c - monotonic clock, thread id, CPUs and memory under
 * Emscripten, Node or a browser (wall clock and sleep: osinfo-unix.c)
 */
#define _GNU_SOURCE
#include "osinfo-int.h"

#include <emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/threading.h>
#include <pthread.h>

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
int64_t portos__osinfo_monotonic_ns(void)
{
    return (int64_t)(emscripten_get_now() * 1e6);
}

/* Emscripten has no kernel thread ids: pthread_self() is unique per thread. */
uint64_t portos__osinfo_thread_id(void)
{
    return (uint64_t)(uintptr_t)pthread_self();
}

/* Node: os.cpus().length; browsers: navigator.hardwareConcurrency. */
long portos__osinfo_cpus(void)
{
    return emscripten_num_logical_cores();
}

/*
 * What a wasm program can use: the wasm heap's maximum, or the host's
 * memory when that is smaller (docs/libportos-wasm.md).
 */
int64_t portos__osinfo_memory(void)
{
    int64_t heap_max = (int64_t)emscripten_get_heap_max();
    int64_t host = (int64_t)host_memory_js();

    if (heap_max <= 0) {
        return 0;
    }
    return host > 0 && host < heap_max ? host : heap_max;
}
