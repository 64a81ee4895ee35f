/*
 * test-pl011.c - PL011 registers, FIFO and interrupt line
 */
#include <check.h>
#include <glib.h>

#include "hw/pl011.h"

static GString *txbuf;
static int irq_level, irq_changes;

static void tx_cb(void *opaque, uint8_t byte)
{
    g_string_append_c(txbuf, (char)byte);
}

static void irq_cb(void *opaque, int n, int level)
{
    ck_assert_int_eq(n, 1);
    irq_changes += level != irq_level;
    irq_level = level;
}

static PL011 *s;

static uint32_t rd(uint64_t off)
{
    return (uint32_t)pl011_ops.read(s, off, 4);
}

static void wr(uint64_t off, uint32_t v)
{
    pl011_ops.write(s, off, v, 4);
}

static void setup(void)
{
    EmuIrq irq = { irq_cb, NULL, 1 };

    txbuf = g_string_new("");
    irq_level = irq_changes = 0;
    s = pl011_new(irq, tx_cb, NULL);
}

static void teardown(void)
{
    pl011_free(s);
    g_string_free(txbuf, TRUE);
}

START_TEST(test_ids)
{
    static const uint8_t ids[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

    for (int i = 0; i < 8; i++) {
        ck_assert_uint_eq(rd(0xfe0 + 4 * i), ids[i]);
    }
}
END_TEST

START_TEST(test_transmit)
{
    ck_assert_uint_eq(rd(0x18) & 0x80, 0x80); /* TXFE */
    ck_assert_uint_eq(rd(0x18) & 0x20, 0);    /* not TXFF */
    wr(0x00, 'h');
    wr(0x00, 'i');
    ck_assert_str_eq(txbuf->str, "hi");
    /* TX interrupt raised, but masked until IMSC enables it. */
    ck_assert_uint_eq(rd(0x3c) & 0x20, 0x20);
    ck_assert_int_eq(irq_level, 0);
    wr(0x38, 0x20);
    ck_assert_int_eq(irq_level, 1);
    ck_assert_uint_eq(rd(0x40), 0x20);
    wr(0x44, 0x20); /* ICR */
    ck_assert_int_eq(irq_level, 0);
    ck_assert_uint_eq(rd(0x3c) & 0x20, 0);
}
END_TEST

START_TEST(test_receive_fifo)
{
    uint8_t in[20];

    for (int i = 0; i < 20; i++) {
        in[i] = (uint8_t)('a' + i);
    }
    /* FIFO off: one byte deep. */
    ck_assert_uint_eq(rd(0x18) & 0x10, 0x10); /* RXFE */
    ck_assert_uint_eq(pl011_can_receive(s), 1);
    ck_assert_uint_eq(pl011_receive(s, in, 20), 1);
    ck_assert_uint_eq(rd(0x18) & 0x40, 0x40); /* RXFF */
    ck_assert_uint_eq(rd(0x00), 'a');
    ck_assert_uint_eq(rd(0x18) & 0x10, 0x10);

    /* FIFO on: sixteen deep, in order. */
    wr(0x2c, 0x70);
    ck_assert_uint_eq(pl011_receive(s, in, 20), 16);
    ck_assert_uint_eq(pl011_can_receive(s), 0);
    for (int i = 0; i < 16; i++) {
        ck_assert_uint_eq(rd(0x00), 'a' + i);
    }
    ck_assert_uint_eq(rd(0x18) & 0x10, 0x10);
    ck_assert_uint_eq(rd(0x00), 0); /* empty reads 0 */
}
END_TEST

START_TEST(test_receive_interrupt)
{
    const uint8_t c = 'x';

    wr(0x38, 0x50); /* RXIM | RTIM */
    ck_assert_int_eq(irq_level, 0);
    pl011_receive(s, &c, 1);
    ck_assert_int_eq(irq_level, 1);
    ck_assert_uint_eq(rd(0x40) & 0x50, 0x50);
    ck_assert_uint_eq(rd(0x00), 'x');
    /* Draining the FIFO drops the line. */
    ck_assert_int_eq(irq_level, 0);
    ck_assert_int_eq(irq_changes, 2);
}
END_TEST

START_TEST(test_registers_roundtrip)
{
    wr(0x24, 0x1234567); /* IBRD is 16 bits */
    ck_assert_uint_eq(rd(0x24), 0x4567);
    wr(0x28, 0xff);      /* FBRD is 6 bits */
    ck_assert_uint_eq(rd(0x28), 0x3f);
    wr(0x30, 0x301);
    ck_assert_uint_eq(rd(0x30), 0x301);
    ck_assert_uint_eq(rd(0x34), 0x12); /* IFLS reset value */
    ck_assert_uint_eq(rd(0x800), 0);   /* reserved */
    wr(0x800, 0xffffffff);             /* ignored */
}
END_TEST

Suite *suite_pl011(void)
{
    Suite *su = suite_create("pl011");
    TCase *tc = tcase_create("uart");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_ids);
    tcase_add_test(tc, test_transmit);
    tcase_add_test(tc, test_receive_fifo);
    tcase_add_test(tc, test_receive_interrupt);
    tcase_add_test(tc, test_registers_roundtrip);
    suite_add_tcase(su, tc);
    return su;
}
