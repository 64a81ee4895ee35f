/*
 * The execution loop with a toy guest ISA defined here: TB caching and
 * chaining, jump-cache lookups, interrupts between blocks, the exact
 * instruction budget, precise exceptions from helpers and the TLB,
 * self-modifying code (including a block modifying itself), TLB remaps
 * and code-buffer flushes.
 *
 * Toy ISA, 32-bit little-endian words: op = insn >> 24, rd = bits 20-22,
 * rs = bits 16-18, rt = bits 12-14, imm = low 16 bits.
 */
#include <check.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stddef.h>
#include <string.h>

#include "exec/cpu.h"
#include "exec/translator.h"
#include "mem/memory.h"
#include "portos-test.h"
#include "tcg/tcg-op.h"
#include "util/log.h"

enum {
    OP_LI = 1,    /* rd = imm */
    OP_ADD = 2,   /* rd = rs + rt */
    OP_ADDI = 3,  /* rd = rs + simm */
    OP_BNZ = 4,   /* if rs != 0: pc += 4 + simm * 4 */
    OP_J = 5,     /* pc += 4 + simm * 4 */
    OP_JR = 6,    /* pc = rs */
    OP_LW = 7,    /* rd = [rs + simm] */
    OP_SW = 8,    /* [rs + simm] = rd */
    OP_WFI = 9,
    OP_SWI = 10,
    OP_STI = 11,
    OP_CLI = 12,
    OP_RETI = 13,
    OP_UDF = 15,
    OP_LUI = 16,  /* rd = imm << 16 */
};

enum { EXC_UDF = 1, EXC_SWI = 2, EXC_DABT = 3, EXC_BUS = 4, EXC_IRQ = 5 };

#define RAM_BASE 0x40000000u
#define DEV_VADDR 0x20000u
#define VECTOR 0x3000u

typedef struct ToyCPU {
    CPUState cs;
    uint32_t r[8];
    uint32_t pc;
    uint32_t ie;
    uint32_t epc;
    uint32_t cause;
    int excp_taken, irq_taken;
    uint32_t remap;     /* physical offset of virtual page 0x8000 */
    uint32_t remap2;    /* physical offset of virtual page 0x9000 */
    bool cross_pages;   /* TBs may run into a second page */
    uint32_t vector;    /* where exceptions go (VECTOR unless a test moves it) */
} ToyCPU;

static ToyCPU *cpu;
static MemAddressSpace *as;
static uint8_t *ram;
static TCGv_i32 cpu_r[8], cpu_pc, cpu_ie;

static uint32_t I(int op, int rd, int rs, int imm)
{
    return ((uint32_t)op << 24) | ((uint32_t)rd << 20) | ((uint32_t)rs << 16) |
           ((uint32_t)imm & 0xffff);
}

static uint32_t ADD(int rd, int rs, int rt)
{
    return I(OP_ADD, rd, rs, 0) | ((uint32_t)rt << 12);
}

/* Branch from @at to @to. */
static uint32_t BR(int op, int rs, uint32_t at, uint32_t to)
{
    return I(op, 0, rs, (int)((int32_t)(to - at - 4) / 4));
}

static void put(uint32_t addr, uint32_t insn)
{
    for (int i = 0; i < 4; i++) {
        ram[addr + i] = (uint8_t)(insn >> (8 * i));
    }
}

static void load(uint32_t addr, const uint32_t *prog, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        put(addr + 4 * (uint32_t)i, prog[i]);
    }
}

static uint32_t rd32(uint32_t addr)
{
    return ram[addr] | ram[addr + 1] << 8 | ram[addr + 2] << 16 |
           (uint32_t)ram[addr + 3] << 24;
}

/* ---- device at DEV_VADDR: 0 log, 4 ack irq, 8 cpu_exit, c magic ---- */

static uint32_t dev_log;

static uint64_t dev_read(void *opaque, uint64_t off, unsigned size)
{
    return off == 0xc ? 0x1234 : 0;
}

static void dev_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    switch (off) {
    case 0: dev_log = (uint32_t)v; break;
    case 4: cpu_reset_interrupt(&cpu->cs, CPU_INTERRUPT_HARD); break;
    case 8: cpu_exit(&cpu->cs); break;
    }
}

static const MemOps dev_ops = { dev_read, dev_write };

/* ---- helpers ---- */

static void helper_wfi(struct CPUState *cs)
{
    cs->exception_index = EXCP_HLT;
    cpu_loop_exit(cs);
}

static void helper_raise(struct CPUState *cs, uint32_t excp)
{
    cpu_raise_exception(cs, (int)excp);
}

static const TCGHelper h_wfi = TCG_HELPER(v_, helper_wfi, 0);
static const TCGHelper h_raise = TCG_HELPER(v_i, helper_raise, 0);

/* ---- the translator ---- */

static void gen_goto(TranslationBlock *tb, unsigned slot, uint32_t dest)
{
    if (translator_use_goto_tb(tb, dest)) {
        tcg_gen_goto_tb(slot);
        tcg_gen_movi_i32(cpu_pc, (int32_t)dest);
        tcg_gen_exit_tb(slot);
    } else {
        tcg_gen_movi_i32(cpu_pc, (int32_t)dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

/* Returns true when the instruction ended the TB. */
static bool toy_insn(TranslationBlock *tb, uint32_t pc, uint32_t insn)
{
    int op = insn >> 24, rd = (insn >> 20) & 7, rs = (insn >> 16) & 7;
    int rt = (insn >> 12) & 7;
    int32_t simm = (int16_t)(insn & 0xffff);
    uint32_t imm = insn & 0xffff;
    TCGv_i32 t;

    switch (op) {
    case OP_LI:
        tcg_gen_movi_i32(cpu_r[rd], (int32_t)imm);
        return false;
    case OP_LUI:
        tcg_gen_movi_i32(cpu_r[rd], (int32_t)(imm << 16));
        return false;
    case OP_ADD:
        tcg_gen_add_i32(cpu_r[rd], cpu_r[rs], cpu_r[rt]);
        return false;
    case OP_ADDI:
        tcg_gen_addi_i32(cpu_r[rd], cpu_r[rs], simm);
        return false;
    case OP_BNZ: {
        TCGLabel *l = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_EQ, cpu_r[rs], 0, l);
        gen_goto(tb, 0, pc + 4 + (uint32_t)simm * 4);
        gen_set_label(l);
        gen_goto(tb, 1, pc + 4);
        return true;
    }
    case OP_J:
        gen_goto(tb, 0, pc + 4 + (uint32_t)simm * 4);
        return true;
    case OP_JR:
        tcg_gen_mov_i32(cpu_pc, cpu_r[rs]);
        tcg_gen_lookup_and_goto_ptr();
        return true;
    case OP_LW:
    case OP_SW:
        t = tcg_temp_new_i32();
        tcg_gen_addi_i32(t, cpu_r[rs], simm);
        if (op == OP_LW) {
            tcg_gen_qemu_ld_i32(cpu_r[rd], t, 0, MO_LEUL);
        } else {
            tcg_gen_qemu_st_i32(cpu_r[rd], t, 0, MO_LEUL);
        }
        return false;
    case OP_WFI:
        tcg_gen_movi_i32(cpu_pc, (int32_t)(pc + 4));
        tcg_gen_call0(&h_wfi, NULL);
        return true;
    case OP_SWI:
    case OP_UDF:
    default:
        tcg_gen_call1(&h_raise, NULL,
                      tcgv_temp(tcg_constant_i32(op == OP_SWI ? EXC_SWI : EXC_UDF)));
        return true;
    case OP_STI:
    case OP_CLI:
        tcg_gen_movi_i32(cpu_ie, op == OP_STI);
        /* May unmask an interrupt: back to the loop, unchained. */
        tcg_gen_movi_i32(cpu_pc, (int32_t)(pc + 4));
        tcg_gen_exit_tb(TB_EXIT_NOCHAIN);
        return true;
    case OP_RETI:
        tcg_gen_movi_i32(cpu_ie, 1);
        tcg_gen_ld_i32(cpu_pc, tcg_env, offsetof(ToyCPU, epc));
        tcg_gen_exit_tb(TB_EXIT_NOCHAIN);
        return true;
    }
}

static int translations;

static void toy_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    uint32_t pc = (uint32_t)tb->pc;
    bool end = false;
    int n = 0;

    translations++;
    while (!end && n < max_insns) {
        if (n > 0 && ((pc ^ tb->pc) & TARGET_PAGE_MASK) &&
            !((ToyCPU *)cs)->cross_pages) {
            break;   /* one page per TB */
        }
        uint32_t insn = translator_ldl(cs, tb, pc);
        tcg_gen_insn_start(pc, 0, 0);
        end = toy_insn(tb, pc, insn);
        pc += 4;
        n++;
    }
    if (!end) {
        gen_goto(tb, 0, pc);
    }
    tb->size = pc - (uint32_t)tb->pc;
}

static void toy_get_tb_state(CPUState *cs, uint64_t *pc, uint64_t *flags)
{
    ToyCPU *c = (ToyCPU *)cs;

    *pc = c->pc;
    *flags = c->ie;
}

static unsigned toy_mmu_index(CPUState *cs, bool ifetch)
{
    return 0;
}

static bool toy_tlb_fill(CPUState *cs, uint64_t vaddr, unsigned size,
                         MMUAccessType access, unsigned mmu_idx, bool probe)
{
    ToyCPU *c = (ToyCPU *)cs;
    uint64_t page = vaddr & TARGET_PAGE_MASK;

    if (page == 0x8000) {
        tlb_set_page(&cs->tlb, vaddr, RAM_BASE + 0x8000 + c->remap, PAGE_READ |
                     PAGE_WRITE | PAGE_EXEC, mmu_idx);
    } else if (page == 0x9000) {
        tlb_set_page(&cs->tlb, vaddr, RAM_BASE + 0x9000 + c->remap2,
                     PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx);
    } else if (vaddr < 0x10000) {
        tlb_set_page(&cs->tlb, vaddr, RAM_BASE + vaddr, PAGE_READ |
                     PAGE_WRITE | PAGE_EXEC, mmu_idx);
    } else if (page == DEV_VADDR) {
        tlb_set_page(&cs->tlb, vaddr, 0x09000000, PAGE_READ | PAGE_WRITE,
                     mmu_idx);
    } else if (page == 0x30000) {
        /* mapped, but to no physical memory */
        tlb_set_page(&cs->tlb, vaddr, 0x30000000, PAGE_READ | PAGE_WRITE |
                     PAGE_EXEC, mmu_idx);
    } else if (probe) {
        return false;
    } else {
        cpu_raise_exception(cs, EXC_DABT);
    }
    return true;
}

static void toy_bus_error(CPUState *cs, uint64_t vaddr, uint64_t paddr,
                          unsigned size, MMUAccessType access,
                          unsigned mmu_idx)
{
    cpu_raise_exception(cs, EXC_BUS);
}

static void toy_unaligned(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                          unsigned mmu_idx)
{
    cpu_raise_exception(cs, EXC_DABT);
}

static bool toy_exec_interrupt(CPUState *cs, uint32_t req)
{
    ToyCPU *c = (ToyCPU *)cs;

    if ((req & CPU_INTERRUPT_HARD) && c->ie) {
        c->epc = c->pc;
        c->cause = EXC_IRQ;
        c->pc = VECTOR;
        c->ie = 0;
        c->irq_taken++;
        return true;
    }
    return false;
}

static void toy_do_interrupt(CPUState *cs)
{
    ToyCPU *c = (ToyCPU *)cs;

    c->epc = c->pc;
    c->cause = (uint32_t)cs->exception_index;
    c->pc = c->vector;
    c->ie = 0;
    c->excp_taken++;
}

static bool toy_has_work(CPUState *cs)
{
    return cs->interrupt_request & CPU_INTERRUPT_HARD;
}

static void toy_restore_state(CPUState *cs, const TranslationBlock *tb,
                              const uint64_t *data)
{
    ((ToyCPU *)cs)->pc = (uint32_t)data[0];
}

static const CPUOps toy_ops = {
    .translate = toy_translate,
    .get_tb_state = toy_get_tb_state,
    .mmu_index = toy_mmu_index,
    .tlb_fill = toy_tlb_fill,
    .bus_error = toy_bus_error,
    .unaligned = toy_unaligned,
    .exec_interrupt = toy_exec_interrupt,
    .do_interrupt = toy_do_interrupt,
    .has_work = toy_has_work,
    .restore_state = toy_restore_state,
};

static void setup(void)
{
    void *p;

    ck_assert_int_eq(exec_init(256 * 1024), 0);
    as = mem_as_new();
    ck_assert_int_eq(mem_add_ram(as, "ram", RAM_BASE, 0x10000, &p), 0);
    ram = p;
    ck_assert_int_eq(mem_add_mmio(as, "dev", 0x09000000, 0x100, &dev_ops, NULL), 0);
    cpu = g_new0(ToyCPU, 1);
    ck_assert_int_eq(cpu_init(&cpu->cs, &toy_ops, as, 1), 0);
    for (int i = 0; i < 8; i++) {
        static const char *const names[] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
        cpu_r[i] = tcg_global_mem_new_i32(offsetof(ToyCPU, r[i]), names[i]);
    }
    cpu_pc = tcg_global_mem_new_i32(offsetof(ToyCPU, pc), "pc");
    cpu_ie = tcg_global_mem_new_i32(offsetof(ToyCPU, ie), "ie");
    cpu->vector = VECTOR;
    /* The vector: WFI unless a test puts a handler there. */
    put(VECTOR, I(OP_WFI, 0, 0, 0));
    translations = 0;
    dev_log = 0;
}

static void teardown(void)
{
    cpu_destroy(&cpu->cs);
    g_free(cpu);
    mem_as_free(as);
    exec_exit();
}

static ExecStats stats(void)
{
    ExecStats st;

    exec_get_stats(&st);
    return st;
}

START_TEST(test_loop_cached_and_chained)
{
    const uint32_t prog[] = {
        I(OP_LI, 1, 0, 0),                 /* 0x1000 */
        I(OP_LI, 2, 0, 100),               /* 0x1004 */
        ADD(1, 1, 2),                      /* 0x1008 loop */
        I(OP_ADDI, 2, 2, -1),              /* 0x100c */
        BR(OP_BNZ, 2, 0x1010, 0x1008),     /* 0x1010 */
        I(OP_SW, 1, 0, 0x800),             /* 0x1014 */
        I(OP_WFI, 0, 0, 0),                /* 0x1018 */
    };

    load(0x1000, prog, G_N_ELEMENTS(prog));
    cpu->pc = 0x1000;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000000), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[1], 5050);
    ck_assert_uint_eq(rd32(0x800), 5050);
    ck_assert_uint_eq(cpu->pc, 0x101c);
    /* Exactly the instructions that ran. */
    ck_assert_uint_eq(cpu->cs.icount_total, 2 + 100 * 3 + 2);
    ExecStats st = stats();
    /* 3 blocks: entry, loop body, tail; the loop ran 100 times. */
    ck_assert_uint_eq(st.tbs_translated, 3);
    ck_assert_int_eq(translations, 3);
    ck_assert_uint_ge(st.tb_links, 2);
    /* Chained: the loop did not come back to the lookup each time. */
    ck_assert_uint_lt(st.tb_lookups_hash, 10);
    /* Halted with nothing to do. */
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HALTED);
    ck_assert(cpu->cs.halted);
}
END_TEST

START_TEST(test_icount_budget)
{
    const uint32_t prog[] = {
        I(OP_ADDI, 1, 1, 1),               /* 0x1000 */
        BR(OP_J, 0, 0x1004, 0x1000),       /* 0x1004 */
    };

    load(0x1000, prog, G_N_ELEMENTS(prog));
    cpu->pc = 0x1000;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_INTERRUPT);
    ck_assert_uint_eq(cpu->r[1], 500);
    ck_assert_uint_eq(cpu->cs.icount_total, 1000);
    ck_assert_int_eq(cpu->cs.icount_budget, 0);
    /* An odd slice ends inside a block: a shorter block is used. */
    ck_assert_int_eq(cpu_exec(&cpu->cs, 7), EXCP_INTERRUPT);
    ck_assert_uint_eq(cpu->r[1], 504);
    ck_assert_uint_eq(cpu->pc, 0x1004);
    ck_assert_uint_eq(cpu->cs.icount_total, 1007);
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1), EXCP_INTERRUPT);
    ck_assert_uint_eq(cpu->pc, 0x1000);
    ck_assert_uint_eq(cpu->r[1], 504);
    /* Same result sliced differently: deterministic. */
    for (int k = 0; k < 100; k++) {
        cpu_exec(&cpu->cs, 3);
    }
    ck_assert_uint_eq(cpu->cs.icount_total, 1308);
    ck_assert_uint_eq(cpu->r[1], 654);
    ck_assert_int_eq(cpu_exec(&cpu->cs, 0), EXCP_INTERRUPT);
    ck_assert_uint_eq(cpu->cs.icount_total, 1308);
}
END_TEST

/*
 * budget_at_most: a slice that ran something ends before a TB that does
 * not fit (no one-shot TB); a slice too small for the TB from its start
 * still gets a one-shot TB, so the CPU always moves on.
 */
START_TEST(test_budget_at_most)
{
    const uint32_t prog[] = {
        I(OP_ADDI, 1, 1, 1),               /* 0x1000 */
        BR(OP_J, 0, 0x1004, 0x1000),       /* 0x1004 */
    };
    uint64_t made;

    load(0x1000, prog, G_N_ELEMENTS(prog));
    cpu->pc = 0x1000;
    cpu->cs.budget_at_most = true;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 7), EXCP_INTERRUPT);
    ck_assert_uint_eq(cpu->r[1], 3);
    ck_assert_uint_eq(cpu->pc, 0x1000);
    ck_assert_uint_eq(cpu->cs.icount_total, 6);
    ck_assert_int_eq(cpu->cs.icount_budget, 1);
    made = stats().tbs_nocache;
    ck_assert_uint_eq(made, 0);
    /* Too small from the start: one instruction, one-shot. */
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1), EXCP_INTERRUPT);
    ck_assert_uint_eq(cpu->r[1], 4);
    ck_assert_uint_eq(cpu->pc, 0x1004);
    ck_assert_uint_eq(stats().tbs_nocache, 1);
    cpu->cs.budget_at_most = false;
}
END_TEST

static void load_irq_handler(void)
{
    const uint32_t handler[] = {
        I(OP_ADDI, 3, 3, 1),                  /* 0x3000 */
        I(OP_LUI, 4, 0, DEV_VADDR >> 16),     /* 0x3004 */
        I(OP_SW, 0, 4, 4),                    /* 0x3008: ack */
        I(OP_RETI, 0, 0, 0),                  /* 0x300c */
    };

    load(VECTOR, handler, G_N_ELEMENTS(handler));
}

START_TEST(test_interrupts)
{
    const uint32_t prog[] = {
        I(OP_STI, 0, 0, 0),                /* 0x1000 */
        I(OP_ADDI, 1, 1, 1),               /* 0x1004 */
        BR(OP_J, 0, 0x1008, 0x1004),       /* 0x1008 */
    };

    load(0x1000, prog, G_N_ELEMENTS(prog));
    load_irq_handler();
    cpu->pc = 0x1000;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 101), EXCP_INTERRUPT);
    ck_assert_uint_eq(cpu->r[1], 50);
    ck_assert_int_eq(cpu->irq_taken, 0);
    /* Raised between slices: taken at the next block boundary. */
    cpu_interrupt(&cpu->cs, CPU_INTERRUPT_HARD);
    ck_assert_int_eq(cpu_exec(&cpu->cs, 100), EXCP_INTERRUPT);
    ck_assert_int_eq(cpu->irq_taken, 1);
    ck_assert_uint_eq(cpu->r[3], 1);
    ck_assert_uint_eq(cpu->cs.interrupt_request, 0);   /* acked */
    ck_assert_uint_eq(cpu->epc, 0x1004);
    ck_assert_uint_eq(cpu->ie, 1);
    /* 4 handler instructions, the rest in the loop. */
    ck_assert_uint_eq(cpu->r[1], 50 + 48);

    /* Masked: stays pending, the guest keeps running; unmasking takes it. */
    cpu->ie = 0;
    cpu->pc = 0x1004;
    cpu_interrupt(&cpu->cs, CPU_INTERRUPT_HARD);
    ck_assert_int_eq(cpu_exec(&cpu->cs, 100), EXCP_INTERRUPT);
    ck_assert_int_eq(cpu->irq_taken, 1);
    ck_assert_uint_eq(cpu->r[1], 98 + 50);
    cpu->pc = 0x1000;   /* STI */
    ck_assert_int_eq(cpu_exec(&cpu->cs, 5), EXCP_INTERRUPT);
    ck_assert_int_eq(cpu->irq_taken, 2);
    ck_assert_uint_eq(cpu->r[3], 2);
}
END_TEST

START_TEST(test_halt_and_wake)
{
    const uint32_t prog[] = {
        I(OP_STI, 0, 0, 0),                /* 0x1000 */
        I(OP_WFI, 0, 0, 0),                /* 0x1004 */
        I(OP_LI, 5, 0, 77),                /* 0x1008 */
        I(OP_WFI, 0, 0, 0),                /* 0x100c */
    };

    load(0x1000, prog, G_N_ELEMENTS(prog));
    load_irq_handler();
    cpu->pc = 0x1000;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HALTED);
    ck_assert_uint_eq(cpu->cs.icount_total, 2);
    cpu_interrupt(&cpu->cs, CPU_INTERRUPT_HARD);
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_int_eq(cpu->irq_taken, 1);
    ck_assert_uint_eq(cpu->r[5], 77);
    ck_assert_uint_eq(cpu->cs.icount_total, 2 + 4 + 2);
}
END_TEST

START_TEST(test_precise_exceptions)
{
    const uint32_t prog[] = {
        I(OP_LI, 1, 0, 1),                 /* 0x1000 */
        I(OP_LI, 2, 0, 2),                 /* 0x1004 */
        I(OP_UDF, 0, 0, 0),                /* 0x1008 */
        I(OP_LI, 3, 0, 3),                 /* 0x100c */
    };

    load(0x1000, prog, G_N_ELEMENTS(prog));
    cpu->pc = 0x1000;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_int_eq(cpu->excp_taken, 1);
    ck_assert_uint_eq(cpu->cause, EXC_UDF);
    ck_assert_uint_eq(cpu->epc, 0x1008);
    ck_assert_uint_eq(cpu->r[2], 2);
    ck_assert_uint_eq(cpu->r[3], 0);
    /* LI, LI, then the vector's WFI: the faulting insn is not counted. */
    ck_assert_uint_eq(cpu->cs.icount_total, 3);

    /* A data abort in the middle of a block (TLB fill fault). */
    const uint32_t prog2[] = {
        I(OP_LUI, 5, 0, 7),                /* 0x1100: r5 = 0x70000 */
        I(OP_LI, 1, 0, 11),                /* 0x1104 */
        I(OP_LW, 6, 5, 0),                 /* 0x1108 */
        I(OP_LI, 1, 0, 12),                /* 0x110c */
    };
    load(0x1100, prog2, G_N_ELEMENTS(prog2));
    cpu->pc = 0x1100;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->cause, EXC_DABT);
    ck_assert_uint_eq(cpu->epc, 0x1108);
    ck_assert_uint_eq(cpu->r[1], 11);

    /* A bus error: mapped virtual page, nothing physical behind it. */
    const uint32_t prog3[] = {
        I(OP_LUI, 5, 0, 3),                /* 0x1200: r5 = 0x30000 */
        I(OP_SW, 1, 5, 0x10),              /* 0x1204 */
        I(OP_LI, 1, 0, 13),                /* 0x1208 */
    };
    load(0x1200, prog3, G_N_ELEMENTS(prog3));
    cpu->pc = 0x1200;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->cause, EXC_BUS);
    ck_assert_uint_eq(cpu->epc, 0x1204);
    ck_assert_uint_eq(cpu->r[1], 11);

    /* Jumping to nowhere: prefetch-side faults at the target pc. */
    cpu->r[7] = 0x30000;
    const uint32_t prog4[] = { I(OP_JR, 0, 7, 0) };
    load(0x1300, prog4, 1);
    cpu->pc = 0x1300;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->cause, EXC_BUS);
    ck_assert_uint_eq(cpu->epc, 0x30000);
    cpu->r[7] = 0x50000;
    cpu->pc = 0x1300;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->cause, EXC_DABT);
    ck_assert_uint_eq(cpu->epc, 0x50000);
    ck_assert_int_eq(cpu->excp_taken, 5);
}
END_TEST

/*
 * An exception vector that cannot be fetched: every entry faults again
 * before an instruction runs.  cpu_exec() must still return after a
 * bounded number of entries (the old loop never did) without counting
 * them as instructions.
 */
START_TEST(test_abort_loop_returns)
{
    const uint32_t prog[] = { I(OP_UDF, 0, 0, 0) };

    load(0x1000, prog, 1);
    cpu->pc = 0x1000;
    cpu->vector = 0x50000;          /* unmapped: fetching it is a DABT */
    for (int slice = 1; slice <= 3; slice++) {
        int before = cpu->excp_taken;

        ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_INTERRUPT);
        ck_assert_int_eq(cpu->excp_taken - before, 1000);
        ck_assert_uint_eq(cpu->pc, 0x50000);
        ck_assert_uint_eq(cpu->cause, EXC_DABT);
    }
    ck_assert_uint_eq(cpu->cs.icount_total, 0);
    ck_assert_int_eq(cpu_exec(&cpu->cs, 0), EXCP_INTERRUPT);
    ck_assert_int_eq(cpu->excp_taken, 3000);
    /* Once the vector is fetchable, the guest runs on normally. */
    cpu->vector = VECTOR;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->pc, VECTOR + 4);
    ck_assert_uint_eq(cpu->cs.icount_total, 1);
}
END_TEST

/* SW r3 <- "LI r2, 9" built in registers; then run the patched code. */
#define PATCH_SEQ(target)                                 \
    I(OP_LI, 3, 0, 9),                                    \
    I(OP_LUI, 4, 0, (OP_LI << 8) | (2 << 4)),             \
    ADD(3, 3, 4),                                         \
    I(OP_SW, 3, 0, (target))

START_TEST(test_smc_other_block)
{
    const uint32_t victim[] = { I(OP_LI, 2, 0, 7), I(OP_WFI, 0, 0, 0) };
    const uint32_t writer[] = {
        PATCH_SEQ(0x1100),                 /* 0x1200.. */
        BR(OP_J, 0, 0x1210, 0x1100),       /* 0x1210 */
    };

    load(0x1100, victim, 2);
    load(0x1200, writer, G_N_ELEMENTS(writer));
    cpu->pc = 0x1100;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[2], 7);
    /* Run it again: cached. */
    cpu->pc = 0x1100;
    cpu->cs.halted = false;
    cpu_exec(&cpu->cs, 1000);
    ck_assert_int_eq(translations, 1);
    /* The guest rewrites it, then jumps there. */
    cpu->pc = 0x1200;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(rd32(0x1100), I(OP_LI, 2, 0, 9));
    ck_assert_uint_eq(cpu->r[2], 9);
    ck_assert_uint_ge(stats().tbs_invalidated, 1);
    /* A DMA-style write (loader, device) invalidates too. */
    uint32_t li5 = I(OP_LI, 2, 0, 5);
    uint8_t b[4] = { (uint8_t)li5, (uint8_t)(li5 >> 8), (uint8_t)(li5 >> 16),
                     (uint8_t)(li5 >> 24) };
    ck_assert_int_eq(mem_write(as, RAM_BASE + 0x1100, b, 4), MEM_TX_OK);
    cpu->pc = 0x1100;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[2], 5);
}
END_TEST

START_TEST(test_smc_same_block)
{
    const uint32_t prog[] = {
        PATCH_SEQ(0x1410),                 /* 0x1400..0x140c */
        I(OP_LI, 2, 0, 7),                 /* 0x1410: patched to LI r2, 9 */
        I(OP_WFI, 0, 0, 0),                /* 0x1414 */
    };

    load(0x1400, prog, G_N_ELEMENTS(prog));
    /* Translate the block once first, so the store hits live code. */
    cpu->pc = 0x1410;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[2], 7);
    cpu->pc = 0x1400;
    cpu->cs.halted = false;
    uint64_t before = cpu->cs.icount_total;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[2], 9);
    /* The store ran once, and every instruction was counted once. */
    ck_assert_uint_eq(cpu->cs.icount_total - before, 6);
    ck_assert_uint_ge(stats().tbs_invalidated, 1);

    /* Same, inside a one-shot block cut short by the slice budget. */
    const uint32_t prog2[] = {
        PATCH_SEQ(0x1510),                 /* 0x1500..0x150c */
        I(OP_LI, 2, 0, 7),                 /* 0x1510: patched */
        I(OP_WFI, 0, 0, 0),                /* 0x1514 */
    };
    load(0x1500, prog2, G_N_ELEMENTS(prog2));
    cpu->pc = 0x1500;
    cpu->cs.halted = false;
    cpu->r[2] = 0;
    before = cpu->cs.icount_total;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 5), EXCP_INTERRUPT);
    ck_assert_uint_eq(cpu->r[2], 9);
    ck_assert_uint_eq(cpu->pc, 0x1514);
    ck_assert_uint_eq(cpu->cs.icount_total - before, 5);
}
END_TEST

START_TEST(test_cpu_exit_from_device)
{
    const uint32_t prog[] = {
        I(OP_LUI, 4, 0, DEV_VADDR >> 16),  /* 0x1000 */
        I(OP_ADDI, 1, 1, 1),               /* 0x1004 */
        I(OP_SW, 0, 4, 8),                 /* 0x1008: cpu_exit */
        I(OP_LW, 6, 4, 0xc),               /* 0x100c */
        BR(OP_J, 0, 0x1010, 0x1004),       /* 0x1010 */
    };

    load(0x1000, prog, G_N_ELEMENTS(prog));
    cpu->pc = 0x1000;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000000), EXCP_INTERRUPT);
    /* Left at the end of the block that made the request. */
    ck_assert_uint_eq(cpu->r[1], 1);
    ck_assert_uint_eq(cpu->r[6], 0x1234);
    ck_assert_uint_eq(cpu->cs.icount_total, 5);
}
END_TEST

START_TEST(test_indirect_jumps)
{
    const uint32_t prog[] = {
        I(OP_LI, 2, 0, 200),               /* 0x1000 */
        I(OP_LI, 7, 0, 0x100c),            /* 0x1004 */
        BR(OP_J, 0, 0x1008, 0x2000),       /* 0x1008: call */
        I(OP_ADDI, 2, 2, -1),              /* 0x100c */
        BR(OP_BNZ, 2, 0x1010, 0x1004),     /* 0x1010 */
        I(OP_WFI, 0, 0, 0),                /* 0x1014 */
    };
    const uint32_t func[] = {
        I(OP_ADDI, 1, 1, 3),               /* 0x2000 */
        I(OP_JR, 0, 7, 0),                 /* 0x2004: return */
    };

    load(0x1000, prog, G_N_ELEMENTS(prog));
    load(0x2000, func, G_N_ELEMENTS(func));
    cpu->pc = 0x1000;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 100000), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[1], 600);
    /* Returns find their target in the jump cache, inside the interpreter. */
    ck_assert_uint_lt(stats().tb_lookups_hash, 12);
}
END_TEST

START_TEST(test_remap_code_page)
{
    const uint32_t a[] = { I(OP_LI, 2, 0, 1), I(OP_WFI, 0, 0, 0) };
    const uint32_t b[] = { I(OP_LI, 2, 0, 2), I(OP_WFI, 0, 0, 0) };

    load(0x8000, a, 2);
    load(0x9000, b, 2);
    cpu->pc = 0x8000;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 100), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[2], 1);
    /* Same virtual page, other physical page: the target flushes. */
    cpu->remap = 0x1000;
    tlb_flush_page(&cpu->cs.tlb, 0x8000);
    cpu->pc = 0x8000;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 100), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[2], 2);
    cpu->remap = 0;
    tlb_flush(&cpu->cs.tlb);
    cpu->pc = 0x8000;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 100), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[2], 1);
    /* Both versions stayed cached: 2 + the vector's WFI. */
    ck_assert_uint_eq(stats().tbs_translated, 2);
}
END_TEST

/*
 * A TB that runs into a second page is found again (jump cache or hash
 * table, keyed by its first page) only while that second page still maps
 * where it did: another process may map other code there.
 */
START_TEST(test_remap_second_page)
{
    const uint32_t head[] = { I(OP_LI, 2, 0, 1), I(OP_LI, 3, 0, 5) };
    const uint32_t tail_a[] = { I(OP_LI, 4, 0, 7), I(OP_WFI, 0, 0, 0) };
    const uint32_t tail_b[] = { I(OP_LI, 4, 0, 9), I(OP_WFI, 0, 0, 0) };

    cpu->cross_pages = true;
    load(0x8ff8, head, 2);
    load(0x9000, tail_a, 2);
    load(0xa000, tail_b, 2);
    for (int round = 0; round < 4; round++) {
        /* Rounds 1 and 3: page 0x9000 maps to the other copy. */
        cpu->remap2 = (round & 1) ? 0x1000 : 0;
        tlb_flush(&cpu->cs.tlb);
        cpu->pc = 0x8ff8;
        cpu->r[4] = 0;
        cpu->cs.halted = false;
        ck_assert_int_eq(cpu_exec(&cpu->cs, 100), EXCP_HLT);
        ck_assert_uint_eq(cpu->r[3], 5);
        ck_assert_uint_eq(cpu->r[4], (round & 1) ? 9 : 7);
    }
    /* One TB per mapping of the second page, each found again later. */
    ck_assert_uint_eq(stats().tbs_translated, 2);
    cpu->cross_pages = false;
    cpu->remap2 = 0;
}
END_TEST

START_TEST(test_code_buffer_flush)
{
    enum { N = 1500 };
    /* N blocks in a row, each "ADDI r1, r1, 1; J next". */
    for (uint32_t k = 0; k < N; k++) {
        uint32_t at = 0x1000 + 8 * k;
        put(at, I(OP_ADDI, 1, 1, 1));
        put(at + 4, BR(OP_J, 0, at + 4, at + 8));
    }
    put(0x1000 + 8 * N, I(OP_WFI, 0, 0, 0));
    for (int round = 0; round < 2; round++) {
        cpu->r[1] = 0;
        cpu->pc = 0x1000;
        cpu->cs.halted = false;
        ck_assert_int_eq(cpu_exec(&cpu->cs, 100000), EXCP_HLT);
        ck_assert_uint_eq(cpu->r[1], N);
    }
    ExecStats st = stats();
    ck_assert_uint_ge(st.tb_flushes, 1);
    ck_assert_uint_le(st.code_bytes_used, 256 * 1024);
}
END_TEST

/* The log written since log_setup(..., @path, ...), closed; g_free it. */
static char *read_log(const char *path)
{
    char *text = NULL;

    log_close();
    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    return text;
}

static int count_lines_with(const char *text, const char *needle)
{
    int n = 0;

    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle)) {
        n++;
    }
    return n;
}

START_TEST(test_debug_nochain_trace)
{
    const uint32_t prog[] = {
        I(OP_ADDI, 1, 1, 1),               /* 0x1000 */
        BR(OP_BNZ, 1, 0x1004, 0x1000),     /* 0x1004: r1 counts up from -10 */
        I(OP_WFI, 0, 0, 0),                /* 0x1008 */
    };
    char *path = portos_test_tmpname("exec-log");
    char *text;

    load(0x1000, prog, G_N_ELEMENTS(prog));
    ck_assert_ptr_null(log_setup(LOG_EXEC, path, NULL));
    /* Chained: the loop, and -d exec, see only a few TBs. */
    cpu->r[1] = (uint32_t)-10;
    cpu->pc = 0x1000;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[1], 0);
    text = read_log(path);
    ck_assert_int_lt(count_lines_with(text, "Trace 0: "), 5);
    g_free(text);
    /* Unchained: every TB, each with its guest PC. */
    exec_set_debug(EXEC_DEBUG_NOCHAIN);
    ck_assert_ptr_null(log_setup(LOG_EXEC, path, NULL));
    cpu->r[1] = (uint32_t)-10;
    cpu->pc = 0x1000;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[1], 0);
    text = read_log(path);
    ck_assert_int_eq(count_lines_with(text, "Trace 0: "), 10 + 1);
    ck_assert_int_eq(count_lines_with(text, "/00001000/"), 10);
    ck_assert_int_eq(count_lines_with(text, "/00001008/"), 1);
    g_free(text);
    /* -dfilter: only the TB at 0x1008 (END-LEN form). */
    ck_assert_ptr_null(log_setup(LOG_EXEC, path, "0x100b-4"));
    cpu->r[1] = (uint32_t)-10;
    cpu->pc = 0x1000;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    text = read_log(path);
    ck_assert_int_eq(count_lines_with(text, "Trace 0: "), 1);
    ck_assert_int_eq(count_lines_with(text, "/00001008/"), 1);
    g_free(text);
    exec_set_debug(0);
    g_remove(path);
    g_free(path);
}
END_TEST

/* -d op,op_opt,out_asm: each translated TB's IR, before and after the
   optimizer, and its bytecode, in that order. */
START_TEST(test_log_translation)
{
    const uint32_t prog[] = {
        I(OP_LI, 2, 0, 7),                 /* 0x1000 */
        I(OP_ADDI, 2, 2, 5),               /* r2 = 12, folded by tcg-opt */
        I(OP_WFI, 0, 0, 0),
    };
    char *path = portos_test_tmpname("exec-log");
    char *text, *op, *opt, *out;

    load(0x1000, prog, G_N_ELEMENTS(prog));
    ck_assert_ptr_null(log_setup(LOG_OP | LOG_OP_OPT | LOG_OUT_ASM, path, NULL));
    cpu->pc = 0x1000;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    ck_assert_uint_eq(cpu->r[2], 12);
    text = read_log(path);
    op = strstr(text, "OP:\n");
    opt = strstr(text, "OP after optimization:\n");
    out = strstr(text, "OUT: [size=");
    ck_assert_ptr_nonnull(op);
    ck_assert_ptr_nonnull(opt);
    ck_assert_ptr_nonnull(out);
    ck_assert(op < opt && opt < out);
    /* The IR names the ops; the bytecode listing names its own. */
    ck_assert_ptr_nonnull(strstr(op, "insn_start"));
    ck_assert_ptr_nonnull(strstr(out, "exit_tb"));
    g_free(text);
    /* Off again: translating writes nothing. */
    ck_assert_ptr_null(log_setup(0, path, NULL));
    tb_flush();
    cpu->pc = 0x1000;
    cpu->cs.halted = false;
    ck_assert_int_eq(cpu_exec(&cpu->cs, 1000), EXCP_HLT);
    text = read_log(path);
    ck_assert_str_eq(text, "");
    g_free(text);
    g_remove(path);
    g_free(path);
}
END_TEST

START_TEST(test_init_errors)
{
    CPUState *cs = g_new0(CPUState, 1);
    CPUOps bad = toy_ops;

    bad.translate = NULL;
    ck_assert_int_eq(cpu_init(cs, &bad, as, 1), -EINVAL);
    ck_assert_int_eq(cpu_init(cs, &toy_ops, as, 0), -EINVAL);
    ck_assert_int_eq(exec_init(0), -EBUSY);
    g_free(cs);
}
END_TEST

Suite *suite_exec(void)
{
    Suite *s = suite_create("exec");
    TCase *tc = tcase_create("loop");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_loop_cached_and_chained);
    tcase_add_test(tc, test_icount_budget);
    tcase_add_test(tc, test_interrupts);
    tcase_add_test(tc, test_halt_and_wake);
    tcase_add_test(tc, test_precise_exceptions);
    tcase_add_test(tc, test_abort_loop_returns);
    tcase_add_test(tc, test_smc_other_block);
    tcase_add_test(tc, test_smc_same_block);
    tcase_add_test(tc, test_cpu_exit_from_device);
    tcase_add_test(tc, test_indirect_jumps);
    tcase_add_test(tc, test_remap_code_page);
    tcase_add_test(tc, test_budget_at_most);
    tcase_add_test(tc, test_remap_second_page);
    tcase_add_test(tc, test_code_buffer_flush);
    tcase_add_test(tc, test_debug_nochain_trace);
    tcase_add_test(tc, test_log_translation);
    tcase_add_test(tc, test_init_errors);
    suite_add_tcase(s, tc);
    return s;
}
