/* A hostile sweep of the GIC: every word of the distributor and CPU
   interface frames (64 KiB each, register windows and reserved space),
   printed as runs of equal values or of data aborts, before and after the
   distributor holds some state; byte and halfword reads of the banked
   registers; writes to reserved space.  On QEMU the distributor's
   window is 4 KiB and the CPU interface's 8 KiB: the rest of each frame
   aborts (an emulator indexing a table with the offset would print its
   own memory there).  Nothing here is timing dependent; GICC_IAR is read
   only while the CPU interface is off, so the sweep acknowledges nothing. */
#include "rt.h"

#define GICD 0x08000000u
#define GICC 0x08010000u
#define FRAME 0x10000u
#define REG(a) (*(volatile uint32_t *)(a))

static volatile uint32_t aborts, last_dfsr;

static int hook(int vec, rt_exc_frame *f)
{
    if (vec != VEC_DABT)
        return 0;
    aborts++;
    last_dfsr = MRC(0, c5, c0, 0);
    f->lr -= 4;                 /* skip the faulting access */
    return 1;
}

/* One access; *ok is 0 if it aborted (the value is then 0xdeadbeef). */
static uint32_t rd32(uint32_t a, int *ok)
{
    uint32_t v = 0xdeadbeef, before = aborts;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(a) : "memory");
    *ok = aborts == before;
    return v;
}

static uint32_t rd16(uint32_t a, int *ok)
{
    uint32_t v = 0xdead, before = aborts;
    __asm__ volatile("ldrh %0, [%1]" : "+r"(v) : "r"(a) : "memory");
    *ok = aborts == before;
    return v;
}

static uint32_t rd8(uint32_t a, int *ok)
{
    uint32_t v = 0xde, before = aborts;
    __asm__ volatile("ldrb %0, [%1]" : "+r"(v) : "r"(a) : "memory");
    *ok = aborts == before;
    return v;
}

static int wr32(uint32_t a, uint32_t v)
{
    uint32_t before = aborts;
    __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory");
    return aborts == before;
}

static void print_run(const char *name, uint32_t from, uint32_t to, int ok,
                      uint32_t v)
{
    if (ok)
        rt_printf("%s %04x-%04x %08x\n", name, from, to, v);
    else
        rt_printf("%s %04x-%04x abort dfsr=%08x\n", name, from, to, last_dfsr);
}

/* Every word of a 64 KiB frame, equal neighbours folded into runs. */
static void sweep(const char *name, uint32_t base)
{
    uint32_t start = 0, prev_v = 0;
    int prev_ok = -1;

    for (uint32_t off = 0; off < FRAME; off += 4) {
        int ok;
        uint32_t v = rd32(base + off, &ok);
        if (prev_ok >= 0 && (ok != prev_ok || (ok && v != prev_v))) {
            print_run(name, start, off - 4, prev_ok, prev_v);
            start = off;
        }
        prev_ok = ok;
        prev_v = v;
    }
    print_run(name, start, FRAME - 4, prev_ok, prev_v);
}

static void sub_word(const char *what, uint32_t a)
{
    int ok0, ok1, ok2, ok3, okh0, okh1;
    uint32_t b0 = rd8(a, &ok0), b1 = rd8(a + 1, &ok1);
    uint32_t b2 = rd8(a + 2, &ok2), b3 = rd8(a + 3, &ok3);
    uint32_t h0 = rd16(a, &okh0), h1 = rd16(a + 2, &okh1);
    rt_printf("%s bytes %02x %02x %02x %02x (%d%d%d%d) halves %04x %04x (%d%d)\n",
              what, b0, b1, b2, b3, ok0, ok1, ok2, ok3, h0, h1, okh0, okh1);
}

int main(void)
{
    rt_puts("gicsweep a32\n");
    rt_hook = hook;

    sweep("gicd", GICD);
    sweep("gicc", GICC);
    rt_printf("aborts so far %u\n", aborts);

    /* Some distributor state: enabled, priorities, targets, pending. */
    REG(GICD + 0x000) = 1;
    REG(GICD + 0x104) = 0x00ff8001;             /* enable SPIs 32, 47, 48-55 */
    REG(GICD + 0x420) = 0xa0b0c0d0;             /* priorities of 32..35 */
    REG(GICD + 0x820) = 0x01010101;             /* targets of 32..35 */
    REG(GICD + 0xc08) = 0xaaaaaaaa;             /* ICFGR2: 32..47 edge */
    REG(GICD + 0x204) = 0x00000100;             /* SPI 40 pending */
    /* SGI 3 to self.  (Not through GICD_SPENDSGIR: QEMU 7.2 marks all four
       SGIs of a written word pending, whatever the bytes say.) */
    REG(GICD + 0xf00) = (2u << 24) | 3;
    sweep("gicd", GICD);

    sub_word("ISENABLER1", GICD + 0x104);
    sub_word("IPRIORITYR8", GICD + 0x420);
    sub_word("ITARGETSR8", GICD + 0x820);
    sub_word("ICFGR2", GICD + 0xc08);
    sub_word("SPENDSGIR0", GICD + 0xf20);
    sub_word("PIDR2", GICD + 0xfe8);
    sub_word("TYPER", GICD + 0x004);
    sub_word("GICD+1000", GICD + 0x1000);

    /* Writes: reserved space aborts, the window's reserved words ignore. */
    rt_printf("write GICD+1000 ok=%d\n", wr32(GICD + 0x1000, 0xffffffff));
    rt_printf("write GICD+fffc ok=%d\n", wr32(GICD + 0xfffc, 0xffffffff));
    rt_printf("write GICC+2000 ok=%d\n", wr32(GICC + 0x2000, 0xffffffff));
    rt_printf("write GICD+0ffc ok=%d\n", wr32(GICD + 0x0ffc, 0xffffffff));
    rt_printf("write GICD+00c0 ok=%d\n", wr32(GICD + 0x00c0, 0xffffffff));
    rt_printf("aborts %u\n", aborts);
    REG(GICD + 0x000) = 0;
    rt_exit(0);
}
