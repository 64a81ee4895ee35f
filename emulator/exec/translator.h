/*
 * Services for a target's translate hook: reading guest code and
 * deciding whether a direct jump may be chained.
 */
#ifndef EXEC_TRANSLATOR_H
#define EXEC_TRANSLATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/cpu.h"

/**
 * translator_ldub / translator_lduw / translator_ldl: read little-endian
 * guest code at @vaddr for @tb.  The first page of the TB was checked by
 * the loop; code on a second page is fetched through the TLB (a fault
 * raises the guest's prefetch abort, so a target should only cross to a
 * second page for the first instruction, or after translator_can_fetch()
 * said yes) and is recorded as part of the TB (page_addr[1]).  A TB may
 * span at most two pages.
 */
uint8_t translator_ldub(CPUState *cs, TranslationBlock *tb, uint64_t vaddr);
uint16_t translator_lduw(CPUState *cs, TranslationBlock *tb, uint64_t vaddr);
uint32_t translator_ldl(CPUState *cs, TranslationBlock *tb, uint64_t vaddr);

/**
 * translator_can_fetch: whether the code byte at @vaddr can be read
 * without a fault (probe only; nothing raised).  Returns false as well for
 * a third page.
 */
bool translator_can_fetch(CPUState *cs, TranslationBlock *tb, uint64_t vaddr);

/**
 * translator_use_goto_tb: whether a direct jump from @tb to @dest may use
 * goto_tb chaining: only within the guest page @tb starts on (so that a
 * changed page mapping is always seen by the lookup).
 */
static inline bool translator_use_goto_tb(const TranslationBlock *tb,
                                          uint64_t dest)
{
    return ((tb->pc ^ dest) & TARGET_PAGE_MASK) == 0 &&
           !(tb->cflags & CF_NOCACHE);
}

#endif /* EXEC_TRANSLATOR_H */
