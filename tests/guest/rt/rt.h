/* Freestanding runtime for the portos guest tests (QEMU virt, ARMv7-A). */
#ifndef RT_H
#define RT_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>

#define RT_END_MARKER "== END =="

#define VEC_UND  1
#define VEC_SVC  2
#define VEC_PABT 3
#define VEC_DABT 4
#define VEC_HYP  5
#define VEC_IRQ  6
#define VEC_FIQ  7

/* Built by the vector stubs in start.S; lr is the raw banked LR. */
typedef struct rt_exc_frame {
    uint32_t spsr;
    uint32_t pad;
    uint32_t r[13];
    uint32_t lr;            /* set to the resume address before returning */
} rt_exc_frame;

/* Return non-zero if handled (frame->lr / spsr updated), 0 for "unexpected". */
typedef int (*rt_exc_hook)(int vec, rt_exc_frame *f);
extern rt_exc_hook rt_hook;

extern const char *const rt_vec_names[8];

void rt_uart_init(void);
void rt_putc(int c);
void rt_puts(const char *s);        /* no newline added */
void rt_hex(uint32_t v);            /* 8 digits */
void rt_printf(const char *fmt, ...);
void rt_vprintf(const char *fmt, va_list ap);
void rt_exit(int code) __attribute__((noreturn));
void rt_psci_off(void) __attribute__((noreturn));

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/* CP15 helpers */
#define MRC(op1, crn, crm, op2) ({ uint32_t _v; \
    __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(_v)); _v; })
#define MCR(op1, crn, crm, op2, v) \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"((uint32_t)(v)) : "memory")
#define ISB() __asm__ volatile("isb" ::: "memory")
#define DSB() __asm__ volatile("dsb" ::: "memory")

static inline uint32_t rt_cpsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}

#endif
