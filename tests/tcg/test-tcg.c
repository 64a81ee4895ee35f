/*
 * IR builder: temporaries, globals, constants, labels, op emission,
 * helper-call type checks, conditions and the dump.
 */
#include <check.h>
#include <glib.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portos-test.h"
#include "tcg/tcg-op.h"

typedef struct FakeCPU {
    uint64_t pad[4];
    uint32_t r[4];
    uint64_t d[2];
} FakeCPU;

static TCGContext *ctx;

static void setup(void)
{
    ctx = tcg_context_new();
    tcg_set_current(ctx);
}

static void teardown(void)
{
    tcg_context_free(ctx);
    ck_assert_ptr_null(tcg_ctx);
}

static const TCGOp *last_op(void)
{
    ck_assert_int_gt(tcg_ctx->nb_ops, 0);
    return &tcg_ctx->ops[tcg_ctx->nb_ops - 1];
}

START_TEST(test_globals_and_temps)
{
    TCGv_i32 r0 = tcg_global_mem_new_i32(offsetof(FakeCPU, r[0]), "r0");
    TCGv_i64 d1 = tcg_global_mem_new_i64(offsetof(FakeCPU, d[1]), "d1");
    TCGTemp *t0 = tcgv_i32_temp(r0), *t1 = tcgv_i64_temp(d1);

    ck_assert_int_eq(t0->kind, TEMP_GLOBAL);
    ck_assert_int_eq(t0->type, TCG_TYPE_I32);
    ck_assert_uint_eq(t0->env_offset, offsetof(FakeCPU, r[0]));
    ck_assert_str_eq(t0->name, "r0");
    ck_assert_int_eq(t1->type, TCG_TYPE_I64);
    ck_assert_uint_eq(t1->env_offset, offsetof(FakeCPU, d[1]));
    /* env + 2 globals */
    ck_assert_int_eq(tcg_ctx->nb_globals, 3);

    tcg_func_start();
    TCGv_i32 a = tcg_temp_new_i32();
    TCGv_i64 b = tcg_temp_new_i64();
    TCGv_ptr p = tcg_temp_new_ptr();
    TCGv_i32 k = tcg_constant_i32(-5);
    TCGv_i64 k64 = tcg_constant_i64(INT64_MIN);

    ck_assert_int_eq(tcgv_i32_temp(a)->kind, TEMP_TB);
    ck_assert_int_eq(tcgv_i64_temp(b)->type, TCG_TYPE_I64);
    ck_assert_int_eq(tcgv_ptr_temp(p)->type, TCG_TYPE_I64);
    ck_assert_int_eq(tcgv_i32_temp(k)->kind, TEMP_CONST);
    ck_assert_uint_eq(tcgv_i32_temp(k)->val, 0xfffffffbu);
    ck_assert_uint_eq(tcgv_i64_temp(k64)->val, 0x8000000000000000ull);
    ck_assert_int_eq(tcg_ctx->nb_temps, 8);
    /* Constants are interned within a TB. */
    ck_assert_ptr_eq(tcg_constant_i32(-5), k);
    ck_assert_ptr_ne(tcgv_i32_temp(tcg_constant_i32(-6)), tcgv_i32_temp(k));
    ck_assert_ptr_ne(tcgv_i64_temp(tcg_constant_i64(0xfffffffb)),
                     tcgv_i32_temp(k));
    ck_assert_int_eq(tcg_ctx->nb_temps, 10);
    ck_assert_ptr_eq(tcgv_temp(a), tcgv_i32_temp(a));
    ck_assert_ptr_eq(tcgv_temp(b), tcgv_i64_temp(b));

    /* A new TB forgets temps but keeps the globals. */
    tcg_func_start();
    ck_assert_int_eq(tcg_ctx->nb_temps, 3);
    ck_assert_int_eq(tcgv_i32_temp(tcg_constant_i32(-5))->kind, TEMP_CONST);
    ck_assert_int_eq(tcg_ctx->nb_temps, 4);
    ck_assert_int_eq(tcg_ctx->nb_ops, 0);
    ck_assert_ptr_eq(tcgv_i32_temp(r0), &tcg_ctx->temps[1]);
}
END_TEST

START_TEST(test_op_emission)
{
    TCGv_i32 r0 = tcg_global_mem_new_i32(offsetof(FakeCPU, r[0]), "r0");
    tcg_func_start();
    TCGv_i32 a = tcg_temp_new_i32(), b = tcg_temp_new_i32();
    const TCGOp *op;

    tcg_gen_add_i32(a, r0, b);
    op = last_op();
    ck_assert_int_eq(op->opc, INDEX_op_add_i32);
    ck_assert_int_eq(op->nb_oargs, 1);
    ck_assert_int_eq(op->nb_iargs, 2);
    ck_assert_ptr_eq(arg_temp(op->args[0]), tcgv_i32_temp(a));
    ck_assert_ptr_eq(arg_temp(op->args[1]), tcgv_i32_temp(r0));

    tcg_gen_addi_i32(a, a, 7);
    op = last_op();
    ck_assert_int_eq(arg_temp(op->args[2])->kind, TEMP_CONST);
    ck_assert_uint_eq(arg_temp(op->args[2])->val, 7);

    tcg_gen_extract_i32(a, b, 4, 8);
    op = last_op();
    ck_assert_int_eq(op->opc, INDEX_op_extract_i32);
    ck_assert_uint_eq(op->args[2], 4);
    ck_assert_uint_eq(op->args[3], 8);

    tcg_gen_deposit_i32(a, a, b, 3, 5);
    op = last_op();
    ck_assert_int_eq(op->opc, INDEX_op_deposit_i32);
    ck_assert_uint_eq(op->args[3], 3);
    ck_assert_uint_eq(op->args[4], 5);

    tcg_gen_setcond_i32(TCG_COND_LTU, a, r0, b);
    op = last_op();
    ck_assert_uint_eq(op->args[3], TCG_COND_LTU);

    tcg_gen_qemu_ld_i32(a, b, 2, MO_LESW | MO_ALIGN);
    op = last_op();
    ck_assert_int_eq(op->opc, INDEX_op_qemu_ld_i32);
    ck_assert_int_eq(get_mmuidx((MemOpIdx)op->args[2]), 2);
    ck_assert_int_eq(get_memop((MemOpIdx)op->args[2]), MO_LESW | MO_ALIGN);

    /* mov to itself emits nothing */
    int n = tcg_ctx->nb_ops;
    tcg_gen_mov_i32(a, a);
    ck_assert_int_eq(tcg_ctx->nb_ops, n);

    /* compound ops expand into several */
    tcg_gen_eqv_i32(a, a, b);
    ck_assert_int_eq(tcg_ctx->nb_ops, n + 2);
    ck_assert_int_eq(last_op()->opc, INDEX_op_not_i32);

    tcg_gen_add2_i32(a, b, r0, r0, a, b);
    op = last_op();
    ck_assert_int_eq(op->nb_oargs, 2);
    ck_assert_int_eq(op->nb_iargs, 4);
    ck_assert(!tcg_ctx->overflow);
}
END_TEST

START_TEST(test_labels_and_insn_start)
{
    tcg_func_start();
    TCGv_i32 a = tcg_temp_new_i32();
    TCGLabel *l1 = gen_new_label(), *l2 = gen_new_label();

    ck_assert_uint_ne(l1->id, l2->id);
    tcg_gen_insn_start(0x1000, 1, 2);
    tcg_gen_brcondi_i32(TCG_COND_EQ, a, 0, l1);
    ck_assert(!l1->has_backward);
    gen_set_label(l2);
    ck_assert(l2->present);
    ck_assert_int_eq(l2->op_index, 2);
    tcg_gen_insn_start(0x1004, 0, 0);
    tcg_gen_br(l2);
    ck_assert(l2->has_backward);
    gen_set_label(l1);
    tcg_set_insn_start_param(1, 2, 99);
    ck_assert_int_eq(tcg_ctx->nb_insns, 2);
    ck_assert_uint_eq(tcg_ctx->ops[tcg_ctx->insn_start_op[0]].args[0], 0x1000);
    ck_assert_uint_eq(tcg_ctx->ops[tcg_ctx->insn_start_op[1]].args[2], 99);
    /* brcond NEVER emits nothing */
    int n = tcg_ctx->nb_ops;
    tcg_gen_brcond_i32(TCG_COND_NEVER, a, a, l1);
    ck_assert_int_eq(tcg_ctx->nb_ops, n);
    /* placing a label twice makes the IR invalid */
    gen_set_label(l1);
    ck_assert(tcg_ctx->overflow);
}
END_TEST

static uint64_t helper_l_il(struct CPUState *cs, uint32_t a, uint64_t b)
{
    return a + b;
}

static void helper_v_(struct CPUState *cs)
{
}

static const TCGHelper h_l_il = TCG_HELPER(l_il, helper_l_il, TCG_CALL_PURE);
static const TCGHelper h_v = TCG_HELPER(v_, helper_v_, 0);

START_TEST(test_calls)
{
    tcg_func_start();
    TCGv_i32 a = tcg_temp_new_i32();
    TCGv_i64 b = tcg_temp_new_i64();
    const TCGOp *op;

    ck_assert_int_eq(h_l_il.sig, TCG_SIG_l_il);
    ck_assert_str_eq(h_l_il.name, "helper_l_il");
    ck_assert_str_eq(tcg_helper_sig_string(TCG_SIG_v_iil), "v_iil");
    tcg_gen_call2(&h_l_il, tcgv_temp(b), tcgv_temp(a), tcgv_temp(b));
    op = last_op();
    ck_assert_int_eq(op->opc, INDEX_op_call);
    ck_assert_int_eq(op->nb_oargs, 1);
    ck_assert_int_eq(op->nb_iargs, 2);
    ck_assert_ptr_eq((const TCGHelper *)(uintptr_t)op->args[3], &h_l_il);
    tcg_gen_call0(&h_v, NULL);
    op = last_op();
    ck_assert_int_eq(op->nb_oargs, 0);
    ck_assert_int_eq(op->nb_iargs, 0);
}
END_TEST

/* Reference semantics, written independently of the library. */
static bool ref_cond(TCGCond c, uint32_t a, uint32_t b)
{
    int32_t sa = (int32_t)a, sb = (int32_t)b;

    switch (c) {
    case TCG_COND_NEVER: return 0;
    case TCG_COND_ALWAYS: return 1;
    case TCG_COND_EQ: return !(a ^ b);
    case TCG_COND_NE: return !!(a ^ b);
    case TCG_COND_LT: return sb > sa;
    case TCG_COND_GE: return !(sa < sb);
    case TCG_COND_LE: return !(sa > sb);
    case TCG_COND_GT: return sb < sa;
    case TCG_COND_LTU: return b > a;
    case TCG_COND_GEU: return !(a < b);
    case TCG_COND_LEU: return !(a > b);
    case TCG_COND_GTU: return b < a;
    case TCG_COND_TSTEQ: return !(a & b);
    case TCG_COND_TSTNE: return !!(a & b);
    }
    return 0;
}

START_TEST(test_conditions)
{
    static const uint32_t v[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff };

    for (int c = TCG_COND_NEVER; c <= TCG_COND_TSTNE; c++) {
        for (unsigned i = 0; i < G_N_ELEMENTS(v); i++) {
            for (unsigned j = 0; j < G_N_ELEMENTS(v); j++) {
                bool r = tcg_cond_eval(c, v[i], v[j], false);
                ck_assert_int_eq(r, ref_cond(c, v[i], v[j]));
                ck_assert_int_eq(tcg_cond_eval(tcg_invert_cond(c), v[i], v[j],
                                               false), !r);
                ck_assert_int_eq(tcg_cond_eval(tcg_swap_cond(c), v[j], v[i],
                                               false), r);
            }
        }
    }
    /* 64-bit comparisons look at all bits */
    ck_assert(tcg_cond_eval(TCG_COND_LT, 0x8000000000000000ull, 0, true));
    ck_assert(!tcg_cond_eval(TCG_COND_LT, 0x8000000000000000ull, 0, false));
}
END_TEST

START_TEST(test_overflow)
{
    tcg_func_start();
    for (int i = 0; i < TCG_MAX_TEMPS + 10; i++) {
        tcg_temp_new_i32();
    }
    ck_assert(tcg_ctx->overflow);
    tcg_func_start();
    ck_assert(!tcg_ctx->overflow);
    for (int i = 0; i < TCG_MAX_INSNS + 1; i++) {
        tcg_gen_insn_start((uint64_t)i, 0, 0);
    }
    ck_assert(tcg_ctx->overflow);
    ck_assert_int_eq(tcg_ctx->nb_insns, TCG_MAX_INSNS);
}
END_TEST

START_TEST(test_dump)
{
    TCGv_i32 r0 = tcg_global_mem_new_i32(offsetof(FakeCPU, r[0]), "r0");
    char *buf;

    tcg_func_start();
    TCGLabel *l = gen_new_label();
    tcg_gen_addi_i32(r0, r0, 0x10);
    tcg_gen_brcondi_i32(TCG_COND_NE, r0, 0, l);
    gen_set_label(l);
    tcg_gen_exit_tb(TB_EXIT_NOCHAIN);
    buf = tcg_dump_ops_str();
    ck_assert_ptr_nonnull(strstr(buf, "add_i32 r0,r0,$0x10"));
    ck_assert_ptr_nonnull(strstr(buf, "brcond_i32 r0,$0x0,ne,L0"));
    ck_assert_ptr_nonnull(strstr(buf, "L0:"));
    ck_assert_ptr_nonnull(strstr(buf, "exit_tb $0x3"));
    g_free(buf);
    ck_assert_str_eq(tcg_op_name(INDEX_op_muls2_i64), "muls2_i64");
}
END_TEST

Suite *suite_tcg(void)
{
    Suite *s = suite_create("tcg");
    TCase *tc = tcase_create("ir");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_globals_and_temps);
    tcase_add_test(tc, test_op_emission);
    tcase_add_test(tc, test_labels_and_insn_start);
    tcase_add_test(tc, test_calls);
    tcase_add_test(tc, test_conditions);
    tcase_add_test(tc, test_overflow);
    tcase_add_test(tc, test_dump);
    suite_add_tcase(s, tc);
    return s;
}
