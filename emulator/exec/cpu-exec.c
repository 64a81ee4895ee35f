/*
 * The CPU execution loop: find or translate a TB, run it in the
 * interpreter, chain it to its successor, and between TBs deliver
 * exceptions, take interrupts and keep the instruction budget.
 *
 * Guest exceptions raised inside a TB (helpers, TLB faults) longjmp back
 * to cpu_exec(); the setjmp lives here, once per cpu_exec() call and after
 * each exception, never in the interpreter.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "exec/exec-int.h"
#include "tci/tci.h"
#include "util/log.h"

/* ---- TLB hooks: the TLB talks to the CPU's target ops ---- */

static bool hook_fill(void *cpu, uint64_t vaddr, unsigned size,
                      MMUAccessType access, unsigned mmu_idx, bool probe)
{
    CPUState *cs = cpu;

    return cs->ops->tlb_fill(cs, vaddr, size, access, mmu_idx, probe);
}

static void hook_bus_error(void *cpu, uint64_t vaddr, uint64_t paddr,
                           unsigned size, MMUAccessType access,
                           unsigned mmu_idx)
{
    CPUState *cs = cpu;

    cs->ops->bus_error(cs, vaddr, paddr, size, access, mmu_idx);
}

static void hook_unaligned(void *cpu, uint64_t vaddr, MMUAccessType access,
                           unsigned mmu_idx)
{
    CPUState *cs = cpu;

    cs->ops->unaligned(cs, vaddr, access, mmu_idx);
}

static const CPUTLBHooks exec_tlb_hooks = {
    .fill = hook_fill,
    .bus_error = hook_bus_error,
    .unaligned = hook_unaligned,
    .watch_hit = exec_watch_hit,
};

int cpu_init(CPUState *cs, const CPUOps *ops, MemAddressSpace *as,
             unsigned nb_mmu_modes)
{
    int ret;

    if (!exec_state.initialised) {
        return -EINVAL;
    }
    if (!ops || !ops->translate || !ops->get_tb_state || !ops->mmu_index ||
        !ops->tlb_fill || !ops->bus_error || !ops->unaligned ||
        !ops->exec_interrupt || !ops->do_interrupt || !ops->has_work ||
        !ops->restore_state || !as) {
        return -EINVAL;
    }
    memset(cs, 0, sizeof(*cs));
    cs->ops = ops;
    cs->as = as;
    cs->exception_index = EXCP_NONE;
    cs->tb_jmp_cache = g_new0(TranslationBlock *, TB_JMP_CACHE_SIZE);
    ret = tlb_init(&cs->tlb, as, nb_mmu_modes, &exec_tlb_hooks, cs);
    if (ret < 0) {
        g_free(cs->tb_jmp_cache);
        cs->tb_jmp_cache = NULL;
        return ret;
    }
    mem_set_code_write_hook(as, exec_code_write, NULL);
    cs->next_cpu = exec_state.cpus;
    exec_state.cpus = cs;
    for (CPUState *c = cs->next_cpu; c; c = c->next_cpu) {
        cs->cpu_index++;
    }
    return 0;
}

void cpu_destroy(CPUState *cs)
{
    for (CPUState **pp = &exec_state.cpus; *pp; pp = &(*pp)->next_cpu) {
        if (*pp == cs) {
            *pp = cs->next_cpu;
            break;
        }
    }
    tlb_destroy(&cs->tlb);
    g_free(cs->breakpoints);
    cs->breakpoints = NULL;
    cs->nb_breakpoints = 0;
    g_free(cs->tb_jmp_cache);
    cs->tb_jmp_cache = NULL;
}

CPUState *cpu_list_first(void)
{
    return exec_state.cpus;
}

void cpu_exit(CPUState *cs)
{
    __atomic_store_n(&cs->exit_loop, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&cs->exit_request, 1, __ATOMIC_SEQ_CST);
}

/* Devices may raise interrupts from another thread: atomic updates. */
void cpu_interrupt(CPUState *cs, uint32_t mask)
{
    __atomic_fetch_or(&cs->interrupt_request, mask, __ATOMIC_SEQ_CST);
    __atomic_store_n(&cs->exit_request, 1, __ATOMIC_SEQ_CST);
}

void cpu_reset_interrupt(CPUState *cs, uint32_t mask)
{
    __atomic_fetch_and(&cs->interrupt_request, ~mask, __ATOMIC_SEQ_CST);
}

void exec_set_debug(unsigned flags)
{
    if ((flags & EXEC_DEBUG_NOCHAIN) && !(exec_state.debug & EXEC_DEBUG_NOCHAIN)) {
        tb_flush();   /* drop existing links and jump-cache entries */
    }
    exec_state.debug = flags;
}

_Noreturn void cpu_loop_exit(CPUState *cs)
{
    if (!cs->in_exec) {
        /* No loop to go back to: a target or board bug, not a guest's. */
        g_error("cpu_loop_exit called outside cpu_exec");
    }
    longjmp(cs->jmp_env, 1);
}

bool cpu_restore_state(CPUState *cs)
{
    TranslationBlock *tb = cs->tci_tb;
    ptrdiff_t off;
    uint32_t k;

    if (!tb || !cs->tci_pc) {
        return false;
    }
    off = cs->tci_pc - tb->code;
    if (off < 0 || (size_t)off >= tb->code_units || tb->icount == 0) {
        return false;
    }
    for (k = 0; k + 1 < tb->icount && (uint32_t)off >= tb->insn_end[k]; k++) {
        continue;
    }
    cs->ops->restore_state(cs, tb, tb->insn_data[k]);
    /* Instruction k and later did not complete: give their budget back. */
    cs->icount_budget += tb->icount - k;
    cs->tci_pc = NULL;
    return true;
}

_Noreturn void cpu_loop_exit_restore(CPUState *cs)
{
    cpu_restore_state(cs);
    cpu_loop_exit(cs);
}

_Noreturn void cpu_raise_exception(CPUState *cs, int excp)
{
    cs->exception_index = excp;
    cpu_loop_exit_restore(cs);
}

uint64_t cpu_ld_mmu(CPUState *cs, uint64_t vaddr, MemOp op, unsigned mmu_idx)
{
    return tlb_load(&cs->tlb, vaddr, op, mmu_idx);
}

void cpu_st_mmu(CPUState *cs, uint64_t vaddr, uint64_t val, MemOp op,
                unsigned mmu_idx)
{
    tlb_store(&cs->tlb, vaddr, val, op, mmu_idx);
}

/* ---- the loop ---- */

/*
 * The TB for the current state, translating it if needed; NULL when it
 * does not fit in the slice and the slice may end early (budget_at_most).
 */
static TranslationBlock *tb_find(CPUState *cs)
{
    ExecState *es = &exec_state;
    uint64_t pc, flags, phys;
    uint32_t cflags = cs->cflags_next_tb;
    TranslationBlock *tb;
    unsigned h;
    void *host;

    es->stats.tb_finds++;
    cs->ops->get_tb_state(cs, &pc, &flags);
    if (cflags) {
        cs->cflags_next_tb = 0;
        return tb_gen_code(cs, pc, flags, cflags | CF_NOCACHE);
    }
    h = tb_jmp_cache_hash(pc);
    tb = cs->tb_jmp_cache[h];
    if (!tb_jmp_cache_hit(cs, tb, pc, flags)) {
        /* May longjmp: prefetch abort.  Fills the code TLB... */
        phys = tlb_get_code_page(&cs->tlb, pc, cs->ops->mmu_index(cs, true),
                                 &host);
        /* ...after which the entry may be good again (a flushed TLB). */
        if (!tb_jmp_cache_hit(cs, tb, pc, flags)) {
            es->stats.tb_lookups_hash++;
            tb = tb_lookup_hash(cs, phys, pc, flags, 0);
            if (!tb) {
                tb = tb_gen_code(cs, pc, flags, 0);
            }
        }
        if (!(es->debug & EXEC_DEBUG_NOCHAIN)) {
            cs->tb_jmp_cache[h] = tb;
        }
    }
    if ((int64_t)tb->icount > cs->icount_budget) {
        if (cs->budget_at_most && cs->icount_budget < cs->icount_slice) {
            return NULL;
        }
        /* Does not fit in the slice: a shorter one-shot TB does. */
        tb = tb_gen_code(cs, pc, flags,
                         CF_NOCACHE | (uint32_t)cs->icount_budget);
    }
    return tb;
}

/* Between TBs: exceptions and interrupts.  Returns >= 0 to leave. */
static int handle_events(CPUState *cs)
{
    if (cs->exception_index >= 0) {
        int e = cs->exception_index;
        if (e >= EXCP_INTERRUPT) {
            cs->exception_index = EXCP_NONE;
            if (e == EXCP_HLT) {
                cs->halted = true;
            }
            return e;
        }
        cs->ops->do_interrupt(cs);
        cs->exception_index = EXCP_NONE;
        cs->excp_budget--;
    }
    if (cs->halted) {
        if (!cs->ops->has_work(cs)) {
            return EXCP_HALTED;
        }
        cs->halted = false;
    }
    cs->exit_request = 0;
    /*
     * Pending but masked interrupts are looked at again at every unchained
     * TB boundary, so a target ends the TB (without chaining) after an
     * instruction that may unmask them.
     */
    if (cs->interrupt_request) {
        cs->ops->exec_interrupt(cs, cs->interrupt_request);
    }
    if (cs->exit_loop) {
        cs->exit_loop = 0;
        return EXCP_INTERRUPT;
    }
    return -1;
}

/* -d exec, -d cpu: the TB about to run, as QEMU logs it. */
static G_GNUC_NO_INLINE void log_tb_exec(CPUState *cs, const TranslationBlock *tb)
{
    if (!log_in_filter(tb->pc)) {
        return;
    }
    if (log_mask(LOG_EXEC)) {
        log_printf("Trace %d: %p [00000000/%08" PRIx64 "/%08" PRIx64 "/%08x] \n",
                   cs->cpu_index, (const void *)tb, tb->pc, tb->flags,
                   tb->cflags);
    }
    if (log_mask(LOG_CPU) && cs->ops->dump_state) {
        cs->ops->dump_state(cs, log_file());
    }
}

/*
 * Never inlined into cpu_exec(): Emscripten lowers setjmp by routing every
 * call made in the function that holds it through a JS trampoline.
 */
static G_GNUC_NO_INLINE int cpu_exec_inner(CPUState *cs)
{
    ExecState *es = &exec_state;
    TranslationBlock *last_tb = NULL;
    unsigned last_slot = 0;
    uint64_t flush_gen = es->flush_count;
    int ret;

    for (;;) {
        TranslationBlock *tb;
        uintptr_t r;

        ret = handle_events(cs);
        if (ret >= 0) {
            return ret;
        }
        if (cs->icount_budget <= 0 || cs->excp_budget <= 0) {
            return EXCP_INTERRUPT;
        }
        tb = tb_find(cs);
        if (!tb) {
            return EXCP_INTERRUPT;
        }
        if (last_tb && flush_gen == es->flush_count &&
            !(es->debug & EXEC_DEBUG_NOCHAIN)) {
            tb_add_jump(last_tb, last_slot, tb);
        }
        flush_gen = es->flush_count;
        if (G_UNLIKELY(log_mask(LOG_EXEC | LOG_CPU))) {
            log_tb_exec(cs, tb);
        }
        r = tci_exec(cs, tb);
        cs->tci_tb = NULL;
        es->stats.exits[r & TB_EXIT_MASK]++;
        tb = (TranslationBlock *)(r & ~(uintptr_t)TB_EXIT_MASK);
        switch (r & TB_EXIT_MASK) {
        case TB_EXIT_IDX0:
        case TB_EXIT_IDX1:
            last_tb = tb;
            last_slot = r & TB_EXIT_MASK;
            break;
        default:
            last_tb = NULL;
            break;
        }
    }
}

/*
 * One instruction for a debugger: a single step, or the instruction that
 * hit a watchpoint run again with the watchpoint let through.  Ends with
 * EXCP_DEBUG after the instruction, or after entering the vector of the
 * exception it raised (a prefetch abort on fetching it, too).  Interrupts
 * wait, as with QEMU's default gdb stepping.  Re-entered after a longjmp
 * out of the instruction: the pending exception says how it ended.
 */
static G_GNUC_NO_INLINE int cpu_exec_step(CPUState *cs)
{
    TranslationBlock *tb;
    uint64_t pc, flags;
    int e = cs->exception_index;

    if (e >= 0) {
        cs->exception_index = EXCP_NONE;
        if (e < EXCP_INTERRUPT) {
            cs->ops->do_interrupt(cs);
        } else if (e == EXCP_HLT) {
            cs->halted = true;
        } else if (e != EXCP_DEBUG) {
            return e;
        }
        cs->watch_step = false;
        return EXCP_DEBUG;
    }
    if (cs->halted) {
        if (!cs->ops->has_work(cs)) {
            return EXCP_HALTED;
        }
        cs->halted = false;
    }
    if (cs->exit_loop) {
        cs->exit_loop = 0;
        return EXCP_INTERRUPT;
    }
    if (cs->icount_budget <= 0) {
        return EXCP_INTERRUPT;
    }
    cs->ops->get_tb_state(cs, &pc, &flags);
    tb = tb_gen_code(cs, pc, flags, CF_NOCACHE | CF_NOIRQ | 1);
    /* Entered despite the request (CF_NOIRQ); nothing chains after it. */
    cs->exit_request = 1;
    tci_exec(cs, tb);
    cs->tci_tb = NULL;
    cs->watch_step = false;
    return EXCP_DEBUG;
}

int cpu_exec(CPUState *cs, int64_t max_insns)
{
    int64_t start = max_insns;
    int ret;

    cs->icount_budget = max_insns;
    cs->icount_slice = max_insns;
    cs->excp_budget = max_insns;
    if (setjmp(cs->jmp_env) != 0) {
        /* Back from a guest exception or an abandoned TB. */
        cs->tci_tb = NULL;
        cs->tci_pc = NULL;
        exec_state.tr_tb = NULL;   /* a translation may have been abandoned */
        tcg_set_current(exec_state.tcg);
    }
    cs->in_exec = true;
    if (G_UNLIKELY(cs->singlestep || cs->watch_step)) {
        ret = cpu_exec_step(cs);
    } else {
        ret = cpu_exec_inner(cs);
    }
    cs->in_exec = false;
    cs->icount_total += (uint64_t)(start - cs->icount_budget);
    return ret;
}
