/* VCVT between f32/f64/integers/fixed point/half precision, with the
   round-to-zero forms and the FPSCR-rounded (VCVTR) forms in all four
   rounding modes; VMOV immediates and core<->VFP register moves. */
#include "vf.h"

/* f32 -> f64 (in d7 = s14:s15): high and low words separately */
FS(cvt_ds_hi, "vcvt.f64.f32 d7, s14\n\tvmov.f32 s13, s15")
FS(cvt_ds_lo, "vcvt.f64.f32 d7, s14\n\tvmov.f32 s13, s14")
FS(cvt_sd,   "vmov d21, %[a], %[b]\n\tvcvt.f32.f64 s13, d21")
FS(cvt_s32,  "vcvt.s32.f32 s13, s14")
FS(cvt_u32,  "vcvt.u32.f32 s13, s14")
FS(cvtr_s32, "vcvtr.s32.f32 s13, s14")
FS(cvtr_u32, "vcvtr.u32.f32 s13, s14")
FS(cvt_fs32, "vcvt.f32.s32 s13, s14")
FS(cvt_fu32, "vcvt.f32.u32 s13, s14")
FS(cvt_ds32, "vmov d21, %[a], %[b]\n\tvcvt.s32.f64 s13, d21")
FS(cvt_du32, "vmov d21, %[a], %[b]\n\tvcvt.u32.f64 s13, d21")
FS(cvtr_ds32,"vmov d21, %[a], %[b]\n\tvcvtr.s32.f64 s13, d21")
FS(cvtr_du32,"vmov d21, %[a], %[b]\n\tvcvtr.u32.f64 s13, d21")
FS(fix_s32_16, "vmov s13, s14\n\tvcvt.s32.f32 s13, s13, #16")
FS(fix_u16_4,  "vmov s13, s14\n\tvcvt.u16.f32 s13, s13, #4")
FS(fix_s16_1,  "vmov s13, s14\n\tvcvt.s16.f32 s13, s13, #1")
FS(fix_f_s32_8, "vmov s13, s14\n\tvcvt.f32.s32 s13, s13, #8")
FS(fix_f_u16_16, "vmov s13, s14\n\tvcvt.f32.u16 s13, s13, #16")
FS(fix_f_s16_3, "vmov s13, s14\n\tvcvt.f32.s16 s13, s13, #3")
FS(fixd_s32_20, "vmov d21, %[a], %[b]\n\tvcvt.s32.f64 d21, d21, #20\n\tvmov.32 %[d], d21[0]\n\tvmov s13, %[d]")
FS(cvtb_hs,  "vcvtb.f16.f32 s13, s14")
FS(cvtt_hs,  "vmov s13, %[b]\n\tvcvtt.f16.f32 s13, s14")
FS(cvtb_sh,  "vcvtb.f32.f16 s13, s14")
FS(cvtt_sh,  "vcvtt.f32.f16 s13, s14")

/* integer / raw-bit operands for the int->float conversions */
static const uint32_t IV[] = {
    0x00000000, 0x00000001, 0xffffffff, 0x7fffffff, 0x80000000, 0x01000001,
    0x00ffffff, 0x7fffffc0, 0xffffff80, 0x12345678, 0x0000ffff, 0x00008000,
};
/* f32 values around rounding boundaries */
static const uint32_t RV[] = {
    0x3f000000, 0x3fc00000, 0x40200000, 0xbf000000, 0xbfc00000, 0xc0200000,
    0x3f7fffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x4f800000, 0x4f7fffff,
    0x7fc00000, 0xff800000, 0x00000001, 0x3c000000, 0x477fe000, 0x477ff000,
    0x387fc000, 0x33800000, 0xc7800000, 0x7f800001,
};
/* f64 values as (lo, hi) pairs */
static const uint32_t RD[][2] = {
    { 0, 0x3fe00000 }, { 0, 0x3ff80000 }, { 0, 0x40040000 }, { 0, 0xbfe00000 },
    { 0, 0xc1e00000 }, { 0x00100000, 0xc1e00000 }, { 0xffe00000, 0x41efffff },
    { 0, 0x41f00000 }, { 0, 0x7ff80000 }, { 1, 0x7ff00000 }, { 0, 0xfff00000 },
    { 0x55555555, 0x3fd55555 }, { 0, 0x47efffff }, { 0, 0x38100000 },
    { 1, 0 }, { 0xe0000000, 0x380fffff },
};

static const uint32_t RMODES[] = { RM_RN, RM_RP, RM_RM, RM_RZ, FPSCR_DN | FPSCR_FZ };

static void run_list(const char *name, fs_fn fn, const uint32_t *v, int n)
{
    for (unsigned m = 0; m < 5; m++) {
        rt_printf("%s f=%08x:", name, RMODES[m]);
        for (int i = 0; i < n; i++) {
            uint32_t f = RMODES[m];
            uint32_t d = fn(v[i], v[i], 0, &f);
            rt_printf(" %08x.%03x", d, fp_flags(f));
        }
        rt_putc('\n');
    }
}

static void run_dlist(const char *name, fs_fn fn)
{
    for (unsigned m = 0; m < 5; m++) {
        rt_printf("%s f=%08x:", name, RMODES[m]);
        for (unsigned i = 0; i < sizeof(RD) / sizeof(RD[0]); i++) {
            uint32_t f = RMODES[m];
            uint32_t d = fn(RD[i][0], RD[i][1], 0, &f);
            rt_printf(" %08x.%03x", d, fp_flags(f));
        }
        rt_putc('\n');
    }
}

#define NRV (int)(sizeof(RV) / sizeof(RV[0]))
#define NIV (int)(sizeof(IV) / sizeof(IV[0]))

static void vmov_tests(void)
{
    uint32_t a, b, c, d;
    uint64_t x;
    __asm__ volatile("vmov.f32 s13, #1.0\n\tvmov %0, s13\n\t"
                     "vmov.f32 s13, #-0.125\n\tvmov %1, s13\n\t"
                     "vmov.f32 s13, #31.0\n\tvmov %2, s13\n\t"
                     "vmov.f32 s13, #0.1875\n\tvmov %3, s13"
                     : "=r"(a), "=r"(b), "=r"(c), "=r"(d) :: "s13");
    rt_printf("vmov.f32 imm: %08x %08x %08x %08x\n", a, b, c, d);
    __asm__ volatile("vmov.f64 d17, #-2.5\n\tvmov %Q0, %R0, d17" : "=r"(x) :: "d17");
    rt_printf("vmov.f64 imm: %016llx\n", x);
    __asm__ volatile("vmov.f64 d31, #17.0\n\tvmov %Q0, %R0, d31" : "=r"(x) :: "d31");
    rt_printf("vmov.f64 imm d31: %016llx\n", x);
    /* two singles <-> two cores, scalar moves, register-register */
    __asm__ volatile("vmov s2, s3, %2, %3\n\tvmov.f32 s4, s3\n\tvmov %0, %1, s3, s4"
                     : "=&r"(a), "=&r"(b) : "r"(0x11111111), "r"(0x22222222)
                     : "s2", "s3", "s4");
    rt_printf("vmov pair: %08x %08x\n", a, b);
    __asm__ volatile("vmov d16, %2, %3\n\tvmov.32 d16[1], %2\n\tvmov.32 %0, d16[0]\n\t"
                     "vmov.f64 d30, d16\n\tvmov.32 %1, d30[1]"
                     : "=&r"(a), "=&r"(b) : "r"(0x33333333), "r"(0x44444444) : "d16", "d30");
    rt_printf("vmov scalar: %08x %08x\n", a, b);
}

int main(void)
{
    rt_puts("vfpconv " ISA_NAME "\n");
    run_list("cvt.f64.f32.hi", cvt_ds_hi, FSV, NFSV);
    run_list("cvt.f64.f32.lo", cvt_ds_lo, FSV, NFSV);
    run_dlist("cvt.f32.f64", cvt_sd);
    run_list("cvt.s32.f32", cvt_s32, RV, NRV);
    run_list("cvt.u32.f32", cvt_u32, RV, NRV);
    run_list("cvtr.s32.f32", cvtr_s32, RV, NRV);
    run_list("cvtr.u32.f32", cvtr_u32, RV, NRV);
    run_list("cvt.f32.s32", cvt_fs32, IV, NIV);
    run_list("cvt.f32.u32", cvt_fu32, IV, NIV);
    run_dlist("cvt.s32.f64", cvt_ds32);
    run_dlist("cvt.u32.f64", cvt_du32);
    run_dlist("cvtr.s32.f64", cvtr_ds32);
    run_dlist("cvtr.u32.f64", cvtr_du32);
    run_list("cvt.s32.f32#16", fix_s32_16, RV, NRV);
    run_list("cvt.u16.f32#4", fix_u16_4, RV, NRV);
    run_list("cvt.s16.f32#1", fix_s16_1, RV, NRV);
    run_list("cvt.f32.s32#8", fix_f_s32_8, IV, NIV);
    run_list("cvt.f32.u16#16", fix_f_u16_16, IV, NIV);
    run_list("cvt.f32.s16#3", fix_f_s16_3, IV, NIV);
    run_dlist("cvt.s32.f64#20", fixd_s32_20);
    run_list("cvtb.f16.f32", cvtb_hs, RV, NRV);
    run_list("cvtt.f16.f32", cvtt_hs, RV, NRV);
    run_list("cvtb.f32.f16", cvtb_sh, IV, NIV);
    run_list("cvtt.f32.f16", cvtt_sh, IV, NIV);
    vmov_tests();
    return 0;
}
