/*
 * virtio-rng.c - virtio entropy device: fill the driver's buffers with
 * host random bytes
 */
#include "hw/virtio-rng.h"

#include <glib.h>
#include <stdio.h>

#include <portos/error.h>
#include <portos/random.h>

struct VirtIORng {
    VirtIODevice vdev;        /* first: the class callbacks cast back */
    bool host_failed;         /* the host source failed: said once */
};

static VirtIORng *to_rng(VirtIODevice *vdev)
{
    return (VirtIORng *)vdev;
}

/* Random bytes into @elem's writable part; returns how many. */
static uint32_t fill(VirtIORng *s, VirtQueue *vq, VirtQueueElement *elem)
{
    uint8_t buf[VIRTIO_RNG_MAX_REQUEST];
    size_t n = (size_t)MIN(elem->in_len, (uint64_t)sizeof(buf));
    int r = portos_random_bytes(buf, n);

    if (r < 0) {
        /* The guest gets nothing rather than predictable bytes. */
        if (!s->host_failed) {
            fprintf(stderr, "portos-arm: virtio-rng: the host's random "
                    "source failed: %s\n", portos_strerror(r));
            s->host_failed = true;
        }
        return 0;
    }
    return (uint32_t)virtqueue_write_in(vq, elem, 0, buf, n);
}

static void rng_queue_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIORng *s = to_rng(vdev);

    while (virtio_device_live(vdev) && vq->enabled) {
        VirtQueueElement *elem;
        char *err = NULL;
        int ret = virtqueue_pop(vq, &elem, &err);

        if (ret < 0) {
            virtio_error(vdev, "queue 0: %s", err);
            g_free(err);
            return;
        }
        if (ret == 0) {
            return;
        }
        if (elem->out_num || !elem->in_len) {
            /* 5.4.6.1: the driver places device-writable buffers only. */
            virtio_error(vdev, "request with %u readable buffers and %"
                         G_GUINT64_FORMAT " writable bytes", elem->out_num,
                         elem->in_len);
            g_free(elem);
            return;
        }
        virtqueue_push(vq, elem, fill(s, vq, elem));
        virtio_notify(vdev, vq);
        g_free(elem);
    }
}

static void rng_config_read(VirtIODevice *vdev, uint32_t offset, void *buf,
                            unsigned size)
{
    /* No configuration space: the transport never calls this. */
    (void)vdev, (void)offset, (void)buf, (void)size;
}

static const VirtIODeviceClass virtio_rng_class = {
    .name = "virtio-rng",
    .device_id = VIRTIO_ID_RNG,
    .config_read = rng_config_read,
    .queue_notify = rng_queue_notify,
};

VirtIORng *virtio_rng_new(MemAddressSpace *as, EmuIrq irq)
{
    VirtIORng *s = g_new0(VirtIORng, 1);

    virtio_device_init(&s->vdev, &virtio_rng_class, as, irq,
                       1ull << VIRTIO_F_RING_INDIRECT_DESC, 0, 1,
                       VIRTIO_RNG_QUEUE_SIZE);
    return s;
}

VirtIODevice *virtio_rng_vdev(VirtIORng *s)
{
    return &s->vdev;
}

void virtio_rng_free(VirtIORng *s)
{
    g_free(s);
}
