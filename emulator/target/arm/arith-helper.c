/*
 * Saturating and parallel integer arithmetic (see arith-helper.h).
 */
#include "target/arm/cpu.h"
#include "target/arm/arith-helper.h"

static int32_t sat32(CPUARMState *env, int64_t v)
{
    if (v > INT32_MAX) {
        env->QF = 1;
        return INT32_MAX;
    }
    if (v < INT32_MIN) {
        env->QF = 1;
        return INT32_MIN;
    }
    return (int32_t)v;
}

uint32_t helper_qadd(struct CPUState *cs, uint32_t a, uint32_t b)
{
    return (uint32_t)sat32(arm_env(cs), (int64_t)(int32_t)a + (int32_t)b);
}

uint32_t helper_qsub(struct CPUState *cs, uint32_t a, uint32_t b)
{
    return (uint32_t)sat32(arm_env(cs), (int64_t)(int32_t)a - (int32_t)b);
}

uint32_t helper_qdadd(struct CPUState *cs, uint32_t a, uint32_t b)
{
    CPUARMState *env = arm_env(cs);
    int32_t d = sat32(env, 2 * (int64_t)(int32_t)b);

    return (uint32_t)sat32(env, (int64_t)(int32_t)a + d);
}

uint32_t helper_qdsub(struct CPUState *cs, uint32_t a, uint32_t b)
{
    CPUARMState *env = arm_env(cs);
    int32_t d = sat32(env, 2 * (int64_t)(int32_t)b);

    return (uint32_t)sat32(env, (int64_t)(int32_t)a - d);
}

uint32_t helper_add_setq(struct CPUState *cs, uint32_t a, uint32_t b)
{
    uint32_t r = a + b;

    if (((r ^ a) & ~(a ^ b)) & 0x80000000u) {
        arm_env(cs)->QF = 1;
    }
    return r;
}

/* Saturate @v to a signed @bits-bit field (1..32). */
static int32_t ssat_n(CPUARMState *env, int64_t v, unsigned bits)
{
    int64_t max = ((int64_t)1 << (bits - 1)) - 1, min = -max - 1;

    if (v > max) {
        env->QF = 1;
        return (int32_t)max;
    }
    if (v < min) {
        env->QF = 1;
        return (int32_t)min;
    }
    return (int32_t)v;
}

/* Saturate @v to an unsigned @bits-bit field (0..31). */
static uint32_t usat_n(CPUARMState *env, int64_t v, unsigned bits)
{
    int64_t max = ((int64_t)1 << bits) - 1;

    if (v > max) {
        env->QF = 1;
        return (uint32_t)max;
    }
    if (v < 0) {
        env->QF = 1;
        return 0;
    }
    return (uint32_t)v;
}

uint32_t helper_ssat(struct CPUState *cs, uint32_t val, uint32_t bits)
{
    return (uint32_t)ssat_n(arm_env(cs), (int32_t)val, bits ? bits : 1);
}

uint32_t helper_usat(struct CPUState *cs, uint32_t val, uint32_t bits)
{
    return usat_n(arm_env(cs), (int32_t)val, bits & 31);
}

uint32_t helper_ssat16(struct CPUState *cs, uint32_t val, uint32_t bits)
{
    CPUARMState *env = arm_env(cs);
    unsigned n = bits ? bits : 1;
    uint32_t lo = (uint16_t)ssat_n(env, (int16_t)val, n);
    uint32_t hi = (uint16_t)ssat_n(env, (int16_t)(val >> 16), n);

    return lo | (hi << 16);
}

uint32_t helper_usat16(struct CPUState *cs, uint32_t val, uint32_t bits)
{
    CPUARMState *env = arm_env(cs);
    uint32_t lo = usat_n(env, (int16_t)val, bits & 15);
    uint32_t hi = usat_n(env, (int16_t)(val >> 16), bits & 15);

    return lo | (hi << 16);
}

/* ---- parallel add/subtract ---- */

typedef enum PAOp { PA_ADD16, PA_SUB16, PA_ASX, PA_SAX, PA_ADD8, PA_SUB8 } PAOp;
typedef enum PAKind { PK_S, PK_U, PK_Q, PK_UQ, PK_SH, PK_UH } PAKind;

static int64_t lane(uint32_t x, int i, int width, bool sgn)
{
    uint32_t v = (x >> (i * width)) & ((1u << width) - 1);

    if (sgn && (v & (1u << (width - 1)))) {
        return (int64_t)v - ((int64_t)1 << width);
    }
    return v;
}

static int64_t clamp(int64_t v, int64_t min, int64_t max)
{
    return v < min ? min : v > max ? max : v;
}

static uint32_t parallel(CPUARMState *env, uint32_t a, uint32_t b, PAOp op,
                         PAKind kind)
{
    int width = op >= PA_ADD8 ? 8 : 16, lanes = 32 / width, i;
    bool sgn = kind == PK_S || kind == PK_Q || kind == PK_SH;
    uint32_t r = 0, ge = 0, lmask = (1u << width) - 1;

    for (i = 0; i < lanes; i++) {
        int64_t x = lane(a, i, width, sgn), y, res, v;
        bool sub;

        switch (op) {
        case PA_ASX:
            y = lane(b, 1 - i, width, sgn);
            sub = i == 0;
            break;
        case PA_SAX:
            y = lane(b, 1 - i, width, sgn);
            sub = i == 1;
            break;
        default:
            y = lane(b, i, width, sgn);
            sub = op == PA_SUB16 || op == PA_SUB8;
            break;
        }
        res = sub ? x - y : x + y;
        if (sgn ? res >= 0 : (sub ? res >= 0 : res >= ((int64_t)1 << width))) {
            ge |= (width == 16 ? 3u : 1u) << (i * (width / 8));
        }
        switch (kind) {
        case PK_Q:
            v = clamp(res, -((int64_t)1 << (width - 1)),
                      ((int64_t)1 << (width - 1)) - 1);
            break;
        case PK_UQ:
            v = clamp(res, 0, lmask);
            break;
        case PK_SH:
        case PK_UH:
            v = res >> 1;   /* arithmetic: floor halving */
            break;
        default:
            v = res;
            break;
        }
        r |= ((uint32_t)v & lmask) << (i * width);
    }
    if (kind == PK_S || kind == PK_U) {
        env->GE = ge;
    }
    return r;
}

#define PAR(name, op, kind) \
    uint32_t helper_##name(struct CPUState *cs, uint32_t a, uint32_t b) \
    { \
        return parallel(arm_env(cs), a, b, op, kind); \
    }
#define PAR_FAMILY(pfx, kind) \
    PAR(pfx##add16, PA_ADD16, kind) PAR(pfx##sub16, PA_SUB16, kind) \
    PAR(pfx##asx, PA_ASX, kind) PAR(pfx##sax, PA_SAX, kind) \
    PAR(pfx##add8, PA_ADD8, kind) PAR(pfx##sub8, PA_SUB8, kind)

PAR_FAMILY(s, PK_S)
PAR_FAMILY(u, PK_U)
PAR_FAMILY(q, PK_Q)
PAR_FAMILY(uq, PK_UQ)
PAR_FAMILY(sh, PK_SH)
PAR_FAMILY(uh, PK_UH)

uint32_t helper_sel(struct CPUState *cs, uint32_t a, uint32_t b)
{
    uint32_t ge = arm_env(cs)->GE, mask = 0;
    int i;

    for (i = 0; i < 4; i++) {
        if (ge & (1u << i)) {
            mask |= 0xffu << (i * 8);
        }
    }
    return (a & mask) | (b & ~mask);
}

uint32_t helper_usad8(struct CPUState *cs, uint32_t a, uint32_t b)
{
    uint32_t sum = 0;
    int i;

    for (i = 0; i < 4; i++) {
        int d = (int)((a >> (i * 8)) & 0xff) - (int)((b >> (i * 8)) & 0xff);
        sum += (uint32_t)(d < 0 ? -d : d);
    }
    return sum;
}

uint32_t helper_rbit(struct CPUState *cs, uint32_t a)
{
    a = ((a >> 1) & 0x55555555u) | ((a & 0x55555555u) << 1);
    a = ((a >> 2) & 0x33333333u) | ((a & 0x33333333u) << 2);
    a = ((a >> 4) & 0x0f0f0f0fu) | ((a & 0x0f0f0f0fu) << 4);
    a = ((a >> 8) & 0x00ff00ffu) | ((a & 0x00ff00ffu) << 8);
    return (a >> 16) | (a << 16);
}
