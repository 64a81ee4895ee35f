/*
 * test-filelock-wasm.c - Emscripten's file systems cannot lock: every
 * lock of a real file is -ENOTSUP, a closed descriptor still -EBADF
 */
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/file.h>

#include <fcntl.h>
#include <glib.h>
#include <unistd.h>

START_TEST(test_no_locks)
{
    char *name = portos_test_tmpname("lock");
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(portos_file_lock(fd, true), -ENOTSUP);
    ck_assert_int_eq(portos_file_lock(fd, false), -ENOTSUP);
    ck_assert_int_eq(portos_file_unlock(fd), -ENOTSUP);
    close(fd);
    ck_assert_int_eq(portos_file_lock(fd, true), -EBADF);
    ck_assert_int_eq(portos_file_lock(-1, false), -EBADF);
    unlink(name);
    g_free(name);
}
END_TEST

Suite *suite_filelock(void)
{
    Suite *s = suite_create("filelock");
    TCase *tc = tcase_create("lock");

    tcase_add_test(tc, test_no_locks);
    suite_add_tcase(s, tc);
    return s;
}
