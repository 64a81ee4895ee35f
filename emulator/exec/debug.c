/*
 * Debugger support in the exec room: breakpoints (looked at by the
 * translator, so code without them runs exactly as before), single
 * steps and watchpoint hits (cpu-exec.c runs those one instruction at a
 * time), and the TLB's watchpoint list.
 */
#include <errno.h>
#include <string.h>

#include "exec/exec-int.h"

int cpu_breakpoint_insert(CPUState *cs, uint64_t pc)
{
    if (cs->nb_breakpoints == CPU_MAX_BREAKPOINTS) {
        return -ENOSPC;
    }
    /* Grown one at a time: gdb inserts a handful. */
    cs->breakpoints = g_renew(uint64_t, cs->breakpoints,
                              cs->nb_breakpoints + 1);
    cs->breakpoints[cs->nb_breakpoints++] = pc;
    /* TBs translated without this stop may hold its PC. */
    tb_flush();
    return 0;
}

int cpu_breakpoint_remove(CPUState *cs, uint64_t pc)
{
    for (unsigned i = 0; i < cs->nb_breakpoints; i++) {
        if (cs->breakpoints[i] == pc) {
            cs->breakpoints[i] = cs->breakpoints[--cs->nb_breakpoints];
            tb_flush();
            return 0;
        }
    }
    return -ENOENT;
}

void cpu_breakpoint_remove_all(CPUState *cs)
{
    if (cs->nb_breakpoints) {
        cs->nb_breakpoints = 0;
        tb_flush();
    }
    g_free(cs->breakpoints);
    cs->breakpoints = NULL;
}

bool cpu_breakpoint_at(const CPUState *cs, uint64_t pc)
{
    /* A step runs the instruction it starts on, breakpoint or not. */
    if (cs->singlestep || cs->watch_step) {
        return false;
    }
    for (unsigned i = 0; i < cs->nb_breakpoints; i++) {
        if (cs->breakpoints[i] == pc) {
            return true;
        }
    }
    return false;
}

void cpu_single_step(CPUState *cs, bool on)
{
    cs->singlestep = on;
}

int cpu_watchpoint_insert(CPUState *cs, uint64_t vaddr, uint64_t len,
                          int flags)
{
    return tlb_watch_insert(&cs->tlb, vaddr, len, flags);
}

int cpu_watchpoint_remove(CPUState *cs, uint64_t vaddr, uint64_t len,
                          int flags)
{
    return tlb_watch_remove(&cs->tlb, vaddr, len, flags);
}

void cpu_watchpoint_remove_all(CPUState *cs)
{
    tlb_watch_remove_all(&cs->tlb);
}

bool cpu_watchpoint_hit(CPUState *cs, uint64_t *addr, int *flags,
                        int *wflags)
{
    if (!cs->watch_hit) {
        return false;
    }
    cs->watch_hit = false;
    *addr = cs->watch_hit_addr;
    *flags = cs->watch_hit_flags;
    *wflags = cs->watch_hit_wflags;
    return true;
}

/*
 * The TLB's hook: an access is about to touch a watched range.  Note it,
 * and run the instruction again alone with watchpoints let through
 * (cpu-exec.c's step loop), so that the stop comes after the access as
 * gdb expects from QEMU.
 */
void exec_watch_hit(void *cpu, uint64_t vaddr, unsigned size,
                    MMUAccessType access, const TLBWatchpoint *wp)
{
    CPUState *cs = cpu;

    (void)size;
    if (cs->watch_step || !cs->in_exec) {
        return;
    }
    cs->watch_hit = true;
    cs->watch_hit_addr = vaddr > wp->vaddr ? vaddr : wp->vaddr;
    cs->watch_hit_flags = access == MMU_DATA_STORE ? TLB_WATCH_WRITE
                                                   : TLB_WATCH_READ;
    cs->watch_hit_wflags = wp->flags;
    cs->watch_step = true;
    cpu_loop_exit_restore(cs);
}
