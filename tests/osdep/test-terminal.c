/*
 * test-terminal.c - raw mode on a real pseudo-terminal, restore on every
 * exit path, non-blocking reads
 */
#define _GNU_SOURCE
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/terminal.h>

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

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

START_TEST(test_second_terminal_busy)
{
    Pty a = open_pty(), b = open_pty();

    ck_assert_int_eq(portos_term_raw(a.slave), 0);
    ck_assert_int_eq(portos_term_raw(b.slave), -EBUSY);
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

/* Raw bytes out, LF not turned into CR LF; -EBADF for a closed fd. */
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
    ck_assert_int_eq(portos_term_wait(p.slave, -1), -EINVAL);
    close_pty(&p);
    ck_assert_int_eq(portos_term_wait(p.slave, 0), -EBADF);
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

Suite *suite_terminal(void)
{
    Suite *s = suite_create("terminal");
    TCase *tc = tcase_create("raw");

    tcase_add_test(tc, test_raw_and_restore);
    tcase_add_test(tc, test_not_a_tty);
    tcase_add_test(tc, test_second_terminal_busy);
    tcase_add_test(tc, test_nonblocking_read);
    tcase_add_test(tc, test_write_raw_bytes);
    tcase_add_test(tc, test_wait);
    tcase_add_test(tc, test_read_end_of_input);
    tcase_add_test(tc, test_restored_at_exit);
    tcase_add_test(tc, test_restored_on_fatal_signals);
    suite_add_tcase(s, tc);
    return s;
}
