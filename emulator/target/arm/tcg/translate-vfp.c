/*
 * VFPv3-D32 (with the VFPv4 fused multiply-adds of Cortex-A15), in both
 * instruction sets: the coprocessor 10/11 space on bits 27:0 (ARM ARM
 * A7.5-A7.9).  Advanced SIMD is not implemented: its encodings never
 * reach here and are UNDEFINED.
 *
 * Register file: env->vfp.d[32]; S<2n> is the low half of D<n> and
 * S<2n+1> the high half (the host is little-endian).  Arithmetic goes
 * through the CPU's VFP helpers (target/arm/vfp-helper.h), which apply
 * FPSCR rounding, flush-to-zero, default NaN and the cumulative flags.
 * FPSCR.LEN/STRIDE are RAZ on Cortex-A15: no short vectors.
 */
#include "target/arm/tcg/translate.h"

#include "target/arm/vfp-helper.h"

/* A float value: an i32 temp (single) or an i64 temp (double). */
typedef TCGTemp *FV;

static size_t sreg_off(int r)
{
    return ENV_OFF(vfp.d) + 8 * (size_t)(r >> 1) + 4 * (size_t)(r & 1);
}

static size_t dreg_off(int r)
{
    return ENV_OFF(vfp.d) + 8 * (size_t)r;
}

static FV fv_new(bool dp)
{
    return dp ? tcgv_i64_temp(tcg_temp_new_i64())
              : tcgv_i32_temp(tcg_temp_new_i32());
}

static FV fv_load(bool dp, int r)
{
    FV t = fv_new(dp);

    if (dp) {
        tcg_gen_ld_i64(temp_tcgv_i64(t), tcg_env, (intptr_t)dreg_off(r));
    } else {
        tcg_gen_ld_i32(temp_tcgv_i32(t), tcg_env, (intptr_t)sreg_off(r));
    }
    return t;
}

static void fv_store(bool dp, int r, FV v)
{
    if (dp) {
        tcg_gen_st_i64(temp_tcgv_i64(v), tcg_env, (intptr_t)dreg_off(r));
    } else {
        tcg_gen_st_i32(temp_tcgv_i32(v), tcg_env, (intptr_t)sreg_off(r));
    }
}

static FV fv_call1(const TCGHelper *h, bool dp, FV a)
{
    FV r = fv_new(dp);

    tcg_gen_call1(h, r, a);
    return r;
}

static FV fv_call2(const TCGHelper *h, bool dp, FV a, FV b)
{
    FV r = fv_new(dp);

    tcg_gen_call2(h, r, a, b);
    return r;
}

static FV fv_call3(const TCGHelper *h, bool dp, FV a, FV b, FV c)
{
    FV r = fv_new(dp);

    tcg_gen_call3(h, r, a, b, c);
    return r;
}

/* Helpers per precision: [0] single, [1] double. */
#define H2(sig_s, fs, sig_d, fd) \
    { TCG_HELPER(sig_s, fs, 0), TCG_HELPER(sig_d, fd, 0) }
static const TCGHelper h_add[2] = H2(i_ii, helper_vfp_adds, l_ll, helper_vfp_addd);
static const TCGHelper h_sub[2] = H2(i_ii, helper_vfp_subs, l_ll, helper_vfp_subd);
static const TCGHelper h_mul[2] = H2(i_ii, helper_vfp_muls, l_ll, helper_vfp_muld);
static const TCGHelper h_div[2] = H2(i_ii, helper_vfp_divs, l_ll, helper_vfp_divd);
static const TCGHelper h_fma[2] = H2(i_iii, helper_vfp_muladds, l_lll, helper_vfp_muladdd);
static const TCGHelper h_neg[2] = H2(i_i, helper_vfp_negs, l_l, helper_vfp_negd);
static const TCGHelper h_abs[2] = H2(i_i, helper_vfp_abss, l_l, helper_vfp_absd);
static const TCGHelper h_sqrt[2] = H2(i_i, helper_vfp_sqrts, l_l, helper_vfp_sqrtd);
static const TCGHelper h_cmp[2] = H2(v_ii, helper_vfp_cmps, v_ll, helper_vfp_cmpd);
static const TCGHelper h_cmpe[2] = H2(v_ii, helper_vfp_cmpes, v_ll, helper_vfp_cmped);
static const TCGHelper h_cvt_ds = TCG_HELPER(l_i, helper_vfp_fcvtds, 0);
static const TCGHelper h_cvt_sd = TCG_HELPER(i_l, helper_vfp_fcvtsd, 0);
/* [signed][double] */
static const TCGHelper h_toint[2][2] = {
    H2(i_ii, helper_vfp_touis, i_li, helper_vfp_touid),
    H2(i_ii, helper_vfp_tosis, i_li, helper_vfp_tosid),
};
static const TCGHelper h_fromint[2][2] = {
    H2(i_i, helper_vfp_uitos, l_i, helper_vfp_uitod),
    H2(i_i, helper_vfp_sitos, l_i, helper_vfp_sitod),
};
/* [signed][32-bit][double] */
static const TCGHelper h_tofix[2][2][2] = {
    { H2(i_ii, helper_vfp_touhs, l_li, helper_vfp_touhd),
      H2(i_ii, helper_vfp_touls, l_li, helper_vfp_tould) },
    { H2(i_ii, helper_vfp_toshs, l_li, helper_vfp_toshd),
      H2(i_ii, helper_vfp_tosls, l_li, helper_vfp_tosld) },
};
static const TCGHelper h_fromfix[2][2] = {
    H2(i_ii, helper_vfp_ultos, l_ii, helper_vfp_ultod),
    H2(i_ii, helper_vfp_sltos, l_ii, helper_vfp_sltod),
};
static const TCGHelper h_f16tos = TCG_HELPER(i_i, helper_vfp_f16tos, 0);
static const TCGHelper h_stof16 = TCG_HELPER(i_i, helper_vfp_stof16, 0);

/* Register numbers: single Vx:b, double b:Vx. */
static int vreg(bool dp, uint32_t v4, uint32_t b)
{
    return dp ? (int)(b << 4 | v4) : (int)(v4 << 1 | b);
}
#define VD(i, dp) vreg(dp, extract32(i, 12, 4), extract32(i, 22, 1))
#define VN(i, dp) vreg(dp, extract32(i, 16, 4), extract32(i, 7, 1))
#define VM(i, dp) vreg(dp, extract32(i, 0, 4), extract32(i, 5, 1))

/* VFP instructions other than system-register moves need FPEXC.EN. */
static bool vfp_check(DisasContext *s)
{
    return s->vfp_enabled;
}

static uint64_t vfp_expand_imm(bool dp, uint32_t imm8)
{
    uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, lo = imm8 & 0x3f;

    if (dp) {
        uint64_t exp = b6 ? 0xff : 0x100;
        return sign << 63 | exp << 54 | lo << 48;
    }
    return (sign << 31 | (b6 ? 0x1f : 0x20) << 25 | lo << 19);
}

/* Three-register arithmetic (opc1 != 1x11). */
static bool vfp_arith(DisasContext *s, uint32_t insn, bool dp, int opc1,
                      bool op)
{
    int d = VD(insn, dp), n = VN(insn, dp), m = VM(insn, dp);
    FV a = fv_load(dp, n), b = fv_load(dp, m), r, acc;

    switch (opc1) {
    case 0: /* VMLA / VMLS: d + (+-(n * m)) */
    case 1: /* VNMLS / VNMLA: -d + (+-(n * m)) */
        r = fv_call2(&h_mul[dp], dp, a, b);
        if (op) {
            r = fv_call1(&h_neg[dp], dp, r);
        }
        acc = fv_load(dp, d);
        if (opc1 == 1) {
            acc = fv_call1(&h_neg[dp], dp, acc);
        }
        r = fv_call2(&h_add[dp], dp, acc, r);
        break;
    case 2: /* VMUL / VNMUL */
        r = fv_call2(&h_mul[dp], dp, a, b);
        if (op) {
            r = fv_call1(&h_neg[dp], dp, r);
        }
        break;
    case 3: /* VADD / VSUB */
        r = fv_call2(op ? &h_sub[dp] : &h_add[dp], dp, a, b);
        break;
    case 4: /* VDIV */
        if (op) {
            return false;
        }
        r = fv_call2(&h_div[dp], dp, a, b);
        break;
    case 5: /* VFNMS (op 0): -d + n*m; VFNMA (op 1): -d - n*m */
    case 6: /* VFMA (op 0): d + n*m; VFMS (op 1): d - n*m */
        if (op) {
            a = fv_call1(&h_neg[dp], dp, a);
        }
        acc = fv_load(dp, d);
        if (opc1 == 5) {
            acc = fv_call1(&h_neg[dp], dp, acc);
        }
        r = fv_call3(&h_fma[dp], dp, a, b, acc);
        break;
    default:
        return false;
    }
    fv_store(dp, d, r);
    return true;
}

/* VCVT between floating point and fixed point, in place on Vd. */
static bool vfp_cvt_fixed(DisasContext *s, uint32_t insn, bool dp)
{
    bool to_fixed = extract32(insn, 18, 1), uns = extract32(insn, 16, 1);
    bool sx = extract32(insn, 7, 1);
    int size = sx ? 32 : 16;
    int frac = size - (int)(extract32(insn, 0, 4) << 1 | extract32(insn, 5, 1));
    int d = VD(insn, dp);
    TCGv_i32 sh;

    if (frac < 0) {
        return false;
    }
    sh = tcg_constant_i32(frac);
    if (to_fixed) {
        FV v = fv_load(dp, d);
        fv_store(dp, d, fv_call2(&h_tofix[!uns][sx][dp], dp, v,
                                 tcgv_i32_temp(sh)));
    } else {
        TCGv_i32 x = tcg_temp_new_i32();
        tcg_gen_ld_i32(x, tcg_env, (intptr_t)(dp ? dreg_off(d) : sreg_off(d)));
        if (!sx) {
            if (uns) {
                tcg_gen_ext16u_i32(x, x);
            } else {
                tcg_gen_ext16s_i32(x, x);
            }
        }
        fv_store(dp, d, fv_call2(&h_fromfix[!uns][dp], dp, tcgv_i32_temp(x),
                                 tcgv_i32_temp(sh)));
    }
    return true;
}

/* The "other" data-processing group (opc1 = 1x11). */
static bool vfp_other(DisasContext *s, uint32_t insn, bool dp)
{
    int opc2 = (int)extract32(insn, 16, 4), opc3 = (int)extract32(insn, 6, 2);
    int d, m;
    FV v;

    if (!(opc3 & 1)) {
        /* VMOV immediate */
        uint64_t imm = vfp_expand_imm(dp, extract32(insn, 16, 4) << 4 | extract32(insn, 0, 4));
        d = VD(insn, dp);
        if (dp) {
            fv_store(dp, d, tcgv_i64_temp(tcg_constant_i64((int64_t)imm)));
        } else {
            fv_store(dp, d, tcgv_i32_temp(tcg_constant_i32((int32_t)imm)));
        }
        return true;
    }
    switch (opc2) {
    case 0: /* VMOV reg (opc3 01), VABS (11) */
    case 1: /* VNEG (01), VSQRT (11) */
        d = VD(insn, dp);
        v = fv_load(dp, VM(insn, dp));
        if (opc2 == 0 && opc3 == 3) {
            v = fv_call1(&h_abs[dp], dp, v);
        } else if (opc2 == 1) {
            v = fv_call1(opc3 == 3 ? &h_sqrt[dp] : &h_neg[dp], dp, v);
        }
        fv_store(dp, d, v);
        return true;
    case 2: /* VCVTB/VCVTT f16 -> f32 */
    case 3: /* f32 -> f16 */ {
        bool top = extract32(insn, 7, 1);
        TCGv_i32 x, r = tcg_temp_new_i32();
        if (dp) {
            return false;
        }
        d = VD(insn, false);
        m = VM(insn, false);
        x = temp_tcgv_i32(fv_load(false, m));
        if (opc2 == 2) {
            if (top) {
                tcg_gen_shri_i32(x, x, 16);
            }
            tcg_gen_call1(&h_f16tos, tcgv_temp(r), tcgv_temp(x));
            fv_store(false, d, tcgv_i32_temp(r));
        } else {
            TCGv_i32 old = temp_tcgv_i32(fv_load(false, d));
            tcg_gen_call1(&h_stof16, tcgv_temp(r), tcgv_temp(x));
            tcg_gen_deposit_i32(old, old, r, top ? 16 : 0, 16);
            fv_store(false, d, tcgv_i32_temp(old));
        }
        return true;
    }
    case 4: /* VCMP{E} */
    case 5: /* VCMP{E} with zero */ {
        FV a = fv_load(dp, VD(insn, dp)), b;
        const TCGHelper *h = extract32(insn, 7, 1) ? &h_cmpe[dp] : &h_cmp[dp];
        if (opc2 == 5) {
            if (extract32(insn, 0, 6)) {
                return false;
            }
            b = dp ? tcgv_i64_temp(tcg_constant_i64(0))
                   : tcgv_i32_temp(tcg_constant_i32(0));
        } else {
            b = fv_load(dp, VM(insn, dp));
        }
        tcg_gen_call2(h, NULL, a, b);
        return true;
    }
    case 7: /* VCVT f32 <-> f64 */
        if (opc3 != 3) {
            return false;
        }
        if (dp) {
            v = fv_load(true, VM(insn, true));
            fv_store(false, VD(insn, false), fv_call1(&h_cvt_sd, false, v));
        } else {
            v = fv_load(false, VM(insn, false));
            fv_store(true, VD(insn, true), fv_call1(&h_cvt_ds, true, v));
        }
        return true;
    case 8: /* VCVT int -> float: source always a single register */
        v = fv_load(false, VM(insn, false));
        fv_store(dp, VD(insn, dp),
                 fv_call1(&h_fromint[extract32(insn, 7, 1)][dp], dp, v));
        return true;
    case 10: case 11: case 14: case 15:
        return vfp_cvt_fixed(s, insn, dp);
    case 12: case 13: { /* VCVT{R} float -> int: result in a single */
        TCGv_i32 r = tcg_temp_new_i32();
        v = fv_load(dp, VM(insn, dp));
        tcg_gen_call2(&h_toint[opc2 & 1][dp], tcgv_temp(r), v,
                      tcgv_temp(tcg_constant_i32((int32_t)extract32(insn, 7, 1))));
        fv_store(false, VD(insn, false), tcgv_i32_temp(r));
        return true;
    }
    default:
        return false;
    }
}

/*
 * Cortex-A15 has no short vectors, but FPSCR keeps LEN/STRIDE (as on
 * QEMU): data-processing instructions are then UNDEFINED.  Checked at run
 * time, since FPSCR is not part of the TB flags.
 */
static void vfp_check_no_vector(DisasContext *s)
{
    TCGLabel *ok = gen_new_label();
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_ld_i32(t, tcg_env, (intptr_t)ENV_OFF(vfp.fpscr));
    tcg_gen_brcondi_i32(TCG_COND_TSTEQ, t, 0x370000, ok);
    tcg_gen_call2(&h_exception, NULL, tcgv_temp(tcg_constant_i32(EXCP_UDEF)),
                  tcgv_temp(tcg_constant_i32(0)));
    gen_set_label(ok);
}

static bool vfp_dp(DisasContext *s, uint32_t insn)
{
    bool dp = extract32(insn, 8, 1);
    int opc1 = (int)(extract32(insn, 23, 1) << 2 | extract32(insn, 20, 2));

    if (!vfp_check(s)) {
        return false;
    }
    vfp_check_no_vector(s);
    if (opc1 == 7) {
        return vfp_other(s, insn, dp);
    }
    return vfp_arith(s, insn, dp, opc1, extract32(insn, 6, 1));
}

/* ---- loads and stores ---- */

/* One register at @addr: a single (one word) or double (two words). */
static void vfp_ldst_one(DisasContext *s, bool load, bool dp, int r,
                         TCGv_i32 addr)
{
    MemOp op = MO_UL | MO_ALIGN;

    if (!dp) {
        TCGv_i32 v = tcg_temp_new_i32();
        if (load) {
            gen_ld(s, v, addr, op, s->mmu_idx);
            fv_store(false, r, tcgv_i32_temp(v));
        } else {
            gen_st(s, temp_tcgv_i32(fv_load(false, r)), addr, op, s->mmu_idx);
        }
        return;
    }
    {
        TCGv_i32 a2 = tcg_temp_new_i32();
        /* lo/hi: the words at addr and addr + 4 (swapped if big-endian). */
        int lo = s->be_data ? 1 : 0;
        tcg_gen_addi_i32(a2, addr, 4);
        if (load) {
            TCGv_i32 w[2] = { tcg_temp_new_i32(), tcg_temp_new_i32() };
            TCGv_i64 v = tcg_temp_new_i64();
            gen_ld(s, w[0], addr, op, s->mmu_idx);
            gen_ld(s, w[1], a2, op, s->mmu_idx);
            tcg_gen_concat_i32_i64(v, w[lo], w[1 - lo]);
            fv_store(true, r, tcgv_i64_temp(v));
        } else {
            TCGv_i32 w[2] = { tcg_temp_new_i32(), tcg_temp_new_i32() };
            TCGv_i64 v = temp_tcgv_i64(fv_load(true, r));
            tcg_gen_extr_i64_i32(w[lo], w[1 - lo], v);
            gen_st(s, w[0], addr, op, s->mmu_idx);
            gen_st(s, w[1], a2, op, s->mmu_idx);
        }
    }
}

static bool vfp_ldst(DisasContext *s, uint32_t insn)
{
    bool p = extract32(insn, 24, 1), u = extract32(insn, 23, 1), w = extract32(insn, 21, 1);
    bool load = extract32(insn, 20, 1), dp = extract32(insn, 8, 1);
    int rn = (int)extract32(insn, 16, 4), d = VD(insn, dp);
    uint32_t imm8 = extract32(insn, 0, 8);
    TCGv_i32 addr;

    if (!vfp_check(s)) {
        return false;
    }
    if (p && !w) {
        /* VLDR / VSTR */
        addr = load_reg(s, rn);
        if (rn == 15) {
            tcg_gen_andi_i32(addr, addr, ~3);
        }
        tcg_gen_addi_i32(addr, addr, (int32_t)(u ? imm8 * 4 : -(imm8 * 4)));
        vfp_ldst_one(s, load, dp, d, addr);
        return true;
    }
    /* VLDM / VSTM (VPUSH / VPOP): IA (P=0 U=1) or DB (P=1 U=0 W=1) */
    {
        int n = dp ? (int)imm8 / 2 : (int)imm8;
        TCGv_i32 base;
        if (p == u || (p && !w) || n == 0 || d + n > 32 || rn == 15 ||
            (dp && n > 16)) {
            return false;
        }
        base = load_reg(s, rn);
        addr = tcg_temp_new_i32();
        tcg_gen_addi_i32(addr, base, p ? -(int32_t)(imm8 * 4) : 0);
        for (int i = 0; i < n; i++) {
            vfp_ldst_one(s, load, dp, d + i, addr);
            tcg_gen_addi_i32(addr, addr, dp ? 8 : 4);
        }
        if (w) {
            tcg_gen_addi_i32(base, base, p ? -(int32_t)(imm8 * 4)
                                           : (int32_t)(imm8 * 4));
            store_reg(s, rn, base);
        }
        return true;
    }
}

/* ---- moves between core and VFP registers ---- */

static bool vfp_mov_2core(DisasContext *s, uint32_t insn)
{
    bool to_core = extract32(insn, 20, 1), dp = extract32(insn, 8, 1);
    int rt = (int)extract32(insn, 12, 4), rt2 = (int)extract32(insn, 16, 4);

    if (!vfp_check(s) || rt == 15 || rt2 == 15 || (to_core && rt == rt2)) {
        return false;
    }
    if (dp) {
        int m = VM(insn, true);
        if (to_core) {
            TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
            tcg_gen_extr_i64_i32(lo, hi, temp_tcgv_i64(fv_load(true, m)));
            store_reg(s, rt, lo);
            store_reg(s, rt2, hi);
        } else {
            TCGv_i64 v = tcg_temp_new_i64();
            tcg_gen_concat_i32_i64(v, load_reg(s, rt), load_reg(s, rt2));
            fv_store(true, m, tcgv_i64_temp(v));
        }
    } else {
        int m = VM(insn, false);
        if (m == 31) {
            return false;
        }
        if (to_core) {
            store_reg(s, rt, temp_tcgv_i32(fv_load(false, m)));
            store_reg(s, rt2, temp_tcgv_i32(fv_load(false, m + 1)));
        } else {
            fv_store(false, m, tcgv_i32_temp(load_reg(s, rt)));
            fv_store(false, m + 1, tcgv_i32_temp(load_reg(s, rt2)));
        }
    }
    return true;
}

static bool vfp_mov_single(DisasContext *s, uint32_t insn)
{
    int n = VN(insn, false), rt = (int)extract32(insn, 12, 4);

    if (!vfp_check(s) || rt == 15) {
        return false;
    }
    if (extract32(insn, 20, 1)) {
        store_reg(s, rt, temp_tcgv_i32(fv_load(false, n)));
    } else {
        fv_store(false, n, tcgv_i32_temp(load_reg(s, rt)));
    }
    return true;
}

static bool vfp_mov_scalar(DisasContext *s, uint32_t insn)
{
    /* VMOV.32 Dd[x], Rt / VMOV.32 Rt, Dn[x]: Dn = D:Vn at 7, 19:16. */
    int dreg = (int)(extract32(insn, 7, 1) << 4 | extract32(insn, 16, 4));
    int sreg = dreg * 2 + (int)extract32(insn, 21, 1);
    int rt = (int)extract32(insn, 12, 4);

    if (!vfp_check(s) || rt == 15) {
        return false;
    }
    if (extract32(insn, 20, 1)) {
        store_reg(s, rt, temp_tcgv_i32(fv_load(false, sreg)));
    } else {
        fv_store(false, sreg, tcgv_i32_temp(load_reg(s, rt)));
    }
    return true;
}

static bool vfp_vmrs_vmsr(DisasContext *s, uint32_t insn)
{
    int reg = (int)extract32(insn, 16, 4), rt = (int)extract32(insn, 12, 4);
    TCGv_i32 r = tcg_constant_i32(reg);

    if (!s->vfp_access) {
        return false;
    }
    if (extract32(insn, 20, 1)) {
        TCGv_i32 v = tcg_temp_new_i32();
        if (rt == 15 && reg != ARM_VFP_FPSCR) {
            return false;
        }
        tcg_gen_call1(&h_vfp_sysreg_read, tcgv_temp(v), tcgv_temp(r));
        if (rt == 15) {
            gen_set_nzcv(v);
        } else {
            store_reg(s, rt, v);
        }
    } else {
        if (rt == 15) {
            return false;
        }
        tcg_gen_call2(&h_vfp_sysreg_write, NULL, tcgv_temp(r),
                      tcgv_temp(load_reg(s, rt)));
        /* FPEXC.EN is a TB flag. */
        if (reg == ARM_VFP_FPEXC) {
            gen_end_tb(s);
        }
    }
    return true;
}

static const DisasPattern vfp_table[] = {
    { 0x0fe00fd0, 0x0c400a10, vfp_mov_2core },   /* two singles */
    { 0x0fe00fd0, 0x0c400b10, vfp_mov_2core },   /* double */
    { 0x0e000e00, 0x0c000a00, vfp_ldst },
    { 0x0fe00f7f, 0x0e000a10, vfp_mov_single },
    { 0x0ff00fff, 0x0ee00a10, vfp_vmrs_vmsr },   /* VMSR */
    { 0x0ff00fff, 0x0ef00a10, vfp_vmrs_vmsr },   /* VMRS */
    { 0x0fd00f7f, 0x0e000b10, vfp_mov_scalar },  /* VMOV.32 Dd[x], Rt */
    { 0x0fd00f7f, 0x0e100b10, vfp_mov_scalar },  /* VMOV.32 Rt, Dn[x] */
    { 0x0f000e10, 0x0e000a00, vfp_dp },
};

bool disas_vfp(DisasContext *s, uint32_t insn)
{
    return DISAS_TABLE(s, vfp_table, insn);
}
