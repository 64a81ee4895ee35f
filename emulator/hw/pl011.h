/*
 * pl011.h - ARM PrimeCell PL011 UART
 *
 * Transmitted bytes go straight to a callback (no baud-rate timing); the
 * receive FIFO is fed by the front end with pl011_receive().
 */
#ifndef HW_PL011_H
#define HW_PL011_H

#include <stddef.h>
#include <stdint.h>

#include "hw/irq.h"
#include "mem/memory.h"

#define PL011_MMIO_SIZE 0x1000
#define PL011_FIFO_DEPTH 16

typedef struct PL011 PL011;

/* Called for every byte the guest transmits. */
typedef void PL011TxFn(void *opaque, uint8_t byte);

/** pl011_new: a UART in its reset state, raising @irq. */
PL011 *pl011_new(EmuIrq irq, PL011TxFn *tx, void *tx_opaque);
void pl011_free(PL011 *s);

/** pl011_ops: register callbacks for mem_add_mmio(..., s). */
extern const MemOps pl011_ops;

/** pl011_can_receive: bytes the receive FIFO can take now. */
size_t pl011_can_receive(const PL011 *s);

/** pl011_receive: queue input bytes; what does not fit is dropped. */
size_t pl011_receive(PL011 *s, const uint8_t *buf, size_t len);

#endif /* HW_PL011_H */
