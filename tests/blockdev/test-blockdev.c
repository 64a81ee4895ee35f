/*
 * test-blockdev.c - sizes of files and block devices, refusal of others
 */
#define _GNU_SOURCE
#include "../portos-test.h"

#include <portos/blockdev.h>
#include <portos/error.h>

#include <dirent.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

START_TEST(test_regular_file)
{
    char *name = portos_test_tmpname("blk");
    PortosBlockdevInfo info;
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, 5 * 1024 * 1024 + 7), 0);
    ck_assert_int_eq(portos_blockdev_info(fd, &info), 0);
    ck_assert_uint_eq(info.size, 5 * 1024 * 1024 + 7);
    ck_assert_uint_eq(info.sector_size, 512);
    ck_assert(!info.is_device);
    close(fd);
    unlink(name);
    g_free(name);
}
END_TEST

START_TEST(test_pipe_and_chardev)
{
    PortosBlockdevInfo info;
    int p[2];
    int fd = open(PORTOS_TEST_NULL_DEVICE, O_RDONLY);

    ck_assert_int_eq(pipe(p), 0);
    ck_assert_int_eq(portos_blockdev_info(p[0], &info), PORTOS_ENOTSUP);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(portos_blockdev_info(fd, &info), PORTOS_ENOTSUP);
    close(p[0]);
    close(p[1]);
    close(fd);
}
END_TEST

START_TEST(test_bad_fd)
{
    PortosBlockdevInfo info;

    ck_assert_int_eq(portos_blockdev_info(-1, &info), -EBADF);
    ck_assert_int_eq(portos_blockdev_info(0, NULL), -EINVAL);
}
END_TEST

/*
 * A real block device when the machine lets us open one: the kernel's own
 * view in /sys/class/block/NAME/size (512-byte units) is the reference.
 */
START_TEST(test_block_device)
{
    DIR *d = opendir("/sys/class/block");
    struct dirent *e;
    int checked = 0;

    if (!d) {
        return;
    }
    while ((e = readdir(d)) && !checked) {
        char *path, *sys, *contents = NULL;
        PortosBlockdevInfo info;
        int fd;

        if (e->d_name[0] == '.') {
            continue;
        }
        path = g_strdup_printf("/dev/%s", e->d_name);
        sys = g_strdup_printf("/sys/class/block/%s/size", e->d_name);
        fd = open(path, O_RDONLY);
        if (fd >= 0 && g_file_get_contents(sys, &contents, NULL, NULL)) {
            guint64 sectors = g_ascii_strtoull(contents, NULL, 10);
            if (sectors > 0) {
                ck_assert_int_eq(portos_blockdev_info(fd, &info), 0);
                ck_assert(info.is_device);
                ck_assert_uint_eq(info.size, sectors * 512);
                ck_assert_uint_ge(info.sector_size, 512);
                checked = 1;
            }
        }
        if (fd >= 0) {
            close(fd);
        }
        g_free(contents);
        g_free(path);
        g_free(sys);
    }
    closedir(d);
    if (!checked) {
        fprintf(stderr, "test_block_device: no readable block device here\n");
    }
}
END_TEST

Suite *suite_blockdev(void)
{
    Suite *s = suite_create("blockdev");
    TCase *tc = tcase_create("info");

    tcase_add_test(tc, test_regular_file);
    tcase_add_test(tc, test_pipe_and_chardev);
    tcase_add_test(tc, test_bad_fd);
    tcase_add_test(tc, test_block_device);
    suite_add_tcase(s, tc);
    return s;
}
