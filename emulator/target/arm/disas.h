/*
 * disas.h - the A32/T32 disassembler behind -d in_asm and the monitor's x/i
 *
 * disas-capstone.c uses Debian's capstone; disas-none.c stands in on
 * builds without it, where -d in_asm is refused at option parsing and
 * the monitor's x/i says there is no disassembler.
 */
#ifndef TARGET_ARM_DISAS_H
#define TARGET_ARM_DISAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/**
 * arm_disas: write the instructions in @code (@len bytes that start at
 * guest address @pc) to @f, one a line, as QEMU's in_asm does:
 * "0x%08x:  <encoding>  <mnemonic> <operands>".  An encoding the
 * disassembler does not know is printed as "<unknown>" and skipped.
 * @thumb: T32 (Thumb-2 and 16-bit Thumb) rather than A32.
 */
void arm_disas(FILE *f, uint64_t pc, const uint8_t *code, size_t len,
               bool thumb);

/**
 * arm_disas_insn: format the one instruction at the start of @code (@len
 * bytes, guest address @pc) into @out as arm_disas does a line (no
 * newline). Returns its size in bytes, or 0 if @len holds no whole
 * instruction.
 */
size_t arm_disas_insn(char *out, size_t outsize, uint64_t pc,
                      const uint8_t *code, size_t len, bool thumb);

/** arm_disas_available: whether this build has a disassembler. */
bool arm_disas_available(void);

#endif /* TARGET_ARM_DISAS_H */
