/*
 * block.c - raw images, coroutine-run requests, completion queue, flush
 */
#include "block/block.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include <portos/blockdev.h>
#include <portos/coroutine.h>
#include <portos/error.h>
#include <portos/file.h>

#define ZERO_CHUNK (64 * 1024)

struct BlockBackend {
    char *filename;           /* as the user gave it */
    char *tmp_path;           /* snapshot copy still to delete, or NULL */
    int fd;
    int lock_fd;              /* snapshot: the image itself, kept for its lock */
    uint64_t size;
    bool readonly;            /* guest writes refused */
    bool snapshot;            /* writes go to a throw-away copy */
    unsigned inflight;        /* submitted, callback not yet run */
};

static GQueue submit_q = G_QUEUE_INIT; /* submitted, not started yet */
static GQueue done_q = G_QUEUE_INIT;   /* completed, callback pending */
static GList *backends;                /* open BlockBackends */
static unsigned pending_total;
static BlockNotifyFn *notify_fn;
static void *notify_opaque;

static int file_pread(int fd, void *buf, size_t len, uint64_t off)
{
    while (len) {
        int64_t n = portos_pread(fd, buf, len, (int64_t)off);
        if (n < 0) {
            return (int)n;
        }
        if (n == 0) {
            return -EIO;      /* the image shrank under us */
        }
        buf = (uint8_t *)buf + n;
        len -= (size_t)n;
        off += (uint64_t)n;
    }
    return 0;
}

static int file_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
    while (len) {
        int64_t n = portos_pwrite(fd, buf, len, (int64_t)off);
        if (n <= 0) {
            return n < 0 ? (int)n : -EIO;
        }
        buf = (const uint8_t *)buf + n;
        len -= (size_t)n;
        off += (uint64_t)n;
    }
    return 0;
}

/* ---- opening ---- */

static int open_error(char **errmsg, const char *filename, const char *what,
                      int err)
{
    *errmsg = g_strdup_printf("%s: %s: %s", filename, what,
                              portos_strerror(err));
    return err;
}

/* Copy the image to a temporary file and return the copy's descriptor. */
static int snapshot_copy(BlockBackend *bb, int src, char **errmsg)
{
    GError *gerr = NULL;
    int64_t n;
    int fd;

    fd = g_file_open_tmp("portos-snapshot-XXXXXX", &bb->tmp_path, &gerr);
    if (fd < 0) {
        *errmsg = g_strdup_printf("%s: cannot create the snapshot copy: %s",
                                  bb->filename, gerr->message);
        g_error_free(gerr);
        return -EIO;
    }
    n = portos_copy_file_range(src, 0, fd, 0, (int64_t)bb->size, 0);
    if (n != (int64_t)bb->size) {
        open_error(errmsg, bb->filename, "copying it for -snapshot failed",
                   n < 0 ? (int)n : -EIO);
        portos_file_close(fd);
        return -EIO;
    }
    /* Unlink now where the OS lets us, so even a crash leaves no file. */
    if (g_unlink(bb->tmp_path) == 0) {
        g_clear_pointer(&bb->tmp_path, g_free);
    }
    return fd;
}

static int check_size(BlockBackend *bb, int fd, char **errmsg)
{
    PortosBlockdevInfo info;
    int ret = portos_blockdev_info(fd, &info);

    if (ret == PORTOS_ENOTSUP) {
        *errmsg = g_strdup_printf("%s: not a regular file or block device",
                                  bb->filename);
        return ret;
    }
    if (ret < 0) {
        return open_error(errmsg, bb->filename, "cannot get its size", ret);
    }
    if (info.size == 0) {
        *errmsg = g_strdup_printf("%s: the disk image is empty", bb->filename);
        return -EINVAL;
    }
    if (info.size % BLOCK_SECTOR_SIZE) {
        *errmsg = g_strdup_printf("%s: size %" G_GUINT64_FORMAT " bytes is "
                                  "not a multiple of 512 (pad it with "
                                  "truncate -s)", bb->filename, info.size);
        return -EINVAL;
    }
    bb->size = info.size;
    return 0;
}

/*
 * Exclusive for a writer, shared for readers, held while @fd is open.
 * The messages follow QEMU's, on one line.
 */
static int lock_image(BlockBackend *bb, int fd, bool write, unsigned flags,
                      char **errmsg)
{
    int ret;

    if (flags & BLOCK_OPEN_LOCK_OFF) {
        return 0;
    }
    ret = portos_file_lock(fd, write);
    if (ret == PORTOS_EAGAIN) {
        *errmsg = g_strdup_printf("%s: Failed to get %s\"write\" lock: is "
                                  "another process using the image? "
                                  "(file.locking=off skips this check)",
                                  bb->filename, write ? "" : "shared ");
        return ret;
    }
    /* auto: a file system without locks is used as it is, like QEMU. */
    if (ret == PORTOS_ENOTSUP && !(flags & BLOCK_OPEN_LOCK_ON)) {
        return 0;
    }
    if (ret < 0) {
        return open_error(errmsg, bb->filename, "cannot lock the image "
                          "(file.locking=off skips this)", ret);
    }
    return 0;
}

BlockBackend *block_open(const char *filename, unsigned flags, char **errmsg)
{
    BlockBackend *bb = g_new0(BlockBackend, 1);
    bool write = !(flags & (BLOCK_OPEN_READONLY | BLOCK_OPEN_SNAPSHOT));
    int fd;

    bb->filename = g_strdup(filename);
    bb->readonly = flags & BLOCK_OPEN_READONLY;
    bb->snapshot = flags & BLOCK_OPEN_SNAPSHOT;
    bb->lock_fd = -1;
    fd = portos_file_open(filename, write ? PORTOS_FILE_WRITE : 0);
    if (fd < 0) {
        int err = fd;
        bool denied = err == -EACCES || err == -EROFS || err == -EPERM;
        open_error(errmsg, filename, write && denied ? "cannot open for "
                   "writing (use readonly=on or -snapshot)" : "cannot open",
                   err);
        goto fail;
    }
    if (check_size(bb, fd, errmsg) < 0 ||
        lock_image(bb, fd, write, flags, errmsg) < 0) {
        portos_file_close(fd);
        goto fail;
    }
    if (bb->snapshot && !bb->readonly) {
        int copy = snapshot_copy(bb, fd, errmsg);
        if (copy < 0) {
            portos_file_close(fd);
            goto fail;
        }
        /* The copy is ours alone; the image keeps its shared lock. */
        bb->lock_fd = fd;
        fd = copy;
    }
    bb->fd = fd;
    backends = g_list_prepend(backends, bb);
    return bb;

fail:
    if (bb->tmp_path) {
        g_unlink(bb->tmp_path);
    }
    g_free(bb->tmp_path);
    g_free(bb->filename);
    g_free(bb);
    return NULL;
}

void block_close(BlockBackend *bb)
{
    if (!bb) {
        return;
    }
    block_drain(bb);
    block_flush(bb);
    portos_file_close(bb->fd);
    if (bb->lock_fd >= 0) {
        portos_file_close(bb->lock_fd);
    }
    if (bb->tmp_path) {
        g_unlink(bb->tmp_path);
    }
    backends = g_list_remove(backends, bb);
    g_free(bb->tmp_path);
    g_free(bb->filename);
    g_free(bb);
}

uint64_t block_size(const BlockBackend *bb)
{
    return bb->size;
}

bool block_is_readonly(const BlockBackend *bb)
{
    return bb->readonly;
}

const char *block_filename(const BlockBackend *bb)
{
    return bb->filename;
}

/* ---- requests ---- */

/*
 * Scattered requests: one system call per buffer is slow (a virtio-blk
 * read of 64 KiB arrives as 16 guest pages) and libportos has no preadv
 * yet.  Buffers that touch in host memory are merged first; what stays
 * scattered goes through a bounce buffer, up to BOUNCE_SIZE per call.
 */
#define BOUNCE_SIZE (256 * 1024)

/* Merge host-contiguous, non-empty buffers into @out; returns the count. */
static unsigned merge_iov(const BlockIov *iov, unsigned niov, BlockIov *out)
{
    unsigned n = 0;

    for (unsigned i = 0; i < niov; i++) {
        if (iov[i].len == 0) {
            continue;
        }
        if (n && (uint8_t *)out[n - 1].base + out[n - 1].len ==
                 (uint8_t *)iov[i].base) {
            out[n - 1].len += iov[i].len;
        } else {
            out[n++] = iov[i];
        }
    }
    return n;
}

/* Copy @len bytes between @buf and the buffers at cursor (*@i, *@pos). */
static void bounce_copy(const BlockIov *iov, unsigned *i, size_t *pos,
                        uint8_t *buf, size_t len, bool to_iov)
{
    while (len) {
        size_t take = MIN(len, iov[*i].len - *pos);
        uint8_t *p = (uint8_t *)iov[*i].base + *pos;

        if (to_iov) {
            memcpy(p, buf, take);
        } else {
            memcpy(buf, p, take);
        }
        buf += take;
        len -= take;
        *pos += take;
        if (*pos == iov[*i].len) {
            (*i)++;
            *pos = 0;
        }
    }
}

static int bounce_rw(BlockBackend *bb, bool read, uint64_t off,
                     const BlockIov *iov, unsigned n)
{
    uint64_t total = 0, done = 0;
    unsigned i = 0;
    size_t pos = 0;
    uint8_t *buf;
    int ret = 0;

    for (unsigned k = 0; k < n; k++) {
        total += iov[k].len;
    }
    buf = g_malloc((size_t)MIN(total, (uint64_t)BOUNCE_SIZE));
    while (done < total && ret == 0) {
        size_t chunk = (size_t)MIN(total - done, (uint64_t)BOUNCE_SIZE);

        if (read) {
            ret = file_pread(bb->fd, buf, chunk, off + done);
            if (ret == 0) {
                bounce_copy(iov, &i, &pos, buf, chunk, true);
            }
        } else {
            bounce_copy(iov, &i, &pos, buf, chunk, false);
            ret = file_pwrite(bb->fd, buf, chunk, off + done);
        }
        done += chunk;
    }
    g_free(buf);
    return ret;
}

static int do_rw(BlockRequest *req)
{
    BlockBackend *bb = req->bb;
    bool read = req->op == BLOCK_OP_READ;
    BlockIov *runs = g_new(BlockIov, MAX(req->niov, 1u));
    unsigned n = merge_iov(req->iov, req->niov, runs);
    int ret = 0;

    if (n == 1 && read) {
        ret = file_pread(bb->fd, runs[0].base, runs[0].len, req->offset);
    } else if (n == 1) {
        ret = file_pwrite(bb->fd, runs[0].base, runs[0].len, req->offset);
    } else if (n > 1) {
        ret = bounce_rw(bb, read, req->offset, runs, n);
    }
    g_free(runs);
    if (ret == 0 && !read && (req->flags & BLOCK_REQ_FUA)) {
        ret = block_flush(bb);
    }
    return ret;
}

static int do_write_zeroes(BlockRequest *req)
{
    uint8_t *zero = g_malloc0(ZERO_CHUNK);
    uint64_t done = 0;
    int ret = 0;

    while (done < req->len && ret == 0) {
        size_t n = (size_t)MIN((uint64_t)ZERO_CHUNK, req->len - done);
        ret = file_pwrite(req->bb->fd, zero, n, req->offset + done);
        done += n;
    }
    g_free(zero);
    if (ret == 0 && (req->flags & BLOCK_REQ_FUA)) {
        ret = block_flush(req->bb);
    }
    return ret;
}

static uint64_t request_len(const BlockRequest *req)
{
    uint64_t len = 0;

    if (req->op == BLOCK_OP_WRITE_ZEROES) {
        return req->len;
    }
    for (unsigned i = 0; i < req->niov; i++) {
        len += req->iov[i].len;
    }
    return len;
}

/* Refuse what must not reach the file: checked before any host I/O. */
static int check_request(const BlockRequest *req)
{
    uint64_t len = request_len(req);

    if (req->op == BLOCK_OP_FLUSH) {
        return 0;
    }
    if (req->op != BLOCK_OP_READ && req->bb->readonly) {
        return -EROFS;
    }
    if (req->offset > req->bb->size || len > req->bb->size - req->offset) {
        return -EIO;
    }
    return 0;
}

static void complete(BlockRequest *req, int ret)
{
    req->ret = ret;
    g_queue_push_tail(&done_q, req);
    if (notify_fn) {
        notify_fn(notify_opaque);
    }
}

static int request_run(BlockRequest *req)
{
    switch (req->op) {
    case BLOCK_OP_READ:
    case BLOCK_OP_WRITE:
        return do_rw(req);
    case BLOCK_OP_WRITE_ZEROES:
        return do_write_zeroes(req);
    case BLOCK_OP_FLUSH:
        return block_flush(req->bb);
    default:
        return PORTOS_ENOTSUP;
    }
}

static void request_co(void *opaque)
{
    BlockRequest *req = opaque;

    complete(req, request_run(req));
}

void block_aio_submit(BlockBackend *bb, BlockRequest *req)
{
    int ret;

    req->bb = bb;
    req->ret = 0;
    bb->inflight++;
    pending_total++;
    ret = check_request(req);
    if (ret < 0) {
        complete(req, ret);
        return;
    }
    /*
     * Started by the next block_poll(): submitters are device register
     * writes inside the CPU loop, and a coroutine switch there would need
     * the interpreter instrumented for Asyncify on wasm.
     */
    g_queue_push_tail(&submit_q, req);
    if (notify_fn) {
        notify_fn(notify_opaque);
    }
}

/* Start every queued request in its coroutine (main-loop context). */
static void start_queued(void)
{
    BlockRequest *req;

    while ((req = g_queue_pop_head(&submit_q))) {
        PortosCoroutine *co;
        int ret = portos_coroutine_create(&co, request_co, req);

        if (ret < 0) {
            complete(req, ret);
        } else {
            portos_coroutine_enter(co);
        }
    }
}

void block_set_notify(BlockNotifyFn *fn, void *opaque)
{
    notify_fn = fn;
    notify_opaque = opaque;
}

/* Run the callbacks of what is done now: callbacks may submit more. */
static unsigned run_completions(void)
{
    unsigned n = g_queue_get_length(&done_q);

    for (unsigned i = 0; i < n; i++) {
        BlockRequest *req = g_queue_pop_head(&done_q);
        req->bb->inflight--;
        pending_total--;
        req->cb(req, req->ret);
    }
    return n;
}

unsigned block_poll(void)
{
    start_queued();
    return run_completions();
}

unsigned block_pending(void)
{
    return pending_total;
}

/*
 * Drains can come from a device register write (a virtio reset) inside
 * the CPU loop, where no coroutine may be entered (block_aio_submit): the
 * requests not started yet run on the caller's stack. The I/O inside a
 * request is synchronous today, so the result is the same.
 */
static void run_queued_inline(void)
{
    BlockRequest *req;

    while ((req = g_queue_pop_head(&submit_q))) {
        complete(req, request_run(req));
    }
}

void block_drain(BlockBackend *bb)
{
    do {
        run_queued_inline();
    } while (run_completions() && bb->inflight);
}

int block_flush(BlockBackend *bb)
{
    /* Nothing to make durable: no writes, or writes to a throw-away copy. */
    if (bb->readonly || bb->snapshot) {
        return 0;
    }
    return portos_file_sync(bb->fd);
}

int block_flush_all(void)
{
    int first = 0;

    for (GList *l = backends; l; l = l->next) {
        BlockBackend *bb = l->data;
        int ret;

        block_drain(bb);
        ret = block_flush(bb);
        if (ret < 0 && first == 0) {
            first = ret;
            fprintf(stderr, "%s: flush failed: %s\n", bb->filename,
                    portos_strerror(ret));
        }
    }
    return first;
}
