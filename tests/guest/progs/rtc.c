/* The PL031 under -icount with -rtc base=2020-01-01,clock=vm (run-diff's
   "rtc" option): the data register starts at the base and advances with
   guest time, which both emulators derive from instruction counts. The
   busy loop runs about 2.5 s of guest time (1024 ns per instruction), in
   the middle of a second so that a few instructions' difference in
   accounting cannot change the output. The generic counter, read twice
   a few dozen instructions apart, has advanced in between: time follows
   the instructions themselves, not only the emulator's slices. */
#include "rt.h"

#define RTC_DR 0x09010000u
#define RTC_CR 0x0901000cu
#define RTC_PERIPH_ID0 0x09010fe0u

static inline uint32_t rd(uint32_t a)
{
    return *(volatile uint32_t *)a;
}

static inline uint64_t cntvct(void)
{
    uint32_t lo, hi;

    __asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
    return (uint64_t)hi << 32 | lo;
}

int main(void)
{
    uint32_t start, end;
    uint64_t c0, c1;

    rt_puts("rtc\n");
    rt_printf("periph id %02x control %u\n", rd(RTC_PERIPH_ID0), rd(RTC_CR));
    start = rd(RTC_DR);
    rt_printf("start %u\n", start);
    for (volatile uint32_t i = 0; i < 407000; i++) {
    }
    end = rd(RTC_DR);
    rt_printf("after the loop +%u s\n", end - start);
    c0 = cntvct();
    for (volatile uint32_t i = 0; i < 10; i++) {
    }
    c1 = cntvct();
    rt_printf("counter advanced over a short loop: %s\n", c1 > c0 ? "yes" : "no");
    rt_exit(0);
}
