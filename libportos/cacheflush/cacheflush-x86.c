/*
 * cacheflush-x86.c - x86 keeps instruction fetch coherent with stores
 */
#include <portos/cacheflush.h>

#include <valgrind/valgrind.h>

int portos_flush_icache(const void *rx, const void *rw, size_t len)
{
    (void)rw;
    /*
     * Nothing for the CPU to do. Valgrind caches translations of code and
     * cannot see stores through another view of the same page: tell it.
     */
    VALGRIND_DISCARD_TRANSLATIONS(rx, len);
    return 0;
}
