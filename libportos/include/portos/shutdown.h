/*
 * portos/shutdown.h - signals and clean shutdown
 *
 * posix: SIGINT, SIGTERM and SIGHUP record a shutdown request and wake the
 * main loop through a self-pipe; SIGPIPE is ignored. win32: Ctrl-C, Ctrl-Break
 * and console close events take the same path (reported as SIGINT/SIGTERM/
 * SIGHUP). wasm: only signals raised in-process with raise() arrive.
 */
#ifndef PORTOS_SHUTDOWN_H
#define PORTOS_SHUTDOWN_H

#include <signal.h>
#include <stdint.h>

/* MinGW's C runtime has no SIGHUP; win32 reports a console close with it. */
#ifndef SIGHUP
#define SIGHUP 1
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * portos_shutdown_init: install the handlers (saving the previous ones).
 * Returns: 0, -EBUSY if already installed, or a negative errno.
 */
int portos_shutdown_init(void);

/** portos_shutdown_fini: restore the previous handlers and close the pipe. */
void portos_shutdown_fini(void);

/**
 * portos_shutdown_requested: the signal number of the first shutdown
 * request (SIGINT, SIGTERM, SIGHUP, or what portos_shutdown_request() was
 * given), or 0 if none.
 */
int portos_shutdown_requested(void);

/** portos_shutdown_request: request shutdown from code (async-signal-safe). */
void portos_shutdown_request(int signo);

/** portos_shutdown_reset: forget a request (e.g. between tests). */
void portos_shutdown_reset(void);

/**
 * portos_shutdown_fd: a descriptor that becomes readable on a request, for
 * poll()-based main loops. Returns: the fd, or -ENOTSUP (win32, wasm) or
 * -EINVAL before portos_shutdown_init().
 */
int portos_shutdown_fd(void);

/**
 * portos_shutdown_wait: wait up to @timeout_ns (negative: forever) for a
 * request. Returns: the signal number, 0 on timeout, or a negative errno.
 */
int portos_shutdown_wait(int64_t timeout_ns);

#ifdef __cplusplus
}
#endif

#endif
