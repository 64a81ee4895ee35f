/*
 * virtio-guest.c - the guest side of the virtio device tests (see the
 * header).
 */
#include "portos-test.h"

#include <glib.h>
#include <inttypes.h>
#include <string.h>

#include "hw/virtio-mmio.h"
#include "virtio-guest.h"

MemAddressSpace *vg_as;
unsigned vg_trap_hits;
int vg_irq_level;
static uint8_t *ram;

static uint64_t trap_read(void *opaque, uint64_t off, unsigned size)
{
    vg_trap_hits++;
    return 0;
}

static void trap_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    vg_trap_hits++;
}

static const MemOps trap_ops = { trap_read, trap_write };

static void irq_cb(void *opaque, int n, int level)
{
    ck_assert_int_eq(n, VG_IRQ);
    vg_irq_level = level;
}

void vg_setup(void)
{
    void *h;

    vg_as = mem_as_new();
    ck_assert_int_eq(mem_add_ram(vg_as, "ram", VG_RAM_BASE, VG_RAM_SIZE, &h),
                     0);
    ram = h;
    ck_assert_int_eq(mem_add_mmio(vg_as, "below", VG_RAM_BASE - 0x1000,
                                  0x1000, &trap_ops, NULL), 0);
    ck_assert_int_eq(mem_add_mmio(vg_as, "above", VG_RAM_END, 0x1000,
                                  &trap_ops, NULL), 0);
    vg_trap_hits = 0;
    vg_irq_level = 0;
}

void vg_teardown(void)
{
    mem_as_free(vg_as);
    vg_as = NULL;
    ram = NULL;
}

EmuIrq vg_irq(void)
{
    EmuIrq irq = { irq_cb, NULL, VG_IRQ };

    return irq;
}

uint32_t vg_rd(uint64_t off)
{
    uint32_t v;

    ck_assert_int_eq(mem_ldl_le(vg_as, VG_SLOT + off, &v), MEM_TX_OK);
    return v;
}

void vg_wr(uint64_t off, uint32_t v)
{
    ck_assert_int_eq(mem_stl_le(vg_as, VG_SLOT + off, v), MEM_TX_OK);
}

uint8_t *vg_host(uint64_t pa)
{
    /* Not ck_assert: it records its line even when it holds, and the
     * fuzz tests come here a hundred thousand times. */
    if (pa < VG_RAM_BASE || pa >= VG_RAM_END) {
        ck_abort_msg("vg_host: 0x%" PRIx64 " is not in RAM", pa);
    }
    return ram + (pa - VG_RAM_BASE);
}

void vg_put16(uint64_t pa, uint16_t v)
{
    v = GUINT16_TO_LE(v);
    memcpy(vg_host(pa), &v, 2);
}

uint16_t vg_get16(uint64_t pa)
{
    uint16_t v;

    memcpy(&v, vg_host(pa), 2);
    return GUINT16_FROM_LE(v);
}

uint32_t vg_get32(uint64_t pa)
{
    uint32_t v;

    memcpy(&v, vg_host(pa), 4);
    return GUINT32_FROM_LE(v);
}

void vg_desc(uint64_t table, unsigned i, uint64_t addr, uint32_t len,
             uint16_t flags, uint16_t next)
{
    uint8_t *p = vg_host(table + 16 * i);
    uint64_t a = GUINT64_TO_LE(addr);
    uint32_t l = GUINT32_TO_LE(len);
    uint16_t f = GUINT16_TO_LE(flags), n = GUINT16_TO_LE(next);

    memcpy(p, &a, 8);
    memcpy(p + 8, &l, 4);
    memcpy(p + 12, &f, 2);
    memcpy(p + 14, &n, 2);
}

uint64_t vg_device_features(void)
{
    uint64_t f;

    vg_wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    f = (uint64_t)vg_rd(VIRTIO_MMIO_DEVICE_FEATURES) << 32;
    vg_wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    return f | vg_rd(VIRTIO_MMIO_DEVICE_FEATURES);
}

void vg_driver_features(uint64_t f)
{
    vg_wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    vg_wr(VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)f);
    vg_wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    vg_wr(VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)(f >> 32));
}

void vg_probe(uint64_t want)
{
    uint32_t st = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
                  VIRTIO_STATUS_FEATURES_OK;

    vg_wr(VIRTIO_MMIO_STATUS, 0);
    vg_wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
    vg_wr(VIRTIO_MMIO_STATUS,
          VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    vg_driver_features(vg_device_features() & want);
    vg_wr(VIRTIO_MMIO_STATUS, st);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS), st);
}

void vg_queue_write(unsigned q, VGQueue *vq)
{
    vg_wr(VIRTIO_MMIO_QUEUE_SEL, q);
    vg_wr(VIRTIO_MMIO_QUEUE_NUM, vq->size);
    vg_wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)vq->desc);
    vg_wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(vq->desc >> 32));
    vg_wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)vq->avail);
    vg_wr(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(vq->avail >> 32));
    vg_wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)vq->used);
    vg_wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(vq->used >> 32));
    vg_wr(VIRTIO_MMIO_QUEUE_READY, 1);
    vq->avail_idx = 0;
}

void vg_queue_setup(unsigned q, VGQueue *vq)
{
    vg_wr(VIRTIO_MMIO_QUEUE_SEL, q);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_QUEUE_READY), 0);
    ck_assert_uint_ge(vg_rd(VIRTIO_MMIO_QUEUE_NUM_MAX), vq->size);
    vg_queue_write(q, vq);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_QUEUE_READY), 1);
}

void vg_driver_ok(void)
{
    uint32_t st = vg_rd(VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_DRIVER_OK;

    vg_wr(VIRTIO_MMIO_STATUS, st);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS), st);
}

void vg_offer(VGQueue *vq, unsigned q, uint16_t head, bool notify)
{
    vg_put16(vq->avail + 4 + 2 * (vq->avail_idx % vq->size), head);
    vq->avail_idx++;
    vg_put16(vq->avail + 2, vq->avail_idx);
    if (notify) {
        vg_wr(VIRTIO_MMIO_QUEUE_NOTIFY, q);
    }
}

uint16_t vg_used_idx(const VGQueue *vq)
{
    return vg_get16(vq->used + 2);
}

uint32_t vg_used_len(const VGQueue *vq, unsigned i, uint16_t head)
{
    uint64_t e = vq->used + 4 + 8 * (i % vq->size);

    ck_assert_uint_eq(vg_get32(e), head);
    return vg_get32(e + 4);
}
