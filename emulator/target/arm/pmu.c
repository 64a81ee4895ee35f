/*
 * Performance monitors (ARMv7 PMUv2, as qemu-system-arm 7.2 shows a
 * Cortex-A15): the cycle counter, six event counters, overflow flags
 * and the overflow interrupt.
 *
 * Nothing is counted per instruction.  Counters are brought up to date
 * (arm_pmu_sync) from the instruction count the exec loop keeps anyway,
 * whenever a PMU register is accessed or the mode changes while a
 * counter filters by privilege level.  One executed instruction is one
 * cycle, so runs are reproducible with or without -icount.
 *
 * Events: 0x00 SW_INCR (PMSWINC), 0x08 INST_RETIRED, 0x11 CPU_CYCLES;
 * any other event counts nothing.
 */
#include <glib.h>
#include <string.h>

#include "target/arm/internals.h"

#define PMCR_E      (1u << 0)
#define PMCR_P      (1u << 1)
#define PMCR_C      (1u << 2)
#define PMCR_D      (1u << 3)
#define PMCR_WMASK  0xf9u           /* E, D, X, DP and bits 6-7 as QEMU */
#define PMU_CCNT    (1u << 31)
#define PMU_CNT_MASK (PMU_CCNT | ((1u << ARM_PMU_NCOUNTERS) - 1))

#define EVT_P       (1u << 31)      /* do not count at PL1 */
#define EVT_U       (1u << 30)      /* do not count at PL0 */
#define EVT_NSK     (1u << 29)
#define EVT_NSU     (1u << 28)
#define EVTYPER_WMASK 0xfe00ffffu   /* filters and a 16-bit event number */
#define CCFILTR_WMASK 0xfc000000u

#define EV_SW_INCR      0x00
#define EV_INST_RETIRED 0x08
#define EV_CPU_CYCLES   0x11

static uint64_t insns_now(CPUARMState *env)
{
    return cpu_icount_now(env_cpu(env));
}

/* The CPU is Non-secure without EL3: counting at PL1 needs P == NSK. */
static bool counts_at(uint32_t filter, int pl)
{
    if (pl) {
        return !(filter & EVT_P) == !(filter & EVT_NSK);
    }
    return !(filter & EVT_U) == !(filter & EVT_NSU);
}

static void update_irq(CPUARMState *env)
{
    ARMCPU *cpu = env_archcpu(env);
    bool level = (env->cp15.pmcr & PMCR_E) &&
                 (env->cp15.pmovsr & env->cp15.pmintenset);

    if (level != env->cp15.pmu_irq) {
        env->cp15.pmu_irq = level;
        if (cpu->timer_hooks && cpu->timer_hooks->pmu_irq) {
            cpu->timer_hooks->pmu_irq(cpu->timer_opaque, level);
        }
    }
}

/* Add @n to a 32-bit counter; set its overflow flag @bit on a wrap. */
static void counter_add(CPUARMState *env, uint32_t *c, uint64_t n,
                        uint32_t bit)
{
    uint64_t v = (uint64_t)*c + n;

    if (v >> 32) {
        env->cp15.pmovsr |= bit;
    }
    *c = (uint32_t)v;
}

/* Whether any counter could count differently after a mode change. */
static void update_filtering(CPUARMState *env)
{
    uint32_t on = (env->cp15.pmcr & PMCR_E) ? env->cp15.pmcntenset : 0;
    bool f = (on & PMU_CCNT) && (env->cp15.pmccfiltr & 0xf0000000u);

    for (unsigned i = 0; i < ARM_PMU_NCOUNTERS; i++) {
        if ((on & (1u << i)) && (env->cp15.pmevtyper[i] & 0xf0000000u)) {
            f = true;
        }
    }
    env->cp15.pmu_filtering = f;
}

void arm_pmu_sync(CPUARMState *env)
{
    uint64_t now = insns_now(env);
    uint64_t n = now - env->cp15.pmu_last;
    int pl = arm_current_pl(env);
    uint32_t on;

    env->cp15.pmu_last = now;
    if (!n || !(env->cp15.pmcr & PMCR_E)) {
        return;
    }
    on = env->cp15.pmcntenset;
    if ((on & PMU_CCNT) && counts_at(env->cp15.pmccfiltr, pl)) {
        uint64_t cycles = n;
        if (env->cp15.pmcr & PMCR_D) {
            /* one count every 64 cycles; keep the remainder */
            cycles = (env->cp15.pmu_div + n) / 64;
            env->cp15.pmu_div = (uint32_t)((env->cp15.pmu_div + n) % 64);
        }
        counter_add(env, &env->cp15.pmccntr, cycles, PMU_CCNT);
    }
    for (unsigned i = 0; i < ARM_PMU_NCOUNTERS; i++) {
        uint32_t t = env->cp15.pmevtyper[i];
        uint32_t ev = t & 0xffff;
        if (!(on & (1u << i)) || !counts_at(t, pl) ||
            (ev != EV_INST_RETIRED && ev != EV_CPU_CYCLES)) {
            continue;
        }
        counter_add(env, &env->cp15.pmevcntr[i], n, 1u << i);
    }
    update_irq(env);
}

uint64_t arm_pmu_insns_to_overflow(CPUARMState *env)
{
    uint32_t on = env->cp15.pmcntenset & env->cp15.pmintenset;
    int pl = arm_current_pl(env);
    uint64_t best = UINT64_MAX;

    if (!(env->cp15.pmcr & PMCR_E) || !on) {
        return best;
    }
    if ((on & PMU_CCNT) && counts_at(env->cp15.pmccfiltr, pl)) {
        uint64_t left = (1ull << 32) - env->cp15.pmccntr;
        if (env->cp15.pmcr & PMCR_D) {
            left = left * 64 - env->cp15.pmu_div;
        }
        best = left;
    }
    for (unsigned i = 0; i < ARM_PMU_NCOUNTERS; i++) {
        uint32_t t = env->cp15.pmevtyper[i];
        uint32_t ev = t & 0xffff;
        if ((on & (1u << i)) && counts_at(t, pl) &&
            (ev == EV_INST_RETIRED || ev == EV_CPU_CYCLES)) {
            best = MIN(best, (1ull << 32) - env->cp15.pmevcntr[i]);
        }
    }
    return best;
}

/* ---- registers ---- */

static void pmu_changed(CPUARMState *env)
{
    update_filtering(env);
    update_irq(env);
}

static uint64_t sync_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    arm_pmu_sync(env);
    return *(uint32_t *)((char *)env + ri->field);
}

static void pmcr_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    arm_pmu_sync(env);
    if (v & PMCR_C) {
        env->cp15.pmccntr = 0;
        env->cp15.pmu_div = 0;
    }
    if (v & PMCR_P) {
        memset(env->cp15.pmevcntr, 0, sizeof(env->cp15.pmevcntr));
    }
    env->cp15.pmcr = (env->cp15.pmcr & ~PMCR_WMASK) | ((uint32_t)v & PMCR_WMASK);
    pmu_changed(env);
}

static void pmcntenset_write(CPUARMState *env, const ARMCPRegInfo *ri,
                             uint64_t v)
{
    arm_pmu_sync(env);
    env->cp15.pmcntenset |= (uint32_t)v & PMU_CNT_MASK;
    pmu_changed(env);
}

static void pmcntenclr_write(CPUARMState *env, const ARMCPRegInfo *ri,
                             uint64_t v)
{
    arm_pmu_sync(env);
    env->cp15.pmcntenset &= ~(uint32_t)v;
    pmu_changed(env);
}

static void pmovsr_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    arm_pmu_sync(env);
    env->cp15.pmovsr &= ~(uint32_t)v;       /* write one to clear */
    update_irq(env);
}

static void pmovsset_write(CPUARMState *env, const ARMCPRegInfo *ri,
                           uint64_t v)
{
    arm_pmu_sync(env);
    env->cp15.pmovsr |= (uint32_t)v & PMU_CNT_MASK;
    update_irq(env);
}

static void pmintenset_write(CPUARMState *env, const ARMCPRegInfo *ri,
                             uint64_t v)
{
    arm_pmu_sync(env);
    env->cp15.pmintenset |= (uint32_t)v & PMU_CNT_MASK;
    update_irq(env);
}

static void pmintenclr_write(CPUARMState *env, const ARMCPRegInfo *ri,
                             uint64_t v)
{
    arm_pmu_sync(env);
    env->cp15.pmintenset &= ~(uint32_t)v;
    update_irq(env);
}

static void pmswinc_write(CPUARMState *env, const ARMCPRegInfo *ri,
                          uint64_t v)
{
    arm_pmu_sync(env);
    if (!(env->cp15.pmcr & PMCR_E)) {
        return;
    }
    for (unsigned i = 0; i < ARM_PMU_NCOUNTERS; i++) {
        if (((uint32_t)v & env->cp15.pmcntenset & (1u << i)) &&
            (env->cp15.pmevtyper[i] & 0xffff) == EV_SW_INCR) {
            counter_add(env, &env->cp15.pmevcntr[i], 1, 1u << i);
        }
    }
    update_irq(env);
}

static void pmccntr_write(CPUARMState *env, const ARMCPRegInfo *ri,
                          uint64_t v)
{
    arm_pmu_sync(env);
    env->cp15.pmccntr = (uint32_t)v;
}

/* PMSELR picks an event counter (0-5) or, with 31, PMCCFILTR. */
static uint32_t *selected_type(CPUARMState *env)
{
    uint32_t s = env->cp15.pmselr;

    if (s == 31) {
        return &env->cp15.pmccfiltr;
    }
    return s < ARM_PMU_NCOUNTERS ? &env->cp15.pmevtyper[s] : NULL;
}

static uint64_t pmxevtyper_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    uint32_t *p = selected_type(env);

    return p ? *p : 0;
}

static void pmxevtyper_write(CPUARMState *env, const ARMCPRegInfo *ri,
                             uint64_t v)
{
    uint32_t *p = selected_type(env);

    if (!p) {
        return;
    }
    arm_pmu_sync(env);
    *p = (uint32_t)v & (p == &env->cp15.pmccfiltr ? CCFILTR_WMASK
                                                   : EVTYPER_WMASK);
    pmu_changed(env);
}

static uint64_t pmxevcntr_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    uint32_t s = env->cp15.pmselr;

    if (s >= ARM_PMU_NCOUNTERS) {
        return 0;
    }
    arm_pmu_sync(env);
    return env->cp15.pmevcntr[s];
}

static void pmxevcntr_write(CPUARMState *env, const ARMCPRegInfo *ri,
                            uint64_t v)
{
    uint32_t s = env->cp15.pmselr;

    if (s >= ARM_PMU_NCOUNTERS) {
        return;
    }
    arm_pmu_sync(env);
    env->cp15.pmevcntr[s] = (uint32_t)v;
}

/* PMU registers at PL0 need PMUSERENR.EN. */
static CPAccessResult pmu_access(CPUARMState *env, const ARMCPRegInfo *ri,
                                 bool isread)
{
    if (arm_current_pl(env) == 0 && !(env->cp15.pmuserenr & 1)) {
        return CP_ACCESS_UNDEF;
    }
    return CP_ACCESS_OK;
}

#define KEY(crm, opc2) ARM_CP_KEY(15, 0, 0, 9, crm, opc2)
#define OFS(x) offsetof(CPUARMState, x)
#define PMU(n, crm, o2, acc, fld, rd, wr) \
    { .name = n, .key = KEY(crm, o2), .access = (acc), \
      .accessfn = pmu_access, .field = (fld), .readfn = (rd), .writefn = (wr) }

const ARMCPRegInfo arm_pmu_regs[] = {
    PMU("PMCR", 12, 0, CP_PL0_ALL, OFS(cp15.pmcr), NULL, pmcr_write),
    PMU("PMCNTENSET", 12, 1, CP_PL0_ALL, OFS(cp15.pmcntenset), NULL,
        pmcntenset_write),
    PMU("PMCNTENCLR", 12, 2, CP_PL0_ALL, OFS(cp15.pmcntenset), NULL,
        pmcntenclr_write),
    PMU("PMOVSR", 12, 3, CP_PL0_ALL, OFS(cp15.pmovsr), sync_read,
        pmovsr_write),
    PMU("PMSWINC", 12, 4, CP_PL0_W | CP_PL1_W, 0, NULL, pmswinc_write),
    { .name = "PMSELR", .key = KEY(12, 5), .access = CP_PL0_ALL,
      .accessfn = pmu_access, .field = OFS(cp15.pmselr), .wmask = 0x1f },
    /* No PMCEID0/1: UNDEFINED on QEMU's cortex-a15 (PMUv2). */
    PMU("PMCCNTR", 13, 0, CP_PL0_ALL, OFS(cp15.pmccntr), sync_read,
        pmccntr_write),
    PMU("PMXEVTYPER", 13, 1, CP_PL0_ALL, 0, pmxevtyper_read,
        pmxevtyper_write),
    PMU("PMXEVCNTR", 13, 2, CP_PL0_ALL, 0, pmxevcntr_read, pmxevcntr_write),
    { .name = "PMUSERENR", .key = KEY(14, 0),
      .access = CP_PL0_R | CP_PL1_RW, .field = OFS(cp15.pmuserenr),
      .wmask = 1 },
    { .name = "PMINTENSET", .key = KEY(14, 1), .access = CP_PL1_RW,
      .field = OFS(cp15.pmintenset), .writefn = pmintenset_write },
    { .name = "PMINTENCLR", .key = KEY(14, 2), .access = CP_PL1_RW,
      .field = OFS(cp15.pmintenset), .writefn = pmintenclr_write },
    PMU("PMOVSSET", 14, 3, CP_PL0_ALL, OFS(cp15.pmovsr), sync_read,
        pmovsset_write),
};

const unsigned arm_pmu_nregs = G_N_ELEMENTS(arm_pmu_regs);
