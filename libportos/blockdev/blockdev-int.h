/*
 * blockdev-int.h - what a blockdev backend provides to blockdev.c
 */
#ifndef PORTOS_BLOCKDEV_INT_H
#define PORTOS_BLOCKDEV_INT_H

#include <portos/blockdev.h>

/*
 * Fill in @info (not NULL) for @fd: the size of a regular file or of a
 * block device, PORTOS_ENOTSUP for kinds of file that have none.
 */
int portos__blockdev_info(int fd, PortosBlockdevInfo *info);

#endif
