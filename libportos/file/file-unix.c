/*
 * file-unix.c - positional I/O with pread/pwrite, shared by the posix and
 * wasm backends (Emscripten's libc has both; win32 has its own)
 */
#define _GNU_SOURCE
#include "file-int.h"

#include <errno.h>
#include <unistd.h>

int64_t portos__pread(int fd, void *buf, size_t len, int64_t off)
{
    ssize_t n;

    do {
        n = pread(fd, buf, len, (off_t)off);
    } while (n < 0 && errno == EINTR);
    return n < 0 ? -errno : n;
}

int64_t portos__pwrite(int fd, const void *buf, size_t len, int64_t off)
{
    ssize_t n;

    do {
        n = pwrite(fd, buf, len, (off_t)off);
    } while (n < 0 && errno == EINTR);
    return n < 0 ? -errno : n;
}
