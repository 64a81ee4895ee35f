/*
 * Translation blocks: a run of guest code translated to bytecode.
 *
 * A TB is identified by guest virtual PC, target flags (CPU mode and
 * other state the translation depends on), physical address of its first
 * byte, and cflags.  TBs live in the exec room's code buffer until the
 * next full flush; an invalidated TB is unlinked and removed from lookup
 * structures but its memory stays valid (it may be executing).
 */
#ifndef EXEC_TB_H
#define EXEC_TB_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/tcg.h"

/* cflags */
#define CF_COUNT_MASK   0x000003ffu  /* max insns, 0 = default */
#define CF_NOCACHE      0x00010000u  /* one-shot TB, never looked up */
#define CF_NOIRQ        0x00020000u  /* ignore exit requests at entry */

typedef struct TranslationBlock TranslationBlock;

/**
 * TranslationBlock:
 * @pc, @flags: lookup key, from the target's get_tb_state hook.
 * @cflags: CF_* bits.
 * @size: bytes of guest code covered (set by the translate hook).
 * @icount: guest instructions (number of insn_start markers).
 * @page_addr: physical addresses of the (up to two) pages holding the
 *             code; -1 when unused.
 * @code_mmu_idx: MMU index the code was fetched with (a function of
 *             @flags); the jump cache checks the pages in its code TLB.
 * @code: the bytecode; @code_units its length in 16-bit units.
 * @insn_data: TCG_INSN_START_WORDS words per instruction.
 * @insn_end: bytecode offset (units) where each instruction's code ends.
 * @jmp_dest: chained successor per goto_tb slot, NULL when unlinked.
 */
struct TranslationBlock {
    uint64_t pc;
    uint64_t flags;
    uint32_t cflags;
    uint32_t size;
    uint32_t icount;
    uint32_t hash;
    uint64_t page_addr[2];
    const uint16_t *code;
    uint32_t code_units;
    bool invalid;
    uint8_t code_mmu_idx;
    uint64_t (*insn_data)[TCG_INSN_START_WORDS];
    uint32_t *insn_end;
    TranslationBlock *jmp_dest[2];
    /*
     * Incoming links: tagged pointers (TB | slot) forming a list through
     * the source TBs' jmp_next[slot]; lets invalidation unlink callers.
     */
    uintptr_t jmp_first;
    uintptr_t jmp_next[2];
    /* Lookup structures (exec room private). */
    TranslationBlock *hash_next;
    TranslationBlock *page_next[2];
};

#endif /* EXEC_TB_H */
