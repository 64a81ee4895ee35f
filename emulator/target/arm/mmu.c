/*
 * ARMv7-A VMSA: the short-descriptor translation table walk (TTBCR.EAE
 * = 0) and the long-descriptor (LPAE) one (EAE = 1), access
 * permissions, fault status codes in both formats, and the TLB-fill hook.
 *
 * The engine's TLB is not tagged with ASIDs, so translations are cached
 * per MMU index only; cp15.c flushes it whenever TTBR0/1 (which hold the
 * ASID with EAE = 1), TTBCR, CONTEXTIDR or SCTLR change, and keeps a bank
 * of entries per recent DACR value (tlb_set_key).  Hence nG and the ASID
 * play no part here.  Memory attributes (TEX remap, MAIR)
 * are not modelled beyond what the 64-bit PAR reports.  Supersections
 * and long descriptors map 40-bit physical addresses; the address space
 * finds nothing above 4 GiB, so accesses there are external aborts.
 */
#include <errno.h>
#include <glib.h>

#include "target/arm/cpu.h"

#include <inttypes.h>

#include "util/log.h"
#include "util/stats.h"

/* Access permissions, as PAGE_READ/PAGE_WRITE for one privilege level. */
#define P_RW  (PAGE_READ | PAGE_WRITE)
#define P_RO  PAGE_READ

/* AP[2:0] (SCTLR.AFE = 0), indexed [ap][is_user]. */
static const uint8_t ap_full[8][2] = {
    { 0, 0 },        /* 000: no access */
    { P_RW, 0 },     /* 001: privileged only */
    { P_RW, P_RO },  /* 010: user read-only */
    { P_RW, P_RW },  /* 011: full access */
    { 0, 0 },        /* 100: reserved */
    { P_RO, 0 },     /* 101: privileged read-only */
    { P_RO, P_RO },  /* 110: read-only (deprecated encoding) */
    { P_RO, P_RO },  /* 111: read-only */
};

/* AP[2:1] (SCTLR.AFE = 1: AP[0] is the access flag). */
static const uint8_t ap_simple[4][2] = {
    { P_RW, 0 },     /* 00: privileged read/write */
    { P_RW, P_RW },  /* 01: read/write at any PL */
    { P_RO, 0 },     /* 10: privileged read-only */
    { P_RO, P_RO },  /* 11: read-only at any PL */
};

/*
 * Whether a descriptor may be read at @paddr.  Only RAM and ROM may hold
 * translation tables: a walk into MMIO or unmapped space is an external
 * abort on the walk (never a device access with side effects, never a
 * host fault).
 */
static bool desc_in_memory(CPUARMState *env, uint64_t paddr, unsigned size)
{
    MemAddressSpace *as = env_cpu(env)->as;
    MemRegion *r = as ? mem_find(as, paddr) : NULL;

    /* paddr < 2^48 and size 4 or 8: no overflow. */
    return r && r->kind != MEM_REGION_MMIO && paddr + size <= r->base + r->size;
}

/*
 * Read the @size-byte (4: short format, 8: long) descriptor at @paddr, in
 * the table endianness SCTLR.EE selects: the one walk read of both formats.
 */
static bool read_desc(CPUARMState *env, uint64_t paddr, unsigned size,
                      uint64_t *desc)
{
    MemAddressSpace *as = env_cpu(env)->as;
    bool be = env->cp15.sctlr & SCTLR_EE;
    uint32_t v32;
    MemTxResult res;

    if (!desc_in_memory(env, paddr, size)) {
        return false;
    }
    if (size == 8) {
        res = be ? mem_ldq_be(as, paddr, desc) : mem_ldq_le(as, paddr, desc);
    } else {
        res = be ? mem_ldl_be(as, paddr, &v32) : mem_ldl_le(as, paddr, &v32);
        *desc = v32;
    }
    return res == MEM_TX_OK;
}

static bool read_desc32(CPUARMState *env, uint32_t paddr, uint32_t *desc)
{
    uint64_t v = 0;
    bool ok = read_desc(env, paddr, 4, &v);

    *desc = (uint32_t)v;
    return ok;
}

/*
 * First-level descriptor address, or false when the walk is disabled by
 * TTBCR.PD0/PD1 (a section translation fault).
 */
static bool l1_table_address(CPUARMState *env, uint32_t vaddr, uint32_t *addr)
{
    uint32_t ttbcr = env->cp15.ttbcr;
    uint32_t n = ttbcr & TTBCR_N;

    if (n == 0 || (vaddr >> (32 - n)) == 0) {
        if (ttbcr & TTBCR_PD0) {
            return false;
        }
        /* TTBR0 table of 16 KiB >> N, indexed by VA[31-N:20]. */
        *addr = ((uint32_t)env->cp15.ttbr0 & (0xffffffffu << (14 - n))) |
                (((vaddr << n) >> (20 + n)) << 2);
    } else {
        if (ttbcr & TTBCR_PD1) {
            return false;
        }
        *addr = ((uint32_t)env->cp15.ttbr1 & 0xffffc000u) |
                ((vaddr >> 20) << 2);
    }
    return true;
}

static bool fault(ARMTranslateResult *res, uint32_t fs, int domain)
{
    res->fsr = arm_fsr_encode(fs, domain);
    res->domain = domain;
    return true;
}

/*
 * Check the access against AP/XN/PXN and the domain type, and fill
 * res->prot.  Returns true on a fault.
 */
static bool check_perms(CPUARMState *env, ARMTranslateResult *res,
                        MMUAccessType access, bool user, uint32_t dom_type,
                        uint32_t ap, bool xn, bool pxn, bool level2,
                        int domain)
{
    int prot;

    if (dom_type == 3) {
        /* Manager: no permission checks at all. */
        res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        return false;
    }
    if (pxn && !user) {
        xn = true;
    }
    if (xn && access == MMU_INST_FETCH) {
        return fault(res, level2 ? ARM_FSC_PERM_L2 : ARM_FSC_PERM_L1, domain);
    }
    if (env->cp15.sctlr & SCTLR_AFE) {
        if (!(ap & 1)) {
            return fault(res, level2 ? ARM_FSC_ACCESS_L2 : ARM_FSC_ACCESS_L1,
                         domain);
        }
        prot = ap_simple[ap >> 1][user];
    } else {
        prot = ap_full[ap][user];
    }
    if (prot && !xn) {
        prot |= PAGE_EXEC;
    }
    res->prot = prot;
    if (!(prot & (1 << access))) {
        return fault(res, level2 ? ARM_FSC_PERM_L2 : ARM_FSC_PERM_L1, domain);
    }
    return false;
}

/* Second-level walk for a page-table L1 descriptor. */
static bool walk_l2(CPUARMState *env, uint32_t vaddr, uint32_t l1,
                    MMUAccessType access, bool user, uint32_t dom_type,
                    int domain, ARMTranslateResult *res)
{
    uint32_t desc, ap;
    bool xn, pxn = (l1 >> 2) & 1;

    if (!read_desc32(env, (l1 & 0xfffffc00u) | ((vaddr >> 10) & 0x3fc),
                     &desc)) {
        return fault(res, ARM_FSC_EXT_WALK_L2, domain);
    }
    switch (desc & 3) {
    case 0:
        return fault(res, ARM_FSC_TRANS_L2, domain);
    case 1:     /* 64 KiB large page */
        res->paddr = (desc & 0xffff0000u) | (vaddr & 0xffff);
        res->page_size = 0x10000;
        xn = (desc >> 15) & 1;
        break;
    default:    /* 4 KiB small page; bit 0 is XN */
        res->paddr = (desc & 0xfffff000u) | (vaddr & 0xfff);
        res->page_size = 0x1000;
        xn = desc & 1;
        break;
    }
    ap = ((desc >> 4) & 3) | ((desc >> 7) & 4);
    return check_perms(env, res, access, user, dom_type, ap, xn, pxn, true,
                       domain);
}

/* ---- long-descriptor format ---- */

static bool lfault(ARMTranslateResult *res, uint32_t status)
{
    res->fsr = ARM_FSR_LPAE | status;
    return true;
}

#define LD_ADDR_MASK   0x000000fffffff000ull  /* output/table address [39:12] */
#define LD_AF          (1ull << 10)
#define LD_PXN         (1ull << 53)
#define LD_XN          (1ull << 54)
#define LD_PXNTABLE    (1ull << 59)
#define LD_XNTABLE     (1ull << 60)
#define TTBCR_T0SZ(v)  ((v) & 7u)
#define TTBCR_T1SZ(v)  (((v) >> 16) & 7u)
#define TTBCR_EPD0     (1u << 7)
#define TTBCR_EPD1     (1u << 23)

/*
 * Long-descriptor walk (4 KiB granule, 32-bit input, 40-bit output):
 * TTBR0 covers [0, 2^(32-T0SZ)), TTBR1 [2^32 - 2^(32-T1SZ), 2^32); a size
 * of 0 extends a region up to the other one.  A region of 2 GiB or more
 * starts at level 1 (1 GiB blocks), a smaller one at level 2 (2 MiB).
 */
static bool get_phys_addr_lpae(CPUARMState *env, uint32_t vaddr,
                               MMUAccessType access, bool user,
                               ARMTranslateResult *res)
{
    uint32_t ttbcr = env->cp15.ttbcr;
    uint32_t t0sz = TTBCR_T0SZ(ttbcr), t1sz = TTBCR_T1SZ(ttbcr);
    uint32_t tsz, idx, ap, aptable = 0, attr, shift;
    uint64_t ttbr, table, desc, size;
    bool sel1, xn, pxn, xntable = false, pxntable = false;
    int level, prot;

    if (t0sz && (vaddr >> (32 - t0sz)) == 0) {
        sel1 = false;
        tsz = t0sz;
    } else if (t1sz && (~vaddr >> (32 - t1sz)) == 0) {
        sel1 = true;
        tsz = t1sz;
    } else if (!t0sz || !t1sz) {
        sel1 = t0sz != 0;
        tsz = 0;
    } else {
        return lfault(res, ARM_LFSC_TRANS(1));   /* between the regions */
    }
    if (ttbcr & (sel1 ? TTBCR_EPD1 : TTBCR_EPD0)) {
        return lfault(res, ARM_LFSC_TRANS(1));
    }
    ttbr = sel1 ? env->cp15.ttbr1 : env->cp15.ttbr0;
    /* BADDR: TTBR[39:x]; bits [47:40] should be zero, and an address
       there finds no memory (an external abort on the walk). */
    if (tsz <= 1) {
        level = 1;
        table = ttbr & 0xffffffffffffull & ~((1ull << (5 - tsz)) - 1);
        idx = (vaddr >> 30) & ((1u << (2 - tsz)) - 1);
    } else {
        level = 2;
        table = ttbr & 0xffffffffffffull & ~((1ull << (14 - tsz)) - 1);
        idx = (vaddr >> 21) & ((1u << (11 - tsz)) - 1);
    }
    for (;;) {
        if (!read_desc(env, table + idx * 8, 8, &desc)) {
            return lfault(res, ARM_LFSC_EXT_WALK(level));
        }
        if ((desc & 3) != 3 || level == 3) {
            break;
        }
        /* Table descriptor: hierarchical limits on what follows. */
        pxntable |= (desc & LD_PXNTABLE) != 0;
        xntable |= (desc & LD_XNTABLE) != 0;
        aptable |= (desc >> 61) & 3;
        table = desc & LD_ADDR_MASK;
        level++;
        idx = (vaddr >> (39 - 9 * level)) & 0x1ff;
    }
    /* Invalid (0b00, 0b10) at any level; 0b01 is reserved at level 3. */
    if (!(desc & 1) || (level == 3 && !(desc & 2))) {
        return lfault(res, ARM_LFSC_TRANS(level));
    }
    if (!(desc & LD_AF)) {
        return lfault(res, ARM_LFSC_ACCESS(level));
    }
    shift = 39 - 9 * level;         /* 30, 21, 12 */
    size = 1ull << shift;
    res->paddr = (desc & LD_ADDR_MASK & ~(size - 1)) | (vaddr & (size - 1));
    res->page_size = (uint32_t)size;
    /* AP[2:1]; APTable[0] takes PL0 access away, APTable[1] writes. */
    ap = (desc >> 6) & 3;
    if (aptable & 1) {
        ap &= ~1u;
    }
    if (aptable & 2) {
        ap |= 2u;
    }
    prot = ap_simple[ap][user];
    xn = (desc & LD_XN) || xntable;
    pxn = (desc & LD_PXN) || pxntable;
    /* WXN: writable means never executable at that level; UWXN: what
       PL0 can write, PL1 cannot execute. */
    if ((env->cp15.sctlr & SCTLR_WXN) && (prot & PAGE_WRITE)) {
        xn = true;
    }
    if ((env->cp15.sctlr & SCTLR_UWXN) && (ap_simple[ap][1] & PAGE_WRITE)) {
        pxn = true;
    }
    if (prot && !xn && !(pxn && !user)) {
        prot |= PAGE_EXEC;
    }
    res->prot = prot;
    attr = (desc >> 2) & 7;
    res->attrs = (uint8_t)((attr < 4 ? env->cp15.prrr : env->cp15.nmrr) >>
                           (8 * (attr & 3)));
    res->sh = (desc >> 8) & 3;
    if (!(prot & (1 << access))) {
        return lfault(res, ARM_LFSC_PERM(level));
    }
    return false;
}

bool arm_get_phys_addr(CPUARMState *env, uint32_t vaddr,
                       MMUAccessType access, unsigned mmu_idx,
                       ARMTranslateResult *res)
{
    bool user = mmu_idx == ARM_MMU_IDX_PL0;
    uint32_t table, desc, ap, dom_type;
    int domain = 0;

    res->fsr = 0;
    res->domain = 0;
    res->attrs = 0;
    res->sh = 0;
    if (!(env->cp15.sctlr & SCTLR_M)) {
        res->paddr = vaddr;
        res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        res->page_size = TARGET_PAGE_SIZE;
        return false;
    }
    if (env->cp15.ttbcr & TTBCR_EAE) {
        /* Long-descriptor format: domains play no part. */
        return get_phys_addr_lpae(env, vaddr, access, user, res);
    }
    if (!l1_table_address(env, vaddr, &table)) {
        return fault(res, ARM_FSC_TRANS_L1, 0);
    }
    if (!read_desc32(env, table, &desc)) {
        return fault(res, ARM_FSC_EXT_WALK_L1, 0);
    }
    if ((desc & 3) == 0) {
        return fault(res, ARM_FSC_TRANS_L1, 0);
    }
    /* Supersections always belong to domain 0. */
    if ((desc & 3) == 1 || !(desc & (1u << 18))) {
        domain = (desc >> 5) & 0xf;
    }
    dom_type = (env->cp15.dacr >> (domain * 2)) & 3;
    if (dom_type == 0 || dom_type == 2) {
        return fault(res, (desc & 3) == 1 ? ARM_FSC_DOMAIN_L2
                                          : ARM_FSC_DOMAIN_L1, domain);
    }
    res->domain = domain;
    if ((desc & 3) == 1) {
        return walk_l2(env, vaddr, desc, access, user, dom_type, domain, res);
    }
    if (desc & (1u << 18)) {
        /* Supersection: 16 MiB, PA[39:32] from bits [8:5] and [23:20]. */
        res->paddr = (desc & 0xff000000u) | (vaddr & 0x00ffffffu) |
                     ((uint64_t)((desc >> 20) & 0xf) << 32) |
                     ((uint64_t)((desc >> 5) & 0xf) << 36);
        res->page_size = 0x1000000;
    } else {
        res->paddr = (desc & 0xfff00000u) | (vaddr & 0x000fffffu);
        res->page_size = 0x100000;
    }
    ap = ((desc >> 10) & 3) | ((desc >> 13) & 4);
    return check_perms(env, res, access, user, dom_type, ap,
                       (desc >> 4) & 1, desc & 1, false, domain);
}

/* -d mmu: one line per TLB fill, the walk's result or its fault. */
static G_GNUC_NO_INLINE void log_walk(uint32_t vaddr, MMUAccessType access,
                                      unsigned mmu_idx, bool faulted,
                                      const ARMTranslateResult *res)
{
    static const char *const kinds[] = { "load", "store", "fetch" };
    const char *kind = (unsigned)access < 3 ? kinds[access] : "?";

    if (faulted) {
        log_printf("mmu: %s 0x%08x mmu_idx %u: fault fsr 0x%03x domain %d\n",
                   kind, vaddr, mmu_idx, res->fsr, res->domain);
    } else {
        log_printf("mmu: %s 0x%08x mmu_idx %u: pa 0x%09" PRIx64
                   " prot %c%c%c page 0x%x\n", kind, vaddr, mmu_idx,
                   res->paddr, res->prot & PAGE_READ ? 'r' : '-',
                   res->prot & PAGE_WRITE ? 'w' : '-',
                   res->prot & PAGE_EXEC ? 'x' : '-', res->page_size);
    }
}

/* The prefetch abort (fetches) or data abort (WnR set for stores). */
static _Noreturn void raise_abort(CPUARMState *env, MMUAccessType access,
                                  uint32_t fsr, uint32_t vaddr)
{
    if (access == MMU_DATA_STORE) {
        fsr |= ARM_FSR_WNR;
    }
    arm_raise_exception(env, access == MMU_INST_FETCH ? EXCP_PREFETCH_ABORT
                                                      : EXCP_DATA_ABORT,
                        fsr, vaddr);
}

bool arm_cpu_tlb_fill(CPUState *cs, uint64_t vaddr, unsigned size,
                      MMUAccessType access, unsigned mmu_idx, bool probe)
{
    CPUARMState *env = arm_env(cs);
    ARMTranslateResult res;
    bool faulted = arm_get_phys_addr(env, (uint32_t)vaddr, access, mmu_idx,
                                     &res);

    emu_stats.walks++;
    emu_stats.walk_faults += faulted;
    if (G_UNLIKELY(log_mask(LOG_MMU))) {
        log_walk((uint32_t)vaddr, access, mmu_idx, faulted, &res);
    }
    if (!faulted) {
        tlb_set_page_with_size(&cs->tlb, vaddr & TARGET_PAGE_MASK,
                               res.paddr & TARGET_PAGE_MASK, res.prot,
                               mmu_idx, res.page_size);
        return true;
    }
    if (probe) {
        return false;
    }
    raise_abort(env, access, res.fsr, (uint32_t)vaddr);
}

void arm_cpu_bus_error(CPUState *cs, uint64_t vaddr, uint64_t paddr,
                       unsigned size, MMUAccessType access, unsigned mmu_idx)
{
    /* Decode error: external abort with ExT (bit 12) clear, like QEMU. */
    CPUARMState *env = arm_env(cs);

    raise_abort(env, access,
                arm_fault_fsr(env, ARM_FSC_SYNC_EXT, ARM_LFSC_SYNC_EXT),
                (uint32_t)vaddr);
}

void arm_cpu_unaligned(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                       unsigned mmu_idx)
{
    CPUARMState *env = arm_env(cs);

    raise_abort(env, access,
                arm_fault_fsr(env, ARM_FSC_ALIGN, ARM_LFSC_ALIGN),
                (uint32_t)vaddr);
}

uint64_t arm_ats1_par(CPUARMState *env, uint32_t vaddr, MMUAccessType access,
                      unsigned mmu_idx)
{
    ARMTranslateResult res;
    uint64_t par;
    bool faulted = arm_get_phys_addr(env, vaddr, access, mmu_idx, &res);

    if (env->cp15.ttbcr & TTBCR_EAE) {
        /* 64-bit format: LPAE (bit 11) always set; F=1 with STATUS in
           FST [6:1]; else PA[39:12], ATTR [63:56], NS, SH [8:7]. */
        if (faulted) {
            return (1u << 11) | ((res.fsr & 0x3f) << 1) | 1;
        }
        return (res.paddr & LD_ADDR_MASK) | ((uint64_t)res.attrs << 56) |
               (1u << 11) | (1u << 9) | ((uint32_t)res.sh << 7);
    }
    if (faulted) {
        /* PAR.F = 1 with FS[5:0] in bits [6:1]. */
        return ((res.fsr & (1u << 10)) >> 5) | ((res.fsr & 0xf) << 1) | 1;
    }
    if (res.page_size == 0x1000000) {
        par = (res.paddr & 0xff000000u) | (1u << 1);   /* SS */
    } else {
        par = res.paddr & 0xfffff000u;
    }
    return par | (1u << 9);   /* NS: everything here is Non-secure */
}

/* A permission fault comes after the walk found the page: paddr is set. */
static bool is_perm_fault(uint32_t fsr)
{
    if (fsr & ARM_FSR_LPAE) {
        return (fsr & 0x3c) == 0x0c;
    }
    fsr = (fsr & 0xf) | ((fsr >> 6) & 0x10);
    return fsr == ARM_FSC_PERM_L1 || fsr == ARM_FSC_PERM_L2;
}

bool arm_cpu_debug_translate(CPUARMState *env, uint32_t vaddr,
                             uint64_t *paddr)
{
    ARMTranslateResult res;

    /* A debugger sees what PL1 maps, whatever the permissions. */
    if (arm_get_phys_addr(env, vaddr, MMU_DATA_LOAD, ARM_MMU_IDX_PL1, &res) &&
        !is_perm_fault(res.fsr)) {
        return false;
    }
    *paddr = res.paddr;
    return true;
}

int arm_cpu_debug_rw(ARMCPU *cpu, uint32_t vaddr, void *buf, size_t len,
                     bool is_write)
{
    uint8_t *p = buf;

    while (len) {
        uint32_t in_page = TARGET_PAGE_SIZE - (vaddr & (TARGET_PAGE_SIZE - 1));
        size_t n = MIN(len, (size_t)in_page);
        uint64_t pa;
        MemTxResult r;

        if (!arm_cpu_debug_translate(&cpu->env, vaddr, &pa)) {
            return -EFAULT;
        }
        r = is_write ? mem_write(cpu->parent.as, pa, p, n)
                     : mem_read(cpu->parent.as, pa, p, n);
        if (r != MEM_TX_OK) {
            return -EFAULT;
        }
        vaddr += (uint32_t)n;
        p += n;
        len -= n;
    }
    return 0;
}
