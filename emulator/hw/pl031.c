/*
 * pl031.c - ARM PrimeCell PL031 RTC (register map from ARM DDI 0224)
 */
#include "hw/pl031.h"

#include <glib.h>
#include <stdbool.h>

enum {
    R_DR = 0x00, R_MR = 0x04, R_LR = 0x08, R_CR = 0x0c,
    R_IMSC = 0x10, R_RIS = 0x14, R_MIS = 0x18, R_ICR = 0x1c,
};

static const uint8_t pl031_id[8] = { 0x31, 0x10, 0x14, 0x00,
                                     0x0d, 0xf0, 0x05, 0xb1 };

struct PL031 {
    EmuIrq irq;
    PL031ClockFn *clock;
    void *clock_opaque;
    int64_t offset;     /* guest seconds = host seconds + offset */
    uint32_t mr, lr, imsc, ris;
    bool matched;       /* the current match already raised RIS */
};

static uint32_t now(const PL031 *s)
{
    return (uint32_t)((int64_t)s->clock(s->clock_opaque) + s->offset);
}

static void update_irq(PL031 *s)
{
    emu_irq_set(&s->irq, (s->ris & s->imsc) != 0);
}

void pl031_update(PL031 *s)
{
    /* The match is an event: raised once when the counter reaches MR. */
    bool match = now(s) == s->mr;

    if (match && !s->matched) {
        s->ris |= 1;
    }
    s->matched = match;
    update_irq(s);
}

PL031 *pl031_new(EmuIrq irq, PL031ClockFn *clock, void *clock_opaque)
{
    PL031 *s = g_new0(PL031, 1);

    s->irq = irq;
    s->clock = clock;
    s->clock_opaque = clock_opaque;
    return s;
}

void pl031_free(PL031 *s)
{
    g_free(s);
}

static uint64_t pl031_read(void *opaque, uint64_t off, unsigned size)
{
    PL031 *s = opaque;

    if (off >= 0xfe0 && off < 0x1000) {
        return pl031_id[(off - 0xfe0) >> 2];
    }
    switch (off) {
    case R_DR: return now(s);
    case R_MR: return s->mr;
    case R_LR: return s->lr;
    case R_CR: return 1; /* always counting */
    case R_IMSC: return s->imsc;
    case R_RIS: return s->ris;
    case R_MIS: return s->ris & s->imsc;
    default: return 0;
    }
}

static void pl031_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    PL031 *s = opaque;
    uint32_t v = (uint32_t)value;

    switch (off) {
    case R_LR:
        /* Setting the clock moves the guest's view, never the host's. */
        s->lr = v;
        s->offset = (int64_t)v - (int64_t)s->clock(s->clock_opaque);
        break;
    case R_MR: s->mr = v; break;
    case R_IMSC: s->imsc = v & 1; break;
    case R_ICR: s->ris &= ~(v & 1); break;
    default: break;
    }
    pl031_update(s);
}

const MemOps pl031_ops = { .read = pl031_read, .write = pl031_write };
