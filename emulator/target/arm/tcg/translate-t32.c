/*
 * T32 (32-bit Thumb-2) decoder, ARM ARM A6.3.  The instruction word is
 * hw1 << 16 | hw2.  Operations are shared with A32 (translate-*.c); only
 * the field layout and the Thumb-specific rules (IT blocks, immediate
 * expansion, no flag-setting with PC) live here.
 */
#include "target/arm/tcg/translate.h"

#define RN(i) ((int)extract32(i, 16, 4))   /* hw1[3:0] */
#define RT(i) ((int)extract32(i, 12, 4))   /* hw2[15:12] */
#define RD8(i) ((int)extract32(i, 8, 4))   /* hw2[11:8] */
#define RM(i) ((int)extract32(i, 0, 4))    /* hw2[3:0] */

static bool bad_reg(int r)
{
    return r == 13 || r == 15;
}

/* ---- data processing ---- */

/* T32 op (hw1[8:5]) -> DP_* for the shared operation, or -1. */
static int t32_dp_op(int op, int rd, int rn, bool S)
{
    static const int ops[16] = {
        DP_AND, DP_BIC, DP_ORR, DP_ORN, DP_EOR, -1, -1, -1,
        DP_ADD, -1, DP_ADC, DP_SBC, -1, DP_SUB, DP_RSB, -1
    };
    int d = ops[op];

    if (rd == 15 && S) {
        switch (d) {
        case DP_AND: return DP_TST;
        case DP_EOR: return DP_TEQ;
        case DP_ADD: return DP_CMN;
        case DP_SUB: return DP_CMP;
        default: return -1;
        }
    }
    if (rn == 15) {
        if (d == DP_ORR) {
            return DP_MOV;
        }
        if (d == DP_ORN) {
            return DP_MVN;
        }
    }
    return d;
}

static bool t32_dp_shreg(DisasContext *s, uint32_t insn)
{
    int op = (int)extract32(insn, 21, 4), rd = RD8(insn), rn = RN(insn);
    bool S = extract32(insn, 20, 1);
    int shamt = (int)(extract32(insn, 12, 3) << 2 | extract32(insn, 6, 2));
    int type = (int)extract32(insn, 4, 2);
    int dop;
    TCGv_i32 v;

    if (op == 6) {
        /* PKHBT / PKHTB */
        if (S || (type & 1)) {
            return false;
        }
        return gen_pkh(s, type == 2, rd, rn, RM(insn), shamt);
    }
    dop = t32_dp_op(op, rd, rn, S);
    if (dop < 0 || RM(insn) == 15 || (rd == 15 && dop < DP_TST) ||
        (rd == 15 && dop > DP_CMN)) {
        return false;
    }
    v = load_reg(s, RM(insn));
    gen_shift_imm(v, type, shamt, S && dp_is_logic(dop));
    return gen_dp(s, dop, S, rd, rn, v);
}

/* ThumbExpandImm: *rotated set when the carry comes from bit 31. */
static uint32_t t32_expand_imm(uint32_t imm12, bool *rotated)
{
    uint32_t b = imm12 & 0xff;

    *rotated = false;
    if ((imm12 >> 10) == 0) {
        switch ((imm12 >> 8) & 3) {
        case 0: return b;
        case 1: return b << 16 | b;
        case 2: return b << 24 | b << 8;
        default: return b << 24 | b << 16 | b << 8 | b;
        }
    } else {
        uint32_t v = 0x80 | (imm12 & 0x7f);
        int rot = (int)(imm12 >> 7);
        *rotated = true;
        return (v >> rot) | (v << (32 - rot));
    }
}

static uint32_t t32_imm12(uint32_t insn)
{
    return extract32(insn, 26, 1) << 11 | extract32(insn, 12, 3) << 8 | extract32(insn, 0, 8);
}

static bool t32_dp_modimm(DisasContext *s, uint32_t insn)
{
    int op = (int)extract32(insn, 21, 4), rd = RD8(insn), rn = RN(insn);
    bool S = extract32(insn, 20, 1), rotated;
    uint32_t imm = t32_expand_imm(t32_imm12(insn), &rotated);
    int dop = t32_dp_op(op, rd, rn, S);
    TCGv_i32 v;

    if (dop < 0 || (rd == 15 && (dop < DP_TST || dop > DP_CMN))) {
        return false;
    }
    gen_imm_carry(imm, rotated, S && dp_is_logic(dop));
    v = tcg_temp_new_i32();
    tcg_gen_movi_i32(v, (int32_t)imm);
    return gen_dp(s, dop, S, rd, rn, v);
}

static bool t32_dp_plainimm(DisasContext *s, uint32_t insn)
{
    int op = (int)extract32(insn, 20, 5), rd = RD8(insn), rn = RN(insn);
    uint32_t imm12 = t32_imm12(insn);
    int shamt = (int)(extract32(insn, 12, 3) << 2 | extract32(insn, 6, 2));
    TCGv_i32 v;

    if (rd == 15) {
        return false;
    }
    switch (op) {
    case 0x00: /* ADDW, ADR (add) */
    case 0x0a: /* SUBW, ADR (sub) */
        v = tcg_temp_new_i32();
        if (rn == 15) {
            uint32_t base = read_pc(s) & ~3u;
            tcg_gen_movi_i32(v, (int32_t)(op ? base - imm12 : base + imm12));
            store_reg(s, rd, v);
            return true;
        }
        tcg_gen_movi_i32(v, (int32_t)imm12);
        return gen_dp(s, op ? DP_SUB : DP_ADD, false, rd, rn, v);
    case 0x04: /* MOVW */
    case 0x0c: /* MOVT */
        return gen_movw(s, op == 0x0c, rd, extract32(insn, 16, 4) << 12 | imm12);
    case 0x10: /* SSAT LSL */
    case 0x12: /* SSAT ASR, SSAT16 */
    case 0x18: /* USAT LSL */
    case 0x1a: /* USAT ASR, USAT16 */
        if (extract32(insn, 5, 1)) {
            return false;
        }
        if ((op & 2) && shamt == 0) {
            return gen_sat(s, op >= 0x18, true, rd, (int)extract32(insn, 0, 4), rn,
                           0, 0);
        }
        return gen_sat(s, op >= 0x18, false, rd, (int)extract32(insn, 0, 5), rn,
                       (op & 2) ? SH_ASR : SH_LSL, shamt);
    case 0x14: /* SBFX */
    case 0x1c: /* UBFX */
        return gen_bitfield(s, op == 0x1c ? BF_UBFX : BF_SBFX, rd, rn, shamt,
                            (int)extract32(insn, 0, 5) + 1);
    case 0x16: /* BFI, BFC */
        return gen_bitfield(s, rn == 15 ? BF_BFC : BF_BFI, rd, rn, shamt,
                            (int)extract32(insn, 0, 5) - shamt + 1);
    default:
        return false;
    }
}

static bool t32_shift_reg(DisasContext *s, uint32_t insn)
{
    bool S = extract32(insn, 20, 1);
    TCGv_i32 v;

    if (bad_reg(RD8(insn)) || bad_reg(RN(insn)) || bad_reg(RM(insn))) {
        return false;
    }
    v = load_reg(s, RN(insn));
    gen_shift_reg(v, (int)extract32(insn, 21, 2), load_reg(s, RM(insn)), S);
    return gen_dp(s, DP_MOV, S, RD8(insn), 0, v);
}

static bool t32_extend(DisasContext *s, uint32_t insn)
{
    static const int ops[8] = { 3, 7, 0, 4, 2, 6, -1, -1 };
    int op = ops[extract32(insn, 20, 3)];

    if (op < 0) {
        return false;
    }
    return gen_extend(s, op, RD8(insn), RN(insn), RM(insn),
                      (int)extract32(insn, 4, 2));
}

static bool t32_parallel(DisasContext *s, uint32_t insn)
{
    static const int ops[8] = { 4, 0, 1, -1, 7, 3, 2, -1 };
    int op = ops[extract32(insn, 20, 3)];
    int k = (int)extract32(insn, 4, 2);

    if (op < 0 || k == 3) {
        return false;
    }
    return gen_parallel(s, (extract32(insn, 6, 1) ? 5 : 1) + k, op, RD8(insn),
                        RN(insn), RM(insn));
}

static bool t32_misc(DisasContext *s, uint32_t insn)
{
    int op1 = (int)extract32(insn, 20, 2), op2 = (int)extract32(insn, 4, 2);
    int rd = RD8(insn), rn = RN(insn), rm = RM(insn);

    switch (op1) {
    case 0: {
        /* QADD, QDADD, QSUB, QDSUB Rd, Rm, Rn (Rn = hw1[3:0]) */
        static const int q[4] = { SAT_QADD, SAT_QDADD, SAT_QSUB, SAT_QDSUB };
        return gen_sat_arith(s, q[op2], rd, rn, rm);
    }
    case 1: {
        static const int r[4] = { REV_REV, REV_REV16, REV_RBIT, REV_REVSH };
        return gen_rev(s, r[op2], rd, rm);
    }
    case 2:
        return op2 == 0 && gen_sel(s, rd, rn, rm);
    default:
        return op2 == 0 && gen_rev(s, REV_CLZ, rd, rm);
    }
}

/* ---- multiplies and divides ---- */

static bool t32_mul(DisasContext *s, uint32_t insn)
{
    int op1 = (int)extract32(insn, 20, 3), op2 = (int)extract32(insn, 4, 2);
    int rn = RN(insn), ra = RT(insn), rd = RD8(insn), rm = RM(insn);
    bool b4 = extract32(insn, 4, 1), b5 = extract32(insn, 5, 1);

    switch (op1) {
    case 0:
        if (op2 == 0) {
            return gen_mul(s, ra == 15 ? MUL_MUL : MUL_MLA, false, rd, rn, rm,
                           ra);
        }
        if (op2 == 1) {
            return gen_mul(s, MUL_MLS, false, rd, rn, rm, ra);
        }
        return false;
    case 1:
        return gen_mul_xy(s, ra == 15 ? MXY_SMUL : MXY_SMLA, rd, rn, rm, ra,
                          b5, b4);
    case 2:
    case 4:
        if (b5) {
            return false;
        }
        return gen_mul_dual(s, op1 == 4, false, b4, rd, rn, rm, ra);
    case 3:
        if (b5) {
            return false;
        }
        return gen_mul_xy(s, ra == 15 ? MXY_SMULW : MXY_SMLAW, rd, rn, rm,
                          ra, false, b4);
    case 5:
    case 6:
        if (b5) {
            return false;
        }
        if (op1 == 6) {
            return ra != 15 && gen_smmul(s, SMM_MLS, b4, rd, rn, rm, ra);
        }
        return gen_smmul(s, ra == 15 ? SMM_MUL : SMM_MLA, b4, rd, rn, rm, ra);
    default:
        if (op2 != 0) {
            return false;
        }
        return gen_usad8(s, rd, rn, rm, ra);
    }
}

static bool t32_longmul(DisasContext *s, uint32_t insn)
{
    int op1 = (int)extract32(insn, 20, 3), op2 = (int)extract32(insn, 4, 4);
    int rn = RN(insn), lo = RT(insn), hi = RD8(insn), rm = RM(insn);

    switch (op1 << 4 | op2) {
    case 0x00: return gen_mul(s, MUL_SMULL, false, hi, rn, rm, lo);
    case 0x1f: return gen_div(s, false, hi, rn, rm);
    case 0x20: return gen_mul(s, MUL_UMULL, false, hi, rn, rm, lo);
    case 0x3f: return gen_div(s, true, hi, rn, rm);
    case 0x40: return gen_mul(s, MUL_SMLAL, false, hi, rn, rm, lo);
    case 0x48: case 0x49: case 0x4a: case 0x4b:
        return gen_mul_xy(s, MXY_SMLAL, hi, rn, rm, lo, extract32(insn, 5, 1),
                          extract32(insn, 4, 1));
    case 0x4c: case 0x4d:
        return gen_mul_dual(s, false, true, extract32(insn, 4, 1), hi, rn, rm, lo);
    case 0x5c: case 0x5d:
        return gen_mul_dual(s, true, true, extract32(insn, 4, 1), hi, rn, rm, lo);
    case 0x60: return gen_mul(s, MUL_UMLAL, false, hi, rn, rm, lo);
    case 0x66: return gen_mul(s, MUL_UMAAL, false, hi, rn, rm, lo);
    default: return false;
    }
}

/* ---- loads and stores ---- */

static bool t32_ldm(DisasContext *s, uint32_t insn)
{
    uint32_t list = extract32(insn, 0, 16);
    bool load = extract32(insn, 20, 1);

    if (RN(insn) == 15 || (list & 0x2000) ||
        (!load && (list & 0x8000))) {
        return false;
    }
    if (load && (list & 0xc000) == 0xc000) {
        return false;
    }
    return gen_ldm(s, load, RN(insn), list, extract32(insn, 23, 1), !extract32(insn, 23, 1),
                   extract32(insn, 21, 1), false);
}

static bool t32_srs(DisasContext *s, uint32_t insn)
{
    bool inc = extract32(insn, 23, 1);

    return gen_srs(s, inc, !inc, extract32(insn, 21, 1), extract32(insn, 0, 5));
}

static bool t32_rfe(DisasContext *s, uint32_t insn)
{
    bool inc = extract32(insn, 23, 1);

    return gen_rfe(s, RN(insn), inc, !inc, extract32(insn, 21, 1));
}

static bool t32_ldrd(DisasContext *s, uint32_t insn)
{
    bool p = extract32(insn, 24, 1), w = extract32(insn, 21, 1);
    int rt = RT(insn), rt2 = RD8(insn);

    if (!p && !w) {
        return false;   /* exclusives and table branches */
    }
    if (bad_reg(rt) || bad_reg(rt2) || (extract32(insn, 20, 1) && rt == rt2)) {
        return false;
    }
    return gen_ldst(s, extract32(insn, 20, 1), MO_UL, rt, rt2, RN(insn),
                    tcg_constant_i32((int32_t)(extract32(insn, 0, 8) * 4)), p,
                    extract32(insn, 23, 1), w, false);
}

static bool t32_strex(DisasContext *s, uint32_t insn)
{
    return gen_strex(s, MO_32, RD8(insn), RT(insn), -1, RN(insn),
                     extract32(insn, 0, 8) * 4);
}

static bool t32_ldrex(DisasContext *s, uint32_t insn)
{
    if (bad_reg(RT(insn)) || RN(insn) == 15) {
        return false;
    }
    return gen_ldrex(s, MO_32, RT(insn), -1, RN(insn), extract32(insn, 0, 8) * 4);
}

static bool t32_strexbhd(DisasContext *s, uint32_t insn)
{
    int op = (int)extract32(insn, 4, 4);

    if (op == 7) {
        return gen_strex(s, MO_64, RM(insn), RT(insn), RD8(insn), RN(insn), 0);
    }
    if (RD8(insn) != 15 || op > 5) {
        return false;
    }
    return gen_strex(s, op == 4 ? MO_8 : MO_16, RM(insn), RT(insn), -1,
                     RN(insn), 0);
}

static bool t32_ldrexbhd(DisasContext *s, uint32_t insn)
{
    int op = (int)extract32(insn, 4, 4);

    if (RM(insn) != 15 || bad_reg(RT(insn)) || RN(insn) == 15) {
        return false;
    }
    if (op == 7) {
        if (bad_reg(RD8(insn)) || RD8(insn) == RT(insn)) {
            return false;
        }
        return gen_ldrex(s, MO_64, RT(insn), RD8(insn), RN(insn), 0);
    }
    if (RD8(insn) != 15 || op < 4 || op > 5) {
        return false;
    }
    return gen_ldrex(s, op == 4 ? MO_8 : MO_16, RT(insn), -1, RN(insn), 0);
}

static bool t32_tbb(DisasContext *s, uint32_t insn)
{
    bool half = extract32(insn, 4, 1);
    TCGv_i32 addr = load_reg(s, RN(insn)), ofs = load_reg(s, RM(insn));
    TCGv_i32 v = tcg_temp_new_i32();

    if (in_it_block(s) && !last_in_it_block(s)) {
        return false;
    }
    if (half) {
        tcg_gen_shli_i32(ofs, ofs, 1);
    }
    tcg_gen_add_i32(addr, addr, ofs);
    gen_ld(s, v, addr, half ? MO_UW : MO_UB, s->mmu_idx);
    tcg_gen_shli_i32(v, v, 1);
    tcg_gen_addi_i32(v, v, (int32_t)read_pc(s));
    store_reg(s, 15, v);
    return true;
}

/*
 * Single loads and stores (A6.3.7-A6.3.10): hw1 = 1111 100 S U sz L Rn.
 * Byte/halfword loads to PC are preload hints (NOPs here).
 */
static bool t32_ldst(DisasContext *s, uint32_t insn)
{
    bool sgn = extract32(insn, 24, 1), up = extract32(insn, 23, 1), load = extract32(insn, 20, 1);
    int sz = (int)extract32(insn, 21, 2), rn = RN(insn), rt = RT(insn);
    MemOp op = (MemOp)sz | (sgn ? MO_SIGN : 0);
    TCGv_i32 ofs;
    bool p = true, u = true, w = false, user = false;

    if (sz == 3 || (sgn && (sz == 2 || !load))) {
        return false;
    }
    if (rn == 15) {
        if (!load) {
            return false;
        }
        ofs = tcg_constant_i32((int32_t)extract32(insn, 0, 12));
        u = up;
    } else if (up) {
        ofs = tcg_constant_i32((int32_t)extract32(insn, 0, 12));
    } else if (extract32(insn, 11, 1)) {
        int puw = (int)extract32(insn, 8, 3);
        p = puw & 4;
        u = puw & 2;
        w = puw & 1;
        if (puw == 6) {
            user = true;    /* LDRT family: offset added, no writeback */
        } else if (!p && !w) {
            return false;
        }
        ofs = tcg_constant_i32((int32_t)extract32(insn, 0, 8));
        if ((w || !p) && (rn == rt)) {
            return false;
        }
    } else if (extract32(insn, 6, 6) == 0) {
        ofs = load_reg(s, RM(insn));
        tcg_gen_shli_i32(ofs, ofs, extract32(insn, 4, 2));
    } else {
        return false;
    }
    if (rt == 15 && load && sz != 2) {
        return true;        /* PLD, PLDW, PLI */
    }
    if (rt == 15 && (!load || user)) {
        return false;
    }
    if (load && rt == 15 && in_it_block(s) && !last_in_it_block(s)) {
        return false;
    }
    return gen_ldst(s, load, op, rt, -1, rn, ofs, p, u, w, user);
}

/* ---- branches and miscellaneous control ---- */

static uint32_t t32_branch_offset(uint32_t insn, bool bl)
{
    uint32_t S = extract32(insn, 26, 1), j1 = extract32(insn, 13, 1), j2 = extract32(insn, 11, 1);
    uint32_t i1 = !(j1 ^ S), i2 = !(j2 ^ S);
    uint32_t v = S << 24 | i1 << 23 | i2 << 22 | extract32(insn, 16, 10) << 12 |
                 extract32(insn, 0, 11) << 1;

    (void)bl;
    return (uint32_t)sextract32(v, 0, 25);
}

static bool t32_b(DisasContext *s, uint32_t insn)
{
    if (in_it_block(s) && !last_in_it_block(s)) {
        return false;
    }
    gen_jmp(s, read_pc(s) + t32_branch_offset(insn, false));
    return true;
}

static bool t32_bl(DisasContext *s, uint32_t insn)
{
    uint32_t dest = read_pc(s) + t32_branch_offset(insn, true);

    if (in_it_block(s) && !last_in_it_block(s)) {
        return false;
    }
    tcg_gen_movi_i32(cpu_R[14], (int32_t)(s->pc_next | 1));
    if (extract32(insn, 12, 1)) {
        gen_jmp(s, dest);
    } else {
        /* BLX imm: to ARM state, target word-aligned. */
        if (insn & 1) {
            return false;
        }
        tcg_gen_movi_i32(cpu_thumb, 0);
        tcg_gen_movi_i32(cpu_R[15], (int32_t)((read_pc(s) & ~3u) +
                                 t32_branch_offset(insn, true)));
        s->is_jmp = DISAS_JUMP;
    }
    return true;
}

static bool t32_bcond(DisasContext *s, uint32_t insn)
{
    int cond = (int)extract32(insn, 22, 4);
    uint32_t S = extract32(insn, 26, 1), j1 = extract32(insn, 13, 1), j2 = extract32(insn, 11, 1);
    uint32_t v = S << 20 | j2 << 19 | j1 << 18 | extract32(insn, 16, 6) << 12 |
                 extract32(insn, 0, 11) << 1;
    int32_t off = sextract32(v, 0, 21);

    if (cond >= 14 || in_it_block(s)) {
        return false;
    }
    gen_set_cond_skip(s, cond);
    gen_jmp(s, read_pc(s) + (uint32_t)off);
    return true;
}

static bool t32_msr(DisasContext *s, uint32_t insn)
{
    if (extract32(insn, 5, 1) || bad_reg(RN(insn))) {
        /* banked form: Virtualization Extensions only */
        return false;
    }
    return gen_msr(s, extract32(insn, 20, 1), extract32(insn, 8, 4), load_reg(s, RN(insn)));
}

static bool t32_mrs(DisasContext *s, uint32_t insn)
{
    if (extract32(insn, 5, 1) || bad_reg(RD8(insn))) {
        return false;
    }
    return gen_mrs(s, RD8(insn), extract32(insn, 20, 1));
}

static bool t32_hint_cps(DisasContext *s, uint32_t insn)
{
    if (extract32(insn, 8, 3) == 0) {
        switch (extract32(insn, 0, 8)) {
        case 1: return gen_hint(s, HINT_YIELD);
        case 2: return gen_hint(s, HINT_WFE);
        case 3: return gen_hint(s, HINT_WFI);
        case 4: return gen_hint(s, HINT_SEV);
        default: return gen_hint(s, HINT_NOP);
        }
    }
    /* CPS: imod hw2[10:9], M hw2[8], A I F hw2[7:5], mode hw2[4:0] */
    if (in_it_block(s)) {
        return false;
    }
    return gen_cps(s, (int)extract32(insn, 9, 2), extract32(insn, 8, 1),
                   extract32(insn, 5, 3), extract32(insn, 0, 5));
}

static bool t32_barrier(DisasContext *s, uint32_t insn)
{
    switch (extract32(insn, 4, 4)) {
    case 2: return gen_clrex(s);
    case 4:
    case 5: return true;                    /* DSB, DMB */
    case 6: gen_end_tb(s); return true;     /* ISB */
    default: return false;
    }
}

static bool t32_bxj(DisasContext *s, uint32_t insn)
{
    if (in_it_block(s) && !last_in_it_block(s)) {
        return false;
    }
    gen_bx(s, load_reg(s, RN(insn)));
    return true;
}

static bool t32_subs_pc_lr(DisasContext *s, uint32_t insn)
{
    TCGv_i32 v = load_reg(s, 14);

    if (in_it_block(s) && !last_in_it_block(s)) {
        return false;
    }
    tcg_gen_subi_i32(v, v, (int32_t)extract32(insn, 0, 8));
    return gen_exception_return(s, v);
}

static bool t32_hvc(DisasContext *s, uint32_t insn)
{
    return gen_hvc(s, extract32(insn, 16, 4) << 12 | extract32(insn, 0, 12));
}

static bool t32_smc(DisasContext *s, uint32_t insn)
{
    return gen_smc(s);
}

static bool t32_coproc(DisasContext *s, uint32_t insn)
{
    int cp = (int)extract32(insn, 8, 4);

    if (extract32(insn, 28, 1)) {
        return false;   /* MCR2/LDC2/CDP2... and Advanced SIMD */
    }
    if (cp == 10 || cp == 11) {
        return disas_vfp(s, insn);
    }
    return disas_coproc(s, insn);
}

static const DisasPattern t32_table[] = {
    /* load/store multiple, dual, exclusive, table branch */
    { 0xffdfffe0, 0xe80dc000, t32_srs },
    { 0xffdfffe0, 0xe98dc000, t32_srs },
    { 0xffd0ffff, 0xe810c000, t32_rfe },
    { 0xffd0ffff, 0xe990c000, t32_rfe },
    { 0xffd00000, 0xe8800000, t32_ldm },
    { 0xffd00000, 0xe8900000, t32_ldm },
    { 0xffd00000, 0xe9000000, t32_ldm },
    { 0xffd00000, 0xe9100000, t32_ldm },
    { 0xfff00000, 0xe8400000, t32_strex },
    { 0xfff00f00, 0xe8500f00, t32_ldrex },
    { 0xfff0ffe0, 0xe8d0f000, t32_tbb },
    { 0xfff00000, 0xe8c00000, t32_strexbhd },
    { 0xfff00000, 0xe8d00000, t32_ldrexbhd },
    { 0xfe400000, 0xe8400000, t32_ldrd },
    /* data processing (shifted register) */
    { 0xfe000000, 0xea000000, t32_dp_shreg },
    /* coprocessor, VFP */
    { 0xec000000, 0xec000000, t32_coproc },
    /* branches and miscellaneous control (hw2[15] = 1) */
    { 0xffe0d000, 0xf3808000, t32_msr },
    { 0xfffff800, 0xf3af8000, t32_hint_cps },
    { 0xfffff000, 0xf3bf8000, t32_barrier },
    { 0xfff0ffff, 0xf3c08f00, t32_bxj },
    { 0xffffff00, 0xf3de8f00, t32_subs_pc_lr },
    { 0xffe0d000, 0xf3e08000, t32_mrs },
    { 0xfff0f000, 0xf7e08000, t32_hvc },
    { 0xfff0ffff, 0xf7f08000, t32_smc },
    { 0xfff0f000, 0xf7f0a000, NULL },         /* UDF: end of the list */
    { 0xf800d000, 0xf0009000, t32_b },
    { 0xf800c000, 0xf000c000, t32_bl },       /* BL, BLX imm */
    { 0xf800d000, 0xf0008000, t32_bcond },
    /* data processing (immediate) */
    { 0xfa008000, 0xf0000000, t32_dp_modimm },
    { 0xfa008000, 0xf2000000, t32_dp_plainimm },
    /* loads and stores */
    { 0xfe000000, 0xf8000000, t32_ldst },
    /* data processing (register), multiplies */
    { 0xff80f0f0, 0xfa00f000, t32_shift_reg },
    { 0xff80f0c0, 0xfa00f080, t32_extend },
    { 0xff80f080, 0xfa80f000, t32_parallel },
    { 0xffc0f0c0, 0xfa80f080, t32_misc },
    { 0xff800000, 0xfb000000, t32_mul },
    { 0xff800000, 0xfb800000, t32_longmul },
};

bool disas_t32(DisasContext *s, uint32_t insn)
{
    for (size_t i = 0; i < sizeof(t32_table) / sizeof(t32_table[0]); i++) {
        const DisasPattern *p = &t32_table[i];
        if ((insn & p->mask) == p->value) {
            if (!p->fn) {
                return false;   /* permanently UNDEFINED */
            }
            if (p->fn(s, insn)) {
                return true;
            }
        }
    }
    return false;
}
