/* Drives branch.S: traces of B/BL/BX/BLX/LDR pc/POP pc/MOV pc/LDM pc,
   CBZ/CBNZ, TBB/TBH, computed jumps, between and within A32 and T32. */
#include "rt.h"

struct res { uint32_t trace, tbits; };

extern uint64_t br_a32_basic(void);
extern uint64_t br_a32_inter(void);
extern uint64_t br_a32_jt(uint32_t i);
extern uint64_t br_t32_basic(void);
extern uint64_t br_t32_inter(void);
extern uint64_t br_t32_tb(uint32_t i);
extern uint64_t br_t32_addpc(uint32_t i);

static void show(const char *name, uint64_t v)
{
    rt_printf("%s: trace=%08x tbits=%x\n", name, (uint32_t)v, (uint32_t)(v >> 32));
}

int main(void)
{
#ifdef __thumb__
    rt_puts("branch t32 caller\n");
#else
    rt_puts("branch a32 caller\n");
#endif
    show("a32_basic", br_a32_basic());
    show("a32_inter", br_a32_inter());
    for (uint32_t i = 0; i < 6; i++)
        show("a32_jt", br_a32_jt(i));
    show("t32_basic", br_t32_basic());
    show("t32_inter", br_t32_inter());
    for (uint32_t i = 0; i < 5; i++)
        show("t32_tb", br_t32_tb(i));
    for (uint32_t i = 0; i < 3; i++)
        show("t32_addpc", br_t32_addpc(i));
    return 0;
}
