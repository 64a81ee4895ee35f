/* Guests that live in abort loops: a prefetch abort handler that returns
   to the unassigned address it came from, and a data abort handler that
   retries the faulting load, each many thousand times before letting the
   program go on.  The counts and the fault registers of the first and
   the last abort are printed.  (An emulator that
   counts only executed instructions against its time slice still ends
   these: the handlers run instructions.  The unfetchable-vector case,
   where none run, is `abortloop`.) */
#include "rt.h"

#define NOWHERE 0x08100000u     /* unassigned on virt with a GICv2 */
#define ROUNDS 20000u

static volatile uint32_t pabt, dabt, resume, first_fsr, last_fsr, first_far,
    last_far;

static int hook(int vec, rt_exc_frame *f)
{
    if (vec == VEC_PABT) {
        uint32_t fsr = MRC(0, c5, c0, 1), far = MRC(0, c6, c0, 2);
        if (pabt++ == 0) {
            first_fsr = fsr;
            first_far = far;
        }
        last_fsr = fsr;
        last_far = far;
        f->lr = pabt < ROUNDS ? NOWHERE : resume;   /* again, or go on */
        return 1;
    }
    if (vec == VEC_DABT) {
        uint32_t fsr = MRC(0, c5, c0, 0), far = MRC(0, c6, c0, 0);
        if (dabt++ == 0) {
            first_fsr = fsr;
            first_far = far;
        }
        last_fsr = fsr;
        last_far = far;
        /* lr = the load + 8: retry it, or skip it after ROUNDS. */
        f->lr -= dabt < ROUNDS ? 8 : 4;
        return 1;
    }
    return 0;
}

int main(void)
{
    uint32_t v = 0x1234;

    rt_puts("abortcount\n");
    rt_hook = hook;

    /* resume = label 1, stored before the jump: the handler needs it. */
    __asm__ volatile("adr r0, 1f\n\t"
                     "str r0, [%0]\n\t"
                     "bx %1\n"
                     "1:"
                     : : "r"(&resume), "r"(NOWHERE) : "r0", "memory");
    rt_printf("prefetch aborts %u, first ifsr=%08x ifar=%08x, last ifsr=%08x "
              "ifar=%08x\n", pabt, first_fsr, first_far, last_fsr, last_far);

    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(NOWHERE + 0x40) : "memory");
    rt_printf("data aborts %u, first dfsr=%08x dfar=%08x, last dfsr=%08x "
              "dfar=%08x, value %08x\n", dabt, first_fsr, first_far, last_fsr,
              last_far, v);
    rt_printf("cpsr %03x\n", rt_cpsr() & 0x1ff);
    rt_exit(0);
}
