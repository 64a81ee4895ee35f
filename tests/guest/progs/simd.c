/* Saturating arithmetic (Q flag), SSAT/USAT(16), parallel add/subtract in
   all flavours (GE flags), SEL, USAD8/USADA8. */
#include "t.h"

OP2(qadd,   "qadd %[d], %[a], %[b]")
OP2(qsub,   "qsub %[d], %[a], %[b]")
OP2(qdadd,  "qdadd %[d], %[a], %[b]")
OP2(qdsub,  "qdsub %[d], %[a], %[b]")
OP2(ssat8,  "ssat %[d], #8, %[a]")
OP2(ssat1,  "ssat %[d], #1, %[a]")
OP2(ssat32, "ssat %[d], #32, %[a]")
OP2(ssat_l, "ssat %[d], #16, %[a], lsl #4")
OP2(ssat_a, "ssat %[d], #12, %[a], asr #31")
OP2(usat8,  "usat %[d], #8, %[a]")
OP2(usat0,  "usat %[d], #0, %[a]")
OP2(usat31, "usat %[d], #31, %[a]")
OP2(usat_a, "usat %[d], #16, %[a], asr #3")
OP2(ssat16, "ssat16 %[d], #4, %[a]")
OP2(usat16, "usat16 %[d], #7, %[a]")
OP2(ssat16_16, "ssat16 %[d], #16, %[a]")
OP2(usat16_0,  "usat16 %[d], #0, %[a]")

#define PAR(X) X(sadd16) X(sasx) X(ssax) X(ssub16) X(sadd8) X(ssub8) \
    X(qadd16) X(qasx) X(qsax) X(qsub16) X(qadd8) X(qsub8) \
    X(shadd16) X(shasx) X(shsax) X(shsub16) X(shadd8) X(shsub8) \
    X(uadd16) X(uasx) X(usax) X(usub16) X(uadd8) X(usub8) \
    X(uqadd16) X(uqasx) X(uqsax) X(uqsub16) X(uqadd8) X(uqsub8) \
    X(uhadd16) X(uhasx) X(uhsax) X(uhsub16) X(uhadd8) X(uhsub8) X(usad8)
#define DEFP(n) OP2(p_##n, #n " %[d], %[a], %[b]")
PAR(DEFP)
OP3(usada8, "usada8 %[d], %[a], %[b], %[c]")
OP2(sel,    "sel %[d], %[a], %[b]")

static const uint32_t PV[] = {
    0x00000000, 0x7fff8000, 0x80007fff, 0xffffffff,
    0x01ff7f80, 0x807f01fe, 0x12345678, 0xfedcba98,
};

static const uint32_t ACC[] = { 0x00000000, 0xfffffff0 };

int main(void)
{
    rt_puts("simd " ISA_NAME "\n");
    RUN2(qadd); RUN2(qsub); RUN2(qdadd); RUN2(qdsub);
    RUN1(ssat8); RUN1(ssat1); RUN1(ssat32); RUN1(ssat_l); RUN1(ssat_a);
    RUN1(usat8); RUN1(usat0); RUN1(usat31); RUN1(usat_a);
    RUN1(ssat16); RUN1(usat16); RUN1(ssat16_16); RUN1(usat16_0);
#define RUNP(n) t_run2(#n, p_##n, PV, 8, PV, 8);
    PAR(RUNP)
    t_run3("usada8", usada8, ACC, 2);
    /* SEL with every GE value */
    for (uint32_t ge = 0; ge < 16; ge++) {
        uint32_t p = ge << 16;
        uint32_t d = sel(0x11223344, 0xaabbccdd, &p);
        rt_printf("sel ge=%x: %08x.%03x\n", ge, d, t_flags(p));
    }
    /* Q is sticky and only cleared by MSR */
    uint32_t p = 0;
    qadd(0x7fffffff, 1, &p);
    qadd(1, 1, &p);
    rt_printf("q sticky: %03x\n", t_flags(p));
    return 0;
}
