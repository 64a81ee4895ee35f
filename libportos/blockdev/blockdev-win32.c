/*
 * blockdev-win32.c - sizes of files, disks and volumes
 *
 * Disks (\\.\PhysicalDriveN) and volumes (\\.\C:) answer the disk ioctls;
 * ordinary files refuse them and have a size in their directory entry.
 */
#include "blockdev-int.h"

#include "portos-win32.h"

#include <winioctl.h>

static int device_info(HANDLE h, PortosBlockdevInfo *info)
{
    GET_LENGTH_INFORMATION len;
    DISK_GEOMETRY geo;
    DWORD got;

    if (!DeviceIoControl(h, IOCTL_DISK_GET_LENGTH_INFO, NULL, 0, &len,
                         sizeof(len), &got, NULL)) {
        return portos__last_winerror();
    }
    if (!DeviceIoControl(h, IOCTL_DISK_GET_DRIVE_GEOMETRY, NULL, 0, &geo,
                         sizeof(geo), &got, NULL)) {
        return portos__last_winerror();
    }
    info->size = (uint64_t)len.Length.QuadPart;
    info->sector_size = geo.BytesPerSector;
    info->is_device = true;
    return 0;
}

int portos__blockdev_info(int fd, PortosBlockdevInfo *info)
{
    BY_HANDLE_FILE_INFORMATION fi;
    LARGE_INTEGER size;
    HANDLE h;
    DWORD type;

    h = portos__fd_handle(fd);
    if (h == INVALID_HANDLE_VALUE) {
        return PORTOS_EBADF;
    }
    type = GetFileType(h);
    if (type == FILE_TYPE_UNKNOWN && GetLastError() != NO_ERROR) {
        return portos__last_winerror();
    }
    /* Pipes, sockets and character devices (consoles, NUL, COM ports). */
    if (type != FILE_TYPE_DISK) {
        return PORTOS_ENOTSUP;
    }
    if (device_info(h, info) == 0) {
        return 0;
    }
    /* Not a disk or volume: an ordinary file or a directory. */
    if (!GetFileInformationByHandle(h, &fi)) {
        return portos__last_winerror();
    }
    if (fi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
        return PORTOS_ENOTSUP;
    }
    if (!GetFileSizeEx(h, &size)) {
        return portos__last_winerror();
    }
    info->size = (uint64_t)size.QuadPart;
    info->sector_size = 512;
    info->is_device = false;
    return 0;
}
