/*
 * filelock-win32.c - whole-file locks with LockFileEx
 *
 * Byte-range locks belong to the handle, so two opens in one process
 * conflict, as OFD locks do on posix. Every offset is locked (0 to
 * 2^64 - 1), past the end of the file too, so the lock holds as the file
 * grows. Windows enforces these locks on I/O through other handles.
 */
#include "file-int.h"
#include "portos-win32.h"

#include <portos/error.h>

#include <stdbool.h>

static int lock_error(void)
{
    DWORD err = GetLastError();

    /* A conflict is -EAGAIN on every backend (the table says -EBUSY). */
    if (err == ERROR_LOCK_VIOLATION || err == ERROR_SHARING_VIOLATION) {
        return PORTOS_EAGAIN;
    }
    return portos__winerror(err);
}

static int disk_handle(int fd, HANDLE *h)
{
    *h = portos__fd_handle(fd);
    if (*h == INVALID_HANDLE_VALUE) {
        return PORTOS_EBADF;
    }
    /* Pipes and character devices have no byte ranges to lock. */
    if (GetFileType(*h) != FILE_TYPE_DISK) {
        return PORTOS_ENOTSUP;
    }
    return 0;
}

/* Release @h's lock; *@had says whether there was one. */
static int unlock_handle(HANDLE h, bool *had)
{
    OVERLAPPED ov = { 0 };

    *had = false;
    if (!UnlockFileEx(h, 0, MAXDWORD, MAXDWORD, &ov)) {
        DWORD err = GetLastError();

        /*
         * Nothing was locked: not an error, as F_UNLCK on posix. Windows
         * says ERROR_NOT_LOCKED, Wine ERROR_LOCK_VIOLATION; an unlock
         * cannot conflict with anyone, so both mean the same.
         */
        if (err == ERROR_NOT_LOCKED || err == ERROR_LOCK_VIOLATION) {
            return 0;
        }
        return portos__winerror(err);
    }
    *had = true;
    return 0;
}

static bool lock_handle(HANDLE h, bool exclusive)
{
    OVERLAPPED ov = { 0 };
    DWORD flags = LOCKFILE_FAIL_IMMEDIATELY |
                  (exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0);

    return LockFileEx(h, flags, 0, MAXDWORD, MAXDWORD, &ov);
}

int portos__file_unlock(int fd)
{
    HANDLE h;
    bool had;
    int r = disk_handle(fd, &h);

    return r < 0 ? r : unlock_handle(h, &had);
}

int portos__file_lock(int fd, bool exclusive)
{
    HANDLE h;
    bool had;
    int r = disk_handle(fd, &h);

    if (r < 0) {
        return r;
    }
    /*
     * Windows stacks a second lock of a range on the same handle instead
     * of converting it, and an exclusive one fails against the handle's
     * own shared lock: drop ours first, as fcntl converts in place.
     */
    r = unlock_handle(h, &had);
    if (r < 0) {
        return r;
    }
    if (!lock_handle(h, exclusive)) {
        r = lock_error();
        /*
         * Only shared -> exclusive can fail here (others read): keep the
         * shared lock, as a failed fcntl conversion does. Someone may
         * have taken an exclusive lock in between; then none is left.
         */
        if (had && exclusive) {
            lock_handle(h, false);
        }
        return r;
    }
    return 0;
}
