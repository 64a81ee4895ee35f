/*
 * test-arm-gic-smp.c - the GICv2 with several CPUs: banked SGI/PPI state
 * and CPU interfaces per CPU, GICD_ITARGETSR (banked and SPI routing,
 * absent CPUs' bits), GICD_SGIR target filters, one IRQ line per CPU,
 * and which CPU an access is for (the board's current CPU index).
 */
#include <check.h>
#include <glib.h>

#include "hw/arm-gic.h"

#define NCPUS 4

static ArmGic *s;
static unsigned cur;               /* the "current CPU" the GIC reads */
static int line[NCPUS];

static void irq_cb(void *opaque, int n, int level)
{
    ck_assert_int_ge(n, 0);
    ck_assert_int_lt(n, NCPUS);
    line[n] = level;
}

/* Accesses made by CPU @cpu. */
static uint32_t dr(unsigned cpu, uint64_t off)
{
    cur = cpu;
    return (uint32_t)arm_gic_dist_ops.read(s, off, 4);
}
static void dw(unsigned cpu, uint64_t off, uint32_t v)
{
    cur = cpu;
    arm_gic_dist_ops.write(s, off, v, 4);
}
static void dwb(unsigned cpu, uint64_t off, uint8_t v)
{
    cur = cpu;
    arm_gic_dist_ops.write(s, off, v, 1);
}
static uint32_t cr(unsigned cpu, uint64_t off)
{
    cur = cpu;
    return (uint32_t)arm_gic_cpu_ops.read(s, off, 4);
}
static void cw(unsigned cpu, uint64_t off, uint32_t v)
{
    cur = cpu;
    arm_gic_cpu_ops.write(s, off, v, 4);
}

static void setup(void)
{
    EmuIrq out[NCPUS];

    for (int i = 0; i < NCPUS; i++) {
        out[i] = (EmuIrq){ irq_cb, NULL, i };
        line[i] = 0;
    }
    cur = 0;
    s = arm_gic_new(NCPUS, out, &cur);
    ck_assert_ptr_nonnull(s);
}

static void teardown(void)
{
    arm_gic_free(s);
}

/* Distributor on, every CPU interface on with PMR open. */
static void enable_all(void)
{
    dw(0, 0x000, 1);
    for (unsigned c = 0; c < NCPUS; c++) {
        cw(c, 0x04, 0xff);
        cw(c, 0x00, 1);
    }
}

START_TEST(test_bad_cpu_counts)
{
    EmuIrq out[GIC_MAX_CPUS + 1] = { { 0 } };

    ck_assert_ptr_null(arm_gic_new(0, out, NULL));
    ck_assert_ptr_null(arm_gic_new(GIC_MAX_CPUS + 1, out, NULL));
}
END_TEST

START_TEST(test_typer_and_targets)
{
    ck_assert_uint_eq((dr(0, 0x004) >> 5) & 7, NCPUS - 1);
    /* SGIs and PPIs: each CPU reads its own bit in every byte. */
    for (unsigned c = 0; c < NCPUS; c++) {
        ck_assert_uint_eq(dr(c, 0x800), 0x01010101u << c);
        ck_assert_uint_eq(dr(c, 0x81c), 0x01010101u << c);
    }
    dw(1, 0x800, 0xffffffff);                      /* banked: WI */
    ck_assert_uint_eq(dr(1, 0x800), 0x02020202u);
    /* SPIs: reset 0; the bits of absent CPUs read as zero. */
    ck_assert_uint_eq(dr(0, 0x820), 0);
    dw(2, 0x820, 0xffffffff);
    ck_assert_uint_eq(dr(0, 0x820), 0x0f0f0f0fu);
    dwb(3, 0x821, 0xa5);
    ck_assert_uint_eq(dr(1, 0x820), 0x0f0f050fu);
}
END_TEST

START_TEST(test_banked_state)
{
    /* CPU 1 enables PPI 20 and sets SGI 3's priority: CPU 0's unchanged. */
    dw(1, 0x100, 1u << 20);
    dwb(1, 0x403, 0x40);
    ck_assert_uint_eq(dr(1, 0x100), 0x0010ffffu);
    ck_assert_uint_eq(dr(0, 0x100), 0x0000ffffu);
    ck_assert_uint_eq(dr(1, 0x400) >> 24, 0x40);
    ck_assert_uint_eq(dr(0, 0x400) >> 24, 0);
    /* CPU interfaces: PMR and CTLR per CPU. */
    cw(2, 0x04, 0x80);
    cw(2, 0x00, 1);
    ck_assert_uint_eq(cr(2, 0x04), 0x80);
    ck_assert_uint_eq(cr(0, 0x04), 0);
    ck_assert_uint_eq(cr(3, 0x00), 0);
    /* A shared SPI register is the same for everyone. */
    dw(3, 0x104, 1u << 8);
    ck_assert_uint_eq(dr(0, 0x104), 1u << 8);
}
END_TEST

START_TEST(test_ppi_lines_per_cpu)
{
    enable_all();
    for (unsigned c = 0; c < NCPUS; c++) {
        dw(c, 0x100, 1u << 27);
    }
    arm_gic_set_ppi(s, 2, 27, 1);
    ck_assert_int_eq(line[2], 1);
    ck_assert_int_eq(line[0] | line[1] | line[3], 0);
    ck_assert_uint_eq(cr(0, 0x18), GIC_SPURIOUS);
    ck_assert_uint_eq(cr(2, 0x0c), 27);            /* CPU 2 acks it */
    cw(2, 0x10, 27);
    arm_gic_set_ppi(s, 2, 27, 0);
    ck_assert_int_eq(line[2], 0);
    /* As an EmuIrq; out-of-range CPUs and IDs are ignored. */
    EmuIrq ppi = arm_gic_ppi_input(s, 3, 27);
    emu_irq_set(&ppi, 1);
    ck_assert_int_eq(line[3], 1);
    emu_irq_set(&ppi, 0);
    arm_gic_set_ppi(s, NCPUS, 27, 1);
    arm_gic_set_ppi(s, 0, 5, 1);                   /* an SGI is no line */
    arm_gic_set_ppi(s, 0, 32, 1);                  /* an SPI is not a PPI */
    EmuIrq bad = arm_gic_ppi_input(s, NCPUS, 27);
    emu_irq_set(&bad, 1);
    for (unsigned c = 0; c < NCPUS; c++) {
        ck_assert_int_eq(line[c], 0);
    }
}
END_TEST

START_TEST(test_sgi_filters)
{
    enable_all();
    /* Target list from CPU 0: CPUs 1 and 3. */
    dw(0, 0xf00, (0xau << 16) | 5);
    ck_assert_int_eq(line[1] & line[3], 1);
    ck_assert_int_eq(line[0] | line[2], 0);
    ck_assert_uint_eq(cr(3, 0x0c), 5);             /* source CPU 0 */
    cw(3, 0x10, 5);
    ck_assert_int_eq(line[3], 0);
    ck_assert_uint_eq(cr(1, 0x0c), 5);
    cw(1, 0x10, 5);
    /* Bits of absent CPUs in the list are ignored. */
    dw(0, 0xf00, (0xf0u << 16) | 6);
    for (unsigned c = 0; c < NCPUS; c++) {
        ck_assert_int_eq(line[c], 0);
    }
    /* All but self, from CPU 2. */
    dw(2, 0xf00, (1u << 24) | 7);
    ck_assert_int_eq(line[0] & line[1] & line[3], 1);
    ck_assert_int_eq(line[2], 0);
    for (unsigned c = 0; c < NCPUS; c++) {
        if (c != 2) {
            ck_assert_uint_eq(cr(c, 0x0c), 7u | 2u << 10);
            cw(c, 0x10, 7u | 2u << 10);
        }
    }
    /* Self, from CPU 3; two sources of one SGI are taken one at a time. */
    dw(3, 0xf00, (2u << 24) | 8);
    dw(1, 0xf00, (0x8u << 16) | 8);
    ck_assert_int_eq(line[3], 1);
    ck_assert_int_eq(line[0] | line[1] | line[2], 0);
    ck_assert_uint_eq(dr(3, 0xf28) & 0xff, 0x0a);  /* SPENDSGIR: 1 and 3 */
    ck_assert_uint_eq(dr(0, 0xf28) & 0xff, 0);
    ck_assert_uint_eq(cr(3, 0x0c), 8u | 1u << 10);
    cw(3, 0x10, 8u | 1u << 10);
    ck_assert_uint_eq(cr(3, 0x0c), 8u | 3u << 10);
    cw(3, 0x10, 8u | 3u << 10);
    ck_assert_uint_eq(cr(3, 0x18), GIC_SPURIOUS);
}
END_TEST

START_TEST(test_spi_routing)
{
    enable_all();
    dw(0, 0x104, 1u << 8);                         /* SPI 40 */
    arm_gic_set_irq(s, 40, 1);                     /* no target: nobody */
    for (unsigned c = 0; c < NCPUS; c++) {
        ck_assert_int_eq(line[c], 0);
    }
    dwb(0, 0x828, 0x04);                           /* CPU 2 */
    ck_assert_int_eq(line[2], 1);
    ck_assert_int_eq(line[0] | line[1] | line[3], 0);
    dwb(0, 0x828, 0x03);                           /* CPUs 0 and 1 */
    ck_assert_int_eq(line[0] & line[1], 1);
    ck_assert_int_eq(line[2] | line[3], 0);
    /* 1-of-N: the first to acknowledge takes it from the others. */
    ck_assert_uint_eq(cr(1, 0x0c), 40);
    ck_assert_int_eq(line[0] | line[1], 0);
    ck_assert_uint_eq(cr(0, 0x0c), GIC_SPURIOUS);
    arm_gic_set_irq(s, 40, 0);
    cw(1, 0x10, 40);
    ck_assert_uint_eq(dr(0, 0x304), 0);            /* not active */
}
END_TEST

START_TEST(test_current_cpu_out_of_range)
{
    /* A current-CPU index the GIC does not have acts as CPU 0. */
    dw(0, 0x100, 1u << 20);
    cur = NCPUS + 3;
    ck_assert_uint_eq((uint32_t)arm_gic_dist_ops.read(s, 0x100, 4), 0x0010ffffu);
}
END_TEST

Suite *suite_arm_gic_smp(void)
{
    Suite *su = suite_create("arm-gic-smp");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_bad_cpu_counts);
    tcase_add_test(tc, test_typer_and_targets);
    tcase_add_test(tc, test_banked_state);
    tcase_add_test(tc, test_ppi_lines_per_cpu);
    tcase_add_test(tc, test_sgi_filters);
    tcase_add_test(tc, test_spi_routing);
    tcase_add_test(tc, test_current_cpu_out_of_range);
    suite_add_tcase(su, tc);
    return su;
}
