/*
 * shutdown-wasm.c - in-process signals become a shutdown request
 *
 * Emscripten's signals are a table of handlers that raise() and
 * kill(getpid(), ...) call directly, in the calling thread; signals from
 * the host never arrive (Node handles its own SIGINT/SIGTERM). There are
 * no descriptors to wake a poll() loop with, so portos_shutdown_fd() is
 * -ENOTSUP and portos_shutdown_wait() polls the flag between short
 * sleeps: a blocking sleep, not emscripten_sleep(), so that waiting needs
 * no Asyncify instrumentation of its callers.
 */
#define _GNU_SOURCE
#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/shutdown.h>

#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>

/* Latency of portos_shutdown_wait() against a request from another thread. */
#define POLL_NS (1000 * 1000)

static const int shutdown_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIG_HANDLED (sizeof(shutdown_signals) / sizeof(shutdown_signals[0]))

static struct sigaction saved[NSIG_HANDLED];
static struct sigaction saved_pipe;
static bool installed;
static atomic_int requested;

void portos_shutdown_request(int signo)
{
    int expected = 0;

    atomic_compare_exchange_strong(&requested, &expected, signo);
}

static void on_signal(int signo)
{
    portos_shutdown_request(signo);
}

int portos_shutdown_init(void)
{
    struct sigaction sa = { 0 };
    struct sigaction ign = { 0 };

    if (installed) {
        return -EBUSY;
    }
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < NSIG_HANDLED; i++) {
        if (sigaction(shutdown_signals[i], &sa, &saved[i]) < 0) {
            int err = -errno;
            while (i--) {
                sigaction(shutdown_signals[i], &saved[i], NULL);
            }
            return err;
        }
    }
    /* Nothing raises SIGPIPE here, but keep the posix contract for raise(). */
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
    installed = false;
}

int portos_shutdown_requested(void)
{
    return atomic_load(&requested);
}

void portos_shutdown_reset(void)
{
    atomic_store(&requested, 0);
}

int portos_shutdown_fd(void)
{
    return installed ? -ENOTSUP : -EINVAL;
}

int portos_shutdown_wait(int64_t timeout_ns)
{
    int64_t deadline;

    if (!installed) {
        return -EINVAL;
    }
    deadline = portos_clock_monotonic_ns();
    deadline = timeout_ns < 0 || timeout_ns > INT64_MAX - deadline
                   ? INT64_MAX : deadline + timeout_ns;
    while (!portos_shutdown_requested()) {
        int64_t left = deadline - portos_clock_monotonic_ns();

        if (left <= 0) {
            return 0;
        }
        portos_sleep_ns(left < POLL_NS ? left : POLL_NS);
    }
    return portos_shutdown_requested();
}
