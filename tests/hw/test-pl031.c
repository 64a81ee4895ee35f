/*
 * test-pl031.c - PL031 RTC: guest clock offset, match interrupt, IDs
 */
#include <check.h>
#include <glib.h>

#include "hw/pl031.h"

static uint64_t fake_secs = 1700000000;

static uint64_t rtc_clock(void *opaque)
{
    return fake_secs;
}

static int rtc_irq;

static void rtc_irq_cb(void *opaque, int n, int level)
{
    rtc_irq = level;
}

START_TEST(test_pl031)
{
    EmuIrq irq = { rtc_irq_cb, NULL, 0 };
    PL031 *r = pl031_new(irq, rtc_clock, NULL);

    ck_assert_uint_eq(pl031_ops.read(r, 0x00, 4), 1700000000);
    ck_assert_uint_eq(pl031_ops.read(r, 0xfe0, 4), 0x31);
    ck_assert_uint_eq(pl031_ops.read(r, 0xffc, 4), 0xb1);
    /* Setting the guest clock moves only the guest's view. */
    pl031_ops.write(r, 0x08, 1000, 4);
    ck_assert_uint_eq(pl031_ops.read(r, 0x00, 4), 1000);
    fake_secs += 5;
    ck_assert_uint_eq(pl031_ops.read(r, 0x00, 4), 1005);
    /* Match interrupt. */
    pl031_ops.write(r, 0x04, 1007, 4);
    pl031_ops.write(r, 0x10, 1, 4);
    ck_assert_int_eq(rtc_irq, 0);
    fake_secs += 2;
    pl031_update(r);
    ck_assert_int_eq(rtc_irq, 1);
    ck_assert_uint_eq(pl031_ops.read(r, 0x18, 4), 1);
    pl031_ops.write(r, 0x1c, 1, 4);
    ck_assert_int_eq(rtc_irq, 0);
    pl031_free(r);
}
END_TEST

Suite *suite_pl031(void)
{
    Suite *su = suite_create("pl031");
    TCase *rtc = tcase_create("rtc");

    tcase_add_test(rtc, test_pl031);
    suite_add_tcase(su, rtc);
    return su;
}
