/*
 * Internal contract between the exec room's files: the TB cache
 * (tb-maint.c), the CPU loop (cpu-exec.c) and the translator services
 * (translator.c).
 */
#ifndef EXEC_EXEC_INT_H
#define EXEC_EXEC_INT_H

#include <glib.h>

#include "exec/cpu.h"
#include "tcg/tcg.h"

#define EXEC_DEFAULT_CODE_SIZE (32u * 1024 * 1024)
#define EXEC_SCRATCH_SIZE (512u * 1024)   /* one-shot (CF_NOCACHE) TBs */
#define TB_HASH_BITS 15
#define TB_HASH_SIZE (1u << TB_HASH_BITS)

/* TBs made from one physical page. */
typedef struct PageDesc {
    uint64_t addr;              /* key: physical page address */
    MemAddressSpace *as;
    TranslationBlock *first;    /* linked through page_next[slot] */
} PageDesc;

typedef struct ExecState {
    bool initialised;
    uint8_t *code_buf;
    size_t code_size, code_used;
    uint8_t *scratch_buf;
    TranslationBlock *hash[TB_HASH_SIZE];
    GHashTable *pages;          /* uint64 paddr -> PageDesc */
    CPUState *cpus;
    TCGContext *tcg;
    ExecStats stats;
    unsigned debug;
    uint64_t flush_count;
    /* Code pages of the TB being translated (translator.c). */
    TranslationBlock *tr_tb;
    uint64_t tr_vpage[2];
    const uint8_t *tr_host[2];
} ExecState;

extern ExecState exec_state;

/* tb-maint.c */
/*
 * The TB for (@phys_pc, @pc, @flags, @cflags) whose second page, if any,
 * the CPU still maps to the same physical page (probed, never faults).
 */
TranslationBlock *tb_lookup_hash(CPUState *cs, uint64_t phys_pc, uint64_t pc,
                                 uint64_t flags, uint32_t cflags);
/* Translate; may longjmp (guest fault on the code). */
TranslationBlock *tb_gen_code(CPUState *cs, uint64_t pc, uint64_t flags,
                              uint32_t cflags);
void tb_add_jump(TranslationBlock *src, unsigned slot, TranslationBlock *dst);
void exec_code_write(void *opaque, void *cpu, uint64_t paddr, uint64_t len);
/* debug.c: the TLB's watch_hit hook. */
void exec_watch_hit(void *cpu, uint64_t vaddr, unsigned size,
                    MMUAccessType access, const TLBWatchpoint *wp);

#endif /* EXEC_EXEC_INT_H */
