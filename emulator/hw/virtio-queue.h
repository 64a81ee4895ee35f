/*
 * virtio-queue.h - split virtqueues (virtio 1.x, section 2.7)
 *
 * The descriptor table, available ring and used ring live in guest RAM.
 * Everything read from them is guest-controlled, so each descriptor is
 * checked before use: a segment must lie inside one RAM region (never
 * MMIO, never past the end), chains are bounded by the table size,
 * device-writable segments must follow the readable ones.  A violation
 * makes virtqueue_pop() fail with a one-line reason; the transport then
 * marks the device broken (DEVICE_NEEDS_RESET).
 *
 * The CPU and the devices run on one thread, so no memory barriers are
 * needed between ring accesses.
 */
#ifndef HW_VIRTIO_QUEUE_H
#define HW_VIRTIO_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/memory.h"

#define VIRTQ_DESC_F_NEXT      1
#define VIRTQ_DESC_F_WRITE     2
#define VIRTQ_DESC_F_INDIRECT  4

#define VIRTQ_AVAIL_F_NO_INTERRUPT 1

/* Largest queue a device may offer (QueueNumMax) and indirect table. */
#define VIRTQUEUE_MAX_SIZE     1024
#define VIRTQUEUE_MAX_INDIRECT 1024

/* One guest buffer: guest-physical address, its host view, length. */
typedef struct VirtQueueSeg {
    uint64_t addr;
    uint8_t *host;
    uint32_t len;
} VirtQueueSeg;

/*
 * A popped descriptor chain.  sg[0 .. out_num) are device-readable
 * ("out", driver to device), sg[out_num .. out_num + in_num) are
 * device-writable ("in").
 */
typedef struct VirtQueueElement {
    uint16_t head;            /* returned in the used ring */
    unsigned out_num, in_num;
    uint64_t out_len, in_len; /* byte totals */
    VirtQueueSeg sg[];
} VirtQueueElement;

typedef struct VirtQueue {
    MemAddressSpace *as;
    unsigned num;             /* queue size, a power of two */
    bool enabled;
    bool indirect;            /* VIRTIO_F_RING_INDIRECT_DESC negotiated */
    uint8_t *desc, *avail, *used;        /* host views of the rings */
    uint64_t desc_pa, avail_pa, used_pa; /* their guest addresses */
    uint16_t last_avail_idx;  /* next available entry to pop */
    uint16_t used_idx;        /* next used entry to fill */
    unsigned inflight;        /* popped, not yet pushed */
} VirtQueue;

/**
 * virtqueue_enable: start using the rings the driver placed at @desc,
 * @avail and @used for a queue of @num entries.
 *
 * Returns: 0, or -EINVAL with a one-line reason in *@err (g_free it) if
 * @num is not a power of two in 1..VIRTQUEUE_MAX_SIZE or a ring is
 * misaligned or not inside guest RAM.
 */
int virtqueue_enable(VirtQueue *vq, MemAddressSpace *as, unsigned num,
                     uint64_t desc, uint64_t avail, uint64_t used,
                     bool indirect, char **err);

/** virtqueue_disable: forget the rings (reset); in-flight count drops. */
void virtqueue_disable(VirtQueue *vq);

/**
 * virtqueue_pop: take the next available descriptor chain.
 * @elem: receives a new element (g_free it, or push it).
 *
 * Returns: 1 with *@elem set, 0 if the ring is empty, or -EINVAL with a
 * one-line reason in *@err for a malformed ring or chain (the entry is
 * consumed; the device should be marked broken).
 */
int virtqueue_pop(VirtQueue *vq, VirtQueueElement **elem, char **err);

/**
 * virtqueue_push: return @elem to the driver, @len bytes written into
 * its device-writable part, and publish the new used index.  Does not
 * free @elem.
 */
void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem,
                    uint32_t len);

/** virtqueue_should_notify: false while the driver suppresses interrupts. */
bool virtqueue_should_notify(const VirtQueue *vq);

/**
 * virtqueue_read_out: copy up to @len bytes of the readable part of
 * @elem, starting @offset bytes into it, to @buf.  Returns bytes copied.
 */
size_t virtqueue_read_out(const VirtQueueElement *elem, uint64_t offset,
                          void *buf, size_t len);

/**
 * virtqueue_write_in: copy @len bytes from @buf into the writable part
 * of @elem at @offset, telling the code tracker first.  Returns bytes
 * copied (fewer if the writable part is shorter).
 */
size_t virtqueue_write_in(const VirtQueue *vq, const VirtQueueElement *elem,
                          uint64_t offset, const void *buf, size_t len);

#endif /* HW_VIRTIO_QUEUE_H */
