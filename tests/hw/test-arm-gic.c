/*
 * test-arm-gic.c - GICv2 as Linux drives it: enable, route, acknowledge,
 * end of interrupt, priorities, masking, level and edge inputs, SGIs
 */
#include <check.h>
#include <glib.h>

#include "hw/arm-gic.h"
#include "mem/memory.h"

static ArmGic *s;
static int cpu_irq;

static void irq_cb(void *opaque, int n, int level)
{
    cpu_irq = level;
}

static uint32_t dr(uint64_t off) { return (uint32_t)arm_gic_dist_ops.read(s, off, 4); }
static void dw(uint64_t off, uint32_t v) { arm_gic_dist_ops.write(s, off, v, 4); }
static void dwb(uint64_t off, uint8_t v) { arm_gic_dist_ops.write(s, off, v, 1); }
static uint64_t drs(uint64_t off, unsigned size) { return arm_gic_dist_ops.read(s, off, size); }
static void dws(uint64_t off, uint64_t v, unsigned size) { arm_gic_dist_ops.write(s, off, v, size); }
static uint32_t cr(uint64_t off) { return (uint32_t)arm_gic_cpu_ops.read(s, off, 4); }
static void cw(uint64_t off, uint32_t v) { arm_gic_cpu_ops.write(s, off, v, 4); }

static void setup(void)
{
    EmuIrq out = { irq_cb, NULL, 0 };

    cpu_irq = 0;
    s = arm_gic_new(1, &out, NULL);
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
    /* Uniprocessor: the target registers are RAZ/WI (as on QEMU). */
    dw(0x820, 0x01010101);
    ck_assert_uint_eq(dr(0x800), 0);
    ck_assert_uint_eq(dr(0x820), 0);
    ck_assert_uint_eq(cr(0x08), 0);                 /* BPR, ABPR at reset */
    ck_assert_uint_eq(cr(0x1c), 1);
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

/*
 * The board maps only the register windows: the rest of each 64 KiB
 * frame hits nothing, so a guest access there is a bus error (as on
 * QEMU) instead of an index past the ID table into host memory.
 */
START_TEST(test_reserved_space_is_unmapped)
{
    MemAddressSpace *as = mem_as_new();
    uint32_t v = 0;

    ck_assert_int_eq(mem_add_mmio(as, "gic-dist", 0x08000000, GIC_DIST_SIZE,
                                  &arm_gic_dist_ops, s), 0);
    ck_assert_int_eq(mem_add_mmio(as, "gic-cpu", 0x08010000, GIC_CPU_SIZE,
                                  &arm_gic_cpu_ops, s), 0);
    ck_assert_int_eq(mem_read(as, 0x08000ffc, &v, 4), MEM_TX_OK);
    ck_assert_uint_eq(v, 0xb1);                            /* CIDR3 */
    ck_assert_int_eq(mem_read(as, 0x08001000, &v, 4), MEM_TX_DECODE_ERROR);
    ck_assert_int_eq(mem_read(as, 0x0800fffc, &v, 4), MEM_TX_DECODE_ERROR);
    ck_assert_int_eq(mem_read(as, 0x08011ffc, &v, 4), MEM_TX_OK);
    ck_assert_int_eq(mem_read(as, 0x08012000, &v, 4), MEM_TX_DECODE_ERROR);
    ck_assert_int_eq(mem_read(as, 0x0801fffc, &v, 4), MEM_TX_DECODE_ERROR);
    mem_as_free(as);
    /* Called directly past the window: nothing, not host memory, and no
       offset + size wrapping round to the registers at 0. */
    dw(0x000, 1);
    ck_assert_uint_eq(drs(UINT64_MAX - 3, 8), 0);
    dws(UINT64_MAX - 3, 0, 8);
    ck_assert_uint_eq(dr(0x000), 1);
    ck_assert_uint_eq(drs(0x1000, 4), 0);
    ck_assert_uint_eq(drs(0xfffc, 4), 0);
    dws(0x1000, ~0ull, 8);
    ck_assert_uint_eq(drs(0xffc, 8), 0xb1);     /* the half inside only */
}
END_TEST

START_TEST(test_id_registers)
{
    static const uint8_t id[12] = { 0x04, 0, 0, 0, 0x90, 0xb4, 0x2b, 0,
                                    0x0d, 0xf0, 0x05, 0xb1 };

    for (unsigned i = 0; i < 12; i++) {
        ck_assert_uint_eq(dr(0xfd0 + 4 * i), id[i]);
        ck_assert_uint_eq(drs(0xfd0 + 4 * i, 1), id[i]);
        ck_assert_uint_eq(drs(0xfd1 + 4 * i, 1), 0);
    }
}
END_TEST

/* Byte and halfword accesses reach the same registers as words. */
START_TEST(test_byte_and_halfword_access)
{
    dw(0x104, 0x00ff8001);                     /* ISENABLER1 */
    ck_assert_uint_eq(drs(0x104, 1), 0x01);
    ck_assert_uint_eq(drs(0x105, 1), 0x80);
    ck_assert_uint_eq(drs(0x106, 2), 0x00ff);
    ck_assert_uint_eq(drs(0x104, 8), 0x00ff8001);   /* ISENABLER2 is 0 */
    dws(0x187, 0x00, 1);                       /* ICENABLER: 0 bits do nothing */
    dws(0x186, 0x0f, 1);                       /* clears SPIs 48..51 */
    ck_assert_uint_eq(dr(0x104), 0x00f08001);
    dws(0x10b, 0x80, 1);                       /* ISENABLER2 bit 31: IRQ 95 */
    ck_assert_uint_eq(dr(0x108), 0x80000000u);
    dws(0x084, 0x12, 1);                       /* IGROUPR1 byte 0 */
    dws(0x085, 0x34, 1);
    ck_assert_uint_eq(dr(0x084), 0x3412);
    dws(0x084, 0, 1);                          /* a byte replaces its 8 bits only */
    ck_assert_uint_eq(dr(0x084), 0x3400);
    dws(0xc09, 0x80, 1);                       /* ICFGR2: IRQ 71 edge */
    ck_assert_uint_eq(dr(0xc08), 0x8000);
    dws(0x420, 0xa0b0, 2);                     /* priorities of 32, 33 */
    ck_assert_uint_eq(dr(0x420), 0xa0b0);
    ck_assert_uint_eq(drs(0x421, 2), 0xa0);
    /* An SGIR write must be a whole word: a byte does not send an SGI. */
    dws(0xf00, 3, 1);
    ck_assert_uint_eq(dr(0x200) & 0xffff, 0);
}
END_TEST

/*
 * The SGI pending registers have 16 bytes; a wide or unaligned access
 * near their end must not reach the PPIs' state.
 */
START_TEST(test_sgi_pending_bounds)
{
    dw(0x200, 1u << 19);                       /* PPI 19 pending */
    dws(0xf1c, 0x0101010101010101ull, 8);      /* CPENDSGIR3, SPENDSGIR0 */
    ck_assert_uint_eq(dr(0x200), (1u << 19) | 0xf);
    dws(0xf2c, 0x0101010101010101ull, 8);      /* SPENDSGIR3, reserved */
    ck_assert_uint_eq(dr(0x200), (1u << 19) | 0xf00f);
    ck_assert_uint_eq(dr(0xf2c), 0x01010101);
    ck_assert_uint_eq(dr(0xf1c), 0x01010101);
    dw(0xf10, 0x01000101);                     /* clear SGIs 0, 1, 3 */
    ck_assert_uint_eq(dr(0x200), (1u << 19) | 0xf004);
    ck_assert_uint_eq(dr(0xf20), 0x00010000);
    ck_assert_uint_eq(dr(0x280) >> 16, 1u << 3);
}
END_TEST

static uint64_t crs(uint64_t off, unsigned size) { return arm_gic_cpu_ops.read(s, off, size); }
static void cws(uint64_t off, uint64_t v, unsigned size) { arm_gic_cpu_ops.write(s, off, v, size); }

/* Read-only and RAZ/WI fields keep their values whatever is written. */
START_TEST(test_read_only_fields)
{
    dw(0x004, 0);                              /* TYPER */
    dw(0x008, 0);                              /* IIDR */
    ck_assert_uint_eq(dr(0x004), 8);
    ck_assert_uint_eq(dr(0x008), 0x43b);
    dw(0x800, ~0u);                            /* ITARGETSR: one CPU, RAZ/WI */
    dw(0x820, ~0u);
    dwb(0x91f, 0xff);
    ck_assert_uint_eq(dr(0x800) | dr(0x820) | dr(0x91c), 0);
    dw(0xc00, 0);                              /* ICFGR0: SGIs fixed edge */
    ck_assert_uint_eq(dr(0xc00), 0xaaaaaaaa);
    dw(0xc04, ~0u);                            /* PPIs: bit 1 of each field */
    ck_assert_uint_eq(dr(0xc04), 0xaaaaaaaa);
    dw(0xc48, ~0u);                            /* past the last interrupt */
    ck_assert_uint_eq(dr(0xc48), 0);
    dw(0x000, ~0u);                            /* GICD_CTLR: two enables */
    ck_assert_uint_eq(dr(0x000), 3);
    dw(0x180, ~0u);                            /* SGIs cannot be disabled */
    ck_assert_uint_eq(dr(0x100), 0xffff);
    dw(0x200, ~0u);                            /* nor made pending here */
    ck_assert_uint_eq(dr(0x200), 0xffff0000);
    cw(0x00, ~0u);
    ck_assert_uint_eq(cr(0x00), 0x21f);
    cw(0x1c, 0);                               /* ABPR minimum 1 */
    ck_assert_uint_eq(cr(0x1c), 1);
    cw(0xfc, 0);
    ck_assert_uint_eq(cr(0xfc), 0x0002043b);
}
END_TEST

/* Each source CPU of an SGI is acknowledged on its own, lowest first. */
START_TEST(test_sgi_sources_and_filters)
{
    linux_init();
    dwb(0xf22, 0x86);                          /* SGI 2 from CPUs 1, 2, 7 */
    ck_assert_uint_eq(dr(0x200), 1u << 2);
    ck_assert_uint_eq(cr(0x0c), (1u << 10) | 2);
    cw(0x10, (1u << 10) | 2);
    ck_assert_uint_eq(cr(0x0c), (2u << 10) | 2);
    cw(0x10, 2);
    ck_assert_uint_eq(cr(0x0c), (7u << 10) | 2);
    cw(0x10, 2);
    ck_assert_uint_eq(cr(0x0c), GIC_SPURIOUS);
    dw(0xf00, 4);                              /* filter 0, empty list */
    dw(0xf00, (0xfeu << 16) | 4);              /* other CPUs only */
    dw(0xf00, (1u << 24) | 4);                 /* all but self */
    ck_assert_uint_eq(dr(0xf24), 0);
    dw(0xf00, (3u << 24) | 4);                 /* reserved: as self */
    ck_assert_uint_eq(dr(0xf24), 1);
    dw(0x280, 1u << 4);                        /* ICPENDR0 leaves SGIs */
    ck_assert_uint_eq(dr(0x200), 1u << 4);
    dwb(0xf14, 1);                             /* CPENDSGIR clears */
    ck_assert_uint_eq(dr(0x200), 0);
}
END_TEST

/*
 * The running priority follows the active priorities: an acknowledge
 * sets the bit of the group priority, EOI clears the lowest set bit;
 * the active state set through GICD_ISACTIVER does not count.
 */
START_TEST(test_running_priority)
{
    linux_init();
    cw(0x04, 0xff);
    dw(0x400, 0x00000760);                     /* SGI 0: 60, SGI 1: 07 */
    dw(0x300, 1u << 5);                        /* SGI 5 active, prio 0 */
    ck_assert_uint_eq(cr(0x14), 0xff);
    dw(0xf00, (2u << 24) | 0);
    ck_assert_uint_eq(cr(0x0c), 0);
    ck_assert_uint_eq(cr(0x14), 0x60);
    ck_assert_uint_eq(cr(0xd4), 1u << 16);     /* level 0x30 */
    cw(0x08, 2);                               /* group priority 07 -> 00 */
    dw(0xf00, (2u << 24) | 1);
    ck_assert_int_eq(cpu_irq, 1);              /* 07 < 60 preempts */
    ck_assert_uint_eq(cr(0x0c), 1);
    ck_assert_uint_eq(cr(0x14), 0x00);
    ck_assert_uint_eq(cr(0xd0), 1);
    cw(0x10, 0);                               /* EOI names 0: drops 00 */
    ck_assert_uint_eq(cr(0x14), 0x60);
    ck_assert_uint_eq(dr(0x300), (1u << 5) | (1u << 1));
    cw(0x10, 9);                               /* drops 60 */
    ck_assert_uint_eq(cr(0x14), 0xff);
    cw(0x10, 1);                               /* nothing running: ignored */
    ck_assert_uint_eq(dr(0x300), (1u << 5) | (1u << 1));
    cw(0x10, 1023);
    cw(0x1000, 1);                             /* DIR needs EOImode */
    ck_assert_uint_eq(dr(0x300), (1u << 5) | (1u << 1));
    cw(0x00, 0x201);
    cw(0x1000, 1);
    ck_assert_uint_eq(dr(0x300), 1u << 5);
}
END_TEST

/* Group 1 without AckCtl reads as 1022 and is not acknowledged. */
START_TEST(test_group1)
{
    linux_init();
    dw(0x080, 1u << 6);
    dw(0x000, 2);                              /* group 1 only: still on */
    dwb(0x406, 0x57);
    dw(0xf00, (2u << 24) | 6);
    ck_assert_uint_eq(cr(0x18), 1022);
    ck_assert_uint_eq(cr(0x0c), 1022);
    ck_assert_uint_eq(cr(0x28) | cr(0x20), 0); /* aliases RAZ */
    ck_assert_uint_eq(dr(0x200), 1u << 6);
    cw(0x00, 5);                               /* AckCtl */
    cw(0x1c, 4);                               /* ABPR 4: [7:4] */
    ck_assert_uint_eq(cr(0x0c), 6);
    ck_assert_uint_eq(cr(0x14), 0x50);
    ck_assert_uint_eq(cr(0xe4), 1u << 8);      /* NSAPR1: level 0x28 */
}
END_TEST

/*
 * The CPU interface decodes whole registers: an offset inside one, past
 * the APRs or past the window, at any size, reads 0 and writes nothing.
 */
START_TEST(test_cpu_interface_hostile)
{
    static const uint64_t offs[] = { 0x01, 0x0d, 0x0e, 0x11, 0xcf, 0xd1,
        0xdd, 0xe2, 0xef, 0xf0, 0xfd, 0x1001, 0x1ffc, 0x2000, 0xfffc,
        UINT64_MAX - 7, UINT64_MAX - 3, UINT64_MAX };
    static const unsigned sizes[] = { 1, 2, 4, 8 };

    linux_init();
    dw(0xf00, (2u << 24) | 3);
    for (unsigned i = 0; i < G_N_ELEMENTS(offs); i++) {
        for (unsigned j = 0; j < G_N_ELEMENTS(sizes); j++) {
            ck_assert_uint_eq(crs(offs[i], sizes[j]), 0);
            cws(offs[i], ~0ull, sizes[j]);
        }
    }
    ck_assert_uint_eq(cr(0x00), 1);
    ck_assert_uint_eq(cr(0x04), 0xf0);
    ck_assert_uint_eq(cr(0x08), 0);
    for (unsigned i = 0; i < 8; i++) {
        ck_assert_uint_eq(cr(0xd0 + 4 * i), 0);
    }
    ck_assert_uint_eq(dr(0x200), 1u << 3);     /* still pending */
    ck_assert_uint_eq(crs(0x0c, 1), 3);        /* a byte read acknowledges */
    cws(0x10, 3, 1);
    ck_assert_uint_eq(dr(0x300), 0);
    cws(0x04, 0xa5c3, 2);                      /* PMR keeps its 8 bits */
    ck_assert_uint_eq(cr(0x04), 0xc3);
    cws(0x00, 0x0000000000000001ull | (0xffull << 32), 8); /* CTLR, PMR */
    ck_assert_uint_eq(cr(0x04), 0xff);
    ck_assert_uint_eq(crs(0x00, 8), 0xff00000001ull);
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
    tcase_add_test(tc, test_reserved_space_is_unmapped);
    tcase_add_test(tc, test_id_registers);
    tcase_add_test(tc, test_byte_and_halfword_access);
    tcase_add_test(tc, test_sgi_pending_bounds);
    tcase_add_test(tc, test_read_only_fields);
    tcase_add_test(tc, test_sgi_sources_and_filters);
    tcase_add_test(tc, test_running_priority);
    tcase_add_test(tc, test_group1);
    tcase_add_test(tc, test_cpu_interface_hostile);
    suite_add_tcase(su, tc);
    return su;
}
