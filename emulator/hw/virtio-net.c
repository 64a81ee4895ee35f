/*
 * virtio-net.c - virtio network device: frames between rings and a backend
 */
#include "hw/virtio-net.h"

#include <glib.h>
#include <string.h>

#define RX_QUEUE 0
#define TX_QUEUE 1
/* gso_type NONE; flags 0; num_buffers at offset 10 (le16). */
#define HDR_GSO_TYPE 1
#define HDR_NUM_BUFFERS 10

struct VirtIONet {
    VirtIODevice vdev;        /* first: the class callbacks cast back */
    uint8_t mac[6];
    VirtIONetSend *send;
    void *send_opaque;
    GQueue backlog;           /* of GBytes: frames waiting for a buffer */
    uint64_t rx_dropped;
};

static VirtIONet *to_net(VirtIODevice *vdev)
{
    return (VirtIONet *)vdev;
}

static void clear_backlog(VirtIONet *s)
{
    GBytes *b;

    while ((b = g_queue_pop_head(&s->backlog))) {
        g_bytes_unref(b);
    }
}

/* Pop one element of @vq; on a malformed ring the device is broken. */
static int pop(VirtIONet *s, VirtQueue *vq, VirtQueueElement **elem)
{
    char *err = NULL;
    int ret = virtqueue_pop(vq, elem, &err);

    if (ret < 0) {
        virtio_error(&s->vdev, "queue %u: %s",
                     virtio_queue_index(&s->vdev, vq), err);
        g_free(err);
    }
    return ret;
}

static bool rx_ready(const VirtIONet *s)
{
    return virtio_device_live(&s->vdev) && s->vdev.q[RX_QUEUE].vq.enabled;
}

/*
 * Put @frame into the guest's next receive buffer.  Returns 1 when the
 * frame is consumed (delivered, or dropped with the buffer handed back),
 * 0 when there is no buffer, -1 when the ring is broken.
 */
static int deliver(VirtIONet *s, const uint8_t *frame, size_t len)
{
    VirtQueue *vq = &s->vdev.q[RX_QUEUE].vq;
    uint8_t hdr[VIRTIO_NET_HDR_SIZE] = { 0 };
    VirtQueueElement *elem;
    int ret = pop(s, vq, &elem);

    if (ret <= 0) {
        return ret;
    }
    if (elem->out_num) {
        virtio_error(&s->vdev, "receive buffer with a device-readable part");
        g_free(elem);
        return -1;
    }
    if (elem->in_len < VIRTIO_NET_HDR_SIZE + len) {
        /* Without MRG_RXBUF a frame must fit one buffer: the driver's fault. */
        virtio_guest_error(&s->vdev, "receive buffer of %" G_GUINT64_FORMAT
                           " bytes is too small for a %zu-byte frame",
                           elem->in_len, len);
        s->rx_dropped++;
        virtqueue_push(vq, elem, 0);
    } else {
        hdr[HDR_NUM_BUFFERS] = 1;
        virtqueue_write_in(vq, elem, 0, hdr, sizeof(hdr));
        virtqueue_write_in(vq, elem, sizeof(hdr), frame, len);
        virtqueue_push(vq, elem, (uint32_t)(sizeof(hdr) + len));
    }
    g_free(elem);
    virtio_notify(&s->vdev, vq);
    return 1;
}

/* Move queued frames into buffers the driver made available. */
static void flush_backlog(VirtIONet *s)
{
    GBytes *b;

    while (rx_ready(s) && (b = g_queue_peek_head(&s->backlog))) {
        gsize len;
        const uint8_t *data = g_bytes_get_data(b, &len);

        if (deliver(s, data, len) <= 0) {
            return;
        }
        g_bytes_unref(g_queue_pop_head(&s->backlog));
    }
}

void virtio_net_receive(VirtIONet *s, const uint8_t *frame, size_t len)
{
    if (len > VIRTIO_NET_MAX_FRAME || !rx_ready(s)) {
        s->rx_dropped++;
        return;
    }
    flush_backlog(s);
    if (g_queue_is_empty(&s->backlog) && deliver(s, frame, len) != 0) {
        return;
    }
    if (!rx_ready(s) || s->backlog.length >= VIRTIO_NET_RX_BACKLOG) {
        s->rx_dropped++;
        return;
    }
    g_queue_push_tail(&s->backlog, g_bytes_new(frame, len));
}

/* One transmitted chain: header, then the frame, all device-readable. */
static void transmit(VirtIONet *s, VirtQueue *vq, VirtQueueElement *elem)
{
    uint8_t hdr[VIRTIO_NET_HDR_SIZE];
    uint8_t frame[VIRTIO_NET_MAX_FRAME];
    uint64_t len;

    if (elem->out_len < VIRTIO_NET_HDR_SIZE) {
        virtio_error(&s->vdev, "transmit buffer of %" G_GUINT64_FORMAT
                     " bytes has no %d-byte header", elem->out_len,
                     VIRTIO_NET_HDR_SIZE);
        return;
    }
    len = elem->out_len - VIRTIO_NET_HDR_SIZE;
    virtqueue_read_out(elem, 0, hdr, sizeof(hdr));
    if (hdr[HDR_GSO_TYPE] != 0) {
        /* GSO was not offered: a segmentation request is not a frame. */
        virtio_guest_error(&s->vdev, "transmit with gso_type %u, which was "
                           "not negotiated: dropped", hdr[HDR_GSO_TYPE]);
    } else if (len == 0 || len > sizeof(frame)) {
        virtio_guest_error(&s->vdev, "transmitted frame of %" G_GUINT64_FORMAT
                           " bytes (1..%u): dropped", len,
                           VIRTIO_NET_MAX_FRAME);
    } else {
        virtqueue_read_out(elem, VIRTIO_NET_HDR_SIZE, frame, (size_t)len);
        s->send(s->send_opaque, frame, (size_t)len);
    }
    virtqueue_push(vq, elem, 0);
    virtio_notify(&s->vdev, vq);
}

static void net_queue_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *s = to_net(vdev);
    VirtQueueElement *elem;

    if (vq == &vdev->q[RX_QUEUE].vq) {
        flush_backlog(s);
        return;
    }
    /* Bounded by the ring: virtqueue_pop refuses more than num pending. */
    while (virtio_device_live(vdev) && vq->enabled && pop(s, vq, &elem) > 0) {
        transmit(s, vq, elem);
        g_free(elem);
    }
}

static void net_config_read(VirtIODevice *vdev, uint32_t offset, void *buf,
                            unsigned size)
{
    VirtIONet *s = to_net(vdev);
    uint8_t cfg[VIRTIO_NET_CONFIG_SIZE];
    uint16_t status = GUINT16_TO_LE(VIRTIO_NET_S_LINK_UP);

    memcpy(cfg, s->mac, 6);
    memcpy(cfg + 6, &status, 2);
    memcpy(buf, cfg + offset, size);
}

static void net_reset(VirtIODevice *vdev)
{
    clear_backlog(to_net(vdev));
}

static const VirtIODeviceClass virtio_net_class = {
    .name = "virtio-net",
    .device_id = VIRTIO_ID_NET,
    .config_read = net_config_read,
    .queue_notify = net_queue_notify,
    .reset = net_reset,
};

VirtIONet *virtio_net_new(MemAddressSpace *as, EmuIrq irq,
                          const uint8_t mac[6], VirtIONetSend *send,
                          void *opaque)
{
    VirtIONet *s = g_new0(VirtIONet, 1);
    uint64_t features = (1ull << VIRTIO_NET_F_MAC) |
                        (1ull << VIRTIO_NET_F_STATUS);

    virtio_device_init(&s->vdev, &virtio_net_class, as, irq, features,
                       VIRTIO_NET_CONFIG_SIZE, 2, VIRTIO_NET_QUEUE_SIZE);
    memcpy(s->mac, mac, 6);
    s->send = send;
    s->send_opaque = opaque;
    g_queue_init(&s->backlog);
    return s;
}

VirtIODevice *virtio_net_vdev(VirtIONet *s)
{
    return &s->vdev;
}

uint64_t virtio_net_rx_dropped(const VirtIONet *s)
{
    return s->rx_dropped;
}

void virtio_net_free(VirtIONet *s)
{
    if (!s) {
        return;
    }
    clear_backlog(s);
    g_free(s);
}
