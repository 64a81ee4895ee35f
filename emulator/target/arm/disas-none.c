/*
 * disas-none.c - no guest disassembler on this build (no capstone):
 * -d in_asm is refused when options are parsed, and the monitor's x/i
 * asks arm_disas_available() first.
 */
#include "target/arm/disas.h"

void arm_disas(FILE *f, uint64_t pc, const uint8_t *code, size_t len,
               bool thumb)
{
    (void)pc; (void)code; (void)len; (void)thumb;
    fputs("(no disassembler on this build)\n", f);
}

size_t arm_disas_insn(char *out, size_t outsize, uint64_t pc,
                      const uint8_t *code, size_t len, bool thumb)
{
    (void)out; (void)outsize; (void)pc; (void)code; (void)len; (void)thumb;
    return 0;
}

bool arm_disas_available(void)
{
    return false;
}
