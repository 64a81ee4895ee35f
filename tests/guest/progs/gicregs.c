/* GICv2 registers as the architecture (ARM IHI 0048B) and QEMU's virt
   GIC without security extensions have them: every distributor word's
   reset value, then all-ones and zero written and read back (runs of
   equal results folded); byte and halfword reads and writes of byte-
   accessible and word-only registers; GICD_SGIR with each target filter
   (GICC_IAR and its source-CPU field); priorities, BPR and preemption,
   GICC_RPR/HPPIR; the active state through ISACTIVER/ICACTIVER; the
   aliased registers.  IRQs stay masked in CPSR: every acknowledge is an
   explicit GICC_IAR read, so nothing depends on timing. */
#include "rt.h"

#define GICD 0x08000000u
#define GICC 0x08010000u
#define REG(a) (*(volatile uint32_t *)(a))

static volatile uint32_t aborts, irqs, irq_iar[4];

/* Skip the faulting access, whatever its encoding (A32, T16 or T32). */
static int hook(int vec, rt_exc_frame *f)
{
    uint32_t pc;

    if (vec == VEC_IRQ) {
        uint32_t iar = REG(GICC + 0x0c);
        if (irqs < 4)
            irq_iar[irqs] = iar;
        irqs++;
        if ((iar & 0x3ff) < 1020)
            REG(GICC + 0x10) = iar;
        f->lr -= 4;
        return 1;
    }
    if (vec != VEC_DABT)
        return 0;
    aborts++;
    pc = f->lr - 8;
    if (f->spsr & (1u << 5)) {
        uint16_t hw = *(volatile uint16_t *)pc;
        f->lr = pc + ((hw & 0xf800) >= 0xe800 ? 4 : 2);
    } else {
        f->lr = pc + 4;
    }
    return 1;
}

static uint32_t rd(uint32_t a, unsigned size, int *ok)
{
    uint32_t v = 0xdeadbeef, before = aborts;

    if (size == 1)
        v = *(volatile uint8_t *)a;
    else if (size == 2)
        v = *(volatile uint16_t *)a;
    else
        v = *(volatile uint32_t *)a;
    *ok = aborts == before;
    return *ok ? v : 0xdeadbeef;
}

static int wr(uint32_t a, unsigned size, uint32_t v)
{
    uint32_t before = aborts;

    if (size == 1)
        *(volatile uint8_t *)a = (uint8_t)v;
    else if (size == 2)
        *(volatile uint16_t *)a = (uint16_t)v;
    else
        *(volatile uint32_t *)a = v;
    return aborts == before;
}

static uint32_t r32(uint32_t a)
{
    int ok;
    return rd(a, 4, &ok);
}

/* GICD_SPENDSGIRn, only the non-zero bytes: QEMU 7.2 marks every SGI of a
   word written pending, with no source for a zero byte, and then asserts
   when that SGI is acknowledged. */
static void spend(uint32_t a, uint32_t v)
{
    for (unsigned i = 0; i < 4; i++)
        if (v >> (8 * i) & 0xff)
            wr(a + i, 1, v >> (8 * i));
}

/* Clear everything the write sweep may have left set. */
static void dist_clean(void)
{
    REG(GICD) = 0;
    for (uint32_t i = 0; i < 9; i++) {
        REG(GICD + 0x180 + 4 * i) = 0xffffffff;
        REG(GICD + 0x280 + 4 * i) = 0xffffffff;
        REG(GICD + 0x380 + 4 * i) = 0xffffffff;
        REG(GICD + 0x080 + 4 * i) = 0;
    }
    for (uint32_t i = 0; i < 4; i++)
        REG(GICD + 0xf10 + 4 * i) = 0xffffffff;
    for (uint32_t i = 0; i < 72; i++)
        REG(GICD + 0x400 + 4 * i) = 0;
}

/* Reset value, all-ones read back, zero read back of each word. */
static void write_sweep(void)
{
    uint32_t start = 0, p0 = 0, p1 = 0, p2 = 0;
    int first = 1;

    for (uint32_t off = 0; off < 0x1000; off += 4) {
        uint32_t v0, v1, v2;
        if (off == 0xf00) {
            v0 = v1 = v2 = 0x5a5a5a5a;  /* GICD_SGIR: tested below */
        } else {
            v0 = r32(GICD + off);
            REG(GICD + off) = 0xffffffff;
            v1 = r32(GICD + off);
            REG(GICD + off) = 0;
            v2 = r32(GICD + off);
        }
        if (!first && (v0 != p0 || v1 != p1 || v2 != p2)) {
            rt_printf("gicd %03x-%03x reset %08x ones %08x zero %08x\n",
                      start, off - 4, p0, p1, p2);
            start = off;
        }
        first = 0;
        p0 = v0, p1 = v1, p2 = v2;
    }
    rt_printf("gicd %03x-%03x reset %08x ones %08x zero %08x\n",
              start, 0xffc, p0, p1, p2);
    dist_clean();
}

static void cpu_regs(void)
{
    static const uint16_t offs[] = { 0x00, 0x04, 0x08, 0x14, 0x18, 0x1c,
                                     0x28, 0xd0, 0xe0, 0xfc };
    for (unsigned i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
        uint32_t a = GICC + offs[i], v0 = r32(a), v1, v2;
        REG(a) = 0xffffffff;
        v1 = r32(a);
        REG(a) = 0;
        v2 = r32(a);
        rt_printf("gicc %03x reset %08x ones %08x zero %08x\n", offs[i],
                  v0, v1, v2);
    }
    REG(GICC + 0x08) = 2;
    REG(GICC + 0x1c) = 3;
    REG(GICC + 0x04) = 0xf0;
}

/* Byte and halfword accesses: each lane written with ones, read back. */
static void sub_word(const char *what, uint32_t a, uint32_t fill)
{
    int ok[6];
    uint32_t b[4], h[2];

    REG(a) = fill;
    for (unsigned i = 0; i < 4; i++)
        b[i] = rd(a + i, 1, &ok[i]);
    h[0] = rd(a, 2, &ok[4]);
    h[1] = rd(a + 2, 2, &ok[5]);
    rt_printf("%s word %08x bytes %02x %02x %02x %02x (%d%d%d%d) halves "
              "%04x %04x (%d%d)\n", what, r32(a), b[0], b[1], b[2], b[3],
              ok[0], ok[1], ok[2], ok[3], h[0], h[1], ok[4], ok[5]);
    REG(a) = 0;
    for (unsigned i = 0; i < 4; i++) {
        int w = wr(a + i, 1, 0xff);
        rt_printf("  %s byte %u <- ff ok=%d: %08x\n", what, i, w, r32(a));
    }
    REG(a) = 0;
    for (unsigned i = 0; i < 2; i++) {
        int w = wr(a + 2 * i, 2, 0xa5c3);
        rt_printf("  %s half %u <- a5c3 ok=%d: %08x\n", what, i, w, r32(a));
    }
    REG(a) = 0;
}

static void sizes(void)
{
    sub_word("CTLR", GICD + 0x000, 1);
    sub_word("TYPER", GICD + 0x004, 0);
    sub_word("IGROUPR1", GICD + 0x084, 0x12345678);
    sub_word("ISENABLER1", GICD + 0x104, 0x00ff8001);
    REG(GICD + 0x184) = 0xffffffff;
    sub_word("IPRIORITYR0", GICD + 0x400, 0xa0b0c0d0);
    sub_word("IPRIORITYR8", GICD + 0x420, 0xa0b0c0d0);
    sub_word("ITARGETSR0", GICD + 0x800, 0xffffffff);
    sub_word("ITARGETSR7", GICD + 0x81c, 0xffffffff);
    sub_word("ITARGETSR8", GICD + 0x820, 0x01020304);
    sub_word("ICFGR1", GICD + 0xc04, 0xffffffff);
    sub_word("ICFGR2", GICD + 0xc08, 0xaaaaaaaa);
    sub_word("CPENDSGIR0", GICD + 0xf10, 0);
    sub_word("SPENDSGIR0", GICD + 0xf20, 0);
    REG(GICD + 0xf10) = 0xffffffff;
    REG(GICD + 0xf14) = 0xffffffff;
    sub_word("PIDR2", GICD + 0xfe8, 0);
    sub_word("GICC_PMR", GICC + 0x04, 0xf0);
    sub_word("GICC_BPR", GICC + 0x08, 2);
    sub_word("GICC_IIDR", GICC + 0xfc, 0);
    dist_clean();
    /* SPENDSGIR byte by byte: which SGIs a byte write makes pending. */
    for (unsigned i = 0; i < 4; i++) {
        wr(GICD + 0xf20 + i, 1, 1);
        rt_printf("SPENDSGIR0 byte %u <- 01: %08x %08x ISPENDR0 %08x\n", i,
                  r32(GICD + 0xf20), r32(GICD + 0xf24), r32(GICD + 0x200));
        REG(GICD + 0xf10) = 0xffffffff;
    }
    for (unsigned i = 0; i < 4; i++) {
        spend(GICD + 0xf20, 0xffffffff);
        wr(GICD + 0xf10 + i, 1, 1);
        rt_printf("CPENDSGIR0 byte %u <- 01: %08x ISPENDR0 %08x\n", i,
                  r32(GICD + 0xf10), r32(GICD + 0x200));
        REG(GICD + 0xf10) = 0xffffffff;
    }
    /* Sub-word writes of GICD_SGIR. */
    wr(GICD + 0xf00, 1, 5);
    wr(GICD + 0xf00, 2, (2u << 8) | 6);
    wr(GICD + 0xf02, 2, 0x0200);
    rt_printf("SGIR narrow writes: ISPENDR0 %08x\n", r32(GICD + 0x200));
    dist_clean();
}

static void ack_all(const char *what)
{
    rt_printf("%s: ISPENDR0 %08x HPPIR %08x", what, r32(GICD + 0x200),
              r32(GICC + 0x18));
    for (int n = 0; n < 20; n++) {
        uint32_t iar = r32(GICC + 0x0c);
        if ((iar & 0x3ff) >= 1020) {
            rt_printf(" IAR %08x\n", iar);
            return;
        }
        rt_printf(" IAR %08x", iar);
        REG(GICC + 0x10) = iar;
    }
    rt_printf(" ...\n");
}

static void sgis(void)
{
    static const uint32_t sgir[] = {
        (0u << 24) | (1u << 16) | 1, (0u << 24) | (0u << 16) | 2,
        (0u << 24) | (0xfeu << 16) | 3, (0u << 24) | (0xffu << 16) | 4,
        (1u << 24) | (0xffu << 16) | 5, (2u << 24) | 6, (3u << 24) | 7,
        (2u << 24) | (1u << 15) | 8, (2u << 24) | 0xfff0 | 9,
    };

    REG(GICD) = 1;
    REG(GICC) = 1;
    REG(GICC + 0x04) = 0xff;
    for (unsigned i = 0; i < sizeof(sgir) / sizeof(sgir[0]); i++) {
        REG(GICD + 0xf00) = sgir[i];
        rt_printf("SGIR %08x: SPENDSGIR %08x %08x %08x %08x\n", sgir[i],
                  r32(GICD + 0xf20), r32(GICD + 0xf24), r32(GICD + 0xf28),
                  r32(GICD + 0xf2c));
        ack_all("  ");
    }
    /* Several at once, then SPENDSGIR, then a disabled SGI. */
    REG(GICD + 0xf00) = (2u << 24) | 15;
    REG(GICD + 0xf00) = (2u << 24) | 0;
    spend(GICD + 0xf20, 0x01000100);
    ack_all("many");
    REG(GICD + 0x180) = 0x0000ffff;
    rt_printf("ISENABLER0 after ICENABLER ffff: %08x\n", r32(GICD + 0x100));
    REG(GICD + 0xf00) = (2u << 24) | 4;
    ack_all("disabled?");
    REG(GICD + 0x100) = 0x0000ffff;
    ack_all("re-enabled");
    /* A PPI made pending by software, and an SPI. */
    REG(GICD + 0x100) = 0xffffffff;
    REG(GICD + 0x104) = 0x00000003;
    REG(GICD + 0x200) = 0x80010000;
    REG(GICD + 0x204) = 0x00000002;
    ack_all("ppi+spi");
    /* Distributor / CPU interface off. */
    REG(GICD + 0xf00) = (2u << 24) | 1;
    REG(GICD) = 0;
    ack_all("dist off");
    REG(GICD) = 1;
    REG(GICC) = 0;
    ack_all("cpu off");
    REG(GICC) = 1;
    ack_all("cpu on");
    dist_clean();
}

static void prio(void)
{
    REG(GICD) = 1;
    REG(GICC) = 1;
    REG(GICD + 0x400) = 0x30405060;     /* SGI 0..3: 60 50 40 30 */
    REG(GICD + 0x404) = 0x0f080701;     /* SGI 4..7: 01 07 08 0f */
    for (uint32_t pmr = 0; pmr < 0x100; pmr += 0x18) {
        REG(GICC + 0x04) = pmr;
        spend(GICD + 0xf20, 0x01010101);
        rt_printf("PMR %02x reads %02x RPR %02x", pmr, r32(GICC + 0x04),
                  r32(GICC + 0x14));
        ack_all("");
        REG(GICD + 0xf10) = 0xffffffff;
    }
    REG(GICC + 0x04) = 0xff;
    for (uint32_t bpr = 0; bpr < 8; bpr++) {
        uint32_t i1, i2, i3, rpr1, rpr2, hp;
        REG(GICC + 0x08) = bpr;
        REG(GICD + 0xf00) = (2u << 24) | 0;    /* prio 60 */
        i1 = r32(GICC + 0x0c);
        rpr1 = r32(GICC + 0x14);
        REG(GICD + 0xf00) = (2u << 24) | 1;    /* prio 50 */
        REG(GICD + 0xf00) = (2u << 24) | 7;    /* prio 0f */
        hp = r32(GICC + 0x18);
        i2 = r32(GICC + 0x0c);
        rpr2 = r32(GICC + 0x14);
        i3 = r32(GICC + 0x0c);
        rt_printf("BPR %u (%u): IAR %03x RPR %02x HPPIR %03x IAR %03x RPR %02x "
                  "IAR %03x ISACTIVER0 %08x\n", bpr, r32(GICC + 0x08), i1, rpr1,
                  hp, i2, rpr2, i3, r32(GICD + 0x300));
        if ((i3 & 0x3ff) < 1020)
            REG(GICC + 0x10) = i3;
        if ((i2 & 0x3ff) < 1020)
            REG(GICC + 0x10) = i2;
        REG(GICC + 0x10) = i1;
        ack_all("  rest");
        rt_printf("  RPR %02x ISACTIVER0 %08x\n", r32(GICC + 0x14),
                  r32(GICD + 0x300));
    }
    /* EOI out of order and of an inactive interrupt. */
    REG(GICC + 0x08) = 0;
    spend(GICD + 0xf20, 0x00000101);     /* SGI 0, 1 */
    {
        uint32_t a = r32(GICC + 0x0c), b;
        spend(GICD + 0xf20, 0x01000000); /* SGI 3, prio 30 */
        b = r32(GICC + 0x0c);
        REG(GICC + 0x10) = a;
        rt_printf("EOI older: IAR %03x %03x RPR %02x ISACTIVER0 %08x\n", a, b,
                  r32(GICC + 0x14), r32(GICD + 0x300));
        REG(GICC + 0x10) = 9;
        REG(GICC + 0x10) = 1023;
        REG(GICC + 0x10) = b;
        rt_printf("  RPR %02x ISACTIVER0 %08x\n", r32(GICC + 0x14),
                  r32(GICD + 0x300));
        ack_all("  rest");
    }
    dist_clean();
}

static void active(void)
{
    REG(GICD) = 1;
    REG(GICC) = 1;
    REG(GICC + 0x04) = 0xff;
    REG(GICD + 0x400) = 0x30405060;
    REG(GICD + 0x300) = 0x00000004;     /* SGI 2 active (prio 40) */
    REG(GICD + 0x304) = 0x00000001;     /* SPI 32 active */
    rt_printf("ISACTIVER %08x %08x ICACTIVER %08x RPR %02x\n",
              r32(GICD + 0x300), r32(GICD + 0x304), r32(GICD + 0x380),
              r32(GICC + 0x14));
    spend(GICD + 0xf20, 0x00000101);     /* SGI 0 (60), SGI 1 (50) */
    ack_all("behind active");
    spend(GICD + 0xf20, 0x00010000);     /* SGI 2 pending while active */
    rt_printf("SGI 2 pending+active: ISPENDR0 %08x ISACTIVER0 %08x HPPIR %08x\n",
              r32(GICD + 0x200), r32(GICD + 0x300), r32(GICC + 0x18));
    REG(GICD + 0x380) = 0xffffffff;
    REG(GICD + 0x384) = 0xffffffff;
    rt_printf("cleared: ISACTIVER %08x %08x RPR %02x\n", r32(GICD + 0x300),
              r32(GICD + 0x304), r32(GICC + 0x14));
    ack_all("after");
    /* EOImode: EOIR drops priority only, DIR deactivates. */
    REG(GICC) = 1 | (1u << 9);
    spend(GICD + 0xf20, 0x00000001);
    {
        uint32_t a = r32(GICC + 0x0c);
        REG(GICC + 0x10) = a;
        rt_printf("EOImode: IAR %03x after EOIR RPR %02x ISACTIVER0 %08x", a,
                  r32(GICC + 0x14), r32(GICD + 0x300));
        REG(GICC + 0x1000) = a;
        rt_printf(" after DIR %08x\n", r32(GICD + 0x300));
    }
    REG(GICC) = 1;
    /* The aliased (group 1) registers with everything group 0. */
    spend(GICD + 0xf20, 0x00000001);
    rt_printf("AHPPIR %08x AIAR %08x", r32(GICC + 0x28), r32(GICC + 0x20));
    REG(GICC + 0x24) = 0;
    rt_printf(" ISACTIVER0 %08x ISPENDR0 %08x\n", r32(GICD + 0x300),
              r32(GICD + 0x200));
    ack_all("after aliases");
    /* Group 1 interrupts: GICD_CTLR bits, AckCtl, aliased registers. */
    REG(GICD + 0x080) = 0x00000002;     /* SGI 1 group 1 */
    REG(GICD) = 3;
    spend(GICD + 0xf20, 0x00000100);
    rt_printf("grp1 CTLR=1: HPPIR %08x IAR %08x AHPPIR %08x\n",
              r32(GICC + 0x18), r32(GICC + 0x0c), r32(GICC + 0x28));
    REG(GICC) = 3;
    rt_printf("grp1 CTLR=3: HPPIR %08x IAR %08x AHPPIR %08x\n",
              r32(GICC + 0x18), r32(GICC + 0x0c), r32(GICC + 0x28));
    REG(GICC) = 7;
    {
        uint32_t h = r32(GICC + 0x18), a = r32(GICC + 0x0c);
        rt_printf("grp1 CTLR=7: HPPIR %08x IAR %08x", h, a);
        if ((a & 0x3ff) < 1020)
            REG(GICC + 0x10) = a;
        rt_printf(" ISACTIVER0 %08x\n", r32(GICD + 0x300));
    }
    spend(GICD + 0xf20, 0x00000100);
    {
        uint32_t a = r32(GICC + 0x20);
        rt_printf("grp1 AIAR %08x", a);
        REG(GICC + 0x24) = a;
        rt_printf(" after AEOIR ISACTIVER0 %08x\n", r32(GICD + 0x300));
    }
    REG(GICD) = 2;
    spend(GICD + 0xf20, 0x00000001);
    rt_printf("GICD_CTLR=2: HPPIR %08x ISPENDR0 %08x\n", r32(GICC + 0x18),
              r32(GICD + 0x200));
    ack_all("grp1 only");
    dist_clean();
    REG(GICC) = 0;
}

static void print_aprs(const char *what)
{
    rt_printf("%s: RPR %02x APR %08x %08x %08x %08x NSAPR %08x %08x %08x %08x\n",
              what, r32(GICC + 0x14), r32(GICC + 0xd0), r32(GICC + 0xd4),
              r32(GICC + 0xd8), r32(GICC + 0xdc), r32(GICC + 0xe0),
              r32(GICC + 0xe4), r32(GICC + 0xe8), r32(GICC + 0xec));
}

/* Corner cases: SGI sources, ICPENDR0 on SGIs, BPR changed while active,
   group 1 binary points, narrow CPU interface accesses, GICC_DIR. */
static void more(void)
{
    int ok;
    uint32_t a, b, c;

    REG(GICD) = 3;
    REG(GICC) = 7;
    REG(GICC + 0x04) = 0xff;
    REG(GICD + 0x400) = 0x30405060;
    REG(GICD + 0x404) = 0x0f080701;
    /* Several sources of one SGI: one acknowledge per source. */
    wr(GICD + 0xf22, 1, 0x86);
    rt_printf("SGI 2 sources %08x ISPENDR0 %08x\n", r32(GICD + 0xf20),
              r32(GICD + 0x200));
    ack_all("sources");
    /* ICPENDR0 and ISPENDR0 on SGIs. */
    REG(GICD + 0xf00) = (2u << 24) | 5;
    REG(GICD + 0x280) = 0x00000020;
    rt_printf("ICPENDR0 on SGI 5: ISPENDR0 %08x SPENDSGIR1 %08x\n",
              r32(GICD + 0x200), r32(GICD + 0xf24));
    REG(GICD + 0x200) = 0x00000040;
    rt_printf("ISPENDR0 on SGI 6: ISPENDR0 %08x SPENDSGIR1 %08x\n",
              r32(GICD + 0x200), r32(GICD + 0xf24));
    ack_all("after");
    /* Active priorities with BPR 0 and 3, then BPR changed while active. */
    REG(GICC + 0x08) = 0;
    REG(GICD + 0xf00) = (2u << 24) | 0;         /* 60 */
    a = r32(GICC + 0x0c);
    REG(GICD + 0xf00) = (2u << 24) | 5;         /* 07 */
    b = r32(GICC + 0x0c);
    print_aprs("two active");
    REG(GICC + 0x08) = 7;
    REG(GICD + 0xf00) = (2u << 24) | 4;         /* 01: p < 06 */
    rt_printf("BPR 7 now: HPPIR %03x", r32(GICC + 0x18));
    c = r32(GICC + 0x0c);
    rt_printf(" IAR %03x\n", c);
    print_aprs("three");
    REG(GICC + 0x10) = b;     /* drops 00, deactivates SGI 5 */
    print_aprs("eoi 1");
    REG(GICC + 0x10) = a;
    REG(GICC + 0x10) = c;
    print_aprs("after eoi");
    rt_printf("ISACTIVER0 %08x\n", r32(GICD + 0x300));
    dist_clean();
    /* Group 1 and the binary points: ABPR, CBPR. */
    REG(GICD) = 3;
    REG(GICD + 0x400) = 0x30405760;             /* SGI 1: 57 */
    REG(GICD + 0x080) = 0x0000000f;
    for (uint32_t ctlr = 7; ctlr <= 0x17; ctlr += 0x10) {
        for (uint32_t abpr = 1; abpr < 8; abpr += 3) {
            REG(GICC) = ctlr;
            REG(GICC + 0x08) = 2;
            REG(GICC + 0x1c) = abpr;
            REG(GICD + 0xf00) = (2u << 24) | 1;     /* 50, group 1 */
            a = r32(GICC + 0x0c);
            rt_printf("CTLR %02x ABPR %u: IAR %03x", ctlr, abpr, a);
            print_aprs("");
            REG(GICC + 0x10) = a;
        }
    }
    dist_clean();
    /* Narrow and misaligned CPU interface accesses. */
    REG(GICD) = 1;
    REG(GICC) = 1;
    REG(GICC + 0x04) = 0xff;
    REG(GICD + 0xf00) = (2u << 24) | 3;
    rt_printf("IAR+1 byte %02x", rd(GICC + 0x0d, 1, &ok));
    rt_printf(" IAR+2 half %04x", rd(GICC + 0x0e, 2, &ok));
    rt_printf(" HPPIR byte %02x", rd(GICC + 0x18, 1, &ok));
    a = rd(GICC + 0x0c, 2, &ok);
    rt_printf(" IAR half %04x ISACTIVER0 %08x\n", a, r32(GICD + 0x300));
    wr(GICC + 0x11, 1, 3);
    rt_printf("EOIR+1 byte: ISACTIVER0 %08x RPR %02x\n", r32(GICD + 0x300),
              r32(GICC + 0x14));
    wr(GICC + 0x10, 1, 3);
    rt_printf("EOIR byte: ISACTIVER0 %08x RPR %02x\n", r32(GICD + 0x300),
              r32(GICC + 0x14));
    wr(GICC + 0x01, 1, 0x02);
    wr(GICC + 0x06, 2, 0xffff);
    wr(GICC + 0x0a, 1, 0xff);
    rt_printf("narrow misaligned: CTLR %08x PMR %08x BPR %08x\n",
              r32(GICC), r32(GICC + 0x04), r32(GICC + 0x08));
    /* GICC_DIR without EOImode, then with. */
    REG(GICD + 0x300) = 0x00000008;
    REG(GICC + 0x1000) = 3;
    rt_printf("DIR, EOImode 0: ISACTIVER0 %08x", r32(GICD + 0x300));
    REG(GICC) = 0x201;
    REG(GICC + 0x1000) = 3;
    rt_printf(" EOImode 1: %08x\n", r32(GICD + 0x300));
    /* Level and edge SPIs made pending by software. */
    REG(GICD + 0xc08) = 0x00000002;             /* 32 edge, 33 level */
    REG(GICD + 0x104) = 0x00000003;
    REG(GICD + 0x204) = 0x00000003;
    REG(GICD + 0x284) = 0x00000002;
    rt_printf("SPI 32/33: ISPENDR1 %08x\n", r32(GICD + 0x204));
    ack_all("spi");
    dist_clean();
    REG(GICC) = 0;
}

/* The IRQ line: raised only for an interrupt that beats PMR and the
   running priority.  IRQs are unmasked for a bounded loop each time. */
static void irq_window(const char *what)
{
    irqs = 0;
    irq_iar[0] = irq_iar[1] = 0;
    __asm__ volatile("cpsie i" ::: "memory");
    for (volatile uint32_t i = 0; i < 20000 && irqs < 4; i++)
        ;
    __asm__ volatile("cpsid i" ::: "memory");
    rt_printf("%s: %u IRQs (IAR %08x %08x)\n", what, irqs, irq_iar[0],
              irq_iar[1]);
}

static void lines(void)
{
    uint32_t a;

    REG(GICD) = 1;
    REG(GICC) = 1;
    REG(GICC + 0x04) = 0x80;
    REG(GICD + 0x400) = 0x30405060;
    REG(GICD + 0x404) = 0x90808070;             /* SGI 4..7 */
    REG(GICD + 0xf00) = (2u << 24) | 7;         /* 90: masked by PMR */
    irq_window("masked by PMR");
    REG(GICD + 0xf00) = (2u << 24) | 1;         /* 50 */
    a = r32(GICC + 0x0c);
    REG(GICD + 0xf00) = (2u << 24) | 0;         /* 60: behind running 50 */
    irq_window("behind running");
    REG(GICD + 0xf00) = (2u << 24) | 3;         /* 30: preempts */
    irq_window("preempting");
    REG(GICC + 0x10) = a;
    irq_window("after EOI");
    REG(GICC + 0x04) = 0xff;
    irq_window("PMR ff");
    REG(GICC) = 1 | (1u << 3);                  /* FIQEn: group 0 to FIQ */
    REG(GICD + 0xf00) = (2u << 24) | 2;
    rt_printf("FIQEn: HPPIR %08x", r32(GICC + 0x18));
    REG(GICC) = 1;
    irq_window(" then off");
    dist_clean();
    REG(GICC) = 0;
}

int main(void)
{
    rt_puts("gicregs\n");
    rt_hook = hook;
    __asm__ volatile("cpsid if" ::: "memory");
    write_sweep();
    cpu_regs();
    sizes();
    sgis();
    prio();
    active();
    more();
    lines();
    rt_printf("aborts %u\n", aborts);
    rt_exit(0);
}
