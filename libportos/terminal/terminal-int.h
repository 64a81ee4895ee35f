/*
 * terminal-int.h - what a terminal backend provides to terminal.c
 *
 * terminal.c owns which descriptor is raw, the argument checks and the
 * atexit() restore; a backend switches the OS's terminal modes and keeps
 * what it needs to restore them, including from fatal-signal handlers,
 * which restore the terminal and then let the signal kill the process.
 */
#ifndef PORTOS_TERMINAL_INT_H
#define PORTOS_TERMINAL_INT_H

#include <portos/terminal.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool portos__term_isatty(int fd);

/* Put terminal @fd (a tty; nothing is raw yet) into raw mode. */
int portos__term_enter_raw(int fd);

/* Put the terminal made raw by the last enter_raw back. */
int portos__term_leave_raw(void);

/* Pending input of @fd without blocking (@len > 0): bytes, 0, or a code. */
int64_t portos__term_read(int fd, void *buf, size_t len);

/*
 * Write all @len (> 0) bytes of @buf to @fd as raw bytes, giving up once a
 * shutdown is requested: @len, PORTOS_ECANCELED, or another code.
 */
int64_t portos__term_write(int fd, const void *buf, size_t len);

/* Wait up to @timeout_ns (>= 0) for input on @fd: 1, 0 or a code. */
int portos__term_wait(int fd, int64_t timeout_ns);

/* A raw pseudo-terminal's non-blocking master (@len > 1): fd or code. */
int portos__term_openpty(char *name, size_t len);

/* Write what @fd takes now (@len > 0): bytes, 0, or a code. */
int64_t portos__term_write_nowait(int fd, const void *buf, size_t len);

/*
 * terminal-unix.c (posix and wasm): portos__term_write() as chunks of at
 * most @chunk_max bytes, each after @ready(@fd) returned 0 (a negative
 * code ends the write with that code); EINTR and EAGAIN retry.
 */
int64_t portos__term_write_chunks(int fd, const void *buf, size_t len,
                                  size_t chunk_max, int (*ready)(int fd));

#endif
