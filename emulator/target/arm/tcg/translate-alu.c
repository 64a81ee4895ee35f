/*
 * Data processing: flag computation, the barrel shifter and the sixteen
 * (plus ORN) data-processing operations, shared by A32 and T32.
 *
 * Flags (cpu.h): N is NF bit 31, Z is "ZF == 0", C is CF (0/1), V is
 * VF bit 31.
 */
#include "target/arm/tcg/translate.h"

void gen_logic_cc(TCGv_i32 v)
{
    tcg_gen_mov_i32(cpu_NF, v);
    tcg_gen_mov_i32(cpu_ZF, v);
}

/*
 * The flag-setting add and subtract are one IR op each (tcg-op.h: addcc,
 * subcc): for an interpreter the seven ops of the open-coded form were
 * seven dispatches on every compare.
 */
void gen_add_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_addcc_i32(d, cpu_NF, cpu_ZF, cpu_CF, cpu_VF, a, b,
                      tcg_constant_i32(0));
}

void gen_adc_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_addcc_i32(d, cpu_NF, cpu_ZF, cpu_CF, cpu_VF, a, b, cpu_CF);
}

void gen_sub_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_subcc_i32(d, cpu_NF, cpu_ZF, cpu_CF, cpu_VF, a, b);
}

void gen_sbc_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 nb = tcg_temp_new_i32();

    /* a - b - !C == a + ~b + C */
    tcg_gen_not_i32(nb, b);
    gen_adc_cc(d, a, nb);
}

static void gen_adc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b)
{
    tcg_gen_add_i32(d, a, b);
    tcg_gen_add_i32(d, d, cpu_CF);
}

static void gen_sbc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_sub_i32(t, a, b);
    tcg_gen_add_i32(t, t, cpu_CF);
    tcg_gen_subi_i32(d, t, 1);
}

/* CF = bit @n of @v. */
static void gen_carry_bit(TCGv_i32 v, int n)
{
    tcg_gen_extract_i32(cpu_CF, v, (unsigned)n, 1);
}

void gen_shift_imm(TCGv_i32 v, int type, int amount, bool setcarry)
{
    switch (type) {
    case SH_LSL:
        if (amount) {
            if (setcarry) {
                gen_carry_bit(v, 32 - amount);
            }
            tcg_gen_shli_i32(v, v, (unsigned)amount);
        }
        break;
    case SH_LSR:
        if (amount == 0) {
            if (setcarry) {
                gen_carry_bit(v, 31);
            }
            tcg_gen_movi_i32(v, 0);
        } else {
            if (setcarry) {
                gen_carry_bit(v, amount - 1);
            }
            tcg_gen_shri_i32(v, v, (unsigned)amount);
        }
        break;
    case SH_ASR:
        if (amount == 0) {
            amount = 32;
        }
        if (setcarry) {
            gen_carry_bit(v, amount - 1);
        }
        tcg_gen_sari_i32(v, v, (unsigned)(amount == 32 ? 31 : amount));
        break;
    case SH_ROR:
        if (amount == 0) {
            /* RRX */
            TCGv_i32 c = tcg_temp_new_i32();
            tcg_gen_shli_i32(c, cpu_CF, 31);
            if (setcarry) {
                gen_carry_bit(v, 0);
            }
            tcg_gen_shri_i32(v, v, 1);
            tcg_gen_or_i32(v, v, c);
        } else {
            if (setcarry) {
                gen_carry_bit(v, amount - 1);
            }
            tcg_gen_rotri_i32(v, v, (unsigned)amount);
        }
        break;
    }
}

void gen_shift_reg(TCGv_i32 v, int type, TCGv_i32 amount, bool setcarry)
{
    TCGv_i32 n = tcg_temp_new_i32();

    tcg_gen_andi_i32(n, amount, 0xff);
    if (setcarry) {
        static const TCGHelper *const h[4] = {
            &h_shl_cc, &h_shr_cc, &h_sar_cc, &h_ror_cc
        };
        tcg_gen_call2(h[type], tcgv_temp(v), tcgv_temp(v), tcgv_temp(n));
        return;
    }
    switch (type) {
    case SH_LSL:
    case SH_LSR: {
        TCGv_i32 r = tcg_temp_new_i32();
        TCGv_i32 m = tcg_temp_new_i32();
        tcg_gen_andi_i32(m, n, 31);
        if (type == SH_LSL) {
            tcg_gen_shl_i32(r, v, m);
        } else {
            tcg_gen_shr_i32(r, v, m);
        }
        tcg_gen_movcond_i32(TCG_COND_LTU, v, n, tcg_constant_i32(32), r,
                            tcg_constant_i32(0));
        break;
    }
    case SH_ASR:
        tcg_gen_umin_i32(n, n, tcg_constant_i32(31));
        tcg_gen_sar_i32(v, v, n);
        break;
    case SH_ROR:
        tcg_gen_andi_i32(n, n, 31);
        tcg_gen_rotr_i32(v, v, n);
        break;
    }
}

void gen_imm_carry(uint32_t imm, bool rotated, bool setcarry)
{
    if (setcarry && rotated) {
        tcg_gen_movi_i32(cpu_CF, (int32_t)(imm >> 31));
    }
}

bool gen_dp(DisasContext *s, int op, bool S, int rd, int rn, TCGv_i32 op2)
{
    TCGv_i32 a = NULL;
    TCGv_i32 r = tcg_temp_new_i32();
    bool cmp = op >= DP_TST && op <= DP_CMN;
    bool eret = false;

    if (rd == 15 && S && !cmp) {
        /* A32 SUBS pc, lr etc.: CPSR <- SPSR, the flags are not set. */
        if (s->thumb) {
            return false;
        }
        eret = true;
        S = false;
    }
    if (op != DP_MOV && op != DP_MVN) {
        a = load_reg(s, rn);
    }
    switch (op) {
    case DP_AND:
    case DP_TST:
        tcg_gen_and_i32(r, a, op2);
        break;
    case DP_EOR:
    case DP_TEQ:
        tcg_gen_xor_i32(r, a, op2);
        break;
    case DP_ORR:
        tcg_gen_or_i32(r, a, op2);
        break;
    case DP_ORN:
        tcg_gen_orc_i32(r, a, op2);
        break;
    case DP_BIC:
        tcg_gen_andc_i32(r, a, op2);
        break;
    case DP_MOV:
        tcg_gen_mov_i32(r, op2);
        break;
    case DP_MVN:
        tcg_gen_not_i32(r, op2);
        break;
    case DP_SUB:
    case DP_CMP:
        if (S) {
            gen_sub_cc(r, a, op2);
        } else {
            tcg_gen_sub_i32(r, a, op2);
        }
        break;
    case DP_RSB:
        if (S) {
            gen_sub_cc(r, op2, a);
        } else {
            tcg_gen_sub_i32(r, op2, a);
        }
        break;
    case DP_ADD:
    case DP_CMN:
        if (S) {
            gen_add_cc(r, a, op2);
        } else {
            tcg_gen_add_i32(r, a, op2);
        }
        break;
    case DP_ADC:
        if (S) {
            gen_adc_cc(r, a, op2);
        } else {
            gen_adc(r, a, op2);
        }
        break;
    case DP_SBC:
        if (S) {
            gen_sbc_cc(r, a, op2);
        } else {
            gen_sbc(r, a, op2);
        }
        break;
    case DP_RSC:
        if (S) {
            gen_sbc_cc(r, op2, a);
        } else {
            gen_sbc(r, op2, a);
        }
        break;
    }
    if (S && dp_is_logic(op)) {
        gen_logic_cc(r);
    }
    if (cmp) {
        return true;
    }
    if (eret) {
        return gen_exception_return(s, r);
    }
    if (rd == 15) {
        store_reg_bx(s, 15, r);
    } else {
        store_reg(s, rd, r);
    }
    return true;
}
