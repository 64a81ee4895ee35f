/*
 * target/arm VFP helpers: ARM results and FPSCR flags for NaN
 * propagation, default NaN, flush-to-zero, rounding modes, underflow
 * detected before rounding, fused multiply-add, comparisons, and
 * saturating conversions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arm-test-util.h"
#include "target/arm/vfp-helper.h"

#define RN (0u << 22)
#define RP (1u << 22)
#define RM (2u << 22)
#define RZ (3u << 22)

#define QNAN_A 0x7fc00001u
#define QNAN_B 0xffc00002u
#define SNAN_A 0x7f800001u
#define SNAN_B 0xff800002u
#define DEFNAN 0x7fc00000u
#define ONE    0x3f800000u
#define TWO    0x40000000u
#define FMAX   0x7f7fffffu
#define FMIN   0x00800000u     /* smallest normal */
#define DENORM 0x00000001u

/* WebAssembly has no floating-point flags and rounds to nearest only. */
#ifndef PORTOS_TEST_HOST_FENV
#define PORTOS_TEST_HOST_FENV 1
#endif

/* The "soft" test case runs everything without the host's <fenv.h>. */
static bool soft_fenv;

static void soft_setup(void)
{
    arm_test_setup();
    soft_fenv = true;
    arm_vfp_use_host_fenv(false);
}

static void soft_teardown(void)
{
    arm_vfp_use_host_fenv(true);
    soft_fenv = false;
    arm_test_teardown();
}

static uint32_t f2u(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static uint64_t d2u(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

/* Set FPSCR control bits (flags cleared) before a helper call. */
static void fpscr(uint32_t ctl)
{
    at.env->vfp.fpscr = ctl;
}

/*
 * The cumulative flags raised since fpscr().  Every flag is checked on
 * every host: without host flags (Valgrind's CPU, WebAssembly) the
 * helpers derive them from the operands.
 */
static uint32_t host_mask(void)
{
    return FPSCR_CEXC;
}

static uint32_t flags(void)
{
    return at.env->vfp.fpscr & host_mask();
}

/*
 * Directed rounding needs a host that honours <fenv.h> rounding modes
 * (not Valgrind's CPU, not WebAssembly); elsewhere such checks are run
 * but not asserted.
 */
static bool mode_checkable(void)
{
    return (at.env->vfp.fpscr & FPSCR_RMODE_MASK) == 0 ||
           arm_vfp_host_has_rounding();
}

#define CHECK32(expr, want, wflags) \
    do { \
        bool ok_ = mode_checkable(); \
        uint32_t got_ = (expr); \
        if (!ok_) { \
            break; \
        } \
        ck_assert_msg(got_ == (want), "%s = %08x, want %08x", #expr, \
                      got_, (uint32_t)(want)); \
        ck_assert_msg(flags() == ((wflags) & host_mask()), \
                      "%s flags %02x, want %02x", #expr, flags(), \
                      (uint32_t)(wflags)); \
    } while (0)

#define CHECK64(expr, want, wflags) \
    do { \
        bool ok_ = mode_checkable(); \
        uint64_t got_ = (expr); \
        if (!ok_) { \
            break; \
        } \
        ck_assert_msg(got_ == (want), "%s = %016llx, want %016llx", #expr, \
                      (unsigned long long)got_, (unsigned long long)(want)); \
        ck_assert_msg(flags() == ((wflags) & host_mask()), \
                      "%s flags %02x, want %02x", #expr, flags(), \
                      (uint32_t)(wflags)); \
    } while (0)

START_TEST(test_basic)
{
    /* Native runs must see the host flags (x86-64, Windows; not wasm). */
    if (PORTOS_TEST_HOST_FENV && !getenv("PORTOS_UNDER_VALGRIND") && !soft_fenv) {
        ck_assert(arm_vfp_host_has_flags());
        ck_assert(arm_vfp_host_has_rounding());
    }
    fpscr(RN);
    CHECK32(helper_vfp_adds(at.cs, ONE, TWO), f2u(3.0f), 0);
    fpscr(RN);
    CHECK32(helper_vfp_subs(at.cs, ONE, TWO), f2u(-1.0f), 0);
    fpscr(RN);
    CHECK32(helper_vfp_muls(at.cs, TWO, f2u(1.5f)), f2u(3.0f), 0);
    fpscr(RN);
    CHECK32(helper_vfp_divs(at.cs, ONE, f2u(3.0f)), f2u(1.0f / 3.0f),
            FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_sqrts(at.cs, f2u(2.25f)), f2u(1.5f), 0);
    fpscr(RN);
    CHECK64(helper_vfp_addd(at.cs, d2u(0.1), d2u(0.2)), d2u(0.1 + 0.2),
            FPSCR_IXC);
    fpscr(RN);
    CHECK64(helper_vfp_divd(at.cs, d2u(10.0), d2u(4.0)), d2u(2.5), 0);
    fpscr(RN);
    CHECK64(helper_vfp_sqrtd(at.cs, d2u(-0.0)), d2u(-0.0), 0);
    /* Sign operations never touch NaNs or flags. */
    fpscr(FPSCR_DN);
    CHECK32(helper_vfp_negs(at.cs, SNAN_A), SNAN_A | 0x80000000u, 0);
    CHECK32(helper_vfp_abss(at.cs, QNAN_B), QNAN_B & 0x7fffffffu, 0);
    CHECK64(helper_vfp_negd(at.cs, 1), 0x8000000000000001ull, 0);
    CHECK64(helper_vfp_absd(at.cs, 0x8000000000000001ull), 1, 0);
}
END_TEST

START_TEST(test_nan_propagation)
{
    /* SNaN before QNaN, first operand first, quieted. */
    fpscr(RN);
    CHECK32(helper_vfp_adds(at.cs, QNAN_A, SNAN_B), SNAN_B | 0x00400000u,
            FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_muls(at.cs, SNAN_A, SNAN_B), QNAN_A, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_subs(at.cs, QNAN_A, QNAN_B), QNAN_A, 0);
    fpscr(RN);
    CHECK32(helper_vfp_divs(at.cs, ONE, QNAN_B), QNAN_B, 0);
    fpscr(RN);
    CHECK32(helper_vfp_sqrts(at.cs, SNAN_B), SNAN_B | 0x00400000u,
            FPSCR_IOC);
    /* Default NaN mode. */
    fpscr(FPSCR_DN);
    CHECK32(helper_vfp_adds(at.cs, QNAN_A, ONE), DEFNAN, 0);
    fpscr(FPSCR_DN);
    CHECK32(helper_vfp_adds(at.cs, ONE, SNAN_B), DEFNAN, FPSCR_IOC);
    /* Invalid operations always give the (positive) default NaN. */
    fpscr(RN);
    CHECK32(helper_vfp_subs(at.cs, 0x7f800000u, 0x7f800000u), DEFNAN,
            FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_muls(at.cs, 0xff800000u, 0), DEFNAN, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_divs(at.cs, 0, 0x80000000u), DEFNAN, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_sqrts(at.cs, f2u(-1.0f)), DEFNAN, FPSCR_IOC);
    fpscr(RN);
    CHECK64(helper_vfp_divd(at.cs, d2u(INFINITY), d2u(-INFINITY)),
            0x7ff8000000000000ull, FPSCR_IOC);
    /* f64 NaN selection. */
    fpscr(RN);
    CHECK64(helper_vfp_muld(at.cs, 0x7ff8000000000005ull,
                            0xfff0000000000007ull),
            0xfff8000000000007ull, FPSCR_IOC);
}
END_TEST

START_TEST(test_divide_by_zero)
{
    fpscr(RN);
    CHECK32(helper_vfp_divs(at.cs, ONE, 0), 0x7f800000u, FPSCR_DZC);
    fpscr(RN);
    CHECK32(helper_vfp_divs(at.cs, f2u(-3.0f), 0), 0xff800000u, FPSCR_DZC);
    fpscr(RN);
    CHECK32(helper_vfp_divs(at.cs, 0x7f800000u, 0), 0x7f800000u, 0);
    fpscr(RN);
    CHECK64(helper_vfp_divd(at.cs, d2u(1.0), d2u(-0.0)),
            0xfff0000000000000ull, FPSCR_DZC);
    /* FZ: a denormal divisor is zero. */
    fpscr(FPSCR_FZ);
    CHECK32(helper_vfp_divs(at.cs, ONE, DENORM), 0x7f800000u,
            FPSCR_DZC | FPSCR_IDC);
}
END_TEST

START_TEST(test_rounding_modes)
{
    const uint32_t tiny = f2u(0x1p-24f);   /* half an ulp of 1.0 */
    const uint32_t neg_one = f2u(-1.0f);

    fpscr(RN);
    CHECK32(helper_vfp_adds(at.cs, ONE, tiny), ONE, FPSCR_IXC);
    fpscr(RP);
    CHECK32(helper_vfp_adds(at.cs, ONE, tiny), ONE + 1, FPSCR_IXC);
    fpscr(RM);
    CHECK32(helper_vfp_adds(at.cs, ONE, tiny), ONE, FPSCR_IXC);
    fpscr(RZ);
    CHECK32(helper_vfp_adds(at.cs, ONE, tiny), ONE, FPSCR_IXC);
    fpscr(RM);
    CHECK32(helper_vfp_subs(at.cs, neg_one, tiny), neg_one + 1, FPSCR_IXC);
    fpscr(RP);
    CHECK32(helper_vfp_subs(at.cs, neg_one, tiny), neg_one, FPSCR_IXC);
    /* Overflow: infinity when rounding away, else the largest finite. */
    fpscr(RN);
    CHECK32(helper_vfp_muls(at.cs, FMAX, TWO), 0x7f800000u,
            FPSCR_OFC | FPSCR_IXC);
    fpscr(RZ);
    CHECK32(helper_vfp_muls(at.cs, FMAX, TWO), FMAX, FPSCR_OFC | FPSCR_IXC);
    fpscr(RM);
    CHECK32(helper_vfp_muls(at.cs, FMAX, TWO), FMAX, FPSCR_OFC | FPSCR_IXC);
    fpscr(RP);
    CHECK64(helper_vfp_muld(at.cs, d2u(-0x1p1000), d2u(0x1p100)),
            d2u(-DBL_MAX), FPSCR_OFC | FPSCR_IXC);
    /* The host's rounding mode is restored afterwards. */
    fpscr(RP);
    helper_vfp_divs(at.cs, ONE, f2u(3.0f));
    {
        volatile float a = 1.0f, b = 3.0f;
        ck_assert_uint_eq(f2u(a / b), 0x3eaaaaab);
    }
}
END_TEST

START_TEST(test_underflow_and_fz)
{
    const uint32_t half = f2u(0.5f);
    const uint32_t almost_one = 0x3f7fffffu;    /* 1 - 2^-24 */

    /* Exact subnormal result: no flags. */
    fpscr(RN);
    CHECK32(helper_vfp_muls(at.cs, FMIN, half), 0x00400000u, 0);
    /* Inexact subnormal result: UFC + IXC. */
    fpscr(RN);
    CHECK32(helper_vfp_muls(at.cs, 0x00800001u, half), 0x00400000u,
            FPSCR_UFC | FPSCR_IXC);
    /*
     * Tiny before rounding but rounding up to the smallest normal: ARM
     * reports underflow (x86 would not).
     */
    fpscr(RN);
    CHECK32(helper_vfp_muls(at.cs, FMIN, almost_one), FMIN,
            FPSCR_UFC | FPSCR_IXC);
    fpscr(RN);
    CHECK64(helper_vfp_muld(at.cs, d2u(DBL_MIN), d2u(1.0 - 0x1p-53)),
            d2u(DBL_MIN), FPSCR_UFC | FPSCR_IXC);
    /* FZ: tiny results flush to signed zero with UFC only. */
    fpscr(FPSCR_FZ);
    CHECK32(helper_vfp_muls(at.cs, FMIN, half), 0, FPSCR_UFC);
    if (arm_vfp_host_has_rounding()) {
        /* Telling this case needs a recomputation rounding to zero. */
        fpscr(FPSCR_FZ);
        CHECK32(helper_vfp_muls(at.cs, FMIN | 0x80000000u, almost_one),
                0x80000000u, FPSCR_UFC);
    }
    fpscr(FPSCR_FZ);
    CHECK64(helper_vfp_subd(at.cs, d2u(DBL_MIN * 1.5), d2u(DBL_MIN)),
            0, FPSCR_UFC);
    /* Exact zero results are not tiny. */
    fpscr(FPSCR_FZ);
    CHECK32(helper_vfp_subs(at.cs, ONE, ONE), 0, 0);
    /* FZ: denormal inputs are zero, with IDC (and no IXC). */
    fpscr(FPSCR_FZ);
    CHECK32(helper_vfp_adds(at.cs, ONE, DENORM), ONE, FPSCR_IDC);
    fpscr(RN);
    CHECK32(helper_vfp_adds(at.cs, ONE, DENORM), ONE, FPSCR_IXC);
    fpscr(FPSCR_FZ);
    CHECK32(helper_vfp_muls(at.cs, DENORM | 0x80000000u, TWO), 0x80000000u,
            FPSCR_IDC);
    fpscr(FPSCR_FZ);
    CHECK64(helper_vfp_addd(at.cs, 1, 1), 0, FPSCR_IDC);
}
END_TEST

START_TEST(test_fused_muladd)
{
    const uint32_t a = f2u(1.0f + 0x1p-12f);
    const uint32_t c = f2u(-(1.0f + 0x1p-11f));

    fpscr(RN);
    CHECK32(helper_vfp_muladds(at.cs, TWO, f2u(3.0f), ONE), f2u(7.0f), 0);
    /* One rounding: the product's low bits survive. */
    fpscr(RN);
    CHECK32(helper_vfp_muladds(at.cs, a, a, c), f2u(0x1p-24f), 0);
    fpscr(RN);
    CHECK32(helper_vfp_adds(at.cs, helper_vfp_muls(at.cs, a, a), c), 0,
            FPSCR_IXC);
    fpscr(RN);
    CHECK64(helper_vfp_muladdd(at.cs, d2u(1.0 + 0x1p-30), d2u(1.0 + 0x1p-30),
                               d2u(-(1.0 + 0x1p-29))), d2u(0x1p-60), 0);
    /* NaN order: addend, then the factors; SNaN first. */
    fpscr(RN);
    CHECK32(helper_vfp_muladds(at.cs, QNAN_A, QNAN_B, 0x7fc00003u),
            0x7fc00003u, 0);
    fpscr(RN);
    CHECK32(helper_vfp_muladds(at.cs, SNAN_A, QNAN_B, 0x7fc00003u), QNAN_A,
            FPSCR_IOC);
    /* (inf * 0) + qNaN: default NaN and IOC. */
    fpscr(RN);
    CHECK32(helper_vfp_muladds(at.cs, 0x7f800000u, 0, 0x7fc00003u), DEFNAN,
            FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_muladds(at.cs, 0x7f800000u, 0, ONE), DEFNAN,
            FPSCR_IOC);
    fpscr(RN);
    CHECK64(helper_vfp_muladdd(at.cs, 0, d2u(-INFINITY), 0x7ff8000000000009ull),
            0x7ff8000000000000ull, FPSCR_IOC);
}
END_TEST

static uint32_t nzcv(void)
{
    return at.env->vfp.fpscr >> 28;
}

START_TEST(test_compare)
{
    fpscr(RN);
    helper_vfp_cmps(at.cs, ONE, TWO);
    ck_assert_uint_eq(nzcv(), 0x8);
    helper_vfp_cmps(at.cs, TWO, TWO);
    ck_assert_uint_eq(nzcv(), 0x6);
    helper_vfp_cmps(at.cs, TWO, ONE);
    ck_assert_uint_eq(nzcv(), 0x2);
    helper_vfp_cmps(at.cs, 0x80000000u, 0);
    ck_assert_uint_eq(nzcv(), 0x6);
    ck_assert_uint_eq(flags(), 0);
    helper_vfp_cmps(at.cs, QNAN_A, ONE);
    ck_assert_uint_eq(nzcv(), 0x3);
    ck_assert_uint_eq(flags(), 0);
    helper_vfp_cmpes(at.cs, QNAN_A, ONE);
    ck_assert_uint_eq(nzcv(), 0x3);
    ck_assert_uint_eq(flags(), FPSCR_IOC);
    fpscr(RN);
    helper_vfp_cmps(at.cs, ONE, SNAN_A);
    ck_assert_uint_eq(flags(), FPSCR_IOC);
    /* FZ: a denormal equals zero. */
    fpscr(FPSCR_FZ);
    helper_vfp_cmps(at.cs, DENORM, 0);
    ck_assert_uint_eq(nzcv(), 0x6);
    ck_assert_uint_eq(flags(), FPSCR_IDC);
    fpscr(RN);
    helper_vfp_cmpd(at.cs, d2u(-INFINITY), d2u(-1e308));
    ck_assert_uint_eq(nzcv(), 0x8);
    helper_vfp_cmped(at.cs, d2u(NAN), d2u(1.0));
    ck_assert_uint_eq(nzcv(), 0x3);
    ck_assert_uint_eq(flags(), FPSCR_IOC);
    /* Other FPSCR bits survive a compare. */
    fpscr(FPSCR_DN | RZ);
    helper_vfp_cmpd(at.cs, d2u(1.0), d2u(1.0));
    ck_assert_uint_eq(at.env->vfp.fpscr, 0x60000000u | FPSCR_DN | RZ);
}
END_TEST

START_TEST(test_precision_conversion)
{
    fpscr(RN);
    CHECK64(helper_vfp_fcvtds(at.cs, f2u(1.5f)), d2u(1.5), 0);
    fpscr(RN);
    CHECK64(helper_vfp_fcvtds(at.cs, SNAN_A), 0x7ff8000020000000ull,
            FPSCR_IOC);
    fpscr(RN);
    CHECK64(helper_vfp_fcvtds(at.cs, DENORM), d2u(0x1p-149), 0);
    fpscr(FPSCR_FZ);
    CHECK64(helper_vfp_fcvtds(at.cs, DENORM), 0, FPSCR_IDC);
    fpscr(RN);
    CHECK32(helper_vfp_fcvtsd(at.cs, 0xfff4000000000000ull), 0xffe00000u,
            FPSCR_IOC);
    fpscr(FPSCR_DN);
    CHECK32(helper_vfp_fcvtsd(at.cs, 0xfff4000000000000ull), DEFNAN,
            FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_fcvtsd(at.cs, d2u(1e300)), 0x7f800000u,
            FPSCR_OFC | FPSCR_IXC);
    fpscr(RZ);
    CHECK32(helper_vfp_fcvtsd(at.cs, d2u(1e300)), FMAX,
            FPSCR_OFC | FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_fcvtsd(at.cs, d2u(1.0 / 3.0)), f2u(1.0f / 3.0f),
            FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_fcvtsd(at.cs, d2u(0x1p-140)), f2u(0x1p-140f), 0);
    fpscr(RN);
    CHECK32(helper_vfp_fcvtsd(at.cs, d2u(0x1p-140 * (1 + 0x1p-30))),
            f2u(0x1p-140f), FPSCR_UFC | FPSCR_IXC);
    fpscr(FPSCR_FZ);
    CHECK32(helper_vfp_fcvtsd(at.cs, d2u(-0x1p-140)), 0x80000000u, FPSCR_UFC);
    /* Rounds up to the smallest normal: still tiny before rounding. */
    fpscr(RN);
    CHECK32(helper_vfp_fcvtsd(at.cs, d2u(0x1p-126 * (1 - 0x1p-30))), FMIN,
            FPSCR_UFC | FPSCR_IXC);
}
END_TEST

START_TEST(test_float_to_int)
{
    fpscr(RN);
    CHECK32(helper_vfp_tosis(at.cs, f2u(1.5f), 1), 1, FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_tosis(at.cs, f2u(1.5f), 0), 2, FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_tosis(at.cs, f2u(2.5f), 0), 2, FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_tosis(at.cs, f2u(-1.5f), 0), (uint32_t)-2, FPSCR_IXC);
    fpscr(RP);
    CHECK32(helper_vfp_tosis(at.cs, f2u(-1.5f), 0), (uint32_t)-1, FPSCR_IXC);
    fpscr(RM);
    CHECK32(helper_vfp_tosis(at.cs, f2u(1.5f), 0), 1, FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_tosis(at.cs, f2u(-7.0f), 1), (uint32_t)-7, 0);
    /* Saturation: IOC, not IXC. */
    fpscr(RN);
    CHECK32(helper_vfp_tosis(at.cs, f2u(3e9f), 1), 0x7fffffffu, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_tosis(at.cs, f2u(-3e9f), 1), 0x80000000u, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_tosis(at.cs, 0xff800000u, 1), 0x80000000u, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_tosis(at.cs, QNAN_A, 1), 0, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_touis(at.cs, f2u(-1.0f), 1), 0, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_touis(at.cs, f2u(-0.5f), 1), 0, FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_touis(at.cs, f2u(4e9f), 1), 4000000000u, 0);
    fpscr(RN);
    CHECK32(helper_vfp_tosid(at.cs, d2u(2147483647.9), 1), 0x7fffffffu,
            FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_tosid(at.cs, d2u(2147483647.9), 0), 0x7fffffffu,
            FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_tosid(at.cs, d2u(-2147483648.5), 1), 0x80000000u,
            FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_touid(at.cs, d2u(4294967295.5), 1), 0xffffffffu,
            FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_touid(at.cs, d2u(4294967296.0), 1), 0xffffffffu,
            FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_touid(at.cs, d2u(1e-300), 0), 0, FPSCR_IXC);
    fpscr(FPSCR_FZ);
    CHECK32(helper_vfp_tosid(at.cs, 1, 1), 0, FPSCR_IDC);
}
END_TEST

START_TEST(test_int_to_float)
{
    fpscr(RN);
    CHECK32(helper_vfp_sitos(at.cs, 0x7fffffffu), 0x4f000000u, FPSCR_IXC);
    fpscr(RZ);
    CHECK32(helper_vfp_sitos(at.cs, 0x7fffffffu), 0x4effffffu, FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_sitos(at.cs, 0x80000000u), 0xcf000000u, 0);
    fpscr(RN);
    CHECK32(helper_vfp_uitos(at.cs, 0xffffffffu), 0x4f800000u, FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_uitos(at.cs, 16777217u), 0x4b800000u, FPSCR_IXC);
    fpscr(RP);
    CHECK32(helper_vfp_uitos(at.cs, 16777217u), 0x4b800001u, FPSCR_IXC);
    fpscr(RN);
    CHECK64(helper_vfp_sitod(at.cs, (uint32_t)-1), d2u(-1.0), 0);
    fpscr(RN);
    CHECK64(helper_vfp_uitod(at.cs, 0xffffffffu), d2u(4294967295.0), 0);
}
END_TEST

START_TEST(test_fixed_point)
{
    fpscr(RN);
    CHECK32(helper_vfp_tosls(at.cs, f2u(1.75f), 1), 3, FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_tosls(at.cs, f2u(-1.75f), 1), (uint32_t)-3,
            FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_toshs(at.cs, f2u(1000.0f), 8), 0x7fffu, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_toshs(at.cs, f2u(-2.0f), 0), 0xfffffffeu, 0);
    fpscr(RN);
    CHECK32(helper_vfp_touhs(at.cs, f2u(-1.0f), 4), 0, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_touhs(at.cs, f2u(255.5f), 8), 0xff80u, 0);
    fpscr(RN);
    CHECK32(helper_vfp_touhs(at.cs, f2u(256.0f), 8), 0xffffu, FPSCR_IOC);
    fpscr(RN);
    CHECK32(helper_vfp_touls(at.cs, f2u(0.5f), 32), 0x80000000u, 0);
    fpscr(RN);
    CHECK64(helper_vfp_tosld(at.cs, d2u(-2.0), 0), 0xfffffffffffffffeull, 0);
    fpscr(RN);
    CHECK64(helper_vfp_tould(at.cs, d2u(3.999), 0), 3, FPSCR_IXC);
    fpscr(RN);
    CHECK64(helper_vfp_toshd(at.cs, d2u(-40000.0), 0), 0xffffffffffff8000ull,
            FPSCR_IOC);
    fpscr(RN);
    CHECK64(helper_vfp_touhd(at.cs, d2u(1.5), 15), 0xc000, 0);
    /* Fixed -> float. */
    fpscr(RN);
    CHECK32(helper_vfp_sltos(at.cs, 0x80000000u, 31), f2u(-1.0f), 0);
    fpscr(RN);
    CHECK32(helper_vfp_ultos(at.cs, 1, 32), f2u(0x1p-32f), 0);
    fpscr(RN);
    CHECK32(helper_vfp_sltos(at.cs, 0x7fffffffu, 16), f2u(32768.0f),
            FPSCR_IXC);
    /* Fixed -> float ignores RMode: nearest even (checked on QEMU). */
    fpscr(RP);
    CHECK32(helper_vfp_sltos(at.cs, 0x01000001u, 8), 0x47800000u, FPSCR_IXC);
    fpscr(RZ);
    CHECK32(helper_vfp_ultos(at.cs, 0xffffffffu, 0), 0x4f800000u, FPSCR_IXC);
    /* ...while integer -> float follows it. */
    fpscr(RZ);
    CHECK32(helper_vfp_uitos(at.cs, 0xffffffffu), 0x4f7fffffu, FPSCR_IXC);
    fpscr(RN);
    CHECK64(helper_vfp_sltod(at.cs, (uint32_t)-3, 1), d2u(-1.5), 0);
    fpscr(RN);
    CHECK64(helper_vfp_ultod(at.cs, 0xffffffffu, 16), d2u(65535.999984741211),
            0);
}
END_TEST

START_TEST(test_half_precision)
{
    fpscr(RN);
    CHECK32(helper_vfp_stof16(at.cs, ONE), 0x3c00, 0);
    fpscr(RN);
    CHECK32(helper_vfp_stof16(at.cs, f2u(-2.5f)), 0xc100, 0);
    fpscr(RN);
    CHECK32(helper_vfp_stof16(at.cs, f2u(65504.0f)), 0x7bff, 0);
    fpscr(RN);
    CHECK32(helper_vfp_stof16(at.cs, f2u(65520.0f)), 0x7c00,
            FPSCR_OFC | FPSCR_IXC);
    fpscr(RZ);
    CHECK32(helper_vfp_stof16(at.cs, f2u(65520.0f)), 0x7bff, FPSCR_IXC);
    fpscr(RZ);
    CHECK32(helper_vfp_stof16(at.cs, f2u(70000.0f)), 0x7bff,
            FPSCR_OFC | FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_stof16(at.cs, f2u(0x1p-24f)), 0x0001, 0);
    fpscr(RN);
    CHECK32(helper_vfp_stof16(at.cs, f2u(0x1p-26f)), 0, FPSCR_UFC | FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_stof16(at.cs, f2u(1.0f + 0x1p-11f)), 0x3c00,
            FPSCR_IXC);
    fpscr(RN);
    CHECK32(helper_vfp_stof16(at.cs, 0x7f800000u), 0x7c00, 0);
    fpscr(RN);
    CHECK32(helper_vfp_stof16(at.cs, SNAN_A), 0x7e00, FPSCR_IOC);
    /* Alternative half precision: no Inf/NaN, range to 131008. */
    fpscr(FPSCR_AHP);
    CHECK32(helper_vfp_stof16(at.cs, f2u(100000.0f)), 0x7e1a, FPSCR_IXC);
    fpscr(FPSCR_AHP);
    CHECK32(helper_vfp_stof16(at.cs, QNAN_A), 0, FPSCR_IOC);
    fpscr(FPSCR_AHP);
    CHECK32(helper_vfp_stof16(at.cs, 0xff800000u), 0xffff, FPSCR_IOC);
    fpscr(FPSCR_AHP);
    CHECK32(helper_vfp_f16tos(at.cs, 0x7c00), f2u(65536.0f), 0);
    /* f16 -> f32. */
    fpscr(RN);
    CHECK32(helper_vfp_f16tos(at.cs, 0x3555), f2u(0.333251953125f), 0);
    fpscr(RN);
    CHECK32(helper_vfp_f16tos(at.cs, 0x8001), f2u(-0x1p-24f), 0);
    fpscr(RN);
    CHECK32(helper_vfp_f16tos(at.cs, 0xfc00), 0xff800000u, 0);
    fpscr(RN);
    CHECK32(helper_vfp_f16tos(at.cs, 0x7d01), 0x7fa02000u | 0x00400000u,
            FPSCR_IOC);
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, test_basic);
    tcase_add_test(tc, test_nan_propagation);
    tcase_add_test(tc, test_divide_by_zero);
    tcase_add_test(tc, test_rounding_modes);
    tcase_add_test(tc, test_underflow_and_fz);
    tcase_add_test(tc, test_fused_muladd);
    tcase_add_test(tc, test_compare);
    tcase_add_test(tc, test_precision_conversion);
    tcase_add_test(tc, test_float_to_int);
    tcase_add_test(tc, test_int_to_float);
    tcase_add_test(tc, test_fixed_point);
    tcase_add_test(tc, test_half_precision);
}

Suite *suite_arm_vfp(void)
{
    Suite *s = suite_create("arm-vfp");
    TCase *tc = tcase_create("vfp");
    TCase *soft = tcase_create("vfp-soft");

    tcase_add_checked_fixture(tc, arm_test_setup, arm_test_teardown);
    add_tests(tc);
    suite_add_tcase(s, tc);
    /* Again as on a host without <fenv.h> (WebAssembly): nearest only. */
    tcase_add_checked_fixture(soft, soft_setup, soft_teardown);
    add_tests(soft);
    suite_add_tcase(s, soft);
    return s;
}
