/* A hostile driver for the virtio-blk device in the highest virtio-mmio
   slot (run-diff attaches a 64 KiB scratch disk whose sector n is filled
   with byte n + 1).  After a proper read and write it submits broken
   descriptor chains (loops, indices out of range, zero lengths, an
   available index that jumps, a header split over descriptors, sectors
   past the end) and prints what the device did: the status register
   (0x40 = DEVICE_NEEDS_RESET), the used ring, the request's status byte
   and the interrupt status.  A device in NEEDS_RESET is reset and set up
   again before the next case.  The driver negotiates VERSION_1 only.
   Cases whose outcome QEMU does not share (buffers outside RAM) are in
   `virtiobad`. */
#include "rt.h"
#include "virtio.h"

int main(void)
{
    rt_puts("virtioblk\n");
    if (!vq_probe())
        rt_exit(1);

    /* A proper read of sector 2 and a write + read back of sector 3. */
    vq_init();
    put_hdr(VIRTIO_BLK_T_IN, 2);
    chain3(512, VRING_DESC_F_WRITE);
    run_case("read sector 2", 0);
    rt_printf("  data %02x %02x\n", data[0], data[511]);
    for (int i = 0; i < 512; i++)
        data[i] = (uint8_t)(0xa0 + i);
    put_hdr(VIRTIO_BLK_T_OUT, 3);
    chain3(512, 0);
    run_case("write sector 3", 0);
    memset(data, 0, sizeof(data));
    put_hdr(VIRTIO_BLK_T_IN, 3);
    chain3(512, VRING_DESC_F_WRITE);
    run_case("read sector 3 back", 0);
    rt_printf("  data %02x %02x\n", data[0], data[511]);

    /* Requests the device answers with an error status. */
    put_hdr(VIRTIO_BLK_T_IN, 128);                  /* just past the end */
    chain3(512, VRING_DESC_F_WRITE);
    run_case("read past the end", 0);
    put_hdr(VIRTIO_BLK_T_IN, 0xffffffffffffff00ull); /* sector * 512 wraps */
    chain3(512, VRING_DESC_F_WRITE);
    run_case("read at a huge sector", 0);
    put_hdr(VIRTIO_BLK_T_OUT, 127);                 /* straddles the end */
    chain3(1024, 0);
    run_case("write across the end", 0);
    put_hdr(0x1234, 0);
    chain3(512, VRING_DESC_F_WRITE);
    run_case("unknown request type", 0);

    /* Odd but valid: header in two descriptors, data and status in one. */
    put_hdr(VIRTIO_BLK_T_IN, 4);
    set_desc(0, (uint32_t)hdr, 8, VRING_DESC_F_NEXT, 1);
    set_desc(1, (uint32_t)hdr + 8, 8, VRING_DESC_F_NEXT, 2);
    set_desc(2, (uint32_t)data, 513, VRING_DESC_F_WRITE, 0);
    data[512] = 0xee;
    run_case("split header, status after data", 0);
    rt_printf("  data %02x status byte %02x\n", data[0], data[512]);

    /* Broken chains: the device must give up on the queue, not hang. */
    put_hdr(VIRTIO_BLK_T_IN, 1);
    chain3(512, VRING_DESC_F_WRITE);
    desc[1].next = 0;                               /* 0 -> 1 -> 0 ... */
    run_case("descriptor loop", 0);
    chain3(512, VRING_DESC_F_WRITE);
    desc[2].flags |= VRING_DESC_F_NEXT;
    desc[2].next = 2;                               /* a self loop */
    run_case("descriptor pointing at itself", 0);
    chain3(512, VRING_DESC_F_WRITE);
    desc[1].next = 200;
    run_case("next index out of range", 0);
    chain3(512, VRING_DESC_F_WRITE);
    run_case("head index out of range", 100);
    chain3(512, VRING_DESC_F_WRITE);
    desc[1].len = 0;
    run_case("zero-length data buffer", 0);
    chain3(512, VRING_DESC_F_WRITE);
    desc[2].len = 0;
    run_case("zero-length status buffer", 0);
    chain3(512, VRING_DESC_F_WRITE);
    set_desc(0, (uint32_t)hdr, 16, 0, 0);
    run_case("header only, no status", 0);
    chain3(512, VRING_DESC_F_WRITE);
    avail.idx += QN;                                /* a jump of QN + 1 */
    run_case("available index jumps", 0);

    /* After all that a reset device works again. */
    put_hdr(VIRTIO_BLK_T_IN, 5);
    chain3(512, VRING_DESC_F_WRITE);
    run_case("read sector 5 after the abuse", 0);
    rt_printf("  data %02x %02x\n", data[0], data[511]);
    rt_exit(0);
}
