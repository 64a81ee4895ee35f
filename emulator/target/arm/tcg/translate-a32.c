/*
 * A32 (ARM state) decoder: pattern tables over the 32-bit instruction
 * word (ARM ARM A5), calling the shared operations with decoded fields.
 * The condition field was already handled by the TB loop; cond = 1111
 * selects the unconditional table.
 */
#include "target/arm/tcg/translate.h"

#define RN(i) ((int)extract32(i, 16, 4))
#define RD(i) ((int)extract32(i, 12, 4))
#define RS(i) ((int)extract32(i, 8, 4))
#define RM(i) ((int)extract32(i, 0, 4))

/* ---- data processing ---- */

static bool dp_ok(uint32_t insn)
{
    int op = (int)extract32(insn, 21, 4);

    /* TST/TEQ/CMP/CMN without S are the miscellaneous space. */
    return !(op >= DP_TST && op <= DP_CMN && !extract32(insn, 20, 1));
}

static bool a32_dp_reg(DisasContext *s, uint32_t insn)
{
    int op = (int)extract32(insn, 21, 4);
    bool S = extract32(insn, 20, 1);
    TCGv_i32 v;

    if (!dp_ok(insn)) {
        return false;
    }
    v = load_reg(s, RM(insn));
    gen_shift_imm(v, (int)extract32(insn, 5, 2), (int)extract32(insn, 7, 5),
                  S && dp_is_logic(op));
    return gen_dp(s, op, S, RD(insn), RN(insn), v);
}

static bool a32_dp_rsr(DisasContext *s, uint32_t insn)
{
    int op = (int)extract32(insn, 21, 4);
    bool S = extract32(insn, 20, 1);
    TCGv_i32 v;

    if (!dp_ok(insn) || RD(insn) == 15 || RM(insn) == 15 ||
        RS(insn) == 15 || RN(insn) == 15) {
        return false;
    }
    v = load_reg(s, RM(insn));
    gen_shift_reg(v, (int)extract32(insn, 5, 2), load_reg(s, RS(insn)),
                  S && dp_is_logic(op));
    return gen_dp(s, op, S, RD(insn), RN(insn), v);
}

static bool a32_dp_imm(DisasContext *s, uint32_t insn)
{
    int op = (int)extract32(insn, 21, 4);
    bool S = extract32(insn, 20, 1);
    int rot = (int)extract32(insn, 8, 4) * 2;
    uint32_t imm = extract32(insn, 0, 8);
    TCGv_i32 v;

    if (!dp_ok(insn)) {
        return false;
    }
    if (rot) {
        imm = (imm >> rot) | (imm << (32 - rot));
    }
    gen_imm_carry(imm, rot != 0, S && dp_is_logic(op));
    v = tcg_temp_new_i32();
    tcg_gen_movi_i32(v, (int32_t)imm);
    return gen_dp(s, op, S, RD(insn), RN(insn), v);
}

static bool a32_movw(DisasContext *s, uint32_t insn)
{
    if (RD(insn) == 15) {
        return false;
    }
    return gen_movw(s, extract32(insn, 22, 1), RD(insn),
                    extract32(insn, 16, 4) << 12 | extract32(insn, 0, 12));
}

/* ---- multiplies ---- */

static bool a32_mul(DisasContext *s, uint32_t insn)
{
    static const int ops[8] = {
        MUL_MUL, MUL_MLA, MUL_UMAAL, MUL_MLS,
        MUL_UMULL, MUL_UMLAL, MUL_SMULL, MUL_SMLAL
    };
    int op = ops[extract32(insn, 21, 3)];
    bool S = extract32(insn, 20, 1);

    if ((op == MUL_UMAAL || op == MUL_MLS) && S) {
        return false;
    }
    if (op >= MUL_UMULL && RN(insn) == RD(insn)) {
        return false;   /* RdHi == RdLo: UNPREDICTABLE */
    }
    /* MUL Rd(19:16), Rn(3:0), Rm(11:8), Ra(15:12);
     * long: RdHi(19:16), RdLo(15:12). */
    return gen_mul(s, op, S, RN(insn), RM(insn), RS(insn), RD(insn));
}

static bool a32_mul_xy(DisasContext *s, uint32_t insn)
{
    int op = (int)extract32(insn, 21, 2);
    bool x = extract32(insn, 5, 1), y = extract32(insn, 6, 1);
    int rd = RN(insn), ra = RD(insn), rm = RS(insn), rn = RM(insn);

    switch (op) {
    case 0:
        return gen_mul_xy(s, MXY_SMLA, rd, rn, rm, ra, x, y);
    case 1:
        return gen_mul_xy(s, x ? MXY_SMULW : MXY_SMLAW, rd, rn, rm, ra,
                          false, y);
    case 2:
        return gen_mul_xy(s, MXY_SMLAL, rd, rn, rm, ra, x, y);
    default:
        return gen_mul_xy(s, MXY_SMUL, rd, rn, rm, ra, x, y);
    }
}

static bool a32_mul_dual(DisasContext *s, uint32_t insn)
{
    bool lng = extract32(insn, 22, 1), sub = extract32(insn, 6, 1), x = extract32(insn, 5, 1);

    if (lng && RD(insn) == RN(insn)) {
        return false;
    }
    return gen_mul_dual(s, sub, lng, x, RN(insn), RM(insn), RS(insn),
                        RD(insn));
}

static bool a32_smmul(DisasContext *s, uint32_t insn)
{
    int op = extract32(insn, 6, 1) ? SMM_MLS : (RD(insn) == 15 ? SMM_MUL : SMM_MLA);

    if (op == SMM_MLS && RD(insn) == 15) {
        return false;
    }
    return gen_smmul(s, op, extract32(insn, 5, 1), RN(insn), RM(insn), RS(insn),
                     RD(insn));
}

static bool a32_div(DisasContext *s, uint32_t insn)
{
    return gen_div(s, extract32(insn, 21, 1), RN(insn), RM(insn), RS(insn));
}

/* ---- miscellaneous (A5.2.12) ---- */

static bool a32_mrs(DisasContext *s, uint32_t insn)
{
    return gen_mrs(s, RD(insn), extract32(insn, 22, 1));
}

static bool a32_msr_reg(DisasContext *s, uint32_t insn)
{
    if (RM(insn) == 15) {
        return false;
    }
    return gen_msr(s, extract32(insn, 22, 1), extract32(insn, 16, 4), load_reg(s, RM(insn)));
}

static bool a32_msr_imm(DisasContext *s, uint32_t insn)
{
    int rot = (int)extract32(insn, 8, 4) * 2;
    uint32_t imm = extract32(insn, 0, 8);
    TCGv_i32 v = tcg_temp_new_i32();

    if (extract32(insn, 16, 4) == 0 && !extract32(insn, 22, 1)) {
        /* Hints. */
        switch (extract32(insn, 0, 8)) {
        case 1: return gen_hint(s, HINT_YIELD);
        case 2: return gen_hint(s, HINT_WFE);
        case 3: return gen_hint(s, HINT_WFI);
        case 4: return gen_hint(s, HINT_SEV);
        default: return gen_hint(s, HINT_NOP);
        }
    }
    if (rot) {
        imm = (imm >> rot) | (imm << (32 - rot));
    }
    tcg_gen_movi_i32(v, (int32_t)imm);
    return gen_msr(s, extract32(insn, 22, 1), extract32(insn, 16, 4), v);
}

static bool a32_bx(DisasContext *s, uint32_t insn)
{
    gen_bx(s, load_reg(s, RM(insn)));
    return true;
}

static bool a32_blx_reg(DisasContext *s, uint32_t insn)
{
    TCGv_i32 t;

    if (RM(insn) == 15) {
        return false;
    }
    t = load_reg(s, RM(insn));
    tcg_gen_movi_i32(cpu_R[14], (int32_t)s->pc_next);
    gen_bx(s, t);
    return true;
}

static bool a32_clz(DisasContext *s, uint32_t insn)
{
    return gen_rev(s, REV_CLZ, RD(insn), RM(insn));
}

static bool a32_qarith(DisasContext *s, uint32_t insn)
{
    return gen_sat_arith(s, (int)extract32(insn, 21, 2), RD(insn), RN(insn),
                         RM(insn));
}

static bool a32_bkpt(DisasContext *s, uint32_t insn)
{
    if (s->cond != 14) {
        return false;
    }
    return gen_bkpt(s);
}

static bool a32_hvc(DisasContext *s, uint32_t insn)
{
    if (s->cond != 14) {
        return false;
    }
    return gen_hvc(s, extract32(insn, 8, 12) << 4 | extract32(insn, 0, 4));
}

static bool a32_smc(DisasContext *s, uint32_t insn)
{
    return gen_smc(s);
}

/* ---- media ---- */

static bool a32_parallel(DisasContext *s, uint32_t insn)
{
    return gen_parallel(s, (int)extract32(insn, 20, 3), (int)extract32(insn, 5, 3),
                        RD(insn), RN(insn), RM(insn));
}

static bool a32_pkh(DisasContext *s, uint32_t insn)
{
    return gen_pkh(s, extract32(insn, 6, 1), RD(insn), RN(insn), RM(insn),
                   (int)extract32(insn, 7, 5));
}

static bool a32_sat(DisasContext *s, uint32_t insn)
{
    return gen_sat(s, extract32(insn, 22, 1), false, RD(insn), (int)extract32(insn, 16, 5),
                   RM(insn), extract32(insn, 6, 1) ? SH_ASR : SH_LSL,
                   (int)extract32(insn, 7, 5));
}

static bool a32_sat16(DisasContext *s, uint32_t insn)
{
    return gen_sat(s, extract32(insn, 22, 1), true, RD(insn), (int)extract32(insn, 16, 4),
                   RM(insn), 0, 0);
}

static bool a32_sel(DisasContext *s, uint32_t insn)
{
    return gen_sel(s, RD(insn), RN(insn), RM(insn));
}

static bool a32_rev(DisasContext *s, uint32_t insn)
{
    static const int ops[4] = { REV_REV, REV_REV16, REV_RBIT, REV_REVSH };
    int k = (int)(extract32(insn, 22, 1) << 1 | extract32(insn, 7, 1));

    return gen_rev(s, ops[k], RD(insn), RM(insn));
}

static bool a32_extend(DisasContext *s, uint32_t insn)
{
    return gen_extend(s, (int)extract32(insn, 20, 3), RD(insn), RN(insn), RM(insn),
                      (int)extract32(insn, 10, 2));
}

static bool a32_usad8(DisasContext *s, uint32_t insn)
{
    return gen_usad8(s, RN(insn), RM(insn), RS(insn), RD(insn));
}

static bool a32_bfx(DisasContext *s, uint32_t insn)
{
    return gen_bitfield(s, extract32(insn, 22, 1) ? BF_UBFX : BF_SBFX, RD(insn),
                        RM(insn), (int)extract32(insn, 7, 5),
                        (int)extract32(insn, 16, 5) + 1);
}

static bool a32_bfi(DisasContext *s, uint32_t insn)
{
    int lsb = (int)extract32(insn, 7, 5), msb = (int)extract32(insn, 16, 5);

    if (RD(insn) == 15) {
        return false;
    }
    return gen_bitfield(s, RM(insn) == 15 ? BF_BFC : BF_BFI, RD(insn),
                        RM(insn), lsb, msb - lsb + 1);
}

/* ---- loads and stores ---- */

static bool a32_ldst_imm(DisasContext *s, uint32_t insn)
{
    bool p = extract32(insn, 24, 1), w = extract32(insn, 21, 1);
    bool user = !p && w;

    return gen_ldst(s, extract32(insn, 20, 1), extract32(insn, 22, 1) ? MO_UB : MO_UL,
                    RD(insn), -1, RN(insn),
                    tcg_constant_i32((int32_t)extract32(insn, 0, 12)), p,
                    extract32(insn, 23, 1), p && w, user);
}

static bool a32_ldst_reg(DisasContext *s, uint32_t insn)
{
    bool p = extract32(insn, 24, 1), w = extract32(insn, 21, 1);
    TCGv_i32 ofs = load_reg(s, RM(insn));

    gen_shift_imm(ofs, (int)extract32(insn, 5, 2), (int)extract32(insn, 7, 5), false);
    return gen_ldst(s, extract32(insn, 20, 1), extract32(insn, 22, 1) ? MO_UB : MO_UL,
                    RD(insn), -1, RN(insn), ofs, p, extract32(insn, 23, 1), p && w,
                    !p && w);
}

static bool a32_ldst_extra(DisasContext *s, uint32_t insn)
{
    bool p = extract32(insn, 24, 1), w = extract32(insn, 21, 1), l = extract32(insn, 20, 1);
    int op2 = (int)extract32(insn, 5, 2);
    int rt = RD(insn), rt2 = -1;
    bool load = l;
    MemOp memop = MO_UW;
    TCGv_i32 ofs;

    if (op2 == 0) {
        return false;
    }
    if (!l && op2 >= 2) {
        /* LDRD (op2 = 2) / STRD (op2 = 3) */
        if ((rt & 1) || rt == 14 || (!p && w)) {
            return false;
        }
        load = op2 == 2;
        rt2 = rt + 1;
    } else if (l) {
        memop = op2 == 1 ? MO_UW : op2 == 2 ? MO_SB : MO_SW;
    }
    if (extract32(insn, 22, 1)) {
        ofs = tcg_constant_i32((int32_t)(extract32(insn, 8, 4) << 4 | extract32(insn, 0, 4)));
    } else {
        ofs = load_reg(s, RM(insn));
    }
    return gen_ldst(s, load, memop, rt, rt2, RN(insn), ofs, p,
                    extract32(insn, 23, 1), p && w, !p && w);
}

static bool a32_ldm(DisasContext *s, uint32_t insn)
{
    if (RN(insn) == 15) {
        return false;
    }
    return gen_ldm(s, extract32(insn, 20, 1), RN(insn), extract32(insn, 0, 16),
                   extract32(insn, 23, 1), extract32(insn, 24, 1), extract32(insn, 21, 1),
                   extract32(insn, 22, 1));
}

static bool a32_swp(DisasContext *s, uint32_t insn)
{
    return gen_swp(s, extract32(insn, 22, 1), RD(insn), RM(insn), RN(insn));
}

static bool a32_excl(DisasContext *s, uint32_t insn)
{
    static const MemOp sizes[4] = { MO_32, MO_64, MO_8, MO_16 };
    MemOp sz = sizes[extract32(insn, 21, 2)];
    bool load = extract32(insn, 20, 1);
    int rn = RN(insn);

    if (rn == 15) {
        return false;
    }
    if (load) {
        int rt = RD(insn);
        if (rt == 15 || (sz == MO_64 && ((rt & 1) || rt == 14))) {
            return false;
        }
        return gen_ldrex(s, sz, rt, sz == MO_64 ? rt + 1 : -1, rn, 0);
    } else {
        int rt = RM(insn);
        if (rt == 15 || (sz == MO_64 && ((rt & 1) || rt == 14))) {
            return false;
        }
        return gen_strex(s, sz, RD(insn), rt, sz == MO_64 ? rt + 1 : -1,
                         rn, 0);
    }
}

/* ---- branches, coprocessors, SVC ---- */

static bool a32_b(DisasContext *s, uint32_t insn)
{
    uint32_t dest = read_pc(s) + ((uint32_t)sextract32(insn, 0, 24) << 2);

    if (extract32(insn, 24, 1)) {
        tcg_gen_movi_i32(cpu_R[14], (int32_t)s->pc_next);
    }
    gen_jmp(s, dest);
    return true;
}

static bool a32_svc(DisasContext *s, uint32_t insn)
{
    return gen_svc(s, extract32(insn, 0, 24));
}

static bool a32_coproc(DisasContext *s, uint32_t insn)
{
    int cp = (int)extract32(insn, 8, 4);

    if (cp == 10 || cp == 11) {
        return disas_vfp(s, insn);
    }
    return disas_coproc(s, insn);
}

static bool a32_udf(DisasContext *s, uint32_t insn)
{
    return false;
}

static const DisasPattern a32_table[] = {
    /* 000: multiplies, sync, extra load/store, misc, data processing */
    { 0x0f0000f0, 0x00000090, a32_mul },
    { 0x0fb00ff0, 0x01000090, a32_swp },
    { 0x0f8000f0, 0x01800090, a32_excl },
    { 0x0e000090, 0x00000090, a32_ldst_extra },
    /* Banked MRS/MSR need the Virtualization Extensions: UNDEFINED. */
    { 0x0fbf0fff, 0x010f0000, a32_mrs },
    { 0x0fb0fff0, 0x0120f000, a32_msr_reg },
    { 0x0ffffff0, 0x012fff10, a32_bx },
    { 0x0ffffff0, 0x012fff20, a32_bx },        /* BXJ: no Jazelle */
    { 0x0ffffff0, 0x012fff30, a32_blx_reg },
    { 0x0fff0ff0, 0x016f0f10, a32_clz },
    { 0x0f900ff0, 0x01000050, a32_qarith },
    { 0x0ff000f0, 0x01200070, a32_bkpt },
    { 0x0ff000f0, 0x01400070, a32_hvc },
    { 0x0ffffff0, 0x01600070, a32_smc },
    { 0x0f900090, 0x01000080, a32_mul_xy },
    { 0x0f900080, 0x01000000, a32_udf },       /* rest of misc space */
    { 0x0e000010, 0x00000000, a32_dp_reg },
    { 0x0e000090, 0x00000010, a32_dp_rsr },
    /* 001 */
    { 0x0fb00000, 0x03000000, a32_movw },
    { 0x0fb00000, 0x03200000, a32_msr_imm },
    { 0x0e000000, 0x02000000, a32_dp_imm },
    /* 010, 011 */
    { 0x0e000000, 0x04000000, a32_ldst_imm },
    { 0x0e000010, 0x06000000, a32_ldst_reg },
    { 0x0f800010, 0x06000010, a32_parallel },
    { 0x0ff00ff0, 0x06800fb0, a32_sel },
    { 0x0ff00030, 0x06800010, a32_pkh },
    { 0x0fe00030, 0x06a00010, a32_sat },
    { 0x0fe00030, 0x06e00010, a32_sat },
    { 0x0ff00ff0, 0x06a00f30, a32_sat16 },
    { 0x0ff00ff0, 0x06e00f30, a32_sat16 },
    { 0x0fbf0f70, 0x06bf0f30, a32_rev },       /* REV, REV16, RBIT, REVSH */
    { 0x0f8003f0, 0x06800070, a32_extend },
    { 0x0ff00090, 0x07000010, a32_mul_dual },  /* SMLAD/SMUAD/SMLSD/SMUSD */
    { 0x0ff00090, 0x07400010, a32_mul_dual },  /* SMLALD/SMLSLD */
    { 0x0fd0f0f0, 0x0710f010, a32_div },       /* SDIV, UDIV */
    { 0x0ff000d0, 0x07500010, a32_smmul },
    { 0x0ff000d0, 0x075000d0, a32_smmul },
    { 0x0ff000f0, 0x07800010, a32_usad8 },
    { 0x0fa00070, 0x07a00050, a32_bfx },
    { 0x0fe00070, 0x07c00010, a32_bfi },
    /* 100, 101 */
    { 0x0e000000, 0x08000000, a32_ldm },
    { 0x0e000000, 0x0a000000, a32_b },
    /* 11x */
    { 0x0f000000, 0x0f000000, a32_svc },
    { 0x0e000000, 0x0c000000, a32_coproc },
    { 0x0f000010, 0x0e000000, a32_coproc },
    { 0x0f000010, 0x0e000010, a32_coproc },
};

/* ---- unconditional space (cond = 1111) ---- */

static bool a32u_cps(DisasContext *s, uint32_t insn)
{
    return gen_cps(s, (int)extract32(insn, 18, 2), extract32(insn, 17, 1),
                   extract32(insn, 6, 3), extract32(insn, 0, 5));
}

static bool a32u_setend(DisasContext *s, uint32_t insn)
{
    return gen_setend(s, extract32(insn, 9, 1));
}

static bool a32u_nop(DisasContext *s, uint32_t insn)
{
    return true;    /* PLD, PLDW, PLI; DSB, DMB (one CPU, in order) */
}

static bool a32u_isb(DisasContext *s, uint32_t insn)
{
    gen_end_tb(s);
    return true;
}

static bool a32u_clrex(DisasContext *s, uint32_t insn)
{
    return gen_clrex(s);
}

static bool a32u_srs(DisasContext *s, uint32_t insn)
{
    return gen_srs(s, extract32(insn, 23, 1), extract32(insn, 24, 1),
                   extract32(insn, 21, 1), extract32(insn, 0, 5));
}

static bool a32u_rfe(DisasContext *s, uint32_t insn)
{
    return gen_rfe(s, RN(insn), extract32(insn, 23, 1), extract32(insn, 24, 1),
                   extract32(insn, 21, 1));
}

static bool a32u_blx(DisasContext *s, uint32_t insn)
{
    uint32_t dest = read_pc(s) + ((uint32_t)sextract32(insn, 0, 24) << 2) +
                    (extract32(insn, 24, 1) << 1);

    tcg_gen_movi_i32(cpu_R[14], (int32_t)s->pc_next);
    tcg_gen_movi_i32(cpu_thumb, 1);
    tcg_gen_movi_i32(cpu_R[15], (int32_t)dest);
    s->is_jmp = DISAS_JUMP;
    return true;
}

static const DisasPattern a32_uncond_table[] = {
    { 0xfff1fe20, 0xf1000000, a32u_cps },
    { 0xfffffdff, 0xf1010000, a32u_setend },
    { 0xff70f000, 0xf450f000, a32u_nop },     /* PLI imm */
    { 0xff30f000, 0xf510f000, a32u_nop },     /* PLD/PLDW imm */
    { 0xff70f010, 0xf650f000, a32u_nop },     /* PLI reg */
    { 0xff30f010, 0xf710f000, a32u_nop },     /* PLD/PLDW reg */
    { 0xffffffff, 0xf57ff01f, a32u_clrex },
    { 0xfffffff0, 0xf57ff040, a32u_nop },     /* DSB */
    { 0xfffffff0, 0xf57ff050, a32u_nop },     /* DMB */
    { 0xfffffff0, 0xf57ff060, a32u_isb },
    { 0xfe5fffe0, 0xf84d0500, a32u_srs },
    { 0xfe50ffff, 0xf8100a00, a32u_rfe },
    { 0xfe000000, 0xfa000000, a32u_blx },
};

bool disas_a32(DisasContext *s, uint32_t insn)
{
    if ((insn >> 28) == 0xf) {
        return DISAS_TABLE(s, a32_uncond_table, insn);
    }
    return DISAS_TABLE(s, a32_table, insn);
}
