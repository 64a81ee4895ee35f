/*
 * portos/file.h - positional file I/O and copying byte ranges between files
 *
 * All of it leaves file positions alone: posix pread/pwrite, win32
 * ReadFile/WriteFile with an OVERLAPPED offset (position restored), wasm
 * Emscripten's pread/pwrite.
 */
#ifndef PORTOS_FILE_H
#define PORTOS_FILE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

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

#ifdef __cplusplus
}
#endif

#endif
