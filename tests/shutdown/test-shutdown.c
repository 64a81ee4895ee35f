/*
 * test-shutdown.c - signals become shutdown requests that wake a main loop
 *
 * One file for every backend; what a platform lacks is a small #ifdef:
 * - posix: the wake-up is a self-pipe a main loop can poll(), SIGPIPE is
 *   ignored, and kill() comes from outside.
 * - wasm: signals exist only in-process (raise(), and kill(), which runs
 *   the handler in the calling thread), there is no descriptor (the wait
 *   polls), and Emscripten's pipes never fail with EPIPE.
 * - win32: the wake-up is an event (no descriptor); the C runtime has no
 *   kill(), SIGHUP, SIGPIPE or sigaction(): "outside" is raise() on
 *   another thread, handlers are seen through signal(), and a write to a
 *   closed pipe fails without a signal. Console events need a console.
 */
#define _GNU_SOURCE
#include "../portos-test.h"
#include "portos-test-hooks.h"

#include <portos/error.h>
#include <portos/osinfo.h>
#include <portos/shutdown.h>

#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <unistd.h>

#if defined(_WIN32)
#include <windows.h>
#elif !defined(__EMSCRIPTEN__)
#include <poll.h>
#include <pthread.h>
/* Only posix has a descriptor to poll. */
#define HAVE_SHUTDOWN_FD 1
#endif

typedef void Handler(int);

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

#ifdef HAVE_SHUTDOWN_FD
/* poll() the wake-up descriptor as a main loop would. */
static int fd_ready(int timeout_ms)
{
    struct pollfd pfd = { .fd = portos_shutdown_fd(), .events = POLLIN };

    ck_assert_int_ge(pfd.fd, 0);
    return poll(&pfd, 1, timeout_ms);
}
#endif

START_TEST(test_no_request)
{
    int64_t t0 = portos_clock_monotonic_ns();

    ck_assert_int_eq(portos_shutdown_requested(), 0);
    ck_assert_int_eq(portos_shutdown_wait(1000000), 0);
    /* The timeout is waited out, not skipped (wasm polls for it). */
    ck_assert_int_ge(portos_clock_monotonic_ns() - t0, 900000);
    ck_assert_int_eq(portos_shutdown_init(), PORTOS_EBUSY);
#ifdef HAVE_SHUTDOWN_FD
    ck_assert_int_eq(fd_ready(0), 0);
#else
    ck_assert_int_eq(portos_shutdown_fd(), PORTOS_ENOTSUP);
#endif
}
END_TEST

START_TEST(test_signal_records_and_wakes)
{
#ifdef _WIN32
    /* No SIGHUP; SIGINT twice: the C runtime resets a handler it runs. */
    static const int sigs[] = { SIGINT, SIGTERM, SIGINT };
#else
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
#endif

    for (size_t i = 0; i < 3; i++) {
        portos__shutdown_reset();
        ck_assert_int_eq(portos_shutdown_wait(0), 0);
        ck_assert_int_eq(raise(sigs[i]), 0);
        ck_assert_int_eq(portos_shutdown_requested(), sigs[i]);
#ifdef HAVE_SHUTDOWN_FD
        /* The main loop's poll() wakes up. */
        ck_assert_int_eq(fd_ready(1000), 1);
#endif
        ck_assert_int_eq(portos_shutdown_wait(1000 * 1000 * 1000), sigs[i]);
        ck_assert_int_eq(portos_shutdown_wait(0), sigs[i]);
    }
}
END_TEST

START_TEST(test_first_request_wins)
{
    raise(SIGTERM);
    raise(SIGINT);
    ck_assert_int_eq(portos_shutdown_requested(), PORTOS_SIGTERM);
}
END_TEST

/* A signal from elsewhere: another process where there are signals from
 * other processes, another thread otherwise. */
static gpointer signal_later(gpointer data)
{
    (void)data;
    portos_sleep_ns(50 * 1000 * 1000);
#ifdef _WIN32
    raise(SIGTERM);
#else
    kill(getpid(), SIGTERM);
#endif
    return NULL;
}

START_TEST(test_wait_wakes_on_signal_from_outside)
{
    GThread *t = g_thread_new("signaller", signal_later, NULL);

    ck_assert_int_eq(portos_shutdown_wait(-1), PORTOS_SIGTERM);
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
    portos_shutdown_request(PORTOS_SIGINT);
    portos__shutdown_reset();
    ck_assert_int_eq(portos_shutdown_requested(), 0);
    ck_assert_int_eq(portos_shutdown_wait(1000000), 0);
}
END_TEST

/* A write to a closed pipe fails; it never stops the process. */
START_TEST(test_broken_pipe_no_signal)
{
#ifdef __EMSCRIPTEN__
    /* Emscripten's pipes never fail with EPIPE: only raise() sends it. */
    ck_assert_int_eq(raise(SIGPIPE), 0);
#else
    int p[2];
    char c = 0;

    ck_assert_int_eq(pipe(p), 0);
    close(p[0]);
    ck_assert_int_eq(write(p[1], &c, 1), -1);
#ifdef _WIN32
    {
        /* The runtime's errno is EPIPE on Windows, EINVAL under Wine:
         * check the OS error instead. */
        DWORD n;
        BOOL ok = WriteFile((HANDLE)_get_osfhandle(p[1]), &c, 1, &n, NULL);
        DWORD err = GetLastError();

        ck_assert(!ok);
        ck_assert(err == ERROR_NO_DATA || err == ERROR_BROKEN_PIPE);
    }
#else
    ck_assert_int_eq(errno, EPIPE);
#endif
    close(p[1]);
#endif
    ck_assert_int_eq(portos_shutdown_requested(), 0);
}
END_TEST

static volatile sig_atomic_t custom_hits;

static void custom_handler(int signo)
{
    (void)signo;
    custom_hits++;
}

/* Install @h for SIGTERM; returns the handler it replaced. */
static Handler *swap_term_handler(Handler *h)
{
#ifdef _WIN32
    return signal(SIGTERM, h);
#else
    struct sigaction sa = { .sa_handler = h }, old;

    sigemptyset(&sa.sa_mask);
    ck_assert_int_eq(sigaction(SIGTERM, &sa, &old), 0);
    return old.sa_handler;
#endif
}

START_TEST(test_fini_restores_handlers)
{
    Handler *old, *now;

    portos_shutdown_fini();
    old = swap_term_handler(custom_handler);

    ck_assert_int_eq(portos_shutdown_init(), 0);
    now = swap_term_handler(SIG_DFL);
    ck_assert(now != custom_handler && now != SIG_DFL && now != SIG_ERR);
    swap_term_handler(now);
    portos_shutdown_fini();

    ck_assert(swap_term_handler(custom_handler) == custom_handler);
    raise(SIGTERM);
    ck_assert_int_eq(custom_hits, 1);
    ck_assert_int_eq(portos_shutdown_requested(), 0);
    ck_assert_int_eq(portos_shutdown_fd(), PORTOS_EINVAL);
    ck_assert_int_eq(portos_shutdown_wait(0), PORTOS_EINVAL);
    swap_term_handler(old);
    ck_assert_int_eq(portos_shutdown_init(), 0); /* for teardown */
}
END_TEST

#ifdef HAVE_SHUTDOWN_FD
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
#endif

#ifdef _WIN32
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
    ck_assert_int_eq(portos_shutdown_wait(5 * (int64_t)1000000000), PORTOS_SIGTERM);
}
END_TEST
#endif

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
    tcase_add_test(tc, test_reset_forgets);
    tcase_add_test(tc, test_broken_pipe_no_signal);
    tcase_add_test(tc, test_fini_restores_handlers);
#ifdef HAVE_SHUTDOWN_FD
    tcase_add_test(tc, test_blocked_call_interrupted);
#endif
#ifdef _WIN32
    tcase_add_test(tc, test_console_ctrl_break);
#endif
    suite_add_tcase(s, tc);
    return s;
}
