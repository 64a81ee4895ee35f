/*
 * test-shutdown-win32.c - signals become shutdown requests that wake a
 * main loop, on Windows
 *
 * Differences from test-shutdown.c, each a platform fact:
 * - no descriptor to poll: portos_shutdown_fd() is PORTOS_ENOTSUP and the wake-up
 *   is an event, observed through portos_shutdown_wait();
 * - no kill() and no SIGHUP in the C runtime: the "from outside" request is
 *   raise(SIGTERM) on another thread, and PORTOS_SIGHUP (console close) comes only
 *   from the console, which Wine without a terminal does not have;
 * - no SIGPIPE: a write to a closed pipe just fails (ERROR_NO_DATA or
 *   ERROR_BROKEN_PIPE, which libportos maps to -EPIPE). The C runtime's
 *   errno for it differs (EPIPE on Windows, EINVAL under Wine), so the
 *   test checks the OS error instead of errno;
 * - no sigaction(): signal() reports and restores the handlers.
 */
#include "../portos-test.h"
#include "portos-test-hooks.h"

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/shutdown.h>

#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <windows.h>

static void setup(void)
{
    ck_assert_int_eq(portos_shutdown_init(), 0);
    portos__shutdown_reset();
}

static void teardown(void)
{
    portos_shutdown_fini();
    portos__shutdown_reset();
}

START_TEST(test_no_request)
{
    ck_assert_int_eq(portos_shutdown_requested(), 0);
    ck_assert_int_eq(portos_shutdown_wait(1000000), 0);
    ck_assert_int_eq(portos_shutdown_init(), -EBUSY);
    ck_assert_int_eq(portos_shutdown_fd(), PORTOS_ENOTSUP);
}
END_TEST

START_TEST(test_signal_records_and_wakes)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGINT };

    /* SIGINT twice: the C runtime resets a handler when it runs. */
    for (size_t i = 0; i < 3; i++) {
        portos__shutdown_reset();
        ck_assert_int_eq(portos_shutdown_wait(0), 0);
        ck_assert_int_eq(raise(sigs[i]), 0);
        ck_assert_int_eq(portos_shutdown_requested(), sigs[i]);
        ck_assert_int_eq(portos_shutdown_wait(1000 * 1000 * 1000), sigs[i]);
        ck_assert_int_eq(portos_shutdown_wait(0), sigs[i]);
    }
}
END_TEST

START_TEST(test_first_request_wins)
{
    raise(SIGTERM);
    raise(SIGINT);
    ck_assert_int_eq(portos_shutdown_requested(), SIGTERM);
}
END_TEST

static gpointer raise_later(gpointer data)
{
    (void)data;
    portos_sleep_ns(50 * 1000 * 1000);
    raise(SIGTERM);
    return NULL;
}

START_TEST(test_wait_wakes_on_signal_from_other_thread)
{
    GThread *t = g_thread_new("raiser", raise_later, NULL);

    ck_assert_int_eq(portos_shutdown_wait(-1), SIGTERM);
    g_thread_join(t);
}
END_TEST

START_TEST(test_request_from_code)
{
    portos_shutdown_request(PORTOS_SIGHUP);
    ck_assert_int_eq(portos_shutdown_wait(0), PORTOS_SIGHUP);
    ck_assert_int_eq(portos_shutdown_requested(), PORTOS_SIGHUP);
}
END_TEST

START_TEST(test_reset_forgets)
{
    portos_shutdown_request(SIGINT);
    portos__shutdown_reset();
    ck_assert_int_eq(portos_shutdown_requested(), 0);
    ck_assert_int_eq(portos_shutdown_wait(1000000), 0);
}
END_TEST

START_TEST(test_broken_pipe_no_signal)
{
    int p[2];
    char c = 0;
    DWORD n, err;
    BOOL ok;

    ck_assert_int_eq(pipe(p), 0);
    close(p[0]);
    /* The process lives on and the write fails: no signal to ignore. */
    ck_assert_int_eq(write(p[1], &c, 1), -1);
    ok = WriteFile((HANDLE)_get_osfhandle(p[1]), &c, 1, &n, NULL);
    err = GetLastError();
    ck_assert(!ok);
    ck_assert(err == ERROR_NO_DATA || err == ERROR_BROKEN_PIPE);
    close(p[1]);
    ck_assert_int_eq(portos_shutdown_requested(), 0);
}
END_TEST

static volatile sig_atomic_t custom_hits;

static void custom_handler(int signo)
{
    (void)signo;
    custom_hits++;
}

START_TEST(test_fini_restores_handlers)
{
    void (*old)(int), (*now)(int);

    portos_shutdown_fini();
    old = signal(SIGTERM, custom_handler);
    ck_assert(old != SIG_ERR);

    ck_assert_int_eq(portos_shutdown_init(), 0);
    now = signal(SIGTERM, SIG_DFL);
    ck_assert(now != custom_handler && now != SIG_DFL && now != SIG_ERR);
    signal(SIGTERM, now);
    portos_shutdown_fini();

    now = signal(SIGTERM, custom_handler);
    ck_assert(now == custom_handler);
    raise(SIGTERM);
    ck_assert_int_eq(custom_hits, 1);
    ck_assert_int_eq(portos_shutdown_requested(), 0);
    ck_assert_int_eq(portos_shutdown_fd(), -EINVAL);
    ck_assert_int_eq(portos_shutdown_wait(0), -EINVAL);
    signal(SIGTERM, old);
    ck_assert_int_eq(portos_shutdown_init(), 0); /* for teardown */
}
END_TEST

/*
 * Ctrl-C/Ctrl-Break need a console. Where there is one, a real console
 * event must take the shutdown path. Wine without a terminal has no
 * console, and Wine's console on a terminal cannot generate events
 * (GenerateConsoleCtrlEvent fails with ERROR_INVALID_HANDLE).
 */
START_TEST(test_console_ctrl_break)
{
    DWORD mode;

    if (!GetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), &mode)) {
        fprintf(stderr, "test_console_ctrl_break: no console here\n");
        return;
    }
    if (GetProcAddress(GetModuleHandleA("ntdll.dll"), "wine_get_version")) {
        fprintf(stderr, "test_console_ctrl_break: Wine cannot send console events\n");
        return;
    }
    ck_assert(GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0));
    ck_assert_int_eq(portos_shutdown_wait(5 * (int64_t)1000000000), SIGTERM);
}
END_TEST

Suite *suite_shutdown(void)
{
    Suite *s = suite_create("shutdown");
    TCase *tc = tcase_create("signals");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_no_request);
    tcase_add_test(tc, test_signal_records_and_wakes);
    tcase_add_test(tc, test_first_request_wins);
    tcase_add_test(tc, test_wait_wakes_on_signal_from_other_thread);
    tcase_add_test(tc, test_request_from_code);
    tcase_add_test(tc, test_reset_forgets);
    tcase_add_test(tc, test_broken_pipe_no_signal);
    tcase_add_test(tc, test_fini_restores_handlers);
    tcase_add_test(tc, test_console_ctrl_break);
    suite_add_tcase(s, tc);
    return s;
}
