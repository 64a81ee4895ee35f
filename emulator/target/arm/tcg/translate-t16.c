/*
 * T16 (16-bit Thumb) decoder, ARM ARM A6.2.  Data-processing
 * instructions set the flags only outside an IT block (CMP/CMN/TST
 * always do).  The IT instruction itself updates DisasContext.itstate.
 */
#include "target/arm/tcg/translate.h"

#define R3(i, pos) ((int)extract32(i, pos, 3))

/* Flag setting outside an IT block. */
static bool t16_S(DisasContext *s)
{
    return !in_it_block(s);
}

static bool t16_shift_imm(DisasContext *s, uint32_t insn)
{
    bool S = t16_S(s);
    TCGv_i32 v = load_reg(s, R3(insn, 3));

    gen_shift_imm(v, (int)extract32(insn, 11, 2), (int)extract32(insn, 6, 5), S);
    return gen_dp(s, DP_MOV, S, R3(insn, 0), 0, v);
}

static bool t16_addsub3(DisasContext *s, uint32_t insn)
{
    TCGv_i32 v;

    if (extract32(insn, 10, 1)) {
        v = tcg_temp_new_i32();
        tcg_gen_movi_i32(v, (int32_t)extract32(insn, 6, 3));
    } else {
        v = load_reg(s, R3(insn, 6));
    }
    return gen_dp(s, extract32(insn, 9, 1) ? DP_SUB : DP_ADD, t16_S(s), R3(insn, 0),
                  R3(insn, 3), v);
}

static bool t16_imm8(DisasContext *s, uint32_t insn)
{
    static const int ops[4] = { DP_MOV, DP_CMP, DP_ADD, DP_SUB };
    int op = ops[extract32(insn, 11, 2)];
    int rdn = R3(insn, 8);
    TCGv_i32 v = tcg_temp_new_i32();

    tcg_gen_movi_i32(v, (int32_t)extract32(insn, 0, 8));
    return gen_dp(s, op, op == DP_CMP || t16_S(s), rdn, rdn, v);
}

static bool t16_dp(DisasContext *s, uint32_t insn)
{
    int op = (int)extract32(insn, 6, 4);
    int rdn = R3(insn, 0), rm = R3(insn, 3);
    bool S = t16_S(s);
    TCGv_i32 v;

    switch (op) {
    case 0x2: case 0x3: case 0x4: case 0x7: { /* LSL LSR ASR ROR (reg) */
        static const int sh[8] = { [2] = SH_LSL, [3] = SH_LSR,
                                   [4] = SH_ASR, [7] = SH_ROR };
        v = load_reg(s, rdn);
        gen_shift_reg(v, sh[op], load_reg(s, rm), S);
        return gen_dp(s, DP_MOV, S, rdn, 0, v);
    }
    case 0x9: /* RSB Rd, Rn, #0 */
        v = tcg_temp_new_i32();
        tcg_gen_movi_i32(v, 0);
        return gen_dp(s, DP_RSB, S, rdn, rm, v);
    case 0xd: /* MUL */
        return gen_mul(s, MUL_MUL, S, rdn, rm, rdn, 0);
    default: {
        static const int ops[16] = {
            DP_AND, DP_EOR, 0, 0, 0, DP_ADC, DP_SBC, 0,
            DP_TST, 0, DP_CMP, DP_CMN, DP_ORR, 0, DP_BIC, DP_MVN
        };
        int dop = ops[op];
        bool cmp = dop == DP_TST || dop == DP_CMP || dop == DP_CMN;
        return gen_dp(s, dop, cmp || S, rdn, rdn, load_reg(s, rm));
    }
    }
}

static bool t16_hireg(DisasContext *s, uint32_t insn)
{
    int rdn = (int)(extract32(insn, 7, 1) << 3 | extract32(insn, 0, 3));
    int rm = (int)extract32(insn, 3, 4);

    switch (extract32(insn, 8, 2)) {
    case 0: /* ADD */
        if (rdn == 15 && rm == 15) {
            return false;
        }
        return gen_dp(s, DP_ADD, false, rdn, rdn, load_reg(s, rm));
    case 1: /* CMP */
        if (rdn < 8 && rm < 8) {
            return false;
        }
        return gen_dp(s, DP_CMP, true, rdn, rdn, load_reg(s, rm));
    case 2: /* MOV */
        return gen_dp(s, DP_MOV, false, rdn, 0, load_reg(s, rm));
    default: /* BX / BLX */
        if (extract32(insn, 0, 3)) {
            return false;
        }
        if (extract32(insn, 7, 1)) {
            TCGv_i32 t;
            if (rm == 15) {
                return false;
            }
            t = load_reg(s, rm);
            tcg_gen_movi_i32(cpu_R[14], (int32_t)(s->pc_next | 1));
            gen_bx(s, t);
        } else {
            gen_bx(s, load_reg(s, rm));
        }
        return true;
    }
}

static bool t16_ldr_lit(DisasContext *s, uint32_t insn)
{
    return gen_ldst(s, true, MO_UL, R3(insn, 8), -1, 15,
                    tcg_constant_i32((int32_t)(extract32(insn, 0, 8) * 4)),
                    true, true, false, false);
}

static bool t16_ldst_reg(DisasContext *s, uint32_t insn)
{
    static const MemOp ops[8] = {
        MO_UL, MO_UW, MO_UB, MO_SB, MO_UL, MO_UW, MO_UB, MO_SW
    };
    int op = (int)extract32(insn, 9, 3);

    return gen_ldst(s, op >= 3, ops[op], R3(insn, 0), -1, R3(insn, 3),
                    load_reg(s, R3(insn, 6)), true, true, false, false);
}

static bool t16_ldst_imm(DisasContext *s, uint32_t insn)
{
    /* 011 B L imm5: word (imm5 * 4) or byte; 1000 L imm5: halfword. */
    uint32_t top = extract32(insn, 12, 4);
    MemOp op;
    uint32_t scale;

    if (top == 8) {
        op = MO_UW;
        scale = 2;
    } else if (extract32(insn, 12, 1)) {
        op = MO_UB;
        scale = 1;
    } else {
        op = MO_UL;
        scale = 4;
    }
    return gen_ldst(s, extract32(insn, 11, 1), op, R3(insn, 0), -1, R3(insn, 3),
                    tcg_constant_i32((int32_t)(extract32(insn, 6, 5) * scale)),
                    true, true, false, false);
}

static bool t16_ldst_sp(DisasContext *s, uint32_t insn)
{
    return gen_ldst(s, extract32(insn, 11, 1), MO_UL, R3(insn, 8), -1, 13,
                    tcg_constant_i32((int32_t)(extract32(insn, 0, 8) * 4)),
                    true, true, false, false);
}

static bool t16_adr(DisasContext *s, uint32_t insn)
{
    TCGv_i32 v = tcg_temp_new_i32();

    if (extract32(insn, 11, 1)) {
        /* ADD Rd, SP, #imm8 * 4 */
        tcg_gen_addi_i32(v, cpu_R[13], (int32_t)(extract32(insn, 0, 8) * 4));
    } else {
        tcg_gen_movi_i32(v, (int32_t)((read_pc(s) & ~3u) +
                                      extract32(insn, 0, 8) * 4));
    }
    store_reg(s, R3(insn, 8), v);
    return true;
}

static bool t16_addsp(DisasContext *s, uint32_t insn)
{
    int32_t imm = (int32_t)(extract32(insn, 0, 7) * 4);

    tcg_gen_addi_i32(cpu_R[13], cpu_R[13], extract32(insn, 7, 1) ? -imm : imm);
    return true;
}

static bool t16_cbz(DisasContext *s, uint32_t insn)
{
    uint32_t dest = read_pc(s) + (extract32(insn, 9, 1) << 6 | extract32(insn, 3, 5) << 1);
    TCGLabel *skip = gen_new_label();

    if (in_it_block(s)) {
        return false;
    }
    /* Branch to dest if the condition holds, else fall through. */
    tcg_gen_brcondi_i32(extract32(insn, 11, 1) ? TCG_COND_EQ : TCG_COND_NE,
                        cpu_R[R3(insn, 0)], 0, skip);
    s->condlabel = skip;
    gen_jmp(s, dest);
    return true;
}

static bool t16_extend(DisasContext *s, uint32_t insn)
{
    static const int ops[4] = { 3, 2, 7, 6 };   /* SXTH SXTB UXTH UXTB */

    return gen_extend(s, ops[extract32(insn, 6, 2)], R3(insn, 0), 15, R3(insn, 3), 0);
}

static bool t16_rev(DisasContext *s, uint32_t insn)
{
    static const int ops[4] = { REV_REV, REV_REV16, -1, REV_REVSH };
    int op = ops[extract32(insn, 6, 2)];

    if (op < 0) {
        return false;
    }
    return gen_rev(s, op, R3(insn, 0), R3(insn, 3));
}

static bool t16_push(DisasContext *s, uint32_t insn)
{
    uint32_t list = extract32(insn, 0, 8) | (extract32(insn, 8, 1) << 14);

    return gen_ldm(s, false, 13, list, false, true, true, false);
}

static bool t16_pop(DisasContext *s, uint32_t insn)
{
    uint32_t list = extract32(insn, 0, 8) | (extract32(insn, 8, 1) << 15);

    return gen_ldm(s, true, 13, list, true, false, true, false);
}

static bool t16_ldm(DisasContext *s, uint32_t insn)
{
    int rn = R3(insn, 8);
    uint32_t list = extract32(insn, 0, 8);
    bool load = extract32(insn, 11, 1);

    /* LDM writes back unless Rn is in the list; STM always does. */
    return gen_ldm(s, load, rn, list, true, false,
                   !load || !(list & (1u << rn)), false);
}

static bool t16_setend(DisasContext *s, uint32_t insn)
{
    bool be = extract32(insn, 3, 1);

    if (in_it_block(s)) {
        return false;
    }
    return gen_setend(s, be);
}

static bool t16_cps(DisasContext *s, uint32_t insn)
{
    if (in_it_block(s)) {
        return false;
    }
    return gen_cps(s, extract32(insn, 4, 1) ? 3 : 2, false, extract32(insn, 0, 3), 0);
}

static bool t16_bkpt(DisasContext *s, uint32_t insn)
{
    return gen_bkpt(s);
}

static bool t16_it(DisasContext *s, uint32_t insn)
{
    uint32_t cond = extract32(insn, 4, 4), mask = extract32(insn, 0, 4);

    if (in_it_block(s) || cond == 15 || (cond == 14 && __builtin_popcount(mask) != 1)) {
        return false;
    }
    s->itstate = (insn & 0xff);
    return true;
}

static bool t16_hint(DisasContext *s, uint32_t insn)
{
    switch (extract32(insn, 4, 4)) {
    case 1: return gen_hint(s, HINT_YIELD);
    case 2: return gen_hint(s, HINT_WFE);
    case 3: return gen_hint(s, HINT_WFI);
    case 4: return gen_hint(s, HINT_SEV);
    default: return gen_hint(s, HINT_NOP);
    }
}

static bool t16_bcond(DisasContext *s, uint32_t insn)
{
    int cond = (int)extract32(insn, 8, 4);
    uint32_t dest = read_pc(s) + ((uint32_t)sextract32(insn, 0, 8) << 1);

    if (cond >= 14 || in_it_block(s)) {
        return false;
    }
    gen_set_cond_skip(s, cond);
    gen_jmp(s, dest);
    return true;
}

static bool t16_svc(DisasContext *s, uint32_t insn)
{
    return gen_svc(s, extract32(insn, 0, 8));
}

static bool t16_b(DisasContext *s, uint32_t insn)
{
    if (in_it_block(s) && !last_in_it_block(s)) {
        return false;
    }
    gen_jmp(s, read_pc(s) + ((uint32_t)sextract32(insn, 0, 11) << 1));
    return true;
}

static const DisasPattern t16_table[] = {
    { 0xf800, 0x1800, t16_addsub3 },
    { 0xe000, 0x0000, t16_shift_imm },
    { 0xe000, 0x2000, t16_imm8 },
    { 0xfc00, 0x4000, t16_dp },
    { 0xfc00, 0x4400, t16_hireg },
    { 0xf800, 0x4800, t16_ldr_lit },
    { 0xf000, 0x5000, t16_ldst_reg },
    { 0xe000, 0x6000, t16_ldst_imm },
    { 0xf000, 0x8000, t16_ldst_imm },
    { 0xf000, 0x9000, t16_ldst_sp },
    { 0xf000, 0xa000, t16_adr },
    { 0xff00, 0xb000, t16_addsp },
    { 0xf500, 0xb100, t16_cbz },
    { 0xff00, 0xb200, t16_extend },
    { 0xfe00, 0xb400, t16_push },
    { 0xfff7, 0xb650, t16_setend },
    { 0xffe8, 0xb660, t16_cps },
    { 0xff00, 0xba00, t16_rev },
    { 0xfe00, 0xbc00, t16_pop },
    { 0xff00, 0xbe00, t16_bkpt },
    { 0xff0f, 0xbf00, t16_hint },
    { 0xff00, 0xbf00, t16_it },
    { 0xf000, 0xc000, t16_ldm },
    { 0xff00, 0xdf00, t16_svc },
    { 0xf000, 0xd000, t16_bcond },
    { 0xf800, 0xe000, t16_b },
};

bool disas_t16(DisasContext *s, uint32_t insn)
{
    return DISAS_TABLE(s, t16_table, insn);
}
