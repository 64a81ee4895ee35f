/*
 * Integer helpers for operations the IR has no op for: saturating
 * arithmetic (Q flag), the ARMv6 parallel add/subtract family (GE
 * flags), SEL, USAD8 and RBIT.  TCGHelper-ready prototypes: every
 * helper is i_ii / i_i with the CPU first.  Helpers that only compute
 * (marked "pure") may be called with TCG_CALL_PURE.
 */
#ifndef TARGET_ARM_ARITH_HELPER_H
#define TARGET_ARM_ARITH_HELPER_H

#include <stdint.h>

struct CPUState;

/* QADD/QSUB/QDADD/QDSUB: signed saturating, set CPSR.Q on saturation. */
uint32_t helper_qadd(struct CPUState *cs, uint32_t a, uint32_t b);
uint32_t helper_qsub(struct CPUState *cs, uint32_t a, uint32_t b);
/* QDADD Rd, Rm, Rn: @a = Rm, @b = Rn: sat(Rm + sat(2 * Rn)). */
uint32_t helper_qdadd(struct CPUState *cs, uint32_t a, uint32_t b);
uint32_t helper_qdsub(struct CPUState *cs, uint32_t a, uint32_t b);
/* a + b, setting Q on signed overflow (SMLAD, SMLAxy, SMLAW). */
uint32_t helper_add_setq(struct CPUState *cs, uint32_t a, uint32_t b);

/*
 * SSAT/USAT: saturate the (already shifted) @val to a signed field of
 * @bits bits (1..32) / an unsigned field of @bits bits (0..31); Q on
 * saturation.  SSAT16/USAT16 do the same per halfword.
 */
uint32_t helper_ssat(struct CPUState *cs, uint32_t val, uint32_t bits);
uint32_t helper_usat(struct CPUState *cs, uint32_t val, uint32_t bits);
uint32_t helper_ssat16(struct CPUState *cs, uint32_t val, uint32_t bits);
uint32_t helper_usat16(struct CPUState *cs, uint32_t val, uint32_t bits);

/*
 * Parallel add/subtract, helper_<prefix><op>(cs, Rn, Rm):
 *   prefix s, u: modular, set CPSR.GE;  q, uq: saturating (no GE, no Q);
 *   sh, uh: halving.
 *   op add16, sub16, asx (lo = n.lo - m.hi, hi = n.hi + m.lo),
 *   sax (lo = n.lo + m.hi, hi = n.hi - m.lo), add8, sub8.
 */
#define ARM_PARALLEL_HELPERS(X) \
    X(sadd16) X(ssub16) X(sasx) X(ssax) X(sadd8) X(ssub8) \
    X(uadd16) X(usub16) X(uasx) X(usax) X(uadd8) X(usub8) \
    X(qadd16) X(qsub16) X(qasx) X(qsax) X(qadd8) X(qsub8) \
    X(uqadd16) X(uqsub16) X(uqasx) X(uqsax) X(uqadd8) X(uqsub8) \
    X(shadd16) X(shsub16) X(shasx) X(shsax) X(shadd8) X(shsub8) \
    X(uhadd16) X(uhsub16) X(uhasx) X(uhsax) X(uhadd8) X(uhsub8)

#define ARM_PARALLEL_DECL_(name) \
    uint32_t helper_##name(struct CPUState *cs, uint32_t a, uint32_t b);
ARM_PARALLEL_HELPERS(ARM_PARALLEL_DECL_)
#undef ARM_PARALLEL_DECL_

/* SEL: byte i from @a if GE[i], else from @b. */
uint32_t helper_sel(struct CPUState *cs, uint32_t a, uint32_t b);
/* USAD8: sum of absolute byte differences (pure). */
uint32_t helper_usad8(struct CPUState *cs, uint32_t a, uint32_t b);
/* RBIT: bit reversal (pure). */
uint32_t helper_rbit(struct CPUState *cs, uint32_t a);

#endif /* TARGET_ARM_ARITH_HELPER_H */
