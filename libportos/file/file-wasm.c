/*
 * file-wasm.c - no OS range copy, the same-file check and syncing for
 * Emscripten's file systems (positional I/O: file-unix.c)
 *
 * Emscripten's <unistd.h> declares copy_file_range() but its libc does not
 * implement it (the link fails on the symbol), so there is no OS range
 * copy: portos_copy_file_range() always takes the documented pread/pwrite
 * loop, and nothing here references copy_file_range.
 */
#define _GNU_SOURCE
#include "file-int.h"

#include <portos/error.h>

#include <emscripten.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int64_t portos__copy_range_os(int fd_in, int64_t off_in, int fd_out,
                              int64_t off_out, size_t len)
{
    (void)fd_in, (void)off_in, (void)fd_out, (void)off_out, (void)len;
    return PORTOS_ENOSYS;
}

/*
 * Emscripten's fstat fails on pipes with ENOENT; a pipe is recognised by
 * lseek's ESPIPE instead. Returns 1 for a pipe, 0 with @st filled in, or
 * a negative errno.
 */
static int stat_fd(int fd, struct stat *st)
{
    if (fstat(fd, st) == 0) {
        return 0;
    }
    if (errno == ENOENT && lseek(fd, 0, SEEK_CUR) < 0 && errno == ESPIPE) {
        return 1;
    }
    return -errno;
}

int portos__same_file(int fd_a, int fd_b)
{
    struct stat a, b;
    int ra = stat_fd(fd_a, &a);
    int rb = stat_fd(fd_b, &b);

    if (ra < 0 || rb < 0) {
        return ra < 0 ? ra : rb;
    }
    /* A pipe is never the same file as anything else. */
    if (ra || rb) {
        return 0;
    }
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/*
 * Emscripten 3.1.6's fsync() is built on Asyncify when a program links
 * with -sASYNCIFY: it unwinds into the mount's syncfs(), which host files
 * under NODERAWFS do not have (a TypeError in JS), and an unwind needs its
 * callers instrumented. So a host file is synced with Node's fsyncSync on
 * its Node descriptor; files of the in-memory file systems have nothing
 * to make durable; in a browser, a page that keeps them elsewhere (the
 * virtio disk in IndexedDB: emulator/web/pre.js) is told through
 * Module.portosFileSync(fd). Returns 0, 1 (in memory) or -1 (Node's fsync
 * failed).
 */
EM_JS(int, file_sync_js, (int fd), {
    var stream = typeof FS !== 'undefined' ? FS.streams[fd] : undefined;
    if (!ENVIRONMENT_IS_NODE && stream && Module['portosFileSync']) {
        Module['portosFileSync'](fd);
        return 1;
    }
    if (!ENVIRONMENT_IS_NODE || !stream || stream.nfd === undefined) {
        return 1;
    }
    try {
        require('fs').fsyncSync(stream.nfd);
    } catch (e) {
        return -1;
    }
    return 0;
});

int portos__file_sync(int fd)
{
    if (fcntl(fd, F_GETFD) < 0) {
        return -errno;
    }
    return file_sync_js(fd) < 0 ? -EIO : 0;
}
