/*
 * The ARMv6/v7 "media" instructions, shared by A32 and T32: parallel
 * add/subtract, SEL, USAD8, packing, extension with rotation, byte and
 * bit reversal, CLZ, bitfields, MOVW/MOVT.
 */
#include "target/arm/tcg/translate.h"

bool gen_parallel(DisasContext *s, int kind, int op, int rd, int rn, int rm)
{
    const TCGHelper *h = &h_parallel[kind & 7][op & 7];
    TCGv_i32 a, b, r;

    /* kind: A32 op1 (1 S, 2 Q, 3 SH, 5 U, 6 UQ, 7 UH); op: A32 op2
     * (0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8). */
    if (!h->name) {
        return false;
    }
    a = load_reg(s, rn);
    b = load_reg(s, rm);
    r = tcg_temp_new_i32();
    tcg_gen_call2(h, tcgv_temp(r), tcgv_temp(a), tcgv_temp(b));
    store_reg(s, rd, r);
    return true;
}

bool gen_usad8(DisasContext *s, int rd, int rn, int rm, int ra)
{
    TCGv_i32 a = load_reg(s, rn), b = load_reg(s, rm);
    TCGv_i32 r = tcg_temp_new_i32();

    tcg_gen_call2(&h_usad8, tcgv_temp(r), tcgv_temp(a), tcgv_temp(b));
    if (ra != 15) {
        tcg_gen_add_i32(r, r, load_reg(s, ra));
    }
    store_reg(s, rd, r);
    return true;
}

bool gen_sel(DisasContext *s, int rd, int rn, int rm)
{
    TCGv_i32 a = load_reg(s, rn), b = load_reg(s, rm);
    TCGv_i32 r = tcg_temp_new_i32();

    tcg_gen_call2(&h_sel, tcgv_temp(r), tcgv_temp(a), tcgv_temp(b));
    store_reg(s, rd, r);
    return true;
}

bool gen_pkh(DisasContext *s, bool tb, int rd, int rn, int rm, int shamt)
{
    TCGv_i32 a = load_reg(s, rn), b = load_reg(s, rm);
    TCGv_i32 r = tcg_temp_new_i32();

    if (tb) {
        /* PKHTB: top from Rn, bottom from Rm ASR #shamt (0 means 32). */
        tcg_gen_sari_i32(b, b, (unsigned)(shamt ? shamt : 31));
        tcg_gen_deposit_i32(r, a, b, 0, 16);
    } else {
        /* PKHBT: bottom from Rn, top from Rm LSL #shamt. */
        tcg_gen_shli_i32(b, b, (unsigned)shamt);
        tcg_gen_deposit_i32(r, b, a, 0, 16);
    }
    store_reg(s, rd, r);
    return true;
}

bool gen_extend(DisasContext *s, int op, int rd, int rn, int rm, int rot)
{
    TCGv_i32 v = load_reg(s, rm);
    TCGv_i32 r = tcg_temp_new_i32();

    /* op: A32 bits 22:20: 0 SXTB16, 2 SXTB, 3 SXTH, 4 UXTB16, 6 UXTB,
     * 7 UXTH; Rn = 15 means no accumulate. */
    if (rot) {
        tcg_gen_rotri_i32(v, v, (unsigned)(rot * 8));
    }
    switch (op) {
    case 2:
        tcg_gen_ext8s_i32(r, v);
        break;
    case 3:
        tcg_gen_ext16s_i32(r, v);
        break;
    case 6:
        tcg_gen_ext8u_i32(r, v);
        break;
    case 7:
        tcg_gen_ext16u_i32(r, v);
        break;
    case 0:
    case 4: {
        TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
        if (op == 0) {
            tcg_gen_ext8s_i32(lo, v);
            tcg_gen_sextract_i32(hi, v, 16, 8);
        } else {
            tcg_gen_ext8u_i32(lo, v);
            tcg_gen_extract_i32(hi, v, 16, 8);
        }
        if (rn != 15) {
            /* Halfword-wise accumulate. */
            TCGv_i32 a = load_reg(s, rn), t = tcg_temp_new_i32();
            tcg_gen_add_i32(lo, lo, a);
            tcg_gen_shri_i32(t, a, 16);
            tcg_gen_add_i32(hi, hi, t);
        }
        tcg_gen_deposit_i32(r, lo, hi, 16, 16);
        store_reg(s, rd, r);
        return true;
    }
    default:
        return false;
    }
    if (rn != 15) {
        tcg_gen_add_i32(r, r, load_reg(s, rn));
    }
    store_reg(s, rd, r);
    return true;
}

/* Swap bit groups: v = ((v >> n) & m) | ((v & m) << n). */
static void gen_swap_bits(TCGv_i32 v, unsigned n, uint32_t m)
{
    TCGv_i32 a = tcg_temp_new_i32(), b = tcg_temp_new_i32();

    tcg_gen_shri_i32(a, v, n);
    tcg_gen_andi_i32(a, a, (int32_t)m);
    tcg_gen_andi_i32(b, v, (int32_t)m);
    tcg_gen_shli_i32(b, b, n);
    tcg_gen_or_i32(v, a, b);
}

bool gen_rev(DisasContext *s, int op, int rd, int rm)
{
    TCGv_i32 v = load_reg(s, rm);

    switch (op) {
    case REV_REV:
        tcg_gen_bswap32_i32(v, v);
        break;
    case REV_REV16:
        gen_swap_bits(v, 8, 0x00ff00ff);
        break;
    case REV_REVSH:
        tcg_gen_bswap16_i32(v, v);
        tcg_gen_ext16s_i32(v, v);
        break;
    case REV_RBIT:
        tcg_gen_bswap32_i32(v, v);
        gen_swap_bits(v, 4, 0x0f0f0f0f);
        gen_swap_bits(v, 2, 0x33333333);
        gen_swap_bits(v, 1, 0x55555555);
        break;
    case REV_CLZ:
        tcg_gen_clzi_i32(v, v, 32);
        break;
    default:
        return false;
    }
    store_reg(s, rd, v);
    return true;
}

bool gen_bitfield(DisasContext *s, int op, int rd, int rn, int lsb, int w)
{
    TCGv_i32 r;

    /* @w is the field width (BFC/BFI: msb - lsb + 1). */
    if (w <= 0 || lsb + w > 32) {
        return false;
    }
    switch (op) {
    case BF_BFC:
        r = load_reg(s, rd);
        tcg_gen_deposit_i32(r, r, tcg_constant_i32(0), (unsigned)lsb,
                            (unsigned)w);
        break;
    case BF_BFI:
        r = load_reg(s, rd);
        tcg_gen_deposit_i32(r, r, load_reg(s, rn), (unsigned)lsb,
                            (unsigned)w);
        break;
    case BF_UBFX:
        r = load_reg(s, rn);
        tcg_gen_extract_i32(r, r, (unsigned)lsb, (unsigned)w);
        break;
    default:
        r = load_reg(s, rn);
        tcg_gen_sextract_i32(r, r, (unsigned)lsb, (unsigned)w);
        break;
    }
    store_reg(s, rd, r);
    return true;
}

bool gen_movw(DisasContext *s, bool top, int rd, uint32_t imm16)
{
    TCGv_i32 r;

    if (top) {
        r = load_reg(s, rd);
        tcg_gen_deposit_i32(r, r, tcg_constant_i32((int32_t)imm16), 16, 16);
    } else {
        r = tcg_temp_new_i32();
        tcg_gen_movi_i32(r, (int32_t)imm16);
    }
    store_reg(s, rd, r);
    return true;
}
