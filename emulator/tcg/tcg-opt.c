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

/* Turn @op into "mov out, constant". */
static void make_movi(TCGOp *op, uint64_t val)
{
    TCGTemp *out = &tcg_ctx->temps[op->args[0]];
    TCGTemp *k;
    TCGArg o = op->args[0];

    k = out->type == TCG_TYPE_I32
        ? tcgv_i32_temp(tcg_constant_i32((int32_t)(uint32_t)val))
        : tcgv_i64_temp(tcg_constant_i64((int64_t)val));
    memset(op, 0, sizeof(*op));
    op->opc = out->type == TCG_TYPE_I32 ? INDEX_op_mov_i32 : INDEX_op_mov_i64;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->args[0] = o;
    op->args[1] = (TCGArg)temp_idx(k);
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

/* Delete pure ops whose temps are never read; then compact the list. */
static void remove_dead(void)
{
    TCGContext *s = tcg_ctx;
    int32_t *uses = g_new0(int32_t, s->nb_temps);
    bool *dead = g_new0(bool, s->nb_ops);
    bool changed = true;
    int n = 0, insn = 0;

    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
            uses[op->args[k]]++;
        }
    }
    while (changed) {
        changed = false;
        for (int i = s->nb_ops - 1; i >= 0; i--) {
            const TCGOp *op = &s->ops[i];
            bool unused = true;
            if (dead[i] || !removable(op)) {
                continue;
            }
            for (int k = 0; k < op->nb_oargs; k++) {
                unused &= uses[op->args[k]] == 0;
            }
            if (!unused) {
                continue;
            }
            dead[i] = true;
            changed = true;
            for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
                uses[op->args[k]]--;
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
    g_free(uses);
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
