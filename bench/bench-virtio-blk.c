/*
 * bench-virtio-blk.c - cost of the virtio-blk path (ring parsing, MMIO
 * registers, coroutine per request, completion through block_poll())
 * against plain reads of the same file through the block layer's own
 * positional I/O, in the same process.  Prints figures and ratios.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include <portos/coroutine.h>
#include <portos/osinfo.h>

#include "block/block.h"
#include "hw/virtio-blk.h"
#include "hw/virtio-mmio.h"

#define RAM_BASE  0x40000000ull
#define RAM_SIZE  0x400000ull
#define SLOT      0x0a003e00ull
#define DESC_PA   (RAM_BASE + 0x0000)
#define AVAIL_PA  (RAM_BASE + 0x4000)
#define USED_PA   (RAM_BASE + 0x5000)
#define HDR_PA    (RAM_BASE + 0x8000)
#define STAT_PA   (RAM_BASE + 0x9000)
#define DATA_PA   (RAM_BASE + 0x100000)
#define QSIZE     256
#define IMAGE_MB  32

static MemAddressSpace *as;
static uint8_t *ram;
static uint16_t avail_idx;

static void wr(uint64_t off, uint32_t v)
{
    mem_stl_le(as, SLOT + off, v);
}

static void put(uint64_t pa, const void *v, size_t n)
{
    memcpy(ram + (pa - RAM_BASE), v, n);
}

static void desc(unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                 uint16_t next)
{
    uint64_t a = GUINT64_TO_LE(addr);
    uint32_t l = GUINT32_TO_LE(len);
    uint16_t f = GUINT16_TO_LE(flags), n = GUINT16_TO_LE(next);
    uint64_t p = DESC_PA + 16 * i;

    put(p, &a, 8);
    put(p + 8, &l, 4);
    put(p + 12, &f, 2);
    put(p + 14, &n, 2);
}

static void driver_init(void)
{
    wr(VIRTIO_MMIO_STATUS, 0);
    wr(VIRTIO_MMIO_STATUS, 3);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 1);     /* VERSION_1 */
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 1u << VIRTIO_BLK_F_FLUSH);
    wr(VIRTIO_MMIO_STATUS, 11);
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC_PA);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL_PA);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED_PA);
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
    wr(VIRTIO_MMIO_STATUS, 15);
}

/*
 * One read of @pages 4 KiB pages at @sector, the way Linux lays it out;
 * @stride 0x1000 puts the pages side by side in RAM, 0x2000 scatters them.
 */
static unsigned stride = 0x1000;

static void guest_read(uint64_t sector, unsigned pages)
{
    uint32_t type = 0;
    uint64_t s = GUINT64_TO_LE(sector);
    uint16_t idx;

    put(HDR_PA, &type, 4);
    put(HDR_PA + 8, &s, 8);
    desc(0, HDR_PA, 16, VIRTQ_DESC_F_NEXT, 1);
    for (unsigned i = 0; i < pages; i++) {
        desc(1 + i, DATA_PA + (uint64_t)stride * i, 0x1000,
             VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, (uint16_t)(2 + i));
    }
    desc(1 + pages, STAT_PA, 1, VIRTQ_DESC_F_WRITE, 0);
    idx = GUINT16_TO_LE(0);
    put(AVAIL_PA + 4 + 2 * (avail_idx % QSIZE), &idx, 2);
    avail_idx++;
    idx = GUINT16_TO_LE(avail_idx);
    put(AVAIL_PA + 2, &idx, 2);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    block_poll();
    wr(VIRTIO_MMIO_INTERRUPT_ACK, 1);
}

/* The same reads, one block-layer request each, without virtio. */
static void host_done(BlockRequest *req, int ret)
{
    (void)req;
    (void)ret;
}

static void host_read(BlockBackend *bb, uint64_t sector, unsigned pages)
{
    BlockIov iov = { ram + (DATA_PA - RAM_BASE), 0x1000u * pages };
    BlockRequest req = { 0 };

    req.op = BLOCK_OP_READ;
    req.offset = sector * 512;
    req.iov = &iov;
    req.niov = 1;
    req.cb = host_done;
    block_aio_submit(bb, &req);
    block_poll();
}

static double run(BlockBackend *bb, bool virtio, unsigned pages, unsigned n)
{
    uint64_t sectors = (uint64_t)IMAGE_MB * 2048;
    uint64_t step = pages * 8ull;
    int64_t t0 = portos_clock_monotonic_ns();

    for (unsigned i = 0; i < n; i++) {
        uint64_t sector = (i * step * 7919) % (sectors - step);
        if (virtio) {
            guest_read(sector, pages);
        } else {
            host_read(bb, sector, pages);
        }
    }
    return (double)(portos_clock_monotonic_ns() - t0) / n;
}

int main(void)
{
    char *image = g_build_filename(g_get_tmp_dir(), "portos-bench-vblk.img", NULL);
    uint8_t *buf = g_malloc0(1 << 20);
    EmuIrq irq = { NULL, NULL, 0 };
    char *err = NULL;
    BlockBackend *bb;
    VirtIOBlk *blk;
    FILE *f = fopen(image, "wb");
    void *h;

    for (int i = 0; f && i < IMAGE_MB; i++) {
        fwrite(buf, 1, 1 << 20, f);
    }
    if (!f || fclose(f) != 0) {
        fprintf(stderr, "bench-virtio-blk: cannot write %s\n", image);
        return 1;
    }
    bb = block_open(image, 0, &err);
    if (!bb) {
        fprintf(stderr, "bench-virtio-blk: %s\n", err);
        return 1;
    }
    as = mem_as_new();
    mem_add_ram(as, "ram", RAM_BASE, RAM_SIZE, &h);
    ram = h;
    blk = virtio_blk_new(as, irq, bb, "bench");
    virtio_mmio_map(as, SLOT, virtio_blk_vdev(blk));
    driver_init();

    printf("%-36s %10s %10s %6s\n", "guest read", "virtio ns", "direct ns",
           "ratio");
    for (int scattered = 0; scattered < 2; scattered++) {
        stride = scattered ? 0x2000 : 0x1000;
        for (unsigned pages = 1; pages <= 64; pages *= 4) {
            unsigned n = 20000 / pages;
            double v, d;

            run(bb, true, pages, n / 10);      /* warm the page cache */
            v = run(bb, true, pages, n);
            d = run(bb, false, pages, n);
            printf("%3u KiB, %2u pages, %-11s %10.0f %10.0f %6.2f\n",
                   pages * 4, pages, scattered ? "scattered" : "contiguous",
                   v, d, v / d);
        }
    }

    virtio_blk_free(blk);
    block_close(bb);
    mem_as_free(as);
    portos_coroutine_pool_drain();
    g_unlink(image);
    g_free(image);
    g_free(buf);
    return 0;
}
