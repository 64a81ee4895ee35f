/*
 * test-coroutine-win32.c - the coroutine misuse checks of test-coroutine.c,
 * whose death tests need fork, observed in a child process on Windows
 */
#include "../portos-test.h"

#include <portos/coroutine.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define CHILD_ENV "PORTOS_TEST_CO_CHILD"

static void enter_self(void *opaque)
{
    (void)opaque;
    portos_coroutine_enter(portos_coroutine_self());
}

static void set_flag(void *opaque)
{
    *(int *)opaque = 1;
}

/* Child: misuse the API the way @how says; reaching exit(0) is a failure. */
static void misuse_child(const char *how)
{
    PortosCoroutine *co;
    int done = 0;

    if (!strcmp(how, "enter-running") &&
        portos_coroutine_create(&co, enter_self, NULL) == 0) {
        portos_coroutine_enter(co);
    } else if (!strcmp(how, "enter-finished") &&
               portos_coroutine_create(&co, set_flag, &done) == 0) {
        portos_coroutine_enter(co);
        portos_coroutine_enter(co);
    } else if (!strcmp(how, "yield-outside")) {
        portos_coroutine_yield();
    }
    exit(0);
}

/* abort() ends a process with status 3 in the Microsoft C runtime. */
START_TEST(test_misuse_aborts)
{
    ck_assert_uint_eq(portos_test_run_self(CHILD_ENV, "enter-running"), 3);
    ck_assert_uint_eq(portos_test_run_self(CHILD_ENV, "enter-finished"), 3);
    ck_assert_uint_eq(portos_test_run_self(CHILD_ENV, "yield-outside"), 3);
    ck_assert_uint_eq(portos_test_run_self(CHILD_ENV, "none"), 0);
}
END_TEST

/* A thread that already is a fiber keeps its fiber as the leader. */
static void count(void *opaque)
{
    (*(int *)opaque)++;
    portos_coroutine_yield();
    (*(int *)opaque)++;
}

/* MinGW's GetCurrentFiber() trips GCC 12's -Warray-bounds (%gs read). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
static void *current_fiber(void)
{
    return GetCurrentFiber();
}
#pragma GCC diagnostic pop

static DWORD WINAPI fiber_thread(void *arg)
{
    int *n = arg;
    void *self = ConvertThreadToFiber(NULL);
    PortosCoroutine *co;

    if (!self || portos_coroutine_create(&co, count, n) < 0) {
        return 1;
    }
    portos_coroutine_enter(co);
    portos_coroutine_enter(co);
    portos_coroutine_pool_drain();
    /* Still the same fiber, so converting back works. */
    return current_fiber() == self && ConvertFiberToThread() ? 0 : 2;
}

START_TEST(test_thread_already_a_fiber)
{
    int n = 0;
    DWORD code = 99;
    HANDLE t = CreateThread(NULL, 0, fiber_thread, &n, 0, NULL);

    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(WaitForSingleObject(t, 60000), WAIT_OBJECT_0);
    ck_assert(GetExitCodeThread(t, &code));
    CloseHandle(t);
    ck_assert_uint_eq(code, 0);
    ck_assert_int_eq(n, 2);
}
END_TEST

Suite *suite_coroutine_win32(void)
{
    const char *child = getenv(CHILD_ENV);
    Suite *s;
    TCase *tc;

    if (child) {
        misuse_child(child);
    }
    s = suite_create("coroutine-win32");
    tc = tcase_create("win32");
    tcase_add_test(tc, test_misuse_aborts);
    tcase_add_test(tc, test_thread_already_a_fiber);
    suite_add_tcase(s, tc);
    return s;
}
