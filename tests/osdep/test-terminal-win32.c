/*
 * test-terminal-win32.c - console raw mode, restore on exit paths and
 * non-blocking reads, on Windows
 *
 * Differences from test-terminal.c, each a platform fact:
 * - Windows has no pseudo-terminals to make a terminal on demand: the
 *   console tests use this process's console (stdin) when it has one and
 *   say so on stderr when it has none (Wine run without a terminal, as
 *   meson test does). Input is injected with WriteConsoleInput, the
 *   console's own queue, instead of writing to a pty master.
 * - a console is not a byte stream: raw mode is checked through the
 *   console mode flags, not termios bits.
 * - exit paths are checked in a child started with CreateProcess (no
 *   fork); SIGSEGV and SIGQUIT have no C runtime equivalent for raise()
 *   worth testing, so abort() stands for the fatal-signal path.
 */
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/terminal.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#ifndef ENABLE_VIRTUAL_TERMINAL_INPUT
#define ENABLE_VIRTUAL_TERMINAL_INPUT 0x0200
#endif

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif
#ifndef DISABLE_NEWLINE_AUTO_RETURN
#define DISABLE_NEWLINE_AUTO_RETURN 0x0008
#endif

#define CHILD_ENV "PORTOS_TEST_TERM_CHILD"
#define COOKED (ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_PROCESSED_INPUT)

START_TEST(test_not_a_tty)
{
    int fds[2];

    ck_assert_int_eq(pipe(fds), 0);
    ck_assert(!portos_term_isatty(fds[0]));
    ck_assert_int_eq(portos_term_raw(fds[0]), -ENOTTY);
    ck_assert(!portos_term_is_raw());
    close(fds[0]);
    close(fds[1]);
}
END_TEST

/* The C runtime's isatty() says yes for NUL; it is no terminal. */
START_TEST(test_nul_not_a_tty)
{
    int fd = open("NUL", O_RDONLY);
    char buf[4];

    ck_assert_int_ge(fd, 0);
    ck_assert(!portos_term_isatty(fd));
    ck_assert_int_eq(portos_term_raw(fd), -ENOTTY);
    ck_assert_int_eq(portos_term_read(fd, buf, sizeof(buf)), -EPIPE);
    close(fd);
}
END_TEST

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
    close(fds[0]);
    close(fds[1]);
}
END_TEST

/*
 * Raw bytes out even on a text-mode descriptor (where _write would turn
 * LF into CR LF): read back through the handle, bypassing the runtime.
 */
START_TEST(test_write_raw_bytes)
{
    static const char out[] = "a\nb\r\n\x1a\x00z";
    char buf[32];
    DWORD n = 0;
    int fds[2];

    ck_assert_int_eq(_pipe(fds, 4096, _O_TEXT), 0);
    ck_assert_int_eq(portos_term_write(fds[1], out, sizeof(out)), sizeof(out));
    ck_assert(ReadFile((HANDLE)_get_osfhandle(fds[0]), buf, sizeof(buf), &n, NULL));
    ck_assert_uint_eq(n, sizeof(out));
    ck_assert(memcmp(buf, out, sizeof(out)) == 0);
    close(fds[0]);
    close(fds[1]);
    ck_assert_int_eq(portos_term_write(fds[1], out, 1), -EBADF);
}
END_TEST

/* Not a console: sleeps; bad arguments. */
START_TEST(test_wait)
{
    int fds[2];
    int64_t t0 = portos_clock_monotonic_ns();

    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(portos_term_wait(fds[0], 20 * 1000 * 1000), 0);
    ck_assert_int_ge(portos_clock_monotonic_ns() - t0, 19 * 1000 * 1000);
    ck_assert_int_eq(portos_term_wait(fds[0], -1), -EINVAL);
    close(fds[0]);
    close(fds[1]);
    ck_assert_int_eq(portos_term_wait(fds[0], 0), -EBADF);
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
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), -EPIPE);
    close(fds[0]);
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), -EBADF);
}
END_TEST

START_TEST(test_restore_when_not_raw)
{
    ck_assert(!portos_term_is_raw());
    ck_assert_int_eq(portos_term_restore(), 0);
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
    ck_assert_int_eq(portos_term_raw(other), -EBUSY);
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

Suite *suite_terminal(void)
{
    const char *child = getenv(CHILD_ENV);
    Suite *s;
    TCase *tc;

    if (child) {
        term_child(child);
    }
    s = suite_create("terminal");
    tc = tcase_create("raw");
    tcase_add_test(tc, test_not_a_tty);
    tcase_add_test(tc, test_nul_not_a_tty);
    tcase_add_test(tc, test_pipe_nonblocking_read);
    tcase_add_test(tc, test_write_raw_bytes);
    tcase_add_test(tc, test_wait);
    tcase_add_test(tc, test_read_end_of_input);
    tcase_add_test(tc, test_restore_when_not_raw);
    tcase_add_test(tc, test_console_raw_and_restore);
    tcase_add_test(tc, test_console_output_raw);
    tcase_add_test(tc, test_console_nonblocking_read);
    tcase_add_test(tc, test_restored_after_child);
    suite_add_tcase(s, tc);
    return s;
}
