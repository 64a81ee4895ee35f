/*
 * Bytecode backend, part 2: conditions and branches, loops, scratch
 * reuse, host and guest memory, helper calls, chaining and exits, register
 * pressure, the instruction map and the optimiser.  Each test runs with
 * both dispatch variants (_i).
 */
#include <check.h>
#include <errno.h>
#include <glib.h>
#include <setjmp.h>
#include <stddef.h>
#include <string.h>

#include "portos-test.h"
#include "tci-test.h"

static bool ref_cond64(TCGCond c, uint64_t a, uint64_t b)
{
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return (int64_t)a < (int64_t)b;
    case TCG_COND_GE: return (int64_t)a >= (int64_t)b;
    case TCG_COND_LE: return (int64_t)a <= (int64_t)b;
    case TCG_COND_GT: return (int64_t)a > (int64_t)b;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    case TCG_COND_TSTEQ: return !(a & b);
    case TCG_COND_TSTNE: return !!(a & b);
    }
    return false;
}

static bool ref_cond32(TCGCond c, uint32_t a, uint32_t b)
{
    switch (c) {
    case TCG_COND_LT: return (int32_t)a < (int32_t)b;
    case TCG_COND_GE: return (int32_t)a >= (int32_t)b;
    case TCG_COND_LE: return (int32_t)a <= (int32_t)b;
    case TCG_COND_GT: return (int32_t)a > (int32_t)b;
    default: return ref_cond64(c, a, b);
    }
}

START_TEST(test_conditions)
{
    static const uint32_t cv[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 5 };

    for (int c = TCG_COND_NEVER; c <= TCG_COND_TSTNE; c++) {
        for (unsigned i = 0; i < G_N_ELEMENTS(cv); i++) {
            for (unsigned j = 0; j < G_N_ELEMENTS(cv); j++) {
                uint32_t a = cv[i], b = cv[j];
                uint64_t A = (uint64_t)a << 31 | a, B = (uint64_t)b << 31 | b;
                bool w = ref_cond32(c, a, b), W = ref_cond64(c, A, B);
                reset_regs();
                cpu->r32[0] = a;
                cpu->r32[1] = b;
                cpu->r64[0] = A;
                cpu->r64[1] = B;
                cpu->r32[6] = 0x11;
                cpu->r32[7] = 0x22;
                begin();
                TCGLabel *l1 = gen_new_label(), *l2 = gen_new_label();
                TCGLabel *l3 = gen_new_label(), *l4 = gen_new_label();
                tcg_gen_setcond_i32(c, R[2], R[0], R[1]);
                tcg_gen_setcondi_i32(c, R[3], R[0], (int32_t)b);
                tcg_gen_movcond_i32(c, R[4], R[0], R[1], R[6], R[7]);
                tcg_gen_negsetcond_i32(c, R[5], R[0], R[1]);
                tcg_gen_setcond_i64(c, D[2], D[0], D[1]);
                tcg_gen_movcond_i64(c, D[3], D[0], D[1], D[0], D[1]);
                /* branches: taken -> bit stays clear */
                tcg_gen_movi_i64(D[4], 0);
                tcg_gen_brcond_i32(c, R[0], R[1], l1);
                tcg_gen_ori_i64(D[4], D[4], 1);
                gen_set_label(l1);
                tcg_gen_brcondi_i32(c, R[0], (int32_t)b, l2);
                tcg_gen_ori_i64(D[4], D[4], 2);
                gen_set_label(l2);
                tcg_gen_brcond_i64(c, D[0], D[1], l3);
                tcg_gen_ori_i64(D[4], D[4], 4);
                gen_set_label(l3);
                if ((int64_t)B == (int32_t)B) {
                    tcg_gen_brcondi_i64(c, D[0], (int64_t)B, l4);
                } else {
                    tcg_gen_brcondi_i64(c, D[0], (int32_t)b, l4);
                }
                tcg_gen_ori_i64(D[4], D[4], 8);
                gen_set_label(l4);
                run(_i);
                bool W2 = (int64_t)B == (int32_t)B ? W
                          : ref_cond64(c, A, (uint64_t)(int64_t)(int32_t)b);
                ck_assert_uint_eq(cpu->r32[2], w);
                ck_assert_uint_eq(cpu->r32[3], w);
                ck_assert_uint_eq(cpu->r32[4], w ? 0x11 : 0x22);
                ck_assert_uint_eq(cpu->r32[5], w ? 0xffffffffu : 0);
                ck_assert_uint_eq(cpu->r64[2], W);
                ck_assert_uint_eq(cpu->r64[3], W ? A : B);
                ck_assert_uint_eq(cpu->r64[4],
                                  (w ? 0 : 1) | (w ? 0 : 2) | (W ? 0 : 4) |
                                  (W2 ? 0 : 8));
            }
        }
    }
}
END_TEST

/* A loop with a backward branch and a temp live across it. */
START_TEST(test_loop)
{
    reset_regs();
    cpu->r32[0] = 10;
    begin();
    TCGv_i32 sum = tcg_temp_new_i32(), i = tcg_temp_new_i32();
    TCGv_i32 unrelated = tcg_temp_new_i32();
    TCGLabel *top = gen_new_label(), *out = gen_new_label();
    tcg_gen_movi_i32(sum, 0);
    tcg_gen_mov_i32(i, R[0]);
    gen_set_label(top);
    tcg_gen_brcondi_i32(TCG_COND_EQ, i, 0, out);
    /* short-lived temps inside the loop must not reuse sum's or i's slot */
    tcg_gen_addi_i32(unrelated, i, 1000);
    tcg_gen_add_i32(sum, sum, i);
    tcg_gen_subi_i32(i, i, 1);
    tcg_gen_add_i32(R[2], R[2], unrelated);
    tcg_gen_br(top);
    gen_set_label(out);
    tcg_gen_mov_i32(R[1], sum);
    run(_i);
    ck_assert_uint_eq(cpu->r32[1], 55);
    ck_assert_uint_eq(cpu->r32[2], 55 + 10 * 1000);
}
END_TEST

/* The optimiser's liveness across a backward branch: temps read at the
   loop's head stay live through its body. */
START_TEST(test_optimizer_loop)
{
    reset_regs();
    cpu->r32[0] = 10;
    begin();
    TCGv_i32 sum = tcg_temp_new_i32(), i = tcg_temp_new_i32();
    TCGv_i32 t = tcg_temp_new_i32();
    TCGLabel *top = gen_new_label(), *out = gen_new_label();
    tcg_gen_movi_i32(sum, 0);
    tcg_gen_mov_i32(i, R[0]);
    gen_set_label(top);
    tcg_gen_brcondi_i32(TCG_COND_EQ, i, 0, out);
    tcg_gen_add_i32(t, sum, i);
    tcg_gen_mov_i32(sum, t);              /* retargeted: add sum, sum, i */
    tcg_gen_sub_i32(t, i, tcg_constant_i32(1));
    tcg_gen_mov_i32(i, t);
    tcg_gen_br(top);
    gen_set_label(out);
    tcg_gen_mov_i32(R[1], sum);
    tcg_optimize();
    run(_i);
    ck_assert_uint_eq(cpu->r32[1], 55);
}
END_TEST

/* Constants cached in scratch slots must be reloaded after a label. */
START_TEST(test_scratch_reuse)
{
    for (uint32_t skip = 0; skip < 2; skip++) {
        reset_regs();
        cpu->r32[0] = skip;
        cpu->r32[1] = 3;
        cpu->r32[2] = 5;
        begin();
        TCGLabel *l = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_NE, R[0], 0, l);
        tcg_gen_mul_i32(R[1], R[1], tcg_constant_i32(7));
        tcg_gen_mul_i32(R[1], R[1], tcg_constant_i32(7));
        gen_set_label(l);
        tcg_gen_mul_i32(R[2], R[2], tcg_constant_i32(7));
        tcg_gen_mul_i32(R[2], R[2], tcg_constant_i32(7));
        tcg_gen_mul_i32(R[3], R[2], tcg_constant_i32(11));
        run(_i);
        ck_assert_uint_eq(cpu->r32[1], skip ? 3 : 3 * 49);
        ck_assert_uint_eq(cpu->r32[2], 5 * 49);
        ck_assert_uint_eq(cpu->r32[3], 5 * 49 * 11);
    }
    /* Within a block, one load of a constant serves every use. */
    int movi = 0;
    for (uint32_t k = 0; k < tb.code_units; k += tci_op_len[code[k]]) {
        movi += code[k] == TCI_movi_i32;
    }
    ck_assert_int_eq(movi, 3);
}
END_TEST

START_TEST(test_host_mem)
{
    reset_regs();
    for (int k = 0; k < 32; k++) {
        cpu->bytes[k] = (uint8_t)(0x81 + k);
    }
    size_t o = offsetof(TestCPU, bytes);
    begin();
    TCGv_ptr p = tcg_temp_new_ptr();
    tcg_gen_addi_ptr(p, tcg_env, (intptr_t)o);
    tcg_gen_ld8u_i32(R[0], tcg_env, (intptr_t)o);
    tcg_gen_ld8s_i32(R[1], p, 0);
    tcg_gen_ld16u_i32(R[2], p, 2);
    tcg_gen_ld16s_i32(R[3], p, 2);
    tcg_gen_ld_i32(R[4], p, 4);
    tcg_gen_ld_i32(R[5], tcg_env, offsetof(TestCPU, r32[4]));  /* after R4 */
    tcg_gen_ld8u_i64(D[0], p, 1);
    tcg_gen_ld8s_i64(D[1], p, 1);
    tcg_gen_ld16u_i64(D[2], p, 6);
    tcg_gen_ld16s_i64(D[3], p, 6);
    tcg_gen_ld32u_i64(D[4], p, 8);
    tcg_gen_ld32s_i64(D[5], p, 8);
    tcg_gen_ld_i64(D[6], p, 8);
    tcg_gen_ld_i64(D[7], tcg_env, offsetof(TestCPU, r64[6]));
    run(_i);
    ck_assert_uint_eq(cpu->r32[0], 0x81);
    ck_assert_uint_eq(cpu->r32[1], 0xffffff81);
    ck_assert_uint_eq(cpu->r32[2], 0x8483);
    ck_assert_uint_eq(cpu->r32[3], 0xffff8483);
    ck_assert_uint_eq(cpu->r32[4], 0x88878685);
    ck_assert_uint_eq(cpu->r32[5], 0x88878685);
    ck_assert_uint_eq(cpu->r64[0], 0x82);
    ck_assert_uint_eq(cpu->r64[1], 0xffffffffffffff82ull);
    ck_assert_uint_eq(cpu->r64[2], 0x8887);
    ck_assert_uint_eq(cpu->r64[3], 0xffffffffffff8887ull);
    ck_assert_uint_eq(cpu->r64[4], 0x8c8b8a89);
    ck_assert_uint_eq(cpu->r64[5], 0xffffffff8c8b8a89ull);
    ck_assert_uint_eq(cpu->r64[6], 0x908f8e8d8c8b8a89ull);
    ck_assert_uint_eq(cpu->r64[7], 0x908f8e8d8c8b8a89ull);

    reset_regs();
    cpu->r32[0] = 0x11223344;
    cpu->r64[0] = 0xa1a2a3a4a5a6a7a8ull;
    begin();
    p = tcg_temp_new_ptr();
    tcg_gen_addi_ptr(p, tcg_env, (intptr_t)o);
    tcg_gen_st8_i32(R[0], p, 0);
    tcg_gen_st16_i32(R[0], p, 2);
    tcg_gen_st_i32(R[0], p, 4);
    tcg_gen_st8_i64(D[0], p, 8);
    tcg_gen_st16_i64(D[0], p, 10);
    tcg_gen_st32_i64(D[0], p, 12);
    tcg_gen_st_i64(D[0], p, 16);
    tcg_gen_st_i32(R[0], tcg_env, offsetof(TestCPU, r32[1]));
    tcg_gen_st_i64(D[0], tcg_env, offsetof(TestCPU, r64[1]));
    TCGv_ptr q = tcg_temp_new_ptr();
    tcg_gen_ld_ptr(q, tcg_env, offsetof(CPUState, ops));
    tcg_gen_st_ptr(q, tcg_env, offsetof(TestCPU, r64[2]));
    tcg_gen_mov_ptr(q, tcg_env);
    tcg_gen_st_ptr(q, tcg_env, offsetof(TestCPU, r64[3]));
    run(_i);
    static const uint8_t want[24] = {
        0x44, 0, 0x44, 0x33, 0x44, 0x33, 0x22, 0x11,
        0xa8, 0, 0xa8, 0xa7, 0xa8, 0xa7, 0xa6, 0xa5,
        0xa8, 0xa7, 0xa6, 0xa5, 0xa4, 0xa3, 0xa2, 0xa1,
    };
    ck_assert_int_eq(memcmp(cpu->bytes, want, 24), 0);
    ck_assert_uint_eq(cpu->r32[1], 0x11223344);
    ck_assert_uint_eq(cpu->r64[1], 0xa1a2a3a4a5a6a7a8ull);
    ck_assert_uint_eq(cpu->r64[2], (uintptr_t)&test_ops);
    ck_assert_uint_eq(cpu->r64[3], (uintptr_t)cpu);
}
END_TEST

START_TEST(test_guest_mem)
{
    reset_regs();
    tlb_flush(&cpu->cs.tlb);
    fills = 0;
    for (int k = 0; k < 16; k++) {
        ram[0x100 + k] = (uint8_t)(0xf0 + k);
    }
    cpu->r32[0] = 0x100;
    cpu->r64[0] = 0x104;
    cpu->r64[1] = 0x1122334455667788ull;
    begin();
    tcg_gen_qemu_ld_i32(R[1], R[0], 0, MO_UB);
    tcg_gen_qemu_ld_i32(R[2], R[0], 0, MO_SB);
    tcg_gen_qemu_ld_i32(R[3], R[0], 0, MO_LEUW);
    tcg_gen_qemu_ld_i32(R[4], R[0], 0, MO_LESW);
    tcg_gen_qemu_ld_i32(R[5], R[0], 0, MO_LEUL);
    tcg_gen_qemu_ld_i64(D[2], R[0], 0, MO_LEUQ);
    /* generic forms: big-endian, 64-bit address, small i64 loads */
    tcg_gen_qemu_ld_i32(R[6], R[0], 0, MO_BEUL);
    tcg_gen_qemu_ld_i32_a64(R[7], D[0], 0, MO_UB);
    tcg_gen_qemu_ld_i64(D[3], R[0], 0, MO_LESL);
    tcg_gen_qemu_ld_i64_a64(D[4], D[0], 0, MO_BEUW);
    run(_i);
    ck_assert_int_eq(fills, 1);
    ck_assert_uint_eq(cpu->r32[1], 0xf0);
    ck_assert_uint_eq(cpu->r32[2], 0xfffffff0);
    ck_assert_uint_eq(cpu->r32[3], 0xf1f0);
    ck_assert_uint_eq(cpu->r32[4], 0xfffff1f0);
    ck_assert_uint_eq(cpu->r32[5], 0xf3f2f1f0);
    ck_assert_uint_eq(cpu->r64[2], 0xf7f6f5f4f3f2f1f0ull);
    ck_assert_uint_eq(cpu->r32[6], 0xf0f1f2f3);
    ck_assert_uint_eq(cpu->r32[7], 0xf4);
    ck_assert_uint_eq(cpu->r64[3], 0xfffffffff3f2f1f0ull);
    ck_assert_uint_eq(cpu->r64[4], 0xf4f5);

    begin();
    tcg_gen_qemu_st_i32(R[0], R[0], 0, MO_UB);          /* 0x100 <- 00 */
    tcg_gen_addi_i32(R[1], R[0], 2);
    tcg_gen_qemu_st_i32(R[1], R[1], 0, MO_LEUW);        /* 0x102 <- 02 01 */
    tcg_gen_addi_i32(R[1], R[0], 4);
    tcg_gen_qemu_st_i32(R[1], R[1], 0, MO_LEUL);        /* 0x104 <- 04 01 00 00 */
    tcg_gen_addi_i32(R[1], R[0], 8);
    tcg_gen_qemu_st_i64(D[1], R[1], 0, MO_LEUQ);        /* 0x108 */
    tcg_gen_addi_i64(D[2], D[0], 0x10);
    tcg_gen_qemu_st_i32_a64(R[0], D[2], 1, MO_BEUL);    /* 0x114, mmu 1 */
    tcg_gen_addi_i32(R[1], R[0], 0x18);
    tcg_gen_qemu_st_i64(D[1], R[1], 0, MO_BEUQ);        /* 0x118 */
    tcg_gen_addi_i64(D[2], D[0], 0x20);
    tcg_gen_qemu_st_i64_a64(D[1], D[2], 0, MO_LEUW);    /* 0x124 */
    tcg_gen_addi_i32(R[1], R[0], 0x28);
    tcg_gen_qemu_st_i32(R[1], R[1], 0, MO_BEUW);        /* 0x128 <- 01 28 */
    run(_i);
    ck_assert_uint_eq(ram[0x100], 0x00);
    ck_assert_uint_eq(ram[0x101], 0xf1);
    ck_assert_uint_eq(ram[0x102], 0x02);
    ck_assert_uint_eq(ram[0x103], 0x01);
    ck_assert_uint_eq(ram[0x104], 0x04);
    ck_assert_uint_eq(ram[0x105], 0x01);
    ck_assert_uint_eq(ram[0x106], 0x00);
    ck_assert_uint_eq(ram[0x108], 0x88);
    ck_assert_uint_eq(ram[0x10f], 0x11);
    ck_assert_uint_eq(ram[0x114], 0x00);
    ck_assert_uint_eq(ram[0x116], 0x01);
    ck_assert_uint_eq(ram[0x117], 0x00);
    ck_assert_uint_eq(ram[0x118], 0x11);
    ck_assert_uint_eq(ram[0x11f], 0x88);
    ck_assert_uint_eq(ram[0x124], 0x88);
    ck_assert_uint_eq(ram[0x125], 0x77);
    ck_assert_uint_eq(ram[0x128], 0x01);
    ck_assert_uint_eq(ram[0x129], 0x28);

    /* Slow paths from the fast ops: MMIO, unaligned, page crossing. */
    dev_reads = 0;
    dev_reg = 0x5000;
    ram[0xfff] = 0x12;
    ram[0x1000] = 0x34;
    cpu->r32[0] = MMIO_VPAGE + 0x10;
    cpu->r32[1] = 0xfff;
    cpu->r32[7] = 0xabcd;
    begin();
    tcg_gen_qemu_ld_i32(R[2], R[0], 0, MO_LEUL);
    tcg_gen_qemu_ld_i32(R[3], R[1], 0, MO_LEUW);
    tcg_gen_qemu_st_i32(R[7], R[0], 0, MO_LEUW);
    run(_i);
    ck_assert_uint_eq(cpu->r32[2], 0x5010);
    ck_assert_int_eq(dev_reads, 1);
    ck_assert_uint_eq(cpu->r32[3], 0x3412);
    ck_assert_uint_eq(dev_reg, 0xabcd);

    /* A fault in the slow path unwinds out of the interpreter. */
    cpu->r32[0] = 0x7000000;
    begin();
    tcg_gen_movi_i32(R[5], 1);
    tcg_gen_qemu_ld_i32(R[2], R[0], 0, MO_LEUL);
    tcg_gen_movi_i32(R[5], 2);
    if (setjmp(fault_env) == 0) {
        run(_i);
        ck_abort_msg("no fault");
    }
    ck_assert_uint_eq(cpu->r32[5], 1);
    /* The interpreter said where it was: at the load. */
    ck_assert_ptr_nonnull(cpu->cs.tci_pc);
    ck_assert(*cpu->cs.tci_pc == TCI_qld32_i32);
    /* MO_ALIGN */
    cpu->r32[0] = 0x101;
    begin();
    tcg_gen_qemu_ld_i32(R[2], R[0], 0, MO_LEUW | MO_ALIGN);
    ck_assert_int_eq(setjmp(fault_env) == 0 ? (run(_i), 0) : 3, 3);
}
END_TEST

/* An address add in front of a guest access is folded into it. */
START_TEST(test_guest_mem_offset)
{
    TCGv_i32 t;

    reset_regs();
    tlb_flush(&cpu->cs.tlb);
    for (int k = 0; k < 16; k++) {
        ram[0x200 + k] = (uint8_t)(0xe0 + k);
    }
    cpu->r32[0] = 0x208;
    begin();
#define AT(off) (t = tcg_temp_new_i32(), tcg_gen_addi_i32(t, R[0], (off)), t)
    tcg_gen_qemu_ld_i32(R[1], AT(-8), 0, MO_UB);
    tcg_gen_qemu_ld_i32(R[2], AT(-7), 0, MO_SB);
    tcg_gen_qemu_ld_i32(R[3], AT(-6), 0, MO_LEUW);
    tcg_gen_qemu_ld_i32(R[4], AT(-4), 0, MO_LESW);
    tcg_gen_qemu_ld_i32(R[5], AT(4), 0, MO_LEUL);
    t = tcg_temp_new_i32();
    tcg_gen_subi_i32(t, R[0], 1);
    tcg_gen_qemu_st_i32(R[0], t, 0, MO_UB);           /* 0x207 <- 08 */
    tcg_gen_qemu_st_i32(R[0], AT(0x10), 0, MO_LEUW);  /* 0x218 <- 08 02 */
    tcg_gen_qemu_st_i32(R[5], AT(0x18), 0, MO_LEUL);  /* 0x220 */
    /* Not folded: the address is read again after the access. */
    t = AT(0x20);
    tcg_gen_qemu_st_i32(R[0], t, 0, MO_LEUL);
    tcg_gen_mov_i32(R[6], t);
#undef AT
    tcg_optimize();
    run(_i);
    ck_assert_uint_eq(cpu->r32[1], 0xe0);
    ck_assert_uint_eq(cpu->r32[2], 0xffffffe1);
    ck_assert_uint_eq(cpu->r32[3], 0xe3e2);
    ck_assert_uint_eq(cpu->r32[4], 0xffffe5e4);
    ck_assert_uint_eq(cpu->r32[5], 0xefeeedec);
    ck_assert_uint_eq(ram[0x207], 0x08);
    ck_assert_uint_eq(ram[0x218], 0x08);
    ck_assert_uint_eq(ram[0x219], 0x02);
    ck_assert_uint_eq(ram[0x220], 0xec);
    ck_assert_uint_eq(ram[0x223], 0xef);
    ck_assert_uint_eq(ram[0x228], 0x08);
    ck_assert_uint_eq(cpu->r32[6], 0x228);

    /* A fault at base + offset: the address is the sum, and the
       interpreter stops at the folded access. */
    cpu->r32[0] = 0x7000000 - 0x10;
    begin();
    t = tcg_temp_new_i32();
    tcg_gen_movi_i32(R[5], 1);
    tcg_gen_addi_i32(t, R[0], 0x10);
    tcg_gen_qemu_ld_i32(R[2], t, 0, MO_LEUL);
    tcg_gen_movi_i32(R[5], 2);
    if (setjmp(fault_env) == 0) {
        run(_i);
        ck_abort_msg("no fault");
    }
    ck_assert_uint_eq(cpu->r32[5], 1);
    ck_assert(*cpu->cs.tci_pc == TCI_qld32_i32o);
}
END_TEST

/* ---- helpers ---- */

static int called;
static uint64_t seen_args[4];

static void h_v_(struct CPUState *cs)
{
    called++;
    ck_assert_ptr_eq(cs, &cpu->cs);
}
static uint32_t h_i_ii(struct CPUState *cs, uint32_t a, uint32_t b)
{
    return a * 10 + b;
}
static uint64_t h_l_il(struct CPUState *cs, uint32_t a, uint64_t b)
{
    return ((uint64_t)a << 40) ^ b;
}
static void h_v_llll(struct CPUState *cs, uint64_t a, uint64_t b, uint64_t c,
                     uint64_t d)
{
    seen_args[0] = a;
    seen_args[1] = b;
    seen_args[2] = c;
    seen_args[3] = d;
}
static uint32_t h_i_iiii(struct CPUState *cs, uint32_t a, uint32_t b,
                         uint32_t c, uint32_t d)
{
    return a - b - c - d;
}
static uint64_t h_l_(struct CPUState *cs)
{
    return 0xfeedfacecafebeefull;
}
static uint32_t h_i_lil(struct CPUState *cs, uint64_t a, uint32_t b, uint64_t c)
{
    return (uint32_t)(a >> 32) + b + (uint32_t)c;
}

static const TCGHelper H_v_ = TCG_HELPER(v_, h_v_, 0);
static const TCGHelper H_i_ii = TCG_HELPER(i_ii, h_i_ii, TCG_CALL_PURE);
static const TCGHelper H_l_il = TCG_HELPER(l_il, h_l_il, 0);
static const TCGHelper H_v_llll = TCG_HELPER(v_llll, h_v_llll, 0);
static const TCGHelper H_i_iiii = TCG_HELPER(i_iiii, h_i_iiii, 0);
static const TCGHelper H_l_ = TCG_HELPER(l_, h_l_, 0);
static const TCGHelper H_i_lil = TCG_HELPER(i_lil, h_i_lil, 0);

START_TEST(test_calls)
{
    reset_regs();
    called = 0;
    cpu->r32[0] = 7;
    cpu->r32[1] = 3;
    cpu->r64[0] = 0x0102030405060708ull;
    begin();
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_call0(&H_v_, NULL);
    tcg_gen_call2(&H_i_ii, tcgv_temp(t), tcgv_temp(R[0]), tcgv_temp(R[1]));
    tcg_gen_mov_i32(R[2], t);
    tcg_gen_call2(&H_l_il, tcgv_temp(D[1]), tcgv_temp(R[0]), tcgv_temp(D[0]));
    tcg_gen_call4(&H_v_llll, NULL, tcgv_temp(D[0]), tcgv_temp(D[1]),
                  tcgv_temp(tcg_constant_i64(-1)), tcgv_temp(tcg_constant_i64(5)));
    tcg_gen_call4(&H_i_iiii, tcgv_temp(R[3]), tcgv_temp(tcg_constant_i32(100)),
                  tcgv_temp(R[0]), tcgv_temp(R[1]), tcgv_temp(t));
    tcg_gen_call0(&H_l_, tcgv_temp(D[2]));
    tcg_gen_call3(&H_i_lil, tcgv_temp(R[4]), tcgv_temp(D[0]), tcgv_temp(R[1]),
                  tcgv_temp(D[0]));
    tcg_gen_call0(&H_v_, NULL);
    run(_i);
    ck_assert_int_eq(called, 2);
    ck_assert_uint_eq(cpu->r32[2], 73);
    ck_assert_uint_eq(cpu->r64[1], (7ull << 40) ^ 0x0102030405060708ull);
    ck_assert_uint_eq(seen_args[0], 0x0102030405060708ull);
    ck_assert_uint_eq(seen_args[1], cpu->r64[1]);
    ck_assert_uint_eq(seen_args[2], ~0ull);
    ck_assert_uint_eq(seen_args[3], 5);
    ck_assert_uint_eq(cpu->r32[3], 100 - 7 - 3 - 73);
    ck_assert_uint_eq(cpu->r64[2], 0xfeedfacecafebeefull);
    ck_assert_uint_eq(cpu->r32[4], 0x01020304u + 3 + 0x05060708u);
}
END_TEST

/* ---- control flow between TBs ---- */

static uint16_t code2[1024];
static TranslationBlock tb2;

/*
 * TB2: r1 += 100, exit nochain.  pc 0x2000 flags 7, translated from
 * RAM_BASE + 0x2000 with MMU index 0.
 */
static void make_tb2(void)
{
    begin();
    tcg_gen_addi_i32(R[1], R[1], 100);
    tcg_gen_exit_tb(TB_EXIT_NOCHAIN);
    gen_tb(&tb2, code2, G_N_ELEMENTS(code2));
    tb2.pc = 0x2000;
    tb2.flags = 7;
    tb2.page_addr[0] = RAM_BASE + 0x2000;
    tb2.page_addr[1] = (uint64_t)-1;
    tb2.code_mmu_idx = 0;
}

START_TEST(test_goto_tb)
{
    uintptr_t r;

    reset_regs();
    make_tb2();
    /* TB1: r1 += 1; goto_tb 0; r1 += 10; exit_tb 0 */
    begin();
    tcg_gen_addi_i32(R[1], R[1], 1);
    tcg_gen_goto_tb(0);
    tcg_gen_addi_i32(R[1], R[1], 10);
    tcg_gen_exit_tb(TB_EXIT_IDX0);
    gen_tb(&tb, code, G_N_ELEMENTS(code));
    cpu->cs.icount_budget = 100;
    cpu->cs.exit_request = 0;
    /* Not linked: falls through to exit_tb(0), asking to be linked. */
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb | TB_EXIT_IDX0);
    ck_assert_uint_eq(cpu->r32[1], 11);
    ck_assert_int_eq(cpu->cs.icount_budget, 99);
    /* Linked: continues in TB2 directly. */
    tb.jmp_dest[0] = &tb2;
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb2 | TB_EXIT_NOCHAIN);
    ck_assert_uint_eq(cpu->r32[1], 112);
    ck_assert_int_eq(cpu->cs.icount_budget, 97);
    ck_assert_ptr_eq(cpu->cs.tci_tb, &tb2);
    /* Budget too small for TB2: not chained, TB1's own exit runs. */
    cpu->cs.icount_budget = 1;
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb | TB_EXIT_IDX0);
    ck_assert_uint_eq(cpu->r32[1], 123);
    ck_assert_int_eq(cpu->cs.icount_budget, 0);
    /* Budget 0: not even the first TB runs. */
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb | TB_EXIT_REQUESTED);
    ck_assert_uint_eq(cpu->r32[1], 123);
    /* Exit request: honoured at entry, unless CF_NOIRQ. */
    cpu->cs.icount_budget = 10;
    cpu->cs.exit_request = 1;
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb | TB_EXIT_REQUESTED);
    tb.cflags = CF_NOIRQ;
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb | TB_EXIT_IDX0);
    ck_assert_uint_eq(cpu->r32[1], 134);
    tb2.cflags = CF_NOIRQ;
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb2 | TB_EXIT_NOCHAIN);
    ck_assert_uint_eq(cpu->r32[1], 235);
    cpu->cs.exit_request = 0;
}
END_TEST

START_TEST(test_exit_codes)
{
    reset_regs();
    begin();
    TCGLabel *l = gen_new_label();
    tcg_gen_brcondi_i32(TCG_COND_NE, R[0], 0, l);
    tcg_gen_exit_tb(TB_EXIT_IDX1);
    gen_set_label(l);
    tcg_gen_exit_tb(TB_EXIT_NOCHAIN);
    ck_assert_uint_eq(run(_i), (uintptr_t)&tb | TB_EXIT_IDX1);
    cpu->r32[0] = 1;
    ck_assert_uint_eq(run(_i), (uintptr_t)&tb | TB_EXIT_NOCHAIN);
    /* An empty block still returns to the loop. */
    begin();
    ck_assert_uint_eq(run(_i), (uintptr_t)&tb | TB_EXIT_NOCHAIN);
}
END_TEST

START_TEST(test_lookup_and_goto_ptr)
{
    uintptr_t r;

    reset_regs();
    memset(cpu->cs.tb_jmp_cache, 0, sizeof(TranslationBlock *) * TB_JMP_CACHE_SIZE);
    make_tb2();
    begin();
    tcg_gen_addi_i32(R[1], R[1], 1);
    tcg_gen_lookup_and_goto_ptr();
    gen_tb(&tb, code, G_N_ELEMENTS(code));
    cpu->cs.icount_budget = 100;
    cpu->pc = 0x2000;
    /* Miss: back to the loop. */
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb | TB_EXIT_NOCHAIN);
    ck_assert_uint_eq(cpu->r32[1], 1);
    /* In the jump cache, but its page is not in the code TLB: a miss. */
    cpu->cs.tb_jmp_cache[tb_jmp_cache_hash(0x2000)] = &tb2;
    tlb_flush(&cpu->cs.tlb);
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb | TB_EXIT_NOCHAIN);
    ck_assert_uint_eq(cpu->r32[1], 2);
    /* Mapped to another physical page now: a miss. */
    tlb_set_page(&cpu->cs.tlb, 0x2000, RAM_BASE + 0x3000,
                 PAGE_READ | PAGE_EXEC, 0);
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb | TB_EXIT_NOCHAIN);
    ck_assert_uint_eq(cpu->r32[1], 3);
    /* Mapped but not executable: a miss. */
    tlb_set_page(&cpu->cs.tlb, 0x2000, RAM_BASE + 0x2000, PAGE_READ, 0);
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb | TB_EXIT_NOCHAIN);
    ck_assert_uint_eq(cpu->r32[1], 4);
    /* Hit: straight into TB2. */
    tlb_set_page(&cpu->cs.tlb, 0x2000, RAM_BASE + 0x2000,
                 PAGE_READ | PAGE_EXEC, 0);
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb2 | TB_EXIT_NOCHAIN);
    ck_assert_uint_eq(cpu->r32[1], 105);
    /* Same slot, other flags or pc: a miss. */
    tb2.flags = 8;
    r = variants[_i](&cpu->cs, &tb);
    ck_assert_uint_eq(r, (uintptr_t)&tb | TB_EXIT_NOCHAIN);
    ck_assert_uint_eq(cpu->r32[1], 106);
}
END_TEST

START_TEST(test_register_pressure)
{
    enum { N = 200 };
    TCGv_i32 t[N];

    reset_regs();
    cpu->r32[0] = 3;
    begin();
    for (int k = 0; k < N; k++) {
        t[k] = tcg_temp_new_i32();
        tcg_gen_addi_i32(t[k], R[0], k);
    }
    tcg_gen_movi_i32(R[1], 0);
    for (int k = 0; k < N; k++) {
        tcg_gen_add_i32(R[1], R[1], t[k]);
    }
    run(_i);
    ck_assert_uint_eq(cpu->r32[1], N * 3 + N * (N - 1) / 2);

    /* Short-lived temps reuse slots: far more than the frame holds. */
    begin();
    for (int k = 0; k < 1500; k++) {
        TCGv_i32 x = tcg_temp_new_i32();
        tcg_gen_addi_i32(x, R[0], 1);
        tcg_gen_add_i32(R[2], R[2], x);
    }
    TCIGenResult res;
    ck_assert_int_eq(tci_gen_code(code, G_N_ELEMENTS(code), NULL, NULL, &res), 0);
    ck_assert_uint_le(res.frame_slots, 2);

    /* More simultaneously live temps than frame slots: refused. */
    begin();
    TCGv_i32 many[TCI_FRAME_SLOTS];
    for (int k = 0; k < TCI_FRAME_SLOTS; k++) {
        many[k] = tcg_temp_new_i32();
        tcg_gen_movi_i32(many[k], k);
    }
    for (int k = 0; k < TCI_FRAME_SLOTS; k++) {
        tcg_gen_add_i32(R[1], R[1], many[k]);
    }
    ck_assert_int_eq(tci_gen_code(code, G_N_ELEMENTS(code), NULL, NULL, &res),
                     -ENOSPC);
    /* Too small an output buffer: refused too. */
    begin();
    tcg_gen_addi_i32(R[1], R[1], 1);
    ck_assert_int_eq(tci_gen_code(code, 3, NULL, NULL, &res), -ENOSPC);
    /* Invalid IR: a branch to a label never placed. */
    begin();
    tcg_gen_br(gen_new_label());
    ck_assert_int_eq(tci_gen_code(code, G_N_ELEMENTS(code), NULL, NULL, &res),
                     -EINVAL);
}
END_TEST

START_TEST(test_insn_map)
{
    /* Three instructions: insn_end splits the bytecode between them. */
    tcg_func_start();
    tcg_gen_insn_start(0x10, 1, 2);
    tcg_gen_addi_i32(R[0], R[0], 1);
    tcg_gen_insn_start(0x14, 3, 4);
    tcg_gen_addi_i32(R[0], R[0], 1);
    tcg_gen_addi_i32(R[1], R[0], 1);
    tcg_gen_insn_start(0x18, 5, 6);
    tcg_gen_exit_tb(TB_EXIT_NOCHAIN);
    gen_tb(&tb, code, G_N_ELEMENTS(code));
    ck_assert_uint_eq(tb.icount, 3);
    ck_assert_uint_eq(insn_data[1][0], 0x14);
    ck_assert_uint_eq(insn_data[2][2], 6);
    ck_assert_uint_eq(insn_end[0], tci_op_len[TCI_addi_i32]);
    ck_assert_uint_eq(insn_end[1], 3 * tci_op_len[TCI_addi_i32]);
    ck_assert_uint_eq(insn_end[2], tb.code_units);
    cpu->cs.icount_budget = 10;
    variants[_i](&cpu->cs, &tb);
    ck_assert_int_eq(cpu->cs.icount_budget, 7);
}
END_TEST

/* ---- optimiser: random IR, run with and without tcg_optimize() ---- */

static uint32_t h_fuzz(struct CPUState *cs, uint32_t a, uint32_t b)
{
    TestCPU *c = (TestCPU *)cs;

    c->r32[7] += a ^ b;     /* writes a global behind the IR's back */
    return a * 3 + b;
}

static uint32_t h_fuzz_pure(struct CPUState *cs, uint32_t a, uint32_t b)
{
    return (a << 1) ^ b;
}

static const TCGHelper H_fuzz = TCG_HELPER(i_ii, h_fuzz, 0);
static const TCGHelper H_fuzz_pure = TCG_HELPER(i_ii, h_fuzz_pure, TCG_CALL_PURE);

static void gen_random_block(guint32 seed, bool optimize)
{
    GRand *rnd = g_rand_new_with_seed(seed);
    TCGv_i32 t[8];
    TCGv_i64 u[4];
    TCGLabel *pending[8];
    int npending = 0;

#define PICK(n) ((int)g_rand_int_range(rnd, 0, (n)))
    begin();
    for (int k = 0; k < 8; k++) {
        t[k] = tcg_temp_new_i32();
        tcg_gen_mov_i32(t[k], R[k]);
    }
    for (int k = 0; k < 4; k++) {
        u[k] = tcg_temp_new_i64();
        tcg_gen_mov_i64(u[k], D[k]);
    }
    for (int n = 0; n < 48; n++) {
        /* operands: a global, a temp or a constant */
        TCGv_i32 src[3];
        for (int k = 0; k < 3; k++) {
            int w = PICK(3);
            src[k] = w == 0 ? R[PICK(8)] : w == 1 ? t[PICK(8)]
                     : tcg_constant_i32((int32_t)g_rand_int(rnd) >> PICK(32));
        }
        TCGv_i32 dst = PICK(3) ? t[PICK(8)] : R[PICK(7)];
        TCGv_i64 d64 = u[PICK(4)];
        switch (PICK(18)) {
        case 0: tcg_gen_mov_i32(dst, src[0]); break;
        case 1: tcg_gen_add_i32(dst, src[0], src[1]); break;
        case 2: tcg_gen_sub_i32(dst, src[0], src[1]); break;
        case 3: tcg_gen_xor_i32(dst, src[0], src[1]); break;
        case 4: tcg_gen_shl_i32(dst, src[0], src[1]); break;
        case 5: tcg_gen_sar_i32(dst, src[0], src[1]); break;
        case 6: tcg_gen_setcond_i32(TCG_COND_LTU, dst, src[0], src[1]); break;
        case 7: tcg_gen_movcond_i32(TCG_COND_NE, dst, src[0], src[1], src[2], src[0]); break;
        case 8: tcg_gen_add2_i32(t[0], t[1], src[0], src[1], src[2], src[0]); break;
        case 9:
            tcg_gen_call2(&H_fuzz, tcgv_temp(dst), tcgv_temp(src[0]), tcgv_temp(src[1]));
            break;
        case 10:
            tcg_gen_call2(&H_fuzz_pure, tcgv_temp(dst), tcgv_temp(src[0]), tcgv_temp(src[1]));
            break;
        case 11:
            /* a store to a CPU field that is also an IR global */
            tcg_gen_st_i32(src[0], tcg_env, offsetof(TestCPU, r32[PICK(8)]));
            break;
        case 12:
            tcg_gen_ld_i32(dst, tcg_env, offsetof(TestCPU, r32[PICK(8)]));
            break;
        case 13:
            tcg_gen_extu_i32_i64(d64, src[0]);
            tcg_gen_mul_i64(d64, d64, u[PICK(4)]);
            tcg_gen_extrh_i64_i32(dst, d64);
            break;
        case 14:
            if (npending < 8) {
                pending[npending] = gen_new_label();
                tcg_gen_brcondi_i32(TCG_COND_GE, src[0], 0, pending[npending++]);
            }
            break;
        case 15:
            if (npending > 0) {
                gen_set_label(pending[--npending]);
            }
            break;
        /* identities when the constant is 0 or -1 */
        case 16: tcg_gen_and_i32(dst, src[0], src[1]); break;
        case 17: tcg_gen_andc_i32(dst, src[0], src[1]); break;
        }
    }
    while (npending > 0) {
        gen_set_label(pending[--npending]);
    }
    for (int k = 0; k < 8; k++) {
        tcg_gen_add_i32(R[k], R[k], t[k]);
    }
    for (int k = 0; k < 4; k++) {
        tcg_gen_xor_i64(D[k], D[k], u[k]);
    }
#undef PICK
    g_rand_free(rnd);
    if (optimize) {
        tcg_optimize();
    }
}

START_TEST(test_optimizer_random)
{
    int total_plain = 0, total_opt = 0;

    for (guint32 seed = 1; seed <= 300; seed++) {
        uint32_t r[2][8];
        uint64_t d[2][8];
        for (int opt = 0; opt < 2; opt++) {
            GRand *init = g_rand_new_with_seed(seed * 7919);
            for (int k = 0; k < 8; k++) {
                cpu->r32[k] = g_rand_int(init);
                cpu->r64[k] = ((uint64_t)g_rand_int(init) << 32) | g_rand_int(init);
            }
            g_rand_free(init);
            gen_random_block(seed, opt);
            *(opt ? &total_opt : &total_plain) += tcg_ctx->nb_ops;
            run(_i);
            memcpy(r[opt], cpu->r32, sizeof(r[opt]));
            memcpy(d[opt], cpu->r64, sizeof(d[opt]));
        }
        ck_assert_msg(memcmp(r[0], r[1], sizeof(r[0])) == 0 &&
                      memcmp(d[0], d[1], sizeof(d[0])) == 0,
                      "seed %u: optimised block computes something else", seed);
    }
    /* It never adds ops (the shapes test checks what it removes). */
    ck_assert_int_lt(total_opt, total_plain);
}
END_TEST

START_TEST(test_optimizer_shapes)
{
    /* load_reg style copies vanish; folding makes constants. */
    reset_regs();
    cpu->r32[1] = 5;
    cpu->r32[2] = 6;
    begin();
    TCGv_i32 a = tcg_temp_new_i32(), b = tcg_temp_new_i32();
    TCGv_i32 c = tcg_temp_new_i32(), k = tcg_temp_new_i32();
    tcg_gen_mov_i32(a, R[1]);
    tcg_gen_mov_i32(b, R[2]);
    tcg_gen_add_i32(c, a, b);
    tcg_gen_mov_i32(R[0], c);
    tcg_gen_movi_i32(k, 0x100);
    tcg_gen_addi_i32(k, k, 0x23);
    tcg_gen_shli_i32(k, k, 4);
    tcg_gen_mov_i32(R[3], k);
    tcg_optimize();
    /* insn_start, "add r0, r1, r2" (the copy to r0 retargets the add),
       "mov r3, 0x1230" */
    ck_assert_int_eq(tcg_ctx->nb_ops, 1 + 2);
    run(_i);
    ck_assert_uint_eq(cpu->r32[0], 11);
    ck_assert_uint_eq(cpu->r32[3], 0x1230);
    /* Identities with a constant become copies; a temp written again
       before it is read loses its first write. */
    reset_regs();
    cpu->r32[1] = 0x50;
    cpu->r32[2] = 0x0f;
    cpu->r32[3] = 0xabc;
    cpu->r32[5] = 0x77;
    begin();
    a = tcg_temp_new_i32();
    b = tcg_temp_new_i32();
    c = tcg_temp_new_i32();
    tcg_gen_mov_i32(a, R[1]);
    tcg_gen_add_i32(a, a, tcg_constant_i32(0));
    tcg_gen_xor_i32(b, a, R[2]);
    tcg_gen_mov_i32(R[0], b);                 /* xor r0, r1, r2 */
    tcg_gen_and_i32(c, R[3], tcg_constant_i32(-1));
    tcg_gen_shl_i32(c, c, tcg_constant_i32(0));
    tcg_gen_mov_i32(R[4], c);                 /* mov r4, r3 */
    tcg_gen_mov_i32(a, R[5]);
    tcg_gen_movi_i32(a, 7);
    tcg_gen_mov_i32(R[6], a);                 /* mov r6, 7 */
    tcg_optimize();
    ck_assert_int_eq(tcg_ctx->nb_ops, 1 + 3);
    run(_i);
    ck_assert_uint_eq(cpu->r32[0], 0x5f);
    ck_assert_uint_eq(cpu->r32[4], 0xabc);
    ck_assert_uint_eq(cpu->r32[6], 7);
    /* Inside a conditional block a dead copy still goes, and a temp live
       at the label (read after it) is kept. */
    reset_regs();
    cpu->r32[0] = 1;
    cpu->r32[1] = 3;
    begin();
    a = tcg_temp_new_i32();
    b = tcg_temp_new_i32();
    TCGLabel *skip = gen_new_label();
    tcg_gen_movi_i32(b, 40);
    tcg_gen_brcondi_i32(TCG_COND_EQ, R[0], 0, skip);
    tcg_gen_mov_i32(a, R[1]);
    tcg_gen_add_i32(a, a, tcg_constant_i32(0));
    tcg_gen_add_i32(b, a, tcg_constant_i32(1));   /* b = r1 + 1 */
    gen_set_label(skip);
    tcg_gen_mov_i32(R[2], b);
    tcg_optimize();
    /* insn_start, movi b, brcond, addi b, label, mov r2 */
    ck_assert_int_eq(tcg_ctx->nb_ops, 6);
    run(_i);
    ck_assert_uint_eq(cpu->r32[2], 4);
    /* SUBS: the difference goes straight to the guest register, but not
       when the copy's target is one of the flag outputs (written after
       the difference: CF would win). */
    for (int into_flag = 0; into_flag < 2; into_flag++) {
        reset_regs();
        cpu->r32[0] = 7;
        cpu->r32[1] = 9;
        begin();
        a = tcg_temp_new_i32();
        tcg_gen_subcc_i32(a, R[3], R[4], R[5], R[6], R[0], R[1]);
        tcg_gen_mov_i32(into_flag ? R[5] : R[2], a);
        tcg_optimize();
        ck_assert_int_eq(tcg_ctx->nb_ops, into_flag ? 3 : 2);
        run(_i);
        ck_assert_uint_eq(cpu->r32[into_flag ? 5 : 2], 0xfffffffe);
        ck_assert_uint_eq(cpu->r32[3], 0xfffffffe);
        ck_assert_uint_eq(cpu->r32[5], into_flag ? 0xfffffffe : 0);   /* C */
    }
    /* A global written between the copy and the use is not propagated. */
    reset_regs();
    cpu->r32[1] = 5;
    begin();
    a = tcg_temp_new_i32();
    tcg_gen_mov_i32(a, R[1]);
    tcg_gen_movi_i32(R[1], 9);
    tcg_gen_mov_i32(R[2], a);
    tcg_optimize();
    run(_i);
    ck_assert_uint_eq(cpu->r32[2], 5);
}
END_TEST

/* Whether the code of the last run() holds bytecode op @opc. */
static bool code_has(unsigned opc)
{
    for (uint32_t i = 0; i < tb.code_units; i += tci_op_len[code[i]]) {
        if (code[i] == opc) {
            return true;
        }
    }
    return false;
}

/*
 * The ARM condition tests (HI/LS, GE/LT, GT/LE, as arm_gen_test_cc emits
 * them) become one fused branch op each, with the same outcome as the
 * op chain; a chain whose temp is read afterwards is left alone.
 */
START_TEST(test_fused_conditions)
{
    static const uint32_t zv[] = { 0, 1, 0x80000000, 0x7fffffff, 0xffffffff };

    for (unsigned c = 0; c < 2; c++) {
        for (unsigned zi = 0; zi < G_N_ELEMENTS(zv); zi++) {
            for (unsigned ni = 0; ni < G_N_ELEMENTS(zv); ni++) {
                for (unsigned vi = 0; vi < G_N_ELEMENTS(zv); vi++) {
                    uint32_t z = zv[zi], n = zv[ni], v = zv[vi];
                    bool hi = c && z, ge = (int32_t)(n ^ v) >= 0;
                    bool gt = z && ge;
                    TCGLabel *l[6];
                    TCGv_i32 t;

                    reset_regs();
                    cpu->r32[0] = c;
                    cpu->r32[1] = z;
                    cpu->r32[2] = n;
                    cpu->r32[3] = v;
                    begin();
                    for (int k = 0; k < 6; k++) {
                        l[k] = gen_new_label();
                        t = tcg_temp_new_i32();
                        if (k < 2) {
                            tcg_gen_neg_i32(t, R[0]);
                            tcg_gen_and_i32(t, t, R[1]);
                            tcg_gen_brcondi_i32(k ? TCG_COND_EQ : TCG_COND_NE, t, 0, l[k]);
                        } else if (k < 4) {
                            tcg_gen_xor_i32(t, R[3], R[2]);
                            tcg_gen_brcondi_i32(k == 2 ? TCG_COND_GE : TCG_COND_LT, t, 0,
                                                l[k]);
                        } else {
                            tcg_gen_xor_i32(t, R[3], R[2]);
                            tcg_gen_sari_i32(t, t, 31);
                            tcg_gen_andc_i32(t, R[1], t);
                            tcg_gen_brcondi_i32(k == 4 ? TCG_COND_NE : TCG_COND_EQ, t, 0,
                                                l[k]);
                        }
                        /* not taken: bit k set */
                        tcg_gen_ori_i32(R[4], R[4], 1 << k);
                        gen_set_label(l[k]);
                    }
                    /* HI with its temp read after the branch: not fused */
                    t = tcg_temp_new_i32();
                    tcg_gen_neg_i32(t, R[0]);
                    tcg_gen_and_i32(t, t, R[1]);
                    l[0] = gen_new_label();
                    tcg_gen_brcondi_i32(TCG_COND_NE, t, 0, l[0]);
                    tcg_gen_ori_i32(R[4], R[4], 64);
                    gen_set_label(l[0]);
                    tcg_gen_mov_i32(R[5], t);
                    run(_i);
                    ck_assert_uint_eq(cpu->r32[4], (hi ? 0 : 1) | (!hi ? 0 : 2) |
                                                   (ge ? 0 : 4) | (!ge ? 0 : 8) |
                                                   (gt ? 0 : 16) | (!gt ? 0 : 32) | (hi ? 0 : 64));
                    ck_assert_uint_eq(cpu->r32[5], -c & z);
                    ck_assert(code_has(TCI_brnegand_ne_i32));
                    ck_assert(code_has(TCI_brnegand_eq_i32));
                    ck_assert(code_has(TCI_brxor_ge_i32));
                    ck_assert(code_has(TCI_brxor_lt_i32));
                    ck_assert(code_has(TCI_brgt_i32));
                    ck_assert(code_has(TCI_brle_i32));
                    ck_assert(code_has(TCI_neg_i32));
                }
            }
        }
    }
}
END_TEST

/*
 * Copies of one value in a row become mov2/mov3; a label between two
 * copies keeps them apart (a branch may land on the second).
 */
START_TEST(test_merged_copies)
{
    for (int taken = 0; taken < 2; taken++) {
        reset_regs();
        cpu->r32[0] = 0x80000006;
        cpu->r32[7] = (uint32_t)taken;
        begin();
        TCGv_i32 t = tcg_temp_new_i32();
        TCGLabel *l = gen_new_label();
        tcg_gen_shri_i32(t, R[0], 1);
        tcg_gen_mov_i32(R[1], t);
        tcg_gen_mov_i32(R[2], t);
        tcg_gen_mov_i32(R[3], t);
        tcg_gen_mov_i32(R[0], t);           /* a fourth: a new run */
        tcg_gen_brcondi_i32(TCG_COND_NE, R[7], 0, l);
        tcg_gen_mov_i32(R[4], R[2]);
        gen_set_label(l);
        tcg_gen_mov_i32(R[5], R[2]);
        tcg_gen_mov_i32(R[6], R[2]);
        run(_i);
        ck_assert_uint_eq(cpu->r32[0], 0x40000003);
        ck_assert_uint_eq(cpu->r32[1], 0x40000003);
        ck_assert_uint_eq(cpu->r32[2], 0x40000003);
        ck_assert_uint_eq(cpu->r32[3], 0x40000003);
        ck_assert_uint_eq(cpu->r32[4], taken ? 0 : 0x40000003);
        ck_assert_uint_eq(cpu->r32[5], 0x40000003);
        ck_assert_uint_eq(cpu->r32[6], 0x40000003);
        ck_assert(code_has(TCI_mov3_i32));
        ck_assert(code_has(TCI_mov2_i32));
    }
}
END_TEST

/*
 * Copies of different values in a row (a register shuffle) become one
 * movp_i32 per pair, done in order; a label keeps two copies apart.
 */
START_TEST(test_copy_pairs)
{
    for (int taken = 0; taken < 2; taken++) {
        reset_regs();
        cpu->r32[0] = 10;
        cpu->r32[2] = 30;
        cpu->r32[7] = (uint32_t)taken;
        begin();
        TCGLabel *l = gen_new_label();
        tcg_gen_mov_i32(R[1], R[0]);        /* swap R0 and R2 through R1 */
        tcg_gen_mov_i32(R[0], R[2]);
        tcg_gen_mov_i32(R[2], R[1]);
        tcg_gen_brcondi_i32(TCG_COND_NE, R[7], 0, l);
        tcg_gen_mov_i32(R[3], R[0]);
        gen_set_label(l);
        tcg_gen_mov_i32(R[4], R[2]);
        run(_i);
        ck_assert_uint_eq(cpu->r32[0], 30);
        ck_assert_uint_eq(cpu->r32[1], 10);
        ck_assert_uint_eq(cpu->r32[2], 10);
        ck_assert_uint_eq(cpu->r32[3], taken ? 0 : 30);
        ck_assert_uint_eq(cpu->r32[4], 10);
        ck_assert(code_has(TCI_movp_i32));
    }
}
END_TEST

const TTest *const *const tci_flow_tests[] = {
    &test_conditions, &test_loop, &test_scratch_reuse, &test_host_mem,
    &test_guest_mem, &test_guest_mem_offset, &test_calls, &test_goto_tb, &test_exit_codes,
    &test_lookup_and_goto_ptr, &test_register_pressure, &test_insn_map, &test_optimizer_random,
    &test_optimizer_shapes,
    &test_optimizer_loop, &test_fused_conditions, &test_merged_copies,
    &test_copy_pairs,
};
const unsigned tci_flow_tests_count = G_N_ELEMENTS(tci_flow_tests);
