/*
 * file-win32.c - files and positional I/O on C runtime descriptors
 *
 * Files are opened by their UTF-16 name (_wopen: the narrow C runtime
 * calls take the ANSI code page, not UTF-8), always in binary mode and
 * not inherited, and synced with FlushFileBuffers.
 *
 * ReadFile/WriteFile take the offset in an OVERLAPPED structure. On a
 * handle opened for synchronous I/O (all C runtime handles are) Windows
 * still moves the file pointer to the end of the transfer, so it is saved
 * before and put back after: callers see pread/pwrite semantics. Two
 * threads doing positional and ordinary I/O on one descriptor at once can
 * still race on the pointer; the C runtime has the same limit.
 *
 * Windows has no range copy between arbitrary handles (CopyFileEx copies
 * whole files by name), so portos_copy_file_range always takes the loop.
 */
#include "file-int.h"
#include "portos-win32.h"

#include <portos/error.h>

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>
#include <stdbool.h>
#include <stdlib.h>

/* ReadFile/WriteFile take a DWORD length. */
#define MAX_IO ((size_t)1 << 30)

/* A disk file's handle, or a code (PORTOS_ESPIPE for pipes, as pread). */
static int file_handle(int fd, HANDLE *out)
{
    HANDLE h = portos__fd_handle(fd);

    if (h == INVALID_HANDLE_VALUE) {
        return PORTOS_EBADF;
    }
    if (GetFileType(h) != FILE_TYPE_DISK) {
        return PORTOS_ESPIPE;
    }
    *out = h;
    return 0;
}

static int64_t positional_io(int fd, void *buf, size_t len, int64_t off,
                             bool write)
{
    LARGE_INTEGER zero = { 0 }, pos;
    OVERLAPPED ov = { 0 };
    DWORD done = 0, code;
    BOOL ok;
    HANDLE h;
    int err = file_handle(fd, &h);

    if (err < 0) {
        return err;
    }
    if (off < 0) {
        return PORTOS_EINVAL;
    }
    if (!SetFilePointerEx(h, zero, &pos, FILE_CURRENT)) {
        return portos__last_winerror();
    }
    if (len > MAX_IO) {
        len = MAX_IO;
    }
    ov.Offset = (DWORD)(uint64_t)off;
    ov.OffsetHigh = (DWORD)((uint64_t)off >> 32);
    ok = write ? WriteFile(h, buf, (DWORD)len, &done, &ov)
               : ReadFile(h, buf, (DWORD)len, &done, &ov);
    if (!ok && GetLastError() == ERROR_IO_PENDING) {
        /* A handle someone opened for overlapped I/O: wait for it here. */
        ok = GetOverlappedResult(h, &ov, &done, TRUE);
    }
    code = ok ? ERROR_SUCCESS : GetLastError();
    SetFilePointerEx(h, pos, NULL, FILE_BEGIN);
    if (code == ERROR_HANDLE_EOF && !write) {
        return 0; /* reading at or past the end */
    }
    return code != ERROR_SUCCESS ? portos__winerror(code) : (int64_t)done;
}

int64_t portos__pread(int fd, void *buf, size_t len, int64_t off)
{
    return positional_io(fd, buf, len, off, false);
}

int64_t portos__pwrite(int fd, const void *buf, size_t len, int64_t off)
{
    return positional_io(fd, (void *)buf, len, off, true);
}

int64_t portos__copy_range_os(int fd_in, int64_t off_in, int fd_out,
                              int64_t off_out, size_t len)
{
    (void)fd_in, (void)off_in, (void)fd_out, (void)off_out, (void)len;
    return PORTOS_ENOSYS;
}

int portos__same_file(int fd_a, int fd_b)
{
    BY_HANDLE_FILE_INFORMATION a, b;
    HANDLE ha = portos__fd_handle(fd_a), hb = portos__fd_handle(fd_b);

    if (ha == INVALID_HANDLE_VALUE || hb == INVALID_HANDLE_VALUE) {
        return PORTOS_EBADF;
    }
    /* Pipes and devices have no file identity: only the handle itself. */
    if (GetFileType(ha) != FILE_TYPE_DISK || GetFileType(hb) != FILE_TYPE_DISK) {
        return ha == hb;
    }
    if (!GetFileInformationByHandle(ha, &a) ||
        !GetFileInformationByHandle(hb, &b)) {
        return portos__last_winerror();
    }
    return a.dwVolumeSerialNumber == b.dwVolumeSerialNumber &&
           a.nFileIndexHigh == b.nFileIndexHigh &&
           a.nFileIndexLow == b.nFileIndexLow;
}

int portos__file_open(const char *path, bool write, bool create)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1,
                                NULL, 0);
    wchar_t *wpath;
    int fd, err;

    if (n <= 0) {
        return -EINVAL; /* not UTF-8 */
    }
    wpath = malloc((size_t)n * sizeof(*wpath));
    if (!wpath) {
        return -ENOMEM;
    }
    MultiByteToWideChar(CP_UTF8, 0, path, -1, wpath, n);
    fd = _wopen(wpath, (write ? _O_RDWR : _O_RDONLY) | _O_BINARY | _O_NOINHERIT |
                       (create ? _O_CREAT | _O_TRUNC : 0), _S_IREAD | _S_IWRITE);
    err = errno;
    free(wpath);
    return fd < 0 ? -err : fd;
}

int portos__file_sync(int fd)
{
    HANDLE h = portos__fd_handle(fd);

    if (h == INVALID_HANDLE_VALUE) {
        return -EBADF;
    }
    return FlushFileBuffers(h) ? 0 : portos__last_winerror();
}

int portos__file_close(int fd)
{
    if (portos__fd_handle(fd) == INVALID_HANDLE_VALUE) {
        return -EBADF; /* before _close's invalid-parameter handler sees it */
    }
    return _close(fd) < 0 ? -errno : 0;
}
