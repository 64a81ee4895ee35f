/*
 * portos/file.h - positional file I/O, copying byte ranges between files,
 * and whole-file locks
 *
 * The I/O leaves file positions alone: posix pread/pwrite, win32
 * ReadFile/WriteFile with an OVERLAPPED offset (position restored), wasm
 * Emscripten's pread/pwrite.
 *
 * Opening, syncing and closing: posix open/fsync/close; win32 _wopen of
 * the UTF-8 name in binary mode, FlushFileBuffers, _close; wasm
 * Emscripten's open/fsync/close (host files under Node with NODERAWFS).
 */
#ifndef PORTOS_FILE_H
#define PORTOS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** portos_file_open() flag: read and write (without it: read only). */
#define PORTOS_FILE_WRITE 0x1u
/**
 * portos_file_open() flag, with PORTOS_FILE_WRITE: create the file if it
 * is missing (mode 0666 less the umask), empty it if it is there.
 */
#define PORTOS_FILE_CREATE 0x2u

/**
 * portos_file_open: open the existing file @path (UTF-8) for positional
 * I/O with portos_pread()/portos_pwrite() (or a new, empty one).
 * @flags: 0, PORTOS_FILE_WRITE or PORTOS_FILE_WRITE | PORTOS_FILE_CREATE
 *
 * The descriptor is in binary mode (no newline translation on Windows)
 * and not inherited by child processes. Opening never waits: a FIFO is
 * opened without waiting for its other end (posix, wasm: O_NONBLOCK, which
 * regular files and block devices ignore), so a caller can look at what
 * it opened (portos_blockdev_info()) and refuse it.
 *
 * Returns: the descriptor, or a PORTOS_E* code (PORTOS_ENOENT, PORTOS_EACCES,
 * PORTOS_EISDIR...; PORTOS_EINVAL for unknown @flags, CREATE without WRITE, or a NULL @path).
 */
int portos_file_open(const char *path, unsigned flags);

/**
 * portos_file_sync: make the data written to @fd durable (fsync;
 * FlushFileBuffers on win32, which needs a descriptor opened for writing).
 * Returns: 0 or a PORTOS_E* code (PORTOS_EBADF...).
 */
int portos_file_sync(int fd);

/**
 * portos_file_close: close @fd.
 * Returns: 0 or a PORTOS_E* code (PORTOS_EBADF).
 */
int portos_file_close(int fd);

/**
 * portos_pread: read up to @len bytes at offset @off.
 * Returns: bytes read (0 at end of file; fewer than @len near it), or a
 * PORTOS_E* code (PORTOS_EINVAL for a negative offset, PORTOS_EBADF...).
 * Interrupted calls are retried.
 */
int64_t portos_pread(int fd, void *buf, size_t len, int64_t off);

/**
 * portos_pwrite: write up to @len bytes at offset @off.
 * Returns: bytes written (possibly fewer than @len), or a PORTOS_E* code.
 */
int64_t portos_pwrite(int fd, const void *buf, size_t len, int64_t off);

/** Skip the kernel's copy_file_range and use the read/write loop. */
#define PORTOS_COPY_FALLBACK 0x1u

/**
 * portos_copy_file_range: copy @len bytes from @fd_in at @off_in to @fd_out
 * at @off_out.
 * @flags: 0 or PORTOS_COPY_FALLBACK
 *
 * Uses positional I/O only, so neither file position moves. On Linux the
 * kernel's copy_file_range() is tried first; when it answers ENOSYS, EXDEV,
 * EOPNOTSUPP or EINVAL (no support for this pair of files) the copy goes on
 * with a buffered pread/pwrite loop. Other backends always use the loop.
 * The copy stops early only at the end of @fd_in.
 *
 * Returns: bytes copied (less than @len only at end of input), or a
 * PORTOS_E* code (PORTOS_EINVAL for negative offsets).
 */
int64_t portos_copy_file_range(int fd_in, int64_t off_in, int fd_out,
                               int64_t off_out, int64_t len, unsigned flags);

/**
 * portos_file_lock: take a lock on the whole file behind @fd, without
 * waiting: @exclusive for a writer, shared for readers. Many shared locks
 * can be held at once; an exclusive one excludes every other lock.
 *
 * Locks belong to the open file (what open() returned), not to the
 * process: two open() calls of one file in the same process conflict like
 * two processes do (on posix, descriptors duplicated from one open by dup
 * or fork share its lock). Taking a lock again on the same open file
 * converts it (shared <-> exclusive; a conversion that fails keeps the
 * old lock). Closing the last descriptor of the
 * open file releases its lock. On posix an exclusive lock needs @fd open
 * for writing and a shared one for reading (PORTOS_EBADF otherwise).
 *
 *  - posix: an open file description (OFD) lock, fcntl F_OFD_SETLK over
 *    the whole file; advisory, as QEMU's image locks are. A QEMU holding
 *    its lock bytes of an image and a holder of this lock exclude each
 *    other (docs/libportos.md).
 *  - win32: LockFileEx over every offset, LOCKFILE_FAIL_IMMEDIATELY.
 *    Windows locks are mandatory: while one is held, other handles cannot
 *    write the file (shared) or read or write it (exclusive); a shared
 *    lock also stops writes through @fd itself.
 *  - wasm: Emscripten's file systems have no locks: always PORTOS_ENOTSUP.
 *
 * Returns: 0; PORTOS_EAGAIN when another open file holds a conflicting
 * lock; PORTOS_ENOTSUP where the file or file system cannot be locked
 * (wasm, a kernel without OFD locks, win32 pipes and devices; Linux does
 * lock pipes); PORTOS_EBADF or another PORTOS_E* code.
 */
int portos_file_lock(int fd, bool exclusive);

/**
 * portos_file_unlock: release the lock portos_file_lock() took on @fd's
 * open file; releasing a file that holds no lock is not an error.
 * Returns: 0 or a PORTOS_E* code (PORTOS_EBADF; PORTOS_ENOTSUP as for
 * the lock).
 */
int portos_file_unlock(int fd);

#ifdef __cplusplus
}
#endif

#endif
