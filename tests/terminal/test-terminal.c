/*
 * test-terminal.c - raw mode, restore on every exit path, non-blocking
 * reads
 *
 * The pipe tests run everywhere. How a terminal is made and looked at is
 * a platform fact, so each backend has its own section:
 * - posix: pseudo-terminals opened on demand, termios bits read back,
 *   exit paths checked in forked children (exit, abort, fatal signals).
 * - wasm: no ptys and no fork; Node can switch only its own stdin, so
 *   Meson runs the suite twice: as is (stdin is no terminal) and under
 *   run-in-pty.py with PORTOS_TEST_EXPECT_TTY=1, where stdin/stdout are a
 *   real pty whose state is read back with stty(1), and typed input comes
 *   from the runner.
 * - win32: no ptys: the console tests use this process's console (stdin)
 *   when it has one and say so on stderr when it has none (Wine without a
 *   terminal, as meson test runs it; the terminal-tty test gives it one).
 *   Input is injected with WriteConsoleInput, raw mode is checked through
 *   the console mode flags, and exit paths in a child started with
 *   CreateProcess (abort() stands for the fatal-signal path).
 */
#define _GNU_SOURCE
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/shutdown.h>
#include <portos/terminal.h>

#include "portos-test-hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(_WIN32)
#include <windows.h>
#elif defined(__EMSCRIPTEN__)
#include <emscripten.h>
#else
#include <fcntl.h>
#include <glib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#endif

START_TEST(test_not_a_tty)
{
    int fds[2];

    ck_assert_int_eq(pipe(fds), 0);
    ck_assert(!portos_term_isatty(fds[0]));
    ck_assert_int_eq(portos_term_raw(fds[0]), PORTOS_ENOTTY);
    ck_assert(!portos_term_is_raw());
    close(fds[0]);
    close(fds[1]);
}
END_TEST

/* Pending bytes come out at once, in as many reads as the buffer needs. */
START_TEST(test_pipe_nonblocking_read)
{
    int fds[2];
    char buf[16];
    const char in[] = { 'h', 'i', 0x03, 0x01, '\r' };

    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), 0);
    ck_assert_int_eq(write(fds[1], in, sizeof(in)), (int)sizeof(in));
    ck_assert_int_eq(portos_term_read(fds[0], buf, 2), 2);
    ck_assert_int_eq(portos_term_read(fds[0], buf + 2, sizeof(buf) - 2),
                     (int)sizeof(in) - 2);
    ck_assert(memcmp(buf, in, sizeof(in)) == 0);
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), 0);
    ck_assert_int_eq(portos_term_read(fds[0], buf, 0), 0);
    close(fds[0]);
    close(fds[1]);
}
END_TEST

START_TEST(test_read_end_of_input)
{
    int fds[2];
    char buf[4];

    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(write(fds[1], "ab", 2), 2);
    close(fds[1]);
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), 2);
    ck_assert(memcmp(buf, "ab", 2) == 0);
#ifdef __EMSCRIPTEN__
    /* Emscripten's pipes never report end of input: an empty pipe whose
     * writer closed is EAGAIN, like an open one, so "nothing pending". */
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), 0);
#else
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), PORTOS_EPIPE);
#endif
    close(fds[0]);
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), PORTOS_EBADF);
}
END_TEST

/* Raw bytes out, LF not turned into CR LF; PORTOS_EBADF for a closed fd. */
START_TEST(test_write_raw_bytes)
{
    static const char out[] = "a\nb\r\n\x1a\x00z";
    char buf[32];
    int fds[2];
#ifdef _WIN32
    DWORD n = 0;

    /* A text-mode descriptor, where _write would turn LF into CR LF: read
     * back through the handle, bypassing the runtime. */
    ck_assert_int_eq(_pipe(fds, 4096, _O_TEXT), 0);
    ck_assert_int_eq(portos_term_write(fds[1], out, sizeof(out)), sizeof(out));
    ck_assert(ReadFile((HANDLE)_get_osfhandle(fds[0]), buf, sizeof(buf), &n, NULL));
    ck_assert_uint_eq(n, sizeof(out));
#else
    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(portos_term_write(fds[1], out, sizeof(out)), sizeof(out));
    ck_assert_int_eq(read(fds[0], buf, sizeof(buf)), sizeof(out));
#endif
    ck_assert(memcmp(buf, out, sizeof(out)) == 0);
    close(fds[0]);
    close(fds[1]);
    ck_assert_int_eq(portos_term_write(fds[1], out, 1), PORTOS_EBADF);
}
END_TEST

#if defined(_WIN32) || defined(__EMSCRIPTEN__)
/* Not a console (win32) or Node's stdin (wasm): sleeps; bad arguments. */
START_TEST(test_wait)
{
    int fds[2];
    int64_t t0 = portos_clock_monotonic_ns();

    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(portos_term_wait(fds[0], 20 * 1000 * 1000), 0);
    ck_assert_int_ge(portos_clock_monotonic_ns() - t0, 19 * 1000 * 1000);
    ck_assert_int_eq(portos_term_wait(fds[0], -1), PORTOS_EINVAL);
    close(fds[0]);
    close(fds[1]);
    ck_assert_int_eq(portos_term_wait(fds[0], 0), PORTOS_EBADF);
}
END_TEST
#endif

#if defined(_WIN32) || defined(__EMSCRIPTEN__)
/* Pseudo-terminals are a posix thing. */
START_TEST(test_no_pty)
{
    char name[64];

    ck_assert_int_eq(portos_term_openpty(name, sizeof(name)), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_term_write_nowait(1, "x", 1), PORTOS_ENOTSUP);
}
END_TEST

/*
 * Writes go through; a pending shutdown request makes them give up (posix
 * still writes what fits at once: test_write_full_pipe_gives_up_on_shutdown).
 */
START_TEST(test_write_and_shutdown)
{
    int fds[2];
    char buf[8];

    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(portos_term_write(fds[1], "hello", 5), 5);
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), 5);
    ck_assert(memcmp(buf, "hello", 5) == 0);
    portos_shutdown_request(PORTOS_SIGTERM);
    ck_assert_int_eq(portos_term_write(fds[1], "x", 1), PORTOS_ECANCELED);
    portos__shutdown_reset();
    ck_assert_int_eq(portos_term_write(fds[1], "x", 1), 1);
    close(fds[0]);
    close(fds[1]);
}
END_TEST
#endif

START_TEST(test_restore_when_not_raw)
{
    ck_assert(!portos_term_is_raw());
    ck_assert_int_eq(portos_term_restore(), 0);
}
END_TEST

#if defined(_WIN32)

/* The console mode flags (VT input/output), as the backend sees them. */
#include "portos-win32.h"

#define CHILD_ENV "PORTOS_TEST_TERM_CHILD"
#define COOKED (ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_PROCESSED_INPUT)

/* The C runtime's isatty() says yes for NUL; it is no terminal. */
START_TEST(test_nul_not_a_tty)
{
    int fd = open("NUL", O_RDONLY);
    char buf[4];

    ck_assert_int_ge(fd, 0);
    ck_assert(!portos_term_isatty(fd));
    ck_assert_int_eq(portos_term_raw(fd), PORTOS_ENOTTY);
    ck_assert_int_eq(portos_term_read(fd, buf, sizeof(buf)), PORTOS_EPIPE);
    close(fd);
}
END_TEST

/* The console tests: this process's console input, if it has one. */
static HANDLE console_in(void)
{
    HANDLE h = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode;

    if (h == INVALID_HANDLE_VALUE || !h || !GetConsoleMode(h, &mode)) {
        /* The terminal-tty test runs us on a pty: a console must be there. */
        ck_assert_msg(!getenv("PORTOS_TEST_EXPECT_TTY"), "no console on a terminal");
        fprintf(stderr, "terminal-win32: no console on stdin, console tests skipped\n");
        return NULL;
    }
    return h;
}

static DWORD console_mode(HANDLE h)
{
    DWORD mode = 0;

    ck_assert(GetConsoleMode(h, &mode));
    return mode;
}

START_TEST(test_console_raw_and_restore)
{
    HANDLE h = console_in();
    DWORD before;
    int other;

    if (!h) {
        return;
    }
    before = console_mode(h);
    ck_assert_uint_eq(before & COOKED, COOKED);
    ck_assert(portos_term_isatty(0));
    ck_assert_int_eq(portos_term_raw(0), 0);
    ck_assert(portos_term_is_raw());
    ck_assert_uint_eq(console_mode(h) & COOKED, 0);
    ck_assert(console_mode(h) & ENABLE_VIRTUAL_TERMINAL_INPUT);
    ck_assert_int_eq(portos_term_raw(0), 0); /* idempotent */
    other = dup(0);
    ck_assert_int_eq(portos_term_raw(other), PORTOS_EBUSY);
    close(other);
    ck_assert_int_eq(portos_term_restore(), 0);
    ck_assert(!portos_term_is_raw());
    ck_assert_uint_eq(console_mode(h), before);
}
END_TEST

/* An output console gets VT processing and no CR added after LF. */
START_TEST(test_console_output_raw)
{
    HANDLE in = console_in(), out = GetStdHandle(STD_OUTPUT_HANDLE);
    DWORD before;

    if (!in) {
        return;
    }
    ck_assert(portos_term_isatty(1));
    before = console_mode(out);
    ck_assert_int_eq(portos_term_raw(1), 0);
    ck_assert(console_mode(out) & ENABLE_VIRTUAL_TERMINAL_PROCESSING);
    ck_assert(console_mode(out) & DISABLE_NEWLINE_AUTO_RETURN);
    ck_assert_int_eq(portos_term_restore(), 0);
    ck_assert_uint_eq(console_mode(out), before);
}
END_TEST

static void key(INPUT_RECORD *r, WCHAR c, BOOL down)
{
    memset(r, 0, sizeof(*r));
    r->EventType = KEY_EVENT;
    r->Event.KeyEvent.bKeyDown = down;
    r->Event.KeyEvent.wRepeatCount = 1;
    r->Event.KeyEvent.uChar.UnicodeChar = c;
}

START_TEST(test_console_nonblocking_read)
{
    HANDLE h = console_in();
    /* ^C arrives as a byte in raw mode; key-ups carry nothing; é is UTF-8. */
    const WCHAR chars[] = { 'h', 'i', 0x03, 0x01, '\r', 0xe9 };
    const unsigned char want[] = { 'h', 'i', 0x03, 0x01, '\r', 0xc3, 0xa9 };
    INPUT_RECORD rec[2 * 6];
    unsigned char buf[16];
    DWORD n;

    if (!h) {
        return;
    }
    ck_assert_int_eq(portos_term_raw(0), 0);
    FlushConsoleInputBuffer(h);
    ck_assert_int_eq(portos_term_read(0, buf, sizeof(buf)), 0);
    for (size_t i = 0; i < 6; i++) {
        key(&rec[2 * i], chars[i], TRUE);
        key(&rec[2 * i + 1], chars[i], FALSE);
    }
    ck_assert(WriteConsoleInputW(h, rec, 12, &n));
    ck_assert_uint_eq(n, 12);
    /* A short buffer splits the multi-byte character; the rest follows. */
    ck_assert_int_eq(portos_term_read(0, buf, 6), 6);
    ck_assert_int_eq(portos_term_read(0, buf + 6, sizeof(buf) - 6), 1);
    ck_assert(memcmp(buf, want, sizeof(want)) == 0);
    ck_assert_int_eq(portos_term_read(0, buf, sizeof(buf)), 0);
    ck_assert_int_eq(portos_term_restore(), 0);
}
END_TEST

/* Child: go raw, then leave the way CHILD_ENV says. */
static void term_child(const char *how)
{
    if (portos_term_raw(0) < 0) {
        _exit(99);
    }
    if (!strcmp(how, "abort")) {
        abort();
    }
    exit(0);
}

START_TEST(test_restored_after_child)
{
    HANDLE h = console_in();
    DWORD before;

    if (!h) {
        return;
    }
    before = console_mode(h);
    ck_assert_uint_eq(portos_test_run_self(CHILD_ENV, "exit"), 0);
    ck_assert_uint_eq(console_mode(h), before);
    /* abort() exits with status 3 in the Microsoft C runtime. */
    ck_assert_uint_eq(portos_test_run_self(CHILD_ENV, "abort"), 3);
    ck_assert_uint_eq(console_mode(h), before);
}
END_TEST

static void add_backend_tests(TCase *tc)
{
    const char *child = getenv(CHILD_ENV);

    if (child) {
        term_child(child);
    }
    tcase_add_test(tc, test_nul_not_a_tty);
    tcase_add_test(tc, test_console_raw_and_restore);
    tcase_add_test(tc, test_console_output_raw);
    tcase_add_test(tc, test_console_nonblocking_read);
    tcase_add_test(tc, test_restored_after_child);
}

#elif defined(__EMSCRIPTEN__)

EM_JS(int, expect_tty_js, (void), {
    return process.env.PORTOS_TEST_EXPECT_TTY === '1' ? 1 : 0;
});

/*
 * The terminal on stdin as stty(1) sees it, outside this program: 1 raw
 * (as Node sets it: no echo, no line editing, no signal keys, no CR
 * translation, 8 bits), 0 cooked, 2 neither, -1 no terminal.
 */
EM_JS(int, stty_mode_js, (void), {
    var out;
    try {
        out = require('child_process').execSync('stty -a',
            { stdio: ['inherit', 'pipe', 'pipe'] }).toString();
    } catch (e) {
        return -1;
    }
    /* Words of the output (EM_JS code cannot hold backslashes). */
    var words = out.split(String.fromCharCode(10)).join(' ').split(';')
        .join(' ').split(' ');
    var has = function(flags) {
        return flags.every(function(f) { return words.indexOf(f) >= 0; });
    };
    if (has(['-icanon', '-echo', '-isig', '-iexten', '-icrnl', '-ixon', 'cs8'])) {
        return 1;
    }
    return has(['icanon', 'echo', 'isig']) ? 0 : 2;
});

static bool tty;

static void setup(void)
{
    tty = expect_tty_js();
    /* A pty run whose stdin is no terminal would test nothing. */
    ck_assert(portos_term_isatty(0) == tty);
}

static void teardown(void)
{
    portos_term_restore();
}

/* Emscripten's own isatty(0) is always 1: the host's answer is wanted. */
START_TEST(test_isatty_matches_host)
{
    ck_assert_int_eq(portos_term_isatty(0), stty_mode_js() >= 0);
}
END_TEST

START_TEST(test_raw_and_restore)
{
    if (!tty) {
        ck_assert_int_eq(portos_term_raw(0), PORTOS_ENOTTY);
        ck_assert(!portos_term_is_raw());
        return;
    }
    ck_assert_int_eq(stty_mode_js(), 0);
    ck_assert_int_eq(portos_term_raw(0), 0);
    ck_assert(portos_term_is_raw());
    ck_assert_int_eq(stty_mode_js(), 1);
    ck_assert_int_eq(portos_term_raw(0), 0); /* idempotent */
    ck_assert_int_eq(portos_term_restore(), 0);
    ck_assert(!portos_term_is_raw());
    ck_assert_int_eq(stty_mode_js(), 0);
    ck_assert_int_eq(portos_term_restore(), 0); /* nothing to do */
}
END_TEST

/* Only one terminal exists here: stdout, the same pty, is the second fd. */
START_TEST(test_second_terminal_busy)
{
    if (!tty) {
        return;
    }
    ck_assert(portos_term_isatty(1));
    ck_assert_int_eq(portos_term_raw(0), 0);
    ck_assert_int_eq(portos_term_raw(1), PORTOS_EBUSY);
    ck_assert_int_eq(portos_term_restore(), 0);
    /* Node can switch stdin only. */
    ck_assert_int_eq(portos_term_raw(1), PORTOS_ENOTSUP);
    ck_assert(!portos_term_is_raw());
}
END_TEST

START_TEST(test_nonblocking_read)
{
    /* What run-in-pty.py types: ^C, ^A and CR arrive as bytes in raw mode. */
    const char in[] = { 'h', 'i', 0x03, 0x01, '\r' };
    char buf[16];
    size_t got = 0;
    int64_t t0;

    if (!tty) {
        return;
    }
    ck_assert_int_eq(portos_term_raw(0), 0);
    t0 = portos_clock_monotonic_ns();
    ck_assert_int_eq(portos_term_read(0, buf, sizeof(buf)), 0);
    /* Non-blocking: it came back at once, not after input arrived. */
    ck_assert_int_lt(portos_clock_monotonic_ns() - t0, 500 * 1000 * 1000);
    printf("PORTOS-PTY-SEND\n");
    fflush(stdout);
    for (int i = 0; i < 500 && got < sizeof(in); i++) {
        int64_t n = portos_term_read(0, buf + got, sizeof(buf) - got);

        ck_assert_int_ge(n, 0);
        got += (size_t)n;
        portos_sleep_ns(10 * 1000 * 1000);
    }
    ck_assert_uint_eq(got, sizeof(in));
    ck_assert(memcmp(buf, in, sizeof(in)) == 0);
    ck_assert_int_eq(portos_term_read(0, buf, sizeof(buf)), 0);
    ck_assert_int_eq(portos_term_restore(), 0);
}
END_TEST

static void add_backend_tests(TCase *tc)
{
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_isatty_matches_host);
    tcase_add_test(tc, test_raw_and_restore);
    tcase_add_test(tc, test_second_terminal_busy);
    tcase_add_test(tc, test_nonblocking_read);
}

#else /* posix */

typedef struct {
    int master, slave;
} Pty;

static Pty open_pty(void)
{
    Pty p;

    p.master = posix_openpt(O_RDWR | O_NOCTTY);
    ck_assert_int_ge(p.master, 0);
    ck_assert_int_eq(grantpt(p.master), 0);
    ck_assert_int_eq(unlockpt(p.master), 0);
    p.slave = open(ptsname(p.master), O_RDWR | O_NOCTTY);
    ck_assert_int_ge(p.slave, 0);
    return p;
}

static void close_pty(Pty *p)
{
    close(p->slave);
    close(p->master);
}

static bool is_cooked(int fd)
{
    struct termios t;

    ck_assert_int_eq(tcgetattr(fd, &t), 0);
    return (t.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG);
}

static bool is_raw(int fd)
{
    struct termios t;

    ck_assert_int_eq(tcgetattr(fd, &t), 0);
    return !(t.c_lflag & (ICANON | ECHO | ISIG | IEXTEN)) &&
           !(t.c_iflag & (ICRNL | IXON)) && !(t.c_oflag & OPOST) &&
           (t.c_cflag & CSIZE) == CS8;
}

START_TEST(test_raw_and_restore)
{
    Pty p = open_pty();

    ck_assert(portos_term_isatty(p.slave));
    ck_assert(is_cooked(p.slave));
    ck_assert_int_eq(portos_term_raw(p.slave), 0);
    ck_assert(portos_term_is_raw());
    ck_assert(is_raw(p.slave));
    ck_assert_int_eq(portos_term_raw(p.slave), 0); /* idempotent */
    ck_assert_int_eq(portos_term_restore(), 0);
    ck_assert(!portos_term_is_raw());
    ck_assert(is_cooked(p.slave));
    ck_assert_int_eq(portos_term_restore(), 0); /* nothing to do */
    close_pty(&p);
}
END_TEST

START_TEST(test_second_terminal_busy)
{
    Pty a = open_pty(), b = open_pty();

    ck_assert_int_eq(portos_term_raw(a.slave), 0);
    ck_assert_int_eq(portos_term_raw(b.slave), PORTOS_EBUSY);
    ck_assert(is_cooked(b.slave));
    ck_assert_int_eq(portos_term_restore(), 0);
    close_pty(&a);
    close_pty(&b);
}
END_TEST

START_TEST(test_nonblocking_read)
{
    Pty p = open_pty();
    char buf[16];
    /* Control characters arrive as bytes in raw mode: ^C, ^A, CR. */
    const char in[] = { 'h', 'i', 0x03, 0x01, '\r' };

    ck_assert_int_eq(portos_term_raw(p.slave), 0);
    ck_assert_int_eq(portos_term_read(p.slave, buf, sizeof(buf)), 0);
    ck_assert_int_eq(write(p.master, in, sizeof(in)), (int)sizeof(in));
    tcdrain(p.master);
    usleep(20000);
    ck_assert_int_eq(portos_term_read(p.slave, buf, sizeof(buf)), (int)sizeof(in));
    ck_assert(memcmp(buf, in, sizeof(in)) == 0);
    ck_assert_int_eq(portos_term_read(p.slave, buf, sizeof(buf)), 0);
    ck_assert_int_eq(portos_term_restore(), 0);
    close_pty(&p);
}
END_TEST

/* The child goes raw, then dies in the given way; the pty must be cooked. */
static void restored_after_child(int how)
{
    Pty p = open_pty();
    pid_t pid = fork();
    int status;

    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (portos_term_raw(p.slave) < 0) {
            _exit(99);
        }
        switch (how) {
        case 0:
            exit(0);
        case SIGABRT:
            abort();
        default:
            raise(how);
        }
        _exit(98);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    if (how == 0) {
        ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    } else {
        ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == how);
    }
    ck_assert(is_cooked(p.slave));
    close_pty(&p);
}

START_TEST(test_restored_at_exit)
{
    restored_after_child(0);
}
END_TEST

START_TEST(test_restored_on_fatal_signals)
{
    restored_after_child(SIGABRT);
    restored_after_child(SIGSEGV);
    restored_after_child(SIGQUIT);
}
END_TEST

/* Waiting: the timeout without input, at once with it; bad arguments. */
START_TEST(test_wait)
{
    Pty p = open_pty();
    int64_t t0 = portos_clock_monotonic_ns();

    ck_assert_int_eq(portos_term_wait(p.slave, 20 * 1000 * 1000), 0);
    ck_assert_int_ge(portos_clock_monotonic_ns() - t0, 19 * 1000 * 1000);
    ck_assert_int_eq(write(p.master, "a\n", 2), 2); /* cooked: a line */
    tcdrain(p.master);
    ck_assert_int_eq(portos_term_wait(p.slave, 5000 * 1000 * 1000LL), 1);
    ck_assert_int_eq(portos_term_wait(p.slave, -1), PORTOS_EINVAL);
    close_pty(&p);
    ck_assert_int_eq(portos_term_wait(p.slave, 0), PORTOS_EBADF);
}
END_TEST

/* Everything arrives, in order, through a pipe a child drains slowly. */
START_TEST(test_write_all)
{
    enum { LEN = 200000 };
    char *buf;
    int fds[2], status;
    pid_t pid;

    ck_assert_int_eq(pipe(fds), 0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        char in[3000];
        long got = 0;
        ssize_t n;

        close(fds[1]);
        usleep(50000);        /* let the writer fill the pipe first */
        while ((n = read(fds[0], in, sizeof(in))) > 0) {
            for (ssize_t k = 0; k < n; k++) {
                if (in[k] != (char)((got + k) * 7)) {
                    _exit(2);
                }
            }
            got += n;
        }
        _exit(got == LEN ? 0 : 1);
    }
    close(fds[0]);
    /* Allocated after the fork: a child under Valgrind would leak it. */
    buf = g_malloc(LEN);
    for (int i = 0; i < LEN; i++) {
        buf[i] = (char)(i * 7);
    }
    ck_assert_int_eq(portos_term_write(fds[1], buf, LEN), LEN);
    ck_assert_int_eq(portos_term_write(fds[1], buf, 0), 0);
    close(fds[1]);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    g_free(buf);
}
END_TEST

static pthread_t writer_thread;

static gpointer sigterm_writer(gpointer data)
{
    (void)data;
    portos_sleep_ns(200 * 1000 * 1000);
    pthread_kill(writer_thread, SIGTERM);
    return NULL;
}

/*
 * Nobody reads the pipe: the write waits, and a SIGTERM ends the wait
 * with PORTOS_ECANCELED (the emulator's console then drops its output).
 */
START_TEST(test_write_full_pipe_gives_up_on_shutdown)
{
    enum { LEN = 1 << 20 };
    char *buf = g_malloc0(LEN);
    int fds[2];
    GThread *t;
    int64_t start, r;

    ck_assert_int_eq(portos_shutdown_init(), 0);
    portos__shutdown_reset();
    ck_assert_int_eq(pipe(fds), 0);
    writer_thread = pthread_self();
    t = g_thread_new("sigterm", sigterm_writer, NULL);
    start = portos_clock_monotonic_ns();
    r = portos_term_write(fds[1], buf, LEN);
    g_thread_join(t);
    ck_assert_int_eq(r, PORTOS_ECANCELED);
    ck_assert_int_eq(portos_shutdown_requested(), SIGTERM);
    ck_assert_int_ge(portos_clock_monotonic_ns() - start, 150 * 1000 * 1000);
    /* Once a request is pending, a full pipe is not waited for... */
    ck_assert_int_eq(portos_term_write(fds[1], buf, 1), PORTOS_ECANCELED);
    /* ...but what fits at once still goes out (the last console bytes). */
    {
        char drain[4096];
        ck_assert_int_eq(read(fds[0], drain, sizeof(drain)), sizeof(drain));
    }
    ck_assert_int_eq(portos_term_write(fds[1], "bye", 3), 3);
    close(fds[0]);
    close(fds[1]);
    portos_shutdown_fini();
    portos__shutdown_reset();
    g_free(buf);
}
END_TEST

START_TEST(test_write_errors)
{
    int fds[2];

    ck_assert_int_eq(portos_shutdown_init(), 0);   /* SIGPIPE ignored */
    portos__shutdown_reset();
    ck_assert_int_eq(pipe(fds), 0);
    close(fds[0]);
    ck_assert_int_eq(portos_term_write(fds[1], "x", 1), PORTOS_EPIPE);
    close(fds[1]);
    ck_assert_int_eq(portos_term_write(fds[1], "x", 1), PORTOS_EBADF);
    portos_shutdown_fini();
}
END_TEST

/* A -serial pty: raw both ways, the program's writes never wait. */
START_TEST(test_openpty)
{
    char name[64], tiny[2], buf[64], big[4096];
    struct termios tio;
    int64_t n, total = 0;
    int fd, user;

    ck_assert_int_eq(portos_term_openpty(NULL, 10), PORTOS_EINVAL);
    ck_assert_int_eq(portos_term_openpty(tiny, sizeof(tiny)), PORTOS_ERANGE);
    fd = portos_term_openpty(name, sizeof(name));
    ck_assert_int_ge(fd, 0);
    ck_assert(g_str_has_prefix(name, "/dev/pts/"));
    ck_assert(fcntl(fd, F_GETFL) & O_NONBLOCK);
    /* Nobody on the other side: reads end, writes do not wait. */
    ck_assert_int_eq(portos_term_read(fd, buf, sizeof(buf)), PORTOS_EPIPE);
    user = open(name, O_RDWR | O_NOCTTY);
    ck_assert_int_ge(user, 0);
    ck_assert_int_eq(tcgetattr(user, &tio), 0);
    ck_assert(!(tio.c_lflag & (ICANON | ECHO | ISIG)));
    ck_assert(!(tio.c_oflag & OPOST));
    /* Bytes pass unchanged: no CR added, no line buffering. */
    ck_assert_int_eq(portos_term_write_nowait(fd, "a\nb", 3), 3);
    ck_assert_int_eq(read(user, buf, sizeof(buf)), 3);
    ck_assert(memcmp(buf, "a\nb", 3) == 0);
    ck_assert_int_eq(write(user, "\x01x\r", 3), 3);
    ck_assert_int_eq(portos_term_wait(fd, 1000000000), 1);
    ck_assert_int_eq(portos_term_read(fd, buf, sizeof(buf)), 3);
    ck_assert(memcmp(buf, "\x01x\r", 3) == 0);
    /* A reader that does not read: the writes fill up, then take 0 (and
     * return at once). Not asserted twice in a row: the kernel moves pty
     * input to the line discipline later, which can free a little room. */
    memset(big, 'z', sizeof(big));
    for (int i = 0; i < 1000; i++) {
        n = portos_term_write_nowait(fd, big, sizeof(big));
        ck_assert_int_ge(n, 0);
        if (n == 0) {
            break;
        }
        total += n;
    }
    ck_assert_int_eq(n, 0);
    ck_assert_int_gt(total, 0);
    close(user);
    ck_assert_int_eq(portos_term_write_nowait(-1, "x", 1), PORTOS_EBADF);
    ck_assert_int_eq(close(fd), 0);
}
END_TEST

static void add_backend_tests(TCase *tc)
{
    tcase_add_test(tc, test_openpty);
    tcase_add_test(tc, test_raw_and_restore);
    tcase_add_test(tc, test_second_terminal_busy);
    tcase_add_test(tc, test_nonblocking_read);
    tcase_add_test(tc, test_restored_at_exit);
    tcase_add_test(tc, test_restored_on_fatal_signals);
    tcase_add_test(tc, test_write_all);
    tcase_add_test(tc, test_write_full_pipe_gives_up_on_shutdown);
    tcase_add_test(tc, test_write_errors);
    tcase_add_test(tc, test_wait);
}

#endif

/*
 * Run by run-piped.py (PORTOS_TEST_PIPED_STDIN=1): stdin is a pipe that
 * gets "abc", then "def" a moment later, then is closed. Both come through
 * non-blocking reads, waits in between, and the end of input is reported.
 * Under Wine that pipe is a Unix pipe Wine cannot peek: libportos's
 * reader-thread path.
 */
START_TEST(test_piped_stdin)
{
    char got[16];
    size_t len = 0;
    int64_t n = 0;
    int waits = 0;

    ck_assert(!portos_term_isatty(0));
    /* At most 30 s of waits of 0.1 s: the runner is done long before. */
    while (waits < 300) {
        n = portos_term_read(0, got + len, sizeof(got) - len);
        if (n < 0 || len + n == sizeof(got)) {
            break;
        }
        len += (size_t)n;
        if (!n) {
            ck_assert_int_ge(portos_term_wait(0, 100 * 1000 * 1000), 0);
            waits++;
        }
    }
    ck_assert_int_eq(n, PORTOS_EPIPE);
    ck_assert_uint_eq(len, 6);
    ck_assert(memcmp(got, "abcdef", 6) == 0);
}
END_TEST

#ifdef __EMSCRIPTEN__
/* Emscripten's getenv sees its own environment, not Node's. */
EM_JS(int, piped_stdin_js, (void), {
    return process.env.PORTOS_TEST_PIPED_STDIN === '1' ? 1 : 0;
});
#define piped_stdin_requested() piped_stdin_js()
#else
#define piped_stdin_requested() (getenv("PORTOS_TEST_PIPED_STDIN") != NULL)
#endif

Suite *suite_terminal(void)
{
    Suite *s = suite_create("terminal");
    TCase *tc = tcase_create("raw");

    tcase_add_test(tc, test_not_a_tty);
    tcase_add_test(tc, test_pipe_nonblocking_read);
    tcase_add_test(tc, test_read_end_of_input);
    tcase_add_test(tc, test_restore_when_not_raw);
    tcase_add_test(tc, test_write_raw_bytes);
#if defined(_WIN32) || defined(__EMSCRIPTEN__)
    tcase_add_test(tc, test_write_and_shutdown);
    tcase_add_test(tc, test_wait);
    tcase_add_test(tc, test_no_pty);
#endif
    add_backend_tests(tc);
    if (piped_stdin_requested()) {
        tcase_add_test(tc, test_piped_stdin);
    }
    suite_add_tcase(s, tc);
    return s;
}
