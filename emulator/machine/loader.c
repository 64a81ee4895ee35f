/*
 * loader.c - kernel, initrd and blob loading for the virt board
 */
#include "machine/loader.h"

#include <glib.h>
#include <string.h>

#define EI_NIDENT 16
#define ET_EXEC 2
#define EM_ARM 40
#define PT_LOAD 1
#define ZIMAGE_MAGIC 0x016f2818u
#define ZIMAGE_MAGIC_OFFSET 0x24

/* ELF32 headers, read field by field (no host struct layout assumed). */
typedef struct {
    uint16_t type, machine;
    uint32_t entry, phoff;
    uint16_t phentsize, phnum;
} Elf32Hdr;

typedef struct {
    uint32_t type, offset, vaddr, paddr, filesz, memsz;
} Elf32Phdr;

static uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static bool in_ram(const LoaderRam *ram, uint64_t addr, uint64_t len)
{
    return addr >= ram->base && len <= ram->size &&
           addr - ram->base <= ram->size - len;
}

static bool read_file(const char *path, const char *what, uint8_t **data,
                      size_t *len, char **errmsg)
{
    GError *err = NULL;
    gchar *buf;
    gsize n;

    if (!g_file_get_contents(path, &buf, &n, &err)) {
        *errmsg = g_strdup_printf("could not load %s '%s': %s", what, path,
                                  err->message);
        g_error_free(err);
        return false;
    }
    if (n == 0) {
        *errmsg = g_strdup_printf("could not load %s '%s': the file is empty",
                                  what, path);
        g_free(buf);
        return false;
    }
    *data = (uint8_t *)buf;
    *len = n;
    return true;
}

static bool is_elf(const uint8_t *d, size_t n)
{
    return n >= 4 && d[0] == 0x7f && d[1] == 'E' && d[2] == 'L' && d[3] == 'F';
}

static int load_elf(const LoaderRam *ram, const char *path, const uint8_t *d,
                    size_t n, LoadedKernel *out, char **errmsg)
{
    Elf32Hdr h;
    uint64_t low = UINT64_MAX, high = 0;
    int loaded = 0;

    if (n < 52) {
        *errmsg = g_strdup_printf("'%s': truncated ELF header", path);
        return -1;
    }
    if (d[4] != 1 || d[5] != 1) {
        *errmsg = g_strdup_printf("'%s': not a 32-bit little-endian ELF file", path);
        return -1;
    }
    h.type = le16(d + 16);
    h.machine = le16(d + 18);
    h.entry = le32(d + 24);
    h.phoff = le32(d + 28);
    h.phentsize = le16(d + 42);
    h.phnum = le16(d + 44);
    if (h.machine != EM_ARM || h.type != ET_EXEC) {
        *errmsg = g_strdup_printf("'%s': not an ARM executable ELF file", path);
        return -1;
    }
    if (h.phentsize < 32 || !h.phnum ||
        (uint64_t)h.phoff + (uint64_t)h.phnum * h.phentsize > n) {
        *errmsg = g_strdup_printf("'%s': truncated or malformed ELF program headers", path);
        return -1;
    }
    for (unsigned i = 0; i < h.phnum; i++) {
        const uint8_t *p = d + h.phoff + (size_t)i * h.phentsize;
        Elf32Phdr ph = { le32(p), le32(p + 4), le32(p + 8), le32(p + 12),
                         le32(p + 16), le32(p + 20) };

        if (ph.type != PT_LOAD || !ph.memsz) {
            continue;
        }
        if (ph.filesz > ph.memsz || (uint64_t)ph.offset + ph.filesz > n) {
            *errmsg = g_strdup_printf("'%s': segment %u is truncated (needs %llu bytes, file has %zu)",
                                      path, i, (unsigned long long)ph.offset + ph.filesz, n);
            return -1;
        }
        if (!in_ram(ram, ph.paddr, ph.memsz)) {
            *errmsg = g_strdup_printf("'%s': segment %u at 0x%08x-0x%08llx is outside RAM (0x%08llx-0x%08llx)",
                                      path, i, ph.paddr, (unsigned long long)ph.paddr + ph.memsz - 1,
                                      (unsigned long long)ram->base,
                                      (unsigned long long)(ram->base + ram->size - 1));
            return -1;
        }
        if (mem_write(ram->as, ph.paddr, d + ph.offset, ph.filesz) != MEM_TX_OK) {
            *errmsg = g_strdup_printf("'%s': segment %u could not be written", path, i);
            return -1;
        }
        /* The rest of the segment (bss) is zero: RAM may hold older data. */
        for (uint64_t z = ph.filesz; z < ph.memsz;) {
            static const uint8_t zeros[4096];
            uint64_t k = MIN(sizeof(zeros), ph.memsz - z);
            mem_write(ram->as, ph.paddr + z, zeros, k);
            z += k;
        }
        low = MIN(low, ph.paddr);
        high = MAX(high, (uint64_t)ph.paddr + ph.memsz);
        loaded++;
    }
    if (!loaded) {
        *errmsg = g_strdup_printf("'%s': ELF file has no loadable segment", path);
        return -1;
    }
    out->entry = h.entry;
    out->low = low;
    out->high = high;
    out->is_elf = true;
    out->is_linux = false;
    return 0;
}

int loader_load_kernel(const LoaderRam *ram, const char *path,
                       LoadedKernel *out, char **errmsg)
{
    uint8_t *d;
    size_t n;
    int r;
    uint64_t addr = ram->base + LOADER_KERNEL_OFFSET;

    memset(out, 0, sizeof(*out));
    if (!read_file(path, "kernel", &d, &n, errmsg)) {
        return -1;
    }
    if (is_elf(d, n)) {
        r = load_elf(ram, path, d, n, out, errmsg);
        g_free(d);
        return r;
    }
    if (!in_ram(ram, addr, n)) {
        *errmsg = g_strdup_printf("kernel '%s' (%zu bytes) does not fit in %llu MiB of RAM",
                                  path, n, (unsigned long long)(ram->size >> 20));
        g_free(d);
        return -1;
    }
    mem_write(ram->as, addr, d, n);
    out->entry = addr;
    out->low = addr;
    out->high = addr + n;
    /* Like QEMU: every non-ELF image gets the Linux boot registers. */
    out->is_linux = true;
    out->is_zimage = n >= ZIMAGE_MAGIC_OFFSET + 4 &&
                     le32(d + ZIMAGE_MAGIC_OFFSET) == ZIMAGE_MAGIC;
    g_free(d);
    return 0;
}

uint64_t loader_initrd_addr(const LoaderRam *ram, uint64_t kernel_high)
{
    uint64_t addr = ram->base + MIN(ram->size / 2, (uint64_t)128 << 20);

    /* Never on top of the kernel: round its end up to a page instead. */
    if (addr < kernel_high) {
        addr = (kernel_high + 0xfff) & ~(uint64_t)0xfff;
    }
    return addr;
}

int64_t loader_load_blob(const LoaderRam *ram, const char *path,
                         const char *what, uint64_t addr, char **errmsg)
{
    uint8_t *d;
    size_t n;

    if (!read_file(path, what, &d, &n, errmsg)) {
        return -1;
    }
    if (!in_ram(ram, addr, n)) {
        *errmsg = g_strdup_printf("%s '%s' (%zu bytes) does not fit in RAM at 0x%08llx",
                                  what, path, n, (unsigned long long)addr);
        g_free(d);
        return -1;
    }
    mem_write(ram->as, addr, d, n);
    g_free(d);
    return (int64_t)n;
}
