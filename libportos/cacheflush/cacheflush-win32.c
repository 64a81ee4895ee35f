/*
 * cacheflush-win32.c - FlushInstructionCache
 *
 * A no-op on x86 hardware, but Windows documents it as required after
 * writing code, and on arm64 Windows it does the cache maintenance.
 */
#include "cacheflush-int.h"

#include "portos-win32.h"

int portos__cacheflush(const void *rx, const void *rw, size_t len)
{
    (void)rw;
    if (!FlushInstructionCache(GetCurrentProcess(), rx, len)) {
        return portos__last_winerror();
    }
    return 0;
}
