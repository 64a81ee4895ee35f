/*
 * target/arm CPU state: reset values, CPSR packing, mode banking, TB
 * flags.
 */
#include <stdio.h>
#include <string.h>

#include "arm-test-util.h"

START_TEST(test_reset_state)
{
    CPUARMState *env = at.env;

    /* As qemu-system-arm enters a bare ELF: SVC, A/I/F masked, Z set. */
    ck_assert_uint_eq(arm_cpsr_read(env), 0x400001d3);
    ck_assert_uint_eq(env->cp15.midr, 0x414fc0f0);
    ck_assert_uint_eq(env->cp15.sctlr, 0x00c50078);
    ck_assert_uint_eq(env->cp15.cpacr, 0x80000000);
    ck_assert_uint_eq(env->cp15.mpidr, 0x80000000);
    ck_assert_uint_eq(env->vfp.fpsid, 0x410430f0);
    ck_assert_uint_eq(env->vfp.mvfr0, 0x10110222);
    ck_assert_uint_eq(env->vfp.mvfr1, 0x11000011);
    ck_assert_uint_eq(env->vfp.fpexc, 0);
    ck_assert_uint_eq(env->exclusive_addr, (uint64_t)-1);
    for (int i = 0; i < 16; i++) {
        ck_assert_uint_eq(env->regs[i], 0);
    }
}
END_TEST

START_TEST(test_cpsr_roundtrip)
{
    CPUARMState *env = at.env;
    static const uint32_t vals[] = {
        0x000001d3, 0xf80f0010, 0x400001d3, 0x9a0ffe30, 0x06005c1f,
        0x80000117, 0x000000db, 0x110a0012, 0xf9ff0f11,
    };

    for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
        arm_cpsr_write(env, vals[i], 0xffffffff, CPSRWriteRaw);
        ck_assert_uint_eq(arm_cpsr_read(env), vals[i] & CPSR_VALID);
    }
    /* The split fields as a translator sees them. */
    arm_cpsr_write(env, 0xf8000000 | 0x13, 0xffffffff, CPSRWriteRaw);
    ck_assert_uint_eq(env->NF >> 31, 1);
    ck_assert_uint_eq(env->ZF, 0);
    ck_assert_uint_eq(env->CF, 1);
    ck_assert_uint_eq(env->VF >> 31, 1);
    ck_assert_uint_eq(env->QF, 1);
    /* IT state: CPSR[15:10] = IT[7:2], CPSR[26:25] = IT[1:0]. */
    arm_cpsr_write(env, (0x2du << 10) | (2u << 25) | CPSR_T | 0x13,
                   0xffffffff, CPSRWriteRaw);
    ck_assert_uint_eq(env->itstate, (0x2du << 2) | 2);
    ck_assert_uint_eq(env->thumb, 1);
    /* J is RAZ. */
    arm_cpsr_write(env, CPSR_J | 0x13, 0xffffffff, CPSRWriteRaw);
    ck_assert_uint_eq(arm_cpsr_read(env) & CPSR_J, 0);
}
END_TEST

START_TEST(test_cpsr_write_by_instr)
{
    CPUARMState *env = at.env;

    /* MSR never changes T or IT, even at PL1. */
    arm_cpsr_write(env, CPSR_T | CPSR_IT | 0x13, 0xffffffff,
                   CPSRWriteByInstr);
    ck_assert_uint_eq(env->thumb, 0);
    ck_assert_uint_eq(env->itstate, 0);
    /* PL1 may change mode and masks. */
    arm_cpsr_write(env, ARM_CPU_MODE_SYS, 0xff, CPSRWriteByInstr);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_SYS);
    ck_assert_uint_eq(env->aif, 0);
    /* Invalid or unimplemented modes leave the mode alone. */
    arm_cpsr_write(env, 0x15, CPSR_M, CPSRWriteByInstr);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_SYS);
    arm_cpsr_write(env, ARM_CPU_MODE_HYP, CPSR_M, CPSRWriteByInstr);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_SYS);
    arm_cpsr_write(env, ARM_CPU_MODE_MON, CPSR_M, CPSRWriteRaw);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_SYS);
    /* PL0: only NZCVQ, GE and E change. */
    arm_cpsr_write(env, ARM_CPU_MODE_USR, CPSR_M, CPSRWriteByInstr);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_USR);
    arm_cpsr_write(env, 0xf80f0200 | CPSR_AIF | ARM_CPU_MODE_SVC, 0xffffffff,
                   CPSRWriteByInstr);
    ck_assert_uint_eq(arm_cpsr_read(env), 0xf80f0200 | ARM_CPU_MODE_USR);
    /* Partial masks only touch their bits: GE[1] alone. */
    arm_cpsr_write(env, 0, 1u << 17, CPSRWriteByInstr);
    ck_assert_uint_eq(env->GE, 0xd);
    /* The E bit is visible in the TB flags. */
    {
        uint64_t pc, flags;
        arm_cpu_get_tb_state(env, &pc, &flags);
        ck_assert(flags & ARM_TBFLAG_BE_DATA);
        ck_assert(flags & ARM_TBFLAG_USER);
    }
}
END_TEST

START_TEST(test_banking)
{
    CPUARMState *env = at.env;
    static const uint32_t modes[] = {
        ARM_CPU_MODE_USR, ARM_CPU_MODE_FIQ, ARM_CPU_MODE_IRQ,
        ARM_CPU_MODE_SVC, ARM_CPU_MODE_ABT, ARM_CPU_MODE_UND,
    };
    unsigned n = sizeof(modes) / sizeof(modes[0]);

    /* Give each mode its own r8-r14 (only FIQ banks r8-r12). */
    for (unsigned i = 0; i < n; i++) {
        arm_cpsr_write(env, modes[i], CPSR_M, CPSRWriteRaw);
        ck_assert_uint_eq(env->mode, modes[i]);
        for (int r = 8; r < 15; r++) {
            if (r >= 13 || modes[i] == ARM_CPU_MODE_FIQ ||
                modes[i] == ARM_CPU_MODE_USR) {
                env->regs[r] = (modes[i] << 8) | r;
            }
        }
        env->regs[0] = 0x1234;  /* r0-r7 are never banked */
        if (modes[i] != ARM_CPU_MODE_USR) {
            env->spsr = 0x10 | (i << 28);
        }
    }
    for (unsigned k = 0; k < 2 * n; k++) {
        unsigned i = (k * 7) % n;   /* visit modes in a scrambled order */
        arm_cpsr_write(env, modes[i], CPSR_M, CPSRWriteRaw);
        ck_assert_uint_eq(env->regs[0], 0x1234);
        for (int r = 8; r < 15; r++) {
            uint32_t owner = modes[i];
            if (r < 13 && owner != ARM_CPU_MODE_FIQ) {
                owner = ARM_CPU_MODE_USR;
            }
            ck_assert_uint_eq(env->regs[r], (owner << 8) | r);
        }
        if (modes[i] != ARM_CPU_MODE_USR) {
            ck_assert_uint_eq(env->spsr, 0x10 | (i << 28));
        }
    }
    /* SYS shares the user bank. */
    arm_cpsr_write(env, ARM_CPU_MODE_SYS, CPSR_M, CPSRWriteRaw);
    ck_assert_uint_eq(env->regs[13], (ARM_CPU_MODE_USR << 8) | 13);
    /* Banked access from another mode (MRS/MSR banked, LDM ^). */
    ck_assert_uint_eq(arm_banked_reg_read(env, ARM_CPU_MODE_FIQ, 9),
                      (ARM_CPU_MODE_FIQ << 8) | 9);
    ck_assert_uint_eq(arm_banked_reg_read(env, ARM_CPU_MODE_IRQ, 14),
                      (ARM_CPU_MODE_IRQ << 8) | 14);
    ck_assert_uint_eq(arm_banked_reg_read(env, ARM_CPU_MODE_ABT, 16),
                      0x10 | (4u << 28));
    arm_banked_reg_write(env, ARM_CPU_MODE_UND, 13, 0xcafe);
    arm_cpsr_write(env, ARM_CPU_MODE_FIQ, CPSR_M, CPSRWriteRaw);
    ck_assert_uint_eq(arm_usr_reg_read(env, 10), (ARM_CPU_MODE_USR << 8) | 10);
    ck_assert_uint_eq(arm_usr_reg_read(env, 13), (ARM_CPU_MODE_USR << 8) | 13);
    arm_usr_reg_write(env, 14, 0xbeef);
    ck_assert_uint_eq(env->regs[14], (ARM_CPU_MODE_FIQ << 8) | 14);
    arm_cpsr_write(env, ARM_CPU_MODE_UND, CPSR_M, CPSRWriteRaw);
    ck_assert_uint_eq(env->regs[13], 0xcafe);
    arm_cpsr_write(env, ARM_CPU_MODE_USR, CPSR_M, CPSRWriteRaw);
    ck_assert_uint_eq(env->regs[14], 0xbeef);
}
END_TEST

START_TEST(test_tb_flags)
{
    CPUARMState *env = at.env;
    uint64_t pc, flags;

    env->regs[15] = 0x40001000;
    arm_cpu_get_tb_state(env, &pc, &flags);
    ck_assert_uint_eq(pc, 0x40001000);
    ck_assert_uint_eq(flags & ~(uint64_t)ARM_TBFLAG_MODE_MASK, 0);
    ck_assert_uint_eq(arm_tbflag_mode(flags), ARM_CPU_MODE_SVC);

    /* VFP: CPACR grants access; FPEXC.EN enables. */
    env->vfp.fpexc = FPEXC_EN;
    arm_cpu_get_tb_state(env, &pc, &flags);
    ck_assert(!(flags & (ARM_TBFLAG_VFP_ACCESS | ARM_TBFLAG_VFPEN)));
    env->cp15.cpacr = 0x80500000;   /* cp10/cp11: PL1 only */
    arm_cpu_get_tb_state(env, &pc, &flags);
    ck_assert(flags & ARM_TBFLAG_VFP_ACCESS);
    ck_assert(flags & ARM_TBFLAG_VFPEN);
    arm_cpsr_write(env, ARM_CPU_MODE_USR, CPSR_M, CPSRWriteRaw);
    arm_cpu_get_tb_state(env, &pc, &flags);
    ck_assert(!(flags & ARM_TBFLAG_VFP_ACCESS));
    ck_assert(flags & ARM_TBFLAG_USER);
    env->cp15.cpacr = 0x80f00000;   /* full access */
    env->vfp.fpexc = 0;
    arm_cpu_get_tb_state(env, &pc, &flags);
    ck_assert(flags & ARM_TBFLAG_VFP_ACCESS);
    ck_assert(!(flags & ARM_TBFLAG_VFPEN));

    /* Thumb + IT state, alignment checking. */
    arm_cpsr_write(env, CPSR_T | (0x1bu << 10) | (1u << 25) | 0x10,
                   0xffffffff, CPSRWriteRaw);
    env->cp15.sctlr |= SCTLR_A;
    arm_cpu_get_tb_state(env, &pc, &flags);
    ck_assert(flags & ARM_TBFLAG_THUMB);
    ck_assert(flags & ARM_TBFLAG_ALIGN);
    ck_assert_uint_eq(arm_tbflag_itstate(flags), (0x1bu << 2) | 1);
    ck_assert(!(flags & ARM_TBFLAG_VEC));
    /* Short-vector settings make VFP data processing UNDEFINED. */
    arm_fpscr_write(env, 1u << FPSCR_STRIDE_SHIFT);
    arm_cpu_get_tb_state(env, &pc, &flags);
    ck_assert(flags & ARM_TBFLAG_VEC);
    ck_assert_uint_eq(arm_cpu_ops.mmu_index(at.cs, false), ARM_MMU_IDX_PL0);
}
END_TEST

START_TEST(test_irq_lines)
{
    arm_cpu_set_irq(at.cpu, true);
    ck_assert(at.cs->interrupt_request & CPU_INTERRUPT_HARD);
    ck_assert(arm_cpu_has_work(at.cs));
    arm_cpu_set_irq(at.cpu, false);
    ck_assert(!arm_cpu_has_work(at.cs));
    arm_cpu_set_fiq(at.cpu, true);
    ck_assert(at.cs->interrupt_request & CPU_INTERRUPT_FIQ);
    ck_assert(arm_cpu_has_work(at.cs));
    arm_cpu_set_fiq(at.cpu, false);
    ck_assert(!arm_cpu_has_work(at.cs));
}
END_TEST

START_TEST(test_dump)
{
    char buf[1024];
    size_t len;
    FILE *f = tmpfile();

    ck_assert_ptr_nonnull(f);
    at.env->regs[3] = 0xdeadbeef;
    arm_cpu_dump_state(at.env, f);
    rewind(f);
    len = fread(buf, 1, sizeof(buf) - 1, f);
    buf[len] = 0;
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, "R03=deadbeef"));
    ck_assert_ptr_nonnull(strstr(buf, "PSR=400001d3"));
    ck_assert_ptr_nonnull(strstr(buf, "PSR=400001d3 -Z-- A svc32\n"));
}
END_TEST

Suite *suite_arm_cpu(void)
{
    Suite *s = suite_create("arm-cpu");
    TCase *tc = tcase_create("cpu");

    tcase_add_checked_fixture(tc, arm_test_setup, arm_test_teardown);
    tcase_add_test(tc, test_reset_state);
    tcase_add_test(tc, test_cpsr_roundtrip);
    tcase_add_test(tc, test_cpsr_write_by_instr);
    tcase_add_test(tc, test_banking);
    tcase_add_test(tc, test_tb_flags);
    tcase_add_test(tc, test_irq_lines);
    tcase_add_test(tc, test_dump);
    suite_add_tcase(s, tc);
    return s;
}
