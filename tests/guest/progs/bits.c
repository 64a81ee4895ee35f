/* Bit-field insert/clear/extract, CLZ, RBIT, REV*, sign/zero extension
   with rotation (plain and accumulating), PKHBT/PKHTB. */
#include "t.h"

OPD(bfi_0_8,   "bfi %[d], %[b], #0, #8")
OPD(bfi_4_12,  "bfi %[d], %[b], #4, #12")
OPD(bfi_31_1,  "bfi %[d], %[b], #31, #1")
OPD(bfi_0_32,  "bfi %[d], %[b], #0, #32")
OPD(bfc_8_8,   "bfc %[d], #8, #8")
OPD(bfc_0_32,  "bfc %[d], #0, #32")
OPD(bfc_31_1,  "bfc %[d], #31, #1")
OP2(ubfx_0_8,  "ubfx %[d], %[a], #0, #8")
OP2(ubfx_4_12, "ubfx %[d], %[a], #4, #12")
OP2(ubfx_31_1, "ubfx %[d], %[a], #31, #1")
OP2(ubfx_0_32, "ubfx %[d], %[a], #0, #32")
OP2(sbfx_0_8,  "sbfx %[d], %[a], #0, #8")
OP2(sbfx_7_9,  "sbfx %[d], %[a], #7, #9")
OP2(sbfx_31_1, "sbfx %[d], %[a], #31, #1")
OP2(sbfx_1_31, "sbfx %[d], %[a], #1, #31")
OP2(clz_r,     "clz %[d], %[a]")
OP2(rbit_r,    "rbit %[d], %[a]")
OP2(rev_r,     "rev %[d], %[a]")
OP2(rev16_r,   "rev16 %[d], %[a]")
OP2(revsh_r,   "revsh %[d], %[a]")
OP2(sxtb_r,    "sxtb %[d], %[a]")
OP2(sxth_r,    "sxth %[d], %[a]")
OP2(uxtb_r,    "uxtb %[d], %[a]")
OP2(uxth_r,    "uxth %[d], %[a]")
OP2(sxtb_8,    "sxtb %[d], %[a], ror #8")
OP2(sxth_16,   "sxth %[d], %[a], ror #16")
OP2(uxtb_24,   "uxtb %[d], %[a], ror #24")
OP2(uxth_8,    "uxth %[d], %[a], ror #8")
OP2(sxtb16_r,  "sxtb16 %[d], %[a]")
OP2(sxtb16_8,  "sxtb16 %[d], %[a], ror #8")
OP2(uxtb16_r,  "uxtb16 %[d], %[a]")
OP2(uxtb16_24, "uxtb16 %[d], %[a], ror #24")
OP2(sxtab,     "sxtab %[d], %[a], %[b]")
OP2(sxtab_16,  "sxtab %[d], %[a], %[b], ror #16")
OP2(sxtah,     "sxtah %[d], %[a], %[b]")
OP2(uxtab,     "uxtab %[d], %[a], %[b]")
OP2(uxtah_8,   "uxtah %[d], %[a], %[b], ror #8")
OP2(uxtah,     "uxtah %[d], %[a], %[b]")
OP2(sxtab16,   "sxtab16 %[d], %[a], %[b]")
OP2(uxtab16_8, "uxtab16 %[d], %[a], %[b], ror #8")
OP2(pkhbt,     "pkhbt %[d], %[a], %[b]")
OP2(pkhbt_12,  "pkhbt %[d], %[a], %[b], lsl #12")
OP2(pkhtb_16,  "pkhtb %[d], %[a], %[b], asr #16")
OP2(pkhtb_31,  "pkhtb %[d], %[a], %[b], asr #31")

static const uint32_t MORE[] = {
    0x00000000, 0x00000001, 0x80000000, 0xffffffff, 0x0000ffff, 0x00010000,
    0x00ff00ff, 0x12345678, 0x87654321, 0x0f0f0f0f, 0x00800080, 0x80008000,
    0x00000080, 0x00008000, 0x40000000, 0x0000007f,
};

/* unary ops: a wide operand set on one line per value group */
static void run_u(const char *name, t_op2 fn)
{
    rt_printf("%s:", name);
    for (int i = 0; i < 16; i++) {
        uint32_t p = 0;
        uint32_t d = fn(MORE[i], MORE[i], &p);
        rt_printf(" %08x", d);
        if (t_flags(p) != 0)
            rt_printf(".%03x", t_flags(p));
    }
    rt_putc('\n');
}
#define RUNU(fn) run_u(#fn, fn)
/* BFI/BFC: initial destination from the a column */
#define RUND(fn) t_run2(#fn, fn, T_VALS, T_NVALS, T_VALS, T_NVALS)

int main(void)
{
    rt_puts("bits " ISA_NAME "\n");
    RUND(bfi_0_8); RUND(bfi_4_12); RUND(bfi_31_1); RUND(bfi_0_32);
    RUNU(bfc_8_8); RUNU(bfc_0_32); RUNU(bfc_31_1);
    RUNU(ubfx_0_8); RUNU(ubfx_4_12); RUNU(ubfx_31_1); RUNU(ubfx_0_32);
    RUNU(sbfx_0_8); RUNU(sbfx_7_9); RUNU(sbfx_31_1); RUNU(sbfx_1_31);
    RUNU(clz_r); RUNU(rbit_r); RUNU(rev_r); RUNU(rev16_r); RUNU(revsh_r);
    RUNU(sxtb_r); RUNU(sxth_r); RUNU(uxtb_r); RUNU(uxth_r);
    RUNU(sxtb_8); RUNU(sxth_16); RUNU(uxtb_24); RUNU(uxth_8);
    RUNU(sxtb16_r); RUNU(sxtb16_8); RUNU(uxtb16_r); RUNU(uxtb16_24);
    RUN2(sxtab); RUN2(sxtab_16); RUN2(sxtah); RUN2(uxtab); RUN2(uxtah_8);
    RUN2(uxtah); RUN2(sxtab16); RUN2(uxtab16_8);
    RUN2(pkhbt); RUN2(pkhbt_12); RUN2(pkhtb_16); RUN2(pkhtb_31);
    return 0;
}
