/*
 * cacheflush-wasm.c - nothing to flush
 *
 * WebAssembly code lives outside linear memory and cannot be written as
 * data, so no instruction cache can go stale: a no-op that succeeds.
 */
#include "cacheflush-int.h"

int portos__cacheflush(const void *rx, const void *rw, size_t len)
{
    (void)rx, (void)rw, (void)len;
    return 0;
}
