/*
 * file.c - positional I/O, checked once for every backend
 */
#include "osdep-int.h"

#include <portos/error.h>
#include <portos/file.h>

int64_t portos_pread(int fd, void *buf, size_t len, int64_t off)
{
    if (off < 0 || (len && !buf)) {
        return -EINVAL;
    }
    return portos__pread(fd, buf, len, off);
}

int64_t portos_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
    if (off < 0 || (len && !buf)) {
        return -EINVAL;
    }
    return portos__pwrite(fd, buf, len, off);
}
