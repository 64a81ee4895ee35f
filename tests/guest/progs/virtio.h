/* A minimal virtio-mmio (version 2) driver for the virtio-blk device in
   the highest slot of the virt board, for programs that abuse it. */
#ifndef VIRTIO_H
#define VIRTIO_H
#include "rt.h"

#define VMMIO 0x0a003e00u
#define VREG(off) (*(volatile uint32_t *)(VMMIO + (off)))
enum {
    V_MAGIC = 0x000, V_VERSION = 0x004, V_DEVICE_ID = 0x008,
    V_DRV_FEATURES = 0x020, V_DRV_FEATURES_SEL = 0x024, V_QUEUE_SEL = 0x030,
    V_QUEUE_NUM = 0x038, V_QUEUE_READY = 0x044, V_QUEUE_NOTIFY = 0x050,
    V_INT_STATUS = 0x060, V_INT_ACK = 0x064, V_STATUS = 0x070,
    V_QDESC_LO = 0x080, V_QDESC_HI = 0x084, V_QDRV_LO = 0x090,
    V_QDRV_HI = 0x094, V_QDEV_LO = 0x0a0, V_QDEV_HI = 0x0a4, V_CONFIG = 0x100,
};
#define ST_ACK 1
#define ST_DRIVER 2
#define ST_DRIVER_OK 4
#define ST_FEATURES_OK 8
#define ST_NEEDS_RESET 0x40
#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2
#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define QN 8                    /* queue size the driver sets */
#define WAIT_LOOPS 3000000u     /* bound on polling for a completion */

struct vdesc {
    uint32_t addr_lo, addr_hi;  /* le64, as two words: no LDRD alignment */
    uint32_t len;
    uint16_t flags, next;
};

static struct vdesc desc[QN] __attribute__((aligned(16)));
static struct {
    uint16_t flags, idx, ring[QN], used_event;
} avail __attribute__((aligned(4)));
static volatile struct {
    uint16_t flags, idx;
    struct { uint32_t id, len; } ring[QN];
    uint16_t avail_event;
} used __attribute__((aligned(8)));
static uint8_t hdr[16] __attribute__((aligned(8)));
static uint8_t data[1024] __attribute__((aligned(8)));
static volatile uint8_t stat;

static void set_desc(unsigned i, uint32_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    desc[i].addr_lo = addr;
    desc[i].addr_hi = 0;
    desc[i].len = len;
    desc[i].flags = flags;
    desc[i].next = next;
}

static void put_hdr(uint32_t type, uint64_t sector)
{
    memset(hdr, 0, sizeof(hdr));
    memcpy(hdr, &type, 4);
    memcpy(hdr + 8, &sector, 8);
}

/* header -> data (@len bytes, @dflags) -> status byte */
static void chain3(uint32_t len, uint16_t dflags)
{
    set_desc(0, (uint32_t)hdr, 16, VRING_DESC_F_NEXT, 1);
    set_desc(1, (uint32_t)data, len, dflags | VRING_DESC_F_NEXT, 2);
    set_desc(2, (uint32_t)&stat, 1, VRING_DESC_F_WRITE, 0);
    stat = 0xee;
}

static int vq_probe(void)
{
    uint32_t magic = VREG(V_MAGIC), version = VREG(V_VERSION);
    uint32_t id = VREG(V_DEVICE_ID);

    rt_printf("magic %08x version %u device %u capacity %u sectors\n", magic,
              version, id, VREG(V_CONFIG));
    return magic == 0x74726976 && version == 2 && id == 2;
}

/* Reset, negotiate VERSION_1 only, set up queue 0, DRIVER_OK. */
static void vq_init(void)
{
    uint32_t st;

    VREG(V_STATUS) = 0;
    VREG(V_STATUS) = ST_ACK;
    VREG(V_STATUS) = ST_ACK | ST_DRIVER;
    VREG(V_DRV_FEATURES_SEL) = 0;
    VREG(V_DRV_FEATURES) = 0;
    VREG(V_DRV_FEATURES_SEL) = 1;
    VREG(V_DRV_FEATURES) = 1;               /* VIRTIO_F_VERSION_1 */
    VREG(V_STATUS) = ST_ACK | ST_DRIVER | ST_FEATURES_OK;
    st = VREG(V_STATUS);
    if (!(st & ST_FEATURES_OK))
        rt_printf("FEATURES_OK refused: status %02x\n", st);
    memset(&avail, 0, sizeof(avail));
    memset((void *)&used, 0, sizeof(used));
    VREG(V_QUEUE_SEL) = 0;
    VREG(V_QUEUE_NUM) = QN;
    VREG(V_QDESC_LO) = (uint32_t)desc;
    VREG(V_QDESC_HI) = 0;
    VREG(V_QDRV_LO) = (uint32_t)&avail;
    VREG(V_QDRV_HI) = 0;
    VREG(V_QDEV_LO) = (uint32_t)&used;
    VREG(V_QDEV_HI) = 0;
    VREG(V_QUEUE_READY) = 1;
    VREG(V_STATUS) = ST_ACK | ST_DRIVER | ST_FEATURES_OK | ST_DRIVER_OK;
}

/* Offer @head, kick, wait for a used entry or NEEDS_RESET; the status. */
static uint32_t submit_wait(uint16_t head)
{
    uint16_t old = used.idx;
    uint32_t st = 0;

    avail.ring[avail.idx % QN] = head;
    DSB();
    avail.idx++;
    DSB();
    VREG(V_QUEUE_NOTIFY) = 0;
    for (uint32_t i = 0; i < WAIT_LOOPS; i++) {
        st = VREG(V_STATUS);
        if (used.idx != old || (st & ST_NEEDS_RESET))
            break;
    }
    return st;
}

/* submit_wait() and print what the device did. */
static void run_case(const char *name, uint16_t head)
{
    uint16_t old = used.idx;
    uint32_t st = submit_wait(head), isr;

    isr = VREG(V_INT_STATUS);
    /* QEMU also sets the used-buffer bit with a configuration change. */
    rt_printf("%s: status %02x isr %x", name, st,
              isr & (st & ST_NEEDS_RESET ? 2 : 3));
    if (used.idx != old) {
        unsigned slot = old % QN;
        rt_printf(" used +%u id %u", (uint16_t)(used.idx - old),
                  used.ring[slot].id);
        /* QEMU counts every writable byte as used, also for errors. */
        if (stat == 0)
            rt_printf(" len %u", used.ring[slot].len);
        rt_printf(" status byte %02x\n", stat);
    } else {
        rt_printf(" nothing used\n");
    }
    VREG(V_INT_ACK) = isr;
    if (st & ST_NEEDS_RESET)
        vq_init();
}

#endif
