/*
 * System-level instructions, shared by A32 and T32: status register
 * access (MRS/MSR/CPS), exception generation and return (SVC, BKPT, HVC,
 * SMC, SRS, RFE, SUBS pc, lr), hints, and coprocessor register access.
 *
 * Anything that can change the TB flags (mode, T, E, A/I/F, SCTLR...)
 * ends the TB; the new state is then looked up by the CPU loop.
 */
#include "target/arm/tcg/translate.h"
#include "util/log.h"

/* MRS: execution-state bits (J, IT, T) read as zero. */
#define MRS_MASK 0xf8ff03dfu

bool gen_mrs(DisasContext *s, int rd, bool spsr)
{
    TCGv_i32 v = tcg_temp_new_i32();

    if (rd == 15 || (spsr && s->user)) {
        return false;
    }
    if (spsr) {
        tcg_gen_call0(&h_spsr_read, tcgv_temp(v));
    } else {
        tcg_gen_call0(&h_cpsr_read, tcgv_temp(v));
        tcg_gen_andi_i32(v, v, (int32_t)MRS_MASK);
    }
    store_reg(s, rd, v);
    return true;
}

/* Byte mask from the MSR field mask (c, x, s, f = bits 0..3). */
static uint32_t msr_mask(uint32_t fields)
{
    uint32_t m = 0;

    for (int i = 0; i < 4; i++) {
        if (fields & (1u << i)) {
            m |= 0xffu << (8 * i);
        }
    }
    return m;
}

bool gen_msr(DisasContext *s, bool spsr, uint32_t fields, TCGv_i32 val)
{
    uint32_t mask = msr_mask(fields);

    if (fields == 0) {
        return false;
    }
    if (spsr) {
        if (s->user) {
            return false;
        }
        tcg_gen_call2(&h_spsr_write, NULL, tcgv_temp(val),
                      tcgv_temp(tcg_constant_i32((int32_t)mask)));
        return true;
    }
    tcg_gen_call2(&h_cpsr_write, NULL, tcgv_temp(val),
                  tcgv_temp(tcg_constant_i32((int32_t)mask)));
    if (mask & ~(CPSR_NZCV | CPSR_Q | CPSR_GE | 0x07f00000u)) {
        gen_end_tb(s);
    }
    return true;
}

bool gen_cps(DisasContext *s, int imod, bool m, uint32_t aif, uint32_t mode)
{
    uint32_t mask = 0, val = 0;

    if (imod == 1 || (imod == 0 && !m)) {
        return false;
    }
    if (s->user) {
        return true;    /* CPS is a NOP in user mode */
    }
    if (imod & 2) {
        mask |= (aif & 4 ? CPSR_A : 0) | (aif & 2 ? CPSR_I : 0) |
                (aif & 1 ? CPSR_F : 0);
        if (imod & 1) {
            val |= mask;
        }
    }
    if (m) {
        mask |= CPSR_M;
        val |= mode;
    }
    if (mask) {
        tcg_gen_call2(&h_cpsr_write, NULL,
                      tcgv_temp(tcg_constant_i32((int32_t)val)),
                      tcgv_temp(tcg_constant_i32((int32_t)mask)));
        gen_end_tb(s);
    }
    return true;
}

bool gen_setend(DisasContext *s, bool be)
{
    if (be != s->be_data) {
        tcg_gen_call2(&h_cpsr_write, NULL,
                      tcgv_temp(tcg_constant_i32(be ? CPSR_E : 0)),
                      tcgv_temp(tcg_constant_i32(CPSR_E)));
        gen_end_tb(s);
    }
    return true;
}

/* First address of a two-word SRS/RFE transfer; writeback value. */
static void srs_addr(TCGv_i32 addr, TCGv_i32 wb, bool inc, bool before)
{
    tcg_gen_addi_i32(wb, addr, inc ? 8 : -8);
    if (inc) {
        tcg_gen_addi_i32(addr, addr, before ? 4 : 0);
    } else {
        tcg_gen_addi_i32(addr, addr, before ? -8 : -4);
    }
}

bool gen_srs(DisasContext *s, bool inc, bool before, bool w, uint32_t mode)
{
    TCGv_i32 addr = tcg_temp_new_i32(), wb = tcg_temp_new_i32();
    TCGv_i32 spsr = tcg_temp_new_i32();
    TCGv_i32 m = tcg_constant_i32((int32_t)mode);
    TCGv_i32 r13 = tcg_constant_i32(13);
    MemOp op = MO_UL | MO_ALIGN;

    if (s->user || !arm_mode_valid(mode) || mode == ARM_CPU_MODE_USR) {
        return false;
    }
    if (mode == s->mode) {
        tcg_gen_mov_i32(addr, cpu_R[13]);
    } else {
        tcg_gen_call2(&h_banked_read, tcgv_temp(addr), tcgv_temp(m),
                      tcgv_temp(r13));
    }
    srs_addr(addr, wb, inc, before);
    tcg_gen_call0(&h_spsr_read, tcgv_temp(spsr));
    gen_st(s, cpu_R[14], addr, op, s->mmu_idx);
    tcg_gen_addi_i32(addr, addr, 4);
    gen_st(s, spsr, addr, op, s->mmu_idx);
    if (w) {
        if (mode == s->mode) {
            tcg_gen_mov_i32(cpu_R[13], wb);
        } else {
            tcg_gen_call3(&h_banked_write, NULL, tcgv_temp(m),
                          tcgv_temp(r13), tcgv_temp(wb));
        }
    }
    return true;
}

bool gen_rfe(DisasContext *s, int rn, bool inc, bool before, bool w)
{
    TCGv_i32 addr = load_reg(s, rn), wb = tcg_temp_new_i32();
    TCGv_i32 pc = tcg_temp_new_i32(), psr = tcg_temp_new_i32();
    MemOp op = MO_UL | MO_ALIGN;

    if (s->user || rn == 15) {
        return false;
    }
    srs_addr(addr, wb, inc, before);
    gen_ld(s, pc, addr, op, s->mmu_idx);
    tcg_gen_addi_i32(addr, addr, 4);
    gen_ld(s, psr, addr, op, s->mmu_idx);
    if (w) {
        store_reg(s, rn, wb);
    }
    tcg_gen_call2(&h_rfe, NULL, tcgv_temp(pc), tcgv_temp(psr));
    s->is_jmp = DISAS_EXIT;
    return true;
}

bool gen_exception_return(DisasContext *s, TCGv_i32 pc)
{
    if (s->user) {
        return false;   /* UNPREDICTABLE */
    }
    tcg_gen_call1(&h_exception_return, NULL, tcgv_temp(pc));
    s->is_jmp = DISAS_EXIT;
    return true;
}

bool gen_hint(DisasContext *s, int op)
{
    switch (op) {
    case HINT_WFI:
        gen_sync_state(s, s->pc_next);
        tcg_gen_call0(&h_wfi, NULL);
        s->is_jmp = DISAS_EXIT;
        break;
    case HINT_WFE:
        gen_sync_state(s, s->pc_next);
        tcg_gen_call0(&h_wfe, NULL);
        s->is_jmp = DISAS_EXIT;
        break;
    case HINT_SEV:
        tcg_gen_call0(&h_sev, NULL);
        break;
    case HINT_YIELD:
        /* Let the loop run its checks. */
        gen_end_tb(s);
        break;
    default:
        break;
    }
    return true;
}

bool gen_svc(DisasContext *s, uint32_t imm)
{
    gen_exception_next(s, EXCP_SWI, imm);
    return true;
}

bool gen_bkpt(DisasContext *s)
{
    gen_exception_insn(s, EXCP_BKPT);
    return true;
}

bool gen_hvc(DisasContext *s, uint32_t imm)
{
    if (s->user || in_it_block(s)) {
        return false;
    }
    gen_exception_next(s, EXCP_HVC, imm);
    return true;
}

bool gen_smc(DisasContext *s)
{
    if (s->user) {
        return false;
    }
    gen_exception_next(s, EXCP_SMC, 0);
    return true;
}

/* NZCV from bits 31:28 of @v (MRC/VMRS to APSR_nzcv). */
void gen_set_nzcv(TCGv_i32 v)
{
    tcg_gen_andi_i32(cpu_NF, v, (int32_t)0x80000000u);
    tcg_gen_andi_i32(cpu_ZF, v, 0x40000000);
    tcg_gen_xori_i32(cpu_ZF, cpu_ZF, 0x40000000);
    tcg_gen_extract_i32(cpu_CF, v, 29, 1);
    tcg_gen_shli_i32(cpu_VF, v, 3);
}

bool gen_cp_access(DisasContext *s, int cp, bool is64, bool read, int opc1,
                   int crn, int crm, int opc2, int rt, int rt2)
{
    uint32_t key = ARM_CP_KEY(cp, is64, opc1, is64 ? 0 : crn, crm,
                              is64 ? 0 : opc2);
    const ARMCPRegInfo *ri = arm_cp_lookup(key);
    TCGv_i32 k = tcg_constant_i32((int32_t)key);

    if (!ri) {
        /* UNDEFINED, as on QEMU, which logs it the same way. */
        log_mask_printf(LOG_UNIMP, "%s access to unsupported AArch32 %ssystem "
                        "register cp:%d opc1:%d crn:%d crm:%d opc2:%d at pc 0x%08x\n",
                        read ? "read" : "write", is64 ? "64 bit " : "", cp, opc1,
                        is64 ? 0 : crn, crm, is64 ? 0 : opc2, s->pc_curr);
        return false;
    }
    if (is64) {
        TCGv_i64 v = tcg_temp_new_i64();
        if (rt == 15 || rt2 == 15 || (read && rt == rt2)) {
            return false;
        }
        if (read) {
            TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
            tcg_gen_call1(&h_cp_read64, tcgv_temp(v), tcgv_temp(k));
            tcg_gen_extr_i64_i32(lo, hi, v);
            store_reg(s, rt, lo);
            store_reg(s, rt2, hi);
        } else {
            tcg_gen_concat_i32_i64(v, load_reg(s, rt), load_reg(s, rt2));
            tcg_gen_call2(&h_cp_write64, NULL, tcgv_temp(k), tcgv_temp(v));
        }
    } else if (read) {
        TCGv_i32 v = tcg_temp_new_i32();
        tcg_gen_call1(&h_cp_read, tcgv_temp(v), tcgv_temp(k));
        if (arm_cp_read_keeps_rt(ri)) {
            /* accepted, but Rt is left alone (as on QEMU) */
        } else if (rt == 15) {
            gen_set_nzcv(v);
        } else {
            store_reg(s, rt, v);
        }
    } else {
        if (rt == 15) {
            return false;
        }
        tcg_gen_call2(&h_cp_write, NULL, tcgv_temp(k),
                      tcgv_temp(load_reg(s, rt)));
    }
    if (!read && arm_cp_ends_tb(ri)) {
        gen_end_tb(s);
    }
    return true;
}

/*
 * Coprocessor space other than VFP (bits 27:0, both instruction sets):
 * MRC/MCR and MRRC/MCRR to cp14/cp15.  CDP, LDC/STC and other
 * coprocessors are UNDEFINED.
 */
bool disas_coproc(DisasContext *s, uint32_t insn)
{
    int cp = (int)((insn >> 8) & 0xf);
    int rt = (int)((insn >> 12) & 0xf);

    if (cp != 14 && cp != 15) {
        return false;
    }
    if ((insn & 0x0f000010) == 0x0e000010) {
        /* MRC/MCR: opc1 23:21, L 20, CRn 19:16, opc2 7:5, CRm 3:0 */
        return gen_cp_access(s, cp, false, (insn >> 20) & 1,
                             (int)((insn >> 21) & 7), (int)((insn >> 16) & 0xf),
                             (int)(insn & 0xf), (int)((insn >> 5) & 7), rt, -1);
    }
    if ((insn & 0x0fe00000) == 0x0c400000) {
        /* MCRR/MRRC: L 20, Rt2 19:16, opc1 7:4, CRm 3:0 */
        return gen_cp_access(s, cp, true, (insn >> 20) & 1,
                             (int)((insn >> 4) & 0xf), 0, (int)(insn & 0xf),
                             0, rt, (int)((insn >> 16) & 0xf));
    }
    return false;
}
