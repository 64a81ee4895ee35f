/*
 * test-pl061.c - PL061 GPIO: data masking, direction, edge and level
 * interrupts, IDs, and offsets a hostile guest may use
 */
#include <check.h>
#include <glib.h>

#include "hw/pl061.h"

static int gpio_irq;

static void gpio_irq_cb(void *opaque, int n, int level)
{
    gpio_irq = level;
}

static PL061 *new_gpio(void)
{
    EmuIrq irq = { gpio_irq_cb, NULL, 0 };

    gpio_irq = -1;
    return pl061_new(irq);
}

#define RD(s, off) pl061_ops.read((s), (off), 4)
#define WR(s, off, v) pl061_ops.write((s), (off), (v), 4)

START_TEST(test_ids_and_data)
{
    PL061 *s = new_gpio();
    static const uint8_t id[8] = { 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

    for (unsigned i = 0; i < 8; i++) {
        ck_assert_uint_eq(RD(s, 0xfe0 + 4 * i), id[i]);
    }
    /* Inputs read through the address mask (bits [9:2]). */
    pl061_set_input(s, 3, true);
    pl061_set_input(s, 0, true);
    ck_assert_uint_eq(RD(s, 0x3fc), 0x09);
    ck_assert_uint_eq(RD(s, 0x020), 0x08);        /* mask = bit 3 */
    ck_assert_uint_eq(RD(s, 0x010), 0x00);        /* mask = bit 2 */
    /* Outputs: a write changes only the masked output pins. */
    WR(s, 0x400, 0xf0);
    ck_assert_uint_eq(RD(s, 0x400), 0xf0);
    WR(s, 0x3fc, 0xff);
    ck_assert_uint_eq(RD(s, 0x3fc), 0xf9);
    WR(s, 0x100, 0x00);                           /* mask = bit 6 */
    ck_assert_uint_eq(RD(s, 0x3fc), 0xb9);
    /* An input pin keeps its level whatever is written to it. */
    WR(s, 0x3fc, 0x00);
    ck_assert_uint_eq(RD(s, 0x3fc), 0x09);
    pl061_free(s);
}
END_TEST

START_TEST(test_edge_irq)
{
    PL061 *s = new_gpio();

    /* Reset: edge sense, falling edge only, all masked. */
    pl061_set_input(s, 3, true);
    ck_assert_uint_eq(RD(s, 0x414), 0);           /* rising: not wanted */
    pl061_set_input(s, 3, false);
    ck_assert_uint_eq(RD(s, 0x414), 0x08);        /* falling: latched */
    ck_assert_uint_eq(RD(s, 0x418), 0);
    ck_assert_int_eq(gpio_irq, 0);
    WR(s, 0x410, 0x08);                           /* unmask */
    ck_assert_int_eq(gpio_irq, 1);
    ck_assert_uint_eq(RD(s, 0x418), 0x08);
    WR(s, 0x41c, 0x08);                           /* clear */
    ck_assert_int_eq(gpio_irq, 0);
    ck_assert_uint_eq(RD(s, 0x414), 0);
    /* Both edges (what gpio-keys asks for): the press interrupts. */
    WR(s, 0x408, 0x08);
    pl061_set_input(s, 3, true);
    ck_assert_int_eq(gpio_irq, 1);
    WR(s, 0x41c, 0x08);
    ck_assert_int_eq(gpio_irq, 0);
    pl061_set_input(s, 3, false);
    ck_assert_int_eq(gpio_irq, 1);
    /* Other pins' edges do not show on pin 3's mask. */
    WR(s, 0x41c, 0xff);
    pl061_set_input(s, 5, true);
    pl061_set_input(s, 5, false);
    ck_assert_uint_eq(RD(s, 0x414), 0x20);
    ck_assert_int_eq(gpio_irq, 0);
    pl061_free(s);
}
END_TEST

START_TEST(test_level_irq)
{
    PL061 *s = new_gpio();

    WR(s, 0x404, 0x02);                           /* pin 1 level sensitive */
    WR(s, 0x40c, 0x02);                           /* high level */
    WR(s, 0x410, 0x02);
    ck_assert_int_eq(gpio_irq, 0);
    pl061_set_input(s, 1, true);
    ck_assert_int_eq(gpio_irq, 1);
    WR(s, 0x41c, 0x02);                           /* a level cannot be cleared */
    ck_assert_int_eq(gpio_irq, 1);
    pl061_set_input(s, 1, false);
    ck_assert_int_eq(gpio_irq, 0);
    WR(s, 0x40c, 0x00);                           /* now low is active */
    ck_assert_int_eq(gpio_irq, 1);
    pl061_reset(s);
    ck_assert_int_eq(gpio_irq, 0);
    ck_assert_uint_eq(RD(s, 0x404), 0);
    pl061_free(s);
}
END_TEST

START_TEST(test_hostile_offsets)
{
    PL061 *s = new_gpio();
    static const uint64_t bad[] = { 0x401, 0x3ff, 0xfe1, 0xffd, 0xfff, 0x1000,
                                    0x1ffc, UINT64_MAX, UINT64_MAX - 3 };

    for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++) {
        WR(s, bad[i], 0xff);
        ck_assert_uint_eq(RD(s, bad[i]), 0);
        ck_assert_uint_eq(pl061_ops.read(s, bad[i], 1), 0);
    }
    /* Reserved and read-only registers ignore writes. */
    WR(s, 0x424, 0xff);
    WR(s, 0x414, 0xff);
    WR(s, 0x418, 0xff);
    WR(s, 0xfe0, 0xff);
    ck_assert_uint_eq(RD(s, 0x424), 0);
    ck_assert_uint_eq(RD(s, 0x414), 0);
    ck_assert_uint_eq(RD(s, 0xfe0), 0x61);
    ck_assert_uint_eq(RD(s, 0x400), 0);
    /* Pins past the eighth do not exist. */
    pl061_set_input(s, 8, true);
    pl061_set_input(s, 1000, true);
    ck_assert_uint_eq(RD(s, 0x3fc), 0);
    pl061_free(s);
}
END_TEST

Suite *suite_pl061(void)
{
    Suite *su = suite_create("pl061");
    TCase *tc = tcase_create("gpio");

    tcase_add_test(tc, test_ids_and_data);
    tcase_add_test(tc, test_edge_irq);
    tcase_add_test(tc, test_level_irq);
    tcase_add_test(tc, test_hostile_offsets);
    suite_add_tcase(su, tc);
    return su;
}
