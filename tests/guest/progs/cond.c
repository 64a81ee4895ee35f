/* Condition codes: every condition x every NZCV value, for each class of
   instruction (data processing, load/store, multiply, divide, LDM/STM,
   saturate, branch, MRS, VFP); in T32 through IT blocks, including
   mixed then/else masks and flag-setting instructions inside IT. */
#include "t.h"

#define CONDS(X) X(eq) X(ne) X(cs) X(cc) X(mi) X(pl) X(vs) X(vc) \
                 X(hi) X(ls) X(ge) X(lt) X(gt) X(le) X(al)

typedef uint32_t (*cond_fn)(uint32_t psr, uint32_t *mem);

#define GEN(cls, cc) GENS(cls, cc, "it " #cc "\n\t", #cc)
#define GENS(cls, cc, it, sfx) \
static uint32_t cls##_##cc(uint32_t psr, uint32_t *mem) \
{ \
    uint32_t d = 0, one = 1; \
    __asm__ volatile("vmov s0, %0" :: "r"(d) : "s0"); \
    __asm__ volatile("msr APSR_nzcvq, %[p]\n\t" it cls##_BODY(sfx) \
                     : [d] "+&r"(d) : [p] "r"(psr), [m] "r"(mem), [one] "r"(one) \
                     : "cc", "memory", "s0", "s1"); \
    return d; \
}

#define mov_BODY(cc)  "mov" cc " %[d], #1"
#define adds_BODY(cc) "adds" cc " %[d], %[one], #0"
#define ldr_BODY(cc)  "ldr" cc " %[d], [%[m]]"
#define ldrb_BODY(cc) "ldrb" cc " %[d], [%[m]]"
#define str_BODY(cc)  "str" cc " %[one], [%[m], #4]\n\tldr %[d], [%[m], #4]\n\tmov %[p], #0\n\tstr %[p], [%[m], #4]"
#define mul_BODY(cc)  "mul" cc " %[d], %[one], %[one]"
#define udiv_BODY(cc) "udiv" cc " %[d], %[one], %[one]"
#define ldm_BODY(cc)  "ldm" cc " %[m], {%[d]}"
#define ssat_BODY(cc) "ssat" cc " %[d], #8, %[one]"
#define clz_BODY(cc)  "clz" cc " %[d], %[one]\n\tlsr %[d], %[d], #4"
#define b_BODY(cc)    "b" cc " 1f\n\tb 2f\n1:\tmov %[d], #1\n2:"
#define vmov_BODY(cc) "vmov" cc " s0, %[one]\n\tvmov %[d], s0"
#define mrs_BODY(cc)  "mrs" cc " %[d], apsr"

/* str_BODY clobbers the psr input register after use: give it its own copy */
#undef str_BODY
#define str_BODY(cc)  "str" cc " %[one], [%[m], #4]\n\tldr %[d], [%[m], #4]"

#define CLASSES(X) X(mov) X(adds) X(ldr) X(ldrb) X(str) X(mul) X(udiv) X(ldm) \
                   X(ssat) X(clz) X(b) X(vmov) X(mrs)


#define DEF_CLASS(cls) \
    GEN(cls, eq) GEN(cls, ne) GEN(cls, cs) GEN(cls, cc) GEN(cls, mi) GEN(cls, pl) \
    GEN(cls, vs) GEN(cls, vc) GEN(cls, hi) GEN(cls, ls) GEN(cls, ge) GEN(cls, lt) \
    GEN(cls, gt) GEN(cls, le) GENS(cls, al, "", "") \
    static const cond_fn cls##_fns[15] = { \
        cls##_eq, cls##_ne, cls##_cs, cls##_cc, cls##_mi, cls##_pl, cls##_vs, \
        cls##_vc, cls##_hi, cls##_ls, cls##_ge, cls##_lt, cls##_gt, cls##_le, cls##_al };

CLASSES(DEF_CLASS)

static const char *const cond_names[15] = {
    "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al"
};

static uint32_t mem[4];

static void run_class(const char *name, const cond_fn *fns)
{
    rt_printf("%s:", name);
    for (int c = 0; c < 15; c++) {
        uint32_t mask = 0;
        for (uint32_t f = 0; f < 16; f++) {
            mem[0] = 1;
            mem[1] = 0;
            uint32_t d = fns[c](f << 28, mem);
            /* mrs reads CPSR (mode bits are never 0): check the flags */
            if (fns == mrs_fns) {
                if (d && (d >> 28) != f)
                    rt_printf("[mrs bad %x]", d);
                d = d != 0;
            }
            if (d > 1)
                rt_printf("[%s %x]", cond_names[c], d);
            mask |= (d & 1) << f;
        }
        rt_printf(" %s=%04x", cond_names[c], mask);
    }
    rt_putc('\n');
}

/* IT masks in T32 (plain conditional sequences in A32): which of four
   conditional MOVs executed, for every NZCV. */
#define ITSEQ(fname, it, c1, c2, c3, c4) \
static uint32_t fname(uint32_t psr) \
{ \
    uint32_t a = 0, b = 0, c = 0, d = 0; \
    __asm__ volatile("msr APSR_nzcvq, %[p]\n\t" it "\n\t" \
                     "mov" c1 " %[a], #1\n\tmov" c2 " %[b], #2\n\t" \
                     "mov" c3 " %[c], #4\n\tmov" c4 " %[d], #8\n\t" \
                     : [a] "+&r"(a), [b] "+&r"(b), [c] "+&r"(c), [d] "+&r"(d) \
                     : [p] "r"(psr) : "cc"); \
    return a | b | c | d; \
}
ITSEQ(it_tttt_eq, "itttt eq", "eq", "eq", "eq", "eq")
ITSEQ(it_eeee_ne, "iteee ne", "ne", "eq", "eq", "eq")
ITSEQ(it_tete_cs, "itete cs", "cs", "cc", "cs", "cc")
ITSEQ(it_ttee_hi, "ittee hi", "hi", "hi", "ls", "ls")
ITSEQ(it_etet_ge, "iteet ge", "ge", "lt", "lt", "ge")
ITSEQ(it_ttte_gt, "ittte gt", "gt", "gt", "gt", "le")
ITSEQ(it_te_mi,   "ite mi\n\tmovmi %[a], #1\n\tmovpl %[b], #2\n\tit vs", "vs", "", "", "")
ITSEQ(it_t_al,    "", "", "", "", "")

/* A flag-setting instruction inside an IT block changes the flags that
   the rest of the block is evaluated on. */
static uint32_t it_flagset(uint32_t psr, uint32_t x)
{
    uint32_t a = 0, b = 0, c = 0, p;
    __asm__ volatile("msr APSR_nzcvq, %[p]\n\t"
                     "ittte eq\n\t"
                     "cmpeq %[x], #1\n\t"
                     "moveq %[a], #1\n\t"
                     "addseq %[b], %[x], #0x80000000\n\t"
                     "movne %[c], #4\n\t"
                     "mrs %[p], apsr"
                     : [a] "+&r"(a), [b] "+&r"(b), [c] "+&r"(c), [p] "=&r"(p)
                     : "[p]"(psr), [x] "r"(x) : "cc");
    return (a | c) | (b >> 28) | ((p >> 28) << 8);
}

typedef uint32_t (*it_fn)(uint32_t psr);

static void run_it(const char *name, it_fn fn)
{
    rt_printf("%s:", name);
    for (uint32_t f = 0; f < 16; f++)
        rt_printf(" %x", fn(f << 28));
    rt_putc('\n');
}

int main(void)
{
    rt_puts("cond " ISA_NAME "\n");
#define RUNC(cls) run_class(#cls, cls##_fns);
    CLASSES(RUNC)
    run_it("it_tttt_eq", it_tttt_eq);
    run_it("it_eeee_ne", it_eeee_ne);
    run_it("it_tete_cs", it_tete_cs);
    run_it("it_ttee_hi", it_ttee_hi);
    run_it("it_etet_ge", it_etet_ge);
    run_it("it_ttte_gt", it_ttte_gt);
    run_it("it_te_mi", it_te_mi);
    run_it("it_t_al", it_t_al);
    rt_puts("it_flagset:");
    for (uint32_t f = 0; f < 16; f++)
        for (uint32_t x = 0; x < 3; x++)
            rt_printf(" %03x", it_flagset(f << 28, x ? 0x7ffffffe + x : 1));
    rt_putc('\n');
    return 0;
}
