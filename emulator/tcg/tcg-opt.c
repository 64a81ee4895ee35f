/*
 * A small IR optimiser: copy and constant propagation, constant folding
 * and removal of dead temp computations, within one TB.
 *
 * Translators written in the usual style copy every guest register they
 * read into a fresh temp ("mov t, r1; mov u, r2; add v, t, u; mov r0, v");
 * for an interpreter each of those moves is a dispatched op.  Propagation
 * rewrites uses of t and u into uses of r1 and r2, and the moves, now
 * unread, are deleted.
 *
 * A copy "t == s" is valid until s is written.  Writes are tracked by a
 * version number per temp; helper calls and host stores may write any
 * CPU field, so they end every copy of a global (epoch); a label ends
 * every copy (control may arrive from elsewhere).
 */
#include "tcg/tcg.h"

#include <glib.h>
#include <string.h>

typedef struct CopyInfo {
    int32_t src;          /* temp index, or -1 */
    uint32_t src_version;
    uint32_t global_epoch;
    uint32_t label_epoch;
} CopyInfo;

typedef struct OptState {
    CopyInfo *copy;       /* per temp */
    uint32_t *version;    /* per temp: bumped on every write */
    uint32_t global_epoch, label_epoch;
} OptState;

static bool is_tb_temp(int idx)
{
    return tcg_ctx->temps[idx].kind == TEMP_TB;
}

/* The value temp @idx currently equals (itself if nothing better). */
static int resolve(OptState *st, int idx)
{
    const CopyInfo *c;
    const TCGTemp *src;

    if (!is_tb_temp(idx)) {
        return idx;
    }
    c = &st->copy[idx];
    if (c->src < 0 || c->label_epoch != st->label_epoch ||
        c->src_version != st->version[c->src]) {
        return idx;
    }
    src = &tcg_ctx->temps[c->src];
    if (src->kind == TEMP_GLOBAL && c->global_epoch != st->global_epoch) {
        return idx;
    }
    return c->src;
}

static void note_write(OptState *st, int idx)
{
    st->version[idx]++;
    st->copy[idx].src = -1;
}

static void note_copy(OptState *st, int dst, int src)
{
    CopyInfo *c = &st->copy[dst];

    if (!is_tb_temp(dst) || dst == src) {
        return;
    }
    c->src = src;
    c->src_version = st->version[src];
    c->global_epoch = st->global_epoch;
    c->label_epoch = st->label_epoch;
}

static bool is_const_idx(int idx)
{
    return tcg_ctx->temps[idx].kind == TEMP_CONST;
}

static uint64_t cval(int idx)
{
    return tcg_ctx->temps[idx].val;
}

/*
 * Fold @op with constant inputs; returns true and the result in @res.
 * Only operations whose semantics are trivially shared with the
 * interpreter are folded.
 */
static bool fold(const TCGOp *op, uint64_t *res)
{
    uint64_t a = op->nb_iargs > 0 ? cval((int)op->args[1]) : 0;
    uint64_t b = op->nb_iargs > 1 ? cval((int)op->args[2]) : 0;
    uint64_t r;

    switch (op->opc) {
    case INDEX_op_add_i32: case INDEX_op_add_i64: r = a + b; break;
    case INDEX_op_sub_i32: case INDEX_op_sub_i64: r = a - b; break;
    case INDEX_op_mul_i32: case INDEX_op_mul_i64: r = a * b; break;
    case INDEX_op_and_i32: case INDEX_op_and_i64: r = a & b; break;
    case INDEX_op_or_i32: case INDEX_op_or_i64: r = a | b; break;
    case INDEX_op_xor_i32: case INDEX_op_xor_i64: r = a ^ b; break;
    case INDEX_op_andc_i32: case INDEX_op_andc_i64: r = a & ~b; break;
    case INDEX_op_orc_i32: case INDEX_op_orc_i64: r = a | ~b; break;
    case INDEX_op_shl_i32: r = (uint32_t)a << (b & 31); break;
    case INDEX_op_shr_i32: r = (uint32_t)a >> (b & 31); break;
    case INDEX_op_sar_i32: r = (uint32_t)((int32_t)a >> (b & 31)); break;
    case INDEX_op_shl_i64: r = a << (b & 63); break;
    case INDEX_op_shr_i64: r = a >> (b & 63); break;
    case INDEX_op_sar_i64: r = (uint64_t)((int64_t)a >> (b & 63)); break;
    case INDEX_op_neg_i32: case INDEX_op_neg_i64: r = -a; break;
    case INDEX_op_not_i32: case INDEX_op_not_i64: r = ~a; break;
    case INDEX_op_ext8s_i32: case INDEX_op_ext8s_i64: r = (uint64_t)(int8_t)a; break;
    case INDEX_op_ext8u_i32: case INDEX_op_ext8u_i64: r = (uint8_t)a; break;
    case INDEX_op_ext16s_i32: case INDEX_op_ext16s_i64: r = (uint64_t)(int16_t)a; break;
    case INDEX_op_ext16u_i32: case INDEX_op_ext16u_i64: r = (uint16_t)a; break;
    case INDEX_op_ext32s_i64: case INDEX_op_ext_i32_i64: r = (uint64_t)(int32_t)a; break;
    case INDEX_op_ext32u_i64: case INDEX_op_extu_i32_i64: r = (uint32_t)a; break;
    case INDEX_op_extrl_i64_i32: r = (uint32_t)a; break;
    case INDEX_op_extrh_i64_i32: r = a >> 32; break;
    case INDEX_op_setcond_i32:
        r = tcg_cond_eval((TCGCond)op->args[3], a, b, false);
        break;
    case INDEX_op_setcond_i64:
        r = tcg_cond_eval((TCGCond)op->args[3], a, b, true);
        break;
    default:
        return false;
    }
    if (tcg_op_defs[op->opc].nb_oargs != 1) {
        return false;
    }
    *res = tcg_ctx->temps[op->args[0]].type == TCG_TYPE_I32 ? (uint32_t)r : r;
    return true;
}

/* Turn @op into "mov out, @src". */
static void make_mov(TCGOp *op, TCGArg src)
{
    TCGArg o = op->args[0];
    bool is32 = tcg_ctx->temps[o].type == TCG_TYPE_I32;

    memset(op, 0, sizeof(*op));
    op->opc = is32 ? INDEX_op_mov_i32 : INDEX_op_mov_i64;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->args[0] = o;
    op->args[1] = src;
}

/* Turn @op into "mov out, constant". */
static void make_movi(TCGOp *op, uint64_t val)
{
    TCGTemp *k = tcg_ctx->temps[op->args[0]].type == TCG_TYPE_I32
        ? tcgv_i32_temp(tcg_constant_i32((int32_t)(uint32_t)val))
        : tcgv_i64_temp(tcg_constant_i64((int64_t)val));

    make_mov(op, (TCGArg)temp_idx(k));
}

/*
 * Algebraic identities with one constant input ("add t, r4, 0" is how a
 * translator writes a zero offset): the op becomes a copy or a constant,
 * which propagation then removes.  Returns true if @op was rewritten.
 */
static bool fold_identity(TCGOp *op)
{
    int a, b;
    uint64_t ones;
    bool b_const, a_const;

    if (op->opc == INDEX_op_call || op->nb_oargs != 1 || op->nb_iargs != 2) {
        return false;
    }
    a = (int)op->args[1];
    b = (int)op->args[2];
    a_const = is_const_idx(a);
    b_const = is_const_idx(b);
    ones = tcg_ctx->temps[op->args[0]].type == TCG_TYPE_I32
           ? 0xffffffffull : ~0ull;
    switch (op->opc) {
    case INDEX_op_add_i32: case INDEX_op_add_i64:
    case INDEX_op_or_i32: case INDEX_op_or_i64:
    case INDEX_op_xor_i32: case INDEX_op_xor_i64:
        if (a_const && (cval(a) & ones) == 0) {
            make_mov(op, (TCGArg)b);
            return true;
        }
        /* fall through */
    case INDEX_op_sub_i32: case INDEX_op_sub_i64:
    case INDEX_op_shl_i32: case INDEX_op_shl_i64:
    case INDEX_op_shr_i32: case INDEX_op_shr_i64:
    case INDEX_op_sar_i32: case INDEX_op_sar_i64:
    case INDEX_op_rotl_i32: case INDEX_op_rotl_i64:
    case INDEX_op_rotr_i32: case INDEX_op_rotr_i64:
    case INDEX_op_andc_i32: case INDEX_op_andc_i64:
        if (b_const && (cval(b) & ones) == 0) {
            make_mov(op, (TCGArg)a);
            return true;
        }
        return false;
    case INDEX_op_and_i32: case INDEX_op_and_i64:
        if (a_const && (cval(a) & ones) == ones) {
            make_mov(op, (TCGArg)b);
            return true;
        }
        if (b_const && (cval(b) & ones) == ones) {
            make_mov(op, (TCGArg)a);
            return true;
        }
        if ((a_const && (cval(a) & ones) == 0) ||
            (b_const && (cval(b) & ones) == 0)) {
            make_movi(op, 0);
            return true;
        }
        return false;
    default:
        return false;
    }
}

static bool writes_cpu_fields(const TCGOp *op)
{
    if (op->opc == INDEX_op_call) {
        const TCGHelper *h = (const TCGHelper *)(uintptr_t)
            op->args[op->nb_oargs + op->nb_iargs];
        return !(h->flags & TCG_CALL_PURE);
    }
    switch (op->opc) {
    case INDEX_op_st8_i32: case INDEX_op_st16_i32: case INDEX_op_st_i32:
    case INDEX_op_st8_i64: case INDEX_op_st16_i64: case INDEX_op_st32_i64:
    case INDEX_op_st_i64:
        return true;
    default:
        return false;
    }
}

static void propagate(OptState *st)
{
    TCGContext *s = tcg_ctx;

    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        int nout = op->nb_oargs, nin = op->nb_iargs;
        bool all_const = nin > 0;
        uint64_t val;

        if (op->opc == INDEX_op_set_label) {
            st->label_epoch++;
            continue;
        }
        for (int k = nout; k < nout + nin; k++) {
            op->args[k] = (TCGArg)resolve(st, (int)op->args[k]);
            all_const &= is_const_idx((int)op->args[k]);
        }
        if (all_const && op->opc != INDEX_op_call && fold(op, &val)) {
            make_movi(op, val);
            /* make_movi may have added a temp: refresh the pointer. */
            op = &s->ops[i];
        } else if (fold_identity(op)) {
            op = &s->ops[i];
        }
        if (writes_cpu_fields(op)) {
            st->global_epoch++;
        }
        for (int k = 0; k < op->nb_oargs; k++) {
            note_write(st, (int)op->args[k]);
        }
        if ((op->opc == INDEX_op_mov_i32 || op->opc == INDEX_op_mov_i64)) {
            note_copy(st, (int)op->args[0], (int)op->args[1]);
        }
    }
}

/* Can @op go if none of its outputs is ever read? */
static bool removable(const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];

    if (op->opc == INDEX_op_call || op->nb_oargs == 0 ||
        (def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END |
                       TCG_OPF_BB_START | TCG_OPF_NOT_PRESENT))) {
        return false;
    }
    for (int k = 0; k < op->nb_oargs; k++) {
        if (!is_tb_temp((int)op->args[k])) {
            return false;
        }
    }
    return true;
}

/*
 * May "op t, ...; mov g, t" become "op g, ..."?  Every op reads its inputs
 * before it writes its output, and a guest load writes it only once the
 * access has succeeded, so g is never seen half-updated.
 */
static bool retargetable(const TCGOp *op, const TCGOp *mov)
{
    TCGArg t = op->args[0];

    if (mov->args[1] != t || mov->args[0] == t ||
        tcg_ctx->temps[mov->args[0]].type != tcg_ctx->temps[t].type) {
        return false;
    }
    if (op->opc == INDEX_op_addcc_i32 || op->opc == INDEX_op_subcc_i32) {
        /*
         * A flag-setting add/sub (ADDS, SUBS): the sum goes straight to
         * the guest register, unless that is one of the flag outputs,
         * written after the sum.
         */
        for (int k = 1; k < op->nb_oargs; k++) {
            if (op->args[k] == mov->args[0]) {
                return false;
            }
        }
        return true;
    }
    if (op->nb_oargs != 1) {
        return false;
    }
    return removable(op) || op->opc == INDEX_op_qemu_ld_i32 ||
           op->opc == INDEX_op_qemu_ld_i64;
}

/* Liveness of TB temps while scanning a TB backwards. */
typedef struct Liveness {
    int nb_temps;
    bool *live;         /* per temp, at the current point */
    bool *at_label;     /* per label, per temp: live where the label is */
    bool *label_seen;   /* per label: already passed (a forward target) */
} Liveness;

static void live_all(Liveness *lv, bool on)
{
    for (int k = 0; k < lv->nb_temps; k++) {
        lv->live[k] = on && is_tb_temp(k);
    }
}

/* Add what is live at the branch target @l (all, if not yet known). */
static void live_join_label(Liveness *lv, const TCGLabel *l)
{
    const bool *at = &lv->at_label[(size_t)l->id * lv->nb_temps];

    if (!lv->label_seen[l->id]) {
        live_all(lv, true);   /* a backward branch: be conservative */
        return;
    }
    for (int k = 0; k < lv->nb_temps; k++) {
        lv->live[k] |= at[k];
    }
}

/* Liveness just before @op, given liveness just after it (control). */
static void live_control(Liveness *lv, const TCGOp *op)
{
    TCGLabel *l;

    switch (op->opc) {
    case INDEX_op_set_label:
        l = arg_label(op->args[0]);
        memcpy(&lv->at_label[(size_t)l->id * lv->nb_temps], lv->live,
               (size_t)lv->nb_temps);
        lv->label_seen[l->id] = true;
        return;
    case INDEX_op_br:
        live_all(lv, false);
        live_join_label(lv, arg_label(op->args[0]));
        return;
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        live_join_label(lv, arg_label(op->args[3]));
        return;
    default:
        if (tcg_op_defs[op->opc].flags & TCG_OPF_BB_EXIT) {
            live_all(lv, false);   /* TB temps end with the TB */
        } else if (tcg_op_defs[op->opc].flags & TCG_OPF_BB_END) {
            live_all(lv, true);
        }
        return;
    }
}

/*
 * One backward pass with per-temp liveness (globals are always live; TB
 * temps die with the TB; a branch adds what is live at its label, all of
 * them for a backward branch): pure ops whose TB-temp outputs are dead are
 * deleted, and "op t; mov g, t" with t dead after the copy becomes
 * "op g".  Then the op list is compacted.
 */
static void remove_dead(void)
{
    TCGContext *s = tcg_ctx;
    Liveness lv = {
        .nb_temps = s->nb_temps,
        .live = g_new0(bool, s->nb_temps),
        .at_label = g_new0(bool, (size_t)MAX(s->nb_labels, 1) * s->nb_temps),
        .label_seen = g_new0(bool, MAX(s->nb_labels, 1)),
    };
    bool *live = lv.live;
    bool *dead = g_new0(bool, s->nb_ops);
    int n = 0, insn = 0;

    for (int i = s->nb_ops - 1; i >= 0; i--) {
        TCGOp *op = &s->ops[i];
        bool needed = !removable(op);

        live_control(&lv, op);
        for (int k = 0; k < op->nb_oargs && !needed; k++) {
            needed = live[op->args[k]];
        }
        if (!needed) {
            dead[i] = true;
            continue;
        }
        if ((op->opc == INDEX_op_mov_i32 || op->opc == INDEX_op_mov_i64) &&
            i > 0 && is_tb_temp((int)op->args[1]) && !live[op->args[1]] &&
            retargetable(&s->ops[i - 1], op)) {
            s->ops[i - 1].args[0] = op->args[0];
            dead[i] = true;
            continue;
        }
        for (int k = 0; k < op->nb_oargs; k++) {
            live[op->args[k]] = false;
        }
        for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
            if (is_tb_temp((int)op->args[k])) {
                live[op->args[k]] = true;
            }
        }
    }
    for (int i = 0; i < s->nb_ops; i++) {
        if (dead[i]) {
            continue;
        }
        s->ops[n] = s->ops[i];
        if (s->ops[n].opc == INDEX_op_set_label) {
            arg_label(s->ops[n].args[0])->op_index = n;
        } else if (s->ops[n].opc == INDEX_op_insn_start) {
            s->insn_start_op[insn++] = n;
        }
        n++;
    }
    s->nb_ops = n;
    g_free(lv.live);
    g_free(lv.at_label);
    g_free(lv.label_seen);
    g_free(dead);
}

void tcg_optimize(void)
{
    TCGContext *s = tcg_ctx;
    OptState st;

    if (s->overflow) {
        return;
    }
    /* Folding adds at most one constant per op. */
    int n = MIN(TCG_MAX_TEMPS, s->nb_temps + s->nb_ops);
    st.copy = g_new(CopyInfo, n);
    st.version = g_new0(uint32_t, n);
    for (int i = 0; i < n; i++) {
        st.copy[i].src = -1;
    }
    st.global_epoch = st.label_epoch = 1;
    propagate(&st);
    g_free(st.copy);
    g_free(st.version);
    if (!s->overflow) {
        remove_dead();
    }
}
