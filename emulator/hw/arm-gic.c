/*
 * arm-gic.c - GICv2 (facts from ARM IHI 0048B), as QEMU's virt board has
 * it: no security extensions, so every access is a secure one.
 *
 * Interrupts 0-31 are banked: their state lives in a per-CPU GicCpu with
 * the CPU interface registers, indexed by CPU number.  Which CPU makes an
 * access is read from the board's current-CPU index at each access.
 * SGIs are pending while some source CPU's bit is set in GicCpu.sgi_source
 * (GICD_SPENDSGIRn keeps all 8 bits per SGI, as QEMU).  Running priority is
 * tracked through the active priority registers, as the architecture
 * describes it: an acknowledge sets the bit of the interrupt's preemption
 * level, a priority drop (GICC_EOIR) clears the lowest set bit; setting the
 * active state through GICD_ISACTIVER does not change it.
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
    GICC_APR0 = 0xd0, GICC_NSAPR0 = 0xe0, GICC_IIDR = 0xfc, GICC_DIR = 0x1000,
};

/* GICC_CTLR without security extensions: EnableGrp0/1, AckCtl, FIQEn,
   CBPR, EOImode (bit 9). */
#define CTLR_EN_MASK 0x3u
#define CTLR_ACK_CTL (1u << 2)
#define CTLR_FIQ_EN (1u << 3)
#define CTLR_CBPR (1u << 4)
#define CTLR_EOIMODE (1u << 9)
#define CTLR_MASK 0x21fu

#define GIC_NR_SGIS 16
#define GIC_NR_APRS 4              /* 128 preemption levels: BPR min 0 */
#define IDLE_PRIORITY 0x100
#define GIC_ACK_GROUP1 1022        /* group 1 highest, AckCtl clear */

typedef struct GicIrq {
    uint8_t priority;
    uint8_t targets;               /* SPIs only; with one CPU unused */
    bool enabled, pending, active, level, edge, group1;
} GicIrq;

typedef struct GicCpu {
    GicIrq priv[GIC_INTERNAL];     /* banked SGIs and PPIs */
    uint8_t sgi_source[GIC_NR_SGIS];
    uint32_t ctlr, pmr, bpr, abpr;
    uint32_t running;              /* IDLE_PRIORITY when nothing active */
    uint32_t apr[GIC_NR_APRS], nsapr[GIC_NR_APRS];
    EmuIrq irq_out;
    bool line_out;
} GicCpu;

struct ArmGic {
    unsigned num_cpus;
    const unsigned *current_cpu;   /* the board's; NULL: always CPU 0 */
    uint32_t ctlr;
    GicIrq spi[GIC_NR_IRQS - GIC_INTERNAL];
    GicCpu cpu[GIC_MAX_CPUS];
};

/* The CPU making the current register access. */
static unsigned accessing_cpu(const ArmGic *s)
{
    unsigned cpu = s->current_cpu ? *s->current_cpu : 0;

    return cpu < s->num_cpus ? cpu : 0;
}

static GicIrq *irq_state(ArmGic *s, unsigned cpu, unsigned irq)
{
    return irq < GIC_INTERNAL ? &s->cpu[cpu].priv[irq]
                              : &s->spi[irq - GIC_INTERNAL];
}

static bool is_pending(const GicIrq *q)
{
    /* A level-sensitive interrupt is pending while its line is high. */
    return q->pending || (!q->edge && q->level);
}

static unsigned binary_point(const GicCpu *c, const GicIrq *q)
{
    /* Group 1 uses GICC_ABPR (one less) unless CBPR shares GICC_BPR. */
    if (q->group1 && !(c->ctlr & CTLR_CBPR)) {
        return c->abpr - 1;
    }
    return c->bpr;
}

/* Group priority: the bits above the binary point take part in preemption. */
static unsigned group_prio(const GicCpu *c, const GicIrq *q)
{
    return q->priority & (0xffu << (binary_point(c, q) + 1)) & 0xff;
}

/* Highest-priority pending interrupt of @cpu (lowest ID on a tie) that is
   not masked by GICC_PMR, or GIC_SPURIOUS. */
static unsigned best_pending(ArmGic *s, unsigned cpu)
{
    const GicCpu *c = &s->cpu[cpu];
    unsigned best_prio = IDLE_PRIORITY, best = GIC_SPURIOUS;

    /* Either group enabled is enough: QEMU does not filter per group. */
    if (!(s->ctlr & CTLR_EN_MASK) || !(c->ctlr & CTLR_EN_MASK)) {
        return GIC_SPURIOUS;
    }
    /* Two plain loops (banked, then shared): this is on every update. */
    for (unsigned i = 0; i < GIC_INTERNAL; i++) {
        const GicIrq *q = &c->priv[i];
        if (q->enabled && !q->active && q->priority < best_prio &&
            is_pending(q)) {
            best_prio = q->priority;
            best = i;
        }
    }
    for (unsigned i = 0; i < GIC_NR_IRQS - GIC_INTERNAL; i++) {
        const GicIrq *q = &s->spi[i];
        if (q->enabled && !q->active && q->priority < best_prio &&
            is_pending(q) && (s->num_cpus == 1 || (q->targets >> cpu & 1))) {
            best_prio = q->priority;
            best = GIC_INTERNAL + i;
        }
    }
    return best_prio < c->pmr ? best : GIC_SPURIOUS;
}

/* GICC_HPPIR / what GICC_IAR would hand out. */
static unsigned current_pending(ArmGic *s, unsigned cpu)
{
    unsigned irq = best_pending(s, cpu);

    if (irq != GIC_SPURIOUS && irq_state(s, cpu, irq)->group1 &&
        !(s->cpu[cpu].ctlr & CTLR_ACK_CTL)) {
        return GIC_ACK_GROUP1;
    }
    return irq;
}

static void update(ArmGic *s)
{
    for (unsigned cpu = 0; cpu < s->num_cpus; cpu++) {
        GicCpu *c = &s->cpu[cpu];
        unsigned irq = best_pending(s, cpu);
        bool out = false;

        if (irq != GIC_SPURIOUS) {
            const GicIrq *q = irq_state(s, cpu, irq);
            /* Group 0 with FIQEn goes to FIQ, which the board lacks. */
            out = q->priority < c->running &&
                  (q->group1 || !(c->ctlr & CTLR_FIQ_EN));
        }
        if (out != c->line_out) {
            c->line_out = out;
            emu_irq_set(&c->irq_out, out);
        }
    }
}

static void gic_reset(ArmGic *s)
{
    s->ctlr = 0;
    memset(s->spi, 0, sizeof(s->spi));
    for (unsigned cpu = 0; cpu < s->num_cpus; cpu++) {
        GicCpu *c = &s->cpu[cpu];
        memset(c->priv, 0, sizeof(c->priv));
        memset(c->sgi_source, 0, sizeof(c->sgi_source));
        memset(c->apr, 0, sizeof(c->apr));
        memset(c->nsapr, 0, sizeof(c->nsapr));
        for (unsigned i = 0; i < GIC_NR_SGIS; i++) {
            /* SGIs are edge-triggered and cannot be disabled (as QEMU). */
            c->priv[i].edge = c->priv[i].enabled = true;
        }
        c->ctlr = c->pmr = c->bpr = 0;
        c->abpr = 1;
        c->running = IDLE_PRIORITY;
    }
}

ArmGic *arm_gic_new(unsigned num_cpus, const EmuIrq *irq_out,
                    const unsigned *current_cpu)
{
    ArmGic *s;

    if (num_cpus < 1 || num_cpus > GIC_MAX_CPUS) {
        return NULL;
    }
    s = g_new0(ArmGic, 1);
    s->num_cpus = num_cpus;
    s->current_cpu = current_cpu;
    for (unsigned cpu = 0; cpu < num_cpus; cpu++) {
        s->cpu[cpu].irq_out = irq_out[cpu];
    }
    gic_reset(s);
    return s;
}

void arm_gic_free(ArmGic *s)
{
    g_free(s);
}

static void set_line(ArmGic *s, unsigned cpu, unsigned n, int level)
{
    GicIrq *q = irq_state(s, cpu, n);

    if (q->edge && level && !q->level) {
        q->pending = true; /* rising edge latches */
    }
    q->level = level != 0;
    update(s);
}

void arm_gic_set_irq(void *opaque, int n, int level)
{
    if (n < GIC_NR_SGIS || n >= GIC_NR_IRQS) {
        return;
    }
    set_line(opaque, 0, (unsigned)n, level); /* PPIs: CPU 0's */
}

EmuIrq arm_gic_input(ArmGic *s, int n)
{
    return (EmuIrq){ arm_gic_set_irq, s, n };
}

/* A PPI line: @n is cpu * GIC_INTERNAL + interrupt ID. */
static void ppi_line(void *opaque, int n, int level)
{
    ArmGic *s = opaque;
    unsigned cpu = (unsigned)n / GIC_INTERNAL, id = (unsigned)n % GIC_INTERNAL;

    if (n < 0 || cpu >= s->num_cpus || id < GIC_NR_SGIS) {
        return;
    }
    set_line(s, cpu, id, level);
}

void arm_gic_set_ppi(ArmGic *s, unsigned cpu, int n, int level)
{
    if (cpu < s->num_cpus && n >= GIC_NR_SGIS && n < GIC_INTERNAL) {
        set_line(s, cpu, (unsigned)n, level);
    }
}

EmuIrq arm_gic_ppi_input(ArmGic *s, unsigned cpu, int n)
{
    return (EmuIrq){ ppi_line, s, (int)(cpu * GIC_INTERNAL) + n };
}

static void set_sgi_sources(GicCpu *c, unsigned sgi, uint8_t sources)
{
    c->sgi_source[sgi] = sources;
    c->priv[sgi].pending = sources != 0;
}

/* Peripheral/component ID registers 0xfd0..0xffc; PIDR2 says GICv2. */
#define GICD_ID_BASE 0xfd0
static const uint8_t gicd_id[(GIC_DIST_SIZE - GICD_ID_BASE) / 4] = {
    0x04, 0, 0, 0, 0x90, 0xb4, 0x2b, 0, 0x0d, 0xf0, 0x05, 0xb1,
};
G_STATIC_ASSERT(sizeof(gicd_id) == 12);

/*
 * One distributor byte as seen by @cpu; @off < GIC_DIST_SIZE.  Every index
 * below is derived from @off and bounded by GIC_NR_IRQS or a table size.
 */
static uint8_t dist_read_byte(ArmGic *s, unsigned cpu, unsigned off)
{
    unsigned irq, bank = off & ~0x7fu, v = 0;

    if (bank >= GICD_IGROUPR && bank <= GICD_ICACTIVER) {
        irq = (off & 0x7f) * 8;
        for (unsigned i = 0; i < 8 && irq + i < GIC_NR_IRQS; i++) {
            const GicIrq *q = irq_state(s, cpu, irq + i);
            bool b = bank == GICD_IGROUPR ? q->group1
                   : bank <= GICD_ICENABLER ? q->enabled
                   : bank <= GICD_ICPENDR ? is_pending(q) : q->active;
            v |= (unsigned)b << i;
        }
        return (uint8_t)v;
    }
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + GIC_NR_IRQS) {
        return irq_state(s, cpu, off - GICD_IPRIORITYR)->priority;
    }
    if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + GIC_NR_IRQS) {
        /* Uniprocessor: RAZ/WI.  SGIs/PPIs: the reading CPU's bit. */
        irq = off - GICD_ITARGETSR;
        if (s->num_cpus == 1) {
            return 0;
        }
        return irq < GIC_INTERNAL ? (uint8_t)(1u << cpu)
                                  : irq_state(s, cpu, irq)->targets;
    }
    if (off >= GICD_ICFGR && off < GICD_ICFGR + GIC_NR_IRQS / 4) {
        irq = (off - GICD_ICFGR) * 4;
        for (unsigned i = 0; i < 4; i++) {
            v |= (unsigned)irq_state(s, cpu, irq + i)->edge << (2 * i + 1);
        }
        return (uint8_t)v;
    }
    if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 16) {
        return s->cpu[cpu].sgi_source[(off - GICD_CPENDSGIR) & 0xf];
    }
    if (off >= GICD_ID_BASE) {
        return (off & 3) ? 0 : gicd_id[(off - GICD_ID_BASE) / 4];
    }
    switch (off) {
    case GICD_CTLR: return (uint8_t)s->ctlr;
    case GICD_TYPER:
        return (uint8_t)((GIC_NR_IRQS / 32 - 1) | (s->num_cpus - 1) << 5);
    case GICD_IIDR: return 0x3b; /* 0x0000043b: ARM, as QEMU */
    case GICD_IIDR + 1: return 0x04;
    default: return 0; /* reserved: RAZ/WI */
    }
}

static void write_sgir(ArmGic *s, unsigned self, uint32_t v)
{
    unsigned filter = (v >> 24) & 3, sgi = v & 0xf;
    unsigned all = (1u << s->num_cpus) - 1, list;

    switch (filter) {
    case 0: list = (v >> 16) & all; break;
    case 1: list = all & ~(1u << self); break;
    default: list = 1u << self; break; /* 2; 3 is reserved: QEMU does 2 */
    }
    for (unsigned cpu = 0; cpu < s->num_cpus; cpu++) {
        if (list >> cpu & 1) {
            GicCpu *c = &s->cpu[cpu];
            set_sgi_sources(c, sgi, c->sgi_source[sgi] | (uint8_t)(1u << self));
        }
    }
}

/* One distributor byte written by @cpu; @off < GIC_DIST_SIZE. */
static void dist_write_byte(ArmGic *s, unsigned cpu, unsigned off, uint8_t v)
{
    unsigned irq, bank = off & ~0x7fu;

    if (bank >= GICD_IGROUPR && bank <= GICD_ICACTIVER) {
        irq = (off & 0x7f) * 8;
        for (unsigned i = 0; i < 8 && irq + i < GIC_NR_IRQS; i++) {
            GicIrq *q = irq_state(s, cpu, irq + i);
            bool b = v >> i & 1, sgi = irq + i < GIC_NR_SGIS;
            switch (bank) {
            case GICD_IGROUPR: q->group1 = b; break;
            case GICD_ISENABLER: q->enabled |= b; break;
            case GICD_ICENABLER: q->enabled &= !b || sgi; break;
            /* SGI pending state belongs to GICD_[CS]PENDSGIR. */
            case GICD_ISPENDR: q->pending |= b && !sgi; break;
            case GICD_ICPENDR: q->pending &= !b || sgi; break;
            case GICD_ISACTIVER: q->active |= b; break;
            default: q->active &= !b; break;
            }
        }
    } else if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + GIC_NR_IRQS) {
        irq_state(s, cpu, off - GICD_IPRIORITYR)->priority = v;
    } else if (off >= GICD_ITARGETSR + GIC_INTERNAL &&
               off < GICD_ITARGETSR + GIC_NR_IRQS) {
        irq_state(s, cpu, off - GICD_ITARGETSR)->targets =
            s->num_cpus == 1 ? 0 : v & ((1u << s->num_cpus) - 1);
    } else if (off >= GICD_ICFGR + GIC_NR_SGIS / 4 &&
               off < GICD_ICFGR + GIC_NR_IRQS / 4) {
        /* SGI configuration is fixed; PPIs and SPIs: bit 1 of each field. */
        irq = (off - GICD_ICFGR) * 4;
        for (unsigned i = 0; i < 4; i++) {
            irq_state(s, cpu, irq + i)->edge = v >> (2 * i + 1) & 1;
        }
    } else if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 16) {
        GicCpu *c = &s->cpu[cpu];
        unsigned sgi = (off - GICD_CPENDSGIR) & 0xf;
        set_sgi_sources(c, sgi, off >= GICD_SPENDSGIR ? c->sgi_source[sgi] | v
                                                     : c->sgi_source[sgi] & ~v);
    } else if (off == GICD_CTLR) {
        s->ctlr = v & CTLR_EN_MASK;
    }
}

/*
 * Any size at any offset: byte lanes, so byte and halfword reads and
 * writes see the same registers as word ones (QEMU allows them all).
 */
static uint64_t dist_read(void *opaque, uint64_t off, unsigned size)
{
    ArmGic *s = opaque;
    uint64_t v = 0;

    if (off >= GIC_DIST_SIZE) {
        return 0; /* (and off + i cannot wrap below) */
    }
    for (unsigned i = 0; i < size && i < 8; i++) {
        if (off + i < GIC_DIST_SIZE) {
            v |= (uint64_t)dist_read_byte(s, accessing_cpu(s), (unsigned)(off + i)) << (8 * i);
        }
    }
    return v;
}

static void dist_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    ArmGic *s = opaque;

    if (off >= GIC_DIST_SIZE) {
        return;
    }
    if (off == GICD_SGIR) {
        if (size >= 4) {
            write_sgir(s, accessing_cpu(s), (uint32_t)value); /* word only */
        }
        if (size <= 4) {
            update(s);
            return;
        }
    }
    for (unsigned i = 0; i < size && i < 8; i++) {
        uint64_t a = off + i;
        if (a < GIC_DIST_SIZE && (a & ~3u) != GICD_SGIR) {
            dist_write_byte(s, accessing_cpu(s), (unsigned)a,
                            (uint8_t)(value >> (8 * i)));
        }
    }
    update(s);
}

/* Running priority from the active priority bits (preemption levels). */
static uint32_t prio_from_aprs(const GicCpu *c)
{
    for (unsigned i = 0; i < GIC_NR_APRS; i++) {
        uint32_t bits = c->apr[i] | c->nsapr[i];
        if (bits) {
            return (i * 32 + (unsigned)__builtin_ctz(bits)) << 1;
        }
    }
    return IDLE_PRIORITY;
}

/* GICC_IAR: hand out the best interrupt and make it active. */
static uint32_t acknowledge(ArmGic *s, unsigned cpu)
{
    GicCpu *c = &s->cpu[cpu];
    unsigned irq = current_pending(s, cpu), level, src = 0;
    GicIrq *q;

    if (irq >= GIC_NR_IRQS) {
        return irq;
    }
    q = irq_state(s, cpu, irq);
    if (q->priority >= c->running) {
        return GIC_SPURIOUS;
    }
    c->running = group_prio(c, q);
    level = c->running >> 1;
    if (q->group1) {
        c->nsapr[level / 32] |= 1u << (level % 32);
    } else {
        c->apr[level / 32] |= 1u << (level % 32);
    }
    q->active = true;
    if (irq < GIC_NR_SGIS) {
        /* One source at a time, lowest CPU first; others stay pending. */
        src = (unsigned)__builtin_ctz(c->sgi_source[irq]);
        set_sgi_sources(c, irq, c->sgi_source[irq] & ~(1u << src));
    } else {
        q->pending = false;
    }
    update(s);
    return irq | src << 10;
}

static void deactivate(ArmGic *s, unsigned cpu, unsigned irq)
{
    if (irq < GIC_NR_IRQS) {
        irq_state(s, cpu, irq)->active = false;
    }
}

/* GICC_EOIR: drop the running priority; deactivate too unless EOImode. */
static void end_of_interrupt(ArmGic *s, unsigned cpu, uint32_t v)
{
    GicCpu *c = &s->cpu[cpu];
    unsigned irq = v & 0x3ff;

    if (irq >= GIC_NR_IRQS || c->running == IDLE_PRIORITY) {
        return;
    }
    for (unsigned i = 0; i < GIC_NR_APRS; i++) {
        uint32_t bits = c->apr[i] | c->nsapr[i];
        if (bits) {
            uint32_t lowest = bits & (~bits + 1);
            c->apr[i] &= ~lowest;
            c->nsapr[i] &= ~lowest;
            break;
        }
    }
    c->running = prio_from_aprs(c);
    if (!(c->ctlr & CTLR_EOIMODE)) {
        deactivate(s, cpu, irq);
    }
}

static uint32_t cpu_read_reg(ArmGic *s, unsigned cpu, uint64_t off)
{
    GicCpu *c = &s->cpu[cpu];

    if (off >= GICC_APR0 && off < GICC_APR0 + 4 * GIC_NR_APRS && !(off & 3)) {
        return c->apr[(off - GICC_APR0) / 4];
    }
    if (off >= GICC_NSAPR0 && off < GICC_NSAPR0 + 4 * GIC_NR_APRS && !(off & 3)) {
        return c->nsapr[(off - GICC_NSAPR0) / 4];
    }
    switch (off) {
    case GICC_CTLR: return c->ctlr;
    case GICC_PMR: return c->pmr;
    case GICC_BPR: return c->bpr;
    case GICC_ABPR: return c->abpr;
    case GICC_IAR: return acknowledge(s, cpu);
    case GICC_RPR: return c->running == IDLE_PRIORITY ? 0xff : c->running;
    case GICC_HPPIR: return current_pending(s, cpu);
    case GICC_IIDR: return 0x0002043b; /* GICv2, ARM implementer, as QEMU */
    default:
        /* Aliased group 1 registers read as zero (as QEMU without
           security extensions); other offsets are reserved. */
        return 0;
    }
}

static void cpu_write_reg(ArmGic *s, unsigned cpu, uint64_t off, uint32_t v)
{
    GicCpu *c = &s->cpu[cpu];

    if (off >= GICC_APR0 && off < GICC_APR0 + 4 * GIC_NR_APRS && !(off & 3)) {
        c->apr[(off - GICC_APR0) / 4] = v;
        return;
    }
    if (off >= GICC_NSAPR0 && off < GICC_NSAPR0 + 4 * GIC_NR_APRS && !(off & 3)) {
        c->nsapr[(off - GICC_NSAPR0) / 4] = v;
        return;
    }
    switch (off) {
    case GICC_CTLR: c->ctlr = v & CTLR_MASK; break;
    case GICC_PMR: c->pmr = v & 0xff; break;
    case GICC_BPR: c->bpr = v & 7; break;
    case GICC_ABPR: c->abpr = MAX(v & 7, 1u); break;
    case GICC_EOIR: end_of_interrupt(s, cpu, v); break;
    case GICC_DIR:
        /* Without EOImode a write to GICC_DIR is unpredictable: ignored. */
        if (c->ctlr & CTLR_EOIMODE) {
            deactivate(s, cpu, v & 0x3ff);
        }
        break;
    default: return; /* AEOIR and reserved: WI */
    }
    update(s);
}

/*
 * The CPU interface decodes whole registers: an access of any size acts
 * on the register at exactly @off (a byte write to GICC_PMR writes it);
 * an offset inside a register is reserved, as on QEMU.  An 8-byte access
 * is two word accesses.
 */
static uint64_t cpu_read(void *opaque, uint64_t off, unsigned size)
{
    ArmGic *s = opaque;
    unsigned cpu = accessing_cpu(s);
    uint64_t v = cpu_read_reg(s, cpu, off);

    if (size == 8 && off < UINT64_MAX - 4) {
        v = (uint32_t)v | (uint64_t)cpu_read_reg(s, cpu, off + 4) << 32;
    }
    return size >= 8 ? v : v & ((1ull << (8 * size)) - 1);
}

static void cpu_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    ArmGic *s = opaque;
    uint32_t mask = size >= 4 ? UINT32_MAX : (1u << (8 * size)) - 1;

    unsigned cpu = accessing_cpu(s);

    cpu_write_reg(s, cpu, off, (uint32_t)value & mask);
    if (size == 8 && off < UINT64_MAX - 4) {
        cpu_write_reg(s, cpu, off + 4, (uint32_t)(value >> 32));
    }
}

const MemOps arm_gic_dist_ops = { .read = dist_read, .write = dist_write };
const MemOps arm_gic_cpu_ops = { .read = cpu_read, .write = cpu_write };
