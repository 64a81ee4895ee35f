/*
 * shutdown-wasm.c - in-process signals become a shutdown request
 *
 * Emscripten's signals are a table of handlers that raise() and
 * kill(getpid(), ...) call directly, in the calling thread; signals from
 * the host never arrive (Node handles its own SIGINT/SIGTERM). There are
 * no descriptors to wake a poll() loop with, so portos_shutdown_fd() is
 * PORTOS_ENOTSUP and waiting polls the request between short sleeps: a
 * blocking sleep, not emscripten_sleep(), so that waiting needs no
 * Asyncify instrumentation of its callers.
 */
#define _GNU_SOURCE
#include "shutdown-int.h"

#include <portos/error.h>
#include <portos/osinfo.h>

/* Latency of portos_shutdown_wait() against a request from another thread. */
#define POLL_NS (1000 * 1000)

/* Nothing raises SIGPIPE here, but the handlers keep the posix contract. */
int portos__shutdown_install(void)
{
    return portos__shutdown_signals_install();
}

void portos__shutdown_uninstall(void)
{
    portos__shutdown_signals_uninstall();
}

/* The waiter polls the request itself: nothing to wake or clear. */
void portos__shutdown_wake(void)
{
}

void portos__shutdown_clear(void)
{
}

int portos__shutdown_fd(void)
{
    return PORTOS_ENOTSUP;
}

int portos__shutdown_wait(int64_t timeout_ns)
{
    int64_t deadline = portos_clock_monotonic_ns();

    deadline = timeout_ns < 0 || timeout_ns > INT64_MAX - deadline
                   ? INT64_MAX : deadline + timeout_ns;
    while (!portos_shutdown_requested()) {
        int64_t left = deadline - portos_clock_monotonic_ns();

        if (left <= 0) {
            return 0;
        }
        portos_sleep_ns(left < POLL_NS ? left : POLL_NS);
    }
    return 1;
}
