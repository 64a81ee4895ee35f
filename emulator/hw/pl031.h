/*
 * pl031.h - ARM PrimeCell PL031 real-time clock
 *
 * The seconds come from the board (host wall clock, or a fixed epoch plus
 * virtual time in deterministic mode) with every access.
 */
#ifndef HW_PL031_H
#define HW_PL031_H

#include <stdint.h>

#include "hw/irq.h"
#include "mem/memory.h"

#define PL031_MMIO_SIZE 0x1000

typedef struct PL031 PL031;

/* Current time in seconds since the Unix epoch, as the board sees it. */
typedef uint64_t PL031ClockFn(void *opaque);

PL031 *pl031_new(EmuIrq irq, PL031ClockFn *clock, void *clock_opaque);
void pl031_free(PL031 *s);
extern const MemOps pl031_ops;

/** pl031_update: raise the match interrupt if the alarm time has come. */
void pl031_update(PL031 *s);

#endif /* HW_PL031_H */
