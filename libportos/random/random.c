/*
 * random.c - portos_random_bytes: the loop over short reads, shared by
 * all backends
 */
#include "random-int.h"

#include <portos/error.h>

#include <stdint.h>

int portos_random_bytes(void *buf, size_t len)
{
    uint8_t *p = buf;

    if (!len) {
        return 0;
    }
    if (!buf) {
        return PORTOS_EINVAL;
    }
    while (len) {
        long n = portos__random_fill(p, len);

        if (n == PORTOS_EINTR) {
            continue; /* a signal arrived before any byte was written */
        }
        if (n < 0) {
            return (int)n;
        }
        if (n == 0 || (size_t)n > len) {
            return PORTOS_EIO; /* a backend broke its contract */
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}
