/*
 * Coprocessor registers (MRC/MCR/MRRC/MCRR on cp14 and cp15) and the
 * VFP system registers (VMRS/VMSR).
 *
 * Every register is one ARMCPRegInfo in a table: key (coproc, opc1, CRn,
 * CRm, opc2, 32/64-bit), who may access it, and how it is read and
 * written.  An access whose key is not in the table, or that the rules
 * refuse, is UNDEFINED.  The set of registers and their write masks
 * follow what qemu-system-arm 7.2 shows for "-M virt -cpu cortex-a15"
 * (guest-visible behaviour, checked with a bare-metal probe).
 */
#include <glib.h>

#include "target/arm/internals.h"
#include "util/log.h"
#include "util/stats.h"

#define KEY32(cp, opc1, crn, crm, opc2) ARM_CP_KEY(cp, 0, opc1, crn, crm, opc2)
#define KEY64(cp, opc1, crm) ARM_CP_KEY(cp, 1, opc1, 0, crm, 0)
/* Byte offset of a CPUARMState field, for a register table row's .field. */
#define ENV_OFS(x) offsetof(CPUARMState, x)

/* ---- access functions ---- */

static uint64_t midr_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    return env->cp15.midr;
}

static uint64_t ccsidr_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    return env->cp15.ccsidr[env->cp15.csselr & 0xf];
}

static uint64_t isr_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    uint32_t req = env_cpu(env)->interrupt_request;
    uint64_t v = 0;

    if (req & CPU_INTERRUPT_HARD) {
        v |= CPSR_I;
    }
    if (req & CPU_INTERRUPT_FIQ) {
        v |= CPSR_F;
    }
    return v;
}

static void ignore_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
}

/* -d stats: whole-TLB flushes by the register written. */
static void count_flush(const ARMCPRegInfo *ri)
{
    if (G_UNLIKELY(log_mask(LOG_STATS))) {
        stats_count(STATS_TLB_FLUSH, ri->name, 1);
    }
}

/* Writes that change translations or TB flags flush the whole TLB. */
static void write_flush(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    uint64_t *p64 = (uint64_t *)((char *)env + ri->field);
    uint32_t *p32 = (uint32_t *)((char *)env + ri->field);
    uint64_t wm = ri->wmask ? ri->wmask : ~(uint64_t)0;

    if (ri->flags & CP_64) {
        *p64 = (*p64 & ~wm) | (v & wm);
    } else {
        *p32 = (uint32_t)((*p32 & ~wm) | (v & wm));
    }
    count_flush(ri);
    tlb_flush(&env_cpu(env)->tlb);
}

/*
 * DACR: the TLB keeps a bank of entries per recent DACR value (mem/tlb.h):
 * Linux's software PAN writes DACR around every user access and kernel
 * entry, switching between two values, and a whole-TLB flush at each
 * narrowing write was most of the boot's flushes and page-table walks.
 */
static void dacr_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    env->cp15.dacr = (uint32_t)v;
    tlb_set_key(&env_cpu(env)->tlb, (uint32_t)v);
}

static void cpacr_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    /* cp10/cp11 and D32DIS are writable; ASEDIS reads as one. */
    env->cp15.cpacr = ((uint32_t)v & 0x40f00000u) | 0x80000000u;
}

static void tlbiall_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    count_flush(ri);
    tlb_flush(&env_cpu(env)->tlb);
}

static void tlbimva_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    /* Untagged TLB: by-MVA (any ASID) drops that page in every mode. */
    tlb_flush_page(&env_cpu(env)->tlb, (uint32_t)v & 0xfffff000u);
}

/* The inner-shareable forms act on every CPU's TLB. */
static void tlbiall_is_write(CPUARMState *env, const ARMCPRegInfo *ri,
                             uint64_t v)
{
    for (CPUState *c = cpu_list_first(); c; c = c->next_cpu) {
        tlb_flush(&c->tlb);
    }
}

static void tlbimva_is_write(CPUARMState *env, const ARMCPRegInfo *ri,
                             uint64_t v)
{
    for (CPUState *c = cpu_list_first(); c; c = c->next_cpu) {
        tlb_flush_page(&c->tlb, (uint32_t)v & 0xfffff000u);
    }
}

static void ats1_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    /* opc2: 0 PL1 read, 1 PL1 write, 2 PL0 read, 3 PL0 write. */
    unsigned opc2 = ri->key & 7;
    MMUAccessType at = (opc2 & 1) ? MMU_DATA_STORE : MMU_DATA_LOAD;
    unsigned idx = (opc2 & 2) ? ARM_MMU_IDX_PL0 : ARM_MMU_IDX_PL1;

    env->cp15.par = arm_ats1_par(env, (uint32_t)v, at, idx);
}

static void dbgoslar_write(CPUARMState *env, const ARMCPRegInfo *ri,
                           uint64_t v)
{
    /* OSLK (bit 1) is set only by writing the CoreSight key. */
    bool lock = (uint32_t)v == 0xc5acce55u;

    env->cp14.dbgoslsr = (env->cp14.dbgoslsr & ~2u) | (lock ? 2u : 0);
}

static uint64_t dbgdscrint_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    return env->cp14.dbgdscr & 0x2004c43fu;
}

static CPAccessResult teehbr_access(CPUARMState *env, const ARMCPRegInfo *ri,
                                    bool isread)
{
    if (arm_current_pl(env) == 0 && (env->cp14.teecr & 1)) {
        return CP_ACCESS_UNDEF;
    }
    return CP_ACCESS_OK;
}

/* ---- the table ---- */

#define RO32(n, cp, o1, cn, cm, o2, fld) \
    { .name = n, .key = KEY32(cp, o1, cn, cm, o2), .access = CP_PL1_R, \
      .field = ENV_OFS(fld) }
#define RW32(n, cp, o1, cn, cm, o2, fld, wm) \
    { .name = n, .key = KEY32(cp, o1, cn, cm, o2), .access = CP_PL1_RW, \
      .field = ENV_OFS(fld), .wmask = (wm) }
#define CONST32(n, cp, o1, cn, cm, o2, acc, val) \
    { .name = n, .key = KEY32(cp, o1, cn, cm, o2), .access = (acc), \
      .flags = CP_CONST, .resetval = (val) }
#define OP32(n, cp, o1, cn, cm, o2, acc, fn) \
    { .name = n, .key = KEY32(cp, o1, cn, cm, o2), .access = (acc), \
      .flags = CP_NOP | CP_ENDS_TB, .writefn = (fn) }
#define NOP32(n, cp, o1, cn, cm, o2, acc) \
    { .name = n, .key = KEY32(cp, o1, cn, cm, o2), .access = (acc), \
      .flags = CP_NOP }
#define FLUSH32(n, o1, cn, cm, o2, fld, wm) \
    { .name = n, .key = KEY32(15, o1, cn, cm, o2), .access = CP_PL1_RW, \
      .flags = CP_ENDS_TB, .field = ENV_OFS(fld), .wmask = (wm), \
      .writefn = write_flush }
#define FLUSH64(n, o1, cm, fld) \
    { .name = n, .key = KEY64(15, o1, cm), .access = CP_PL1_RW, \
      .flags = CP_ENDS_TB | CP_64, .field = ENV_OFS(fld), .writefn = write_flush }
static const ARMCPRegInfo cp15_regs[] = {
    /* c0: identification */
    { .name = "MIDR", .key = KEY32(15, 0, 0, 0, 0), .access = CP_PL1_R,
      .readfn = midr_read },
    RO32("CTR", 15, 0, 0, 0, 1, cp15.ctr),
    RO32("TCMTR", 15, 0, 0, 0, 2, cp15.tcmtr),
    RO32("TLBTR", 15, 0, 0, 0, 3, cp15.tlbtr),
    { .name = "MIDR_ALIAS4", .key = KEY32(15, 0, 0, 0, 4),
      .access = CP_PL1_R, .readfn = midr_read },
    RO32("MPIDR", 15, 0, 0, 0, 5, cp15.mpidr),
    RO32("REVIDR", 15, 0, 0, 0, 6, cp15.revidr),
    { .name = "MIDR_ALIAS7", .key = KEY32(15, 0, 0, 0, 7),
      .access = CP_PL1_R, .readfn = midr_read },
    RO32("ID_PFR0", 15, 0, 0, 1, 0, cp15.id_pfr0),
    RO32("ID_PFR1", 15, 0, 0, 1, 1, cp15.id_pfr1),
    RO32("ID_DFR0", 15, 0, 0, 1, 2, cp15.id_dfr0),
    RO32("ID_AFR0", 15, 0, 0, 1, 3, cp15.id_afr0),
    RO32("ID_MMFR0", 15, 0, 0, 1, 4, cp15.id_mmfr0),
    RO32("ID_MMFR1", 15, 0, 0, 1, 5, cp15.id_mmfr1),
    RO32("ID_MMFR2", 15, 0, 0, 1, 6, cp15.id_mmfr2),
    RO32("ID_MMFR3", 15, 0, 0, 1, 7, cp15.id_mmfr3),
    RO32("ID_ISAR0", 15, 0, 0, 2, 0, cp15.id_isar0),
    RO32("ID_ISAR1", 15, 0, 0, 2, 1, cp15.id_isar1),
    RO32("ID_ISAR2", 15, 0, 0, 2, 2, cp15.id_isar2),
    RO32("ID_ISAR3", 15, 0, 0, 2, 3, cp15.id_isar3),
    RO32("ID_ISAR4", 15, 0, 0, 2, 4, cp15.id_isar4),
    RO32("ID_ISAR5", 15, 0, 0, 2, 5, cp15.id_isar5),
    CONST32("ID_MMFR4", 15, 0, 0, 2, 6, CP_PL1_R, 0),
    CONST32("ID_ISAR6", 15, 0, 0, 2, 7, CP_PL1_R, 0),
    { .name = "CCSIDR", .key = KEY32(15, 1, 0, 0, 0), .access = CP_PL1_R,
      .readfn = ccsidr_read },
    RO32("CLIDR", 15, 1, 0, 0, 1, cp15.clidr),
    RO32("AIDR", 15, 1, 0, 0, 7, cp15.aidr),
    RW32("CSSELR", 15, 2, 0, 0, 0, cp15.csselr, 0xf),

    /* c1: system control */
    FLUSH32("SCTLR", 0, 1, 0, 0, cp15.sctlr, 0),
    NOP32("ACTLR", 15, 0, 1, 0, 1, CP_PL1_RW),
    { .name = "CPACR", .key = KEY32(15, 0, 1, 0, 2), .access = CP_PL1_RW,
      .flags = CP_ENDS_TB, .field = ENV_OFS(cp15.cpacr), .writefn = cpacr_write },

    /* c2, c3: translation table control, domains */
    FLUSH32("TTBR0", 0, 2, 0, 0, cp15.ttbr0, 0xffffffffu),
    FLUSH32("TTBR1", 0, 2, 0, 1, cp15.ttbr1, 0xffffffffu),
    FLUSH32("TTBCR", 0, 2, 0, 2, cp15.ttbcr, 0xffc73f87u),
    FLUSH64("TTBR0_64", 0, 2, cp15.ttbr0),
    FLUSH64("TTBR1_64", 1, 2, cp15.ttbr1),
    { .name = "DACR", .key = KEY32(15, 0, 3, 0, 0), .access = CP_PL1_RW,
      .flags = CP_ENDS_TB, .field = ENV_OFS(cp15.dacr), .writefn = dacr_write },

    /* c5, c6: fault status and address */
    RW32("DFSR", 15, 0, 5, 0, 0, cp15.dfsr, 0),
    RW32("IFSR", 15, 0, 5, 0, 1, cp15.ifsr, 0),
    NOP32("ADFSR", 15, 0, 5, 1, 0, CP_PL1_RW),
    NOP32("AIFSR", 15, 0, 5, 1, 1, CP_PL1_RW),
    RW32("DFAR", 15, 0, 6, 0, 0, cp15.dfar, 0),
    RW32("IFAR", 15, 0, 6, 0, 2, cp15.ifar, 0),

    /*
     * c7: cache maintenance (no caches: no-ops), barriers, VA->PA.  The
     * inner-shareable I-cache ops need no broadcast either: every CPU
     * runs the one set of TBs, dropped when guest code is written.
     */
    NOP32("ICIALLUIS", 15, 0, 7, 1, 0, CP_PL1_W),
    NOP32("BPIALLIS", 15, 0, 7, 1, 6, CP_PL1_W),
    RW32("PAR", 15, 0, 7, 4, 0, cp15.par, 0xffffffffu),
    { .name = "PAR_64", .key = KEY64(15, 0, 7), .access = CP_PL1_RW,
      .flags = CP_64, .field = ENV_OFS(cp15.par) },
    NOP32("ICIALLU", 15, 0, 7, 5, 0, CP_PL1_W),
    NOP32("ICIMVAU", 15, 0, 7, 5, 1, CP_PL1_W),
    NOP32("CP15ISB", 15, 0, 7, 5, 4, CP_PL0_W | CP_PL1_W),
    NOP32("BPIALL", 15, 0, 7, 5, 6, CP_PL1_W),
    NOP32("BPIMVA", 15, 0, 7, 5, 7, CP_PL1_W),
    NOP32("DCIMVAC", 15, 0, 7, 6, 1, CP_PL1_W),
    NOP32("DCISW", 15, 0, 7, 6, 2, CP_PL1_W),
    { .name = "ATS1CPR", .key = KEY32(15, 0, 7, 8, 0), .access = CP_PL1_W,
      .flags = CP_NOP, .writefn = ats1_write },
    { .name = "ATS1CPW", .key = KEY32(15, 0, 7, 8, 1), .access = CP_PL1_W,
      .flags = CP_NOP, .writefn = ats1_write },
    { .name = "ATS1CUR", .key = KEY32(15, 0, 7, 8, 2), .access = CP_PL1_W,
      .flags = CP_NOP, .writefn = ats1_write },
    { .name = "ATS1CUW", .key = KEY32(15, 0, 7, 8, 3), .access = CP_PL1_W,
      .flags = CP_NOP, .writefn = ats1_write },
    NOP32("DCCMVAC", 15, 0, 7, 10, 1, CP_PL1_W),
    NOP32("DCCSW", 15, 0, 7, 10, 2, CP_PL1_W),
    NOP32("CP15DSB", 15, 0, 7, 10, 4, CP_PL0_W | CP_PL1_W),
    NOP32("CP15DMB", 15, 0, 7, 10, 5, CP_PL0_W | CP_PL1_W),
    NOP32("DCCMVAU", 15, 0, 7, 11, 1, CP_PL1_W),
    NOP32("DCCIMVAC", 15, 0, 7, 14, 1, CP_PL1_W),
    NOP32("DCCISW", 15, 0, 7, 14, 2, CP_PL1_W),

    /* c8: TLB maintenance.  No ASID tags: by-ASID flushes everything. */
    OP32("TLBIALLIS", 15, 0, 8, 3, 0, CP_PL1_W, tlbiall_is_write),
    OP32("TLBIMVAIS", 15, 0, 8, 3, 1, CP_PL1_W, tlbimva_is_write),
    OP32("TLBIASIDIS", 15, 0, 8, 3, 2, CP_PL1_W, tlbiall_is_write),
    OP32("TLBIMVAAIS", 15, 0, 8, 3, 3, CP_PL1_W, tlbimva_is_write),
    OP32("ITLBIALL", 15, 0, 8, 5, 0, CP_PL1_W, tlbiall_write),
    OP32("ITLBIMVA", 15, 0, 8, 5, 1, CP_PL1_W, tlbimva_write),
    OP32("ITLBIASID", 15, 0, 8, 5, 2, CP_PL1_W, tlbiall_write),
    OP32("DTLBIALL", 15, 0, 8, 6, 0, CP_PL1_W, tlbiall_write),
    OP32("DTLBIMVA", 15, 0, 8, 6, 1, CP_PL1_W, tlbimva_write),
    OP32("DTLBIASID", 15, 0, 8, 6, 2, CP_PL1_W, tlbiall_write),
    OP32("TLBIALL", 15, 0, 8, 7, 0, CP_PL1_W, tlbiall_write),
    OP32("TLBIMVA", 15, 0, 8, 7, 1, CP_PL1_W, tlbimva_write),
    OP32("TLBIASID", 15, 0, 8, 7, 2, CP_PL1_W, tlbiall_write),
    OP32("TLBIMVAA", 15, 0, 8, 7, 3, CP_PL1_W, tlbimva_write),

    /* c9: performance monitors are in pmu.c */
    { .name = "L2CTLR", .key = KEY32(15, 1, 9, 0, 2), .access = CP_PL1_RW,
      .field = ENV_OFS(cp15.l2ctlr), .writefn = ignore_write },
    NOP32("L2ECTLR", 15, 1, 9, 0, 3, CP_PL1_RW),

    /* c10: memory attributes (not modelled, stored) */
    RW32("PRRR", 15, 0, 10, 2, 0, cp15.prrr, 0),
    RW32("NMRR", 15, 0, 10, 2, 1, cp15.nmrr, 0),
    RW32("AMAIR0", 15, 0, 10, 3, 0, cp15.amair0, 0),
    RW32("AMAIR1", 15, 0, 10, 3, 1, cp15.amair1, 0),

    /* c12: vectors, interrupt status */
    RW32("VBAR", 15, 0, 12, 0, 0, cp15.vbar, 0xffffffe0u),
    { .name = "ISR", .key = KEY32(15, 0, 12, 1, 0), .access = CP_PL1_R,
      .readfn = isr_read },

    /* c13: process and thread IDs */
    RW32("FCSEIDR", 15, 0, 13, 0, 0, cp15.fcseidr, 0),
    FLUSH32("CONTEXTIDR", 0, 13, 0, 1, cp15.contextidr, 0),
    { .name = "TPIDRURW", .key = KEY32(15, 0, 13, 0, 2),
      .access = CP_PL0_ALL, .field = ENV_OFS(cp15.tpidrurw) },
    { .name = "TPIDRURO", .key = KEY32(15, 0, 13, 0, 3),
      .access = CP_PL0_R | CP_PL1_RW, .field = ENV_OFS(cp15.tpidruro) },
    RW32("TPIDRPRW", 15, 0, 13, 0, 4, cp15.tpidrprw, 0),

    /* c15: implementation defined */
    RO32("CBAR", 15, 4, 15, 0, 0, cp15.cbar),

    /* cp14: debug registers (stored; no debug events are generated) */
    RO32("DBGDIDR", 14, 0, 0, 0, 0, cp14.dbgdidr),
    CONST32("DBGDRAR", 14, 0, 1, 0, 0, CP_PL0_R | CP_PL1_R, 0),
    CONST32("DBGDSAR", 14, 0, 2, 0, 0, CP_PL0_R | CP_PL1_R, 0),
    { .name = "DBGDSCRint", .key = KEY32(14, 0, 0, 1, 0),
      .access = CP_PL0_R | CP_PL1_R, .readfn = dbgdscrint_read },
    RW32("DBGDSCRext", 14, 0, 0, 2, 2, cp14.dbgdscr, 0),
    { .name = "DBGOSLAR", .key = KEY32(14, 0, 1, 0, 4), .access = CP_PL1_W,
      .flags = CP_NOP, .writefn = dbgoslar_write },
    RO32("DBGOSLSR", 14, 0, 1, 1, 4, cp14.dbgoslsr),
    NOP32("DBGOSDLR", 14, 0, 1, 3, 4, CP_PL1_RW),
    { .name = "DBGVCR", .key = KEY32(14, 0, 0, 7, 0), .access = CP_PL1_RW,
      .flags = CP_NOP | CP_KEEP_RT },
    /* Trivial Jazelle: ID 0, configuration registers RAZ/WI. */
    CONST32("JIDR", 14, 7, 0, 0, 0, CP_PL1_R, 0),
    CONST32("JOSCR", 14, 7, 1, 0, 0, CP_PL1_RW, 0),
    CONST32("JMCR", 14, 7, 2, 0, 0, CP_PL1_RW, 0),
    RW32("TEECR", 14, 6, 0, 0, 0, cp14.teecr, 1),
    { .name = "TEEHBR", .key = KEY32(14, 6, 1, 0, 0), .access = CP_PL0_ALL,
      .accessfn = teehbr_access, .field = ENV_OFS(cp14.teehbr) },
};

/* Debug breakpoint/watchpoint pairs: DBGBVR/BCR 0-5, DBGWVR/WCR 0-3. */
#define DBG_BP(n) \
    RW32("DBGBVR" #n, 14, 0, 0, n, 4, cp14.dbgbvr[n], 0), \
    RW32("DBGBCR" #n, 14, 0, 0, n, 5, cp14.dbgbcr[n], 0)
#define DBG_WP(n) \
    RW32("DBGWVR" #n, 14, 0, 0, n, 6, cp14.dbgwvr[n], 0), \
    RW32("DBGWCR" #n, 14, 0, 0, n, 7, cp14.dbgwcr[n], 0)

static const ARMCPRegInfo cp14_bpwp_regs[] = {
    DBG_BP(0), DBG_BP(1), DBG_BP(2), DBG_BP(3), DBG_BP(4), DBG_BP(5),
    DBG_WP(0), DBG_WP(1), DBG_WP(2), DBG_WP(3),
};

/* CP15 c15 space: implementation defined, RAZ/WI at PL1 (as in QEMU). */
static const ARMCPRegInfo c15_impdef = {
    .name = "C15_IMPDEF", .key = 0, .access = CP_PL1_RW, .flags = CP_NOP,
};

/* CP15 c10 apart from the attribute registers: TLB lockdown, a no-op. */
static const ARMCPRegInfo tlb_lockdown = {
    .name = "TLB_LOCKDOWN", .key = 0, .access = CP_PL1_RW,
    .flags = CP_NOP | CP_KEEP_RT,
};

/*
 * The rest of the CRn=c0 ID space (CRm c3-c7, any opc2): reserved for
 * future ID registers, RAZ at PL1 as the architecture asks (and QEMU does).
 */
static const ARMCPRegInfo id_reserved = {
    .name = "ID_RESERVED", .key = 0, .access = CP_PL1_R, .flags = CP_CONST,
};

static GHashTable *cp_table;

static void add_regs(const ARMCPRegInfo *regs, unsigned n)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        g_hash_table_insert(cp_table, GUINT_TO_POINTER(regs[i].key),
                            (gpointer)&regs[i]);
    }
}

static gpointer build_table(gpointer data)
{
    cp_table = g_hash_table_new(g_direct_hash, g_direct_equal);
    add_regs(cp15_regs, G_N_ELEMENTS(cp15_regs));
    add_regs(cp14_bpwp_regs, G_N_ELEMENTS(cp14_bpwp_regs));
    add_regs(arm_gtimer_regs, arm_gtimer_nregs);
    add_regs(arm_pmu_regs, arm_pmu_nregs);
    for (unsigned crm = 3; crm <= 7; crm++) {
        for (unsigned opc2 = 0; opc2 <= 7; opc2++) {
            g_hash_table_insert(cp_table,
                                GUINT_TO_POINTER(KEY32(15, 0, 0, crm, opc2)),
                                (gpointer)&id_reserved);
        }
    }
    return cp_table;
}

const ARMCPRegInfo *arm_cp_lookup(uint32_t key)
{
    static GOnce once = G_ONCE_INIT;
    const ARMCPRegInfo *ri;

    g_once(&once, build_table, NULL);
    ri = g_hash_table_lookup(cp_table, GUINT_TO_POINTER(key));
    if (!ri && (key >> 16) == 15 && !(key & (1u << 15))) {
        if (((key >> 8) & 0xf) == 15) {
            ri = &c15_impdef;
        } else if (((key >> 8) & 0xf) == 10) {
            ri = &tlb_lockdown;
        }
    }
    return ri;
}

bool arm_cp_access_ok(CPUARMState *env, const ARMCPRegInfo *ri, bool isread)
{
    int pl = arm_current_pl(env);
    uint8_t need = isread ? (pl ? CP_PL1_R : CP_PL0_R)
                          : (pl ? CP_PL1_W : CP_PL0_W);

    if (!ri || !(ri->access & need)) {
        return false;
    }
    return !ri->accessfn || ri->accessfn(env, ri, isread) == CP_ACCESS_OK;
}

bool arm_cp_key_access_ok(CPUARMState *env, uint32_t key, bool isread)
{
    return arm_cp_access_ok(env, arm_cp_lookup(key), isread);
}

bool arm_cp_ends_tb(const ARMCPRegInfo *ri)
{
    return ri && (ri->flags & CP_ENDS_TB);
}

bool arm_cp_read_keeps_rt(const ARMCPRegInfo *ri)
{
    return ri && (ri->flags & CP_KEEP_RT);
}

uint64_t arm_cp_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    if (ri->readfn) {
        return ri->readfn(env, ri);
    }
    if (ri->flags & CP_CONST) {
        return ri->resetval;
    }
    if ((ri->flags & CP_NOP) || !ri->field) {
        return 0;
    }
    if (ri->flags & CP_64) {
        return *(uint64_t *)((char *)env + ri->field);
    }
    return *(uint32_t *)((char *)env + ri->field);
}

void arm_cp_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t val)
{
    uint64_t wm = ri->wmask ? ri->wmask : ~(uint64_t)0;

    if (ri->writefn) {
        ri->writefn(env, ri, val);
        return;
    }
    if ((ri->flags & (CP_CONST | CP_NOP)) || !ri->field) {
        return;
    }
    if (ri->flags & CP_64) {
        uint64_t *p = (uint64_t *)((char *)env + ri->field);
        *p = (*p & ~wm) | (val & wm);
    } else {
        uint32_t *p = (uint32_t *)((char *)env + ri->field);
        *p = (uint32_t)((*p & ~wm) | (val & wm));
    }
}

/* ---- helpers (translator) ---- */

static const ARMCPRegInfo *cp_check(struct CPUState *cs, uint32_t key,
                                    bool isread)
{
    CPUARMState *env = arm_env(cs);
    const ARMCPRegInfo *ri = arm_cp_lookup(key);

    if (!arm_cp_access_ok(env, ri, isread)) {
        arm_raise_exception(env, EXCP_UDEF, 0, 0);
    }
    return ri;
}

uint32_t helper_cp_read(struct CPUState *cs, uint32_t key)
{
    return (uint32_t)arm_cp_read(arm_env(cs), cp_check(cs, key, true));
}

void helper_cp_write(struct CPUState *cs, uint32_t key, uint32_t val)
{
    arm_cp_write(arm_env(cs), cp_check(cs, key, false), val);
}

uint64_t helper_cp_read64(struct CPUState *cs, uint32_t key)
{
    return arm_cp_read(arm_env(cs), cp_check(cs, key, true));
}

void helper_cp_write64(struct CPUState *cs, uint32_t key, uint64_t val)
{
    arm_cp_write(arm_env(cs), cp_check(cs, key, false), val);
}

/* ---- VFP system registers ---- */

void arm_fpscr_write(CPUARMState *env, uint32_t val)
{
    env->vfp.fpscr = val & FPSCR_VALID;
}

bool arm_vfp_sysreg_access_ok(CPUARMState *env, int reg, bool isread)
{
    if (!arm_vfp_access_ok(env)) {
        return false;
    }
    switch (reg) {
    case ARM_VFP_FPSCR:
        return (env->vfp.fpexc & FPEXC_EN) != 0;
    case ARM_VFP_FPSID:
    case ARM_VFP_FPEXC:
        return arm_current_pl(env) > 0;
    case ARM_VFP_MVFR0:
    case ARM_VFP_MVFR1:
        return isread && arm_current_pl(env) > 0;
    default:
        return false;
    }
}

uint32_t helper_vfp_sysreg_read(struct CPUState *cs, uint32_t reg)
{
    CPUARMState *env = arm_env(cs);

    if (!arm_vfp_sysreg_access_ok(env, (int)reg, true)) {
        arm_raise_exception(env, EXCP_UDEF, 0, 0);
    }
    switch (reg) {
    case ARM_VFP_FPSID:
        return env->vfp.fpsid;
    case ARM_VFP_FPSCR:
        return env->vfp.fpscr;
    case ARM_VFP_MVFR0:
        return env->vfp.mvfr0;
    case ARM_VFP_MVFR1:
        return env->vfp.mvfr1;
    default:
        return env->vfp.fpexc;
    }
}

void helper_vfp_sysreg_write(struct CPUState *cs, uint32_t reg, uint32_t val)
{
    CPUARMState *env = arm_env(cs);

    if (!arm_vfp_sysreg_access_ok(env, (int)reg, false)) {
        arm_raise_exception(env, EXCP_UDEF, 0, 0);
    }
    switch (reg) {
    case ARM_VFP_FPSCR:
        arm_fpscr_write(env, val);
        break;
    case ARM_VFP_FPEXC:
        /* Only EN is writable: no VFP exception traps on Cortex-A15. */
        env->vfp.fpexc = val & FPEXC_EN;
        break;
    default:
        break;  /* FPSID: writes ignored */
    }
}
