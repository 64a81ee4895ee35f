/* SMP on virt (run with -smp 2 and -smp 4): PSCI (VERSION, FEATURES,
   MIGRATE_INFO_TYPE, CPU_ON with its context id and Thumb entry bit,
   ALREADY_ON and bad targets, AFFINITY_INFO, CPU_OFF and a second
   CPU_ON), MPIDR and L2CTLR per CPU, the GIC's banked registers per CPU
   (SGI/PPI enables and priorities, GICD_ITARGETSR, the CPU interface),
   SPI routing by GICD_ITARGETSR, GICD_SGIR with each target filter and
   the source CPU in GICC_IAR, WFI woken by an SGI with IRQs masked,
   LDREX/STREX counters shared by every CPU, a reservation lost to
   another CPU's store, TLBIMVAIS/TLBIALLIS reaching another CPU's TLB,
   and a CPU's own generic timer raising its own PPI.  CPU 0 prints everything; the others report through memory, one
   step at a time, so the output does not depend on how the CPUs
   interleave. */
#include "rt.h"

#define GICD 0x08000000u
#define GICC 0x08010000u
#define REG(a) (*(volatile uint32_t *)(a))
#define REG8(a) (*(volatile uint8_t *)(a))

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0x84000003u
#define PSCI_AFFINITY_INFO 0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_FEATURES 0x8400000au

#define MAX_CPUS 8
#define COUNT_ITERS 2000
#define PA_A 0x48000000u           /* two 1 MiB sections of RAM */
#define PA_B 0x48100000u
#define VA_T 0x80000000u           /* mapped to one, then the other */

/* Per secondary: what it saw, and the last step it finished. */
typedef struct Report {
    volatile uint32_t v[12];
    volatile uint32_t done;
} Report;

static Report rep[MAX_CPUS];
static volatile uint32_t step;
static volatile uint32_t counter;
static volatile uint32_t excl_word;
static volatile uint32_t excl_flag;
uint8_t sec_stacks[MAX_CPUS][2048] __attribute__((aligned(8), used));
static uint32_t l1[4096] __attribute__((aligned(16384)));
static unsigned ncpus;

static uint32_t psci(uint32_t fn, uint32_t a, uint32_t b, uint32_t c)
{
    register uint32_t r0 __asm__("r0") = fn;
    register uint32_t r1 __asm__("r1") = a;
    register uint32_t r2 __asm__("r2") = b;
    register uint32_t r3 __asm__("r3") = c;

    __asm__ volatile("hvc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) :: "memory");
    return r0;
}

static void sev(void)
{
    __asm__ volatile("dsb\n\tsev" ::: "memory");
}

static void wfe(void)
{
    __asm__ volatile("wfe" ::: "memory");
}

static uint32_t mpidr(void)
{
    return MRC(0, c0, c0, 5);
}

static unsigned me(void)
{
    return mpidr() & 0xff;
}

/* One atomic increment, by the book. */
static void atomic_inc(volatile uint32_t *p)
{
    uint32_t v, fail;

    do {
        __asm__ volatile("ldrex %0, [%2]\n\tadd %0, %0, #1\n\tstrex %1, %0, [%2]"
                         : "=&r"(v), "=&r"(fail) : "r"(p) : "memory");
    } while (fail);
}

/* Identity sections (strongly-ordered), VA_T to PA_A; MMU on. */
static void mmu_on(void)
{
    MCR(0, c2, c0, 2, 0);              /* TTBCR: short descriptors, N = 0 */
    MCR(0, c2, c0, 0, (uint32_t)l1);   /* TTBR0 */
    MCR(0, c3, c0, 0, 0xffffffffu);    /* DACR: managers */
    MCR(0, c8, c7, 0, 0);              /* TLBIALL (local) */
    DSB();
    ISB();
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | 1u);
    ISB();
}

static void mmu_off(void)
{
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~1u);
    ISB();
}

static uint32_t section(uint32_t pa)
{
    return (pa & 0xfff00000u) | (3u << 10) | 2u; /* AP=11, SO */
}

/* ---- the secondaries ---- */

static void wait_step(uint32_t k)
{
    while (step != k) {
        wfe();
    }
}

static void report_done(unsigned cpu, uint32_t k)
{
    DSB();
    rep[cpu].done = k;
    sev();
}

/* Wait (IRQs masked) until an interrupt is pending here; ack it. */
static uint32_t wait_ack(void)
{
    while ((REG(GICC + 0x18) & 0x3ff) == 1023) {
        __asm__ volatile("wfi" ::: "memory");
    }
    return REG(GICC + 0x0c);
}

/* wait_ack, then end the interrupt (EOIR); returns what was acked. */
static uint32_t ack_eoi(void)
{
    uint32_t iar = wait_ack();

    REG(GICC + 0x10) = iar;
    return iar;
}

void sec_main(uint32_t ctx) __attribute__((used, noreturn));
void sec_main(uint32_t ctx)
{
    unsigned cpu = me();
    Report *r = &rep[cpu];
    uint32_t iar;

    /* Step 1: how it started. */
    r->v[0] = mpidr();
    r->v[1] = ctx;
    r->v[2] = rt_cpsr() & 0x1ff;        /* mode, T, masks */
    r->v[3] = MRC(0, c1, c0, 0) & 1u;   /* MMU off */
    r->v[4] = (MRC(1, c9, c0, 2) >> 24) & 7u;
    report_done(cpu, 1);

    /* Step 2: this CPU's banked GIC registers. */
    wait_step(2);
    REG8(GICD + 0x400 + 1) = (uint8_t)(0x10 * (cpu + 1));  /* SGI 1 */
    REG8(GICD + 0x400 + 17 + cpu) = (uint8_t)(0x08 * cpu); /* PPI 17+cpu */
    REG(GICD + 0x100) = 1u << (17 + cpu);                  /* enable it */
    REG(GICC + 0x04) = 0xf0 - 0x10 * cpu;                  /* PMR */
    REG(GICC + 0x00) = 1;
    r->v[0] = REG(GICD + 0x400);
    r->v[1] = REG(GICD + 0x410 + 4 * ((17 + cpu) / 4));
    r->v[2] = REG(GICD + 0x100);
    r->v[3] = REG(GICD + 0x800);         /* SGI targets: this CPU */
    r->v[4] = REG(GICD + 0x81c);         /* PPI targets */
    r->v[5] = REG(GICC + 0x04);
    r->v[6] = REG(GICC + 0x00);
    REG(GICC + 0x04) = 0xff;
    report_done(cpu, 2);

    /* Step 3: SGI 1 by target list (CPU 0 sends to every secondary);
       WFI with IRQs masked wakes when it is pending. */
    wait_step(3);
    r->v[0] = ack_eoi();
    r->v[1] = REG(GICC + 0x18);
    report_done(cpu, 3);

    /* Step 4: CPU 1 sends SGI 2 to all but itself; the others ack it. */
    wait_step(4);
    if (cpu == 1) {
        REG(GICD + 0xf00) = (1u << 24) | 2;
        r->v[0] = REG(GICC + 0x18);       /* nothing for the sender */
    } else {
        r->v[0] = ack_eoi();
    }
    report_done(cpu, 4);

    /* Step 5: the last CPU sends SGI 3 to itself only. */
    wait_step(5);
    if (cpu == ncpus - 1) {
        REG(GICD + 0xf00) = (2u << 24) | 3;
        r->v[0] = ack_eoi();
    } else {
        r->v[0] = REG(GICC + 0x18);
    }
    report_done(cpu, 5);

    /* Step 6: SPI 40, routed by CPU 0 to CPU 1 only. */
    wait_step(6);
    if (cpu == 1) {
        r->v[0] = ack_eoi();
    } else {
        r->v[0] = REG(GICC + 0x18);
    }
    report_done(cpu, 6);

    /* Step 7: everyone counts. */
    wait_step(7);
    for (int i = 0; i < COUNT_ITERS; i++) {
        atomic_inc(&counter);
    }
    report_done(cpu, 7);

    /* Step 8: CPU 1 holds a reservation that CPU 0's store breaks. */
    wait_step(8);
    if (cpu == 1) {
        uint32_t v, fail;

        __asm__ volatile("ldrex %0, [%1]" : "=r"(v) : "r"(&excl_word) : "memory");
        excl_flag = 1;
        sev();
        while (excl_flag != 2) {
            wfe();
        }
        __asm__ volatile("strex %0, %2, [%1]" : "=&r"(fail)
                         : "r"(&excl_word), "r"(v + 100) : "memory");
        r->v[0] = v;
        r->v[1] = fail;
        r->v[2] = excl_word;
    }
    report_done(cpu, 8);

    /* Step 9: MMU on with CPU 0's tables; VA_T reads PA_A. */
    wait_step(9);
    mmu_on();
    r->v[0] = REG(VA_T);
    report_done(cpu, 9);

    /* Step 10: CPU 0 remapped VA_T to PA_B and sent TLBIMVAIS. */
    wait_step(10);
    r->v[0] = REG(VA_T);
    report_done(cpu, 10);

    /* Step 11: back to PA_A, by TLBIALLIS; then MMU off. */
    wait_step(11);
    r->v[0] = REG(VA_T);
    mmu_off();
    report_done(cpu, 11);

    /* Step 12: CPU 1's own virtual timer fires its own PPI 27. */
    wait_step(12);
    if (cpu == 1) {
        REG(GICD + 0x100) = 1u << 27;
        __asm__ volatile("mcr p15, 0, %0, c14, c3, 0\n\t"   /* CNTV_TVAL */
                         "mcr p15, 0, %1, c14, c3, 1\n\t"   /* CNTV_CTL */
                         "isb" :: "r"(1000), "r"(1) : "memory");
        iar = wait_ack();
        __asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" :: "r"(0) : "memory");
        r->v[0] = iar;
        REG(GICC + 0x10) = iar;
        r->v[1] = REG(GICC + 0x18);
    }
    report_done(cpu, 12);

    /* Step 13: off. */
    wait_step(13);
    report_done(cpu, 13);
    psci(PSCI_CPU_OFF, 0, 0, 0);
    for (;;) {
        r->v[11] = 0xbad;                 /* CPU_OFF returned */
    }
}

/* CPU_ON's entry, r0 the context id: a stack by MPIDR.Aff0, and VFP. */
__attribute__((naked)) static void sec_entry(void)
{
    __asm__ volatile(
        "movw r1, #:lower16:sec_stacks\n\t"
        "movt r1, #:upper16:sec_stacks\n\t"
        "mrc p15, 0, r2, c0, c0, 5\n\t"
        "and r2, r2, #7\n\t"
        "add r2, r2, #1\n\t"
        "lsl r2, r2, #11\n\t"
        "add r1, r1, r2\n\t"
        "mov sp, r1\n\t"
        "mrc p15, 0, r1, c1, c0, 2\n\t"
        "orr r1, r1, #(0xf << 20)\n\t"
        "mcr p15, 0, r1, c1, c0, 2\n\t"
        "isb\n\t"
        "mov r1, #0x40000000\n\t"
        "vmsr fpexc, r1\n\t"
        "b sec_main\n\t");
}

/* ---- CPU 0 ---- */

static void wait_all(uint32_t k)
{
    for (unsigned c = 1; c < ncpus; c++) {
        while (rep[c].done != k) {
            wfe();
        }
    }
    DSB();
}

static void go(uint32_t k)
{
    DSB();
    step = k;
    sev();
}

static void print_reports(const char *what, uint32_t k, int n)
{
    wait_all(k);
    for (unsigned c = 1; c < ncpus; c++) {
        rt_printf("%s cpu%u:", what, c);
        for (int i = 0; i < n; i++) {
            rt_printf(" %08x", rep[c].v[i]);
        }
        rt_printf("\n");
    }
}

/* GICD_ITARGETSR bits of the CPUs there are, in each byte. */
static uint32_t present_mask(void)
{
    return ((1u << ncpus) - 1) * 0x01010101u;
}

static void affinity(const char *when)
{
    rt_printf("affinity %s:", when);
    for (unsigned c = 0; c <= ncpus; c++) {
        rt_printf(" %d", (int)psci(PSCI_AFFINITY_INFO, c, 0, 0));
    }
    rt_printf(" level1 %d mpidr-form %d\n", (int)psci(PSCI_AFFINITY_INFO, 0x100, 1, 0),
              (int)psci(PSCI_AFFINITY_INFO, 0x80000001u, 0, 0));
}

static void wait_off(unsigned c)
{
    while (psci(PSCI_AFFINITY_INFO, c, 0, 0) != 1) {
        continue;
    }
}

int main(void)
{
    uint32_t entry = (uint32_t)sec_entry, iar, v, fail;

    ncpus = ((REG(GICD + 0x004) >> 5) & 7) + 1;
    rt_printf("cpus %u (GICD_TYPER %08x) l2ctlr.cores %u mpidr %08x\n", ncpus,
              REG(GICD + 0x004), (MRC(1, c9, c0, 2) >> 24) & 7u, mpidr());
    rt_printf("entry is %s\n", entry & 1 ? "thumb" : "arm");
    rt_printf("psci version %08x migrate_info_type %d features(cpu_on) %d\n",
              psci(PSCI_VERSION, 0, 0, 0), (int)psci(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0),
              (int)psci(PSCI_FEATURES, PSCI_CPU_ON, 0, 0));
    affinity("at reset");
    rt_printf("cpu_on self %d, cpu %u %d\n", (int)psci(PSCI_CPU_ON, 0, entry, 0),
              ncpus, (int)psci(PSCI_CPU_ON, ncpus, entry, 0));

    /* The GIC, as the secondaries will use it. */
    REG(GICD + 0x000) = 1;
    REG(GICC + 0x04) = 0xff;
    REG(GICC + 0x00) = 1;
    rt_printf("spi targets at reset %08x\n", REG(GICD + 0x828));
    /* Bits of absent CPUs: RAZ/WI by the architecture, kept by QEMU 7.2;
       only the present CPUs' bits are compared. */
    REG(GICD + 0x828) = 0xffffffffu;
    rt_printf("spi targets all-ones %08x\n", REG(GICD + 0x828) & present_mask());

    /* Step 1: start them one by one; each says how it began. */
    for (unsigned c = 1; c < ncpus; c++) {
        rt_printf("cpu_on %u: %d\n", c, (int)psci(PSCI_CPU_ON, c, entry, c));
        while (rep[c].done != 1) {
            wfe();
        }
        rt_printf("cpu_on %u again: %d\n", c, (int)psci(PSCI_CPU_ON, c, entry, c));
    }
    print_reports("started", 1, 5);
    affinity("all on");

    /* Step 2: banked registers; CPU 0's own must be untouched. */
    REG8(GICD + 0x400 + 1) = 0x0c;
    go(2);
    print_reports("banked", 2, 7);
    rt_printf("banked cpu0: %08x %08x %08x %08x %08x\n", REG(GICD + 0x400),
              REG(GICD + 0x100), REG(GICD + 0x800), REG(GICD + 0x81c),
              REG(GICC + 0x04));

    /* Step 3: SGI 1 to every secondary by target list. */
    REG(GICD + 0xf00) = (((1u << ncpus) - 2) << 16) | 1;
    go(3);
    print_reports("sgi list", 3, 2);
    rt_printf("sgi list cpu0 hppir %08x\n", REG(GICC + 0x18));

    /* Step 4: all-but-self from CPU 1. */
    go(4);
    print_reports("sgi others", 4, 1);
    iar = ack_eoi();
    rt_printf("sgi others cpu0: %08x\n", iar);

    /* Step 5: self from the last CPU. */
    go(5);
    print_reports("sgi self", 5, 1);
    rt_printf("sgi self cpu0 hppir %08x\n", REG(GICC + 0x18));

    /* Step 6: SPI 40 to CPU 1 only. */
    REG8(GICD + 0x800 + 40) = 2;
    REG(GICD + 0x100 + 4) = 1u << 8;     /* enable 40 */
    REG(GICD + 0x200 + 4) = 1u << 8;     /* pending */
    go(6);
    print_reports("spi", 6, 1);
    rt_printf("spi cpu0 hppir %08x targets %08x\n", REG(GICC + 0x18),
              REG(GICD + 0x828) & present_mask());

    /* Step 7: count together. */
    go(7);
    for (int i = 0; i < COUNT_ITERS; i++) {
        atomic_inc(&counter);
    }
    wait_all(7);
    rt_printf("counter %u (expect %u)\n", counter, ncpus * COUNT_ITERS);

    /* Step 8: break CPU 1's reservation with a store. */
    excl_word = 7;
    go(8);
    while (excl_flag != 1) {
        wfe();
    }
    excl_word = 8;
    DSB();
    excl_flag = 2;
    sev();
    wait_all(8);
    rt_printf("cpu1 ldrex %u, cpu0 stores, cpu1 strex %u, word %u\n",
              rep[1].v[0], rep[1].v[1], rep[1].v[2]);
    /* And CPU 0's own pair still works. */
    __asm__ volatile("ldrex %0, [%2]\n\tadd %0, %0, #1\n\tstrex %1, %0, [%2]"
                     : "=&r"(v), "=&r"(fail) : "r"(&excl_word) : "memory");
    rt_printf("own strex %u word %u\n", fail, excl_word);

    /* Steps 9-11: one set of tables, TLB maintenance broadcast. */
    for (uint32_t i = 0; i < 4096; i++) {
        l1[i] = section(i << 20);
    }
    l1[VA_T >> 20] = section(PA_A);
    REG(PA_A) = 0xaaaa0001;
    REG(PA_B) = 0xbbbb0002;
    DSB();
    mmu_on();
    rt_printf("cpu0 reads %08x\n", REG(VA_T));
    go(9);
    print_reports("mmu on", 9, 1);
    l1[VA_T >> 20] = section(PA_B);
    DSB();
    MCR(0, c8, c3, 1, VA_T);             /* TLBIMVAIS */
    DSB();
    ISB();
    go(10);
    print_reports("after tlbimvais", 10, 1);
    rt_printf("cpu0 reads %08x\n", REG(VA_T));
    l1[VA_T >> 20] = section(PA_A);
    DSB();
    MCR(0, c8, c3, 0, 0);                /* TLBIALLIS */
    DSB();
    ISB();
    go(11);
    print_reports("after tlbiallis", 11, 1);
    mmu_off();

    /* Step 12: a per-CPU timer; CPU 0 sees none of it. */
    REG(GICD + 0x100) = 1u << 27;
    go(12);
    wait_all(12);
    rt_printf("cpu1 timer: iar %08x then hppir %08x; cpu0 hppir %08x\n",
              rep[1].v[0], rep[1].v[1], REG(GICC + 0x18));

    /* Step 13: all off, then CPU 1 once more. */
    go(13);
    wait_all(13);
    for (unsigned c = 1; c < ncpus; c++) {
        wait_off(c);
    }
    affinity("after cpu_off");
    rep[1].done = 0;
    step = 0;
    DSB();
    rt_printf("cpu_on 1 after off: %d\n", (int)psci(PSCI_CPU_ON, 1, entry, 0x51));
    while (rep[1].done != 1) {
        wfe();
    }
    rt_printf("restarted cpu1: %08x %08x %08x %08x\n", rep[1].v[0], rep[1].v[1],
              rep[1].v[2], rep[1].v[3]);
    affinity("cpu1 on again");
    return 0;
}
