/*
 * filelock-wasm.c - no file locks on Emscripten
 *
 * Emscripten's file systems (MEMFS, NODEFS, IDBFS...) have no locks: its
 * fcntl answers F_SETLK with success and does nothing, and F_GETLK always
 * says "unlocked" (library_syscall.js, Emscripten 3.1). Calling it would
 * be a silent fake, so every lock is -ENOTSUP and a caller decides
 * itself whether to go on unlocked.
 */
#include "file-int.h"

#include <portos/error.h>

#include <fcntl.h>

/* A closed descriptor is still -EBADF, as on the other backends. */
static int check_fd(int fd)
{
    return fcntl(fd, F_GETFD) < 0 ? PORTOS_EBADF : PORTOS_ENOTSUP;
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
