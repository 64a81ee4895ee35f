/*
 * virtio-mmio.h - virtio over memory-mapped registers (virtio 1.x, 4.2)
 *
 * Modern (version 2) transport only.  A VirtIODevice is the common part
 * of every device (status, feature negotiation, queues, interrupt); a
 * device model (virtio-blk) embeds it first and fills a VirtIODeviceClass.
 *
 * Board wiring, one slot of VIRTIO_MMIO_SLOT_SIZE bytes per device:
 *
 *     VirtIOBlk *blk = virtio_blk_new(as, irq, backend, serial);
 *     virtio_mmio_map(as, base, virtio_blk_vdev(blk));
 *     virtio_mmio_map(as, other_base, NULL);   // empty slot: DeviceID 0
 *
 * Guest mistakes (bad register use, malformed rings) are logged as one
 * line in the log under -d guest_errors (util/log.h)
 * and counted in VirtIODevice.guest_errors; a malformed ring sets
 * DEVICE_NEEDS_RESET and the device ignores its queues until reset.
 */
#ifndef HW_VIRTIO_MMIO_H
#define HW_VIRTIO_MMIO_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "hw/irq.h"
#include "hw/virtio-queue.h"
#include "mem/memory.h"

#define VIRTIO_MMIO_SLOT_SIZE  0x200
#define VIRTIO_MMIO_MAGIC      0x74726976u  /* "virt" */
#define VIRTIO_MMIO_VERSION    2
#define VIRTIO_MMIO_VENDOR     0x554d4551u  /* "QEMU", as Linux expects nothing else */

/* Register offsets. */
enum {
    VIRTIO_MMIO_MAGIC_VALUE = 0x000,
    VIRTIO_MMIO_VERSION_REG = 0x004,
    VIRTIO_MMIO_DEVICE_ID = 0x008,
    VIRTIO_MMIO_VENDOR_ID = 0x00c,
    VIRTIO_MMIO_DEVICE_FEATURES = 0x010,
    VIRTIO_MMIO_DEVICE_FEATURES_SEL = 0x014,
    VIRTIO_MMIO_DRIVER_FEATURES = 0x020,
    VIRTIO_MMIO_DRIVER_FEATURES_SEL = 0x024,
    VIRTIO_MMIO_QUEUE_SEL = 0x030,
    VIRTIO_MMIO_QUEUE_NUM_MAX = 0x034,
    VIRTIO_MMIO_QUEUE_NUM = 0x038,
    VIRTIO_MMIO_QUEUE_READY = 0x044,
    VIRTIO_MMIO_QUEUE_NOTIFY = 0x050,
    VIRTIO_MMIO_INTERRUPT_STATUS = 0x060,
    VIRTIO_MMIO_INTERRUPT_ACK = 0x064,
    VIRTIO_MMIO_STATUS = 0x070,
    VIRTIO_MMIO_QUEUE_DESC_LOW = 0x080,
    VIRTIO_MMIO_QUEUE_DESC_HIGH = 0x084,
    VIRTIO_MMIO_QUEUE_DRIVER_LOW = 0x090,
    VIRTIO_MMIO_QUEUE_DRIVER_HIGH = 0x094,
    VIRTIO_MMIO_QUEUE_DEVICE_LOW = 0x0a0,
    VIRTIO_MMIO_QUEUE_DEVICE_HIGH = 0x0a4,
    VIRTIO_MMIO_SHM_SEL = 0x0ac,
    VIRTIO_MMIO_SHM_LEN_LOW = 0x0b0,
    VIRTIO_MMIO_SHM_BASE_HIGH = 0x0bc,
    VIRTIO_MMIO_CONFIG_GENERATION = 0x0fc,
    VIRTIO_MMIO_CONFIG = 0x100,
};

/* Device status bits. */
#define VIRTIO_STATUS_ACKNOWLEDGE   0x01
#define VIRTIO_STATUS_DRIVER        0x02
#define VIRTIO_STATUS_DRIVER_OK     0x04
#define VIRTIO_STATUS_FEATURES_OK   0x08
#define VIRTIO_STATUS_NEEDS_RESET   0x40
#define VIRTIO_STATUS_FAILED        0x80

/* InterruptStatus bits. */
#define VIRTIO_INT_VRING   0x1
#define VIRTIO_INT_CONFIG  0x2

/* Transport feature bits. */
#define VIRTIO_F_RING_INDIRECT_DESC 28
#define VIRTIO_F_RING_EVENT_IDX     29
#define VIRTIO_F_VERSION_1          32

#define VIRTIO_MAX_QUEUES 8

typedef struct VirtIODevice VirtIODevice;

/* What a device model provides.  Callbacks may be NULL where noted. */
typedef struct VirtIODeviceClass {
    const char *name;         /* "virtio-blk", for messages */
    uint32_t device_id;       /* VIRTIO_ID_* */
    /* Config space bytes [@offset, +@size) (in range), little-endian. */
    void (*config_read)(VirtIODevice *vdev, uint32_t offset, void *buf,
                        unsigned size);
    /* NULL: config space is read-only. */
    void (*config_write)(VirtIODevice *vdev, uint32_t offset,
                         const void *buf, unsigned size);
    /* The driver kicked queue @vq. */
    void (*queue_notify)(VirtIODevice *vdev, VirtQueue *vq);
    /* Device reset (status 0 or a broken device being reset); may be NULL. */
    void (*reset)(VirtIODevice *vdev);
} VirtIODeviceClass;

struct VirtIODevice {
    const VirtIODeviceClass *cls;
    MemAddressSpace *as;
    EmuIrq irq;
    uint64_t base;            /* where the slot is mapped, for messages */
    uint32_t config_size;
    uint64_t host_features;
    uint64_t guest_features;  /* what the driver wrote */
    uint32_t status;
    uint32_t isr;
    uint32_t host_features_sel, guest_features_sel, queue_sel;
    bool broken;              /* NEEDS_RESET set: queues are ignored */
    unsigned guest_errors;    /* count of logged guest mistakes */
    unsigned num_queues;
    unsigned queue_num_max;
    /* Per-queue registers as the driver wrote them, and the queue. */
    struct {
        uint32_t num;
        uint64_t desc, driver, device;
        VirtQueue vq;
    } q[VIRTIO_MAX_QUEUES];
};

/**
 * virtio_device_init: set up the common part of a device.
 * @features: feature bits the device offers (VERSION_1 is added)
 * @num_queues: 1..VIRTIO_MAX_QUEUES, each of @queue_num_max entries
 */
void virtio_device_init(VirtIODevice *vdev, const VirtIODeviceClass *cls,
                        MemAddressSpace *as, EmuIrq irq, uint64_t features,
                        uint32_t config_size, unsigned num_queues,
                        unsigned queue_num_max);

/**
 * virtio_device_live: whether the device may process its queues: the
 * driver reached FEATURES_OK (accepted by the device) and DRIVER_OK, and
 * the device is not waiting for a reset (virtio 1.x, 3.1.1 and 2.1.2).
 */
bool virtio_device_live(const VirtIODevice *vdev);

/** virtio_has_feature: whether the driver accepted feature @bit. */
bool virtio_has_feature(const VirtIODevice *vdev, unsigned bit);

/**
 * virtio_notify: used buffers were added to @vq; interrupt the driver
 * unless it suppressed interrupts for that queue.
 */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);

/**
 * virtio_error: the guest broke the protocol (@fmt: one line, no
 * newline).  Logs it, sets DEVICE_NEEDS_RESET and, once the driver is
 * running, sends a configuration-change interrupt.
 */
void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

/** virtio_guest_error: log and count a guest mistake that is not fatal. */
void virtio_guest_error(VirtIODevice *vdev, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

/** virtio_queue_index: index of @vq in @vdev. */
unsigned virtio_queue_index(const VirtIODevice *vdev, const VirtQueue *vq);

/** virtio_device_reset: what writing 0 to Status does. */
void virtio_device_reset(VirtIODevice *vdev);

/** virtio_mmio_ops: register callbacks; opaque is the VirtIODevice. */
extern const MemOps virtio_mmio_ops;

/** virtio_mmio_empty_ops: a slot with no device (opaque unused). */
extern const MemOps virtio_mmio_empty_ops;

/**
 * virtio_mmio_map: map @vdev's registers (or an empty slot when @vdev is
 * NULL) at @base.  Returns: 0 or a negative errno from mem_add_mmio().
 */
int virtio_mmio_map(MemAddressSpace *as, uint64_t base, VirtIODevice *vdev);

#endif /* HW_VIRTIO_MMIO_H */
