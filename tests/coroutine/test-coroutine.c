/*
 * test-coroutine.c - enter/yield/nesting/pool semantics and misuse
 *
 * Misuse aborts: observed as death tests where Check forks (posix), in a
 * child process on Windows; wasm can observe neither.
 */
#include "../portos-test.h"

#include <portos/coroutine.h>
#include <portos/error.h>

#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#endif

static void set_flag(void *opaque)
{
    *(int *)opaque = 1;
}

START_TEST(test_create_enter_finish)
{
    PortosCoroutine *co = NULL;
    int done = 0;

    portos_coroutine_pool_drain();
    ck_assert_int_eq(portos_coroutine_create(&co, set_flag, &done), 0);
    ck_assert_ptr_nonnull(co);
    ck_assert(!portos_coroutine_entered(co));
    ck_assert_int_eq(done, 0);
    portos_coroutine_enter(co);
    ck_assert_int_eq(done, 1);
    /* Finished coroutines go back to the pool. */
    ck_assert_uint_eq(portos_coroutine_pool_size(), 1);
}
END_TEST

START_TEST(test_create_bad_args)
{
    PortosCoroutine *co;

    ck_assert_int_eq(portos_coroutine_create(NULL, set_flag, NULL), -EINVAL);
    ck_assert_int_eq(portos_coroutine_create(&co, NULL, NULL), -EINVAL);
}
END_TEST

typedef struct {
    PortosCoroutine *co;
    bool in_co;
    PortosCoroutine *self;
} SelfInfo;

static void record_self(void *opaque)
{
    SelfInfo *info = opaque;

    info->in_co = portos_in_coroutine();
    info->self = portos_coroutine_self();
    ck_assert(portos_coroutine_entered(info->co));
}

START_TEST(test_self)
{
    SelfInfo info = { 0 };

    ck_assert(!portos_in_coroutine());
    ck_assert_ptr_null(portos_coroutine_self());
    ck_assert_int_eq(portos_coroutine_create(&info.co, record_self, &info), 0);
    portos_coroutine_enter(info.co);
    ck_assert(info.in_co);
    ck_assert_ptr_eq(info.self, info.co);
    ck_assert(!portos_in_coroutine());
}
END_TEST

static void count_yields(void *opaque)
{
    int *n = opaque;

    for (int i = 0; i < 5; i++) {
        (*n)++;
        portos_coroutine_yield();
    }
    *n += 100;
}

START_TEST(test_yield_resume)
{
    PortosCoroutine *co;
    int n = 0;

    ck_assert_int_eq(portos_coroutine_create(&co, count_yields, &n), 0);
    for (int i = 1; i <= 5; i++) {
        portos_coroutine_enter(co);
        ck_assert_int_eq(n, i);
        ck_assert(portos_coroutine_entered(co));
    }
    portos_coroutine_enter(co);
    ck_assert_int_eq(n, 105);
}
END_TEST

/* Nested: outer enters inner; inner's yield comes back to outer. */
static GString *trace;

static void inner_fn(void *opaque)
{
    (void)opaque;
    g_string_append(trace, "i1 ");
    portos_coroutine_yield();
    g_string_append(trace, "i2 ");
}

static void outer_fn(void *opaque)
{
    PortosCoroutine *inner = opaque;

    g_string_append(trace, "o1 ");
    portos_coroutine_enter(inner);
    g_string_append(trace, "o2 ");
    ck_assert_ptr_nonnull(portos_coroutine_self());
    portos_coroutine_yield();
    g_string_append(trace, "o3 ");
    portos_coroutine_enter(inner);
    g_string_append(trace, "o4 ");
}

START_TEST(test_nested)
{
    PortosCoroutine *outer, *inner;

    trace = g_string_new("");
    ck_assert_int_eq(portos_coroutine_create(&inner, inner_fn, NULL), 0);
    ck_assert_int_eq(portos_coroutine_create(&outer, outer_fn, inner), 0);
    portos_coroutine_enter(outer);
    g_string_append(trace, "m1 ");
    portos_coroutine_enter(outer);
    g_string_append(trace, "m2");
    ck_assert_str_eq(trace->str, "o1 i1 o2 m1 o3 i2 o4 m2");
    g_string_free(trace, TRUE);
}
END_TEST

START_TEST(test_pool_reuse)
{
    PortosCoroutine *a, *b;
    int done = 0;

    portos_coroutine_pool_drain();
    ck_assert_uint_eq(portos_coroutine_pool_size(), 0);
    ck_assert_int_eq(portos_coroutine_create(&a, set_flag, &done), 0);
    portos_coroutine_enter(a);
    ck_assert_uint_eq(portos_coroutine_pool_size(), 1);
    done = 0;
    ck_assert_int_eq(portos_coroutine_create(&b, set_flag, &done), 0);
    /* The finished one (and its stack) is reused. */
    ck_assert_ptr_eq(a, b);
    ck_assert_uint_eq(portos_coroutine_pool_size(), 0);
    portos_coroutine_enter(b);
    ck_assert_int_eq(done, 1);
    portos_coroutine_pool_drain();
    ck_assert_uint_eq(portos_coroutine_pool_size(), 0);
}
END_TEST

#define MANY 100

static void step_fn(void *opaque)
{
    int *slot = opaque;

    for (int i = 0; i < 3; i++) {
        *slot += 1;
        portos_coroutine_yield();
    }
}

START_TEST(test_many_interleaved)
{
    PortosCoroutine *co[MANY];
    int slots[MANY] = { 0 };

    for (int i = 0; i < MANY; i++) {
        ck_assert_int_eq(portos_coroutine_create(&co[i], step_fn, &slots[i]), 0);
    }
    for (int round = 1; round <= 4; round++) {
        for (int i = 0; i < MANY; i++) {
            portos_coroutine_enter(co[i]);
            ck_assert_int_eq(slots[i], round < 4 ? round : 3);
        }
    }
    portos_coroutine_pool_drain();
}
END_TEST

/* A coroutine can use a large part of its stack. */
static void deep_fn(void *opaque)
{
    volatile char big[256 * 1024];

    memset((char *)big, 0x5a, sizeof(big));
    portos_coroutine_yield();
    *(int *)opaque = big[0] + big[sizeof(big) - 1];
}

START_TEST(test_big_stack_frame)
{
    PortosCoroutine *co;
    int sum = 0;

    ck_assert_int_eq(portos_coroutine_create(&co, deep_fn, &sum), 0);
    portos_coroutine_enter(co);
    portos_coroutine_enter(co);
    ck_assert_int_eq(sum, 0xb4);
}
END_TEST

/* Every thread has its own leader, current coroutine and pool. */
static gpointer thread_fn(gpointer data)
{
    int *n = data;
    PortosCoroutine *co;

    ck_assert(!portos_in_coroutine());
    if (portos_coroutine_create(&co, count_yields, n) == 0) {
        while (*n < 100) {
            portos_coroutine_enter(co);
        }
    }
    portos_coroutine_pool_drain();
    return NULL;
}

START_TEST(test_threads)
{
    int a = 0, b = 0;
    PortosCoroutine *co;
    GThread *t;

    ck_assert_int_eq(portos_coroutine_create(&co, count_yields, &a), 0);
    portos_coroutine_enter(co);
    t = g_thread_new("co", thread_fn, &b);
    while (a < 100) {
        portos_coroutine_enter(co);
    }
    g_thread_join(t);
    ck_assert_int_eq(a, 105);
    ck_assert_int_eq(b, 105);
}
END_TEST

/* Misuse aborts with a message. */
static void enter_self(void *opaque)
{
    (void)opaque;
    portos_coroutine_enter(portos_coroutine_self());
}

START_TEST(test_enter_running_aborts)
{
    PortosCoroutine *co;

    ck_assert_int_eq(portos_coroutine_create(&co, enter_self, NULL), 0);
    portos_coroutine_enter(co);
}
END_TEST

START_TEST(test_enter_finished_aborts)
{
    PortosCoroutine *co;
    int done = 0;

    ck_assert_int_eq(portos_coroutine_create(&co, set_flag, &done), 0);
    portos_coroutine_enter(co);
    portos_coroutine_enter(co);
}
END_TEST

START_TEST(test_yield_outside_aborts)
{
    portos_coroutine_yield();
}
END_TEST

#ifdef _WIN32
/*
 * Windows: Check cannot fork, so the misuse checks above run in a child
 * process started with CreateProcess; and fibers the thread already has.
 */
#define CHILD_ENV "PORTOS_TEST_CO_CHILD"

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

static void add_backend_tests(Suite *s)
{
    const char *child = getenv(CHILD_ENV);
    TCase *tc;

    if (child) {
        misuse_child(child);
    }
    tc = tcase_create("win32");
    tcase_add_test(tc, test_misuse_aborts);
    tcase_add_test(tc, test_thread_already_a_fiber);
    suite_add_tcase(s, tc);
}
#else
static void add_backend_tests(Suite *s)
{
    (void)s;
}
#endif

Suite *suite_coroutine(void)
{
    Suite *s = suite_create("coroutine");
    TCase *tc = tcase_create("semantics");
    TCase *misuse = tcase_create("misuse");

    tcase_add_test(tc, test_create_enter_finish);
    tcase_add_test(tc, test_create_bad_args);
    tcase_add_test(tc, test_self);
    tcase_add_test(tc, test_yield_resume);
    tcase_add_test(tc, test_nested);
    tcase_add_test(tc, test_pool_reuse);
    tcase_add_test(tc, test_many_interleaved);
    tcase_add_test(tc, test_big_stack_frame);
#ifndef PORTOS_TEST_NO_THREADS
    tcase_add_test(tc, test_threads);
#endif
    suite_add_tcase(s, tc);

    PORTOS_ADD_DEATH_TEST(misuse, test_enter_running_aborts, SIGABRT);
    PORTOS_ADD_DEATH_TEST(misuse, test_enter_finished_aborts, SIGABRT);
    PORTOS_ADD_DEATH_TEST(misuse, test_yield_outside_aborts, SIGABRT);
    suite_add_tcase(s, misuse);
    add_backend_tests(s);
    return s;
}
