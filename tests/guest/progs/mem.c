/* Loads and stores in every addressing mode: immediate/register/scaled
   offsets, negative offsets, pre-index with writeback, post-index,
   byte/half/signed/double sizes, unprivileged (T) forms, literals. */
#include "t.h"

/* LDRT/STRT: A32 has only post-indexed forms, T32 only offset forms */
#ifdef __thumb__
#define T_POST4 ""
#else
#define T_POST4 ", #4"
#endif

static uint8_t buf[128] __attribute__((aligned(8)));

static void fill(void)
{
    for (int i = 0; i < 128; i++)
        buf[i] = (uint8_t)(i * 0x25 + 0x81);
}

typedef uint32_t (*ld_fn)(uintptr_t *n, uint32_t m);
typedef void (*st_fn)(uintptr_t *n, uint32_t m, uint32_t v);
typedef uint64_t (*ldd_fn)(uintptr_t *n, uint32_t m);

#define LD(fname, insn) \
static uint32_t fname(uintptr_t *n, uint32_t m) \
{ \
    uint32_t d = 0xdeadbeef; \
    uintptr_t b = *n; \
    __asm__ volatile(insn : [d] "+&r"(d), [n] "+&r"(b) : [m] "r"(m) : "memory", "cc"); \
    *n = b; \
    return d; \
}
#define ST(fname, insn) \
static void fname(uintptr_t *n, uint32_t m, uint32_t v) \
{ \
    uintptr_t b = *n; \
    __asm__ volatile(insn : [n] "+&r"(b) : [m] "r"(m), [v] "r"(v) : "memory"); \
    *n = b; \
}
#define LDD(fname, insn) \
static uint64_t fname(uintptr_t *n, uint32_t m) \
{ \
    uint64_t d = 0xdeadbeefdeadbeefull; \
    uintptr_t b = *n; \
    __asm__ volatile(insn : [d] "+&r"(d), [n] "+&r"(b) : [m] "r"(m) : "memory", "cc"); \
    *n = b; \
    return d; \
}
typedef void (*std_fn)(uintptr_t *n, uint32_t m, uint64_t v);
#define STD(fname, insn) \
static void fname(uintptr_t *n, uint32_t m, uint64_t v) \
{ \
    uintptr_t b = *n; \
    __asm__ volatile(insn : [n] "+&r"(b) : [m] "r"(m), [v] "r"(v) : "memory"); \
    *n = b; \
}

/* common to A32 and T32 */
LD(ldr_i,     "ldr %[d], [%[n], #8]")
LD(ldr_in,    "ldr %[d], [%[n], #-12]")
LD(ldr_pre,   "ldr %[d], [%[n], #4]!")
LD(ldr_pren,  "ldr %[d], [%[n], #-4]!")
LD(ldr_post,  "ldr %[d], [%[n]], #20")
LD(ldr_postn, "ldr %[d], [%[n]], #-20")
LD(ldr_r,     "ldr %[d], [%[n], %[m]]")
LD(ldr_rs,    "ldr %[d], [%[n], %[m], lsl #2]")
LD(ldrb_i,    "ldrb %[d], [%[n], #3]")
LD(ldrb_post, "ldrb %[d], [%[n]], #-1")
LD(ldrb_r,    "ldrb %[d], [%[n], %[m], lsl #1]")
LD(ldrsb_i,   "ldrsb %[d], [%[n], #1]")
LD(ldrsb_pre, "ldrsb %[d], [%[n], #-3]!")
LD(ldrsb_r,   "ldrsb %[d], [%[n], %[m]]")
LD(ldrh_i,    "ldrh %[d], [%[n], #6]")
LD(ldrh_pre,  "ldrh %[d], [%[n], #-2]!")
LD(ldrh_post, "ldrh %[d], [%[n]], #14")
LD(ldrh_r,    "ldrh %[d], [%[n], %[m]]")
LD(ldrsh_i,   "ldrsh %[d], [%[n], #-6]")
LD(ldrsh_post,"ldrsh %[d], [%[n]], #2")
LD(ldrsh_r,   "ldrsh %[d], [%[n], %[m]]")
LD(ldr_lit,   "ldr %[d], 1f\n\tb 2f\n\t.balign 4\n1:\t.word 0xcafef00d\n2:")
LD(ldrt_a,    "ldrt %[d], [%[n]]" T_POST4)
ST(str_i,     "str %[v], [%[n], #8]")
ST(str_pre,   "str %[v], [%[n], #-8]!")
ST(str_post,  "str %[v], [%[n]], #12")
ST(str_r,     "str %[v], [%[n], %[m]]")
ST(str_rs,    "str %[v], [%[n], %[m], lsl #3]")
ST(strb_i,    "strb %[v], [%[n], #5]")
ST(strb_pre,  "strb %[v], [%[n], #-1]!")
ST(strb_r,    "strb %[v], [%[n], %[m]]")
ST(strh_i,    "strh %[v], [%[n], #2]")
ST(strh_post, "strh %[v], [%[n]], #-10")
ST(strh_r,    "strh %[v], [%[n], %[m]]")
ST(strt_a,    "strt %[v], [%[n]]" T_POST4)
ST(strbt_a,   "strbt %[v], [%[n]]" T_POST4)
LDD(ldrd_i,   "ldrd %[d], %H[d], [%[n], #8]")
LDD(ldrd_pre, "ldrd %[d], %H[d], [%[n], #-16]!")
LDD(ldrd_post,"ldrd %[d], %H[d], [%[n]], #24")
STD(strd_i,   "strd %[v], %H[v], [%[n], #-8]")
STD(strd_pre, "strd %[v], %H[v], [%[n], #16]!")
STD(strd_post,"strd %[v], %H[v], [%[n]], #-32")

#ifdef __thumb__
LD(ldr_i12,   "ldr.w %[d], [%[n], #60]")
LD(ldrb_rs3,  "ldrb %[d], [%[n], %[m], lsl #3]")
LD(ldrh_rs1,  "ldrh %[d], [%[n], %[m], lsl #1]")
LD(ldrsh_rs2, "ldrsh %[d], [%[n], %[m], lsl #2]")
LD(ldrht_a,   "ldrht %[d], [%[n], #2]")
LD(ldrsbt_a,  "ldrsbt %[d], [%[n], #7]")
LD(ldrsht_a,  "ldrsht %[d], [%[n], #10]")
LD(ldrbt_a,   "ldrbt %[d], [%[n], #63]")
ST(strht_a,   "strht %[v], [%[n], #6]")
#else
LD(ldr_rn,    "ldr %[d], [%[n], -%[m]]")
LD(ldr_rasr,  "ldr %[d], [%[n], %[m], asr #1]!")
LD(ldr_rpost, "ldr %[d], [%[n]], %[m], lsl #1")
LD(ldr_rpostn,"ldr %[d], [%[n]], -%[m]")
LD(ldr_rror,  "ldr %[d], [%[n], %[m], ror #30]")
LD(ldr_rrrx,  "cmn %[m], #0\n\tldr %[d], [%[n], %[m], rrx]")   /* C = 0 */
LD(ldrb_rn,   "ldrb %[d], [%[n], -%[m], lsr #1]")
LD(ldrh_rn,   "ldrh %[d], [%[n], -%[m]]!")
LD(ldrh_rpost,"ldrh %[d], [%[n]], %[m]")
LD(ldrsb_rpostn, "ldrsb %[d], [%[n]], -%[m]")
LD(ldrsh_rpre,"ldrsh %[d], [%[n], %[m]]!")
LD(ldrht_a,   "ldrht %[d], [%[n]], #2")
LD(ldrsbt_a,  "ldrsbt %[d], [%[n]], #-7")
LD(ldrsht_a,  "ldrsht %[d], [%[n]], %[m]")
LD(ldrbt_a,   "ldrbt %[d], [%[n]], -%[m], lsl #2")
ST(strht_a,   "strht %[v], [%[n]], #-6")
ST(str_rpostn,"str %[v], [%[n]], -%[m], lsl #2")
ST(strb_rasr, "strb %[v], [%[n], -%[m], asr #1]!")
ST(strh_rpre, "strh %[v], [%[n], %[m]]!")
LDD(ldrd_r,   "ldrd %[d], %H[d], [%[n], %[m]]")
LDD(ldrd_rn,  "ldrd %[d], %H[d], [%[n], -%[m]]!")
STD(strd_r,   "strd %[v], %H[v], [%[n], %[m]]")
STD(strd_rpost, "strd %[v], %H[v], [%[n]], -%[m]")
#endif

static void show_base(uintptr_t n)
{
    rt_printf(" n=%d", (int)(n - (uintptr_t)buf));
}

static void show_changes(void)
{
    for (int i = 0; i < 128; i++)
        if (buf[i] != (uint8_t)(i * 0x25 + 0x81))
            rt_printf(" [%d]=%02x", i, buf[i]);
    rt_putc('\n');
}

static void run_ld(const char *name, ld_fn fn, uint32_t m)
{
    fill();
    uintptr_t n = (uintptr_t)buf + 64;
    uint32_t d = fn(&n, m);
    rt_printf("%s m=%d: d=%08x", name, (int)m, d);
    show_base(n);
    rt_putc('\n');
}

static void run_st(const char *name, st_fn fn, uint32_t m)
{
    fill();
    uintptr_t n = (uintptr_t)buf + 64;
    fn(&n, m, 0xa1b2c3d4);
    rt_printf("%s m=%d:", name, (int)m);
    show_base(n);
    show_changes();
}

static void run_ldd(const char *name, ldd_fn fn, uint32_t m)
{
    fill();
    uintptr_t n = (uintptr_t)buf + 64;
    uint64_t d = fn(&n, m);
    rt_printf("%s m=%d: d=%016llx", name, (int)m, d);
    show_base(n);
    rt_putc('\n');
}

static void run_std(const char *name, std_fn fn, uint32_t m)
{
    fill();
    uintptr_t n = (uintptr_t)buf + 64;
    fn(&n, m, 0x0123456789abcdefull);
    rt_printf("%s m=%d:", name, (int)m);
    show_base(n);
    show_changes();
}

#define RLD(fn, m) run_ld(#fn, fn, m)
#define RST(fn, m) run_st(#fn, fn, m)
#define RLDD(fn, m) run_ldd(#fn, fn, m)
#define RSTD(fn, m) run_std(#fn, fn, m)

int main(void)
{
    rt_puts("mem " ISA_NAME "\n");
    RLD(ldr_i, 0); RLD(ldr_in, 0); RLD(ldr_pre, 0); RLD(ldr_pren, 0);
    RLD(ldr_post, 0); RLD(ldr_postn, 0); RLD(ldr_r, 12); RLD(ldr_r, -8);
    RLD(ldr_rs, 3); RLD(ldr_rs, -5); RLD(ldrb_i, 0); RLD(ldrb_post, 0);
    RLD(ldrb_r, 7); RLD(ldrsb_i, 0); RLD(ldrsb_pre, 0); RLD(ldrsb_r, 5);
    RLD(ldrsb_r, -2); RLD(ldrh_i, 0); RLD(ldrh_pre, 0); RLD(ldrh_post, 0);
    RLD(ldrh_r, 10); RLD(ldrsh_i, 0); RLD(ldrsh_post, 0); RLD(ldrsh_r, -14);
    RLD(ldr_lit, 0); RLD(ldrt_a, 0);
    RST(str_i, 0); RST(str_pre, 0); RST(str_post, 0); RST(str_r, 16);
    RST(str_r, -4); RST(str_rs, 2); RST(strb_i, 0); RST(strb_pre, 0);
    RST(strb_r, 9); RST(strh_i, 0); RST(strh_post, 0); RST(strh_r, -18);
    RST(strt_a, 0); RST(strbt_a, 0);
    RLDD(ldrd_i, 0); RLDD(ldrd_pre, 0); RLDD(ldrd_post, 0);
    RSTD(strd_i, 0); RSTD(strd_pre, 0); RSTD(strd_post, 0);
    {
        /* SETEND BE: data accesses become big-endian (CPSR.E) */
        uint32_t w, h, e;
        uint64_t v;
        fill();
        __asm__ volatile("setend be\n\tmrs %[e], cpsr\n\tldr %[w], [%[p]]\n\t"
                         "ldrh %[h], [%[p], #6]\n\tstr %[w], [%[p], #8]\n\t"
                         "ldrd %[v], %H[v], [%[p], #16]\n\tsetend le"
                         : [w] "=&r"(w), [h] "=&r"(h), [e] "=&r"(e), [v] "=&r"(v)
                         : [p] "r"(buf + 64) : "memory");
        rt_printf("setend be: e=%x ldr=%08x ldrh=%08x ldrd=%08x %08x:", (e >> 9) & 1, w, h,
                  (uint32_t)v, (uint32_t)(v >> 32));
        show_changes();
    }
#ifdef __thumb__
    RLD(ldr_i12, 0); RLD(ldrbt_a, 0);
    RLD(ldrb_rs3, 3); RLD(ldrh_rs1, 5); RLD(ldrsh_rs2, 7);
    RLD(ldrht_a, 0); RLD(ldrsbt_a, 0); RLD(ldrsht_a, 0); RST(strht_a, 0);
#else
    RLD(ldr_rn, 16); RLD(ldr_rasr, 24); RLD(ldr_rasr, -24); RLD(ldr_rpost, 6);
    RLD(ldr_rpostn, 20); RLD(ldr_rror, 1); RLD(ldr_rrrx, 9); RLD(ldrb_rn, 11);
    RLD(ldrh_rn, 6); RLD(ldrh_rpost, 8); RLD(ldrsb_rpostn, 3); RLD(ldrsh_rpre, -10);
    RLD(ldrht_a, 0); RLD(ldrsbt_a, 0); RLD(ldrsht_a, 4); RLD(ldrbt_a, 2);
    RST(strht_a, 0); RST(str_rpostn, 3); RST(strb_rasr, 7); RST(strh_rpre, -12);
    RLDD(ldrd_r, 8); RLDD(ldrd_rn, 16); RSTD(strd_r, -24); RSTD(strd_rpost, 8);
#endif
    return 0;
}
