/* Descriptors and rings the virtio-blk device must refuse without
   touching memory: buffers in unassigned space, on a device's registers,
   across the start or the end of RAM (run-diff gives 256 MiB at
   0x40000000), above 4 GiB, with lengths that run far past RAM, a status
   byte outside RAM, rings that do not fit in RAM.  Each must leave the
   device in DEVICE_NEEDS_RESET with nothing used and our sentinels
   intact.  Self-checking (`ok -` / `FAIL -` lines, exit status 1 on a
   failure): QEMU is no oracle here, it maps what is not RAM through a
   bounce buffer and completes some of these requests. */
#include "rt.h"
#include "virtio.h"

#define RAM_START 0x40000000u
#define RAM_END 0x50000000u     /* -m 256 */
#define NOWHERE 0x08100000u     /* unassigned */
#define GICD 0x08000000u

static unsigned failed, passed;

static void expect_refused(const char *name)
{
    uint16_t old = used.idx;
    uint32_t st = submit_wait(0);
    uint32_t ctlr = *(volatile uint32_t *)GICD;

    if ((st & ST_NEEDS_RESET) && used.idx == old && stat == 0xee &&
        data[0] == 0x5a && ctlr == 0) {
        passed++;
        rt_printf("ok - %s\n", name);
    } else {
        failed++;
        rt_printf("FAIL - %s: status %02x used +%u status byte %02x data %02x "
                  "GICD_CTLR %x\n", name, st, (uint16_t)(used.idx - old), stat,
                  data[0], ctlr);
    }
    vq_init();
}

/* A read of sector 1 whose data buffer is @addr_lo/@addr_hi, @len. */
static void bad_read(const char *name, uint32_t addr_lo, uint32_t addr_hi,
                     uint32_t len)
{
    memset(data, 0x5a, sizeof(data));
    put_hdr(VIRTIO_BLK_T_IN, 1);
    chain3(512, VRING_DESC_F_WRITE);
    desc[1].addr_lo = addr_lo;
    desc[1].addr_hi = addr_hi;
    desc[1].len = len;
    expect_refused(name);
}

/* Rings at @desc_pa: QueueReady must fail and the device need a reset. */
static void bad_ring(const char *name, uint32_t desc_pa, uint32_t used_pa)
{
    uint32_t st, ready;

    VREG(V_STATUS) = 0;
    VREG(V_STATUS) = ST_ACK | ST_DRIVER;
    VREG(V_DRV_FEATURES_SEL) = 1;
    VREG(V_DRV_FEATURES) = 1;
    VREG(V_STATUS) = ST_ACK | ST_DRIVER | ST_FEATURES_OK;
    VREG(V_QUEUE_SEL) = 0;
    VREG(V_QUEUE_NUM) = QN;
    VREG(V_QDESC_LO) = desc_pa;
    VREG(V_QDRV_LO) = (uint32_t)&avail;
    VREG(V_QDEV_LO) = used_pa;
    VREG(V_QUEUE_READY) = 1;
    ready = VREG(V_QUEUE_READY);
    st = VREG(V_STATUS);
    if (!ready && (st & ST_NEEDS_RESET)) {
        passed++;
        rt_printf("ok - %s\n", name);
    } else {
        failed++;
        rt_printf("FAIL - %s: ready %u status %02x\n", name, ready, st);
    }
    vq_init();
}

int main(void)
{
    rt_puts("virtiobad\n");
    if (!vq_probe())
        rt_exit(1);
    vq_init();

    bad_read("buffer in unassigned space", NOWHERE, 0, 512);
    bad_read("buffer on the GIC distributor", GICD, 0, 512);
    bad_read("buffer across the end of RAM", RAM_END - 256, 0, 512);
    bad_read("buffer across the start of RAM", RAM_START - 256, 0, 512);
    bad_read("buffer just past RAM", RAM_END, 0, 512);
    bad_read("buffer above 4 GiB", (uint32_t)data, 1, 512);
    bad_read("length running past RAM", (uint32_t)data, 0, 0xfffffe00u);
    bad_read("address + length wrapping 32 bits", 0xfffffe00u, 0, 0x400);

    memset(data, 0x5a, sizeof(data));
    put_hdr(VIRTIO_BLK_T_IN, 1);
    chain3(512, VRING_DESC_F_WRITE);
    desc[2].addr_lo = RAM_END;
    expect_refused("status byte past RAM");

    memset(data, 0x5a, sizeof(data));
    put_hdr(VIRTIO_BLK_T_OUT, 1);
    chain3(512, 0);
    desc[0].addr_lo = NOWHERE;
    expect_refused("header in unassigned space");

    bad_ring("descriptor table across the end of RAM", RAM_END - 64,
             (uint32_t)&used);
    bad_ring("used ring on the GIC", (uint32_t)desc, GICD);

    /* The device still works after all that. */
    memset(data, 0, sizeof(data));
    put_hdr(VIRTIO_BLK_T_IN, 6);
    chain3(512, VRING_DESC_F_WRITE);
    run_case("read sector 6", 0);
    if (stat == 0 && data[0] == 7 && data[511] == 7) {
        passed++;
        rt_puts("ok - read after the abuse\n");
    } else {
        failed++;
        rt_printf("FAIL - read after the abuse: data %02x\n", data[0]);
    }
    rt_printf("virtiobad: %u ok, %u failed\n", passed, failed);
    rt_exit(failed ? 1 : 0);
}
