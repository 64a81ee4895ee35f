/*
 * cacheflush-generic.c - other CPUs: the compiler's own cache-clear routine
 */
#include <portos/cacheflush.h>

#include <valgrind/valgrind.h>

int portos_flush_icache(const void *rx, const void *rw, size_t len)
{
    /* Clean where the data was written, invalidate where it runs. */
    if (rw != rx) {
        __builtin___clear_cache((char *)rw, (char *)rw + len);
    }
    __builtin___clear_cache((char *)rx, (char *)rx + len);
    VALGRIND_DISCARD_TRANSLATIONS(rx, len);
    return 0;
}
