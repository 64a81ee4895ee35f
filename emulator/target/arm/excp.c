/*
 * ARMv7-A exceptions: entry, interrupt acceptance, exception return,
 * WFI, and the board's HVC/SMC/semihosting hook.
 */
#include "target/arm/cpu.h"

#include <stdio.h>

#include "util/log.h"
#include "util/stats.h"

/*
 * Per exception: target mode, vector offset, extra CPSR mask bits and
 * the LR offset from regs[15] (see cpu.h for what regs[15] holds).
 */
typedef struct ExcpInfo {
    const char *name;
    uint32_t mode;
    uint32_t vector;
    uint32_t mask;
    uint32_t lr_arm, lr_thumb;
} ExcpInfo;

static const ExcpInfo excp_info[] = {
    [EXCP_UDEF] = { "Undefined Instruction", ARM_CPU_MODE_UND, 0x04, CPSR_I, 4, 2 },
    [EXCP_SWI] = { "SVC", ARM_CPU_MODE_SVC, 0x08, CPSR_I, 0, 0 },
    [EXCP_PREFETCH_ABORT] = { "Prefetch Abort", ARM_CPU_MODE_ABT, 0x0c, CPSR_A | CPSR_I, 4, 4 },
    [EXCP_BKPT] = { "Breakpoint", ARM_CPU_MODE_ABT, 0x0c, CPSR_A | CPSR_I, 4, 4 },
    [EXCP_DATA_ABORT] = { "Data Abort", ARM_CPU_MODE_ABT, 0x10, CPSR_A | CPSR_I, 8, 8 },
    [EXCP_IRQ] = { "IRQ", ARM_CPU_MODE_IRQ, 0x18, CPSR_A | CPSR_I, 4, 4 },
    [EXCP_FIQ] = { "FIQ", ARM_CPU_MODE_FIQ, 0x1c, CPSR_A | CPSR_I | CPSR_F, 4, 4 },
};

static uint32_t vector_base(const CPUARMState *env)
{
    if (env->cp15.sctlr & SCTLR_V) {
        return 0xffff0000u;
    }
    return env->cp15.vbar & ~0x1fu;
}

/* Enter exception @excp (an index of excp_info with a mode set). */
static void take_exception(CPUARMState *env, int excp)
{
    const ExcpInfo *ei = &excp_info[excp];
    uint32_t cpsr = arm_cpsr_read(env);
    uint32_t lr = env->regs[15] + (env->thumb ? ei->lr_thumb : ei->lr_arm);

    if (G_UNLIKELY(log_mask(LOG_INT))) {
        /* -d int: one line per exception, like QEMU's. */
        log_printf("Taking exception %d [%s] at pc 0x%08x, mode 0x%02x -> 0x%02x",
                   excp, ei->name, env->regs[15], env->mode, ei->mode);
        if (excp == EXCP_DATA_ABORT || excp == EXCP_PREFETCH_ABORT) {
            log_printf(", fsr 0x%03x far 0x%08x", env->exception.fsr,
                       env->exception.vaddress);
        }
        log_printf("\n");
    }
    if (G_UNLIKELY(log_mask(LOG_STATS))) {
        stats_count(STATS_EXCEPTION, ei->name, 1);
    }
    switch (excp) {
    case EXCP_DATA_ABORT:
        env->cp15.dfsr = env->exception.fsr;
        env->cp15.dfar = env->exception.vaddress;
        break;
    case EXCP_PREFETCH_ABORT:
    case EXCP_BKPT:
        env->cp15.ifsr = env->exception.fsr;
        env->cp15.ifar = env->exception.vaddress;
        break;
    default:
        break;
    }

    arm_switch_mode(env, ei->mode);
    env->spsr = cpsr;
    env->regs[14] = lr;
    env->aif |= ei->mask;
    env->itstate = 0;
    env->thumb = (env->cp15.sctlr & SCTLR_TE) ? 1 : 0;
    env->be = (env->cp15.sctlr & SCTLR_EE) ? 1 : 0;
    env->regs[15] = vector_base(env) + ei->vector;
}

/*
 * HVC/SMC/semihosting: the board may claim the call.  Unclaimed HVC and
 * SMC are UNDEFINED (no Virtualization/Security extensions), reported at
 * the instruction itself (4 bytes long in both instruction sets).
 */
static int offer_call(ARMCPU *cpu, int excp)
{
    CPUARMState *env = &cpu->env;
    ARMCallKind kind;

    switch (excp) {
    case EXCP_HVC:
        kind = ARM_CALL_HVC;
        break;
    case EXCP_SMC:
        kind = ARM_CALL_SMC;
        break;
    default:
        kind = ARM_CALL_SEMIHOST;
        break;
    }
    if (cpu->call_hook && (kind == ARM_CALL_SEMIHOST || arm_current_pl(env)) &&
        cpu->call_hook(cpu->call_opaque, env, kind, env->exception.imm)) {
        return EXCP_NONE;
    }
    if (kind == ARM_CALL_SEMIHOST) {
        return EXCP_SWI;
    }
    env->regs[15] -= 4;
    return EXCP_UDEF;
}

void arm_cpu_do_interrupt(CPUState *cs)
{
    ARMCPU *cpu = arm_cpu(cs);
    int excp = cs->exception_index;

    if (excp == EXCP_HVC || excp == EXCP_SMC || excp == EXCP_SEMIHOST) {
        excp = offer_call(cpu, excp);
        if (excp == EXCP_NONE) {
            return;
        }
    }
    if (excp <= 0 || excp >= (int)(sizeof(excp_info) / sizeof(excp_info[0])) ||
        excp_info[excp].mode == 0) {
        /* Not a guest exception: nothing architectural to do. */
        return;
    }
    take_exception(&cpu->env, excp);
}

bool arm_cpu_exec_interrupt(CPUState *cs, uint32_t interrupt_request)
{
    CPUARMState *env = arm_env(cs);
    int excp;

    if ((interrupt_request & CPU_INTERRUPT_FIQ) && !(env->aif & CPSR_F)) {
        excp = EXCP_FIQ;
    } else if ((interrupt_request & CPU_INTERRUPT_HARD) &&
               !(env->aif & CPSR_I)) {
        excp = EXCP_IRQ;
    } else {
        return false;
    }
    take_exception(env, excp);
    return true;
}

bool arm_cpu_has_work(CPUState *cs)
{
    /* WFI wakes on a pending interrupt even when CPSR masks it; a CPU
       that PSCI powered off waits for CPU_ON only. */
    return !arm_cpu(cs)->powered_off &&
           (cs->interrupt_request & (CPU_INTERRUPT_HARD | CPU_INTERRUPT_FIQ))
           != 0;
}

void arm_exception_return(CPUARMState *env, uint32_t new_pc)
{
    arm_cpsr_write(env, env->spsr, 0xffffffffu, CPSRWriteExceptionReturn);
    env->regs[15] = new_pc & (env->thumb ? ~1u : ~3u);
}

void arm_rfe(CPUARMState *env, uint32_t pc, uint32_t spsr)
{
    arm_cpsr_write(env, spsr, 0xffffffffu, CPSRWriteExceptionReturn);
    env->regs[15] = pc & (env->thumb ? ~1u : ~3u);
}

_Noreturn void arm_raise_exception(CPUARMState *env, int excp, uint32_t fsr,
                                   uint32_t vaddr)
{
    CPUState *cs = env_cpu(env);

    env->exception.fsr = fsr;
    env->exception.vaddress = vaddr;
    cs->exception_index = excp;
    cpu_loop_exit_restore(cs);
}

/* ---- helpers for the translator ---- */

void helper_exception(struct CPUState *cs, uint32_t excp)
{
    CPUARMState *env = arm_env(cs);

    if (excp == EXCP_BKPT) {
        /* Debug event; IFAR is UNKNOWN (QEMU writes 0). */
        env->exception.fsr = arm_fault_fsr(env, ARM_FSC_DEBUG, ARM_LFSC_DEBUG);
        env->exception.vaddress = 0;
    }
    cs->exception_index = (int)excp;
    cpu_loop_exit(cs);
}

void helper_exception_imm(struct CPUState *cs, uint32_t excp, uint32_t imm)
{
    arm_env(cs)->exception.imm = imm;
    helper_exception(cs, excp);
}

uint32_t helper_cpsr_read(struct CPUState *cs)
{
    return arm_cpsr_read(arm_env(cs));
}

void helper_cpsr_write(struct CPUState *cs, uint32_t val, uint32_t mask)
{
    arm_cpsr_write(arm_env(cs), val, mask, CPSRWriteByInstr);
}

uint32_t helper_spsr_read(struct CPUState *cs)
{
    return arm_env(cs)->spsr;
}

void helper_spsr_write(struct CPUState *cs, uint32_t val, uint32_t mask)
{
    CPUARMState *env = arm_env(cs);

    if (arm_mode_has_spsr(env)) {
        env->spsr = (env->spsr & ~mask) | (val & mask);
    }
}

void helper_exception_return(struct CPUState *cs, uint32_t pc)
{
    arm_exception_return(arm_env(cs), pc);
}

void helper_rfe(struct CPUState *cs, uint32_t pc, uint32_t spsr)
{
    arm_rfe(arm_env(cs), pc, spsr);
}

uint32_t helper_banked_read(struct CPUState *cs, uint32_t mode, uint32_t reg)
{
    return arm_banked_reg_read(arm_env(cs), mode, (int)reg);
}

void helper_banked_write(struct CPUState *cs, uint32_t mode, uint32_t reg,
                         uint32_t val)
{
    arm_banked_reg_write(arm_env(cs), mode, (int)reg, val);
}

uint32_t helper_usr_reg_read(struct CPUState *cs, uint32_t reg)
{
    return arm_usr_reg_read(arm_env(cs), (int)reg);
}

void helper_usr_reg_write(struct CPUState *cs, uint32_t reg, uint32_t val)
{
    arm_usr_reg_write(arm_env(cs), (int)reg, val);
}

void helper_wfi(struct CPUState *cs)
{
    if (arm_cpu_has_work(cs)) {
        return;   /* an interrupt is already pending: WFI completes */
    }
    cs->halted = true;
    cs->exception_index = EXCP_HLT;
    cpu_loop_exit(cs);
}

void helper_wfe(struct CPUState *cs)
{
    ARMCPU *cpu = arm_cpu(cs);

    if (cpu->event_reg) {
        cpu->event_reg = false;
        return;
    }
    cs->exception_index = EXCP_YIELD;
    cpu_loop_exit(cs);
}

void helper_sev(struct CPUState *cs)
{
    for (CPUState *c = cpu_list_first(); c; c = c->next_cpu) {
        arm_cpu(c)->event_reg = true;
    }
}

void helper_yield(struct CPUState *cs)
{
    cs->exception_index = EXCP_YIELD;
    cpu_loop_exit(cs);
}
