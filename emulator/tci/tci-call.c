/*
 * Helper calls, opcode tables, the default interpreter and a disassembler.
 */
#include "tci/tci.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tci/tci-ops.h"
#include "util/log.h"
#include "util/stats.h"

TCIStats tci_stats;

const unsigned char tci_op_len[TCI_NB_OPS] = {
#define TCI_LEN_(name, len) [TCI_##name] = len,
    TCI_OPS(TCI_LEN_)
#undef TCI_LEN_
};

const char *const tci_op_names[TCI_NB_OPS] = {
#define TCI_NAME_(name, len) [TCI_##name] = #name,
    TCI_OPS(TCI_NAME_)
#undef TCI_NAME_
};

/*
 * call layout: [op][helper: 4 units][ret][a0][a1][a2][a3][mask]; mask bit
 * 0: ret is 64-bit, bit k+1: argument k is 64-bit.  Out of line: calls are
 * rare next to arithmetic, and keeping this switch out of the interpreter
 * keeps the hot function small.
 */
void tci_call(CPUState *cs, const uint16_t *pc)
{
    char *base = (char *)cs;
    const TCGHelper *h;
    uint64_t hv, a[TCG_MAX_CALL_ARGS], r = 0;
    unsigned mask = pc[10];

    memcpy(&hv, pc + 1, 8);
    h = (const TCGHelper *)(uintptr_t)hv;
    for (int k = 0; k < TCG_MAX_CALL_ARGS; k++) {
        if (mask & (2u << k)) {
            memcpy(&a[k], base + pc[6 + k], 8);
        } else {
            uint32_t v;
            memcpy(&v, base + pc[6 + k], 4);
            a[k] = v;
        }
    }
    switch (h->sig) {
#define TCI_CALL_(name, rt, params, args) \
    case TCG_SIG_##name: r = TCI_CALL_RET_##rt(h->fn.name args); break;
#define TCI_CALL_RET_void(e) ((e), 0)
#define TCI_CALL_RET_uint32_t(e) (uint64_t)(e)
#define TCI_CALL_RET_uint64_t(e) (e)
    TCG_HELPER_SIGNATURES(TCI_CALL_)
#undef TCI_CALL_
    default:
        return;
    }
    if (h->sig >= TCG_SIG_i_) {
        /* Signatures are ordered void, i32, i64: anything else returns. */
        if (mask & 1) {
            memcpy(base + pc[5], &r, 8);
        } else {
            uint32_t v = (uint32_t)r;
            memcpy(base + pc[5], &v, 4);
        }
    }
}

void tci_stats_call(const uint16_t *pc)
{
    uint64_t hv;

    memcpy(&hv, pc + 1, 8);
    stats_count(STATS_HELPER, ((const TCGHelper *)(uintptr_t)hv)->name, 1);
}

/*
 * Per-op and per-pair counts (-d stats only).  A pair is two ops
 * dispatched one after the other, across TB boundaries too: what a
 * superinstruction would save one dispatch of.
 */
static uint64_t op_count[TCI_NB_OPS];
static uint64_t pair_count[TCI_NB_OPS][TCI_NB_OPS];
static unsigned prev_op = TCI_exit_tb;

void tci_stats_op(unsigned op)
{
    op_count[op]++;
    pair_count[prev_op][op]++;
    prev_op = op;
}

typedef struct OpRank {
    uint64_t n;
    unsigned a, b;
} OpRank;

/* Insert (n, a, b) into the descending array r of size top. */
static void rank_insert(OpRank *r, unsigned top, uint64_t n, unsigned a,
                        unsigned b)
{
    unsigned k = top;

    while (k > 0 && r[k - 1].n < n) {
        if (k < top) {
            r[k] = r[k - 1];
        }
        k--;
    }
    if (k < top) {
        r[k] = (OpRank){ n, a, b };
    }
}

void tci_stats_print_ops(void *out, unsigned top)
{
    FILE *f = out;
    OpRank *r = g_new0(OpRank, top);
    uint64_t total = 0;

    for (unsigned a = 0; a < TCI_NB_OPS; a++) {
        total += op_count[a];
        rank_insert(r, top, op_count[a], a, 0);
    }
    fprintf(f, "stats: bytecode ops, most frequent:");
    for (unsigned k = 0; k < top && r[k].n; k++) {
        fprintf(f, "%s %s %.1f %%", k ? "," : "", tci_op_names[r[k].a],
                total ? 100.0 * (double)r[k].n / (double)total : 0.0);
    }
    fputc('\n', f);
    memset(r, 0, sizeof(*r) * top);
    for (unsigned a = 0; a < TCI_NB_OPS; a++) {
        for (unsigned b = 0; b < TCI_NB_OPS; b++) {
            rank_insert(r, top, pair_count[a][b], a, b);
        }
    }
    fprintf(f, "stats: bytecode op pairs, most frequent:");
    for (unsigned k = 0; k < top && r[k].n; k++) {
        fprintf(f, "%s %s>%s %.1f %%", k ? "," : "", tci_op_names[r[k].a],
                tci_op_names[r[k].b],
                total ? 100.0 * (double)r[k].n / (double)total : 0.0);
    }
    fputc('\n', f);
    g_free(r);
}

uintptr_t tci_exec(CPUState *cs, TranslationBlock *tb)
{
    if (G_UNLIKELY(log_mask(LOG_STATS))) {
        return tci_exec_stats(cs, tb);
    }
    return tci_have_threaded ? tci_exec_threaded(cs, tb)
                             : tci_exec_switch(cs, tb);
}

void tci_disas(void *out, const uint16_t *code, size_t n)
{
    FILE *f = out;

    for (size_t i = 0; i < n;) {
        unsigned op = code[i];
        unsigned len = op < TCI_NB_OPS ? tci_op_len[op] : 1;

        fprintf(f, "%5zu: %-20s", i, op < TCI_NB_OPS ? tci_op_names[op] : "?");
        for (unsigned k = 1; k < len && i + k < n; k++) {
            fprintf(f, " %04x", code[i + k]);
        }
        fputc('\n', f);
        i += len;
    }
}
