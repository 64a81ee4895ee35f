/*
 * TCGHelper descriptors for the system-level helpers the translator
 * calls.  The helpers themselves belong to the CPU (cpu.h); the one
 * defined here raises an exception at the current instruction through
 * the restore path, so the translator need not write PC/ITSTATE first.
 */
#include "target/arm/tcg/translate.h"

/* UNDEF/BKPT at the current instruction: PC and ITSTATE are restored
 * from the instruction's insn_start words. */
static void th_exception(struct CPUState *cs, uint32_t excp, uint32_t fsr)
{
    CPUARMState *env = arm_env(cs);

    if (excp == EXCP_BKPT) {
        /* The IFSR format follows TTBCR.EAE when the BKPT runs. */
        fsr = arm_fault_fsr(env, ARM_FSC_DEBUG, ARM_LFSC_DEBUG);
    }
    arm_raise_exception(env, (int)excp, fsr, 0);
}

const TCGHelper h_exception = TCG_HELPER(v_ii, th_exception, 0);
/* SVC/HVC/SMC: the translator wrote PC (next insn) and ITSTATE. */
const TCGHelper h_exception_next = TCG_HELPER(v_ii, helper_exception_imm, 0);
const TCGHelper h_exception_return = TCG_HELPER(v_i, helper_exception_return, 0);
const TCGHelper h_rfe = TCG_HELPER(v_ii, helper_rfe, 0);
const TCGHelper h_cpsr_read = TCG_HELPER(i_, helper_cpsr_read, 0);
const TCGHelper h_cpsr_write = TCG_HELPER(v_ii, helper_cpsr_write, 0);
const TCGHelper h_spsr_read = TCG_HELPER(i_, helper_spsr_read, 0);
const TCGHelper h_spsr_write = TCG_HELPER(v_ii, helper_spsr_write, 0);
const TCGHelper h_usr_reg_read = TCG_HELPER(i_i, helper_usr_reg_read, 0);
const TCGHelper h_usr_reg_write = TCG_HELPER(v_ii, helper_usr_reg_write, 0);
const TCGHelper h_banked_read = TCG_HELPER(i_ii, helper_banked_read, 0);
const TCGHelper h_banked_write = TCG_HELPER(v_iii, helper_banked_write, 0);
const TCGHelper h_wfi = TCG_HELPER(v_, helper_wfi, 0);
const TCGHelper h_wfe = TCG_HELPER(v_, helper_wfe, 0);
const TCGHelper h_sev = TCG_HELPER(v_, helper_sev, 0);
const TCGHelper h_cp_read = TCG_HELPER(i_i, helper_cp_read, 0);
const TCGHelper h_cp_write = TCG_HELPER(v_ii, helper_cp_write, 0);
const TCGHelper h_cp_read64 = TCG_HELPER(l_i, helper_cp_read64, 0);
const TCGHelper h_cp_write64 = TCG_HELPER(v_il, helper_cp_write64, 0);
const TCGHelper h_vfp_sysreg_read = TCG_HELPER(i_i, helper_vfp_sysreg_read, 0);
const TCGHelper h_vfp_sysreg_write = TCG_HELPER(v_ii, helper_vfp_sysreg_write, 0);
