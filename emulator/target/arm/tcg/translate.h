/*
 * ARM translator internals: the per-TB disassembly context and the
 * operations shared by the A32, T16, T32 and VFP decoders.
 *
 * Decoders are tables of (mask, value, handler) patterns, searched in
 * order (first match wins, so a more specific pattern comes first).  A
 * handler returns false for an UNDEFINED encoding; the caller then emits
 * the undefined-instruction exception.  The operations (gen_dp, gen_mul,
 * load/store, branches...) are written once and called with decoded
 * fields by every instruction set.
 */
#ifndef TARGET_ARM_TCG_TRANSLATE_H
#define TARGET_ARM_TCG_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/translator.h"
#include "target/arm/cpu.h"
#include "tcg/tcg-op.h"

/* How the current instruction ends the TB. */
typedef enum DisasJumpType {
    DISAS_NEXT,      /* go on with the next instruction */
    DISAS_TOO_MANY,  /* stop here; continue at pc_next (chained) */
    DISAS_JUMP,      /* PC (and Thumb bit) written: look the next TB up */
    DISAS_EXIT,      /* PC written, state changed: back to the CPU loop */
    DISAS_UPDATE,    /* state changed: write pc_next, back to the loop */
    DISAS_NORETURN,  /* an exception was raised: nothing follows */
    DISAS_CHAINED,   /* direct branch emitted (goto_tb) */
} DisasJumpType;

/**
 * DisasContext: translation state of one TB.
 * @pc_curr: address of the instruction being translated.
 * @pc_next: address of the following instruction.
 * @itstate: ITSTATE after the current instruction (Thumb); what the next
 *     instruction and the TB exit see.
 * @cond: condition of the current instruction (14 = always).
 * @condlabel: skip target when the condition fails (NULL if none).
 */
typedef struct DisasContext {
    CPUState *cs;
    TranslationBlock *tb;
    uint32_t pc_first;
    uint32_t pc_curr;
    uint32_t pc_next;
    uint32_t page_start;
    bool thumb;
    bool user;
    bool vfp_access;   /* CPACR allows cp10/11 */
    bool vfp_enabled;  /* ...and FPEXC.EN */
    bool align;        /* SCTLR.A */
    bool be_data;      /* CPSR.E */
    uint32_t mode;
    unsigned mmu_idx;
    uint32_t itstate;
    uint32_t itstate_tb;   /* value env->itstate has on TB entry */
    int cond;
    bool cond_in_it;   /* the instruction is inside an IT block */
    TCGLabel *condlabel;
    DisasJumpType is_jmp;
    int insn_count;
    uint32_t insn;
    bool insn_32;      /* Thumb: the current instruction is 32-bit */
} DisasContext;

/* IR globals (registered once per TCG context). */
extern TCGv_i32 cpu_R[16];
extern TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF, cpu_QF, cpu_GE;
extern TCGv_i32 cpu_itstate, cpu_thumb;
extern TCGv_i64 cpu_excl_addr, cpu_excl_val;

/* Byte offset of a CPUARMState field from the start of the CPU struct. */
#define ENV_OFF(field) (offsetof(ARMCPU, env) + offsetof(CPUARMState, field))

/*
 * Bit fields of an instruction word, shared by the decoders.  sextract32
 * sign-extends without shifting a negative value (undefined in C), so a
 * caller shifts the result only after converting it to uint32_t.
 */
static inline uint32_t extract32(uint32_t v, int pos, int len)
{
    return (v >> pos) & (len == 32 ? ~0u : (1u << len) - 1);
}

static inline int32_t sextract32(uint32_t v, int pos, int len)
{
    uint32_t sign = 1u << (len - 1);

    return (int32_t)((extract32(v, pos, len) ^ sign) - sign);
}


/* A decode table row: insn & mask == value selects @fn. */
typedef bool DisasFn(DisasContext *s, uint32_t insn);
typedef struct DisasPattern {
    uint32_t mask, value;
    DisasFn *fn;
} DisasPattern;

/**
 * disas_table: run the first pattern of @tab matching @insn whose
 * handler accepts it (a handler returning false lets later patterns try).
 * Returns: false if none accepted (UNDEFINED).
 */
bool disas_table(DisasContext *s, const DisasPattern *tab, size_t n,
                 uint32_t insn);
#define DISAS_TABLE(s, tab, insn) \
    disas_table((s), (tab), sizeof(tab) / sizeof((tab)[0]), (insn))

/* The per-ISA decoders: return false for UNDEFINED. */
bool disas_a32(DisasContext *s, uint32_t insn);
bool disas_t16(DisasContext *s, uint32_t insn);
bool disas_t32(DisasContext *s, uint32_t insn);
/* VFP on bits [27:0] (coprocessor space, cp10/cp11), both ISAs. */
bool disas_vfp(DisasContext *s, uint32_t insn);
/* System-level coprocessor instructions (cp14/cp15), both ISAs. */
bool disas_coproc(DisasContext *s, uint32_t insn);

/* ---- translate.c: registers, PC, conditions, exceptions ---- */

static inline uint32_t read_pc(DisasContext *s)
{
    return s->pc_curr + (s->thumb ? 4 : 8);
}
/** load_reg: a new temp holding register @r (the PC reads as read_pc). */
TCGv_i32 load_reg(DisasContext *s, int r);
/** store_reg: write @r; r15 is a branch without interworking. */
void store_reg(DisasContext *s, int r, TCGv_i32 v);
/** store_reg_bx: ALUWritePC (A32: interworking; T32: branch). */
void store_reg_bx(DisasContext *s, int r, TCGv_i32 v);
/** store_reg_from_load: LoadWritePC (interworking). */
void store_reg_from_load(DisasContext *s, int r, TCGv_i32 v);
/** gen_bx: branch and exchange to the address in @v. */
void gen_bx(DisasContext *s, TCGv_i32 v);
/** gen_jmp: direct branch to @dest in the current state. */
void gen_jmp(DisasContext *s, uint32_t dest);
/** gen_goto_tb: leave the TB for @dest through chaining slot @n. */
void gen_goto_tb(DisasContext *s, int n, uint32_t dest);
/** arm_gen_test_cc: branch to @l if condition @cc (0..13) holds. */
void arm_gen_test_cc(int cc, TCGLabel *l);
/** gen_set_cond_skip: skip the rest of the insn unless @cc holds. */
void gen_set_cond_skip(DisasContext *s, int cc);
/** gen_undef: raise the undefined-instruction exception here. */
void gen_undef(DisasContext *s);
/** gen_exception_insn: raise @excp with PC = this instruction. */
void gen_exception_insn(DisasContext *s, int excp);
/**
 * gen_exception_next: raise @excp (SVC/HVC/SMC) with PC = next insn and
 * the call immediate @imm.
 */
void gen_exception_next(DisasContext *s, int excp, uint32_t imm);
/** gen_sync_state: write PC = @pc and ITSTATE to the CPU state. */
void gen_sync_state(DisasContext *s, uint32_t pc);
/** gen_end_tb: the insn changed TB state: back to the loop after it. */
static inline void gen_end_tb(DisasContext *s)
{
    if (s->is_jmp == DISAS_NEXT || s->is_jmp == DISAS_TOO_MANY) {
        s->is_jmp = DISAS_UPDATE;
    }
}
/** in_it_block / last_in_it_block: Thumb IT block position. */
bool in_it_block(DisasContext *s);
bool last_in_it_block(DisasContext *s);

/* ---- translate-alu.c: data processing and flags ---- */

/* Data-processing opcodes (A32 numbering, plus ORN). */
enum {
    DP_AND, DP_EOR, DP_SUB, DP_RSB, DP_ADD, DP_ADC, DP_SBC, DP_RSC,
    DP_TST, DP_TEQ, DP_CMP, DP_CMN, DP_ORR, DP_MOV, DP_BIC, DP_MVN,
    DP_ORN
};
/* Shift types. */
enum { SH_LSL, SH_LSR, SH_ASR, SH_ROR };

void gen_logic_cc(TCGv_i32 v);
void gen_add_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b);
void gen_sub_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b);
void gen_adc_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b);
void gen_sbc_cc(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b);
/** gen_shift_imm: shift @v in place (A32 immediate shift encoding). */
void gen_shift_imm(TCGv_i32 v, int type, int amount, bool setcarry);
/** gen_shift_reg: shift @v in place by the bottom byte of @amount. */
void gen_shift_reg(TCGv_i32 v, int type, TCGv_i32 amount, bool setcarry);
/** gen_imm_carry: CF for a rotated immediate. */
void gen_imm_carry(uint32_t imm, bool rotated, bool setcarry);
static inline bool dp_is_logic(int op)
{
    return op == DP_AND || op == DP_EOR || op == DP_TST || op == DP_TEQ ||
           op == DP_ORR || op == DP_MOV || op == DP_BIC || op == DP_MVN ||
           op == DP_ORN;
}
/**
 * gen_dp: data processing: rd = rn op op2 (flags if @S).  A write to
 * r15 is ALUWritePC, or with S an exception return (A32).  The shifter
 * carry (logical ops with S) must already be in CF.
 */
bool gen_dp(DisasContext *s, int op, bool S, int rd, int rn, TCGv_i32 op2);

/* translate-mul.c / translate-media.c: shared integer ops (A32/T32). */
bool gen_mul(DisasContext *s, int op, bool S, int rd, int rn, int rm, int ra);
enum {
    MUL_MUL, MUL_MLA, MUL_MLS, MUL_UMULL, MUL_UMLAL, MUL_SMULL, MUL_SMLAL,
    MUL_UMAAL
};
bool gen_mul_xy(DisasContext *s, int op, int rd, int rn, int rm, int ra,
                bool x, bool y);
enum { MXY_SMLA, MXY_SMLAW, MXY_SMULW, MXY_SMLAL, MXY_SMUL };
bool gen_mul_dual(DisasContext *s, bool sub, bool lng, bool x, int rd,
                  int rn, int rm, int ra);
bool gen_smmul(DisasContext *s, int op, bool round, int rd, int rn, int rm,
               int ra);
enum { SMM_MUL, SMM_MLA, SMM_MLS };
bool gen_div(DisasContext *s, bool u, int rd, int rn, int rm);
bool gen_sat_arith(DisasContext *s, int op, int rd, int rn, int rm);
enum { SAT_QADD, SAT_QSUB, SAT_QDADD, SAT_QDSUB };
bool gen_sat(DisasContext *s, bool u, bool h16, int rd, int sat, int rn,
             int shtype, int shamt);
bool gen_parallel(DisasContext *s, int kind, int op, int rd, int rn, int rm);
bool gen_usad8(DisasContext *s, int rd, int rn, int rm, int ra);
bool gen_sel(DisasContext *s, int rd, int rn, int rm);
bool gen_pkh(DisasContext *s, bool tb, int rd, int rn, int rm, int shamt);
bool gen_extend(DisasContext *s, int op, int rd, int rn, int rm, int rot);
bool gen_rev(DisasContext *s, int op, int rd, int rm);
enum { REV_REV, REV_REV16, REV_REVSH, REV_RBIT, REV_CLZ };
bool gen_bitfield(DisasContext *s, int op, int rd, int rn, int lsb, int w);
enum { BF_BFC, BF_BFI, BF_UBFX, BF_SBFX };
bool gen_movw(DisasContext *s, bool top, int rd, uint32_t imm16);

/* ---- translate-ldst.c: loads and stores ---- */

void gen_ld(DisasContext *s, TCGv_i32 val, TCGv_i32 addr, MemOp op,
            unsigned mmu_idx);
void gen_st(DisasContext *s, TCGv_i32 val, TCGv_i32 addr, MemOp op,
            unsigned mmu_idx);
/**
 * gen_ldst: single load/store.  @ofs: offset temp (NULL: 0) added when
 * @u, subtracted otherwise; @p pre-index, @w writeback; @user: LDRT.
 * @memop MO_UB/MO_UW/MO_UL/MO_SB/MO_SW; @dual: LDRD/STRD (rt, rt2).
 */
bool gen_ldst(DisasContext *s, bool load, MemOp memop, int rt, int rt2,
              int rn, TCGv_i32 ofs, bool p, bool u, bool w, bool user);
bool gen_ldm(DisasContext *s, bool load, int rn, uint32_t list, bool inc,
             bool before, bool w, bool usr);
bool gen_ldrex(DisasContext *s, MemOp size, int rt, int rt2, int rn,
               uint32_t imm);
bool gen_strex(DisasContext *s, MemOp size, int rd, int rt, int rt2,
               int rn, uint32_t imm);
bool gen_clrex(DisasContext *s);
bool gen_swp(DisasContext *s, bool byte, int rt, int rt2, int rn);

/* ---- translate-sys.c: branches, status registers, exceptions ---- */

bool gen_mrs(DisasContext *s, int rd, bool spsr);
bool gen_msr(DisasContext *s, bool spsr, uint32_t mask, TCGv_i32 val);
/*
 * gen_cps: CPS with its fields as A32, T32 and T16 encode them: @imod
 * (2: enable, 3: disable the @aif = A I F bits), @m (change to @mode).
 * Returns false for the UNPREDICTABLE field combinations (imod 1, or
 * nothing to do), which the decoders treat as UNDEFINED.
 */
bool gen_cps(DisasContext *s, int imod, bool m, uint32_t aif, uint32_t mode);
/* gen_setend: SETEND (A32 and T16): data accesses big-endian if @be. */
bool gen_setend(DisasContext *s, bool be);
bool gen_srs(DisasContext *s, bool inc, bool before, bool w, uint32_t mode);
bool gen_rfe(DisasContext *s, int rn, bool inc, bool before, bool w);
bool gen_exception_return(DisasContext *s, TCGv_i32 pc);
bool gen_hint(DisasContext *s, int op);
enum { HINT_NOP, HINT_YIELD, HINT_WFE, HINT_WFI, HINT_SEV };
bool gen_svc(DisasContext *s, uint32_t imm);
bool gen_bkpt(DisasContext *s);
bool gen_hvc(DisasContext *s, uint32_t imm);
bool gen_smc(DisasContext *s);
/** gen_set_nzcv: NZCV from bits 31:28 of @v. */
void gen_set_nzcv(TCGv_i32 v);
/** gen_cp_access: MRC/MCR/MRRC/MCRR to cp14/cp15. */
bool gen_cp_access(DisasContext *s, int cp, bool is64, bool read, int opc1,
                   int crn, int crm, int opc2, int rt, int rt2);

/* Helpers implemented in this directory (helper-*.c). */
extern const TCGHelper h_cpsr_read, h_cpsr_write, h_spsr_read, h_spsr_write;
extern const TCGHelper h_exception, h_exception_next, h_exception_return;
extern const TCGHelper h_usr_reg_read, h_usr_reg_write;
extern const TCGHelper h_banked_read, h_banked_write, h_rfe, h_wfi, h_wfe, h_sev;
extern const TCGHelper h_cp_read, h_cp_write, h_cp_read64, h_cp_write64;
extern const TCGHelper h_shl_cc, h_shr_cc, h_sar_cc, h_ror_cc;
extern const TCGHelper h_qadd, h_qsub, h_qdadd, h_qdsub;
extern const TCGHelper h_ssat, h_usat, h_ssat16, h_usat16;
extern const TCGHelper h_sel, h_usad8;
extern const TCGHelper h_parallel[8][8];
extern const TCGHelper h_vfp_sysreg_read, h_vfp_sysreg_write;

#endif /* TARGET_ARM_TCG_TRANSLATE_H */
