/*
 * The target-independent CPU: state the execution engine needs, the hooks
 * a target implements, and the execution loop.
 *
 * A target defines its CPU struct with CPUState as the FIRST member:
 *
 *     typedef struct ARMCPU { CPUState parent; CPUARMState env; } ARMCPU;
 *
 * IR globals are byte offsets from the start of that struct, e.g.
 * tcg_global_mem_new_i32(offsetof(ARMCPU, env.regs[0]), "r0"), and must
 * lie below TCG_MAX_ENV_OFFSET.  Helpers receive the CPUState * and cast
 * back: (ARMCPU *)cs.
 *
 * Time is counted in guest instructions: cpu_exec() runs at most the given
 * budget, exactly (a block that does not fit is retranslated shorter), so
 * a board can run deterministic slices.
 */
#ifndef EXEC_CPU_H
#define EXEC_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "exec/tb.h"
#include "mem/memory.h"
#include "mem/tlb.h"

typedef struct CPUState CPUState;

/* Frame of the bytecode interpreter: temps live here. */
#define TCI_FRAME_SLOTS 256

/*
 * cpu_exec() results and internal exception numbers (targets use
 * 0..0xffff).  A helper may set exception_index to EXCP_HLT (and
 * cpu_loop_exit) to halt the CPU until has_work(), or to EXCP_DEBUG /
 * EXCP_YIELD to make cpu_exec() return that value.
 */
#define EXCP_INTERRUPT  0x10000  /* budget used up or cpu_exit() */
#define EXCP_HLT        0x10001  /* the target halted (e.g. WFI) */
#define EXCP_DEBUG      0x10002
#define EXCP_HALTED     0x10003  /* halted on entry, no work */
#define EXCP_YIELD      0x10004
#define EXCP_NONE       (-1)

/* interrupt_request bits; TGT_* are free for the target (IRQ, FIQ...). */
#define CPU_INTERRUPT_HARD      0x0002
#define CPU_INTERRUPT_EXITTB    0x0004
#define CPU_INTERRUPT_HALT      0x0020
#define CPU_INTERRUPT_TGT_0     0x0100
#define CPU_INTERRUPT_TGT_1     0x0200
#define CPU_INTERRUPT_TGT_2     0x0400
#define CPU_INTERRUPT_TGT_3     0x0800
#define CPU_INTERRUPT_TGT_4     0x1000

/**
 * CPUOps: hooks a target implements.
 *
 * @translate: emit the IR of the TB at @tb->pc / @tb->flags into tcg_ctx
 *     (tcg_func_start() was already called), at most @max_insns
 *     instructions, each preceded by tcg_gen_insn_start(); read the code
 *     with translator_ld*(); end every path with goto_tb/exit_tb or
 *     lookup_and_goto_ptr.  Set @tb->size.  (exec sets @tb->icount.)
 * @get_tb_state: the current guest PC and TB flags.
 * @mmu_index: MMU index for data (@ifetch false) or code accesses now.
 * @tlb_fill: as CPUTLBHooks.fill, with the CPU.
 * @bus_error: as CPUTLBHooks.bus_error; must not return (cpu_loop_exit).
 * @unaligned: as CPUTLBHooks.unaligned; must not return.
 * @exec_interrupt: between TBs, with pending @interrupt_request bits:
 *     take one if the CPU accepts it now (enter its handler) and return
 *     true; false if masked.  Called at every TB boundary that is not
 *     chained, so end the TB with a plain exit_tb(TB_EXIT_NOCHAIN) after
 *     an instruction that may unmask interrupts.
 * @do_interrupt: deliver the exception in cs->exception_index (< 0x10000)
 *     raised by a helper or the TLB; then exception_index becomes -1.
 * @has_work: whether a halted CPU should wake (e.g. an unmasked IRQ).
 * @restore_state: put the guest PC etc. from an insn_start's @data back
 *     into the CPU state (an exception inside that instruction).
 * @dump_state: (optional) write the registers to @f, for -d cpu.
 */
typedef struct CPUOps {
    void (*translate)(CPUState *cs, TranslationBlock *tb, int max_insns);
    void (*get_tb_state)(CPUState *cs, uint64_t *pc, uint64_t *flags);
    unsigned (*mmu_index)(CPUState *cs, bool ifetch);
    bool (*tlb_fill)(CPUState *cs, uint64_t vaddr, unsigned size,
                     MMUAccessType access, unsigned mmu_idx, bool probe);
    void (*bus_error)(CPUState *cs, uint64_t vaddr, uint64_t paddr,
                      unsigned size, MMUAccessType access, unsigned mmu_idx);
    void (*unaligned)(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                      unsigned mmu_idx);
    bool (*exec_interrupt)(CPUState *cs, uint32_t interrupt_request);
    void (*do_interrupt)(CPUState *cs);
    bool (*has_work)(CPUState *cs);
    void (*restore_state)(CPUState *cs, const TranslationBlock *tb,
                          const uint64_t *data);
    void (*dump_state)(CPUState *cs, FILE *f);
} CPUOps;

#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)

/*
 * tb_jmp_cache_hash: slot of guest @pc in a CPU's jump cache.  Entries are
 * checked against the code TLB when used (tb_code_mapped), never cleared
 * by page, so any well-spread hash will do (a multiplicative one).
 */
static inline unsigned tb_jmp_cache_hash(uint64_t pc)
{
    return (uint32_t)((uint32_t)(pc ^ (pc >> 32)) * 0x9E3779B1u) >>
           (32 - TB_JMP_CACHE_BITS);
}

/**
 * CPUState: the engine's per-CPU state.  Must be the first member of the
 * target's CPU struct.  Fields marked (rw) may be used by targets/boards.
 *
 * Some of it belongs to the interpreter (tci/) rather than to the CPU: it
 * lives here, at a fixed offset from the CPU pointer the interpreter
 * already holds, so its fast path reaches it with one load and no call.
 * Those groups say "[interpreter fast path]".
 */
struct CPUState {
    /*
     * [interpreter fast path] The bytecode's temps: first, so their
     * offsets from the CPU pointer fit the bytecode's 16-bit operands.
     */
    uint64_t tci_frame[TCI_FRAME_SLOTS];
    const CPUOps *ops;
    MemAddressSpace *as;
    /* [interpreter fast path] Guest loads/stores look up the TLB inline. */
    CPUTLB tlb;
    int cpu_index;
    /*
     * Set from any thread to stop chaining at the next TB boundary (the
     * loop then looks at interrupts); cpu_exit() also sets exit_loop,
     * which makes cpu_exec() return EXCP_INTERRUPT.
     * [interpreter fast path] exit_request is checked before each chained
     * TB.
     */
    volatile int32_t exit_request;
    volatile int32_t exit_loop;
    /* (rw) CPU_INTERRUPT_* bits; change with cpu_interrupt(). */
    volatile uint32_t interrupt_request;
    /* (rw) Exception to deliver (< 0x10000) or EXCP_NONE. */
    int exception_index;
    /* (rw) Sleeping until has_work() (e.g. after WFI). */
    bool halted;
    /*
     * Instructions left in the current cpu_exec() slice.
     * [interpreter fast path] Charged per chained TB without leaving the
     * interpreter.
     */
    int64_t icount_budget;
    /*
     * Exception entries left in the slice: a guest whose handlers fault
     * before running an instruction (an unmapped vector) uses no
     * instruction budget, and must still go back to the board's loop.
     */
    int64_t excp_budget;
    /* Instructions executed since cpu_init(), up to the current slice. */
    uint64_t icount_total;
    /* icount_budget at the start of the current cpu_exec() slice. */
    int64_t icount_slice;
    /*
     * (rw) The budget is an upper bound, not an exact count: a TB that
     * does not fit in what is left of a slice that already ran something
     * ends the slice (the next one runs it whole) instead of a shorter
     * one-shot TB being translated.  For boards whose time is not counted
     * in instructions (no -icount); off by default.
     */
    bool budget_at_most;
    /*
     * cflags to use for the next TB (e.g. 1 insn after code changed).
     * [interpreter fast path] lookup_and_goto_ptr chains only while 0.
     */
    uint32_t cflags_next_tb;
    /*
     * [interpreter fast path] Where the interpreter is, kept for precise
     * exceptions: written at each helper call and TLB slow path instead
     * of unwinding the host stack.
     */
    TranslationBlock *tci_tb;      /* TB being executed */
    const uint16_t *tci_pc;        /* at the last helper call / slow path */
    bool in_exec;
    jmp_buf jmp_env;
    /* [interpreter fast path] lookup_and_goto_ptr finds the next TB here. */
    TranslationBlock **tb_jmp_cache;
    CPUState *next_cpu;
    void *opaque;                  /* (rw) free for the board */
    /*
     * Debugger state (exec/debug.c).  Breakpoints are looked at only
     * when translating; single steps and watchpoint hits run one
     * instruction at a time outside the normal loop.
     */
    uint64_t *breakpoints;         /* guest PCs, g_malloc'd */
    unsigned nb_breakpoints;
    bool singlestep;
    bool watch_step;               /* re-running a watchpoint's access */
    bool watch_hit;
    uint64_t watch_hit_addr;
    int watch_hit_flags;           /* TLB_WATCH_* of the access */
    int watch_hit_wflags;          /* TLB_WATCH_* of the watchpoint */
};

/*
 * tb_code_mapped: whether the code TLB still maps each page of @tb, for
 * its MMU index, to the physical page it was translated from, and lets it
 * be executed.  Never fills the TLB.  A jump-cache entry is used only
 * when this holds, so TLB flushes (address-space switches, DACR writes)
 * need not empty the jump cache: an entry whose page is no longer in the
 * TLB misses, and the loop refills the TLB and checks again.
 */
static inline bool tb_page_mapped(const CPUTLB *tlb, unsigned mmu_idx,
                                  uint64_t vpage, uint64_t ppage)
{
    unsigned i = tlb_index(vpage);

    return tlb->table[mmu_idx][i].addr_code == vpage &&
           tlb->full[mmu_idx][i].paddr == ppage;
}

static inline bool tb_code_mapped(const CPUState *cs,
                                  const TranslationBlock *tb)
{
    uint64_t vpage = tb->pc & TARGET_PAGE_MASK;

    return tb_page_mapped(&cs->tlb, tb->code_mmu_idx, vpage,
                          tb->page_addr[0]) &&
           (tb->page_addr[1] == (uint64_t)-1 ||
            tb_page_mapped(&cs->tlb, tb->code_mmu_idx,
                           vpage + TARGET_PAGE_SIZE, tb->page_addr[1]));
}

/*
 * tb_jmp_cache_hit: whether @tb, a jump-cache entry (may be NULL), is the
 * cached TB for (@pc, @flags) and still mapped: the one test of the loop
 * and of the interpreter's lookup_and_goto_ptr.
 */
static inline bool tb_jmp_cache_hit(const CPUState *cs,
                                    const TranslationBlock *tb, uint64_t pc,
                                    uint64_t flags)
{
    return tb && tb->pc == pc && tb->flags == flags && tb->cflags == 0 &&
           tb_code_mapped(cs, tb);
}

/**
 * cpu_init: initialise @cs (zeroing it first; call before filling the
 * target's fields) and register it with the exec room.
 * @nb_mmu_modes: MMU indexes the target uses (<= TLB_MAX_MMU_MODES).
 * Returns: 0 or negative errno.  exec_init() must have been called.
 */
int cpu_init(CPUState *cs, const CPUOps *ops, MemAddressSpace *as,
             unsigned nb_mmu_modes);
/** cpu_destroy: unregister and free @cs's tables (not @cs itself). */
void cpu_destroy(CPUState *cs);
/**
 * cpu_list_first: the first registered CPU (follow ->next_cpu for the
 * others), for what a CPU broadcasts (TLB maintenance, SEV).
 */
CPUState *cpu_list_first(void);

/**
 * cpu_exec: run guest code for at most @max_insns instructions and about
 * as many exception entries (these do not count as executed instructions,
 * so -icount time is unchanged).
 * Returns: EXCP_INTERRUPT (a budget used up, or cpu_exit() / an interrupt
 * request to the board's loop), EXCP_HLT / EXCP_HALTED (waiting for an
 * interrupt), EXCP_DEBUG, EXCP_YIELD.  Guest exceptions are delivered
 * inside.  cs->icount_budget holds the unused part on return.
 */
int cpu_exec(CPUState *cs, int64_t max_insns);

/**
 * cpu_icount_now: instructions executed so far, including the current
 * slice when called from a helper (a TB counts whole from its start).
 */
static inline uint64_t cpu_icount_now(const CPUState *cs)
{
    if (cs->in_exec) {
        return cs->icount_total + (uint64_t)(cs->icount_slice - cs->icount_budget);
    }
    return cs->icount_total;
}

/** cpu_exit: ask @cs to leave cpu_exec() at the next TB boundary. */
void cpu_exit(CPUState *cs);
/** cpu_interrupt: raise interrupt_request bits @mask (and cpu_exit). */
void cpu_interrupt(CPUState *cs, uint32_t mask);
/** cpu_reset_interrupt: clear interrupt_request bits @mask. */
void cpu_reset_interrupt(CPUState *cs, uint32_t mask);

/**
 * cpu_loop_exit: leave the TB now, back to the CPU loop (which delivers
 * cs->exception_index if set).  For helpers: the guest PC must already be
 * right (use cpu_loop_exit_restore otherwise).
 */
_Noreturn void cpu_loop_exit(CPUState *cs);
/**
 * cpu_loop_exit_restore: as cpu_loop_exit, after restoring the guest PC of
 * the instruction being executed (via the restore_state hook).
 */
_Noreturn void cpu_loop_exit_restore(CPUState *cs);
/** cpu_raise_exception: set exception_index = @excp and exit, restored. */
_Noreturn void cpu_raise_exception(CPUState *cs, int excp);
/**
 * cpu_restore_state: if @cs is executing a TB inside a helper or memory
 * slow path, restore the guest state of the current instruction, give
 * back the budget of instructions not executed, and return true.
 */
bool cpu_restore_state(CPUState *cs);

/*
 * Data access helpers for targets' C helpers: through the TLB, with
 * guest exceptions raised with the current instruction's state.
 */
uint64_t cpu_ld_mmu(CPUState *cs, uint64_t vaddr, MemOp op, unsigned mmu_idx);
void cpu_st_mmu(CPUState *cs, uint64_t vaddr, uint64_t val, MemOp op,
                unsigned mmu_idx);

/*
 * Debugger support (a gdbstub).  Call these between cpu_exec() calls.
 * A breakpoint ends the TB before its PC; reaching it makes cpu_exec()
 * return EXCP_DEBUG with the PC at the breakpoint, the instruction not
 * executed.  With single-step on, cpu_exec() runs one instruction (or
 * enters one exception's vector) with interrupts held off and returns
 * EXCP_DEBUG.  A watchpoint hit completes the accessing instruction,
 * then cpu_exec() returns EXCP_DEBUG; cpu_watchpoint_hit() says where.
 */
/**
 * cpu_breakpoint_insert / cpu_breakpoint_remove: add or drop one
 * breakpoint at guest virtual @pc (inserting twice needs two removes).
 * Translated code is flushed.  Returns: 0, -ENOSPC beyond
 * CPU_MAX_BREAKPOINTS, -ENOENT (remove) if none is at @pc.
 */
#define CPU_MAX_BREAKPOINTS 1024
int cpu_breakpoint_insert(CPUState *cs, uint64_t pc);
int cpu_breakpoint_remove(CPUState *cs, uint64_t pc);
void cpu_breakpoint_remove_all(CPUState *cs);
/** cpu_breakpoint_at: for translators: stop before the insn at @pc? */
bool cpu_breakpoint_at(const CPUState *cs, uint64_t pc);
/** cpu_single_step: run one instruction per cpu_exec() (see above). */
void cpu_single_step(CPUState *cs, bool on);
/** cpu_watchpoint_*: as tlb_watch_* (mem/tlb.h) on @cs's TLB. */
int cpu_watchpoint_insert(CPUState *cs, uint64_t vaddr, uint64_t len,
                          int flags);
int cpu_watchpoint_remove(CPUState *cs, uint64_t vaddr, uint64_t len,
                          int flags);
void cpu_watchpoint_remove_all(CPUState *cs);
/**
 * cpu_watchpoint_hit: after EXCP_DEBUG: whether a watchpoint stopped the
 * CPU; then *@addr is an address inside the watched range that was
 * accessed and *@flags the access (TLB_WATCH_READ or _WRITE) and *@wflags
 * the watchpoint's own flags.  Clears the hit.
 */
bool cpu_watchpoint_hit(CPUState *cs, uint64_t *addr, int *flags,
                        int *wflags);

/* Exec-room-wide state. */
/**
 * exec_init: create the TB cache and the translation context.
 * @code_size: bytes for translated code and TB descriptors (0: default,
 *             32 MiB).  When full, everything is flushed.
 * Returns: 0 or negative errno.
 */
int exec_init(size_t code_size);
/** exec_exit: free everything exec_init() created.  No CPUs may remain. */
void exec_exit(void);

/** tb_flush: drop every TB (not callable from inside a TB). */
void tb_flush(void);
/**
 * tb_invalidate_phys_range: guest code in [@paddr, +@len) changed:
 * invalidate TBs made from it.  @cpu is the writing CPU or NULL; if the
 * TB @cpu is executing is affected, it is left after the current
 * instruction completes (the instruction is re-executed alone).
 */
void tb_invalidate_phys_range(CPUState *cpu, uint64_t paddr, uint64_t len);

/**
 * ExecStats: counters for tests and benchmarks.
 */
typedef struct ExecStats {
    uint64_t tbs_translated;
    uint64_t tbs_invalidated;
    uint64_t tb_flushes;
    uint64_t tb_lookups_hash;   /* loop lookups that missed the jmp cache */
    uint64_t tb_links;          /* goto_tb slots patched */
    uint64_t tbs_live;
    uint64_t code_bytes_used;
    /* -d stats; bumped once per main-loop turn or translation. */
    uint64_t tbs_nocache;       /* one-shot TBs (budget, single step) */
    uint64_t insns_translated;  /* guest instructions in translated TBs */
    uint64_t translate_ns;      /* host time translating (-d stats only) */
    uint64_t tb_finds;          /* TBs the main loop looked for */
    uint64_t exits[4];          /* tci_exec() returns, by TB_EXIT_* code */
} ExecStats;
void exec_get_stats(ExecStats *st);

/*
 * Debugging aids (off by default).
 * EXEC_DEBUG_NOCHAIN: never chain TBs and never follow the jump cache
 * from inside a TB, so every TB goes through the loop (and -d exec,cpu
 * log every one).
 */
#define EXEC_DEBUG_NOCHAIN 0x1
/* EXEC_DEBUG_NOOPT: lower the translator's IR without tcg_optimize(). */
#define EXEC_DEBUG_NOOPT   0x2
/** exec_set_debug: set EXEC_DEBUG_* flags (not from inside a TB). */
void exec_set_debug(unsigned flags);

#endif /* EXEC_CPU_H */
