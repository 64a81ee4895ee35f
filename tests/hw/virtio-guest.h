/*
 * virtio-guest.h - the guest side of the virtio device tests: an address
 * space with RAM and a trap page on each side of it, one virtio-mmio slot,
 * and the driver half of split virtqueues, used the way Linux's
 * virtio_mmio driver uses them. The rings live in guest RAM, so everything
 * a device reads is what a (possibly hostile) guest wrote there.
 */
#ifndef TESTS_HW_VIRTIO_GUEST_H
#define TESTS_HW_VIRTIO_GUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/irq.h"
#include "mem/memory.h"

#define VG_RAM_BASE 0x40000000ull
#define VG_RAM_SIZE 0x100000ull
#define VG_RAM_END  (VG_RAM_BASE + VG_RAM_SIZE)
#define VG_SLOT     0x0a003e00ull
#define VG_IRQ      47

/* One split virtqueue as the driver sees it. */
typedef struct VGQueue {
    uint64_t desc, avail, used;     /* guest-physical ring addresses */
    unsigned size;
    uint16_t avail_idx;             /* next free slot in the avail ring */
} VGQueue;

extern MemAddressSpace *vg_as;
extern unsigned vg_trap_hits;       /* accesses that reached a trap page */
extern int vg_irq_level;            /* last level of the device's line */

/* RAM at VG_RAM_BASE and the trap pages; reset the counters. */
void vg_setup(void);
void vg_teardown(void);
/* The device's interrupt line (VG_IRQ), recorded in vg_irq_level. */
EmuIrq vg_irq(void);

uint32_t vg_rd(uint64_t off);       /* a register of the slot */
void vg_wr(uint64_t off, uint32_t v);

uint8_t *vg_host(uint64_t pa);      /* pa must lie in RAM */
void vg_put16(uint64_t pa, uint16_t v);
uint16_t vg_get16(uint64_t pa);
uint32_t vg_get32(uint64_t pa);
/* Descriptor @i of the table at @table (a ring's or an indirect one). */
void vg_desc(uint64_t table, unsigned i, uint64_t addr, uint32_t len,
             uint16_t flags, uint16_t next);

uint64_t vg_device_features(void);
void vg_driver_features(uint64_t f);
/* Reset, ACKNOWLEDGE, DRIVER, the offered features & @want, FEATURES_OK
 * (checked to stick). */
void vg_probe(uint64_t want);
/* Queue @q at @vq's addresses and size, then READY; avail_idx = 0.
 * vg_queue_write checks nothing (for drivers that skip steps). */
void vg_queue_write(unsigned q, VGQueue *vq);
/* The same, checked: READY was 0 before and reads 1 after. */
void vg_queue_setup(unsigned q, VGQueue *vq);
/* Set DRIVER_OK on top of the probed status. */
void vg_driver_ok(void);

/* Make chain @head available on queue @q; notify the device if @notify. */
void vg_offer(VGQueue *vq, unsigned q, uint16_t head, bool notify);
uint16_t vg_used_idx(const VGQueue *vq);
/* Used-ring entry @i: its length, after checking it names @head. */
uint32_t vg_used_len(const VGQueue *vq, unsigned i, uint16_t head);

#endif
