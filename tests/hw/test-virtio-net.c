/*
 * test-virtio-net.c - virtio-net through its virtio-mmio registers, set up
 * the way Linux's driver does it, with frames in both directions and the
 * hostile-guest cases: short or oversized buffers, segmentation requests
 * that were never negotiated, rings pointing outside RAM.
 */
#include "portos-test.h"

#include <glib.h>
#include <string.h>

#include "hw/virtio-mmio.h"
#include "hw/virtio-net.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x100000ull
#define RAM_END  (RAM_BASE + RAM_SIZE)
#define SLOT     0x0a003e00ull
#define QSIZE    16
#define RXQ 0
#define TXQ 1
/* Rings per queue: descriptors, driver (avail) and device (used) areas. */
#define DESC_PA(q)  (RAM_BASE + 0x8000 * (q))
#define AVAIL_PA(q) (DESC_PA(q) + 0x2000)
#define USED_PA(q)  (DESC_PA(q) + 0x3000)
#define BUF_PA      (RAM_BASE + 0x20000)   /* buffers, 0x1000 apart */
#define HDR 12

static MemAddressSpace *as;
static uint8_t *ram;
static VirtIONet *net;
static int irq_level;
static unsigned trap_hits;
static uint16_t avail_idx[2];
static GPtrArray *sent;       /* GBytes the device transmitted */

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

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

static void send_cb(void *opaque, const uint8_t *frame, size_t len)
{
    ck_assert_ptr_eq(opaque, &sent);
    g_ptr_array_add(sent, g_bytes_new(frame, len));
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

static void desc_at(unsigned q, unsigned i, uint64_t addr, uint32_t len,
                    uint16_t flags, uint16_t next)
{
    uint8_t *p = host(DESC_PA(q)) + 16 * i;
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
    ck_assert_int_eq(mem_add_mmio(as, "trap", RAM_END, 0x1000, &trap_ops,
                                  NULL), 0);
    sent = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    net = virtio_net_new(as, irq, mac, send_cb, &sent);
    ck_assert_int_eq(virtio_mmio_map(as, SLOT, virtio_net_vdev(net)), 0);
    irq_level = 0;
    trap_hits = 0;
    avail_idx[0] = avail_idx[1] = 0;
}

static void teardown(void)
{
    virtio_net_free(net);
    mem_as_free(as);
    g_ptr_array_free(sent, TRUE);
}

static uint64_t features(void)
{
    uint64_t f;

    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    f = (uint64_t)rd(VIRTIO_MMIO_DEVICE_FEATURES) << 32;
    wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    return f | rd(VIRTIO_MMIO_DEVICE_FEATURES);
}

static void setup_queue(unsigned q)
{
    wr(VIRTIO_MMIO_QUEUE_SEL, q);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), VIRTIO_NET_QUEUE_SIZE);
    wr(VIRTIO_MMIO_QUEUE_NUM, QSIZE);
    wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)DESC_PA(q));
    wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)AVAIL_PA(q));
    wr(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)USED_PA(q));
    wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
    wr(VIRTIO_MMIO_QUEUE_READY, 1);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_QUEUE_READY), 1);
}

/* Linux's probe: features, FEATURES_OK, both queues, DRIVER_OK. */
static void driver_init(void)
{
    uint32_t st = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER;
    uint64_t f = features();

    wr(VIRTIO_MMIO_STATUS, 0);
    /* Fresh, zeroed rings, as the driver allocates them. */
    memset(host(DESC_PA(RXQ)), 0, 2 * 0x8000);
    avail_idx[RXQ] = avail_idx[TXQ] = 0;
    wr(VIRTIO_MMIO_STATUS, st);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)f);
    wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)(f >> 32));
    st |= VIRTIO_STATUS_FEATURES_OK;
    wr(VIRTIO_MMIO_STATUS, st);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_STATUS), st);
    setup_queue(RXQ);
    setup_queue(TXQ);
    wr(VIRTIO_MMIO_STATUS, st | VIRTIO_STATUS_DRIVER_OK);
}

/* Make descriptor @head available on @q; notify if @notify. */
static void offer(unsigned q, uint16_t head, bool notify)
{
    put16(AVAIL_PA(q) + 4 + 2 * (avail_idx[q] % QSIZE), head);
    avail_idx[q]++;
    put16(AVAIL_PA(q) + 2, avail_idx[q]);
    if (notify) {
        wr(VIRTIO_MMIO_QUEUE_NOTIFY, q);
    }
}

static uint16_t used_idx(unsigned q)
{
    return get16(USED_PA(q) + 2);
}

/* Used ring entry @i of @q: its length (the id must be @head). */
static uint32_t used_len(unsigned q, unsigned i, uint16_t head)
{
    ck_assert_uint_eq(get32(USED_PA(q) + 4 + 8 * (i % QSIZE)), head);
    return get32(USED_PA(q) + 4 + 8 * (i % QSIZE) + 4);
}

static void fill(uint8_t *p, size_t len, uint8_t seed)
{
    for (size_t i = 0; i < len; i++) {
        p[i] = (uint8_t)(seed + i * 7);
    }
}

static bool needs_reset(void)
{
    return rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET;
}

START_TEST(test_probe)
{
    uint64_t f = features();
    uint8_t b;

    ck_assert_uint_eq(rd(VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_NET);
    ck_assert(f & (1ull << VIRTIO_F_VERSION_1));
    ck_assert(f & (1ull << VIRTIO_NET_F_MAC));
    ck_assert(f & (1ull << VIRTIO_NET_F_STATUS));
    /* No offloads, no mergeable buffers, no control queue. */
    ck_assert_uint_eq(f & ~((1ull << VIRTIO_F_VERSION_1) |
                            (1ull << VIRTIO_NET_F_MAC) |
                            (1ull << VIRTIO_NET_F_STATUS)), 0);
    /* The MAC byte by byte, as Linux reads it, then the link status. */
    for (int i = 0; i < 6; i++) {
        ck_assert_int_eq(mem_read(as, SLOT + VIRTIO_MMIO_CONFIG + i, &b, 1),
                         MEM_TX_OK);
        ck_assert_uint_eq(b, mac[i]);
    }
    {
        uint16_t st;
        ck_assert_int_eq(mem_read(as, SLOT + VIRTIO_MMIO_CONFIG + 6, &st, 2),
                         MEM_TX_OK);
        ck_assert_uint_eq(GUINT16_FROM_LE(st), VIRTIO_NET_S_LINK_UP);
    }
    /* Past the 8 config bytes: nothing (logged, reads 0). */
    ck_assert_uint_eq(rd(VIRTIO_MMIO_CONFIG + 8), 0);
    wr(VIRTIO_MMIO_QUEUE_SEL, 2);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
}
END_TEST

START_TEST(test_transmit)
{
    uint8_t frame[1518];
    gsize len;
    const uint8_t *got;

    driver_init();
    fill(frame, sizeof(frame), 3);
    /* Header and frame in one buffer (Linux with VERSION_1 may push). */
    memset(host(BUF_PA), 0, HDR);
    memcpy(host(BUF_PA + HDR), frame, 60);
    desc_at(TXQ, 0, BUF_PA, HDR + 60, 0, 0);
    offer(TXQ, 0, true);
    /* Header alone, the frame split over two more descriptors. */
    memset(host(BUF_PA + 0x1000), 0, HDR);
    memcpy(host(BUF_PA + 0x2000), frame, 1000);
    memcpy(host(BUF_PA + 0x3000), frame + 1000, 518);
    desc_at(TXQ, 1, BUF_PA + 0x1000, HDR, VIRTQ_DESC_F_NEXT, 2);
    desc_at(TXQ, 2, BUF_PA + 0x2000, 1000, VIRTQ_DESC_F_NEXT, 3);
    desc_at(TXQ, 3, BUF_PA + 0x3000, 518, 0, 0);
    offer(TXQ, 1, true);

    ck_assert_uint_eq(sent->len, 2);
    got = g_bytes_get_data(g_ptr_array_index(sent, 0), &len);
    ck_assert_uint_eq(len, 60);
    ck_assert_int_eq(memcmp(got, frame, 60), 0);
    got = g_bytes_get_data(g_ptr_array_index(sent, 1), &len);
    ck_assert_uint_eq(len, 1518);
    ck_assert_int_eq(memcmp(got, frame, 1518), 0);
    ck_assert_uint_eq(used_idx(TXQ), 2);
    ck_assert_uint_eq(used_len(TXQ, 0, 0), 0);
    ck_assert_uint_eq(used_len(TXQ, 1, 1), 0);
    ck_assert_uint_eq(rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_VRING);
    ck_assert_int_eq(irq_level, 1);
    ck_assert(!needs_reset());
}
END_TEST

/* Frames the device cannot send are dropped; the buffer still comes back. */
START_TEST(test_transmit_dropped)
{
    driver_init();
    /* 1519 bytes: longer than any frame without GSO. */
    memset(host(BUF_PA), 0, HDR);
    desc_at(TXQ, 0, BUF_PA, HDR + 1519, 0, 0);
    offer(TXQ, 0, true);
    /* A segmentation request (gso_type TCPV4) that was never offered. */
    memset(host(BUF_PA), 0, HDR);
    host(BUF_PA)[1] = 1;
    desc_at(TXQ, 1, BUF_PA, HDR + 100, 0, 0);
    offer(TXQ, 1, true);
    /* A header and no frame at all. */
    memset(host(BUF_PA), 0, HDR);
    desc_at(TXQ, 2, BUF_PA, HDR, 0, 0);
    offer(TXQ, 2, true);

    ck_assert_uint_eq(sent->len, 0);
    ck_assert_uint_eq(used_idx(TXQ), 3);
    ck_assert(!needs_reset());
    ck_assert_uint_ge(virtio_net_vdev(net)->guest_errors, 3);
}
END_TEST

/* A buffer shorter than the header is a broken driver: NEEDS_RESET. */
START_TEST(test_transmit_without_header)
{
    driver_init();
    desc_at(TXQ, 0, BUF_PA, HDR - 1, 0, 0);
    offer(TXQ, 0, true);
    ck_assert_uint_eq(sent->len, 0);
    ck_assert(needs_reset());
    ck_assert_uint_eq(rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_CONFIG);
    /* Ignored from now on, until a reset. */
    memset(host(BUF_PA), 0, HDR);
    desc_at(TXQ, 1, BUF_PA, HDR + 60, 0, 0);
    offer(TXQ, 1, true);
    ck_assert_uint_eq(sent->len, 0);
}
END_TEST

/* A frame buffer running past RAM into a device: refused, nothing read. */
START_TEST(test_transmit_outside_ram)
{
    uint8_t *before;

    driver_init();
    memset(host(BUF_PA), 0, HDR);
    desc_at(TXQ, 0, BUF_PA, HDR, VIRTQ_DESC_F_NEXT, 1);
    desc_at(TXQ, 1, RAM_END - 16, 64, 0, 0);
    offer(TXQ, 0, false);
    before = g_memdup2(ram, RAM_SIZE);
    wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    ck_assert_uint_eq(sent->len, 0);
    ck_assert(needs_reset());
    ck_assert_uint_eq(trap_hits, 0);
    /* The driver's rings are left as they were: no used entry. */
    ck_assert_int_eq(memcmp(before, ram, RAM_SIZE), 0);
    g_free(before);
}
END_TEST

START_TEST(test_receive)
{
    uint8_t frame[1518], want_hdr[HDR] = { 0 };

    driver_init();
    fill(frame, sizeof(frame), 9);
    /* Linux's small buffers: header + 1518 bytes, device-writable. */
    desc_at(RXQ, 0, BUF_PA, HDR + 1518, VIRTQ_DESC_F_WRITE, 0);
    desc_at(RXQ, 1, BUF_PA + 0x1000, HDR + 1518, VIRTQ_DESC_F_WRITE, 0);
    offer(RXQ, 0, false);
    offer(RXQ, 1, true);
    memset(host(BUF_PA), 0xee, 0x2000);

    virtio_net_receive(net, frame, 42);
    virtio_net_receive(net, frame, 1518);
    want_hdr[10] = 1; /* num_buffers */
    ck_assert_uint_eq(used_idx(RXQ), 2);
    ck_assert_uint_eq(used_len(RXQ, 0, 0), HDR + 42);
    ck_assert_int_eq(memcmp(host(BUF_PA), want_hdr, HDR), 0);
    ck_assert_int_eq(memcmp(host(BUF_PA + HDR), frame, 42), 0);
    ck_assert_uint_eq(*host(BUF_PA + HDR + 42), 0xee);
    ck_assert_uint_eq(used_len(RXQ, 1, 1), HDR + 1518);
    ck_assert_int_eq(memcmp(host(BUF_PA + 0x1000 + HDR), frame, 1518), 0);
    ck_assert_int_eq(irq_level, 1);
    ck_assert_uint_eq(virtio_net_rx_dropped(net), 0);
    /* Larger than any frame the device takes: dropped, no buffer used. */
    virtio_net_receive(net, frame, 1519);
    ck_assert_uint_eq(virtio_net_rx_dropped(net), 1);
}
END_TEST

/* Frames wait for buffers, in order, up to the backlog's size. */
START_TEST(test_receive_backlog)
{
    uint8_t frame[64];

    driver_init();
    for (unsigned i = 0; i < VIRTIO_NET_RX_BACKLOG + 5; i++) {
        memset(frame, (int)i, sizeof(frame));
        virtio_net_receive(net, frame, sizeof(frame));
    }
    ck_assert_uint_eq(virtio_net_rx_dropped(net), 5);
    ck_assert_uint_eq(used_idx(RXQ), 0);
    for (unsigned i = 0; i < QSIZE; i++) {
        desc_at(RXQ, i, BUF_PA + 0x100 * i, HDR + 64, VIRTQ_DESC_F_WRITE, 0);
        offer(RXQ, (uint16_t)i, i == QSIZE - 1);
    }
    /* The first QSIZE queued frames went out, oldest first. */
    ck_assert_uint_eq(used_idx(RXQ), QSIZE);
    for (unsigned i = 0; i < QSIZE; i++) {
        ck_assert_uint_eq(used_len(RXQ, i, (uint16_t)i), HDR + 64);
        ck_assert_uint_eq(*host(BUF_PA + 0x100 * i + HDR + 63), i);
    }
    /* A reset drops what is still queued. */
    wr(VIRTIO_MMIO_STATUS, 0);
    driver_init();
    desc_at(RXQ, 0, BUF_PA, HDR + 64, VIRTQ_DESC_F_WRITE, 0);
    offer(RXQ, 0, true);
    ck_assert_uint_eq(used_idx(RXQ), 0);
}
END_TEST

START_TEST(test_receive_hostile_buffers)
{
    uint8_t frame[100] = { 1, 2, 3 };

    /* Before the driver is up, frames are dropped. */
    virtio_net_receive(net, frame, sizeof(frame));
    ck_assert_uint_eq(virtio_net_rx_dropped(net), 1);

    driver_init();
    /* Too small for the frame: handed back empty, frame dropped. */
    desc_at(RXQ, 0, BUF_PA, HDR + 50, VIRTQ_DESC_F_WRITE, 0);
    offer(RXQ, 0, true);
    memset(host(BUF_PA), 0xee, HDR + 50);
    virtio_net_receive(net, frame, sizeof(frame));
    ck_assert_uint_eq(used_idx(RXQ), 1);
    ck_assert_uint_eq(used_len(RXQ, 0, 0), 0);
    ck_assert_uint_eq(*host(BUF_PA), 0xee);
    ck_assert_uint_eq(virtio_net_rx_dropped(net), 2);
    ck_assert(!needs_reset());

    /* A device-readable receive buffer breaks the device. */
    desc_at(RXQ, 1, BUF_PA, HDR + 200, 0, 0);
    offer(RXQ, 1, true);
    virtio_net_receive(net, frame, sizeof(frame));
    ck_assert(needs_reset());
    ck_assert_uint_eq(used_idx(RXQ), 1);

    /* A writable buffer outside RAM, after a reset: refused, no access. */
    wr(VIRTIO_MMIO_STATUS, 0);
    driver_init();
    desc_at(RXQ, 0, RAM_END - 8, HDR + 200, VIRTQ_DESC_F_WRITE, 0);
    offer(RXQ, 0, true);
    virtio_net_receive(net, frame, sizeof(frame));
    ck_assert(needs_reset());
    ck_assert_uint_eq(trap_hits, 0);
    ck_assert_uint_eq(used_idx(RXQ), 0);
}
END_TEST

Suite *suite_virtio_net(void)
{
    Suite *s = suite_create("virtio-net");
    TCase *tc = tcase_create("frames");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_probe);
    tcase_add_test(tc, test_transmit);
    tcase_add_test(tc, test_transmit_dropped);
    tcase_add_test(tc, test_transmit_without_header);
    tcase_add_test(tc, test_transmit_outside_ram);
    tcase_add_test(tc, test_receive);
    tcase_add_test(tc, test_receive_backlog);
    tcase_add_test(tc, test_receive_hostile_buffers);
    suite_add_tcase(s, tc);
    return s;
}
