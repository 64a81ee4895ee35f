/*
 * test-virtio-blk.c - virtio-mmio register protocol (probed the way Linux
 * probes) and virtio-blk end to end on a real temporary image file.
 */
#include "portos-test.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include <portos/coroutine.h>

#include "block/block.h"
#include "hw/virtio-blk.h"
#include "hw/virtio-mmio.h"
#include "util/log.h"
#include "virtio-guest.h"

#define RAM_BASE VG_RAM_BASE
#define RAM_END  VG_RAM_END
#define EMPTY    0x0a003c00ull
#define DESC_PA  (RAM_BASE + 0x0000)
#define AVAIL_PA (RAM_BASE + 0x4000)
#define USED_PA  (RAM_BASE + 0x5000)
#define HDR_PA   (RAM_BASE + 0x8000)
#define DATA_PA  (RAM_BASE + 0x10000)
#define STAT_PA  (RAM_BASE + 0x9000)
#define TABLE_PA (RAM_BASE + 0xa000)
#define QSIZE 64
#define DISK_SECTORS 128

static char *image;
static BlockBackend *bb;
static VirtIOBlk *blk;
static VGQueue vq = { DESC_PA, AVAIL_PA, USED_PA, QSIZE, 0 };

static void header(uint32_t type, uint64_t sector)
{
    uint32_t t = GUINT32_TO_LE(type), zero = 0;
    uint64_t s = GUINT64_TO_LE(sector);

    memcpy(vg_host(HDR_PA), &t, 4);
    memcpy(vg_host(HDR_PA + 4), &zero, 4);
    memcpy(vg_host(HDR_PA + 8), &s, 8);
}

/* A 128-sector image; sector i is filled with byte i. */
static void make_image(void)
{
    uint8_t sec[512];
    FILE *f;

    image = portos_test_tmpname("vblk");
    f = fopen(image, "wb");
    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < DISK_SECTORS; i++) {
        memset(sec, i, sizeof(sec));
        ck_assert_uint_eq(fwrite(sec, 1, sizeof(sec), f), sizeof(sec));
    }
    fclose(f);
}

static void read_image(uint64_t off, void *buf, size_t len)
{
    FILE *f = fopen(image, "rb");

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, (long)off, SEEK_SET), 0);
    ck_assert_uint_eq(fread(buf, 1, len, f), len);
    fclose(f);
}

static void start(unsigned open_flags)
{
    char *err = NULL;

    vg_setup();
    make_image();
    bb = block_open(image, open_flags, &err);
    ck_assert_msg(bb != NULL, "%s", err ? err : "");
    blk = virtio_blk_new(vg_as, vg_irq(), bb, "portos-serial-0123456789");
    ck_assert_int_eq(virtio_mmio_map(vg_as, VG_SLOT, virtio_blk_vdev(blk)), 0);
    ck_assert_int_eq(virtio_mmio_map(vg_as, EMPTY, NULL), 0);
    vq.avail_idx = 0;
}

static void setup(void)
{
    start(0);
}

static void setup_ro(void)
{
    start(BLOCK_OPEN_READONLY);
}

static void teardown(void)
{
    virtio_blk_free(blk);
    block_close(bb);
    vg_teardown();
    g_unlink(image);
    g_free(image);
    portos_coroutine_pool_drain();
    ck_assert_uint_eq(block_pending(), 0);
}

/* The Linux virtio_mmio + virtio_blk probe sequence. */
static void driver_init(uint64_t want)
{
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_MAGIC_VALUE), 0x74726976);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_VERSION_REG), 2);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_BLOCK);
    vg_probe(want);
    vg_queue_setup(0, &vq);
    vg_driver_ok();
}

#define ALL_FEATURES (~0ull & ~(1ull << VIRTIO_F_RING_EVENT_IDX))

static void kick(uint16_t head)
{
    vg_offer(&vq, 0, head, true);
}

/*
 * One request: header (readable), one data buffer of @len bytes at
 * DATA_PA (readable for writes, writable for reads), status byte.
 * Returns the status byte once the main loop ran the completion.
 */
static int request(uint32_t type, uint64_t sector, uint32_t len, bool dev_writes)
{
    uint16_t used_before = vg_used_idx(&vq);
    unsigned d = 0;

    header(type, sector);
    *vg_host(STAT_PA) = 0xee;
    vg_desc(DESC_PA, 0, HDR_PA, 16, VIRTQ_DESC_F_NEXT, 1);
    if (len) {
        vg_desc(DESC_PA, 1, DATA_PA, len,
                VIRTQ_DESC_F_NEXT | (dev_writes ? VIRTQ_DESC_F_WRITE : 0), 2);
        d = 2;
    } else {
        d = 1;
    }
    vg_desc(DESC_PA, d, STAT_PA, 1, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    block_poll();
    ck_assert_uint_eq(vg_used_idx(&vq), (uint16_t)(used_before + 1));
    ck_assert_uint_eq(vg_get32(USED_PA + 4 + 8 * (used_before % QSIZE)), 0);
    return *vg_host(STAT_PA);
}

START_TEST(test_probe_registers)
{
    uint64_t f = vg_device_features();
    uint32_t lo, hi;

    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_MAGIC_VALUE), VIRTIO_MMIO_MAGIC);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_VERSION_REG), 2);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_DEVICE_ID), 2);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_VENDOR_ID), VIRTIO_MMIO_VENDOR);
    ck_assert(f & (1ull << VIRTIO_F_VERSION_1));
    ck_assert(f & (1ull << VIRTIO_BLK_F_FLUSH));
    ck_assert(f & (1ull << VIRTIO_BLK_F_BLK_SIZE));
    ck_assert(f & (1ull << VIRTIO_BLK_F_SEG_MAX));
    ck_assert(f & (1ull << VIRTIO_F_RING_INDIRECT_DESC));
    ck_assert(!(f & (1ull << VIRTIO_F_RING_EVENT_IDX)));
    ck_assert(!(f & (1ull << VIRTIO_BLK_F_RO)));
    vg_wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 7);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_DEVICE_FEATURES), 0);

    /* Config space: capacity vg_as Linux reads it (two 32-bit halves). */
    lo = vg_rd(VIRTIO_MMIO_CONFIG + 0);
    hi = vg_rd(VIRTIO_MMIO_CONFIG + 4);
    ck_assert_uint_eq(((uint64_t)hi << 32) | lo, DISK_SECTORS);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_CONFIG + 0x0c), VIRTIO_BLK_QUEUE_SIZE - 2);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_CONFIG + 0x14), 512);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_CONFIG_GENERATION), 0);
    /* Byte access to config works too; past its end reads 0. */
    {
        uint8_t b;
        ck_assert_int_eq(mem_read(vg_as, VG_SLOT + VIRTIO_MMIO_CONFIG, &b, 1),
                         MEM_TX_OK);
        ck_assert_uint_eq(b, DISK_SECTORS);
    }
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_CONFIG + 0x100 - 4), 0);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_QUEUE_NUM_MAX), VIRTIO_BLK_QUEUE_SIZE);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_INTERRUPT_STATUS), 0);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS), 0);
}
END_TEST

START_TEST(test_empty_slot)
{
    uint32_t v;

    ck_assert_int_eq(mem_ldl_le(vg_as, EMPTY, &v), MEM_TX_OK);
    ck_assert_uint_eq(v, VIRTIO_MMIO_MAGIC);
    ck_assert_int_eq(mem_ldl_le(vg_as, EMPTY + 4, &v), MEM_TX_OK);
    ck_assert_uint_eq(v, 2);
    ck_assert_int_eq(mem_ldl_le(vg_as, EMPTY + 8, &v), MEM_TX_OK);
    ck_assert_uint_eq(v, 0);  /* no device: Linux skips the slot */
    ck_assert_int_eq(mem_stl_le(vg_as, EMPTY + VIRTIO_MMIO_STATUS, 7), MEM_TX_OK);
    ck_assert_int_eq(mem_ldl_le(vg_as, EMPTY + VIRTIO_MMIO_STATUS, &v), MEM_TX_OK);
    ck_assert_uint_eq(v, 0);
}
END_TEST

START_TEST(test_feature_negotiation)
{
    uint32_t st = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER;
    VirtIODevice *vdev = virtio_blk_vdev(blk);

    vg_wr(VIRTIO_MMIO_STATUS, st);
    /* A legacy driver (no VERSION_1) is refused. */
    vg_driver_features(1ull << VIRTIO_BLK_F_FLUSH);
    vg_wr(VIRTIO_MMIO_STATUS, st | VIRTIO_STATUS_FEATURES_OK);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK, 0);
    /* So is a feature that was not offered. */
    vg_driver_features((1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_F_RING_EVENT_IDX));
    vg_wr(VIRTIO_MMIO_STATUS, st | VIRTIO_STATUS_FEATURES_OK);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK, 0);
    /* An offered subset is accepted, and then frozen. */
    vg_driver_features((1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_BLK_F_FLUSH));
    vg_wr(VIRTIO_MMIO_STATUS, st | VIRTIO_STATUS_FEATURES_OK);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS), st | VIRTIO_STATUS_FEATURES_OK);
    ck_assert(virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH));
    vg_driver_features(1ull << VIRTIO_F_VERSION_1);
    ck_assert(virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH));
    ck_assert_uint_ge(vdev->guest_errors, 3);
}
END_TEST

/* Queue set-up as driver_init() does it, with status bits @st. */
static void setup_queue_then_status(uint32_t st)
{
    vg_queue_write(0, &vq);
    vg_wr(VIRTIO_MMIO_STATUS, st);
}

/* A read request of sector 5 into DATA_PA; true if the device touched it. */
static bool read_request_processed(void)
{
    memset(vg_host(DATA_PA), 0xaa, 512);
    header(VIRTIO_BLK_T_IN, 5);
    *vg_host(STAT_PA) = 0xee;
    vg_desc(DESC_PA, 0, HDR_PA, 16, VIRTQ_DESC_F_NEXT, 1);
    vg_desc(DESC_PA, 1, DATA_PA, 512, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 2);
    vg_desc(DESC_PA, 2, STAT_PA, 1, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    block_poll();
    return vg_used_idx(&vq) != 0 || *vg_host(STAT_PA) != 0xee ||
           vg_host(DATA_PA)[0] != 0xaa;
}

/*
 * virtio 1.x: a device must not process queues before the driver reached
 * FEATURES_OK.  A driver that asked for features that were not offered
 * is refused FEATURES_OK; setting DRIVER_OK anyway must not bring the
 * queue to life, nor must DRIVER_OK without trying FEATURES_OK at all.
 */
START_TEST(test_no_io_without_features_ok)
{
    uint32_t st = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER;

    vg_wr(VIRTIO_MMIO_STATUS, st);
    vg_driver_features((1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_F_RING_EVENT_IDX));
    vg_wr(VIRTIO_MMIO_STATUS, st | VIRTIO_STATUS_FEATURES_OK);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK, 0);
    setup_queue_then_status(st | VIRTIO_STATUS_DRIVER_OK);
    ck_assert(!read_request_processed());
    ck_assert_int_eq(vg_irq_level, 0);

    vg_wr(VIRTIO_MMIO_STATUS, 0);
    vq.avail_idx = 0;
    vg_put16(AVAIL_PA + 2, 0);
    vg_wr(VIRTIO_MMIO_STATUS, st);
    vg_driver_features(1ull << VIRTIO_F_VERSION_1);
    setup_queue_then_status(st | VIRTIO_STATUS_DRIVER_OK);
    ck_assert(!read_request_processed());

    /* After a reset and a proper negotiation the same request works. */
    vg_wr(VIRTIO_MMIO_STATUS, 0);
    vq.avail_idx = 0;
    vg_put16(AVAIL_PA + 2, 0);
    driver_init(ALL_FEATURES);
    ck_assert(read_request_processed());
    ck_assert_uint_eq(*vg_host(STAT_PA), VIRTIO_BLK_S_OK);
    ck_assert_uint_eq(vg_host(DATA_PA)[0], 5);
}
END_TEST

/* Config offsets are compared in 64 bits: no alias of the start. */
START_TEST(test_config_offset_bounds)
{
    VirtIODevice *vdev = virtio_blk_vdev(blk);

    ck_assert_uint_eq(virtio_mmio_ops.read(vdev, VIRTIO_MMIO_CONFIG, 4),
                      DISK_SECTORS);
    ck_assert_uint_eq(virtio_mmio_ops.read(vdev, VIRTIO_MMIO_CONFIG +
                                           (1ull << 32), 4), 0);
    ck_assert_uint_eq(virtio_mmio_ops.read(vdev, UINT64_MAX - 3, 4), 0);
    /* The last byte, and a read running one byte past the end. */
    ck_assert_uint_eq(virtio_mmio_ops.read(vdev, VIRTIO_MMIO_CONFIG +
                                           VIRTIO_BLK_CONFIG_SIZE - 1, 1), 0);
    ck_assert_uint_eq(virtio_mmio_ops.read(vdev, VIRTIO_MMIO_CONFIG +
                                           VIRTIO_BLK_CONFIG_SIZE - 4, 8), 0);
}
END_TEST

START_TEST(test_reset)
{
    VirtIODevice *vdev = virtio_blk_vdev(blk);

    driver_init(ALL_FEATURES);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_QUEUE_READY), 1);
    vg_wr(VIRTIO_MMIO_STATUS, 0);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS), 0);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_QUEUE_READY), 0);
    ck_assert_uint_eq(vdev->guest_features, 0);
    /* The driver can come back up after a reset. */
    driver_init(ALL_FEATURES);
    ck_assert_int_eq(request(VIRTIO_BLK_T_IN, 3, 512, true), VIRTIO_BLK_S_OK);
    ck_assert_uint_eq(vg_host(DATA_PA)[0], 3);
}
END_TEST

START_TEST(test_bad_register_use)
{
    VirtIODevice *vdev = virtio_blk_vdev(blk);
    unsigned before = vdev->guest_errors;
    char *path = portos_test_tmpname("virtio-log");
    char *text = NULL;
    unsigned lines = 0;
    uint16_t h;

    /* -d guest_errors -D FILE: one line each in the log. */
    ck_assert_ptr_null(log_setup(LOG_GUEST_ERROR, path, NULL));

    /* Non-32-bit access to a register, write to a read-only one... */
    ck_assert_int_eq(mem_read(vg_as, VG_SLOT + VIRTIO_MMIO_STATUS, &h, 2), MEM_TX_OK);
    vg_wr(VIRTIO_MMIO_MAGIC_VALUE, 0);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_MAGIC_VALUE), VIRTIO_MMIO_MAGIC);
    /* ...a queue that does not exist, a notify of one. */
    vg_wr(VIRTIO_MMIO_QUEUE_SEL, 5);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
    vg_wr(VIRTIO_MMIO_QUEUE_READY, 1);
    vg_wr(VIRTIO_MMIO_QUEUE_NOTIFY, 9);
    log_close();
    ck_assert_uint_ge(vdev->guest_errors, before + 4);
    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    ck_assert_msg(g_str_has_prefix(text, "virtio-blk@0x"), "log: %s", text);
    for (const char *p = text; *p; p++) {
        lines += *p == '\n';
    }
    ck_assert_uint_eq(lines, vdev->guest_errors - before);
    g_free(text);
    g_remove(path);
    g_free(path);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
}
END_TEST

START_TEST(test_queue_size_not_power_of_two)
{
    vg_wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    vg_wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    vg_wr(VIRTIO_MMIO_QUEUE_NUM, 100);
    vg_wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC_PA);
    vg_wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL_PA);
    vg_wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED_PA);
    vg_wr(VIRTIO_MMIO_QUEUE_READY, 1);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_QUEUE_READY), 0);
    ck_assert_uint_ne(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
}
END_TEST

START_TEST(test_write_read_back)
{
    uint8_t buf[1024], disk[1024];

    driver_init(ALL_FEATURES);
    for (int i = 0; i < 1024; i++) {
        vg_host(DATA_PA)[i] = (uint8_t)(i * 7);
    }
    ck_assert_int_eq(request(VIRTIO_BLK_T_OUT, 10, 1024, false), VIRTIO_BLK_S_OK);
    ck_assert_int_eq(vg_irq_level, 1);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_VRING);
    vg_wr(VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_VRING);
    ck_assert_int_eq(vg_irq_level, 0);
    ck_assert_uint_eq(vg_get32(USED_PA + 8), 1);  /* only the status byte */

    /* It is in the file, at sector 10, and the neighbours are untouched. */
    read_image(9 * 512, disk, 512);
    ck_assert_uint_eq(disk[511], 9);
    read_image(10 * 512, disk, 1024);
    ck_assert_int_eq(memcmp(disk, vg_host(DATA_PA), 1024), 0);
    read_image(12 * 512, disk, 1);
    ck_assert_uint_eq(disk[0], 12);

    memcpy(buf, vg_host(DATA_PA), 1024);
    memset(vg_host(DATA_PA), 0, 1024);
    ck_assert_int_eq(request(VIRTIO_BLK_T_IN, 10, 1024, true), VIRTIO_BLK_S_OK);
    ck_assert_int_eq(memcmp(buf, vg_host(DATA_PA), 1024), 0);
    ck_assert_uint_eq(vg_get32(USED_PA + 8 + 8), 1025);
    ck_assert_uint_eq(vg_trap_hits, 0);
}
END_TEST

START_TEST(test_scattered_indirect_read)
{
    uint16_t used_before;

    driver_init(ALL_FEATURES);
    /* Header split in two, data in three pieces, status: all indirect. */
    header(VIRTIO_BLK_T_IN, 5);
    vg_desc(TABLE_PA, 0, HDR_PA, 6, VIRTQ_DESC_F_NEXT, 1);
    vg_desc(TABLE_PA, 1, HDR_PA + 6, 10, VIRTQ_DESC_F_NEXT, 2);
    vg_desc(TABLE_PA, 2, DATA_PA, 100, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 3);
    vg_desc(TABLE_PA, 3, DATA_PA + 0x1000, 400, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 4);
    vg_desc(TABLE_PA, 4, DATA_PA + 0x2000, 12, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 5);
    vg_desc(TABLE_PA, 5, STAT_PA, 1, VIRTQ_DESC_F_WRITE, 0);
    vg_desc(DESC_PA, 7, TABLE_PA, 6 * 16, VIRTQ_DESC_F_INDIRECT, 0);
    used_before = vg_used_idx(&vq);
    kick(7);
    /* Not complete until the main loop polls. */
    ck_assert_uint_eq(vg_used_idx(&vq), used_before);
    ck_assert_uint_eq(block_poll(), 1);
    ck_assert_uint_eq(vg_used_idx(&vq), used_before + 1);
    ck_assert_uint_eq(vg_get32(USED_PA + 4), 7);
    ck_assert_uint_eq(*vg_host(STAT_PA), VIRTIO_BLK_S_OK);
    ck_assert_uint_eq(vg_host(DATA_PA)[99], 5);
    ck_assert_uint_eq(vg_host(DATA_PA + 0x1000)[399], 5);
    ck_assert_uint_eq(vg_host(DATA_PA + 0x2000)[11], 5);
    ck_assert_uint_eq(vg_host(DATA_PA + 0x2000)[12], 0);
}
END_TEST

START_TEST(test_flush_and_get_id)
{
    driver_init(ALL_FEATURES);
    ck_assert_int_eq(request(VIRTIO_BLK_T_FLUSH, 0, 0, false), VIRTIO_BLK_S_OK);
    memset(vg_host(DATA_PA), 0xff, 32);
    ck_assert_int_eq(request(VIRTIO_BLK_T_GET_ID, 0, 32, true), VIRTIO_BLK_S_OK);
    /* 20 bytes of serial, nothing beyond. */
    ck_assert_int_eq(memcmp(vg_host(DATA_PA), "portos-serial-012345", 20), 0);
    ck_assert_uint_eq(vg_host(DATA_PA)[20], 0xff);
    ck_assert_uint_eq(vg_get32(USED_PA + 8 + 8), 21);
}
END_TEST

START_TEST(test_out_of_range)
{
    uint8_t disk[512];

    driver_init(ALL_FEATURES);
    memset(vg_host(DATA_PA), 0x77, 1024);
    /* Last sector plus one past the end; far past; sector wrapping 2^64. */
    ck_assert_int_eq(request(VIRTIO_BLK_T_OUT, DISK_SECTORS - 1, 1024, false),
                     VIRTIO_BLK_S_IOERR);
    ck_assert_int_eq(request(VIRTIO_BLK_T_OUT, 1ull << 40, 512, false),
                     VIRTIO_BLK_S_IOERR);
    ck_assert_int_eq(request(VIRTIO_BLK_T_OUT, ~0ull >> 9, 1024, false),
                     VIRTIO_BLK_S_IOERR);
    ck_assert_int_eq(request(VIRTIO_BLK_T_IN, DISK_SECTORS, 512, true),
                     VIRTIO_BLK_S_IOERR);
    /* Not whole sectors. */
    ck_assert_int_eq(request(VIRTIO_BLK_T_OUT, 0, 100, false),
                     VIRTIO_BLK_S_IOERR);
    read_image((DISK_SECTORS - 1) * 512, disk, 512);
    ck_assert_uint_eq(disk[0], DISK_SECTORS - 1);
    read_image(0, disk, 512);
    ck_assert_uint_eq(disk[0], 0);
    /* The last sector itself is fine. */
    ck_assert_int_eq(request(VIRTIO_BLK_T_IN, DISK_SECTORS - 1, 512, true),
                     VIRTIO_BLK_S_OK);
    ck_assert_uint_eq(vg_host(DATA_PA)[0], DISK_SECTORS - 1);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
}
END_TEST

START_TEST(test_unsupported)
{
    driver_init(ALL_FEATURES);
    ck_assert_int_eq(request(99, 0, 0, false), VIRTIO_BLK_S_UNSUPP);
    ck_assert_int_eq(request(VIRTIO_BLK_T_DISCARD, 0, 16, false),
                     VIRTIO_BLK_S_UNSUPP);
}
END_TEST

START_TEST(test_write_zeroes)
{
    uint8_t seg[16] = { 0 }, disk[1536];

    driver_init(ALL_FEATURES);
    seg[0] = 20;   /* sector 20, 2 sectors, no flags */
    seg[8] = 2;
    memcpy(vg_host(DATA_PA), seg, 16);
    ck_assert_int_eq(request(VIRTIO_BLK_T_WRITE_ZEROES, 0, 16, false),
                     VIRTIO_BLK_S_OK);
    read_image(19 * 512, disk, sizeof(disk));
    ck_assert_uint_eq(disk[511], 19);
    ck_assert_uint_eq(disk[512], 0);
    ck_assert_uint_eq(disk[1535], 0);
    /* Past the end: IOERR, nothing written. */
    seg[0] = DISK_SECTORS - 1;
    memcpy(vg_host(DATA_PA), seg, 16);
    ck_assert_int_eq(request(VIRTIO_BLK_T_WRITE_ZEROES, 0, 16, false),
                     VIRTIO_BLK_S_IOERR);
    read_image((DISK_SECTORS - 1) * 512, disk, 1);
    ck_assert_uint_eq(disk[0], DISK_SECTORS - 1);
}
END_TEST

START_TEST(test_readonly_drive)
{
    uint8_t disk[512];

    ck_assert(vg_device_features() & (1ull << VIRTIO_BLK_F_RO));
    ck_assert(!(vg_device_features() & (1ull << VIRTIO_BLK_F_WRITE_ZEROES)));
    driver_init(ALL_FEATURES);
    memset(vg_host(DATA_PA), 0x55, 512);
    ck_assert_int_eq(request(VIRTIO_BLK_T_OUT, 4, 512, false),
                     VIRTIO_BLK_S_IOERR);
    read_image(4 * 512, disk, 512);
    ck_assert_uint_eq(disk[0], 4);
    ck_assert_int_eq(request(VIRTIO_BLK_T_IN, 4, 512, true), VIRTIO_BLK_S_OK);
    ck_assert_uint_eq(vg_host(DATA_PA)[511], 4);
}
END_TEST

START_TEST(test_malformed_chain_breaks_device)
{
    uint8_t *before;

    driver_init(ALL_FEATURES);
    header(VIRTIO_BLK_T_IN, 0);
    /* Data buffer running past the end of RAM. */
    vg_desc(DESC_PA, 0, HDR_PA, 16, VIRTQ_DESC_F_NEXT, 1);
    vg_desc(DESC_PA, 1, RAM_END - 256, 512,
            VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    vg_desc(DESC_PA, 2, STAT_PA, 1, VIRTQ_DESC_F_WRITE, 0);
    *vg_host(STAT_PA) = 0xee;
    vg_put16(AVAIL_PA + 4, 0);
    vg_put16(AVAIL_PA + 2, ++vq.avail_idx);
    before = g_memdup2(vg_host(RAM_BASE), VG_RAM_SIZE);
    vg_wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    block_poll();
    ck_assert_uint_ne(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_CONFIG);
    ck_assert_int_eq(vg_irq_level, 1);
    ck_assert_uint_eq(vg_trap_hits, 0);
    /* Nothing was written to RAM, not even the status byte. */
    ck_assert_int_eq(memcmp(before, vg_host(RAM_BASE), VG_RAM_SIZE), 0);
    g_free(before);

    /* A broken device ignores notifies until it is reset. */
    vg_desc(DESC_PA, 1, DATA_PA, 512, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    kick(0);
    block_poll();
    ck_assert_uint_eq(vg_used_idx(&vq), 0);
    /* The driver cannot clear NEEDS_RESET by itself. */
    vg_wr(VIRTIO_MMIO_STATUS, vg_rd(VIRTIO_MMIO_STATUS) & ~VIRTIO_STATUS_NEEDS_RESET);
    ck_assert_uint_ne(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);

    vg_wr(VIRTIO_MMIO_STATUS, 0);
    ck_assert_int_eq(vg_irq_level, 0);
    memset(vg_host(RAM_BASE), 0, 0x6000);
    vq.avail_idx = 0;
    driver_init(ALL_FEATURES);
    ck_assert_int_eq(request(VIRTIO_BLK_T_IN, 2, 512, true), VIRTIO_BLK_S_OK);
}
END_TEST

START_TEST(test_missing_header)
{
    driver_init(ALL_FEATURES);
    /* Only a status byte: no header at all. */
    vg_desc(DESC_PA, 0, STAT_PA, 1, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    ck_assert_uint_ne(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    ck_assert_uint_eq(vg_used_idx(&vq), 0);
}
END_TEST

START_TEST(test_reset_with_request_pending)
{
    driver_init(ALL_FEATURES);
    header(VIRTIO_BLK_T_IN, 1);
    vg_desc(DESC_PA, 0, HDR_PA, 16, VIRTQ_DESC_F_NEXT, 1);
    vg_desc(DESC_PA, 1, DATA_PA, 512, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    vg_desc(DESC_PA, 2, STAT_PA, 1, VIRTQ_DESC_F_WRITE, 0);
    *vg_host(STAT_PA) = 0xee;
    kick(0);
    ck_assert_uint_eq(block_pending(), 1);
    vg_wr(VIRTIO_MMIO_STATUS, 0);
    /* The reset drained it without completing it to the guest. */
    ck_assert_uint_eq(block_pending(), 0);
    block_poll();
    ck_assert_uint_eq(vg_used_idx(&vq), 0);
    ck_assert_uint_eq(*vg_host(STAT_PA), 0xee);
    ck_assert_int_eq(vg_irq_level, 0);
}
END_TEST

START_TEST(test_free_with_request_pending)
{
    driver_init(ALL_FEATURES);
    header(VIRTIO_BLK_T_FLUSH, 0);
    vg_desc(DESC_PA, 0, HDR_PA, 16, VIRTQ_DESC_F_NEXT, 1);
    vg_desc(DESC_PA, 1, STAT_PA, 1, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    ck_assert_uint_eq(block_pending(), 1);
    /* teardown frees the device with it pending: no leak, no write. */
}
END_TEST

START_TEST(test_suppressed_interrupt)
{
    driver_init(ALL_FEATURES);
    vg_put16(AVAIL_PA, VIRTQ_AVAIL_F_NO_INTERRUPT);
    ck_assert_int_eq(request(VIRTIO_BLK_T_IN, 0, 512, true), VIRTIO_BLK_S_OK);
    ck_assert_int_eq(vg_irq_level, 0);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_INTERRUPT_STATUS), 0);
}
END_TEST

START_TEST(test_many_requests_in_flight)
{
    /* A full queue of one-sector reads, completed in one poll. */
    driver_init(ALL_FEATURES);
    header(VIRTIO_BLK_T_IN, 0);
    for (unsigned i = 0; i < QSIZE / 2; i++) {
        vg_desc(DESC_PA, 2 * i, HDR_PA, 16, VIRTQ_DESC_F_NEXT, 2 * i + 1);
        vg_desc(DESC_PA, 2 * i + 1, DATA_PA + 513 * i, 513, VIRTQ_DESC_F_WRITE, 0);
        vg_put16(AVAIL_PA + 4 + 2 * i, (uint16_t)(2 * i));
    }
    vq.avail_idx = QSIZE / 2;
    vg_put16(AVAIL_PA + 2, vq.avail_idx);
    vg_wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    ck_assert_uint_eq(block_pending(), QSIZE / 2);
    ck_assert_uint_eq(block_poll(), QSIZE / 2);
    ck_assert_uint_eq(vg_used_idx(&vq), QSIZE / 2);
    for (unsigned i = 0; i < QSIZE / 2; i++) {
        ck_assert_uint_eq(vg_host(DATA_PA + 513 * i)[512], VIRTIO_BLK_S_OK);
    }
}
END_TEST

START_TEST(test_inflight_bounded)
{
    /*
     * A driver that re-posts the same chains before the first batch
     * completes: the device keeps at most a queue's worth in flight and
     * picks the rest up as completions free slots.
     */
    driver_init(ALL_FEATURES);
    header(VIRTIO_BLK_T_IN, 1);
    vg_desc(DESC_PA, 0, HDR_PA, 16, VIRTQ_DESC_F_NEXT, 1);
    vg_desc(DESC_PA, 1, DATA_PA, 513, VIRTQ_DESC_F_WRITE, 0);
    for (unsigned i = 0; i < QSIZE; i++) {
        vg_put16(AVAIL_PA + 4 + 2 * i, 0);
    }
    vg_put16(AVAIL_PA + 2, QSIZE);
    vg_wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    ck_assert_uint_eq(block_pending(), QSIZE);
    vg_put16(AVAIL_PA + 2, 2 * QSIZE);
    vg_wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
    ck_assert_uint_eq(block_pending(), QSIZE);
    /* Each completion lets one more in. */
    ck_assert_uint_eq(block_poll(), QSIZE);
    ck_assert_uint_eq(block_pending(), QSIZE);
    ck_assert_uint_eq(block_poll(), QSIZE);
    ck_assert_uint_eq(block_pending(), 0);
    ck_assert_uint_eq(vg_used_idx(&vq), 2 * QSIZE);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
}
END_TEST

START_TEST(test_write_through_without_flush)
{
    uint8_t disk[512];
    uint64_t cap;

    /* A driver that did not take FLUSH: writes still land (synced). */
    driver_init(ALL_FEATURES & ~(1ull << VIRTIO_BLK_F_FLUSH));
    ck_assert(!virtio_has_feature(virtio_blk_vdev(blk), VIRTIO_BLK_F_FLUSH));
    memset(vg_host(DATA_PA), 0x3c, 512);
    ck_assert_int_eq(request(VIRTIO_BLK_T_OUT, 8, 512, false), VIRTIO_BLK_S_OK);
    read_image(8 * 512, disk, 512);
    ck_assert_uint_eq(disk[0], 0x3c);
    /* 64-bit config read; config writes are ignored (read-only config). */
    ck_assert_int_eq(mem_read(vg_as, VG_SLOT + VIRTIO_MMIO_CONFIG, &cap, 8), MEM_TX_OK);
    ck_assert_uint_eq(GUINT64_FROM_LE(cap), DISK_SECTORS);
    vg_wr(VIRTIO_MMIO_CONFIG, 5);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_CONFIG), DISK_SECTORS);
}
END_TEST

Suite *suite_virtio_blk(void)
{
    Suite *s = suite_create("virtio-blk");
    TCase *mmio = tcase_create("mmio");
    TCase *io = tcase_create("io");
    TCase *ro = tcase_create("readonly");

    tcase_add_checked_fixture(mmio, setup, teardown);
    tcase_add_test(mmio, test_probe_registers);
    tcase_add_test(mmio, test_empty_slot);
    tcase_add_test(mmio, test_feature_negotiation);
    tcase_add_test(mmio, test_reset);
    tcase_add_test(mmio, test_bad_register_use);
    tcase_add_test(mmio, test_queue_size_not_power_of_two);
    tcase_add_test(mmio, test_no_io_without_features_ok);
    tcase_add_test(mmio, test_config_offset_bounds);
    suite_add_tcase(s, mmio);

    tcase_add_checked_fixture(io, setup, teardown);
    tcase_add_test(io, test_write_read_back);
    tcase_add_test(io, test_scattered_indirect_read);
    tcase_add_test(io, test_flush_and_get_id);
    tcase_add_test(io, test_out_of_range);
    tcase_add_test(io, test_unsupported);
    tcase_add_test(io, test_write_zeroes);
    tcase_add_test(io, test_malformed_chain_breaks_device);
    tcase_add_test(io, test_missing_header);
    tcase_add_test(io, test_reset_with_request_pending);
    tcase_add_test(io, test_free_with_request_pending);
    tcase_add_test(io, test_suppressed_interrupt);
    tcase_add_test(io, test_many_requests_in_flight);
    tcase_add_test(io, test_inflight_bounded);
    tcase_add_test(io, test_write_through_without_flush);
    suite_add_tcase(s, io);

    tcase_add_checked_fixture(ro, setup_ro, teardown);
    tcase_add_test(ro, test_readonly_drive);
    suite_add_tcase(s, ro);
    return s;
}
