/*
 * pl011.c - ARM PrimeCell PL011 UART (register map from ARM DDI 0183)
 */
#include "hw/pl011.h"

#include <glib.h>
#include <string.h>

enum {
    R_DR = 0x000, R_RSR = 0x004, R_FR = 0x018, R_ILPR = 0x020,
    R_IBRD = 0x024, R_FBRD = 0x028, R_LCR_H = 0x02c, R_CR = 0x030,
    R_IFLS = 0x034, R_IMSC = 0x038, R_RIS = 0x03c, R_MIS = 0x040,
    R_ICR = 0x044, R_DMACR = 0x048,
};

/* Flag register bits. */
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)

/* Interrupt bits (RIS/MIS/IMSC/ICR). */
#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define INT_ALL 0x7ffu

#define LCR_FEN (1u << 4)

/* PeriphID0..3 then PrimeCell ID0..3, at 0xfe0..0xffc. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00,
                                     0x0d, 0xf0, 0x05, 0xb1 };

struct PL011 {
    uint32_t rsr, lcr, cr, ilpr, ibrd, fbrd, ifls, imsc, ris, dmacr;
    uint8_t rx[PL011_FIFO_DEPTH];
    unsigned rx_head, rx_count;
    EmuIrq irq;
    PL011TxFn *tx;
    void *tx_opaque;
};

static unsigned rx_depth(const PL011 *s)
{
    return (s->lcr & LCR_FEN) ? PL011_FIFO_DEPTH : 1;
}

static void update_irq(PL011 *s)
{
    emu_irq_set(&s->irq, (s->ris & s->imsc) != 0);
}

static void pl011_reset(PL011 *s)
{
    s->rsr = s->lcr = s->ilpr = s->ibrd = s->fbrd = s->imsc = s->ris = 0;
    s->dmacr = 0;
    s->cr = 0x300;       /* TXE | RXE */
    s->ifls = 0x12;      /* half-full triggers */
    s->rx_head = s->rx_count = 0;
}

PL011 *pl011_new(EmuIrq irq, PL011TxFn *tx, void *tx_opaque)
{
    PL011 *s = g_new0(PL011, 1);

    s->irq = irq;
    s->tx = tx;
    s->tx_opaque = tx_opaque;
    pl011_reset(s);
    return s;
}

void pl011_free(PL011 *s)
{
    g_free(s);
}

static uint32_t read_dr(PL011 *s)
{
    uint32_t c;

    if (!s->rx_count) {
        return 0;
    }
    c = s->rx[s->rx_head];
    s->rx_head = (s->rx_head + 1) % PL011_FIFO_DEPTH;
    s->rx_count--;
    if (!s->rx_count) {
        s->ris &= ~(INT_RX | INT_RT);
    }
    update_irq(s);
    return c;
}

static uint32_t read_fr(const PL011 *s)
{
    uint32_t fr = FR_TXFE; /* bytes leave at once: never full, never busy */

    if (!s->rx_count) {
        fr |= FR_RXFE;
    }
    if (s->rx_count >= rx_depth(s)) {
        fr |= FR_RXFF;
    }
    return fr;
}

static uint64_t pl011_read(void *opaque, uint64_t off, unsigned size)
{
    PL011 *s = opaque;

    if (off >= 0xfe0 && off < 0x1000) {
        return pl011_id[(off - 0xfe0) >> 2];
    }
    switch (off) {
    case R_DR: return read_dr(s);
    case R_RSR: return s->rsr;
    case R_FR: return read_fr(s);
    case R_ILPR: return s->ilpr;
    case R_IBRD: return s->ibrd;
    case R_FBRD: return s->fbrd;
    case R_LCR_H: return s->lcr;
    case R_CR: return s->cr;
    case R_IFLS: return s->ifls;
    case R_IMSC: return s->imsc;
    case R_RIS: return s->ris;
    case R_MIS: return s->ris & s->imsc;
    case R_DMACR: return s->dmacr;
    default: return 0;
    }
}

static void pl011_write(void *opaque, uint64_t off, uint64_t value,
                        unsigned size)
{
    PL011 *s = opaque;
    uint32_t v = (uint32_t)value;

    switch (off) {
    case R_DR:
        if (s->tx) {
            s->tx(s->tx_opaque, (uint8_t)v);
        }
        /* The byte is gone already: the transmit FIFO is empty again. */
        s->ris |= INT_TX;
        break;
    case R_RSR: s->rsr = 0; break;
    case R_ILPR: s->ilpr = v & 0xff; break;
    case R_IBRD: s->ibrd = v & 0xffff; break;
    case R_FBRD: s->fbrd = v & 0x3f; break;
    case R_LCR_H:
        /* Turning the FIFO on or off empties it, as on the real part. */
        if ((s->lcr ^ v) & LCR_FEN) {
            s->rx_head = s->rx_count = 0;
        }
        s->lcr = v & 0xff;
        break;
    case R_CR: s->cr = v & 0xff87; break;
    case R_IFLS: s->ifls = v & 0x3f; break;
    case R_IMSC: s->imsc = v & INT_ALL; break;
    case R_ICR: s->ris &= ~(v & INT_ALL); break;
    case R_DMACR: s->dmacr = v & 7; break;
    default: break;
    }
    update_irq(s);
}

const MemOps pl011_ops = {
    .read = pl011_read,
    .write = pl011_write,
};

size_t pl011_can_receive(const PL011 *s)
{
    return rx_depth(s) - s->rx_count;
}

size_t pl011_receive(PL011 *s, const uint8_t *buf, size_t len)
{
    size_t n = 0;

    while (n < len && s->rx_count < rx_depth(s)) {
        s->rx[(s->rx_head + s->rx_count) % PL011_FIFO_DEPTH] = buf[n++];
        s->rx_count++;
    }
    if (n) {
        /* Any received byte raises RX and receive-timeout (no timing model). */
        s->ris |= INT_RX | INT_RT;
        update_irq(s);
    }
    return n;
}
