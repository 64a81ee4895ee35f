/* Driver for the programs written by gen-random.py: runs rand_run(),
   which calls rand_dump() after each random sequence. */
#include "rt.h"

extern uint32_t rand_regs[16];
extern uint32_t rand_vregs[64];
extern uint32_t rand_buf[64];
extern void rand_run(void);

void rand_dump(uint32_t seq)
{
    rt_printf("seq %u:\n", seq);
    for (int i = 0; i < 13; i++)
        rt_printf("%sr%d=%08x", i % 7 ? " " : " ", i, rand_regs[i]);
    rt_printf("\n apsr=%08x fpscr=%08x\n", rand_regs[13], rand_regs[14]);
    for (int i = 0; i < 32; i++)
        rt_printf("%s%08x%08x%s", i % 8 ? " " : " d:", rand_vregs[2 * i + 1], rand_vregs[2 * i],
                  i % 8 == 7 ? "\n" : "");
    for (int i = 0; i < 64; i++)
        rt_printf("%s%08x%s", i % 8 ? " " : " m:", rand_buf[i], i % 8 == 7 ? "\n" : "");
}

int main(void)
{
    rt_puts("random program\n");
    rand_run();
    return 0;
}
