/* A guest that cannot get out of an abort loop: after its report it
   points VBAR at unassigned memory and executes UDF, so every exception
   entry (the undefined instruction, then the prefetch abort of each
   vector fetch) faults again before any instruction runs.  run-diff runs
   it until SIGTERM (the program is marked "until-signal"): both emulators
   must then exit cleanly with this output.  An emulator whose CPU loop
   only counts executed instructions never gets back to its main loop and
   is killed at the run-diff timeout instead. */
#include "rt.h"

#define NOWHERE 0x08100000u     /* unassigned on virt with a GICv2 */

int main(void)
{
    rt_puts("abortloop\n");
    rt_printf("VBAR %08x, then UDF: every exception entry aborts\n", NOWHERE);
    rt_puts(RT_END_MARKER "\n");
    MCR(0, c12, c0, 0, NOWHERE);
    ISB();
    __asm__ volatile("udf #0" ::: "memory");
    for (;;)
        ;
}
