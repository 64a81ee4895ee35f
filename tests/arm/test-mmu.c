/*
 * target/arm MMU: short descriptors (every descriptor kind, every fault
 * with its exact FSR, domains, access permissions, XN/PXN, the access
 * flag, TTBCR splits) and long descriptors (LPAE levels, T0SZ/T1SZ, the
 * 64-bit PAR), and walks into non-RAM or above 4 GiB, over tables built
 * in RAM.  tests/guest/progs/lpae.c compares the LPAE walk with QEMU.
 */
#include <errno.h>
#include <string.h>

#include "arm-test-util.h"

#define L1 0x40100000u            /* 16 KiB aligned */
#define L2 0x40104000u            /* 1 KiB aligned */
#define DATA 0x40200000u

static void l1_set(uint32_t base, uint32_t va, uint32_t desc)
{
    arm_test_poke(base + ((va >> 20) << 2), desc);
}

static void l2_set(uint32_t table, uint32_t va, uint32_t desc)
{
    arm_test_poke(table + (((va >> 12) & 0xff) << 2), desc);
}

/* Section: AP[2:0], domain, XN, PXN. */
static uint32_t section(uint32_t pa, unsigned ap, unsigned dom, bool xn,
                        bool pxn)
{
    return (pa & 0xfff00000u) | ((ap & 4u) << 13) | ((ap & 3u) << 10) |
           (dom << 5) | (xn ? 0x10 : 0) | 2 | (pxn ? 1 : 0);
}

static uint32_t small_page(uint32_t pa, unsigned ap, bool xn)
{
    return (pa & 0xfffff000u) | ((ap & 4u) << 7) | ((ap & 3u) << 4) | 2 |
           (xn ? 1 : 0);
}

static void mmu_on(void)
{
    at.env->cp15.ttbr0 = L1;
    at.env->cp15.dacr = 0x55555555;     /* all domains client */
    at.env->cp15.sctlr |= SCTLR_M;
}

static bool walk(uint32_t va, MMUAccessType acc, unsigned idx,
                 ARMTranslateResult *r)
{
    return arm_get_phys_addr(at.env, va, acc, idx, r);
}

START_TEST(test_mmu_off)
{
    ARMTranslateResult r;

    ck_assert(!walk(0x12345678, MMU_DATA_STORE, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.paddr, 0x12345678);
    ck_assert_int_eq(r.prot, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
}
END_TEST

START_TEST(test_descriptor_kinds)
{
    ARMTranslateResult r;

    mmu_on();
    /* 1 MiB section. */
    l1_set(L1, 0x00100000, section(0x40000000, 3, 0, false, false));
    ck_assert(!walk(0x00123456, MMU_DATA_LOAD, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.paddr, 0x40023456);
    ck_assert_uint_eq(r.page_size, 0x100000);
    ck_assert_int_eq(r.prot, PAGE_READ | PAGE_WRITE | PAGE_EXEC);

    /* 16 MiB supersection with PA[39:32] extension bits. */
    for (uint32_t va = 0x01000000; va < 0x02000000; va += 0x100000) {
        l1_set(L1, va, 0x40000000u | (1u << 18) | (3u << 10) |
                       (0x5u << 20) | (0x2u << 5) | 2);
    }
    ck_assert(!walk(0x01abcdef, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.paddr, 0x2540abcdefull);
    ck_assert_uint_eq(r.page_size, 0x1000000);
    ck_assert_int_eq(r.domain, 0);

    /* Page table -> 4 KiB small page (XN) and 64 KiB large page. */
    l1_set(L1, 0x00200000, L2 | (7u << 5) | 1);
    l2_set(L2, 0x00201000, small_page(0x40345000, 3, true));
    ck_assert(!walk(0x00201abc, MMU_DATA_STORE, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.paddr, 0x40345abc);
    ck_assert_uint_eq(r.page_size, 0x1000);
    ck_assert_int_eq(r.prot, PAGE_READ | PAGE_WRITE);
    ck_assert_int_eq(r.domain, 7);
    /* A large page is replicated in 16 consecutive L2 entries. */
    for (uint32_t va = 0x00210000; va < 0x00220000; va += 0x1000) {
        l2_set(L2, va, 0x40560000u | (3u << 4) | 1);
    }
    ck_assert(!walk(0x0021fedc, MMU_INST_FETCH, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.paddr, 0x4056fedc);
    ck_assert_uint_eq(r.page_size, 0x10000);
    ck_assert(r.prot & PAGE_EXEC);
    /* Large page XN is bit 15. */
    l2_set(L2, 0x00230000, 0x40560000u | (1u << 15) | (3u << 4) | 1);
    ck_assert(walk(0x00230000, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x0f | (7u << 4));
    /* Small-page type 0b11 is a small page with XN set. */
    l2_set(L2, 0x00240000, small_page(0x40240000, 3, true));
    ck_assert(walk(0x00240000, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &r));
}
END_TEST

START_TEST(test_translation_faults)
{
    ARMTranslateResult r;

    mmu_on();
    /* L1 fault: FS=0b00101, domain reported as 0. */
    ck_assert(walk(0x00300000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x005);
    /* L2 fault: FS=0b00111 with the L1 descriptor's domain. */
    l1_set(L1, 0x00200000, L2 | (0xau << 5) | 1);
    l2_set(L2, 0x00205000, 0);
    ck_assert(walk(0x00205000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x0a7);
    /* With EAE the same table is read as long descriptors: the 64-bit
       entry 0 (two zero section slots) is invalid at level 1. */
    at.env->cp15.ttbcr = TTBCR_EAE;
    ck_assert(walk(0x00100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x05);
}
END_TEST

START_TEST(test_domains)
{
    ARMTranslateResult r;

    mmu_on();
    l1_set(L1, 0x00100000, section(0x40000000, 0, 5, true, false));
    l1_set(L1, 0x00200000, L2 | (6u << 5) | 1);
    l2_set(L2, 0x00200000, small_page(0x40000000, 0, true));
    /* No access (00) and reserved (10): domain faults, section/page. */
    for (uint32_t t = 0; t <= 2; t += 2) {
        at.env->cp15.dacr = (t << 10) | (t << 12);
        ck_assert(walk(0x00100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
        ck_assert_uint_eq(r.fsr, 0x009 | (5u << 4));
        ck_assert(walk(0x00200000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
        ck_assert_uint_eq(r.fsr, 0x00b | (6u << 4));
    }
    /* Client: AP=000 and XN are checked. */
    at.env->cp15.dacr = (1u << 10) | (1u << 12);
    ck_assert(walk(0x00100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x00d | (5u << 4));
    ck_assert(walk(0x00200000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x00f | (6u << 4));
    /* Manager: no permission checks, even AP=000 and XN. */
    at.env->cp15.dacr = (3u << 10) | (3u << 12);
    ck_assert(!walk(0x00100000, MMU_INST_FETCH, ARM_MMU_IDX_PL0, &r));
    ck_assert_int_eq(r.prot, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    ck_assert(!walk(0x00200000, MMU_DATA_STORE, ARM_MMU_IDX_PL0, &r));
    /* A domain fault on a page table comes before the L2 walk. */
    at.env->cp15.dacr = 0;
    l2_set(L2, 0x00200000, 0);
    ck_assert(walk(0x00200000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x00b | (6u << 4));
}
END_TEST

START_TEST(test_ap_full_model)
{
    /* [ap] = { PL1 read, PL1 write, PL0 read, PL0 write } */
    static const bool ok[8][4] = {
        { 0, 0, 0, 0 }, { 1, 1, 0, 0 }, { 1, 1, 1, 0 }, { 1, 1, 1, 1 },
        { 0, 0, 0, 0 }, { 1, 0, 0, 0 }, { 1, 0, 1, 0 }, { 1, 0, 1, 0 },
    };
    ARMTranslateResult r;

    mmu_on();
    for (unsigned ap = 0; ap < 8; ap++) {
        l1_set(L1, 0x00100000, section(0x40000000, ap, 2, false, false));
        l1_set(L1, 0x00200000, L2 | (3u << 5) | 1);
        l2_set(L2, 0x00200000, small_page(0x40000000, ap, false));
        for (int k = 0; k < 4; k++) {
            unsigned idx = k < 2 ? ARM_MMU_IDX_PL1 : ARM_MMU_IDX_PL0;
            MMUAccessType acc = (k & 1) ? MMU_DATA_STORE : MMU_DATA_LOAD;
            bool f1 = walk(0x00100000, acc, idx, &r);
            ck_assert_msg(f1 == !ok[ap][k], "ap %u k %d", ap, k);
            if (f1) {
                ck_assert_uint_eq(r.fsr, 0x00d | (2u << 4));
            }
            bool f2 = walk(0x00200000, acc, idx, &r);
            ck_assert_msg(f2 == !ok[ap][k], "page ap %u k %d", ap, k);
            if (f2) {
                ck_assert_uint_eq(r.fsr, 0x00f | (3u << 4));
            }
            /* Executable exactly when readable (no XN). */
            ck_assert(walk(0x00100000, MMU_INST_FETCH, idx, &r) ==
                      !ok[ap][k & 2]);
        }
    }
}
END_TEST

START_TEST(test_afe_model)
{
    /* AP[2:1] with AFE: 00 PL1 RW, 01 RW, 10 PL1 RO, 11 RO. */
    static const bool ok[4][4] = {
        { 1, 1, 0, 0 }, { 1, 1, 1, 1 }, { 1, 0, 0, 0 }, { 1, 0, 1, 0 },
    };
    ARMTranslateResult r;

    mmu_on();
    at.env->cp15.sctlr |= SCTLR_AFE;
    /* AP[0] = 0 is the access flag: section 0x03, page 0x06. */
    l1_set(L1, 0x00100000, section(0x40000000, 2, 4, false, false));
    ck_assert(walk(0x00100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x003 | (4u << 4));
    l1_set(L1, 0x00200000, L2 | (9u << 5) | 1);
    l2_set(L2, 0x00200000, small_page(0x40000000, 6, false));
    ck_assert(walk(0x00200000, MMU_DATA_LOAD, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.fsr, 0x006 | (9u << 4));
    for (unsigned ap21 = 0; ap21 < 4; ap21++) {
        l1_set(L1, 0x00100000,
               section(0x40000000, (ap21 << 1) | 1, 4, false, false));
        for (int k = 0; k < 4; k++) {
            unsigned idx = k < 2 ? ARM_MMU_IDX_PL1 : ARM_MMU_IDX_PL0;
            MMUAccessType acc = (k & 1) ? MMU_DATA_STORE : MMU_DATA_LOAD;
            ck_assert_msg(walk(0x00100000, acc, idx, &r) == !ok[ap21][k],
                          "ap %u k %d", ap21, k);
        }
    }
}
END_TEST

START_TEST(test_xn_pxn)
{
    ARMTranslateResult r;

    mmu_on();
    l1_set(L1, 0x00100000, section(0x40000000, 3, 1, true, false));
    ck_assert(walk(0x00100000, MMU_INST_FETCH, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.fsr, 0x00d | (1u << 4));
    ck_assert(!walk(0x00100000, MMU_DATA_STORE, ARM_MMU_IDX_PL0, &r));
    ck_assert(!(r.prot & PAGE_EXEC));
    /* PXN: not executable at PL1, executable at PL0. */
    l1_set(L1, 0x00100000, section(0x40000000, 3, 1, false, true));
    ck_assert(walk(0x00100000, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &r));
    ck_assert(!walk(0x00100000, MMU_INST_FETCH, ARM_MMU_IDX_PL0, &r));
    /* PXN of a page-table descriptor is bit 2. */
    l1_set(L1, 0x00200000, L2 | 4 | 1);
    l2_set(L2, 0x00200000, small_page(0x40000000, 3, false));
    ck_assert(walk(0x00200000, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x00f);
    ck_assert(!walk(0x00200000, MMU_INST_FETCH, ARM_MMU_IDX_PL0, &r));
}
END_TEST

START_TEST(test_ttbcr_split)
{
    ARMTranslateResult r;
    const uint32_t l1b = 0x40108000;   /* TTBR1 table */

    mmu_on();
    at.env->cp15.ttbr1 = l1b;
    at.env->cp15.ttbcr = 2;             /* TTBR0 covers 0..1 GiB */
    /* With N=2 TTBR0's table is 4 KiB, indexed by VA[29:20]. */
    l1_set(L1, 0x3ff00000, section(0x40000000, 3, 0, false, false));
    l1_set(l1b, 0x40000000, section(0x40100000, 3, 0, false, false));
    l1_set(l1b, 0xfff00000, section(0x40200000, 3, 0, false, false));
    ck_assert(!walk(0x3ff00010, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.paddr, 0x40000010);
    ck_assert(!walk(0x40000020, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.paddr, 0x40100020);
    ck_assert(!walk(0xfff00030, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.paddr, 0x40200030);
    /* PD0 / PD1 disable walks: section translation faults. */
    at.env->cp15.ttbcr = 2 | TTBCR_PD0;
    ck_assert(walk(0x3ff00010, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x005);
    ck_assert(!walk(0x40000020, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    at.env->cp15.ttbcr = 2 | TTBCR_PD1;
    ck_assert(walk(0xfff00030, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x005);
    /* N=0: TTBR0 for everything. */
    at.env->cp15.ttbcr = 0;
    l1_set(L1, 0xfff00000, section(0x40300000, 3, 0, false, false));
    ck_assert(!walk(0xfff00000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.paddr, 0x40300000);
}
END_TEST

static int mmio_reads;

static uint64_t mmio_read(void *opaque, uint64_t off, unsigned size)
{
    mmio_reads++;
    return 0x00000c02;  /* would look like a valid section */
}

static void mmio_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
}

static const MemOps mmio_ops = { mmio_read, mmio_write };

START_TEST(test_external_abort_on_walk)
{
    ARMTranslateResult r;

    ck_assert_int_eq(mem_add_mmio(at.as, "dev", 0x09000000, 0x100000,
                                  &mmio_ops, NULL), 0);
    mmu_on();
    /* Table outside any region: L1 external abort. */
    at.env->cp15.ttbr0 = 0x20000000;
    ck_assert(walk(0x00100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x00c);
    /* Table in MMIO: never read the device, external abort. */
    at.env->cp15.ttbr0 = 0x09000000;
    ck_assert(walk(0x00100000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x00c);
    ck_assert_int_eq(mmio_reads, 0);
    /* L1 fine, L2 table off the end of RAM: L2 external abort. */
    at.env->cp15.ttbr0 = L1;
    l1_set(L1, 0x00200000, 0xfffffc00u | (3u << 5) | 1);
    ck_assert(walk(0x00200000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, 0x00e | (3u << 4));
    /* Garbage everywhere in the table never crashes the host. */
    for (uint32_t i = 0; i < 4096; i++) {
        arm_test_poke(L1 + i * 4, i * 0x9e3779b9u);
    }
    for (uint32_t va = 0; va < 0xfff00000u; va += 0x00100000u) {
        walk(va + 0x1234, MMU_DATA_LOAD, ARM_MMU_IDX_PL0, &r);
    }
    ck_assert_int_eq(mmio_reads, 0);
}
END_TEST

START_TEST(test_big_endian_walk)
{
    ARMTranslateResult r;
    uint32_t d = section(0x40000000, 3, 0, false, false);

    mmu_on();
    at.env->cp15.sctlr |= SCTLR_EE;
    arm_test_poke(L1 + (1u << 2), __builtin_bswap32(d));
    ck_assert(!walk(0x00100004, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.paddr, 0x40000004);
}
END_TEST

/* ---- through the TLB and the exec hooks ---- */

static int ld(uint32_t va, MemOp op, unsigned idx, uint64_t *val)
{
    volatile uint64_t v = 0;
    int e;

    ARM_CATCH(e, v = cpu_ld_mmu(at.cs, va, op, idx));
    *val = v;
    return e;
}

static int st(uint32_t va, uint64_t val, MemOp op, unsigned idx)
{
    int e;

    ARM_CATCH(e, cpu_st_mmu(at.cs, va, val, op, idx));
    return e;
}

START_TEST(test_tlb_fill_and_faults)
{
    uint64_t v;

    mmu_on();
    l1_set(L1, 0x00100000, section(DATA & 0xfff00000u, 2, 3, true, false));
    arm_test_poke(DATA + 0x40, 0xfeedf00d);
    /* A load through the TLB sees RAM at the mapped physical address. */
    ck_assert_int_eq(ld(0x00100040 + (DATA & 0xfffff), MO_LEUL,
                        ARM_MMU_IDX_PL0, &v), EXCP_NONE);
    ck_assert_uint_eq(v, 0xfeedf00d);
    /* User store to AP=010: permission fault, DFSR with WnR. */
    ck_assert_int_eq(st(0x00100044, 1, MO_LEUL, ARM_MMU_IDX_PL0),
                     EXCP_DATA_ABORT);
    ck_assert_uint_eq(at.env->exception.fsr, ARM_FSR_WNR | 0x00d | (3u << 4));
    ck_assert_uint_eq(at.env->exception.vaddress, 0x00100044);
    /* The privileged store is fine. */
    ck_assert_int_eq(st(0x00100044, 7, MO_LEUL, ARM_MMU_IDX_PL1), EXCP_NONE);
    /* Unmapped: translation fault on a load, no WnR. */
    ck_assert_int_eq(ld(0x00500000, MO_UB, ARM_MMU_IDX_PL1, &v),
                     EXCP_DATA_ABORT);
    ck_assert_uint_eq(at.env->exception.fsr, 0x005);
    /* Probe: no exception. */
    ck_assert(!arm_cpu_tlb_fill(at.cs, 0x00500000, 1, MMU_DATA_LOAD,
                                ARM_MMU_IDX_PL1, true));
    /* Instruction fetch of XN: prefetch abort. */
    {
        int e;
        ARM_CATCH(e, arm_cpu_tlb_fill(at.cs, 0x00100000, 4, MMU_INST_FETCH,
                                      ARM_MMU_IDX_PL1, false));
        ck_assert_int_eq(e, EXCP_PREFETCH_ABORT);
        ck_assert_uint_eq(at.env->exception.fsr, 0x00d | (3u << 4));
    }
    /* A section onto nothing: synchronous external abort (bus error). */
    l1_set(L1, 0x00600000, section(0x20000000, 3, 0, false, false));
    ck_assert_int_eq(ld(0x00600010, MO_LEUL, ARM_MMU_IDX_PL1, &v),
                     EXCP_DATA_ABORT);
    ck_assert_uint_eq(at.env->exception.fsr, 0x008);
    ck_assert_uint_eq(at.env->exception.vaddress, 0x00600010);
    ck_assert_int_eq(st(0x00600010, 0, MO_UB, ARM_MMU_IDX_PL1),
                     EXCP_DATA_ABORT);
    ck_assert_uint_eq(at.env->exception.fsr, 0x808);
    /* Alignment fault: FS=0b00001. */
    ck_assert_int_eq(ld(0x00100042, MO_LEUL | MO_ALIGN, ARM_MMU_IDX_PL1, &v),
                     EXCP_DATA_ABORT);
    ck_assert_uint_eq(at.env->exception.fsr, 0x001);
    ck_assert_uint_eq(at.env->exception.vaddress, 0x00100042);
}
END_TEST

START_TEST(test_ats1_par)
{
    mmu_on();
    l1_set(L1, 0x00100000, section(0x40000000, 1, 0, false, false));
    at.env->cp15.sctlr &= ~SCTLR_M;
    at.env->cp15.sctlr |= SCTLR_M;
    /* ATS1CPR succeeds, ATS1CUR faults (AP=001 is PL1 only). */
    helper_cp_write(at.cs, ARM_CP_KEY(15, 0, 0, 7, 8, 0), 0x00100abc);
    ck_assert_uint_eq(at.env->cp15.par, 0x40000000 | (1u << 9));
    helper_cp_write(at.cs, ARM_CP_KEY(15, 0, 0, 7, 8, 2), 0x00100abc);
    ck_assert_uint_eq(at.env->cp15.par, (0x0du << 1) | 1);
}
END_TEST

/* ---- long-descriptor (LPAE) format ---- */

#define LT1 0x40110000u           /* level-1 table (TTBR0, T0SZ=0) */
#define LT2 0x40111000u           /* level-2 table for VA 0..1G */
#define LT3 0x40112000u           /* level-3 table for VA 0x00200000 */

static void poke64(uint32_t pa, uint64_t v)
{
    arm_test_poke(pa, (uint32_t)v);
    arm_test_poke(pa + 4, (uint32_t)(v >> 32));
}

/* Block/page with AF, AP[2:1] and extra bits; page = block | 2. */
static uint64_t lblock(uint64_t pa, unsigned ap, uint64_t extra)
{
    return pa | (1u << 10) | ((uint64_t)ap << 6) | 1 | extra;
}

static void lpae_on(void)
{
    at.env->cp15.ttbr0 = LT1 | (7ull << 48);      /* ASID 7 */
    at.env->cp15.ttbcr = TTBCR_EAE;
    at.env->cp15.dacr = 0;                        /* ignored with EAE */
    at.env->cp15.sctlr |= SCTLR_M;
    poke64(LT1, LT2 | 3);
    poke64(LT1 + 8, lblock(0x40000000u, 1, 0));    /* 1 GiB block */
    poke64(LT2 + 8, LT3 | 3);                     /* VA 0x00200000 */
    poke64(LT2 + 16, lblock(DATA, 0, 0));          /* VA 0x00400000 */
    poke64(LT3 + 8, lblock(DATA, 1, 2));           /* VA 0x00201000 page */
}

/* What a debugger reads and writes: PL1's view, permissions ignored. */
START_TEST(test_debug_rw)
{
    uint8_t buf[8], back[8];
    uint64_t pa;

    mmu_on();
    l1_set(L1, 0x00100000, section(DATA, 5, 0, true, false));  /* PL1 RO */
    l1_set(L1, 0x00200000, section(DATA + 0x100000, 0, 0, true, false));
    ck_assert(arm_cpu_debug_translate(at.env, 0x00123456, &pa));
    ck_assert_uint_eq(pa, DATA + 0x23456);
    /* AP 000 is no access even at PL1: still mapped for a debugger. */
    ck_assert(arm_cpu_debug_translate(at.env, 0x00200010, &pa));
    ck_assert_uint_eq(pa, DATA + 0x100010);
    ck_assert(!arm_cpu_debug_translate(at.env, 0x00300000, &pa));
    /* A write across two sections lands in both, through read-only AP. */
    memcpy(buf, "portos!!", 8);
    ck_assert_int_eq(arm_cpu_debug_rw(at.cpu, 0x001ffffc, buf, 8, true), 0);
    ck_assert_int_eq(mem_read(at.as, DATA + 0xffffc, back, 4), MEM_TX_OK);
    ck_assert_int_eq(mem_read(at.as, DATA + 0x100000, back + 4, 4), MEM_TX_OK);
    ck_assert_int_eq(memcmp(back, "portos!!", 8), 0);
    memset(back, 0, sizeof(back));
    ck_assert_int_eq(arm_cpu_debug_rw(at.cpu, 0x001ffffc, back, 8, false), 0);
    ck_assert_int_eq(memcmp(back, "portos!!", 8), 0);
    /* Running into an unmapped page fails after the mapped part. */
    ck_assert_int_eq(arm_cpu_debug_rw(at.cpu, 0x002ffffe, back, 4, false),
                     -EFAULT);
    /* MMU off: virtual is physical; outside RAM is a fault, not a crash. */
    at.env->cp15.sctlr &= ~SCTLR_M;
    ck_assert_int_eq(arm_cpu_debug_rw(at.cpu, DATA + 0xffffc, back, 8, false), 0);
    ck_assert_int_eq(memcmp(back, "portos!!", 8), 0);
    ck_assert_int_eq(arm_cpu_debug_rw(at.cpu, 0x30000000, back, 4, false),
                     -EFAULT);
}
END_TEST

START_TEST(test_lpae_levels)
{
    ARMTranslateResult r;

    lpae_on();
    ck_assert(!walk(0x40123456, MMU_DATA_STORE, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.paddr, 0x40123456);
    ck_assert_uint_eq(r.page_size, 1u << 30);
    ck_assert_int_eq(r.prot, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    ck_assert(!walk(0x00412345, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.paddr, DATA + 0x12345);
    ck_assert_uint_eq(r.page_size, 2u << 20);
    ck_assert(walk(0x00412345, MMU_DATA_LOAD, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x0e);          /* perm, L2 */
    ck_assert(!walk(0x00201abc, MMU_DATA_LOAD, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.paddr, DATA + 0xabc);
    ck_assert_uint_eq(r.page_size, 4096);
    /* Translation faults at each level; 0b01 is reserved at level 3. */
    ck_assert(walk(0xc0000000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x05);
    ck_assert(walk(0x00600000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x06);
    poke64(LT3 + 16, lblock(DATA, 1, 0));
    ck_assert(walk(0x00202000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x07);
    /* Access flag clear: access flag fault before any permission check. */
    poke64(LT3 + 24, lblock(DATA, 3, 2) & ~(1ull << 10));
    ck_assert(walk(0x00203000, MMU_DATA_STORE, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x0b);
    /* Big-endian descriptors (SCTLR.EE). */
    at.env->cp15.sctlr |= SCTLR_EE;
    poke64(LT1 + 8, __builtin_bswap64(lblock(0x40000000u, 1, 0)));
    ck_assert(!walk(0x40000010, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.paddr, 0x40000010);
}
END_TEST

START_TEST(test_lpae_split_and_tables)
{
    ARMTranslateResult r;

    lpae_on();
    /* T0SZ=0, T1SZ=2: TTBR1 covers the top 1 GiB from level 2. */
    at.env->cp15.ttbr1 = LT3;
    at.env->cp15.ttbcr = TTBCR_EAE | (2u << 16);
    poke64(LT3 + 511 * 8, lblock(DATA, 1, 0));
    ck_assert(!walk(0xffe00010, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.paddr, DATA + 0x10);
    ck_assert(!walk(0x40000010, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    /* EPD1: no walk for TTBR1; EPD0 for TTBR0, even with equal TTBRs. */
    at.env->cp15.ttbcr |= 1u << 23;
    ck_assert(walk(0xffe00010, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x05);
    at.env->cp15.ttbr1 = at.env->cp15.ttbr0;
    at.env->cp15.ttbcr = TTBCR_EAE | (2u << 16) | (1u << 7);
    ck_assert(walk(0x40000010, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x05);
    /* T0SZ=1, T1SZ=2: 0x80000000..0xbfffffff is a level-1 fault. */
    at.env->cp15.ttbcr = TTBCR_EAE | 1u | (2u << 16);
    ck_assert(walk(0x90000000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x05);
    /* APTable/XNTable/PXNTable restrict everything below the table. */
    at.env->cp15.ttbcr = TTBCR_EAE;
    poke64(LT2 + 8, LT3 | 3 | (1ull << 61));          /* no PL0 */
    ck_assert(walk(0x00201000, MMU_DATA_LOAD, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x0f);
    poke64(LT2 + 8, LT3 | 3 | (1ull << 62));          /* read-only */
    ck_assert(walk(0x00201000, MMU_DATA_STORE, ARM_MMU_IDX_PL1, &r));
    ck_assert(!walk(0x00201000, MMU_DATA_LOAD, ARM_MMU_IDX_PL0, &r));
    poke64(LT2 + 8, LT3 | 3 | (1ull << 59));          /* PXNTable */
    ck_assert(walk(0x00201000, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &r));
    ck_assert(!walk(0x00201000, MMU_INST_FETCH, ARM_MMU_IDX_PL0, &r));
    poke64(LT2 + 8, LT3 | 3 | (1ull << 60));          /* XNTable */
    ck_assert(walk(0x00201000, MMU_INST_FETCH, ARM_MMU_IDX_PL0, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x0f);
    /* SCTLR.WXN: writable is not executable; UWXN: PL0-writable is not
       executable at PL1.  The page is RW at PL0 and PL1. */
    poke64(LT2 + 8, LT3 | 3);
    at.env->cp15.sctlr |= SCTLR_WXN;
    ck_assert(walk(0x00201000, MMU_INST_FETCH, ARM_MMU_IDX_PL0, &r));
    ck_assert(walk(0x00201000, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &r));
    at.env->cp15.sctlr ^= SCTLR_WXN | SCTLR_UWXN;
    ck_assert(walk(0x00201000, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x0f);
    ck_assert(!walk(0x00201000, MMU_INST_FETCH, ARM_MMU_IDX_PL0, &r));
    /* PL1-only writable: UWXN does not apply. */
    poke64(LT3 + 8, lblock(DATA, 0, 2));
    ck_assert(!walk(0x00201000, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &r));
}
END_TEST

START_TEST(test_lpae_hostile_walks)
{
    ARMTranslateResult r;
    uint64_t v;

    ck_assert_int_eq(mem_add_mmio(at.as, "dev", 0x09000000, 0x100000,
                                  &mmio_ops, NULL), 0);
    lpae_on();
    /* Level-3 table above 4 GiB, in MMIO, past the end of RAM. */
    poke64(LT2 + 24, 0x100000000ull | 3);
    ck_assert(walk(0x00600000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x17);
    poke64(LT2 + 24, 0x09000000u | 3);
    ck_assert(walk(0x00600000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x17);
    ck_assert_int_eq(mmio_reads, 0);
    poke64(LT2 + 24, 0xfffffff000ull | 3);
    ck_assert(walk(0x00600000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x17);
    /* TTBR0 with bits [47:32] set: level-1 external abort, no wrap. */
    at.env->cp15.ttbr0 = 0xff0000000000ull | LT1;
    ck_assert(walk(0x00600000, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.fsr, ARM_FSR_LPAE | 0x15);
    at.env->cp15.ttbr0 = LT1;
    /* A block above 4 GiB translates; the access is a bus error. */
    poke64(LT2 + 32, lblock(0xff00000000ull, 1, 0));
    ck_assert(!walk(0x00800010, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &r));
    ck_assert_uint_eq(r.paddr, 0xff00000010ull);
    ck_assert_int_eq(ld(0x00800010, MO_LEUL, ARM_MMU_IDX_PL1, &v),
                     EXCP_DATA_ABORT);
    ck_assert_uint_eq(at.env->exception.fsr, ARM_FSR_LPAE | 0x10);
    ck_assert_int_eq(st(0x00800010, 0, MO_UB, ARM_MMU_IDX_PL1),
                     EXCP_DATA_ABORT);
    ck_assert_uint_eq(at.env->exception.fsr, ARM_FSR_WNR | ARM_FSR_LPAE | 0x10);
    /* ...unless RAM is there. */
    ck_assert_int_eq(mem_add_ram(at.as, "high", 0xff00000000ull, 0x10000,
                                 NULL), 0);
    tlb_flush(&at.cs->tlb);
    ck_assert_int_eq(st(0x00800010, 0x5a, MO_UB, ARM_MMU_IDX_PL1), EXCP_NONE);
    ck_assert_int_eq(ld(0x00800010, MO_UB, ARM_MMU_IDX_PL1, &v), EXCP_NONE);
    ck_assert_uint_eq(v, 0x5a);
    /* Alignment faults use the long format too. */
    ck_assert_int_eq(ld(0x40000002, MO_LEUL | MO_ALIGN, ARM_MMU_IDX_PL1, &v),
                     EXCP_DATA_ABORT);
    ck_assert_uint_eq(at.env->exception.fsr, ARM_FSR_LPAE | 0x21);
    /* Garbage in every table never crashes the host or reads MMIO. */
    for (uint32_t i = 0; i < 3 * 512; i++) {
        arm_test_poke(LT1 + i * 8, i * 0x9e3779b9u);
        arm_test_poke(LT1 + i * 8 + 4, i * 0x7f4a7c15u);
    }
    for (uint32_t va = 0; va < 0xffe00000u; va += 0x00200000u) {
        walk(va + 0x1234, MMU_DATA_LOAD, ARM_MMU_IDX_PL0, &r);
        walk(va + 0x1234, MMU_INST_FETCH, ARM_MMU_IDX_PL1, &r);
    }
    ck_assert_int_eq(mmio_reads, 0);
}
END_TEST

START_TEST(test_lpae_par)
{
    lpae_on();
    at.env->cp15.prrr = 0x000044ff;               /* MAIR0: attr1 = 0x44 */
    poke64(LT2 + 16, lblock(DATA, 0, (1u << 2) | (3u << 8)));
    helper_cp_write(at.cs, ARM_CP_KEY(15, 0, 0, 7, 8, 0), 0x00400abc);
    ck_assert_uint_eq(at.env->cp15.par, (0x44ull << 56) | DATA | (3u << 7) |
                                        (1u << 9) | (1u << 11));
    /* ATS1CUR: permission fault at level 2, FST = 0x0e. */
    helper_cp_write(at.cs, ARM_CP_KEY(15, 0, 0, 7, 8, 2), 0x00400abc);
    ck_assert_uint_eq(at.env->cp15.par, (1u << 11) | (0x0eu << 1) | 1);
    /* The 32-bit MRC reads the low half. */
    ck_assert_uint_eq(helper_cp_read(at.cs, ARM_CP_KEY(15, 0, 0, 7, 4, 0)),
                      (1u << 11) | (0x0eu << 1) | 1);
}
END_TEST

Suite *suite_arm_mmu(void)
{
    Suite *s = suite_create("arm-mmu");
    TCase *tc = tcase_create("mmu");

    tcase_add_checked_fixture(tc, arm_test_setup, arm_test_teardown);
    tcase_add_test(tc, test_mmu_off);
    tcase_add_test(tc, test_descriptor_kinds);
    tcase_add_test(tc, test_translation_faults);
    tcase_add_test(tc, test_domains);
    tcase_add_test(tc, test_ap_full_model);
    tcase_add_test(tc, test_afe_model);
    tcase_add_test(tc, test_xn_pxn);
    tcase_add_test(tc, test_ttbcr_split);
    tcase_add_test(tc, test_external_abort_on_walk);
    tcase_add_test(tc, test_big_endian_walk);
    tcase_add_test(tc, test_tlb_fill_and_faults);
    tcase_add_test(tc, test_ats1_par);
    tcase_add_test(tc, test_debug_rw);
    tcase_add_test(tc, test_lpae_levels);
    tcase_add_test(tc, test_lpae_split_and_tables);
    tcase_add_test(tc, test_lpae_hostile_walks);
    tcase_add_test(tc, test_lpae_par);
    suite_add_tcase(s, tc);
    return s;
}
