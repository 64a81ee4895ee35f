/*
 * virtio-blk.h - virtio block device (virtio 1.x, section 5.2)
 *
 * One request queue of VIRTIO_BLK_QUEUE_SIZE entries.  Requests go to a
 * BlockBackend (block/block.h) and complete from block_poll(), which
 * pushes the used element and raises the interrupt.
 *
 * Offered features: VERSION_1, INDIRECT_DESC, SEG_MAX, BLK_SIZE, FLUSH,
 * WRITE_ZEROES, and RO for read-only backends.  Without FLUSH negotiated
 * every write is written through (synced) before it completes.
 */
#ifndef HW_VIRTIO_BLK_H
#define HW_VIRTIO_BLK_H

#include "block/block.h"
#include "hw/irq.h"
#include "hw/virtio-mmio.h"
#include "mem/memory.h"

#define VIRTIO_ID_BLOCK 2

#define VIRTIO_BLK_F_SEG_MAX       2
#define VIRTIO_BLK_F_RO            5
#define VIRTIO_BLK_F_BLK_SIZE      6
#define VIRTIO_BLK_F_FLUSH         9
#define VIRTIO_BLK_F_DISCARD      13
#define VIRTIO_BLK_F_WRITE_ZEROES 14

#define VIRTIO_BLK_T_IN            0
#define VIRTIO_BLK_T_OUT           1
#define VIRTIO_BLK_T_FLUSH         4
#define VIRTIO_BLK_T_GET_ID        8
#define VIRTIO_BLK_T_DISCARD      11
#define VIRTIO_BLK_T_WRITE_ZEROES 13

#define VIRTIO_BLK_S_OK     0
#define VIRTIO_BLK_S_IOERR  1
#define VIRTIO_BLK_S_UNSUPP 2

#define VIRTIO_BLK_ID_BYTES   20
#define VIRTIO_BLK_QUEUE_SIZE 256
#define VIRTIO_BLK_CONFIG_SIZE 60
#define VIRTIO_BLK_MAX_WRITE_ZEROES_SECTORS (1u << 16)

typedef struct VirtIOBlk VirtIOBlk;

/**
 * virtio_blk_new: a virtio-blk device on @bb (not owned), doing DMA in
 * @as and interrupting through @irq.
 * @serial: what GET_ID returns (up to 20 bytes; NULL: all zero)
 */
VirtIOBlk *virtio_blk_new(MemAddressSpace *as, EmuIrq irq, BlockBackend *bb,
                          const char *serial);

/** virtio_blk_vdev: the transport-facing part, for virtio_mmio_map(). */
VirtIODevice *virtio_blk_vdev(VirtIOBlk *s);

/**
 * virtio_blk_free: finish pending requests (without touching the guest)
 * and free the device.  Call before block_close() and mem_as_free().
 */
void virtio_blk_free(VirtIOBlk *s);

#endif /* HW_VIRTIO_BLK_H */
