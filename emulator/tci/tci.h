/*
 * The bytecode backend: lowering IR to bytecode, and the interpreter.
 *
 * Bytecode is a stream of 16-bit units: an opcode followed by operands.
 * Register operands are byte offsets from the CPU struct: IR globals are
 * addressed in place, temps in CPUState.tci_frame (allocated by live
 * range).  Wider immediates take 2 or 4 units.
 *
 * The interpreter exists twice, built from one source: with threaded
 * dispatch (computed goto) where the compiler supports it, and with a
 * plain switch.  tci_exec() is the fastest available.
 */
#ifndef TCI_TCI_H
#define TCI_TCI_H

#include <stddef.h>
#include <stdint.h>

#include "exec/cpu.h"
#include "exec/tb.h"
#include "tcg/tcg.h"

/**
 * TCIGenResult: what tci_gen_code() produced besides the bytecode.
 * @code_units: bytecode length in 16-bit units.
 * @nb_insns: instructions (insn_start markers) in the IR.
 * @frame_slots: frame slots used.
 */
typedef struct TCIGenResult {
    uint32_t code_units;
    uint32_t nb_insns;
    uint32_t frame_slots;
} TCIGenResult;

/**
 * tci_gen_code: lower the IR in tcg_ctx to bytecode.
 * @buf, @buf_units: output buffer (16-bit units).
 * @insn_data: receives TCG_INSN_START_WORDS words per instruction
 *             (capacity TCG_MAX_INSNS), may be NULL.
 * @insn_end: receives the bytecode offset where each instruction's code
 *            ends (capacity TCG_MAX_INSNS), may be NULL.
 * Returns: 0; -ENOSPC if @buf is too small or the frame overflows;
 *          -EINVAL if the IR is invalid (tcg_ctx->overflow, undefined
 *          label).  In both error cases, retry with fewer instructions.
 */
int tci_gen_code(uint16_t *buf, size_t buf_units,
                 uint64_t (*insn_data)[TCG_INSN_START_WORDS],
                 uint32_t *insn_end, TCIGenResult *res);

/**
 * tci_exec: run @tb and its chained successors on @cs.
 * At each TB entry the CPU's exit_request and icount budget are checked;
 * the TB's icount is charged to cs->icount_budget.  A chained (goto_tb)
 * or looked-up successor that may not be entered is not jumped to: the
 * TB's own exit path runs instead, so the guest PC is always written.
 * Returns: the last TB run, or-ed with a TB_EXIT_* code in the low 2 bits;
 * TB_EXIT_REQUESTED only when @tb itself could not be entered.
 */
uintptr_t tci_exec(CPUState *cs, TranslationBlock *tb);
/* The two dispatch variants; tci_exec() is one of them. */
uintptr_t tci_exec_switch(CPUState *cs, TranslationBlock *tb);
uintptr_t tci_exec_threaded(CPUState *cs, TranslationBlock *tb);

/**
 * TCIStats: what the counting interpreter (tci_exec_stats, the switch
 * variant with counters compiled in) saw.  tci_exec() runs it instead of
 * the fast variants only with -d stats, so they count nothing and cost
 * nothing.  Helper calls are counted by name (util/stats.h).
 */
typedef struct TCIStats {
    uint64_t ops;            /* bytecode ops dispatched */
    uint64_t loads, stores;  /* guest memory accesses */
    uint64_t chained;        /* goto_tb into a linked TB */
    uint64_t unchained;      /* goto_tb not (yet) linked: back to the loop */
    uint64_t lookup_hits;    /* lookup_and_goto_ptr found the next TB */
    uint64_t lookup_misses;  /* ... did not: back to the loop */
} TCIStats;
extern TCIStats tci_stats;
uintptr_t tci_exec_stats(CPUState *cs, TranslationBlock *tb);
/* tci_stats_call: count the helper call at @pc (a call op). */
void tci_stats_call(const uint16_t *pc);
/* tci_stats_op: count op @op and the pair (previous op dispatched, @op). */
void tci_stats_op(unsigned op);
/**
 * tci_stats_print_ops: write the @top most frequent ops and pairs of
 * consecutive ops (as counted by tci_stats_op) to @out (a FILE *).
 */
void tci_stats_print_ops(void *out, unsigned top);
/** tci_have_threaded: whether tci_exec_threaded() uses computed goto. */
extern const int tci_have_threaded;

/**
 * tci_disas: write a text listing of @n units of bytecode to @out
 * (a FILE *), for debugging.
 */
void tci_disas(void *out, const uint16_t *code, size_t n);

#endif /* TCI_TCI_H */
