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

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The signal numbers a request reports: the C library's SIGHUP, SIGINT and
 * SIGTERM wherever it has them (MinGW has no SIGHUP; win32 reports a
 * console close with PORTOS_SIGHUP).
 */
#define PORTOS_SIGHUP 1
#define PORTOS_SIGINT 2
#define PORTOS_SIGTERM 15

/**
 * portos_shutdown_init: install the handlers (saving the previous ones).
 * Returns: 0, PORTOS_EBUSY if already installed, or another PORTOS_E* code.
 */
int portos_shutdown_init(void);

/** portos_shutdown_fini: restore the previous handlers and close the pipe. */
void portos_shutdown_fini(void);

/**
 * portos_shutdown_requested: the signal number of the first shutdown
 * request (PORTOS_SIGINT, PORTOS_SIGTERM, PORTOS_SIGHUP, or what
 * portos_shutdown_request() was given), or 0 if none.
 */
int portos_shutdown_requested(void);

/** portos_shutdown_request: request shutdown from code (async-signal-safe). */
void portos_shutdown_request(int signo);

/**
 * portos_shutdown_fd: a descriptor that becomes readable on a request, for
 * poll()-based main loops. Returns: the fd, or PORTOS_ENOTSUP (win32,
 * wasm) or PORTOS_EINVAL before portos_shutdown_init().
 */
int portos_shutdown_fd(void);

/**
 * portos_shutdown_wait: wait up to @timeout_ns (negative: forever) for a
 * request. Returns: the signal number, 0 on timeout, or a PORTOS_E* code
 * (PORTOS_EINVAL before portos_shutdown_init()).
 */
int portos_shutdown_wait(int64_t timeout_ns);

#ifdef __cplusplus
}
#endif

#endif
