/*
 * Shared fixture for the target/arm suites: a real address space with
 * RAM, the real exec room, and one ARMCPU after reset.
 */
#ifndef ARM_TEST_UTIL_H
#define ARM_TEST_UTIL_H

#include <check.h>
#include <setjmp.h>

#include "target/arm/cpu.h"

#define TEST_RAM_BASE 0x40000000u
#define TEST_RAM_SIZE (4u << 20)

typedef struct ArmTest {
    MemAddressSpace *as;
    uint8_t *ram;
    ARMCPU *cpu;
    CPUARMState *env;
    CPUState *cs;
} ArmTest;

/* The fixture of the running test (set by arm_test_setup). */
extern ArmTest at;

/* Checked fixture: address space, RAM at TEST_RAM_BASE, CPU after reset. */
void arm_test_setup(void);
void arm_test_teardown(void);

/* Write a 32-bit little-endian word into test RAM at physical @pa. */
void arm_test_poke(uint32_t pa, uint32_t val);

/*
 * ARM_CATCH(stmt): run @stmt as if inside cpu_exec() (the engine refuses
 * cpu_loop_exit() anywhere else); evaluates to EXCP_NONE if it returned,
 * or to the exception_index it left with through cpu_loop_exit().
 */
#define ARM_CATCH(excp_var, stmt)                        \
    do {                                                 \
        at.cs->exception_index = EXCP_NONE;              \
        at.cs->in_exec = true;                           \
        if (setjmp(at.cs->jmp_env) == 0) {               \
            stmt;                                        \
            (excp_var) = EXCP_NONE;                      \
        } else {                                         \
            (excp_var) = at.cs->exception_index;         \
        }                                                \
        at.cs->in_exec = false;                          \
    } while (0)

#endif
