/* Every identification register a guest can read (CP15 c0, the cache ID
   registers through CSSELR, the VFP ID registers, PMCEID, debug and
   Jazelle IDs), from PL1, so /proc/cpuinfo and feature probes see
   exactly what the CPU model implements. */
#include "rt.h"

#define MRC_14(op1, crn, crm, op2) ({ uint32_t _v; \
    __asm__ volatile("mrc p14, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(_v)); _v; })

static volatile uint32_t und_count;
static volatile uint32_t word = 0x11223344;

static int hook(int vec, rt_exc_frame *f)
{
    if (vec != VEC_UND)
        return 0;
    und_count++;
    if (f->spsr & 0x20)
        f->lr += 2;                     /* the probes are 32-bit T32 */
    return 1;
}

/* Run one instruction; print whether it was UNDEFINED. */
#define PROBE(name, insn) do { \
    und_count = 0; \
    __asm__ volatile(insn :: "r"(&word) : "memory", "r0", "r1", "r2", "cc"); \
    rt_printf("%-22s %s\n", name, und_count ? "undefined" : "ok"); \
} while (0)

/* Instructions and registers behind the ID bits (most have their own
   programs: muldiv for SDIV/UDIV, excl, vfp*, lpae, pmu, gictimer). */
static void probe_features(void)
{
    rt_hook = hook;
    /* Jazelle: trivial implementation, BXJ acts as BX */
    PROBE("BXJ", "adr r0, 1f\n\t"
#ifdef ISA_T32
          "orr r0, r0, #1\n\t"
#endif
          "bxj r0\n\t.balign 4\n1:");
    rt_printf("JIDR %08x JOSCR %08x JMCR %08x\n", MRC_14(7, c0, c0, 0), MRC_14(7, c1, c0, 0),
              MRC_14(7, c2, c0, 0));
    /* ThumbEE: TEECR/TEEHBR registers */
    __asm__ volatile("mcr p14, 6, %0, c0, c0, 0" :: "r"(0xffffffffu));
    __asm__ volatile("mcr p14, 6, %0, c1, c0, 0" :: "r"(0x12345678u));
    rt_printf("TEECR %08x TEEHBR %08x\n", MRC_14(6, c0, c0, 0), MRC_14(6, c1, c0, 0));
    __asm__ volatile("mcr p14, 6, %0, c0, c0, 0" :: "r"(0u));
#ifdef ISA_T32
    PROBE("LEAVEX", ".inst.w 0xf3bf8f0f");
#else
    /* SWP/SWPB (ID_ISAR4.SWP_frac) */
    PROBE("SWP", "mov r1, #0x55\n\tswp r2, r1, [%0]");
    PROBE("SWPB", "mov r1, #0x66\n\tswpb r2, r1, [%0]");
#endif
    PROBE("PLDW/PLI", "pldw [sp]\n\tpli [sp]");
    PROBE("SEV/WFE", "sev\n\twfe");
    rt_printf("word %08x\n", word);
}

#define SHOW(name, op1, crn, crm, op2) \
    rt_printf("%-9s %08x\n", name, MRC(op1, crn, crm, op2))

int main(void)
{
#ifdef ISA_T32
    rt_puts("idregs t32\n");
#else
    rt_puts("idregs a32\n");
#endif
    SHOW("MIDR", 0, c0, c0, 0);
    SHOW("CTR", 0, c0, c0, 1);
    SHOW("TCMTR", 0, c0, c0, 2);
    SHOW("TLBTR", 0, c0, c0, 3);
    SHOW("MIDR.4", 0, c0, c0, 4);
    SHOW("MPIDR", 0, c0, c0, 5);
    SHOW("REVIDR", 0, c0, c0, 6);
    SHOW("MIDR.7", 0, c0, c0, 7);
    SHOW("ID_PFR0", 0, c0, c1, 0);
    SHOW("ID_PFR1", 0, c0, c1, 1);
    SHOW("ID_DFR0", 0, c0, c1, 2);
    SHOW("ID_AFR0", 0, c0, c1, 3);
    SHOW("ID_MMFR0", 0, c0, c1, 4);
    SHOW("ID_MMFR1", 0, c0, c1, 5);
    SHOW("ID_MMFR2", 0, c0, c1, 6);
    SHOW("ID_MMFR3", 0, c0, c1, 7);
    SHOW("ID_ISAR0", 0, c0, c2, 0);
    SHOW("ID_ISAR1", 0, c0, c2, 1);
    SHOW("ID_ISAR2", 0, c0, c2, 2);
    SHOW("ID_ISAR3", 0, c0, c2, 3);
    SHOW("ID_ISAR4", 0, c0, c2, 4);
    SHOW("ID_ISAR5", 0, c0, c2, 5);
    SHOW("ID_MMFR4", 0, c0, c2, 6);
    SHOW("ID_ISAR6", 0, c0, c2, 7);
    SHOW("CLIDR", 1, c0, c0, 1);
    SHOW("AIDR", 1, c0, c0, 7);
    for (uint32_t s = 0; s < 16; s++) {
        MCR(2, c0, c0, 0, s);
        ISB();
        rt_printf("CSSELR %2u -> %x CCSIDR %08x\n", s, MRC(2, c0, c0, 0), MRC(1, c0, c0, 0));
    }
    MCR(2, c0, c0, 0, 0);
    SHOW("PMCR", 0, c9, c12, 0);
    SHOW("CBAR", 4, c15, c0, 0);
    {
        uint32_t fpsid, mvfr0, mvfr1, didr, jidr;
        __asm__ volatile("vmrs %0, fpsid\n\tvmrs %1, mvfr0\n\tvmrs %2, mvfr1"
                         : "=r"(fpsid), "=r"(mvfr0), "=r"(mvfr1));
        __asm__ volatile("mrc p14, 0, %0, c0, c0, 0" : "=r"(didr));
        __asm__ volatile("mrc p14, 7, %0, c0, c0, 0" : "=r"(jidr));
        rt_printf("FPSID     %08x\nMVFR0     %08x\nMVFR1     %08x\n", fpsid, mvfr0, mvfr1);
        rt_printf("DBGDIDR   %08x\nJIDR      %08x\n", didr, jidr);
    }
    probe_features();
    return 0;
}
