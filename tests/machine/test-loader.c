/*
 * test-loader.c - kernel/initrd loading: ELF, raw images, and one-line
 * errors for missing, truncated, malformed and oversized files
 */
#define _GNU_SOURCE
#include <check.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "machine/loader.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE (16u << 20)

static MemAddressSpace *as;
static LoaderRam ram;
static char *dir;

static void setup(void)
{
    as = mem_as_new();
    ck_assert_int_eq(mem_add_ram(as, "ram", RAM_BASE, RAM_SIZE, NULL), 0);
    ram = (LoaderRam){ as, RAM_BASE, RAM_SIZE };
    dir = g_dir_make_tmp("portos-loader-XXXXXX", NULL);
    ck_assert_ptr_nonnull(dir);
}

static void teardown(void)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, name, NULL);
        g_unlink(p);
        g_free(p);
    }
    g_dir_close(d);
    g_rmdir(dir);
    g_free(dir);
    mem_as_free(as);
}

static char *write_file(const char *name, const void *data, size_t len)
{
    char *p = g_build_filename(dir, name, NULL);

    ck_assert(g_file_set_contents(p, data, (gssize)len, NULL));
    return p;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v); put16(p + 2, v >> 16); }

/* An ELF with one PT_LOAD of @filesz bytes (+@bss zeroed) at @paddr. */
static size_t make_elf(uint8_t *buf, uint32_t paddr, uint32_t filesz,
                       uint32_t bss, uint16_t machine)
{
    memset(buf, 0, 84 + filesz);
    memcpy(buf, "\x7f" "ELF", 4);
    buf[4] = 1; /* 32-bit */
    buf[5] = 1; /* little-endian */
    buf[6] = 1;
    put16(buf + 16, 2);       /* ET_EXEC */
    put16(buf + 18, machine);
    put32(buf + 20, 1);
    put32(buf + 24, paddr + 4); /* entry */
    put32(buf + 28, 52);      /* phoff */
    put16(buf + 40, 52);
    put16(buf + 42, 32);      /* phentsize */
    put16(buf + 44, 1);       /* phnum */
    put32(buf + 52, 1);       /* PT_LOAD */
    put32(buf + 56, 84);      /* offset */
    put32(buf + 60, paddr);
    put32(buf + 64, paddr);
    put32(buf + 68, filesz);
    put32(buf + 72, filesz + bss);
    for (uint32_t i = 0; i < filesz; i++) {
        buf[84 + i] = (uint8_t)(i + 1);
    }
    return 84 + filesz;
}

START_TEST(test_elf)
{
    uint8_t elf[84 + 64], got[80];
    LoadedKernel k;
    char *err = NULL;
    char *path = write_file("k.elf", elf, make_elf(elf, RAM_BASE + 0x10000, 64, 16, 40));
    static const uint8_t junk[16] = { 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee,
                                      0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee };

    /* bss must be zeroed even where RAM held something. */
    mem_write(as, RAM_BASE + 0x10000 + 64, junk, 16);
    ck_assert_int_eq(loader_load_kernel(&ram, path, &k, &err), 0);
    ck_assert_ptr_null(err);
    ck_assert(k.is_elf && !k.is_linux);
    ck_assert_uint_eq(k.entry, RAM_BASE + 0x10004);
    ck_assert_uint_eq(k.low, RAM_BASE + 0x10000);
    ck_assert_uint_eq(k.high, RAM_BASE + 0x10000 + 80);
    ck_assert_int_eq(mem_read(as, RAM_BASE + 0x10000, got, 80), MEM_TX_OK);
    for (int i = 0; i < 64; i++) {
        ck_assert_uint_eq(got[i], i + 1);
    }
    for (int i = 64; i < 80; i++) {
        ck_assert_uint_eq(got[i], 0);
    }
    g_free(path);
}
END_TEST

static void expect_kernel_error(const char *path, const char *needle)
{
    LoadedKernel k;
    char *err = NULL;

    ck_assert_int_eq(loader_load_kernel(&ram, path, &k, &err), -1);
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, needle), "%s: '%s' lacks '%s'", path, err,
                  needle);
    ck_assert_ptr_null(strchr(err, '\n'));
    g_free(err);
}

START_TEST(test_raw_and_zimage)
{
    uint8_t img[256] = { 0 };
    LoadedKernel k;
    char *err = NULL, *p;
    uint32_t word;

    put32(img + 0x24, 0x016f2818);
    put32(img, 0xe1a00000);
    p = write_file("zImage", img, sizeof(img));
    ck_assert_int_eq(loader_load_kernel(&ram, p, &k, &err), 0);
    ck_assert(k.is_linux && k.is_zimage && !k.is_elf);
    ck_assert_uint_eq(k.entry, RAM_BASE + 0x10000);
    ck_assert_uint_eq(k.high, RAM_BASE + 0x10000 + sizeof(img));
    ck_assert_int_eq(mem_ldl_le(as, RAM_BASE + 0x10000, &word), MEM_TX_OK);
    ck_assert_uint_eq(word, 0xe1a00000);
    g_free(p);

    put32(img + 0x24, 0);
    p = write_file("raw.bin", img, sizeof(img));
    ck_assert_int_eq(loader_load_kernel(&ram, p, &k, &err), 0);
    ck_assert(k.is_linux && !k.is_zimage);
    g_free(p);
}
END_TEST

START_TEST(test_missing_empty_too_big)
{
    char *p = g_build_filename(dir, "nope", NULL);
    uint8_t *big;

    expect_kernel_error(p, "No such file");
    g_free(p);
    p = write_file("empty", "", 0);
    expect_kernel_error(p, "empty");
    g_free(p);
    big = g_malloc0(RAM_SIZE);
    p = write_file("big", big, RAM_SIZE);
    expect_kernel_error(p, "does not fit");
    g_free(p);
    g_free(big);
}
END_TEST

START_TEST(test_initrd)
{
    char *err = NULL, *p;
    uint8_t data[1000];
    uint8_t got[1000];
    uint64_t addr = loader_initrd_addr(&ram, RAM_BASE + 0x20000);

    /* min(RAM / 2, 128 MiB) above the RAM base. */
    ck_assert_uint_eq(addr, RAM_BASE + RAM_SIZE / 2);
    /* ...but above a kernel that reaches past that point. */
    ck_assert_uint_eq(loader_initrd_addr(&ram, RAM_BASE + RAM_SIZE / 2 + 5),
                      RAM_BASE + RAM_SIZE / 2 + 0x1000);
    for (int i = 0; i < 1000; i++) {
        data[i] = (uint8_t)(i * 3);
    }
    p = write_file("initrd", data, sizeof(data));
    ck_assert_int_eq(loader_load_blob(&ram, p, "initrd", addr, &err), 1000);
    ck_assert_int_eq(mem_read(as, addr, got, sizeof(got)), MEM_TX_OK);
    ck_assert(memcmp(got, data, sizeof(got)) == 0);
    ck_assert_int_eq(loader_load_blob(&ram, p, "initrd", RAM_BASE + RAM_SIZE - 10, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "initrd"));
    g_free(err);
    g_free(p);
}
END_TEST


/* A second PT_LOAD of @filesz bytes at @paddr, after make_elf's segment. */
static size_t add_segment(uint8_t *buf, size_t len, uint32_t paddr,
                          uint32_t filesz)
{
    put16(buf + 44, 2);                 /* phnum */
    memmove(buf + 116, buf + 84, len - 84);
    put32(buf + 56, 116);               /* first segment moved along */
    put32(buf + 84, 1);
    put32(buf + 88, 116);               /* same bytes: any content will do */
    put32(buf + 92, paddr);
    put32(buf + 96, paddr);
    put32(buf + 100, filesz);
    put32(buf + 104, filesz);
    return len + 32;
}

/* Header fields a malformed case overwrites: offset, width in bytes. */
#define F_NONE      0, 0
#define F_PHOFF     28, 4
#define F_PHENTSIZE 42, 2
#define F_PHNUM     44, 2
#define P_TYPE      52, 4
#define P_OFFSET    56, 4
#define P_VADDR     60, 4
#define P_FILESZ    68, 4

/*
 * One bad ELF: make_elf(@paddr, 64 bytes, @bss, @machine), then @field set
 * to @value, the file cut to @len bytes (0: whole); the error must contain
 * @error.
 */
typedef struct {
    const char *name;
    uint32_t paddr, bss;
    uint16_t machine;
    unsigned field, width;
    uint32_t value;
    size_t len;
    const char *error;
} BadElf;

#define GOOD RAM_BASE + 0x10000

static const BadElf bad_elves[] = {
    { "trunc", GOOD, 0, 40, F_NONE, 0, 84 + 54, "truncated" },
    { "hdr", GOOD, 0, 40, F_NONE, 0, 30, "truncated ELF header" },
    { "x86", GOOD, 0, 62 /* x86-64 */, F_NONE, 0, 0, "not an ARM executable" },
    { "low", 0x1000, 0, 40, F_NONE, 0, 0, "outside RAM" },
    { "edge", RAM_BASE + RAM_SIZE - 32, 0, 40, F_NONE, 0, 0, "outside RAM" },
    /* Past the end of the file. */
    { "phdrs", GOOD, 0, 40, F_PHNUM, 500, 0, "program headers" },
    /* Larger than p_memsz (64). */
    { "fsz", GOOD, 0, 40, P_FILESZ, 80, 0,
      "file size 0x50 is larger than its memory size 0x40" },
    /* p_offset + p_filesz past the end (and 2^32). */
    { "off", GOOD, 0, 40, P_OFFSET, 0xfffffff0, 0, "truncated" },
    /* paddr + memsz wraps, vaddr + memsz wraps. */
    { "wrap", 0xfffff000, 0x2000, 40, F_NONE, 0, 0, "wrap past 4 GiB" },
    { "vwrap", GOOD, 0, 40, P_VADDR, 0xffffffe0, 0, "wrap past 4 GiB" },
    /* e_phoff + e_phnum * e_phentsize wraps 32 bits. */
    { "phoff", GOOD, 0, 40, F_PHOFF, 0xffffffff, 0, "program headers" },
    { "phent", GOOD, 0, 40, F_PHENTSIZE, 16, 0, "program headers" },
    { "phnum0", GOOD, 0, 40, F_PHNUM, 0, 0, "program headers" },
    /* A PT_NOTE only. */
    { "noload", GOOD, 0, 40, P_TYPE, 4, 0, "no loadable segment" },
};

/* Malformed fields each get their own one-line error, not a crash. */
START_TEST(test_elf_malformed)
{
    const BadElf *c = &bad_elves[_i];
    uint8_t elf[84 + 64];
    size_t n = make_elf(elf, c->paddr, 64, c->bss, c->machine);
    char *name = g_strconcat(c->name, ".elf", NULL);
    char *p;

    if (c->width == 2) {
        put16(elf + c->field, (uint16_t)c->value);
    } else if (c->width == 4) {
        put32(elf + c->field, c->value);
    }
    p = write_file(name, elf, c->len ? c->len : n);
    expect_kernel_error(p, c->error);
    g_free(p);
    g_free(name);
}
END_TEST

/* QEMU refuses ELF segments that overlap; so do we, writing nothing. */
START_TEST(test_elf_overlap)
{
    uint8_t elf[84 + 32 + 64];
    size_t n = make_elf(elf, RAM_BASE + 0x10000, 64, 0, 40);
    uint32_t word = 0x12345678, got;
    LoadedKernel k;
    char *err = NULL;
    char *p;

    n = add_segment(elf, n, RAM_BASE + 0x10000 + 60, 16);
    p = write_file("overlap.elf", elf, n);
    mem_write(as, RAM_BASE + 0x10000, &word, 4);
    expect_kernel_error(p, "ELF segments 0 (0x40010000-0x4001003f) and 1 (0x4001003c-0x4001004b) overlap");
    ck_assert_int_eq(mem_ldl_le(as, RAM_BASE + 0x10000, &got), MEM_TX_OK);
    ck_assert_uint_eq(got, word);
    g_free(p);

    /* Touching is fine. */
    n = make_elf(elf, RAM_BASE + 0x10000, 64, 0, 40);
    n = add_segment(elf, n, RAM_BASE + 0x10000 + 64, 16);
    p = write_file("touch.elf", elf, n);
    ck_assert_int_eq(loader_load_kernel(&ram, p, &k, &err), 0);
    ck_assert_uint_eq(k.low, RAM_BASE + 0x10000);
    ck_assert_uint_eq(k.high, RAM_BASE + 0x10000 + 80);
    g_free(p);
}
END_TEST

/* Random corruption of a good ELF's headers: a result or one line, never a crash. */
START_TEST(test_elf_fuzz_headers)
{
    uint8_t good[84 + 64], elf[84 + 64];
    size_t n = make_elf(good, RAM_BASE + 0x10000, 64, 16, 40);
    GRand *rand = g_rand_new_with_seed(1234);
    int ok = 0, bad = 0;

    for (int iter = 0; iter < 3000; iter++) {
        LoaderImage img;
        LoadedKernel k;
        char *err = NULL;

        memcpy(elf, good, n);
        for (int j = g_rand_int_range(rand, 1, 5); j > 0; j--) {
            elf[g_rand_int_range(rand, 0, 84)] = (uint8_t)g_rand_int(rand);
        }
        loader_image_buffer(&img, "fuzz.elf", elf, (size_t)g_rand_int_range(rand, 1, (gint32)n + 1));
        if (loader_load_kernel_image(&ram, &img, &k, &err) == 0) {
            ck_assert_ptr_null(err);
            ck_assert(k.low >= RAM_BASE && k.high <= RAM_BASE + RAM_SIZE);
            ok++;
        } else {
            ck_assert_ptr_nonnull(err);
            ck_assert_ptr_null(strchr(err, '\n'));
            g_free(err);
            bad++;
        }
    }
    ck_assert_int_gt(ok, 0);
    ck_assert_int_gt(bad, 0);
    g_rand_free(rand);
}
END_TEST

/*
 * Host facts of posix systems: FIFOs, /dev/zero and getrusage(). Windows
 * has none of them, and Emscripten's file systems (Node) neither FIFOs nor
 * a real peak RSS.
 */
#if !defined(_WIN32) && !defined(__EMSCRIPTEN__)
#include <sys/resource.h>

/* FIFOs, devices and directories are refused at once, never read. */
START_TEST(test_not_regular)
{
    char *fifo = g_build_filename(dir, "fifo", NULL);

    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    /* Without O_NONBLOCK this open waits for a writer forever. */
    expect_kernel_error(fifo, "not a regular file");
    expect_kernel_error("/dev/zero", "not a regular file");
    expect_kernel_error(dir, "not a regular file");
    g_free(fifo);
}
END_TEST

static long max_rss_kib(void)
{
    struct rusage ru;

    ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
    return ru.ru_maxrss;
}

/* A sparse file far larger than RAM is refused by its size, unread. */
START_TEST(test_huge_sparse)
{
    char *p = g_build_filename(dir, "sparse", NULL);
    long before;
    char *err = NULL;
    int fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0600);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, (off_t)256 << 20), 0);
    close(fd);
    before = max_rss_kib();
    expect_kernel_error(p, "(268435456 bytes) does not fit in 16 MiB of RAM");
    ck_assert_int_eq(loader_load_blob(&ram, p, "initrd", RAM_BASE + RAM_SIZE / 2, &err), -1);
    ck_assert_msg(strstr(err, "initrd") && strstr(err, "does not fit"), "%s", err);
    g_free(err);
    /* Less than the file: it was not read into host memory. */
    ck_assert_int_lt(max_rss_kib() - before, 64 * 1024);
    g_free(p);
}
END_TEST
#endif

START_TEST(test_size_str)
{
    static const struct { uint64_t v; const char *s; } cases[] = {
        { 8192, "8 KiB" }, { 4096, "4 KiB" }, { 128u << 20, "128 MiB" },
        { 3ull << 30, "3 GiB" }, { 1536u << 20, "1536 MiB" }, { 1000, "1000 bytes" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *s = loader_size_str(cases[i].v);
        ck_assert_str_eq(s, cases[i].s);
        g_free(s);
    }
}
END_TEST

START_TEST(test_read_file_bounded)
{
    void *data;
    size_t len;
    char *err = NULL;
    char *p = write_file("blob", "0123456789", 10);

    ck_assert_int_eq(loader_read_file(p, "device tree", 10, &data, &len, &err), 0);
    ck_assert_uint_eq(len, 10);
    ck_assert(memcmp(data, "0123456789", 10) == 0);
    g_free(data);
    ck_assert_int_eq(loader_read_file(p, "device tree", 9, &data, &len, &err), -1);
    ck_assert_msg(strstr(err, "too large"), "%s", err);
    g_free(err);
    g_free(p);
}
END_TEST

/* The device tree never lands on the kernel or the initrd. */
START_TEST(test_dtb_placement)
{
    LoadedKernel k = { 0 };
    uint64_t addr;
    char *err = NULL;

    /* A bare program above the base leaves the base for the tree. */
    k = (LoadedKernel){ .low = RAM_BASE + 0x10000, .high = RAM_BASE + 0x20000, .is_elf = true };
    ck_assert_int_eq(loader_dtb_addr(&ram, &k, 0, 0, 0x2000, &addr, &err), 0);
    ck_assert_uint_eq(addr, RAM_BASE);
    /* ...but not when the tree would run into it. */
    ck_assert_int_eq(loader_dtb_addr(&ram, &k, 0, 0, 0x10001, &addr, &err), 0);
    ck_assert_uint_eq(addr, RAM_BASE + 0x20000);
    /* A program at the base of RAM: after it, 4 KiB aligned. */
    k = (LoadedKernel){ .low = RAM_BASE, .high = RAM_BASE + 0x1234, .is_elf = true };
    ck_assert_int_eq(loader_dtb_addr(&ram, &k, 0, 0, 0x2000, &addr, &err), 0);
    ck_assert_uint_eq(addr, RAM_BASE + 0x2000);
    /* A program filling RAM: no room. */
    k = (LoadedKernel){ .low = RAM_BASE, .high = RAM_BASE + RAM_SIZE - 0x1000, .is_elf = true };
    ck_assert_int_eq(loader_dtb_addr(&ram, &k, 0, 0, 0x2000, &addr, &err), -1);
    ck_assert_msg(strstr(err, "not enough space for the device tree"), "%s", err);
    g_free(err);
    err = NULL;
    /* Linux: after the initrd, aligned; or where the initrd would go. */
    k = (LoadedKernel){ .low = RAM_BASE + 0x10000, .high = RAM_BASE + 0x30000, .is_linux = true };
    ck_assert_int_eq(loader_dtb_addr(&ram, &k, RAM_BASE + 0x800000, RAM_BASE + 0x800010,
                                     0x2000, &addr, &err), 0);
    ck_assert_uint_eq(addr, RAM_BASE + 0x801000);
    ck_assert_int_eq(loader_dtb_addr(&ram, &k, 0, 0, 0x2000, &addr, &err), 0);
    ck_assert_uint_eq(addr, RAM_BASE + RAM_SIZE / 2);
    ck_assert_int_eq(loader_dtb_addr(&ram, &k, RAM_BASE + 0x800000, RAM_BASE + RAM_SIZE - 0x100,
                                     0x2000, &addr, &err), -1);
    g_free(err);
}
END_TEST

/* The whole path through a real ELF at the base of RAM: the tree goes after it. */
START_TEST(test_elf_at_ram_base_keeps_its_bytes)
{
    uint8_t elf[84 + 64];
    LoadedKernel k;
    uint64_t addr;
    char *err = NULL;
    char *p = write_file("base.elf", elf, make_elf(elf, RAM_BASE, 64, 0, 40));

    ck_assert_int_eq(loader_load_kernel(&ram, p, &k, &err), 0);
    ck_assert_int_eq(loader_dtb_addr(&ram, &k, 0, 0, 0x1000, &addr, &err), 0);
    ck_assert_uint_ge(addr, k.high);
    g_free(p);
}
END_TEST

Suite *suite_loader(void)
{
    Suite *s = suite_create("loader");
    TCase *tc = tcase_create("load");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_elf);
    tcase_add_test(tc, test_raw_and_zimage);
    tcase_add_test(tc, test_missing_empty_too_big);
    tcase_add_test(tc, test_initrd);
    tcase_add_loop_test(tc, test_elf_malformed, 0, G_N_ELEMENTS(bad_elves));
    tcase_add_test(tc, test_elf_overlap);
    tcase_add_test(tc, test_elf_fuzz_headers);
#if !defined(_WIN32) && !defined(__EMSCRIPTEN__)
    tcase_add_test(tc, test_not_regular);
    tcase_add_test(tc, test_huge_sparse);
#endif
    tcase_add_test(tc, test_read_file_bounded);
    tcase_add_test(tc, test_size_str);
    tcase_add_test(tc, test_dtb_placement);
    tcase_add_test(tc, test_elf_at_ram_base_keeps_its_bytes);
    suite_add_tcase(s, tc);
    return s;
}
