/*
 * IR context: temporaries, globals, constants, labels and the op list.
 */
#include "tcg/tcg.h"

#include <glib.h>
#include <string.h>

TCGContext *tcg_ctx;

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) [INDEX_op_##n] = { #n, o, i, c, f },
#include "tcg/tcg-opc.h"
#undef DEF
};

static const char *const sig_names[TCG_SIG_COUNT] = {
#define TCG_SIG_NAME_(name, rt, params, args) [TCG_SIG_##name] = #name,
    TCG_HELPER_SIGNATURES(TCG_SIG_NAME_)
#undef TCG_SIG_NAME_
};

const char *tcg_helper_sig_string(TCGHelperSig sig)
{
    return (unsigned)sig < TCG_SIG_COUNT ? sig_names[sig] : "?";
}

const char *tcg_op_name(TCGOpcode opc)
{
    return (unsigned)opc < NB_OPS ? tcg_op_defs[opc].name : "?";
}

TCGCond tcg_invert_cond(TCGCond c)
{
    static const TCGCond inv[] = {
        [TCG_COND_NEVER] = TCG_COND_ALWAYS, [TCG_COND_ALWAYS] = TCG_COND_NEVER,
        [TCG_COND_EQ] = TCG_COND_NE, [TCG_COND_NE] = TCG_COND_EQ,
        [TCG_COND_LT] = TCG_COND_GE, [TCG_COND_GE] = TCG_COND_LT,
        [TCG_COND_LE] = TCG_COND_GT, [TCG_COND_GT] = TCG_COND_LE,
        [TCG_COND_LTU] = TCG_COND_GEU, [TCG_COND_GEU] = TCG_COND_LTU,
        [TCG_COND_LEU] = TCG_COND_GTU, [TCG_COND_GTU] = TCG_COND_LEU,
        [TCG_COND_TSTEQ] = TCG_COND_TSTNE, [TCG_COND_TSTNE] = TCG_COND_TSTEQ,
    };
    return inv[c];
}

TCGCond tcg_swap_cond(TCGCond c)
{
    static const TCGCond sw[] = {
        [TCG_COND_NEVER] = TCG_COND_NEVER, [TCG_COND_ALWAYS] = TCG_COND_ALWAYS,
        [TCG_COND_EQ] = TCG_COND_EQ, [TCG_COND_NE] = TCG_COND_NE,
        [TCG_COND_LT] = TCG_COND_GT, [TCG_COND_GE] = TCG_COND_LE,
        [TCG_COND_LE] = TCG_COND_GE, [TCG_COND_GT] = TCG_COND_LT,
        [TCG_COND_LTU] = TCG_COND_GTU, [TCG_COND_GEU] = TCG_COND_LEU,
        [TCG_COND_LEU] = TCG_COND_GEU, [TCG_COND_GTU] = TCG_COND_LTU,
        [TCG_COND_TSTEQ] = TCG_COND_TSTEQ, [TCG_COND_TSTNE] = TCG_COND_TSTNE,
    };
    return sw[c];
}

bool tcg_cond_eval(TCGCond c, uint64_t a, uint64_t b, bool is64)
{
    int64_t sa, sb;

    if (!is64) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    } else {
        sa = (int64_t)a;
        sb = (int64_t)b;
    }
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    case TCG_COND_TSTEQ: return (a & b) == 0;
    case TCG_COND_TSTNE: return (a & b) != 0;
    }
    return false;
}

TCGContext *tcg_context_new(void)
{
    TCGContext *s = g_new0(TCGContext, 1);
    TCGTemp *env = &s->temps[0];

    /* Temp 0 is the CPU pointer; the lowering pass knows it by kind. */
    env->type = TCG_TYPE_I64;
    env->kind = TEMP_GLOBAL;
    env->env_offset = UINT32_MAX;
    env->name = "env";
    s->env = env;
    s->nb_globals = 1;
    s->nb_temps = 1;
    s->ops_cap = 256;
    s->const_gen = 1;
    s->ops = g_new(TCGOp, s->ops_cap);
    return s;
}

void tcg_context_free(TCGContext *s)
{
    if (!s) {
        return;
    }
    if (tcg_ctx == s) {
        tcg_ctx = NULL;
    }
    g_free(s->ops);
    g_free(s);
}

void tcg_set_current(TCGContext *s)
{
    tcg_ctx = s;
}

void tcg_func_start(void)
{
    TCGContext *s = tcg_ctx;

    s->nb_temps = s->nb_globals;
    s->nb_labels = 0;
    s->nb_ops = 0;
    s->nb_insns = 0;
    s->overflow = false;
    s->const_gen++;
}

static TCGTemp *temp_alloc(TCGType type, TCGTempKind kind)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *t;

    if (s->nb_temps >= TCG_MAX_TEMPS) {
        /*
         * Keep going with a reused temp so the translator need not check
         * every call; tci_gen_code refuses the IR and the caller retries
         * with fewer instructions.
         */
        s->overflow = true;
        t = &s->temps[TCG_MAX_TEMPS - 1];
    } else {
        t = &s->temps[s->nb_temps++];
    }
    memset(t, 0, sizeof(*t));
    t->type = type;
    t->kind = kind;
    return t;
}

static TCGTemp *global_new(TCGType type, size_t offset, const char *name)
{
    TCGContext *s = tcg_ctx;
    size_t align = type == TCG_TYPE_I32 ? 4 : 8;
    TCGTemp *t;

    /* Globals are made once, before any TB: misuse is a programming error. */
    g_assert(s->nb_temps == s->nb_globals);
    g_assert(s->nb_globals < TCG_MAX_GLOBALS);
    g_assert(offset % align == 0 && offset + align <= TCG_MAX_ENV_OFFSET);
    t = &s->temps[s->nb_globals++];
    s->nb_temps = s->nb_globals;
    memset(t, 0, sizeof(*t));
    t->type = type;
    t->kind = TEMP_GLOBAL;
    t->env_offset = (uint32_t)offset;
    t->name = name;
    return t;
}

TCGv_i32 tcg_global_mem_new_i32(size_t offset, const char *name)
{
    return temp_tcgv_i32(global_new(TCG_TYPE_I32, offset, name));
}

TCGv_i64 tcg_global_mem_new_i64(size_t offset, const char *name)
{
    return temp_tcgv_i64(global_new(TCG_TYPE_I64, offset, name));
}

TCGv_i32 tcg_temp_new_i32(void)
{
    return temp_tcgv_i32(temp_alloc(TCG_TYPE_I32, TEMP_TB));
}

TCGv_i64 tcg_temp_new_i64(void)
{
    return temp_tcgv_i64(temp_alloc(TCG_TYPE_I64, TEMP_TB));
}

TCGv_ptr tcg_temp_new_ptr(void)
{
    return temp_tcgv_ptr(temp_alloc(TCG_TYPE_I64, TEMP_TB));
}

static TCGTemp *constant_new(TCGType type, uint64_t val)
{
    TCGContext *s = tcg_ctx;
    uint64_t h64 = (val ^ ((uint64_t)type << 63)) * 0x9E3779B97F4A7C15ull;
    unsigned h = (unsigned)(h64 >> 56);
    TCGTemp *t;

    if (s->const_cache_gen[h] == s->const_gen) {
        t = &s->temps[s->const_cache_idx[h]];
        if (t->kind == TEMP_CONST && t->type == type && t->val == val) {
            return t;
        }
    }
    t = temp_alloc(type, TEMP_CONST);
    t->val = val;
    if (!s->overflow) {
        s->const_cache_gen[h] = s->const_gen;
        s->const_cache_idx[h] = temp_idx(t);
    }
    return t;
}

TCGv_i32 tcg_constant_i32(int32_t val)
{
    return temp_tcgv_i32(constant_new(TCG_TYPE_I32, (uint32_t)val));
}

TCGv_i64 tcg_constant_i64(int64_t val)
{
    return temp_tcgv_i64(constant_new(TCG_TYPE_I64, (uint64_t)val));
}

TCGv_ptr tcg_constant_ptr(uintptr_t val)
{
    return temp_tcgv_ptr(constant_new(TCG_TYPE_I64, val));
}

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    TCGLabel *l;

    if (s->nb_labels >= TCG_MAX_LABELS) {
        s->overflow = true;
        l = &s->labels[TCG_MAX_LABELS - 1];
    } else {
        l = &s->labels[s->nb_labels];
        l->id = (uint32_t)s->nb_labels++;
    }
    l->present = false;
    l->has_backward = false;
    l->op_index = -1;
    return l;
}

void gen_set_label(TCGLabel *l)
{
    TCGOp *op;

    if (l->present) {
        tcg_ctx->overflow = true;   /* placed twice: invalid IR */
        return;
    }
    l->present = true;
    l->op_index = tcg_ctx->nb_ops;
    op = tcg_emit_op(INDEX_op_set_label, 1);
    op->args[0] = label_arg(l);
}

TCGOp *tcg_emit_op(TCGOpcode opc, int nargs)
{
    TCGContext *s = tcg_ctx;
    TCGOp *op;

    g_assert(nargs <= TCG_MAX_OP_ARGS);
    if (s->nb_ops == s->ops_cap) {
        s->ops_cap *= 2;
        s->ops = g_renew(TCGOp, s->ops, s->ops_cap);
    }
    op = &s->ops[s->nb_ops++];
    memset(op, 0, sizeof(*op));
    op->opc = (uint16_t)opc;
    op->nb_oargs = tcg_op_defs[opc].nb_oargs;
    op->nb_iargs = tcg_op_defs[opc].nb_iargs;
    return op;
}
