/*
 * shutdown-posix.c - SIGINT/SIGTERM/SIGHUP become a shutdown request
 *
 * The handler only stores the signal number and writes a byte to a
 * non-blocking self-pipe, both async-signal-safe, so a poll()-based main
 * loop wakes up and the program shuts down outside signal context.
 *
 * No SA_RESTART: a call blocked when the signal comes (a write to a pipe
 * nobody reads) fails with EINTR instead of blocking again, so its caller
 * gets to look at the request.  libportos's own calls retry EINTR where
 * they must finish (file I/O) and give up on a request where they need
 * not (portos_term_write).
 */
#define _GNU_SOURCE
#include <portos/error.h>
#include <portos/shutdown.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <unistd.h>

static const int shutdown_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIG_HANDLED (sizeof(shutdown_signals) / sizeof(shutdown_signals[0]))

static struct sigaction saved[NSIG_HANDLED];
static struct sigaction saved_pipe;
static int wake_pipe[2] = { -1, -1 };
static bool installed;
static atomic_int requested;

void portos_shutdown_request(int signo)
{
    int expected = 0;
    int saved_errno = errno;

    atomic_compare_exchange_strong(&requested, &expected, signo);
    if (wake_pipe[1] >= 0) {
        char c = 1;
        /* A full pipe already wakes the reader: ignore EAGAIN. */
        (void)!write(wake_pipe[1], &c, 1);
    }
    errno = saved_errno;
}

static void on_signal(int signo)
{
    portos_shutdown_request(signo);
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
            close(wake_pipe[0]);
            close(wake_pipe[1]);
            wake_pipe[0] = wake_pipe[1] = -1;
            return err;
        }
    }
    return 0;
}

int portos_shutdown_init(void)
{
    struct sigaction sa = { 0 };
    struct sigaction ign = { 0 };
    int err;

    if (installed) {
        return -EBUSY;
    }
    err = make_pipe();
    if (err < 0) {
        return err;
    }
    sa.sa_handler = on_signal;
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < NSIG_HANDLED; i++) {
        sigaction(shutdown_signals[i], &sa, &saved[i]);
    }
    /* Writes to a closed pipe or socket should fail with EPIPE, not kill us. */
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &saved_pipe);
    installed = true;
    return 0;
}

void portos_shutdown_fini(void)
{
    if (!installed) {
        return;
    }
    for (size_t i = 0; i < NSIG_HANDLED; i++) {
        sigaction(shutdown_signals[i], &saved[i], NULL);
    }
    sigaction(SIGPIPE, &saved_pipe, NULL);
    close(wake_pipe[0]);
    close(wake_pipe[1]);
    wake_pipe[0] = wake_pipe[1] = -1;
    installed = false;
}

int portos_shutdown_requested(void)
{
    return atomic_load(&requested);
}

static void drain(void)
{
    char buf[64];

    if (wake_pipe[0] >= 0) {
        while (read(wake_pipe[0], buf, sizeof(buf)) > 0) {
        }
    }
}

void portos_shutdown_reset(void)
{
    atomic_store(&requested, 0);
    drain();
}

int portos_shutdown_fd(void)
{
    return installed ? wake_pipe[0] : -EINVAL;
}

int portos_shutdown_wait(int64_t timeout_ns)
{
    int64_t ms = timeout_ns < 0 ? -1 : (timeout_ns + 999999) / 1000000;
    struct pollfd pfd;
    int r;

    if (!installed) {
        return -EINVAL;
    }
    pfd.fd = wake_pipe[0];
    pfd.events = POLLIN;
    while (!portos_shutdown_requested()) {
        r = poll(&pfd, 1, ms > INT32_MAX ? INT32_MAX : (int)ms);
        if (r < 0 && errno != EINTR) {
            return -errno;
        }
        if (r == 0) {
            return 0;
        }
    }
    drain();
    return portos_shutdown_requested();
}
