/*
 * filelock-win32.c - whole-file locks with LockFileEx
 *
 * Byte-range locks belong to the handle, so two opens in one process
 * conflict, as OFD locks do on posix. Every offset is locked (0 to
 * 2^64 - 1), past the end of the file too, so the lock holds as the file
 * grows. Windows enforces these locks on I/O through other handles.
 */
#include "osdep-int.h"
#include "winerror-win32.h"

#include <portos/error.h>

static int lock_error(void)
{
    DWORD err = GetLastError();

    /* A conflict is -EAGAIN on every backend (the table says -EBUSY). */
    if (err == ERROR_LOCK_VIOLATION || err == ERROR_SHARING_VIOLATION) {
        return -EAGAIN;
    }
    return portos__winerror(err);
}

static int disk_handle(int fd, HANDLE *h)
{
    *h = portos__fd_handle(fd);
    if (*h == INVALID_HANDLE_VALUE) {
        return -EBADF;
    }
    /* Pipes and character devices have no byte ranges to lock. */
    if (GetFileType(*h) != FILE_TYPE_DISK) {
        return -ENOTSUP;
    }
    return 0;
}

int portos__file_unlock(int fd)
{
    OVERLAPPED ov = { 0 };
    HANDLE h;
    int r = disk_handle(fd, &h);

    if (r < 0) {
        return r;
    }
    if (!UnlockFileEx(h, 0, MAXDWORD, MAXDWORD, &ov)) {
        /* Nothing was locked: not an error, as F_UNLCK on posix. */
        return GetLastError() == ERROR_NOT_LOCKED ? 0 : lock_error();
    }
    return 0;
}

int portos__file_lock(int fd, bool exclusive)
{
    OVERLAPPED ov = { 0 };
    DWORD flags = LOCKFILE_FAIL_IMMEDIATELY |
                  (exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0);
    HANDLE h;
    int r = disk_handle(fd, &h);

    if (r < 0) {
        return r;
    }
    /*
     * Windows stacks a second lock of a range on the same handle instead
     * of converting it (and an exclusive one fails against the handle's
     * own shared lock): drop ours first, as fcntl converts in place.
     * Conversion is therefore not atomic here.
     */
    r = portos__file_unlock(fd);
    if (r < 0) {
        return r;
    }
    if (!LockFileEx(h, flags, 0, MAXDWORD, MAXDWORD, &ov)) {
        return lock_error();
    }
    return 0;
}
