/* LDREX/STREX in word, byte, halfword and doubleword sizes; STREX
   without a reservation, after a successful STREX and after CLREX fails. */
#include "t.h"

static uint32_t w __attribute__((aligned(8)));
static uint64_t dw __attribute__((aligned(8)));

int main(void)
{
    uint32_t v, st, st2;
    rt_puts("excl " ISA_NAME "\n");

    w = 0x12345678;
    __asm__ volatile("clrex\n\tstrex %[s], %[v], [%[a]]"
                     : [s] "=&r"(st) : [v] "r"(0x11u), [a] "r"(&w) : "memory");
    rt_printf("strex no reservation: st=%u w=%08x\n", st, w);

    __asm__ volatile("ldrex %[v], [%[a]]\n\tadd %[v], %[v], #1\n\t"
                     "strex %[s], %[v], [%[a]]\n\tstrex %[s2], %[v], [%[a]]"
                     : [v] "=&r"(v), [s] "=&r"(st), [s2] "=&r"(st2)
                     : [a] "r"(&w) : "memory");
    rt_printf("ldrex/strex: v=%08x st=%u again=%u w=%08x\n", v, st, st2, w);

    __asm__ volatile("ldrex %[v], [%[a]]\n\tclrex\n\tstrex %[s], %[a], [%[a]]"
                     : [v] "=&r"(v), [s] "=&r"(st) : [a] "r"(&w) : "memory");
    rt_printf("clrex: v=%08x st=%u w=%08x\n", v, st, w);

    w = 0x80ff7f01;
    __asm__ volatile("ldrexb %[v], [%[a]]\n\tstrexb %[s], %[a], [%[a]]"
                     : [v] "=&r"(v), [s] "=&r"(st) : [a] "r"((uint8_t *)&w + 3)
                     : "memory");
    rt_printf("ldrexb/strexb: v=%08x st=%u w=%08x\n", v, st,
              w ^ ((uint32_t)&w << 24));
    __asm__ volatile("ldrexh %[v], [%[a]]\n\tstrexh %[s], %[n], [%[a]]"
                     : [v] "=&r"(v), [s] "=&r"(st)
                     : [a] "r"((uint8_t *)&w + 2), [n] "r"(0xabcd1234u) : "memory");
    rt_printf("ldrexh/strexh: v=%08x st=%u w=%08x\n", v, st, w);
    __asm__ volatile("clrex\n\tstrexh %[s], %[n], [%[a]]"
                     : [s] "=&r"(st) : [a] "r"(&w), [n] "r"(0u) : "memory");
    rt_printf("strexh fail: st=%u w=%08x\n", st, w);

    dw = 0x0123456789abcdefull;
    uint64_t d, nd = 0xfedcba9876543210ull;
    __asm__ volatile("ldrexd %[d], %H[d], [%[a]]\n\tstrexd %[s], %[n], %H[n], [%[a]]"
                     : [d] "=&r"(d), [s] "=&r"(st) : [a] "r"(&dw), [n] "r"(nd)
                     : "memory");
    rt_printf("ldrexd/strexd: d=%016llx st=%u dw=%016llx\n", d, st, dw);
    __asm__ volatile("strexd %[s], %[n], %H[n], [%[a]]"
                     : [s] "=&r"(st) : [a] "r"(&dw), [n] "r"(0ull) : "memory");
    rt_printf("strexd again: st=%u dw=%016llx\n", st, dw);
    return 0;
}
