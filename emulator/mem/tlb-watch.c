/*
 * Debugger watchpoints in the softmmu TLB: a short list of guest virtual
 * ranges.  Pages that overlap one are filled with TLB_FORCE_SLOW on their
 * data tags, so no access to any other page pays for the feature; the slow
 * path asks tlb_watch_check() before it touches memory.
 */
#include "mem/tlb.h"

#include <errno.h>

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

int tlb_watch_insert(CPUTLB *tlb, uint64_t vaddr, uint64_t len, int flags)
{
    TLBWatchpoint *wp;

    if (len == 0 || vaddr + len < vaddr ||
        !(flags & (TLB_WATCH_READ | TLB_WATCH_WRITE)) ||
        (flags & ~(TLB_WATCH_READ | TLB_WATCH_WRITE))) {
        return -EINVAL;
    }
    if (tlb->nb_watch == TLB_MAX_WATCH) {
        return -ENOSPC;
    }
    wp = &tlb->watch[tlb->nb_watch++];
    wp->vaddr = vaddr;
    wp->len = len;
    wp->flags = flags;
    /* Entries filled before now lack TLB_FORCE_SLOW. */
    tlb_flush(tlb);
    return 0;
}

int tlb_watch_remove(CPUTLB *tlb, uint64_t vaddr, uint64_t len, int flags)
{
    for (unsigned i = 0; i < tlb->nb_watch; i++) {
        TLBWatchpoint *wp = &tlb->watch[i];

        if (wp->vaddr == vaddr && wp->len == len && wp->flags == flags) {
            tlb->watch[i] = tlb->watch[--tlb->nb_watch];
            tlb_flush(tlb);   /* back to the fast path */
            return 0;
        }
    }
    return -ENOENT;
}

void tlb_watch_remove_all(CPUTLB *tlb)
{
    if (tlb->nb_watch) {
        tlb->nb_watch = 0;
        tlb_flush(tlb);
    }
}

bool tlb_watch_page(const CPUTLB *tlb, uint64_t vpage)
{
    for (unsigned i = 0; i < tlb->nb_watch; i++) {
        if (overlaps(tlb->watch[i].vaddr, tlb->watch[i].len, vpage,
                     TARGET_PAGE_SIZE)) {
            return true;
        }
    }
    return false;
}

void tlb_watch_check(CPUTLB *tlb, uint64_t vaddr, unsigned size,
                     MMUAccessType access)
{
    int want = access == MMU_DATA_STORE ? TLB_WATCH_WRITE : TLB_WATCH_READ;

    if (!tlb->hooks->watch_hit) {
        return;
    }
    for (unsigned i = 0; i < tlb->nb_watch; i++) {
        const TLBWatchpoint *wp = &tlb->watch[i];

        if ((wp->flags & want) && overlaps(wp->vaddr, wp->len, vaddr, size)) {
            tlb->hooks->watch_hit(tlb->cpu, vaddr, size, access, wp);
            return;
        }
    }
}
