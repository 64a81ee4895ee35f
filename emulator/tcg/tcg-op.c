/*
 * Op emitters: the tcg_gen_* API of tcg-op.h.
 *
 * Most functions append exactly one op; compound ones (abs, min/max,
 * eqv, negsetcond...) expand into a few simple ops so the backend stays
 * small.  Immediate forms create constant temps; the lowering pass turns
 * constant operands into immediate bytecode forms where it has them.
 */
#include "tcg/tcg-op.h"

#include <glib.h>
#include <string.h>

static TCGArg out_arg(TCGTemp *t)
{
    g_assert(t->kind != TEMP_CONST);
    return (TCGArg)temp_idx(t);
}

static TCGArg in_arg(TCGTemp *t)
{
    return (TCGArg)temp_idx(t);
}

static void op2(TCGOpcode opc, TCGTemp *r, TCGTemp *a)
{
    TCGOp *op = tcg_emit_op(opc, 2);

    op->args[0] = out_arg(r);
    op->args[1] = in_arg(a);
}

static void op3(TCGOpcode opc, TCGTemp *r, TCGTemp *a, TCGTemp *b)
{
    TCGOp *op = tcg_emit_op(opc, 3);

    op->args[0] = out_arg(r);
    op->args[1] = in_arg(a);
    op->args[2] = in_arg(b);
}

/* One output, one input, constant args. */
static void op2c(TCGOpcode opc, TCGTemp *r, TCGTemp *a, TCGArg c0, TCGArg c1)
{
    TCGOp *op = tcg_emit_op(opc, 4);

    op->args[0] = out_arg(r);
    op->args[1] = in_arg(a);
    op->args[2] = c0;
    op->args[3] = c1;
}

/* An op with @nout distinct outputs, then @nin inputs. */
static void op_nout(TCGOpcode opc, TCGTemp **out, int nout, TCGTemp **in,
                    int nin)
{
    TCGOp *op = tcg_emit_op(opc, nout + nin);

    for (int i = 0; i < nout; i++) {
        for (int j = 0; j < i; j++) {
            g_assert(out[i] != out[j]);
        }
        op->args[i] = out_arg(out[i]);
    }
    for (int i = 0; i < nin; i++) {
        op->args[nout + i] = in_arg(in[i]);
    }
}

/* Two outputs, n inputs. */
static void op_2out(TCGOpcode opc, TCGTemp *r0, TCGTemp *r1, TCGTemp **in,
                    int n)
{
    TCGTemp *out[2] = { r0, r1 };

    op_nout(opc, out, 2, in, n);
}

/* Memory ops: (value, base/address) + constant. */
static void op_mem(TCGOpcode opc, TCGTemp *v, TCGTemp *base, TCGArg c,
                   bool is_load)
{
    TCGOp *op = tcg_emit_op(opc, 3);

    op->args[0] = is_load ? out_arg(v) : in_arg(v);
    op->args[1] = in_arg(base);
    op->args[2] = c;
}

static void setcond(TCGOpcode opc, TCGCond c, TCGTemp *r, TCGTemp *a,
                    TCGTemp *b)
{
    TCGOp *op = tcg_emit_op(opc, 4);

    op->args[0] = out_arg(r);
    op->args[1] = in_arg(a);
    op->args[2] = in_arg(b);
    op->args[3] = c;
}

static void movcond(TCGOpcode opc, TCGCond c, TCGTemp *r, TCGTemp *c1,
                    TCGTemp *c2, TCGTemp *v1, TCGTemp *v2)
{
    TCGOp *op = tcg_emit_op(opc, 6);

    op->args[0] = out_arg(r);
    op->args[1] = in_arg(c1);
    op->args[2] = in_arg(c2);
    op->args[3] = in_arg(v1);
    op->args[4] = in_arg(v2);
    op->args[5] = c;
}

static void brcond(TCGOpcode opc, TCGCond c, TCGTemp *a, TCGTemp *b,
                   TCGLabel *l)
{
    TCGOp *op;

    if (c == TCG_COND_NEVER) {
        return;
    }
    op = tcg_emit_op(opc, 4);
    op->args[0] = in_arg(a);
    op->args[1] = in_arg(b);
    op->args[2] = c;
    op->args[3] = label_arg(l);
    if (l->present) {
        l->has_backward = true;
    }
}

/*
 * Everything that exists in both widths, generated once per width.
 * W: 32/64, T: type suffix, V: handle type, ST: signed value type.
 */
#define GEN_BOTH(W, T, V, ST)                                               \
static TCGTemp *t_##T(V v) { return tcgv_##T##_temp(v); }                    \
static TCGTemp *k_##T(ST v) { return tcgv_##T##_temp(tcg_constant_##T(v)); } \
void tcg_gen_mov_##T(V r, V a)                                               \
{                                                                            \
    if (r != a) {                                                            \
        op2(INDEX_op_mov_##T, t_##T(r), t_##T(a));                           \
    }                                                                        \
}                                                                            \
void tcg_gen_movi_##T(V r, ST v) { op2(INDEX_op_mov_##T, t_##T(r), k_##T(v)); } \
void tcg_gen_add_##T(V r, V a, V b) { op3(INDEX_op_add_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_sub_##T(V r, V a, V b) { op3(INDEX_op_sub_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_mul_##T(V r, V a, V b) { op3(INDEX_op_mul_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_div_##T(V r, V a, V b) { op3(INDEX_op_div_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_divu_##T(V r, V a, V b) { op3(INDEX_op_divu_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_rem_##T(V r, V a, V b) { op3(INDEX_op_rem_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_remu_##T(V r, V a, V b) { op3(INDEX_op_remu_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_and_##T(V r, V a, V b) { op3(INDEX_op_and_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_or_##T(V r, V a, V b) { op3(INDEX_op_or_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_xor_##T(V r, V a, V b) { op3(INDEX_op_xor_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_andc_##T(V r, V a, V b) { op3(INDEX_op_andc_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_orc_##T(V r, V a, V b) { op3(INDEX_op_orc_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_shl_##T(V r, V a, V b) { op3(INDEX_op_shl_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_shr_##T(V r, V a, V b) { op3(INDEX_op_shr_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_sar_##T(V r, V a, V b) { op3(INDEX_op_sar_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_rotl_##T(V r, V a, V b) { op3(INDEX_op_rotl_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_rotr_##T(V r, V a, V b) { op3(INDEX_op_rotr_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_clz_##T(V r, V a, V b) { op3(INDEX_op_clz_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_ctz_##T(V r, V a, V b) { op3(INDEX_op_ctz_##T, t_##T(r), t_##T(a), t_##T(b)); } \
void tcg_gen_clzi_##T(V r, V a, uint##W##_t b) { op3(INDEX_op_clz_##T, t_##T(r), t_##T(a), k_##T((ST)b)); } \
void tcg_gen_ctzi_##T(V r, V a, uint##W##_t b) { op3(INDEX_op_ctz_##T, t_##T(r), t_##T(a), k_##T((ST)b)); } \
void tcg_gen_eqv_##T(V r, V a, V b)                                          \
{                                                                            \
    op3(INDEX_op_xor_##T, t_##T(r), t_##T(a), t_##T(b));                      \
    op2(INDEX_op_not_##T, t_##T(r), t_##T(r));                                \
}                                                                            \
void tcg_gen_nand_##T(V r, V a, V b)                                         \
{                                                                            \
    op3(INDEX_op_and_##T, t_##T(r), t_##T(a), t_##T(b));                      \
    op2(INDEX_op_not_##T, t_##T(r), t_##T(r));                                \
}                                                                            \
void tcg_gen_nor_##T(V r, V a, V b)                                          \
{                                                                            \
    op3(INDEX_op_or_##T, t_##T(r), t_##T(a), t_##T(b));                       \
    op2(INDEX_op_not_##T, t_##T(r), t_##T(r));                                \
}                                                                            \
static void minmax_##T(TCGCond c, V r, V a, V b)                             \
{                                                                            \
    movcond(INDEX_op_movcond_##T, c, t_##T(r), t_##T(a), t_##T(b),            \
            t_##T(a), t_##T(b));                                              \
}                                                                            \
void tcg_gen_smin_##T(V r, V a, V b) { minmax_##T(TCG_COND_LT, r, a, b); }   \
void tcg_gen_smax_##T(V r, V a, V b) { minmax_##T(TCG_COND_GT, r, a, b); }   \
void tcg_gen_umin_##T(V r, V a, V b) { minmax_##T(TCG_COND_LTU, r, a, b); }  \
void tcg_gen_umax_##T(V r, V a, V b) { minmax_##T(TCG_COND_GTU, r, a, b); }  \
void tcg_gen_addi_##T(V r, V a, ST b) { op3(INDEX_op_add_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_subi_##T(V r, V a, ST b) { op3(INDEX_op_sub_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_muli_##T(V r, V a, ST b) { op3(INDEX_op_mul_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_andi_##T(V r, V a, ST b) { op3(INDEX_op_and_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_ori_##T(V r, V a, ST b) { op3(INDEX_op_or_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_xori_##T(V r, V a, ST b) { op3(INDEX_op_xor_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_subfi_##T(V r, ST a, V b) { op3(INDEX_op_sub_##T, t_##T(r), k_##T(a), t_##T(b)); } \
void tcg_gen_shli_##T(V r, V a, unsigned b) { g_assert(b < W); op3(INDEX_op_shl_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_shri_##T(V r, V a, unsigned b) { g_assert(b < W); op3(INDEX_op_shr_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_sari_##T(V r, V a, unsigned b) { g_assert(b < W); op3(INDEX_op_sar_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_rotli_##T(V r, V a, unsigned b) { g_assert(b < W); op3(INDEX_op_rotl_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_rotri_##T(V r, V a, unsigned b) { g_assert(b < W); op3(INDEX_op_rotr_##T, t_##T(r), t_##T(a), k_##T(b)); } \
void tcg_gen_neg_##T(V r, V a) { op2(INDEX_op_neg_##T, t_##T(r), t_##T(a)); } \
void tcg_gen_not_##T(V r, V a) { op2(INDEX_op_not_##T, t_##T(r), t_##T(a)); } \
void tcg_gen_abs_##T(V r, V a)                                               \
{                                                                            \
    TCGTemp *n = tcgv_##T##_temp(tcg_temp_new_##T());                         \
    op2(INDEX_op_neg_##T, n, t_##T(a));                                       \
    movcond(INDEX_op_movcond_##T, TCG_COND_LT, t_##T(r), t_##T(a), k_##T(0),  \
            n, t_##T(a));                                                     \
}                                                                            \
void tcg_gen_ext8s_##T(V r, V a) { op2(INDEX_op_ext8s_##T, t_##T(r), t_##T(a)); } \
void tcg_gen_ext8u_##T(V r, V a) { op2(INDEX_op_ext8u_##T, t_##T(r), t_##T(a)); } \
void tcg_gen_ext16s_##T(V r, V a) { op2(INDEX_op_ext16s_##T, t_##T(r), t_##T(a)); } \
void tcg_gen_ext16u_##T(V r, V a) { op2(INDEX_op_ext16u_##T, t_##T(r), t_##T(a)); } \
void tcg_gen_bswap16_##T(V r, V a) { op2(INDEX_op_bswap16_##T, t_##T(r), t_##T(a)); } \
void tcg_gen_bswap32_##T(V r, V a) { op2(INDEX_op_bswap32_##T, t_##T(r), t_##T(a)); } \
void tcg_gen_ctpop_##T(V r, V a) { op2(INDEX_op_ctpop_##T, t_##T(r), t_##T(a)); } \
void tcg_gen_extract_##T(V r, V a, unsigned pos, unsigned len)               \
{                                                                            \
    g_assert(len > 0 && pos + len <= W);                                     \
    op2c(INDEX_op_extract_##T, t_##T(r), t_##T(a), pos, len);                \
}                                                                            \
void tcg_gen_sextract_##T(V r, V a, unsigned pos, unsigned len)              \
{                                                                            \
    g_assert(len > 0 && pos + len <= W);                                     \
    op2c(INDEX_op_sextract_##T, t_##T(r), t_##T(a), pos, len);               \
}                                                                            \
void tcg_gen_deposit_##T(V r, V a, V b, unsigned pos, unsigned len)          \
{                                                                            \
    TCGOp *op;                                                               \
    g_assert(len > 0 && pos + len <= W);                                     \
    op = tcg_emit_op(INDEX_op_deposit_##T, 5);                               \
    op->args[0] = out_arg(t_##T(r));                                         \
    op->args[1] = in_arg(t_##T(a));                                          \
    op->args[2] = in_arg(t_##T(b));                                          \
    op->args[3] = pos;                                                       \
    op->args[4] = len;                                                       \
}                                                                            \
void tcg_gen_deposit_z_##T(V r, V b, unsigned pos, unsigned len)             \
{                                                                            \
    tcg_gen_deposit_##T(r, tcg_constant_##T(0), b, pos, len);                \
}                                                                            \
void tcg_gen_add2_##T(V rl, V rh, V al, V ah, V bl, V bh)                    \
{                                                                            \
    TCGTemp *in[4] = { t_##T(al), t_##T(ah), t_##T(bl), t_##T(bh) };         \
    op_2out(INDEX_op_add2_##T, t_##T(rl), t_##T(rh), in, 4);                  \
}                                                                            \
void tcg_gen_sub2_##T(V rl, V rh, V al, V ah, V bl, V bh)                    \
{                                                                            \
    TCGTemp *in[4] = { t_##T(al), t_##T(ah), t_##T(bl), t_##T(bh) };         \
    op_2out(INDEX_op_sub2_##T, t_##T(rl), t_##T(rh), in, 4);                  \
}                                                                            \
void tcg_gen_mulu2_##T(V rl, V rh, V a, V b)                                 \
{                                                                            \
    TCGTemp *in[2] = { t_##T(a), t_##T(b) };                                 \
    op_2out(INDEX_op_mulu2_##T, t_##T(rl), t_##T(rh), in, 2);                 \
}                                                                            \
void tcg_gen_muls2_##T(V rl, V rh, V a, V b)                                 \
{                                                                            \
    TCGTemp *in[2] = { t_##T(a), t_##T(b) };                                 \
    op_2out(INDEX_op_muls2_##T, t_##T(rl), t_##T(rh), in, 2);                 \
}                                                                            \
void tcg_gen_setcond_##T(TCGCond c, V r, V a, V b)                           \
{                                                                            \
    setcond(INDEX_op_setcond_##T, c, t_##T(r), t_##T(a), t_##T(b));          \
}                                                                            \
void tcg_gen_setcondi_##T(TCGCond c, V r, V a, ST b)                         \
{                                                                            \
    setcond(INDEX_op_setcond_##T, c, t_##T(r), t_##T(a), k_##T(b));          \
}                                                                            \
void tcg_gen_negsetcond_##T(TCGCond c, V r, V a, V b)                        \
{                                                                            \
    setcond(INDEX_op_setcond_##T, c, t_##T(r), t_##T(a), t_##T(b));          \
    op2(INDEX_op_neg_##T, t_##T(r), t_##T(r));                                \
}                                                                            \
void tcg_gen_movcond_##T(TCGCond c, V r, V c1, V c2, V v1, V v2)             \
{                                                                            \
    movcond(INDEX_op_movcond_##T, c, t_##T(r), t_##T(c1), t_##T(c2),          \
            t_##T(v1), t_##T(v2));                                            \
}                                                                            \
void tcg_gen_brcond_##T(TCGCond c, V a, V b, TCGLabel *l)                    \
{                                                                            \
    brcond(INDEX_op_brcond_##T, c, t_##T(a), t_##T(b), l);                   \
}                                                                            \
void tcg_gen_brcondi_##T(TCGCond c, V a, ST b, TCGLabel *l)                  \
{                                                                            \
    brcond(INDEX_op_brcond_##T, c, t_##T(a), k_##T(b), l);                   \
}                                                                            \
void tcg_gen_ld8u_##T(V r, TCGv_ptr p, intptr_t o) { op_mem(INDEX_op_ld8u_##T, t_##T(r), tcgv_ptr_temp(p), (TCGArg)o, true); } \
void tcg_gen_ld8s_##T(V r, TCGv_ptr p, intptr_t o) { op_mem(INDEX_op_ld8s_##T, t_##T(r), tcgv_ptr_temp(p), (TCGArg)o, true); } \
void tcg_gen_ld16u_##T(V r, TCGv_ptr p, intptr_t o) { op_mem(INDEX_op_ld16u_##T, t_##T(r), tcgv_ptr_temp(p), (TCGArg)o, true); } \
void tcg_gen_ld16s_##T(V r, TCGv_ptr p, intptr_t o) { op_mem(INDEX_op_ld16s_##T, t_##T(r), tcgv_ptr_temp(p), (TCGArg)o, true); } \
void tcg_gen_ld_##T(V r, TCGv_ptr p, intptr_t o) { op_mem(INDEX_op_ld_##T, t_##T(r), tcgv_ptr_temp(p), (TCGArg)o, true); } \
void tcg_gen_st8_##T(V v, TCGv_ptr p, intptr_t o) { op_mem(INDEX_op_st8_##T, t_##T(v), tcgv_ptr_temp(p), (TCGArg)o, false); } \
void tcg_gen_st16_##T(V v, TCGv_ptr p, intptr_t o) { op_mem(INDEX_op_st16_##T, t_##T(v), tcgv_ptr_temp(p), (TCGArg)o, false); } \
void tcg_gen_st_##T(V v, TCGv_ptr p, intptr_t o) { op_mem(INDEX_op_st_##T, t_##T(v), tcgv_ptr_temp(p), (TCGArg)o, false); } \
void tcg_gen_qemu_ld_##T(V v, TCGv_i32 a, unsigned idx, MemOp mo)            \
{                                                                            \
    g_assert(idx < TCG_MAX_MMU_INDEX && (mo & MO_SIZE) <= (W == 32 ? MO_32 : MO_64)); \
    op_mem(INDEX_op_qemu_ld_##T, t_##T(v), tcgv_i32_temp(a), make_memop_idx(mo, idx), true); \
}                                                                            \
void tcg_gen_qemu_st_##T(V v, TCGv_i32 a, unsigned idx, MemOp mo)            \
{                                                                            \
    g_assert(idx < TCG_MAX_MMU_INDEX && (mo & MO_SIZE) <= (W == 32 ? MO_32 : MO_64)); \
    op_mem(INDEX_op_qemu_st_##T, t_##T(v), tcgv_i32_temp(a), make_memop_idx(mo, idx), false); \
}                                                                            \
void tcg_gen_qemu_ld_##T##_a64(V v, TCGv_i64 a, unsigned idx, MemOp mo)      \
{                                                                            \
    g_assert(idx < TCG_MAX_MMU_INDEX && (mo & MO_SIZE) <= (W == 32 ? MO_32 : MO_64)); \
    op_mem(INDEX_op_qemu_ld_##T, t_##T(v), tcgv_i64_temp(a), make_memop_idx(mo, idx), true); \
}                                                                            \
void tcg_gen_qemu_st_##T##_a64(V v, TCGv_i64 a, unsigned idx, MemOp mo)      \
{                                                                            \
    g_assert(idx < TCG_MAX_MMU_INDEX && (mo & MO_SIZE) <= (W == 32 ? MO_32 : MO_64)); \
    op_mem(INDEX_op_qemu_st_##T, t_##T(v), tcgv_i64_temp(a), make_memop_idx(mo, idx), false); \
}

GEN_BOTH(32, i32, TCGv_i32, int32_t)
GEN_BOTH(64, i64, TCGv_i64, int64_t)

void tcg_gen_ext32s_i64(TCGv_i64 r, TCGv_i64 a) { op2(INDEX_op_ext32s_i64, t_i64(r), t_i64(a)); }
void tcg_gen_ext32u_i64(TCGv_i64 r, TCGv_i64 a) { op2(INDEX_op_ext32u_i64, t_i64(r), t_i64(a)); }
void tcg_gen_bswap64_i64(TCGv_i64 r, TCGv_i64 a) { op2(INDEX_op_bswap64_i64, t_i64(r), t_i64(a)); }

void tcg_gen_ld32u_i64(TCGv_i64 r, TCGv_ptr p, intptr_t o)
{
    op_mem(INDEX_op_ld32u_i64, t_i64(r), tcgv_ptr_temp(p), (TCGArg)o, true);
}

void tcg_gen_ld32s_i64(TCGv_i64 r, TCGv_ptr p, intptr_t o)
{
    op_mem(INDEX_op_ld32s_i64, t_i64(r), tcgv_ptr_temp(p), (TCGArg)o, true);
}

void tcg_gen_st32_i64(TCGv_i64 v, TCGv_ptr p, intptr_t o)
{
    op_mem(INDEX_op_st32_i64, t_i64(v), tcgv_ptr_temp(p), (TCGArg)o, false);
}

void tcg_gen_ext_i32_i64(TCGv_i64 r, TCGv_i32 a)
{
    op2(INDEX_op_ext_i32_i64, t_i64(r), t_i32(a));
}

void tcg_gen_extu_i32_i64(TCGv_i64 r, TCGv_i32 a)
{
    op2(INDEX_op_extu_i32_i64, t_i64(r), t_i32(a));
}

void tcg_gen_extrl_i64_i32(TCGv_i32 r, TCGv_i64 a)
{
    op2(INDEX_op_extrl_i64_i32, t_i32(r), t_i64(a));
}

void tcg_gen_extrh_i64_i32(TCGv_i32 r, TCGv_i64 a)
{
    op2(INDEX_op_extrh_i64_i32, t_i32(r), t_i64(a));
}

void tcg_gen_concat_i32_i64(TCGv_i64 r, TCGv_i32 lo, TCGv_i32 hi)
{
    op3(INDEX_op_concat_i32_i64, t_i64(r), t_i32(lo), t_i32(hi));
}

void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a)
{
    g_assert(lo != hi);
    op2(INDEX_op_extrl_i64_i32, t_i32(lo), t_i64(a));
    op2(INDEX_op_extrh_i64_i32, t_i32(hi), t_i64(a));
}

void tcg_gen_mov_ptr(TCGv_ptr r, TCGv_ptr a)
{
    if (r != a) {
        op2(INDEX_op_mov_i64, tcgv_ptr_temp(r), tcgv_ptr_temp(a));
    }
}

void tcg_gen_addi_ptr(TCGv_ptr r, TCGv_ptr a, intptr_t b)
{
    op3(INDEX_op_add_i64, tcgv_ptr_temp(r), tcgv_ptr_temp(a),
        k_i64((int64_t)b));
}

void tcg_gen_add_ptr(TCGv_ptr r, TCGv_ptr a, TCGv_ptr b)
{
    op3(INDEX_op_add_i64, tcgv_ptr_temp(r), tcgv_ptr_temp(a),
        tcgv_ptr_temp(b));
}

void tcg_gen_ext_i32_ptr(TCGv_ptr r, TCGv_i32 a)
{
    op2(INDEX_op_extu_i32_i64, tcgv_ptr_temp(r), t_i32(a));
}

void tcg_gen_ld_ptr(TCGv_ptr r, TCGv_ptr p, intptr_t o)
{
    /* Pointers are stored in 64-bit slots but are host-sized in memory. */
    op_mem(sizeof(void *) == 8 ? INDEX_op_ld_i64 : INDEX_op_ld32u_i64,
           tcgv_ptr_temp(r), tcgv_ptr_temp(p), (TCGArg)o, true);
}

void tcg_gen_st_ptr(TCGv_ptr v, TCGv_ptr p, intptr_t o)
{
    op_mem(sizeof(void *) == 8 ? INDEX_op_st_i64 : INDEX_op_st32_i64,
           tcgv_ptr_temp(v), tcgv_ptr_temp(p), (TCGArg)o, false);
}

void tcg_gen_br(TCGLabel *l)
{
    TCGOp *op = tcg_emit_op(INDEX_op_br, 1);

    op->args[0] = label_arg(l);
    if (l->present) {
        l->has_backward = true;
    }
}

void tcg_gen_insn_start(uint64_t w0, uint64_t w1, uint64_t w2)
{
    TCGContext *s = tcg_ctx;
    TCGOp *op;

    if (s->nb_insns >= TCG_MAX_INSNS) {
        s->overflow = true;
        return;
    }
    s->insn_start_op[s->nb_insns++] = s->nb_ops;
    op = tcg_emit_op(INDEX_op_insn_start, TCG_INSN_START_WORDS);
    op->args[0] = w0;
    op->args[1] = w1;
    op->args[2] = w2;
}

void tcg_set_insn_start_param(int insn, int word, uint64_t value)
{
    TCGContext *s = tcg_ctx;

    g_assert(insn >= 0 && insn < s->nb_insns);
    g_assert(word >= 0 && word < TCG_INSN_START_WORDS);
    s->ops[s->insn_start_op[insn]].args[word] = value;
}

void tcg_gen_exit_tb(unsigned idx)
{
    TCGOp *op;

    g_assert(idx == TB_EXIT_IDX0 || idx == TB_EXIT_IDX1 ||
             idx == TB_EXIT_NOCHAIN);
    op = tcg_emit_op(INDEX_op_exit_tb, 1);
    op->args[0] = idx;
}

void tcg_gen_goto_tb(unsigned idx)
{
    TCGOp *op;

    g_assert(idx <= 1);
    op = tcg_emit_op(INDEX_op_goto_tb, 1);
    op->args[0] = idx;
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    tcg_emit_op(INDEX_op_lookup_and_goto_ptr, 0);
}

/* Type of argument @i (0-based) of signature @sig: 'i' or 'l'. */
static char sig_arg(TCGHelperSig sig, int i)
{
    const char *s = tcg_helper_sig_string(sig);

    return s[2 + i];
}

static void gen_call(const TCGHelper *h, TCGTemp *ret, int n, TCGTemp **args)
{
    const char *s = tcg_helper_sig_string(h->sig);
    TCGOp *op;
    int nout = ret != NULL;

    /* The handle types must match the C prototype the tag stands for. */
    g_assert((int)strlen(s) == 2 + n);
    g_assert(s[0] == 'v' ? ret == NULL :
             ret && ret->type == (s[0] == 'i' ? TCG_TYPE_I32 : TCG_TYPE_I64));
    for (int i = 0; i < n; i++) {
        g_assert(args[i]->type ==
                 (sig_arg(h->sig, i) == 'i' ? TCG_TYPE_I32 : TCG_TYPE_I64));
    }
    op = tcg_emit_op(INDEX_op_call, nout + n + 1);
    op->nb_oargs = (uint8_t)nout;
    op->nb_iargs = (uint8_t)n;
    if (ret) {
        op->args[0] = out_arg(ret);
    }
    for (int i = 0; i < n; i++) {
        op->args[nout + i] = in_arg(args[i]);
    }
    op->args[nout + n] = (TCGArg)(uintptr_t)h;
}

void tcg_gen_call0(const TCGHelper *h, TCGTemp *ret)
{
    gen_call(h, ret, 0, NULL);
}

void tcg_gen_call1(const TCGHelper *h, TCGTemp *ret, TCGTemp *a1)
{
    TCGTemp *a[] = { a1 };
    gen_call(h, ret, 1, a);
}

void tcg_gen_call2(const TCGHelper *h, TCGTemp *ret, TCGTemp *a1,
                   TCGTemp *a2)
{
    TCGTemp *a[] = { a1, a2 };
    gen_call(h, ret, 2, a);
}

void tcg_gen_call3(const TCGHelper *h, TCGTemp *ret, TCGTemp *a1,
                   TCGTemp *a2, TCGTemp *a3)
{
    TCGTemp *a[] = { a1, a2, a3 };
    gen_call(h, ret, 3, a);
}

void tcg_gen_call4(const TCGHelper *h, TCGTemp *ret, TCGTemp *a1,
                   TCGTemp *a2, TCGTemp *a3, TCGTemp *a4)
{
    TCGTemp *a[] = { a1, a2, a3, a4 };
    gen_call(h, ret, 4, a);
}

void tcg_gen_addcc_i32(TCGv_i32 r, TCGv_i32 n, TCGv_i32 z, TCGv_i32 c,
                       TCGv_i32 v, TCGv_i32 a, TCGv_i32 b, TCGv_i32 cin)
{
    TCGTemp *out[5] = { t_i32(r), t_i32(n), t_i32(z), t_i32(c), t_i32(v) };
    TCGTemp *in[3] = { t_i32(a), t_i32(b), t_i32(cin) };

    op_nout(INDEX_op_addcc_i32, out, 5, in, 3);
}

void tcg_gen_subcc_i32(TCGv_i32 r, TCGv_i32 n, TCGv_i32 z, TCGv_i32 c,
                       TCGv_i32 v, TCGv_i32 a, TCGv_i32 b)
{
    TCGTemp *out[5] = { t_i32(r), t_i32(n), t_i32(z), t_i32(c), t_i32(v) };
    TCGTemp *in[2] = { t_i32(a), t_i32(b) };

    op_nout(INDEX_op_subcc_i32, out, 5, in, 2);
}
