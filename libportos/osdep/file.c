/*
 * file.c - opening and positional I/O, checked once for every backend
 */
#include "osdep-int.h"

#include <portos/error.h>
#include <portos/file.h>

int portos_file_open(const char *path, unsigned flags)
{
    if (!path || (flags & ~PORTOS_FILE_WRITE)) {
        return -EINVAL;
    }
    return portos__file_open(path, flags & PORTOS_FILE_WRITE);
}

int portos_file_sync(int fd)
{
    return fd < 0 ? -EBADF : portos__file_sync(fd);
}

int portos_file_close(int fd)
{
    return fd < 0 ? -EBADF : portos__file_close(fd);
}

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
