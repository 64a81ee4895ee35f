/*
 * loader.h - putting a kernel, an initrd and a device tree into guest RAM
 * the way qemu-system-arm -M virt does, so the same images boot on both.
 *
 *  - ELF (32-bit little-endian ARM): PT_LOAD segments at their physical
 *    addresses; entered at e_entry with no boot protocol.
 *  - Anything else (zImage, raw Image, flat binary): copied to RAM base +
 *    0x10000 and entered there with the Linux boot registers (r0 = 0,
 *    r1 = ~0, r2 = device tree address), as QEMU does for any such file.
 *  - initrd at RAM base + min(RAM / 2, 128 MiB), or just above the kernel;
 *    the device tree after the initrd, 4 KiB aligned (loader_dtb_addr).
 *
 * Host files are checked before they are read: only regular files, opened
 * without blocking (a FIFO is refused, not waited on), sizes compared with
 * guest RAM first, and read in bounded chunks straight into guest memory,
 * so a huge or endless file costs no host memory. The same loaders run on
 * a byte buffer (loader_image_buffer) for tests and fuzzers.
 * Every error is one line for the user: missing, unreadable, truncated or
 * malformed files, and images that do not fit in RAM.
 */
#ifndef MACHINE_LOADER_H
#define MACHINE_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/memory.h"

#define LOADER_KERNEL_OFFSET 0x10000u
/* The device tree goes on a 4 KiB boundary, as QEMU's arm boot code does. */
#define LOADER_DTB_ALIGN     0x1000u

typedef struct LoaderRam {
    MemAddressSpace *as;
    uint64_t base;      /* guest physical start of RAM */
    uint64_t size;
} LoaderRam;

typedef struct LoadedKernel {
    uint64_t entry;
    uint64_t low, high; /* guest physical range written */
    bool is_elf;
    bool is_linux;      /* enter with r0 = 0, r1 = ~0, r2 = dtb */
    bool is_zimage;     /* has the zImage magic number */
} LoadedKernel;

/* An image to load: an open regular file, or bytes in memory. */
typedef struct LoaderImage {
    const char *name;   /* the path, for messages */
    uint64_t size;
    const uint8_t *data; /* the bytes, or NULL: read them from fd */
    int fd;
} LoaderImage;

/**
 * loader_image_open: open @path for loading; @what names it in errors
 * ("kernel", "initrd", "device tree"). Refuses, without reading or
 * blocking, what is not a non-empty regular file (directories, FIFOs,
 * devices such as /dev/zero).
 * Returns: 0, or -1 with a one-line *@errmsg (g_free it).
 */
int loader_image_open(LoaderImage *img, const char *path, const char *what,
                      char **errmsg);

/** loader_image_buffer: an image of the @len bytes at @data (kept by the caller). */
void loader_image_buffer(LoaderImage *img, const char *name, const void *data,
                         size_t len);

/** loader_image_close: close what loader_image_open opened (buffers: nothing). */
void loader_image_close(LoaderImage *img);

/**
 * loader_load_kernel_image: load @img into guest memory. An ELF file is
 * checked whole (headers, every segment's bounds, overlaps) before any
 * byte is written.
 * Returns: 0, or -1 with a one-line message in *@errmsg (g_free it).
 */
int loader_load_kernel_image(const LoaderRam *ram, const LoaderImage *img,
                             LoadedKernel *out, char **errmsg);

/** loader_load_kernel: loader_load_kernel_image on the file @path. */
int loader_load_kernel(const LoaderRam *ram, const char *path,
                       LoadedKernel *out, char **errmsg);

/**
 * loader_load_blob_image: copy @img to guest physical @addr, which must
 * leave it inside RAM; @what names it in errors ("initrd").
 * Returns: the size, or -1 with *@errmsg set.
 */
int64_t loader_load_blob_image(const LoaderRam *ram, const LoaderImage *img,
                               const char *what, uint64_t addr, char **errmsg);

/** loader_load_blob: loader_load_blob_image on the file @path. */
int64_t loader_load_blob(const LoaderRam *ram, const char *path,
                         const char *what, uint64_t addr, char **errmsg);

/**
 * loader_read_file: the whole of the regular file @path, at most @max
 * bytes (checked before reading), in a new buffer (g_free it).
 * Returns: 0, or -1 with *@errmsg set.
 */
int loader_read_file(const char *path, const char *what, size_t max,
                     void **data, size_t *len, char **errmsg);

/** loader_initrd_addr: where the initrd goes for a kernel ending at @kernel_high. */
uint64_t loader_initrd_addr(const LoaderRam *ram, uint64_t kernel_high);

/**
 * loader_dtb_addr: where a device tree of @dtb_size bytes goes, 4 KiB
 * aligned, overlapping neither the kernel @k nor the initrd
 * [@initrd_start, @initrd_end) (empty when equal). A Linux kernel finds
 * it after the initrd (or where the initrd would go); an ELF program at
 * the base of RAM, unless a segment is there: then after the program.
 * Returns: 0 with *@addr set, or -1 with *@errmsg set (no room in RAM).
 */
int loader_dtb_addr(const LoaderRam *ram, const LoadedKernel *k,
                    uint64_t initrd_start, uint64_t initrd_end,
                    uint64_t dtb_size, uint64_t *addr, char **errmsg);

/** loader_size_str: @bytes exactly, for people ("8 KiB", "1536 MiB"); g_free it. */
char *loader_size_str(uint64_t bytes);

#endif /* MACHINE_LOADER_H */
