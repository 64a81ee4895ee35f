/*
 * file-int.h - what a file backend provides to file.c
 *
 * file.c checks arguments and runs the copy loop; backends do the I/O.
 * The posix and wasm backends share pread/pwrite (file-unix.c).
 */
#ifndef PORTOS_FILE_INT_H
#define PORTOS_FILE_INT_H

#include <portos/file.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Positional read/write that leave the file position alone.
 * Return bytes moved (0 from pread at end of file) or a PORTOS_E* code;
 * EINTR is retried inside.
 */
int64_t portos__pread(int fd, void *buf, size_t len, int64_t off);
int64_t portos__pwrite(int fd, const void *buf, size_t len, int64_t off);

/* open/fsync/close of portos_file_*(); arguments checked by file.c. */
int portos__file_open(const char *path, bool write, bool create);
int portos__file_sync(int fd);
int portos__file_close(int fd);

/*
 * The OS's own range copy. Returns bytes copied (0 at end of input), or a
 * PORTOS_E* code; PORTOS_ENOSYS, _EXDEV, _ENOTSUP and _EINVAL mean "use the
 * read/write loop instead". Backends without one return PORTOS_ENOSYS.
 */
int64_t portos__copy_range_os(int fd_in, int64_t off_in, int fd_out,
                              int64_t off_out, size_t len);

/* Non-zero when both descriptors name the same file (a code on error). */
int portos__same_file(int fd_a, int fd_b);

/*
 * Whole-file lock and unlock on @fd (already checked to be >= 0), without
 * waiting. Conflicts are -EAGAIN; a file or OS that cannot lock is
 * -ENOTSUP (filelock-<backend>.c).
 */
int portos__file_lock(int fd, bool exclusive);
int portos__file_unlock(int fd);

#endif
