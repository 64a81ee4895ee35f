/*
 * Bytecode opcodes: X(name, length in 16-bit units including the opcode).
 *
 * "r" operands are byte offsets from the CPU struct; imm32/rel32 take two
 * units and imm64 four, stored in host byte order with memcpy.  Branch
 * offsets are relative to the start of the branch op.  Ops read all their
 * inputs before writing any output, so outputs may share a slot with an
 * input.
 */
#ifndef TCI_TCI_OPS_H
#define TCI_TCI_OPS_H

#define TCI_OPS(X) \
    X(movi_i32, 4) /* r, imm32 */ \
    X(movi_i64, 6) /* r, imm64 */ \
    X(mov_i32, 3) /* r, r */ \
    X(mov_i64, 3) /* r, r */ \
    X(mov2_i32, 4) /* r, r, src: two copies (a result into NF and ZF) */ \
    X(mov3_i32, 5) /* r, r, r, src */ \
    X(movp_i32, 5) /* r1, src1, r2, src2: two copies, in that order */ \
    X(env_addr, 4) /* r, imm32: r = CPU pointer + imm32 */ \
    X(add_i32, 4) /* r, r, r */ \
    X(sub_i32, 4) /* r, r, r */ \
    X(mul_i32, 4) /* r, r, r */ \
    X(div_i32, 4) /* r, r, r */ \
    X(divu_i32, 4) /* r, r, r */ \
    X(rem_i32, 4) /* r, r, r */ \
    X(remu_i32, 4) /* r, r, r */ \
    X(and_i32, 4) /* r, r, r */ \
    X(or_i32, 4) /* r, r, r */ \
    X(xor_i32, 4) /* r, r, r */ \
    X(andc_i32, 4) /* r, r, r */ \
    X(orc_i32, 4) /* r, r, r */ \
    X(shl_i32, 4) /* r, r, r */ \
    X(shr_i32, 4) /* r, r, r */ \
    X(sar_i32, 4) /* r, r, r */ \
    X(rotl_i32, 4) /* r, r, r */ \
    X(rotr_i32, 4) /* r, r, r */ \
    X(clz_i32, 4) /* r, r, r */ \
    X(ctz_i32, 4) /* r, r, r */ \
    X(add_i64, 4) /* r, r, r */ \
    X(sub_i64, 4) /* r, r, r */ \
    X(mul_i64, 4) /* r, r, r */ \
    X(div_i64, 4) /* r, r, r */ \
    X(divu_i64, 4) /* r, r, r */ \
    X(rem_i64, 4) /* r, r, r */ \
    X(remu_i64, 4) /* r, r, r */ \
    X(and_i64, 4) /* r, r, r */ \
    X(or_i64, 4) /* r, r, r */ \
    X(xor_i64, 4) /* r, r, r */ \
    X(andc_i64, 4) /* r, r, r */ \
    X(orc_i64, 4) /* r, r, r */ \
    X(shl_i64, 4) /* r, r, r */ \
    X(shr_i64, 4) /* r, r, r */ \
    X(sar_i64, 4) /* r, r, r */ \
    X(rotl_i64, 4) /* r, r, r */ \
    X(rotr_i64, 4) /* r, r, r */ \
    X(clz_i64, 4) /* r, r, r */ \
    X(ctz_i64, 4) /* r, r, r */ \
    X(addi_i32, 5) /* r, r, simm32 */ \
    X(andi_i32, 5) /* r, r, simm32 */ \
    X(ori_i32, 5) /* r, r, simm32 */ \
    X(xori_i32, 5) /* r, r, simm32 */ \
    X(shli_i32, 4) /* r, r, count */ \
    X(shri_i32, 4) /* r, r, count */ \
    X(sari_i32, 4) /* r, r, count */ \
    X(rotri_i32, 4) /* r, r, count: ROR #imm (rotl by n is rotr by 32 - n) */ \
    X(addi_i64, 5) /* r, r, simm32 */ \
    X(andi_i64, 5) /* r, r, simm32 */ \
    X(ori_i64, 5) /* r, r, simm32 */ \
    X(xori_i64, 5) /* r, r, simm32 */ \
    X(shli_i64, 4) /* r, r, count */ \
    X(shri_i64, 4) /* r, r, count */ \
    X(sari_i64, 4) /* r, r, count */ \
    X(neg_i32, 3) /* r, r */ \
    X(not_i32, 3) /* r, r */ \
    X(ext8s_i32, 3) /* r, r */ \
    X(ext8u_i32, 3) /* r, r */ \
    X(ext16s_i32, 3) /* r, r */ \
    X(ext16u_i32, 3) /* r, r */ \
    X(bswap16_i32, 3) /* r, r */ \
    X(bswap32_i32, 3) /* r, r */ \
    X(ctpop_i32, 3) /* r, r */ \
    X(neg_i64, 3) /* r, r */ \
    X(not_i64, 3) /* r, r */ \
    X(ext8s_i64, 3) /* r, r */ \
    X(ext8u_i64, 3) /* r, r */ \
    X(ext16s_i64, 3) /* r, r */ \
    X(ext16u_i64, 3) /* r, r */ \
    X(bswap16_i64, 3) /* r, r */ \
    X(bswap32_i64, 3) /* r, r */ \
    X(ctpop_i64, 3) /* r, r */ \
    X(ext32s_i64, 3) /* r, r */ \
    X(ext32u_i64, 3) /* r, r */ \
    X(bswap64_i64, 3) /* r, r */ \
    X(ext_i32_i64, 3) /* r, r */ \
    X(extu_i32_i64, 3) /* r, r */ \
    X(extrl_i64_i32, 3) /* r, r */ \
    X(extrh_i64_i32, 3) /* r, r */ \
    X(concat_i32_i64, 4) /* r, lo, hi */ \
    X(extract_i32, 4) /* r, r, pos | len << 8 */ \
    X(sextract_i32, 4) /* r, r, pos | len << 8 */ \
    X(deposit_i32, 5) /* r, a, b, pos | len << 8 */ \
    X(add2_i32, 7) /* rl, rh, al, ah, bl, bh */ \
    X(sub2_i32, 7) /* rl, rh, al, ah, bl, bh */ \
    X(mulu2_i32, 5) /* rl, rh, a, b */ \
    X(muls2_i32, 5) /* rl, rh, a, b */ \
    X(addcc_i32, 9) /* r, n, z, c, v, a, b, cin */ \
    X(subcc_i32, 8) /* r, n, z, c, v, a, b */ \
    X(addcc0_i32, 8) /* r, n, z, c, v, a, b: carry in 0 (ADDS) */ \
    X(addcci_i32, 9) /* r, n, z, c, v, a, imm32: carry in 0 (ADDS #imm) */ \
    X(subcci_i32, 9) /* r, n, z, c, v, a, imm32 (SUBS/CMP #imm) */ \
    X(setcond_i32, 5) /* r, a, b, cond */ \
    X(movcond_i32, 7) /* r, c1, c2, v1, v2, cond */ \
    X(brcond_i32, 6) /* a, b, cond, rel32 */ \
    X(brcondi_i32, 7) /* a, simm32, cond, rel32 */ \
    X(extract_i64, 4) /* r, r, pos | len << 8 */ \
    X(sextract_i64, 4) /* r, r, pos | len << 8 */ \
    X(deposit_i64, 5) /* r, a, b, pos | len << 8 */ \
    X(add2_i64, 7) /* rl, rh, al, ah, bl, bh */ \
    X(sub2_i64, 7) /* rl, rh, al, ah, bl, bh */ \
    X(mulu2_i64, 5) /* rl, rh, a, b */ \
    X(muls2_i64, 5) /* rl, rh, a, b */ \
    X(setcond_i64, 5) /* r, a, b, cond */ \
    X(movcond_i64, 7) /* r, c1, c2, v1, v2, cond */ \
    X(brcond_i64, 6) /* a, b, cond, rel32 */ \
    X(brcondi_i64, 7) /* a, simm32, cond, rel32 */ \
    X(brcondi_eq_i32, 6) /* a, simm32, rel32: the common flag tests */ \
    X(brcondi_ne_i32, 6) /* a, simm32, rel32 */ \
    X(brcondi_lt_i32, 6) /* a, simm32, rel32 */ \
    X(brcondi_ge_i32, 6) /* a, simm32, rel32 */ \
    /* ARM condition tests fused with their branch (tci-gen fuse_cond). */ \
    X(brnegand_ne_i32, 5) /* a, b, rel32: if (-a & b) != 0 (HI) */ \
    X(brnegand_eq_i32, 5) /* a, b, rel32: if (-a & b) == 0 (LS) */ \
    X(brxor_ge_i32, 5) /* a, b, rel32: if (int32_t)(a ^ b) >= 0 (GE) */ \
    X(brxor_lt_i32, 5) /* a, b, rel32: if (int32_t)(a ^ b) < 0 (LT) */ \
    X(brgt_i32, 6) /* z, a, b, rel32: if (z & ~((int32_t)(a ^ b) >> 31)) != 0 */ \
    X(brle_i32, 6) /* z, a, b, rel32: the same == 0 */ \
    X(br, 3) /* rel32 (from the op start) */ \
    X(ld8u_i32, 5) /* r, rptr, simm32 */ \
    X(ld8s_i32, 5) /* r, rptr, simm32 */ \
    X(ld16u_i32, 5) /* r, rptr, simm32 */ \
    X(ld16s_i32, 5) /* r, rptr, simm32 */ \
    X(ld_i32, 5) /* r, rptr, simm32 */ \
    X(ld8u_i64, 5) /* r, rptr, simm32 */ \
    X(ld8s_i64, 5) /* r, rptr, simm32 */ \
    X(ld16u_i64, 5) /* r, rptr, simm32 */ \
    X(ld16s_i64, 5) /* r, rptr, simm32 */ \
    X(ld32u_i64, 5) /* r, rptr, simm32 */ \
    X(ld32s_i64, 5) /* r, rptr, simm32 */ \
    X(ld_i64, 5) /* r, rptr, simm32 */ \
    X(st8_i32, 5) /* r, rptr, simm32 */ \
    X(st16_i32, 5) /* r, rptr, simm32 */ \
    X(st_i32, 5) /* r, rptr, simm32 */ \
    X(st8_i64, 5) /* r, rptr, simm32 */ \
    X(st16_i64, 5) /* r, rptr, simm32 */ \
    X(st32_i64, 5) /* r, rptr, simm32 */ \
    X(st_i64, 5) /* r, rptr, simm32 */ \
    X(qld8u_i32, 4) /* r, raddr32, memopidx (little-endian fast path) */ \
    X(qld8s_i32, 4) /* r, raddr32, memopidx (little-endian fast path) */ \
    X(qld16u_i32, 4) /* r, raddr32, memopidx (little-endian fast path) */ \
    X(qld16s_i32, 4) /* r, raddr32, memopidx (little-endian fast path) */ \
    X(qld32_i32, 4) /* r, raddr32, memopidx (little-endian fast path) */ \
    X(qld64_i64, 4) /* r, raddr32, memopidx (little-endian fast path) */ \
    X(qst8_i32, 4) /* r, raddr32, memopidx (little-endian fast path) */ \
    X(qst16_i32, 4) /* r, raddr32, memopidx (little-endian fast path) */ \
    X(qst32_i32, 4) /* r, raddr32, memopidx (little-endian fast path) */ \
    X(qst64_i64, 4) /* r, raddr32, memopidx (little-endian fast path) */ \
    /* The same at raddr32 + simm32 (an address add folded in). */ \
    X(qld8u_i32o, 6) /* r, raddr32, memopidx, simm32 */ \
    X(qld8s_i32o, 6) /* r, raddr32, memopidx, simm32 */ \
    X(qld16u_i32o, 6) /* r, raddr32, memopidx, simm32 */ \
    X(qld16s_i32o, 6) /* r, raddr32, memopidx, simm32 */ \
    X(qld32_i32o, 6) /* r, raddr32, memopidx, simm32 */ \
    X(qst8_i32o, 6) /* r, raddr32, memopidx, simm32 */ \
    X(qst16_i32o, 6) /* r, raddr32, memopidx, simm32 */ \
    X(qst32_i32o, 6) /* r, raddr32, memopidx, simm32 */ \
    X(qld_i32_a32, 4) /* r, raddr, memopidx (any MemOp) */ \
    X(qld_i64_a32, 4) /* r, raddr, memopidx (any MemOp) */ \
    X(qld_i32_a64, 4) /* r, raddr, memopidx (any MemOp) */ \
    X(qld_i64_a64, 4) /* r, raddr, memopidx (any MemOp) */ \
    X(qst_i32_a32, 4) /* r, raddr, memopidx (any MemOp) */ \
    X(qst_i64_a32, 4) /* r, raddr, memopidx (any MemOp) */ \
    X(qst_i32_a64, 4) /* r, raddr, memopidx (any MemOp) */ \
    X(qst_i64_a64, 4) /* r, raddr, memopidx (any MemOp) */ \
    X(call, 11) /* helper ptr (4 units), ret, a0..a3, 64-bit-operand mask */ \
    X(goto_tb, 2) /* slot */ \
    X(exit_tb, 2) /* TB_EXIT_* code */ \
    X(lookup_and_goto_ptr, 1) \
    /* end */

typedef enum TCIOpcode {
#define TCI_ENUM_(name, len) TCI_##name,
    TCI_OPS(TCI_ENUM_)
#undef TCI_ENUM_
    TCI_NB_OPS
} TCIOpcode;

/* Length in units of each opcode. */
extern const unsigned char tci_op_len[TCI_NB_OPS];
extern const char *const tci_op_names[TCI_NB_OPS];

/* Out-of-line helper call, shared by both dispatch variants. */
struct CPUState;
void tci_call(struct CPUState *cs, const uint16_t *pc);

#endif /* TCI_TCI_OPS_H */
