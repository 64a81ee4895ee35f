/*
 * arm-gic.h - GICv2 interrupt controller (distributor + CPU interface)
 *
 * As QEMU's virt board has it: no security extensions (every access is
 * a secure one), groups 0 and 1 both signalled on the CPU's IRQ line
 * (the board has no FIQ: a group 0 interrupt with GICC_CTLR.FIQEn set is
 * not signalled).  Banked state (SGIs, PPIs, the CPU interface) is kept
 * per CPU, for up to 8 CPUs; with one CPU GICD_ITARGETSR is RAZ/WI as
 * the architecture says for a uniprocessor GIC and as QEMU does.
 * Interrupt IDs: 0-15 SGIs, 16-31 PPIs (per CPU), 32+ SPIs.
 */
#ifndef HW_ARM_GIC_H
#define HW_ARM_GIC_H

#include <stdint.h>

#include "hw/irq.h"
#include "mem/memory.h"

#define GIC_NR_IRQS 288            /* 32 private + 256 shared, like virt */
#define GIC_INTERNAL 32
#define GIC_SPURIOUS 1023
#define GIC_MAX_CPUS 8             /* GICD_ITARGETSR has 8 bits */
/*
 * Register windows as mapped on the board: the rest of the 64 KiB the
 * device tree gives each is reserved and, as on QEMU, aborts (nothing is
 * mapped there).  The callbacks ignore offsets past their window.
 */
#define GIC_DIST_SIZE 0x1000
#define GIC_CPU_SIZE 0x2000

typedef struct ArmGic ArmGic;

/**
 * arm_gic_new: a GIC for @num_cpus CPUs (1..GIC_MAX_CPUS) in its reset
 * state, driving @irq_out[cpu] (each CPU's IRQ line).  Register accesses
 * act for CPU *@current_cpu, read at each access: the board keeps it as
 * the CPU it is running (NULL: always CPU 0).
 * Returns: the GIC, or NULL for a bad @num_cpus.
 */
ArmGic *arm_gic_new(unsigned num_cpus, const EmuIrq *irq_out,
                    const unsigned *current_cpu);
void arm_gic_free(ArmGic *s);

/** Register callbacks: distributor and CPU interface regions. */
extern const MemOps arm_gic_dist_ops;
extern const MemOps arm_gic_cpu_ops;

/**
 * arm_gic_set_irq: an input line changed. @n is the interrupt ID
 * (16..GIC_NR_IRQS-1: PPIs and SPIs); usable as an EmuIrqHandler.
 */
void arm_gic_set_irq(void *opaque, int n, int level);

/** arm_gic_input: an EmuIrq for interrupt ID @n of @s. */
EmuIrq arm_gic_input(ArmGic *s, int n);

/**
 * arm_gic_set_ppi / arm_gic_ppi_input: the line of PPI @n (interrupt ID
 * 16..31) of CPU @cpu; other values are ignored.
 */
void arm_gic_set_ppi(ArmGic *s, unsigned cpu, int n, int level);
EmuIrq arm_gic_ppi_input(ArmGic *s, unsigned cpu, int n);

#endif /* HW_ARM_GIC_H */
