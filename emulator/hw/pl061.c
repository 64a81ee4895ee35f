/*
 * pl061.c - ARM PrimeCell PL061 GPIO (register map from ARM DDI 0190)
 */
#include "hw/pl061.h"

#include <glib.h>
#include <stdint.h>

enum {
    R_DATA_END = 0x400, /* 0x000-0x3fc: data, address bits [9:2] mask it */
    R_DIR = 0x400, R_IS = 0x404, R_IBE = 0x408, R_IEV = 0x40c,
    R_IE = 0x410, R_RIS = 0x414, R_MIS = 0x418, R_IC = 0x41c,
    R_AFSEL = 0x420,
    R_ID = 0xfe0,
};

static const uint8_t pl061_id[8] = { 0x61, 0x10, 0x04, 0x00,
                                     0x0d, 0xf0, 0x05, 0xb1 };

struct PL061 {
    EmuIrq irq;
    uint8_t data;       /* output register */
    uint8_t in;         /* levels driven from outside */
    uint8_t dir;        /* 1: output */
    uint8_t is, ibe, iev, ie, afsel;
    uint8_t edges;      /* latched edge events (cleared by GPIOIC) */
    uint8_t pins;       /* the level each pin is at */
};

static uint8_t pin_levels(const PL061 *s)
{
    return (uint8_t)((s->data & s->dir) | (s->in & ~s->dir));
}

/* Level-sensitive pins report their current level; edge pins a latch. */
static uint8_t raw_status(const PL061 *s)
{
    uint8_t active = (uint8_t)~(s->pins ^ s->iev); /* at the IEV level */

    return (uint8_t)((s->edges & ~s->is) | (active & s->is));
}

static void update(PL061 *s)
{
    uint8_t old = s->pins, now = pin_levels(s);
    uint8_t changed = old ^ now;
    /* An edge counts when both are asked for, or it goes the IEV way. */
    uint8_t wanted = (uint8_t)(s->ibe | ~(now ^ s->iev));

    s->pins = now;
    s->edges |= (uint8_t)(changed & wanted & ~s->is);
    emu_irq_set(&s->irq, (raw_status(s) & s->ie) != 0);
}

PL061 *pl061_new(EmuIrq irq)
{
    PL061 *s = g_new0(PL061, 1);

    s->irq = irq;
    return s;
}

void pl061_free(PL061 *s)
{
    g_free(s);
}

void pl061_reset(PL061 *s)
{
    EmuIrq irq = s->irq;
    uint8_t in = s->in;

    *s = (PL061){ .irq = irq, .in = in };
    s->pins = pin_levels(s);
    emu_irq_set(&s->irq, 0);
}

void pl061_set_input(PL061 *s, unsigned pin, bool level)
{
    if (pin >= PL061_PINS) {
        return;
    }
    s->in = (uint8_t)((s->in & ~(1u << pin)) | ((unsigned)level << pin));
    update(s);
}

/* Registers are 32 bits wide; only their low byte holds anything. */
static uint64_t pl061_read(void *opaque, uint64_t off, unsigned size)
{
    PL061 *s = opaque;

    if (off >= PL061_MMIO_SIZE || (off & 3)) {
        return 0;
    }
    if (off < R_DATA_END) {
        return s->pins & (off >> 2);
    }
    if (off >= R_ID) {
        return pl061_id[(off - R_ID) >> 2];
    }
    switch (off) {
    case R_DIR: return s->dir;
    case R_IS: return s->is;
    case R_IBE: return s->ibe;
    case R_IEV: return s->iev;
    case R_IE: return s->ie;
    case R_RIS: return raw_status(s);
    case R_MIS: return raw_status(s) & s->ie;
    case R_AFSEL: return s->afsel;
    default: return 0; /* GPIOIC is write-only; the rest is reserved */
    }
}

static void pl061_write(void *opaque, uint64_t off, uint64_t value,
                        unsigned size)
{
    PL061 *s = opaque;
    uint8_t v = (uint8_t)value;

    if (off >= PL061_MMIO_SIZE || (off & 3)) {
        return;
    }
    if (off < R_DATA_END) {
        uint8_t mask = (uint8_t)(off >> 2);
        s->data = (uint8_t)((s->data & ~mask) | (v & mask));
        update(s);
        return;
    }
    switch (off) {
    case R_DIR: s->dir = v; break;
    case R_IS: s->is = v; break;
    case R_IBE: s->ibe = v; break;
    case R_IEV: s->iev = v; break;
    case R_IE: s->ie = v; break;
    case R_IC: s->edges &= (uint8_t)~v; break;
    case R_AFSEL: s->afsel = v; break;
    default: return; /* read-only or reserved: ignored */
    }
    update(s);
}

const MemOps pl061_ops = { .read = pl061_read, .write = pl061_write };
