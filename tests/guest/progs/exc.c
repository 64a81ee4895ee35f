/* Exceptions taken from A32 or T32 code: UNDEFINED encodings (UDF, an
   unallocated coprocessor, VFP with FPEXC.EN clear, SMC and a non-PSCI
   HVC without EL2/EL3), SVC with immediate readback, BKPT prefetch abort,
   external and alignment data aborts with DFSR/DFAR, entry state (mode,
   masks, SPSR, LR offset), PSCI_VERSION. */
#include "trap.h"

static uint32_t buf[4] __attribute__((aligned(8))) = { 0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00 };

static void set_sctlr_a(int on)
{
    uint32_t s = MRC(0, c1, c0, 0);
    s = on ? (s | 2u) : (s & ~2u);
    MCR(0, c1, c0, 0, s);
    ISB();
}

int main(void)
{
    rt_puts("exc " ISA_NAME "\n");
    rt_hook = trap_hook;
#ifdef __thumb__
    TRAP("udf.n", "udf #0x12");
    TRAP("udf.w", "udf.w #0x1234");
    TRAP("svc", "svc #0xab");
    TRAP("bkpt", "bkpt #0x77");
#else
    TRAP("udf", "udf #0xabc");
    TRAP("svc", "svc #0x123456");
    TRAP("svc0", "svc #0");
    TRAP("bkpt", "bkpt #0x1234");
#endif
    TRAP("svcne not taken", "cmp r12, r12\n\tit ne\n\tsvcne #1");
    TRAP("cp7", "mcr p7, 0, r0, c0, c0, 0");
    TRAP("cdp cp5", "cdp p5, 1, c2, c3, c4, 5");
    TRAP("smc", ".arch_extension sec\n\tsmc #0");
    {
        /* QEMU treats every HVC as a PSCI call when PSCI uses HVC and EL2 is
           absent: unknown function ids return NOT_SUPPORTED (-1) */
        static const uint32_t ids[] = { 0x84000000, 0x8400000a, 0x0, 0x84000099 };
        for (unsigned i = 0; i < 4; i++) {
            uint32_t v;
            g_taken = 0;
            __asm__ volatile("mov r0, %1\n\tmov r1, #0\n\tmov r2, #0\n\tmov r3, #0\n\t"
                             "hvc #0\n\tmov %0, r0"
                             : "=r"(v) : "r"(ids[i]) : "r0", "r1", "r2", "r3");
            rt_printf("psci call %08x -> %08x taken=%u\n", ids[i], v, g_taken);
        }
    }
    /* VFP disabled through FPEXC.EN */
    __asm__ volatile("vmsr fpexc, %0" :: "r"(0));
    TRAP("vfp off", "vadd.f32 s0, s0, s0");
    {
        uint32_t fpexc;
        __asm__ volatile("vmrs %0, fpexc" : "=r"(fpexc));
        rt_printf("  fpexc=%08x\n", fpexc);
    }
    __asm__ volatile("vmsr fpexc, %0" :: "r"(0x40000000));
    TRAP("vfp on", "vadd.f32 s0, s0, s0");

    /* data aborts */
    TRAP("ldr unassigned", "ldr r0, [%[a]]", [a] "r"(0x0c000000));
    TRAP("str unassigned", "str %[a], [%[a], #4]", [a] "r"(0x0c000000));
    TRAP("ldrb unassigned", "ldrb r0, [%[a], #3]", [a] "r"(0x0c000000));
    /* alignment: LDRD/LDM/LDREX check always; LDR/LDRH only with SCTLR.A */
    TRAP("ldrex unaligned", "ldrex r0, [%[a]]", [a] "r"((uint32_t)buf + 2));
    TRAP("ldm unaligned", "ldm %[a], {r0, r1}", [a] "r"((uint32_t)buf + 1));
    TRAP("strd unaligned", "strd r0, r1, [%[a]]", [a] "r"((uint32_t)buf + 2));
    set_sctlr_a(1);
    TRAP("ldr A=1 unaligned", "ldr r0, [%[a]]", [a] "r"((uint32_t)buf + 1));
    TRAP("ldrh A=1 unaligned", "ldrh r0, [%[a]]", [a] "r"((uint32_t)buf + 3));
    TRAP("str A=1 unaligned", "str %[a], [%[a]]", [a] "r"((uint32_t)buf + 2));
    TRAP("ldrh A=1 aligned", "ldrh r0, [%[a]]", [a] "r"((uint32_t)buf + 2));
    TRAP("vldr A=1 unaligned", "vldr s0, [%[a]]", [a] "r"((uint32_t)buf + 2));
    set_sctlr_a(0);
    rt_printf("buf %08x %08x %08x %08x\n", buf[0], buf[1], buf[2], buf[3]);
    return 0;
}
