/*
 * ARM translator: the TB loop and what every instruction set shares
 * (register access, PC writes, condition codes, exceptions).
 *
 * Register r15 reads as the instruction address + 8 (A32) or + 4 (T32);
 * the translator substitutes that constant.  The CPU struct's regs[15]
 * holds the guest PC only at TB exits.  Flags live split in NF/ZF/CF/VF
 * (see cpu.h), so ADDS/SUBS/CMP cost a handful of IR ops.
 *
 * insn_start words: [0] = PC, [1] = ITSTATE of the instruction (what
 * the CPU's restore_state hook puts back when it faults), [2] = 0.
 * ITSTATE changes are tracked at translation time and written to the
 * CPU state only when the TB is left.
 */
#include "target/arm/tcg/translate.h"

#include "target/arm/disas.h"
#include "util/log.h"

TCGv_i32 cpu_R[16];
TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF, cpu_QF, cpu_GE;
TCGv_i32 cpu_itstate, cpu_thumb;
TCGv_i64 cpu_excl_addr, cpu_excl_val;

static TCGContext *globals_ctx;

static void arm_tcg_init_globals(void)
{
    static const char *const names[16] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
    };

    /*
     * Registered once per context.  A new context may reuse the address
     * of a freed one: then the handles must still name our globals.
     */
    if (globals_ctx == tcg_ctx && cpu_R[15]) {
        TCGTemp *t = tcgv_i32_temp(cpu_R[15]);
        if (temp_idx(t) < tcg_ctx->nb_globals && t->kind == TEMP_GLOBAL &&
            t->env_offset == ENV_OFF(regs[15]) && t->name == names[15]) {
            return;
        }
    }
    globals_ctx = tcg_ctx;
    for (int i = 0; i < 16; i++) {
        cpu_R[i] = tcg_global_mem_new_i32(ENV_OFF(regs[i]), names[i]);
    }
    cpu_NF = tcg_global_mem_new_i32(ENV_OFF(NF), "NF");
    cpu_ZF = tcg_global_mem_new_i32(ENV_OFF(ZF), "ZF");
    cpu_CF = tcg_global_mem_new_i32(ENV_OFF(CF), "CF");
    cpu_VF = tcg_global_mem_new_i32(ENV_OFF(VF), "VF");
    cpu_QF = tcg_global_mem_new_i32(ENV_OFF(QF), "QF");
    cpu_GE = tcg_global_mem_new_i32(ENV_OFF(GE), "GE");
    cpu_itstate = tcg_global_mem_new_i32(ENV_OFF(itstate), "itstate");
    cpu_thumb = tcg_global_mem_new_i32(ENV_OFF(thumb), "thumb");
    cpu_excl_addr = tcg_global_mem_new_i64(ENV_OFF(exclusive_addr),
                                           "excl_addr");
    cpu_excl_val = tcg_global_mem_new_i64(ENV_OFF(exclusive_val),
                                          "excl_val");
}

bool disas_table(DisasContext *s, const DisasPattern *tab, size_t n,
                 uint32_t insn)
{
    for (size_t i = 0; i < n; i++) {
        if ((insn & tab[i].mask) == tab[i].value && tab[i].fn(s, insn)) {
            return true;
        }
    }
    return false;
}

/* ---- registers and PC ---- */

TCGv_i32 load_reg(DisasContext *s, int r)
{
    TCGv_i32 t = tcg_temp_new_i32();

    if (r == 15) {
        tcg_gen_movi_i32(t, (int32_t)read_pc(s));
    } else {
        tcg_gen_mov_i32(t, cpu_R[r]);
    }
    return t;
}

void store_reg(DisasContext *s, int r, TCGv_i32 v)
{
    if (r == 15) {
        /* BranchWritePC: the low bits are ignored. */
        tcg_gen_andi_i32(cpu_R[15], v, s->thumb ? ~1 : ~3);
        s->is_jmp = DISAS_JUMP;
    } else {
        tcg_gen_mov_i32(cpu_R[r], v);
    }
}

void gen_bx(DisasContext *s, TCGv_i32 v)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_andi_i32(t, v, 1);
    tcg_gen_andi_i32(cpu_R[15], v, ~1);
    tcg_gen_mov_i32(cpu_thumb, t);
    s->is_jmp = DISAS_JUMP;
}

void store_reg_bx(DisasContext *s, int r, TCGv_i32 v)
{
    if (r == 15 && !s->thumb) {
        gen_bx(s, v);
    } else {
        store_reg(s, r, v);
    }
}

void store_reg_from_load(DisasContext *s, int r, TCGv_i32 v)
{
    if (r == 15) {
        gen_bx(s, v);
    } else {
        store_reg(s, r, v);
    }
}

/* Bring env->itstate up to date before leaving the TB. */
static void gen_sync_itstate(DisasContext *s)
{
    if (s->thumb && s->itstate != s->itstate_tb) {
        tcg_gen_movi_i32(cpu_itstate, (int32_t)s->itstate);
    }
}

void gen_sync_state(DisasContext *s, uint32_t pc)
{
    tcg_gen_movi_i32(cpu_R[15], (int32_t)pc);
    gen_sync_itstate(s);
}

void gen_goto_tb(DisasContext *s, int n, uint32_t dest)
{
    gen_sync_itstate(s);
    if (translator_use_goto_tb(s->tb, dest)) {
        tcg_gen_goto_tb((unsigned)n);
        tcg_gen_movi_i32(cpu_R[15], (int32_t)dest);
        tcg_gen_exit_tb((unsigned)n);
    } else {
        tcg_gen_movi_i32(cpu_R[15], (int32_t)dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

void gen_jmp(DisasContext *s, uint32_t dest)
{
    gen_goto_tb(s, 0, dest);
    s->is_jmp = DISAS_CHAINED;
}

/* ---- conditions ---- */

void arm_gen_test_cc(int cc, TCGLabel *l)
{
    TCGv_i32 t;

    switch (cc) {
    case 0: /* EQ */
        tcg_gen_brcondi_i32(TCG_COND_EQ, cpu_ZF, 0, l);
        break;
    case 1: /* NE */
        tcg_gen_brcondi_i32(TCG_COND_NE, cpu_ZF, 0, l);
        break;
    case 2: /* CS */
        tcg_gen_brcondi_i32(TCG_COND_NE, cpu_CF, 0, l);
        break;
    case 3: /* CC */
        tcg_gen_brcondi_i32(TCG_COND_EQ, cpu_CF, 0, l);
        break;
    case 4: /* MI */
        tcg_gen_brcondi_i32(TCG_COND_LT, cpu_NF, 0, l);
        break;
    case 5: /* PL */
        tcg_gen_brcondi_i32(TCG_COND_GE, cpu_NF, 0, l);
        break;
    case 6: /* VS */
        tcg_gen_brcondi_i32(TCG_COND_LT, cpu_VF, 0, l);
        break;
    case 7: /* VC */
        tcg_gen_brcondi_i32(TCG_COND_GE, cpu_VF, 0, l);
        break;
    case 8: /* HI: C && !Z */
    case 9: /* LS */
        t = tcg_temp_new_i32();
        tcg_gen_neg_i32(t, cpu_CF);
        tcg_gen_and_i32(t, t, cpu_ZF);
        tcg_gen_brcondi_i32(cc == 8 ? TCG_COND_NE : TCG_COND_EQ, t, 0, l);
        break;
    case 10: /* GE: N == V */
    case 11: /* LT */
        t = tcg_temp_new_i32();
        tcg_gen_xor_i32(t, cpu_VF, cpu_NF);
        tcg_gen_brcondi_i32(cc == 10 ? TCG_COND_GE : TCG_COND_LT, t, 0, l);
        break;
    case 12: /* GT: !Z && N == V */
    case 13: /* LE */
        t = tcg_temp_new_i32();
        tcg_gen_xor_i32(t, cpu_VF, cpu_NF);
        tcg_gen_sari_i32(t, t, 31);
        tcg_gen_andc_i32(t, cpu_ZF, t);
        tcg_gen_brcondi_i32(cc == 12 ? TCG_COND_NE : TCG_COND_EQ, t, 0, l);
        break;
    default: /* AL */
        tcg_gen_br(l);
        break;
    }
}

void gen_set_cond_skip(DisasContext *s, int cc)
{
    if (cc >= 14) {
        return;
    }
    s->condlabel = gen_new_label();
    arm_gen_test_cc(cc ^ 1, s->condlabel);
}

bool in_it_block(DisasContext *s)
{
    return s->cond_in_it;
}

bool last_in_it_block(DisasContext *s)
{
    /* s->itstate is already advanced: 0 means this was the last one. */
    return in_it_block(s) && s->itstate == 0;
}

/* ---- exceptions ---- */

void gen_exception_insn(DisasContext *s, int excp)
{
    uint32_t fsr = excp == EXCP_BKPT ? arm_fsr_encode(ARM_FSC_DEBUG, 0) : 0;

    tcg_gen_call2(&h_exception, NULL, tcgv_temp(tcg_constant_i32(excp)),
                  tcgv_temp(tcg_constant_i32((int32_t)fsr)));
    s->is_jmp = DISAS_NORETURN;
}

void gen_undef(DisasContext *s)
{
    gen_exception_insn(s, EXCP_UDEF);
}

void gen_exception_next(DisasContext *s, int excp, uint32_t imm)
{
    gen_sync_state(s, s->pc_next);
    tcg_gen_call2(&h_exception_next, NULL,
                  tcgv_temp(tcg_constant_i32(excp)),
                  tcgv_temp(tcg_constant_i32((int32_t)imm)));
    s->is_jmp = DISAS_NORETURN;
}

/* ---- the TB loop ---- */

static uint32_t it_advance(uint32_t it)
{
    if ((it & 7) == 0) {
        return 0;
    }
    return (it & 0xe0) | ((it << 1) & 0x1f);
}

static void translate_one(DisasContext *s)
{
    uint32_t pc = s->pc_curr;
    uint32_t it = s->itstate;
    bool ok;

    s->cond = 14;
    s->cond_in_it = false;
    s->condlabel = NULL;
    tcg_gen_insn_start(pc, it, 0);
    if (s->thumb) {
        uint32_t hw = translator_lduw(s->cs, s->tb, pc);

        s->insn_32 = (hw >> 11) >= 0x1d;
        if (s->insn_32) {
            hw = (hw << 16) | translator_lduw(s->cs, s->tb, pc + 2);
            s->pc_next = pc + 4;
        } else {
            s->pc_next = pc + 2;
        }
        s->insn = hw;
        if (it & 0xf) {
            s->cond = (int)(it >> 4);
            s->cond_in_it = true;
            s->itstate = it_advance(it);
            /* An IT instruction inside an IT block is UNPREDICTABLE:
             * treated as UNDEFINED by the T16 decoder. */
            gen_set_cond_skip(s, s->cond);
        }
        ok = s->insn_32 ? disas_t32(s, hw) : disas_t16(s, hw);
    } else {
        uint32_t insn = translator_ldl(s->cs, s->tb, pc);

        s->pc_next = pc + 4;
        s->insn = insn;
        if ((insn >> 28) != 0xf) {
            s->cond = (int)(insn >> 28);
            gen_set_cond_skip(s, s->cond);
        }
        ok = disas_a32(s, insn);
    }
    if (!ok) {
        gen_undef(s);
    }
}

/* Emit the end of the TB for the path that executed the instruction. */
static void gen_tb_end(DisasContext *s)
{
    switch (s->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_goto_tb(s, 1, s->pc_next);
        break;
    case DISAS_JUMP:
        gen_sync_itstate(s);
        tcg_gen_lookup_and_goto_ptr();
        break;
    case DISAS_UPDATE:
        gen_sync_state(s, s->pc_next);
        tcg_gen_exit_tb(TB_EXIT_NOCHAIN);
        break;
    case DISAS_EXIT:
        tcg_gen_exit_tb(TB_EXIT_NOCHAIN);
        break;
    case DISAS_NORETURN:
    case DISAS_CHAINED:
        break;
    }
}

/*
 * A debugger's breakpoint at pc_curr: stop there, the instruction not
 * executed (EXCP_DEBUG leaves cpu_exec); later in a TB, end the TB so the
 * next one starts on it.
 */
static void gen_breakpoint(DisasContext *s)
{
    if (s->insn_count == 0) {
        tcg_gen_insn_start(s->pc_curr, s->itstate, 0);
        gen_exception_insn(s, EXCP_DEBUG);
        s->pc_next = s->pc_curr + (s->thumb ? 2 : 4);
    } else {
        s->is_jmp = DISAS_TOO_MANY;
        s->pc_next = s->pc_curr;
        gen_tb_end(s);
    }
}

/* Whether the Thumb instruction at @pc would leave the TB's page. */
static bool thumb_insn_crosses(DisasContext *s, uint32_t pc)
{
    uint32_t off = pc - s->page_start;

    if (off >= TARGET_PAGE_SIZE) {
        return true;
    }
    if (off == TARGET_PAGE_SIZE - 2) {
        uint32_t hw = translator_lduw(s->cs, s->tb, pc);
        return (hw >> 11) >= 0x1d;
    }
    return false;
}

/* -d in_asm: the guest instructions the TB was made from, as QEMU logs them. */
static G_GNUC_NO_INLINE void log_in_asm(DisasContext *s)
{
    uint8_t buf[TCG_MAX_INSNS * 4];
    size_t n = MIN((size_t)s->tb->size, sizeof(buf));
    FILE *f = log_file();

    /* Every byte was fetched by the translation: no fault here. */
    for (size_t i = 0; i < n; i++) {
        buf[i] = translator_ldub(s->cs, s->tb, s->pc_first + i);
    }
    fprintf(f, "----------------\nIN: \n");
    arm_disas(f, s->pc_first, buf, n, s->thumb);
    fputc('\n', f);
}

void arm_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    DisasContext ctx = { 0 };
    DisasContext *s = &ctx;
    uint64_t f = tb->flags;

    arm_tcg_init_globals();
    s->cs = cs;
    s->tb = tb;
    s->pc_first = s->pc_curr = (uint32_t)tb->pc;
    s->page_start = s->pc_first & (uint32_t)TARGET_PAGE_MASK;
    s->thumb = (f & ARM_TBFLAG_THUMB) != 0;
    s->user = (f & ARM_TBFLAG_USER) != 0;
    s->vfp_access = (f & ARM_TBFLAG_VFP_ACCESS) != 0;
    s->vfp_enabled = (f & ARM_TBFLAG_VFPEN) != 0;
    s->align = (f & ARM_TBFLAG_ALIGN) != 0;
    s->be_data = (f & ARM_TBFLAG_BE_DATA) != 0;
    s->mode = arm_tbflag_mode(f);
    s->mmu_idx = s->user ? ARM_MMU_IDX_PL0 : ARM_MMU_IDX_PL1;
    s->itstate = s->itstate_tb = s->thumb ? arm_tbflag_itstate(f) : 0;
    if (max_insns <= 0 || max_insns > TCG_MAX_INSNS) {
        max_insns = TCG_MAX_INSNS;
    }

    for (;;) {
        if (cs->nb_breakpoints && cpu_breakpoint_at(cs, s->pc_curr)) {
            gen_breakpoint(s);
            break;
        }
        s->is_jmp = DISAS_NEXT;
        translate_one(s);
        s->insn_count++;
        if (s->condlabel) {
            if (s->is_jmp == DISAS_NEXT || s->is_jmp == DISAS_TOO_MANY) {
                gen_set_label(s->condlabel);
            } else {
                /* Taken path ends the TB; the skipped path falls through. */
                gen_tb_end(s);
                gen_set_label(s->condlabel);
                gen_goto_tb(s, 1, s->pc_next);
                break;
            }
        }
        if (s->is_jmp != DISAS_NEXT) {
            gen_tb_end(s);
            break;
        }
        s->pc_curr = s->pc_next;
        if (s->insn_count >= max_insns || tcg_ctx->overflow ||
            (s->thumb ? thumb_insn_crosses(s, s->pc_curr)
                      : s->pc_curr - s->page_start >= TARGET_PAGE_SIZE)) {
            s->is_jmp = DISAS_TOO_MANY;
            s->pc_next = s->pc_curr;
            gen_tb_end(s);
            break;
        }
    }
    tb->size = s->pc_next - s->pc_first;
    if (G_UNLIKELY(log_mask(LOG_IN_ASM)) && !tcg_ctx->overflow &&
        log_in_filter(tb->pc)) {
        log_in_asm(s);
    }
}
