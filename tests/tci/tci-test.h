/*
 * Shared harness of the tci suite (test-tci.c, test-tci-flow.c): a dummy
 * CPU struct with IR globals, guest RAM behind a TLB, and helpers that
 * lower the current IR and run it with one dispatch variant.
 */
#ifndef TESTS_TCI_TCI_TEST_H
#define TESTS_TCI_TCI_TEST_H

#include <check.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "exec/cpu.h"
#include "mem/memory.h"
#include "mem/tlb.h"
#include "tcg/tcg-op.h"
#include "tci/tci-ops.h"
#include "tci/tci.h"

typedef struct TestCPU {
    CPUState cs;
    uint32_t r32[8];
    uint64_t r64[8];
    uint8_t bytes[32];
    uint64_t pc;
} TestCPU;

typedef uintptr_t ExecFn(CPUState *cs, TranslationBlock *tb);
/* [0]: switch dispatch, [1]: threaded dispatch (Check loop index _i). */
extern ExecFn *const variants[2];

extern TestCPU *cpu;
extern TCGContext *ctx;
extern TCGv_i32 R[8];    /* cpu->r32[] */
extern TCGv_i64 D[8];    /* cpu->r64[] */
extern uint16_t code[16384];
extern uint64_t insn_data[TCG_MAX_INSNS][TCG_INSN_START_WORDS];
extern uint32_t insn_end[TCG_MAX_INSNS];
extern TranslationBlock tb;
extern const CPUOps test_ops;

/* Guest virtual 0..0xffff is RAM (RAM_BASE), MMIO_VPAGE a device. */
#define RAM_BASE 0x40000000u
#define MMIO_VPAGE 0x20000u
extern uint8_t *ram;
extern int fills, dev_reads;
extern uint64_t dev_reg;
/* TLB faults (fill miss outside the map, bus error, unaligned) longjmp
 * here with 1, 2 and 3. */
extern jmp_buf fault_env;

void setup(void);
void teardown(void);
/* Start a block of one guest instruction. */
void begin(void);
/* Lower the current IR into @t, with its code at @buf. */
void gen_tb(TranslationBlock *t, uint16_t *buf, size_t units);
/* Lower the current IR into tb/code and run it with variants[v]. */
uintptr_t run(int v);
void reset_regs(void);

/* Tests of test-tci-flow.c, for the suite and the coverage test. */
extern const TTest *const *const tci_flow_tests[];
extern const unsigned tci_flow_tests_count;

#endif /* TESTS_TCI_TCI_TEST_H */
