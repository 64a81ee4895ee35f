/*
 * gdbstub-arm.h - the ARM CPU as GDB's remote protocol sees it: register
 * numbers, their byte images (little-endian, target order) and the
 * target description (features org.gnu.gdb.arm.core and .vfp).
 */
#ifndef TARGET_ARM_GDBSTUB_ARM_H
#define TARGET_ARM_GDBSTUB_ARM_H

#include <stddef.h>
#include <stdint.h>

#include "target/arm/cpu.h"

/*
 * GDB register numbers: r0-r15 are 0-15; cpsr is 25 (GDB's ARM numbering
 * keeps 16-24 for the old FPA registers); d0-d31 are 26-57, fpscr 58.
 * The 'g' packet carries r0-r15 and cpsr; the VFP registers go by 'p'.
 */
#define ARM_GDB_CPSR     25
#define ARM_GDB_D0       26
#define ARM_GDB_FPSCR    58
#define ARM_GDB_NUM_REGS 59
#define ARM_GDB_G_REGS   17     /* r0-r15, cpsr */

/**
 * arm_gdb_read_register: GDB register @n of @cpu into @buf (8 bytes).
 * Returns: its size in bytes (4 or 8), or 0 if @n is not a register.
 */
int arm_gdb_read_register(ARMCPU *cpu, int n, uint8_t *buf);
/**
 * arm_gdb_write_register: set GDB register @n from @buf (as read).
 * Returns: the bytes used (4 or 8), or 0 if @n is not a register.
 */
int arm_gdb_write_register(ARMCPU *cpu, int n, const uint8_t *buf);
/** arm_gdb_g_reg: the GDB number of the @i-th register of a 'g' packet. */
int arm_gdb_g_reg(int i);
/**
 * arm_gdb_xml: the target description file @annex ("target.xml",
 * "arm-core.xml", "arm-vfp.xml"), or NULL.
 */
const char *arm_gdb_xml(const char *annex);

#endif
