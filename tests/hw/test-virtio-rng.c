/*
 * test-virtio-rng.c - virtio-rng driven the way Linux's virtio_rng
 * driver drives it, through virtio-mmio, with rings in guest RAM: random
 * bytes land exactly in the driver's buffers, and hostile chains break
 * the device without touching memory.
 */
#include "portos-test.h"

#include <glib.h>
#include <string.h>

#include "hw/virtio-mmio.h"
#include "hw/virtio-rng.h"
#include "virtio-guest.h"

#define RAM_BASE VG_RAM_BASE
#define RAM_END  VG_RAM_END
#define DESC_PA  (RAM_BASE + 0x0000)
#define AVAIL_PA (RAM_BASE + 0x4000)
#define USED_PA  (RAM_BASE + 0x5000)
#define DATA_PA  (RAM_BASE + 0x10000)
#define QSIZE 16
#define FILLER 0x5a

static VirtIORng *rng;
static VGQueue vq = { DESC_PA, AVAIL_PA, USED_PA, QSIZE, 0 };

static void setup(void)
{
    vg_setup();
    rng = virtio_rng_new(vg_as, vg_irq());
    ck_assert_int_eq(virtio_mmio_map(vg_as, VG_SLOT, virtio_rng_vdev(rng)), 0);
    memset(vg_host(DATA_PA), FILLER, 0x10000);
    vq.avail_idx = 0;
}

static void teardown(void)
{
    virtio_rng_free(rng);
    vg_teardown();
}

/* Linux's probe: VERSION_1 only, the one queue, DRIVER_OK. */
static void driver_init(void)
{
    vg_probe(1ull << 32);
    vg_queue_setup(0, &vq);
    vg_driver_ok();
}

static void kick(uint16_t head)
{
    vg_offer(&vq, 0, head, true);
}

/* How many of @len bytes at @pa are still FILLER. */
static size_t untouched(uint64_t pa, size_t len)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        n += vg_host(pa)[i] == FILLER;
    }
    return n;
}

START_TEST(test_probe)
{
    uint32_t v;

    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_MAGIC_VALUE), VIRTIO_MMIO_MAGIC);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_VERSION_REG), 2);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_RNG);
    vg_wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_DEVICE_FEATURES), 1); /* VERSION_1 */
    vg_wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_DEVICE_FEATURES),
                      1u << VIRTIO_F_RING_INDIRECT_DESC);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_QUEUE_NUM_MAX), VIRTIO_RNG_QUEUE_SIZE);
    /* No configuration space: reads there give 0. */
    ck_assert_int_eq(mem_ldl_le(vg_as, VG_SLOT + VIRTIO_MMIO_CONFIG, &v), MEM_TX_OK);
    ck_assert_uint_eq(v, 0);
}
END_TEST

/* 64 bytes, vg_as Linux asks: all filled, nothing past them, an interrupt. */
START_TEST(test_fill_one_buffer)
{
    driver_init();
    vg_desc(DESC_PA, 0, DATA_PA, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    ck_assert_uint_eq(vg_used_idx(&vq), 1);
    ck_assert_uint_eq(vg_used_len(&vq, 0, 0), 64);
    ck_assert_uint_lt(untouched(DATA_PA, 64), 8);
    ck_assert_uint_eq(untouched(DATA_PA + 64, 4096), 4096);
    ck_assert_int_eq(vg_irq_level, 1);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_VRING);
    vg_wr(VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_VRING);
    ck_assert_int_eq(vg_irq_level, 0);

    /* A second request gets different bytes. */
    vg_desc(DESC_PA, 1, DATA_PA + 0x1000, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(1);
    ck_assert_uint_eq(vg_used_len(&vq, 1, 1), 64);
    ck_assert(memcmp(vg_host(DATA_PA), vg_host(DATA_PA + 0x1000), 64) != 0);
}
END_TEST

/* Three scattered writable segments are filled in full; one large buffer
   up to VIRTIO_RNG_MAX_REQUEST bytes, the rest left alone. */
START_TEST(test_scattered_and_large)
{
    driver_init();
    vg_desc(DESC_PA, 0, DATA_PA + 0x100, 17, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    vg_desc(DESC_PA, 1, DATA_PA + 0x300, 33, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    vg_desc(DESC_PA, 2, DATA_PA + 0x500, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    ck_assert_uint_eq(vg_used_len(&vq, 0, 0), 17 + 33 + 64);
    ck_assert_uint_lt(untouched(DATA_PA + 0x500, 64), 8);
    ck_assert_uint_eq(untouched(DATA_PA + 0x100 + 17, 0x300 - 0x100 - 17),
                      0x300 - 0x100 - 17);
    ck_assert_uint_eq(untouched(DATA_PA + 0x300 + 33, 0x500 - 0x300 - 33),
                      0x500 - 0x300 - 33);

    memset(vg_host(DATA_PA), FILLER, 0x4000);
    vg_desc(DESC_PA, 3, DATA_PA, 0x3000, VIRTQ_DESC_F_WRITE, 0);
    kick(3);
    ck_assert_uint_eq(vg_used_len(&vq, 1, 3), VIRTIO_RNG_MAX_REQUEST);
    ck_assert_uint_lt(untouched(DATA_PA, VIRTIO_RNG_MAX_REQUEST), 64);
    ck_assert_uint_eq(untouched(DATA_PA + VIRTIO_RNG_MAX_REQUEST,
                                0x3000 - VIRTIO_RNG_MAX_REQUEST),
                      0x3000 - VIRTIO_RNG_MAX_REQUEST);
}
END_TEST

/* Nothing is processed before DRIVER_OK. */
START_TEST(test_no_fill_before_driver_ok)
{
    vg_desc(DESC_PA, 0, DATA_PA, 64, VIRTQ_DESC_F_WRITE, 0);
    vg_wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    vg_queue_write(0, &vq);
    kick(0);
    ck_assert_uint_eq(vg_used_idx(&vq), 0);
    ck_assert_uint_eq(untouched(DATA_PA, 64), 64);
}
END_TEST

/* A hostile chain: NEEDS_RESET, a config interrupt, RAM unchanged. */
static void expect_broken(void)
{
    uint8_t *before = g_memdup2(vg_host(RAM_BASE), VG_RAM_SIZE);

    kick(0);
    ck_assert_uint_ne(vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_CONFIG);
    ck_assert_uint_eq(vg_trap_hits, 0);
    /* Only the avail index we just wrote differs: nothing was written. */
    ck_assert_int_eq(memcmp(before + 0x5000, vg_host(RAM_BASE) + 0x5000, VG_RAM_SIZE - 0x5000), 0);
    ck_assert_uint_eq(vg_used_idx(&vq), 0);
    g_free(before);
    /* Ignored until reset; works again after one. */
    vg_desc(DESC_PA, 0, DATA_PA, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    ck_assert_uint_eq(vg_used_idx(&vq), 0);
    vq.avail_idx = 0;
    memset(vg_host(RAM_BASE), 0, 0x6000);
    driver_init();
    vg_desc(DESC_PA, 0, DATA_PA, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    ck_assert_uint_eq(vg_used_len(&vq, 0, 0), 64);
}

START_TEST(test_readable_buffer_breaks)
{
    driver_init();
    vg_desc(DESC_PA, 0, DATA_PA, 64, 0, 0);
    expect_broken();
}
END_TEST

START_TEST(test_buffer_past_ram_breaks)
{
    driver_init();
    vg_desc(DESC_PA, 0, RAM_END - 32, 64, VIRTQ_DESC_F_WRITE, 0);
    expect_broken();
}
END_TEST

START_TEST(test_buffer_on_mmio_breaks)
{
    driver_init();
    vg_desc(DESC_PA, 0, RAM_END, 64, VIRTQ_DESC_F_WRITE, 0);
    expect_broken();
}
END_TEST

START_TEST(test_looping_chain_breaks)
{
    driver_init();
    vg_desc(DESC_PA, 0, DATA_PA, 16, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    vg_desc(DESC_PA, 1, DATA_PA + 16, 16, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 0);
    expect_broken();
}
END_TEST

START_TEST(test_zero_length_breaks)
{
    driver_init();
    vg_desc(DESC_PA, 0, DATA_PA, 0, VIRTQ_DESC_F_WRITE, 0);
    expect_broken();
}
END_TEST

Suite *suite_virtio_rng(void)
{
    Suite *s = suite_create("virtio-rng");
    TCase *tc = tcase_create("rng");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_probe);
    tcase_add_test(tc, test_fill_one_buffer);
    tcase_add_test(tc, test_scattered_and_large);
    tcase_add_test(tc, test_no_fill_before_driver_ok);
    tcase_add_test(tc, test_readable_buffer_breaks);
    tcase_add_test(tc, test_buffer_past_ram_breaks);
    tcase_add_test(tc, test_buffer_on_mmio_breaks);
    tcase_add_test(tc, test_looping_chain_breaks);
    tcase_add_test(tc, test_zero_length_breaks);
    suite_add_tcase(s, tc);
    return s;
}
