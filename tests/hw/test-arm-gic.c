/*
 * test-arm-gic.c - GICv2 as Linux drives it: enable, route, acknowledge,
 * end of interrupt, priorities, masking, level and edge inputs, SGIs
 */
#include <check.h>
#include <glib.h>

#include "hw/arm-gic.h"

static ArmGic *s;
static int cpu_irq;

static void irq_cb(void *opaque, int n, int level)
{
    cpu_irq = level;
}

static uint32_t dr(uint64_t off) { return (uint32_t)arm_gic_dist_ops.read(s, off, 4); }
static void dw(uint64_t off, uint32_t v) { arm_gic_dist_ops.write(s, off, v, 4); }
static void dwb(uint64_t off, uint8_t v) { arm_gic_dist_ops.write(s, off, v, 1); }
static uint32_t cr(uint64_t off) { return (uint32_t)arm_gic_cpu_ops.read(s, off, 4); }
static void cw(uint64_t off, uint32_t v) { arm_gic_cpu_ops.write(s, off, v, 4); }

static void setup(void)
{
    EmuIrq out = { irq_cb, NULL, 0 };

    cpu_irq = 0;
    s = arm_gic_new(out);
}

static void teardown(void)
{
    arm_gic_free(s);
}

/* What Linux's gic_dist_init/gic_cpu_init do, in short. */
static void linux_init(void)
{
    dw(0x000, 1);            /* GICD_CTLR enable */
    cw(0x04, 0xf0);          /* PMR */
    cw(0x00, 1);             /* GICC_CTLR enable */
}

START_TEST(test_typer_and_ids)
{
    ck_assert_uint_eq(dr(0x004) & 0x1f, GIC_NR_IRQS / 32 - 1);
    ck_assert_uint_eq((dr(0x004) >> 5) & 7, 0);     /* one CPU */
    ck_assert_uint_eq((dr(0xfe8) >> 4) & 0xf, 2);   /* GICv2 */
    ck_assert_uint_eq(dr(0x800) & 0xff, 1);         /* SGI 0 targets CPU 0 */
}
END_TEST

START_TEST(test_spi_level_flow)
{
    int spi = 32 + 1; /* the UART's SPI 1 */

    linux_init();
    dwb(0x400 + spi, 0xa0);
    dwb(0x800 + spi, 1);
    arm_gic_set_irq(s, spi, 1);
    ck_assert_int_eq(cpu_irq, 0);              /* not enabled yet */
    dw(0x100 + 4 * (spi / 32), 1u << (spi % 32));
    ck_assert_int_eq(cpu_irq, 1);
    ck_assert_uint_eq(cr(0x18), spi);          /* HPPIR */
    ck_assert_uint_eq(cr(0x0c), spi);          /* IAR: now active */
    ck_assert_int_eq(cpu_irq, 0);
    ck_assert_uint_eq(cr(0x14), 0xa0);         /* running priority */
    ck_assert_uint_eq(cr(0x0c), GIC_SPURIOUS); /* nothing else */
    cw(0x10, spi);                              /* EOI */
    /* Line still high: level interrupt pending again. */
    ck_assert_int_eq(cpu_irq, 1);
    arm_gic_set_irq(s, spi, 0);
    ck_assert_int_eq(cpu_irq, 0);
    ck_assert_uint_eq(cr(0x0c), GIC_SPURIOUS);
}
END_TEST

START_TEST(test_edge_latches)
{
    int ppi = 27; /* virtual timer */

    linux_init();
    dw(0xc00 + 4, 2u << (2 * (ppi - 16)));    /* ICFGR1: edge */
    dwb(0x400 + ppi, 0x80);
    dw(0x100, 1u << ppi);
    arm_gic_set_irq(s, ppi, 1);
    arm_gic_set_irq(s, ppi, 0);                /* pulse */
    ck_assert_int_eq(cpu_irq, 1);
    ck_assert_uint_eq(cr(0x0c), ppi);
    cw(0x10, ppi);
    ck_assert_int_eq(cpu_irq, 0);              /* edge consumed */
}
END_TEST

START_TEST(test_priority_and_preemption)
{
    linux_init();
    dwb(0x400 + 40, 0xa0);
    dwb(0x400 + 41, 0x40);
    dw(0x104, (1u << 8) | (1u << 9));
    arm_gic_set_irq(s, 40, 1);
    ck_assert_uint_eq(cr(0x0c), 40);
    /* A higher priority one preempts the running one. */
    arm_gic_set_irq(s, 41, 1);
    ck_assert_int_eq(cpu_irq, 1);
    ck_assert_uint_eq(cr(0x0c), 41);
    /* Masked by PMR. */
    cw(0x10, 41);
    cw(0x10, 40);
    arm_gic_set_irq(s, 41, 0);
    cw(0x04, 0x90);
    ck_assert_int_eq(cpu_irq, 0);              /* 0xa0 >= PMR 0x90 */
    ck_assert_uint_eq(cr(0x0c), GIC_SPURIOUS);
    cw(0x04, 0xf0);
    ck_assert_int_eq(cpu_irq, 1);
}
END_TEST

START_TEST(test_disable_and_pending_regs)
{
    linux_init();
    dwb(0x400 + 50, 0x10);
    dw(0x200 + 4, 1u << 18);                   /* ISPENDR: software pending */
    ck_assert_uint_eq(dr(0x200 + 4) & (1u << 18), 1u << 18);
    ck_assert_int_eq(cpu_irq, 0);
    dw(0x100 + 4, 1u << 18);
    ck_assert_int_eq(cpu_irq, 1);
    dw(0x180 + 4, 1u << 18);                   /* ICENABLER */
    ck_assert_int_eq(cpu_irq, 0);
    ck_assert_uint_eq(dr(0x100 + 4) & (1u << 18), 0);
    dw(0x280 + 4, 1u << 18);                   /* ICPENDR */
    ck_assert_uint_eq(dr(0x200 + 4) & (1u << 18), 0);
    dw(0x000, 0);                              /* distributor off */
    dw(0x100 + 4, 1u << 18);
    dw(0x200 + 4, 1u << 18);
    ck_assert_int_eq(cpu_irq, 0);
}
END_TEST

START_TEST(test_sgi)
{
    linux_init();
    dwb(0x400 + 3, 0x20);
    dw(0xf00, (1u << 16) | 3);                 /* SGI 3 to CPU 0 */
    ck_assert_int_eq(cpu_irq, 1);
    ck_assert_uint_eq(cr(0x0c), 3);
    cw(0x10, 3);
    ck_assert_int_eq(cpu_irq, 0);
    dw(0xf00, (1u << 24) | 3);                 /* all but self: nobody */
    ck_assert_int_eq(cpu_irq, 0);
    dw(0xf00, (2u << 24) | 5);                 /* self */
    ck_assert_uint_eq(cr(0x0c), 5);
}
END_TEST

START_TEST(test_bad_input_ignored)
{
    linux_init();
    arm_gic_set_irq(s, 3, 1);                  /* SGIs are not lines */
    arm_gic_set_irq(s, GIC_NR_IRQS, 1);
    arm_gic_set_irq(s, -1, 1);
    ck_assert_int_eq(cpu_irq, 0);
    cw(0x10, 1022);                            /* EOI of nothing */
    cw(0x1000, 2000);
    ck_assert_uint_eq(cr(0x0c), GIC_SPURIOUS);
}
END_TEST

Suite *suite_arm_gic(void)
{
    Suite *su = suite_create("arm-gic");
    TCase *tc = tcase_create("gicv2");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_typer_and_ids);
    tcase_add_test(tc, test_spi_level_flow);
    tcase_add_test(tc, test_edge_latches);
    tcase_add_test(tc, test_priority_and_preemption);
    tcase_add_test(tc, test_disable_and_pending_regs);
    tcase_add_test(tc, test_sgi);
    tcase_add_test(tc, test_bad_input_ignored);
    suite_add_tcase(su, tc);
    return su;
}
