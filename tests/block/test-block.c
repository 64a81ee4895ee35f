/*
 * test-block.c - the block layer on real files: open errors, requests
 * started in coroutines and completed by block_poll(), bounds, read-only,
 * -snapshot copies, flush.
 */
#include "portos-test.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include <portos/coroutine.h>

#include "block/block.h"

#define SECTORS 64

static char *image;

typedef struct Done {
    int calls;
    int ret;
} Done;

static void done_cb(BlockRequest *req, int ret)
{
    Done *d = req->opaque;

    d->calls++;
    d->ret = ret;
    /* Completions run in the main loop, not in the request's coroutine. */
    ck_assert(!portos_in_coroutine());
}

/* Fill @req: @op on @niov buffers at @off, completing into @d. */
static void setup_req(BlockRequest *req, BlockOp op, uint64_t off,
                      const BlockIov *iov, unsigned niov, Done *d)
{
    memset(req, 0, sizeof(*req));
    req->op = op;
    req->offset = off;
    req->iov = iov;
    req->niov = niov;
    req->cb = done_cb;
    req->opaque = d;
}

static void write_file(const char *path, size_t size, int fill_from)
{
    uint8_t *buf = g_malloc(size ? size : 1);
    GError *err = NULL;

    for (size_t i = 0; i < size; i++) {
        buf[i] = (uint8_t)(fill_from + i / 512);
    }
    ck_assert_msg(g_file_set_contents(path, (const char *)buf, (gssize)size,
                                      &err), "%s", err ? err->message : "");
    g_free(buf);
}

static uint8_t *read_file(const char *path, gsize *len)
{
    gchar *data = NULL;

    ck_assert(g_file_get_contents(path, &data, len, NULL));
    return (uint8_t *)data;
}

static void setup(void)
{
    image = portos_test_tmpname("block");
    write_file(image, SECTORS * 512, 0);
    portos_coroutine_pool_drain();
}

static void teardown(void)
{
    g_unlink(image);
    g_free(image);
    portos_coroutine_pool_drain();
    ck_assert_uint_eq(block_pending(), 0);
}

/* Submit one request, check it only completes in block_poll(). */
static int run(BlockBackend *bb, BlockOp op, uint64_t off, void *buf,
               size_t len)
{
    BlockIov iov = { buf, len };
    BlockRequest req;
    Done d = { 0, 1 };

    setup_req(&req, op, off, &iov, 1, &d);
    req.len = len;
    block_aio_submit(bb, &req);
    ck_assert_int_eq(d.calls, 0);
    ck_assert_uint_eq(block_pending(), 1);
    ck_assert_uint_eq(block_poll(), 1);
    ck_assert_int_eq(d.calls, 1);
    ck_assert_uint_eq(block_pending(), 0);
    return d.ret;
}

static void expect_open_error(const char *path, unsigned flags,
                              const char *part)
{
    char *err = NULL;
    BlockBackend *bb = block_open(path, flags, &err);

    ck_assert_ptr_null(bb);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, part) && strstr(err, path),
                  "'%s' lacks '%s'", err, part);
    ck_assert_ptr_null(strchr(err, '\n'));
    g_free(err);
}

START_TEST(test_open_errors)
{
    char *odd = portos_test_tmpname("odd");
    char *empty = portos_test_tmpname("empty");
    char *dir = portos_test_tmpname("dir");
    char *missing = portos_test_tmpname("missing");

    expect_open_error(missing, 0, "No such file");
    expect_open_error(missing, BLOCK_OPEN_SNAPSHOT, "No such file");
    write_file(empty, 0, 0);
    expect_open_error(empty, 0, "empty");
    write_file(odd, 1000, 0);
    expect_open_error(odd, BLOCK_OPEN_READONLY, "not a multiple of 512");
    ck_assert_int_eq(g_mkdir(dir, 0700), 0);
#ifdef _WIN32
    /* Windows refuses to open a directory as a file at all. */
    expect_open_error(dir, BLOCK_OPEN_READONLY, "cannot open");
#else
    expect_open_error(dir, BLOCK_OPEN_READONLY, "not a regular file or block device");
#endif
    g_unlink(odd);
    g_unlink(empty);
    g_rmdir(dir);
    g_free(odd);
    g_free(empty);
    g_free(dir);
    g_free(missing);
}
END_TEST

START_TEST(test_open_info)
{
    char *err = NULL;
    BlockBackend *bb = block_open(image, 0, &err);

    ck_assert_ptr_nonnull(bb);
    ck_assert_uint_eq(block_size(bb), SECTORS * 512);
    ck_assert(!block_is_readonly(bb));
    ck_assert_str_eq(block_filename(bb), image);
    block_close(bb);
    bb = block_open(image, BLOCK_OPEN_READONLY, &err);
    ck_assert(block_is_readonly(bb));
    block_close(bb);
    block_close(NULL);
}
END_TEST

START_TEST(test_read_write_in_coroutine)
{
    BlockBackend *bb = block_open(image, 0, NULL);
    uint8_t buf[1024];
    uint8_t *file;
    gsize len;

    ck_assert_uint_eq(portos_coroutine_pool_size(), 0);
    ck_assert_int_eq(run(bb, BLOCK_OP_READ, 3 * 512, buf, 1024), 0);
    ck_assert_uint_eq(buf[0], 3);
    ck_assert_uint_eq(buf[1023], 4);
    /* The request ran in a coroutine, which finished into the pool. */
    ck_assert_uint_eq(portos_coroutine_pool_size(), 1);

    memset(buf, 0xc3, sizeof(buf));
    ck_assert_int_eq(run(bb, BLOCK_OP_WRITE, 7 * 512, buf, 1024), 0);
    ck_assert_int_eq(run(bb, BLOCK_OP_FLUSH, 0, NULL, 0), 0);
    file = read_file(image, &len);
    ck_assert_uint_eq(len, SECTORS * 512);
    ck_assert_uint_eq(file[7 * 512 - 1], 6);
    ck_assert_uint_eq(file[7 * 512], 0xc3);
    ck_assert_uint_eq(file[9 * 512 - 1], 0xc3);
    ck_assert_uint_eq(file[9 * 512], 9);
    g_free(file);
    /* The pool reused the one coroutine for every request. */
    ck_assert_uint_eq(portos_coroutine_pool_size(), 1);
    block_close(bb);
}
END_TEST

/* Submit @niov buffers at @off and wait for the result. */
static int run_iov(BlockBackend *bb, BlockOp op, uint64_t off,
                   const BlockIov *iov, unsigned niov)
{
    BlockRequest req;
    Done d = { 0, 1 };

    setup_req(&req, op, off, iov, niov, &d);
    block_aio_submit(bb, &req);
    block_poll();
    ck_assert_int_eq(d.calls, 1);
    return d.ret;
}

START_TEST(test_scatter_gather)
{
    BlockBackend *bb = block_open(image, 0, NULL);
    uint8_t *mem = g_malloc0(4096);
    /* Touching buffers (merged), an empty one, then gapped ones (bounced). */
    BlockIov touching[3] = { { mem, 100 }, { mem + 100, 0 }, { mem + 100, 924 } };
    BlockIov gapped[3] = { { mem + 2000, 100 }, { mem + 2200, 412 },
                           { mem + 3000, 512 } };

    ck_assert_int_eq(run_iov(bb, BLOCK_OP_READ, 10 * 512, touching, 3), 0);
    ck_assert_uint_eq(mem[0], 10);
    ck_assert_uint_eq(mem[511], 10);
    ck_assert_uint_eq(mem[512], 11);
    ck_assert_uint_eq(mem[1023], 11);
    ck_assert_uint_eq(mem[1024], 0);

    ck_assert_int_eq(run_iov(bb, BLOCK_OP_READ, 20 * 512, gapped, 3), 0);
    ck_assert_uint_eq(mem[2000 + 99], 20);
    ck_assert_uint_eq(mem[2100], 0);
    ck_assert_uint_eq(mem[2200 + 411], 20);
    ck_assert_uint_eq(mem[3000], 21);
    ck_assert_uint_eq(mem[3511], 21);
    ck_assert_uint_eq(mem[3512], 0);

    /* Gathered write: the three pieces land back to back. */
    memset(mem + 2000, 0xa1, 100);
    memset(mem + 2200, 0xa2, 412);
    memset(mem + 3000, 0xa3, 512);
    ck_assert_int_eq(run_iov(bb, BLOCK_OP_WRITE, 30 * 512, gapped, 3), 0);
    memset(mem, 0, 1024);
    ck_assert_int_eq(run_iov(bb, BLOCK_OP_READ, 30 * 512, touching, 3), 0);
    ck_assert_uint_eq(mem[99], 0xa1);
    ck_assert_uint_eq(mem[100], 0xa2);
    ck_assert_uint_eq(mem[511], 0xa2);
    ck_assert_uint_eq(mem[512], 0xa3);
    block_close(bb);
    g_free(mem);
}
END_TEST

START_TEST(test_scatter_large)
{
    /* 600 KiB in 3000-byte pieces with gaps: several bounce rounds. */
    enum { PIECE = 3000, N = 205, GAP = 96 };
    char *big = portos_test_tmpname("big");
    BlockBackend *bb;
    uint8_t *mem = g_malloc0((size_t)N * (PIECE + GAP) + 512);
    BlockIov iov[N];
    uint8_t *file;
    gsize len;

    write_file(big, 2048 * 512, 0);
    bb = block_open(big, 0, NULL);
    ck_assert_ptr_nonnull(bb);
    for (unsigned i = 0; i < N; i++) {
        iov[i].base = mem + (size_t)i * (PIECE + GAP);
        iov[i].len = PIECE;
        for (unsigned j = 0; j < PIECE; j++) {
            ((uint8_t *)iov[i].base)[j] = (uint8_t)(i * 31 + j);
        }
    }
    /* 205 * 3000 = 615000 bytes: pad the last piece to whole sectors. */
    iov[N - 1].len = PIECE + (512 - (N * PIECE) % 512);
    ck_assert_int_eq(run_iov(bb, BLOCK_OP_WRITE, 512, iov, N), 0);
    file = read_file(big, &len);
    for (unsigned i = 0; i < N - 1; i++) {
        ck_assert_uint_eq(file[512 + (size_t)i * PIECE], (uint8_t)(i * 31));
        ck_assert_uint_eq(file[512 + (size_t)i * PIECE + PIECE - 1],
                          (uint8_t)(i * 31 + PIECE - 1));
    }
    ck_assert_uint_eq(file[511], 0);
    g_free(file);

    /* And read back through the same scattered buffers. */
    memset(mem, 0, (size_t)N * (PIECE + GAP) + 512);
    ck_assert_int_eq(run_iov(bb, BLOCK_OP_READ, 512, iov, N), 0);
    for (unsigned i = 0; i < N - 1; i++) {
        const uint8_t *p = iov[i].base;
        ck_assert_uint_eq(p[0], (uint8_t)(i * 31));
        ck_assert_uint_eq(p[PIECE - 1], (uint8_t)(i * 31 + PIECE - 1));
        ck_assert_uint_eq(p[PIECE], 0);   /* the gap stays untouched */
    }
    block_close(bb);
    g_unlink(big);
    g_free(big);
    g_free(mem);
}
END_TEST

START_TEST(test_bounds)
{
    BlockBackend *bb = block_open(image, 0, NULL);
    uint8_t buf[1024];
    uint8_t *file;
    gsize len;

    memset(buf, 0xee, sizeof(buf));
    ck_assert_int_eq(run(bb, BLOCK_OP_WRITE, (SECTORS - 1) * 512, buf, 1024), -EIO);
    ck_assert_int_eq(run(bb, BLOCK_OP_WRITE, ~0ull - 100, buf, 1024), -EIO);
    ck_assert_int_eq(run(bb, BLOCK_OP_READ, SECTORS * 512, buf, 1), -EIO);
    ck_assert_int_eq(run(bb, BLOCK_OP_WRITE_ZEROES, (SECTORS - 1) * 512, NULL,
                         1024), -EIO);
    /* Up to the very end is fine. */
    ck_assert_int_eq(run(bb, BLOCK_OP_READ, (SECTORS - 2) * 512, buf, 1024), 0);
    block_close(bb);
    file = read_file(image, &len);
    ck_assert_uint_eq(len, SECTORS * 512);
    ck_assert_uint_eq(file[len - 1], SECTORS - 1);
    g_free(file);
}
END_TEST

START_TEST(test_readonly)
{
    BlockBackend *bb = block_open(image, BLOCK_OPEN_READONLY, NULL);
    uint8_t buf[512];
    uint8_t *file;
    gsize len;

    memset(buf, 0x11, sizeof(buf));
    ck_assert_int_eq(run(bb, BLOCK_OP_WRITE, 0, buf, 512), -EROFS);
    ck_assert_int_eq(run(bb, BLOCK_OP_WRITE_ZEROES, 0, NULL, 512), -EROFS);
    ck_assert_int_eq(run(bb, BLOCK_OP_READ, 512, buf, 512), 0);
    ck_assert_uint_eq(buf[0], 1);
    ck_assert_int_eq(run(bb, BLOCK_OP_FLUSH, 0, NULL, 0), 0);
    block_close(bb);
    file = read_file(image, &len);
    ck_assert_uint_eq(file[0], 0);
    g_free(file);
}
END_TEST

static unsigned count_snapshots(void)
{
    GDir *d = g_dir_open(g_get_tmp_dir(), 0, NULL);
    const char *name;
    unsigned n = 0;

    ck_assert_ptr_nonnull(d);
    while ((name = g_dir_read_name(d))) {
        n += g_str_has_prefix(name, "portos-snapshot-");
    }
    g_dir_close(d);
    return n;
}

START_TEST(test_snapshot)
{
    unsigned before = count_snapshots();
    BlockBackend *bb = block_open(image, BLOCK_OPEN_SNAPSHOT, NULL);
    uint8_t buf[512], *orig, *file;
    gsize len;

    orig = read_file(image, &len);
    ck_assert_ptr_nonnull(bb);
    ck_assert(!block_is_readonly(bb));
    ck_assert_uint_eq(block_size(bb), SECTORS * 512);
    memset(buf, 0x99, sizeof(buf));
    ck_assert_int_eq(run(bb, BLOCK_OP_WRITE, 5 * 512, buf, 512), 0);
    ck_assert_int_eq(run(bb, BLOCK_OP_WRITE_ZEROES, 6 * 512, NULL, 512), 0);
    ck_assert_int_eq(run(bb, BLOCK_OP_FLUSH, 0, NULL, 0), 0);
    /* The guest sees its writes... */
    ck_assert_int_eq(run(bb, BLOCK_OP_READ, 5 * 512, buf, 512), 0);
    ck_assert_uint_eq(buf[0], 0x99);
    ck_assert_int_eq(run(bb, BLOCK_OP_READ, 6 * 512, buf, 512), 0);
    ck_assert_uint_eq(buf[0], 0);
    ck_assert_int_eq(run(bb, BLOCK_OP_READ, 7 * 512, buf, 512), 0);
    ck_assert_uint_eq(buf[0], 7);
    /* ...the original does not, and the copy is gone afterwards. */
    file = read_file(image, &len);
    ck_assert_int_eq(memcmp(orig, file, len), 0);
    g_free(file);
    ck_assert_int_eq(block_flush_all(), 0);
    block_close(bb);
    file = read_file(image, &len);
    ck_assert_int_eq(memcmp(orig, file, len), 0);
    ck_assert_uint_eq(file[5 * 512], 5);
    g_free(file);
    g_free(orig);
    ck_assert_uint_le(count_snapshots(), before);
}
END_TEST

START_TEST(test_snapshot_readonly_image)
{
    /* -snapshot on a file we may not write: only a read is needed. */
    BlockBackend *bb = block_open(image, BLOCK_OPEN_SNAPSHOT | BLOCK_OPEN_READONLY,
                                  NULL);
    uint8_t buf[512];

    ck_assert_ptr_nonnull(bb);
    ck_assert(block_is_readonly(bb));
    ck_assert_int_eq(run(bb, BLOCK_OP_READ, 0, buf, 512), 0);
    block_close(bb);
}
END_TEST

static int notified;

static void notify_cb(void *opaque)
{
    ck_assert_ptr_eq(opaque, &notified);
    notified++;
}

START_TEST(test_notify_and_flush_all)
{
    BlockBackend *a = block_open(image, 0, NULL);
    /* A second user of a writable image must give up locking. */
    BlockBackend *b = block_open(image, BLOCK_OPEN_READONLY | BLOCK_OPEN_LOCK_OFF, NULL);
    uint8_t buf[512];
    BlockIov iov = { buf, sizeof(buf) };
    BlockRequest req;
    Done d = { 0, 1 };
    uint8_t *file;
    gsize len;

    block_set_notify(notify_cb, &notified);
    notified = 0;
    memset(buf, 0x42, sizeof(buf));
    setup_req(&req, BLOCK_OP_WRITE, 512, &iov, 1, &d);
    block_aio_submit(a, &req);
    ck_assert_int_eq(notified, 1);
    ck_assert_int_eq(d.calls, 0);
    /* Shutdown: flush_all drains first, so the write is completed and durable. */
    ck_assert_int_eq(block_flush_all(), 0);
    ck_assert_int_eq(d.calls, 1);
    ck_assert_int_eq(d.ret, 0);
    file = read_file(image, &len);
    ck_assert_uint_eq(file[512], 0x42);
    g_free(file);
    block_set_notify(NULL, NULL);
    block_close(b);
    block_close(a);
}
END_TEST

/* A request's coroutine is entered by block_poll(), never by the submitter. */
START_TEST(test_started_by_poll)
{
    BlockBackend *bb = block_open(image, 0, NULL);
    uint8_t buf[512], *file;
    BlockIov iov = { buf, sizeof(buf) };
    BlockRequest req;
    Done d = { 0, 1 };
    gsize len;

    memset(buf, 0x5a, sizeof(buf));
    setup_req(&req, BLOCK_OP_WRITE, 2 * 512, &iov, 1, &d);
    block_aio_submit(bb, &req);
    /* Not started: no coroutine made, the file untouched. */
    ck_assert_uint_eq(portos_coroutine_pool_size(), 0);
    file = read_file(image, &len);
    ck_assert_uint_eq(file[2 * 512], 2);
    g_free(file);
    ck_assert_uint_eq(block_poll(), 1);
    ck_assert_int_eq(d.calls, 1);
    ck_assert_int_eq(d.ret, 0);
    ck_assert_uint_eq(portos_coroutine_pool_size(), 1);
    file = read_file(image, &len);
    ck_assert_uint_eq(file[2 * 512], 0x5a);
    g_free(file);
    block_close(bb);
}
END_TEST

/*
 * Draining (a device reset, inside the CPU loop) runs what has not started
 * on the caller's stack: no coroutine is entered.
 */
START_TEST(test_drain_runs_unstarted_inline)
{
    BlockBackend *bb = block_open(image, 0, NULL);
    uint8_t buf[512];
    BlockIov iov = { buf, sizeof(buf) };
    BlockRequest req;
    Done d = { 0, 1 };

    setup_req(&req, BLOCK_OP_READ, 5 * 512, &iov, 1, &d);
    block_aio_submit(bb, &req);
    block_drain(bb);
    ck_assert_int_eq(d.calls, 1);
    ck_assert_int_eq(d.ret, 0);
    ck_assert_uint_eq(buf[0], 5);
    ck_assert_uint_eq(block_pending(), 0);
    ck_assert_uint_eq(portos_coroutine_pool_size(), 0);
    block_close(bb);
}
END_TEST

START_TEST(test_close_completes_pending)
{
    BlockBackend *bb = block_open(image, 0, NULL);
    uint8_t buf[512];
    BlockIov iov = { buf, sizeof(buf) };
    BlockRequest req;
    Done d = { 0, 1 };

    setup_req(&req, BLOCK_OP_READ, 0, &iov, 1, &d);
    block_aio_submit(bb, &req);
    block_close(bb);
    ck_assert_int_eq(d.calls, 1);
    ck_assert_int_eq(d.ret, 0);
}
END_TEST

#if !defined(_WIN32) && !defined(__EMSCRIPTEN__)
/* A FIFO is refused at once (open used to wait for a writer), as is a
 * character device (neither exists on Windows or Emscripten's file
 * systems). */
START_TEST(test_not_a_disk)
{
    char *fifo = portos_test_tmpname("fifo");

    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    expect_open_error(fifo, 0, "not a regular file or block device");
    expect_open_error(fifo, BLOCK_OPEN_READONLY, "not a regular file or block device");
    expect_open_error("/dev/zero", BLOCK_OPEN_READONLY, "not a regular file or block device");
    g_unlink(fifo);
    g_free(fifo);
}
END_TEST
#endif

#ifdef __EMSCRIPTEN__
/* No locks on Emscripten's file systems: auto runs unlocked, on refuses. */
START_TEST(test_lock_one_writer)
{
    char *err = NULL;
    BlockBackend *a = block_open(image, 0, &err), *b;

    ck_assert_ptr_nonnull(a);
    b = block_open(image, 0, &err);
    ck_assert_ptr_nonnull(b);
    block_close(b);
    expect_open_error(image, BLOCK_OPEN_LOCK_ON, "cannot lock the image");
    block_close(a);
}
END_TEST
#else
/* QEMU's image locking: one writer, or any number of readers. */
START_TEST(test_lock_one_writer)
{
    char *err = NULL;
    BlockBackend *a = block_open(image, 0, &err), *b, *c;

    ck_assert_ptr_nonnull(a);
    expect_open_error(image, 0, "Failed to get \"write\" lock: is another process using the image?");
    expect_open_error(image, BLOCK_OPEN_READONLY, "Failed to get shared \"write\" lock");
    expect_open_error(image, BLOCK_OPEN_SNAPSHOT, "Failed to get shared \"write\" lock");
    expect_open_error(image, BLOCK_OPEN_LOCK_ON, "Failed to get \"write\" lock");
    /* file.locking=off: the user takes the risk. */
    b = block_open(image, BLOCK_OPEN_LOCK_OFF, &err);
    ck_assert_ptr_nonnull(b);
    block_close(b);
    block_close(a);
    /* Closed: the lock is gone. */
    a = block_open(image, 0, &err);
    ck_assert_ptr_nonnull(a);
    block_close(a);

    /* Readers share, and keep a writer out. */
    a = block_open(image, BLOCK_OPEN_READONLY, &err);
    b = block_open(image, BLOCK_OPEN_READONLY, &err);
    c = block_open(image, BLOCK_OPEN_SNAPSHOT, &err);
    ck_assert(a && b && c);
    expect_open_error(image, 0, "Failed to get \"write\" lock");
    block_close(a);
    block_close(b);
    /* A snapshot reads the image all along: it keeps its shared lock. */
    expect_open_error(image, 0, "Failed to get \"write\" lock");
    block_close(c);
    a = block_open(image, 0, &err);
    ck_assert_ptr_nonnull(a);
    block_close(a);
}
END_TEST
#endif

Suite *suite_block(void)
{
    Suite *s = suite_create("block");
    TCase *tc = tcase_create("raw");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_open_errors);
#if !defined(_WIN32) && !defined(__EMSCRIPTEN__)
    tcase_add_test(tc, test_not_a_disk);
#endif
    tcase_add_test(tc, test_lock_one_writer);
    tcase_add_test(tc, test_open_info);
    tcase_add_test(tc, test_read_write_in_coroutine);
    tcase_add_test(tc, test_scatter_gather);
    tcase_add_test(tc, test_scatter_large);
    tcase_add_test(tc, test_bounds);
    tcase_add_test(tc, test_readonly);
    tcase_add_test(tc, test_snapshot);
    tcase_add_test(tc, test_snapshot_readonly_image);
    tcase_add_test(tc, test_notify_and_flush_all);
    tcase_add_test(tc, test_started_by_poll);
    tcase_add_test(tc, test_drain_runs_unstarted_inline);
    tcase_add_test(tc, test_close_completes_pending);
    suite_add_tcase(s, tc);
    return s;
}
