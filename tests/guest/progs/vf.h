/* VFP test harness: ops on s13 = op(s14, s15) (s13 preloaded with c for
   the accumulating forms) and on d20 = op(d21, d22), i.e. in the upper
   half of VFPv3-D32; FPSCR is set before and read back after. */
#ifndef VF_H
#define VF_H
#include "t.h"

#define FPSCR_DN (1u << 25)
#define FPSCR_FZ (1u << 24)
#define RM_RN (0u << 22)
#define RM_RP (1u << 22)
#define RM_RM (2u << 22)
#define RM_RZ (3u << 22)

typedef uint32_t (*fs_fn)(uint32_t a, uint32_t b, uint32_t c, uint32_t *fpscr);
typedef uint64_t (*fd_fn)(uint64_t a, uint64_t b, uint64_t c, uint32_t *fpscr);

#define FS(fname, insn) \
static uint32_t fname(uint32_t a, uint32_t b, uint32_t c, uint32_t *fpscr) \
{ \
    uint32_t d, f = *fpscr; \
    __asm__ volatile("vmsr fpscr, %[f]\n\tvmov s14, %[a]\n\tvmov s15, %[b]\n\t" \
                     "vmov s13, %[c]\n\t" insn "\n\tvmov %[d], s13\n\tvmrs %[f], fpscr" \
                     : [d] "=&r"(d), [f] "+&r"(f) : [a] "r"(a), [b] "r"(b), [c] "r"(c) \
                     : "s13", "s14", "s15"); \
    *fpscr = f; \
    return d; \
}

#define FD(fname, insn) \
static uint64_t fname(uint64_t a, uint64_t b, uint64_t c, uint32_t *fpscr) \
{ \
    uint64_t d; \
    uint32_t f = *fpscr; \
    __asm__ volatile("vmsr fpscr, %[f]\n\tvmov d21, %Q[a], %R[a]\n\t" \
                     "vmov d22, %Q[b], %R[b]\n\tvmov d20, %Q[c], %R[c]\n\t" insn "\n\t" \
                     "vmov %Q[d], %R[d], d20\n\tvmrs %[f], fpscr" \
                     : [d] "=&r"(d), [f] "+&r"(f) : [a] "r"(a), [b] "r"(b), [c] "r"(c) \
                     : "d20", "d21", "d22"); \
    *fpscr = f; \
    return d; \
}

static const uint32_t FSV[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x40400000, 0x3eaaaaab,
    0x7f7fffff, 0x00800000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000,
    0x7fc00000, 0x7f800001, 0xffc12345, 0x501502f9,
};
#define NFSV 16

static const uint64_t FDV[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
    0xc008000000000000ull, 0x3fd5555555555555ull, 0x7fefffffffffffffull,
    0x0010000000000000ull, 0x800fffffffffffffull, 0x7ff0000000000000ull,
    0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff0000000000001ull,
    0xfff8000000012345ull, 0x4202a05f20000000ull,
};
#define NFDV 14

/* the FPSCR bits worth printing: NZCV, cumulative exception flags */
static inline uint32_t fp_flags(uint32_t f)
{
    return (f >> 28) << 8 | (f & 0x9f);
}

static void run_fs(const char *name, fs_fn fn, uint32_t fpscr, int nb, uint32_t c)
{
    for (int i = 0; i < NFSV; i++) {
        rt_printf("%s f=%08x a=%08x:", name, fpscr, FSV[i]);
        for (int j = 0; j < nb; j++) {
            uint32_t f = fpscr;
            uint32_t d = fn(FSV[i], FSV[j], c, &f);
            rt_printf(" %08x.%03x", d, fp_flags(f));
        }
        rt_putc('\n');
    }
}

static void run_fd(const char *name, fd_fn fn, uint32_t fpscr, int nb, uint64_t c)
{
    for (int i = 0; i < NFDV; i++) {
        rt_printf("%s f=%08x a=%016llx:", name, fpscr, FDV[i]);
        for (int j = 0; j < nb; j++) {
            uint32_t f = fpscr;
            uint64_t d = fn(FDV[i], FDV[j], c, &f);
            rt_printf(" %016llx.%03x", d, fp_flags(f));
        }
        rt_putc('\n');
    }
}

#endif
