/*
 * target/arm exceptions: entry (mode, LR offsets, SPSR, masks, vectors,
 * Thumb/endianness), interrupt acceptance, the HVC/SMC hook, exception
 * return, WFI.
 */
#include "arm-test-util.h"

static void enter(int excp)
{
    at.cs->exception_index = excp;
    arm_cpu_do_interrupt(at.cs);
}

/* User mode, ARM state, some flags, at @pc. */
static uint32_t user_at(uint32_t pc)
{
    uint32_t cpsr = 0xa0000000u | ARM_CPU_MODE_USR;

    arm_cpsr_write(at.env, cpsr, 0xffffffff, CPSRWriteRaw);
    at.env->regs[15] = pc;
    return cpsr;
}

START_TEST(test_entry_arm)
{
    static const struct {
        int excp;
        uint32_t mode, vector, lr_off, aif;
    } cases[] = {
        { EXCP_UDEF, ARM_CPU_MODE_UND, 0x04, 4, CPSR_I },
        { EXCP_SWI, ARM_CPU_MODE_SVC, 0x08, 0, CPSR_I },
        { EXCP_PREFETCH_ABORT, ARM_CPU_MODE_ABT, 0x0c, 4, CPSR_A | CPSR_I },
        { EXCP_DATA_ABORT, ARM_CPU_MODE_ABT, 0x10, 8, CPSR_A | CPSR_I },
        { EXCP_IRQ, ARM_CPU_MODE_IRQ, 0x18, 4, CPSR_A | CPSR_I },
        { EXCP_FIQ, ARM_CPU_MODE_FIQ, 0x1c, 4, CPSR_A | CPSR_I | CPSR_F },
    };

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint32_t cpsr = user_at(0x40008000);
        at.env->regs[13] = 0x1111;
        enter(cases[i].excp);
        ck_assert_uint_eq(at.env->mode, cases[i].mode);
        ck_assert_uint_eq(at.env->regs[15], cases[i].vector);
        ck_assert_uint_eq(at.env->regs[14], 0x40008000 + cases[i].lr_off);
        ck_assert_uint_eq(at.env->spsr, cpsr);
        ck_assert_uint_eq(at.env->aif, cases[i].aif);
        ck_assert_uint_eq(at.env->thumb, 0);
        ck_assert_uint_ne(at.env->regs[13], 0x1111);   /* banked SP */
        /* Flags are untouched by entry. */
        ck_assert_uint_eq(arm_cpsr_read(at.env) & CPSR_NZCV, 0xa0000000u);
    }
}
END_TEST

START_TEST(test_entry_thumb_it)
{
    /* Thumb, inside an IT block: SPSR keeps IT and T; entry clears them. */
    uint32_t cpsr = CPSR_T | (0x15u << 10) | (2u << 25) | ARM_CPU_MODE_USR;

    arm_cpsr_write(at.env, cpsr, 0xffffffff, CPSRWriteRaw);
    at.env->regs[15] = 0x40000102;
    enter(EXCP_UDEF);
    ck_assert_uint_eq(at.env->regs[14], 0x40000104);   /* +2 in Thumb */
    ck_assert_uint_eq(at.env->spsr, cpsr);
    ck_assert_uint_eq(at.env->itstate, 0);
    ck_assert_uint_eq(at.env->thumb, 0);
    /* Thumb LR offsets: SVC +0, PABT +4, DABT +8, IRQ +4. */
    arm_cpsr_write(at.env, CPSR_T | ARM_CPU_MODE_USR, 0xffffffff, CPSRWriteRaw);
    at.env->regs[15] = 0x40000202;
    enter(EXCP_SWI);
    ck_assert_uint_eq(at.env->regs[14], 0x40000202);
    arm_cpsr_write(at.env, CPSR_T | ARM_CPU_MODE_USR, 0xffffffff, CPSRWriteRaw);
    at.env->regs[15] = 0x40000202;
    enter(EXCP_DATA_ABORT);
    ck_assert_uint_eq(at.env->regs[14], 0x4000020a);
}
END_TEST

START_TEST(test_vectors_te_ee)
{
    user_at(0x40000000);
    at.env->cp15.vbar = 0x40010000;
    enter(EXCP_SWI);
    ck_assert_uint_eq(at.env->regs[15], 0x40010008);
    user_at(0x40000000);
    at.env->cp15.sctlr |= SCTLR_V;        /* high vectors win over VBAR */
    enter(EXCP_IRQ);
    ck_assert_uint_eq(at.env->regs[15], 0xffff0018);
    user_at(0x40000000);
    at.env->cp15.sctlr |= SCTLR_TE | SCTLR_EE;
    enter(EXCP_UDEF);
    ck_assert_uint_eq(at.env->thumb, 1);
    ck_assert_uint_eq(at.env->be, 1);
}
END_TEST

START_TEST(test_abort_registers)
{
    user_at(0x40000000);
    at.env->exception.fsr = 0x80d;
    at.env->exception.vaddress = 0x12345678;
    enter(EXCP_DATA_ABORT);
    ck_assert_uint_eq(at.env->cp15.dfsr, 0x80d);
    ck_assert_uint_eq(at.env->cp15.dfar, 0x12345678);
    user_at(0x40000000);
    at.env->exception.fsr = 0x005;
    at.env->exception.vaddress = 0x40000000;
    enter(EXCP_PREFETCH_ABORT);
    ck_assert_uint_eq(at.env->cp15.ifsr, 0x005);
    ck_assert_uint_eq(at.env->cp15.ifar, 0x40000000);
    ck_assert_uint_eq(at.env->cp15.dfsr, 0x80d);      /* untouched */
    /* BKPT: prefetch abort, debug event FSR, IFAR 0. */
    {
        int e;
        user_at(0x40000100);
        ARM_CATCH(e, helper_exception(at.cs, EXCP_BKPT));
        ck_assert_int_eq(e, EXCP_BKPT);
        arm_cpu_do_interrupt(at.cs);
        ck_assert_uint_eq(at.env->mode, ARM_CPU_MODE_ABT);
        ck_assert_uint_eq(at.env->cp15.ifsr, 0x2);
        ck_assert_uint_eq(at.env->cp15.ifar, 0);
        ck_assert_uint_eq(at.env->regs[14], 0x40000104);
        ck_assert_uint_eq(at.env->regs[15], 0x0c);
    }
}
END_TEST

START_TEST(test_interrupt_masks)
{
    /* Masked: not taken; the request stays pending. */
    arm_cpsr_write(at.env, CPSR_AIF | ARM_CPU_MODE_SVC, 0xffffffff,
                   CPSRWriteRaw);
    arm_cpu_set_irq(at.cpu, true);
    arm_cpu_set_fiq(at.cpu, true);
    ck_assert(!arm_cpu_exec_interrupt(at.cs, at.cs->interrupt_request));
    ck_assert(arm_cpu_has_work(at.cs));
    /* IRQ unmasked, FIQ masked: IRQ. */
    at.env->aif = CPSR_F;
    at.env->regs[15] = 0x40000040;
    ck_assert(arm_cpu_exec_interrupt(at.cs, at.cs->interrupt_request));
    ck_assert_uint_eq(at.env->mode, ARM_CPU_MODE_IRQ);
    ck_assert_uint_eq(at.env->regs[14], 0x40000044);
    /* Now I is set: nothing until FIQ is unmasked; FIQ beats IRQ. */
    ck_assert(!arm_cpu_exec_interrupt(at.cs, at.cs->interrupt_request));
    arm_cpsr_write(at.env, ARM_CPU_MODE_SVC, 0xffffffff, CPSRWriteRaw);
    ck_assert(arm_cpu_exec_interrupt(at.cs, at.cs->interrupt_request));
    ck_assert_uint_eq(at.env->mode, ARM_CPU_MODE_FIQ);
    ck_assert_uint_eq(at.env->aif, CPSR_AIF);
}
END_TEST

/* A board hook that claims HVC function 0x84000000 (PSCI_VERSION). */
static int hook_calls;

static bool psci_hook(void *opaque, CPUARMState *env, ARMCallKind kind,
                      uint32_t imm)
{
    hook_calls++;
    if (kind == ARM_CALL_HVC && env->regs[0] == 0x84000000u) {
        env->regs[0] = 0x00010000;
        return true;
    }
    return false;
}

START_TEST(test_call_hook)
{
    int e;

    arm_cpu_set_call_hook(at.cpu, psci_hook, NULL);
    /* Claimed: r0 replaced, no mode change, PC already past the HVC. */
    at.env->regs[0] = 0x84000000u;
    at.env->regs[15] = 0x40000104;
    ARM_CATCH(e, helper_exception_imm(at.cs, EXCP_HVC, 0));
    ck_assert_int_eq(e, EXCP_HVC);
    arm_cpu_do_interrupt(at.cs);
    ck_assert_uint_eq(at.env->regs[0], 0x00010000);
    ck_assert_uint_eq(at.env->mode, ARM_CPU_MODE_SVC);
    ck_assert_uint_eq(at.env->regs[15], 0x40000104);
    /* Unclaimed: UNDEFINED at the HVC (LR = HVC + 4). */
    at.env->regs[0] = 0x12345678;
    enter(EXCP_HVC);
    ck_assert_uint_eq(at.env->mode, ARM_CPU_MODE_UND);
    ck_assert_uint_eq(at.env->regs[14], 0x40000104);
    ck_assert_uint_eq(at.env->regs[15], 0x04);
    /* At PL0 the hook is not even asked. */
    hook_calls = 0;
    user_at(0x40000204);
    at.env->regs[0] = 0x84000000u;
    enter(EXCP_HVC);
    ck_assert_int_eq(hook_calls, 0);
    ck_assert_uint_eq(at.env->mode, ARM_CPU_MODE_UND);
    /* Unclaimed semihosting is an ordinary SVC. */
    user_at(0x40000304);
    enter(EXCP_SEMIHOST);
    ck_assert_int_eq(hook_calls, 1);
    ck_assert_uint_eq(at.env->mode, ARM_CPU_MODE_SVC);
    ck_assert_uint_eq(at.env->regs[14], 0x40000304);
    /* No hook: SMC is UNDEFINED. */
    arm_cpu_set_call_hook(at.cpu, NULL, NULL);
    at.env->regs[15] = 0x40000404;
    enter(EXCP_SMC);
    ck_assert_uint_eq(at.env->mode, ARM_CPU_MODE_UND);
}
END_TEST

START_TEST(test_exception_return)
{
    uint32_t cpsr = user_at(0x40001000);
    uint32_t usr_sp = 0x4000f000;

    at.env->regs[13] = usr_sp;
    at.env->regs[3] = 33;
    enter(EXCP_IRQ);
    at.env->regs[13] = 0x40000800;   /* IRQ stack */
    /* SUBS pc, lr, #4 */
    arm_exception_return(at.env, at.env->regs[14] - 4);
    ck_assert_uint_eq(arm_cpsr_read(at.env), cpsr);
    ck_assert_uint_eq(at.env->regs[15], 0x40001000);
    ck_assert_uint_eq(at.env->regs[13], usr_sp);
    ck_assert_uint_eq(at.env->regs[3], 33);
    /* The IRQ bank kept its SP. */
    ck_assert_uint_eq(arm_banked_reg_read(at.env, ARM_CPU_MODE_IRQ, 13),
                      0x40000800);
    /* Return to Thumb: PC[0] cleared; to ARM: PC[1:0] cleared. */
    enter(EXCP_SWI);
    at.env->spsr = CPSR_T | (0x21u << 10) | ARM_CPU_MODE_USR;
    arm_exception_return(at.env, 0x40002003);
    ck_assert_uint_eq(at.env->thumb, 1);
    ck_assert_uint_eq(at.env->itstate, 0x21u << 2);
    ck_assert_uint_eq(at.env->regs[15], 0x40002002);
    enter(EXCP_SWI);
    at.env->spsr = ARM_CPU_MODE_SYS;
    arm_exception_return(at.env, 0x40002003);
    ck_assert_uint_eq(at.env->regs[15], 0x40002000);
    ck_assert_uint_eq(at.env->mode, ARM_CPU_MODE_SYS);
    /* RFE takes both values from memory (here: arguments). */
    arm_rfe(at.env, 0x40003001, CPSR_T | CPSR_I | ARM_CPU_MODE_SVC);
    ck_assert_uint_eq(at.env->mode, ARM_CPU_MODE_SVC);
    ck_assert_uint_eq(at.env->regs[15], 0x40003000);
    ck_assert_uint_eq(at.env->aif, CPSR_I);
    /* The helpers the translator calls: MSR SPSR, MRS, banked access. */
    helper_spsr_write(at.cs, 0xf0000010, 0xff000000);
    ck_assert_uint_eq(helper_spsr_read(at.cs) >> 24, 0xf0);
    helper_cpsr_write(at.cs, ARM_CPU_MODE_ABT, CPSR_M);
    ck_assert_uint_eq(helper_cpsr_read(at.cs) & CPSR_M, ARM_CPU_MODE_ABT);
    helper_banked_write(at.cs, ARM_CPU_MODE_SVC, 16, 0x1f);
    ck_assert_uint_eq(helper_banked_read(at.cs, ARM_CPU_MODE_SVC, 16), 0x1f);
    helper_usr_reg_write(at.cs, 13, 0x1234);
    ck_assert_uint_eq(helper_usr_reg_read(at.cs, 13), 0x1234);
}
END_TEST

START_TEST(test_wfi)
{
    int e;

    /* Nothing pending: halt. */
    ARM_CATCH(e, helper_wfi(at.cs));
    ck_assert_int_eq(e, EXCP_HLT);
    ck_assert(at.cs->halted);
    /* A pending (even masked) interrupt makes WFI a no-op. */
    at.cs->halted = false;
    arm_cpu_set_irq(at.cpu, true);
    ARM_CATCH(e, helper_wfi(at.cs));
    ck_assert_int_eq(e, EXCP_NONE);
    ck_assert(!at.cs->halted);
    ARM_CATCH(e, helper_yield(at.cs));
    ck_assert_int_eq(e, EXCP_YIELD);
}
END_TEST

Suite *suite_arm_excp(void)
{
    Suite *s = suite_create("arm-excp");
    TCase *tc = tcase_create("excp");

    tcase_add_checked_fixture(tc, arm_test_setup, arm_test_teardown);
    tcase_add_test(tc, test_entry_arm);
    tcase_add_test(tc, test_entry_thumb_it);
    tcase_add_test(tc, test_vectors_te_ee);
    tcase_add_test(tc, test_abort_registers);
    tcase_add_test(tc, test_interrupt_masks);
    tcase_add_test(tc, test_call_hook);
    tcase_add_test(tc, test_exception_return);
    tcase_add_test(tc, test_wfi);
    suite_add_tcase(s, tc);
    return s;
}
