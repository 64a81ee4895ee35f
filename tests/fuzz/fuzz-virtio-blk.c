/*
 * fuzz-virtio-blk.c - the virtio-mmio transport, the split virtqueue and
 * virtio-blk requests, from register writes and guest RAM contents, on a
 * real temporary disk image.
 *
 * Input:
 *   byte 0    flags: bit 0 set: first probe the device the way Linux does
 *             (features from byte 1, queue 0 of byte 2 + 1 entries with its
 *             rings at DESC/AVAIL/USED below); bit 1: read-only disk
 *   byte 3    number of register operations N (then N * 6 bytes):
 *             op (0 write, 1 read, 2 notify queue 0 and poll, 3 poll),
 *             register offset / 4, 32-bit value (little-endian)
 *   the rest  guest RAM from RAM_BASE (descriptors, rings, headers, data)
 * After the operations every queue is kicked and the block layer drained.
 * A DMA access outside RAM lands in a trap region that counts it; any
 * host memory error is ASan's to report.
 */
#define _POSIX_C_SOURCE 200809L

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <portos/coroutine.h>

#include "block/block.h"
#include "hw/virtio-blk.h"
#include "hw/virtio-mmio.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x10000ull
#define SLOT     0x0a003e00ull
/* Where the probe puts queue 0's rings (room for 8 entries; more overlap). */
#define DESC_PA  (RAM_BASE + 0x000)
#define AVAIL_PA (RAM_BASE + 0x080)
#define USED_PA  (RAM_BASE + 0x0c0)
#define DISK_SIZE (64 * 512)

static int image_fd, image_ro_fd;
static BlockBackend *bb, *bb_ro;
static uint8_t disk[DISK_SIZE];

static uint64_t trap_read(void *opaque, uint64_t off, unsigned size)
{
    return 0;
}

static void trap_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
}

static const MemOps trap_ops = { trap_read, trap_write };

static void irq_cb(void *opaque, int n, int level)
{
}

/* A disk image in $TMPDIR, filled with disk[]; each backend has its own
 * file (the block layer may lock an image against a second opener). */
static BlockBackend *open_image(unsigned flags, int *fd)
{
    char *path = g_build_filename(g_get_tmp_dir(), "portos-fuzz-vblk-XXXXXX",
                                  NULL);
    char *err = NULL;
    BlockBackend *b;

    *fd = g_mkstemp(path);
    if (*fd < 0 || pwrite(*fd, disk, DISK_SIZE, 0) != DISK_SIZE) {
        perror("fuzz-virtio-blk: image");
        abort();
    }
    b = block_open(path, flags, &err);
    if (!b) {
        fprintf(stderr, "fuzz-virtio-blk: %s\n", err);
        abort();
    }
    /* Unlinked now: nothing is left behind when the fuzzer is stopped. */
    unlink(path);
    g_free(path);
    return b;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    for (size_t i = 0; i < DISK_SIZE; i++) {
        disk[i] = (uint8_t)(i / 512);
    }
    bb = open_image(0, &image_fd);
    bb_ro = open_image(BLOCK_OPEN_READONLY, &image_ro_fd);
    return 0;
}

static void wr(MemAddressSpace *as, uint64_t off, uint32_t v)
{
    mem_stl_le(as, SLOT + off, v);
}

static uint32_t rd(MemAddressSpace *as, uint64_t off)
{
    uint32_t v = 0;

    mem_ldl_le(as, SLOT + off, &v);
    return v;
}

static void probe(MemAddressSpace *as, uint8_t want, uint8_t qsize)
{
    uint32_t st = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER;
    uint32_t lo, hi;

    wr(as, VIRTIO_MMIO_STATUS, 0);
    wr(as, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
    wr(as, VIRTIO_MMIO_STATUS, st);
    wr(as, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    lo = rd(as, VIRTIO_MMIO_DEVICE_FEATURES);
    wr(as, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    hi = rd(as, VIRTIO_MMIO_DEVICE_FEATURES);
    /* want's bits pick the features to drop: one per byte of lo. */
    for (int i = 0; i < 4; i++) {
        if (want & (1u << i)) {
            lo &= ~(0xffu << (8 * i));
        }
    }
    wr(as, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(as, VIRTIO_MMIO_DRIVER_FEATURES, lo);
    wr(as, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(as, VIRTIO_MMIO_DRIVER_FEATURES, (want & 0x10) ? 0 : hi);
    st |= VIRTIO_STATUS_FEATURES_OK;
    wr(as, VIRTIO_MMIO_STATUS, st);
    wr(as, VIRTIO_MMIO_QUEUE_SEL, 0);
    wr(as, VIRTIO_MMIO_QUEUE_NUM, (uint32_t)qsize + 1);
    wr(as, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC_PA);
    wr(as, VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
    wr(as, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL_PA);
    wr(as, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
    wr(as, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED_PA);
    wr(as, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
    wr(as, VIRTIO_MMIO_QUEUE_READY, 1);
    wr(as, VIRTIO_MMIO_STATUS, st | VIRTIO_STATUS_DRIVER_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    EmuIrq irq = { irq_cb, NULL, 47 };
    MemAddressSpace *as;
    VirtIOBlk *blk;
    void *host;
    size_t nops, pos;

    if (size < 4) {
        return 0;
    }
    nops = data[3];
    pos = 4;

    /* The same disk contents for every input, so a finding replays. */
    if (pwrite(image_fd, disk, DISK_SIZE, 0) != DISK_SIZE ||
        pwrite(image_ro_fd, disk, DISK_SIZE, 0) != DISK_SIZE) {
        abort();
    }
    as = mem_as_new();
    if (mem_add_ram(as, "ram", RAM_BASE, RAM_SIZE, &host) != 0 ||
        mem_add_mmio(as, "trap", RAM_BASE + RAM_SIZE, 0x1000, &trap_ops,
                     NULL) != 0) {
        abort();
    }
    blk = virtio_blk_new(as, irq, (data[0] & 2) ? bb_ro : bb, "fuzz");
    if (virtio_mmio_map(as, SLOT, virtio_blk_vdev(blk)) != 0) {
        abort();
    }
    if (nops * 6 <= size - pos) {
        size_t ram_len = MIN(size - pos - nops * 6, RAM_SIZE);
        memcpy(host, data + pos + nops * 6, ram_len);
    } else {
        nops = (size - pos) / 6;
    }
    if (data[0] & 1) {
        probe(as, data[1], data[2]);
    }
    for (size_t i = 0; i < nops; i++, pos += 6) {
        const uint8_t *op = data + pos;
        uint32_t off = (uint32_t)op[1] * 4 % VIRTIO_MMIO_SLOT_SIZE;
        uint32_t v = (uint32_t)op[2] | (uint32_t)op[3] << 8 |
                     (uint32_t)op[4] << 16 | (uint32_t)op[5] << 24;

        switch (op[0] % 4) {
        case 0: wr(as, off, v); break;
        case 1: rd(as, off); break;
        case 2: wr(as, VIRTIO_MMIO_QUEUE_NOTIFY, 0); block_poll(); break;
        default: block_poll(); break;
        }
    }
    wr(as, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    while (block_pending()) {
        block_poll();
    }
    virtio_blk_free(blk);
    mem_as_free(as);
    return 0;
}
