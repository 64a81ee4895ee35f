/* Long-descriptor (LPAE) MMU: TTBCR.EAE, 64-bit TTBR0/TTBR1 (MCRR/MRRC)
   split by T0SZ/T1SZ (and the gap between them, EPD1), 1 GiB level-1
   blocks, 2 MiB level-2 blocks, 4 KiB level-3 pages, the access flag,
   AP[2:1], XN, PXN, APTable/XNTable/PXNTable, translation faults at
   every level, external aborts on the walk and above 4 GiB, the
   long-descriptor DFSR/IFSR/DFAR/IFAR, 64-bit PAR from ATS1C*, MAIR0/1
   aliasing PRRR/NMRR, nG + ASID in TTBR0 with TLB maintenance. */
#include "trap.h"

#define PA_TEST 0x48000000u             /* 2 MiB of data the program never uses */
#define PA_CODE 0x48200000u             /* code: "mov r0, #0x42; bx lr" */

#define MCRR(op1, crm, v) __asm__ volatile("mcrr p15, " #op1 ", %Q0, %R0, " #crm \
                                           :: "r"((uint64_t)(v)) : "memory")
#define MRRC(op1, crm) ({ uint64_t _v; \
    __asm__ volatile("mrrc p15, " #op1 ", %Q0, %R0, " #crm : "=r"(_v) :: "memory"); _v; })

static uint64_t l1[4] __attribute__((aligned(4096)));       /* TTBR0 */
static uint64_t l1hi[4] __attribute__((aligned(4096)));     /* TTBR1, T1SZ=1 */
static uint64_t l2lo[512] __attribute__((aligned(4096)));   /* VA 0..1G */
static uint64_t l2t[512] __attribute__((aligned(4096)));    /* VA 0x80000000.. */
static uint64_t l2hi[512] __attribute__((aligned(4096)));   /* TTBR1, T1SZ=2 */
static uint64_t l3a[512] __attribute__((aligned(4096)));
static uint64_t l3b[512] __attribute__((aligned(4096)));
static uint64_t lram[512] __attribute__((aligned(4096)));   /* RAM by 2 MiB */
static uint64_t lram3[512] __attribute__((aligned(4096)));  /* RAM by 4 KiB */

#define ATTR_NORMAL 0u                  /* MAIR attribute indexes */
#define ATTR_DEVICE 1u
#define AF          (1ull << 10)
#define NG          (1ull << 11)
#define PXN         (1ull << 53)
#define XN          (1ull << 54)
/* block (levels 1, 2) and page (level 3): AP[2:1], inner shareable */
#define BLK(pa, ap, extra) ((uint64_t)(pa) | 1u | (ATTR_NORMAL << 2) | ((uint64_t)(ap) << 6) | \
                            (3u << 8) | (extra))
#define PAGE(pa, ap, extra) (BLK(pa, ap, extra) | 2u)
#define DEV(pa) ((uint64_t)(pa) | 1u | (ATTR_DEVICE << 2) | (1u << 6) | AF | XN)
#define TABLE(t, extra) ((uint64_t)(uint32_t)(t) | 3u | (extra))
#define PXNTABLE (1ull << 59)
#define XNTABLE  (1ull << 60)
#define APT_NOPL0 (1ull << 61)
#define APT_RO    (1ull << 62)

static void tlb_flush_all(void)
{
    DSB();
    MCR(0, c8, c7, 0, 0);
    DSB();
    ISB();
}

static uint32_t rd(uint32_t va)
{
    return *(volatile uint32_t *)va;
}

static void build_tables(void)
{
    for (uint32_t i = 0x40; i < 0x60; i++)              /* 0x08000000..: GIC, UART.. */
        l2lo[i] = DEV(i << 21);
    l1[0] = TABLE(l2lo, 0);
    l1[1] = BLK(0x40000000u, 1, AF);                    /* RAM, flat, 1 GiB */
    l1[2] = TABLE(l2t, 0);                              /* VA 0x80000000: tests */
    l1[3] = 0;                                          /* level-1 fault */

    l2t[0] = BLK(PA_TEST, 1, AF);                       /* 0x80000000 RW */
    l2t[1] = TABLE(l3a, 0);                             /* 0x80200000 pages */
    l2t[2] = BLK(PA_TEST, 1, 0);                        /* 0x80400000 AF=0 */
    l2t[3] = BLK(PA_TEST, 0, AF);                       /* 0x80600000 PL1 RW */
    l2t[4] = BLK(PA_TEST, 2, AF);                       /* 0x80800000 PL1 RO */
    l2t[5] = BLK(PA_TEST, 3, AF);                       /* 0x80a00000 RO */
    l2t[6] = BLK(PA_CODE, 1, AF | XN);                  /* 0x80c00000 XN code */
    l2t[7] = BLK(PA_CODE, 1, AF | PXN);                 /* 0x80e00000 PXN code */
    l2t[8] = BLK(PA_CODE, 1, AF);                       /* 0x81000000 code */
    l2t[9] = 0;                                         /* 0x81200000 level-2 fault */
    l2t[10] = TABLE(l3b, APT_NOPL0);                    /* 0x81400000 */
    l2t[11] = TABLE(l3b, XNTABLE);                      /* 0x81600000 */
    l2t[12] = TABLE(l3b, PXNTABLE);                     /* 0x81800000 */
    l2t[13] = TABLE(l3b, APT_RO);                       /* 0x81a00000 */
    l2t[14] = BLK(0x100000000ull, 1, AF);               /* 0x81c00000 -> 4 GiB */
    l2t[16] = BLK(PA_TEST, 1, AF | NG);                 /* 0x82000000 nG */
    l2t[17] = 0x2u;                                     /* 0x82200000 invalid (0b10) */
    l2t[18] = BLK(0x0c000000u, 1, AF);                  /* 0x82400000 unassigned PA */
    l2t[22] = BLK(PA_CODE, 0, AF);                      /* 0x82c00000 PL1-only code */

    l3a[0] = PAGE(PA_TEST + 0x100000, 1, AF);           /* 0x80200000 RW */
    l3a[1] = PAGE(PA_TEST + 0x101000, 0, AF);           /* PL1 only */
    l3a[2] = PAGE(PA_TEST + 0x102000, 1, 0);            /* AF=0 */
    l3a[3] = 0;                                         /* level-3 fault */
    l3a[4] = PAGE(PA_TEST + 0x103000, 1, AF) & ~2ull;   /* 0b01: reserved at level 3 */
    l3a[5] = PAGE(PA_CODE, 1, AF | XN);                 /* 0x80205000 XN code */
    l3a[6] = PAGE(PA_CODE, 1, AF);                      /* 0x80206000 code */
    l3a[7] = PAGE(PA_TEST + 0x103000, 3, AF);           /* 0x80207000 RO */
    l3a[8] = PAGE(PA_TEST + 0x102000, 2, AF | PXN);     /* PL1 RO, PXN */

    l3b[0] = PAGE(PA_TEST + 0x100000, 1, AF);           /* RW any */
    l3b[1] = PAGE(PA_CODE, 1, AF);                      /* code */

    for (int i = 0; i < 4; i++)                         /* TTBR1, T1SZ=1: 2 entries */
        l1hi[i] = 0;
    l1hi[0] = TABLE(l2t, 0);                            /* 0x80000000 as TTBR0 */
    l1hi[1] = BLK(0x40000000u, 1, AF);                  /* 0xc0000000 -> RAM */
    l2hi[0] = BLK(PA_TEST, 1, AF);                      /* T1SZ=2: 0xc0000000 */
    l2hi[1] = BLK(PA_TEST, 3, AF);                      /* 0xc0200000 RO */
}

static void fill_test_ram(void)
{
    for (uint32_t i = 0; i < 0x10; i++)
        *(volatile uint32_t *)(PA_TEST + i * 4) = 0xa0000000u | i;
    for (uint32_t p = 0; p < 4; p++)
        *(volatile uint32_t *)(PA_TEST + 0x100000 + p * 0x1000) = 0xb0000000u | p;
    *(volatile uint32_t *)(PA_TEST + 0x1ffffc) = 0xc01ffffc;
    *(volatile uint32_t *)(PA_TEST + 0x1000) = 0xa1000000;
    *(volatile uint32_t *)(PA_CODE + 0x1000) = 0xe1000000;
    *(volatile uint32_t *)0x4f010000u = 0xd0000000u;
    *(volatile uint32_t *)(PA_CODE) = 0xe3a00042;      /* mov r0, #0x42 */
    *(volatile uint32_t *)(PA_CODE + 4) = 0xe12fff1e;  /* bx lr */
    MCR(0, c7, c5, 0, 0);
}

static void translate(const char *what, uint32_t va)
{
    uint64_t par[4];
    MCR(0, c7, c8, 0, va); ISB(); par[0] = MRRC(0, c7);     /* ATS1CPR */
    MCR(0, c7, c8, 1, va); ISB(); par[1] = MRRC(0, c7);     /* ATS1CPW */
    MCR(0, c7, c8, 2, va); ISB(); par[2] = MRRC(0, c7);     /* ATS1CUR */
    MCR(0, c7, c8, 3, va); ISB(); par[3] = MRRC(0, c7);     /* ATS1CUW */
    rt_printf("ats %s %08x: PR=%016llx PW=%016llx UR=%016llx UW=%016llx PAR32=%08x\n", what,
              va, par[0], par[1], par[2], par[3], MRC(0, c7, c4, 0));
}

static uint32_t call(uint32_t va)
{
    uint32_t r;
    __asm__ volatile("mov r0, #0\n\tblx %1\n\tmov %0, r0" : "=r"(r) : "r"(va)
                     : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    return r;
}

static void set_ttbcr(uint32_t v)
{
    MCR(0, c2, c0, 2, v);
    tlb_flush_all();
}

#define EAE (1u << 31)

int main(void)
{
#ifdef __thumb__
    rt_puts("lpae t32\n");
#else
    rt_puts("lpae a32\n");
#endif
    rt_hook = trap_hook;
    g_show_ifar = 1;

    /* registers before EAE: MAIR0/1 are PRRR/NMRR, TTBRs are 64-bit */
    MCR(0, c10, c2, 0, 0x12345678);
    MCR(0, c10, c2, 1, 0x9abcdef0);
    rt_printf("prrr=%08x nmrr=%08x\n", MRC(0, c10, c2, 0), MRC(0, c10, c2, 1));
    MCRR(0, c2, 0x00ab00ef12345678ull);
    MCRR(1, c2, 0x0012003487654321ull);
    rt_printf("ttbr0=%016llx ttbr1=%016llx\n", MRRC(0, c2), MRRC(1, c2));
    rt_printf("ttbr0 mrc=%08x ttbr1 mrc=%08x\n", MRC(0, c2, c0, 0), MRC(0, c2, c0, 1));
    MCR(0, c2, c0, 0, 0xfedcb000);
    rt_printf("ttbr0 after mcr=%016llx\n", MRRC(0, c2));
    MCRR(0, c7, 0x1122334455667788ull);
    rt_printf("par=%016llx par32=%08x\n", MRRC(0, c7), MRC(0, c7, c4, 0));
    set_ttbcr(0xffffffff);
    rt_printf("ttbcr all ones=%08x\n", MRC(0, c2, c0, 2));
    set_ttbcr(0);
    rt_printf("ttbcr zero=%08x\n", MRC(0, c2, c0, 2));
    rt_printf("id_mmfr0=%08x\n", MRC(0, c0, c1, 4));

    /* EAE with the MMU off: fault formats change already */
    set_ttbcr(EAE);
    TRAP("mmu off: unaligned ldrex", "ldrex r0, [%[a]]", [a] "r"(0x40000002));
    TRAP("mmu off: unassigned load", "ldr r0, [%[a]]", [a] "r"(0x0c000000));
    TRAP("mmu off: unassigned store", "str r0, [%[a]]", [a] "r"(0x0c000004));
    TRAP("mmu off: bkpt", "bkpt #1");
    translate("mmu off", 0x40010123);

    fill_test_ram();
    build_tables();
    MCR(0, c10, c2, 0, 0x000004ffu);    /* MAIR0: attr0 normal WB, attr1 device */
    MCR(0, c10, c2, 1, 0x44000000u);    /* MAIR1: attr7 normal NC */
    rt_printf("mair0=%08x mair1=%08x\n", MRC(0, c10, c2, 0), MRC(0, c10, c2, 1));
    MCR(0, c3, c0, 0, 0);               /* DACR: no access; ignored with EAE */
    MCRR(0, c2, (uint64_t)(uint32_t)l1 | (1ull << 48));      /* ASID 1 */
    MCRR(1, c2, (uint64_t)(uint32_t)l1hi);
    set_ttbcr(EAE);
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | 1u);
    ISB();
    rt_printf("sctlr=%08x ttbcr=%08x\n", MRC(0, c1, c0, 0), MRC(0, c2, c0, 2));

    rt_printf("l2 block   %08x %08x\n", rd(0x80000004), rd(0x801ffffc));
    rt_printf("l3 pages   %08x %08x\n", rd(0x80200000), rd(0x80201000));
    rt_printf("l1 block   %08x\n", rd(0x4f010000));
    TRAP("l1 translation fault", "ldr r0, [%[a]]", [a] "r"(0xc0000010));
    TRAP("l1 translation fault (write)", "str r0, [%[a]]", [a] "r"(0xd0000000));
    TRAP("l2 translation fault", "ldr r0, [%[a], #4]", [a] "r"(0x81200000));
    TRAP("l2 translation fault (0b10)", "ldrh r0, [%[a]]", [a] "r"(0x82200002));
    TRAP("l3 translation fault", "ldr r0, [%[a]]", [a] "r"(0x80203008));
    TRAP("l3 reserved 0b01", "ldrb r0, [%[a]]", [a] "r"(0x80204001));
    TRAP("l2 access flag", "ldr r0, [%[a]]", [a] "r"(0x80400000));
    TRAP("l2 access flag (write)", "str r0, [%[a]]", [a] "r"(0x80400000));
    TRAP("l3 access flag", "ldr r0, [%[a]]", [a] "r"(0x80202000));
    TRAP("l2 PL1-only: ldr", "ldr r0, [%[a]]", [a] "r"(0x80600000));
    TRAP("l2 PL1-only: ldrt", "ldrt r0, [%[a]]", [a] "r"(0x80600000));
    TRAP("l2 PL1-RO: str", "str r0, [%[a]]", [a] "r"(0x80800000));
    TRAP("l2 PL1-RO: ldrt", "ldrt r0, [%[a]]", [a] "r"(0x80800000));
    TRAP("l2 RO: ldrt", "ldrt r0, [%[a]]", [a] "r"(0x80a00000));
    TRAP("l2 RO: strt", "strt r0, [%[a]]", [a] "r"(0x80a00000));
    TRAP("l2 RW: strt", "strt r0, [%[a]]", [a] "r"(0x80000040));
    TRAP("l3 PL1-only: ldrt", "ldrt r0, [%[a]]", [a] "r"(0x80201000));
    TRAP("l3 RO: strh", "strh r0, [%[a], #2]", [a] "r"(0x80207000));
    TRAP("l3 RO: strd", "strd r0, r1, [%[a], #8]", [a] "r"(0x80207000));
    TRAP("APTable no PL0: ldr", "ldr r0, [%[a]]", [a] "r"(0x81400000));
    TRAP("APTable no PL0: ldrt", "ldrt r0, [%[a]]", [a] "r"(0x81400000));
    TRAP("APTable RO: str", "str r0, [%[a]]", [a] "r"(0x81a00000));
    TRAP("APTable RO: ldr", "ldr r0, [%[a]]", [a] "r"(0x81a00000));
    TRAP("above 4 GiB: ldr", "ldr r0, [%[a]]", [a] "r"(0x81c00010));
    TRAP("above 4 GiB: str", "str r0, [%[a]]", [a] "r"(0x81c00010));
    TRAP("unassigned PA: ldr", "ldr r0, [%[a]]", [a] "r"(0x82400000));
    TRAP("unassigned PA: str", "str r0, [%[a]]", [a] "r"(0x82400004));
    TRAP("unaligned ldrex", "ldrex r0, [%[a]]", [a] "r"(0x80000002));
    TRAP("bkpt", "bkpt #2");
    rt_printf("stored %08x\n", rd(0x80000040));

    rt_printf("exec l2 block: r0=%x\n", call(0x81000000));
    rt_printf("exec l3 page: r0=%x\n", call(0x80206000));
    rt_printf("exec l3 via table: r0=%x\n", call(0x81401000));
    TRAP("XN block", "blx %[a]", [a] "r"(0x80c00000));
    TRAP("PXN block", "blx %[a]", [a] "r"(0x80e00000));
    TRAP("XN page", "blx %[a]", [a] "r"(0x80205000));
    TRAP("XNTable", "blx %[a]", [a] "r"(0x81601000));
    TRAP("PXNTable", "blx %[a]", [a] "r"(0x81801000));
    TRAP("exec l1 fault", "blx %[a]", [a] "r"(0xc0000000));
    TRAP("exec l3 fault", "blx %[a]", [a] "r"(0x80203000));
    TRAP("exec l3 access flag (thumb)", "blx %[a]", [a] "r"(0x80202001));
    TRAP("exec above 4 GiB", "blx %[a]", [a] "r"(0x81c00000));

    /* SCTLR.WXN: writable memory is never executable (UWXN: for PL1,
       memory PL0 can write).  The program's text (and the vectors) must
       stay executable: map it read-only by pages meanwhile. */
    {
        extern char __bss_start[];
        uint32_t ro_end = (uint32_t)__bss_start & ~0xfffu;
        for (uint32_t i = 1; i < 512; i++)
            lram[i] = BLK(0x40000000u + (i << 21), 1, AF);
        lram[0] = TABLE(lram3, 0);
        for (uint32_t i = 0; i < 512; i++) {
            uint32_t pa = 0x40000000u + (i << 12);
            lram3[i] = PAGE(pa, pa >= 0x40010000u && pa < ro_end ? 2 : 1, AF);
        }
        l1[1] = TABLE(lram, 0);
        tlb_flush_all();
    }
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | (1u << 19));
    ISB();
    rt_printf("sctlr with WXN=%08x\n", MRC(0, c1, c0, 0));
    TRAP("WXN: writable block", "blx %[a]", [a] "r"(0x81000000));
    MCR(0, c1, c0, 0, (MRC(0, c1, c0, 0) & ~(1u << 19)) | (1u << 20));
    ISB();
    rt_printf("sctlr with UWXN=%08x\n", MRC(0, c1, c0, 0));
    TRAP("UWXN: PL0-writable block", "blx %[a]", [a] "r"(0x81000000));
    TRAP("UWXN: PL1-only writable block", "blx %[a]", [a] "r"(0x82c00000));
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~(1u << 20));
    ISB();
    l1[1] = BLK(0x40000000u, 1, AF);
    tlb_flush_all();
    rt_printf("exec after WXN: r0=%x\n", call(0x81000000));

    translate("l2 block", 0x80000123);
    translate("l1 block", 0x40010abc);
    translate("l3 page", 0x80200456);
    translate("PL1 only", 0x80600010);
    translate("PL1 RO", 0x80800010);
    translate("RO", 0x80a00010);
    translate("l3 PL1 RO PXN", 0x80208000);
    translate("APTable no PL0", 0x81400010);
    translate("APTable RO", 0x81a00010);
    translate("device", 0x09000000);
    translate("above 4 GiB", 0x81c00000);
    translate("l1 fault", 0xc0000000);
    translate("l2 fault", 0x81200000);
    translate("l3 fault", 0x80203000);
    translate("l2 AF", 0x80400000);
    translate("l3 AF", 0x80202000);
    MCR(0, c10, c2, 0, 0x000004ffu);    /* attr 0..1 */
    l2t[19] = BLK(PA_TEST, 1, AF | (7u << 2));         /* attr 7 from MAIR1 */
    l2t[20] = BLK(PA_TEST, 1, AF | (1u << 2)) & ~(2ull << 8);  /* device, SH=01 */
    l2t[21] = BLK(PA_TEST, 1, AF) & ~(2ull << 8);              /* normal, SH=01 */
    tlb_flush_all();
    translate("attr 7", 0x82600000);
    translate("attr 1 sh 1", 0x82800000);
    translate("attr 0 sh 1", 0x82a00000);

    /* nG + ASID from TTBR0: change the descriptor, invalidate, reread */
    rt_printf("nG asid1 %08x\n", rd(0x82000008));
    l2t[16] = BLK(PA_CODE, 1, AF | NG);
    DSB();
    MCR(0, c8, c7, 2, 1);               /* TLBIASID 1 */
    DSB();
    ISB();
    rt_printf("nG after TLBIASID %08x\n", rd(0x82001000));
    MCRR(0, c2, (uint64_t)(uint32_t)l1 | (2ull << 48));      /* ASID 2 */
    ISB();
    rt_printf("ttbr0 asid2 %016llx: nG %08x\n", MRRC(0, c2), rd(0x82001000));
    l2t[16] = BLK(PA_TEST, 1, AF | NG);
    DSB();
    MCR(0, c8, c7, 1, 0x82000000u | 2); /* TLBIMVA, ASID 2 */
    DSB();
    ISB();
    rt_printf("nG after TLBIMVA %08x\n", rd(0x82001000));
    l2t[0] = BLK(PA_CODE, 1, AF);
    DSB();
    MCR(0, c8, c7, 3, 0x80000000u);     /* TLBIMVAA */
    DSB();
    ISB();
    rt_printf("global after TLBIMVAA %08x\n", rd(0x80001000));
    l2t[0] = BLK(PA_TEST, 1, AF);
    tlb_flush_all();
    /* TTBCR.A1: the ASID comes from TTBR1 */
    MCRR(1, c2, (uint64_t)(uint32_t)l1hi | (5ull << 48));
    set_ttbcr(EAE | (1u << 22));
    rt_printf("a1: ttbcr=%08x nG %08x\n", MRC(0, c2, c0, 2), rd(0x82001000));
    set_ttbcr(EAE);

    /* T0SZ=1, T1SZ=1: TTBR1 above 2 GiB, walk starting at level 1 */
    set_ttbcr(EAE | 1u | (1u << 16));
    rt_printf("t0sz=1 t1sz=1: %08x %08x %08x\n", rd(0x80000000), rd(0x80201000),
              rd(0xcf010000));
    translate("ttbr1 l1 block", 0xc0010000);
    /* T0SZ=0, T1SZ=2: TTBR1 for the top 1 GiB, walk starting at level 2 */
    MCRR(1, c2, (uint64_t)(uint32_t)l2hi);
    set_ttbcr(EAE | (2u << 16));
    rt_printf("t0sz=0 t1sz=2: %08x %08x\n", rd(0xc0000008), rd(0x80000008));
    TRAP("ttbr1 l2 RO: str", "str r0, [%[a]]", [a] "r"(0xc0200000));
    TRAP("ttbr1 l2 fault", "ldr r0, [%[a]]", [a] "r"(0xc0400000));
    translate("ttbr1 l2 block", 0xc0000020);
    /* EPD1: walks for TTBR1 disabled */
    set_ttbcr(EAE | (2u << 16) | (1u << 23));
    TRAP("EPD1", "ldr r0, [%[a]]", [a] "r"(0xc0000000));
    translate("EPD1", 0xc0000000);
    /* T0SZ=1, T1SZ=2: 0x80000000..0xbfffffff is in neither region */
    set_ttbcr(EAE | 1u | (2u << 16));
    TRAP("gap", "ldr r0, [%[a]]", [a] "r"(0x80000000));
    translate("gap", 0x80000000);
    rt_printf("t0sz=1 t1sz=2: %08x\n", rd(0xc0000008));
    set_ttbcr(EAE);

    /* back to short descriptors with the MMU off */
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~1u);
    ISB();
    set_ttbcr(0);
    TRAP("short again: unaligned ldrex", "ldrex r0, [%[a]]", [a] "r"(0x40000002));
    translate("short again", 0x40010000);
    rt_printf("mmu off %08x\n", rd(PA_TEST + 0x40));
    return 0;
}
