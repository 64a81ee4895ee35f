/*
 * portos/terminal.h - raw terminal for a serial console
 *
 * posix: termios raw mode (no echo, no line editing, no signal keys, no
 * output post-processing), restored by portos_term_restore(), at exit and
 * when a fatal signal arrives. win32: console raw mode with VT input and
 * output. wasm: Node's stdin raw mode when stdin is a TTY.
 * portos_term_write(): write(); win32 WriteFile on the descriptor's
 * handle; wasm Emscripten's write() (the host's stdout under NODERAWFS).
 */
#ifndef PORTOS_TERMINAL_H
#define PORTOS_TERMINAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** portos_term_isatty: true if @fd is a terminal. */
bool portos_term_isatty(int fd);

/**
 * portos_term_raw: put terminal @fd into raw mode, remembering its state.
 * Only one terminal is managed at a time.
 * Returns: 0, PORTOS_ENOTTY if @fd is not a terminal, PORTOS_EBUSY if
 * another fd is already raw, or a PORTOS_E* code.
 */
int portos_term_raw(int fd);

/**
 * portos_term_restore: put the terminal back as portos_term_raw() found it.
 * Returns: 0 (also when nothing was raw) or a PORTOS_E* code.
 */
int portos_term_restore(void);

/** portos_term_is_raw: true while a terminal is in raw mode. */
bool portos_term_is_raw(void);

/**
 * portos_term_read: read the input bytes already pending on @fd, without
 * blocking. Returns: bytes read (0 when nothing is pending), PORTOS_EPIPE
 * at end of input, or a PORTOS_E* code.
 */
int64_t portos_term_read(int fd, void *buf, size_t len);

/**
 * portos_term_wait: wait up to @timeout_ns for input on @fd, for a main
 * loop with nothing else to do.
 * Returns: 1 when input may be pending, 0 after the timeout, or a negative
 * errno. posix: ppoll(). win32: a console input handle is waited on (that
 * is also when Wine's console on a terminal takes typed input), so is a
 * pipe read by a reader thread (pipes Wine cannot peek), other handles
 * sleep. wasm: sleeps (Node's stdin cannot be waited on).
 */
int portos_term_wait(int fd, int64_t timeout_ns);

/**
 * portos_term_write: write all @len bytes of @buf to @fd (a terminal,
 * pipe or file), waiting while @fd cannot take more, but not once a
 * shutdown is requested (portos/shutdown.h): a console whose reader
 * stopped reading must not keep the program from ending.
 * posix: poll() on @fd and the shutdown pipe, writes of at most PIPE_BUF
 * bytes (a writable pipe takes them without blocking); after a request,
 * what @fd takes at once is still written. wasm, win32: the request is
 * looked at between chunks of a blocking write, and stops it.
 * Returns: @len, PORTOS_ECANCELED when a request stopped it (the rest is
 * dropped), or a PORTOS_E* code (PORTOS_EPIPE: nobody reads any more).
 */
int64_t portos_term_write(int fd, const void *buf, size_t len);

/**
 * portos_term_openpty: open a new pseudo-terminal for a program's serial
 * port (QEMU's -serial pty): returns its master side, non-blocking, for
 * portos_term_read(), portos_term_wait() and portos_term_write_nowait();
 * @name receives the path a user opens (/dev/pts/N). The terminal is in
 * raw mode, so bytes pass unchanged both ways. Close it with
 * portos_file_close(). While nobody has the other side open, reads give
 * PORTOS_EPIPE and writes may be dropped.
 * posix: posix_openpt, grantpt, unlockpt, ptsname_r, cfmakeraw.
 * wasm, win32: no pseudo-terminals: PORTOS_ENOTSUP.
 * Returns: the descriptor, PORTOS_ERANGE if @name (@name_len bytes) is
 * too small, or a PORTOS_E* code.
 */
int portos_term_openpty(char *name, size_t name_len);

/**
 * portos_term_write_nowait: write as much of @buf to @fd as it takes
 * without waiting (a serial port's output that nobody may be reading).
 * posix: poll() then write(). wasm, win32: PORTOS_ENOTSUP (only
 * portos_term_openpty's descriptors need it).
 * Returns: bytes written (0 when @fd is full), or a PORTOS_E* code.
 */
int64_t portos_term_write_nowait(int fd, const void *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
