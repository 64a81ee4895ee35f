/*
 * portos/file.h - positional file I/O and copying byte ranges between files
 *
 * All of it leaves file positions alone: posix pread/pwrite, win32
 * ReadFile/WriteFile with an OVERLAPPED offset (position restored), wasm
 * Emscripten's pread/pwrite.
 *
 * Opening, syncing and closing: posix open/fsync/close; win32 _wopen of
 * the UTF-8 name in binary mode, FlushFileBuffers, _close; wasm
 * Emscripten's open/fsync/close (host files under Node with NODERAWFS).
 */
#ifndef PORTOS_FILE_H
#define PORTOS_FILE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>

/** portos_file_open() flag: read and write (without it: read only). */
#define PORTOS_FILE_WRITE 0x1u

/**
 * portos_file_open: open the existing file @path (UTF-8) for positional
 * I/O with portos_pread()/portos_pwrite().
 * @flags: 0 or PORTOS_FILE_WRITE
 *
 * The descriptor is in binary mode (no newline translation on Windows)
 * and not inherited by child processes.
 *
 * Returns: the descriptor, or a negative errno (-ENOENT, -EACCES,
 * -EISDIR...; -EINVAL for unknown @flags or a NULL @path).
 */
int portos_file_open(const char *path, unsigned flags);

/**
 * portos_file_sync: make the data written to @fd durable (fsync;
 * FlushFileBuffers on win32, which needs a descriptor opened for writing).
 * Returns: 0 or a negative errno (-EBADF...).
 */
int portos_file_sync(int fd);

/**
 * portos_file_close: close @fd.
 * Returns: 0 or a negative errno (-EBADF).
 */
int portos_file_close(int fd);

/**
 * portos_pread: read up to @len bytes at offset @off.
 * Returns: bytes read (0 at end of file; fewer than @len near it), or a
 * negative errno (-EINVAL for a negative offset, -EBADF...). Interrupted
 * calls are retried.
 */
int64_t portos_pread(int fd, void *buf, size_t len, int64_t off);

/**
 * portos_pwrite: write up to @len bytes at offset @off.
 * Returns: bytes written (possibly fewer than @len), or a negative errno.
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
 * negative errno (-EINVAL for negative offsets).
 */
int64_t portos_copy_file_range(int fd_in, int64_t off_in, int fd_out,
                               int64_t off_out, int64_t len, unsigned flags);

/**
 * portos_copy_file_range_used_kernel: true when the last copy on this
 * thread moved data through the kernel's copy_file_range() (for tests
 * and diagnostics).
 */
int portos_copy_file_range_used_kernel(void);

#ifdef __cplusplus
}
#endif

#endif
