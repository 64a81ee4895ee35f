/* Run one instruction that may trap: the hook prints the exception (entry
   CPSR, SPSR, LR offset, fault registers) and resumes just after it. */
#ifndef TRAP_H
#define TRAP_H
#include "t.h"

static volatile uint32_t g_insn, g_resume, g_taken;
static volatile int g_show_ifar;        /* IFAR is UNKNOWN for BKPT */

static int trap_hook(int vec, rt_exc_frame *f)
{
    uint32_t thumb = (f->spsr >> 5) & 1;
    rt_printf("  %s: cpsr=%03x spsr=%08x lr-insn=%d", rt_vec_names[vec], rt_cpsr() & 0x1ff,
              f->spsr, (int)(f->lr - g_insn));
    if (vec == VEC_SVC) {
        uint32_t imm;
        if (thumb)
            imm = *(volatile uint16_t *)(f->lr - 2) & 0xff;
        else
            imm = *(volatile uint32_t *)(f->lr - 4) & 0xffffff;
        rt_printf(" imm=%x", imm);
    } else if (vec == VEC_DABT) {
        rt_printf(" dfsr=%08x dfar=%08x", MRC(0, c5, c0, 0), MRC(0, c6, c0, 0));
    } else if (vec == VEC_PABT) {
        rt_printf(" ifsr=%08x", MRC(0, c5, c0, 1));
        if (g_show_ifar)
            rt_printf(" ifar=%08x", MRC(0, c6, c0, 2));
    }
    rt_putc('\n');
    g_taken++;
    f->lr = g_resume & ~1u;
    /* resume in the state of the TRAP() code, outside any IT block (a BLX
       to a faulting Thumb target leaves SPSR.T set) */
    f->spsr &= ~(0x0600fc00u | 0x20u);
#ifdef __thumb__
    f->spsr |= 0x20u;
#endif
    return 1;
}

/* Runs insn with g_insn/g_resume pointing at it and just past it;
   extra asm operands may follow (inputs only). */
#define TRAP(name, insn, ...) do { \
    g_taken = 0; \
    rt_puts(name "\n"); \
    __asm__ volatile("adr r12, 1f\n\tstr r12, [%[pi]]\n\tadr r12, 2f\n\tstr r12, [%[pr]]\n\t" \
                     ".balign 4\n1:\t" insn "\n2:" \
                     : : [pi] "r"(&g_insn), [pr] "r"(&g_resume), ##__VA_ARGS__ \
                     : "r0", "r1", "r12", "lr", "memory", "cc"); \
    rt_printf("  taken=%u\n", g_taken); \
} while (0)

#endif
