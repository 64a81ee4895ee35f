/*
 * virtio-mmio.c - virtio-mmio transport, version 2 (virtio 1.x, 4.2.2),
 * and the device-independent part of a virtio device.
 */
#include "hw/virtio-mmio.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/log.h"

static void vlog(VirtIODevice *vdev, const char *fmt, va_list ap)
{
    char *msg;

    vdev->guest_errors++;
    if (!log_mask(LOG_GUEST_ERROR)) {
        return;
    }
    msg = g_strdup_vprintf(fmt, ap);
    log_printf("%s@0x%08" G_GINT64_MODIFIER "x: %s\n", vdev->cls->name,
            vdev->base, msg);
    g_free(msg);
}

void virtio_guest_error(VirtIODevice *vdev, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vlog(vdev, fmt, ap);
    va_end(ap);
}

static void update_irq(VirtIODevice *vdev)
{
    emu_irq_set(&vdev->irq, vdev->isr != 0);
}

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vlog(vdev, fmt, ap);
    va_end(ap);
    if (vdev->broken) {
        return;
    }
    vdev->broken = true;
    vdev->status |= VIRTIO_STATUS_NEEDS_RESET;
    /* The spec asks for a config-change interrupt so the driver notices. */
    if (vdev->status & VIRTIO_STATUS_DRIVER_OK) {
        vdev->isr |= VIRTIO_INT_CONFIG;
        update_irq(vdev);
    }
}

void virtio_device_init(VirtIODevice *vdev, const VirtIODeviceClass *cls,
                        MemAddressSpace *as, EmuIrq irq, uint64_t features,
                        uint32_t config_size, unsigned num_queues,
                        unsigned queue_num_max)
{
    g_assert(num_queues >= 1 && num_queues <= VIRTIO_MAX_QUEUES);
    g_assert(queue_num_max >= 1 && queue_num_max <= VIRTQUEUE_MAX_SIZE);
    memset(vdev, 0, sizeof(*vdev));
    vdev->cls = cls;
    vdev->as = as;
    vdev->irq = irq;
    vdev->host_features = features | (1ull << VIRTIO_F_VERSION_1);
    vdev->config_size = config_size;
    vdev->num_queues = num_queues;
    vdev->queue_num_max = queue_num_max;
    for (unsigned i = 0; i < num_queues; i++) {
        vdev->q[i].num = queue_num_max;
    }
}

bool virtio_device_live(const VirtIODevice *vdev)
{
    const uint32_t need = VIRTIO_STATUS_FEATURES_OK | VIRTIO_STATUS_DRIVER_OK;

    return !vdev->broken && (vdev->status & need) == need;
}

bool virtio_has_feature(const VirtIODevice *vdev, unsigned bit)
{
    return (vdev->guest_features >> bit) & 1;
}

unsigned virtio_queue_index(const VirtIODevice *vdev, const VirtQueue *vq)
{
    return (unsigned)(((const char *)vq - (const char *)&vdev->q[0].vq) /
                      sizeof(vdev->q[0]));
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (!virtqueue_should_notify(vq)) {
        return;
    }
    vdev->isr |= VIRTIO_INT_VRING;
    update_irq(vdev);
}

void virtio_device_reset(VirtIODevice *vdev)
{
    /* The model first, so it can drop requests still in flight. */
    if (vdev->cls->reset) {
        vdev->cls->reset(vdev);
    }
    for (unsigned i = 0; i < vdev->num_queues; i++) {
        virtqueue_disable(&vdev->q[i].vq);
        vdev->q[i].num = vdev->queue_num_max;
        vdev->q[i].desc = vdev->q[i].driver = vdev->q[i].device = 0;
    }
    vdev->guest_features = 0;
    vdev->status = 0;
    vdev->isr = 0;
    vdev->host_features_sel = vdev->guest_features_sel = 0;
    vdev->queue_sel = 0;
    vdev->broken = false;
    update_irq(vdev);
}

/* The queue QueueSel points at, or NULL (logged) if there is none. */
static bool queue_selected(VirtIODevice *vdev, const char *reg)
{
    if (vdev->queue_sel >= vdev->num_queues) {
        virtio_guest_error(vdev, "%s: queue %u does not exist", reg,
                           vdev->queue_sel);
        return false;
    }
    return true;
}

static void set_features_ok(VirtIODevice *vdev, uint32_t *val)
{
    uint64_t extra = vdev->guest_features & ~vdev->host_features;

    if (extra) {
        virtio_guest_error(vdev, "driver accepted features 0x%" G_GINT64_MODIFIER
                           "x that were not offered", extra);
        *val &= ~VIRTIO_STATUS_FEATURES_OK;
    } else if (!virtio_has_feature(vdev, VIRTIO_F_VERSION_1)) {
        /* Legacy drivers are not supported: refuse FEATURES_OK. */
        virtio_guest_error(vdev, "driver did not accept VIRTIO_F_VERSION_1");
        *val &= ~VIRTIO_STATUS_FEATURES_OK;
    }
}

static void write_status(VirtIODevice *vdev, uint32_t val)
{
    val &= 0xff;
    if (val == 0) {
        virtio_device_reset(vdev);
        return;
    }
    if (vdev->status & ~val & ~(uint32_t)VIRTIO_STATUS_NEEDS_RESET) {
        virtio_guest_error(vdev, "driver cleared status bits 0x%x without a "
                           "reset", vdev->status & ~val);
    }
    if ((val & VIRTIO_STATUS_FEATURES_OK) &&
        !(vdev->status & VIRTIO_STATUS_FEATURES_OK)) {
        set_features_ok(vdev, &val);
    }
    if ((val & VIRTIO_STATUS_DRIVER_OK) &&
        !(val & VIRTIO_STATUS_FEATURES_OK)) {
        /* The queues stay dead until a reset: see virtio_device_live(). */
        virtio_guest_error(vdev, "DRIVER_OK without FEATURES_OK");
    }
    /* NEEDS_RESET belongs to the device: the driver cannot set or clear it. */
    val &= ~(uint32_t)VIRTIO_STATUS_NEEDS_RESET;
    vdev->status = val | (vdev->broken ? VIRTIO_STATUS_NEEDS_RESET : 0);
}

static void write_queue_ready(VirtIODevice *vdev, uint32_t val)
{
    unsigned i = vdev->queue_sel;
    char *err = NULL;

    if (!queue_selected(vdev, "QueueReady")) {
        return;
    }
    if (!(val & 1)) {
        virtqueue_disable(&vdev->q[i].vq);
        return;
    }
    if (vdev->q[i].vq.enabled) {
        return;
    }
    if (vdev->q[i].num > vdev->queue_num_max) {
        virtio_error(vdev, "queue %u: size %u exceeds QueueNumMax %u", i,
                     vdev->q[i].num, vdev->queue_num_max);
        return;
    }
    if (virtqueue_enable(&vdev->q[i].vq, vdev->as, vdev->q[i].num,
                         vdev->q[i].desc, vdev->q[i].driver,
                         vdev->q[i].device,
                         virtio_has_feature(vdev, VIRTIO_F_RING_INDIRECT_DESC),
                         &err) < 0) {
        virtio_error(vdev, "queue %u: %s", i, err);
        g_free(err);
    }
}

static void queue_notify(VirtIODevice *vdev, uint32_t val)
{
    VirtQueue *vq;

    if (val >= vdev->num_queues) {
        virtio_guest_error(vdev, "QueueNotify: queue %u does not exist", val);
        return;
    }
    vq = &vdev->q[val].vq;
    if (!virtio_device_live(vdev) || !vq->enabled) {
        return;
    }
    vdev->cls->queue_notify(vdev, vq);
}

/* Set the low or high half of a 64-bit queue address register. */
static void set_half(uint64_t *reg, bool high, uint32_t val)
{
    if (high) {
        *reg = (*reg & 0xffffffffu) | ((uint64_t)val << 32);
    } else {
        *reg = (*reg & ~(uint64_t)0xffffffffu) | val;
    }
}

static void write_queue_addr(VirtIODevice *vdev, uint64_t off, uint32_t val)
{
    unsigned i = vdev->queue_sel;
    bool high = off & 4;
    uint64_t *reg;

    if (!queue_selected(vdev, "queue address")) {
        return;
    }
    if (vdev->q[i].vq.enabled) {
        virtio_guest_error(vdev, "queue %u: address changed while ready", i);
        return;
    }
    switch (off & ~(uint64_t)4) {
    case VIRTIO_MMIO_QUEUE_DESC_LOW: reg = &vdev->q[i].desc; break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW: reg = &vdev->q[i].driver; break;
    default: reg = &vdev->q[i].device; break;
    }
    set_half(reg, high, val);
}

static uint64_t config_access(VirtIODevice *vdev, uint64_t off, unsigned size,
                              bool write, uint64_t value)
{
    uint64_t coff = off - VIRTIO_MMIO_CONFIG;
    uint64_t v = 0;

    /* 64-bit compare: a truncated offset must not alias the start. */
    if (coff >= vdev->config_size || size > vdev->config_size - coff ||
        size > sizeof(v)) {
        virtio_guest_error(vdev, "config %s at 0x%" G_GINT64_MODIFIER "x (%u "
                           "bytes) past its %u bytes", write ? "write" : "read",
                           coff, size, vdev->config_size);
        return 0;
    }
    if (!write) {
        uint8_t buf[8] = { 0 };
        vdev->cls->config_read(vdev, (uint32_t)coff, buf, size);
        memcpy(&v, buf, size);
        return GUINT64_FROM_LE(v);
    }
    if (vdev->cls->config_write) {
        uint64_t le = GUINT64_TO_LE(value);
        vdev->cls->config_write(vdev, (uint32_t)coff, &le, size);
    }
    return 0;
}

static uint64_t vmmio_read(void *opaque, uint64_t off, unsigned size)
{
    VirtIODevice *vdev = opaque;
    unsigned i = vdev->queue_sel;
    uint32_t sel = vdev->host_features_sel;

    if (off >= VIRTIO_MMIO_CONFIG) {
        return config_access(vdev, off, size, false, 0);
    }
    if (size != 4 || (off & 3)) {
        virtio_guest_error(vdev, "%u-byte read of register 0x%" G_GINT64_MODIFIER
                           "x", size, off);
        return 0;
    }
    switch (off) {
    case VIRTIO_MMIO_MAGIC_VALUE: return VIRTIO_MMIO_MAGIC;
    case VIRTIO_MMIO_VERSION_REG: return VIRTIO_MMIO_VERSION;
    case VIRTIO_MMIO_DEVICE_ID: return vdev->cls->device_id;
    case VIRTIO_MMIO_VENDOR_ID: return VIRTIO_MMIO_VENDOR;
    case VIRTIO_MMIO_DEVICE_FEATURES:
        return sel < 2 ? (uint32_t)(vdev->host_features >> (32 * sel)) : 0;
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
        return i < vdev->num_queues ? vdev->queue_num_max : 0;
    case VIRTIO_MMIO_QUEUE_READY:
        return i < vdev->num_queues ? vdev->q[i].vq.enabled : 0;
    case VIRTIO_MMIO_INTERRUPT_STATUS: return vdev->isr;
    case VIRTIO_MMIO_STATUS: return vdev->status;
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_LOW + 4:
        return 0xffffffffu; /* no shared memory regions: length ~0 */
    case VIRTIO_MMIO_CONFIG_GENERATION: return 0; /* config never changes */
    default:
        virtio_guest_error(vdev, "read of write-only or unknown register 0x%"
                           G_GINT64_MODIFIER "x", off);
        return 0;
    }
}

static void vmmio_write(void *opaque, uint64_t off, uint64_t value,
                        unsigned size)
{
    VirtIODevice *vdev = opaque;
    uint32_t val = (uint32_t)value;
    unsigned sel;

    if (off >= VIRTIO_MMIO_CONFIG) {
        config_access(vdev, off, size, true, value);
        return;
    }
    if (size != 4 || (off & 3)) {
        virtio_guest_error(vdev, "%u-byte write to register 0x%"
                           G_GINT64_MODIFIER "x", size, off);
        return;
    }
    switch (off) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL: vdev->host_features_sel = val; break;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        sel = vdev->guest_features_sel;
        if (vdev->status & VIRTIO_STATUS_FEATURES_OK) {
            virtio_guest_error(vdev, "features written after FEATURES_OK");
        } else if (sel < 2) {
            set_half(&vdev->guest_features, sel == 1, val);
        } else if (val) {
            virtio_guest_error(vdev, "features word %u does not exist", sel);
        }
        break;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL: vdev->guest_features_sel = val; break;
    case VIRTIO_MMIO_QUEUE_SEL: vdev->queue_sel = val; break;
    case VIRTIO_MMIO_QUEUE_NUM:
        if (queue_selected(vdev, "QueueNum")) {
            vdev->q[vdev->queue_sel].num = val;
        }
        break;
    case VIRTIO_MMIO_QUEUE_READY: write_queue_ready(vdev, val); break;
    case VIRTIO_MMIO_QUEUE_NOTIFY: queue_notify(vdev, val); break;
    case VIRTIO_MMIO_INTERRUPT_ACK:
        vdev->isr &= ~val;
        update_irq(vdev);
        break;
    case VIRTIO_MMIO_STATUS: write_status(vdev, val); break;
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        write_queue_addr(vdev, off, val);
        break;
    case VIRTIO_MMIO_SHM_SEL: break;
    default:
        virtio_guest_error(vdev, "write to read-only or unknown register 0x%"
                           G_GINT64_MODIFIER "x", off);
        break;
    }
}

const MemOps virtio_mmio_ops = {
    .read = vmmio_read,
    .write = vmmio_write,
};

/* An empty slot: Linux reads DeviceID 0 and skips it. */
static uint64_t empty_read(void *opaque, uint64_t off, unsigned size)
{
    switch (off) {
    case VIRTIO_MMIO_MAGIC_VALUE: return VIRTIO_MMIO_MAGIC;
    case VIRTIO_MMIO_VERSION_REG: return VIRTIO_MMIO_VERSION;
    case VIRTIO_MMIO_VENDOR_ID: return VIRTIO_MMIO_VENDOR;
    default: return 0;
    }
}

static void empty_write(void *opaque, uint64_t off, uint64_t value,
                        unsigned size)
{
}

const MemOps virtio_mmio_empty_ops = {
    .read = empty_read,
    .write = empty_write,
};

int virtio_mmio_map(MemAddressSpace *as, uint64_t base, VirtIODevice *vdev)
{
    if (!vdev) {
        return mem_add_mmio(as, "virtio-mmio (empty)", base,
                            VIRTIO_MMIO_SLOT_SIZE, &virtio_mmio_empty_ops,
                            NULL);
    }
    vdev->base = base;
    return mem_add_mmio(as, vdev->cls->name, base, VIRTIO_MMIO_SLOT_SIZE,
                        &virtio_mmio_ops, vdev);
}
