/*
 * file.c - positional I/O checked once for every backend, and
 * portos_copy_file_range: the OS's range copy, then a read/write loop
 */
#include "file-int.h"

#include "portos-test-hooks.h"

#include <portos/error.h>
#include <portos/file.h>

#include <stdbool.h>
#include <stdlib.h>

#define COPY_CHUNK (1 << 20)
#define BOUNCE_SIZE (128 * 1024)

int portos_file_open(const char *path, unsigned flags)
{
    if (!path || (flags & ~(PORTOS_FILE_WRITE | PORTOS_FILE_CREATE)) ||
        flags == PORTOS_FILE_CREATE) {
        return PORTOS_EINVAL;
    }
    return portos__file_open(path, flags & PORTOS_FILE_WRITE,
                             flags & PORTOS_FILE_CREATE);
}

int portos_file_sync(int fd)
{
    return fd < 0 ? PORTOS_EBADF : portos__file_sync(fd);
}

int portos_file_close(int fd)
{
    return fd < 0 ? PORTOS_EBADF : portos__file_close(fd);
}

int64_t portos_pread(int fd, void *buf, size_t len, int64_t off)
{
    if (off < 0 || (len && !buf)) {
        return PORTOS_EINVAL;
    }
    return portos__pread(fd, buf, len, off);
}

int64_t portos_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
    if (off < 0 || (len && !buf)) {
        return PORTOS_EINVAL;
    }
    return portos__pwrite(fd, buf, len, off);
}

static _Thread_local bool used_kernel;

int portos__copy_file_range_used_kernel(void)
{
    return used_kernel;
}

/* EOPNOTSUPP is ENOTSUP on Linux and in Emscripten's libc. */
static bool os_declined(int64_t err)
{
    return err == PORTOS_ENOSYS || err == PORTOS_EXDEV ||
           err == PORTOS_ENOTSUP || err == PORTOS_EINVAL;
}

/* The documented fallback: pread/pwrite through a bounce buffer. */
static int64_t copy_loop(int fd_in, int64_t off_in, int fd_out,
                         int64_t off_out, int64_t len)
{
    char *buf = malloc(BOUNCE_SIZE);
    int64_t done = 0;

    if (!buf) {
        return PORTOS_ENOMEM;
    }
    while (done < len) {
        size_t want = len - done < BOUNCE_SIZE ? (size_t)(len - done) : BOUNCE_SIZE;
        int64_t got = portos__pread(fd_in, buf, want, off_in + done);
        int64_t put = 0;

        if (got <= 0) {
            if (got < 0 && done == 0) {
                done = got;
            }
            break;
        }
        while (put < got) {
            int64_t n = portos__pwrite(fd_out, buf + put, (size_t)(got - put),
                                       off_out + done + put);
            if (n < 0) {
                free(buf);
                /* Bytes already written stay reported only if some were. */
                return done + put > 0 ? done + put : n;
            }
            put += n;
        }
        done += got;
    }
    free(buf);
    return done;
}

int64_t portos_copy_file_range(int fd_in, int64_t off_in, int fd_out,
                               int64_t off_out, int64_t len, unsigned flags)
{
    int64_t done = 0;
    int same;

    used_kernel = false;
    if (off_in < 0 || off_out < 0 || len < 0 || (flags & ~PORTOS_COPY_FALLBACK) ||
        off_in > INT64_MAX - len || off_out > INT64_MAX - len) {
        return PORTOS_EINVAL;
    }
    same = portos__same_file(fd_in, fd_out);
    if (same < 0) {
        return same;
    }
    /* Overlapping ranges of one file have no defined result. */
    if (same && off_in < off_out + len && off_out < off_in + len) {
        return PORTOS_EINVAL;
    }
    if (!(flags & PORTOS_COPY_FALLBACK)) {
        while (done < len) {
            size_t want = len - done < COPY_CHUNK ? (size_t)(len - done) : COPY_CHUNK;
            int64_t n = portos__copy_range_os(fd_in, off_in + done, fd_out,
                                              off_out + done, want);
            if (n < 0) {
                if (os_declined(n)) {
                    break;
                }
                return done > 0 ? done : n;
            }
            if (n == 0) {
                return done;
            }
            used_kernel = true;
            done += n;
        }
    }
    if (done < len) {
        int64_t n = copy_loop(fd_in, off_in + done, fd_out, off_out + done,
                              len - done);
        if (n < 0) {
            return done > 0 ? done : n;
        }
        done += n;
    }
    return done;
}
