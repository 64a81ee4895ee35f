/*
 * portos/blockdev.h - size of disk images and block devices
 *
 * posix: fstat() for regular files, BLKGETSIZE64/BLKSSZGET ioctls for block
 * devices. win32: GetFileSizeEx for files, IOCTL_DISK_GET_LENGTH_INFO for
 * disks and volumes. wasm: regular files only.
 */
#ifndef PORTOS_BLOCKDEV_H
#define PORTOS_BLOCKDEV_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct PortosBlockdevInfo {
    uint64_t size;          /* bytes */
    uint32_t sector_size;   /* logical sector size; 512 for regular files */
    bool is_device;         /* a block device rather than a regular file */
} PortosBlockdevInfo;

/**
 * portos_blockdev_info: size and logical sector size of an open file.
 * @fd: a file descriptor (on Windows a C runtime descriptor)
 * @info: filled in on success
 *
 * Returns: 0; PORTOS_EBADF for a bad descriptor; PORTOS_ENOTSUP for kinds
 * of file that have no size (pipes, sockets, character devices,
 * directories); other PORTOS_E* codes from the OS.
 */
int portos_blockdev_info(int fd, PortosBlockdevInfo *info);

#ifdef __cplusplus
}
#endif

#endif
