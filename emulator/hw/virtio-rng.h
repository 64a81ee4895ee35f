/*
 * virtio-rng.h - virtio entropy device (virtio 1.x, section 5.4)
 *
 * One request queue; the driver posts device-writable buffers and the
 * device fills each with bytes from the host's random source
 * (portos_random_bytes), up to VIRTIO_RNG_MAX_REQUEST bytes per buffer
 * (the spec lets it use less than the whole buffer). No features beyond
 * VERSION_1 and INDIRECT_DESC, no configuration space. A chain with a
 * device-readable buffer or no writable byte breaks the protocol: the
 * device is then marked DEVICE_NEEDS_RESET, as virtio-blk does.
 */
#ifndef HW_VIRTIO_RNG_H
#define HW_VIRTIO_RNG_H

#include "hw/irq.h"
#include "hw/virtio-mmio.h"
#include "mem/memory.h"

#define VIRTIO_ID_RNG 4

#define VIRTIO_RNG_QUEUE_SIZE  64
/* Bytes given per buffer at most: Linux's hw_random asks for up to 64. */
#define VIRTIO_RNG_MAX_REQUEST 4096

typedef struct VirtIORng VirtIORng;

/** virtio_rng_new: an entropy device doing DMA in @as, interrupting on @irq. */
VirtIORng *virtio_rng_new(MemAddressSpace *as, EmuIrq irq);

/** virtio_rng_vdev: the transport-facing part, for virtio_mmio_map(). */
VirtIODevice *virtio_rng_vdev(VirtIORng *s);

/** virtio_rng_free: free the device (NULL is fine). */
void virtio_rng_free(VirtIORng *s);

#endif /* HW_VIRTIO_RNG_H */
