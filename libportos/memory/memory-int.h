/*
 * memory-int.h - shared checks for the memory backends
 */
#ifndef PORTOS_MEMORY_INT_H
#define PORTOS_MEMORY_INT_H

#include <portos/memory.h>

#include <stdbool.h>
#include <stdint.h>

static inline bool portos__is_pow2(size_t x)
{
    return x && !(x & (x - 1));
}

/* Round @size up to whole host pages; 0 if that overflows. */
static inline size_t portos__page_round(size_t size)
{
    size_t page = portos_page_size();

    if (size > SIZE_MAX - (page - 1)) {
        return 0;
    }
    return (size + page - 1) & ~(page - 1);
}

#endif
