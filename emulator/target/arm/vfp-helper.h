/*
 * VFP arithmetic helpers with ARM semantics (VFPv3/VFPv4, no short
 * vectors).  f32 values travel as uint32_t bit patterns, f64 as uint64_t.
 *
 * Every helper takes the CPU first (TCGHelper convention; the signature
 * tag is given for each group), reads FPSCR.RMode/FZ/DN from it and ORs
 * the cumulative exception flags (IOC DZC OFC UFC IXC IDC) into FPSCR.
 *
 * ARM rules implemented explicitly (not left to the host):
 *  - NaN propagation: the first signalling NaN operand (in operand
 *    order), else the first quiet NaN, is returned quieted; with DN the
 *    default NaN (0x7fc00000 / 0x7ff8000000000000) instead.  Invalid
 *    operations return the default NaN.  VFMA: (inf * 0) + qNaN is the
 *    default NaN with IOC.
 *  - FZ: denormal inputs become signed zero (IDC); results that are
 *    tiny before rounding become signed zero (UFC, no IXC).
 *  - Underflow is detected before rounding (UFC needs inexact).
 *  - float->integer conversion saturates, IOC on NaN/out of range.
 * Rounding (RMode) and IXC/OFC/UFC come from the host's <fenv.h>.  A
 * host without floating-point environment support (WebAssembly; also
 * Valgrind's CPU, which neither updates the SSE status flags nor honours
 * the SSE rounding mode) rounds every RMode to nearest; there the flags
 * are derived from the operands with exact arithmetic instead (IXC, and
 * UFC from it; f64 fused multiply-add results that are tiny exactly at
 * the smallest normal are not reported as underflow).
 */
#ifndef TARGET_ARM_VFP_HELPER_H
#define TARGET_ARM_VFP_HELPER_H

#include <stdint.h>

#include <stdbool.h>

struct CPUState;

/**
 * arm_vfp_host_has_flags: whether the host reports inexact/overflow/
 * underflow through <fenv.h> (probed once at run time).  When false, the
 * helpers compute IXC/UFC themselves (see above).
 */
bool arm_vfp_host_has_flags(void);
/**
 * arm_vfp_host_has_rounding: whether the host honours <fenv.h> rounding
 * modes (probed once).  When false, every RMode rounds to nearest.
 */
bool arm_vfp_host_has_rounding(void);
/**
 * arm_vfp_use_host_fenv: with @use false, behave as on a host without
 * <fenv.h> support (round to nearest, flags derived in software), so
 * tests can check that path everywhere.  Default: true.
 */
void arm_vfp_use_host_fenv(bool use);

/* Binary arithmetic: i_ii (f32), l_ll (f64). */
uint32_t helper_vfp_adds(struct CPUState *cs, uint32_t a, uint32_t b);
uint32_t helper_vfp_subs(struct CPUState *cs, uint32_t a, uint32_t b);
uint32_t helper_vfp_muls(struct CPUState *cs, uint32_t a, uint32_t b);
uint32_t helper_vfp_divs(struct CPUState *cs, uint32_t a, uint32_t b);
uint64_t helper_vfp_addd(struct CPUState *cs, uint64_t a, uint64_t b);
uint64_t helper_vfp_subd(struct CPUState *cs, uint64_t a, uint64_t b);
uint64_t helper_vfp_muld(struct CPUState *cs, uint64_t a, uint64_t b);
uint64_t helper_vfp_divd(struct CPUState *cs, uint64_t a, uint64_t b);

/* Square root: i_i, l_l. */
uint32_t helper_vfp_sqrts(struct CPUState *cs, uint32_t a);
uint64_t helper_vfp_sqrtd(struct CPUState *cs, uint64_t a);

/*
 * Fused multiply-add a * b + c, one rounding (VFMA; VFMS/VFNMA/VFNMS
 * negate operands first with the neg helpers): i_iii, l_lll.
 * NaN order is c (the addend), a, b, as in the ARM pseudocode.
 * VMLA and friends are not fused: the translator uses mul then add, as
 * add(d, mul(n, m)).
 */
uint32_t helper_vfp_muladds(struct CPUState *cs, uint32_t a, uint32_t b,
                            uint32_t c);
uint64_t helper_vfp_muladdd(struct CPUState *cs, uint64_t a, uint64_t b,
                            uint64_t c);

/* Sign operations (no NaN processing, no flush, no flags): i_i, l_l. */
uint32_t helper_vfp_negs(struct CPUState *cs, uint32_t a);
uint32_t helper_vfp_abss(struct CPUState *cs, uint32_t a);
uint64_t helper_vfp_negd(struct CPUState *cs, uint64_t a);
uint64_t helper_vfp_absd(struct CPUState *cs, uint64_t a);

/*
 * Compare, writing FPSCR.NZCV (equal 0110, less 1000, greater 0010,
 * unordered 0011).  cmp: IOC only for signalling NaNs (VCMP); cmpe: IOC
 * for any NaN (VCMPE).  Compare with zero: pass 0 as @b.  v_ii, v_ll.
 */
void helper_vfp_cmps(struct CPUState *cs, uint32_t a, uint32_t b);
void helper_vfp_cmpes(struct CPUState *cs, uint32_t a, uint32_t b);
void helper_vfp_cmpd(struct CPUState *cs, uint64_t a, uint64_t b);
void helper_vfp_cmped(struct CPUState *cs, uint64_t a, uint64_t b);

/* Precision conversion: f32 -> f64 (l_i), f64 -> f32 (i_l). */
uint64_t helper_vfp_fcvtds(struct CPUState *cs, uint32_t a);
uint32_t helper_vfp_fcvtsd(struct CPUState *cs, uint64_t a);

/*
 * Float -> 32-bit integer (VCVT, VCVTR): @rz non-zero rounds toward zero
 * (VCVT), zero uses FPSCR.RMode (VCVTR).  Saturating.  i_ii, i_li.
 */
uint32_t helper_vfp_tosis(struct CPUState *cs, uint32_t a, uint32_t rz);
uint32_t helper_vfp_touis(struct CPUState *cs, uint32_t a, uint32_t rz);
uint32_t helper_vfp_tosid(struct CPUState *cs, uint64_t a, uint32_t rz);
uint32_t helper_vfp_touid(struct CPUState *cs, uint64_t a, uint32_t rz);

/* 32-bit integer -> float, FPSCR rounding: i_i, l_i. */
uint32_t helper_vfp_sitos(struct CPUState *cs, uint32_t a);
uint32_t helper_vfp_uitos(struct CPUState *cs, uint32_t a);
uint64_t helper_vfp_sitod(struct CPUState *cs, uint32_t a);
uint64_t helper_vfp_uitod(struct CPUState *cs, uint32_t a);

/*
 * Float -> fixed point with @shift fraction bits (VCVT to fixed: always
 * round toward zero, saturating to 16 or 32 bits; the result is sign- or
 * zero-extended to 32 bits (f32: i_ii) or 64 bits (f64: l_li).
 */
uint32_t helper_vfp_tosls(struct CPUState *cs, uint32_t a, uint32_t shift);
uint32_t helper_vfp_touls(struct CPUState *cs, uint32_t a, uint32_t shift);
uint32_t helper_vfp_toshs(struct CPUState *cs, uint32_t a, uint32_t shift);
uint32_t helper_vfp_touhs(struct CPUState *cs, uint32_t a, uint32_t shift);
uint64_t helper_vfp_tosld(struct CPUState *cs, uint64_t a, uint32_t shift);
uint64_t helper_vfp_tould(struct CPUState *cs, uint64_t a, uint32_t shift);
uint64_t helper_vfp_toshd(struct CPUState *cs, uint64_t a, uint32_t shift);
uint64_t helper_vfp_touhd(struct CPUState *cs, uint64_t a, uint32_t shift);

/*
 * Fixed point -> float with @shift fraction bits, always rounding to
 * nearest (FPSCR.RMode is ignored, as in the ARM pseudocode and QEMU).
 * The translator sign/zero-extends 16-bit sources first.  i_ii, l_ii.
 */
uint32_t helper_vfp_sltos(struct CPUState *cs, uint32_t a, uint32_t shift);
uint32_t helper_vfp_ultos(struct CPUState *cs, uint32_t a, uint32_t shift);
uint64_t helper_vfp_sltod(struct CPUState *cs, uint32_t a, uint32_t shift);
uint64_t helper_vfp_ultod(struct CPUState *cs, uint32_t a, uint32_t shift);

/*
 * Half precision (VCVTB/VCVTT), FPSCR.AHP selects the alternative
 * format: f16 (low 16 bits of @a) -> f32, f32 -> f16 (zero-extended).
 * i_i.
 */
uint32_t helper_vfp_f16tos(struct CPUState *cs, uint32_t a);
uint32_t helper_vfp_stof16(struct CPUState *cs, uint32_t a);

#endif /* TARGET_ARM_VFP_HELPER_H */
