/* Performance monitors (PMUv2 of a Cortex-A15): reset values, the
   cycle counter starting, stopping and resetting (PMCR.E/C, PMCNTENSET/
   CLR, PMCCFILTR), event counters counting SW_INCR exactly, overflow
   flags, the overflow interrupt on PPI 7 through the GIC, and PL0 access
   with PMUSERENR.EN clear/set.  Counter values that depend on timing are
   printed only as properties (zero, advanced, unchanged). */
#include "rt.h"

#define GICD 0x08000000u
#define GICC 0x08010000u
#define REG(a) (*(volatile uint32_t *)(a))
#define PMU_INTID 23                    /* PPI 7 */

#define PMCR()        MRC(0, c9, c12, 0)
#define PMCCNTR()     MRC(0, c9, c13, 0)
#define PMXEVCNTR()   MRC(0, c9, c13, 2)

static volatile uint32_t und_count, irq_count, last_iar, svc_count;

static int hook(int vec, rt_exc_frame *f)
{
    if (vec == VEC_UND) {
        und_count++;
        f->lr += (f->spsr & 0x20) ? 2 : 0;     /* skip the 32-bit MRC/MCR */
        return 1;
    }
    if (vec == VEC_SVC) {
        svc_count++;
        f->spsr = (f->spsr & ~0x1fu) | 0x13;   /* back to SVC mode */
        return 1;
    }
    if (vec == VEC_IRQ) {
        uint32_t iar = REG(GICC + 0x0c);
        last_iar = iar;
        irq_count++;
        if ((iar & 0x3ff) == PMU_INTID)
            MCR(0, c9, c14, 2, 0xffffffffu);    /* PMINTENCLR: quiet the source */
        REG(GICC + 0x10) = iar;
        f->lr -= 4;
        return 1;
    }
    return 0;
}

static void sel(uint32_t n)
{
    MCR(0, c9, c12, 5, n);
    ISB();
}

static void spin(void)
{
    for (volatile int i = 0; i < 200; i++)
        ;
}

static void show_state(const char *what)
{
    rt_printf("%s: PMCNTENSET %08x PMOVSR %08x PMINTENSET %08x PMSELR %08x\n", what,
              MRC(0, c9, c12, 1), MRC(0, c9, c12, 3), MRC(0, c9, c14, 1), MRC(0, c9, c12, 5));
}

static void user_access(const char *what)
{
    und_count = 0;
    svc_count = 0;
    uint32_t pmcr = 0xdeadbeef;
    __asm__ volatile("cps #0x10\n\t"
                     "mov %0, #0\n\t"
                     "mrc p15, 0, %0, c9, c12, 0\n\t"
                     "mcr p15, 0, %1, c9, c12, 4\n\t"
                     "svc #0"
                     : "=&r"(pmcr) : "r"(1u) : "memory", "lr");
    rt_printf("PL0 %s: und=%u svc=%u pmcr=%08x\n", what, und_count, svc_count, pmcr);
}

int main(void)
{
#ifdef ISA_T32
    rt_puts("pmu t32\n");
#else
    rt_puts("pmu a32\n");
#endif
    rt_hook = hook;

    /* reset values */
    rt_printf("PMCR %08x N=%u\n", PMCR(), (PMCR() >> 11) & 0x1f);
    show_state("reset");
    rt_printf("PMUSERENR %08x\n", MRC(0, c9, c14, 0));
    und_count = 0;
    (void)MRC(0, c9, c12, 6);
    (void)MRC(0, c9, c12, 7);
    rt_printf("PMCEID0/1 undefined: %u\n", und_count);
    rt_printf("PMCCNTR reset zero: %s\n", PMCCNTR() == 0 ? "yes" : "no");
    for (uint32_t n = 0; n < 6; n++) {
        sel(n);
        rt_printf("counter %u: type %08x count %08x\n", n, MRC(0, c9, c13, 1), PMXEVCNTR());
    }
    sel(31);
    rt_printf("PMCCFILTR %08x\n", MRC(0, c9, c13, 1));

    /* write masks */
    MCR(0, c9, c12, 0, 0xffffffffu);
    rt_printf("PMCR all ones -> %08x\n", PMCR() & ~0x1u);
    MCR(0, c9, c12, 0, 0);
    MCR(0, c9, c12, 1, 0xffffffffu);
    MCR(0, c9, c14, 1, 0xffffffffu);
    MCR(0, c9, c12, 5, 0xffffffffu);
    show_state("all set");
    MCR(0, c9, c12, 2, 0xffffffffu);
    MCR(0, c9, c14, 2, 0xffffffffu);
    MCR(0, c9, c12, 5, 0);
    show_state("all clear");
    MCR(0, c9, c14, 3, 0xffffffffu);        /* PMOVSSET */
    show_state("ovsset");
    MCR(0, c9, c12, 3, 0xffffffffu);
    show_state("ovsclr");
    sel(31);
    MCR(0, c9, c13, 1, 0xffffffffu);
    rt_printf("PMCCFILTR all ones -> %08x\n", MRC(0, c9, c13, 1));
    MCR(0, c9, c13, 1, 0);
    sel(0);
    MCR(0, c9, c13, 1, 0xffffffffu);
    rt_printf("PMXEVTYPER0 all ones -> %08x\n", MRC(0, c9, c13, 1));
    MCR(0, c9, c13, 1, 0);

    /* cycle counter: stands still while disabled */
    uint32_t a = PMCCNTR();
    spin();
    rt_printf("PMCCNTR disabled still: %s\n", PMCCNTR() == a ? "yes" : "no");
    MCR(0, c9, c12, 1, 0x80000000u);        /* C enabled, PMCR.E still 0 */
    spin();
    rt_printf("PMCCNTR E=0 still: %s\n", PMCCNTR() == a ? "yes" : "no");
    MCR(0, c9, c12, 0, 1u);                 /* E */
    ISB();
    a = PMCCNTR();
    spin();
    uint32_t b = PMCCNTR();
    rt_printf("PMCCNTR enabled advances: %s\n", b > a ? "yes" : "no");
    MCR(0, c9, c12, 2, 0x80000000u);        /* PMCNTENCLR C */
    ISB();
    a = PMCCNTR();
    spin();
    rt_printf("PMCCNTR after CNTENCLR still: %s nonzero: %s\n", PMCCNTR() == a ? "yes" : "no",
              a ? "yes" : "no");
    MCR(0, c9, c12, 0, 1u | 4u);            /* C: reset the cycle counter */
    rt_printf("PMCCNTR after PMCR.C: %08x PMCR %08x\n", PMCCNTR(), PMCR());
    MCR(0, c9, c13, 0, 0x12345678u);
    rt_printf("PMCCNTR written: %08x\n", PMCCNTR());
    MCR(0, c9, c12, 0, 1u | 4u);
    /* divider: 64 times slower (compare with and without D over the same loop) */
    MCR(0, c9, c12, 1, 0x80000000u);
    a = PMCCNTR();
    spin();
    uint32_t d1 = PMCCNTR() - a;
    MCR(0, c9, c12, 0, 1u | 4u | 8u);
    a = PMCCNTR();
    spin();
    uint32_t d64 = PMCCNTR() - a;
    rt_printf("PMCR.D slower: %s\n", d64 < d1 ? "yes" : "no");
    MCR(0, c9, c12, 0, 1u | 4u);
    /* PMCCFILTR.P excludes PL1: the counter stands still in SVC mode */
    sel(31);
    MCR(0, c9, c13, 1, 0x80000000u);
    ISB();
    a = PMCCNTR();
    spin();
    rt_printf("PMCCFILTR.P still at PL1: %s\n", PMCCNTR() == a ? "yes" : "no");
    MCR(0, c9, c13, 1, 0);
    MCR(0, c9, c12, 2, 0x80000000u);
    MCR(0, c9, c12, 0, 4u);

    /* event counter 0 counting SW_INCR */
    sel(0);
    MCR(0, c9, c13, 1, 0);                  /* event 0x00 SW_INCR */
    MCR(0, c9, c13, 2, 0);
    MCR(0, c9, c12, 4, 1u);
    rt_printf("swinc disabled: %08x\n", PMXEVCNTR());
    MCR(0, c9, c12, 1, 1u);
    MCR(0, c9, c12, 4, 1u);
    rt_printf("swinc E=0: %08x\n", PMXEVCNTR());
    MCR(0, c9, c12, 0, 1u);
    for (int i = 0; i < 5; i++)
        MCR(0, c9, c12, 4, 0x3fu);          /* counter 1 is not enabled */
    rt_printf("swinc x5: %08x\n", PMXEVCNTR());
    sel(1);
    MCR(0, c9, c13, 1, 0);
    rt_printf("counter 1 (not enabled): %08x\n", PMXEVCNTR());
    /* an event counter with an unimplemented event counts nothing */
    sel(2);
    MCR(0, c9, c13, 1, 0x03);               /* L1D_CACHE_REFILL */
    MCR(0, c9, c13, 2, 0);
    MCR(0, c9, c12, 1, 4u);
    spin();
    rt_printf("event 0x03: %08x type %08x\n", PMXEVCNTR(), MRC(0, c9, c13, 1));
    /* PMCR.P resets event counters, not the cycle counter */
    MCR(0, c9, c13, 0, 0x100u);
    MCR(0, c9, c12, 0, 1u | 2u);
    sel(0);
    rt_printf("after PMCR.P: counter0 %08x PMCCNTR %08x\n", PMXEVCNTR(), PMCCNTR());

    /* overflow of counter 0 */
    MCR(0, c9, c13, 2, 0xfffffffeu);
    MCR(0, c9, c12, 4, 1u);
    rt_printf("near overflow: %08x PMOVSR %08x\n", PMXEVCNTR(), MRC(0, c9, c12, 3));
    MCR(0, c9, c12, 4, 1u);
    rt_printf("overflowed: %08x PMOVSR %08x\n", PMXEVCNTR(), MRC(0, c9, c12, 3));
    MCR(0, c9, c12, 3, 1u);
    rt_printf("PMOVSR cleared %08x\n", MRC(0, c9, c12, 3));

    /* overflow interrupt, PPI 7 */
    REG(GICD + 0x000) = 1;
    REG(GICD + 0x100) = 1u << PMU_INTID;
    REG(GICD + 0x400 + 4 * (PMU_INTID / 4)) = 0x80808080u;
    REG(GICC + 0x004) = 0xf0;
    REG(GICC + 0x000) = 1;
    MCR(0, c9, c14, 1, 1u);                 /* PMINTENSET counter 0 */
    MCR(0, c9, c13, 2, 0xffffffffu);
    DSB();
    rt_printf("irq before: pending=%u count=%u\n", (REG(GICD + 0x200) >> PMU_INTID) & 1,
              irq_count);
    MCR(0, c9, c12, 4, 1u);
    ISB();
    DSB();
    rt_printf("irq raised: pending=%u hppir=%03x PMOVSR %08x\n",
              (REG(GICD + 0x200) >> PMU_INTID) & 1, REG(GICC + 0x018) & 0x3ff,
              MRC(0, c9, c12, 3));
    __asm__ volatile("cpsie i" ::: "memory");
    for (uint32_t i = 0; irq_count < 1 && i < 1000000; i++)
        ;
    __asm__ volatile("cpsid i" ::: "memory");
    rt_printf("irq taken: count=%u iar=%x PMINTENSET %08x\n", irq_count, last_iar,
              MRC(0, c9, c14, 1));
    MCR(0, c9, c12, 3, 1u);
    DSB();
    rt_printf("irq after clear: pending=%u\n", (REG(GICD + 0x200) >> PMU_INTID) & 1);
    /* the cycle counter overflows into PMOVSR[31] */
    MCR(0, c9, c13, 0, 0xffffff00u);
    MCR(0, c9, c12, 1, 0x80000000u);
    spin();
    spin();
    MCR(0, c9, c12, 2, 0x80000000u);
    rt_printf("cycle overflow: PMOVSR %08x wrapped: %s\n", MRC(0, c9, c12, 3),
              PMCCNTR() < 0x80000000u ? "yes" : "no");
    MCR(0, c9, c12, 3, 0xffffffffu);
    /* ... and interrupts by itself while the guest only spins */
    irq_count = 0;
    MCR(0, c9, c13, 0, 0xffff0000u);
    MCR(0, c9, c14, 1, 0x80000000u);
    MCR(0, c9, c12, 1, 0x80000000u);
    __asm__ volatile("cpsie i" ::: "memory");
    for (uint32_t i = 0; irq_count < 1 && i < 50000000; i++)
        ;
    __asm__ volatile("cpsid i" ::: "memory");
    MCR(0, c9, c12, 2, 0x80000000u);
    rt_printf("cycle irq while spinning: count=%u iar=%x PMOVSR %08x\n", irq_count, last_iar,
              MRC(0, c9, c12, 3));
    MCR(0, c9, c12, 3, 0xffffffffu);
    REG(GICC + 0x000) = 0;
    REG(GICD + 0x000) = 0;

    /* PL0 access */
    user_access("userenr=0");
    MCR(0, c9, c14, 0, 1u);
    user_access("userenr=1");
    rt_printf("counter0 after PL0 swinc %08x\n", PMXEVCNTR());
    MCR(0, c9, c14, 0, 0xffffffffu);
    rt_printf("PMUSERENR all ones -> %08x\n", MRC(0, c9, c14, 0));
    MCR(0, c9, c14, 0, 0);
    MCR(0, c9, c12, 0, 0);
    return 0;
}
