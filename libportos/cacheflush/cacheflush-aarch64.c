/*
 * cacheflush-aarch64.c - clean D-cache to PoU, invalidate I-cache
 *
 * Line sizes come from CTR_EL0 (readable at EL0 on Linux). When both views
 * differ, the data is cleaned through the view it was written by and the
 * instruction cache invalidated through the view it runs from.
 */
#include <portos/cacheflush.h>

#include <stdint.h>

#include <valgrind/valgrind.h>

int portos_flush_icache(const void *rx, const void *rw, size_t len)
{
    uint64_t ctr;
    uintptr_t dline, iline, p, end;

    __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
    dline = (uintptr_t)4 << ((ctr >> 16) & 0xf);
    iline = (uintptr_t)4 << (ctr & 0xf);

    /* IDC: no clean needed for coherence; DIC: no invalidate needed. */
    if (!(ctr & (1ull << 28))) {
        end = (uintptr_t)rw + len;
        for (p = (uintptr_t)rw & ~(dline - 1); p < end; p += dline) {
            __asm__ volatile("dc cvau, %0" : : "r"(p) : "memory");
        }
    }
    __asm__ volatile("dsb ish" : : : "memory");
    if (!(ctr & (1ull << 29))) {
        end = (uintptr_t)rx + len;
        for (p = (uintptr_t)rx & ~(iline - 1); p < end; p += iline) {
            __asm__ volatile("ic ivau, %0" : : "r"(p) : "memory");
        }
        __asm__ volatile("dsb ish" : : : "memory");
    }
    __asm__ volatile("isb" : : : "memory");
    VALGRIND_DISCARD_TRANSLATIONS(rx, len);
    return 0;
}
