/*
 * Stand-in for the translator when target/arm/tcg is not in the build
 * (unit tests of the CPU model): translating is a fatal error.
 */
#include <glib.h>

#include "target/arm/cpu.h"

void arm_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    g_error("portos-arm was built without the ARM translator");
}
