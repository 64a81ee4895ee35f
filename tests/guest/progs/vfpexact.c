/* VFP results at the edges of exactness, in f32 and f64: operands whose
   products need 53/54/55 (f64) or 24/25/26 (f32) significant bits, sums
   that cancel, results that round to or from the smallest normal, land
   among the denormals or overflow.  The emulator derives the inexact,
   underflow and overflow flags from operands and result in round-to-
   nearest mode instead of reading the host's; every pair of operands is
   run under RN, RN+FZ, RN+DN and RZ, and each row prints a hash of the
   results and flags plus the union of the flags. */
#include "vf.h"

FS(add_s,  "vadd.f32 s13, s14, s15")
FS(sub_s,  "vsub.f32 s13, s14, s15")
FS(mul_s,  "vmul.f32 s13, s14, s15")
FS(nmul_s, "vnmul.f32 s13, s14, s15")
FS(div_s,  "vdiv.f32 s13, s14, s15")
FS(sqrt_s, "vsqrt.f32 s13, s14")
FS(mla_s,  "vmla.f32 s13, s14, s15")
FS(mls_s,  "vmls.f32 s13, s14, s15")
FS(fma_s,  ".fpu vfpv4\n\tvfma.f32 s13, s14, s15")
FS(cvt_sd, "vmov d21, %[a], %[b]\n\tvcvt.f32.f64 s13, d21")

FD(add_d,  "vadd.f64 d20, d21, d22")
FD(sub_d,  "vsub.f64 d20, d21, d22")
FD(mul_d,  "vmul.f64 d20, d21, d22")
FD(nmul_d, "vnmul.f64 d20, d21, d22")
FD(div_d,  "vdiv.f64 d20, d21, d22")
FD(sqrt_d, "vsqrt.f64 d20, d21")
FD(mla_d,  "vmla.f64 d20, d21, d22")
FD(mls_d,  "vmls.f64 d20, d21, d22")
FD(fma_d,  ".fpu vfpv4\n\tvfma.f64 d20, d21, d22")

static const uint32_t XS[] = {
    0x3f800000, 0x3f800001, 0x3f801000, 0x3f800800, /* 1, 24, 12, 13 bits */
    0x40400000, 0x3eaaaaab, 0x3fffffff, 0x4b7fffff, /* 3, 1/3, 24 ones */
    0x3f7fffff, 0xbfc00000, 0x3f000000,             /* 1-2^-24, -1.5, .5 */
    0x00800000, 0x00800001, 0x00c00000, 0x80ffffff, /* near FLT_MIN */
    0x00000001, 0x007fffff, 0x00400000, 0x80000003, /* denormals */
    0x20000000, 0x1fc00000, 0x1f800001, 0x9f7fffff, /* 2^-63 region */
    0x5f000000, 0x5f7fffff, 0x5fc00000, 0x7f7fffff, /* up to FLT_MAX */
    0x7f000000, 0x00000000, 0x7f800000,
};
#define NXS (int)(sizeof(XS) / sizeof(XS[0]))

static const uint64_t XD[] = {
    0x3ff0000000000000ull, 0x3ff0000000000001ull, /* 1, 53 bits */
    0x3ff0000004000000ull, 0x3ff0000002000000ull, /* 27, 28 bits */
    0x4008000000000000ull, 0x3fd5555555555555ull, /* 3, 1/3 */
    0x3fffffffc0000000ull, 0x433fffffffffffffull, /* 27 ones, 53 ones */
    0x3fefffffffffffffull, 0xbff8000000000000ull, /* 1-2^-53, -1.5 */
    0x3fe0000000000000ull,                        /* .5 */
    0x0010000000000000ull, 0x0010000000000001ull, /* near DBL_MIN */
    0x0018000000000000ull, 0x801fffffffffffffull,
    0x0000000000000001ull, 0x000fffffffffffffull, /* denormals */
    0x0008000000000000ull, 0x8000000000000003ull,
    0x2000000000000000ull, 0x1ff8000000000000ull, /* 2^-511 region */
    0x1ff0000000000001ull, 0x9fefffffffffffffull,
    0x5fe0000000000000ull, 0x5fefffffffffffffull, /* up to DBL_MAX */
    0x5ff8000000000000ull, 0x7fefffffffffffffull,
    0x7fe0000000000000ull, 0x0000000000000000ull, 0x7ff0000000000000ull,
    0x47efffffe0000000ull, 0x3810000000000000ull, /* f32 max, min */
    0x380fffffffffffffull, 0x36a0000000000000ull, /* below, f32 denormal */
};
#define NXD (int)(sizeof(XD) / sizeof(XD[0]))

static const uint32_t MODES[] = { RM_RN, FPSCR_FZ, FPSCR_DN, RM_RZ };

static uint32_t mix(uint32_t h, uint32_t v)
{
    return (h ^ v) * 16777619u;
}

static void row_s(const char *name, fs_fn fn, uint32_t fpscr, uint32_t c,
                  int i, int nb)
{
    uint32_t h = 2166136261u, any = 0;

    for (int j = 0; j < nb; j++) {
        uint32_t f = fpscr;
        uint32_t d = fn(XS[i], XS[j], c, &f);
        h = mix(mix(h, d), fp_flags(f));
        any |= fp_flags(f);
    }
    rt_printf("%s f=%08x c=%08x a=%08x: %08x %03x\n", name, fpscr, c, XS[i], h, any);
}

static void row_d(const char *name, fd_fn fn, uint32_t fpscr, uint64_t c,
                  int i, int nb)
{
    uint32_t h = 2166136261u, any = 0;

    for (int j = 0; j < nb; j++) {
        uint32_t f = fpscr;
        uint64_t d = fn(XD[i], XD[j], c, &f);
        h = mix(mix(mix(h, (uint32_t)d), (uint32_t)(d >> 32)), fp_flags(f));
        any |= fp_flags(f);
    }
    rt_printf("%s f=%08x c=%016llx a=%016llx: %08x %03x\n", name, fpscr, c, XD[i], h, any);
}

static void run_s(const char *name, fs_fn fn, uint32_t fpscr, uint32_t c, int nb)
{
    for (int i = 0; i < NXS; i++) {
        row_s(name, fn, fpscr, c, i, nb);
    }
}

static void run_d(const char *name, fd_fn fn, uint32_t fpscr, uint64_t c, int nb)
{
    for (int i = 0; i < NXD; i++) {
        row_d(name, fn, fpscr, c, i, nb);
    }
}

int main(void)
{
    rt_puts("vfpexact " ISA_NAME "\n");
    for (unsigned m = 0; m < sizeof(MODES) / sizeof(MODES[0]); m++) {
        uint32_t f = MODES[m];

        run_s("vadd.f32", add_s, f, 0, NXS);
        run_s("vsub.f32", sub_s, f, 0, NXS);
        run_s("vmul.f32", mul_s, f, 0, NXS);
        run_s("vnmul.f32", nmul_s, f, 0, NXS);
        run_s("vdiv.f32", div_s, f, 0, NXS);
        run_s("vsqrt.f32", sqrt_s, f, 0, 1);
        run_s("vmla.f32", mla_s, f, 0xbf800001, NXS);
        run_s("vmls.f32", mls_s, f, 0x00800000, NXS);
        run_s("vfma.f32", fma_s, f, 0xbf800000, NXS);
        run_s("vfma.f32", fma_s, f, 0x80800000, NXS);
        run_d("vadd.f64", add_d, f, 0, NXD);
        run_d("vsub.f64", sub_d, f, 0, NXD);
        run_d("vmul.f64", mul_d, f, 0, NXD);
        run_d("vnmul.f64", nmul_d, f, 0, NXD);
        run_d("vdiv.f64", div_d, f, 0, NXD);
        run_d("vsqrt.f64", sqrt_d, f, 0, 1);
        run_d("vmla.f64", mla_d, f, 0xbff0000000000001ull, NXD);
        run_d("vmls.f64", mls_d, f, 0x0010000000000000ull, NXD);
        run_d("vfma.f64", fma_d, f, 0xbff0000000000000ull, NXD);
        run_d("vfma.f64", fma_d, f, 0x8010000000000000ull, NXD);
        /* f64 -> f32: the (a, b) pair is the f64's low and high words */
        for (int i = 0; i < NXD; i++) {
            uint32_t g = f;
            uint32_t d = cvt_sd((uint32_t)XD[i], (uint32_t)(XD[i] >> 32), 0, &g);
            rt_printf("vcvt.f32.f64 f=%08x a=%016llx: %08x.%03x\n", f, XD[i], d,
                      fp_flags(g));
        }
    }
    return 0;
}
