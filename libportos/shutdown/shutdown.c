/*
 * shutdown.c - the shutdown request, shared by all backends
 *
 * A request only stores the first signal number (atomically, so a signal
 * handler or another thread may make it) and wakes the backend's waiter;
 * the program shuts down later, outside signal context.
 */
#include "shutdown-int.h"

#include "portos-test-hooks.h"

#include <portos/error.h>

#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>

_Static_assert(PORTOS_SIGINT == SIGINT, "PORTOS_SIGINT is the C library's");
_Static_assert(PORTOS_SIGTERM == SIGTERM, "PORTOS_SIGTERM is the C library's");
#ifdef SIGHUP
_Static_assert(PORTOS_SIGHUP == SIGHUP, "PORTOS_SIGHUP is the C library's");
#endif

static atomic_bool installed;
static atomic_int requested;

void portos_shutdown_request(int signo)
{
    int expected = 0;

    atomic_compare_exchange_strong(&requested, &expected, signo);
    portos__shutdown_wake();
}

int portos_shutdown_requested(void)
{
    return atomic_load(&requested);
}

void portos__shutdown_reset(void)
{
    atomic_store(&requested, 0);
    portos__shutdown_clear();
}

int portos_shutdown_init(void)
{
    int err;

    if (atomic_load(&installed)) {
        return PORTOS_EBUSY;
    }
    err = portos__shutdown_install();
    if (err < 0) {
        return err;
    }
    atomic_store(&installed, true);
    return 0;
}

void portos_shutdown_fini(void)
{
    if (!atomic_load(&installed)) {
        return;
    }
    portos__shutdown_uninstall();
    atomic_store(&installed, false);
}

int portos_shutdown_fd(void)
{
    return atomic_load(&installed) ? portos__shutdown_fd() : PORTOS_EINVAL;
}

int portos_shutdown_wait(int64_t timeout_ns)
{
    if (!atomic_load(&installed)) {
        return PORTOS_EINVAL;
    }
    while (!portos_shutdown_requested()) {
        int r = portos__shutdown_wait(timeout_ns);

        if (r <= 0) {
            return r;
        }
    }
    portos__shutdown_clear();
    return portos_shutdown_requested();
}
