/*
 * terminal-posix.c - termios raw mode for the serial console
 *
 * The saved state is restored by portos_term_restore(), at exit and from
 * handlers for the fatal signals (tcsetattr is async-signal-safe), which
 * then re-raise the signal with its default action so the process still
 * dies the way it would have.
 */
#define _GNU_SOURCE
#include "terminal-int.h"

#include <portos/error.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <portos/shutdown.h>

#include <limits.h>
#include <stdbool.h>
#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE,
                                     SIGABRT, SIGQUIT };
#define NFATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

static struct termios saved_tio;
static struct sigaction saved_fatal[NFATAL];
/* The raw terminal, for the fatal-signal handlers. */
static volatile sig_atomic_t raw_fd = -1;

bool portos__term_isatty(int fd)
{
    return isatty(fd) == 1;
}

static void restore_now(void)
{
    if (raw_fd >= 0) {
        tcsetattr(raw_fd, TCSAFLUSH, &saved_tio);
    }
}

static void on_fatal(int signo)
{
    restore_now();
    raw_fd = -1;
    /* SA_RESETHAND put the default action back: die with the same signal. */
    raise(signo);
}

int portos__term_enter_raw(int fd)
{
    struct termios tio;
    struct sigaction sa = { 0 };

    if (tcgetattr(fd, &saved_tio) < 0) {
        return -errno;
    }
    tio = saved_tio;
    /* Everything goes to the guest: no echo, no line editing, no ^C. */
    tio.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                     ICRNL | IXON);
    tio.c_oflag &= ~OPOST;
    tio.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    tio.c_cflag &= ~(CSIZE | PARENB);
    tio.c_cflag |= CS8;
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSAFLUSH, &tio) < 0) {
        return -errno;
    }
    raw_fd = fd;

    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < NFATAL; i++) {
        sigaction(fatal_signals[i], &sa, &saved_fatal[i]);
    }
    return 0;
}

int portos__term_leave_raw(void)
{
    int fd = raw_fd;

    if (fd < 0) {
        return 0;
    }
    for (size_t i = 0; i < NFATAL; i++) {
        sigaction(fatal_signals[i], &saved_fatal[i], NULL);
    }
    raw_fd = -1;
    /* TCSAFLUSH waits for output to drain: a signal may interrupt it. */
    while (tcsetattr(fd, TCSAFLUSH, &saved_tio) < 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}

/* Poll @fd once, without waiting: 1 (with *@revents), 0, or -errno. */
static int poll_now(int fd, short events, short *revents)
{
    struct pollfd pfd = { .fd = fd, .events = events };
    int r;

    do {
        r = poll(&pfd, 1, 0);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        return -errno;
    }
    *revents = pfd.revents;
    return r;
}

int64_t portos__term_read(int fd, void *buf, size_t len)
{
    short revents = 0;
    ssize_t n;
    int r = poll_now(fd, POLLIN, &revents);

    if (r <= 0) {
        return r;
    }
    if (revents & POLLNVAL) {
        return PORTOS_EBADF;
    }
    do {
        n = read(fd, buf, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        /* A pty whose other side closed reports EIO. */
        return errno == EAGAIN ? 0 : errno == EIO ? PORTOS_EPIPE : -errno;
    }
    return n == 0 ? PORTOS_EPIPE : n;
}

/*
 * Wait until @fd takes bytes. After a shutdown request, write what fits
 * now but wait no more.
 */
static int wait_writable(int fd)
{
    for (;;) {
        struct pollfd pfd[2] = {
            { .fd = fd, .events = POLLOUT },
            { .fd = portos_shutdown_fd(), .events = POLLIN },
        };
        bool stop = portos_shutdown_requested() != 0;
        /* The shutdown pipe wakes us when a signal comes meanwhile. */
        int r = poll(pfd, pfd[1].fd >= 0 ? 2 : 1, stop ? 0 : -1);

        if (r < 0 && errno != EINTR) {
            return -errno;
        }
        if (r > 0 && (pfd[0].revents & POLLNVAL)) {
            return PORTOS_EBADF;
        }
        if (r > 0 && (pfd[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
            return 0;
        }
        if (stop) {
            return PORTOS_ECANCELED;
        }
    }
}

int64_t portos__term_write(int fd, const void *buf, size_t len)
{
    return portos__term_write_chunks(fd, buf, len, PIPE_BUF, wait_writable);
}

int portos__term_wait(int fd, int64_t timeout_ns)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    struct timespec ts;
    int r;

    ts.tv_sec = (time_t)(timeout_ns / 1000000000);
    ts.tv_nsec = (long)(timeout_ns % 1000000000);
    r = ppoll(&pfd, 1, &ts, NULL);
    if (r < 0) {
        return errno == EINTR ? 0 : -errno;
    }
    if (r && (pfd.revents & POLLNVAL)) {
        return PORTOS_EBADF;
    }
    return r > 0;
}

int portos__term_openpty(char *name, size_t len)
{
    struct termios tio;
    int fd, slave, err;

    fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        return -errno;
    }
    if (grantpt(fd) < 0 || unlockpt(fd) < 0) {
        goto fail_errno;
    }
    err = ptsname_r(fd, name, len);
    if (err) {
        close(fd);
        return -err;
    }
    /* Raw as QEMU makes it: the settings stay with the pty, not the fd. */
    slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0) {
        goto fail_errno;
    }
    if (tcgetattr(slave, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(slave, TCSAFLUSH, &tio);
    }
    close(slave);
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
        goto fail_errno;
    }
    return fd;
fail_errno:
    err = -errno;
    close(fd);
    return err;
}

int64_t portos__term_write_nowait(int fd, const void *buf, size_t len)
{
    short revents = 0;
    ssize_t n;
    int r = poll_now(fd, POLLOUT, &revents);

    if (r < 0) {
        return r;
    }
    if (r > 0 && (revents & POLLNVAL)) {
        return PORTOS_EBADF;
    }
    if (r == 0 || !(revents & POLLOUT)) {
        return 0;
    }
    do {
        n = write(fd, buf, len < PIPE_BUF ? len : PIPE_BUF);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        /* Full, or a pty with nobody on the other side. */
        return errno == EAGAIN || errno == EIO ? 0 : -errno;
    }
    return n;
}
