/*
 * test-virtio-queue.c - split virtqueue parsing: valid chains and every
 * kind of malformed ring, checking that nothing outside guest RAM is
 * touched (MMIO trap regions on both sides of RAM count accesses, and RAM
 * must be byte-identical after a rejected pop).
 */
#include "portos-test.h"

#include <errno.h>
#include <glib.h>
#include <string.h>

#include "hw/virtio-queue.h"
#include "virtio-guest.h"

#define DESC_PA  (VG_RAM_BASE + 0x0000)
#define AVAIL_PA (VG_RAM_BASE + 0x1000)
#define USED_PA  (VG_RAM_BASE + 0x2000)
#define TABLE_PA (VG_RAM_BASE + 0x3000)   /* indirect tables */
#define DATA_PA  (VG_RAM_BASE + 0x8000)
#define QSIZE 16

static VirtQueue vq;                   /* the device's view */
static VGQueue gq = { DESC_PA, AVAIL_PA, USED_PA, QSIZE, 0 };  /* driver's */
static uint8_t *ram;                   /* host address of VG_RAM_BASE */

static void desc(unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                 uint16_t next)
{
    vg_desc(DESC_PA, i, addr, len, flags, next);
}

/* Offer chain @head without notifying: the tests pop by hand. */
static void make_avail(uint16_t head)
{
    vg_offer(&gq, 0, head, false);
}

static void setup(void)
{
    char *err = NULL;

    vg_setup();
    ram = vg_host(VG_RAM_BASE);
    gq.avail_idx = 0;
    memset(&vq, 0, sizeof(vq));
    /* Recognisable bytes everywhere, so stray writes show. */
    memset(ram + 0x4000, 0xa5, VG_RAM_SIZE - 0x4000);
    ck_assert_int_eq(virtqueue_enable(&vq, vg_as, QSIZE, DESC_PA, AVAIL_PA,
                                      USED_PA, true, &err), 0);
    ck_assert_ptr_null(err);
}

static void teardown(void)
{
    vg_teardown();
}

/* Pop must fail, consume nothing else, and leave memory alone. */
static void expect_reject(const char *why_part)
{
    uint8_t *before = g_memdup2(ram, VG_RAM_SIZE);
    VirtQueueElement *e = (VirtQueueElement *)&e;
    char *err = NULL;

    ck_assert_int_eq(virtqueue_pop(&vq, &e, &err), -EINVAL);
    ck_assert_ptr_null(e);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, why_part), "message '%s' lacks '%s'", err,
                  why_part);
    ck_assert_ptr_null(strchr(err, '\n'));
    ck_assert_uint_eq(vg_trap_hits, 0);
    ck_assert_int_eq(memcmp(before, ram, VG_RAM_SIZE), 0);
    ck_assert_uint_eq(vq.inflight, 0);
    g_free(err);
    g_free(before);
}

START_TEST(test_simple_chain)
{
    VirtQueueElement *e;
    char *err = NULL;
    uint8_t buf[8];

    memcpy(vg_host(DATA_PA), "headbody", 8);
    desc(3, DATA_PA, 4, VIRTQ_DESC_F_NEXT, 7);
    desc(7, DATA_PA + 4, 4, VIRTQ_DESC_F_NEXT, 1);
    desc(1, DATA_PA + 0x100, 32, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    desc(2, DATA_PA + 0x200, 1, VIRTQ_DESC_F_WRITE, 0);
    make_avail(3);

    ck_assert_int_eq(virtqueue_pop(&vq, &e, &err), 1);
    ck_assert_uint_eq(e->head, 3);
    ck_assert_uint_eq(e->out_num, 2);
    ck_assert_uint_eq(e->in_num, 2);
    ck_assert_uint_eq(e->out_len, 8);
    ck_assert_uint_eq(e->in_len, 33);
    ck_assert_uint_eq(e->sg[2].addr, DATA_PA + 0x100);
    ck_assert_ptr_eq(e->sg[0].host, vg_host(DATA_PA));
    ck_assert_uint_eq(vq.inflight, 1);

    /* Gathering across the two readable segments. */
    ck_assert_uint_eq(virtqueue_read_out(e, 2, buf, 8), 6);
    ck_assert_int_eq(memcmp(buf, "adbody", 6), 0);
    /* Scattering across the writable ones: 32 + 1 bytes, no more. */
    {
        uint8_t src[40];
        memset(src, 0x5a, sizeof(src));
        ck_assert_uint_eq(virtqueue_write_in(&vq, e, 30, src, 10), 3);
        ck_assert_uint_eq(*vg_host(DATA_PA + 0x100 + 30), 0x5a);
        ck_assert_uint_eq(*vg_host(DATA_PA + 0x200), 0x5a);
        ck_assert_uint_eq(*vg_host(DATA_PA + 0x201), 0xa5);
    }

    {
        VirtQueueElement *none;
        ck_assert_int_eq(virtqueue_pop(&vq, &none, &err), 0);
    }
    virtqueue_push(&vq, e, 33);
    ck_assert_uint_eq(vg_get16(USED_PA + 2), 1);
    ck_assert_uint_eq(vg_get32(USED_PA + 4), 3);
    ck_assert_uint_eq(vg_get32(USED_PA + 8), 33);
    ck_assert_uint_eq(vq.inflight, 0);
    g_free(e);
    ck_assert_uint_eq(vg_trap_hits, 0);
}
END_TEST

START_TEST(test_empty_and_disabled)
{
    VirtQueueElement *e;
    char *err = NULL;

    ck_assert_int_eq(virtqueue_pop(&vq, &e, &err), 0);
    ck_assert_ptr_null(e);
    virtqueue_disable(&vq);
    make_avail(0);
    ck_assert_int_eq(virtqueue_pop(&vq, &e, &err), 0);
    ck_assert_ptr_null(err);
}
END_TEST

START_TEST(test_index_wraparound)
{
    VirtQueueElement *e;
    char *err = NULL;

    /* Free-running 16-bit indices cross 65535 -> 0. */
    vq.last_avail_idx = vq.used_idx = gq.avail_idx = 0xfffe;
    vg_put16(USED_PA + 2, 0xfffe);
    desc(0, DATA_PA, 16, VIRTQ_DESC_F_WRITE, 0);
    for (int i = 0; i < 4; i++) {
        make_avail(0);
        ck_assert_int_eq(virtqueue_pop(&vq, &e, &err), 1);
        virtqueue_push(&vq, e, 16);
        g_free(e);
    }
    ck_assert_uint_eq(vq.last_avail_idx, 2);
    ck_assert_uint_eq(vg_get16(USED_PA + 2), 2);
    ck_assert_int_eq(virtqueue_pop(&vq, &e, &err), 0);
}
END_TEST

START_TEST(test_notify_suppression)
{
    ck_assert(virtqueue_should_notify(&vq));
    vg_put16(AVAIL_PA, VIRTQ_AVAIL_F_NO_INTERRUPT);
    ck_assert(!virtqueue_should_notify(&vq));
}
END_TEST

START_TEST(test_indirect)
{
    VirtQueueElement *e;
    char *err = NULL;

    vg_desc(TABLE_PA, 0, DATA_PA, 16, VIRTQ_DESC_F_NEXT, 1);
    vg_desc(TABLE_PA, 1, DATA_PA + 0x100, 512,
            VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 2);
    vg_desc(TABLE_PA, 2, DATA_PA + 0x400, 1, VIRTQ_DESC_F_WRITE, 0);
    desc(5, TABLE_PA, 3 * 16, VIRTQ_DESC_F_INDIRECT, 0);
    make_avail(5);
    ck_assert_int_eq(virtqueue_pop(&vq, &e, &err), 1);
    ck_assert_uint_eq(e->head, 5);
    ck_assert_uint_eq(e->out_num, 1);
    ck_assert_uint_eq(e->in_num, 2);
    ck_assert_uint_eq(e->in_len, 513);
    g_free(e);
}
END_TEST

START_TEST(test_indirect_not_negotiated)
{
    char *err = NULL;

    ck_assert_int_eq(virtqueue_enable(&vq, vg_as, QSIZE, DESC_PA, AVAIL_PA,
                                      USED_PA, false, &err), 0);
    vg_desc(TABLE_PA, 0, DATA_PA, 16, 0, 0);
    desc(0, TABLE_PA, 16, VIRTQ_DESC_F_INDIRECT, 0);
    make_avail(0);
    expect_reject("not negotiated");
}
END_TEST

START_TEST(test_indirect_nested)
{
    vg_desc(TABLE_PA, 0, TABLE_PA + 0x100, 16, VIRTQ_DESC_F_INDIRECT, 0);
    vg_desc(TABLE_PA + 0x100, 0, DATA_PA, 16, 0, 0);
    desc(0, TABLE_PA, 16, VIRTQ_DESC_F_INDIRECT, 0);
    make_avail(0);
    expect_reject("inside an indirect");
}
END_TEST

START_TEST(test_indirect_with_next)
{
    vg_desc(TABLE_PA, 0, DATA_PA, 16, 0, 0);
    desc(0, TABLE_PA, 16, VIRTQ_DESC_F_INDIRECT | VIRTQ_DESC_F_NEXT, 1);
    desc(1, DATA_PA, 16, 0, 0);
    make_avail(0);
    expect_reject("INDIRECT and NEXT");
}
END_TEST

/*
 * Chains of one bad descriptor (entry 0, offered as head 0), each refused
 * with a message containing @error.
 */
static const struct {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
    const char *error;
} bad_descs[] = {
    /* Indirect table not a multiple of 16 bytes, or running past RAM. */
    { TABLE_PA, 24, VIRTQ_DESC_F_INDIRECT, 0, "indirect table" },
    { VG_RAM_END - 16, 32, VIRTQ_DESC_F_INDIRECT, 0, "outside RAM" },
    /* Buffers just past, across the end of, and just below RAM. */
    { VG_RAM_END, 1, VIRTQ_DESC_F_WRITE, 0, "outside RAM" },
    { VG_RAM_END - 8, 16, VIRTQ_DESC_F_WRITE, 0, "outside RAM" },
    { VG_RAM_BASE - 4, 8, 0, 0, "outside RAM" },
    /* 0xfffffff0 + 0x20 wraps a 32-bit address space. */
    { 0xfffffff0ull, 0x20, 0, 0, "outside RAM" },
    /* Starts in RAM, length 2^32 - 1 runs far past its end. */
    { VG_RAM_BASE + 0x4000, 0xffffffffu, VIRTQ_DESC_F_WRITE, 0,
      "outside RAM" },
    { 0xffffffffffffff00ull, 0x200, 0, 0, "outside RAM" },
    { DATA_PA, 16, VIRTQ_DESC_F_NEXT, QSIZE, "out of range" },
    /* Zero-length buffers are refused, so no chain can total zero bytes. */
    { DATA_PA, 0, 0, 0, "length 0" },
};

START_TEST(test_bad_desc)
{
    desc(0, bad_descs[_i].addr, bad_descs[_i].len, bad_descs[_i].flags,
         bad_descs[_i].next);
    make_avail(0);
    expect_reject(bad_descs[_i].error);
}
END_TEST

START_TEST(test_indirect_loop)
{
    /* A loop inside an indirect table is bounded by the table size. */
    vg_desc(TABLE_PA, 0, DATA_PA, 16, VIRTQ_DESC_F_NEXT, 1);
    vg_desc(TABLE_PA, 1, DATA_PA, 16, VIRTQ_DESC_F_NEXT, 0);
    desc(0, TABLE_PA, 32, VIRTQ_DESC_F_INDIRECT, 0);
    make_avail(0);
    expect_reject("(2 entries): stopped after 3,");
}
END_TEST

START_TEST(test_two_element_loop)
{
    desc(0, DATA_PA, 16, VIRTQ_DESC_F_NEXT, 1);
    desc(1, DATA_PA + 16, 16, VIRTQ_DESC_F_NEXT, 0);
    make_avail(0);
    expect_reject("stopped after 17,");
}
END_TEST

START_TEST(test_long_chain)
{
    /* 1000 descriptors claimed on a 16-entry queue: it must cycle. */
    for (unsigned i = 0; i < QSIZE; i++) {
        desc(i, DATA_PA + 16 * i, 16, VIRTQ_DESC_F_NEXT, (i + 1) % QSIZE);
    }
    make_avail(0);
    expect_reject("longer than its table (16 entries): stopped after 17,");
}
END_TEST

START_TEST(test_head_out_of_range)
{
    make_avail(QSIZE + 3);
    expect_reject("head 19 is out of range");
}
END_TEST

START_TEST(test_write_before_read)
{
    desc(0, DATA_PA, 16, VIRTQ_DESC_F_WRITE | VIRTQ_DESC_F_NEXT, 1);
    desc(1, DATA_PA + 16, 16, 0, 0);
    make_avail(0);
    expect_reject("readable after a writable");
}
END_TEST

START_TEST(test_avail_jump)
{
    desc(0, DATA_PA, 16, 0, 0);
    vg_put16(AVAIL_PA + 2, QSIZE + 1);
    expect_reject("jumped");
}
END_TEST

START_TEST(test_enable_checks)
{
    char *err = NULL;

    ck_assert_int_eq(virtqueue_enable(&vq, vg_as, 12, DESC_PA, AVAIL_PA,
                                      USED_PA, false, &err), -EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "power of two"));
    g_clear_pointer(&err, g_free);
    ck_assert(!vq.enabled);
    ck_assert_int_eq(virtqueue_enable(&vq, vg_as, VIRTQUEUE_MAX_SIZE * 2,
                                      DESC_PA, AVAIL_PA, USED_PA, false,
                                      &err), -EINVAL);
    g_clear_pointer(&err, g_free);
    /* Descriptor table running past RAM into the trap region. */
    ck_assert_int_eq(virtqueue_enable(&vq, vg_as, QSIZE, VG_RAM_END - 128,
                                      AVAIL_PA, USED_PA, false, &err),
                     -EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "outside RAM"));
    g_clear_pointer(&err, g_free);
    /* Misaligned used ring. */
    ck_assert_int_eq(virtqueue_enable(&vq, vg_as, QSIZE, DESC_PA, AVAIL_PA,
                                      USED_PA + 2, false, &err), -EINVAL);
    g_clear_pointer(&err, g_free);
    /* Rings in MMIO. */
    ck_assert_int_eq(virtqueue_enable(&vq, vg_as, QSIZE, VG_RAM_END, AVAIL_PA,
                                      USED_PA, false, &err), -EINVAL);
    g_clear_pointer(&err, g_free);
    ck_assert(!vq.enabled);
    ck_assert_uint_eq(vg_trap_hits, 0);
}
END_TEST

START_TEST(test_full_queue_of_chains)
{
    VirtQueueElement *e[QSIZE];
    char *err = NULL;

    /* Every entry its own one-descriptor chain: the queue fills exactly. */
    for (unsigned i = 0; i < QSIZE; i++) {
        desc(i, DATA_PA + 64 * i, 64, i & 1 ? VIRTQ_DESC_F_WRITE : 0, 0);
        make_avail((uint16_t)i);
    }
    for (unsigned i = 0; i < QSIZE; i++) {
        ck_assert_int_eq(virtqueue_pop(&vq, &e[i], &err), 1);
        ck_assert_uint_eq(e[i]->head, i);
        ck_assert_uint_eq(e[i]->in_num, i & 1);
    }
    ck_assert_uint_eq(vq.inflight, QSIZE);
    /* Completion out of order is fine. */
    for (int i = QSIZE - 1; i >= 0; i--) {
        virtqueue_push(&vq, e[i], 0);
        g_free(e[i]);
    }
    ck_assert_uint_eq(vg_get16(USED_PA + 2), QSIZE);
    ck_assert_uint_eq(vg_get32(USED_PA + 4), QSIZE - 1);
}
END_TEST

/* An address near something interesting: RAM edges, the rings, MMIO. */
static uint64_t fuzz_addr(GRand *r)
{
    static const uint64_t spots[] = {
        VG_RAM_BASE, VG_RAM_END, DESC_PA, TABLE_PA, DATA_PA, VG_RAM_BASE - 0x1000,
        0, 0xfffffff0ull, 0xffffffffffffff00ull,
    };
    uint64_t base = spots[g_rand_int_range(r, 0, G_N_ELEMENTS(spots))];

    return base + (uint64_t)g_rand_int_range(r, -64, 64);
}

static uint32_t fuzz_len(GRand *r)
{
    static const uint32_t lens[] = { 0, 1, 16, 48, 512, 0x10000, 0xffffffffu };

    return lens[g_rand_int_range(r, 0, G_N_ELEMENTS(lens))] +
           (g_rand_boolean(r) ? 0 : (uint32_t)g_rand_int_range(r, 0, 8));
}

START_TEST(test_fuzz)
{
    /* Deterministic random rings: pop either rejects or yields only RAM. */
    GRand *r = g_rand_new_with_seed(20251124);
    unsigned ok = 0, bad = 0;

    for (int iter = 0; iter < 3000; iter++) {
        VirtQueueElement *e;
        char *err = NULL;
        int ret;

        for (unsigned i = 0; i < QSIZE; i++) {
            desc(i, fuzz_addr(r), fuzz_len(r),
                 (uint16_t)g_rand_int_range(r, 0, 8),
                 (uint16_t)g_rand_int_range(r, 0, QSIZE + 2));
            vg_desc(TABLE_PA, i, fuzz_addr(r), fuzz_len(r),
                    (uint16_t)g_rand_int_range(r, 0, 8),
                    (uint16_t)g_rand_int_range(r, 0, QSIZE + 2));
        }
        vg_put16(AVAIL_PA + 4 + 2 * (vq.last_avail_idx % QSIZE),
              (uint16_t)g_rand_int_range(r, 0, QSIZE + 2));
        vg_put16(AVAIL_PA + 2, (uint16_t)(vq.last_avail_idx +
                                       g_rand_int_range(r, 0, QSIZE + 3)));
        ret = virtqueue_pop(&vq, &e, &err);
        ck_assert_uint_eq(vg_trap_hits, 0);
        if (ret < 0) {
            ck_assert_ptr_nonnull(err);
            g_free(err);
            bad++;
            continue;
        }
        if (ret == 0) {
            continue;
        }
        ok++;
        for (unsigned i = 0; i < e->out_num + e->in_num; i++) {
            const VirtQueueSeg *sg = &e->sg[i];
            ck_assert_uint_ge(sg->addr, VG_RAM_BASE);
            ck_assert_uint_gt(sg->len, 0);
            ck_assert_uint_le(sg->addr + sg->len, VG_RAM_END);
            ck_assert_ptr_eq(sg->host, vg_host(sg->addr));
        }
        virtqueue_push(&vq, e, 0);
        g_free(e);
    }
    /* Both outcomes were exercised. */
    ck_assert_uint_gt(ok, 10);
    ck_assert_uint_gt(bad, 100);
    g_rand_free(r);
}
END_TEST

Suite *suite_virtio_queue(void)
{
    Suite *s = suite_create("virtio-queue");
    TCase *ok = tcase_create("valid");
    TCase *bad = tcase_create("malformed");

    tcase_add_checked_fixture(ok, setup, teardown);
    tcase_add_test(ok, test_simple_chain);
    tcase_add_test(ok, test_empty_and_disabled);
    tcase_add_test(ok, test_index_wraparound);
    tcase_add_test(ok, test_notify_suppression);
    tcase_add_test(ok, test_indirect);
    tcase_add_test(ok, test_full_queue_of_chains);
    suite_add_tcase(s, ok);

    tcase_add_checked_fixture(bad, setup, teardown);
    tcase_add_test(bad, test_indirect_not_negotiated);
    tcase_add_test(bad, test_indirect_nested);
    tcase_add_test(bad, test_indirect_with_next);
    tcase_add_loop_test(bad, test_bad_desc, 0, G_N_ELEMENTS(bad_descs));
    tcase_add_test(bad, test_indirect_loop);
    tcase_add_test(bad, test_two_element_loop);
    tcase_add_test(bad, test_long_chain);
    tcase_add_test(bad, test_head_out_of_range);
    tcase_add_test(bad, test_write_before_read);
    tcase_add_test(bad, test_avail_jump);
    tcase_add_test(bad, test_enable_checks);
    tcase_add_test(bad, test_fuzz);
    suite_add_tcase(s, bad);
    return s;
}
