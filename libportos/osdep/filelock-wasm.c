/*
 * filelock-wasm.c - no file locks on Emscripten
 *
 * Emscripten's file systems (MEMFS, NODEFS, IDBFS...) implement no
 * fcntl locks, and a browser tab has nobody to share a file with: every
 * lock is -ENOTSUP, so a caller decides itself whether to go on unlocked.
 */
#include "osdep-int.h"

#include <portos/error.h>

#include <fcntl.h>

/* A closed descriptor is still -EBADF, as on the other backends. */
static int check_fd(int fd)
{
    return fcntl(fd, F_GETFD) < 0 ? -EBADF : -ENOTSUP;
}

int portos__file_lock(int fd, bool exclusive)
{
    (void)exclusive;
    return check_fd(fd);
}

int portos__file_unlock(int fd)
{
    return check_fd(fd);
}
