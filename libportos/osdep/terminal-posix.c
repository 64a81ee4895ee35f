/*
 * terminal-posix.c - termios raw mode for the serial console
 *
 * The saved state is restored by portos_term_restore(), by an atexit()
 * handler and from handlers for the fatal signals (tcsetattr is
 * async-signal-safe), which then re-raise the signal with its default
 * action so the process still dies the way it would have.
 */
#define _GNU_SOURCE
#include <portos/error.h>
#include <portos/terminal.h>

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE,
                                     SIGABRT, SIGQUIT };
#define NFATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

static struct termios saved_tio;
static struct sigaction saved_fatal[NFATAL];
static volatile sig_atomic_t raw_fd = -1;
static int atexit_done;

bool portos_term_isatty(int fd)
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

static void at_exit(void)
{
    portos_term_restore();
}

int portos_term_raw(int fd)
{
    struct termios tio;
    struct sigaction sa = { 0 };

    if (raw_fd >= 0) {
        return raw_fd == fd ? 0 : -EBUSY;
    }
    if (!isatty(fd)) {
        return -ENOTTY;
    }
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
    if (!atexit_done) {
        atexit(at_exit);
        atexit_done = 1;
    }
    return 0;
}

int portos_term_restore(void)
{
    int fd = raw_fd;

    if (fd < 0) {
        return 0;
    }
    for (size_t i = 0; i < NFATAL; i++) {
        sigaction(fatal_signals[i], &saved_fatal[i], NULL);
    }
    raw_fd = -1;
    if (tcsetattr(fd, TCSAFLUSH, &saved_tio) < 0) {
        return -errno;
    }
    return 0;
}

bool portos_term_is_raw(void)
{
    return raw_fd >= 0;
}

int64_t portos_term_read(int fd, void *buf, size_t len)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    ssize_t n;
    int r;

    if (!len) {
        return 0;
    }
    do {
        r = poll(&pfd, 1, 0);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        return -errno;
    }
    if (r == 0) {
        return 0;
    }
    if (pfd.revents & POLLNVAL) {
        return -EBADF;
    }
    do {
        n = read(fd, buf, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        /* A pty whose other side closed reports EIO. */
        return errno == EAGAIN ? 0 : errno == EIO ? -EPIPE : -errno;
    }
    return n == 0 ? -EPIPE : n;
}

int64_t portos_term_write(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    size_t done = 0;

    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);

        if (n < 0 && errno == EAGAIN) {
            struct pollfd pfd = { .fd = fd, .events = POLLOUT };
            poll(&pfd, 1, -1); /* a non-blocking fd that is full */
            continue;
        }
        if (n < 0 && errno != EINTR) {
            return -errno;
        }
        if (n == 0) {
            return -EIO;
        }
        done += n > 0 ? (size_t)n : 0;
    }
    return (int64_t)len;
}

int portos_term_wait(int fd, int64_t timeout_ns)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    struct timespec ts;
    int r;

    if (timeout_ns < 0) {
        return -EINVAL;
    }
    ts.tv_sec = (time_t)(timeout_ns / 1000000000);
    ts.tv_nsec = (long)(timeout_ns % 1000000000);
    r = ppoll(&pfd, 1, &ts, NULL);
    if (r < 0) {
        return errno == EINTR ? 0 : -errno;
    }
    if (r && (pfd.revents & POLLNVAL)) {
        return -EBADF;
    }
    return r > 0;
}
