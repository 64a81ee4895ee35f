/*
 * blockdev-posix.c - sizes of regular files and block devices
 */
#define _GNU_SOURCE
#include "blockdev-int.h"

#include <portos/error.h>

#include <errno.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#ifdef __linux__
#include <linux/fs.h>
#endif

int portos__blockdev_info(int fd, PortosBlockdevInfo *info)
{
    struct stat st;

    if (fstat(fd, &st) < 0) {
        return -errno;
    }
    if (S_ISREG(st.st_mode)) {
        info->size = (uint64_t)st.st_size;
        info->sector_size = 512;
        info->is_device = false;
        return 0;
    }
    if (!S_ISBLK(st.st_mode)) {
        return PORTOS_ENOTSUP;
    }
#if defined(BLKGETSIZE64) && defined(BLKSSZGET)
    {
        uint64_t size;
        int ssz;

        if (ioctl(fd, BLKGETSIZE64, &size) < 0 ||
            ioctl(fd, BLKSSZGET, &ssz) < 0) {
            return -errno;
        }
        info->size = size;
        info->sector_size = (uint32_t)ssz;
        info->is_device = true;
        return 0;
    }
#else
    return PORTOS_ENOTSUP;
#endif
}
