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
 *    the device tree after the initrd, 4 KiB aligned.
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

/**
 * loader_load_kernel: load @path into guest memory.
 * Returns: 0, or -1 with a one-line message in *@errmsg (g_free it).
 */
int loader_load_kernel(const LoaderRam *ram, const char *path,
                       LoadedKernel *out, char **errmsg);

/**
 * loader_load_blob: copy the file @path to guest physical @addr, which
 * must leave it inside RAM; @what names it in errors ("initrd").
 * Returns: the file size, or -1 with *@errmsg set.
 */
int64_t loader_load_blob(const LoaderRam *ram, const char *path,
                         const char *what, uint64_t addr, char **errmsg);

/** loader_initrd_addr: where the initrd goes for a kernel ending at @kernel_high. */
uint64_t loader_initrd_addr(const LoaderRam *ram, uint64_t kernel_high);

#endif
