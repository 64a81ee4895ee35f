/*
 * shutdown-int.h - what a shutdown backend provides to shutdown.c
 *
 * shutdown.c owns the request (the first signal number), the installed
 * state, argument checks and the wait loop. A backend routes the OS's
 * signals or console events to portos_shutdown_request() and owns one
 * wake-up object (a self-pipe, an event, or nothing) with these calls.
 */
#ifndef PORTOS_SHUTDOWN_INT_H
#define PORTOS_SHUTDOWN_INT_H

#include <portos/shutdown.h>

#include <stdint.h>

/* Install the handlers and create the wake-up object; undo all on error. */
int portos__shutdown_install(void);

/* Restore the previous handlers and release the wake-up object. */
void portos__shutdown_uninstall(void);

/* Make a waiter return; async-signal-safe, errno preserved. */
void portos__shutdown_wake(void);

/* Forget pending wake-ups. */
void portos__shutdown_clear(void);

/* The descriptor to poll, or PORTOS_ENOTSUP. */
int portos__shutdown_fd(void);

/*
 * Wait up to @timeout_ns (negative: forever) for a wake-up. Returns 1
 * when woken (maybe spuriously), 0 on timeout, or a PORTOS_E* code.
 */
int portos__shutdown_wait(int64_t timeout_ns);

/*
 * posix and wasm (shutdown-unix.c): route SIGINT, SIGTERM and SIGHUP to
 * portos_shutdown_request() and ignore SIGPIPE, saving the old actions;
 * put them back.
 */
int portos__shutdown_signals_install(void);
void portos__shutdown_signals_uninstall(void);

#endif
