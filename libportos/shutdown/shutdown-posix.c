/*
 * shutdown-posix.c - SIGINT/SIGTERM/SIGHUP become a shutdown request
 *
 * The handlers (shutdown-unix.c) only record the request, and a wake-up
 * writes a byte to a non-blocking self-pipe, both async-signal-safe, so a
 * poll()-based main loop wakes up and the program shuts down outside
 * signal context.
 */
#define _GNU_SOURCE
#include "shutdown-int.h"

#include <portos/error.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

static int wake_pipe[2] = { -1, -1 };

static void close_pipe(void)
{
    close(wake_pipe[0]);
    close(wake_pipe[1]);
    wake_pipe[0] = wake_pipe[1] = -1;
}

static int make_pipe(void)
{
    if (pipe(wake_pipe) < 0) {
        return -errno;
    }
    for (int i = 0; i < 2; i++) {
        if (fcntl(wake_pipe[i], F_SETFL, O_NONBLOCK) < 0 ||
            fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC) < 0) {
            int err = -errno;
            close_pipe();
            return err;
        }
    }
    return 0;
}

int portos__shutdown_install(void)
{
    int err = make_pipe();

    if (err < 0) {
        return err;
    }
    err = portos__shutdown_signals_install();
    if (err < 0) {
        close_pipe();
    }
    return err;
}

void portos__shutdown_uninstall(void)
{
    portos__shutdown_signals_uninstall();
    close_pipe();
}

void portos__shutdown_wake(void)
{
    int saved_errno = errno;

    if (wake_pipe[1] >= 0) {
        char c = 1;
        /* A full pipe already wakes the reader: ignore EAGAIN. */
        (void)!write(wake_pipe[1], &c, 1);
    }
    errno = saved_errno;
}

void portos__shutdown_clear(void)
{
    char buf[64];

    if (wake_pipe[0] >= 0) {
        while (read(wake_pipe[0], buf, sizeof(buf)) > 0) {
        }
    }
}

int portos__shutdown_fd(void)
{
    return wake_pipe[0];
}

int portos__shutdown_wait(int64_t timeout_ns)
{
    int64_t ms = timeout_ns < 0 ? -1 : (timeout_ns + 999999) / 1000000;
    struct pollfd pfd = { .fd = wake_pipe[0], .events = POLLIN };
    int r = poll(&pfd, 1, ms > INT32_MAX ? INT32_MAX : (int)ms);

    if (r < 0) {
        return errno == EINTR ? 1 : -errno;
    }
    return r > 0;
}
