/*
 * target/arm internal contract between cpu.c, cp15.c, gtimer.c, mmu.c
 * and excp.c.  Not for the translator or the board (they use cpu.h).
 */
#ifndef TARGET_ARM_INTERNALS_H
#define TARGET_ARM_INTERNALS_H

#include "target/arm/cpu.h"

/* ARMCPRegInfo.access bits. */
#define CP_PL0_R  0x1
#define CP_PL0_W  0x2
#define CP_PL1_R  0x4
#define CP_PL1_W  0x8
#define CP_PL0_RW (CP_PL0_R | CP_PL0_W)
#define CP_PL1_RW (CP_PL1_R | CP_PL1_W)
#define CP_PL0_ALL (CP_PL0_RW | CP_PL1_RW)

/* ARMCPRegInfo.flags. */
#define CP_CONST    0x01  /* reads @resetval, writes ignored */
#define CP_NOP      0x02  /* reads 0 (if readable), writes ignored */
#define CP_ENDS_TB  0x04  /* a write changes TB flags or mappings */
#define CP_64       0x08  /* @field is a uint64_t */
#define CP_KEEP_RT  0x10  /* with CP_NOP: a read leaves Rt unchanged */

typedef enum CPAccessResult {
    CP_ACCESS_OK,
    CP_ACCESS_UNDEF,
} CPAccessResult;

/**
 * ARMCPRegInfo: one coprocessor register (or operation).
 * @key: ARM_CP_KEY(cp, is64, opc1, crn, crm, opc2).
 * @access: CP_PL* bits: who may read/write at all.
 * @accessfn: optional run-time check on top of @access (PL0 timer
 *            access via CNTKCTL, PMU via PMUSERENR...).
 * @field: offset of the backing field in CPUARMState (0: none).
 * @wmask: writable bits of @field for the default write (0: all).
 * @resetval: value of a CP_CONST register.
 * @readfn/@writefn: override the default field access.
 */
struct ARMCPRegInfo {
    const char *name;
    uint32_t key;
    uint8_t access;
    uint8_t flags;
    CPAccessResult (*accessfn)(CPUARMState *env, const ARMCPRegInfo *ri,
                               bool isread);
    size_t field;
    uint64_t wmask;
    uint64_t resetval;
    uint64_t (*readfn)(CPUARMState *env, const ARMCPRegInfo *ri);
    void (*writefn)(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t val);
};

/* cp15.c: plain register access (no access checks). */
uint64_t arm_cp_read(CPUARMState *env, const ARMCPRegInfo *ri);
void arm_cp_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t val);

/* mmu.c: ATS1C* result in PAR format. */
uint64_t arm_ats1_par(CPUARMState *env, uint32_t vaddr, MMUAccessType access,
                      unsigned mmu_idx);

/* gtimer.c: generic timer registers (c14) for the cp15 table. */
extern const ARMCPRegInfo arm_gtimer_regs[];
extern const unsigned arm_gtimer_nregs;

/* pmu.c: performance monitor registers (c9) for the cp15 table. */
extern const ARMCPRegInfo arm_pmu_regs[];
extern const unsigned arm_pmu_nregs;

#endif /* TARGET_ARM_INTERNALS_H */
