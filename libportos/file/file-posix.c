/*
 * file-posix.c - the kernel's copy_file_range, the same-file check and
 * fsync (positional I/O and open/close: file-unix.c)
 */
#define _GNU_SOURCE
#include "file-int.h"

#include <portos/error.h>

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

int64_t portos__copy_range_os(int fd_in, int64_t off_in, int fd_out,
                              int64_t off_out, size_t len)
{
#ifdef PORTOS_HAVE_COPY_FILE_RANGE
    off_t in = (off_t)off_in, out = (off_t)off_out;
    ssize_t n;

    do {
        n = copy_file_range(fd_in, &in, fd_out, &out, len, 0);
    } while (n < 0 && errno == EINTR);
    return n < 0 ? -errno : n;
#else
    (void)fd_in, (void)off_in, (void)fd_out, (void)off_out, (void)len;
    return PORTOS_ENOSYS;
#endif
}

int portos__same_file(int fd_a, int fd_b)
{
    struct stat a, b;

    if (fstat(fd_a, &a) < 0 || fstat(fd_b, &b) < 0) {
        return -errno;
    }
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int portos__file_sync(int fd)
{
    return fsync(fd) < 0 ? -errno : 0;
}
