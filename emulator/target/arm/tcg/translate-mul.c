/*
 * Multiplies, divides and saturating arithmetic, shared by A32 and T32.
 * Register numbers are passed by role: rd (result or RdHi), ra
 * (accumulator or RdLo), rn and rm (operands).
 */
#include "target/arm/tcg/translate.h"

/* QF |= (v64 does not fit in 32 signed bits); returns the low half. */
static TCGv_i32 gen_sat_check64(TCGv_i64 v)
{
    TCGv_i32 lo = tcg_temp_new_i32();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGv_i32 ov = tcg_temp_new_i32();

    tcg_gen_extrl_i64_i32(lo, v);
    tcg_gen_ext_i32_i64(t, lo);
    tcg_gen_setcond_i64(TCG_COND_NE, t, t, v);
    tcg_gen_extrl_i64_i32(ov, t);
    tcg_gen_or_i32(cpu_QF, cpu_QF, ov);
    return lo;
}

/* r = a + b, QF |= signed overflow. */
static void gen_add_setq(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 s = tcg_temp_new_i32(), t = tcg_temp_new_i32();

    tcg_gen_add_i32(s, a, b);
    tcg_gen_xor_i32(t, a, b);
    tcg_gen_xor_i32(r, s, a);
    tcg_gen_andc_i32(t, r, t);
    tcg_gen_shri_i32(t, t, 31);
    tcg_gen_or_i32(cpu_QF, cpu_QF, t);
    tcg_gen_mov_i32(r, s);
}

static void gen_load64(DisasContext *s, TCGv_i64 v, int lo, int hi)
{
    TCGv_i32 l = load_reg(s, lo), h = load_reg(s, hi);
    tcg_gen_concat_i32_i64(v, l, h);
}

static void gen_store64(DisasContext *s, int lo, int hi, TCGv_i64 v)
{
    TCGv_i32 l = tcg_temp_new_i32(), h = tcg_temp_new_i32();

    tcg_gen_extr_i64_i32(l, h, v);
    store_reg(s, lo, l);
    store_reg(s, hi, h);
}

bool gen_mul(DisasContext *s, int op, bool S, int rd, int rn, int rm, int ra)
{
    TCGv_i32 a = load_reg(s, rn), b = load_reg(s, rm);
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();

    switch (op) {
    case MUL_MUL:
    case MUL_MLA:
    case MUL_MLS:
        tcg_gen_mul_i32(lo, a, b);
        if (op != MUL_MUL) {
            TCGv_i32 c = load_reg(s, ra);
            if (op == MUL_MLA) {
                tcg_gen_add_i32(lo, c, lo);
            } else {
                tcg_gen_sub_i32(lo, c, lo);
            }
        }
        if (S) {
            gen_logic_cc(lo);
        }
        store_reg(s, rd, lo);
        return true;
    case MUL_UMULL:
    case MUL_UMLAL:
    case MUL_UMAAL:
        tcg_gen_mulu2_i32(lo, hi, a, b);
        break;
    default:
        tcg_gen_muls2_i32(lo, hi, a, b);
        break;
    }
    if (op == MUL_UMLAL || op == MUL_SMLAL) {
        TCGv_i32 al = load_reg(s, ra), ah = load_reg(s, rd);
        tcg_gen_add2_i32(lo, hi, lo, hi, al, ah);
    } else if (op == MUL_UMAAL) {
        TCGv_i32 zero = tcg_constant_i32(0);
        TCGv_i32 al = load_reg(s, ra), ah = load_reg(s, rd);
        tcg_gen_add2_i32(lo, hi, lo, hi, al, zero);
        tcg_gen_add2_i32(lo, hi, lo, hi, ah, zero);
    }
    if (S) {
        tcg_gen_mov_i32(cpu_NF, hi);
        tcg_gen_or_i32(cpu_ZF, lo, hi);
    }
    store_reg(s, ra, lo);
    store_reg(s, rd, hi);
    return true;
}

/* A signed halfword of @r: the top one if @top. */
static TCGv_i32 gen_half(DisasContext *s, int r, bool top)
{
    TCGv_i32 v = load_reg(s, r);

    if (top) {
        tcg_gen_sari_i32(v, v, 16);
    } else {
        tcg_gen_ext16s_i32(v, v);
    }
    return v;
}

bool gen_mul_xy(DisasContext *s, int op, int rd, int rn, int rm, int ra,
                bool x, bool y)
{
    TCGv_i32 r = tcg_temp_new_i32();

    switch (op) {
    case MXY_SMUL:
    case MXY_SMLA: {
        TCGv_i32 a = gen_half(s, rn, x), b = gen_half(s, rm, y);
        tcg_gen_mul_i32(r, a, b);
        if (op == MXY_SMLA) {
            gen_add_setq(r, r, load_reg(s, ra));
        }
        store_reg(s, rd, r);
        return true;
    }
    case MXY_SMULW:
    case MXY_SMLAW: {
        /* (Rn * Rm.half) >> 16, a 48-bit product */
        TCGv_i64 p = tcg_temp_new_i64(), q = tcg_temp_new_i64();
        TCGv_i32 b = gen_half(s, rm, y);
        tcg_gen_ext_i32_i64(p, load_reg(s, rn));
        tcg_gen_ext_i32_i64(q, b);
        tcg_gen_mul_i64(p, p, q);
        tcg_gen_sari_i64(p, p, 16);
        tcg_gen_extrl_i64_i32(r, p);
        if (op == MXY_SMLAW) {
            gen_add_setq(r, r, load_reg(s, ra));
        }
        store_reg(s, rd, r);
        return true;
    }
    case MXY_SMLAL: {
        TCGv_i32 a = gen_half(s, rn, x), b = gen_half(s, rm, y);
        TCGv_i64 p = tcg_temp_new_i64(), acc = tcg_temp_new_i64();
        tcg_gen_mul_i32(r, a, b);
        tcg_gen_ext_i32_i64(p, r);
        gen_load64(s, acc, ra, rd);
        tcg_gen_add_i64(acc, acc, p);
        gen_store64(s, ra, rd, acc);
        return true;
    }
    }
    return false;
}

bool gen_mul_dual(DisasContext *s, bool sub, bool lng, bool x, int rd,
                  int rn, int rm, int ra)
{
    TCGv_i32 a = load_reg(s, rn), b = load_reg(s, rm);
    TCGv_i32 al = tcg_temp_new_i32(), ah = tcg_temp_new_i32();
    TCGv_i32 bl = tcg_temp_new_i32(), bh = tcg_temp_new_i32();
    TCGv_i64 p1 = tcg_temp_new_i64(), p2 = tcg_temp_new_i64();

    if (x) {
        tcg_gen_rotri_i32(b, b, 16);
    }
    tcg_gen_ext16s_i32(al, a);
    tcg_gen_sari_i32(ah, a, 16);
    tcg_gen_ext16s_i32(bl, b);
    tcg_gen_sari_i32(bh, b, 16);
    tcg_gen_mul_i32(al, al, bl);
    tcg_gen_mul_i32(ah, ah, bh);
    tcg_gen_ext_i32_i64(p1, al);
    tcg_gen_ext_i32_i64(p2, ah);
    if (sub) {
        tcg_gen_sub_i64(p1, p1, p2);
    } else {
        tcg_gen_add_i64(p1, p1, p2);
    }
    if (lng) {
        TCGv_i64 acc = tcg_temp_new_i64();
        gen_load64(s, acc, ra, rd);
        tcg_gen_add_i64(acc, acc, p1);
        gen_store64(s, ra, rd, acc);
        return true;
    }
    if (ra != 15) {
        TCGv_i64 c = tcg_temp_new_i64();
        tcg_gen_ext_i32_i64(c, load_reg(s, ra));
        tcg_gen_add_i64(p1, p1, c);
    }
    store_reg(s, rd, gen_sat_check64(p1));
    return true;
}

bool gen_smmul(DisasContext *s, int op, bool round, int rd, int rn, int rm,
               int ra)
{
    TCGv_i64 p = tcg_temp_new_i64(), q = tcg_temp_new_i64();
    TCGv_i32 r = tcg_temp_new_i32();

    tcg_gen_ext_i32_i64(p, load_reg(s, rn));
    tcg_gen_ext_i32_i64(q, load_reg(s, rm));
    tcg_gen_mul_i64(p, p, q);
    if (op != SMM_MUL) {
        tcg_gen_extu_i32_i64(q, load_reg(s, ra));
        tcg_gen_shli_i64(q, q, 32);
        if (op == SMM_MLA) {
            tcg_gen_add_i64(p, q, p);
        } else {
            tcg_gen_sub_i64(p, q, p);
        }
    }
    if (round) {
        tcg_gen_addi_i64(p, p, 0x80000000);
    }
    tcg_gen_extrh_i64_i32(r, p);
    store_reg(s, rd, r);
    return true;
}

bool gen_div(DisasContext *s, bool u, int rd, int rn, int rm)
{
    TCGv_i32 a = load_reg(s, rn), b = load_reg(s, rm);
    TCGv_i32 r = tcg_temp_new_i32();

    /* IR division already gives 0 for x/0 and INT_MIN for INT_MIN/-1. */
    if (u) {
        tcg_gen_divu_i32(r, a, b);
    } else {
        tcg_gen_div_i32(r, a, b);
    }
    store_reg(s, rd, r);
    return true;
}

bool gen_sat_arith(DisasContext *s, int op, int rd, int rn, int rm)
{
    static const TCGHelper *const h[4] = {
        &h_qadd, &h_qsub, &h_qdadd, &h_qdsub
    };
    TCGv_i32 a = load_reg(s, rm), b = load_reg(s, rn);
    TCGv_i32 r = tcg_temp_new_i32();

    /* QADD Rd, Rm, Rn: Rm + Rn; QDADD: Rm + sat(2 * Rn). */
    tcg_gen_call2(h[op], tcgv_temp(r), tcgv_temp(a), tcgv_temp(b));
    store_reg(s, rd, r);
    return true;
}

bool gen_sat(DisasContext *s, bool u, bool h16, int rd, int sat, int rn,
             int shtype, int shamt)
{
    TCGv_i32 v = load_reg(s, rn);
    TCGv_i32 r = tcg_temp_new_i32();
    const TCGHelper *h;

    if (!h16) {
        if (shtype == SH_ASR && shamt == 0) {
            shamt = 32;
        }
        if (shtype == SH_ASR) {
            tcg_gen_sari_i32(v, v, (unsigned)(shamt == 32 ? 31 : shamt));
        } else if (shamt) {
            tcg_gen_shli_i32(v, v, (unsigned)shamt);
        }
        h = u ? &h_usat : &h_ssat;
    } else {
        h = u ? &h_usat16 : &h_ssat16;
    }
    /* @sat is the encoded field: SSAT saturates to sat+1 bits. */
    tcg_gen_call2(h, tcgv_temp(r), tcgv_temp(v),
                  tcgv_temp(tcg_constant_i32(u ? sat : sat + 1)));
    store_reg(s, rd, r);
    return true;
}
