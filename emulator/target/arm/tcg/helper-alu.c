/*
 * Integer helpers for the translator: register-controlled shifts with
 * carry-out (here), and TCGHelper descriptors for the CPU's arithmetic
 * helpers (target/arm/arith-helper.h: saturation, parallel add/subtract,
 * SEL, USAD8).
 */
#include "target/arm/tcg/translate.h"

#include "target/arm/arith-helper.h"

static CPUARMState *env_of(struct CPUState *cs)
{
    return arm_env(cs);
}

/* ---- shifts by register, setting CF (n is 0..255) ---- */

static uint32_t th_shl_cc(struct CPUState *cs, uint32_t x, uint32_t n)
{
    CPUARMState *env = env_of(cs);

    if (n == 0) {
        return x;
    }
    if (n > 32) {
        env->CF = 0;
        return 0;
    }
    env->CF = (x >> (32 - n)) & 1;
    return n == 32 ? 0 : x << n;
}

static uint32_t th_shr_cc(struct CPUState *cs, uint32_t x, uint32_t n)
{
    CPUARMState *env = env_of(cs);

    if (n == 0) {
        return x;
    }
    if (n > 32) {
        env->CF = 0;
        return 0;
    }
    env->CF = (x >> (n - 1)) & 1;
    return n == 32 ? 0 : x >> n;
}

static uint32_t th_sar_cc(struct CPUState *cs, uint32_t x, uint32_t n)
{
    CPUARMState *env = env_of(cs);

    if (n == 0) {
        return x;
    }
    if (n >= 32) {
        env->CF = x >> 31;
        return (uint32_t)((int32_t)x >> 31);
    }
    env->CF = (x >> (n - 1)) & 1;
    return (uint32_t)((int32_t)x >> n);
}

static uint32_t th_ror_cc(struct CPUState *cs, uint32_t x, uint32_t n)
{
    CPUARMState *env = env_of(cs);

    if (n == 0) {
        return x;
    }
    n &= 31;
    if (n == 0) {
        env->CF = x >> 31;
        return x;
    }
    env->CF = (x >> (n - 1)) & 1;
    return (x >> n) | (x << (32 - n));
}

const TCGHelper h_shl_cc = TCG_HELPER(i_ii, th_shl_cc, 0);
const TCGHelper h_shr_cc = TCG_HELPER(i_ii, th_shr_cc, 0);
const TCGHelper h_sar_cc = TCG_HELPER(i_ii, th_sar_cc, 0);
const TCGHelper h_ror_cc = TCG_HELPER(i_ii, th_ror_cc, 0);
const TCGHelper h_qadd = TCG_HELPER(i_ii, helper_qadd, 0);
const TCGHelper h_qsub = TCG_HELPER(i_ii, helper_qsub, 0);
const TCGHelper h_qdadd = TCG_HELPER(i_ii, helper_qdadd, 0);
const TCGHelper h_qdsub = TCG_HELPER(i_ii, helper_qdsub, 0);
const TCGHelper h_ssat = TCG_HELPER(i_ii, helper_ssat, 0);
const TCGHelper h_usat = TCG_HELPER(i_ii, helper_usat, 0);
const TCGHelper h_ssat16 = TCG_HELPER(i_ii, helper_ssat16, 0);
const TCGHelper h_usat16 = TCG_HELPER(i_ii, helper_usat16, 0);
const TCGHelper h_sel = TCG_HELPER(i_ii, helper_sel, 0);
const TCGHelper h_usad8 = TCG_HELPER(i_ii, helper_usad8, TCG_CALL_PURE);

/*
 * Parallel add/subtract by [A32 op1 (kind)][A32 op2]: kinds 1 S, 2 Q,
 * 3 SH, 5 U, 6 UQ, 7 UH; ops 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8,
 * 7 SUB8.  Empty slots are UNDEFINED encodings.
 */
#define PAR_ROW(p) { \
    [0] = TCG_HELPER(i_ii, helper_##p##add16, 0), \
    [1] = TCG_HELPER(i_ii, helper_##p##asx, 0), \
    [2] = TCG_HELPER(i_ii, helper_##p##sax, 0), \
    [3] = TCG_HELPER(i_ii, helper_##p##sub16, 0), \
    [4] = TCG_HELPER(i_ii, helper_##p##add8, 0), \
    [7] = TCG_HELPER(i_ii, helper_##p##sub8, 0) }
const TCGHelper h_parallel[8][8] = {
    [1] = PAR_ROW(s), [2] = PAR_ROW(q), [3] = PAR_ROW(sh),
    [5] = PAR_ROW(u), [6] = PAR_ROW(uq), [7] = PAR_ROW(uh),
};
