/*
 * Softmmu TLB: tables, fill, flushes and the slow paths of guest loads
 * and stores.  The fast path is inlined by the interpreter (and by
 * tlb_load/tlb_store here for C helpers).
 */
#include "mem/tlb.h"

#include <errno.h>
#include <glib.h>
#include <string.h>

static uint16_t all_modes(const CPUTLB *tlb)
{
    return (uint16_t)((1u << tlb->nb_mmu_modes) - 1);
}

static void flush_mode(CPUTLBBank *b, unsigned idx)
{
    /* All-ones tags never match: the cheapest "invalid" to write. */
    memset(b->table[idx], 0xff, sizeof(CPUTLBEntry) * TLB_SIZE);
    b->large_addr[idx] = TLB_EMPTY;
    b->large_mask[idx] = 0;
}

int tlb_init(CPUTLB *tlb, MemAddressSpace *as, unsigned nb_mmu_modes,
             const CPUTLBHooks *hooks, void *cpu)
{
    if (nb_mmu_modes == 0 || nb_mmu_modes > TLB_MAX_MMU_MODES || !hooks ||
        !hooks->fill || !hooks->bus_error || !hooks->unaligned) {
        return -EINVAL;
    }
    memset(tlb, 0, sizeof(*tlb));
    tlb->nb_mmu_modes = nb_mmu_modes;
    tlb->as = as;
    tlb->hooks = hooks;
    tlb->cpu = cpu;
    for (unsigned k = 0; k < TLB_NB_BANKS; k++) {
        CPUTLBBank *b = &tlb->bank[k];

        for (unsigned i = 0; i < nb_mmu_modes; i++) {
            b->table[i] = g_new(CPUTLBEntry, TLB_SIZE);
            b->full[i] = g_new0(CPUTLBEntryFull, TLB_SIZE);
            flush_mode(b, i);
        }
    }
    /* Bank 0 holds key 0; the others hold no key until they are needed. */
    for (unsigned i = 0; i < nb_mmu_modes; i++) {
        tlb->table[i] = tlb->bank[0].table[i];
        tlb->full[i] = tlb->bank[0].full[i];
    }
    return 0;
}

void tlb_destroy(CPUTLB *tlb)
{
    for (unsigned k = 0; k < TLB_NB_BANKS; k++) {
        for (unsigned i = 0; i < TLB_MAX_MMU_MODES; i++) {
            g_free(tlb->bank[k].table[i]);
            g_free(tlb->bank[k].full[i]);
            tlb->bank[k].table[i] = NULL;
            tlb->bank[k].full[i] = NULL;
        }
    }
    memset(tlb->table, 0, sizeof(tlb->table));
    memset(tlb->full, 0, sizeof(tlb->full));
    tlb->nb_mmu_modes = 0;
}

static CPUTLBBank *cur_bank(CPUTLB *tlb)
{
    return &tlb->bank[tlb->cur_bank];
}

void tlb_set_key(CPUTLB *tlb, uint64_t key)
{
    CPUTLBBank *b = cur_bank(tlb);
    unsigned k, pick = TLB_NB_BANKS;

    if (b->key == key) {
        return;
    }
    tlb->stat_key_switches++;
    b->last_used = ++tlb->bank_clock;
    for (k = 0; k < TLB_NB_BANKS; k++) {
        if (tlb->bank[k].key == key && tlb->bank[k].last_used) {
            pick = k;
            break;
        }
    }
    if (pick == TLB_NB_BANKS) {
        /* Not seen lately: the least recently used bank (never the current). */
        tlb->stat_key_misses++;
        for (k = 0; k < TLB_NB_BANKS; k++) {
            if (k != tlb->cur_bank &&
                (pick == TLB_NB_BANKS ||
                 tlb->bank[k].last_used < tlb->bank[pick].last_used)) {
                pick = k;
            }
        }
        tlb->bank[pick].key = key;
        tlb->bank[pick].stale = all_modes(tlb);
    }
    tlb->cur_bank = pick;
    b = cur_bank(tlb);
    b->last_used = ++tlb->bank_clock;
    for (unsigned i = 0; i < tlb->nb_mmu_modes; i++) {
        if (b->stale & (1u << i)) {
            flush_mode(b, i);
        }
        tlb->table[i] = b->table[i];
        tlb->full[i] = b->full[i];
    }
    b->stale = 0;
}

void tlb_flush_by_mmuidx(CPUTLB *tlb, uint16_t idxmap)
{
    idxmap &= all_modes(tlb);
    for (unsigned k = 0; k < TLB_NB_BANKS; k++) {
        if (k != tlb->cur_bank) {
            tlb->bank[k].stale |= idxmap;
        }
    }
    for (unsigned i = 0; i < tlb->nb_mmu_modes; i++) {
        if (idxmap & (1u << i)) {
            flush_mode(cur_bank(tlb), i);
        }
    }
    tlb->stat_flushes++;
    if (tlb->hooks->flushed) {
        tlb->hooks->flushed(tlb->cpu, 0, true);
    }
}

void tlb_flush(CPUTLB *tlb)
{
    tlb_flush_by_mmuidx(tlb, 0xffff);
}

static bool tag_hit(uint64_t tag, uint64_t vpage)
{
    return (tag & (TARGET_PAGE_MASK | TLB_INVALID)) == vpage;
}

void tlb_flush_page_by_mmuidx(CPUTLB *tlb, uint64_t vaddr, uint16_t idxmap)
{
    uint64_t vpage = vaddr & TARGET_PAGE_MASK;
    bool all = false;

    tlb->stat_page_flushes++;
    for (unsigned k = 0; k < TLB_NB_BANKS; k++) {
        CPUTLBBank *b = &tlb->bank[k];

        for (unsigned i = 0; i < tlb->nb_mmu_modes; i++) {
            CPUTLBEntry *e;

            if (!(idxmap & (1u << i)) || (b->stale & (1u << i))) {
                continue;
            }
            if (b->large_mask[i] &&
                (vaddr & b->large_mask[i]) == b->large_addr[i]) {
                flush_mode(b, i);
                all = true;
                continue;
            }
            e = &b->table[i][tlb_index(vaddr)];
            if (tag_hit(e->addr_read, vpage) ||
                tag_hit(e->addr_write, vpage) ||
                tag_hit(e->addr_code, vpage)) {
                memset(e, 0xff, sizeof(*e));
            }
        }
    }
    if (tlb->hooks->flushed) {
        tlb->hooks->flushed(tlb->cpu, vaddr, all);
    }
}

void tlb_flush_page(CPUTLB *tlb, uint64_t vaddr)
{
    tlb_flush_page_by_mmuidx(tlb, vaddr, 0xffff);
}

static void note_large_page(CPUTLBBank *b, unsigned idx, uint64_t vaddr,
                            uint64_t size)
{
    uint64_t mask = ~(size - 1);
    uint64_t addr = vaddr & mask;

    if (b->large_mask[idx] == 0) {
        b->large_addr[idx] = addr;
        b->large_mask[idx] = mask;
        return;
    }
    /* Grow one span to cover both large pages (flushes get coarser). */
    mask &= b->large_mask[idx];
    while ((b->large_addr[idx] ^ addr) & mask) {
        mask <<= 1;
    }
    b->large_mask[idx] = mask;
    b->large_addr[idx] = addr & mask;
}

void tlb_set_page_with_size(CPUTLB *tlb, uint64_t vaddr, uint64_t paddr,
                            int prot, unsigned mmu_idx, uint64_t size)
{
    uint64_t vpage = vaddr & TARGET_PAGE_MASK;
    uint64_t ppage = paddr & TARGET_PAGE_MASK;
    MemRegion *r = mem_find(tlb->as, ppage);
    CPUTLBEntry *e;
    CPUTLBEntryFull *full;
    uint64_t flags = 0, wflags = 0, dflags = 0;

    g_assert(mmu_idx < tlb->nb_mmu_modes);
    if (size > TARGET_PAGE_SIZE) {
        note_large_page(cur_bank(tlb), mmu_idx, vaddr, size);
    }
    e = tlb_entry(tlb, mmu_idx, vaddr);
    full = &tlb->full[mmu_idx][tlb_index(vaddr)];
    full->paddr = ppage;
    full->region = r;
    full->prot = prot;
    e->addend = 0;
    if (!r || r->kind == MEM_REGION_MMIO) {
        /* MMIO regions may be smaller than a page: always the slow path. */
        flags = TLB_MMIO;
    } else {
        e->addend = (uintptr_t)(r->host + (ppage - r->base)) -
                    (uintptr_t)vpage;
        if (r->kind == MEM_REGION_ROM) {
            wflags = TLB_MMIO;
        } else if (r->code_map[(ppage - r->base) >> TARGET_PAGE_BITS]) {
            wflags = TLB_NOTDIRTY;
        }
    }
    if (prot & PAGE_WATCH) {
        flags |= TLB_FORCE_SLOW;
    }
    if (tlb->nb_watch && tlb_watch_page(tlb, vpage)) {
        dflags = TLB_FORCE_SLOW;   /* data only: code fetch stays fast */
    }
    e->addr_read = (prot & PAGE_READ) ? vpage | flags | dflags : TLB_EMPTY;
    e->addr_write = (prot & PAGE_WRITE) ? vpage | flags | dflags | wflags
                                        : TLB_EMPTY;
    e->addr_code = (prot & PAGE_EXEC) ? vpage | flags : TLB_EMPTY;
    tlb->stat_fills++;
}

void tlb_set_page(CPUTLB *tlb, uint64_t vaddr, uint64_t paddr, int prot,
                  unsigned mmu_idx)
{
    tlb_set_page_with_size(tlb, vaddr, paddr, prot, mmu_idx,
                           TARGET_PAGE_SIZE);
}

void tlb_mark_code_page(CPUTLB *tlb, uint64_t paddr)
{
    uint64_t ppage = paddr & TARGET_PAGE_MASK;

    for (unsigned k = 0; k < TLB_NB_BANKS; k++) {
        CPUTLBBank *b = &tlb->bank[k];

        for (unsigned i = 0; i < tlb->nb_mmu_modes; i++) {
            if (b->stale & (1u << i)) {
                continue;
            }
            for (unsigned j = 0; j < TLB_SIZE; j++) {
                CPUTLBEntry *e = &b->table[i][j];
                CPUTLBEntryFull *f = &b->full[i][j];
                if (e->addr_write != TLB_EMPTY && f->paddr == ppage &&
                    f->region && f->region->kind == MEM_REGION_RAM) {
                    e->addr_write |= TLB_NOTDIRTY;
                }
            }
        }
    }
}

static uint64_t entry_tag(const CPUTLBEntry *e, MMUAccessType access)
{
    switch (access) {
    case MMU_DATA_LOAD:
        return e->addr_read;
    case MMU_DATA_STORE:
        return e->addr_write;
    default:
        return e->addr_code;
    }
}

/*
 * Make sure the page of @vaddr is in the TLB for @access.  Returns false
 * only for a failed probe.
 */
static bool ensure_page(CPUTLB *tlb, uint64_t vaddr, unsigned size,
                        MMUAccessType access, unsigned mmu_idx, bool probe)
{
    uint64_t vpage = vaddr & TARGET_PAGE_MASK;
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, vaddr);

    if (tag_hit(entry_tag(e, access), vpage)) {
        return true;
    }
    if (!tlb->hooks->fill(tlb->cpu, vaddr, size, access, mmu_idx, probe)) {
        return false;
    }
    if (!tag_hit(entry_tag(e, access), vpage)) {
        /* The target claimed success without a usable entry. */
        if (probe) {
            return false;
        }
        tlb->hooks->bus_error(tlb->cpu, vaddr, 0, size, access, mmu_idx);
        return false;
    }
    return true;
}

static uint64_t bswap_size(uint64_t v, unsigned size)
{
    switch (size) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

static uint64_t extend(uint64_t v, MemOp op)
{
    switch (op & (MO_SIZE | MO_SIGN)) {
    case MO_SB: return (uint64_t)(int64_t)(int8_t)v;
    case MO_SW: return (uint64_t)(int64_t)(int16_t)v;
    case MO_SL: return (uint64_t)(int64_t)(int32_t)v;
    case MO_UB: return (uint8_t)v;
    case MO_UW: return (uint16_t)v;
    case MO_UL: return (uint32_t)v;
    default: return v;
    }
}

/* Physical access for an entry that is not plain RAM (or a code page). */
static bool phys_access(CPUTLB *tlb, uint64_t vaddr, unsigned size,
                        MMUAccessType access, unsigned mmu_idx, uint64_t *val)
{
    CPUTLBEntryFull *full = &tlb->full[mmu_idx][tlb_index(vaddr)];
    uint64_t paddr = full->paddr | (vaddr & ~TARGET_PAGE_MASK);
    MemRegion *r = mem_find(tlb->as, paddr);

    if (!r || size > r->size - (paddr - r->base)) {
        tlb->hooks->bus_error(tlb->cpu, vaddr, paddr, size, access, mmu_idx);
        *val = 0;
        return false;
    }
    if (access == MMU_DATA_STORE) {
        mem_region_write(r, paddr - r->base, size, *val);
    } else {
        mem_region_read(r, paddr - r->base, size, val);
    }
    return true;
}

/* One access inside one page; @val is a little-endian number. */
static uint64_t load_page(CPUTLB *tlb, uint64_t vaddr, unsigned size,
                          unsigned mmu_idx)
{
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, vaddr);
    uint64_t v = 0;

    ensure_page(tlb, vaddr, size, MMU_DATA_LOAD, mmu_idx, false);
    if (e->addr_read & TLB_FORCE_SLOW) {
        tlb_watch_check(tlb, vaddr, size, MMU_DATA_LOAD);
    }
    if (e->addr_read & (TLB_MMIO | TLB_INVALID)) {
        phys_access(tlb, vaddr, size, MMU_DATA_LOAD, mmu_idx, &v);
        return v;
    }
    const uint8_t *host = (const uint8_t *)(uintptr_t)(vaddr + e->addend);
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)host[i] << (8 * i);
    }
    return v;
}

static void store_page(CPUTLB *tlb, uint64_t vaddr, unsigned size,
                       uint64_t v, unsigned mmu_idx)
{
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, vaddr);

    ensure_page(tlb, vaddr, size, MMU_DATA_STORE, mmu_idx, false);
    if (e->addr_write & TLB_FORCE_SLOW) {
        tlb_watch_check(tlb, vaddr, size, MMU_DATA_STORE);
    }
    if (e->addr_write & TLB_NOTDIRTY) {
        CPUTLBEntryFull *full = &tlb->full[mmu_idx][tlb_index(vaddr)];
        uint64_t paddr = full->paddr | (vaddr & ~TARGET_PAGE_MASK);

        /* May not return: the writer's own TB may have been invalidated. */
        mem_code_write(tlb->as, tlb->cpu, paddr, size);
        if (!mem_is_code_page(tlb->as, paddr)) {
            e->addr_write &= ~(uint64_t)TLB_NOTDIRTY;
        }
    }
    if (e->addr_write & (TLB_MMIO | TLB_INVALID)) {
        phys_access(tlb, vaddr, size, MMU_DATA_STORE, mmu_idx, &v);
        return;
    }
    uint8_t *host = (uint8_t *)(uintptr_t)(vaddr + e->addend);
    for (unsigned i = 0; i < size; i++) {
        host[i] = (uint8_t)(v >> (8 * i));
    }
}

static bool crosses_page(uint64_t vaddr, unsigned size)
{
    return (vaddr & ~TARGET_PAGE_MASK) + size > TARGET_PAGE_SIZE;
}

uint64_t tlb_load_slow(CPUTLB *tlb, uint64_t vaddr, MemOp op,
                       unsigned mmu_idx)
{
    unsigned size = memop_size(op);
    uint64_t v;

    tlb->stat_slow++;
    if ((vaddr & (size - 1)) && (op & MO_ALIGN)) {
        tlb->hooks->unaligned(tlb->cpu, vaddr, MMU_DATA_LOAD, mmu_idx);
        return 0;
    }
    if (crosses_page(vaddr, size)) {
        unsigned n0 = TARGET_PAGE_SIZE - (unsigned)(vaddr & ~TARGET_PAGE_MASK);
        /* Both pages must be readable before any byte is consumed. */
        ensure_page(tlb, vaddr, n0, MMU_DATA_LOAD, mmu_idx, false);
        ensure_page(tlb, vaddr + n0, size - n0, MMU_DATA_LOAD, mmu_idx, false);
        v = 0;
        for (unsigned i = 0; i < size; i++) {
            v |= load_page(tlb, vaddr + i, 1, mmu_idx) << (8 * i);
        }
    } else {
        v = load_page(tlb, vaddr, size, mmu_idx);
    }
    if (op & MO_BE) {
        v = bswap_size(v, size);
    }
    return extend(v, op);
}

void tlb_store_slow(CPUTLB *tlb, uint64_t vaddr, uint64_t val, MemOp op,
                    unsigned mmu_idx)
{
    unsigned size = memop_size(op);

    tlb->stat_slow++;
    if ((vaddr & (size - 1)) && (op & MO_ALIGN)) {
        tlb->hooks->unaligned(tlb->cpu, vaddr, MMU_DATA_STORE, mmu_idx);
        return;
    }
    if (op & MO_BE) {
        val = bswap_size(val, size);
    }
    if (crosses_page(vaddr, size)) {
        unsigned n0 = TARGET_PAGE_SIZE - (unsigned)(vaddr & ~TARGET_PAGE_MASK);
        /* Fault before writing anything: no half-done stores. */
        ensure_page(tlb, vaddr, n0, MMU_DATA_STORE, mmu_idx, false);
        ensure_page(tlb, vaddr + n0, size - n0, MMU_DATA_STORE, mmu_idx,
                    false);
        for (unsigned i = 0; i < size; i++) {
            store_page(tlb, vaddr + i, 1, val >> (8 * i), mmu_idx);
        }
    } else {
        store_page(tlb, vaddr, size, val, mmu_idx);
    }
}

uint64_t tlb_load(CPUTLB *tlb, uint64_t vaddr, MemOp op, unsigned mmu_idx)
{
    unsigned size = memop_size(op);
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, vaddr);

    if ((vaddr & (TARGET_PAGE_MASK | (size - 1))) == e->addr_read &&
        !(op & MO_BE)) {
        const uint8_t *host = (const uint8_t *)(uintptr_t)(vaddr + e->addend);
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            v |= (uint64_t)host[i] << (8 * i);
        }
        return extend(v, op);
    }
    return tlb_load_slow(tlb, vaddr, op, mmu_idx);
}

void tlb_store(CPUTLB *tlb, uint64_t vaddr, uint64_t val, MemOp op,
               unsigned mmu_idx)
{
    unsigned size = memop_size(op);
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, vaddr);

    if ((vaddr & (TARGET_PAGE_MASK | (size - 1))) == e->addr_write &&
        !(op & MO_BE)) {
        uint8_t *host = (uint8_t *)(uintptr_t)(vaddr + e->addend);
        for (unsigned i = 0; i < size; i++) {
            host[i] = (uint8_t)(val >> (8 * i));
        }
        return;
    }
    tlb_store_slow(tlb, vaddr, val, op, mmu_idx);
}

bool tlb_probe(CPUTLB *tlb, uint64_t vaddr, unsigned size,
               MMUAccessType access, unsigned mmu_idx, bool nofault,
               void **host)
{
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, vaddr);
    uint64_t tag;

    if (host) {
        *host = NULL;
    }
    if (!ensure_page(tlb, vaddr, size, access, mmu_idx, nofault)) {
        return false;
    }
    tag = entry_tag(e, access);
    if (host && !(tag & TLB_FLAGS_MASK)) {
        *host = (void *)(uintptr_t)(vaddr + e->addend);
    }
    return true;
}

uint64_t tlb_get_code_page(CPUTLB *tlb, uint64_t vaddr, unsigned mmu_idx,
                           void **host)
{
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, vaddr);
    CPUTLBEntryFull *full;
    uint64_t paddr;

    *host = NULL;
    ensure_page(tlb, vaddr, 1, MMU_INST_FETCH, mmu_idx, false);
    full = &tlb->full[mmu_idx][tlb_index(vaddr)];
    paddr = full->paddr | (vaddr & ~TARGET_PAGE_MASK);
    if (e->addr_code & (TLB_MMIO | TLB_INVALID) || !full->region) {
        /* Executing from a device or from nowhere: a bus error. */
        tlb->hooks->bus_error(tlb->cpu, vaddr, paddr, 1, MMU_INST_FETCH,
                              mmu_idx);
        return paddr;
    }
    *host = (void *)(uintptr_t)(vaddr + e->addend);
    return paddr;
}
