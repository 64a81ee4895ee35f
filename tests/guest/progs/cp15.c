/* VFP identification registers, software thread ID registers,
   CONTEXTIDR, SCTLR/ACTLR/CPACR values, and cache/TLB/barrier maintenance
   operations being accepted (no UNDEF). */
#include "rt.h"

static volatile int und_count;

static int hook(int vec, rt_exc_frame *f)
{
    if (vec != VEC_UND)
        return 0;
    und_count++;
    return 1;                           /* A32: LR is the next instruction */
}

#define SHOW(name, op1, crn, crm, op2) \
    rt_printf("%-9s %08x\n", name, MRC(op1, crn, crm, op2))

int main(void)
{
    rt_puts("cp15 a32\n");
    rt_hook = hook;
    /* The identification registers (MIDR, ID_*, CLIDR, CCSIDR...) are
       idregs.c's, with every encoding of the c0 space. */
    SHOW("CSSELR", 2, c0, c0, 0);
    SHOW("SCTLR", 0, c1, c0, 0);
    SHOW("ACTLR", 0, c1, c0, 1);
    SHOW("CPACR", 0, c1, c0, 2);
    SHOW("TTBCR", 0, c2, c0, 2);
    SHOW("DACR", 0, c3, c0, 0);
    SHOW("VBAR-rt", 0, c12, c0, 0);
    {
        uint32_t fpsid, mvfr0, mvfr1, fpexc;
        __asm__ volatile("vmrs %0, fpsid\n\tvmrs %1, mvfr0\n\tvmrs %2, mvfr1\n\tvmrs %3, fpexc"
                         : "=r"(fpsid), "=r"(mvfr0), "=r"(mvfr1), "=r"(fpexc));
        rt_printf("FPSID %08x\nMVFR0 %08x\nMVFR1 %08x\nFPEXC %08x\n", fpsid, mvfr0, mvfr1, fpexc);
    }
    /* software thread ID registers and CONTEXTIDR are plain storage */
    MCR(0, c13, c0, 2, 0x11111111);
    MCR(0, c13, c0, 3, 0x22222222);
    MCR(0, c13, c0, 4, 0x33333333);
    MCR(0, c13, c0, 1, 0x00000145);
    rt_printf("TPIDRURW %08x TPIDRURO %08x TPIDRPRW %08x CONTEXTIDR %08x\n",
              MRC(0, c13, c0, 2), MRC(0, c13, c0, 3), MRC(0, c13, c0, 4), MRC(0, c13, c0, 1));
    MCR(0, c13, c0, 1, 0);
    /* PAR after a VA->PA translation with the MMU off (flat mapping) */
    MCR(0, c7, c8, 0, 0x40123456);      /* ATS1CPR */
    ISB();
    rt_printf("ATS1CPR PAR %08x\n", MRC(0, c7, c4, 0));
    /* maintenance operations must be accepted */
    und_count = 0;
    uint32_t va = 0x40010000;
    MCR(0, c7, c5, 0, 0);               /* ICIALLU */
    MCR(0, c7, c1, 0, 0);               /* ICIALLUIS */
    MCR(0, c7, c5, 1, va);              /* ICIMVAU */
    MCR(0, c7, c5, 6, 0);               /* BPIALL */
    MCR(0, c7, c1, 6, 0);               /* BPIALLIS */
    MCR(0, c7, c5, 7, va);              /* BPIMVA */
    MCR(0, c7, c6, 1, va);              /* DCIMVAC */
    MCR(0, c7, c6, 2, 0);               /* DCISW */
    MCR(0, c7, c10, 1, va);             /* DCCMVAC */
    MCR(0, c7, c10, 2, 0);              /* DCCSW */
    MCR(0, c7, c11, 1, va);             /* DCCMVAU */
    MCR(0, c7, c14, 1, va);             /* DCCIMVAC */
    MCR(0, c7, c14, 2, 0);              /* DCCISW */
    MCR(0, c8, c7, 0, 0);               /* TLBIALL */
    MCR(0, c8, c7, 1, va);              /* TLBIMVA */
    MCR(0, c8, c7, 2, 1);               /* TLBIASID */
    MCR(0, c8, c7, 3, va);              /* TLBIMVAA */
    MCR(0, c8, c3, 0, 0);               /* TLBIALLIS */
    MCR(0, c8, c3, 1, va);              /* TLBIMVAIS */
    MCR(0, c8, c3, 2, 1);               /* TLBIASIDIS */
    MCR(0, c8, c3, 3, va);              /* TLBIMVAAIS */
    MCR(0, c8, c5, 0, 0);               /* ITLBIALL */
    MCR(0, c8, c6, 0, 0);               /* DTLBIALL */
    MCR(0, c7, c10, 4, 0);              /* CP15DSB */
    MCR(0, c7, c10, 5, 0);              /* CP15DMB */
    MCR(0, c7, c5, 4, 0);               /* CP15ISB */
    __asm__ volatile("dsb sy\n\tdmb ish\n\tisb\n\tdsb st\n\tdmb oshst\n\tpld [sp]\n\tpli [sp]\n\t"
                     "pldw [sp]\n\tnop\n\tyield\n\tsev\n\twfe" ::: "memory");
    rt_printf("maintenance undefs=%d\n", und_count);
    /* unknown CP15 registers are UNDEFINED */
    und_count = 0;
    (void)MRC(0, c6, c0, 7);
    rt_printf("c6,c0,7 undefs=%d\n", und_count);
    und_count = 0;
    (void)MRC(0, c2, c0, 6);
    rt_printf("c2,c0,6 undefs=%d\n", und_count);
    und_count = 0;
    (void)MRC(0, c0, c5, 0);
    rt_printf("c0,c5,0 undefs=%d\n", und_count);
    return 0;
}
