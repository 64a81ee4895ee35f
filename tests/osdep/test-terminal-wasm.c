/*
 * test-terminal-wasm.c - the host terminal under Node
 *
 * test-terminal.c opens pseudo-terminals and forks; a wasm program can do
 * neither. Node can switch only its own stdin, so Meson runs this suite
 * twice: as is (stdin is no terminal) and under run-in-pty.py with
 * PORTOS_TEST_EXPECT_TTY=1, where stdin/stdout are a real pty whose state
 * is read back with stty(1), and typed input comes from the runner.
 */
#define _GNU_SOURCE
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/terminal.h>

#include <emscripten.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

START_TEST(test_raw_and_restore)
{
    if (!tty) {
        ck_assert_int_eq(portos_term_raw(0), -ENOTTY);
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
    ck_assert_int_eq(portos_term_raw(1), -EBUSY);
    ck_assert_int_eq(portos_term_restore(), 0);
    /* Node can switch stdin only. */
    ck_assert_int_eq(portos_term_raw(1), -ENOTSUP);
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

/* Raw bytes out, LF unchanged; -EBADF for a closed fd. */
START_TEST(test_write_raw_bytes)
{
    static const char out[] = "a\nb\r\n\x1a\x00z";
    char buf[32];
    int fds[2];

    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(portos_term_write(fds[1], out, sizeof(out)), sizeof(out));
    ck_assert_int_eq(read(fds[0], buf, sizeof(buf)), sizeof(out));
    ck_assert(memcmp(buf, out, sizeof(out)) == 0);
    close(fds[0]);
    close(fds[1]);
    ck_assert_int_eq(portos_term_write(fds[1], out, 1), -EBADF);
}
END_TEST

/* Sleeps (Node's stdin cannot be waited on); bad arguments. */
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

/*
 * Emscripten's pipes never report end of input (an empty pipe whose
 * writer closed is EAGAIN, like an open one), so where test-terminal.c
 * expects -EPIPE this sees "nothing pending".
 */
START_TEST(test_read_end_of_input)
{
    int fds[2];
    char buf[4];

    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), 0);
    ck_assert_int_eq(write(fds[1], "ab", 2), 2);
    close(fds[1]);
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), 2);
    ck_assert(memcmp(buf, "ab", 2) == 0);
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), 0);
    close(fds[0]);
    ck_assert_int_eq(portos_term_read(fds[0], buf, sizeof(buf)), -EBADF);
}
END_TEST

Suite *suite_terminal(void)
{
    Suite *s = suite_create("terminal");
    TCase *tc = tcase_create("raw");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_isatty_matches_host);
    tcase_add_test(tc, test_not_a_tty);
    tcase_add_test(tc, test_raw_and_restore);
    tcase_add_test(tc, test_second_terminal_busy);
    tcase_add_test(tc, test_nonblocking_read);
    tcase_add_test(tc, test_write_raw_bytes);
    tcase_add_test(tc, test_wait);
    tcase_add_test(tc, test_read_end_of_input);
    suite_add_tcase(s, tc);
    return s;
}
