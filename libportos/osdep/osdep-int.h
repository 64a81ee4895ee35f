/*
 * osdep-int.h - what each backend provides to the portable osdep code
 */
#ifndef PORTOS_OSDEP_INT_H
#define PORTOS_OSDEP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Positional read/write that leave the file position alone.
 * Return bytes moved (0 from pread at end of file) or a negative errno;
 * EINTR is retried inside.
 */
int64_t portos__pread(int fd, void *buf, size_t len, int64_t off);
int64_t portos__pwrite(int fd, const void *buf, size_t len, int64_t off);

/* open/fsync/close of portos_file_*(); arguments checked by file.c. */
int portos__file_open(const char *path, bool write);
int portos__file_sync(int fd);
int portos__file_close(int fd);

/*
 * The OS's own range copy. Returns bytes copied (0 at end of input), or a
 * negative errno; -ENOSYS, -EXDEV, -EOPNOTSUPP and -EINVAL mean "use the
 * read/write loop instead". Backends without one return -ENOSYS.
 */
int64_t portos__copy_range_os(int fd_in, int64_t off_in, int fd_out,
                              int64_t off_out, size_t len);

/* Non-zero when both descriptors name the same file (-errno on error). */
int portos__same_file(int fd_a, int fd_b);

#endif
