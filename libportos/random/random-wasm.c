/*
 * random-wasm.c - getentropy(), backed by the Web Crypto API
 *
 * getentropy() takes at most 256 bytes per call (POSIX), so each call
 * fills one chunk and random.c loops.
 */
#include "random-int.h"

#include <errno.h>
#include <unistd.h>

#define RANDOM_CHUNK 256

long portos__random_fill(void *buf, size_t len)
{
    size_t n = len < RANDOM_CHUNK ? len : RANDOM_CHUNK;

    if (getentropy(buf, n) < 0) {
        return -errno;
    }
    return (long)n;
}
