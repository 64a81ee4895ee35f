/*
 * Helper calls with fixed C prototypes.
 *
 * A translator calls C code ("helpers") from generated IR.  WebAssembly
 * traps when a function is called through a pointer of another type, and
 * the build refuses function-pointer casts, so a helper is described by a
 * TCGHelper: a signature tag and a union holding the function through a
 * member of exactly its type.  The interpreter switches on the tag and
 * calls through that member; no libffi, no casts.
 *
 * Signature names read "<return>_<args>": v = void, i = uint32_t,
 * l = uint64_t.  Every helper takes the CPU as its first parameter
 * (struct CPUState *; a target converts it to its own CPU struct, which
 * embeds CPUState as its first member).  Example:
 *
 *     static uint32_t helper_sel(struct CPUState *cs, uint32_t a, uint32_t b);
 *     static const TCGHelper h_sel = TCG_HELPER(i_ii, helper_sel, TCG_CALL_PURE);
 *     tcg_gen_call2(&h_sel, tcgv_temp(ret), tcgv_temp(a), tcgv_temp(b));
 *
 * A helper whose prototype differs from the tag fails to compile.
 */
#ifndef TCG_TCG_HELPER_H
#define TCG_TCG_HELPER_H

#include <stdint.h>

struct CPUState;

/*
 * X(name, return type, parameter list, call arguments): the call arguments
 * use "cs" (the CPU) and "a" (a uint64_t array of the IR arguments).
 */
#define TCG_HELPER_SIGNATURES(X) \
    X(v_, void, (struct CPUState *), (cs)) \
    X(v_i, void, (struct CPUState *, uint32_t), (cs, (uint32_t)a[0])) \
    X(v_l, void, (struct CPUState *, uint64_t), (cs, (uint64_t)a[0])) \
    X(v_ii, void, (struct CPUState *, uint32_t, uint32_t), (cs, (uint32_t)a[0], (uint32_t)a[1])) \
    X(v_il, void, (struct CPUState *, uint32_t, uint64_t), (cs, (uint32_t)a[0], (uint64_t)a[1])) \
    X(v_li, void, (struct CPUState *, uint64_t, uint32_t), (cs, (uint64_t)a[0], (uint32_t)a[1])) \
    X(v_ll, void, (struct CPUState *, uint64_t, uint64_t), (cs, (uint64_t)a[0], (uint64_t)a[1])) \
    X(v_iii, void, (struct CPUState *, uint32_t, uint32_t, uint32_t), (cs, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2])) \
    X(v_iil, void, (struct CPUState *, uint32_t, uint32_t, uint64_t), (cs, (uint32_t)a[0], (uint32_t)a[1], (uint64_t)a[2])) \
    X(v_ili, void, (struct CPUState *, uint32_t, uint64_t, uint32_t), (cs, (uint32_t)a[0], (uint64_t)a[1], (uint32_t)a[2])) \
    X(v_ill, void, (struct CPUState *, uint32_t, uint64_t, uint64_t), (cs, (uint32_t)a[0], (uint64_t)a[1], (uint64_t)a[2])) \
    X(v_lii, void, (struct CPUState *, uint64_t, uint32_t, uint32_t), (cs, (uint64_t)a[0], (uint32_t)a[1], (uint32_t)a[2])) \
    X(v_lil, void, (struct CPUState *, uint64_t, uint32_t, uint64_t), (cs, (uint64_t)a[0], (uint32_t)a[1], (uint64_t)a[2])) \
    X(v_lli, void, (struct CPUState *, uint64_t, uint64_t, uint32_t), (cs, (uint64_t)a[0], (uint64_t)a[1], (uint32_t)a[2])) \
    X(v_lll, void, (struct CPUState *, uint64_t, uint64_t, uint64_t), (cs, (uint64_t)a[0], (uint64_t)a[1], (uint64_t)a[2])) \
    X(v_iiii, void, (struct CPUState *, uint32_t, uint32_t, uint32_t, uint32_t), (cs, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2], (uint32_t)a[3])) \
    X(v_llll, void, (struct CPUState *, uint64_t, uint64_t, uint64_t, uint64_t), (cs, (uint64_t)a[0], (uint64_t)a[1], (uint64_t)a[2], (uint64_t)a[3])) \
    X(i_, uint32_t, (struct CPUState *), (cs)) \
    X(i_i, uint32_t, (struct CPUState *, uint32_t), (cs, (uint32_t)a[0])) \
    X(i_l, uint32_t, (struct CPUState *, uint64_t), (cs, (uint64_t)a[0])) \
    X(i_ii, uint32_t, (struct CPUState *, uint32_t, uint32_t), (cs, (uint32_t)a[0], (uint32_t)a[1])) \
    X(i_il, uint32_t, (struct CPUState *, uint32_t, uint64_t), (cs, (uint32_t)a[0], (uint64_t)a[1])) \
    X(i_li, uint32_t, (struct CPUState *, uint64_t, uint32_t), (cs, (uint64_t)a[0], (uint32_t)a[1])) \
    X(i_ll, uint32_t, (struct CPUState *, uint64_t, uint64_t), (cs, (uint64_t)a[0], (uint64_t)a[1])) \
    X(i_iii, uint32_t, (struct CPUState *, uint32_t, uint32_t, uint32_t), (cs, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2])) \
    X(i_iil, uint32_t, (struct CPUState *, uint32_t, uint32_t, uint64_t), (cs, (uint32_t)a[0], (uint32_t)a[1], (uint64_t)a[2])) \
    X(i_ili, uint32_t, (struct CPUState *, uint32_t, uint64_t, uint32_t), (cs, (uint32_t)a[0], (uint64_t)a[1], (uint32_t)a[2])) \
    X(i_ill, uint32_t, (struct CPUState *, uint32_t, uint64_t, uint64_t), (cs, (uint32_t)a[0], (uint64_t)a[1], (uint64_t)a[2])) \
    X(i_lii, uint32_t, (struct CPUState *, uint64_t, uint32_t, uint32_t), (cs, (uint64_t)a[0], (uint32_t)a[1], (uint32_t)a[2])) \
    X(i_lil, uint32_t, (struct CPUState *, uint64_t, uint32_t, uint64_t), (cs, (uint64_t)a[0], (uint32_t)a[1], (uint64_t)a[2])) \
    X(i_lli, uint32_t, (struct CPUState *, uint64_t, uint64_t, uint32_t), (cs, (uint64_t)a[0], (uint64_t)a[1], (uint32_t)a[2])) \
    X(i_lll, uint32_t, (struct CPUState *, uint64_t, uint64_t, uint64_t), (cs, (uint64_t)a[0], (uint64_t)a[1], (uint64_t)a[2])) \
    X(i_iiii, uint32_t, (struct CPUState *, uint32_t, uint32_t, uint32_t, uint32_t), (cs, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2], (uint32_t)a[3])) \
    X(i_llll, uint32_t, (struct CPUState *, uint64_t, uint64_t, uint64_t, uint64_t), (cs, (uint64_t)a[0], (uint64_t)a[1], (uint64_t)a[2], (uint64_t)a[3])) \
    X(l_, uint64_t, (struct CPUState *), (cs)) \
    X(l_i, uint64_t, (struct CPUState *, uint32_t), (cs, (uint32_t)a[0])) \
    X(l_l, uint64_t, (struct CPUState *, uint64_t), (cs, (uint64_t)a[0])) \
    X(l_ii, uint64_t, (struct CPUState *, uint32_t, uint32_t), (cs, (uint32_t)a[0], (uint32_t)a[1])) \
    X(l_il, uint64_t, (struct CPUState *, uint32_t, uint64_t), (cs, (uint32_t)a[0], (uint64_t)a[1])) \
    X(l_li, uint64_t, (struct CPUState *, uint64_t, uint32_t), (cs, (uint64_t)a[0], (uint32_t)a[1])) \
    X(l_ll, uint64_t, (struct CPUState *, uint64_t, uint64_t), (cs, (uint64_t)a[0], (uint64_t)a[1])) \
    X(l_iii, uint64_t, (struct CPUState *, uint32_t, uint32_t, uint32_t), (cs, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2])) \
    X(l_iil, uint64_t, (struct CPUState *, uint32_t, uint32_t, uint64_t), (cs, (uint32_t)a[0], (uint32_t)a[1], (uint64_t)a[2])) \
    X(l_ili, uint64_t, (struct CPUState *, uint32_t, uint64_t, uint32_t), (cs, (uint32_t)a[0], (uint64_t)a[1], (uint32_t)a[2])) \
    X(l_ill, uint64_t, (struct CPUState *, uint32_t, uint64_t, uint64_t), (cs, (uint32_t)a[0], (uint64_t)a[1], (uint64_t)a[2])) \
    X(l_lii, uint64_t, (struct CPUState *, uint64_t, uint32_t, uint32_t), (cs, (uint64_t)a[0], (uint32_t)a[1], (uint32_t)a[2])) \
    X(l_lil, uint64_t, (struct CPUState *, uint64_t, uint32_t, uint64_t), (cs, (uint64_t)a[0], (uint32_t)a[1], (uint64_t)a[2])) \
    X(l_lli, uint64_t, (struct CPUState *, uint64_t, uint64_t, uint32_t), (cs, (uint64_t)a[0], (uint64_t)a[1], (uint32_t)a[2])) \
    X(l_lll, uint64_t, (struct CPUState *, uint64_t, uint64_t, uint64_t), (cs, (uint64_t)a[0], (uint64_t)a[1], (uint64_t)a[2])) \
    X(l_iiii, uint64_t, (struct CPUState *, uint32_t, uint32_t, uint32_t, uint32_t), (cs, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2], (uint32_t)a[3])) \
    X(l_llll, uint64_t, (struct CPUState *, uint64_t, uint64_t, uint64_t, uint64_t), (cs, (uint64_t)a[0], (uint64_t)a[1], (uint64_t)a[2], (uint64_t)a[3]))

typedef enum TCGHelperSig {
#define TCG_SIG_ENUM_(name, rt, params, args) TCG_SIG_##name,
    TCG_HELPER_SIGNATURES(TCG_SIG_ENUM_)
#undef TCG_SIG_ENUM_
    TCG_SIG_COUNT
} TCGHelperSig;

typedef union TCGHelperFn {
#define TCG_SIG_MEMBER_(name, rt, params, args) rt (*name) params;
    TCG_HELPER_SIGNATURES(TCG_SIG_MEMBER_)
#undef TCG_SIG_MEMBER_
} TCGHelperFn;

/* The helper neither reads nor writes CPU state nor raises exceptions:
 * the optimiser may drop a call whose result is unused. */
#define TCG_CALL_PURE 0x1

/**
 * TCGHelper: a helper function together with its signature.
 * @sig: which member of @fn is valid.
 * @fn: the function, stored through the member of its exact type.
 * @name: for IR dumps and error messages.
 * @flags: TCG_CALL_* flags.
 */
typedef struct TCGHelper {
    TCGHelperSig sig;
    TCGHelperFn fn;
    const char *name;
    unsigned flags;
} TCGHelper;

/**
 * TCG_HELPER: initialiser for a TCGHelper.
 * @sig: signature name without prefix (e.g. i_ii).
 * @func: the helper; must have exactly that signature's prototype.
 * @flg: TCG_CALL_* flags.
 */
#define TCG_HELPER(sig, func, flg) \
    { TCG_SIG_##sig, { .sig = func }, #func, (flg) }

/**
 * tcg_helper_sig_string: "<return>_<args>" name of a signature.
 */
const char *tcg_helper_sig_string(TCGHelperSig sig);

#endif /* TCG_TCG_HELPER_H */
