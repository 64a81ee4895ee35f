/*
 * terminal.c - which terminal is raw, shared by all backends
 *
 * One terminal at a time is raw; it is put back by portos_term_restore()
 * or, at the latest, by an atexit() handler.
 */
#include "terminal-int.h"

#include <portos/error.h>

#include <stdlib.h>

static int raw_fd = -1;
static bool atexit_done;

static void at_exit(void)
{
    portos_term_restore();
}

bool portos_term_isatty(int fd)
{
    return portos__term_isatty(fd);
}

int portos_term_raw(int fd)
{
    int err;

    if (raw_fd >= 0) {
        return raw_fd == fd ? 0 : PORTOS_EBUSY;
    }
    if (!portos__term_isatty(fd)) {
        return PORTOS_ENOTTY;
    }
    err = portos__term_enter_raw(fd);
    if (err < 0) {
        return err;
    }
    raw_fd = fd;
    if (!atexit_done) {
        atexit(at_exit);
        atexit_done = true;
    }
    return 0;
}

int portos_term_restore(void)
{
    if (raw_fd < 0) {
        return 0;
    }
    raw_fd = -1;
    return portos__term_leave_raw();
}

bool portos_term_is_raw(void)
{
    return raw_fd >= 0;
}

int64_t portos_term_read(int fd, void *buf, size_t len)
{
    if (!len) {
        return 0;
    }
    if (!buf) {
        return PORTOS_EINVAL;
    }
    return portos__term_read(fd, buf, len);
}

int64_t portos_term_write(int fd, const void *buf, size_t len)
{
    if (!len) {
        return 0;
    }
    if (!buf) {
        return PORTOS_EINVAL;
    }
    if (fd < 0) {
        return PORTOS_EBADF;
    }
    return portos__term_write(fd, buf, len);
}

int portos_term_wait(int fd, int64_t timeout_ns)
{
    if (fd < 0) {
        return PORTOS_EBADF;
    }
    if (timeout_ns < 0) {
        return PORTOS_EINVAL;
    }
    return portos__term_wait(fd, timeout_ns);
}

int portos_term_openpty(char *name, size_t name_len)
{
    if (!name || name_len < 2) {
        return PORTOS_EINVAL;
    }
    return portos__term_openpty(name, name_len);
}

int64_t portos_term_write_nowait(int fd, const void *buf, size_t len)
{
    if (!len) {
        return 0;
    }
    if (!buf) {
        return PORTOS_EINVAL;
    }
    if (fd < 0) {
        return PORTOS_EBADF;
    }
    return portos__term_write_nowait(fd, buf, len);
}
