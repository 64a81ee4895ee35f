/*
 * test-shutdown-wasm.c - signals raised in the process become shutdown
 * requests (test-shutdown.c's assertions, less what wasm lacks: a wake-up
 * descriptor, SIGPIPE, and signals from other processes)
 */
#define _GNU_SOURCE
#include "../portos-test.h"
#include "portos-test-hooks.h"

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/shutdown.h>

#include <glib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

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
    int64_t t0 = portos_clock_monotonic_ns();

    ck_assert_int_eq(portos_shutdown_requested(), 0);
    ck_assert_int_eq(portos_shutdown_wait(1000000), 0);
    /* wasm polls: the timeout must still be waited out, not skipped. */
    ck_assert_int_ge(portos_clock_monotonic_ns() - t0, 1000000);
    ck_assert_int_eq(portos_shutdown_init(), -EBUSY);
}
END_TEST

/* wasm: no descriptor can be made readable, so the loop polls instead. */
START_TEST(test_signal_records_and_wakes)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

    ck_assert_int_eq(portos_shutdown_fd(), PORTOS_ENOTSUP);
    for (size_t i = 0; i < 3; i++) {
        portos__shutdown_reset();
        ck_assert_int_eq(portos_shutdown_wait(0), 0);
        ck_assert_int_eq(raise(sigs[i]), 0);
        ck_assert_int_eq(portos_shutdown_requested(), sigs[i]);
        ck_assert_int_eq(portos_shutdown_wait(0), sigs[i]);
        ck_assert_int_eq(portos_shutdown_wait(-1), sigs[i]);
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

/*
 * Emscripten's kill() reaches only its own process and runs the handler
 * in the calling thread: "outside" is another thread here.
 */
static gpointer kill_later(gpointer data)
{
    (void)data;
    portos_sleep_ns(50 * 1000 * 1000);
    kill(getpid(), SIGTERM);
    return NULL;
}

START_TEST(test_wait_wakes_on_signal_from_outside)
{
    GThread *t = g_thread_new("killer", kill_later, NULL);

    ck_assert_int_eq(portos_shutdown_wait(-1), SIGTERM);
    g_thread_join(t);
}
END_TEST

START_TEST(test_request_from_code)
{
    portos_shutdown_request(SIGHUP);
    ck_assert_int_eq(portos_shutdown_wait(0), SIGHUP);
}
END_TEST

/*
 * Emscripten's pipes never fail with EPIPE (a write to a pipe without a
 * reader succeeds), so SIGPIPE can only come from raise(): ignored.
 */
START_TEST(test_sigpipe_ignored)
{
    ck_assert_int_eq(raise(SIGPIPE), 0);
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
    struct sigaction sa = { 0 }, old, now;

    portos_shutdown_fini();
    sa.sa_handler = custom_handler;
    sigemptyset(&sa.sa_mask);
    ck_assert_int_eq(sigaction(SIGTERM, &sa, &old), 0);

    ck_assert_int_eq(portos_shutdown_init(), 0);
    ck_assert_int_eq(sigaction(SIGTERM, NULL, &now), 0);
    ck_assert(now.sa_handler != custom_handler);
    portos_shutdown_fini();

    ck_assert_int_eq(sigaction(SIGTERM, NULL, &now), 0);
    ck_assert(now.sa_handler == custom_handler);
    raise(SIGTERM);
    ck_assert_int_eq(custom_hits, 1);
    ck_assert_int_eq(portos_shutdown_fd(), -EINVAL);
    ck_assert_int_eq(portos_shutdown_wait(0), -EINVAL);
    sigaction(SIGTERM, &old, NULL);
    ck_assert_int_eq(portos_shutdown_init(), 0); /* for teardown */
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
    tcase_add_test(tc, test_wait_wakes_on_signal_from_outside);
    tcase_add_test(tc, test_request_from_code);
    tcase_add_test(tc, test_sigpipe_ignored);
    tcase_add_test(tc, test_fini_restores_handlers);
    suite_add_tcase(s, tc);
    return s;
}
