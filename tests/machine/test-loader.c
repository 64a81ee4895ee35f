/*
 * test-loader.c - kernel/initrd loading: ELF, raw images, and one-line
 * errors for missing, truncated, malformed and oversized files
 */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

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
    ck_assert_msg(strstr(err, needle), "'%s' lacks '%s'", err, needle);
    ck_assert_ptr_null(strchr(err, '\n'));
    g_free(err);
}

START_TEST(test_elf_errors)
{
    uint8_t elf[84 + 64];
    size_t n = make_elf(elf, RAM_BASE, 64, 0, 40);
    char *p;

    p = write_file("trunc.elf", elf, n - 10);
    expect_kernel_error(p, "truncated");
    g_free(p);
    p = write_file("hdr.elf", elf, 30);
    expect_kernel_error(p, "truncated ELF header");
    g_free(p);
    make_elf(elf, RAM_BASE, 64, 0, 62 /* x86-64 */);
    p = write_file("x86.elf", elf, n);
    expect_kernel_error(p, "not an ARM executable");
    g_free(p);
    make_elf(elf, 0x1000, 64, 0, 40);
    p = write_file("low.elf", elf, n);
    expect_kernel_error(p, "outside RAM");
    g_free(p);
    make_elf(elf, RAM_BASE + RAM_SIZE - 32, 64, 0, 40);
    p = write_file("edge.elf", elf, n);
    expect_kernel_error(p, "outside RAM");
    g_free(p);
    make_elf(elf, RAM_BASE, 64, 0, 40);
    put16(elf + 44, 500); /* phnum past the end of the file */
    p = write_file("phdrs.elf", elf, n);
    expect_kernel_error(p, "program headers");
    g_free(p);
}
END_TEST

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

Suite *suite_loader(void)
{
    Suite *s = suite_create("loader");
    TCase *tc = tcase_create("load");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_elf);
    tcase_add_test(tc, test_elf_errors);
    tcase_add_test(tc, test_raw_and_zimage);
    tcase_add_test(tc, test_missing_empty_too_big);
    tcase_add_test(tc, test_initrd);
    suite_add_tcase(s, tc);
    return s;
}
