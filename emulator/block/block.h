/*
 * block.h - the block layer: raw disk images behind asynchronous requests
 *
 * A BlockBackend is one open raw image.  Device models submit requests
 * with block_aio_submit(); each runs in its own libportos coroutine,
 * entered by the next block_poll() from the main loop, never by the
 * submitter: submitters are device register writes inside the CPU loop,
 * and on wasm a coroutine switch there would need the interpreter
 * instrumented by Asyncify (docs/emulator.md).  Today the I/O inside the
 * coroutine is a synchronous positional read/write, but a request only
 * ever completes through block_poll(), so a backend that yields (a thread
 * pool, io_uring, a browser fetch) can be added without touching the
 * devices.
 *
 * Main loop contract:
 *  - block_set_notify() is told whenever a request is queued or a
 *    completion becomes pending (e.g. to end the current CPU time slice
 *    early);
 *  - the main loop calls block_poll() to start the submitted requests and
 *    run the completion callbacks (in main-loop context, never inside a
 *    device register access);
 *  - on shutdown (including SIGTERM/SIGINT through portos_shutdown_*) it
 *    calls block_flush_all() so every acknowledged write is on disk, then
 *    frees the devices, then block_close() each backend.
 *
 * Image rules: the image must be a regular file or a block device (a
 * FIFO is refused without waiting for a writer), exist, be readable
 * (and writable unless read-only or snapshot), be non-empty and have a
 * size that is a multiple of 512 bytes.  QEMU rounds odd sizes down and silently
 * ignores the tail; we refuse them instead, so no byte of an image is
 * ever hidden from the guest (pad the file with `truncate -s`).
 */
#ifndef BLOCK_BLOCK_H
#define BLOCK_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BLOCK_SECTOR_SIZE 512

/* block_open() flags. */
#define BLOCK_OPEN_READONLY 0x1u  /* -drive readonly=on */
#define BLOCK_OPEN_SNAPSHOT 0x2u  /* -snapshot / snapshot=on: run on a copy */
#define BLOCK_OPEN_LOCK_ON  0x4u  /* file.locking=on: no lock, no image */
#define BLOCK_OPEN_LOCK_OFF 0x8u  /* file.locking=off: take no lock */

typedef struct BlockBackend BlockBackend;

typedef enum BlockOp {
    BLOCK_OP_READ,
    BLOCK_OP_WRITE,
    BLOCK_OP_FLUSH,
    BLOCK_OP_WRITE_ZEROES,
} BlockOp;

/* BlockRequest.flags */
#define BLOCK_REQ_FUA 0x1u  /* write: on stable storage before completing */

typedef struct BlockIov {
    void *base;
    size_t len;
} BlockIov;

typedef struct BlockRequest BlockRequest;

/* Called from block_poll() with 0 or a negative errno. */
typedef void BlockCompleteFn(BlockRequest *req, int ret);

/*
 * A request.  The submitter owns the memory (typically embedded in its
 * own request struct) and must keep it and the buffers alive until the
 * callback runs.
 */
struct BlockRequest {
    BlockOp op;
    unsigned flags;
    uint64_t offset;          /* bytes; READ/WRITE/WRITE_ZEROES */
    const BlockIov *iov;      /* READ/WRITE buffers */
    unsigned niov;
    uint64_t len;             /* WRITE_ZEROES length in bytes */
    BlockCompleteFn *cb;
    void *opaque;
    /* Private to the block layer. */
    BlockBackend *bb;
    int ret;
};

/* Told when a completion is pending; block_poll() should run soon. */
typedef void BlockNotifyFn(void *opaque);

/**
 * block_open: open the raw image @filename.
 * @flags: BLOCK_OPEN_*
 * @errmsg: on failure, a one-line message naming the file (g_free it)
 *
 * Locking, as QEMU's file.locking: a writable image gets an exclusive
 * lock (portos_file_lock), a read-only or snapshot one a shared lock,
 * held until block_close(), so a second user of the image that would
 * write, or that reads while another writes, is refused ("Failed to get
 * "write" lock"). By default (auto) a file system that cannot lock
 * (-ENOTSUP: wasm's) is used unlocked; BLOCK_OPEN_LOCK_ON refuses it
 * instead, BLOCK_OPEN_LOCK_OFF takes no lock at all.
 *
 * With BLOCK_OPEN_SNAPSHOT the image is opened read-only and copied whole
 * to a temporary file in g_get_tmp_dir() ($TMPDIR; portos_copy_file_range,
 * so a reflink where the file system can); the guest writes go to the
 * copy, which is unlinked at once where the OS allows it (posix) and
 * otherwise by block_close().
 *
 * Returns: the backend, or NULL.
 */
BlockBackend *block_open(const char *filename, unsigned flags, char **errmsg);

/**
 * block_close: drain, flush and close @bb (NULL is ok).  Requests still
 * pending complete (their callbacks run) before it returns.
 */
void block_close(BlockBackend *bb);

/** block_size: image size in bytes (a multiple of BLOCK_SECTOR_SIZE). */
uint64_t block_size(const BlockBackend *bb);

/** block_is_readonly: true if writes are refused. */
bool block_is_readonly(const BlockBackend *bb);

/** block_filename: the image the user named. */
const char *block_filename(const BlockBackend *bb);

/**
 * block_aio_submit: queue @req on @bb; the next block_poll() starts it and
 * runs @req->cb once it is done (that same call, with today's synchronous
 * I/O).  Out-of-range requests complete with -EIO and
 * writes to a read-only backend with -EROFS, without any host I/O.
 */
void block_aio_submit(BlockBackend *bb, BlockRequest *req);

/**
 * block_set_notify: who to tell when block_poll() has work, a request
 * queued or completed (NULL: nobody).
 */
void block_set_notify(BlockNotifyFn *fn, void *opaque);

/**
 * block_poll: start the submitted requests (each in its coroutine), then
 * run the callbacks of completed requests (of every backend).  Main-loop
 * context only.
 * Returns: how many callbacks ran.
 */
unsigned block_poll(void);

/** block_pending: requests submitted whose callback has not run yet. */
unsigned block_pending(void);

/**
 * block_drain: complete every pending request of @bb (callbacks run).
 * Safe inside a device register access: requests not started yet run on
 * the caller's stack instead of in a coroutine.
 */
void block_drain(BlockBackend *bb);

/**
 * block_flush: synchronously make @bb's written data durable.
 * Returns: 0 or a negative errno.
 */
int block_flush(BlockBackend *bb);

/**
 * block_flush_all: drain and flush every open backend (shutdown, SIGTERM).
 * Returns: 0, or the first negative errno (all are still tried).
 */
int block_flush_all(void);

#endif /* BLOCK_BLOCK_H */
