/*
 * filelock-posix.c - whole-file locks as open file description locks
 *
 * OFD locks (F_OFD_SETLK, Linux 3.15+) belong to the open file, so two
 * open() calls in one process conflict and closing an unrelated
 * descriptor of the same file drops nothing, unlike classic F_SETLK
 * locks, which belong to the process. QEMU locks images the same way.
 * Without OFD locks there is no lock to take: -ENOTSUP, not a quiet
 * switch to process locks that a second open in this process would not
 * see.
 */
#define _GNU_SOURCE
#include "file-int.h"

#include <portos/error.h>

#include <fcntl.h>
#include <string.h>

#ifdef F_OFD_SETLK
static int set_lock(int fd, short type)
{
    struct flock fl;

    memset(&fl, 0, sizeof(fl));
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = 0;
    fl.l_len = 0;              /* to the end of the file, however it grows */
    fl.l_pid = 0;              /* required by F_OFD_* */
    if (fcntl(fd, F_OFD_SETLK, &fl) == 0) {
        return 0;
    }
    switch (errno) {
    case EAGAIN:
    case EACCES:
        return PORTOS_EAGAIN;        /* POSIX allows either for a conflict */
    case EINVAL:               /* a kernel without OFD locks */
    case EOPNOTSUPP:
    case ENOSYS:
        return PORTOS_ENOTSUP;
    default:
        return -errno;
    }
}
#else
static int set_lock(int fd, short type)
{
    (void)fd, (void)type;
    return PORTOS_ENOTSUP;
}
#endif

int portos__file_lock(int fd, bool exclusive)
{
    return set_lock(fd, exclusive ? F_WRLCK : F_RDLCK);
}

int portos__file_unlock(int fd)
{
    return set_lock(fd, F_UNLCK);
}
