/*
 * winerror-win32.c - the one place Windows error codes become errno values
 *
 * The table follows the meaning of each code, not the C runtime's own
 * mapping (_dosmaperr), which sends most codes to EINVAL.
 */
#include "winerror-win32.h"

#include <portos/error.h>

#include <io.h>
#include <stdlib.h>

typedef struct {
    DWORD win;
    int err;
} ErrorMap;

static const ErrorMap error_map[] = {
    { ERROR_SUCCESS, 0 },
    { ERROR_INVALID_FUNCTION, ENOTSUP },
    { ERROR_FILE_NOT_FOUND, ENOENT },
    { ERROR_PATH_NOT_FOUND, ENOENT },
    { ERROR_TOO_MANY_OPEN_FILES, EMFILE },
    { ERROR_ACCESS_DENIED, EACCES },
    { ERROR_INVALID_HANDLE, EBADF },
    { ERROR_NOT_ENOUGH_MEMORY, ENOMEM },
    { ERROR_INVALID_BLOCK, ENOMEM },
    { ERROR_INVALID_ACCESS, EACCES },
    { ERROR_INVALID_DATA, EINVAL },
    { ERROR_OUTOFMEMORY, ENOMEM },
    { ERROR_INVALID_DRIVE, ENODEV },
    { ERROR_NOT_SAME_DEVICE, EXDEV },
    { ERROR_NO_MORE_FILES, ENOENT },
    { ERROR_WRITE_PROTECT, EROFS },
    { ERROR_NOT_READY, EAGAIN },
    { ERROR_CRC, EIO },
    { ERROR_SEEK, EIO },
    { ERROR_SECTOR_NOT_FOUND, EIO },
    { ERROR_WRITE_FAULT, EIO },
    { ERROR_READ_FAULT, EIO },
    { ERROR_GEN_FAILURE, EIO },
    { ERROR_SHARING_VIOLATION, EBUSY },
    { ERROR_LOCK_VIOLATION, EBUSY },
    { ERROR_HANDLE_EOF, EPIPE },
    { ERROR_HANDLE_DISK_FULL, ENOSPC },
    { ERROR_NOT_SUPPORTED, ENOTSUP },
    { ERROR_FILE_EXISTS, EEXIST },
    { ERROR_CANNOT_MAKE, EACCES },
    { ERROR_INVALID_PARAMETER, EINVAL },
    { ERROR_BROKEN_PIPE, EPIPE },
    { ERROR_DISK_FULL, ENOSPC },
    { ERROR_CALL_NOT_IMPLEMENTED, ENOSYS },
    { ERROR_SEM_TIMEOUT, ETIMEDOUT },
    { ERROR_INSUFFICIENT_BUFFER, ENOBUFS },
    { ERROR_INVALID_NAME, ENOENT },
    { ERROR_NEGATIVE_SEEK, EINVAL },
    { ERROR_SEEK_ON_DEVICE, ESPIPE },
    { ERROR_DIR_NOT_EMPTY, ENOTEMPTY },
    { ERROR_BUSY, EBUSY },
    { ERROR_ALREADY_EXISTS, EEXIST },
    { ERROR_FILENAME_EXCED_RANGE, ENAMETOOLONG },
    { ERROR_BAD_PIPE, EPIPE },
    { ERROR_PIPE_BUSY, EBUSY },
    { ERROR_NO_DATA, EPIPE },
    { ERROR_PIPE_NOT_CONNECTED, EPIPE },
    { WAIT_TIMEOUT, ETIMEDOUT },
    { ERROR_DIRECTORY, ENOTDIR },
    { ERROR_NOT_OWNER, EPERM },
    { ERROR_OPERATION_ABORTED, ECANCELED },
    { ERROR_IO_INCOMPLETE, EAGAIN },
    { ERROR_IO_PENDING, EAGAIN },
    { ERROR_NOACCESS, EFAULT },
    { ERROR_INVALID_FLAGS, EINVAL },
    { ERROR_PRIVILEGE_NOT_HELD, EPERM },
    { ERROR_INVALID_ADDRESS, EFAULT },
    { ERROR_COMMITMENT_LIMIT, ENOMEM },
    { ERROR_TIMEOUT, ETIMEDOUT },
    { ERROR_NOT_A_REPARSE_POINT, EINVAL },
    { ERROR_CANT_RESOLVE_FILENAME, ELOOP },
    { ERROR_INVALID_REPARSE_DATA, EINVAL },
};

int portos__winerror(DWORD err)
{
    for (size_t i = 0; i < sizeof(error_map) / sizeof(error_map[0]); i++) {
        if (error_map[i].win == err) {
            return -error_map[i].err;
        }
    }
    /* A code with no POSIX meaning: an I/O error rather than a made-up one. */
    return -EIO;
}

/* Do nothing: a bad descriptor is an ordinary error here, not a crash. */
static void ignore_invalid_parameter(const wchar_t *expr, const wchar_t *func,
                                     const wchar_t *file, unsigned line,
                                     uintptr_t reserved)
{
    (void)expr, (void)func, (void)file, (void)line, (void)reserved;
}

HANDLE portos__fd_handle(int fd)
{
    _invalid_parameter_handler old;
    intptr_t h;

    if (fd < 0) {
        return INVALID_HANDLE_VALUE;
    }
    old = _set_invalid_parameter_handler(ignore_invalid_parameter);
    h = _get_osfhandle(fd);
    _set_invalid_parameter_handler(old);
    return (HANDLE)h;
}
