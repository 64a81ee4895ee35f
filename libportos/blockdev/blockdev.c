/*
 * blockdev.c - portos_blockdev_info: checks shared by all backends
 */
#include "blockdev-int.h"

#include <portos/error.h>

#include <string.h>

int portos_blockdev_info(int fd, PortosBlockdevInfo *info)
{
    PortosBlockdevInfo got;
    int err;

    if (!info) {
        return PORTOS_EINVAL;
    }
    if (fd < 0) {
        return PORTOS_EBADF;
    }
    /* @info is left alone on failure. */
    memset(&got, 0, sizeof(got));
    err = portos__blockdev_info(fd, &got);
    if (err < 0) {
        return err;
    }
    *info = got;
    return 0;
}
