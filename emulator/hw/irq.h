/*
 * irq.h - an interrupt line between a device and its controller
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

/* The receiver's handler: line @n of its inputs is now at @level. */
typedef void EmuIrqHandler(void *opaque, int n, int level);

typedef struct EmuIrq {
    EmuIrqHandler *handler;
    void *opaque;
    int n;
} EmuIrq;

/** emu_irq_set: drive the line; an unconnected line does nothing. */
static inline void emu_irq_set(const EmuIrq *irq, int level)
{
    if (irq->handler) {
        irq->handler(irq->opaque, irq->n, level);
    }
}

#endif /* HW_IRQ_H */
