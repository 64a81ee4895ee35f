/*
 * Interpreter speed: a few tight loops built in IR, run with the switch
 * and the threaded dispatch in the same process; prints bytecode ops per
 * second and the threaded/switch ratio.  A figure, not a pass/fail test.
 *
 *   bench-tci-dispatch [scale]     (scale multiplies the iteration counts)
 */
#include <glib.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/cpu.h"
#include "mem/memory.h"
#include "mem/tlb.h"
#include "tcg/tcg-op.h"
#include "tci/tci-ops.h"
#include "tci/tci.h"

typedef struct BenchCPU {
    CPUState cs;
    uint32_t r[8];
} BenchCPU;

typedef uintptr_t ExecFn(CPUState *cs, TranslationBlock *tb);

static BenchCPU *cpu;
static TCGv_i32 R[8];
static uint16_t code[4096];
static TranslationBlock tb;
static uint8_t *ram;

static bool b_fill(void *c, uint64_t vaddr, unsigned size,
                   MMUAccessType access, unsigned mmu_idx, bool probe)
{
    tlb_set_page(&cpu->cs.tlb, vaddr, 0x40000000 + (vaddr & 0xffff),
                 PAGE_READ | PAGE_WRITE, mmu_idx);
    return true;
}

static void b_bus_error(void *c, uint64_t vaddr, uint64_t paddr, unsigned size,
                        MMUAccessType access, unsigned mmu_idx)
{
    abort();
}

static void b_unaligned(void *c, uint64_t vaddr, MMUAccessType access,
                        unsigned mmu_idx)
{
    abort();
}

static const CPUTLBHooks hooks = { b_fill, b_bus_error, b_unaligned, NULL };

static uint32_t helper_mix(struct CPUState *cs, uint32_t a, uint32_t b)
{
    return (a ^ b) + 1;
}

static const TCGHelper h_mix = TCG_HELPER(i_ii, helper_mix, TCG_CALL_PURE);

/* Ops executed per loop iteration: everything before the first exit. */
static unsigned ops_in_loop(const uint16_t *c, size_t n)
{
    unsigned k = 0;

    for (size_t i = 0; i < n && c[i] != TCI_exit_tb; i += tci_op_len[c[i]]) {
        k++;
    }
    return k;
}

static void finish(void)
{
    TCIGenResult res;

    if (tci_gen_code(code, G_N_ELEMENTS(code), NULL, NULL, &res) < 0) {
        fprintf(stderr, "bench: lowering failed\n");
        exit(1);
    }
    memset(&tb, 0, sizeof(tb));
    tb.code = code;
    tb.code_units = res.code_units;
    tb.icount = 1;
}

/* body: emitted inside "L: body; r0 -= 1; if r0 != 0 goto L" */
typedef void BodyFn(void);

static void body_alu(void)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_add_i32(R[1], R[1], R[2]);
    tcg_gen_xor_i32(R[3], R[3], R[1]);
    tcg_gen_shli_i32(t, R[1], 3);
    tcg_gen_add_i32(R[4], R[4], t);
}

static void body_mem(void)
{
    tcg_gen_qemu_ld_i32(R[5], R[6], 0, MO_LEUL);
    tcg_gen_addi_i32(R[5], R[5], 1);
    tcg_gen_qemu_st_i32(R[5], R[6], 0, MO_LEUL);
    tcg_gen_addi_i32(R[6], R[6], 4);
    tcg_gen_andi_i32(R[6], R[6], 0x3ffc);
}

static void body_call(void)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_call2(&h_mix, tcgv_temp(t), tcgv_temp(R[1]), tcgv_temp(R[2]));
    tcg_gen_mov_i32(R[1], t);
}

static void build_loop(BodyFn *body, unsigned *ops_per_iter)
{
    TCGLabel *l = gen_new_label();

    tcg_func_start();
    tcg_gen_insn_start(0, 0, 0);
    gen_set_label(l);
    body();
    tcg_gen_subi_i32(R[0], R[0], 1);
    tcg_gen_brcondi_i32(TCG_COND_NE, R[0], 0, l);
    tcg_gen_exit_tb(TB_EXIT_NOCHAIN);
    finish();
    *ops_per_iter = ops_in_loop(code, tb.code_units);
}

/* One guest-block-sized TB chained to itself: measures TB entry. */
static void build_chain(unsigned *ops_per_iter)
{
    tcg_func_start();
    tcg_gen_insn_start(0, 0, 0);
    tcg_gen_addi_i32(R[1], R[1], 1);
    tcg_gen_add_i32(R[2], R[2], R[1]);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(TB_EXIT_IDX0);
    finish();
    tb.jmp_dest[0] = &tb;
    *ops_per_iter = 3;
}

static double run_once(ExecFn *fn, uint32_t iters, bool chain)
{
    gint64 t0, t1;

    memset(cpu->r, 0, sizeof(cpu->r));
    cpu->r[0] = iters;
    cpu->r[2] = 3;
    cpu->cs.icount_budget = chain ? iters : 1;
    t0 = g_get_monotonic_time();
    fn(&cpu->cs, &tb);
    t1 = g_get_monotonic_time();
    return (double)(t1 - t0) / 1e6;
}

static void bench(const char *name, ExecFn *const fns[2], uint32_t iters,
                  unsigned ops, bool chain)
{
    double best[2] = { 1e9, 1e9 };

    /* Interleave and keep the best of 3: less noise from other loads. */
    for (int rep = 0; rep < 3; rep++) {
        for (int v = 0; v < 2; v++) {
            double s = run_once(fns[v], iters, chain);
            if (s < best[v]) {
                best[v] = s;
            }
        }
    }
    double m0 = iters * (double)ops / best[0] / 1e6;
    double m1 = iters * (double)ops / best[1] / 1e6;
    printf("%-8s %10u iters x %2u ops  switch %8.1f Mops/s  threaded %8.1f "
           "Mops/s  ratio %.2f\n", name, iters, ops, m0, m1, m1 / m0);
}

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    uint32_t n = (uint32_t)(20e6 * (scale > 0 ? scale : 1.0));
    ExecFn *const fns[2] = { tci_exec_switch, tci_exec_threaded };
    MemAddressSpace *as = mem_as_new();
    TCGContext *ctx = tcg_context_new();
    unsigned ops;
    void *p;

    cpu = g_new0(BenchCPU, 1);
    if (mem_add_ram(as, "ram", 0x40000000, 0x10000, &p) < 0 ||
        tlb_init(&cpu->cs.tlb, as, 1, &hooks, cpu) < 0) {
        fprintf(stderr, "bench: setup failed\n");
        return 1;
    }
    ram = p;
    tcg_set_current(ctx);
    for (int i = 0; i < 8; i++) {
        R[i] = tcg_global_mem_new_i32(offsetof(BenchCPU, r[i]), "r");
    }
    printf("threaded dispatch: %s\n", tci_have_threaded ? "computed goto" :
           "not available (switch twice)");
    build_loop(body_alu, &ops);
    bench("alu", fns, n, ops, false);
    build_loop(body_mem, &ops);
    bench("mem", fns, n / 2, ops, false);
    build_loop(body_call, &ops);
    bench("call", fns, n / 2, ops, false);
    build_chain(&ops);
    bench("chain", fns, n / 2, ops, true);
    tlb_destroy(&cpu->cs.tlb);
    mem_as_free(as);
    tcg_context_free(ctx);
    g_free(cpu);
    (void)ram;
    return 0;
}
