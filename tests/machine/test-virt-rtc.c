/*
 * test-virt-rtc.c - the PL031's time: each -rtc base and clock, and the
 * defaults with and without -icount
 */
#include "portos-test.h"

#include <glib.h>
#include <time.h>

#include <portos/osinfo.h>

#include "machine/virt-rtc.h"

#define NS 1000000000ull

static int64_t host_now_s(void)
{
    return portos_clock_realtime_ns() / (int64_t)NS;
}

static void assert_near(int64_t got, int64_t want)
{
    ck_assert_msg(got >= want - 2 && got <= want + 2, "%lld, expected about %lld",
                  (long long)got, (long long)want);
}

/* A date with the vm clock: exactly the date plus guest seconds. */
START_TEST(test_date_and_vm_clock)
{
    VirtRtc r;

    virt_rtc_init(&r, VIRT_RTC_BASE_DATE, 1577836800, VIRT_RTC_CLOCK_VM, false);
    ck_assert_uint_eq(virt_rtc_seconds(&r, 0), 1577836800u);
    ck_assert_uint_eq(virt_rtc_seconds(&r, 2 * NS + NS / 2), 1577836802u);
    ck_assert_uint_eq(virt_rtc_seconds(&r, 86400 * NS), 1577836800u + 86400);
}
END_TEST

/* -icount without -rtc: 2024-01-01 and guest time, reproducible. */
START_TEST(test_icount_default)
{
    VirtRtc r;

    virt_rtc_init(&r, VIRT_RTC_BASE_DEFAULT, 0, VIRT_RTC_CLOCK_DEFAULT, true);
    ck_assert_uint_eq(virt_rtc_seconds(&r, 0), VIRT_RTC_ICOUNT_BASE);
    ck_assert_uint_eq(virt_rtc_seconds(&r, 5 * NS), VIRT_RTC_ICOUNT_BASE + 5);
    /* A base given with -icount replaces the date, guest time still counts. */
    virt_rtc_init(&r, VIRT_RTC_BASE_DATE, 1150560081, VIRT_RTC_CLOCK_DEFAULT, true);
    ck_assert_uint_eq(virt_rtc_seconds(&r, 3 * NS), 1150560084u);
}
END_TEST

/* No -rtc, no -icount: the host's UTC time, whatever guest time says. */
START_TEST(test_host_default)
{
    VirtRtc r;

    virt_rtc_init(&r, VIRT_RTC_BASE_DEFAULT, 0, VIRT_RTC_CLOCK_DEFAULT, false);
    assert_near((int64_t)virt_rtc_seconds(&r, 1000 * NS), host_now_s());
    virt_rtc_init(&r, VIRT_RTC_BASE_UTC, 0, VIRT_RTC_CLOCK_RT, false);
    assert_near((int64_t)virt_rtc_seconds(&r, 0), host_now_s());
}
END_TEST

/* A date with a host clock: the date, then advancing in real time. */
START_TEST(test_date_and_host_clocks)
{
    VirtRtc host, rt;

    virt_rtc_init(&host, VIRT_RTC_BASE_DATE, 1577836800, VIRT_RTC_CLOCK_HOST, false);
    virt_rtc_init(&rt, VIRT_RTC_BASE_DATE, 1577836800, VIRT_RTC_CLOCK_RT, false);
    ck_assert_uint_eq(virt_rtc_seconds(&host, 999 * NS), 1577836800u);
    ck_assert_uint_eq(virt_rtc_seconds(&rt, 999 * NS), 1577836800u);
    g_usleep(1100 * 1000);
    ck_assert_uint_ge(virt_rtc_seconds(&host, 0), 1577836801u);
    ck_assert_uint_le(virt_rtc_seconds(&host, 0), 1577836803u);
    ck_assert_uint_ge(virt_rtc_seconds(&rt, 0), 1577836801u);
    ck_assert_uint_le(virt_rtc_seconds(&rt, 0), 1577836803u);
}
END_TEST

/* localtime: UTC plus the host's offset, computed here with the C library. */
START_TEST(test_localtime)
{
    VirtRtc r;
    time_t now = time(NULL);
    struct tm lt = *localtime(&now);
    GDateTime *as_utc = g_date_time_new_utc(lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday,
                                            lt.tm_hour, lt.tm_min, lt.tm_sec);

    ck_assert_ptr_nonnull(as_utc);
    virt_rtc_init(&r, VIRT_RTC_BASE_LOCALTIME, 0, VIRT_RTC_CLOCK_HOST, false);
    assert_near((int64_t)virt_rtc_seconds(&r, 0), g_date_time_to_unix(as_utc));
    g_date_time_unref(as_utc);
}
END_TEST

Suite *suite_virt_rtc(void)
{
    Suite *s = suite_create("virt-rtc");
    TCase *tc = tcase_create("rtc");

    tcase_add_test(tc, test_date_and_vm_clock);
    tcase_add_test(tc, test_icount_default);
    tcase_add_test(tc, test_host_default);
    tcase_add_test(tc, test_date_and_host_clocks);
    tcase_add_test(tc, test_localtime);
    suite_add_tcase(s, tc);
    return s;
}
