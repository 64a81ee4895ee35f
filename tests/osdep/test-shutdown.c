/*
 * test-shutdown.c - signals become shutdown requests that wake a main loop
 */
#define _GNU_SOURCE
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/shutdown.h>

#include <glib.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void setup(void)
{
    ck_assert_int_eq(portos_shutdown_init(), 0);
    portos_shutdown_reset();
}

static void teardown(void)
{
    portos_shutdown_fini();
    portos_shutdown_reset();
}

START_TEST(test_no_request)
{
    ck_assert_int_eq(portos_shutdown_requested(), 0);
    ck_assert_int_eq(portos_shutdown_wait(1000000), 0);
    ck_assert_int_eq(portos_shutdown_init(), -EBUSY);
}
END_TEST

START_TEST(test_signal_records_and_wakes)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

    for (size_t i = 0; i < 3; i++) {
        struct pollfd pfd = { .fd = portos_shutdown_fd(), .events = POLLIN };

        portos_shutdown_reset();
        ck_assert_int_ge(pfd.fd, 0);
        ck_assert_int_eq(poll(&pfd, 1, 0), 0);
        ck_assert_int_eq(raise(sigs[i]), 0);
        ck_assert_int_eq(portos_shutdown_requested(), sigs[i]);
        /* The main loop's poll() wakes up. */
        ck_assert_int_eq(poll(&pfd, 1, 1000), 1);
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

static pthread_t main_thread;
static int late_fd;

static gpointer signal_main_then_write(gpointer data)
{
    (void)data;
    portos_sleep_ns(100 * 1000 * 1000);
    pthread_kill(main_thread, SIGTERM);
    portos_sleep_ns(1000 * 1000 * 1000);
    /* Ends a read that the signal did not interrupt (SA_RESTART). */
    (void)!write(late_fd, "x", 1);
    return NULL;
}

/*
 * A call blocked when the signal comes fails with EINTR, so a program
 * stuck writing to a full pipe (or reading) can look at the request.
 */
START_TEST(test_blocked_call_interrupted)
{
    int p[2];
    char c;
    ssize_t n;
    int err;
    GThread *t;

    ck_assert_int_eq(pipe(p), 0);
    main_thread = pthread_self();
    late_fd = p[1];
    t = g_thread_new("signaller", signal_main_then_write, NULL);
    n = read(p[0], &c, 1);
    err = errno;
    g_thread_join(t);
    close(p[0]);
    close(p[1]);
    ck_assert_int_eq(n, -1);
    ck_assert_int_eq(err, EINTR);
    ck_assert_int_eq(portos_shutdown_requested(), SIGTERM);
}
END_TEST

START_TEST(test_request_from_code)
{
    portos_shutdown_request(SIGHUP);
    ck_assert_int_eq(portos_shutdown_wait(0), SIGHUP);
}
END_TEST

START_TEST(test_sigpipe_ignored)
{
    int p[2];
    char c = 0;

    ck_assert_int_eq(pipe(p), 0);
    close(p[0]);
    ck_assert_int_eq(write(p[1], &c, 1), -1);
    ck_assert_int_eq(errno, EPIPE);
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
    tcase_add_test(tc, test_blocked_call_interrupted);
    tcase_add_test(tc, test_sigpipe_ignored);
    tcase_add_test(tc, test_fini_restores_handlers);
    suite_add_tcase(s, tc);
    return s;
}
