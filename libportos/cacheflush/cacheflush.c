/*
 * cacheflush.c - portos_flush_icache: checks shared by all backends
 */
#include "cacheflush-int.h"

#include <portos/error.h>

int portos_flush_icache(const void *rx, const void *rw, size_t len)
{
    if (!len) {
        return 0;
    }
    if (!rx || !rw) {
        return PORTOS_EINVAL;
    }
    return portos__cacheflush(rx, rw, len);
}
