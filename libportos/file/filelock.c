/*
 * filelock.c - whole-file locks: the checks every backend shares
 */
#include "file-int.h"

#include <portos/error.h>
#include <portos/file.h>

int portos_file_lock(int fd, bool exclusive)
{
    if (fd < 0) {
        return PORTOS_EBADF;
    }
    return portos__file_lock(fd, exclusive);
}

int portos_file_unlock(int fd)
{
    if (fd < 0) {
        return PORTOS_EBADF;
    }
    return portos__file_unlock(fd);
}
