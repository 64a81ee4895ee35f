/*
 * terminal-wasm.c - the host terminal as Node shows it
 *
 * Emscripten's own stdin/stdout/stderr are TTY devices whatever the host
 * has (its isatty(0) is always 1), and its reads of stdin block. So under
 * Node, descriptors 0-2 are answered from the host: isatty by Node's tty
 * module, raw mode by process.stdin.setRawMode() (stdin only: it is the
 * one terminal stream Node can switch), and reads of stdin through a
 * second, non-blocking open of /dev/stdin. Other descriptors are
 * Emscripten's (pipes, files), read with poll() + read().
 *
 * In a browser there is no host terminal unless the page provides one:
 * Module.portosTerminal (emulator/web/worker.js) with write(fd, bytes),
 * read(heap, ptr, len) -> bytes read (0: none yet, never blocks) and
 * wait(ms) -> whether input is pending. Descriptors 0-2 are that terminal
 * then; it has no line discipline, so it is always raw. Without it, raw
 * mode is PORTOS_ENOTSUP and descriptors are Emscripten's.
 *
 * Node puts the terminal back as it found it when the process exits, and
 * an atexit() handler restores it on a normal exit() too. Fatal signals do
 * not exist for a wasm program (a trap or abort() ends the Node process,
 * which resets the terminal).
 */
#define _GNU_SOURCE
#include "terminal-int.h"

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/shutdown.h>


#include <emscripten.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

/* Codes from the JS helpers, mapped to errno values in C. */
#define JS_EOF (-1)
#define JS_AGAIN (-2)
#define JS_NOTTY (-3)
#define JS_ERROR (-4)
#define JS_NOTSUP (-5)

EM_JS(int, host_isatty_js, (int fd), {
    if (!ENVIRONMENT_IS_NODE) {
        /* the page's terminal, or none: ask Emscripten */
        return Module['portosTerminal'] ? 1 : -1;
    }
    return require('tty').isatty(fd) ? 1 : 0;
});

/* The page's terminal (browser only): see the top of this file. */
EM_JS(int, page_term_js, (void), {
    return !ENVIRONMENT_IS_NODE && Module['portosTerminal'] ? 1 : 0;
});

EM_JS(int, page_read_js, (void *buf, int len), {
    return Module['portosTerminal'].read(HEAPU8, buf, len);
});

EM_JS(void, page_write_js, (int fd, const void *buf, int len), {
    Module['portosTerminal'].write(fd, HEAPU8.slice(buf, buf + len));
});

EM_JS(int, page_wait_js, (double ms), {
    return Module['portosTerminal'].wait(ms) ? 1 : 0;
});

/* process.stdin exists on the main thread only: callers proxy there. */
static int host_set_raw(int on)
{
    /* The page's terminal has no line discipline to switch. */
    if (page_term_js()) {
        return 0;
    }
    return MAIN_THREAD_EM_ASM_INT({
        if (!ENVIRONMENT_IS_NODE) {
            return -5;
        }
        if (!process.stdin.isTTY) {
            return -3;
        }
        try {
            process.stdin.setRawMode(!!$0);
        } catch (e) {
            return -4;
        }
        return process.stdin.isRaw === !!$0 ? 0 : -4;
    }, on);
}

/*
 * A non-blocking read of the host's stdin. /dev/stdin is opened again with
 * O_NONBLOCK so that descriptor 0, shared with the parent, keeps its flags.
 */
EM_JS(int, host_read_stdin_js, (void *buf, int len), {
    var fs = require('fs');
    var n;
    if (Module.portosStdinFd === undefined) {
        try {
            Module.portosStdinFd = fs.openSync('/dev/stdin',
                fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
        } catch (e) {
            return -5; /* reading fd 0 itself would block */
        }
    }
    try {
        var b = Buffer.alloc(len);
        n = fs.readSync(Module.portosStdinFd, b, 0, len, null);
        HEAPU8.set(b.subarray(0, n), buf);
    } catch (e) {
        return e.code === 'EAGAIN' ? -2 : -4;
    }
    return n > 0 ? n : -1;
});

static bool host_fd(int fd)
{
    return fd >= 0 && fd <= 2 && host_isatty_js(fd) >= 0;
}

static int js_err(int r)
{
    switch (r) {
    case JS_EOF:
        return PORTOS_EPIPE;
    case JS_NOTTY:
        return PORTOS_ENOTTY;
    case JS_NOTSUP:
        return PORTOS_ENOTSUP;
    default:
        return PORTOS_EIO;
    }
}

bool portos__term_isatty(int fd)
{
    int r = host_isatty_js(fd);

    if (fd >= 0 && fd <= 2 && r >= 0) {
        return r == 1;
    }
    return isatty(fd) == 1;
}

int portos__term_enter_raw(int fd)
{
    int r;

    /* Node switches its stdin only; no other terminal exists for us. */
    if (fd != 0 || !host_fd(fd)) {
        return PORTOS_ENOTSUP;
    }
    r = host_set_raw(1);
    return r < 0 ? js_err(r) : 0;
}

int portos__term_leave_raw(void)
{
    int r = host_set_raw(0);

    return r < 0 ? js_err(r) : 0;
}

int64_t portos__term_read(int fd, void *buf, size_t len)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    ssize_t n;
    int r;

    if (fd == 0 && page_term_js()) {
        return page_read_js(buf, len > INT32_MAX ? INT32_MAX : (int)len);
    }
    if (fd == 0 && host_fd(fd)) {
        r = host_read_stdin_js(buf, len > INT32_MAX ? INT32_MAX : (int)len);
        return r >= 0 ? r : r == JS_AGAIN ? 0 : js_err(r);
    }
    /* Emscripten's poll() reports nothing, not POLLNVAL, for a closed fd. */
    if (fcntl(fd, F_GETFD) < 0) {
        return -errno;
    }
    r = poll(&pfd, 1, 0);
    if (r < 0) {
        return -errno;
    }
    if (r == 0) {
        return 0;
    }
    n = read(fd, buf, len);
    if (n < 0) {
        return errno == EAGAIN ? 0 : -errno;
    }
    return n == 0 ? PORTOS_EPIPE : n;
}

/* Emscripten's writes do not wait: the request is looked at per chunk. */
static int shutdown_not_requested(int fd)
{
    return portos_shutdown_requested() ? PORTOS_ECANCELED : 0;
}

int64_t portos__term_write(int fd, const void *buf, size_t len)
{
    if ((fd == 1 || fd == 2) && page_term_js()) {
        const char *p = buf;
        size_t done = 0;

        /* The page's terminal takes any amount at once: no waits. */
        while (done < len) {
            size_t chunk = len - done < 65536 ? len - done : 65536;

            page_write_js(fd, p + done, (int)chunk);
            done += chunk;
        }
        return (int64_t)done;
    }
    return portos__term_write_chunks(fd, buf, len, 4096, shutdown_not_requested);
}

/*
 * Node's stdin cannot be waited on from wasm without Asyncify: sleep. The
 * page's terminal waits with Atomics.wait (a worker may block).
 */
int portos__term_wait(int fd, int64_t timeout_ns)
{
    if (fd == 0 && page_term_js()) {
        return page_wait_js((double)timeout_ns / 1e6);
    }
    if (fcntl(fd, F_GETFD) < 0 && !host_fd(fd)) {
        return PORTOS_EBADF;
    }
    portos_sleep_ns(timeout_ns);
    return 0;
}

/* No pseudo-terminals here (portos/terminal.h). */
int portos__term_openpty(char *name, size_t len)
{
    return PORTOS_ENOTSUP;
}

int64_t portos__term_write_nowait(int fd, const void *buf, size_t len)
{
    return PORTOS_ENOTSUP;
}
