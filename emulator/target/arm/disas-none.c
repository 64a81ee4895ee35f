/*
 * disas-none.c - no guest disassembler on this build (no capstone):
 * -d in_asm is refused when options are parsed, so nothing calls this.
 */
#include "target/arm/disas.h"

void arm_disas(FILE *f, uint64_t pc, const uint8_t *code, size_t len,
               bool thumb)
{
    (void)pc; (void)code; (void)len; (void)thumb;
    fputs("(no disassembler on this build)\n", f);
}
