/*
 * test-osinfo.c - clocks, sleep, thread id, CPU count, memory size
 */
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/osinfo.h>

#include <glib.h>
#include <time.h>

START_TEST(test_monotonic_advances_with_sleep)
{
    int64_t a = portos_clock_monotonic_ns();
    int64_t b;

    ck_assert_int_eq(portos_sleep_ns(20 * 1000 * 1000), 0);
    b = portos_clock_monotonic_ns();
    ck_assert_int_ge(b - a, 20 * 1000 * 1000);
}
END_TEST

START_TEST(test_realtime_matches_time)
{
    int64_t now = portos_clock_realtime_ns() / 1000000000;
    int64_t ref = (int64_t)time(NULL);

    ck_assert_int_le(now > ref ? now - ref : ref - now, 2);
    /* Sometime after 2020. */
    ck_assert_int_gt(now, 1577836800);
}
END_TEST

START_TEST(test_sleep_bad_args)
{
    ck_assert_int_eq(portos_sleep_ns(-1), -EINVAL);
    ck_assert_int_eq(portos_sleep_ns(0), 0);
}
END_TEST

static gpointer thread_id_fn(gpointer data)
{
    *(uint64_t *)data = portos_thread_id();
    return NULL;
}

START_TEST(test_thread_id)
{
    uint64_t main_id = portos_thread_id(), other = 0;
    GThread *t = g_thread_new("tid", thread_id_fn, &other);

    g_thread_join(t);
    ck_assert_uint_ne(main_id, 0);
    ck_assert_uint_ne(other, 0);
    ck_assert_uint_ne(main_id, other);
    ck_assert_uint_eq(main_id, portos_thread_id());
}
END_TEST

START_TEST(test_cpu_count)
{
    int n = portos_cpu_count();

    ck_assert_int_ge(n, 1);
    ck_assert_int_le(n, 65536);
    /* GLib counts the CPUs this process may run on: never more than online. */
    ck_assert_int_ge(n, (int)g_get_num_processors());
}
END_TEST

START_TEST(test_host_memory)
{
    int64_t mem = portos_host_memory();

    /* At least 16 MiB, at most 1 PiB: a real figure, not a default. */
    ck_assert_int_ge(mem, (int64_t)16 << 20);
    ck_assert_int_le(mem, (int64_t)1 << 50);
}
END_TEST

Suite *suite_osinfo(void)
{
    Suite *s = suite_create("osinfo");
    TCase *tc = tcase_create("facts");

    tcase_add_test(tc, test_monotonic_advances_with_sleep);
    tcase_add_test(tc, test_realtime_matches_time);
    tcase_add_test(tc, test_sleep_bad_args);
    tcase_add_test(tc, test_thread_id);
    tcase_add_test(tc, test_cpu_count);
    tcase_add_test(tc, test_host_memory);
    suite_add_tcase(s, tc);
    return s;
}
