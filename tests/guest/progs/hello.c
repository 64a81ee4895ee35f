/* Smoke test: UART output, CPSR at entry, exit via PSCI SYSTEM_OFF. */
#include "rt.h"

int main(void)
{
    rt_puts("hello from portos guest\n");
    rt_printf("cpsr mode=%02x IF=%x\n", rt_cpsr() & 0x1f, (rt_cpsr() >> 6) & 3);
    rt_printf("dec %d %u %d hex %x %08x %llx\n", 0, 4294967295u, -123456789, 0xabc, 0x1f,
              0x123456789abcdef0ull);
    return 0;
}
