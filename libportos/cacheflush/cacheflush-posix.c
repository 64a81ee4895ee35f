/*
 * cacheflush-posix.c - instruction-cache maintenance for the host CPU
 *
 * The one posix backend picks the CPU's way at compile time:
 * - x86 keeps instruction fetch coherent with stores: nothing to do;
 * - aarch64 cleans the data cache to the point of unification and
 *   invalidates the instruction cache by hand (line sizes from CTR_EL0,
 *   readable at EL0 on Linux): the data through the view it was written
 *   by, the instructions through the view they run from;
 * - any other CPU uses the compiler's own cache-clear routine.
 * Valgrind caches translations of code and cannot see stores through
 * another view of the same page, so it is told on every CPU.
 */
#include "cacheflush-int.h"

#include <stdint.h>

#include <valgrind/valgrind.h>

#if defined(__i386__) || defined(__x86_64__)

static void flush_cpu(const void *rx, const void *rw, size_t len)
{
    (void)rx, (void)rw, (void)len;
}

#elif defined(__aarch64__)

static void flush_cpu(const void *rx, const void *rw, size_t len)
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
}

#else

static void flush_cpu(const void *rx, const void *rw, size_t len)
{
    /* Clean where the data was written, invalidate where it runs. */
    if (rw != rx) {
        __builtin___clear_cache((char *)rw, (char *)rw + len);
    }
    __builtin___clear_cache((char *)rx, (char *)rx + len);
}

#endif

int portos__cacheflush(const void *rx, const void *rw, size_t len)
{
    flush_cpu(rx, rw, len);
    VALGRIND_DISCARD_TRANSLATIONS(rx, len);
    return 0;
}
