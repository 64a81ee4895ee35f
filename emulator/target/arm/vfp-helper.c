/*
 * VFP arithmetic with ARM semantics on top of the host's IEEE 754
 * arithmetic.  See vfp-helper.h for the rules handled explicitly.
 *
 * The host computes every correctly rounded result; this file decides
 * what happens around it: denormal flushing, NaN selection, default NaN,
 * ARM's underflow (tininess before rounding), saturation, and mapping of
 * the host's exception flags.  Operands are held in volatile variables
 * so the compiler cannot move the operation across the fenv calls.
 */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "target/arm/cpu.h"
#include "target/arm/vfp-helper.h"

/* ---- the host floating-point environment ---- */

#if defined(FE_INEXACT) && defined(FE_UNDERFLOW) && defined(FE_OVERFLOW)
#define HOST_FLAGS (FE_INEXACT | FE_UNDERFLOW | FE_OVERFLOW)
#else
#define HOST_FLAGS 0   /* e.g. WebAssembly: no flags, round to nearest */
#endif

/* Set by tests to run the no-fenv paths on any host. */
static bool fenv_disabled;

/* Set the host rounding mode for FPSCR.RMode; clear the host flags. */
static void host_begin(int rmode)
{
    static const int modes[4] = {
        FE_TONEAREST,
#if defined(FE_UPWARD) && defined(FE_DOWNWARD) && defined(FE_TOWARDZERO)
        FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO,
#else
        FE_TONEAREST, FE_TONEAREST, FE_TONEAREST,
#endif
    };

    if (fenv_disabled) {
        return;
    }
    if (rmode != FPROUNDING_TIEEVEN) {
        fesetround(modes[rmode & 3]);
    }
#if HOST_FLAGS
    feclearexcept(HOST_FLAGS);
#endif
}

/* ARM flags for the host's flags since host_begin(); back to nearest. */
static uint32_t host_end(int rmode)
{
    uint32_t f = 0;
#if HOST_FLAGS
    int ex;

    if (fenv_disabled) {
        return 0;
    }
    ex = fetestexcept(HOST_FLAGS);

    if (ex & FE_INEXACT) {
        f |= FPSCR_IXC;
    }
    if (ex & FE_UNDERFLOW) {
        f |= FPSCR_UFC;
    }
    if (ex & FE_OVERFLOW) {
        f |= FPSCR_OFC;
    }
    feclearexcept(HOST_FLAGS);
#endif
    if (rmode != FPROUNDING_TIEEVEN) {
        fesetround(FE_TONEAREST);
    }
    return f;
}

void arm_vfp_use_host_fenv(bool use)
{
    fenv_disabled = !use;
}

bool arm_vfp_host_has_flags(void)
{
    static volatile int cached = -1;

    if (fenv_disabled) {
        return false;
    }
    if (cached < 0) {
        volatile float a = 1.0f, b = 3.0f, r;

        host_begin(FPROUNDING_TIEEVEN);
        r = a / b;
        (void)r;
        cached = (host_end(FPROUNDING_TIEEVEN) & FPSCR_IXC) != 0;
    }
    return cached != 0;
}

bool arm_vfp_host_has_rounding(void)
{
    static volatile int cached = -1;

    if (fenv_disabled) {
        return false;
    }
    if (cached < 0) {
        volatile float a = 1.0f, b = 3.0f, up, down;

        host_begin(FPROUNDING_POSINF);
        up = a / b;
        host_end(FPROUNDING_POSINF);
        host_begin(FPROUNDING_NEGINF);
        down = a / b;
        host_end(FPROUNDING_NEGINF);
        cached = up != down;
    }
    return cached != 0;
}

/*
 * Round to nearest, the usual mode, leaves the host's environment alone:
 * inexact is derived from operands and result (f32_inexact and friends),
 * overflow and underflow are derived anyway, and that is much cheaper
 * than feclearexcept/fetestexcept (half of a VFP-heavy guest's time).
 * Directed rounding needs the host's rounding mode, and takes its flags.
 */
static inline bool fenv_needed(int rmode)
{
    return rmode != FPROUNDING_TIEEVEN;
}

/* Whether inexact is derived rather than the host's flag. */
static inline bool derive_inexact(int rmode)
{
    return !fenv_needed(rmode) || !arm_vfp_host_has_flags();
}

static inline float f32_val(uint32_t x)
{
    float f;
    memcpy(&f, &x, 4);
    return f;
}
static inline uint32_t f32_bits(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    return x;
}
static inline double f64_val(uint64_t x)
{
    double d;
    memcpy(&d, &x, 8);
    return d;
}
static inline uint64_t f64_bits(double d)
{
    uint64_t x;
    memcpy(&x, &d, 8);
    return x;
}

/* ---- classification ---- */

#define F32_SIGN      0x80000000u
#define F32_EXP       0x7f800000u
#define F32_FRAC      0x007fffffu
#define F32_QUIET     0x00400000u
#define F32_DEFNAN    0x7fc00000u
#define F64_SIGN      0x8000000000000000ull
#define F64_EXP       0x7ff0000000000000ull
#define F64_FRAC      0x000fffffffffffffull
#define F64_QUIET     0x0008000000000000ull
#define F64_DEFNAN    0x7ff8000000000000ull

static inline bool f32_is_nan(uint32_t x)
{
    return (x & F32_EXP) == F32_EXP && (x & F32_FRAC);
}
static inline bool f32_is_snan(uint32_t x)
{
    return f32_is_nan(x) && !(x & F32_QUIET);
}
static inline bool f32_is_denormal(uint32_t x)
{
    return !(x & F32_EXP) && (x & F32_FRAC);
}
static inline bool f64_is_nan(uint64_t x)
{
    return (x & F64_EXP) == F64_EXP && (x & F64_FRAC);
}
static inline bool f64_is_snan(uint64_t x)
{
    return f64_is_nan(x) && !(x & F64_QUIET);
}
static inline bool f64_is_denormal(uint64_t x)
{
    return !(x & F64_EXP) && (x & F64_FRAC);
}

/* Per-call context: the FPSCR at entry and the flags raised. */
typedef struct FPCtx {
    uint32_t fpscr;
    int rmode;
    uint32_t flags;
} FPCtx;

static inline FPCtx fp_start(struct CPUState *cs)
{
    FPCtx c;

    c.fpscr = arm_env(cs)->vfp.fpscr;
    c.rmode = (int)((c.fpscr & FPSCR_RMODE_MASK) >> FPSCR_RMODE_SHIFT);
    c.flags = 0;
    return c;
}

static inline void fp_finish(struct CPUState *cs, const FPCtx *c)
{
    arm_env(cs)->vfp.fpscr |= c->flags;
}

/* FZ: a denormal input becomes a zero of the same sign (IDC). */
static inline uint32_t f32_in(FPCtx *c, uint32_t x)
{
    if ((c->fpscr & FPSCR_FZ) && f32_is_denormal(x)) {
        c->flags |= FPSCR_IDC;
        return x & F32_SIGN;
    }
    return x;
}
static inline uint64_t f64_in(FPCtx *c, uint64_t x)
{
    if ((c->fpscr & FPSCR_FZ) && f64_is_denormal(x)) {
        c->flags |= FPSCR_IDC;
        return x & F64_SIGN;
    }
    return x;
}

/*
 * NaN operands, in priority order (SNaN before QNaN, earlier operand
 * first).  Returns true and sets *r if some operand is a NaN.
 */
static bool f32_nans(FPCtx *c, const uint32_t *ops, int n, uint32_t *r)
{
    int i, pick = -1;

    for (i = 0; i < n && pick < 0; i++) {
        if (f32_is_snan(ops[i])) {
            pick = i;
        }
    }
    for (i = 0; i < n && pick < 0; i++) {
        if (f32_is_nan(ops[i])) {
            pick = i;
        }
    }
    if (pick < 0) {
        return false;
    }
    for (i = 0; i < n; i++) {
        if (f32_is_snan(ops[i])) {
            c->flags |= FPSCR_IOC;
        }
    }
    *r = (c->fpscr & FPSCR_DN) ? F32_DEFNAN : ops[pick] | F32_QUIET;
    return true;
}

static bool f64_nans(FPCtx *c, const uint64_t *ops, int n, uint64_t *r)
{
    int i, pick = -1;

    for (i = 0; i < n && pick < 0; i++) {
        if (f64_is_snan(ops[i])) {
            pick = i;
        }
    }
    for (i = 0; i < n && pick < 0; i++) {
        if (f64_is_nan(ops[i])) {
            pick = i;
        }
    }
    if (pick < 0) {
        return false;
    }
    for (i = 0; i < n; i++) {
        if (f64_is_snan(ops[i])) {
            c->flags |= FPSCR_IOC;
        }
    }
    *r = (c->fpscr & FPSCR_DN) ? F64_DEFNAN : ops[pick] | F64_QUIET;
    return true;
}

/* ---- the arithmetic core ---- */

typedef enum FPOp { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_FMA } FPOp;

static float host_f32(FPOp op, float a, float b, float c)
{
    volatile float va = a, vb = b, vc = c, r;

    switch (op) {
    case OP_ADD:
        r = va + vb;
        break;
    case OP_SUB:
        r = va - vb;
        break;
    case OP_MUL:
        r = va * vb;
        break;
    case OP_DIV:
        r = va / vb;
        break;
    case OP_SQRT:
        r = sqrtf(va);
        break;
    default:
        r = fmaf(va, vb, vc);
        break;
    }
    return r;
}

static double host_f64(FPOp op, double a, double b, double c)
{
    volatile double va = a, vb = b, vc = c, r;

    switch (op) {
    case OP_ADD:
        r = va + vb;
        break;
    case OP_SUB:
        r = va - vb;
        break;
    case OP_MUL:
        r = va * vb;
        break;
    case OP_DIV:
        r = va / vb;
        break;
    case OP_SQRT:
        r = sqrt(va);
        break;
    default:
        r = fma(va, vb, vc);
        break;
    }
    return r;
}

/*
 * Inexactness without host flags (WebAssembly, Valgrind): decided from
 * the operands with exact arithmetic, for results rounded to nearest.
 */

/* TwoSum: s + e == a + b exactly (round to nearest, no overflow). */
static void two_sum(double a, double b, double *s, double *e)
{
    volatile double vs = a + b;
    double bb = vs - a;

    *s = vs;
    *e = (a - (vs - bb)) + (b - bb);
}

/*
 * The exact product a * b as (hi + lo) * 2^exp, with hi and lo computed
 * on factors scaled near 1 so that the error term cannot underflow.
 */
static void exact_mul(double a, double b, double *hi, double *lo, int *exp)
{
    int ea, eb;
    double ma = frexp(a, &ea), mb = frexp(b, &eb);

    *hi = ma * mb;
    *lo = fma(ma, mb, -*hi);
    *exp = ea + eb;
}

/* Whether the finite double @x * 2^@n is exactly representable. */
static bool scaled_exact(double x, int n, double *out)
{
    *out = ldexp(x, n);
    return isfinite(*out) && ldexp(*out, -n) == x;
}

/* Whether a * b == c exactly (all finite). */
static bool mul_equals(double a, double b, double c)
{
    double hi, lo, v;
    int n;

    if (a == 0 || b == 0) {
        return c == 0;
    }
    exact_mul(a, b, &hi, &lo, &n);
    return lo == 0 && scaled_exact(hi, n, &v) && v == c;
}

/* The significand of the finite nonzero @x, trailing zero bits dropped. */
static inline uint64_t f64_odd_sig(double x)
{
    uint64_t b = f64_bits(x), m = b & F64_FRAC;

    if (b & F64_EXP) {
        m |= F64_FRAC + 1;
    }
    return m >> __builtin_ctzll(m);
}

/*
 * Whether a * b (nonzero, finite) needs at most 53 significant bits: the
 * product of the odd significands must stay below 2^53.  With a normal
 * result above DBL_MIN that is the same as the product being exact, at
 * a few integer operations instead of frexp/fma/ldexp.
 */
static bool mul_fits(double a, double b)
{
    uint64_t ma = f64_odd_sig(a), mb = f64_odd_sig(b);
    int bits = 128 - __builtin_clzll(ma) - __builtin_clzll(mb);

    if (bits <= 53) {
        return true;
    }
    /* 2^(bits-2) <= ma * mb < 2^bits: only 54 bits can go either way. */
    return bits == 54 && ma * mb < (1ull << 53);
}

/* f64 result @r of @op: was it inexact?  (finite operands and result) */
static bool f64_inexact(FPOp op, double a, double b, double c, double r)
{
    double s, e, hi, lo, p, l, s2, e2;
    int n;

    switch (op) {
    case OP_ADD:
    case OP_SUB:
        two_sum(a, op == OP_SUB ? -b : b, &s, &e);
        return e != 0 || s != r;
    case OP_MUL:
        if (fabs(r) > DBL_MIN && fabs(r) < DBL_MAX) {
            /*
             * A result strictly between DBL_MIN and DBL_MAX, in any
             * rounding mode, comes from an exact product in the normal
             * range, so exact means 53 bits.
             */
            return !mul_fits(a, b);
        }
        return !mul_equals(a, b, r);
    case OP_DIV:
        return !mul_equals(r, b, a);
    case OP_SQRT:
        return !mul_equals(r, r, a);
    default:
        if (a == 0 || b == 0) {
            return c != r;
        }
        exact_mul(a, b, &hi, &lo, &n);
        if (!scaled_exact(hi, n, &p) || !scaled_exact(lo, n, &l)) {
            return true;    /* bits below the subnormal grid: inexact */
        }
        two_sum(p, c, &s, &e);
        two_sum(e, l, &s2, &e2);
        /* exact = s + s2 + e2 */
        two_sum(s, s2, &s, &e);
        return e != 0 || e2 != 0 || s != r;
    }
}

/* f32: every operation is exact in double except the final rounding. */
static bool f32_inexact(FPOp op, float a, float b, float c, float r)
{
    double da = a, db = b, dc = c, dr = r, s, e;

    switch (op) {
    case OP_ADD:
    case OP_SUB:
        two_sum(da, op == OP_SUB ? -db : db, &s, &e);
        return e != 0 || s != dr;
    case OP_MUL:
        return da * db != dr;
    case OP_DIV:
        return dr * db != da;
    case OP_SQRT:
        return dr * dr != da;
    default:
        two_sum(da * db, dc, &s, &e);
        return e != 0 || s != dr;
    }
}

/*
 * Whether the exact result was tiny (below the smallest normal) before
 * rounding, given the rounded result @r.  Only a result of exactly the
 * smallest normal is ambiguous; it is settled by recomputing with
 * rounding toward zero (when the host can), which never rounds up.
 */
/* |s + e| < min, for s + e from TwoSum (|e| tiny against |s|). */
static bool sum_below(double s, double e, double min)
{
    return fabs(s) < min ||
           (fabs(s) == min && e != 0 && signbit(e) != signbit(s));
}

/*
 * Without host rounding modes: |exact result| < FLT_MIN, computed
 * exactly in double (f32 operands).
 */
static bool f32_exact_below_min(FPOp op, float a, float b, float c)
{
    double da = a, db = b, s, e;

    switch (op) {
    case OP_ADD:
    case OP_SUB:
        two_sum(da, op == OP_SUB ? -db : db, &s, &e);
        return sum_below(s, e, FLT_MIN);
    case OP_MUL:
        return fabs(da * db) < FLT_MIN;
    case OP_DIV:
        return fabs(da) < FLT_MIN * fabs(db);
    case OP_SQRT:
        return false;
    default:
        two_sum(da * db, (double)c, &s, &e);
        return sum_below(s, e, FLT_MIN);
    }
}

static bool f32_tiny(FPOp op, float a, float b, float c, float r, bool inexact)
{
    float ar = fabsf(r);

    if (ar < FLT_MIN) {
        return ar != 0 || inexact;
    }
    if (ar == FLT_MIN && inexact) {
        float rz;
        if (!arm_vfp_host_has_rounding()) {
            return f32_exact_below_min(op, a, b, c);
        }
        host_begin(FPROUNDING_ZERO);
        rz = host_f32(op, a, b, c);
        host_end(FPROUNDING_ZERO);
        return fabsf(rz) < FLT_MIN;
    }
    return false;
}

/* As above for f64: exact for add/sub/mul, assumed not tiny otherwise. */
static bool f64_exact_below_min(FPOp op, double a, double b)
{
    double s, e, hi, lo, t;
    int n;

    switch (op) {
    case OP_ADD:
    case OP_SUB:
        two_sum(a, op == OP_SUB ? -b : b, &s, &e);
        return sum_below(s, e, DBL_MIN);
    case OP_MUL:
        exact_mul(a, b, &hi, &lo, &n);
        t = ldexp(1.0, -1022 - n);
        return fabs(hi) < t ||
               (fabs(hi) == t && lo != 0 && signbit(lo) != signbit(hi));
    default:
        return false;
    }
}

static bool f64_tiny(FPOp op, double a, double b, double c, double r,
                     bool inexact)
{
    double ar = fabs(r);

    if (ar < DBL_MIN) {
        return ar != 0 || inexact;
    }
    if (ar == DBL_MIN && inexact) {
        double rz;
        if (!arm_vfp_host_has_rounding()) {
            return f64_exact_below_min(op, a, b);
        }
        host_begin(FPROUNDING_ZERO);
        rz = host_f64(op, a, b, c);
        host_end(FPROUNDING_ZERO);
        return fabs(rz) < DBL_MIN;
    }
    return false;
}

/* Flags the host may not report (WebAssembly) but are easy to see. */
static uint32_t explicit_flags(FPOp op, bool ops_finite, bool r_inf,
                               bool r_nan, bool b_zero, bool a_zero)
{
    uint32_t f = 0;

    if (r_nan) {
        f |= FPSCR_IOC;
    } else if (op == OP_DIV && b_zero && !a_zero && ops_finite) {
        f |= FPSCR_DZC;
    } else if (r_inf && ops_finite) {
        f |= FPSCR_OFC | FPSCR_IXC;
    }
    return f;
}

/* arith_f32, arith_f64: one template (vfp-arith.c.inc), two formats. */
#define FP_ARITH arith_f32
#define FP_BITS uint32_t
#define FP_TYPE float
#define FP(name) f32_##name
#define FP_HOST host_f32
#define FP_DEFNAN F32_DEFNAN
#include "vfp-arith.c.inc"

#define FP_ARITH arith_f64
#define FP_BITS uint64_t
#define FP_TYPE double
#define FP(name) f64_##name
#define FP_HOST host_f64
#define FP_DEFNAN F64_DEFNAN
#include "vfp-arith.c.inc"

uint32_t helper_vfp_adds(struct CPUState *cs, uint32_t a, uint32_t b)
{
    return arith_f32(cs, OP_ADD, a, b, 0);
}
uint32_t helper_vfp_subs(struct CPUState *cs, uint32_t a, uint32_t b)
{
    return arith_f32(cs, OP_SUB, a, b, 0);
}
uint32_t helper_vfp_muls(struct CPUState *cs, uint32_t a, uint32_t b)
{
    return arith_f32(cs, OP_MUL, a, b, 0);
}
uint32_t helper_vfp_divs(struct CPUState *cs, uint32_t a, uint32_t b)
{
    return arith_f32(cs, OP_DIV, a, b, 0);
}
uint32_t helper_vfp_sqrts(struct CPUState *cs, uint32_t a)
{
    return arith_f32(cs, OP_SQRT, a, 0, 0);
}
uint32_t helper_vfp_muladds(struct CPUState *cs, uint32_t a, uint32_t b,
                            uint32_t c)
{
    return arith_f32(cs, OP_FMA, a, b, c);
}
uint64_t helper_vfp_addd(struct CPUState *cs, uint64_t a, uint64_t b)
{
    return arith_f64(cs, OP_ADD, a, b, 0);
}
uint64_t helper_vfp_subd(struct CPUState *cs, uint64_t a, uint64_t b)
{
    return arith_f64(cs, OP_SUB, a, b, 0);
}
uint64_t helper_vfp_muld(struct CPUState *cs, uint64_t a, uint64_t b)
{
    return arith_f64(cs, OP_MUL, a, b, 0);
}
uint64_t helper_vfp_divd(struct CPUState *cs, uint64_t a, uint64_t b)
{
    return arith_f64(cs, OP_DIV, a, b, 0);
}
uint64_t helper_vfp_sqrtd(struct CPUState *cs, uint64_t a)
{
    return arith_f64(cs, OP_SQRT, a, 0, 0);
}
uint64_t helper_vfp_muladdd(struct CPUState *cs, uint64_t a, uint64_t b,
                            uint64_t c)
{
    return arith_f64(cs, OP_FMA, a, b, c);
}

uint32_t helper_vfp_negs(struct CPUState *cs, uint32_t a)
{
    return a ^ F32_SIGN;
}
uint32_t helper_vfp_abss(struct CPUState *cs, uint32_t a)
{
    return a & ~F32_SIGN;
}
uint64_t helper_vfp_negd(struct CPUState *cs, uint64_t a)
{
    return a ^ F64_SIGN;
}
uint64_t helper_vfp_absd(struct CPUState *cs, uint64_t a)
{
    return a & ~F64_SIGN;
}

/* ---- comparisons ---- */

static void set_fpscr_nzcv(struct CPUState *cs, FPCtx *c, uint32_t nzcv)
{
    CPUARMState *env = arm_env(cs);

    env->vfp.fpscr = (env->vfp.fpscr & ~FPSCR_NZCV) | (nzcv << 28) | c->flags;
}

static uint32_t cmp_nzcv(double a, double b)
{
    if (a == b) {
        return 0x6;
    }
    return a < b ? 0x8 : 0x2;
}

static void cmp_f32(struct CPUState *cs, uint32_t a, uint32_t b, bool signal)
{
    FPCtx c = fp_start(cs);

    a = f32_in(&c, a);
    b = f32_in(&c, b);
    if (f32_is_nan(a) || f32_is_nan(b)) {
        if (signal || f32_is_snan(a) || f32_is_snan(b)) {
            c.flags |= FPSCR_IOC;
        }
        set_fpscr_nzcv(cs, &c, 0x3);
        return;
    }
    set_fpscr_nzcv(cs, &c, cmp_nzcv(f32_val(a), f32_val(b)));
}

static void cmp_f64(struct CPUState *cs, uint64_t a, uint64_t b, bool signal)
{
    FPCtx c = fp_start(cs);

    a = f64_in(&c, a);
    b = f64_in(&c, b);
    if (f64_is_nan(a) || f64_is_nan(b)) {
        if (signal || f64_is_snan(a) || f64_is_snan(b)) {
            c.flags |= FPSCR_IOC;
        }
        set_fpscr_nzcv(cs, &c, 0x3);
        return;
    }
    set_fpscr_nzcv(cs, &c, cmp_nzcv(f64_val(a), f64_val(b)));
}

void helper_vfp_cmps(struct CPUState *cs, uint32_t a, uint32_t b)
{
    cmp_f32(cs, a, b, false);
}
void helper_vfp_cmpes(struct CPUState *cs, uint32_t a, uint32_t b)
{
    cmp_f32(cs, a, b, true);
}
void helper_vfp_cmpd(struct CPUState *cs, uint64_t a, uint64_t b)
{
    cmp_f64(cs, a, b, false);
}
void helper_vfp_cmped(struct CPUState *cs, uint64_t a, uint64_t b)
{
    cmp_f64(cs, a, b, true);
}

/* ---- precision conversions ---- */

uint64_t helper_vfp_fcvtds(struct CPUState *cs, uint32_t a)
{
    FPCtx c = fp_start(cs);
    uint64_t r;

    a = f32_in(&c, a);
    if (f32_is_nan(a)) {
        if (f32_is_snan(a)) {
            c.flags |= FPSCR_IOC;
        }
        r = (c.fpscr & FPSCR_DN) ? F64_DEFNAN
            : ((uint64_t)(a & F32_SIGN) << 32) | F64_EXP | F64_QUIET |
              ((uint64_t)(a & F32_FRAC) << 29);
    } else {
        r = f64_bits((double)f32_val(a));   /* exact */
    }
    fp_finish(cs, &c);
    return r;
}

static float narrow_f64(double d)
{
    volatile double vd = d;
    volatile float r = (float)vd;

    return r;
}

uint32_t helper_vfp_fcvtsd(struct CPUState *cs, uint64_t a)
{
    FPCtx c = fp_start(cs);
    uint32_t r, hf;
    double d;
    float f;

    a = f64_in(&c, a);
    if (f64_is_nan(a)) {
        if (f64_is_snan(a)) {
            c.flags |= FPSCR_IOC;
        }
        r = (c.fpscr & FPSCR_DN) ? F32_DEFNAN
            : (uint32_t)((a & F64_SIGN) >> 32) | F32_EXP | F32_QUIET |
              (uint32_t)((a & F64_FRAC) >> 29);
        fp_finish(cs, &c);
        return r;
    }
    d = f64_val(a);
    if (fenv_needed(c.rmode)) {
        host_begin(c.rmode);
        f = narrow_f64(d);
        hf = host_end(c.rmode);
    } else {
        f = narrow_f64(d);
        hf = 0;
    }
    if (derive_inexact(c.rmode) && isfinite(f) && (double)f != d) {
        hf |= FPSCR_IXC;
    }
    if (isinf(f) && isfinite(d)) {
        hf |= FPSCR_OFC | FPSCR_IXC;
    }
    hf &= ~FPSCR_UFC;
    if (fabsf(f) <= FLT_MIN && d != 0 &&
        fabs(d) < (double)FLT_MIN) {
        /* Tiny before rounding (d is the exact value). */
        if (c.fpscr & FPSCR_FZ) {
            hf = (hf & ~FPSCR_IXC) | FPSCR_UFC;
            f = signbit(d) ? -0.0f : 0.0f;
        } else if (hf & FPSCR_IXC) {
            hf |= FPSCR_UFC;
        }
    }
    c.flags |= hf;
    fp_finish(cs, &c);
    return f32_bits(f);
}

/* ---- float -> integer / fixed point ---- */

/* Round @x (finite) to an integral value in ARM rounding mode @rmode. */
static double round_int(double x, int rmode)
{
    double f;

    switch (rmode) {
    case FPROUNDING_POSINF:
        return ceil(x);
    case FPROUNDING_NEGINF:
        return floor(x);
    case FPROUNDING_ZERO:
        return trunc(x);
    default:
        f = floor(x);
        if (x - f > 0.5 || (x - f == 0.5 && fmod(f, 2.0) != 0)) {
            f += 1.0;
        }
        return f;
    }
}

/*
 * Convert the exact value @x (NaN already excluded by @nan) to an integer
 * in [@min, @max], rounding per @rmode: saturates with IOC, IXC when
 * inexact.  Returns the value as int64_t.
 */
static int64_t to_int(FPCtx *c, double x, bool nan, int rmode, double min,
                      double max)
{
    double r;

    if (nan) {
        c->flags |= FPSCR_IOC;
        return 0;
    }
    r = round_int(x, rmode);
    if (r > max) {
        c->flags |= FPSCR_IOC;
        return (int64_t)max;
    }
    if (r < min) {
        c->flags |= FPSCR_IOC;
        return (int64_t)min;
    }
    if (r != x) {
        c->flags |= FPSCR_IXC;
    }
    return (int64_t)r;
}

static int64_t f32_to_int(struct CPUState *cs, uint32_t a, int shift,
                          bool rz, double min, double max)
{
    FPCtx c = fp_start(cs);
    int64_t r;

    a = f32_in(&c, a);
    /* Scaling a float by 2^shift in double is exact. */
    r = to_int(&c, ldexp((double)f32_val(a), shift), f32_is_nan(a),
               rz ? FPROUNDING_ZERO : c.rmode, min, max);
    fp_finish(cs, &c);
    return r;
}

static int64_t f64_to_int(struct CPUState *cs, uint64_t a, int shift,
                          bool rz, double min, double max)
{
    FPCtx c = fp_start(cs);
    double x;
    int64_t r;

    a = f64_in(&c, a);
    x = f64_val(a);
    /*
     * ldexp by at most 32 may overflow only for huge values, which then
     * saturate anyway; it cannot lose bits of any value that fits.
     */
    r = to_int(&c, ldexp(x, shift), f64_is_nan(a),
               rz ? FPROUNDING_ZERO : c.rmode, min, max);
    fp_finish(cs, &c);
    return r;
}

#define S32_MIN (-2147483648.0)
#define S32_MAX 2147483647.0
#define U32_MAX 4294967295.0

uint32_t helper_vfp_tosis(struct CPUState *cs, uint32_t a, uint32_t rz)
{
    return (uint32_t)f32_to_int(cs, a, 0, rz, S32_MIN, S32_MAX);
}
uint32_t helper_vfp_touis(struct CPUState *cs, uint32_t a, uint32_t rz)
{
    return (uint32_t)f32_to_int(cs, a, 0, rz, 0, U32_MAX);
}
uint32_t helper_vfp_tosid(struct CPUState *cs, uint64_t a, uint32_t rz)
{
    return (uint32_t)f64_to_int(cs, a, 0, rz, S32_MIN, S32_MAX);
}
uint32_t helper_vfp_touid(struct CPUState *cs, uint64_t a, uint32_t rz)
{
    return (uint32_t)f64_to_int(cs, a, 0, rz, 0, U32_MAX);
}

uint32_t helper_vfp_tosls(struct CPUState *cs, uint32_t a, uint32_t shift)
{
    return (uint32_t)f32_to_int(cs, a, (int)shift, true, S32_MIN, S32_MAX);
}
uint32_t helper_vfp_touls(struct CPUState *cs, uint32_t a, uint32_t shift)
{
    return (uint32_t)f32_to_int(cs, a, (int)shift, true, 0, U32_MAX);
}
uint32_t helper_vfp_toshs(struct CPUState *cs, uint32_t a, uint32_t shift)
{
    return (uint32_t)f32_to_int(cs, a, (int)shift, true, -32768.0, 32767.0);
}
uint32_t helper_vfp_touhs(struct CPUState *cs, uint32_t a, uint32_t shift)
{
    return (uint32_t)f32_to_int(cs, a, (int)shift, true, 0, 65535.0);
}
uint64_t helper_vfp_tosld(struct CPUState *cs, uint64_t a, uint32_t shift)
{
    return (uint64_t)f64_to_int(cs, a, (int)shift, true, S32_MIN, S32_MAX);
}
uint64_t helper_vfp_tould(struct CPUState *cs, uint64_t a, uint32_t shift)
{
    return (uint64_t)f64_to_int(cs, a, (int)shift, true, 0, U32_MAX);
}
uint64_t helper_vfp_toshd(struct CPUState *cs, uint64_t a, uint32_t shift)
{
    return (uint64_t)f64_to_int(cs, a, (int)shift, true, -32768.0, 32767.0);
}
uint64_t helper_vfp_touhd(struct CPUState *cs, uint64_t a, uint32_t shift)
{
    return (uint64_t)f64_to_int(cs, a, (int)shift, true, 0, 65535.0);
}

/* ---- integer / fixed point -> float ---- */

/*
 * Round the exact value @d (|d| < 2^32, a multiple of 2^-32) to f32, in
 * FPSCR's rounding mode, or to nearest when @rn (fixed-point sources:
 * the ARM pseudocode's FixedToFP with round_to_nearest, as on QEMU).
 */
static uint32_t exact_to_f32(struct CPUState *cs, double d, bool rn)
{
    FPCtx c = fp_start(cs);
    float f;

    if (rn) {
        c.rmode = FPROUNDING_TIEEVEN;
    }
    if (fenv_needed(c.rmode)) {
        host_begin(c.rmode);
        f = narrow_f64(d);
        c.flags |= host_end(c.rmode) & FPSCR_IXC;
    } else {
        f = narrow_f64(d);
    }
    if (derive_inexact(c.rmode) && (double)f != d) {
        c.flags |= FPSCR_IXC;
    }
    fp_finish(cs, &c);
    return f32_bits(f);
}

uint32_t helper_vfp_sitos(struct CPUState *cs, uint32_t a)
{
    return exact_to_f32(cs, (double)(int32_t)a, false);
}
uint32_t helper_vfp_uitos(struct CPUState *cs, uint32_t a)
{
    return exact_to_f32(cs, (double)a, false);
}
uint64_t helper_vfp_sitod(struct CPUState *cs, uint32_t a)
{
    return f64_bits((double)(int32_t)a);
}
uint64_t helper_vfp_uitod(struct CPUState *cs, uint32_t a)
{
    return f64_bits((double)a);
}
uint32_t helper_vfp_sltos(struct CPUState *cs, uint32_t a, uint32_t shift)
{
    return exact_to_f32(cs, ldexp((double)(int32_t)a, -(int)shift), true);
}
uint32_t helper_vfp_ultos(struct CPUState *cs, uint32_t a, uint32_t shift)
{
    return exact_to_f32(cs, ldexp((double)a, -(int)shift), true);
}
uint64_t helper_vfp_sltod(struct CPUState *cs, uint32_t a, uint32_t shift)
{
    return f64_bits(ldexp((double)(int32_t)a, -(int)shift));
}
uint64_t helper_vfp_ultod(struct CPUState *cs, uint32_t a, uint32_t shift)
{
    return f64_bits(ldexp((double)a, -(int)shift));
}

/* ---- half precision ---- */

uint32_t helper_vfp_f16tos(struct CPUState *cs, uint32_t a)
{
    FPCtx c = fp_start(cs);
    uint32_t sign = (a & 0x8000u) << 16, exp = (a >> 10) & 0x1f;
    uint32_t frac = a & 0x3ffu, r;
    bool ahp = (c.fpscr & FPSCR_AHP) != 0;

    if (exp == 0x1f && !ahp) {
        if (!frac) {
            r = sign | F32_EXP;
        } else {
            if (!(frac & 0x200)) {
                c.flags |= FPSCR_IOC;
            }
            r = (c.fpscr & FPSCR_DN) ? F32_DEFNAN
                : sign | F32_EXP | F32_QUIET | (frac << 13);
        }
    } else if (exp == 0 && frac == 0) {
        r = sign;
    } else {
        /* Normal (or AHP's extended range), or a denormal: exact. */
        double v = ldexp(exp ? (double)(frac | 0x400) : (double)frac,
                         exp ? (int)exp - 25 : -24);
        r = sign | f32_bits((float)v);
    }
    fp_finish(cs, &c);
    return r;
}

uint32_t helper_vfp_stof16(struct CPUState *cs, uint32_t a)
{
    FPCtx c = fp_start(cs);
    bool ahp = (c.fpscr & FPSCR_AHP) != 0;
    uint32_t sign = (a >> 16) & 0x8000u, r;
    double x, m, q;
    int e;

    a = f32_in(&c, a);
    if (f32_is_nan(a)) {
        c.flags |= (f32_is_snan(a) || ahp) ? FPSCR_IOC : 0;
        r = ahp ? sign : (c.fpscr & FPSCR_DN) ? 0x7e00u
            : sign | 0x7e00u | ((a & F32_FRAC) >> 13);
        goto done;
    }
    x = fabs((double)f32_val(a));
    if (isinf(x)) {
        /* AHP has no infinity: largest value, IOC. */
        c.flags |= ahp ? FPSCR_IOC : 0;
        r = sign | (ahp ? 0x7fffu : 0x7c00u);
        goto done;
    }
    if (x == 0) {
        r = sign;
        goto done;
    }
    /* Quantum: 2^-24 below the normal range, else 2^(exp - 10). */
    frexp(x, &e);
    e = e - 1 < -14 ? -24 : e - 1 - 10;
    q = ldexp(1.0, e);
    m = round_int(sign ? -x / q : x / q, c.rmode);
    m = fabs(m) * q;
    if (m != x) {
        c.flags |= FPSCR_IXC;
        if (x < ldexp(1.0, -14)) {
            c.flags |= FPSCR_UFC;
        }
    }
    if (m >= (ahp ? 131072.0 : 65536.0)) {
        if (ahp) {
            c.flags = (c.flags & ~FPSCR_IXC) | FPSCR_IOC;
            r = sign | 0x7fffu;
        } else {
            /* Overflow: infinity or the largest finite, per rounding. */
            bool to_inf = c.rmode == FPROUNDING_TIEEVEN ||
                          (c.rmode == FPROUNDING_POSINF && !sign) ||
                          (c.rmode == FPROUNDING_NEGINF && sign);
            c.flags |= FPSCR_OFC | FPSCR_IXC;
            r = sign | (to_inf ? 0x7c00u : 0x7bffu);
        }
        goto done;
    }
    frexp(m, &e);
    if (m == 0) {
        r = sign;
    } else if (e - 1 < -14) {
        r = sign | (uint32_t)ldexp(m, 24);
    } else {
        r = sign | ((uint32_t)(e - 1 + 15) << 10) |
            ((uint32_t)ldexp(m, 11 - e) & 0x3ffu);
    }
done:
    fp_finish(cs, &c);
    return r;
}
