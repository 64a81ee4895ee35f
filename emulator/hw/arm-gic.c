/*
 * arm-gic.c - GICv2 (facts from ARM IHI 0048B), single CPU
 */
#include "hw/arm-gic.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

/* Distributor registers. */
enum {
    GICD_CTLR = 0x000, GICD_TYPER = 0x004, GICD_IIDR = 0x008,
    GICD_IGROUPR = 0x080, GICD_ISENABLER = 0x100, GICD_ICENABLER = 0x180,
    GICD_ISPENDR = 0x200, GICD_ICPENDR = 0x280, GICD_ISACTIVER = 0x300,
    GICD_ICACTIVER = 0x380, GICD_IPRIORITYR = 0x400, GICD_ITARGETSR = 0x800,
    GICD_ICFGR = 0xc00, GICD_SGIR = 0xf00, GICD_CPENDSGIR = 0xf10,
    GICD_SPENDSGIR = 0xf20,
};

/* CPU interface registers. */
enum {
    GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_BPR = 0x08, GICC_IAR = 0x0c,
    GICC_EOIR = 0x10, GICC_RPR = 0x14, GICC_HPPIR = 0x18, GICC_ABPR = 0x1c,
    GICC_AIAR = 0x20, GICC_AEOIR = 0x24, GICC_AHPPIR = 0x28,
    GICC_APR0 = 0xd0, GICC_IIDR = 0xfc, GICC_DIR = 0x1000,
};

#define IDLE_PRIORITY 0x100

struct ArmGic {
    EmuIrq irq_out;
    bool dist_enabled, cpu_enabled, eoi_mode;
    uint32_t pmr, bpr, abpr;
    uint8_t priority[GIC_NR_IRQS];
    bool enabled[GIC_NR_IRQS];
    bool pending[GIC_NR_IRQS];     /* latched (edge, software, SGI) */
    bool active[GIC_NR_IRQS];
    bool level[GIC_NR_IRQS];       /* input line state */
    bool edge[GIC_NR_IRQS];        /* ICFGR: edge-triggered */
    bool group1[GIC_NR_IRQS];
    bool line_out;
};

static bool is_pending(const ArmGic *s, int irq)
{
    /* A level-sensitive interrupt is pending while its line is high. */
    return s->pending[irq] || (!s->edge[irq] && s->level[irq]);
}

/* Group priority: the bits above the binary point take part in preemption. */
static unsigned group_prio(const ArmGic *s, unsigned prio)
{
    unsigned mask = 0xffu << (s->bpr + 1 > 7 ? 7 : s->bpr + 1);
    return prio & mask & 0xff;
}

static unsigned running_priority(const ArmGic *s)
{
    unsigned best = IDLE_PRIORITY;

    for (int i = 0; i < GIC_NR_IRQS; i++) {
        if (s->active[i] && s->priority[i] < best) {
            best = s->priority[i];
        }
    }
    return best;
}

/* The interrupt the CPU interface would hand out now, or GIC_SPURIOUS. */
static int best_pending(const ArmGic *s)
{
    unsigned best_prio = IDLE_PRIORITY;
    int best = GIC_SPURIOUS;

    if (!s->dist_enabled) {
        return GIC_SPURIOUS;
    }
    for (int i = 0; i < GIC_NR_IRQS; i++) {
        if (s->enabled[i] && is_pending(s, i) && !s->active[i] &&
            s->priority[i] < best_prio) {
            best_prio = s->priority[i];
            best = i;
        }
    }
    return best;
}

static void update(ArmGic *s)
{
    int irq = s->cpu_enabled ? best_pending(s) : GIC_SPURIOUS;
    bool out = false;

    if (irq != GIC_SPURIOUS && s->priority[irq] < s->pmr) {
        unsigned run = running_priority(s);
        out = run == IDLE_PRIORITY ||
              group_prio(s, s->priority[irq]) < group_prio(s, run);
    }
    if (out != s->line_out) {
        s->line_out = out;
        emu_irq_set(&s->irq_out, out);
    }
}

static void gic_reset(ArmGic *s)
{
    memset(s->priority, 0, sizeof(s->priority));
    memset(s->enabled, 0, sizeof(s->enabled));
    memset(s->pending, 0, sizeof(s->pending));
    memset(s->active, 0, sizeof(s->active));
    memset(s->group1, 0, sizeof(s->group1));
    for (int i = 0; i < GIC_NR_IRQS; i++) {
        /* SGIs are edge-triggered; the rest reset to level. */
        s->edge[i] = i < 16;
        /* SGIs are always enabled in GICv2 implementations like QEMU's. */
        s->enabled[i] = i < 16;
    }
    s->dist_enabled = s->cpu_enabled = s->eoi_mode = false;
    s->pmr = 0;
    /* Reset values as QEMU's GICv2: the smallest binary points. */
    s->bpr = 0;
    s->abpr = 1;
}

ArmGic *arm_gic_new(EmuIrq irq_out)
{
    ArmGic *s = g_new0(ArmGic, 1);

    s->irq_out = irq_out;
    gic_reset(s);
    return s;
}

void arm_gic_free(ArmGic *s)
{
    g_free(s);
}

void arm_gic_set_irq(void *opaque, int n, int level)
{
    ArmGic *s = opaque;

    if (n < 16 || n >= GIC_NR_IRQS) {
        return;
    }
    if (s->edge[n] && level && !s->level[n]) {
        s->pending[n] = true; /* rising edge latches */
    }
    s->level[n] = level != 0;
    update(s);
}

EmuIrq arm_gic_input(ArmGic *s, int n)
{
    return (EmuIrq){ arm_gic_set_irq, s, n };
}

/* Reads of a 1-bit-per-interrupt register bank. */
static uint32_t read_bits(const ArmGic *s, const bool *bits, bool pend, unsigned base)
{
    uint32_t v = 0;

    for (unsigned i = 0; i < 32 && base + i < GIC_NR_IRQS; i++) {
        bool b = pend ? is_pending(s, base + i) : bits[base + i];
        v |= (uint32_t)b << i;
    }
    return v;
}

static void write_bits(bool *bits, unsigned base, uint32_t v, bool set,
                       unsigned first_writable)
{
    for (unsigned i = 0; i < 32 && base + i < GIC_NR_IRQS; i++) {
        if ((v >> i & 1) && base + i >= first_writable) {
            bits[base + i] = set;
        }
    }
}

/* Peripheral/component ID registers 0xfd0..0xffc; PIDR2 says GICv2. */
#define GICD_ID_BASE 0xfd0
static const uint8_t gicd_id[(GIC_DIST_SIZE - GICD_ID_BASE) / 4] = {
    0x04, 0, 0, 0, 0x90, 0xb4, 0x2b, 0, 0x0d, 0xf0, 0x05, 0xb1,
};
G_STATIC_ASSERT(sizeof(gicd_id) == 12);

/* The SGI pending-source registers: one byte per SGI, bit 0 = CPU 0. */
static uint32_t read_sgi_pending(const ArmGic *s, unsigned first)
{
    uint32_t v = 0;

    for (unsigned i = 0; i < 4; i++) {
        v |= (uint32_t)s->pending[first + i] << (8 * i);
    }
    return v;
}

/*
 * One aligned distributor word; @off < GIC_DIST_SIZE.  Every array index
 * below is derived from @off and bounded by GIC_NR_IRQS or the table size.
 */
static uint32_t dist_read_word(const ArmGic *s, unsigned off)
{
    unsigned base = (off & 0x7f) * 8, first;
    uint32_t v = 0;

    switch (off & ~0x7fu) {
    case GICD_IGROUPR: return read_bits(s, s->group1, false, base);
    case GICD_ISENABLER:
    case GICD_ICENABLER: return read_bits(s, s->enabled, false, base);
    case GICD_ISPENDR:
    case GICD_ICPENDR: return read_bits(s, s->pending, true, base);
    case GICD_ISACTIVER:
    case GICD_ICACTIVER: return read_bits(s, s->active, false, base);
    }
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + GIC_NR_IRQS) {
        first = off - GICD_IPRIORITYR;
        for (unsigned i = 0; i < 4; i++) {
            v |= (uint32_t)s->priority[first + i] << (8 * i);
        }
        return v;
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + GIC_NR_IRQS / 4) {
        first = (off - GICD_ICFGR) * 4;
        for (unsigned i = 0; i < 16; i++) {
            v |= (uint32_t)s->edge[first + i] << (2 * i + 1);
        }
        return v;
    }
    if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 16) {
        return read_sgi_pending(s, (off - GICD_CPENDSGIR) & 0xf);
    }
    if (off >= GICD_ID_BASE) {
        return gicd_id[(off - GICD_ID_BASE) / 4];
    }
    switch (off) {
    case GICD_CTLR: return s->dist_enabled;
    case GICD_TYPER: return (GIC_NR_IRQS / 32) - 1; /* one CPU, no security */
    case GICD_IIDR: return 0x0000043b; /* as QEMU: ARM, revision 0 */
    default:
        /* GICD_ITARGETSR (one CPU) and reserved words: RAZ/WI. */
        return 0;
    }
}

/*
 * Any size at any offset: the bytes of the aligned words it covers, so
 * byte and halfword reads see the same registers as word reads.
 */
static uint64_t dist_read(void *opaque, uint64_t off, unsigned size)
{
    ArmGic *s = opaque;
    uint64_t v = 0;

    if (off >= GIC_DIST_SIZE) {
        return 0; /* (and off + i cannot wrap below) */
    }
    for (unsigned i = 0; i < size && i < 8; i++) {
        uint64_t a = off + i;
        if (a < GIC_DIST_SIZE) {
            uint32_t w = dist_read_word(s, (unsigned)a & ~3u);
            v |= (uint64_t)((w >> (8 * (a & 3))) & 0xff) << (8 * i);
        }
    }
    return v;
}

static void write_sgir(ArmGic *s, uint32_t v)
{
    unsigned filter = (v >> 24) & 3, list = (v >> 16) & 0xff;

    /* 0: the listed CPUs, 1: all but self (none here), 2: self. */
    if ((filter == 0 && (list & 1)) || filter == 2) {
        s->pending[v & 0xf] = true;
    }
}

/* Replace the bits of a 1-bit-per-interrupt bank selected by @mask. */
static void write_bits_masked(bool *bits, unsigned base, uint32_t v,
                              uint32_t mask)
{
    write_bits(bits, base, v & mask, true, 0);
    write_bits(bits, base, ~v & mask, false, 0);
}

/*
 * The bytes of @v selected by @mask (0xff per written byte) go to the
 * aligned distributor word at @off < GIC_DIST_SIZE.
 */
static void dist_write_word(ArmGic *s, unsigned off, uint32_t v, uint32_t mask)
{
    unsigned base = (off & 0x7f) * 8, first;

    v &= mask;
    switch (off & ~0x7fu) {
    case GICD_IGROUPR: write_bits_masked(s->group1, base, v, mask); return;
    case GICD_ISENABLER: write_bits(s->enabled, base, v, true, 16); return;
    case GICD_ICENABLER: write_bits(s->enabled, base, v, false, 16); return;
    case GICD_ISPENDR: write_bits(s->pending, base, v, true, 16); return;
    case GICD_ICPENDR: write_bits(s->pending, base, v, false, 16); return;
    case GICD_ISACTIVER: write_bits(s->active, base, v, true, 0); return;
    case GICD_ICACTIVER: write_bits(s->active, base, v, false, 0); return;
    }
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + GIC_NR_IRQS) {
        first = off - GICD_IPRIORITYR;
        for (unsigned i = 0; i < 4; i++) {
            if (mask >> (8 * i) & 0xff) {
                s->priority[first + i] = (uint8_t)(v >> (8 * i));
            }
        }
    } else if (off >= GICD_ICFGR && off < GICD_ICFGR + GIC_NR_IRQS / 4) {
        first = (off - GICD_ICFGR) * 4;
        /* SGI configuration is fixed. */
        for (unsigned i = 0; i < 16; i++) {
            if ((mask >> (2 * i + 1) & 1) && first + i >= 16) {
                s->edge[first + i] = (v >> (2 * i + 1)) & 1;
            }
        }
    } else if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 16) {
        first = (off - GICD_CPENDSGIR) & 0xf;
        for (unsigned i = 0; i < 4; i++) {
            if (v >> (8 * i) & 1) {
                s->pending[first + i] = off >= GICD_SPENDSGIR;
            }
        }
    } else if (off == GICD_CTLR && (mask & 1)) {
        s->dist_enabled = v & 1;
    } else if (off == GICD_SGIR && mask == UINT32_MAX) {
        write_sgir(s, v);
    }
}

static void dist_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    ArmGic *s = opaque;
    uint32_t v = 0, mask = 0;

    if (off >= GIC_DIST_SIZE) {
        return;
    }
    /* Gather the bytes word by word: SGIR only acts on a whole word. */
    for (unsigned i = 0; i < size && i < 8; i++) {
        uint64_t a = off + i;
        unsigned shift = 8 * (unsigned)(a & 3);

        v |= (uint32_t)((value >> (8 * i)) & 0xff) << shift;
        mask |= 0xffu << shift;
        if (((a & 3) == 3 || i + 1 == size) && a < GIC_DIST_SIZE) {
            dist_write_word(s, (unsigned)a & ~3u, v, mask);
        }
        if ((a & 3) == 3) {
            v = mask = 0;
        }
    }
    update(s);
}

/* GICC_IAR: hand out the best interrupt and make it active. */
static uint32_t acknowledge(ArmGic *s)
{
    int irq = best_pending(s);

    if (irq == GIC_SPURIOUS || s->priority[irq] >= s->pmr ||
        (running_priority(s) != IDLE_PRIORITY &&
         group_prio(s, s->priority[irq]) >= group_prio(s, running_priority(s)))) {
        return GIC_SPURIOUS;
    }
    s->pending[irq] = false;
    s->active[irq] = true;
    update(s);
    return (uint32_t)irq; /* SGIs: source CPU 0 in bits [12:10] */
}

static void end_of_interrupt(ArmGic *s, uint32_t v)
{
    unsigned irq = v & 0x3ff;

    if (irq < GIC_NR_IRQS && !s->eoi_mode) {
        s->active[irq] = false;
    }
    update(s);
}

static uint64_t cpu_read(void *opaque, uint64_t off, unsigned size)
{
    ArmGic *s = opaque;
    unsigned run;

    switch (off) {
    case GICC_CTLR: return s->cpu_enabled | (uint32_t)s->eoi_mode << 9;
    case GICC_PMR: return s->pmr;
    case GICC_BPR: return s->bpr;
    case GICC_ABPR: return s->abpr;
    case GICC_IAR: return acknowledge(s);
    case GICC_RPR:
        run = running_priority(s);
        return run == IDLE_PRIORITY ? 0xff : run;
    case GICC_HPPIR: return (uint32_t)best_pending(s);
    case GICC_IIDR: return 0x0002043b; /* GICv2, ARM implementer, as QEMU */
    default: return 0;
    }
}

static void cpu_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    ArmGic *s = opaque;
    uint32_t v = (uint32_t)value;

    switch (off) {
    case GICC_CTLR:
        s->cpu_enabled = v & 1;
        s->eoi_mode = (v >> 9) & 1;
        break;
    case GICC_PMR: s->pmr = v & 0xff; break;
    case GICC_BPR: s->bpr = v & 7; break;
    case GICC_ABPR: s->abpr = MAX(v & 7, 1u); break; /* kept, not used */
    case GICC_EOIR: end_of_interrupt(s, v); return;
    case GICC_DIR:
        if ((v & 0x3ff) < GIC_NR_IRQS) {
            s->active[v & 0x3ff] = false;
        }
        break;
    default: break;
    }
    update(s);
}

const MemOps arm_gic_dist_ops = { .read = dist_read, .write = dist_write };
const MemOps arm_gic_cpu_ops = { .read = cpu_read, .write = cpu_write };
