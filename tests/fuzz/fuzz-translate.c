/*
 * fuzz-translate.c - the A32/T32/VFP decoders and translator, the IR
 * optimiser and bytecode generator, and the interpreter: random
 * instruction words are translated and run on an ARMCPU over plain RAM.
 *
 * Input: one flags byte (bit 0: Thumb; bit 1: user mode; bit 2: VFP on;
 * bit 3: run up to 256 instructions instead of one TB's worth), then the
 * code, copied to CODE_BASE.  Memory map as in tests/arm-translate: RAM
 * from 0, each exception vector holds WFI, so an exception ends the run;
 * the rest of RAM is WFI too (in the input's instruction set), so a
 * branch anywhere ends it quickly instead of translating a page of
 * zeros.  Loads and stores outside RAM abort in the guest (no device is
 * mapped).
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/cpu.h"
#include "mem/memory.h"
#include "target/arm/cpu.h"

#define RAM_SIZE   0x10000u
#define CODE_BASE  0x1000u
#define CODE_MAX   0x400u
#define DATA_BASE  0x8000u
#define A32_WFI    0xe320f003u
#define T32_WFI    0xbf30u      /* 16-bit WFI (T16) */

static MemAddressSpace *as;
static uint8_t *ram;
static ARMCPU *cpu;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    void *host;

    as = mem_as_new();
    cpu = g_new0(ARMCPU, 1);
    if (exec_init(0) != 0 || mem_add_ram(as, "ram", 0, RAM_SIZE, &host) != 0 ||
        arm_cpu_init(cpu, as, 0) != 0) {
        fprintf(stderr, "fuzz-translate: setup failed\n");
        abort();
    }
    ram = host;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CPUARMState *env = &cpu->env;
    size_t len;
    uint32_t fill;
    uint8_t flags;

    if (size < 3) {
        return 0;
    }
    flags = data[0];
    len = MIN(size - 1, CODE_MAX - 4);

    fill = (flags & 1) ? T32_WFI << 16 | T32_WFI : A32_WFI;
    for (unsigned i = 0; i < RAM_SIZE; i += 4) {
        memcpy(ram + i, i < 32 ? &(uint32_t){ A32_WFI } : &fill, 4);
    }
    memcpy(ram + CODE_BASE, data + 1, len);
    /* Translate afresh: the previous input's TBs are gone. */
    tb_flush();

    arm_cpu_reset(cpu);
    if (flags & 4) {
        env->cp15.cpacr = 0xfu << 20;
        env->vfp.fpexc = FPEXC_EN;
    }
    for (int r = 0; r < 13; r++) {
        env->regs[r] = DATA_BASE + 16 * (uint32_t)r;
    }
    env->regs[13] = RAM_SIZE - 0x100;
    env->regs[15] = CODE_BASE;
    env->thumb = flags & 1;
    if (flags & 2) {
        arm_cpsr_write(env, ARM_CPU_MODE_USR, CPSR_M, CPSRWriteRaw);
    }
    cpu_exec(&cpu->parent, (flags & 8) ? 256 : 32);
    return 0;
}
