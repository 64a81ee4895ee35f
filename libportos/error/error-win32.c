/*
 * error-win32.c - error texts, and the one place Windows error codes
 * become libportos codes
 *
 * The table follows the meaning of each code, not the C runtime's own
 * mapping (_dosmaperr), which sends most codes to EINVAL.
 */
#include "error-int.h"

#include "portos-win32.h"

#include <portos/error.h>

#include <io.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    DWORD win;
    int err; /* a PORTOS_E* code */
} ErrorMap;

static const ErrorMap error_map[] = {
    { ERROR_SUCCESS, 0 },
    { ERROR_INVALID_FUNCTION, PORTOS_ENOTSUP },
    { ERROR_FILE_NOT_FOUND, PORTOS_ENOENT },
    { ERROR_PATH_NOT_FOUND, PORTOS_ENOENT },
    { ERROR_TOO_MANY_OPEN_FILES, PORTOS_EMFILE },
    { ERROR_ACCESS_DENIED, PORTOS_EACCES },
    { ERROR_INVALID_HANDLE, PORTOS_EBADF },
    { ERROR_NOT_ENOUGH_MEMORY, PORTOS_ENOMEM },
    { ERROR_INVALID_BLOCK, PORTOS_ENOMEM },
    { ERROR_INVALID_ACCESS, PORTOS_EACCES },
    { ERROR_INVALID_DATA, PORTOS_EINVAL },
    { ERROR_OUTOFMEMORY, PORTOS_ENOMEM },
    { ERROR_INVALID_DRIVE, PORTOS_ENODEV },
    { ERROR_NOT_SAME_DEVICE, PORTOS_EXDEV },
    { ERROR_NO_MORE_FILES, PORTOS_ENOENT },
    { ERROR_WRITE_PROTECT, PORTOS_EROFS },
    { ERROR_NOT_READY, PORTOS_EAGAIN },
    { ERROR_CRC, PORTOS_EIO },
    { ERROR_SEEK, PORTOS_EIO },
    { ERROR_SECTOR_NOT_FOUND, PORTOS_EIO },
    { ERROR_WRITE_FAULT, PORTOS_EIO },
    { ERROR_READ_FAULT, PORTOS_EIO },
    { ERROR_GEN_FAILURE, PORTOS_EIO },
    { ERROR_SHARING_VIOLATION, PORTOS_EBUSY },
    { ERROR_LOCK_VIOLATION, PORTOS_EBUSY },
    { ERROR_HANDLE_EOF, PORTOS_EPIPE },
    { ERROR_HANDLE_DISK_FULL, PORTOS_ENOSPC },
    { ERROR_NOT_SUPPORTED, PORTOS_ENOTSUP },
    { ERROR_FILE_EXISTS, PORTOS_EEXIST },
    { ERROR_CANNOT_MAKE, PORTOS_EACCES },
    { ERROR_INVALID_PARAMETER, PORTOS_EINVAL },
    { ERROR_BROKEN_PIPE, PORTOS_EPIPE },
    { ERROR_DISK_FULL, PORTOS_ENOSPC },
    { ERROR_CALL_NOT_IMPLEMENTED, PORTOS_ENOSYS },
    { ERROR_SEM_TIMEOUT, PORTOS_ETIMEDOUT },
    { ERROR_INSUFFICIENT_BUFFER, PORTOS_ENOBUFS },
    { ERROR_INVALID_NAME, PORTOS_ENOENT },
    { ERROR_NEGATIVE_SEEK, PORTOS_EINVAL },
    { ERROR_SEEK_ON_DEVICE, PORTOS_ESPIPE },
    { ERROR_DIR_NOT_EMPTY, PORTOS_ENOTEMPTY },
    { ERROR_BUSY, PORTOS_EBUSY },
    { ERROR_ALREADY_EXISTS, PORTOS_EEXIST },
    { ERROR_FILENAME_EXCED_RANGE, PORTOS_ENAMETOOLONG },
    { ERROR_BAD_PIPE, PORTOS_EPIPE },
    { ERROR_PIPE_BUSY, PORTOS_EBUSY },
    { ERROR_NO_DATA, PORTOS_EPIPE },
    { ERROR_PIPE_NOT_CONNECTED, PORTOS_EPIPE },
    { WAIT_TIMEOUT, PORTOS_ETIMEDOUT },
    { ERROR_DIRECTORY, PORTOS_ENOTDIR },
    { ERROR_NOT_OWNER, PORTOS_EPERM },
    { ERROR_OPERATION_ABORTED, PORTOS_ECANCELED },
    { ERROR_IO_INCOMPLETE, PORTOS_EAGAIN },
    { ERROR_IO_PENDING, PORTOS_EAGAIN },
    { ERROR_NOACCESS, PORTOS_EFAULT },
    { ERROR_INVALID_FLAGS, PORTOS_EINVAL },
    { ERROR_PRIVILEGE_NOT_HELD, PORTOS_EPERM },
    { ERROR_INVALID_ADDRESS, PORTOS_EFAULT },
    { ERROR_COMMITMENT_LIMIT, PORTOS_ENOMEM },
    { ERROR_TIMEOUT, PORTOS_ETIMEDOUT },
    { ERROR_NOT_A_REPARSE_POINT, PORTOS_EINVAL },
    { ERROR_CANT_RESOLVE_FILENAME, PORTOS_ELOOP },
    { ERROR_INVALID_REPARSE_DATA, PORTOS_EINVAL },
    /* Winsock (socket/socket-win32.c) */
    { WSAEINTR, PORTOS_EINTR },
    { WSAEBADF, PORTOS_EBADF },
    { WSAEACCES, PORTOS_EACCES },
    { WSAEFAULT, PORTOS_EFAULT },
    { WSAEINVAL, PORTOS_EINVAL },
    { WSAEMFILE, PORTOS_EMFILE },
    { WSAEWOULDBLOCK, PORTOS_EAGAIN },
    { WSAEINPROGRESS, PORTOS_EAGAIN },
    { WSAENOTSOCK, PORTOS_EBADF },
    { WSAEMSGSIZE, PORTOS_EINVAL },
    { WSAEAFNOSUPPORT, PORTOS_ENOTSUP },
    { WSAEADDRINUSE, PORTOS_EADDRINUSE },
    { WSAEADDRNOTAVAIL, PORTOS_EINVAL },
    { WSAENETDOWN, PORTOS_EIO },
    { WSAENETUNREACH, PORTOS_ECONNREFUSED },
    { WSAECONNABORTED, PORTOS_EPIPE },
    { WSAECONNRESET, PORTOS_EPIPE },
    { WSAENOBUFS, PORTOS_ENOBUFS },
    { WSAENOTCONN, PORTOS_EPIPE },
    { WSAESHUTDOWN, PORTOS_EPIPE },
    { WSAETIMEDOUT, PORTOS_ETIMEDOUT },
    { WSAECONNREFUSED, PORTOS_ECONNREFUSED },
    { WSAEHOSTUNREACH, PORTOS_ECONNREFUSED },
    { WSASYSNOTREADY, PORTOS_EIO },
    { WSAVERNOTSUPPORTED, PORTOS_ENOTSUP },
    { WSANOTINITIALISED, PORTOS_EINVAL },
};

int portos__winerror(DWORD err)
{
    for (size_t i = 0; i < sizeof(error_map) / sizeof(error_map[0]); i++) {
        if (error_map[i].win == err) {
            return error_map[i].err;
        }
    }
    /* A code with no POSIX meaning: an I/O error rather than a made-up one. */
    return PORTOS_EIO;
}

const char *portos__error_message(int err)
{
    return strerror(-err);
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
