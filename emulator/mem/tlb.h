/*
 * The softmmu TLB: guest virtual -> host address translation cache.
 *
 * One direct-mapped table per MMU index.  An entry holds three tags (read,
 * write, code): the page-aligned guest virtual address, or that address
 * with TLB_* flag bits set (low bits, below the page size) to force the
 * slow path, or TLB_INVALID.  The fast path (inlined in the interpreter)
 * is:
 *
 *     e = tlb_entry(tlb, mmu_idx, addr);
 *     if ((addr & (TARGET_PAGE_MASK | (size - 1))) == e->addr_read)
 *         host = (void *)(uintptr_t)(addr + e->addend);
 *
 * which misses for unmapped pages, MMIO, code pages on writes, watched
 * pages and unaligned accesses; the slow path handles all of these.
 *
 * Misses call the owner's fill hook (the target's page-table walk), which
 * calls tlb_set_page() or raises a guest exception (never returns then).
 */
#ifndef MEM_TLB_H
#define MEM_TLB_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/memop.h"
#include "mem/memory.h"

#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1u << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(uint64_t)(TARGET_PAGE_SIZE - 1))

#define TLB_BITS 10
#define TLB_SIZE (1u << TLB_BITS)
#define TLB_MAX_MMU_MODES 8

/* Tag flags: above any alignment bits (size - 1 <= 7), below the page. */
#define TLB_FORCE_SLOW  (1u << 8)   /* e.g. watched page */
#define TLB_NOTDIRTY    (1u << 9)   /* page holds translated code */
#define TLB_MMIO        (1u << 10)  /* MMIO, ROM write, or unmapped */
#define TLB_INVALID     (1u << 11)
#define TLB_FLAGS_MASK  (TLB_FORCE_SLOW | TLB_NOTDIRTY | TLB_MMIO | TLB_INVALID)
/* An empty entry: all bits set, so no access can ever match it. */
#define TLB_EMPTY       (~(uint64_t)0)

/* Page protection for tlb_set_page(). */
#define PAGE_READ   1
#define PAGE_WRITE  2
#define PAGE_EXEC   4
#define PAGE_WATCH  8   /* force the slow path for every access */

typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

/**
 * CPUTLBEntry: the fast-path part of an entry (32 bytes on 64-bit hosts).
 * @addend: host address = guest virtual address + addend (RAM only).
 */
typedef struct CPUTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;
} CPUTLBEntry;

/**
 * CPUTLBEntryFull: the slow-path part of an entry.
 * @paddr: guest physical page address.
 * @region: region at @paddr, NULL if unmapped.
 */
typedef struct CPUTLBEntryFull {
    uint64_t paddr;
    MemRegion *region;
    int prot;
} CPUTLBEntryFull;

/*
 * Debugger watchpoints (mem/tlb-watch.c): a page that overlaps one gets
 * TLB_FORCE_SLOW on its read and write tags, so only accesses to watched
 * pages leave the fast path; the slow path calls @watch_hit (CPUTLBHooks)
 * before an access that touches a watched range with a matching type.
 */
#define TLB_WATCH_READ  1
#define TLB_WATCH_WRITE 2
#define TLB_MAX_WATCH   16

typedef struct TLBWatchpoint {
    uint64_t vaddr;
    uint64_t len;
    int flags;             /* TLB_WATCH_* */
} TLBWatchpoint;

/**
 * CPUTLBHooks: what the TLB owner (the CPU) provides.  @cpu is the
 * opaque pointer given to tlb_init().
 * @fill: translate @vaddr for @access at @mmu_idx and install it with
 *        tlb_set_page(); on a fault, raise the guest exception (does not
 *        return) unless @probe, in which case return false.
 * @bus_error: the physical address has nothing mapped (decode error):
 *        raise the guest's external abort; must not return.
 * @unaligned: an MO_ALIGN access is misaligned: raise the guest's
 *        alignment fault; must not return.
 * @flushed: optional; told after entries were dropped: @all for whole
 *        modes, else the page of @vaddr (for an owner that caches lookups
 *        depending on the mapping; switching keys drops nothing).
 * @watch_hit: optional; an access of @size bytes at @vaddr is about to
 *        touch watchpoint @wp's range: leave (cpu_loop_exit) to stop, or
 *        return to let the access happen.
 */
typedef struct CPUTLBHooks {
    bool (*fill)(void *cpu, uint64_t vaddr, unsigned size,
                 MMUAccessType access, unsigned mmu_idx, bool probe);
    void (*bus_error)(void *cpu, uint64_t vaddr, uint64_t paddr,
                      unsigned size, MMUAccessType access, unsigned mmu_idx);
    void (*unaligned)(void *cpu, uint64_t vaddr, MMUAccessType access,
                      unsigned mmu_idx);
    void (*flushed)(void *cpu, uint64_t vaddr, bool all);
    void (*watch_hit)(void *cpu, uint64_t vaddr, unsigned size,
                      MMUAccessType access, const TLBWatchpoint *wp);
} CPUTLBHooks;

/*
 * Banks: a set of tables per value of a key that translations depend on
 * besides the page tables, which the guest switches between often (ARM:
 * DACR, which Linux rewrites on every kernel entry and user access).
 * Switching back to a key seen recently finds its entries intact; a key
 * not among the last TLB_NB_BANKS takes the least recently used bank,
 * emptied.  Flushes apply to every bank (lazily to the ones not in use).
 */
#define TLB_NB_BANKS 2

typedef struct CPUTLBBank {
    CPUTLBEntry *table[TLB_MAX_MMU_MODES];
    CPUTLBEntryFull *full[TLB_MAX_MMU_MODES];
    /* Large pages (> TARGET_PAGE_SIZE) cached per mode: their span. */
    uint64_t large_addr[TLB_MAX_MMU_MODES], large_mask[TLB_MAX_MMU_MODES];
    uint64_t key;
    uint64_t last_used;
    uint16_t stale;        /* modes to empty before the bank is used */
} CPUTLBBank;

/**
 * CPUTLB: the TLB of one CPU.  Embedded in CPUState.
 * @table, @full: the current bank's tables (what the fast path reads).
 */
typedef struct CPUTLB {
    CPUTLBEntry *table[TLB_MAX_MMU_MODES];
    CPUTLBEntryFull *full[TLB_MAX_MMU_MODES];
    CPUTLBBank bank[TLB_NB_BANKS];
    unsigned cur_bank;
    uint64_t bank_clock;
    unsigned nb_mmu_modes;
    MemAddressSpace *as;
    const CPUTLBHooks *hooks;
    void *cpu;
    uint64_t stat_fills, stat_flushes;
    /* By-address flushes, and accesses that took the slow path (TLB
       miss, MMIO, page-crossing, watchpoint): -d stats. */
    uint64_t stat_page_flushes, stat_slow;
    /* tlb_set_key() calls that changed the key, and those that found
       no bank for it (and emptied one). */
    uint64_t stat_key_switches, stat_key_misses;
    TLBWatchpoint watch[TLB_MAX_WATCH];
    unsigned nb_watch;
} CPUTLB;

/**
 * tlb_init: set up an empty TLB.
 * @nb_mmu_modes: 1..TLB_MAX_MMU_MODES.
 * Returns: 0 or -EINVAL.
 */
int tlb_init(CPUTLB *tlb, MemAddressSpace *as, unsigned nb_mmu_modes,
             const CPUTLBHooks *hooks, void *cpu);
/** tlb_destroy: free the tables. */
void tlb_destroy(CPUTLB *tlb);

/**
 * tlb_set_key: translations from now on depend on @key (see CPUTLBBank);
 * the owner calls it whenever the value changes.  The key starts as 0.
 */
void tlb_set_key(CPUTLB *tlb, uint64_t key);

/** tlb_flush: drop every entry of every MMU index (in every bank). */
void tlb_flush(CPUTLB *tlb);
/** tlb_flush_by_mmuidx: drop every entry of the indexes in @idxmap. */
void tlb_flush_by_mmuidx(CPUTLB *tlb, uint16_t idxmap);
/**
 * tlb_flush_page: drop the entries for the page of @vaddr in all modes.
 * If a large page installed with tlb_set_page_with_size covers @vaddr,
 * its whole mode is flushed.
 */
void tlb_flush_page(CPUTLB *tlb, uint64_t vaddr);
void tlb_flush_page_by_mmuidx(CPUTLB *tlb, uint64_t vaddr, uint16_t idxmap);

/**
 * tlb_set_page: install a translation (from the fill hook).
 * @vaddr, @paddr: any address in the page (low bits ignored).
 * @prot: PAGE_* bits.
 */
void tlb_set_page(CPUTLB *tlb, uint64_t vaddr, uint64_t paddr, int prot,
                  unsigned mmu_idx);
/**
 * tlb_set_page_with_size: as tlb_set_page, for a mapping of @size bytes
 * (power of two >= TARGET_PAGE_SIZE, e.g. a 1 MiB ARM section); only the
 * page of @vaddr is installed, but flush_page of any address in the
 * mapping then flushes it.
 */
void tlb_set_page_with_size(CPUTLB *tlb, uint64_t vaddr, uint64_t paddr,
                            int prot, unsigned mmu_idx, uint64_t size);

/** tlb_index / tlb_entry: the entry @vaddr maps to. */
static inline unsigned tlb_index(uint64_t vaddr)
{
    return (unsigned)(vaddr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1);
}
static inline CPUTLBEntry *tlb_entry(CPUTLB *tlb, unsigned mmu_idx,
                                     uint64_t vaddr)
{
    return &tlb->table[mmu_idx][tlb_index(vaddr)];
}

/**
 * tlb_load_slow / tlb_store_slow: complete access after a fast-path miss.
 * Fills the TLB (the fill hook may raise a guest exception), handles
 * unaligned and page-crossing accesses, MMIO, ROM, code pages (writes
 * invalidate translated code via the address space's hook) and unmapped
 * physical addresses (bus_error hook).
 * Returns (load): the value, zero- or sign-extended per @op to 64 bits.
 */
uint64_t tlb_load_slow(CPUTLB *tlb, uint64_t vaddr, MemOp op,
                       unsigned mmu_idx);
void tlb_store_slow(CPUTLB *tlb, uint64_t vaddr, uint64_t val, MemOp op,
                    unsigned mmu_idx);

/** tlb_load / tlb_store: fast path then slow path; for C helpers. */
uint64_t tlb_load(CPUTLB *tlb, uint64_t vaddr, MemOp op, unsigned mmu_idx);
void tlb_store(CPUTLB *tlb, uint64_t vaddr, uint64_t val, MemOp op,
               unsigned mmu_idx);

/**
 * tlb_probe: make sure @size bytes at @vaddr are accessible for @access
 * (filling the TLB).  A fault raises the guest exception unless @nofault,
 * in which case returns false.
 * @host: if non-NULL, receives the host address for plain RAM (NULL for
 * MMIO, ROM writes, code pages on writes and watched pages).
 */
bool tlb_probe(CPUTLB *tlb, uint64_t vaddr, unsigned size,
               MMUAccessType access, unsigned mmu_idx, bool nofault,
               void **host);

/**
 * tlb_get_code_page: physical address of the code at @vaddr, for
 * translation.  Fills with MMU_INST_FETCH (a fault raises the guest's
 * prefetch abort); code outside RAM/ROM calls the bus_error hook.
 * @host: receives the host address of @vaddr.
 * Returns: the physical address of @vaddr.
 */
uint64_t tlb_get_code_page(CPUTLB *tlb, uint64_t vaddr, unsigned mmu_idx,
                           void **host);

/**
 * tlb_mark_code_page: a page at @paddr now holds code: force the slow path
 * on writes through any entry of @tlb mapping it.
 */
void tlb_mark_code_page(CPUTLB *tlb, uint64_t paddr);

/**
 * tlb_watch_insert / tlb_watch_remove: add or drop a watchpoint on
 * [@vaddr, @vaddr + @len) for TLB_WATCH_* @flags (the TLB is flushed).
 * Returns: 0; -EINVAL for an empty, wrapping or typeless range; -ENOSPC
 * when TLB_MAX_WATCH are set; -ENOENT (remove) if no such watchpoint.
 */
int tlb_watch_insert(CPUTLB *tlb, uint64_t vaddr, uint64_t len, int flags);
int tlb_watch_remove(CPUTLB *tlb, uint64_t vaddr, uint64_t len, int flags);
/** tlb_watch_remove_all: drop every watchpoint. */
void tlb_watch_remove_all(CPUTLB *tlb);

/* For tlb.c: whether the page at @vpage overlaps a watchpoint. */
bool tlb_watch_page(const CPUTLB *tlb, uint64_t vpage);
/* For tlb.c: call watch_hit if @size bytes at @vaddr hit a watchpoint. */
void tlb_watch_check(CPUTLB *tlb, uint64_t vaddr, unsigned size,
                     MMUAccessType access);

#endif /* MEM_TLB_H */
