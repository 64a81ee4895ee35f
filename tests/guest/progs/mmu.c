/* Short-descriptor MMU: sections, supersections, small and large pages,
   domains (no access / client / manager), AP bits for privileged and
   unprivileged (LDRT/STRT) accesses, XN, translation faults at both
   levels, the exact DFSR/IFSR/DFAR/IFAR values, nG + ASID with TLB
   maintenance, TTBR0/TTBR1 split by TTBCR.N and PD0, high vectors,
   unaligned accesses to Normal memory, ATS1C* address translation. */
#include "trap.h"

#define PA_TEST 0x48000000u             /* 16 MiB of RAM the program never uses */

static uint32_t l1[4096] __attribute__((aligned(16384)));
static uint32_t l1_low[1024] __attribute__((aligned(4096)));  /* TTBR0 with N=2 */
static uint32_t l2a[256] __attribute__((aligned(1024)));
static uint32_t l2hv[256] __attribute__((aligned(1024)));

/* section: AP[2:0], domain, XN, nG; Normal WB memory or Device */
#define SEC(pa, ap, dom, xn, ng) \
    (((pa) & 0xfff00000u) | 0x2u | (1u << 12) | 0xcu | (((ap) & 3u) << 10) | \
     ((((ap) >> 2) & 1u) << 15) | ((dom) << 5) | ((xn) << 4) | ((ng) << 17))
#define SEC_DEV(pa) (((pa) & 0xfff00000u) | 0x2u | 0x4u | (3u << 10) | (1u << 4))
#define SUPERSEC(pa, ap) (((pa) & 0xff000000u) | 0x2u | (1u << 18) | (1u << 12) | 0xcu | \
                          (((ap) & 3u) << 10) | ((((ap) >> 2) & 1u) << 15))
#define PT(l2, dom) (((uint32_t)(l2) & 0xfffffc00u) | 0x1u | ((dom) << 5))
#define SMALL(pa, ap, xn) (((pa) & 0xfffff000u) | 0x2u | (xn) | 0xcu | (1u << 6) | \
                           (((ap) & 3u) << 4) | ((((ap) >> 2) & 1u) << 9))
#define LARGE(pa, ap) (((pa) & 0xffff0000u) | 0x1u | 0xcu | (1u << 12) | \
                       (((ap) & 3u) << 4) | ((((ap) >> 2) & 1u) << 9))

static void tlb_flush_all(void)
{
    DSB();
    MCR(0, c8, c7, 0, 0);
    DSB();
    ISB();
}

static void tlb_flush_va(uint32_t va)
{
    DSB();
    MCR(0, c8, c7, 1, va & 0xfffff000u);
    DSB();
    ISB();
}

static void set_dacr(uint32_t v)
{
    MCR(0, c3, c0, 0, v);
    ISB();
}

static uint32_t rd(uint32_t va)
{
    return *(volatile uint32_t *)va;
}

static void build_tables(void)
{
    for (uint32_t mb = 0x080; mb < 0x0c0; mb++)         /* GIC, UART, virtio... */
        l1[mb] = SEC_DEV(mb << 20);
    for (uint32_t mb = 0x400; mb < 0x500; mb++)         /* RAM, flat */
        l1[mb] = SEC(mb << 20, 3, 0, 0, 0);
    l1[0x200] = SEC(PA_TEST, 3, 0, 0, 0);               /* VA 0x20000000 */
    for (int i = 0; i < 16; i++)                        /* VA 0x21000000, 16 MiB */
        l1[0x210 + i] = SUPERSEC(0x49000000u, 3);
    l1[0x220] = PT(l2a, 0);                             /* VA 0x22000000: pages */
    l2a[0] = SMALL(PA_TEST + 0x100000, 3, 0);
    l2a[1] = SMALL(PA_TEST + 0x101000, 1, 0);           /* priv RW, user none */
    l2a[2] = SMALL(PA_TEST + 0x102000, 2, 0);           /* priv RW, user RO */
    l2a[3] = 0;                                         /* translation fault */
    l2a[4] = SMALL(PA_TEST + 0x103000, 7, 0);           /* RO for both */
    l2a[5] = SMALL(PA_TEST + 0x103000, 5, 0);           /* priv RO, user none */
    l2a[6] = SMALL(PA_TEST + 0x300000, 3, 1);           /* XN code page */
    l2a[7] = SMALL(PA_TEST + 0x300000, 3, 0);           /* executable alias */
    for (int i = 16; i < 32; i++)                       /* VA 0x22010000: 64K page */
        l2a[i] = LARGE(PA_TEST + 0x200000, 3);
    l1[0x240] = SEC(PA_TEST, 3, 3, 0, 0);               /* domain 3 */
    l1[0x241] = SEC(PA_TEST, 0, 4, 0, 0);               /* AP=000, domain 4 */
    l1[0x242] = SEC(PA_TEST, 1, 0, 0, 0);               /* priv only */
    l1[0x243] = SEC(PA_TEST, 2, 0, 0, 0);               /* user RO */
    l1[0x244] = SEC(PA_TEST, 7, 0, 0, 0);               /* RO */
    l1[0x250] = SEC(PA_TEST + 0x300000, 3, 0, 1, 0);    /* XN section with code */
    l1[0x251] = SEC(PA_TEST + 0x300000, 3, 0, 0, 0);
    l1[0x252] = SEC(PA_TEST + 0x300000, 3, 3, 0, 0);    /* code, domain 3 */
    l1[0x270] = SEC(PA_TEST + 0x400000, 3, 0, 0, 1);    /* nG */
    l1[0x271] = SEC(PA_TEST + 0x400000, 3, 0, 0, 0);    /* global */
    l1[0xfff] = PT(l2hv, 0);                            /* high vectors page */
}

static void fill_test_ram(void)
{
    for (uint32_t off = 0; off < 0x1000000; off += 0x100000)
        for (uint32_t i = 0; i < 0x10; i++)
            *(volatile uint32_t *)(PA_TEST + off + i * 4) = 0xa0000000u | off | i;
    for (uint32_t p = 0; p < 4; p++)
        *(volatile uint32_t *)(PA_TEST + 0x100000 + p * 0x1000) = 0xb0000000u | p;
    *(volatile uint32_t *)(PA_TEST + 0x20fffc) = 0xc000fffc;
    *(volatile uint32_t *)(0x49345678) = 0xd0345678;
    /* code page: "mov r0, #0x42; bx lr" */
    *(volatile uint32_t *)(PA_TEST + 0x300000) = 0xe3a00042;
    *(volatile uint32_t *)(PA_TEST + 0x300004) = 0xe12fff1e;
    *(volatile uint32_t *)(PA_TEST + 0x400000) = 0x11111111;
    *(volatile uint32_t *)(PA_TEST + 0x500000) = 0x22222222;
    MCR(0, c7, c5, 0, 0);               /* ICIALLU for the code page */
}

static void mmu_on(void)
{
    MCR(0, c2, c0, 2, 0);               /* TTBCR: N=0 */
    MCR(0, c2, c0, 0, (uint32_t)l1);    /* TTBR0 */
    MCR(0, c2, c0, 1, (uint32_t)l1);    /* TTBR1 (unused while N=0) */
    set_dacr(0x55555555 & ~(3u << 6) & ~(3u << 8));     /* dom 3: none, 4: none */
    MCR(0, c13, c0, 1, 1);              /* CONTEXTIDR: ASID 1 */
    tlb_flush_all();
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | 1u);
    ISB();
}

static void translate(const char *what, uint32_t va)
{
    uint32_t par[4];
    MCR(0, c7, c8, 0, va); ISB(); par[0] = MRC(0, c7, c4, 0);     /* ATS1CPR */
    MCR(0, c7, c8, 1, va); ISB(); par[1] = MRC(0, c7, c4, 0);     /* ATS1CPW */
    MCR(0, c7, c8, 2, va); ISB(); par[2] = MRC(0, c7, c4, 0);     /* ATS1CUR */
    MCR(0, c7, c8, 3, va); ISB(); par[3] = MRC(0, c7, c4, 0);     /* ATS1CUW */
    rt_printf("ats %s %08x: PR=%08x PW=%08x UR=%08x UW=%08x\n", what, va,
              par[0], par[1], par[2], par[3]);
}

static uint32_t vec_copy[16];

int main(void)
{
    uint32_t v;
    rt_puts("mmu a32\n");
    rt_hook = trap_hook;
    g_show_ifar = 1;
    fill_test_ram();
    build_tables();
    mmu_on();
    rt_printf("sctlr=%08x\n", MRC(0, c1, c0, 0));

    rt_printf("section     %08x\n", rd(0x20000004));
    rt_printf("supersect   %08x %08x\n", rd(0x21345678), rd(0x21000008));
    rt_printf("small       %08x %08x %08x\n", rd(0x22000000), rd(0x22001000), rd(0x22002000));
    rt_printf("large       %08x %08x\n", rd(0x22010008), rd(0x2201fffc));

    TRAP("l1 translation fault", "ldr r0, [%[a]]", [a] "r"(0x23000010));
    TRAP("l1 translation fault (write)", "str r0, [%[a]]", [a] "r"(0x23456788));
    TRAP("l2 translation fault", "ldr r0, [%[a], #4]", [a] "r"(0x22003000));
    TRAP("l2 translation fault (beyond table)", "ldrb r0, [%[a]]", [a] "r"(0x22050001));
    TRAP("domain none (section)", "ldr r0, [%[a]]", [a] "r"(0x24000000));
    TRAP("domain none, AP=000 (section)", "ldr r0, [%[a]]", [a] "r"(0x24100000));
    set_dacr(0x55555555 | (3u << 8));   /* domain 4: manager */
    TRAP("manager ignores AP=000", "ldr r0, [%[a]]\n\tstr r0, [%[a], #0x40]", [a] "r"(0x24100000));
    set_dacr(0x55555555);               /* domain 3 and 4: client */
    TRAP("client AP=000: permission", "ldr r0, [%[a]]", [a] "r"(0x24100000));
    TRAP("client dom3 read ok", "ldr r0, [%[a]]", [a] "r"(0x24000000));

    TRAP("priv-only section: ldr", "ldr r0, [%[a]]", [a] "r"(0x24200000));
    TRAP("priv-only section: ldrt", "ldrt r0, [%[a]]", [a] "r"(0x24200000));
    TRAP("user-RO section: ldrt", "ldrt r0, [%[a]]", [a] "r"(0x24300000));
    TRAP("user-RO section: strt", "strt r0, [%[a]]", [a] "r"(0x24300000));
    TRAP("user-RO section: str", "str %[a], [%[a], #0x44]", [a] "r"(0x24300000));
    TRAP("RO section: str", "str r0, [%[a], #8]", [a] "r"(0x24400000));
    TRAP("RO section: ldrt", "ldrt r0, [%[a]]", [a] "r"(0x24400000));
    TRAP("priv-only page: ldrt", "ldrt r0, [%[a]]", [a] "r"(0x22001000));
    TRAP("user-RO page: strbt", "strbt r0, [%[a]]", [a] "r"(0x22002003));
    TRAP("RO page: strh", "strh r0, [%[a], #2]", [a] "r"(0x22004000));
    TRAP("priv-RO page: ldrt", "ldrt r0, [%[a]]", [a] "r"(0x22005000));
    TRAP("priv-RO page: ldr", "ldr r0, [%[a]]", [a] "r"(0x22005000));
    TRAP("priv-RO page: strd", "strd r0, r1, [%[a], #8]", [a] "r"(0x22005000));
    rt_printf("stored %08x %08x\n", rd(0x20000040), rd(0x20000044));

    /* XN and prefetch aborts; the code page returns 0x42 in r0 */
    {
        uint32_t r;
        __asm__ volatile("mov r0, #0\n\tblx %1\n\tmov %0, r0" : "=r"(r) : "r"(0x25100000)
                         : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
        rt_printf("exec section: r0=%x\n", r);
        __asm__ volatile("mov r0, #0\n\tblx %1\n\tmov %0, r0" : "=r"(r) : "r"(0x22007000)
                         : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
        rt_printf("exec page: r0=%x\n", r);
    }
    TRAP("XN section", "blx %[a]", [a] "r"(0x25000000));
    TRAP("XN page", "blx %[a]", [a] "r"(0x22006000));
    TRAP("exec unmapped l1", "blx %[a]", [a] "r"(0x23100000));
    TRAP("exec unmapped l2", "blx %[a]", [a] "r"(0x22003000));
    set_dacr(0x55555555 & ~(3u << 6));  /* domain 3: no access */
    TRAP("exec no-access domain", "blx %[a]", [a] "r"(0x24000000));
    TRAP("exec no-access domain (thumb target)", "blx %[a]", [a] "r"(0x24000000 | 0x1));
    set_dacr(0x55555555);

    /*
     * DACR writes and what was cached before them: widening a domain may
     * keep the TLB and the TB lookup caches, narrowing one must not.  A
     * read-only section read as client, written as manager (allowed), then
     * as client again (permission fault); code in domain 3 run twice,
     * refused once its domain is no access, run again once it is back.
     */
    TRAP("RO section: ldr before manager", "ldr r0, [%[a]]", [a] "r"(0x24400000));
    set_dacr(0x55555555 | 3u);          /* domain 0: manager */
    TRAP("manager ignores RO: str", "str %[a], [%[a], #0x48]", [a] "r"(0x24400000));
    set_dacr(0x55555555);
    TRAP("client RO again: str", "str r0, [%[a], #0x4c]", [a] "r"(0x24400000));
    rt_printf("stored %08x %08x\n", rd(0x20000048), rd(0x2000004c));
    for (int k = 0; k < 3; k++) {
        uint32_t r;
        if (k == 1) {
            set_dacr(0x55555555 & ~(3u << 6));  /* domain 3: no access */
            TRAP("exec after narrowing", "blx %[a]", [a] "r"(0x25200000));
            set_dacr(0x55555555);
        }
        __asm__ volatile("mov r0, #0\n\tblx %1\n\tmov %0, r0" : "=r"(r) : "r"(0x25200000)
                         : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
        rt_printf("exec domain 3, pass %d: r0=%x\n", k, r);
    }

    /* ASID + nG: change the descriptor, invalidate by ASID / MVA, reread */
    rt_printf("nG asid1 %08x global %08x\n", rd(0x27000000), rd(0x27100000));
    l1[0x270] = SEC(PA_TEST + 0x500000, 3, 0, 0, 1);
    DSB();
    MCR(0, c8, c7, 2, 1);               /* TLBIASID 1 */
    DSB();
    ISB();
    rt_printf("nG after TLBIASID %08x\n", rd(0x27000000));
    MCR(0, c13, c0, 1, 2);              /* ASID 2 */
    ISB();
    rt_printf("nG asid2 %08x global %08x\n", rd(0x27000000), rd(0x27100000));
    l1[0x271] = SEC(PA_TEST + 0x500000, 3, 0, 0, 0);
    DSB();
    MCR(0, c8, c7, 3, 0x27100000);      /* TLBIMVAA */
    DSB();
    ISB();
    rt_printf("global after TLBIMVAA %08x\n", rd(0x27100000));
    l1[0x270] = SEC(PA_TEST + 0x400000, 3, 0, 0, 1);
    tlb_flush_va(0x27000000 | 2);       /* TLBIMVA with ASID 2 */
    rt_printf("nG asid2 after TLBIMVA %08x\n", rd(0x27000000));
    MCR(0, c13, c0, 1, 1);
    ISB();

    translate("section", 0x20000123);
    translate("priv-only", 0x24200010);
    translate("user-RO", 0x24300010);
    translate("small page", 0x22002abc);
    translate("unmapped", 0x23000000);
    translate("l2 fault", 0x22003000);
    translate("domain none", 0x24000000);

    /* unaligned accesses to Normal memory with SCTLR.A = 0 */
    {
        uint32_t w, h, s;
        uint8_t *p = (uint8_t *)0x20000001;
        __asm__ volatile("ldr %0, [%3]\n\tldrh %1, [%3, #2]\n\tldrsh %2, [%3, #4]"
                         : "=&r"(w), "=&r"(h), "=&r"(s) : "r"(p) : "memory");
        rt_printf("unaligned: %08x %08x %08x\n", w, h, s);
        __asm__ volatile("str %0, [%1, #0x21]" :: "r"(0x44332211), "r"(p) : "memory");
        rt_printf("unaligned store: %08x %08x\n", rd(0x20000020), rd(0x20000024));
    }

    /* TTBCR.N = 2: VAs below 1 GiB use TTBR0 (a 4 KiB table) */
    for (uint32_t mb = 0x080; mb < 0x0c0; mb++)
        l1_low[mb] = SEC_DEV(mb << 20);
    l1_low[0x200] = SEC(PA_TEST + 0x500000, 3, 0, 0, 0);
    /* switch N first (TTBR0 = l1 is valid for N=2 too), then TTBR0 */
    MCR(0, c2, c0, 2, 2);
    tlb_flush_all();
    MCR(0, c2, c0, 0, (uint32_t)l1_low);
    tlb_flush_all();
    rt_printf("ttbcr.n=2: %08x (ttbr0) %08x (ttbr1)\n", rd(0x20000000), rd(0x48000000));
    translate("ttbr0", 0x20000010);
    TRAP("ttbr0 region unmapped", "ldr r0, [%[a]]", [a] "r"(0x21000000));
    /* PD0/PD1 exist only with the Security Extensions (EL3): QEMU's virt
       without EL3 keeps them RAZ/WI, so the readback shows N only */
    MCR(0, c2, c0, 2, 2 | (1u << 4));
    ISB();
    rt_printf("ttbcr with PD0 written: %08x\n", MRC(0, c2, c0, 2));
    MCR(0, c2, c0, 2, 2);
    MCR(0, c2, c0, 0, (uint32_t)l1);
    tlb_flush_all();
    MCR(0, c2, c0, 2, 0);
    tlb_flush_all();
    rt_printf("ttbcr.n=0: %08x\n", rd(0x20000000));

    /* high vectors: VA 0xffff0000 -> a RAM page holding "ldr pc, [pc, #24]"
       vectors that jump to the runtime's stubs */
    {
        extern char rt_vectors[];
        for (int i = 0; i < 8; i++) {
            vec_copy[i] = 0xe59ff018;                   /* ldr pc, [pc, #24] */
            vec_copy[8 + i] = (uint32_t)rt_vectors + 4 * i;
        }
        uint32_t pa = PA_TEST + 0x600000;
        for (int i = 0; i < 16; i++)
            *(volatile uint32_t *)(pa + 4 * i) = vec_copy[i];
        l2hv[0xf0] = SMALL(pa, 3, 0);                   /* 0xffff0000 */
        tlb_flush_all();
        MCR(0, c7, c5, 0, 0);
        MCR(0, c12, c0, 0, 0);          /* VBAR would point at nothing useful */
        MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | (1u << 13));
        ISB();
        TRAP("svc via high vectors", "svc #0x5a");
        TRAP("udf via high vectors", "udf #1");
        MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~(1u << 13));
        MCR(0, c12, c0, 0, (uint32_t)rt_vectors);
        ISB();
        rt_printf("vbar restored %s\n", MRC(0, c12, c0, 0) == (uint32_t)rt_vectors ? "yes" : "no");
    }

    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~1u);
    ISB();
    v = rd(PA_TEST + 0x40);
    rt_printf("mmu off, stored via manager domain: %08x\n", v);
    return 0;
}
