/*
 * loader.c - kernel, initrd and blob loading for the virt board
 */
#include "machine/loader.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include <portos/blockdev.h>
#include <portos/error.h>
#include <portos/file.h>

/* Windows C runtimes need it to avoid text-mode translation. */
#ifndef O_BINARY
#define O_BINARY 0
#endif
/*
 * Opening a FIFO for reading waits for a writer, and no signal ends that
 * wait; O_NONBLOCK returns at once so fstat can refuse it. Windows has
 * no O_NONBLOCK and no such FIFOs.
 */
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif

#define EI_NIDENT 16
#define ELF_HDR_SIZE 52
#define ELF_PHDR_SIZE 32
#define ET_EXEC 2
#define EM_ARM 40
#define PT_LOAD 1
#define ZIMAGE_MAGIC 0x016f2818u
#define ZIMAGE_MAGIC_OFFSET 0x24
/* Host memory used to move an image into guest RAM, whatever its size. */
#define COPY_CHUNK (64 * 1024)

/* ELF32 headers, read field by field (no host struct layout assumed). */
typedef struct {
    uint16_t type, machine;
    uint32_t entry, phoff;
    uint16_t phentsize, phnum;
} Elf32Hdr;

typedef struct {
    uint32_t type, offset, vaddr, paddr, filesz, memsz;
    unsigned index;     /* in the program header table, for messages */
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

char *loader_size_str(uint64_t bytes)
{
    static const char *const units[] = { "GiB", "MiB", "KiB" };

    /* Exact, so -m 4k never reads "0 MiB"; plain ASCII, unlike GLib's. */
    for (int i = 0; i < 3 && bytes; i++) {
        unsigned shift = 30 - 10 * i;

        if ((bytes & (((uint64_t)1 << shift) - 1)) == 0) {
            return g_strdup_printf("%llu %s", (unsigned long long)(bytes >> shift),
                                   units[i]);
        }
    }
    return g_strdup_printf("%llu bytes", (unsigned long long)bytes);
}

/* ---- images: files or buffers ---- */

int loader_image_open(LoaderImage *img, const char *path, const char *what,
                      char **errmsg)
{
    PortosBlockdevInfo info;
    char *err = NULL;
    int fd, r;

    memset(img, 0, sizeof(*img));
    img->fd = -1;
    fd = g_open(path, O_RDONLY | O_BINARY | O_NONBLOCK, 0);
    if (fd < 0) {
        *errmsg = g_strdup_printf("could not load %s '%s': %s", what, path,
                                  g_strerror(errno));
        return -1;
    }
    /* Sized before anything is read; pipes and devices have no size. */
    r = portos_blockdev_info(fd, &info);
    if (r == PORTOS_ENOTSUP || (r == 0 && info.is_device)) {
        err = g_strdup_printf("could not load %s '%s': not a regular file",
                              what, path);
    } else if (r < 0) {
        err = g_strdup_printf("could not load %s '%s': %s", what, path,
                              portos_strerror(r));
    } else if (info.size == 0) {
        err = g_strdup_printf("could not load %s '%s': the file is empty",
                              what, path);
    }
    if (err) {
        *errmsg = err;
        g_close(fd, NULL);
        return -1;
    }
    img->name = path;
    img->size = info.size;
    img->fd = fd;
    return 0;
}

void loader_image_buffer(LoaderImage *img, const char *name, const void *data,
                         size_t len)
{
    img->name = name;
    img->size = len;
    img->data = data;
    img->fd = -1;
}

void loader_image_close(LoaderImage *img)
{
    if (img->fd >= 0) {
        g_close(img->fd, NULL);
        img->fd = -1;
    }
}

/* Exactly @len bytes at @off, which the caller checked are in the image. */
static int image_read(const LoaderImage *img, uint64_t off, void *buf,
                      size_t len)
{
    if (img->data) {
        memcpy(buf, img->data + off, len);
        return 0;
    }
    while (len) {
        int64_t n = portos_pread(img->fd, buf, len, (int64_t)off);
        if (n < 0) {
            return (int)n;
        }
        if (n == 0) {
            return -EIO;        /* the file shrank since fstat */
        }
        buf = (uint8_t *)buf + n;
        len -= (size_t)n;
        off += (uint64_t)n;
    }
    return 0;
}

/* Copy @len bytes of @img at @off to guest @addr, a chunk at a time. */
static int image_to_guest(const LoaderRam *ram, const LoaderImage *img,
                          uint64_t off, uint64_t addr, uint64_t len,
                          char **errmsg)
{
    uint8_t *buf = g_malloc(MIN(len, (uint64_t)COPY_CHUNK) + 1);
    int r = 0;

    for (uint64_t done = 0; done < len && r == 0;) {
        size_t n = (size_t)MIN(len - done, (uint64_t)COPY_CHUNK);

        r = image_read(img, off + done, buf, n);
        if (r < 0) {
            *errmsg = g_strdup_printf("'%s': read error: %s", img->name,
                                      portos_strerror(r));
        } else if (mem_write(ram->as, addr + done, buf, n) != MEM_TX_OK) {
            *errmsg = g_strdup_printf("'%s': could not write guest RAM at 0x%08llx",
                                      img->name, (unsigned long long)(addr + done));
            r = -EIO;
        }
        done += n;
    }
    g_free(buf);
    return r < 0 ? -1 : 0;
}

/* ---- ELF ---- */

static bool is_elf(const uint8_t *d, size_t n)
{
    return n >= 4 && d[0] == 0x7f && d[1] == 'E' && d[2] == 'L' && d[3] == 'F';
}

static int cmp_paddr(const void *a, const void *b)
{
    const Elf32Phdr *x = a, *y = b;

    return x->paddr < y->paddr ? -1 : x->paddr > y->paddr;
}

/* One segment's fields against the file, 4 GiB and RAM; NULL if fine. */
static char *check_segment(const LoaderRam *ram, const LoaderImage *img,
                           const Elf32Phdr *ph)
{
    unsigned i = ph->index;

    if (ph->filesz > ph->memsz) {
        return g_strdup_printf("'%s': malformed ELF segment %u: file size 0x%x is larger than its memory size 0x%x",
                               img->name, i, ph->filesz, ph->memsz);
    }
    if ((uint64_t)ph->offset + ph->filesz > img->size) {
        return g_strdup_printf("'%s': ELF segment %u is truncated (needs %llu bytes, file has %llu)",
                               img->name, i, (unsigned long long)ph->offset + ph->filesz,
                               (unsigned long long)img->size);
    }
    if ((uint64_t)ph->paddr + ph->memsz > ((uint64_t)1 << 32) ||
        (uint64_t)ph->vaddr + ph->memsz > ((uint64_t)1 << 32)) {
        return g_strdup_printf("'%s': malformed ELF segment %u: 0x%x bytes at 0x%08x (virtual 0x%08x) wrap past 4 GiB",
                               img->name, i, ph->memsz, ph->paddr, ph->vaddr);
    }
    if (!in_ram(ram, ph->paddr, ph->memsz)) {
        return g_strdup_printf("'%s': ELF segment %u at 0x%08x-0x%08llx is outside RAM (0x%08llx-0x%08llx)",
                               img->name, i, ph->paddr,
                               (unsigned long long)ph->paddr + ph->memsz - 1,
                               (unsigned long long)ram->base,
                               (unsigned long long)(ram->base + ram->size - 1));
    }
    return NULL;
}

/* The PT_LOAD segments with bytes to place, checked; -1 with *errmsg. */
static int read_segments(const LoaderRam *ram, const LoaderImage *img,
                         const Elf32Hdr *h, GArray *segs, char **errmsg)
{
    for (unsigned i = 0; i < h->phnum; i++) {
        uint8_t p[ELF_PHDR_SIZE];
        Elf32Phdr ph;
        int r = image_read(img, h->phoff + (uint64_t)i * h->phentsize, p, sizeof(p));

        if (r < 0) {
            *errmsg = g_strdup_printf("'%s': read error: %s", img->name, portos_strerror(r));
            return -1;
        }
        ph = (Elf32Phdr){ le32(p), le32(p + 4), le32(p + 8), le32(p + 12),
                          le32(p + 16), le32(p + 20), i };
        if (ph.type != PT_LOAD) {
            continue;
        }
        *errmsg = check_segment(ram, img, &ph);
        if (*errmsg) {
            return -1;
        }
        if (ph.memsz) {
            g_array_append_val(segs, ph);
        }
    }
    /*
     * Like QEMU, refuse segments that would overwrite each other. (With no
     * segment, segs->data is NULL, which qsort must not be given.)
     */
    if (segs->len > 1) {
        qsort(segs->data, segs->len, sizeof(Elf32Phdr), cmp_paddr);
    }
    for (unsigned i = 1; i < segs->len; i++) {
        const Elf32Phdr *a = &g_array_index(segs, Elf32Phdr, i - 1);
        const Elf32Phdr *b = &g_array_index(segs, Elf32Phdr, i);

        if ((uint64_t)a->paddr + a->memsz > b->paddr) {
            *errmsg = g_strdup_printf("'%s': ELF segments %u (0x%08x-0x%08llx) and %u (0x%08x-0x%08llx) overlap",
                                      img->name, a->index, a->paddr,
                                      (unsigned long long)a->paddr + a->memsz - 1,
                                      b->index, b->paddr,
                                      (unsigned long long)b->paddr + b->memsz - 1);
            return -1;
        }
    }
    if (!segs->len) {
        *errmsg = g_strdup_printf("'%s': ELF file has no loadable segment", img->name);
        return -1;
    }
    return 0;
}

static int load_elf(const LoaderRam *ram, const LoaderImage *img,
                    LoadedKernel *out, char **errmsg)
{
    static const uint8_t zeros[4096];
    uint8_t d[ELF_HDR_SIZE];
    Elf32Hdr h;
    GArray *segs;
    int r;

    if (img->size < ELF_HDR_SIZE) {
        *errmsg = g_strdup_printf("'%s': truncated ELF header", img->name);
        return -1;
    }
    r = image_read(img, 0, d, sizeof(d));
    if (r < 0) {
        *errmsg = g_strdup_printf("'%s': read error: %s", img->name, portos_strerror(r));
        return -1;
    }
    if (d[4] != 1 || d[5] != 1) {
        *errmsg = g_strdup_printf("'%s': not a 32-bit little-endian ELF file", img->name);
        return -1;
    }
    h.type = le16(d + 16);
    h.machine = le16(d + 18);
    h.entry = le32(d + 24);
    h.phoff = le32(d + 28);
    h.phentsize = le16(d + 42);
    h.phnum = le16(d + 44);
    if (h.machine != EM_ARM || h.type != ET_EXEC) {
        *errmsg = g_strdup_printf("'%s': not an ARM executable ELF file", img->name);
        return -1;
    }
    /* 64-bit arithmetic: phoff + phnum * phentsize cannot wrap. */
    if (h.phentsize < ELF_PHDR_SIZE || !h.phnum ||
        (uint64_t)h.phoff + (uint64_t)h.phnum * h.phentsize > img->size) {
        *errmsg = g_strdup_printf("'%s': truncated or malformed ELF program headers", img->name);
        return -1;
    }
    segs = g_array_new(FALSE, FALSE, sizeof(Elf32Phdr));
    if (read_segments(ram, img, &h, segs, errmsg) < 0) {
        g_array_free(segs, TRUE);
        return -1;
    }
    out->low = UINT64_MAX;
    out->high = 0;
    for (unsigned i = 0; i < segs->len; i++) {
        const Elf32Phdr *ph = &g_array_index(segs, Elf32Phdr, i);

        if (image_to_guest(ram, img, ph->offset, ph->paddr, ph->filesz, errmsg) < 0) {
            g_array_free(segs, TRUE);
            return -1;
        }
        /* The rest of the segment (bss) is zero: RAM may hold older data. */
        for (uint64_t z = ph->filesz; z < ph->memsz;) {
            uint64_t k = MIN(sizeof(zeros), ph->memsz - z);
            mem_write(ram->as, ph->paddr + z, zeros, k);
            z += k;
        }
        out->low = MIN(out->low, ph->paddr);
        out->high = MAX(out->high, (uint64_t)ph->paddr + ph->memsz);
    }
    g_array_free(segs, TRUE);
    out->entry = h.entry;
    out->is_elf = true;
    out->is_linux = false;
    return 0;
}

/* ---- kernels and blobs ---- */

int loader_load_kernel_image(const LoaderRam *ram, const LoaderImage *img,
                             LoadedKernel *out, char **errmsg)
{
    uint8_t head[ZIMAGE_MAGIC_OFFSET + 4];
    size_t n = (size_t)MIN(img->size, (uint64_t)sizeof(head));
    uint64_t addr = ram->base + LOADER_KERNEL_OFFSET;
    int r;

    memset(out, 0, sizeof(*out));
    if (img->size == 0) {
        *errmsg = g_strdup_printf("could not load kernel '%s': the file is empty", img->name);
        return -1;
    }
    r = image_read(img, 0, head, n);
    if (r < 0) {
        *errmsg = g_strdup_printf("'%s': read error: %s", img->name, portos_strerror(r));
        return -1;
    }
    if (is_elf(head, n)) {
        return load_elf(ram, img, out, errmsg);
    }
    if (!in_ram(ram, addr, img->size)) {
        char *rs = loader_size_str(ram->size);
        *errmsg = g_strdup_printf("kernel '%s' (%llu bytes) does not fit in %s of RAM",
                                  img->name, (unsigned long long)img->size, rs);
        g_free(rs);
        return -1;
    }
    if (image_to_guest(ram, img, 0, addr, img->size, errmsg) < 0) {
        return -1;
    }
    out->entry = addr;
    out->low = addr;
    out->high = addr + img->size;
    /* Like QEMU: every non-ELF image gets the Linux boot registers. */
    out->is_linux = true;
    out->is_zimage = n >= ZIMAGE_MAGIC_OFFSET + 4 &&
                     le32(head + ZIMAGE_MAGIC_OFFSET) == ZIMAGE_MAGIC;
    return 0;
}

int loader_load_kernel(const LoaderRam *ram, const char *path,
                       LoadedKernel *out, char **errmsg)
{
    LoaderImage img;
    int r;

    memset(out, 0, sizeof(*out));
    if (loader_image_open(&img, path, "kernel", errmsg) < 0) {
        return -1;
    }
    r = loader_load_kernel_image(ram, &img, out, errmsg);
    loader_image_close(&img);
    return r;
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

int64_t loader_load_blob_image(const LoaderRam *ram, const LoaderImage *img,
                               const char *what, uint64_t addr, char **errmsg)
{
    if (!in_ram(ram, addr, img->size)) {
        char *rs = loader_size_str(ram->size);
        *errmsg = g_strdup_printf("%s '%s' (%llu bytes) does not fit in RAM at 0x%08llx (%s of RAM)",
                                  what, img->name, (unsigned long long)img->size,
                                  (unsigned long long)addr, rs);
        g_free(rs);
        return -1;
    }
    if (image_to_guest(ram, img, 0, addr, img->size, errmsg) < 0) {
        return -1;
    }
    return (int64_t)img->size;
}

int64_t loader_load_blob(const LoaderRam *ram, const char *path,
                         const char *what, uint64_t addr, char **errmsg)
{
    LoaderImage img;
    int64_t r;

    if (loader_image_open(&img, path, what, errmsg) < 0) {
        return -1;
    }
    r = loader_load_blob_image(ram, &img, what, addr, errmsg);
    loader_image_close(&img);
    return r;
}

int loader_read_file(const char *path, const char *what, size_t max,
                     void **data, size_t *len, char **errmsg)
{
    LoaderImage img;
    void *buf;
    int r;

    if (loader_image_open(&img, path, what, errmsg) < 0) {
        return -1;
    }
    if (img.size > max) {
        char *ms = loader_size_str(max);
        *errmsg = g_strdup_printf("%s '%s' is too large (%llu bytes, at most %s)",
                                  what, path, (unsigned long long)img.size, ms);
        g_free(ms);
        loader_image_close(&img);
        return -1;
    }
    buf = g_malloc((size_t)img.size);
    r = image_read(&img, 0, buf, (size_t)img.size);
    loader_image_close(&img);
    if (r < 0) {
        *errmsg = g_strdup_printf("could not load %s '%s': %s", what, path,
                                  portos_strerror(r));
        g_free(buf);
        return -1;
    }
    *data = buf;
    *len = (size_t)img.size;
    return 0;
}

/* ---- the device tree's place ---- */

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return alen && blen && a < b + blen && b < a + alen;
}

static uint64_t align_up(uint64_t v)
{
    return (v + LOADER_DTB_ALIGN - 1) & ~(uint64_t)(LOADER_DTB_ALIGN - 1);
}

int loader_dtb_addr(const LoaderRam *ram, const LoadedKernel *k,
                    uint64_t initrd_start, uint64_t initrd_end,
                    uint64_t dtb_size, uint64_t *addr, char **errmsg)
{
    uint64_t cand[3];
    int n = 0;

    if (k->is_linux) {
        /* After the initrd, or where it would go: the kernel unpacks below. */
        uint64_t after = initrd_end > initrd_start ? initrd_end
                                                   : loader_initrd_addr(ram, k->high);
        cand[n++] = align_up(after);
    } else {
        /* Where bare programs look for it, unless the program is there. */
        cand[n++] = ram->base;
        cand[n++] = align_up(k->high);
    }
    for (int i = 0; i < n; i++) {
        uint64_t a = cand[i];

        if (in_ram(ram, a, dtb_size) &&
            !overlaps(a, dtb_size, k->low, k->high - k->low) &&
            !overlaps(a, dtb_size, initrd_start, initrd_end - initrd_start)) {
            *addr = a;
            return 0;
        }
    }
    *errmsg = g_strdup_printf("not enough space for the device tree (%llu bytes) after the kernel/initrd in RAM",
                              (unsigned long long)dtb_size);
    return -1;
}
