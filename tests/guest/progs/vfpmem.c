/* VFP loads and stores: VLDR/VSTR (S and D, +/- offsets, literal),
   VLDM/VSTM IA/DB with and without writeback over S and D lists up to
   d31, VPUSH/VPOP. */
#include "t.h"

static uint32_t mem[64] __attribute__((aligned(8)));
static uint32_t out[64];

static void fill(void)
{
    for (int i = 0; i < 64; i++) {
        mem[i] = 0x01010101u * (uint32_t)i ^ 0xa5000000u;
        out[i] = 0;
    }
}

static void show(const char *name, int nout, uintptr_t base)
{
    rt_printf("%s: base=%d", name, (int)(base - (uintptr_t)mem));
    for (int i = 0; i < nout; i++)
        rt_printf(" %08x", out[i]);
    rt_putc(':');
    for (int i = 0; i < 64; i++)
        if (mem[i] != (0x01010101u * (uint32_t)i ^ 0xa5000000u))
            rt_printf(" [%d]=%08x", i, mem[i]);
    rt_putc('\n');
}

/* n = base register (in/out), o = out[] */
#define VT(fname, nout, insn) \
static void fname(void) \
{ \
    fill(); \
    uintptr_t n = (uintptr_t)&mem[32]; \
    __asm__ volatile(insn : [n] "+&r"(n) : [o] "r"(out) \
                     : "memory", "d0", "d1", "d2", "d3", "d16", "d17", "d29", "d30", "d31"); \
    show(#fname, nout, n); \
}

VT(vldr_s, 2, "vldr s0, [%[n], #8]\n\tvldr s1, [%[n], #-128]\n\tvstm %[o], {s0-s1}")
VT(vldr_d, 4, "vldr d16, [%[n], #16]\n\tvldr d1, [%[n], #-128]\n\tvstr d16, [%[o]]\n\tvstr d1, [%[o], #8]")
VT(vstr_s, 0, "vmov s2, %[n]\n\tvstr s2, [%[n], #-4]\n\tvmov.f32 s3, #2.0\n\tvstr s3, [%[n], #124]")
VT(vstr_d, 0, "vmov.f64 d31, #-1.0\n\tvstr d31, [%[n], #-8]\n\tvstr d31, [%[n], #64]")
VT(vldr_lit, 2, "vldr d2, 1f\n\tb 2f\n\t.balign 8\n1:\t.word 0x11223344, 0x55667788\n2:\tvstr d2, [%[o]]")
VT(vldmia_s, 5, "vldmia %[n], {s0-s4}\n\tvstmia %[o], {s0-s4}")
VT(vldmia_sw, 3, "vldmia %[n]!, {s1-s3}\n\tvstmia %[o], {s1-s3}")
VT(vldmdb_sw, 2, "vldmdb %[n]!, {s6-s7}\n\tvstmia %[o], {s6-s7}")
VT(vldmia_d, 8, "vldmia %[n], {d16-d17}\n\tvldmia %[n], {d2-d3}\n\tvstmia %[o], {d16-d17}\n\t"
                "add %[o], %[o], #16\n\tvstmia %[o], {d2-d3}\n\tsub %[o], %[o], #16")
VT(vldmia_dw, 6, "vldmia %[n]!, {d29-d31}\n\tvstmia %[o], {d29-d31}")
VT(vldmdb_dw, 4, "vldmdb %[n]!, {d0-d1}\n\tvstmia %[o], {d0-d1}")
VT(vstmia_sw, 0, "vldmia %[n], {s0-s3}\n\tvstmia %[n]!, {s1-s3}")
VT(vstmdb_sw, 0, "vldmia %[n], {s0-s3}\n\tvstmdb %[n]!, {s0-s2}")
VT(vstmia_d, 0, "vldmia %[n], {d16-d17}\n\tsub %[n], %[n], #64\n\tvstmia %[n], {d16-d17}\n\tadd %[n], %[n], #64")
VT(vstmdb_dw, 0, "vldmia %[n], {d29-d31}\n\tvstmdb %[n]!, {d30-d31}")
VT(vpushpop, 6, "vldmia %[n], {d0-d2}\n\tvpush {d0-d2}\n\tvpop {d16-d17}\n\tvpop {s0}\n\t"
                "vpop {s1}\n\tvstmia %[o], {d16-d17}\n\tvstr d0, [%[o], #16]")
VT(vpush_s, 4, "vldmia %[n], {s0-s3}\n\tvpush {s1-s3}\n\tvpop {s0}\n\tvpop {s4-s5}\n\t"
               "vstmia %[o], {s0-s3}")

int main(void)
{
    rt_puts("vfpmem " ISA_NAME "\n");
    vldr_s(); vldr_d(); vstr_s(); vstr_d(); vldr_lit();
    vldmia_s(); vldmia_sw(); vldmdb_sw(); vldmia_d(); vldmia_dw(); vldmdb_dw();
    vstmia_sw(); vstmdb_sw(); vstmia_d(); vstmdb_dw(); vpushpop(); vpush_s();
    return 0;
}
