/*
 * Loads and stores, shared by A32 and T32: single and dual transfers in
 * every addressing mode, unprivileged (T) forms, LDM/STM (with the user
 * bank and exception-return forms), exclusives and SWP.
 *
 * Memory accesses go through qemu_ld/qemu_st at the TB's MMU index
 * (ARM_MMU_IDX_PL0 for the T forms).  CPSR.E makes data big-endian;
 * SCTLR.A makes every access alignment-checked.  LDM/STM, LDRD/STRD and
 * exclusives always require alignment (word, or the access size).
 */
#include "target/arm/tcg/translate.h"

static MemOp finalize_memop(DisasContext *s, MemOp op)
{
    if (s->be_data) {
        op |= MO_BE;
    }
    if (s->align && (op & MO_SIZE) != MO_8) {
        op |= MO_ALIGN;
    }
    return op;
}

void gen_ld(DisasContext *s, TCGv_i32 val, TCGv_i32 addr, MemOp op,
            unsigned mmu_idx)
{
    tcg_gen_qemu_ld_i32(val, addr, mmu_idx, finalize_memop(s, op));
}

void gen_st(DisasContext *s, TCGv_i32 val, TCGv_i32 addr, MemOp op,
            unsigned mmu_idx)
{
    tcg_gen_qemu_st_i32(val, addr, mmu_idx, finalize_memop(s, op));
}

/* The base register; a Thumb PC base (literal) is word-aligned. */
static TCGv_i32 load_base(DisasContext *s, int rn)
{
    TCGv_i32 a = load_reg(s, rn);

    if (rn == 15 && s->thumb) {
        tcg_gen_andi_i32(a, a, ~3);
    }
    return a;
}

static void gen_offset(TCGv_i32 addr, TCGv_i32 ofs, bool u)
{
    if (!ofs) {
        return;
    }
    if (u) {
        tcg_gen_add_i32(addr, addr, ofs);
    } else {
        tcg_gen_sub_i32(addr, addr, ofs);
    }
}

bool gen_ldst(DisasContext *s, bool load, MemOp memop, int rt, int rt2,
              int rn, TCGv_i32 ofs, bool p, bool u, bool w, bool user)
{
    TCGv_i32 addr = load_base(s, rn);
    unsigned idx = user ? ARM_MMU_IDX_PL0 : s->mmu_idx;
    TCGv_i32 v1 = tcg_temp_new_i32(), v2 = NULL;

    if (p) {
        gen_offset(addr, ofs, u);
    }
    if (rt2 >= 0) {
        /* LDRD/STRD: two word accesses, word alignment required. */
        TCGv_i32 a2 = tcg_temp_new_i32();
        MemOp op = MO_UL | MO_ALIGN;
        tcg_gen_addi_i32(a2, addr, 4);
        if (load) {
            v2 = tcg_temp_new_i32();
            gen_ld(s, v1, addr, op, idx);
            gen_ld(s, v2, a2, op, idx);
        } else {
            gen_st(s, load_reg(s, rt), addr, op, idx);
            gen_st(s, load_reg(s, rt2), a2, op, idx);
        }
    } else if (load) {
        gen_ld(s, v1, addr, memop, idx);
    } else {
        gen_st(s, load_reg(s, rt), addr, memop, idx);
    }
    if (!p) {
        gen_offset(addr, ofs, u);
    }
    if (w || !p) {
        store_reg(s, rn, addr);
    }
    if (load) {
        if (v2) {
            store_reg(s, rt, v1);
            store_reg(s, rt2, v2);
        } else {
            store_reg_from_load(s, rt, v1);
        }
    }
    return true;
}

bool gen_ldm(DisasContext *s, bool load, int rn, uint32_t list, bool inc,
             bool before, bool w, bool usr)
{
    int n = __builtin_popcount(list & 0xffff);
    TCGv_i32 base, vals[16] = { 0 };
    MemOp op = MO_UL | MO_ALIGN;
    int32_t off;
    bool eret = false;

    if (n == 0) {
        return false;
    }
    if (usr) {
        if (s->user) {
            return false;   /* UNPREDICTABLE in user mode */
        }
        if (load && (list & 0x8000)) {
            eret = true;
            usr = false;
        } else if (w) {
            return false;
        }
    }
    /*
     * Every access is at base + a constant, each address a temp of its own:
     * tci-gen folds such an add into the access (one bytecode op, not two).
     * Loaded registers are written at once, as QEMU does (after an abort
     * part-way, the registers already loaded hold their new values), except
     * the base register, which an abort must leave intact, and the PC and
     * the user-bank registers, written after the last access.
     */
    base = load_reg(s, rn);
    off = inc ? (before ? 4 : 0) : (before ? -4 * n : -4 * n + 4);
    for (int i = 0; i < 16; i++) {
        TCGv_i32 addr = base;

        if (!(list & (1u << i))) {
            continue;
        }
        if (off) {
            addr = tcg_temp_new_i32();
            tcg_gen_addi_i32(addr, base, off);
        }
        if (load) {
            TCGv_i32 v = tcg_temp_new_i32();

            gen_ld(s, v, addr, op, s->mmu_idx);
            if (i == rn || i == 15 || (usr && i >= 8)) {
                vals[i] = v;
            } else {
                store_reg(s, i, v);
            }
        } else {
            TCGv_i32 v;
            if (usr && i >= 8 && i <= 14) {
                v = tcg_temp_new_i32();
                tcg_gen_call1(&h_usr_reg_read, tcgv_temp(v),
                              tcgv_temp(tcg_constant_i32(i)));
            } else {
                v = load_reg(s, i);
            }
            gen_st(s, v, addr, op, s->mmu_idx);
        }
        off += 4;
    }
    if (w) {
        TCGv_i32 nb = tcg_temp_new_i32();

        tcg_gen_addi_i32(nb, base, inc ? 4 * n : -4 * n);
        store_reg(s, rn, nb);
    }
    if (!load) {
        return true;
    }
    for (int i = 0; i < 15; i++) {
        if (!vals[i]) {
            continue;
        }
        if (usr && i >= 8) {
            tcg_gen_call2(&h_usr_reg_write, NULL,
                          tcgv_temp(tcg_constant_i32(i)), tcgv_temp(vals[i]));
        } else {
            store_reg(s, i, vals[i]);
        }
    }
    if (vals[15]) {
        if (eret) {
            return gen_exception_return(s, vals[15]);
        }
        store_reg_from_load(s, 15, vals[15]);
    }
    return true;
}

bool gen_ldrex(DisasContext *s, MemOp size, int rt, int rt2, int rn,
               uint32_t imm)
{
    TCGv_i32 addr = load_reg(s, rn);
    TCGv_i32 v = tcg_temp_new_i32();

    tcg_gen_addi_i32(addr, addr, (int32_t)imm);
    if (size == MO_64) {
        TCGv_i32 v2 = tcg_temp_new_i32();
        /* LDREXD needs doubleword alignment: check it with the first. */
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_qemu_ld_i64(t, addr, s->mmu_idx,
                            finalize_memop(s, MO_UQ | MO_ALIGN));
        if (s->be_data) {
            /* Big-endian: the word at the lower address is the high half
             * of the 64-bit load; Rt gets the lower address. */
            tcg_gen_extr_i64_i32(v2, v, t);
        } else {
            tcg_gen_extr_i64_i32(v, v2, t);
        }
        tcg_gen_mov_i64(cpu_excl_val, t);
        store_reg(s, rt, v);
        store_reg(s, rt2, v2);
    } else {
        gen_ld(s, v, addr, size | MO_ALIGN, s->mmu_idx);
        tcg_gen_extu_i32_i64(cpu_excl_val, v);
        store_reg(s, rt, v);
    }
    tcg_gen_extu_i32_i64(cpu_excl_addr, addr);
    return true;
}

bool gen_strex(DisasContext *s, MemOp size, int rd, int rt, int rt2,
               int rn, uint32_t imm)
{
    TCGv_i32 addr = load_reg(s, rn);
    TCGv_i64 a64 = tcg_temp_new_i64(), cur = tcg_temp_new_i64();
    TCGv_i32 res = tcg_temp_new_i32();
    TCGLabel *fail = gen_new_label(), *done = gen_new_label();
    MemOp op = finalize_memop(s, (size == MO_64 ? MO_UQ : size) | MO_ALIGN);

    if (rd == 15 || rd == rn || rd == rt || (rt2 >= 0 && rd == rt2)) {
        return false;
    }
    tcg_gen_addi_i32(addr, addr, (int32_t)imm);
    tcg_gen_extu_i32_i64(a64, addr);
    tcg_gen_brcond_i64(TCG_COND_NE, a64, cpu_excl_addr, fail);
    /*
     * The monitor holds: succeed if memory still has the value LDREX
     * saw (one CPU, so compare-then-store is atomic here).
     */
    if (size == MO_64) {
        TCGv_i64 nv = tcg_temp_new_i64();
        TCGv_i32 lo = load_reg(s, rt), hi = load_reg(s, rt2);
        tcg_gen_qemu_ld_i64(cur, addr, s->mmu_idx, op);
        tcg_gen_brcond_i64(TCG_COND_NE, cur, cpu_excl_val, fail);
        if (s->be_data) {
            tcg_gen_concat_i32_i64(nv, hi, lo);
        } else {
            tcg_gen_concat_i32_i64(nv, lo, hi);
        }
        tcg_gen_qemu_st_i64(nv, addr, s->mmu_idx, op);
    } else {
        TCGv_i32 c = tcg_temp_new_i32();
        tcg_gen_qemu_ld_i32(c, addr, s->mmu_idx, op);
        tcg_gen_extu_i32_i64(cur, c);
        tcg_gen_brcond_i64(TCG_COND_NE, cur, cpu_excl_val, fail);
        tcg_gen_qemu_st_i32(load_reg(s, rt), addr, s->mmu_idx, op);
    }
    tcg_gen_movi_i32(res, 0);
    tcg_gen_br(done);
    gen_set_label(fail);
    tcg_gen_movi_i32(res, 1);
    gen_set_label(done);
    tcg_gen_movi_i64(cpu_excl_addr, -1);
    store_reg(s, rd, res);
    return true;
}

bool gen_clrex(DisasContext *s)
{
    tcg_gen_movi_i64(cpu_excl_addr, -1);
    return true;
}

bool gen_swp(DisasContext *s, bool byte, int rt, int rt2, int rn)
{
    TCGv_i32 addr = load_reg(s, rn);
    TCGv_i32 old = tcg_temp_new_i32();
    MemOp op = byte ? MO_UB : (MO_UL | MO_ALIGN);

    if (rt == 15 || rt2 == 15 || rn == 15 || rn == rt || rn == rt2) {
        return false;
    }
    gen_ld(s, old, addr, op, s->mmu_idx);
    gen_st(s, load_reg(s, rt2), addr, op, s->mmu_idx);
    store_reg(s, rt, old);
    return true;
}
