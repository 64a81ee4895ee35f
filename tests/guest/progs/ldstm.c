/* LDM/STM: all four addressing modes (A32), writeback, base in list,
   PUSH/POP, single-register lists.  r0 points into a buffer, r1-r7 hold
   values; the test prints registers and changed memory words. */
#include "t.h"

static uint32_t mem[32] __attribute__((aligned(8)));
static uint32_t io[8];

#define LSM(fname, insn) \
static void fname(void) \
{ \
    register uint32_t *p __asm__("r9") = io; \
    __asm__ volatile("ldm r9, {r0-r7}\n\t" insn "\n\tstm r9, {r0-r7}" \
                     : : "r"(p) : "r0", "r1", "r2", "r3", "r4", "r5", "r6", \
                       "r7", "memory", "cc"); \
}

LSM(stmia_w,   "stmia r0!, {r1-r3}")
LSM(stmia,     "stmia r0, {r1, r3, r5, r7}")
LSM(stmdb_w,   "stmdb r0!, {r1-r7}")
LSM(stmdb,     "stmdb r0, {r4}")
LSM(stmia_b,   "stmia r0, {r0-r2}")
LSM(ldmia_w,   "ldmia r0!, {r1-r4}")
LSM(ldmia,     "ldmia r0, {r2, r5, r7}")
LSM(ldmdb_w,   "ldmdb r0!, {r1-r7}")
LSM(ldmdb,     "ldmdb r0, {r6}")
LSM(ldmia_b,   "ldmia r0, {r0-r3}")
LSM(ldmdb_b,   "ldmdb r0, {r0, r7}")
LSM(pushpop,   "push {r1-r3}\n\tpop {r4-r6}")
LSM(pushpop1,  "push {r7}\n\tpop {r1}")
LSM(pushpop_h, "push {r1, r2, r8, r10}\n\tpop {r3-r6}")
#ifndef __thumb__
LSM(stmib_w,   "stmib r0!, {r1, r2}")
LSM(stmib,     "stmib r0, {r3-r6}")
LSM(stmda_w,   "stmda r0!, {r2-r4}")
LSM(stmda,     "stmda r0, {r1, r7}")
LSM(ldmib_w,   "ldmib r0!, {r1-r3}")
LSM(ldmib,     "ldmib r0, {r4, r6}")
LSM(ldmda_w,   "ldmda r0!, {r1, r2}")
LSM(ldmda,     "ldmda r0, {r3-r7}")
LSM(ldmib_b,   "ldmib r0, {r0, r1}")
LSM(stmda_b,   "stmda r0, {r0, r5}")
#else
LSM(ldmia_16,  "ldmia r0!, {r1, r2}")
LSM(stmia_16,  "stmia r0!, {r5-r7}")
#endif

static void run(const char *name, void (*fn)(void))
{
    for (int i = 0; i < 32; i++)
        mem[i] = 0x1000 * i + 0xa0 + i;
    io[0] = (uint32_t)&mem[16];
    for (int i = 1; i < 8; i++)
        io[i] = 0x11111111u * i;
    fn();
    rt_printf("%s: r0=%d", name, (int)(io[0] - (uint32_t)mem));
    for (int i = 1; i < 8; i++)
        rt_printf(" %08x", io[i]);
    rt_putc(':');
    for (int i = 0; i < 32; i++)
        if (mem[i] != 0x1000u * i + 0xa0 + i) {
            uint32_t v = mem[i];
            if (v >= (uint32_t)mem && v < (uint32_t)(mem + 32))
                rt_printf(" [%d]=mem+%d", i, (int)(v - (uint32_t)mem));
            else
                rt_printf(" [%d]=%08x", i, v);
        }
    rt_putc('\n');
}
#define RUN(fn) run(#fn, fn)

int main(void)
{
    rt_puts("ldstm " ISA_NAME "\n");
    RUN(stmia_w); RUN(stmia); RUN(stmdb_w); RUN(stmdb); RUN(stmia_b);
    RUN(ldmia_w); RUN(ldmia); RUN(ldmdb_w); RUN(ldmdb); RUN(ldmia_b); RUN(ldmdb_b);
    RUN(pushpop); RUN(pushpop1); RUN(pushpop_h);
#ifndef __thumb__
    RUN(stmib_w); RUN(stmib); RUN(stmda_w); RUN(stmda); RUN(ldmib_w); RUN(ldmib);
    RUN(ldmda_w); RUN(ldmda); RUN(ldmib_b); RUN(stmda_b);
#else
    RUN(ldmia_16); RUN(stmia_16);
#endif
    return 0;
}
