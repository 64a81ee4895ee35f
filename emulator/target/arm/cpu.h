/*
 * ARMv7-A CPU: architectural state and the system-level interface.
 *
 * The model is a Cortex-A15 (VFPv3-D32, Thumb-2, no NEON, no LPAE use,
 * no Security or Virtualization extensions: the CPU always runs in the
 * Non-secure PL1/PL0 world, as qemu-system-arm -M virt does by default).
 *
 * Layout rules, because the translator (target/arm/tcg) registers IR
 * globals by offset into ARMCPU:
 *  - fields are only ever added, never renamed or moved between groups;
 *  - every 32-bit field an IR global may map is a uint32_t, every 64-bit
 *    one a naturally aligned uint64_t;
 *  - the translator may append its own fields in the marked section at
 *    the end of CPUARMState.
 *
 * The CPSR is split the way a translator wants to update it (see
 * "CPSR" below); arm_cpsr_read()/arm_cpsr_write() pack and unpack the
 * architectural value.
 */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/cpu.h"

/* Event counters of the PMU (PMCR.N), as QEMU's cortex-a15 has. */
#define ARM_PMU_NCOUNTERS 6

/* Processor modes (CPSR.M). */
#define ARM_CPU_MODE_USR 0x10
#define ARM_CPU_MODE_FIQ 0x11
#define ARM_CPU_MODE_IRQ 0x12
#define ARM_CPU_MODE_SVC 0x13
#define ARM_CPU_MODE_MON 0x16
#define ARM_CPU_MODE_ABT 0x17
#define ARM_CPU_MODE_HYP 0x1a
#define ARM_CPU_MODE_UND 0x1b
#define ARM_CPU_MODE_SYS 0x1f

/* Register banks: index into the banked_* arrays. */
enum {
    BANK_USRSYS = 0,
    BANK_SVC,
    BANK_ABT,
    BANK_UND,
    BANK_IRQ,
    BANK_FIQ,
    BANK_HYP,
    BANK_MON,
    ARM_NB_BANKS
};

/* Architectural CPSR bits. */
#define CPSR_M      0x1fu
#define CPSR_T      (1u << 5)
#define CPSR_F      (1u << 6)
#define CPSR_I      (1u << 7)
#define CPSR_A      (1u << 8)
#define CPSR_E      (1u << 9)
#define CPSR_IT_2_7 0xfc00u
#define CPSR_GE     (0xfu << 16)
#define CPSR_J      (1u << 24)
#define CPSR_IT_0_1 (3u << 25)
#define CPSR_Q      (1u << 27)
#define CPSR_V      (1u << 28)
#define CPSR_C      (1u << 29)
#define CPSR_Z      (1u << 30)
#define CPSR_N      (1u << 31)
#define CPSR_NZCV   (CPSR_N | CPSR_Z | CPSR_C | CPSR_V)
#define CPSR_IT     (CPSR_IT_0_1 | CPSR_IT_2_7)
#define CPSR_AIF    (CPSR_A | CPSR_I | CPSR_F)
/* Bits an MSR APSR_nzcvqg (user-writable) may change. */
#define CPSR_USER   (CPSR_NZCV | CPSR_Q | CPSR_GE)
/* Bits that exist in this model (J is RAZ: no Jazelle state). */
#define CPSR_VALID  (CPSR_USER | CPSR_IT | CPSR_E | CPSR_AIF | CPSR_T | CPSR_M)

/* How a CPSR write happens; decides which bits may change. */
typedef enum CPSRWriteType {
    CPSRWriteByInstr = 0,   /* MSR CPSR_fsxc: PL rules, no T/IT change */
    CPSRWriteExceptionReturn = 1, /* SUBS pc, lr / RFE / LDM ^: all bits */
    CPSRWriteRaw = 2,       /* debugger, reset, exception entry: all bits */
} CPSRWriteType;

/* FPSCR bits. */
#define FPSCR_IOC   (1u << 0)   /* cumulative: invalid operation */
#define FPSCR_DZC   (1u << 1)   /* divide by zero */
#define FPSCR_OFC   (1u << 2)   /* overflow */
#define FPSCR_UFC   (1u << 3)   /* underflow */
#define FPSCR_IXC   (1u << 4)   /* inexact */
#define FPSCR_IDC   (1u << 7)   /* input denormal (flushed) */
#define FPSCR_CEXC  (FPSCR_IOC | FPSCR_DZC | FPSCR_OFC | FPSCR_UFC | \
                     FPSCR_IXC | FPSCR_IDC)
#define FPSCR_LEN_SHIFT    16   /* Len/Stride: stored, no short vectors */
#define FPSCR_STRIDE_SHIFT 20
#define FPSCR_RMODE_SHIFT  22
#define FPSCR_RMODE_MASK   (3u << FPSCR_RMODE_SHIFT)
#define FPSCR_FZ    (1u << 24)
#define FPSCR_DN    (1u << 25)
#define FPSCR_AHP   (1u << 26)
#define FPSCR_QC    (1u << 27)  /* NEON saturation; kept for VMSR/VMRS */
#define FPSCR_NZCV  0xf0000000u
/*
 * Bits that read back (as on QEMU with neon=off): no trap enables, QC
 * only with NEON; Len/Stride are stored but vectors are not supported.
 */
#define FPSCR_VALID 0xf7f7009fu

/* FPSCR.RMode values. */
#define FPROUNDING_TIEEVEN  0
#define FPROUNDING_POSINF   1
#define FPROUNDING_NEGINF   2
#define FPROUNDING_ZERO     3

#define FPEXC_EN    (1u << 30)
#define FPEXC_EX    (1u << 31)

/* SCTLR bits used by the model. */
#define SCTLR_M     (1u << 0)   /* MMU enable */
#define SCTLR_A     (1u << 1)   /* alignment checking */
#define SCTLR_C     (1u << 2)
#define SCTLR_CP15BEN (1u << 5)
#define SCTLR_SW    (1u << 10)
#define SCTLR_Z     (1u << 11)
#define SCTLR_I     (1u << 12)
#define SCTLR_V     (1u << 13)  /* high vectors at 0xffff0000 */
#define SCTLR_HA    (1u << 17)
#define SCTLR_WXN   (1u << 19)
#define SCTLR_UWXN  (1u << 20)
#define SCTLR_FI    (1u << 21)
#define SCTLR_U     (1u << 22)
#define SCTLR_VE    (1u << 24)
#define SCTLR_EE    (1u << 25)  /* exception/page-walk endianness */
#define SCTLR_NMFI  (1u << 27)
#define SCTLR_TRE   (1u << 28)  /* TEX remap */
#define SCTLR_AFE   (1u << 29)  /* access flag enable (AP[0] is AF) */
#define SCTLR_TE    (1u << 30)  /* take exceptions in Thumb state */

/* TTBCR (short-descriptor format). */
#define TTBCR_N     7u
#define TTBCR_PD0   (1u << 4)
#define TTBCR_PD1   (1u << 5)
#define TTBCR_EAE   (1u << 31)

/*
 * Exception numbers (CPUState.exception_index, < 0x10000).
 */
#define EXCP_UDEF            1   /* undefined instruction */
#define EXCP_SWI             2   /* SVC */
#define EXCP_PREFETCH_ABORT  3
#define EXCP_DATA_ABORT      4
#define EXCP_IRQ             5
#define EXCP_FIQ             6
#define EXCP_BKPT            7   /* BKPT: a prefetch abort (debug event) */
#define EXCP_HVC             11  /* offered to the call hook, else UNDEF */
#define EXCP_SMC             13  /* offered to the call hook, else UNDEF */
#define EXCP_SEMIHOST        16  /* semihosting trap, offered to the hook */

/* interrupt_request bits for the two interrupt lines. */
#define CPU_INTERRUPT_FIQ    CPU_INTERRUPT_TGT_0
/* IRQ uses the engine's generic CPU_INTERRUPT_HARD. */

/*
 * Optional architecture features of this CPU model, for the decoder:
 * as on QEMU's virt board by default, no Security Extensions (SMC is
 * UNDEFINED unless the board's call hook claims it) and no
 * Virtualization Extensions (HVC only through the call hook; MRS/MSR
 * (banked register) and ERET are UNDEFINED); no Advanced SIMD; VFPv4
 * (VFMA) and half-precision conversions present; hardware divide (SDIV/
 * UDIV) in both instruction sets.  Short vectors are not supported: a
 * VFP data-processing instruction while FPSCR.Len or Stride is non-zero
 * (ARM_TBFLAG_VEC) is UNDEFINED, and VMSR FPSCR must end the TB.
 */
#define ARM_HAVE_SECURITY_EXT  0
#define ARM_HAVE_VIRT_EXT      0
#define ARM_HAVE_NEON          0
#define ARM_HAVE_VFP4          1
#define ARM_HAVE_FP16_CONV     1
#define ARM_HAVE_HW_DIVIDE     1

/*
 * MMU indexes (the engine's TLB has one table per index).  Both are
 * stage-1 Non-secure regimes; with the MMU off they map flat.
 */
#define ARM_MMU_IDX_PL1   0   /* privileged modes */
#define ARM_MMU_IDX_PL0   1   /* user mode, and LDRT/STRT from PL1 */
#define ARM_NB_MMU_MODES  2

/*
 * TB flags: every piece of state that changes how code is translated.
 * arm_cpu_get_tb_state() computes them; the translator decodes them with
 * the ARM_TBFLAG_* accessors.
 */
#define ARM_TBFLAG_THUMB        (1u << 0)   /* CPSR.T */
#define ARM_TBFLAG_IT_SHIFT     1           /* ITSTATE[7:0], 8 bits */
#define ARM_TBFLAG_IT_MASK      (0xffu << ARM_TBFLAG_IT_SHIFT)
#define ARM_TBFLAG_USER         (1u << 9)   /* PL0: mmu index PL0 */
#define ARM_TBFLAG_VFP_ACCESS   (1u << 10)  /* CPACR allows cp10/cp11 now */
#define ARM_TBFLAG_VFPEN        (1u << 11)  /* ...and FPEXC.EN is set */
#define ARM_TBFLAG_ALIGN        (1u << 12)  /* SCTLR.A: check alignment */
#define ARM_TBFLAG_BE_DATA      (1u << 13)  /* CPSR.E: big-endian data */
#define ARM_TBFLAG_SCTLR_B      (1u << 14)  /* reserved (never set on v7) */
#define ARM_TBFLAG_VEC          (1u << 15)  /* FPSCR.Len/Stride non-zero */
#define ARM_TBFLAG_MODE_SHIFT   16          /* CPSR.M, 5 bits */
#define ARM_TBFLAG_MODE_MASK    (0x1fu << ARM_TBFLAG_MODE_SHIFT)

static inline unsigned arm_tbflag_itstate(uint64_t flags)
{
    return (unsigned)((flags & ARM_TBFLAG_IT_MASK) >> ARM_TBFLAG_IT_SHIFT);
}
static inline unsigned arm_tbflag_mode(uint64_t flags)
{
    return (unsigned)((flags & ARM_TBFLAG_MODE_MASK) >> ARM_TBFLAG_MODE_SHIFT);
}

/*
 * The translator's insn_start words (restore_state): data[0] = PC,
 * data[1] = ITSTATE of that instruction, data[2] = syndrome-like extra
 * word (free for the translator; ignored by restore_state).
 */

/**
 * CPUARMState: everything architectural.
 */
typedef struct CPUARMState {
    /* r0-r15 of the current mode; r15 holds the current instruction's
     * address only at TB boundaries and in helpers after restore. */
    uint32_t regs[16];

    /*
     * CPSR, split:
     *  NF: bit 31 is N.   ZF: Z is set iff ZF == 0.
     *  CF: 0 or 1.        VF: bit 31 is V.
     *  QF: 0 or 1 (sticky saturation).   GE: 4 bits (GE[3:0]).
     *  itstate: ITSTATE[7:0] in architectural order (CPSR IT[7:2] =
     *    bits 15:10, IT[1:0] = bits 26:25); 0 outside an IT block.
     *  thumb: 0 or 1 (CPSR.T).
     *  mode: CPSR.M (ARM_CPU_MODE_*); change only via arm_cpsr_write()
     *    or arm_switch_mode(), which re-bank registers.
     *  aif: CPSR.A/I/F at their CPSR bit positions (CPSR_AIF).
     *  be: CPSR.E, 0 or 1.
     */
    uint32_t NF, ZF, CF, VF;
    uint32_t QF;
    uint32_t GE;
    uint32_t itstate;
    uint32_t thumb;
    uint32_t mode;
    uint32_t aif;
    uint32_t be;

    /* SPSR of the current mode (meaningless in usr/sys mode). */
    uint32_t spsr;

    /*
     * Registers of the modes not currently active.  The active mode's
     * copies live in regs[] (and spsr); a mode switch swaps them.
     * banked_spsr/sp/lr are indexed by BANK_*; usr_regs/fiq_regs hold
     * r8-r12 of the non-FIQ modes / of FIQ mode while the other set is
     * active.  Hyp mode banks SP and SPSR and uses elr_hyp, not LR.
     */
    uint32_t banked_spsr[ARM_NB_BANKS];
    uint32_t banked_r13[ARM_NB_BANKS];
    uint32_t banked_r14[ARM_NB_BANKS];
    uint32_t usr_regs[5];
    uint32_t fiq_regs[5];
    uint32_t elr_hyp;

    /* Exclusive monitor (LDREX/STREX): addr == -1 means open/clear. */
    uint64_t exclusive_addr;
    uint64_t exclusive_val;   /* value loaded (64 bits for LDREXD) */

    /* VFP/Advanced SIMD register file and system registers. */
    struct {
        uint64_t d[32];       /* D0-D31; S<2n> = low half of D<n> */
        /*
         * The whole architectural FPSCR (FPSCR_VALID bits): helpers read
         * RMode/FZ/DN from it and OR cumulative flags into it; VCMP
         * writes NZCV.
         */
        uint32_t fpscr;
        uint32_t fpexc;
        uint32_t fpsid;       /* read-only ID registers */
        uint32_t mvfr0;
        uint32_t mvfr1;
        uint32_t mvfr2;       /* not architected on v7; kept at 0 */
        /* Scratch for helpers that return two results (unused: spare). */
        uint32_t scratch[2];
    } vfp;

    /* CP15 system control registers (Non-secure view only). */
    struct {
        /* Identification (read-only, set at reset from the CPU model). */
        uint32_t midr;
        uint32_t revidr;
        uint32_t ctr;
        uint32_t tcmtr;
        uint32_t tlbtr;
        uint32_t mpidr;
        uint32_t aidr;
        uint32_t clidr;
        uint32_t ccsidr[16];  /* by CSSELR (level << 1 | InD) */
        uint32_t csselr;
        uint32_t id_pfr0, id_pfr1;
        uint32_t id_dfr0, id_afr0;
        uint32_t id_mmfr0, id_mmfr1, id_mmfr2, id_mmfr3;
        uint32_t id_isar0, id_isar1, id_isar2, id_isar3, id_isar4, id_isar5;
        uint32_t cbar;        /* configuration base address (A15) */
        uint32_t l2ctlr, l2ectlr;

        /* System control. */
        uint32_t sctlr;
        uint32_t actlr;
        uint32_t cpacr;

        /* Translation control (short-descriptor format). */
        uint64_t ttbr0;       /* 64-bit for MCRR; short format uses [31:0] */
        uint64_t ttbr1;
        uint32_t ttbcr;
        uint32_t dacr;
        uint32_t prrr, nmrr;  /* memory attribute remap (MAIR0/1) */
        uint32_t amair0, amair1;
        uint32_t contextidr;  /* PROCID[31:8], ASID[7:0] */
        uint32_t fcseidr;     /* FCSE not implemented: stored, no effect */

        /* Faults. */
        uint32_t dfsr, ifsr;
        uint32_t adfsr, aifsr;
        uint32_t dfar, ifar;
        uint64_t par;         /* VA->PA translation result (ATS1*) */

        /* Exceptions. */
        uint32_t vbar;

        /* Thread ID registers. */
        uint32_t tpidrurw, tpidruro, tpidrprw;

        /* Performance monitors (pmu.c). */
        uint32_t pmcr, pmcntenset, pmovsr, pmselr, pmuserenr, pmintenset;
        uint32_t pmccfiltr, pmccntr;
        uint32_t pmevtyper[ARM_PMU_NCOUNTERS], pmevcntr[ARM_PMU_NCOUNTERS];
        uint64_t pmu_last;      /* instruction count counted up to */
        uint32_t pmu_div;       /* cycles towards the next PMCR.D count */
        bool pmu_irq;           /* overflow interrupt output */
        bool pmu_filtering;     /* an enabled counter filters by PL */

        /* Generic timer (driven by the board through ARMTimerHooks). */
        uint32_t cntfrq;
        uint32_t cntkctl;
        uint32_t cntp_ctl, cntv_ctl;   /* ENABLE, IMASK (ISTATUS computed) */
        uint64_t cntp_cval, cntv_cval;
        uint64_t cntvoff;
    } cp15;

    /* CP14 debug and ThumbEE registers (stored; no debug events). */
    struct {
        uint32_t dbgdidr;
        uint32_t dbgdscr;     /* DBGDSCRext; DBGDSCRint reads a subset */
        uint32_t dbgoslsr;    /* OSLK (bit 1) set by the CoreSight key */
        uint32_t dbgbvr[6], dbgbcr[6];
        uint32_t dbgwvr[4], dbgwcr[4];
        uint32_t teecr, teehbr;
    } cp14;

    /*
     * Fault/exception details for the pending exception: set by the MMU
     * or a helper before raising EXCP_*_ABORT, consumed at entry.
     *  fsr: short-descriptor FSR value (DFSR/IFSR format, incl. WnR).
     *  vaddress: faulting virtual address (DFAR/IFAR).
     */
    struct {
        uint32_t fsr;
        uint32_t vaddress;
        uint32_t imm;         /* HVC/SMC/SVC immediate, for the call hook */
    } exception;

    /* Interrupt input lines (levels, mirrored in interrupt_request). */
    uint32_t irq_line, fiq_line;

    /* ------------------------------------------------------------------
     * Translator-owned fields (target/arm/tcg): appended here only.
     * ------------------------------------------------------------------ */
} CPUARMState;

/*
 * Board hooks.
 */

/* What a call hook is asked to handle. */
typedef enum ARMCallKind {
    ARM_CALL_HVC,       /* HVC #imm; PSCI "method = hvc" */
    ARM_CALL_SMC,       /* SMC #imm */
    ARM_CALL_SEMIHOST,  /* SVC 0x123456 (A32) / SVC 0xAB (T32) when enabled */
} ARMCallKind;

/**
 * ARMCallHook: the board claims an HVC/SMC/semihosting call.
 * Reads arguments from env->regs (r0 = function id), writes results to
 * r0-r3.  The PC has already been advanced past the instruction.
 * Returns: true if handled; false makes HVC/SMC UNDEFINED and a
 * semihosting SVC an ordinary SVC.
 */
typedef bool ARMCallHook(void *opaque, CPUARMState *env, ARMCallKind kind,
                         uint32_t imm);

/**
 * ARMTimerHooks: the generic timer's link to the board.
 * @now: current count of the system counter (CNTPCT).
 * @changed: a timer register changed: recompute the timer outputs
 *           (arm_gt_*_istatus()) and reprogram the board's deadline.
 */
typedef struct ARMTimerHooks {
    uint64_t (*now)(void *opaque);
    void (*changed)(void *opaque);
    /* the PMU overflow interrupt output changed (PPI 7 on virt) */
    void (*pmu_irq)(void *opaque, bool level);
} ARMTimerHooks;

/**
 * ARMCPU: the CPU object.  CPUState must stay first (the engine casts).
 */
typedef struct ARMCPU {
    CPUState parent;
    CPUARMState env;
    /* Board hooks (set after arm_cpu_init). */
    ARMCallHook *call_hook;
    void *call_opaque;
    bool semihosting;            /* SVC 0x123456/0xAB trap to the hook */
    const ARMTimerHooks *timer_hooks;
    void *timer_opaque;
    bool tlb_ready;              /* registered with the engine */
    /* SMP (machine/virt-smp.c). */
    bool event_reg;              /* WFE's event register (set by SEV) */
    bool powered_off;            /* PSCI: off until CPU_ON; no work */
} ARMCPU;

static inline ARMCPU *arm_cpu(CPUState *cs)
{
    return (ARMCPU *)cs;
}
static inline CPUARMState *arm_env(CPUState *cs)
{
    return &((ARMCPU *)cs)->env;
}
static inline ARMCPU *env_archcpu(CPUARMState *env)
{
    return (ARMCPU *)((char *)env - offsetof(ARMCPU, env));
}
static inline CPUState *env_cpu(CPUARMState *env)
{
    return &env_archcpu(env)->parent;
}

/* ---- cpu.c: life cycle, CPSR, modes, TB state ---- */

/** arm_cpu_ops: the CPUOps hooks of this target (for cpu_init). */
extern const CPUOps arm_cpu_ops;

/**
 * arm_cpu_init: initialise @cpu (zeroed) as a Cortex-A15 on @as and
 * register it with the exec room (exec_init() must have been called),
 * then reset it.  @cpu_index becomes MPIDR.Aff0.
 * Returns: 0 or negative errno.
 */
int arm_cpu_init(ARMCPU *cpu, MemAddressSpace *as, int cpu_index);
/** arm_cpu_destroy: unregister @cpu (does not free it). */
void arm_cpu_destroy(ARMCPU *cpu);
/** arm_cpu_set_nb_cpus: the CPU count L2CTLR reports (default 1). */
void arm_cpu_set_nb_cpus(ARMCPU *cpu, unsigned nb_cpus);
/**
 * arm_cpu_reset: the state qemu-system-arm gives a bare ELF: SVC mode,
 * A/I/F masked, ARM state, MMU and caches off, VFP disabled (FPEXC.EN=0,
 * CPACR=0), all core registers zero, TLB flushed.
 */
void arm_cpu_reset(ARMCPU *cpu);

/**
 * arm_cpu_set_call_hook: let the board handle HVC/SMC/semihosting.
 */
void arm_cpu_set_call_hook(ARMCPU *cpu, ARMCallHook *fn, void *opaque);
/** arm_cpu_set_timer_hooks: connect the generic timer to the board. */
void arm_cpu_set_timer_hooks(ARMCPU *cpu, const ARMTimerHooks *hooks,
                             void *opaque);
/**
 * arm_cpu_set_irq / arm_cpu_set_fiq: drive the interrupt input lines
 * (level-sensitive).  Wakes a CPU halted in WFI.
 */
void arm_cpu_set_irq(ARMCPU *cpu, bool level);
void arm_cpu_set_fiq(ARMCPU *cpu, bool level);

/** arm_cpsr_read: the architectural CPSR value. */
uint32_t arm_cpsr_read(const CPUARMState *env);
/**
 * arm_cpsr_write: write the CPSR bits in @mask from @val, following the
 * rules of @how:
 *  - CPSRWriteByInstr (MSR): at PL0 only NZCVQ/GE/E change; T, IT and J
 *    never change; a mode change to an invalid mode or to Hyp/Mon is
 *    ignored (the mode field is left alone).
 *  - CPSRWriteExceptionReturn / CPSRWriteRaw: every valid bit in @mask
 *    changes; an invalid target mode is treated as unpredictable and the
 *    mode is left alone.
 * A mode change re-banks registers.  Flushes nothing: callers changing
 * the privilege must end the TB (the TB flags change).
 */
void arm_cpsr_write(CPUARMState *env, uint32_t val, uint32_t mask,
                    CPSRWriteType how);
/** arm_nzcv_write / arm_nzcv_read: only the flags (for VMRS APSR_nzcv). */
void arm_nzcv_write(CPUARMState *env, uint32_t val);
uint32_t arm_nzcv_read(const CPUARMState *env);

/** arm_switch_mode: change CPSR.M to @mode, re-banking registers. */
void arm_switch_mode(CPUARMState *env, uint32_t mode);
/** arm_bank_number: BANK_* of @mode, or -1 for an invalid mode. */
int arm_bank_number(uint32_t mode);
/** arm_mode_valid: @mode is a mode this CPU implements (not mon/hyp). */
bool arm_mode_valid(uint32_t mode);
/** arm_current_pl: 0 in user mode, else 1. */
static inline int arm_current_pl(const CPUARMState *env)
{
    return env->mode == ARM_CPU_MODE_USR ? 0 : 1;
}
/** arm_mode_has_spsr: whether the current mode has an SPSR. */
static inline bool arm_mode_has_spsr(const CPUARMState *env)
{
    return env->mode != ARM_CPU_MODE_USR && env->mode != ARM_CPU_MODE_SYS;
}

/**
 * arm_banked_reg_read / arm_banked_reg_write: MRS/MSR (banked register):
 * r8-r14 or the SPSR of @mode, whichever mode is current.
 * @reg: 8..14 for r8-r14, 16 for SPSR.
 * Returns (read): the value.  Access to the current mode's own register
 * or to an invalid combination is the caller's problem (UNPREDICTABLE:
 * this reads/writes the live copy).
 */
uint32_t arm_banked_reg_read(CPUARMState *env, uint32_t mode, int reg);
void arm_banked_reg_write(CPUARMState *env, uint32_t mode, int reg,
                          uint32_t val);
/** arm_usr_reg_read / write: r8-r14 of user mode (LDM/STM ^). */
uint32_t arm_usr_reg_read(CPUARMState *env, int reg);
void arm_usr_reg_write(CPUARMState *env, int reg, uint32_t val);

/**
 * arm_mmu_idx: MMU index for ordinary accesses in the current mode.
 */
static inline unsigned arm_mmu_idx(const CPUARMState *env)
{
    return env->mode == ARM_CPU_MODE_USR ? ARM_MMU_IDX_PL0 : ARM_MMU_IDX_PL1;
}
/** arm_vfp_access_ok: CPACR lets the current PL use cp10/cp11. */
bool arm_vfp_access_ok(const CPUARMState *env);
/**
 * arm_cpu_get_tb_state: the guest PC (with the Thumb bit NOT set: TBs
 * are keyed by address + ARM_TBFLAG_THUMB) and the TB flags.
 */
void arm_cpu_get_tb_state(CPUARMState *env, uint64_t *pc, uint64_t *flags);
/** arm_rebuild_hflags: compatibility no-op (flags are computed on demand). */
static inline void arm_rebuild_hflags(CPUARMState *env) { (void)env; }

/** arm_cpu_dump_state: print registers to @out (a FILE *). */
void arm_cpu_dump_state(const CPUARMState *env, void *out);

/* ---- tcg/: the translator ---- */

/**
 * arm_translate: CPUOps.translate, implemented by target/arm/tcg.
 */
void arm_translate(CPUState *cs, TranslationBlock *tb, int max_insns);

/* ---- excp.c: exceptions ---- */

/** arm_cpu_do_interrupt: CPUOps.do_interrupt (enter the exception). */
void arm_cpu_do_interrupt(CPUState *cs);
/** arm_cpu_exec_interrupt: CPUOps.exec_interrupt. */
bool arm_cpu_exec_interrupt(CPUState *cs, uint32_t interrupt_request);
/** arm_cpu_has_work: CPUOps.has_work (an IRQ/FIQ line is up). */
bool arm_cpu_has_work(CPUState *cs);
/**
 * arm_exception_return: SUBS pc, lr / MOVS pc, ... / LDM ^ with PC /
 * ERET: CPSR <- SPSR (with mode switch), then branch to @new_pc (the
 * Thumb bit of the result picks the alignment: PC[0] cleared in Thumb,
 * PC[1:0] in ARM).  Call from a helper; end the TB afterwards.
 */
void arm_exception_return(CPUARMState *env, uint32_t new_pc);
/** arm_rfe: RFE: CPSR <- @spsr (as exception return), PC <- @pc. */
void arm_rfe(CPUARMState *env, uint32_t pc, uint32_t spsr);
/**
 * arm_raise_exception: set the exception (with @fsr/@vaddr for aborts)
 * and leave the TB, restoring the current instruction's state.
 */
_Noreturn void arm_raise_exception(CPUARMState *env, int excp,
                                   uint32_t fsr, uint32_t vaddr);

/*
 * Helpers for the translator (fixed prototypes, TCGHelper-ready; the
 * signature tag is given in brackets).
 *
 * Exceptions: the translator first stores the state the exception needs
 * (regs[15], itstate), then calls helper_exception, which does not
 * return.  Conventions for regs[15]:
 *  - EXCP_UDEF, EXCP_BKPT, aborts: address of the faulting instruction;
 *  - EXCP_SWI, EXCP_HVC, EXCP_SMC, EXCP_SEMIHOST: address of the next
 *    instruction, and itstate already advanced past the instruction;
 *  - interrupts: the next instruction to execute (TB boundary).
 * Entry computes LR from that (UDEF +4 ARM/+2 Thumb, PABT +4, DABT +8,
 * IRQ/FIQ +4, SVC +0).
 */
void helper_exception(struct CPUState *cs, uint32_t excp);           /* v_i */
void helper_exception_imm(struct CPUState *cs, uint32_t excp,
                          uint32_t imm);                             /* v_ii */
uint32_t helper_cpsr_read(struct CPUState *cs);                      /* i_ */
/* MSR CPSR_<fields>: @mask from the field mask (CPSRWriteByInstr). */
void helper_cpsr_write(struct CPUState *cs, uint32_t val,
                       uint32_t mask);                               /* v_ii */
/* MSR SPSR_<fields>: (UNPREDICTABLE without an SPSR: ignored). */
void helper_spsr_write(struct CPUState *cs, uint32_t val,
                       uint32_t mask);                               /* v_ii */
uint32_t helper_spsr_read(struct CPUState *cs);                      /* i_ */
/* Exception return: CPSR <- SPSR, PC <- @pc (SUBS pc, lr; LDM ^). */
void helper_exception_return(struct CPUState *cs, uint32_t pc);      /* v_i */
void helper_rfe(struct CPUState *cs, uint32_t pc, uint32_t spsr);    /* v_ii */
/* MRS/MSR banked: @mode is the target mode, @reg 8..14 or 16 (SPSR). */
uint32_t helper_banked_read(struct CPUState *cs, uint32_t mode,
                            uint32_t reg);                           /* i_ii */
void helper_banked_write(struct CPUState *cs, uint32_t mode, uint32_t reg,
                         uint32_t val);                              /* v_iii */
/* LDM/STM ^ (user registers): @reg 0..14. */
uint32_t helper_usr_reg_read(struct CPUState *cs, uint32_t reg);     /* i_i */
void helper_usr_reg_write(struct CPUState *cs, uint32_t reg,
                          uint32_t val);                             /* v_ii */
/* WFI: regs[15] = next instruction; halts unless an interrupt is pending. */
void helper_wfi(struct CPUState *cs);                                /* v_ */
/* WFE/YIELD: a hint; returns to the loop so other CPUs run. */
void helper_yield(struct CPUState *cs);                              /* v_ */
/*
 * WFE: regs[15] = next instruction.  With the event register set, clears
 * it and completes; else yields the rest of the slice to the other CPUs
 * (cpu_exec returns EXCP_YIELD), as QEMU's TCG: the CPU never sleeps.
 */
void helper_wfe(struct CPUState *cs);                                /* v_ */
/* SEV: sets the event register of every CPU. */
void helper_sev(struct CPUState *cs);                                /* v_ */

/* ---- cp15.c: coprocessor registers ---- */

/**
 * ARMCPAccess: a coprocessor register access, as decoded by the
 * translator.  @is64 for MRRC/MCRR (then @crn is 0 and @opc2 is 0).
 */
typedef struct ARMCPRegInfo ARMCPRegInfo;

/* Encoding of a coprocessor register key (for arm_cp_lookup). */
#define ARM_CP_KEY(cp, is64, opc1, crn, crm, opc2)                         \
    (((uint32_t)(cp) << 16) | ((uint32_t)(is64) << 15) |                   \
     ((uint32_t)(opc1) << 12) | ((uint32_t)(crn) << 8) |                   \
     ((uint32_t)(crm) << 4) | (uint32_t)(opc2))

/**
 * arm_cp_lookup: the descriptor of a register, or NULL (UNDEFINED).
 * The translator calls it at translate time to decide UNDEF statically
 * when possible; the access itself goes through the helpers below.
 */
const ARMCPRegInfo *arm_cp_lookup(uint32_t key);
/**
 * arm_cp_access_ok: whether the register may be accessed now (at the
 * current PL, for a read if @isread).  False means UNDEFINED.
 */
bool arm_cp_access_ok(CPUARMState *env, const ARMCPRegInfo *ri, bool isread);
/**
 * arm_cp_key_access_ok: as arm_cp_access_ok, by key (false if unknown).
 */
bool arm_cp_key_access_ok(CPUARMState *env, uint32_t key, bool isread);
/**
 * arm_cp_ends_tb: writes to this register change TB flags or mappings
 * (SCTLR, CPACR, TLB ops, ...): the translator must end the TB after it.
 */
bool arm_cp_ends_tb(const ARMCPRegInfo *ri);
/**
 * arm_cp_read_keeps_rt: an MRC of this register is accepted but leaves
 * Rt unchanged (QEMU's no-op registers: DBGVCR, TLB lockdown).  The
 * translator should then skip the register write-back (helper_cp_read
 * returns 0 for them).
 */
bool arm_cp_read_keeps_rt(const ARMCPRegInfo *ri);

/*
 * Helpers for the translator (fixed prototypes; TCGHelper-ready):
 *  - helper_cp_read(cs, key) -> value            (i_i)
 *  - helper_cp_write(cs, key, value)             (v_ii)
 *  - helper_cp_read64(cs, key) -> value          (l_i)   MRRC
 *  - helper_cp_write64(cs, key, value)           (v_il)  MCRR
 * Each re-checks the access rules and raises UNDEFINED if refused (so a
 * translator may call them without arm_cp_lookup at translate time).
 * The guest PC must be restorable (cpu_loop_exit_restore) as for any
 * helper that may raise.
 */
uint32_t helper_cp_read(struct CPUState *cs, uint32_t key);
void helper_cp_write(struct CPUState *cs, uint32_t key, uint32_t val);
uint64_t helper_cp_read64(struct CPUState *cs, uint32_t key);
void helper_cp_write64(struct CPUState *cs, uint32_t key, uint64_t val);

/* VFP system registers (VMRS/VMSR), by the reg field (0 FPSID, 1 FPSCR,
 * 6 MVFR1, 7 MVFR0, 8 FPEXC).  Raise UNDEFINED for refused accesses. */
#define ARM_VFP_FPSID  0
#define ARM_VFP_FPSCR  1
#define ARM_VFP_MVFR2  5
#define ARM_VFP_MVFR1  6
#define ARM_VFP_MVFR0  7
#define ARM_VFP_FPEXC  8
#define ARM_VFP_FPINST 9
#define ARM_VFP_FPINST2 10
/**
 * arm_vfp_sysreg_access_ok: may VMRS/VMSR touch @reg now?  Every access
 * needs CPACR to grant cp10/cp11 at the current PL.  FPSCR also needs
 * FPEXC.EN; FPSID, MVFR0/1 (read-only: writes ignored) and FPEXC are
 * PL1-only but work with FPEXC.EN clear.  False means UNDEFINED.
 */
bool arm_vfp_sysreg_access_ok(CPUARMState *env, int reg, bool isread);
uint32_t helper_vfp_sysreg_read(struct CPUState *cs, uint32_t reg);
void helper_vfp_sysreg_write(struct CPUState *cs, uint32_t reg, uint32_t val);
/** arm_fpscr_write: store an FPSCR value (only FPSCR_VALID bits stick). */
void arm_fpscr_write(CPUARMState *env, uint32_t val);

/* ---- gtimer.c: generic timer (board side) ---- */

#define ARM_GT_PHYS 0   /* PPI 14 on virt (non-secure physical) */
#define ARM_GT_VIRT 1   /* PPI 11 */
/**
 * arm_pmu_sync: bring the PMU counters up to the instructions executed
 * so far (pmu.c; called before anything that changes what they count).
 */
void arm_pmu_sync(CPUARMState *env);
/**
 * arm_pmu_insns_to_overflow: instructions after the last arm_pmu_sync()
 * until a counting counter with its interrupt enabled wraps, or
 * UINT64_MAX.  The board ends its slice
 * there and calls arm_pmu_sync() after it, so the overflow interrupt
 * comes at the wrapping instruction.
 */
uint64_t arm_pmu_insns_to_overflow(CPUARMState *env);

/** arm_gt_count: the system counter now (ARMTimerHooks.now, or 0). */
uint64_t arm_gt_count(CPUARMState *env);
/** arm_gt_irq_level: the timer's interrupt output (ENABLE, !IMASK, fired). */
bool arm_gt_irq_level(CPUARMState *env, int timer);
/**
 * arm_gt_deadline: counter value at which the output rises, UINT64_MAX
 * when disabled or masked.  The board re-evaluates arm_gt_irq_level()
 * then, and whenever ARMTimerHooks.changed is called.
 */
uint64_t arm_gt_deadline(CPUARMState *env, int timer);

/* ---- mmu.c: address translation ---- */

/**
 * ARMMMUFaultInfo / arm_get_phys_addr result.
 */
typedef struct ARMTranslateResult {
    uint64_t paddr;     /* physical address of the byte accessed */
    int prot;           /* PAGE_READ/WRITE/EXEC for this mmu_idx */
    uint32_t page_size; /* size of the mapping (4K..16M) */
    uint32_t fsr;       /* on fault: FSR in the current format (no WnR) */
    int domain;         /* domain of the mapping / fault */
    uint8_t attrs;      /* long format: MAIR attribute byte (PAR.ATTR) */
    uint8_t sh;         /* long format: shareability SH[1:0] (PAR.SH) */
} ARMTranslateResult;

/**
 * arm_get_phys_addr: translate @vaddr for @access at @mmu_idx using the
 * current SCTLR/TTBCR/TTBRx/DACR.
 * Returns: true on a fault (res->fsr has FS[4:0]/FS[10] and the domain
 * in bits [7:4]; WnR is added by the caller), false on success.
 */
bool arm_get_phys_addr(CPUARMState *env, uint32_t vaddr,
                       MMUAccessType access, unsigned mmu_idx,
                       ARMTranslateResult *res);
/**
 * arm_cpu_debug_translate: the physical address a debugger (gdbstub,
 * monitor) means by @vaddr: the current translation regime at PL1,
 * permissions ignored, no exception, no TLB change.
 * Returns: false if nothing is mapped there.
 */
bool arm_cpu_debug_translate(CPUARMState *env, uint32_t vaddr,
                             uint64_t *paddr);
/**
 * arm_cpu_debug_rw: read or write @len bytes of guest virtual memory at
 * @vaddr for a debugger, page by page through arm_cpu_debug_translate;
 * writes invalidate translated code like any physical write.
 * Returns: 0, or -EFAULT if a page is unmapped (earlier pages were done).
 */
int arm_cpu_debug_rw(ARMCPU *cpu, uint32_t vaddr, void *buf, size_t len,
                     bool is_write);
/**
 * arm_cpu_tlb_fill: CPUOps.tlb_fill.  On a fault, sets DFSR/IFSR data
 * in env->exception and raises the abort (unless @probe).
 */
bool arm_cpu_tlb_fill(CPUState *cs, uint64_t vaddr, unsigned size,
                      MMUAccessType access, unsigned mmu_idx, bool probe);
/** arm_cpu_bus_error: CPUOps.bus_error: synchronous external abort. */
void arm_cpu_bus_error(CPUState *cs, uint64_t vaddr, uint64_t paddr,
                       unsigned size, MMUAccessType access, unsigned mmu_idx);
/** arm_cpu_unaligned: CPUOps.unaligned: alignment fault. */
void arm_cpu_unaligned(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                       unsigned mmu_idx);

/* Short-descriptor fault status codes (FS[4:0], FS[10] in bit 4 here). */
#define ARM_FSC_ALIGN          0x01
#define ARM_FSC_DEBUG          0x02
#define ARM_FSC_ACCESS_L1      0x03   /* access flag, section */
#define ARM_FSC_ACCESS_L2      0x06   /* access flag, page */
#define ARM_FSC_TRANS_L1       0x05   /* translation, section */
#define ARM_FSC_TRANS_L2       0x07   /* translation, page */
#define ARM_FSC_SYNC_EXT       0x08   /* synchronous external abort */
#define ARM_FSC_DOMAIN_L1      0x09
#define ARM_FSC_DOMAIN_L2      0x0b
#define ARM_FSC_EXT_WALK_L1    0x0c   /* external abort on walk, L1 */
#define ARM_FSC_EXT_WALK_L2    0x0e
#define ARM_FSC_PERM_L1        0x0d
#define ARM_FSC_PERM_L2        0x0f
/* Long-descriptor fault status codes (STATUS[5:0]; DFSR/IFSR bit 9 set). */
#define ARM_LFSC_TRANS(lvl)     (0x04u | (lvl))
#define ARM_LFSC_ACCESS(lvl)    (0x08u | (lvl))
#define ARM_LFSC_PERM(lvl)      (0x0cu | (lvl))
#define ARM_LFSC_SYNC_EXT       0x10u
#define ARM_LFSC_EXT_WALK(lvl)  (0x14u | (lvl))
#define ARM_LFSC_ALIGN          0x21u
#define ARM_LFSC_DEBUG          0x22u
#define ARM_FSR_LPAE  (1u << 9)   /* DFSR/IFSR: long-descriptor format */
/** arm_fsr_encode: FSR from a 5-bit code (bit 4 -> FS[4] at bit 10). */
static inline uint32_t arm_fsr_encode(uint32_t fs5, int domain)
{
    return (fs5 & 0xf) | ((fs5 & 0x10) << 6) | ((uint32_t)domain << 4);
}
#define ARM_FSR_WNR  (1u << 11)   /* DFSR: write not read */
#define ARM_FSR_EXT  (1u << 12)   /* external abort type (0: DECERR/SLVERR) */
/**
 * arm_fault_fsr: DFSR/IFSR value of a fault that is not a translation
 * fault (alignment, debug, external abort): short-descriptor @fs5 with
 * TTBCR.EAE = 0, long-descriptor @lfsc (with the LPAE bit) otherwise.
 */
static inline uint32_t arm_fault_fsr(const CPUARMState *env, uint32_t fs5,
                                     uint32_t lfsc)
{
    if (env->cp15.ttbcr & TTBCR_EAE) {
        return ARM_FSR_LPAE | lfsc;
    }
    return arm_fsr_encode(fs5, 0);
}

#endif /* TARGET_ARM_CPU_H */
