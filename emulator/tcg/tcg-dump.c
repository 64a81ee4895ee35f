/*
 * Text dump of the IR, for debugging translators and for tests.
 */
#include "tcg/tcg.h"

#include <glib.h>
#include <inttypes.h>
#include <stdio.h>

static const char *const cond_names[] = {
    "never", "always", "eq", "ne", "lt", "ge", "le", "gt",
    "ltu", "geu", "leu", "gtu", "tsteq", "tstne",
};

static void dump_temp(GString *f, TCGArg a)
{
    const TCGTemp *t = &tcg_ctx->temps[a];

    switch (t->kind) {
    case TEMP_GLOBAL:
        g_string_append_printf(f, "%s", t->name ? t->name : "global");
        break;
    case TEMP_CONST:
        g_string_append_printf(f, "$0x%" PRIx64, t->val);
        break;
    default:
        g_string_append_printf(f, "tmp%d", (int)a - tcg_ctx->nb_globals);
        break;
    }
}

static bool is_cond_arg(TCGOpcode opc, int i, int nb_cargs)
{
    switch (opc) {
    case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
    case INDEX_op_movcond_i32: case INDEX_op_movcond_i64:
        return i == 0;
    case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
        return i == 0 && nb_cargs == 2;
    default:
        return false;
    }
}

static void dump_op(GString *f, const TCGOp *op)
{
    TCGOpcode opc = (TCGOpcode)op->opc;
    const TCGOpDef *def = &tcg_op_defs[opc];
    int nt = op->nb_oargs + op->nb_iargs;
    int nc = opc == INDEX_op_call ? 1 : def->nb_cargs;
    const char *sep = " ";

    if (opc == INDEX_op_set_label) {
        g_string_append_printf(f, "L%u:\n", arg_label(op->args[0])->id);
        return;
    }
    if (opc == INDEX_op_call) {
        const TCGHelper *h = (const TCGHelper *)(uintptr_t)op->args[nt];
        g_string_append_printf(f, " call %s", h->name);
        nc = 0;
    } else {
        g_string_append_printf(f, " %s", def->name);
    }
    for (int i = 0; i < nt; i++) {
        g_string_append(f, sep);
        dump_temp(f, op->args[i]);
        sep = ",";
    }
    for (int i = 0; i < nc; i++) {
        TCGArg c = op->args[nt + i];
        g_string_append(f, sep);
        sep = ",";
        if (is_cond_arg(opc, i, nc) && c < 14) {
            g_string_append(f, cond_names[c]);
        } else if ((opc == INDEX_op_br && i == 0) ||
                   ((opc == INDEX_op_brcond_i32 || opc == INDEX_op_brcond_i64)
                    && i == 1)) {
            g_string_append_printf(f, "L%u", arg_label(c)->id);
        } else {
            g_string_append_printf(f, "$0x%" PRIx64, c);
        }
    }
    g_string_append_c(f, '\n');
}

char *tcg_dump_ops_str(void)
{
    GString *f = g_string_new(NULL);

    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        dump_op(f, &tcg_ctx->ops[i]);
    }
    return g_string_free(f, FALSE);
}

void tcg_dump_ops(void *out)
{
    char *s = tcg_dump_ops_str();

    fputs(s, (FILE *)out);
    g_free(s);
}
