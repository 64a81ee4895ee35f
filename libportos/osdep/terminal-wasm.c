/*
 * terminal-wasm.c - the host terminal as Node shows it
 *
 * Emscripten's own stdin/stdout/stderr are TTY devices whatever the host
 * has (its isatty(0) is always 1), and its reads of stdin block. So under
 * Node, descriptors 0-2 are answered from the host: isatty by Node's tty
 * module, raw mode by process.stdin.setRawMode() (stdin only: it is the
 * one terminal stream Node can switch), and reads of stdin through a
 * second, non-blocking open of /dev/stdin. Other descriptors are
 * Emscripten's (pipes, files), read with poll() + read(). In a browser
 * there is no host terminal: raw mode is -ENOTSUP there.
 *
 * Node puts the terminal back as it found it when the process exits, and
 * an atexit() handler restores it on a normal exit() too. Fatal signals do
 * not exist for a wasm program (a trap or abort() ends the Node process,
 * which resets the terminal).
 */
#define _GNU_SOURCE
#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/terminal.h>

#include <emscripten.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

/* Codes from the JS helpers, mapped to errno values in C. */
#define JS_EOF (-1)
#define JS_AGAIN (-2)
#define JS_NOTTY (-3)
#define JS_ERROR (-4)
#define JS_NOTSUP (-5)

static int raw_fd = -1;
static int atexit_done;

EM_JS(int, host_isatty_js, (int fd), {
    if (!ENVIRONMENT_IS_NODE) {
        return -1; /* no host terminal: ask Emscripten */
    }
    return require('tty').isatty(fd) ? 1 : 0;
});

/* process.stdin exists on the main thread only: callers proxy there. */
static int host_set_raw(int on)
{
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
        return -EPIPE;
    case JS_NOTTY:
        return -ENOTTY;
    case JS_NOTSUP:
        return -ENOTSUP;
    default:
        return -EIO;
    }
}

bool portos_term_isatty(int fd)
{
    int r = host_isatty_js(fd);

    if (fd >= 0 && fd <= 2 && r >= 0) {
        return r == 1;
    }
    return isatty(fd) == 1;
}

static void at_exit(void)
{
    portos_term_restore();
}

int portos_term_raw(int fd)
{
    int r;

    if (raw_fd >= 0) {
        return raw_fd == fd ? 0 : -EBUSY;
    }
    if (!portos_term_isatty(fd)) {
        return -ENOTTY;
    }
    /* Node switches its stdin only; no other terminal exists for us. */
    if (fd != 0 || !host_fd(fd)) {
        return -ENOTSUP;
    }
    r = host_set_raw(1);
    if (r < 0) {
        return js_err(r);
    }
    raw_fd = fd;
    if (!atexit_done) {
        atexit(at_exit);
        atexit_done = 1;
    }
    return 0;
}

int portos_term_restore(void)
{
    int r;

    if (raw_fd < 0) {
        return 0;
    }
    raw_fd = -1;
    r = host_set_raw(0);
    return r < 0 ? js_err(r) : 0;
}

bool portos_term_is_raw(void)
{
    return raw_fd >= 0;
}

int64_t portos_term_read(int fd, void *buf, size_t len)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    ssize_t n;
    int r;

    if (!len) {
        return 0;
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
    return n == 0 ? -EPIPE : n;
}

/* Emscripten's write() of a host stream is one synchronous Node write. */
int64_t portos_term_write(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    size_t done = 0;

    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);

        if (n < 0 && errno != EINTR) {
            return -errno;
        }
        if (n == 0) {
            return -EIO;
        }
        done += n > 0 ? (size_t)n : 0;
    }
    return (int64_t)len;
}

/* Node's stdin cannot be waited on from wasm without Asyncify: sleep. */
int portos_term_wait(int fd, int64_t timeout_ns)
{
    if (timeout_ns < 0) {
        return -EINVAL;
    }
    if (fcntl(fd, F_GETFD) < 0 && !host_fd(fd)) {
        return -EBADF;
    }
    portos_sleep_ns(timeout_ns);
    return 0;
}
