/* Benchmark kernel: bitwise CRC-32 over a 4 KiB buffer and an 8x8 f64
   matrix multiply in VFP, both written as inline asm whose dynamic
   instruction count is known statically (printed as insns=).  BENCH_SCALE
   (default 1, small enough for the differential run) scales the work. */
#include "rt.h"

#ifndef BENCH_SCALE
#define BENCH_SCALE 1
#endif
#define CRC_PASSES (20 * BENCH_SCALE)
#define MM_PASSES (200 * BENCH_SCALE)
#define BUF_LEN 4096

/* per byte: ldrb, eor, mov + 8 x (lsrs, [it,] eorcs, subs, bne) + subs, bne */
#ifdef __thumb__
#define CRC_INSNS_PER_BYTE (3 + 8 * 5 + 2)
#else
#define CRC_INSNS_PER_BYTE (3 + 8 * 4 + 2)
#endif
/* per matmul: mov + 8 x (mov + 8 x (vmov, add, add, mov + 8 x 6 + add, add,
   vstr + add, cmp, bne) + add, cmp, bne) */
#define MM_INSNS (1 + 8 * (1 + 8 * (4 + 8 * 6 + 3 + 3) + 3))
#define CALL_OVERHEAD 0                 /* call/return not counted */

static uint8_t buf[BUF_LEN];
static double ma[64], mb[64], mc[64];

static uint32_t crc32(uint32_t crc, const uint8_t *p, uint32_t n)
{
    __asm__ volatile(
        "1:\tldrb r3, [%[p]], #1\n\t"
        "eor %[c], %[c], r3\n\t"
        "mov r2, #8\n"
        "2:\tlsrs %[c], %[c], #1\n\t"
        "it cs\n\t"
        "eorcs %[c], %[c], %[poly]\n\t"
        "subs r2, r2, #1\n\t"
        "bne 2b\n\t"
        "subs %[n], %[n], #1\n\t"
        "bne 1b"
        : [c] "+r"(crc), [p] "+r"(p), [n] "+r"(n)
        : [poly] "r"(0xedb88320u)
        : "r2", "r3", "cc", "memory");
    return crc;
}

static void matmul(double *c, const double *a, const double *b)
{
    __asm__ volatile(
        "mov r4, #0\n"
        "1:\tmov r5, #0\n"
        "2:\tvmov d2, %[z], %[z]\n\t"
        "add r6, %[a], r4\n\t"
        "add r7, %[b], r5\n\t"
        "mov r3, #8\n"
        "3:\tvldmia r6!, {d0}\n\t"
        "vldr d1, [r7]\n\t"
        "add r7, r7, #64\n\t"
        "vmla.f64 d2, d0, d1\n\t"
        "subs r3, r3, #1\n\t"
        "bne 3b\n\t"
        "add r6, %[c], r4\n\t"
        "add r6, r6, r5\n\t"
        "vstr d2, [r6]\n\t"
        "add r5, r5, #8\n\t"
        "cmp r5, #64\n\t"
        "bne 2b\n\t"
        "add r4, r4, #64\n\t"
        "cmp r4, #512\n\t"
        "bne 1b"
        :
        : [a] "r"(a), [b] "r"(b), [c] "r"(c), [z] "r"(0)
        : "r3", "r4", "r5", "r6", "r7", "d0", "d1", "d2", "cc", "memory");
}

int main(void)
{
    uint32_t seed = 12345;
    for (int i = 0; i < BUF_LEN; i++) {
        seed = seed * 1103515245u + 12345u;
        buf[i] = (uint8_t)(seed >> 16);
    }
    for (int i = 0; i < 64; i++) {
        ma[i] = (double)((i * 7) % 13) / 8.0 - 0.75;
        mb[i] = (double)((i * 5) % 11) / 4.0 + 0.125;
    }

    uint32_t crc = 0xffffffff;
    for (int i = 0; i < CRC_PASSES; i++)
        crc = crc32(crc, buf, BUF_LEN);
    uint64_t crc_insns = (uint64_t)CRC_PASSES * BUF_LEN * CRC_INSNS_PER_BYTE;

    uint64_t sum = 0;
    for (int i = 0; i < MM_PASSES; i++) {
        matmul(mc, ma, mb);
        ma[i & 63] = mc[(i * 3) & 63] / 64.0;       /* keep the data moving */
    }
    for (int i = 0; i < 64; i++) {
        uint64_t bits;
        memcpy(&bits, &mc[i], 8);
        sum = sum * 31 + bits;
    }
    uint64_t mm_insns = (uint64_t)MM_PASSES * MM_INSNS;

#ifdef __thumb__
    rt_puts("bench t32\n");
#else
    rt_puts("bench a32\n");
#endif
    rt_printf("crc32 passes=%u crc=%08x insns=%llu\n", CRC_PASSES, crc, crc_insns);
    rt_printf("matmul passes=%u sum=%016llx insns=%llu\n", MM_PASSES, sum, mm_insns);
    rt_printf("total insns=%llu\n", crc_insns + mm_insns);
    return 0;
}
