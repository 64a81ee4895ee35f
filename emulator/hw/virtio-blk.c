/*
 * virtio-blk.c - virtio block device: request parsing and completion
 */
#include "hw/virtio-blk.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include <portos/error.h>

#define HDR_SIZE 16   /* type le32, ioprio le32, sector le64 */
#define WZ_SEG_SIZE 16 /* sector le64, num_sectors le32, flags le32 */
#define WZ_FLAG_UNMAP 1u

struct VirtIOBlk {
    VirtIODevice vdev;        /* first: the class callbacks cast back */
    BlockBackend *bb;
    uint64_t sectors;
    uint8_t serial[VIRTIO_BLK_ID_BYTES];
    /* Bumped by reset and free: older requests are orphans. */
    uint64_t generation;
};

typedef struct BlkReq {
    BlockRequest breq;
    VirtIOBlk *s;
    VirtQueue *vq;
    VirtQueueElement *elem;
    uint64_t generation;
    uint32_t used_len;        /* bytes for the used ring, status included */
    unsigned niov;
    BlockIov iov[];
} BlkReq;

static VirtIOBlk *to_blk(VirtIODevice *vdev)
{
    return (VirtIOBlk *)vdev;
}

/* Write the status byte (the last writable byte) and hand back @elem. */
static void finish(VirtIOBlk *s, VirtQueue *vq, VirtQueueElement *elem,
                   uint8_t status, uint32_t used_len)
{
    virtqueue_write_in(vq, elem, elem->in_len - 1, &status, 1);
    virtqueue_push(vq, elem, used_len);
    virtio_notify(&s->vdev, vq);
}

static void handle_queue(VirtIOBlk *s, VirtQueue *vq);

static void rw_done(BlockRequest *breq, int ret)
{
    BlkReq *r = breq->opaque;
    VirtIOBlk *s = r->s;

    if (ret < 0) {
        fprintf(stderr, "%s: %s error: %s\n", block_filename(s->bb),
                breq->op == BLOCK_OP_READ ? "read" :
                breq->op == BLOCK_OP_FLUSH ? "flush" : "write",
                portos_strerror(ret));
    }
    if (r->generation == s->generation) {
        finish(s, r->vq, r->elem, ret < 0 ? VIRTIO_BLK_S_IOERR :
               VIRTIO_BLK_S_OK, ret < 0 ? 1 : r->used_len);
        /* Requests may have waited for a free in-flight slot. */
        handle_queue(s, r->vq);
    }
    g_free(r->elem);
    g_free(r);
}

/*
 * Host views of @len data bytes of @elem's segments [first, first+count),
 * skipping @skip bytes; returns the number of iov entries filled.
 */
static unsigned build_iov(const VirtQueueElement *elem, unsigned first,
                          unsigned count, uint64_t skip, uint64_t len,
                          BlockIov *iov)
{
    unsigned n = 0;

    for (unsigned i = first; i < first + count && len; i++) {
        const VirtQueueSeg *sg = &elem->sg[i];
        uint64_t take;

        if (skip >= sg->len) {
            skip -= sg->len;
            continue;
        }
        take = MIN(len, sg->len - skip);
        iov[n].base = sg->host + skip;
        iov[n].len = (size_t)take;
        n++;
        len -= take;
        skip = 0;
    }
    return n;
}

static bool sectors_ok(const VirtIOBlk *s, uint64_t sector, uint64_t bytes)
{
    return bytes % BLOCK_SECTOR_SIZE == 0 && sector <= s->sectors &&
           bytes / BLOCK_SECTOR_SIZE <= s->sectors - sector;
}

static BlkReq *new_req(VirtIOBlk *s, VirtQueue *vq, VirtQueueElement *elem,
                       BlockOp op, uint64_t sector)
{
    BlkReq *r = g_malloc0(sizeof(*r) + (elem->out_num + elem->in_num) *
                          sizeof(BlockIov));

    r->s = s;
    r->vq = vq;
    r->elem = elem;
    r->generation = s->generation;
    r->used_len = 1;
    r->breq.op = op;
    r->breq.offset = sector * BLOCK_SECTOR_SIZE;
    r->breq.cb = rw_done;
    r->breq.opaque = r;
    return r;
}

/* Hand @r to the block layer; the element is finished in rw_done(). */
static void submit(VirtIOBlk *s, BlkReq *r)
{
    /* Without FLUSH negotiated the driver expects a write-through cache. */
    if (!virtio_has_feature(&s->vdev, VIRTIO_BLK_F_FLUSH)) {
        r->breq.flags |= BLOCK_REQ_FUA;
    }
    r->breq.iov = r->iov;
    r->breq.niov = r->niov;
    block_aio_submit(s->bb, &r->breq);
}

/* IN / OUT: returns a status to finish with now, or -1 once submitted. */
static int rw_request(VirtIOBlk *s, VirtQueue *vq, VirtQueueElement *elem,
                      bool write, uint64_t sector)
{
    uint64_t len = write ? elem->out_len - HDR_SIZE : elem->in_len - 1;
    BlkReq *r;

    if (write && block_is_readonly(s->bb)) {
        return VIRTIO_BLK_S_IOERR;
    }
    if (!sectors_ok(s, sector, len)) {
        virtio_guest_error(&s->vdev, "%s of %" G_GUINT64_FORMAT " bytes at "
                           "sector %" G_GUINT64_FORMAT " is outside the %"
                           G_GUINT64_FORMAT "-sector disk or not whole "
                           "sectors", write ? "write" : "read", len, sector,
                           s->sectors);
        return VIRTIO_BLK_S_IOERR;
    }
    r = new_req(s, vq, elem, write ? BLOCK_OP_WRITE : BLOCK_OP_READ, sector);
    if (write) {
        r->niov = build_iov(elem, 0, elem->out_num, HDR_SIZE, len, r->iov);
    } else {
        r->niov = build_iov(elem, elem->out_num, elem->in_num, 0, len, r->iov);
        r->used_len = (uint32_t)MIN(len + 1, (uint64_t)UINT32_MAX);
        /* DMA may overwrite translated code: invalidate it first. */
        for (unsigned i = elem->out_num; i < elem->out_num + elem->in_num; i++) {
            mem_notify_write(s->vdev.as, elem->sg[i].addr, elem->sg[i].len);
        }
    }
    submit(s, r);
    return -1;
}

static int write_zeroes_request(VirtIOBlk *s, VirtQueue *vq,
                                VirtQueueElement *elem)
{
    uint8_t seg[WZ_SEG_SIZE];
    uint64_t sector;
    uint32_t nsec, flags;
    BlkReq *r;

    if (!virtio_has_feature(&s->vdev, VIRTIO_BLK_F_WRITE_ZEROES)) {
        return VIRTIO_BLK_S_UNSUPP;
    }
    /* We advertise max_write_zeroes_seg = 1. */
    if (elem->out_len - HDR_SIZE != WZ_SEG_SIZE) {
        return VIRTIO_BLK_S_UNSUPP;
    }
    virtqueue_read_out(elem, HDR_SIZE, seg, sizeof(seg));
    memcpy(&sector, seg, 8);
    memcpy(&nsec, seg + 8, 4);
    memcpy(&flags, seg + 12, 4);
    sector = GUINT64_FROM_LE(sector);
    nsec = GUINT32_FROM_LE(nsec);
    flags = GUINT32_FROM_LE(flags);
    if (flags & ~WZ_FLAG_UNMAP || nsec > VIRTIO_BLK_MAX_WRITE_ZEROES_SECTORS) {
        return VIRTIO_BLK_S_UNSUPP;
    }
    if (block_is_readonly(s->bb) ||
        !sectors_ok(s, sector, (uint64_t)nsec * BLOCK_SECTOR_SIZE)) {
        return VIRTIO_BLK_S_IOERR;
    }
    r = new_req(s, vq, elem, BLOCK_OP_WRITE_ZEROES, sector);
    r->breq.len = (uint64_t)nsec * BLOCK_SECTOR_SIZE;
    submit(s, r);
    return -1;
}

/* GET_ID: the serial, zero padded, as much as fits. */
static uint32_t get_id(VirtIOBlk *s, VirtQueue *vq, VirtQueueElement *elem)
{
    size_t n = (size_t)MIN(elem->in_len - 1, (uint64_t)VIRTIO_BLK_ID_BYTES);

    virtqueue_write_in(vq, elem, 0, s->serial, n);
    return (uint32_t)n + 1;
}

static void handle_request(VirtIOBlk *s, VirtQueue *vq, VirtQueueElement *elem)
{
    uint8_t hdr[HDR_SIZE];
    uint32_t type, used_len = 1;
    uint64_t sector;
    int status;

    if (elem->out_len < HDR_SIZE || elem->in_len < 1) {
        virtio_error(&s->vdev, "request without a 16-byte header or a "
                     "status byte");
        g_free(elem);
        return;
    }
    virtqueue_read_out(elem, 0, hdr, sizeof(hdr));
    memcpy(&type, hdr, 4);
    memcpy(&sector, hdr + 8, 8);
    type = GUINT32_FROM_LE(type);
    sector = GUINT64_FROM_LE(sector);

    switch (type) {
    case VIRTIO_BLK_T_IN:
    case VIRTIO_BLK_T_OUT:
        status = rw_request(s, vq, elem, type == VIRTIO_BLK_T_OUT, sector);
        break;
    case VIRTIO_BLK_T_FLUSH: {
        BlkReq *r = new_req(s, vq, elem, BLOCK_OP_FLUSH, 0);
        submit(s, r);
        status = -1;
        break;
    }
    case VIRTIO_BLK_T_GET_ID:
        used_len = get_id(s, vq, elem);
        status = VIRTIO_BLK_S_OK;
        break;
    case VIRTIO_BLK_T_WRITE_ZEROES:
        status = write_zeroes_request(s, vq, elem);
        break;
    default:
        status = VIRTIO_BLK_S_UNSUPP;
        break;
    }
    if (status >= 0) {
        finish(s, vq, elem, (uint8_t)status, used_len);
        g_free(elem);
    }
}

static void handle_queue(VirtIOBlk *s, VirtQueue *vq)
{
    /* At most a queue's worth in flight: a guest cannot pile up more. */
    while (virtio_device_live(&s->vdev) && vq->enabled &&
           vq->inflight < vq->num) {
        VirtQueueElement *elem;
        char *err = NULL;
        int ret = virtqueue_pop(vq, &elem, &err);

        if (ret < 0) {
            virtio_error(&s->vdev, "queue %u: %s",
                         virtio_queue_index(&s->vdev, vq), err);
            g_free(err);
            return;
        }
        if (ret == 0) {
            return;
        }
        handle_request(s, vq, elem);
    }
}

static void blk_queue_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    handle_queue(to_blk(vdev), vq);
}

static void put32(uint8_t *p, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    memcpy(p, &v, 4);
}

static void blk_config_read(VirtIODevice *vdev, uint32_t offset, void *buf,
                            unsigned size)
{
    VirtIOBlk *s = to_blk(vdev);
    uint8_t cfg[VIRTIO_BLK_CONFIG_SIZE] = { 0 };
    uint64_t cap = GUINT64_TO_LE(s->sectors);

    memcpy(cfg + 0x00, &cap, 8);                      /* capacity */
    put32(cfg + 0x0c, VIRTIO_BLK_QUEUE_SIZE - 2);     /* seg_max */
    put32(cfg + 0x14, BLOCK_SECTOR_SIZE);             /* blk_size */
    cfg[0x22] = 1;                                    /* num_queues (le16) */
    put32(cfg + 0x30, VIRTIO_BLK_MAX_WRITE_ZEROES_SECTORS);
    put32(cfg + 0x34, 1);                             /* max_write_zeroes_seg */
    memcpy(buf, cfg + offset, size);
}

static void blk_reset(VirtIODevice *vdev)
{
    VirtIOBlk *s = to_blk(vdev);

    /* Let requests finish without writing to the guest any more. */
    s->generation++;
    block_drain(s->bb);
}

static const VirtIODeviceClass virtio_blk_class = {
    .name = "virtio-blk",
    .device_id = VIRTIO_ID_BLOCK,
    .config_read = blk_config_read,
    .queue_notify = blk_queue_notify,
    .reset = blk_reset,
};

VirtIOBlk *virtio_blk_new(MemAddressSpace *as, EmuIrq irq, BlockBackend *bb,
                          const char *serial)
{
    VirtIOBlk *s = g_new0(VirtIOBlk, 1);
    uint64_t features = (1ull << VIRTIO_F_RING_INDIRECT_DESC) |
                        (1ull << VIRTIO_BLK_F_SEG_MAX) |
                        (1ull << VIRTIO_BLK_F_BLK_SIZE) |
                        (1ull << VIRTIO_BLK_F_FLUSH);

    if (block_is_readonly(bb)) {
        features |= 1ull << VIRTIO_BLK_F_RO;
    } else {
        features |= 1ull << VIRTIO_BLK_F_WRITE_ZEROES;
    }
    virtio_device_init(&s->vdev, &virtio_blk_class, as, irq, features,
                       VIRTIO_BLK_CONFIG_SIZE, 1, VIRTIO_BLK_QUEUE_SIZE);
    s->bb = bb;
    s->sectors = block_size(bb) / BLOCK_SECTOR_SIZE;
    if (serial) {
        memcpy(s->serial, serial, MIN(strlen(serial), sizeof(s->serial)));
    }
    return s;
}

VirtIODevice *virtio_blk_vdev(VirtIOBlk *s)
{
    return &s->vdev;
}

void virtio_blk_free(VirtIOBlk *s)
{
    if (!s) {
        return;
    }
    s->generation++;
    block_drain(s->bb);
    g_free(s);
}
