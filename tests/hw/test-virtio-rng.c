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

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x100000ull
#define RAM_END  (RAM_BASE + RAM_SIZE)
#define SLOT     0x0a003e00ull
#define DESC_PA  (RAM_BASE + 0x0000)
#define AVAIL_PA (RAM_BASE + 0x4000)
#define USED_PA  (RAM_BASE + 0x5000)
#define DATA_PA  (RAM_BASE + 0x10000)
#define QSIZE 16
#define FILLER 0x5a

static MemAddressSpace *as;
static uint8_t *ram;
static VirtIORng *rng;
static int irq_level;
static unsigned trap_hits;
static uint16_t avail_idx;

static uint64_t trap_read(void *opaque, uint64_t off, unsigned size)
{
    trap_hits++;
    return 0;
}

static void trap_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    trap_hits++;
}

static const MemOps trap_ops = { trap_read, trap_write };

static void irq_cb(void *opaque, int n, int level)
{
    irq_level = level;
}

static uint32_t rd(uint64_t off)
{
    uint32_t v;

    ck_assert_int_eq(mem_ldl_le(as, SLOT + off, &v), MEM_TX_OK);
    return v;
}

static void wr(uint64_t off, uint32_t v)
{
    ck_assert_int_eq(mem_stl_le(as, SLOT + off, v), MEM_TX_OK);
}

static uint8_t *host(uint64_t pa)
{
    return ram + (pa - RAM_BASE);
}

static void put16(uint64_t pa, uint16_t v)
{
    v = GUINT16_TO_LE(v);
    memcpy(host(pa), &v, 2);
}

static uint16_t get16(uint64_t pa)
{
    uint16_t v;

    memcpy(&v, host(pa), 2);
    return GUINT16_FROM_LE(v);
}

static uint32_t get32(uint64_t pa)
{
    uint32_t v;

    memcpy(&v, host(pa), 4);
    return GUINT32_FROM_LE(v);
}

static void desc_at(unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                    uint16_t next)
{
    uint8_t *p = host(DESC_PA) + 16 * i;
    uint64_t a = GUINT64_TO_LE(addr);
    uint32_t l = GUINT32_TO_LE(len);
    uint16_t f = GUINT16_TO_LE(flags), n = GUINT16_TO_LE(next);

    memcpy(p, &a, 8);
    memcpy(p + 8, &l, 4);
    memcpy(p + 12, &f, 2);
    memcpy(p + 14, &n, 2);
}

static void setup(void)
{
    EmuIrq irq = { irq_cb, NULL, 47 };
    void *h;

    as = mem_as_new();
    ck_assert_int_eq(mem_add_ram(as, "ram", RAM_BASE, RAM_SIZE, &h), 0);
    ram = h;
    ck_assert_int_eq(mem_add_mmio(as, "trap", RAM_END, 0x1000, &trap_ops, NULL), 0);
    rng = virtio_rng_new(as, irq);
    ck_assert_int_eq(virtio_mmio_map(as, SLOT, virtio_rng_vdev(rng)), 0);
    memset(host(DATA_PA), FILLER, 0x10000);
    irq_level = 0;
    trap_hits = 0;
    avail_idx = 0;
}

static void teardown(void)
{
    virtio_rng_free(rng);
    mem_as_free(as);
}

/* Linux's probe: reset, ACK, DRIVER, features, FEATURES_OK, queue, DRIVER_OK. */
static void driver_init(void)
{
    uint32_t st = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
                  VIRTIO_STATUS_FEATURES_OK;

    wr(VIRTIO_MMIO_STATUS, 0);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 0);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, 1); /* VERSION_1 */
    wr(VIRTIO_MMIO_STATUS, st);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_STATUS), st);
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC_PA);
    wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL_PA);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED_PA);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
    wr(VIRTIO_MMIO_STATUS, st | VIRTIO_STATUS_DRIVER_OK);
}

static void kick(uint16_t head)
{
    put16(AVAIL_PA + 4 + 2 * (avail_idx % QSIZE), head);
    avail_idx++;
    put16(AVAIL_PA + 2, avail_idx);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
}

/* Used length of used-ring entry @i, after checking it names @head. */
static uint32_t used_len(unsigned i, uint16_t head)
{
    ck_assert_uint_eq(get32(USED_PA + 4 + 8 * i), head);
    return get32(USED_PA + 4 + 8 * i + 4);
}

/* How many of @len bytes at @pa are still FILLER. */
static size_t untouched(uint64_t pa, size_t len)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        n += host(pa)[i] == FILLER;
    }
    return n;
}

START_TEST(test_probe)
{
    uint32_t v;

    ck_assert_uint_eq(rd(VIRTIO_MMIO_MAGIC_VALUE), VIRTIO_MMIO_MAGIC);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_VERSION_REG), 2);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_RNG);
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_DEVICE_FEATURES), 1); /* VERSION_1 */
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_DEVICE_FEATURES),
                      1u << VIRTIO_F_RING_INDIRECT_DESC);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), VIRTIO_RNG_QUEUE_SIZE);
    /* No configuration space: reads there give 0. */
    ck_assert_int_eq(mem_ldl_le(as, SLOT + VIRTIO_MMIO_CONFIG, &v), MEM_TX_OK);
    ck_assert_uint_eq(v, 0);
}
END_TEST

/* 64 bytes, as Linux asks: all filled, nothing past them, an interrupt. */
START_TEST(test_fill_one_buffer)
{
    driver_init();
    desc_at(0, DATA_PA, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    ck_assert_uint_eq(get16(USED_PA + 2), 1);
    ck_assert_uint_eq(used_len(0, 0), 64);
    ck_assert_uint_lt(untouched(DATA_PA, 64), 8);
    ck_assert_uint_eq(untouched(DATA_PA + 64, 4096), 4096);
    ck_assert_int_eq(irq_level, 1);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_VRING);
    wr(VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_INT_VRING);
    ck_assert_int_eq(irq_level, 0);

    /* A second request gets different bytes. */
    desc_at(1, DATA_PA + 0x1000, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(1);
    ck_assert_uint_eq(used_len(1, 1), 64);
    ck_assert(memcmp(host(DATA_PA), host(DATA_PA + 0x1000), 64) != 0);
}
END_TEST

/* Three scattered writable segments are filled in full; one large buffer
   up to VIRTIO_RNG_MAX_REQUEST bytes, the rest left alone. */
START_TEST(test_scattered_and_large)
{
    driver_init();
    desc_at(0, DATA_PA + 0x100, 17, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    desc_at(1, DATA_PA + 0x300, 33, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    desc_at(2, DATA_PA + 0x500, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    ck_assert_uint_eq(used_len(0, 0), 17 + 33 + 64);
    ck_assert_uint_lt(untouched(DATA_PA + 0x500, 64), 8);
    ck_assert_uint_eq(untouched(DATA_PA + 0x100 + 17, 0x300 - 0x100 - 17),
                      0x300 - 0x100 - 17);
    ck_assert_uint_eq(untouched(DATA_PA + 0x300 + 33, 0x500 - 0x300 - 33),
                      0x500 - 0x300 - 33);

    memset(host(DATA_PA), FILLER, 0x4000);
    desc_at(3, DATA_PA, 0x3000, VIRTQ_DESC_F_WRITE, 0);
    kick(3);
    ck_assert_uint_eq(used_len(1, 3), VIRTIO_RNG_MAX_REQUEST);
    ck_assert_uint_lt(untouched(DATA_PA, VIRTIO_RNG_MAX_REQUEST), 64);
    ck_assert_uint_eq(untouched(DATA_PA + VIRTIO_RNG_MAX_REQUEST,
                                0x3000 - VIRTIO_RNG_MAX_REQUEST),
                      0x3000 - VIRTIO_RNG_MAX_REQUEST);
}
END_TEST

/* Nothing is processed before DRIVER_OK. */
START_TEST(test_no_fill_before_driver_ok)
{
    desc_at(0, DATA_PA, 64, VIRTQ_DESC_F_WRITE, 0);
    wr(VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
    wr(VIRTIO_MMIO_QUEUE_SEL, 0);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC_PA);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL_PA);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED_PA);
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
    kick(0);
    ck_assert_uint_eq(get16(USED_PA + 2), 0);
    ck_assert_uint_eq(untouched(DATA_PA, 64), 64);
}
END_TEST

/* A hostile chain: NEEDS_RESET, a config interrupt, RAM unchanged. */
static void expect_broken(void)
{
    uint8_t *before = g_memdup2(ram, RAM_SIZE);

    kick(0);
    ck_assert_uint_ne(rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET, 0);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_CONFIG);
    ck_assert_uint_eq(trap_hits, 0);
    /* Only the avail index we just wrote differs: nothing was written. */
    ck_assert_int_eq(memcmp(before + 0x5000, ram + 0x5000, RAM_SIZE - 0x5000), 0);
    ck_assert_uint_eq(get16(USED_PA + 2), 0);
    g_free(before);
    /* Ignored until reset; works again after one. */
    desc_at(0, DATA_PA, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    ck_assert_uint_eq(get16(USED_PA + 2), 0);
    avail_idx = 0;
    memset(ram, 0, 0x6000);
    driver_init();
    desc_at(0, DATA_PA, 64, VIRTQ_DESC_F_WRITE, 0);
    kick(0);
    ck_assert_uint_eq(used_len(0, 0), 64);
}

START_TEST(test_readable_buffer_breaks)
{
    driver_init();
    desc_at(0, DATA_PA, 64, 0, 0);
    expect_broken();
}
END_TEST

START_TEST(test_buffer_past_ram_breaks)
{
    driver_init();
    desc_at(0, RAM_END - 32, 64, VIRTQ_DESC_F_WRITE, 0);
    expect_broken();
}
END_TEST

START_TEST(test_buffer_on_mmio_breaks)
{
    driver_init();
    desc_at(0, RAM_END, 64, VIRTQ_DESC_F_WRITE, 0);
    expect_broken();
}
END_TEST

START_TEST(test_looping_chain_breaks)
{
    driver_init();
    desc_at(0, DATA_PA, 16, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    desc_at(1, DATA_PA + 16, 16, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 0);
    expect_broken();
}
END_TEST

START_TEST(test_zero_length_breaks)
{
    driver_init();
    desc_at(0, DATA_PA, 0, VIRTQ_DESC_F_WRITE, 0);
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
