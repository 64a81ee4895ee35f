/*
 * target/arm coprocessor registers: the descriptor table, access rules
 * (UNDEFINED for unknown and refused accesses), write masks, TLB
 * maintenance, VFP system registers and the generic timer.
 */
#include "arm-test-util.h"

#define K(cp, o1, n, m, o2) ARM_CP_KEY(cp, 0, o1, n, m, o2)
#define K64(cp, o1, m) ARM_CP_KEY(cp, 1, o1, 0, m, 0)

/* Read @key through the translator's helper; *excp gets the result. */
static uint32_t rd(uint32_t key, int *excp)
{
    volatile uint32_t v = 0;
    int e;

    ARM_CATCH(e, v = helper_cp_read(at.cs, key));
    *excp = e;
    return v;
}

static int wr(uint32_t key, uint32_t val)
{
    int e;

    ARM_CATCH(e, helper_cp_write(at.cs, key, val));
    return e;
}

static uint32_t rd_ok(uint32_t key)
{
    int e;
    uint32_t v = rd(key, &e);

    ck_assert_int_eq(e, EXCP_NONE);
    return v;
}

START_TEST(test_id_registers)
{
    static const struct { uint32_t key, val; } ids[] = {
        { K(15, 0, 0, 0, 0), 0x414fc0f0 },   /* MIDR */
        { K(15, 0, 0, 0, 1), 0x8444c004 },   /* CTR */
        { K(15, 0, 0, 0, 4), 0x414fc0f0 },   /* MIDR alias */
        { K(15, 0, 0, 0, 5), 0x80000000 },   /* MPIDR */
        { K(15, 0, 0, 1, 0), 0x00001131 },   /* ID_PFR0 */
        { K(15, 0, 0, 1, 1), 0x00010001 },   /* ID_PFR1 */
        { K(15, 0, 0, 1, 2), 0x02010505 },   /* ID_DFR0 */
        { K(15, 0, 0, 1, 4), 0x10201105 },   /* ID_MMFR0 */
        { K(15, 0, 0, 1, 7), 0x02102211 },   /* ID_MMFR3 */
        { K(15, 0, 0, 2, 0), 0x02101110 },   /* ID_ISAR0 */
        { K(15, 0, 0, 2, 4), 0x10011142 },   /* ID_ISAR4 */
        { K(15, 0, 0, 2, 6), 0 },            /* ID_MMFR4: RAZ */
        { K(15, 1, 0, 0, 1), 0x0a200023 },   /* CLIDR */
        { K(15, 0, 1, 0, 0), 0x00c50078 },   /* SCTLR */
        { K(15, 4, 15, 0, 0), 0x08000000 },  /* CBAR */
        { K(15, 1, 9, 0, 2), 0x00800000 },   /* L2CTLR */
        { K(15, 0, 9, 12, 0), 0x410f3000 },  /* PMCR */
        { K(15, 0, 14, 0, 0), 62500000 },    /* CNTFRQ */
        { K(15, 3, 15, 7, 2), 0 },           /* c15 impdef: RAZ */
        { K(15, 0, 0, 5, 0), 0 },            /* reserved ID space: RAZ */
        { K(15, 0, 0, 7, 7), 0 },
        { K(14, 0, 0, 0, 0), 0x3515f021 },   /* DBGDIDR */
        { K(14, 0, 1, 1, 4), 0xa },          /* DBGOSLSR */
        { K(14, 7, 0, 0, 0), 0 },            /* JIDR */
    };

    for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        ck_assert_msg(rd_ok(ids[i].key) == ids[i].val, "key %x", ids[i].key);
    }
    /* CCSIDR is selected by CSSELR (4 bits kept). */
    ck_assert_int_eq(wr(K(15, 2, 0, 0, 0), 2), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 1, 0, 0, 0)), 0x711fe07a);
    ck_assert_int_eq(wr(K(15, 2, 0, 0, 0), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 2, 0, 0, 0)), 0xf);
    ck_assert_uint_eq(rd_ok(K(15, 1, 0, 0, 0)), 0);
    /* ID registers ignore... no: they are read-only, a write is UNDEF. */
    ck_assert_int_eq(wr(K(15, 0, 0, 0, 0), 1), EXCP_UDEF);
    /* The board can report more CPUs in L2CTLR; writes are ignored. */
    arm_cpu_set_nb_cpus(at.cpu, 2);
    ck_assert_int_eq(wr(K(15, 1, 9, 0, 2), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 1, 9, 0, 2)), 0x01800000);
}
END_TEST

START_TEST(test_unknown_undef)
{
    static const uint32_t unknown[] = {
        K(15, 0, 9, 0, 0), K(15, 0, 11, 0, 0), K(15, 0, 12, 0, 1),
        K(15, 0, 9, 12, 6),           /* PMCEID0: absent, as in QEMU */
        K(15, 0, 7, 0, 4),            /* CP15WFI: gone in v7 */
        K(15, 0, 1, 1, 0),            /* SCR: no Security Extensions */
        K(15, 4, 1, 1, 0),            /* HCR: no Virtualization */
        K(14, 0, 1, 5, 4),            /* DBGPRSR */
        K(14, 0, 0, 6, 4),            /* DBGBVR6: only 6 breakpoints */
        K(15, 0, 7, 0, 4), K(15, 4, 14, 0, 0),
        K(13, 0, 0, 0, 0), K(7, 0, 0, 0, 0),
        K64(15, 5, 2),
    };
    int e;

    for (unsigned i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        ck_assert_ptr_null(arm_cp_lookup(unknown[i]));
        rd(unknown[i], &e);
        ck_assert_int_eq(e, EXCP_UDEF);
        ck_assert_int_eq(wr(unknown[i], 0), EXCP_UDEF);
    }
    /* Accepted no-ops whose reads leave Rt alone (DBGVCR, lockdown). */
    ck_assert(arm_cp_read_keeps_rt(arm_cp_lookup(K(14, 0, 0, 7, 0))));
    ck_assert(arm_cp_read_keeps_rt(arm_cp_lookup(K(15, 0, 10, 0, 0))));
    ck_assert(!arm_cp_read_keeps_rt(arm_cp_lookup(K(15, 0, 10, 2, 0))));
    ck_assert(!arm_cp_read_keeps_rt(arm_cp_lookup(K(15, 0, 1, 0, 1))));
    ck_assert_int_eq(wr(K(15, 0, 10, 0, 0), 1), EXCP_NONE);
    /* Write-only operations are UNDEFINED when read. */
    rd(K(15, 0, 8, 7, 0), &e);
    ck_assert_int_eq(e, EXCP_UDEF);
    rd(K(15, 0, 7, 10, 4), &e);
    ck_assert_int_eq(e, EXCP_UDEF);
    ck_assert(!arm_cp_key_access_ok(at.env, K(15, 0, 8, 7, 0), true));
    ck_assert(arm_cp_key_access_ok(at.env, K(15, 0, 8, 7, 0), false));
}
END_TEST

START_TEST(test_pl0_rules)
{
    int e;

    ck_assert_int_eq(wr(K(15, 0, 13, 0, 3), 0x1111), EXCP_NONE);   /* URO */
    arm_cpsr_write(at.env, ARM_CPU_MODE_USR, CPSR_M, CPSRWriteRaw);
    /* System registers are PL1 only. */
    rd(K(15, 0, 0, 0, 0), &e);
    ck_assert_int_eq(e, EXCP_UDEF);
    rd(K(15, 0, 1, 0, 0), &e);
    ck_assert_int_eq(e, EXCP_UDEF);
    ck_assert_int_eq(wr(K(15, 0, 8, 7, 0), 0), EXCP_UDEF);
    ck_assert_int_eq(wr(K(15, 0, 7, 5, 0), 0), EXCP_UDEF);   /* ICIALLU */
    /* Thread ID registers: URW read/write, URO read-only. */
    ck_assert_int_eq(wr(K(15, 0, 13, 0, 2), 0x2222), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 13, 0, 2)), 0x2222);
    ck_assert_uint_eq(rd_ok(K(15, 0, 13, 0, 3)), 0x1111);
    ck_assert_int_eq(wr(K(15, 0, 13, 0, 3), 0), EXCP_UDEF);
    rd(K(15, 0, 13, 0, 4), &e);                                /* PRW */
    ck_assert_int_eq(e, EXCP_UDEF);
    /* Barriers are allowed at PL0. */
    ck_assert_int_eq(wr(K(15, 0, 7, 10, 4), 0), EXCP_NONE);
    ck_assert_int_eq(wr(K(15, 0, 7, 10, 5), 0), EXCP_NONE);
    ck_assert_int_eq(wr(K(15, 0, 7, 5, 4), 0), EXCP_NONE);
    /* PMU at PL0 only with PMUSERENR.EN; counter access per CNTKCTL. */
    rd(K(15, 0, 9, 12, 0), &e);
    ck_assert_int_eq(e, EXCP_UDEF);
    rd(K(15, 0, 14, 0, 0), &e);
    ck_assert_int_eq(e, EXCP_UDEF);
    at.env->cp15.pmuserenr = 1;
    at.env->cp15.cntkctl = 2;       /* PL0VCTEN */
    ck_assert_uint_eq(rd_ok(K(15, 0, 9, 12, 0)), 0x410f3000);
    ck_assert_uint_eq(rd_ok(K(15, 0, 14, 0, 0)), 62500000);
    ck_assert(arm_cp_key_access_ok(at.env, K64(15, 1, 14), true));
    ck_assert(!arm_cp_key_access_ok(at.env, K64(15, 0, 14), true));
    ck_assert(!arm_cp_key_access_ok(at.env, K(15, 0, 14, 2, 1), true));
}
END_TEST

START_TEST(test_write_masks)
{
    CPUARMState *env = at.env;

    ck_assert_int_eq(wr(K(15, 0, 12, 0, 0), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 12, 0, 0)), 0xffffffe0);    /* VBAR */
    ck_assert_int_eq(wr(K(15, 0, 2, 0, 2), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 2, 0, 2)), 0xffc73f87);     /* TTBCR */
    ck_assert_int_eq(wr(K(15, 0, 2, 0, 2), 0), EXCP_NONE);
    ck_assert_int_eq(wr(K(15, 0, 1, 0, 2), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 1, 0, 2)), 0xc0f00000);     /* CPACR */
    ck_assert_int_eq(wr(K(15, 0, 1, 0, 2), 0), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 1, 0, 2)), 0x80000000);     /* ASEDIS */
    ck_assert_int_eq(wr(K(15, 0, 1, 0, 1), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 1, 0, 1)), 0);              /* ACTLR */
    ck_assert_int_eq(wr(K(15, 0, 9, 12, 0), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 9, 12, 0)), 0x410f30f9);    /* PMCR */
    ck_assert_int_eq(wr(K(15, 0, 9, 12, 1), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 9, 12, 1)), 0x8000003f);
    ck_assert_int_eq(wr(K(15, 0, 9, 12, 2), 0x3), EXCP_NONE);     /* CLR */
    ck_assert_uint_eq(rd_ok(K(15, 0, 9, 12, 1)), 0x8000003c);
    ck_assert_int_eq(wr(K(15, 0, 9, 12, 5), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 9, 12, 5)), 0x1f);
    ck_assert_int_eq(wr(K(15, 0, 9, 13, 1), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 9, 13, 1)), 0xfc000000);
    ck_assert_int_eq(wr(K(15, 0, 5, 1, 0), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 5, 1, 0)), 0);              /* ADFSR */
    ck_assert_int_eq(wr(K(15, 0, 5, 0, 0), 0xffffffff), EXCP_NONE);
    ck_assert_uint_eq(env->cp15.dfsr, 0xffffffff);
    /* 64-bit TTBR0 view (MCRR/MRRC). */
    ck_assert_int_eq(wr(K(15, 0, 2, 0, 0), 0x12345678), EXCP_NONE);
    {
        volatile uint64_t v = 0;
        int e;
        ARM_CATCH(e, v = helper_cp_read64(at.cs, K64(15, 0, 2)));
        ck_assert_int_eq(e, EXCP_NONE);
        ck_assert_uint_eq(v, 0x12345678);
        ARM_CATCH(e, helper_cp_write64(at.cs, K64(15, 1, 2),
                                       0x000000ab87654321ull));
        ck_assert_int_eq(e, EXCP_NONE);
        ck_assert_uint_eq(rd_ok(K(15, 0, 2, 0, 1)), 0x87654321);
    }
    /* Debug OS lock: cleared by any value but the CoreSight key. */
    ck_assert_int_eq(wr(K(14, 0, 1, 0, 4), 0), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(14, 0, 1, 1, 4)), 0x8);
    ck_assert_int_eq(wr(K(14, 0, 1, 0, 4), 0xc5acce55), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(14, 0, 1, 1, 4)), 0xa);
    ck_assert_int_eq(wr(K(14, 0, 0, 3, 5), 0x1e7), EXCP_NONE);  /* BCR3 */
    ck_assert_uint_eq(rd_ok(K(14, 0, 0, 3, 5)), 0x1e7);
}
END_TEST

static bool tlb_has(unsigned idx, uint32_t va)
{
    CPUTLBEntry *e = tlb_entry(&at.cs->tlb, idx, va);

    return e->addr_read == (va & TARGET_PAGE_MASK) ||
           (e->addr_read & TARGET_PAGE_MASK) == (va & TARGET_PAGE_MASK);
}

START_TEST(test_tlb_maintenance)
{
    const uint32_t va1 = 0x40001000, va2 = 0x40002000;

    tlb_set_page(&at.cs->tlb, va1, va1, PAGE_READ, ARM_MMU_IDX_PL1);
    tlb_set_page(&at.cs->tlb, va2, va2, PAGE_READ, ARM_MMU_IDX_PL0);
    ck_assert(tlb_has(ARM_MMU_IDX_PL1, va1));
    ck_assert(tlb_has(ARM_MMU_IDX_PL0, va2));
    /* TLBIMVA drops one page in every mode. */
    ck_assert_int_eq(wr(K(15, 0, 8, 7, 1), va1 | 0x5), EXCP_NONE);
    ck_assert(!tlb_has(ARM_MMU_IDX_PL1, va1));
    ck_assert(tlb_has(ARM_MMU_IDX_PL0, va2));
    /* TLBIASID (untagged TLB) and TLBIALL drop everything. */
    ck_assert_int_eq(wr(K(15, 0, 8, 7, 2), 1), EXCP_NONE);
    ck_assert(!tlb_has(ARM_MMU_IDX_PL0, va2));
    /* Writes that change translation flush too. */
    static const uint32_t flushers[] = {
        K(15, 0, 1, 0, 0), K(15, 0, 2, 0, 0), K(15, 0, 2, 0, 2),
        K(15, 0, 13, 0, 1), K(15, 0, 8, 3, 0),
    };
    for (unsigned i = 0; i < sizeof(flushers) / sizeof(flushers[0]); i++) {
        uint32_t old = flushers[i] == K(15, 0, 8, 3, 0) ? 0 : rd_ok(flushers[i]);
        tlb_set_page(&at.cs->tlb, va1, va1, PAGE_READ, ARM_MMU_IDX_PL1);
        ck_assert_int_eq(wr(flushers[i], old), EXCP_NONE);
        ck_assert_msg(!tlb_has(ARM_MMU_IDX_PL1, va1), "key %x", flushers[i]);
        ck_assert(arm_cp_ends_tb(arm_cp_lookup(flushers[i])));
    }
    /*
     * DACR: the TLB keeps a bank per recent DACR value.  Entries made under
     * one value are not used under another (whether it widens or narrows a
     * domain) and are there again when the value comes back; a third value
     * empties the least recently used bank; a TLBIALL reaches every bank.
     */
    const uint32_t d1 = 0x55555551, d2 = 0x55555555, d3 = 0x5555555d;
    ck_assert_int_eq(wr(K(15, 0, 3, 0, 0), d1), EXCP_NONE);
    tlb_set_page(&at.cs->tlb, va1, va1, PAGE_READ, ARM_MMU_IDX_PL1);
    ck_assert_int_eq(wr(K(15, 0, 3, 0, 0), d2), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 3, 0, 0)), d2);
    ck_assert(!tlb_has(ARM_MMU_IDX_PL1, va1));
    tlb_set_page(&at.cs->tlb, va2, va2, PAGE_READ, ARM_MMU_IDX_PL1);
    ck_assert_int_eq(wr(K(15, 0, 3, 0, 0), d2), EXCP_NONE);   /* rewrite */
    ck_assert(tlb_has(ARM_MMU_IDX_PL1, va2));
    ck_assert_int_eq(wr(K(15, 0, 3, 0, 0), d1), EXCP_NONE);
    ck_assert(tlb_has(ARM_MMU_IDX_PL1, va1));
    ck_assert(!tlb_has(ARM_MMU_IDX_PL1, va2));
    ck_assert_int_eq(wr(K(15, 0, 3, 0, 0), d2), EXCP_NONE);
    ck_assert(tlb_has(ARM_MMU_IDX_PL1, va2));
    ck_assert_int_eq(wr(K(15, 0, 3, 0, 0), d3), EXCP_NONE);   /* evicts d1 */
    ck_assert(!tlb_has(ARM_MMU_IDX_PL1, va1));
    ck_assert(!tlb_has(ARM_MMU_IDX_PL1, va2));
    ck_assert_int_eq(wr(K(15, 0, 3, 0, 0), d2), EXCP_NONE);
    ck_assert(tlb_has(ARM_MMU_IDX_PL1, va2));
    ck_assert_int_eq(wr(K(15, 0, 3, 0, 0), d1), EXCP_NONE);   /* evicts d3 */
    ck_assert(!tlb_has(ARM_MMU_IDX_PL1, va1));
    ck_assert_int_eq(wr(K(15, 0, 8, 7, 0), 0), EXCP_NONE);    /* TLBIALL */
    ck_assert_int_eq(wr(K(15, 0, 3, 0, 0), d2), EXCP_NONE);
    ck_assert(!tlb_has(ARM_MMU_IDX_PL1, va2));
    ck_assert(arm_cp_ends_tb(arm_cp_lookup(K(15, 0, 3, 0, 0))));
    /* Cache maintenance is accepted and does nothing. */
    tlb_set_page(&at.cs->tlb, va1, va1, PAGE_READ, ARM_MMU_IDX_PL1);
    ck_assert_int_eq(wr(K(15, 0, 7, 14, 1), va1), EXCP_NONE);
    ck_assert_int_eq(wr(K(15, 0, 7, 5, 0), 0), EXCP_NONE);
    ck_assert(tlb_has(ARM_MMU_IDX_PL1, va1));
    ck_assert(!arm_cp_ends_tb(arm_cp_lookup(K(15, 0, 7, 14, 1))));
}
END_TEST

START_TEST(test_ats1)
{
    /* MMU off: flat; PAR has the page and NS. */
    ck_assert_int_eq(wr(K(15, 0, 7, 8, 0), 0x40123456), EXCP_NONE);
    ck_assert_uint_eq(rd_ok(K(15, 0, 7, 4, 0)), 0x40123000 | (1u << 9));
}
END_TEST

static int vfp_rd(int reg, uint32_t *v)
{
    volatile uint32_t r = 0;
    int e;

    ARM_CATCH(e, r = helper_vfp_sysreg_read(at.cs, reg));
    *v = r;
    return e;
}

static int vfp_wr(int reg, uint32_t v)
{
    int e;

    ARM_CATCH(e, helper_vfp_sysreg_write(at.cs, reg, v));
    return e;
}

START_TEST(test_vfp_sysregs)
{
    uint32_t v;

    /* CPACR denies cp10/cp11 after reset: everything UNDEFINED. */
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPSID, &v), EXCP_UDEF);
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPEXC, &v), EXCP_UDEF);
    at.env->cp15.cpacr = 0x80f00000;
    /* FPEXC.EN = 0: ID registers and FPEXC work, FPSCR does not. */
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPSID, &v), EXCP_NONE);
    ck_assert_uint_eq(v, 0x410430f0);
    ck_assert_int_eq(vfp_rd(ARM_VFP_MVFR0, &v), EXCP_NONE);
    ck_assert_uint_eq(v, 0x10110222);
    ck_assert_int_eq(vfp_rd(ARM_VFP_MVFR1, &v), EXCP_NONE);
    ck_assert_uint_eq(v, 0x11000011);
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPSCR, &v), EXCP_UDEF);
    ck_assert_int_eq(vfp_wr(ARM_VFP_FPEXC, 0xffffffff), EXCP_NONE);
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPEXC, &v), EXCP_NONE);
    ck_assert_uint_eq(v, 0x40000000);
    /* FPSCR: only the implemented bits stick (QC needs NEON). */
    ck_assert_int_eq(vfp_wr(ARM_VFP_FPSCR, 0xffffffff), EXCP_NONE);
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPSCR, &v), EXCP_NONE);
    ck_assert_uint_eq(v, 0xf7f7009f);
    ck_assert_int_eq(vfp_wr(ARM_VFP_FPSID, 0), EXCP_NONE);   /* ignored */
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPSID, &v), EXCP_NONE);
    ck_assert_uint_eq(v, 0x410430f0);
    ck_assert_int_eq(vfp_wr(ARM_VFP_MVFR0, 0), EXCP_UDEF);
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPINST, &v), EXCP_UDEF);
    /* PL0: FPSCR yes (full access), FPEXC and IDs no. */
    arm_cpsr_write(at.env, ARM_CPU_MODE_USR, CPSR_M, CPSRWriteRaw);
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPSCR, &v), EXCP_NONE);
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPEXC, &v), EXCP_UDEF);
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPSID, &v), EXCP_UDEF);
    /* cp10 = PL1 only: PL0 FPSCR is UNDEFINED too. */
    at.env->cp15.cpacr = 0x80500000;
    ck_assert_int_eq(vfp_rd(ARM_VFP_FPSCR, &v), EXCP_UDEF);
}
END_TEST

/* A board clock for the generic timer. */
static uint64_t fake_now;
static int changes;

static uint64_t t_now(void *opaque)
{
    return fake_now;
}

static void t_changed(void *opaque)
{
    changes++;
}

static const ARMTimerHooks timer_hooks = { t_now, t_changed };

START_TEST(test_gtimer)
{
    CPUARMState *env = at.env;
    volatile uint64_t v64 = 0;
    int e;

    fake_now = 1000;
    changes = 0;
    arm_cpu_set_timer_hooks(at.cpu, &timer_hooks, NULL);
    ARM_CATCH(e, v64 = helper_cp_read64(at.cs, K64(15, 0, 14)));
    ck_assert_int_eq(e, EXCP_NONE);
    ck_assert_uint_eq(v64, 1000);
    /* TVAL = 500 -> CVAL = now + 500; fires at 1500. */
    ck_assert_int_eq(wr(K(15, 0, 14, 2, 0), 500), EXCP_NONE);
    ck_assert_uint_eq(env->cp15.cntp_cval, 1500);
    ck_assert_int_eq(wr(K(15, 0, 14, 2, 1), 1), EXCP_NONE);   /* ENABLE */
    ck_assert_int_eq(changes, 2);
    ck_assert_uint_eq(arm_gt_deadline(env, ARM_GT_PHYS), 1500);
    ck_assert(!arm_gt_irq_level(env, ARM_GT_PHYS));
    ck_assert_uint_eq(rd_ok(K(15, 0, 14, 2, 1)), 1);
    fake_now = 1600;
    ck_assert(arm_gt_irq_level(env, ARM_GT_PHYS));
    ck_assert_uint_eq(rd_ok(K(15, 0, 14, 2, 1)), 5);          /* ISTATUS */
    ck_assert_uint_eq(rd_ok(K(15, 0, 14, 2, 0)), (uint32_t)-100);
    /* IMASK hides the output but not ISTATUS. */
    ck_assert_int_eq(wr(K(15, 0, 14, 2, 1), 3), EXCP_NONE);
    ck_assert(!arm_gt_irq_level(env, ARM_GT_PHYS));
    ck_assert_uint_eq(rd_ok(K(15, 0, 14, 2, 1)), 7);
    ck_assert_uint_eq(arm_gt_deadline(env, ARM_GT_PHYS), UINT64_MAX);
    /* Negative TVAL writes are signed offsets. */
    ck_assert_int_eq(wr(K(15, 0, 14, 3, 0), (uint32_t)-600), EXCP_NONE);
    ck_assert_uint_eq(env->cp15.cntv_cval, 1000);
    ARM_CATCH(e, helper_cp_write64(at.cs, K64(15, 3, 14), 0x123456789ull));
    ck_assert_int_eq(e, EXCP_NONE);
    ck_assert_uint_eq(env->cp15.cntv_cval, 0x123456789ull);
    ARM_CATCH(e, v64 = helper_cp_read64(at.cs, K64(15, 3, 14)));
    ck_assert_uint_eq(v64, 0x123456789ull);
    ck_assert(!arm_gt_irq_level(env, ARM_GT_VIRT));           /* disabled */
    /* CNTPCT is read-only. */
    ARM_CATCH(e, helper_cp_write64(at.cs, K64(15, 0, 14), 0));
    ck_assert_int_eq(e, EXCP_UDEF);
}
END_TEST

Suite *suite_arm_cp15(void)
{
    Suite *s = suite_create("arm-cp15");
    TCase *tc = tcase_create("cp15");

    tcase_add_checked_fixture(tc, arm_test_setup, arm_test_teardown);
    tcase_add_test(tc, test_id_registers);
    tcase_add_test(tc, test_unknown_undef);
    tcase_add_test(tc, test_pl0_rules);
    tcase_add_test(tc, test_write_masks);
    tcase_add_test(tc, test_tlb_maintenance);
    tcase_add_test(tc, test_ats1);
    tcase_add_test(tc, test_vfp_sysregs);
    tcase_add_test(tc, test_gtimer);
    suite_add_tcase(s, tc);
    return s;
}
