/*
 * ARMv7-A CPU: life cycle, CPSR packing and mode banking, TB state.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "target/arm/cpu.h"

/*
 * Cortex-A15 as qemu-system-arm 7.2 presents it with "-M virt -cpu
 * cortex-a15,neon=off" (no Security/Virtualization extensions): values
 * read from a running QEMU so that register dumps compare equal.
 */
static const struct {
    uint32_t midr, ctr, clidr, ccsidr[3];
    uint32_t id_pfr0, id_pfr1, id_dfr0, id_afr0;
    uint32_t id_mmfr[4], id_isar[6];
    uint32_t sctlr, cpacr, cbar, l2ctlr, pmcr, cntfrq;
    uint32_t fpsid, mvfr0, mvfr1;
} cortex_a15 = {
    .midr = 0x414fc0f0,
    .ctr = 0x8444c004,
    .clidr = 0x0a200023,
    /* L1 D, L1 I, L2 unified (CSSELR 0, 1, 2). */
    .ccsidr = { 0x701fe00a, 0x201fe00a, 0x711fe07a },
    .id_pfr0 = 0x00001131,
    .id_pfr1 = 0x00010001,     /* generic timer; no Security/Virt */
    .id_dfr0 = 0x02010505,
    .id_afr0 = 0,
    .id_mmfr = { 0x10201105, 0x20000000, 0x01240000, 0x02102211 },
    .id_isar = { 0x02101110, 0x13112111, 0x21232041, 0x11112131,
                 0x10011142, 0x00000000 },
    .sctlr = 0x00c50078,
    .cpacr = 0x80000000,       /* ASEDIS reads as one: no Advanced SIMD */
    .cbar = 0x08000000,        /* the virt board's GIC */
    .l2ctlr = 0x00800000,      /* plus (CPUs - 1) << 24 */
    .pmcr = 0x410f3000,
    .cntfrq = 62500000,
    .fpsid = 0x410430f0,
    .mvfr0 = 0x10110222,       /* VFPv3-D32, double, div, sqrt, no vectors */
    .mvfr1 = 0x11000011,       /* VFP FZ/DN; SIMD fields cleared */
};

int arm_bank_number(uint32_t mode)
{
    switch (mode) {
    case ARM_CPU_MODE_USR:
    case ARM_CPU_MODE_SYS:
        return BANK_USRSYS;
    case ARM_CPU_MODE_SVC:
        return BANK_SVC;
    case ARM_CPU_MODE_ABT:
        return BANK_ABT;
    case ARM_CPU_MODE_UND:
        return BANK_UND;
    case ARM_CPU_MODE_IRQ:
        return BANK_IRQ;
    case ARM_CPU_MODE_FIQ:
        return BANK_FIQ;
    case ARM_CPU_MODE_HYP:
        return BANK_HYP;
    case ARM_CPU_MODE_MON:
        return BANK_MON;
    default:
        return -1;
    }
}

bool arm_mode_valid(uint32_t mode)
{
    /* Monitor and Hyp modes need extensions this CPU does not have. */
    int bank = arm_bank_number(mode);

    return bank >= 0 && bank != BANK_HYP && bank != BANK_MON;
}

void arm_switch_mode(CPUARMState *env, uint32_t mode)
{
    uint32_t old = env->mode;
    int ob, nb;

    if (old == mode) {
        return;
    }
    if (G_UNLIKELY(env->cp15.pmu_filtering)) {
        arm_pmu_sync(env);      /* count the time spent in the old mode */
    }
    ob = arm_bank_number(old);
    nb = arm_bank_number(mode);
    if (ob < 0 || nb < 0) {
        return;   /* callers validate; never corrupt the banks */
    }
    if (old == ARM_CPU_MODE_FIQ) {
        memcpy(env->fiq_regs, env->regs + 8, 5 * sizeof(uint32_t));
        memcpy(env->regs + 8, env->usr_regs, 5 * sizeof(uint32_t));
    } else if (mode == ARM_CPU_MODE_FIQ) {
        memcpy(env->usr_regs, env->regs + 8, 5 * sizeof(uint32_t));
        memcpy(env->regs + 8, env->fiq_regs, 5 * sizeof(uint32_t));
    }
    env->banked_r13[ob] = env->regs[13];
    env->banked_spsr[ob] = env->spsr;
    if (ob != BANK_HYP) {
        env->banked_r14[ob] = env->regs[14];
    }
    env->regs[13] = env->banked_r13[nb];
    env->spsr = env->banked_spsr[nb];
    if (nb != BANK_HYP) {
        env->regs[14] = env->banked_r14[nb];
    }
    env->mode = mode;
}

uint32_t arm_cpsr_read(const CPUARMState *env)
{
    return (env->NF & 0x80000000u) |
           (env->ZF == 0 ? CPSR_Z : 0) |
           (env->CF ? CPSR_C : 0) |
           ((env->VF & 0x80000000u) >> 3) |
           (env->QF ? CPSR_Q : 0) |
           ((env->itstate & 3u) << 25) |
           ((env->GE & 0xfu) << 16) |
           (((env->itstate >> 2) & 0x3fu) << 10) |
           (env->be ? CPSR_E : 0) |
           (env->aif & CPSR_AIF) |
           (env->thumb ? CPSR_T : 0) |
           (env->mode & CPSR_M);
}

uint32_t arm_nzcv_read(const CPUARMState *env)
{
    return arm_cpsr_read(env) & CPSR_NZCV;
}

void arm_nzcv_write(CPUARMState *env, uint32_t val)
{
    env->NF = val & CPSR_N;
    env->ZF = (~val) & CPSR_Z;
    env->CF = (val >> 29) & 1;
    env->VF = (val & CPSR_V) << 3;
}

void arm_cpsr_write(CPUARMState *env, uint32_t val, uint32_t mask,
                    CPSRWriteType how)
{
    mask &= CPSR_VALID;
    if (how == CPSRWriteByInstr) {
        /* MSR never changes the execution state bits. */
        mask &= ~(CPSR_T | CPSR_IT);
        if (arm_current_pl(env) == 0) {
            /* Unprivileged: APSR and the E bit (like SETEND) only. */
            mask &= CPSR_USER | CPSR_E;
        }
    }
    if ((mask & CPSR_M) && !arm_mode_valid(val & CPSR_M)) {
        /* UNPREDICTABLE; this model keeps the current mode. */
        mask &= ~CPSR_M;
    }

    if (mask & CPSR_NZCV) {
        uint32_t keep = arm_nzcv_read(env) & ~mask;
        arm_nzcv_write(env, keep | (val & mask & CPSR_NZCV));
    }
    if (mask & CPSR_Q) {
        env->QF = (val & CPSR_Q) ? 1 : 0;
    }
    if (mask & CPSR_GE) {
        uint32_t m = (mask & CPSR_GE) >> 16;
        env->GE = (env->GE & ~m) | ((val >> 16) & m);
    }
    if (mask & CPSR_IT) {
        uint32_t it = ((val >> 25) & 3u) | ((val >> 8) & 0xfcu);
        uint32_t m = ((mask >> 25) & 3u) | ((mask >> 8) & 0xfcu);
        env->itstate = (env->itstate & ~m) | (it & m);
    }
    if (mask & CPSR_E) {
        env->be = (val & CPSR_E) ? 1 : 0;
    }
    if (mask & CPSR_AIF) {
        env->aif = (env->aif & ~mask) | (val & mask & CPSR_AIF);
    }
    if (mask & CPSR_T) {
        env->thumb = (val & CPSR_T) ? 1 : 0;
    }
    if (mask & CPSR_M) {
        arm_switch_mode(env, val & CPSR_M);
    }
}

uint32_t arm_banked_reg_read(CPUARMState *env, uint32_t mode, int reg)
{
    int bank = arm_bank_number(mode);

    if (bank < 0) {
        return 0;
    }
    if (reg == 16) {
        return mode == env->mode ? env->spsr : env->banked_spsr[bank];
    }
    if (mode == env->mode ||
        (reg < 13 && (mode == ARM_CPU_MODE_FIQ) ==
                     (env->mode == ARM_CPU_MODE_FIQ)) ||
        (bank == BANK_USRSYS && arm_bank_number(env->mode) == BANK_USRSYS)) {
        return env->regs[reg];
    }
    if (reg < 13) {
        return mode == ARM_CPU_MODE_FIQ ? env->fiq_regs[reg - 8]
                                        : env->usr_regs[reg - 8];
    }
    return reg == 13 ? env->banked_r13[bank] : env->banked_r14[bank];
}

void arm_banked_reg_write(CPUARMState *env, uint32_t mode, int reg,
                          uint32_t val)
{
    int bank = arm_bank_number(mode);

    if (bank < 0) {
        return;
    }
    if (reg == 16) {
        if (mode == env->mode) {
            env->spsr = val;
        } else {
            env->banked_spsr[bank] = val;
        }
        return;
    }
    if (mode == env->mode ||
        (reg < 13 && (mode == ARM_CPU_MODE_FIQ) ==
                     (env->mode == ARM_CPU_MODE_FIQ)) ||
        (bank == BANK_USRSYS && arm_bank_number(env->mode) == BANK_USRSYS)) {
        env->regs[reg] = val;
    } else if (reg < 13) {
        if (mode == ARM_CPU_MODE_FIQ) {
            env->fiq_regs[reg - 8] = val;
        } else {
            env->usr_regs[reg - 8] = val;
        }
    } else if (reg == 13) {
        env->banked_r13[bank] = val;
    } else {
        env->banked_r14[bank] = val;
    }
}

uint32_t arm_usr_reg_read(CPUARMState *env, int reg)
{
    if (reg < 8) {
        return env->regs[reg];
    }
    return arm_banked_reg_read(env, ARM_CPU_MODE_USR, reg);
}

void arm_usr_reg_write(CPUARMState *env, int reg, uint32_t val)
{
    if (reg < 8) {
        env->regs[reg] = val;
        return;
    }
    arm_banked_reg_write(env, ARM_CPU_MODE_USR, reg, val);
}

bool arm_vfp_access_ok(const CPUARMState *env)
{
    /* CPACR.cp10: 0b01 PL1 only, 0b11 full; 0b00/0b10 deny. */
    uint32_t cp10 = (env->cp15.cpacr >> 20) & 3;

    if (cp10 == 3) {
        return true;
    }
    return cp10 == 1 && arm_current_pl(env) > 0;
}

void arm_cpu_get_tb_state(CPUARMState *env, uint64_t *pc, uint64_t *flags)
{
    uint64_t f = 0;

    if (env->thumb) {
        f |= ARM_TBFLAG_THUMB;
    }
    f |= (uint64_t)(env->itstate & 0xff) << ARM_TBFLAG_IT_SHIFT;
    if (arm_current_pl(env) == 0) {
        f |= ARM_TBFLAG_USER;
    }
    if (arm_vfp_access_ok(env)) {
        f |= ARM_TBFLAG_VFP_ACCESS;
        if (env->vfp.fpexc & FPEXC_EN) {
            f |= ARM_TBFLAG_VFPEN;
        }
    }
    if (env->vfp.fpscr & ((7u << FPSCR_LEN_SHIFT) |
                          (3u << FPSCR_STRIDE_SHIFT))) {
        f |= ARM_TBFLAG_VEC;
    }
    if (env->cp15.sctlr & SCTLR_A) {
        f |= ARM_TBFLAG_ALIGN;
    }
    if (env->be) {
        f |= ARM_TBFLAG_BE_DATA;
    }
    f |= (uint64_t)(env->mode & 0x1f) << ARM_TBFLAG_MODE_SHIFT;
    *pc = env->regs[15];
    *flags = f;
}

/* ---- CPUOps glue ---- */

static void arm_hook_get_tb_state(CPUState *cs, uint64_t *pc, uint64_t *flags)
{
    arm_cpu_get_tb_state(arm_env(cs), pc, flags);
}

static unsigned arm_hook_mmu_index(CPUState *cs, bool ifetch)
{
    return arm_mmu_idx(arm_env(cs));
}

static void arm_hook_restore_state(CPUState *cs, const TranslationBlock *tb,
                                   const uint64_t *data)
{
    CPUARMState *env = arm_env(cs);

    env->regs[15] = (uint32_t)data[0];
    env->itstate = (uint32_t)data[1] & 0xff;
}

static void arm_hook_dump_state(CPUState *cs, FILE *f)
{
    arm_cpu_dump_state(arm_env(cs), f);
}

const CPUOps arm_cpu_ops = {
    .translate = arm_translate,
    .get_tb_state = arm_hook_get_tb_state,
    .mmu_index = arm_hook_mmu_index,
    .tlb_fill = arm_cpu_tlb_fill,
    .bus_error = arm_cpu_bus_error,
    .unaligned = arm_cpu_unaligned,
    .exec_interrupt = arm_cpu_exec_interrupt,
    .do_interrupt = arm_cpu_do_interrupt,
    .has_work = arm_cpu_has_work,
    .restore_state = arm_hook_restore_state,
    .dump_state = arm_hook_dump_state,
};

/* ---- life cycle ---- */

void arm_cpu_reset(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;
    CPUState *cs = &cpu->parent;
    uint32_t mpidr_aff = env->cp15.mpidr & 0xffffff;
    uint32_t l2ctlr = env->cp15.l2ctlr & 0x07000000u;
    uint32_t cbar = env->cp15.cbar ? env->cp15.cbar : cortex_a15.cbar;
    /* The input lines are the GIC's, not the CPU's: a reset keeps them. */
    uint32_t irq_line = env->irq_line, fiq_line = env->fiq_line;
    int i;

    if (env->cp15.pmu_irq && cpu->timer_hooks && cpu->timer_hooks->pmu_irq) {
        cpu->timer_hooks->pmu_irq(cpu->timer_opaque, false);   /* PMCR.E = 0 */
    }
    memset(env, 0, sizeof(*env));
    /* ZF == 0 means Z set: QEMU's reset CPSR reads 0x400001d3 too. */
    env->mode = ARM_CPU_MODE_SVC;
    env->aif = CPSR_AIF;
    env->exclusive_addr = (uint64_t)-1;

    env->vfp.fpsid = cortex_a15.fpsid;
    env->vfp.mvfr0 = cortex_a15.mvfr0;
    env->vfp.mvfr1 = cortex_a15.mvfr1;

    env->cp15.midr = cortex_a15.midr;
    env->cp15.revidr = cortex_a15.midr;   /* unimplemented: reads MIDR */
    env->cp15.ctr = cortex_a15.ctr;
    env->cp15.mpidr = 0x80000000u | mpidr_aff;
    env->cp15.clidr = cortex_a15.clidr;
    for (i = 0; i < 3; i++) {
        env->cp15.ccsidr[i] = cortex_a15.ccsidr[i];
    }
    env->cp15.id_pfr0 = cortex_a15.id_pfr0;
    env->cp15.id_pfr1 = cortex_a15.id_pfr1;
    env->cp15.id_dfr0 = cortex_a15.id_dfr0;
    env->cp15.id_afr0 = cortex_a15.id_afr0;
    env->cp15.id_mmfr0 = cortex_a15.id_mmfr[0];
    env->cp15.id_mmfr1 = cortex_a15.id_mmfr[1];
    env->cp15.id_mmfr2 = cortex_a15.id_mmfr[2];
    env->cp15.id_mmfr3 = cortex_a15.id_mmfr[3];
    env->cp15.id_isar0 = cortex_a15.id_isar[0];
    env->cp15.id_isar1 = cortex_a15.id_isar[1];
    env->cp15.id_isar2 = cortex_a15.id_isar[2];
    env->cp15.id_isar3 = cortex_a15.id_isar[3];
    env->cp15.id_isar4 = cortex_a15.id_isar[4];
    env->cp15.id_isar5 = cortex_a15.id_isar[5];
    env->cp15.cbar = cbar;
    env->cp15.l2ctlr = cortex_a15.l2ctlr | l2ctlr;
    env->cp15.sctlr = cortex_a15.sctlr;
    env->cp15.cpacr = cortex_a15.cpacr;
    env->cp15.pmcr = cortex_a15.pmcr;
    env->cp15.pmu_last = cpu_icount_now(cs);
    env->cp15.cntfrq = cortex_a15.cntfrq;
    env->cp14.dbgdidr = 0x3515f021;   /* v7.1 debug, 6 BRPs, 4 WRPs */
    env->cp14.dbgoslsr = 0xa;         /* OS lock implemented and set */
    env->irq_line = irq_line;
    env->fiq_line = fiq_line;
    cpu->event_reg = false;

    cs->halted = false;
    cs->exception_index = EXCP_NONE;
    if (cpu->tlb_ready) {
        tlb_set_key(&cs->tlb, env->cp15.dacr);   /* DACR resets to 0 */
        tlb_flush(&cs->tlb);
    }
}

int arm_cpu_init(ARMCPU *cpu, MemAddressSpace *as, int cpu_index)
{
    int ret;

    memset(cpu, 0, sizeof(*cpu));
    ret = cpu_init(&cpu->parent, &arm_cpu_ops, as, ARM_NB_MMU_MODES);
    if (ret < 0) {
        return ret;
    }
    cpu->tlb_ready = true;
    cpu->env.cp15.mpidr = (uint32_t)cpu_index & 0xff;
    arm_cpu_reset(cpu);
    return 0;
}

void arm_cpu_destroy(ARMCPU *cpu)
{
    if (cpu->tlb_ready) {
        cpu_destroy(&cpu->parent);
        cpu->tlb_ready = false;
    }
}

void arm_cpu_set_nb_cpus(ARMCPU *cpu, unsigned nb_cpus)
{
    /* Cores - 1 from bit 24, unmasked as QEMU's (8 CPUs spill into 26). */
    uint32_t n = nb_cpus ? (nb_cpus - 1) & 7 : 0;

    cpu->env.cp15.l2ctlr = (cpu->env.cp15.l2ctlr & ~0x07000000u) | (n << 24);
}

void arm_cpu_set_call_hook(ARMCPU *cpu, ARMCallHook *fn, void *opaque)
{
    cpu->call_hook = fn;
    cpu->call_opaque = opaque;
}

void arm_cpu_set_timer_hooks(ARMCPU *cpu, const ARMTimerHooks *hooks,
                             void *opaque)
{
    cpu->timer_hooks = hooks;
    cpu->timer_opaque = opaque;
}

void arm_cpu_set_irq(ARMCPU *cpu, bool level)
{
    cpu->env.irq_line = level;
    if (level) {
        cpu_interrupt(&cpu->parent, CPU_INTERRUPT_HARD);
    } else {
        cpu_reset_interrupt(&cpu->parent, CPU_INTERRUPT_HARD);
    }
}

void arm_cpu_set_fiq(ARMCPU *cpu, bool level)
{
    cpu->env.fiq_line = level;
    if (level) {
        cpu_interrupt(&cpu->parent, CPU_INTERRUPT_FIQ);
    } else {
        cpu_reset_interrupt(&cpu->parent, CPU_INTERRUPT_FIQ);
    }
}

void arm_cpu_dump_state(const CPUARMState *env, void *out)
{
    static const char *const modes[32] = {
        [0x10] = "usr", [0x11] = "fiq", [0x12] = "irq", [0x13] = "svc",
        [0x16] = "mon", [0x17] = "abt", [0x1a] = "hyp", [0x1b] = "und",
        [0x1f] = "sys",
    };
    FILE *f = out;
    uint32_t cpsr = arm_cpsr_read(env);
    const char *m = modes[env->mode & 0x1f];
    int i;

    for (i = 0; i < 16; i++) {
        fprintf(f, "R%02d=%08x%c", i, env->regs[i], (i & 3) == 3 ? '\n' : ' ');
    }
    fprintf(f, "PSR=%08x %c%c%c%c %c %s32%s\n", cpsr,
            cpsr & CPSR_N ? 'N' : '-', cpsr & CPSR_Z ? 'Z' : '-',
            cpsr & CPSR_C ? 'C' : '-', cpsr & CPSR_V ? 'V' : '-',
            env->thumb ? 'T' : 'A', m ? m : "???",
            arm_mode_has_spsr(env) ? "" : " (no SPSR)");
    fprintf(f, "FPSCR=%08x FPEXC=%08x SCTLR=%08x TTBR0=%08x DACR=%08x\n",
            env->vfp.fpscr, env->vfp.fpexc, env->cp15.sctlr,
            (uint32_t)env->cp15.ttbr0, env->cp15.dacr);
}
