/*
 * random-posix.c - getrandom()
 *
 * The kernel may return fewer bytes than asked (more than 32 MiB - 1 per
 * call, or a signal arriving during a large request) and EINTR when a
 * signal arrives first: random.c loops over both.
 */
#include "random-int.h"

#include <errno.h>
#include <sys/random.h>

/* getrandom() returns at most this much per call anyway (Linux). */
#define RANDOM_CHUNK ((size_t)32 << 20)

long portos__random_fill(void *buf, size_t len)
{
    ssize_t n = getrandom(buf, len < RANDOM_CHUNK ? len : RANDOM_CHUNK, 0);

    return n < 0 ? -errno : (long)n;
}
