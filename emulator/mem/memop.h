/*
 * MemOp: how one guest memory access is done (size, sign, byte order,
 * alignment).  The IR's qemu_ld/qemu_st ops carry one and the softmmu TLB
 * performs it, so it lives down the data path, in mem/, where both the
 * IR (tcg/) and the TLB can include it.
 */
#ifndef MEM_MEMOP_H
#define MEM_MEMOP_H

typedef enum MemOp {
    MO_8 = 0,
    MO_16 = 1,
    MO_32 = 2,
    MO_64 = 3,
    MO_SIZE = 3,
    MO_SIGN = 4,     /* sign-extend the loaded value */
    MO_BE = 8,       /* big-endian guest access; default little-endian */
    MO_LE = 0,
    MO_BSWAP_FLAG = MO_BE,
    MO_ALIGN = 16,   /* fault (target unaligned hook) unless size-aligned */

    MO_UB = MO_8,
    MO_UW = MO_16,
    MO_UL = MO_32,
    MO_UQ = MO_64,
    MO_SB = MO_8 | MO_SIGN,
    MO_SW = MO_16 | MO_SIGN,
    MO_SL = MO_32 | MO_SIGN,
    MO_LEUW = MO_LE | MO_UW,
    MO_LEUL = MO_LE | MO_UL,
    MO_LEUQ = MO_LE | MO_UQ,
    MO_LESW = MO_LE | MO_SW,
    MO_LESL = MO_LE | MO_SL,
    MO_BEUW = MO_BE | MO_UW,
    MO_BEUL = MO_BE | MO_UL,
    MO_BEUQ = MO_BE | MO_UQ,
    MO_BESW = MO_BE | MO_SW,
    MO_BESL = MO_BE | MO_SL,
} MemOp;

static inline unsigned memop_size(MemOp op) { return 1u << (op & MO_SIZE); }

#endif /* MEM_MEMOP_H */
