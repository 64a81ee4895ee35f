/*
 * virtio-net.h - virtio network device (virtio 1.x, section 5.1)
 *
 * One receive queue (0) and one transmit queue (1), no control queue.
 * Offered features: VERSION_1, MAC and STATUS (the link is always up).
 * Every buffer starts with the 12-byte virtio_net_hdr of VERSION_1; no
 * checksum offload or GSO is offered, so the device only writes a zero
 * header with num_buffers = 1 and expects the driver's to be zero.
 *
 * The device knows nothing of the host side: frames the guest sends go to
 * the @send callback, frames for the guest come in by virtio_net_receive().
 * A frame that finds no receive buffer waits in a short queue (the guest
 * may be refilling its ring); beyond VIRTIO_NET_RX_BACKLOG frames, new
 * ones are dropped, as a real NIC does.
 */
#ifndef HW_VIRTIO_NET_H
#define HW_VIRTIO_NET_H

#include <stddef.h>
#include <stdint.h>

#include "hw/irq.h"
#include "hw/virtio-mmio.h"
#include "mem/memory.h"

#define VIRTIO_ID_NET 1

#define VIRTIO_NET_F_MAC     5
#define VIRTIO_NET_F_STATUS 16
#define VIRTIO_NET_S_LINK_UP 1

#define VIRTIO_NET_HDR_SIZE    12   /* with VERSION_1 (num_buffers included) */
#define VIRTIO_NET_QUEUE_SIZE  256
#define VIRTIO_NET_CONFIG_SIZE 8    /* mac[6], status le16 */
/* Largest frame without GSO: 1500 bytes of payload, Ethernet + VLAN header. */
#define VIRTIO_NET_MAX_FRAME   1518
#define VIRTIO_NET_RX_BACKLOG  64

typedef struct VirtIONet VirtIONet;

/* Where the guest's frames go (an Ethernet frame, without virtio header). */
typedef void VirtIONetSend(void *opaque, const uint8_t *frame, size_t len);

/**
 * virtio_net_new: a virtio-net device with MAC address @mac, doing DMA in
 * @as and interrupting through @irq; frames it transmits go to @send.
 */
VirtIONet *virtio_net_new(MemAddressSpace *as, EmuIrq irq,
                          const uint8_t mac[6], VirtIONetSend *send,
                          void *opaque);

/** virtio_net_vdev: the transport-facing part, for virtio_mmio_map(). */
VirtIODevice *virtio_net_vdev(VirtIONet *s);

/**
 * virtio_net_receive: deliver a frame to the guest: now if it has a
 * receive buffer, else queued (or dropped when the queue is full or the
 * driver is not running).  Frames longer than VIRTIO_NET_MAX_FRAME are
 * dropped.
 */
void virtio_net_receive(VirtIONet *s, const uint8_t *frame, size_t len);

/** virtio_net_rx_dropped: frames dropped so far (for tests). */
uint64_t virtio_net_rx_dropped(const VirtIONet *s);

/** virtio_net_free: free the device and its queued frames (NULL is fine). */
void virtio_net_free(VirtIONet *s);

#endif /* HW_VIRTIO_NET_H */
