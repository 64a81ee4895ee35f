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
#include "virtio-guest.h"

#define RAM_BASE VG_RAM_BASE
#define RAM_END  VG_RAM_END
#define QSIZE    16
#define RXQ 0
#define TXQ 1
/* Rings per queue: descriptors, driver (avail) and device (used) areas. */
#define DESC_PA(q)  (RAM_BASE + 0x8000 * (q))
#define AVAIL_PA(q) (DESC_PA(q) + 0x2000)
#define USED_PA(q)  (DESC_PA(q) + 0x3000)
#define BUF_PA      (RAM_BASE + 0x20000)   /* buffers, 0x1000 apart */
#define HDR 12

static VirtIONet *net;
static GPtrArray *sent;       /* GBytes the device transmitted */
static VGQueue vqs[2] = {
    { DESC_PA(RXQ), AVAIL_PA(RXQ), USED_PA(RXQ), QSIZE, 0 },
    { DESC_PA(TXQ), AVAIL_PA(TXQ), USED_PA(TXQ), QSIZE, 0 },
};

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static void send_cb(void *opaque, const uint8_t *frame, size_t len)
{
    ck_assert_ptr_eq(opaque, &sent);
    g_ptr_array_add(sent, g_bytes_new(frame, len));
}

static void desc_at(unsigned q, unsigned i, uint64_t addr, uint32_t len,
                    uint16_t flags, uint16_t next)
{
    vg_desc(DESC_PA(q), i, addr, len, flags, next);
}

static void setup(void)
{
    vg_setup();
    sent = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    net = virtio_net_new(vg_as, vg_irq(), mac, send_cb, &sent);
    ck_assert_int_eq(virtio_mmio_map(vg_as, VG_SLOT, virtio_net_vdev(net)), 0);
    vqs[RXQ].avail_idx = vqs[TXQ].avail_idx = 0;
}

static void teardown(void)
{
    virtio_net_free(net);
    vg_teardown();
    g_ptr_array_free(sent, TRUE);
}

/* Linux's probe: every offered feature, both queues on fresh, zeroed rings
 * (as the driver allocates them), DRIVER_OK. */
static void driver_init(void)
{
    vg_wr(VIRTIO_MMIO_STATUS, 0);
    memset(vg_host(DESC_PA(RXQ)), 0, 2 * 0x8000);
    vg_probe(~0ull);
    vg_queue_setup(RXQ, &vqs[RXQ]);
    vg_queue_setup(TXQ, &vqs[TXQ]);
    vg_driver_ok();
}

/* Make descriptor @head available on @q; notify if @notify. */
static void offer(unsigned q, uint16_t head, bool notify)
{
    vg_offer(&vqs[q], q, head, notify);
}

static uint16_t used_idx(unsigned q)
{
    return vg_used_idx(&vqs[q]);
}

/* Used ring entry @i of @q: its length (the id must be @head). */
static uint32_t used_len(unsigned q, unsigned i, uint16_t head)
{
    return vg_used_len(&vqs[q], i, head);
}

static void fill(uint8_t *p, size_t len, uint8_t seed)
{
    for (size_t i = 0; i < len; i++) {
        p[i] = (uint8_t)(seed + i * 7);
    }
}

static bool needs_reset(void)
{
    return vg_rd(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_NEEDS_RESET;
}

START_TEST(test_probe)
{
    uint64_t f = vg_device_features();
    uint8_t b;

    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_DEVICE_ID), VIRTIO_ID_NET);
    ck_assert(f & (1ull << VIRTIO_F_VERSION_1));
    ck_assert(f & (1ull << VIRTIO_NET_F_MAC));
    ck_assert(f & (1ull << VIRTIO_NET_F_STATUS));
    /* No offloads, no mergeable buffers, no control queue. */
    ck_assert_uint_eq(f & ~((1ull << VIRTIO_F_VERSION_1) |
                            (1ull << VIRTIO_NET_F_MAC) |
                            (1ull << VIRTIO_NET_F_STATUS)), 0);
    /* The MAC byte by byte, vg_as Linux reads it, then the link status. */
    for (int i = 0; i < 6; i++) {
        ck_assert_int_eq(mem_read(vg_as, VG_SLOT + VIRTIO_MMIO_CONFIG + i, &b, 1),
                         MEM_TX_OK);
        ck_assert_uint_eq(b, mac[i]);
    }
    {
        uint16_t st;
        ck_assert_int_eq(mem_read(vg_as, VG_SLOT + VIRTIO_MMIO_CONFIG + 6, &st, 2),
                         MEM_TX_OK);
        ck_assert_uint_eq(GUINT16_FROM_LE(st), VIRTIO_NET_S_LINK_UP);
    }
    /* Past the 8 config bytes: nothing (logged, reads 0). */
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_CONFIG + 8), 0);
    vg_wr(VIRTIO_MMIO_QUEUE_SEL, 2);
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
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
    memset(vg_host(BUF_PA), 0, HDR);
    memcpy(vg_host(BUF_PA + HDR), frame, 60);
    desc_at(TXQ, 0, BUF_PA, HDR + 60, 0, 0);
    offer(TXQ, 0, true);
    /* Header alone, the frame split over two more descriptors. */
    memset(vg_host(BUF_PA + 0x1000), 0, HDR);
    memcpy(vg_host(BUF_PA + 0x2000), frame, 1000);
    memcpy(vg_host(BUF_PA + 0x3000), frame + 1000, 518);
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
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_VRING);
    ck_assert_int_eq(vg_irq_level, 1);
    ck_assert(!needs_reset());
}
END_TEST

/* Frames the device cannot send are dropped; the buffer still comes back. */
START_TEST(test_transmit_dropped)
{
    driver_init();
    /* 1519 bytes: longer than any frame without GSO. */
    memset(vg_host(BUF_PA), 0, HDR);
    desc_at(TXQ, 0, BUF_PA, HDR + 1519, 0, 0);
    offer(TXQ, 0, true);
    /* A segmentation request (gso_type TCPV4) that was never offered. */
    memset(vg_host(BUF_PA), 0, HDR);
    vg_host(BUF_PA)[1] = 1;
    desc_at(TXQ, 1, BUF_PA, HDR + 100, 0, 0);
    offer(TXQ, 1, true);
    /* A header and no frame at all. */
    memset(vg_host(BUF_PA), 0, HDR);
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
    ck_assert_uint_eq(vg_rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_INT_CONFIG);
    /* Ignored from now on, until a reset. */
    memset(vg_host(BUF_PA), 0, HDR);
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
    memset(vg_host(BUF_PA), 0, HDR);
    desc_at(TXQ, 0, BUF_PA, HDR, VIRTQ_DESC_F_NEXT, 1);
    desc_at(TXQ, 1, RAM_END - 16, 64, 0, 0);
    offer(TXQ, 0, false);
    before = g_memdup2(vg_host(RAM_BASE), VG_RAM_SIZE);
    vg_wr(VIRTIO_MMIO_QUEUE_NOTIFY, TXQ);
    ck_assert_uint_eq(sent->len, 0);
    ck_assert(needs_reset());
    ck_assert_uint_eq(vg_trap_hits, 0);
    /* The driver's rings are left as they were: no used entry. */
    ck_assert_int_eq(memcmp(before, vg_host(RAM_BASE), VG_RAM_SIZE), 0);
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
    memset(vg_host(BUF_PA), 0xee, 0x2000);

    virtio_net_receive(net, frame, 42);
    virtio_net_receive(net, frame, 1518);
    want_hdr[10] = 1; /* num_buffers */
    ck_assert_uint_eq(used_idx(RXQ), 2);
    ck_assert_uint_eq(used_len(RXQ, 0, 0), HDR + 42);
    ck_assert_int_eq(memcmp(vg_host(BUF_PA), want_hdr, HDR), 0);
    ck_assert_int_eq(memcmp(vg_host(BUF_PA + HDR), frame, 42), 0);
    ck_assert_uint_eq(*vg_host(BUF_PA + HDR + 42), 0xee);
    ck_assert_uint_eq(used_len(RXQ, 1, 1), HDR + 1518);
    ck_assert_int_eq(memcmp(vg_host(BUF_PA + 0x1000 + HDR), frame, 1518), 0);
    ck_assert_int_eq(vg_irq_level, 1);
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
        ck_assert_uint_eq(*vg_host(BUF_PA + 0x100 * i + HDR + 63), i);
    }
    /* A reset drops what is still queued. */
    vg_wr(VIRTIO_MMIO_STATUS, 0);
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
    memset(vg_host(BUF_PA), 0xee, HDR + 50);
    virtio_net_receive(net, frame, sizeof(frame));
    ck_assert_uint_eq(used_idx(RXQ), 1);
    ck_assert_uint_eq(used_len(RXQ, 0, 0), 0);
    ck_assert_uint_eq(*vg_host(BUF_PA), 0xee);
    ck_assert_uint_eq(virtio_net_rx_dropped(net), 2);
    ck_assert(!needs_reset());

    /* A device-readable receive buffer breaks the device. */
    desc_at(RXQ, 1, BUF_PA, HDR + 200, 0, 0);
    offer(RXQ, 1, true);
    virtio_net_receive(net, frame, sizeof(frame));
    ck_assert(needs_reset());
    ck_assert_uint_eq(used_idx(RXQ), 1);

    /* A writable buffer outside RAM, after a reset: refused, no access. */
    vg_wr(VIRTIO_MMIO_STATUS, 0);
    driver_init();
    desc_at(RXQ, 0, RAM_END - 8, HDR + 200, VIRTQ_DESC_F_WRITE, 0);
    offer(RXQ, 0, true);
    virtio_net_receive(net, frame, sizeof(frame));
    ck_assert(needs_reset());
    ck_assert_uint_eq(vg_trap_hits, 0);
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
