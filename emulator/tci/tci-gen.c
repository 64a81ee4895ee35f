/*
 * Lowering: IR of one TB -> bytecode.
 *
 * 1. Live ranges: each per-TB temp lives from its first to its last
 *    mention in op order.  With forward branches only, every path from a
 *    definition to a use stays inside that range; backward branches widen
 *    the ranges they cross.
 * 2. Slots: a linear scan hands out CPUState.tci_frame slots; a slot is
 *    reused once its temp's range has ended.  Globals need no slot: they
 *    are addressed in place in the CPU struct.
 * 3. Emission: mostly one bytecode op per IR op.  Constant operands use
 *    immediate forms where they exist, else are loaded into one of a few
 *    scratch slots just before the op.  Scratch slots remember what they
 *    hold until the next label, so a constant used by several ops of a
 *    basic block (flag computations use 0 a lot) is loaded once.
 */
#include "tci/tci.h"

#include <errno.h>
#include <glib.h>
#include <stddef.h>
#include <string.h>

#include "tci/tci-ops.h"

#define NB_SCRATCH 8
#define NB_ALLOC_SLOTS (TCI_FRAME_SLOTS - NB_SCRATCH)
#define FRAME_OFF(slot) \
    ((uint16_t)(offsetof(CPUState, tci_frame) + 8 * (unsigned)(slot)))

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_BIG_ENDIAN 1
#else
#define HOST_BIG_ENDIAN 0
#endif

typedef struct Fixup {
    uint32_t op_pos;    /* start of the branch op */
    uint32_t field_pos; /* where the rel32 goes */
    TCGLabel *label;
} Fixup;

typedef struct Gen {
    uint16_t *buf;
    size_t cap, n;
    bool nospace;
    int err;
    int op_index;           /* IR op being lowered */
    /* What each scratch slot holds (valid until the next label). */
    struct {
        bool valid;
        bool env;           /* the CPU pointer rather than a constant */
        uint8_t type;
        uint64_t val;
        int stamp;          /* last op that used it */
    } sc[NB_SCRATCH];
    uint32_t label_pos[TCG_MAX_LABELS];
    GArray *fixups;
    /* Allocator */
    int16_t free_slots[NB_ALLOC_SLOTS];
    int nb_free;
    int max_slot;
    int32_t *dies_head;   /* per op: first temp whose range ends there */
    int32_t *dies_next;   /* per temp */
    /* An address add folded into the next guest access (fold_addr). */
    bool fold_pending;
    TCGArg fold_base;
    int32_t fold_off;
    /* IR ops already emitted as part of a fused op (fuse_cond). */
    int skip;
    /* The last mov_i32/mov2_i32 emitted, to merge copies of one value. */
    uint32_t mov_pos;
    uint16_t mov_src;
    bool mov_valid;
    /* The last op emitted is a plain mov_i32 at pair_pos (merge_pair). */
    uint32_t pair_pos;
    bool pair_valid;
} Gen;

/* ---- emission primitives ---- */

static void emit16(Gen *g, unsigned v)
{
    if (g->n < g->cap) {
        g->buf[g->n] = (uint16_t)v;
    } else {
        g->nospace = true;
    }
    g->n++;
}

static void emit32(Gen *g, uint32_t v)
{
    uint16_t u[2];

    memcpy(u, &v, 4);
    emit16(g, u[0]);
    emit16(g, u[1]);
}

static void emit64(Gen *g, uint64_t v)
{
    uint16_t u[4];

    memcpy(u, &v, 8);
    for (int i = 0; i < 4; i++) {
        emit16(g, u[i]);
    }
}

static void patch32(Gen *g, size_t pos, uint32_t v)
{
    uint16_t u[2];

    if (pos + 2 > g->cap) {
        return;
    }
    memcpy(u, &v, 4);
    g->buf[pos] = u[0];
    g->buf[pos + 1] = u[1];
}

static bool fits_i32(int64_t v)
{
    return v >= INT32_MIN && v <= INT32_MAX;
}

/* ---- operands ---- */

static bool is_const(TCGArg a)
{
    return arg_temp(a)->kind == TEMP_CONST;
}

static bool is_env(TCGArg a)
{
    return arg_temp(a) == tcg_ctx->env;
}

static uint64_t const_val(TCGArg a)
{
    return arg_temp(a)->val;
}

static void scratch_forget(Gen *g)
{
    for (int k = 0; k < NB_SCRATCH; k++) {
        g->sc[k].valid = false;
    }
}

/*
 * A scratch slot holding @t's value (a constant, or the CPU pointer when
 * @env): reused if a slot already holds it, else loaded into the least
 * recently used slot that the current op does not use.
 */
static uint16_t scratch_for(Gen *g, const TCGTemp *t, bool env)
{
    int victim = -1;
    uint16_t r;

    for (int k = 0; k < NB_SCRATCH; k++) {
        if (g->sc[k].valid && g->sc[k].env == env &&
            (env || (g->sc[k].type == t->type && g->sc[k].val == t->val))) {
            g->sc[k].stamp = g->op_index;
            return FRAME_OFF(NB_ALLOC_SLOTS + k);
        }
    }
    for (int k = 0; k < NB_SCRATCH; k++) {
        if (g->sc[k].valid && g->sc[k].stamp == g->op_index) {
            continue;   /* an input of this very op */
        }
        if (victim < 0 || !g->sc[k].valid ||
            (g->sc[victim].valid && g->sc[k].stamp < g->sc[victim].stamp)) {
            victim = k;
        }
    }
    if (victim < 0) {
        g->err = -EINVAL;   /* cannot happen: at most 5 inputs per op */
        return FRAME_OFF(NB_ALLOC_SLOTS);
    }
    g->sc[victim].valid = true;
    g->sc[victim].env = env;
    g->sc[victim].type = t->type;
    g->sc[victim].val = t->val;
    g->sc[victim].stamp = g->op_index;
    r = FRAME_OFF(NB_ALLOC_SLOTS + victim);
    if (env) {
        emit16(g, TCI_env_addr);
        emit16(g, r);
        emit32(g, 0);
    } else if (t->type == TCG_TYPE_I32) {
        emit16(g, TCI_movi_i32);
        emit16(g, r);
        emit32(g, (uint32_t)t->val);
    } else {
        emit16(g, TCI_movi_i64);
        emit16(g, r);
        emit64(g, t->val);
    }
    return r;
}

/* Operand offset for temp @a; constants and env go through a scratch. */
static uint16_t reg(Gen *g, TCGArg a)
{
    TCGTemp *t = arg_temp(a);

    if (t == tcg_ctx->env) {
        return scratch_for(g, t, true);
    }
    switch (t->kind) {
    case TEMP_GLOBAL:
        return (uint16_t)t->env_offset;
    case TEMP_CONST:
        return scratch_for(g, t, false);
    default:
        if (t->slot < 0) {
            g->err = -EINVAL;
            return 0;
        }
        return FRAME_OFF(t->slot);
    }
}

/* ---- live ranges and slot allocation ---- */

static void note_use(TCGTemp *t, int i)
{
    if (t->kind != TEMP_TB) {
        return;
    }
    if (t->first_use < 0) {
        t->first_use = i;
    }
    t->last_use = i;
}

static int op_nb_temps(const TCGOp *op)
{
    return op->nb_oargs + op->nb_iargs;
}

static int branch_label_arg(const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_br:
        return 0;
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        return 3;
    default:
        return -1;
    }
}

/* Widen ranges crossing backward branches until nothing changes. */
static void widen_for_loops(TCGContext *s)
{
    bool changed = true;

    while (changed) {
        changed = false;
        for (int i = 0; i < s->nb_ops; i++) {
            int la = branch_label_arg(&s->ops[i]);
            TCGLabel *l;
            if (la < 0) {
                continue;
            }
            l = arg_label(s->ops[i].args[la]);
            if (l->op_index < 0 || l->op_index > i) {
                continue;
            }
            for (int t = s->nb_globals; t < s->nb_temps; t++) {
                TCGTemp *tp = &s->temps[t];
                if (tp->kind != TEMP_TB || tp->first_use < 0 ||
                    tp->last_use < l->op_index || tp->first_use > i) {
                    continue;
                }
                if (tp->first_use > l->op_index || tp->last_use < i) {
                    tp->first_use = MIN(tp->first_use, l->op_index);
                    tp->last_use = MAX(tp->last_use, i);
                    changed = true;
                }
            }
        }
    }
}

static void compute_ranges(Gen *g, TCGContext *s)
{
    bool backward = false;

    for (int t = 0; t < s->nb_temps; t++) {
        s->temps[t].first_use = -1;
        s->temps[t].last_use = -1;
        s->temps[t].slot = -1;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        int la = branch_label_arg(op);

        for (int k = 0; k < op_nb_temps(op); k++) {
            note_use(arg_temp(op->args[k]), i);
        }
        if (la >= 0 && arg_label(op->args[la])->present &&
            arg_label(op->args[la])->op_index <= i) {
            backward = true;
        }
    }
    if (backward) {
        widen_for_loops(s);
    }
    g->dies_head = g_new(int32_t, s->nb_ops + 1);
    g->dies_next = g_new(int32_t, s->nb_temps);
    for (int i = 0; i <= s->nb_ops; i++) {
        g->dies_head[i] = -1;
    }
    for (int t = s->nb_globals; t < s->nb_temps; t++) {
        TCGTemp *tp = &s->temps[t];
        if (tp->kind == TEMP_TB && tp->last_use >= 0) {
            g->dies_next[t] = g->dies_head[tp->last_use];
            g->dies_head[tp->last_use] = t;
        }
    }
    g->nb_free = NB_ALLOC_SLOTS;
    for (int k = 0; k < NB_ALLOC_SLOTS; k++) {
        /* Pop order 0, 1, 2...: keeps the frame compact. */
        g->free_slots[k] = (int16_t)(NB_ALLOC_SLOTS - 1 - k);
    }
    g->max_slot = -1;
}

/* Before op @i: free temps that died at i - 1, give slots to new ones. */
static void alloc_for_op(Gen *g, TCGContext *s, int i)
{
    const TCGOp *op = &s->ops[i];

    if (i > 0) {
        for (int t = g->dies_head[i - 1]; t >= 0; t = g->dies_next[t]) {
            g->free_slots[g->nb_free++] = (int16_t)s->temps[t].slot;
        }
    }
    for (int k = 0; k < op_nb_temps(op); k++) {
        TCGTemp *t = arg_temp(op->args[k]);
        if (t->kind != TEMP_TB || t->slot >= 0) {
            continue;
        }
        if (g->nb_free == 0) {
            g->err = -ENOSPC;
            t->slot = 0;
            continue;
        }
        t->slot = g->free_slots[--g->nb_free];
        g->max_slot = MAX(g->max_slot, t->slot);
    }
}

/* ---- per-op emission ---- */

static void emit_ops_r(Gen *g, TCIOpcode opc, const uint16_t *r, int n)
{
    emit16(g, opc);
    for (int i = 0; i < n; i++) {
        emit16(g, r[i]);
    }
}

/* IR opcode -> plain register bytecode op, for the 1:1 cases. */
static int simple_map(TCGOpcode opc)
{
    switch (opc) {
#define M(x) case INDEX_op_##x: return TCI_##x;
    M(add_i32) M(sub_i32) M(mul_i32) M(div_i32) M(divu_i32) M(rem_i32)
    M(remu_i32) M(and_i32) M(or_i32) M(xor_i32) M(andc_i32) M(orc_i32)
    M(shl_i32) M(shr_i32) M(sar_i32) M(rotl_i32) M(rotr_i32) M(clz_i32)
    M(ctz_i32)
    M(add_i64) M(sub_i64) M(mul_i64) M(div_i64) M(divu_i64) M(rem_i64)
    M(remu_i64) M(and_i64) M(or_i64) M(xor_i64) M(andc_i64) M(orc_i64)
    M(shl_i64) M(shr_i64) M(sar_i64) M(rotl_i64) M(rotr_i64) M(clz_i64)
    M(ctz_i64)
    M(neg_i32) M(not_i32) M(ext8s_i32) M(ext8u_i32) M(ext16s_i32)
    M(ext16u_i32) M(bswap16_i32) M(bswap32_i32) M(ctpop_i32)
    M(neg_i64) M(not_i64) M(ext8s_i64) M(ext8u_i64) M(ext16s_i64)
    M(ext16u_i64) M(ext32s_i64) M(ext32u_i64) M(bswap16_i64)
    M(bswap32_i64) M(bswap64_i64) M(ctpop_i64)
    M(ext_i32_i64) M(extu_i32_i64) M(extrl_i64_i32) M(extrh_i64_i32)
    M(concat_i32_i64)
    M(add2_i32) M(sub2_i32) M(mulu2_i32) M(muls2_i32) M(addcc_i32) M(subcc_i32)
    M(add2_i64) M(sub2_i64) M(mulu2_i64) M(muls2_i64)
#undef M
    default:
        return -1;
    }
}

static bool commutative(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add_i32: case INDEX_op_and_i32: case INDEX_op_or_i32:
    case INDEX_op_xor_i32: case INDEX_op_mul_i32:
    case INDEX_op_add_i64: case INDEX_op_and_i64: case INDEX_op_or_i64:
    case INDEX_op_xor_i64: case INDEX_op_mul_i64:
        return true;
    default:
        return false;
    }
}

/* Immediate form of a binary op with constant @b, or false. */
static bool emit_binary_imm(Gen *g, TCGOpcode opc, uint16_t r, uint16_t a,
                            uint64_t b)
{
    bool is64 = opc >= INDEX_op_mov_i64;
    int imm = -1, sh = -1;
    int64_t v = is64 ? (int64_t)b : (int64_t)(int32_t)b;

    switch (opc) {
    case INDEX_op_add_i32: imm = TCI_addi_i32; break;
    case INDEX_op_sub_i32: imm = TCI_addi_i32; v = (int32_t)-(uint32_t)b; break;
    case INDEX_op_and_i32: imm = TCI_andi_i32; break;
    case INDEX_op_or_i32: imm = TCI_ori_i32; break;
    case INDEX_op_xor_i32: imm = TCI_xori_i32; break;
    case INDEX_op_shl_i32: sh = TCI_shli_i32; break;
    case INDEX_op_shr_i32: sh = TCI_shri_i32; break;
    case INDEX_op_sar_i32: sh = TCI_sari_i32; break;
    case INDEX_op_rotr_i32: sh = TCI_rotri_i32; break;
    case INDEX_op_rotl_i32: sh = TCI_rotri_i32; b = 32 - (b & 31); break;
    case INDEX_op_add_i64: imm = TCI_addi_i64; break;
    case INDEX_op_sub_i64: imm = TCI_addi_i64; v = -(int64_t)(b - 1) - 1; break;
    case INDEX_op_and_i64: imm = TCI_andi_i64; break;
    case INDEX_op_or_i64: imm = TCI_ori_i64; break;
    case INDEX_op_xor_i64: imm = TCI_xori_i64; break;
    case INDEX_op_shl_i64: sh = TCI_shli_i64; break;
    case INDEX_op_shr_i64: sh = TCI_shri_i64; break;
    case INDEX_op_sar_i64: sh = TCI_sari_i64; break;
    default:
        return false;
    }
    if (sh >= 0) {
        emit16(g, (unsigned)sh);
        emit16(g, r);
        emit16(g, a);
        emit16(g, (unsigned)(b & (is64 ? 63 : 31)));
        return true;
    }
    if (!fits_i32(v)) {
        return false;
    }
    emit16(g, (unsigned)imm);
    emit16(g, r);
    emit16(g, a);
    emit32(g, (uint32_t)v);
    return true;
}

static void emit_binary(Gen *g, const TCGOp *op, int tci)
{
    TCGOpcode opc = (TCGOpcode)op->opc;
    TCGArg a = op->args[1], b = op->args[2];
    uint16_t ra, rb, rr;

    if (is_const(a) && !is_const(b) && commutative(opc)) {
        TCGArg t = a;
        a = b;
        b = t;
    }
    if (is_const(b) && !is_env(a)) {
        ra = reg(g, a);
        rr = reg(g, op->args[0]);
        if (emit_binary_imm(g, opc, rr, ra, const_val(b))) {
            return;
        }
        rb = reg(g, b);
    } else if (opc == INDEX_op_add_i64 && is_env(a) && is_const(b) &&
               fits_i32((int64_t)const_val(b))) {
        /* tcg_gen_addi_ptr(p, tcg_env, off): one env_addr. */
        emit16(g, TCI_env_addr);
        emit16(g, reg(g, op->args[0]));
        emit32(g, (uint32_t)const_val(b));
        return;
    } else {
        ra = reg(g, a);
        rb = reg(g, b);
        rr = reg(g, op->args[0]);
    }
    emit16(g, (unsigned)tci);
    emit16(g, rr);
    emit16(g, ra);
    emit16(g, rb);
}

static void emit_generic(Gen *g, const TCGOp *op, int tci)
{
    uint16_t r[TCG_MAX_OP_ARGS];
    int n = op_nb_temps(op);

    /* Inputs first (they may emit scratch loads), then outputs. */
    for (int k = op->nb_oargs; k < n; k++) {
        r[k] = reg(g, op->args[k]);
    }
    for (int k = 0; k < op->nb_oargs; k++) {
        r[k] = reg(g, op->args[k]);
    }
    emit_ops_r(g, (TCIOpcode)tci, r, n);
}

/*
 * A copy right after a copy of the same value (a flag-setting logic op's
 * result into NF and ZF, often into the destination too) joins it: one
 * dispatch instead of two or three.  Labels and instruction boundaries
 * end the run (mov_valid), so no branch target or instruction end falls
 * inside the merged op.
 */
static bool merge_mov(Gen *g, uint16_t rd, uint16_t rs)
{
    uint32_t p = g->mov_pos;
    unsigned opc;

    if (!g->mov_valid || g->mov_src != rs || g->nospace || rd == rs) {
        return false;
    }
    opc = g->buf[p];
    if (opc == TCI_mov_i32 && p + 3 == g->n) {
        g->buf[p] = TCI_mov2_i32;
        g->buf[p + 2] = rd;
        emit16(g, rs);
        return true;
    }
    if (opc == TCI_mov2_i32 && p + 4 == g->n) {
        g->buf[p] = TCI_mov3_i32;
        g->buf[p + 3] = rd;
        emit16(g, rs);
        g->mov_valid = false;
        return true;
    }
    return false;
}

/*
 * A copy right after another copy (of another value: register shuffles
 * such as "mov r1, r4; mov r2, r0"): one movp_i32 doing both in order.
 * Unlike merge_mov this may join two guest instructions: a copy cannot
 * fault, so no restore point falls inside, and labels end the run.
 */
static bool merge_pair(Gen *g, uint16_t rd, uint16_t rs)
{
    uint32_t p = g->pair_pos;

    if (!g->pair_valid || g->nospace || p + 3 != g->n ||
        g->buf[p] != TCI_mov_i32) {
        return false;
    }
    g->buf[p] = TCI_movp_i32;
    emit16(g, rd);
    emit16(g, rs);
    g->pair_valid = false;
    g->mov_valid = false;
    return true;
}

static void emit_mov(Gen *g, const TCGOp *op, bool is64)
{
    TCGArg src = op->args[1];
    uint16_t rd = reg(g, op->args[0]);

    if (is_const(src)) {
        emit16(g, is64 ? TCI_movi_i64 : TCI_movi_i32);
        emit16(g, rd);
        if (is64) {
            emit64(g, const_val(src));
        } else {
            emit32(g, (uint32_t)const_val(src));
        }
        return;
    }
    if (is_env(src)) {
        emit16(g, TCI_env_addr);
        emit16(g, rd);
        emit32(g, 0);
        return;
    }
    uint16_t rs = reg(g, src);
    if (rs == rd) {
        return;
    }
    if (!is64 && (merge_mov(g, rd, rs) || merge_pair(g, rd, rs))) {
        return;
    }
    emit16(g, is64 ? TCI_mov_i64 : TCI_mov_i32);
    emit16(g, rd);
    emit16(g, rs);
    if (!is64) {
        g->mov_valid = true;
        g->mov_pos = (uint32_t)(g->n - 3);
        g->mov_src = rs;
        g->pair_valid = true;
        g->pair_pos = (uint32_t)(g->n - 3);
    }
}

static void emit_branch_to(Gen *g, uint32_t op_pos, TCGLabel *l)
{
    Fixup f = { op_pos, (uint32_t)g->n, l };

    g_array_append_val(g->fixups, f);
    emit32(g, 0);
}

static void emit_brcond(Gen *g, const TCGOp *op, bool is64)
{
    TCGCond c = (TCGCond)op->args[2];
    TCGLabel *l = arg_label(op->args[3]);
    TCGArg a = op->args[0], b = op->args[1];
    uint32_t pos;

    if (c == TCG_COND_ALWAYS) {
        pos = (uint32_t)g->n;
        emit16(g, TCI_br);
        emit_branch_to(g, pos, l);
        return;
    }
    if (c == TCG_COND_NEVER) {
        return;
    }
    if (is_const(a) && !is_const(b)) {
        TCGArg t = a;
        a = b;
        b = t;
        c = tcg_swap_cond(c);
    }
    int64_t bv = is64 ? (int64_t)const_val(b) : (int64_t)(int32_t)const_val(b);
    if (is_const(b) && fits_i32(bv)) {
        uint16_t ra = reg(g, a);
        int fast = -1;
        if (!is64) {
            /* Conditions guest flag tests use most: no second dispatch. */
            switch (c) {
            case TCG_COND_EQ: fast = TCI_brcondi_eq_i32; break;
            case TCG_COND_NE: fast = TCI_brcondi_ne_i32; break;
            case TCG_COND_LT: fast = TCI_brcondi_lt_i32; break;
            case TCG_COND_GE: fast = TCI_brcondi_ge_i32; break;
            default: break;
            }
        }
        pos = (uint32_t)g->n;
        if (fast >= 0) {
            emit16(g, (unsigned)fast);
            emit16(g, ra);
            emit32(g, (uint32_t)bv);
        } else {
            emit16(g, is64 ? TCI_brcondi_i64 : TCI_brcondi_i32);
            emit16(g, ra);
            emit32(g, (uint32_t)bv);
            emit16(g, c);
        }
    } else {
        uint16_t ra = reg(g, a), rb = reg(g, b);
        pos = (uint32_t)g->n;
        emit16(g, is64 ? TCI_brcond_i64 : TCI_brcond_i32);
        emit16(g, ra);
        emit16(g, rb);
        emit16(g, c);
    }
    emit_branch_to(g, pos, l);
}

static void emit_field_op(Gen *g, const TCGOp *op, int tci, int nregs)
{
    uint16_t r[3];

    for (int k = 1; k < nregs; k++) {
        r[k] = reg(g, op->args[k]);
    }
    r[0] = reg(g, op->args[0]);
    emit_ops_r(g, (TCIOpcode)tci, r, nregs);
    emit16(g, (unsigned)(op->args[nregs] | (op->args[nregs + 1] << 8)));
}

static void emit_setcond(Gen *g, const TCGOp *op, bool is64)
{
    uint16_t ra = reg(g, op->args[1]), rb = reg(g, op->args[2]);
    uint16_t rr = reg(g, op->args[0]);

    emit16(g, is64 ? TCI_setcond_i64 : TCI_setcond_i32);
    emit16(g, rr);
    emit16(g, ra);
    emit16(g, rb);
    emit16(g, (unsigned)op->args[3]);
}

static void emit_movcond(Gen *g, const TCGOp *op, bool is64)
{
    uint16_t r[5];

    for (int k = 1; k < 5; k++) {
        r[k] = reg(g, op->args[k]);
    }
    r[0] = reg(g, op->args[0]);
    emit_ops_r(g, is64 ? TCI_movcond_i64 : TCI_movcond_i32, r, 5);
    emit16(g, (unsigned)op->args[5]);
}

/* Host loads/stores relative to a pointer temp. */
static int host_mem_map(TCGOpcode opc)
{
    switch (opc) {
#define M(x) case INDEX_op_##x: return TCI_##x;
    M(ld8u_i32) M(ld8s_i32) M(ld16u_i32) M(ld16s_i32) M(ld_i32)
    M(ld8u_i64) M(ld8s_i64) M(ld16u_i64) M(ld16s_i64) M(ld32u_i64)
    M(ld32s_i64) M(ld_i64)
    M(st8_i32) M(st16_i32) M(st_i32) M(st8_i64) M(st16_i64) M(st32_i64)
    M(st_i64)
#undef M
    default:
        return -1;
    }
}

static void emit_host_mem(Gen *g, const TCGOp *op, int tci)
{
    TCGOpcode opc = (TCGOpcode)op->opc;
    int64_t off = (int64_t)op->args[2];
    bool load = tcg_op_defs[opc].nb_oargs == 1;
    uint16_t rv, rp;

    /*
     * A whole-width access to the CPU struct is a move between two
     * CPU-relative offsets: no pointer needed.
     */
    if (is_env(op->args[1]) && off >= 0 && off + 8 <= TCG_MAX_ENV_OFFSET) {
        bool w32 = opc == INDEX_op_ld_i32 || opc == INDEX_op_st_i32;
        bool w64 = opc == INDEX_op_ld_i64 || opc == INDEX_op_st_i64;
        if ((w32 && off % 4 == 0) || (w64 && off % 8 == 0)) {
            uint16_t rm = (uint16_t)off;
            rv = reg(g, op->args[0]);
            emit16(g, w64 ? TCI_mov_i64 : TCI_mov_i32);
            emit16(g, load ? rv : rm);
            emit16(g, load ? rm : rv);
            return;
        }
    }
    if (!fits_i32(off)) {
        g->err = -EINVAL;
        return;
    }
    rp = reg(g, op->args[1]);
    rv = reg(g, op->args[0]);
    emit16(g, (unsigned)tci);
    emit16(g, rv);
    emit16(g, rp);
    emit32(g, (uint32_t)off);
}

/* Guest memory: the fast little-endian form when there is one. */
static int guest_fast_op(TCGOpcode opc, MemOp mo, bool addr64)
{
    if (addr64 || HOST_BIG_ENDIAN || (mo & MO_BE)) {
        return -1;
    }
    if (opc == INDEX_op_qemu_ld_i32) {
        switch (mo & (MO_SIZE | MO_SIGN)) {
        case MO_UB: return TCI_qld8u_i32;
        case MO_SB: return TCI_qld8s_i32;
        case MO_UW: return TCI_qld16u_i32;
        case MO_SW: return TCI_qld16s_i32;
        case MO_UL: case MO_SL: return TCI_qld32_i32;
        default: return -1;
        }
    }
    if (opc == INDEX_op_qemu_st_i32) {
        switch (mo & MO_SIZE) {
        case MO_8: return TCI_qst8_i32;
        case MO_16: return TCI_qst16_i32;
        case MO_32: return TCI_qst32_i32;
        default: return -1;
        }
    }
    if ((mo & MO_SIZE) == MO_64) {
        return opc == INDEX_op_qemu_ld_i64 ? TCI_qld64_i64 : TCI_qst64_i64;
    }
    return -1;
}

/* The fast op at base + immediate for fast op @tci, or -1. */
static int guest_fast_op_off(int tci)
{
    switch (tci) {
    case TCI_qld8u_i32: return TCI_qld8u_i32o;
    case TCI_qld8s_i32: return TCI_qld8s_i32o;
    case TCI_qld16u_i32: return TCI_qld16u_i32o;
    case TCI_qld16s_i32: return TCI_qld16s_i32o;
    case TCI_qld32_i32: return TCI_qld32_i32o;
    case TCI_qst8_i32: return TCI_qst8_i32o;
    case TCI_qst16_i32: return TCI_qst16_i32o;
    case TCI_qst32_i32: return TCI_qst32_i32o;
    default: return -1;
    }
}

/*
 * "add t, base, imm; qemu_ld/st ..., t" with t read nowhere else: the
 * add is not emitted and the access takes base + imm itself (most guest
 * loads and stores have an immediate offset).  @i is the add's index.
 */
static bool fold_addr(Gen *g, TCGContext *s, int i)
{
    const TCGOp *op = &s->ops[i], *next;
    TCGArg a, b;
    TCGTemp *t;
    int64_t off;

    if ((op->opc != INDEX_op_add_i32 && op->opc != INDEX_op_sub_i32) ||
        i + 1 >= s->nb_ops) {
        return false;
    }
    next = &s->ops[i + 1];
    if ((next->opc != INDEX_op_qemu_ld_i32 && next->opc != INDEX_op_qemu_st_i32) ||
        next->args[1] != op->args[0] || next->args[0] == op->args[0]) {
        return false;
    }
    t = arg_temp(op->args[0]);
    if (t->kind != TEMP_TB || t->last_use != i + 1 ||
        guest_fast_op_off(guest_fast_op((TCGOpcode)next->opc,
                                        get_memop((MemOpIdx)next->args[2]),
                                        false)) < 0) {
        return false;
    }
    a = op->args[1];
    b = op->args[2];
    if (is_const(a) && op->opc == INDEX_op_add_i32) {
        TCGArg x = a;
        a = b;
        b = x;
    }
    if (is_const(a) || is_env(a) || !is_const(b)) {
        return false;
    }
    off = (int64_t)(int32_t)const_val(b);
    if (op->opc == INDEX_op_sub_i32) {
        off = -off;
    }
    if (!fits_i32(off)) {
        return false;
    }
    g->fold_pending = true;
    g->fold_base = a;
    g->fold_off = (int32_t)off;
    return true;
}

/* Whether @a is a per-TB temp read nowhere after op @last. */
static bool temp_dies_by(TCGArg a, int last)
{
    TCGTemp *t = arg_temp(a);

    return t->kind == TEMP_TB && t->last_use <= last;
}

static bool is_reg(TCGArg a)
{
    return !is_const(a) && !is_env(a);
}

/* Whether @op is brcond_i32 @t, 0 with condition @c1 or @c2. */
static bool is_brcond_zero(const TCGOp *op, TCGArg t, TCGCond c1, TCGCond c2)
{
    return op->opc == INDEX_op_brcond_i32 && op->args[0] == t &&
           is_const(op->args[1]) && (uint32_t)const_val(op->args[1]) == 0 &&
           (op->args[2] == (TCGArg)c1 || op->args[2] == (TCGArg)c2);
}

static void emit_fused_branch(Gen *g, int tci, const TCGArg *in, int n,
                              TCGLabel *l)
{
    uint16_t r[3];
    uint32_t pos;

    for (int k = 0; k < n; k++) {
        r[k] = reg(g, in[k]);
    }
    pos = (uint32_t)g->n;
    emit_ops_r(g, (TCIOpcode)tci, r, n);
    emit_branch_to(g, pos, l);
}

/*
 * The ARM translator's multi-op condition tests (arm_gen_test_cc), each
 * a chain through one temp ending in a branch on it, as one op:
 *   HI/LS  neg t, C; and t2, t, Z; brcond t2, 0, ne/eq
 *   GE/LT  xor t, V, N; brcond t, 0, ge/lt
 *   GT/LE  xor t, V, N; sar t, t, 31; andc t, Z, t; brcond t, 0, ne/eq
 * The temps must die within the chain.  Returns the number of IR ops
 * consumed (0: no match).  @i is the first op's index.
 */
static int fuse_cond(Gen *g, TCGContext *s, int i)
{
    const TCGOp *op = &s->ops[i], *o1, *o2, *o3;
    TCGArg t, in[3];

    if (i + 1 >= s->nb_ops) {
        return 0;
    }
    o1 = &s->ops[i + 1];
    t = op->args[0];
    if (op->opc == INDEX_op_neg_i32 && i + 2 < s->nb_ops &&
        is_reg(op->args[1]) && op->args[1] != t) {
        TCGArg t2 = o1->args[0], z;
        o2 = &s->ops[i + 2];
        if (o1->opc != INDEX_op_and_i32 ||
            (o1->args[1] != t && o1->args[2] != t)) {
            return 0;
        }
        z = o1->args[1] == t ? o1->args[2] : o1->args[1];
        if (!is_reg(z) || z == t ||
            !is_brcond_zero(o2, t2, TCG_COND_NE, TCG_COND_EQ) ||
            !temp_dies_by(t, i + 2) || !temp_dies_by(t2, i + 2) ||
            (t != t2 && !temp_dies_by(t, i + 1))) {
            return 0;
        }
        in[0] = op->args[1];
        in[1] = z;
        emit_fused_branch(g, o2->args[2] == TCG_COND_NE ? TCI_brnegand_ne_i32
                                                        : TCI_brnegand_eq_i32,
                          in, 2, arg_label(o2->args[3]));
        return 3;
    }
    if (op->opc != INDEX_op_xor_i32 || !is_reg(op->args[1]) ||
        !is_reg(op->args[2]) || op->args[1] == t || op->args[2] == t) {
        return 0;
    }
    in[1] = op->args[1];
    in[2] = op->args[2];
    if (is_brcond_zero(o1, t, TCG_COND_GE, TCG_COND_LT) &&
        temp_dies_by(t, i + 1)) {
        emit_fused_branch(g, o1->args[2] == TCG_COND_GE ? TCI_brxor_ge_i32
                                                        : TCI_brxor_lt_i32,
                          in + 1, 2, arg_label(o1->args[3]));
        return 2;
    }
    if (i + 3 >= s->nb_ops) {
        return 0;
    }
    o2 = &s->ops[i + 2];
    o3 = &s->ops[i + 3];
    if (o1->opc != INDEX_op_sar_i32 || o1->args[0] != t || o1->args[1] != t ||
        !is_const(o1->args[2]) || const_val(o1->args[2]) != 31 ||
        o2->opc != INDEX_op_andc_i32 || o2->args[0] != t ||
        o2->args[2] != t || !is_reg(o2->args[1]) || o2->args[1] == t ||
        !is_brcond_zero(o3, t, TCG_COND_NE, TCG_COND_EQ) ||
        !temp_dies_by(t, i + 3)) {
        return 0;
    }
    in[0] = o2->args[1];
    emit_fused_branch(g, o3->args[2] == TCG_COND_NE ? TCI_brgt_i32 : TCI_brle_i32,
                      in, 3, arg_label(o3->args[3]));
    return 4;
}

static void emit_guest_mem(Gen *g, const TCGOp *op)
{
    TCGOpcode opc = (TCGOpcode)op->opc;
    MemOpIdx oi = (MemOpIdx)op->args[2];
    bool addr64 = arg_temp(op->args[1])->type == TCG_TYPE_I64;
    bool v64 = opc == INDEX_op_qemu_ld_i64 || opc == INDEX_op_qemu_st_i64;
    bool load = opc == INDEX_op_qemu_ld_i32 || opc == INDEX_op_qemu_ld_i64;
    int tci = guest_fast_op(opc, get_memop(oi), addr64);
    uint16_t ra, rv;

    if (tci < 0) {
        static const int generic[2][2][2] = {
            /* [load][v64][addr64] */
            { { TCI_qst_i32_a32, TCI_qst_i32_a64 },
              { TCI_qst_i64_a32, TCI_qst_i64_a64 } },
            { { TCI_qld_i32_a32, TCI_qld_i32_a64 },
              { TCI_qld_i64_a32, TCI_qld_i64_a64 } },
        };
        tci = generic[load][v64][addr64];
    }
    if (g->fold_pending) {
        g->fold_pending = false;
        ra = reg(g, g->fold_base);
        rv = reg(g, op->args[0]);
        emit16(g, (unsigned)guest_fast_op_off(tci));
        emit16(g, rv);
        emit16(g, ra);
        emit16(g, oi);
        emit32(g, (uint32_t)g->fold_off);
        return;
    }
    ra = reg(g, op->args[1]);
    rv = reg(g, op->args[0]);
    emit16(g, (unsigned)tci);
    emit16(g, rv);
    emit16(g, ra);
    emit16(g, oi);
}

static bool emit_mem_op(Gen *g, const TCGOp *op)
{
    TCGOpcode opc = (TCGOpcode)op->opc;
    int tci = host_mem_map(opc);

    if (tci >= 0) {
        emit_host_mem(g, op, tci);
        return true;
    }
    switch (opc) {
    case INDEX_op_qemu_ld_i32:
    case INDEX_op_qemu_st_i32:
    case INDEX_op_qemu_ld_i64:
    case INDEX_op_qemu_st_i64:
        emit_guest_mem(g, op);
        return true;
    default:
        return false;
    }
}

static void emit_call(Gen *g, const TCGOp *op)
{
    const TCGHelper *h =
        (const TCGHelper *)(uintptr_t)op->args[op_nb_temps(op)];
    uint16_t r[5] = { 0, 0, 0, 0, 0 };
    unsigned mask = 0;
    int nout = op->nb_oargs;

    for (int k = 0; k < op->nb_iargs; k++) {
        TCGTemp *t = arg_temp(op->args[nout + k]);
        r[1 + k] = reg(g, op->args[nout + k]);
        if (t->type == TCG_TYPE_I64) {
            mask |= 2u << k;
        }
    }
    if (nout) {
        r[0] = reg(g, op->args[0]);
        if (arg_temp(op->args[0])->type == TCG_TYPE_I64) {
            mask |= 1;
        }
    }
    emit16(g, TCI_call);
    emit64(g, (uint64_t)(uintptr_t)h);
    for (int k = 0; k < 5; k++) {
        emit16(g, r[k]);
    }
    emit16(g, mask);
}

/*
 * addcc/subcc with a constant second operand (and carry in 0 for addcc):
 * the immediate form, without a scratch load; addcc of two registers with
 * carry in 0: addcc0.  Returns false otherwise.
 */
static bool emit_cc_imm(Gen *g, const TCGOp *op)
{
    bool add = op->opc == INDEX_op_addcc_i32;
    uint16_t r[7];

    if (add && is_const(op->args[7]) && const_val(op->args[7]) == 0 &&
        !is_const(op->args[5]) && !is_const(op->args[6]) &&
        !is_env(op->args[5]) && !is_env(op->args[6])) {
        /* ADDS of two registers: no scratch load of the zero carry in. */
        r[5] = reg(g, op->args[5]);
        r[6] = reg(g, op->args[6]);
        for (int k = 0; k < 5; k++) {
            r[k] = reg(g, op->args[k]);
        }
        emit_ops_r(g, TCI_addcc0_i32, r, 7);
        return true;
    }
    if (!is_const(op->args[6]) || is_const(op->args[5]) ||
        is_env(op->args[5]) ||
        (add && (!is_const(op->args[7]) || (uint32_t)const_val(op->args[7]) != 0))) {
        return false;
    }
    r[5] = reg(g, op->args[5]);
    for (int k = 0; k < 5; k++) {
        r[k] = reg(g, op->args[k]);
    }
    emit_ops_r(g, add ? TCI_addcci_i32 : TCI_subcci_i32, r, 6);
    emit32(g, (uint32_t)const_val(op->args[6]));
    return true;
}

static void emit_op(Gen *g, TCGContext *s, const TCGOp *op)
{
    TCGOpcode opc = (TCGOpcode)op->opc;
    int tci = simple_map(opc);

    switch (opc) {
    case INDEX_op_set_label:
        g->label_pos[arg_label(op->args[0])->id] = (uint32_t)g->n;
        g->mov_valid = false;
        g->pair_valid = false;
        /* Control may arrive from elsewhere: scratch contents unknown. */
        scratch_forget(g);
        return;
    case INDEX_op_br: {
        uint32_t pos = (uint32_t)g->n;
        emit16(g, TCI_br);
        emit_branch_to(g, pos, arg_label(op->args[0]));
        return;
    }
    case INDEX_op_insn_start:
        return;   /* handled by the caller */
    case INDEX_op_exit_tb:
        emit16(g, TCI_exit_tb);
        emit16(g, (unsigned)op->args[0]);
        return;
    case INDEX_op_goto_tb:
        emit16(g, TCI_goto_tb);
        emit16(g, (unsigned)op->args[0]);
        return;
    case INDEX_op_lookup_and_goto_ptr:
        emit16(g, TCI_lookup_and_goto_ptr);
        return;
    case INDEX_op_call:
        emit_call(g, op);
        return;
    case INDEX_op_mov_i32:
    case INDEX_op_mov_i64:
        emit_mov(g, op, opc == INDEX_op_mov_i64);
        return;
    case INDEX_op_setcond_i32:
    case INDEX_op_setcond_i64:
        emit_setcond(g, op, opc == INDEX_op_setcond_i64);
        return;
    case INDEX_op_movcond_i32:
    case INDEX_op_movcond_i64:
        emit_movcond(g, op, opc == INDEX_op_movcond_i64);
        return;
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        emit_brcond(g, op, opc == INDEX_op_brcond_i64);
        return;
    case INDEX_op_addcc_i32:
    case INDEX_op_subcc_i32:
        if (emit_cc_imm(g, op)) {
            return;
        }
        break;
    case INDEX_op_extract_i32: emit_field_op(g, op, TCI_extract_i32, 2); return;
    case INDEX_op_sextract_i32: emit_field_op(g, op, TCI_sextract_i32, 2); return;
    case INDEX_op_deposit_i32: emit_field_op(g, op, TCI_deposit_i32, 3); return;
    case INDEX_op_extract_i64: emit_field_op(g, op, TCI_extract_i64, 2); return;
    case INDEX_op_sextract_i64: emit_field_op(g, op, TCI_sextract_i64, 2); return;
    case INDEX_op_deposit_i64: emit_field_op(g, op, TCI_deposit_i64, 3); return;
    default:
        break;
    }
    if (emit_mem_op(g, op)) {
        return;
    }
    if (tci < 0) {
        g->err = -EINVAL;
        return;
    }
    if (op->nb_oargs == 1 && op->nb_iargs == 2 && opc != INDEX_op_concat_i32_i64) {
        emit_binary(g, op, tci);
    } else {
        emit_generic(g, op, tci);
    }
    (void)s;
}

static void resolve_fixups(Gen *g)
{
    for (guint i = 0; i < g->fixups->len; i++) {
        Fixup *f = &g_array_index(g->fixups, Fixup, i);
        if (!f->label->present) {
            g->err = -EINVAL;
            return;
        }
        patch32(g, f->field_pos,
                (uint32_t)((int32_t)g->label_pos[f->label->id] -
                           (int32_t)f->op_pos));
    }
}

int tci_gen_code(uint16_t *buf, size_t buf_units,
                 uint64_t (*insn_data)[TCG_INSN_START_WORDS],
                 uint32_t *insn_end, TCIGenResult *res)
{
    TCGContext *s = tcg_ctx;
    Gen *g;
    int insn = -1, ret;

    if (s->overflow) {
        return -EINVAL;
    }
    g = g_new0(Gen, 1);
    g->buf = buf;
    g->cap = buf_units;
    g->fixups = g_array_new(FALSE, FALSE, sizeof(Fixup));
    compute_ranges(g, s);
    for (int i = 0; i < s->nb_ops && !g->err; i++) {
        const TCGOp *op = &s->ops[i];

        alloc_for_op(g, s, i);
        g->op_index = i;
        if (g->skip > 0) {
            g->skip--;      /* emitted by fuse_cond */
            continue;
        }
        if (op->opc == INDEX_op_insn_start) {
            g->mov_valid = false;
            if (insn >= 0 && insn_end) {
                insn_end[insn] = (uint32_t)g->n;
            }
            insn++;
            if (insn_data) {
                for (int w = 0; w < TCG_INSN_START_WORDS; w++) {
                    insn_data[insn][w] = op->args[w];
                }
            }
            continue;
        }
        if (fold_addr(g, s, i)) {
            continue;
        }
        g->skip = fuse_cond(g, s, i);
        if (g->skip > 0) {
            g->skip--;
            continue;
        }
        emit_op(g, s, op);
    }
    /* Falling off the end of a TB returns to the loop. */
    emit16(g, TCI_exit_tb);
    emit16(g, TB_EXIT_NOCHAIN);
    if (insn >= 0 && insn_end) {
        insn_end[insn] = (uint32_t)g->n;
    }
    if (!g->err) {
        resolve_fixups(g);
    }
    if (g->n > UINT32_MAX / 2) {
        g->nospace = true;
    }
    ret = g->err ? g->err : g->nospace ? -ENOSPC : 0;
    if (res) {
        res->code_units = (uint32_t)g->n;
        res->nb_insns = (uint32_t)(insn + 1);
        res->frame_slots = (uint32_t)(g->max_slot + 1);
    }
    g_array_free(g->fixups, TRUE);
    g_free(g->dies_head);
    g_free(g->dies_next);
    g_free(g);
    return ret;
}
