/*
 * file-unix.c - open/close and positional I/O with pread/pwrite, shared
 * by the posix and wasm backends (Emscripten's libc has them all; win32
 * has its own; syncing is per backend, in file-<backend>.c)
 */
#define _GNU_SOURCE
#include "file-int.h"

#include <errno.h>
#include <fcntl.h>
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

int portos__file_open(const char *path, bool write, bool create)
{
    int fd;

    do {
        /*
         * O_NONBLOCK: opening a FIFO would wait for its other end, beyond
         * any signal; reads and writes of regular files and block devices
         * ignore the flag.
         */
        fd = open(path, (write ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NONBLOCK |
                        (create ? O_CREAT | O_TRUNC : 0), 0666);
    } while (fd < 0 && errno == EINTR);
    return fd < 0 ? -errno : fd;
}

int portos__file_close(int fd)
{
    /* Linux closes the descriptor even when close() says EINTR. */
    return close(fd) < 0 && errno != EINTR ? -errno : 0;
}
