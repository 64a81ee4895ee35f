/*
 * pl061.h - ARM PrimeCell PL061 GPIO controller
 *
 * Eight pins with per-pin direction and interrupt sense (edge or level,
 * one or both edges, high/rising or low/falling). The board drives input
 * pins with pl061_set_input(); on virt, pin 3 is the power button that
 * Linux's gpio-keys driver turns into KEY_POWER.
 */
#ifndef HW_PL061_H
#define HW_PL061_H

#include <stdbool.h>

#include "hw/irq.h"
#include "mem/memory.h"

#define PL061_MMIO_SIZE 0x1000
#define PL061_PINS      8

typedef struct PL061 PL061;

PL061 *pl061_new(EmuIrq irq);
void pl061_free(PL061 *s);
/** pl061_reset: registers to their reset values, interrupt low. */
void pl061_reset(PL061 *s);
extern const MemOps pl061_ops;

/** pl061_set_input: drive input @pin (0..7; others ignored) to @level. */
void pl061_set_input(PL061 *s, unsigned pin, bool level);

#endif /* HW_PL061_H */
