/*
 * fuzz-loader.c - the kernel (ELF, zImage, raw), initrd and device-tree
 * loaders of machine/loader.c, and the board's own device tree.
 *
 * Input: one selector byte, then the file.  The file is written to a
 * temporary path and loaded into a fresh guest RAM with trap regions
 * right below and above it: any write outside RAM aborts, as does a
 * result that claims a range outside RAM or a device tree libfdt rejects.
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <glib.h>
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machine/loader.h"
#include "machine/virt-fdt.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE (2u << 20)   /* small, so "does not fit" is reachable */
#define TRAP_SIZE 0x1000u

static char *path;
static char below[] = "below RAM", above[] = "above RAM";

static uint64_t trap_read(void *opaque, uint64_t off, unsigned size)
{
    return 0;
}

static void trap_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    fprintf(stderr, "fuzz-loader: write outside RAM (%s + %#llx)\n",
            (const char *)opaque, (unsigned long long)off);
    abort();
}

static const MemOps trap_ops = { trap_read, trap_write };

static void remove_file(void)
{
    unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    int fd;

    /* tmpfs if there is one: ext4 flushes a truncated file on close. */
    const char *tmp = g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) ?
                      "/dev/shm" : g_get_tmp_dir();

    path = g_build_filename(tmp, "portos-fuzz-loader-XXXXXX", NULL);
    fd = g_mkstemp(path);
    if (fd < 0) {
        perror("fuzz-loader: mkstemp");
        abort();
    }
    close(fd);
    atexit(remove_file);
    return 0;
}

/* Plain write: g_file_set_contents would fsync the file on every input. */
static void write_file(const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_TRUNC);

    if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size)) {
        perror("fuzz-loader: write");
        abort();
    }
    close(fd);
}

static void check_range(uint64_t low, uint64_t high)
{
    if (low < RAM_BASE || high > RAM_BASE + (uint64_t)RAM_SIZE || low > high) {
        fprintf(stderr, "fuzz-loader: loaded range %#llx-%#llx is outside RAM\n",
                (unsigned long long)low, (unsigned long long)high);
        abort();
    }
}

/* The board's device tree with an arbitrary command line must be valid. */
static void build_fdt(const uint8_t *data, size_t size)
{
    char *cmdline = g_strndup((const char *)data, size);
    VirtFdtConfig fc = { RAM_BASE, RAM_SIZE, cmdline, 0, 0 };
    void *blob;
    size_t blob_size;
    char *err = NULL;

    if (size >= 8) {
        fc.initrd_start = RAM_BASE + (data[0] | data[1] << 8) * 4096u;
        fc.initrd_end = fc.initrd_start + (data[2] | data[3] << 8);
    }
    if (virt_fdt_build(&fc, &blob, &blob_size, &err) == 0) {
        if (virt_fdt_check(blob, blob_size) != 0) {
            fprintf(stderr, "fuzz-loader: virt_fdt_build made an invalid tree\n");
            abort();
        }
        g_free(blob);
    }
    g_free(err);
    g_free(cmdline);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MemAddressSpace *as;
    LoaderRam ram;
    LoadedKernel k;
    char *err = NULL;
    int64_t n;
    uint64_t addr;

    if (size < 1) {
        return 0;
    }
    if (data[0] % 4 == 3) {
        build_fdt(data + 1, size - 1);
        return 0;
    }
    write_file(data + 1, size - 1);
    as = mem_as_new();
    if (mem_add_ram(as, "ram", RAM_BASE, RAM_SIZE, NULL) != 0 ||
        mem_add_mmio(as, "below", RAM_BASE - TRAP_SIZE, TRAP_SIZE, &trap_ops,
                     below) != 0 ||
        mem_add_mmio(as, "above", RAM_BASE + RAM_SIZE, TRAP_SIZE, &trap_ops,
                     above) != 0) {
        abort();
    }
    ram = (LoaderRam){ as, RAM_BASE, RAM_SIZE };

    switch (data[0] % 4) {
    case 0: /* -kernel */
        if (loader_load_kernel(&ram, path, &k, &err) == 0) {
            check_range(k.low, k.high);
            /* The initrd then goes above it, still inside RAM or refused. */
            addr = loader_initrd_addr(&ram, k.high);
            if (addr < k.high) {
                abort();
            }
        }
        break;
    case 1: /* -initrd, at the place a small kernel leaves it */
        addr = loader_initrd_addr(&ram, RAM_BASE + LOADER_KERNEL_OFFSET + 4096);
        n = loader_load_blob(&ram, path, "initrd", addr, &err);
        if (n >= 0) {
            check_range(addr, addr + (uint64_t)n);
        }
        break;
    default: /* -dtb, near the end of RAM */
        addr = RAM_BASE + RAM_SIZE - 0x10000;
        n = loader_load_blob(&ram, path, "device tree", addr, &err);
        if (n >= 0) {
            check_range(addr, addr + (uint64_t)n);
        }
        break;
    }
    if (err && (!*err || strchr(err, '\n'))) {
        fprintf(stderr, "fuzz-loader: not a one-line message: '%s'\n", err);
        abort();
    }
    g_free(err);
    mem_as_free(as);
    return 0;
}
