/*
 * The op-emitting API: what a target translator calls to build the IR of
 * a translation block.  Every function appends to the current context
 * (tcg_ctx).  Outputs come first, as in "ret = a op b".
 *
 * Semantics worth knowing:
 *  - shifts and rotates by a register use the count modulo the width
 *    (callers wanting ARM's "shift by >= 32" semantics must handle it);
 *  - div/rem: division by zero gives 0 (rem: the dividend), and
 *    INT_MIN / -1 gives INT_MIN (rem: 0), never a host trap;
 *  - clz/ctz(ret, a, b): b when a == 0;
 *  - extract(ret, a, pos, len): (a >> pos) & ((1 << len) - 1), 0 < len,
 *    pos + len <= width; sextract sign-extends that field;
 *  - deposit(ret, a, b, pos, len): a with its field replaced by b's low
 *    len bits;
 *  - add2/sub2(rl, rh, al, ah, bl, bh): double-width add/sub (carries);
 *  - mulu2/muls2(rl, rh, a, b): full double-width product;
 *  - addcc(r, n, z, c, v, a, b, cin): r = a + b + cin (cin 0 or 1), with
 *    n = z = r, c the carry out (0/1), v = (r ^ a) & ~(a ^ b) (overflow in
 *    bit 31); subcc(r, n, z, c, v, a, b): r = a - b, c = (a >= b unsigned),
 *    v = (r ^ a) & (a ^ b).  One op for what a guest's flag-setting add or
 *    compare needs (ARM's NZCV kept as QEMU keeps them); five distinct
 *    outputs, written after every input is read;
 *  - bswap16: swaps the low two bytes, result zero-extended;
 *  - setcond sets 0/1; negsetcond sets 0/-1.
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg/tcg.h"

/* 32-bit operations. */
void tcg_gen_mov_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_movi_i32(TCGv_i32 ret, int32_t val);
void tcg_gen_add_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_sub_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_mul_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_div_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_divu_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_rem_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_remu_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_and_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_or_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_xor_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_andc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_orc_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_eqv_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_nand_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_nor_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_shl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_shr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_sar_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_rotl_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_rotr_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_smin_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_smax_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_umin_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_umax_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_addi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_subi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_muli_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_andi_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_ori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_xori_i32(TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_subfi_i32(TCGv_i32 ret, int32_t a, TCGv_i32 b);
void tcg_gen_shli_i32(TCGv_i32 ret, TCGv_i32 a, unsigned b);
void tcg_gen_shri_i32(TCGv_i32 ret, TCGv_i32 a, unsigned b);
void tcg_gen_sari_i32(TCGv_i32 ret, TCGv_i32 a, unsigned b);
void tcg_gen_rotli_i32(TCGv_i32 ret, TCGv_i32 a, unsigned b);
void tcg_gen_rotri_i32(TCGv_i32 ret, TCGv_i32 a, unsigned b);
void tcg_gen_clz_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_ctz_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_clzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t b);
void tcg_gen_ctzi_i32(TCGv_i32 ret, TCGv_i32 a, uint32_t b);
void tcg_gen_neg_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_not_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_abs_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext8s_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext8u_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext16s_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ext16u_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_bswap16_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_bswap32_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_ctpop_i32(TCGv_i32 ret, TCGv_i32 a);
void tcg_gen_extract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned pos, unsigned len);
void tcg_gen_sextract_i32(TCGv_i32 ret, TCGv_i32 a, unsigned pos, unsigned len);
void tcg_gen_deposit_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b, unsigned pos, unsigned len);
/* ret = b's low len bits at pos, zeros elsewhere. */
void tcg_gen_deposit_z_i32(TCGv_i32 ret, TCGv_i32 b, unsigned pos, unsigned len);
void tcg_gen_add2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh);
void tcg_gen_sub2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh);
void tcg_gen_addcc_i32(TCGv_i32 r, TCGv_i32 n, TCGv_i32 z, TCGv_i32 c, TCGv_i32 v,
                       TCGv_i32 a, TCGv_i32 b, TCGv_i32 cin);
void tcg_gen_subcc_i32(TCGv_i32 r, TCGv_i32 n, TCGv_i32 z, TCGv_i32 c, TCGv_i32 v,
                       TCGv_i32 a, TCGv_i32 b);
void tcg_gen_mulu2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_muls2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, int32_t b);
void tcg_gen_negsetcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
/* ret = cond(c1, c2) ? v1 : v2 */
void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 c1, TCGv_i32 c2, TCGv_i32 v1, TCGv_i32 v2);
void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l);
void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l);
/* Host memory at base + offset (base is usually tcg_env). */
void tcg_gen_ld8u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld8s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld16u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld16s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_st8_i32(TCGv_i32 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_st16_i32(TCGv_i32 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_st_i32(TCGv_i32 val, TCGv_ptr base, intptr_t offset);
/* Guest memory through the softmmu TLB at @addr (guest virtual). */
void tcg_gen_qemu_ld_i32(TCGv_i32 val, TCGv_i32 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_st_i32(TCGv_i32 val, TCGv_i32 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_ld_i32_a64(TCGv_i32 val, TCGv_i64 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_st_i32_a64(TCGv_i32 val, TCGv_i64 addr, unsigned mmu_idx, MemOp op);

/* 64-bit operations. */
void tcg_gen_mov_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_movi_i64(TCGv_i64 ret, int64_t val);
void tcg_gen_add_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_sub_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_mul_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_div_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_divu_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_rem_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_remu_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_and_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_or_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_xor_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_andc_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_orc_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_eqv_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_nand_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_nor_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_shl_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_shr_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_sar_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_rotl_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_rotr_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_smin_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_smax_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_umin_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_umax_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_addi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_subi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_muli_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_andi_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_ori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_xori_i64(TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_subfi_i64(TCGv_i64 ret, int64_t a, TCGv_i64 b);
void tcg_gen_shli_i64(TCGv_i64 ret, TCGv_i64 a, unsigned b);
void tcg_gen_shri_i64(TCGv_i64 ret, TCGv_i64 a, unsigned b);
void tcg_gen_sari_i64(TCGv_i64 ret, TCGv_i64 a, unsigned b);
void tcg_gen_rotli_i64(TCGv_i64 ret, TCGv_i64 a, unsigned b);
void tcg_gen_rotri_i64(TCGv_i64 ret, TCGv_i64 a, unsigned b);
void tcg_gen_clz_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_ctz_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_clzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t b);
void tcg_gen_ctzi_i64(TCGv_i64 ret, TCGv_i64 a, uint64_t b);
void tcg_gen_neg_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_not_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_abs_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext8s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext8u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext16s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext16u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap16_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap32_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ctpop_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext32s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext32u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap64_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_extract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned pos, unsigned len);
void tcg_gen_sextract_i64(TCGv_i64 ret, TCGv_i64 a, unsigned pos, unsigned len);
void tcg_gen_deposit_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b, unsigned pos, unsigned len);
/* ret = b's low len bits at pos, zeros elsewhere. */
void tcg_gen_deposit_z_i64(TCGv_i64 ret, TCGv_i64 b, unsigned pos, unsigned len);
void tcg_gen_add2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh);
void tcg_gen_sub2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh);
void tcg_gen_mulu2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_muls2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_setcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_setcondi_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, int64_t b);
void tcg_gen_negsetcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
/* ret = cond(c1, c2) ? v1 : v2 */
void tcg_gen_movcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 c1, TCGv_i64 c2, TCGv_i64 v1, TCGv_i64 v2);
void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 a, TCGv_i64 b, TCGLabel *l);
void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 a, int64_t b, TCGLabel *l);
/* Host memory at base + offset (base is usually tcg_env). */
void tcg_gen_ld8u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld8s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld16u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld16s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld32u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld32s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_st8_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_st16_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_st_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_st32_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset);
/* Guest memory through the softmmu TLB at @addr (guest virtual). */
void tcg_gen_qemu_ld_i64(TCGv_i64 val, TCGv_i32 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_st_i64(TCGv_i64 val, TCGv_i32 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_ld_i64_a64(TCGv_i64 val, TCGv_i64 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_st_i64_a64(TCGv_i64 val, TCGv_i64 addr, unsigned mmu_idx, MemOp op);

/* Size conversions. */
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a);    /* sign-extend */
void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a);   /* zero-extend */
void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a);  /* low half */
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a);  /* high half */
void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi);
void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a);

/* Pointers. */
void tcg_gen_mov_ptr(TCGv_ptr ret, TCGv_ptr a);
void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b);
void tcg_gen_add_ptr(TCGv_ptr ret, TCGv_ptr a, TCGv_ptr b);
void tcg_gen_ext_i32_ptr(TCGv_ptr ret, TCGv_i32 a);   /* zero-extend */
void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_st_ptr(TCGv_ptr val, TCGv_ptr base, intptr_t offset);

/* Control flow inside the TB. */
void tcg_gen_br(TCGLabel *l);

/**
 * tcg_gen_insn_start: mark the start of a guest instruction.
 * @w0..@w2: target data (w0 is normally the guest PC); given back to the
 * target's restore_state hook when a helper or a memory access of this
 * instruction raises an exception.  Must precede each guest instruction.
 */
void tcg_gen_insn_start(uint64_t w0, uint64_t w1, uint64_t w2);
/** tcg_set_insn_start_param: change word @word of instruction @insn's data. */
void tcg_set_insn_start_param(int insn, int word, uint64_t value);

/**
 * tcg_gen_exit_tb: leave the TB, returning to the CPU loop.
 * @idx: TB_EXIT_IDX0/TB_EXIT_IDX1 after a tcg_gen_goto_tb(idx) that was
 * not linked yet (the loop then links slot @idx to the next TB), or
 * TB_EXIT_NOCHAIN for a plain exit.
 */
void tcg_gen_exit_tb(unsigned idx);
/**
 * tcg_gen_goto_tb: jump straight to the TB linked in slot @idx (0 or 1)
 * if there is one; otherwise fall through (to the exit_tb(@idx) that must
 * follow, after the guest PC is written).  Each slot at most once per TB.
 */
void tcg_gen_goto_tb(unsigned idx);
/**
 * tcg_gen_lookup_and_goto_ptr: end the TB and continue with the TB for the
 * current CPU state (guest PC and flags as stored in the CPU struct),
 * found in the per-CPU jump cache; returns to the loop on a miss.
 * Use after indirect branches.
 */
void tcg_gen_lookup_and_goto_ptr(void);

/**
 * tcg_gen_callN: call helper @h with N arguments.
 * @ret: output temp, NULL iff the helper returns void; its type and the
 *       arguments' types must match @h->sig (checked with g_assert: a
 *       mismatch is a translator bug).
 * The CPU pointer is passed implicitly as the helper's first parameter.
 */
void tcg_gen_call0(const TCGHelper *h, TCGTemp *ret);
void tcg_gen_call1(const TCGHelper *h, TCGTemp *ret, TCGTemp *a1);
void tcg_gen_call2(const TCGHelper *h, TCGTemp *ret, TCGTemp *a1,
                   TCGTemp *a2);
void tcg_gen_call3(const TCGHelper *h, TCGTemp *ret, TCGTemp *a1,
                   TCGTemp *a2, TCGTemp *a3);
void tcg_gen_call4(const TCGHelper *h, TCGTemp *ret, TCGTemp *a1,
                   TCGTemp *a2, TCGTemp *a3, TCGTemp *a4);

/* Memory barrier: a no-op for a single-threaded interpreter. */
static inline void tcg_gen_mb(unsigned type) { (void)type; }

#endif /* TCG_TCG_OP_H */
