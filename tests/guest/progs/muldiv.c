/* Multiplies (32- and 64-bit, halfword/word DSP forms, dual, most
   significant word) and SDIV/UDIV including division by zero. */
#include "t.h"

OP2(mul_r,   "mul %[d], %[a], %[b]")
#ifndef __thumb__ /* T32 MULS/UMULLS... exist only as 16-bit MULS */
OP2(muls_r,  "muls %[d], %[a], %[b]")
#endif
OP3(mla_r,   "mla %[d], %[a], %[b], %[c]")
OP3(mls_r,   "mls %[d], %[a], %[b], %[c]")
OP2(smulbb,  "smulbb %[d], %[a], %[b]")
OP2(smulbt,  "smulbt %[d], %[a], %[b]")
OP2(smultb,  "smultb %[d], %[a], %[b]")
OP2(smultt,  "smultt %[d], %[a], %[b]")
OP3(smlabb,  "smlabb %[d], %[a], %[b], %[c]")
OP3(smlatt,  "smlatt %[d], %[a], %[b], %[c]")
OP3(smlabt,  "smlabt %[d], %[a], %[b], %[c]")
OP2(smulwb,  "smulwb %[d], %[a], %[b]")
OP2(smulwt,  "smulwt %[d], %[a], %[b]")
OP3(smlawb,  "smlawb %[d], %[a], %[b], %[c]")
OP3(smlawt,  "smlawt %[d], %[a], %[b], %[c]")
OP2(smuad,   "smuad %[d], %[a], %[b]")
OP2(smuadx,  "smuadx %[d], %[a], %[b]")
OP2(smusd,   "smusd %[d], %[a], %[b]")
OP2(smusdx,  "smusdx %[d], %[a], %[b]")
OP3(smlad,   "smlad %[d], %[a], %[b], %[c]")
OP3(smladx,  "smladx %[d], %[a], %[b], %[c]")
OP3(smlsd,   "smlsd %[d], %[a], %[b], %[c]")
OP3(smlsdx,  "smlsdx %[d], %[a], %[b], %[c]")
OP2(smmul,   "smmul %[d], %[a], %[b]")
OP2(smmulr,  "smmulr %[d], %[a], %[b]")
OP3(smmla,   "smmla %[d], %[a], %[b], %[c]")
OP3(smmlar,  "smmlar %[d], %[a], %[b], %[c]")
OP3(smmls,   "smmls %[d], %[a], %[b], %[c]")
OP3(smmlsr,  "smmlsr %[d], %[a], %[b], %[c]")
OP2(sdiv_r,  "sdiv %[d], %[a], %[b]")
OP2(udiv_r,  "udiv %[d], %[a], %[b]")

/* 64-bit results: lo/hi start as (c, ~c) for the accumulating forms */
typedef void (*t_opl)(uint32_t a, uint32_t b, uint32_t *lo, uint32_t *hi, uint32_t *psr);
#define OPL(fname, insn) \
static void fname(uint32_t a, uint32_t b, uint32_t *lo, uint32_t *hi, uint32_t *psr) \
{ \
    uint32_t l = *lo, h = *hi, p = *psr; \
    __asm__ volatile("msr APSR_nzcvqg, %[p]\n\t" insn "\n\tmrs %[p], APSR" \
                     : [l] "+&r"(l), [h] "+&r"(h), [p] "+&r"(p) \
                     : [a] "r"(a), [b] "r"(b) : "cc"); \
    *lo = l; *hi = h; *psr = p; \
}
OPL(umull,   "umull %[l], %[h], %[a], %[b]")
#ifndef __thumb__
OPL(umulls,  "umulls %[l], %[h], %[a], %[b]")
#endif
OPL(smull,   "smull %[l], %[h], %[a], %[b]")
#ifndef __thumb__
OPL(smulls,  "smulls %[l], %[h], %[a], %[b]")
#endif
OPL(umlal,   "umlal %[l], %[h], %[a], %[b]")
OPL(smlal,   "smlal %[l], %[h], %[a], %[b]")
#ifndef __thumb__
OPL(smlals,  "smlals %[l], %[h], %[a], %[b]")
#endif
OPL(umaal,   "umaal %[l], %[h], %[a], %[b]")
OPL(smlalbb, "smlalbb %[l], %[h], %[a], %[b]")
OPL(smlalbt, "smlalbt %[l], %[h], %[a], %[b]")
OPL(smlaltb, "smlaltb %[l], %[h], %[a], %[b]")
OPL(smlaltt, "smlaltt %[l], %[h], %[a], %[b]")
OPL(smlald,  "smlald %[l], %[h], %[a], %[b]")
OPL(smlaldx, "smlaldx %[l], %[h], %[a], %[b]")
OPL(smlsld,  "smlsld %[l], %[h], %[a], %[b]")
OPL(smlsldx, "smlsldx %[l], %[h], %[a], %[b]")

static const uint32_t ACC[] = { 0x00000000, 0x7fffffff, 0x80000001 };

static void run_l(const char *name, t_opl fn)
{
    for (int s = 0; s < T_NPSR; s++) {
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < T_NVALS; i++) {
                rt_printf("%s p=%03x c=%08x a=%08x:", name, t_flags(T_PSR[s]), ACC[k],
                          T_VALS[i]);
                for (int j = 0; j < T_NVALS; j++) {
                    uint32_t lo = ACC[k], hi = ~ACC[k], p = T_PSR[s];
                    fn(T_VALS[i], T_VALS[j], &lo, &hi, &p);
                    rt_printf(" %08x%08x.%03x", hi, lo, t_flags(p));
                }
                rt_putc('\n');
            }
        }
    }
}

#define RUN3(fn) t_run3(#fn, fn, ACC, 3)
#define RUNL(fn) run_l(#fn, fn)

int main(void)
{
    rt_puts("muldiv " ISA_NAME "\n");
    RUN2(mul_r);
#ifndef __thumb__
    RUN2(muls_r); RUNL(umulls); RUNL(smulls); RUNL(smlals);
#endif
    RUN3(mla_r); RUN3(mls_r);
    RUN2(smulbb); RUN2(smulbt); RUN2(smultb); RUN2(smultt);
    RUN3(smlabb); RUN3(smlatt); RUN3(smlabt);
    RUN2(smulwb); RUN2(smulwt); RUN3(smlawb); RUN3(smlawt);
    RUN2(smuad); RUN2(smuadx); RUN2(smusd); RUN2(smusdx);
    RUN3(smlad); RUN3(smladx); RUN3(smlsd); RUN3(smlsdx);
    RUN2(smmul); RUN2(smmulr); RUN3(smmla); RUN3(smmlar); RUN3(smmls); RUN3(smmlsr);
    RUN2(sdiv_r); RUN2(udiv_r);
    RUNL(umull); RUNL(smull); RUNL(umlal);
    RUNL(smlal); RUNL(umaal);
    RUNL(smlalbb); RUNL(smlalbt); RUNL(smlaltb); RUNL(smlaltt);
    RUNL(smlald); RUNL(smlaldx); RUNL(smlsld); RUNL(smlsldx);
    return 0;
}
