/*
 * Table-driven harness for instruction tests written as inline asm in
 * unified syntax, so that one source builds for both A32 and T32
 * (gas ignores IT in ARM state).  Each test runs an instruction over a
 * grid of operands and incoming flags and prints results + NZCVQ(+GE).
 */
#ifndef T_H
#define T_H
#include "rt.h"

#ifdef __thumb__
#define ISA_NAME "t32"
#else
#define ISA_NAME "a32"
#endif

/* incoming APSR states: all clear; NZCVQ + GE all set */
static const uint32_t T_PSR[] = { 0x00000000, 0xf80f0000 };
#define T_NPSR 2

static const uint32_t T_VALS[] = {
    0x00000000, 0x00000001, 0x7fffffff, 0x80000000,
    0xffffffff, 0x12345678, 0x80007fff, 0xfffe0001,
};
#define T_NVALS 8

/* shift amounts for register-controlled shifts (bottom byte is used) */
static const uint32_t T_SHIFTS[] = { 0, 1, 4, 31, 32, 33, 0xff, 0x101 };

/* flags as 3 hex digits: NZCVQ in bits 8..4, GE in bits 3..0 */
static inline uint32_t t_flags(uint32_t psr) { return ((psr >> 27) << 4) | ((psr >> 16) & 0xf); }

typedef uint32_t (*t_op2)(uint32_t a, uint32_t b, uint32_t *psr);
typedef uint32_t (*t_op3)(uint32_t a, uint32_t b, uint32_t c, uint32_t *psr);

/* d = insn(a, b); d starts as 0xdeadbeef so a skipped write shows */
#define OP2(fname, insn) \
static uint32_t fname(uint32_t a, uint32_t b, uint32_t *psr) \
{ \
    uint32_t d = 0xdeadbeef, p = *psr; \
    __asm__ volatile("msr APSR_nzcvqg, %[p]\n\t" insn "\n\tmrs %[p], APSR" \
                     : [d] "+&r"(d), [p] "+&r"(p) : [a] "r"(a), [b] "r"(b) : "cc"); \
    *psr = p; \
    return d; \
}

/* d = insn(a, b, c) (accumulate forms); d starts as 0xdeadbeef */
#define OP3(fname, insn) \
static uint32_t fname(uint32_t a, uint32_t b, uint32_t c, uint32_t *psr) \
{ \
    uint32_t d = 0xdeadbeef, p = *psr; \
    __asm__ volatile("msr APSR_nzcvqg, %[p]\n\t" insn "\n\tmrs %[p], APSR" \
                     : [d] "+&r"(d), [p] "+&r"(p) \
                     : [a] "r"(a), [b] "r"(b), [c] "r"(c) : "cc"); \
    *psr = p; \
    return d; \
}

/* read-modify-write: d starts as a (MOVT, BFI, ...) */
#define OPD(fname, insn) \
static uint32_t fname(uint32_t a, uint32_t b, uint32_t *psr) \
{ \
    uint32_t d = a, p = *psr; \
    __asm__ volatile("msr APSR_nzcvqg, %[p]\n\t" insn "\n\tmrs %[p], APSR" \
                     : [d] "+&r"(d), [p] "+&r"(p) : [b] "r"(b) : "cc"); \
    *psr = p; \
    return d; \
}

static uint32_t t_hash;

static void t_mix(uint32_t v)
{
    t_hash = (t_hash ^ v) * 0x01000193u;
}

/* one line per (incoming psr, a): results for every b */
static void t_run2(const char *name, t_op2 fn, const uint32_t *av, int na,
                   const uint32_t *bv, int nb)
{
    for (int s = 0; s < T_NPSR; s++) {
        for (int i = 0; i < na; i++) {
            rt_printf("%s p=%03x a=%08x:", name, t_flags(T_PSR[s]), av[i]);
            for (int j = 0; j < nb; j++) {
                uint32_t p = T_PSR[s];
                uint32_t d = fn(av[i], bv[j], &p);
                rt_printf(" %08x.%03x", d, t_flags(p));
            }
            rt_putc('\n');
        }
    }
}

#define RUN2(fn) t_run2(#fn, fn, T_VALS, T_NVALS, T_VALS, T_NVALS)
#define RUN2S(fn) t_run2(#fn, fn, T_VALS, T_NVALS, T_SHIFTS, 8)
/* unary (operand in a or b, both get the same value): one line per psr */
static void t_run1(const char *name, t_op2 fn)
{
    for (int s = 0; s < T_NPSR; s++) {
        rt_printf("%s p=%03x:", name, t_flags(T_PSR[s]));
        for (int i = 0; i < T_NVALS; i++) {
            uint32_t p = T_PSR[s];
            uint32_t d = fn(T_VALS[i], T_VALS[i], &p);
            rt_printf(" %08x.%03x", d, t_flags(p));
        }
        rt_putc('\n');
    }
}
#define RUN1(fn) t_run1(#fn, fn)

static void t_run3(const char *name, t_op3 fn, const uint32_t *cv, int nc)
{
    for (int s = 0; s < T_NPSR; s++) {
        for (int k = 0; k < nc; k++) {
            for (int i = 0; i < T_NVALS; i++) {
                rt_printf("%s p=%03x c=%08x a=%08x:", name, t_flags(T_PSR[s]), cv[k],
                          T_VALS[i]);
                for (int j = 0; j < T_NVALS; j++) {
                    uint32_t p = T_PSR[s];
                    uint32_t d = fn(T_VALS[i], T_VALS[j], cv[k], &p);
                    rt_printf(" %08x.%03x", d, t_flags(p));
                }
                rt_putc('\n');
            }
        }
    }
}

#endif
