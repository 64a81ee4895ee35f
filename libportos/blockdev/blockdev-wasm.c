/*
 * blockdev-wasm.c - sizes of regular files only
 *
 * Emscripten's file systems (MEMFS, NODEFS...) have no block devices and
 * no BLKGETSIZE64, so only regular files have a size. Its fstat fails on
 * pipes (ENOENT): those are told apart by lseek's ESPIPE.
 */
#define _GNU_SOURCE
#include "blockdev-int.h"

#include <portos/error.h>

#include <errno.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

int portos__blockdev_info(int fd, PortosBlockdevInfo *info)
{
    struct stat st;

    if (fstat(fd, &st) < 0) {
        if (errno == ENOENT && lseek(fd, 0, SEEK_CUR) < 0 && errno == ESPIPE) {
            return PORTOS_ENOTSUP; /* a pipe */
        }
        return -errno;
    }
    if (!S_ISREG(st.st_mode)) {
        return PORTOS_ENOTSUP;
    }
    info->size = (uint64_t)st.st_size;
    info->sector_size = 512;
    info->is_device = false;
    return 0;
}
