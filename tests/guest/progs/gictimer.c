/* GICv2 + generic timer: distributor/CPU interface set-up, a software
   generated interrupt to self, the non-secure physical timer (PPI 14,
   INTID 30) pending while CPSR.I masks it, WFI waking on a masked
   interrupt, delivery after CPSIE, acknowledge/EOI.  Only deterministic
   facts are printed (IDs, counts, pending bits), never times. */
#include "rt.h"

#define GICD 0x08000000u
#define GICC 0x08010000u
#define REG(a) (*(volatile uint32_t *)(a))

static volatile uint32_t irq_count, last_iar, irq_spsr;

static void timer_ctl(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c14, c2, 1\n\tisb" :: "r"(v));
}

static uint32_t timer_ctl_read(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c14, c2, 1" : "=r"(v));
    return v;
}

static int hook(int vec, rt_exc_frame *f)
{
    if (vec != VEC_IRQ)
        return 0;
    uint32_t iar = REG(GICC + 0x0c);
    last_iar = iar;
    irq_spsr = f->spsr;
    irq_count++;
    if ((iar & 0x3ff) == 30)
        timer_ctl(0);                   /* stop the level-triggered source */
    REG(GICC + 0x10) = iar;             /* EOIR */
    f->lr -= 4;                         /* IRQ: return to the interrupted insn */
    return 1;
}

/* unmask IRQs until the n-th interrupt arrived (bounded), then mask again */
static void wait_irq(uint32_t n)
{
    __asm__ volatile("cpsie i" ::: "memory");
    for (uint32_t i = 0; irq_count < n && i < 10000000; i++)
        ;
    __asm__ volatile("cpsid i" ::: "memory");
}

int main(void)
{
    rt_puts("gictimer a32\n");
    rt_hook = hook;
    rt_printf("GICD_TYPER %08x GICD_IIDR %08x GICC_IIDR %08x\n",
              REG(GICD + 0x004), REG(GICD + 0x008), REG(GICC + 0x0fc));
    REG(GICD + 0x000) = 1;              /* distributor on */
    REG(GICD + 0x100) = 0xffffffff;     /* enable SGIs and PPIs */
    for (int i = 0; i < 8; i++)
        REG(GICD + 0x400 + 4 * i) = 0x80808080;     /* priorities */
    REG(GICC + 0x004) = 0xf0;           /* PMR */
    REG(GICC + 0x000) = 1;              /* CPU interface on */
    rt_printf("GICD_ISENABLER0 %08x GICC_PMR %02x\n", REG(GICD + 0x100), REG(GICC + 0x004));

    /* SGI 5 to self while masked: pending, then taken after CPSIE */
    REG(GICD + 0xf00) = (2u << 24) | 5;
    DSB();
    rt_printf("sgi pending: ispendr0=%08x hppir=%03x count=%u\n", REG(GICD + 0x200) & 0xffff,
              REG(GICC + 0x018) & 0x3ff, irq_count);
    wait_irq(1);
    rt_printf("sgi taken: count=%u iar=%x spsr.mode=%02x\n", irq_count, last_iar, irq_spsr & 0x1f);

    uint32_t frq;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(frq));
    rt_printf("CNTFRQ %u\n", frq);
    uint64_t c0, c1;
    __asm__ volatile("isb\n\tmrrc p15, 0, %Q0, %R0, c14" : "=r"(c0));
    for (volatile int i = 0; i < 1000; i++)
        ;
    __asm__ volatile("isb\n\tmrrc p15, 0, %Q0, %R0, c14" : "=r"(c1));
    rt_printf("CNTPCT advances: %s\n", c1 > c0 ? "yes" : "no");

    /* physical timer, 100 us, masked in CPSR: WFI still wakes up */
    uint32_t tval = frq / 10000;
    __asm__ volatile("mcr p15, 0, %0, c14, c2, 0" :: "r"(tval));    /* CNTP_TVAL */
    timer_ctl(1);
    while (!(timer_ctl_read() & 4))
        __asm__ volatile("wfi");
    rt_printf("timer fired: ctl=%x ispendr0.30=%u hppir=%03x count=%u\n", timer_ctl_read(),
              (REG(GICD + 0x200) >> 30) & 1, REG(GICC + 0x018) & 0x3ff, irq_count);
    wait_irq(2);
    rt_printf("timer taken: count=%u iar=%x ctl=%x ispendr0.30=%u\n", irq_count, last_iar,
              timer_ctl_read(), (REG(GICD + 0x200) >> 30) & 1);

    /* IMASK keeps the interrupt from reaching the GIC */
    __asm__ volatile("mcr p15, 0, %0, c14, c2, 0" :: "r"(0));
    timer_ctl(3);
    while (!(timer_ctl_read() & 4))
        ;
    DSB();
    rt_printf("imask: ctl=%x ispendr0.30=%u\n", timer_ctl_read(), (REG(GICD + 0x200) >> 30) & 1);
    timer_ctl(0);
    REG(GICC + 0x000) = 0;
    REG(GICD + 0x000) = 0;
    return 0;
}
