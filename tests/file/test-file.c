/*
 * test-file.c - portos_copy_file_range through the kernel and through
 * the read/write fallback
 */
#define _GNU_SOURCE
#include "../portos-test.h"
#include "portos-test-hooks.h"

#include <portos/error.h>
#include <portos/file.h>

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define SRC_LEN (3 * 1024 * 1024 + 17)

typedef struct {
    char *src_name, *dst_name;
    int src, dst;
    unsigned char *data;
} Files;

static void files_open(Files *f)
{
    f->src_name = portos_test_tmpname("cfr-src");
    f->dst_name = portos_test_tmpname("cfr-dst");
    f->src = open(f->src_name, O_RDWR | O_CREAT | O_TRUNC, 0600);
    f->dst = open(f->dst_name, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(f->src, 0);
    ck_assert_int_ge(f->dst, 0);
    f->data = g_malloc(SRC_LEN);
    for (size_t i = 0; i < SRC_LEN; i++) {
        f->data[i] = (unsigned char)(i * 7 + (i >> 13));
    }
    ck_assert_int_eq(pwrite(f->src, f->data, SRC_LEN, 0), SRC_LEN);
}

static void files_close(Files *f)
{
    close(f->src);
    close(f->dst);
    unlink(f->src_name);
    unlink(f->dst_name);
    g_free(f->src_name);
    g_free(f->dst_name);
    g_free(f->data);
}

static void check_range(Files *f, int64_t dst_off, int64_t src_off, int64_t len)
{
    unsigned char *got = g_malloc(len);

    ck_assert_int_eq(pread(f->dst, got, len, dst_off), len);
    ck_assert(memcmp(got, f->data + src_off, len) == 0);
    g_free(got);
}

static void check_range_value(int fd, int64_t off, unsigned char value, size_t len)
{
    unsigned char *got = g_malloc(len);

    ck_assert_int_eq(pread(fd, got, len, off), (ssize_t)len);
    for (size_t i = 0; i < len; i++) {
        ck_assert_uint_eq(got[i], value);
    }
    g_free(got);
}

static void copy_and_check(unsigned flags)
{
    Files f;
    int64_t n;

    files_open(&f);
    /* File positions must not move. */
    ck_assert_int_eq(lseek(f.src, 5, SEEK_SET), 5);
    ck_assert_int_eq(lseek(f.dst, 9, SEEK_SET), 9);

    n = portos_copy_file_range(f.src, 1000, f.dst, 4096, 2 * 1024 * 1024, flags);
    ck_assert_int_eq(n, 2 * 1024 * 1024);
    check_range(&f, 4096, 1000, n);

    /* Past the end of input: a short copy. */
    n = portos_copy_file_range(f.src, SRC_LEN - 100, f.dst, 0, 4096, flags);
    ck_assert_int_eq(n, 100);
    check_range(&f, 0, SRC_LEN - 100, 100);

    /* Entirely beyond the end: nothing. */
    ck_assert_int_eq(portos_copy_file_range(f.src, SRC_LEN + 5, f.dst, 0, 10, flags), 0);

    ck_assert_int_eq(lseek(f.src, 0, SEEK_CUR), 5);
    ck_assert_int_eq(lseek(f.dst, 0, SEEK_CUR), 9);
    files_close(&f);
}

START_TEST(test_copy_default_path)
{
    copy_and_check(0);
}
END_TEST

START_TEST(test_copy_fallback_path)
{
    copy_and_check(PORTOS_COPY_FALLBACK);
    ck_assert(!portos__copy_file_range_used_kernel());
}
END_TEST

#ifdef PORTOS_TEST_KERNEL_COPY
/* On Linux with copy_file_range, regular files on one fs use the kernel. */
START_TEST(test_copy_uses_kernel)
{
    Files f;

    files_open(&f);
    ck_assert_int_eq(portos_copy_file_range(f.src, 0, f.dst, 0, 65536, 0), 65536);
    ck_assert(portos__copy_file_range_used_kernel());
    check_range(&f, 0, 0, 65536);
    files_close(&f);
}
END_TEST

/* A pipe makes the kernel answer EINVAL: the fallback takes over. */
START_TEST(test_copy_kernel_declines)
{
    Files f;
    int p[2];

    files_open(&f);
    ck_assert_int_eq(pipe(p), 0);
    /* pwrite to a pipe is ESPIPE, so the fallback reports that error. */
    ck_assert_int_eq(portos_copy_file_range(f.src, 0, p[1], 0, 4096, 0), -ESPIPE);
    ck_assert(!portos__copy_file_range_used_kernel());
    close(p[0]);
    close(p[1]);
    files_close(&f);
}
END_TEST
#endif

START_TEST(test_copy_bad_args)
{
    Files f;

    files_open(&f);
    ck_assert_int_eq(portos_copy_file_range(f.src, -1, f.dst, 0, 10, 0), -EINVAL);
    ck_assert_int_eq(portos_copy_file_range(f.src, 0, f.dst, -1, 10, 0), -EINVAL);
    ck_assert_int_eq(portos_copy_file_range(f.src, 0, f.dst, 0, -10, 0), -EINVAL);
    ck_assert_int_eq(portos_copy_file_range(f.src, 0, f.dst, 0, 10, 0x100), -EINVAL);
    ck_assert_int_eq(portos_copy_file_range(-1, 0, f.dst, 0, 10, 0), -EBADF);
    /* Overlapping ranges of the same file. */
    ck_assert_int_eq(portos_copy_file_range(f.src, 0, f.src, 100, 1000, 0), -EINVAL);
    ck_assert_int_eq(portos_copy_file_range(f.src, 0, f.dst, 0, 0, 0), 0);
    files_close(&f);
}
END_TEST

START_TEST(test_copy_same_file_disjoint)
{
    Files f;
    unsigned char got[5000];

    files_open(&f);
    ck_assert_int_eq(portos_copy_file_range(f.src, 0, f.src, SRC_LEN, 5000, 0), 5000);
    ck_assert_int_eq(pread(f.src, got, 5000, SRC_LEN), 5000);
    ck_assert(memcmp(got, f.data, 5000) == 0);
    files_close(&f);
}
END_TEST

START_TEST(test_pread_pwrite)
{
    Files f;
    unsigned char buf[100];

    files_open(&f);
    ck_assert_int_eq(lseek(f.src, 7, SEEK_SET), 7);
    ck_assert_int_eq(portos_pread(f.src, buf, sizeof(buf), 4096), 100);
    ck_assert(memcmp(buf, f.data + 4096, 100) == 0);
    /* At and past the end of the file. */
    ck_assert_int_eq(portos_pread(f.src, buf, sizeof(buf), SRC_LEN - 10), 10);
    ck_assert_int_eq(portos_pread(f.src, buf, sizeof(buf), SRC_LEN + 10), 0);
    memset(buf, 0x5c, sizeof(buf));
    ck_assert_int_eq(portos_pwrite(f.dst, buf, sizeof(buf), 1 << 20), 100);
    check_range_value(f.dst, 1 << 20, 0x5c, 100);
    ck_assert_int_eq(lseek(f.src, 0, SEEK_CUR), 7);
    ck_assert_int_eq(lseek(f.dst, 0, SEEK_CUR), 0);
    ck_assert_int_eq(portos_pread(f.src, buf, 1, -1), -EINVAL);
    ck_assert_int_eq(portos_pwrite(f.dst, buf, 1, -1), -EINVAL);
    ck_assert_int_eq(portos_pread(-1, buf, 1, 0), -EBADF);
    ck_assert_int_eq(portos_pwrite(-1, buf, 1, 0), -EBADF);
    files_close(&f);
}
END_TEST

START_TEST(test_file_open_sync_close)
{
    /* A UTF-8 name: win32 must not take it in the ANSI code page. */
    char *base = portos_test_tmpname("open");
    char *name = g_strconcat(base, "-\xc3\xa9t\xc3\xa9", NULL);
    static const char data[] = "one\r\ntwo\n\x1a three";
    char got[sizeof(data)], *contents;
    gsize len;
    int fd, ro;

    ck_assert(g_file_set_contents(name, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", -1, NULL));
    fd = portos_file_open(name, PORTOS_FILE_WRITE);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(portos_pwrite(fd, data, sizeof(data), 3), sizeof(data));
    ck_assert_int_eq(portos_file_sync(fd), 0);
    /* Binary mode both ways: CR LF and ^Z come back unchanged. */
    ro = portos_file_open(name, 0);
    ck_assert_int_ge(ro, 0);
    ck_assert_int_eq(portos_pread(ro, got, sizeof(got), 3), sizeof(got));
    ck_assert(memcmp(got, data, sizeof(data)) == 0);
    /* Read only means read only. */
    ck_assert_int_lt(portos_pwrite(ro, data, 1, 0), 0);
    ck_assert_int_eq(portos_file_close(ro), 0);
    ck_assert_int_eq(portos_file_close(fd), 0);
    ck_assert_int_eq(portos_file_close(fd), PORTOS_EBADF);
    ck_assert(g_file_get_contents(name, &contents, &len, NULL));
    ck_assert_uint_eq(len, 32);
    ck_assert(memcmp(contents + 3, data, sizeof(data)) == 0);
    g_free(contents);

    /* CREATE empties an existing file, and makes a missing one. */
    fd = portos_file_open(name, PORTOS_FILE_WRITE | PORTOS_FILE_CREATE);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(portos_pwrite(fd, "ab", 2, 0), 2);
    ck_assert_int_eq(portos_file_close(fd), 0);
    ck_assert(g_file_get_contents(name, &contents, &len, NULL));
    ck_assert_uint_eq(len, 2);
    g_free(contents);
    ck_assert_int_eq(g_unlink(name), 0);
    fd = portos_file_open(name, PORTOS_FILE_WRITE | PORTOS_FILE_CREATE);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(portos_pread(fd, got, sizeof(got), 0), 0);
    ck_assert_int_eq(portos_file_close(fd), 0);
    ck_assert_int_eq(portos_file_open(name, PORTOS_FILE_CREATE), PORTOS_EINVAL);

    ck_assert_int_eq(portos_file_open(base, 0), PORTOS_ENOENT);
    ck_assert_int_eq(portos_file_open(name, 0x100), PORTOS_EINVAL);
    ck_assert_int_eq(portos_file_open(NULL, 0), PORTOS_EINVAL);
    ck_assert_int_eq(portos_file_sync(-1), PORTOS_EBADF);
    ck_assert_int_eq(portos_file_close(-1), PORTOS_EBADF);
    ck_assert_int_eq(g_unlink(name), 0);
    g_free(name);
    g_free(base);
}
END_TEST

Suite *suite_file(void)
{
    Suite *s = suite_create("file");
    TCase *tc = tcase_create("copy");

    tcase_add_test(tc, test_copy_default_path);
    tcase_add_test(tc, test_copy_fallback_path);
#ifdef PORTOS_TEST_KERNEL_COPY
    tcase_add_test(tc, test_copy_uses_kernel);
    tcase_add_test(tc, test_copy_kernel_declines);
#endif
    tcase_add_test(tc, test_copy_bad_args);
    tcase_add_test(tc, test_copy_same_file_disjoint);
    tcase_add_test(tc, test_pread_pwrite);
    tcase_add_test(tc, test_file_open_sync_close);
    suite_add_tcase(s, tc);
    return s;
}
