/*
 * gdbstub-arm.c - ARM registers and target description for a gdbstub
 */
#include "target/arm/gdbstub-arm.h"

#include <string.h>

static const char target_xml[] =
    "<?xml version=\"1.0\"?>"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
    "<target><architecture>arm</architecture>"
    "<xi:include href=\"arm-core.xml\"/>"
    "<xi:include href=\"arm-vfp.xml\"/></target>";

/* Written out rather than generated: it is what GDB validates. */
static const char core_xml[] =
    "<?xml version=\"1.0\"?>"
    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">"
    "<feature name=\"org.gnu.gdb.arm.core\">"
    "<reg name=\"r0\" bitsize=\"32\"/><reg name=\"r1\" bitsize=\"32\"/>"
    "<reg name=\"r2\" bitsize=\"32\"/><reg name=\"r3\" bitsize=\"32\"/>"
    "<reg name=\"r4\" bitsize=\"32\"/><reg name=\"r5\" bitsize=\"32\"/>"
    "<reg name=\"r6\" bitsize=\"32\"/><reg name=\"r7\" bitsize=\"32\"/>"
    "<reg name=\"r8\" bitsize=\"32\"/><reg name=\"r9\" bitsize=\"32\"/>"
    "<reg name=\"r10\" bitsize=\"32\"/><reg name=\"r11\" bitsize=\"32\"/>"
    "<reg name=\"r12\" bitsize=\"32\"/>"
    "<reg name=\"sp\" bitsize=\"32\" type=\"data_ptr\"/>"
    "<reg name=\"lr\" bitsize=\"32\"/>"
    "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\"/>"
    "<reg name=\"cpsr\" bitsize=\"32\" regnum=\"25\"/>"
    "</feature>";

static const char vfp_xml[] =
    "<?xml version=\"1.0\"?>"
    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">"
    "<feature name=\"org.gnu.gdb.arm.vfp\">"
    "<reg name=\"d0\" bitsize=\"64\" type=\"ieee_double\" regnum=\"26\"/>"
    "<reg name=\"d1\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d2\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d3\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d4\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d5\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d6\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d7\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d8\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d9\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d10\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d11\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d12\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d13\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d14\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d15\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d16\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d17\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d18\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d19\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d20\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d21\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d22\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d23\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d24\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d25\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d26\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d27\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d28\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d29\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d30\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"d31\" bitsize=\"64\" type=\"ieee_double\"/>"
    "<reg name=\"fpscr\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
    "</feature>";

const char *arm_gdb_xml(const char *annex)
{
    if (!strcmp(annex, "target.xml")) {
        return target_xml;
    }
    if (!strcmp(annex, "arm-core.xml")) {
        return core_xml;
    }
    if (!strcmp(annex, "arm-vfp.xml")) {
        return vfp_xml;
    }
    return NULL;
}

int arm_gdb_g_reg(int i)
{
    return i < 16 ? i : ARM_GDB_CPSR;
}

static void put32(uint8_t *b, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        b[i] = (uint8_t)(v >> (8 * i));
    }
}

static uint32_t get32(const uint8_t *b)
{
    return b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
           (uint32_t)b[3] << 24;
}

int arm_gdb_read_register(ARMCPU *cpu, int n, uint8_t *buf)
{
    CPUARMState *env = &cpu->env;

    if (n >= 0 && n < 16) {
        put32(buf, env->regs[n]);
        return 4;
    }
    if (n == ARM_GDB_CPSR) {
        put32(buf, arm_cpsr_read(env));
        return 4;
    }
    if (n >= ARM_GDB_D0 && n < ARM_GDB_D0 + 32) {
        uint64_t d = env->vfp.d[n - ARM_GDB_D0];
        put32(buf, (uint32_t)d);
        put32(buf + 4, (uint32_t)(d >> 32));
        return 8;
    }
    if (n == ARM_GDB_FPSCR) {
        put32(buf, env->vfp.fpscr);
        return 4;
    }
    return 0;
}

int arm_gdb_write_register(ARMCPU *cpu, int n, const uint8_t *buf)
{
    CPUARMState *env = &cpu->env;

    if (n >= 0 && n < 15) {
        env->regs[n] = get32(buf);
        return 4;
    }
    if (n == 15) {
        /* The instruction set stays as CPSR.T says: drop the low bits. */
        env->regs[15] = get32(buf) & (env->thumb ? ~1u : ~3u);
        return 4;
    }
    if (n == ARM_GDB_CPSR) {
        /* A debugger may change anything, the mode included (re-banked). */
        arm_cpsr_write(env, get32(buf), 0xffffffffu, CPSRWriteRaw);
        return 4;
    }
    if (n >= ARM_GDB_D0 && n < ARM_GDB_D0 + 32) {
        env->vfp.d[n - ARM_GDB_D0] = get32(buf) | (uint64_t)get32(buf + 4) << 32;
        return 8;
    }
    if (n == ARM_GDB_FPSCR) {
        arm_fpscr_write(env, get32(buf));
        return 4;
    }
    return 0;
}
