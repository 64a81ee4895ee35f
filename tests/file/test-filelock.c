/*
 * test-filelock.c - whole-file locks on real files: two opens in this
 * process conflict, shared locks share, closing releases, and another
 * process sees the lock (posix and win32). wasm: Emscripten's file
 * systems cannot lock, so every lock of a real file is PORTOS_ENOTSUP and a
 * closed descriptor still PORTOS_EBADF.
 */
#define _GNU_SOURCE
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/file.h>

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#ifndef _WIN32
#include <sys/wait.h>
#endif

#ifndef O_BINARY
#define O_BINARY 0
#endif

#ifdef __EMSCRIPTEN__
START_TEST(test_no_locks)
{
    char *tmp = portos_test_tmpname("lock");
    int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC, 0600);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(portos_file_lock(fd, true), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_file_lock(fd, false), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_file_unlock(fd), PORTOS_ENOTSUP);
    close(fd);
    ck_assert_int_eq(portos_file_lock(fd, true), PORTOS_EBADF);
    ck_assert_int_eq(portos_file_lock(-1, false), PORTOS_EBADF);
    unlink(tmp);
    g_free(tmp);
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

#else /* posix, win32 */

/* The child process of test_other_process: the file it locks. */
#define CHILD_ENV "PORTOS_TEST_FILELOCK_CHILD"

static char *name;

static void setup(void)
{
    int fd;

    name = portos_test_tmpname("lock");
    fd = open(name, O_RDWR | O_CREAT | O_TRUNC | O_BINARY, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "image", 5), 5);
    close(fd);
}

static void teardown(void)
{
    g_unlink(name);
    g_free(name);
}

static int open_rw(void)
{
    int fd = open(name, O_RDWR | O_BINARY);

    ck_assert_int_ge(fd, 0);
    return fd;
}

START_TEST(test_exclusive_excludes)
{
    int a = open_rw(), b = open_rw();

    ck_assert_int_eq(portos_file_lock(a, true), 0);
    /* A second open in the same process is a different open file. */
    ck_assert_int_eq(portos_file_lock(b, true), PORTOS_EAGAIN);
    ck_assert_int_eq(portos_file_lock(b, false), PORTOS_EAGAIN);
    ck_assert_int_eq(portos_file_unlock(a), 0);
    ck_assert_int_eq(portos_file_lock(b, true), 0);
    ck_assert_int_eq(portos_file_lock(a, false), PORTOS_EAGAIN);
    close(a);
    close(b);
}
END_TEST

START_TEST(test_shared_shares)
{
    int a = open_rw(), b = open_rw(), c = open(name, O_RDONLY | O_BINARY);

    ck_assert_int_ge(c, 0);
    ck_assert_int_eq(portos_file_lock(a, false), 0);
    ck_assert_int_eq(portos_file_lock(b, false), 0);
    ck_assert_int_eq(portos_file_lock(c, false), 0);
    /* Converting to exclusive waits for nobody: the others still hold. */
    ck_assert_int_eq(portos_file_lock(a, true), PORTOS_EAGAIN);
    ck_assert_int_eq(portos_file_unlock(b), 0);
    ck_assert_int_eq(portos_file_unlock(c), 0);
    /* The failed conversion left a's shared lock in place. */
    ck_assert_int_eq(portos_file_lock(b, true), PORTOS_EAGAIN);
    ck_assert_int_eq(portos_file_lock(b, false), 0);
    ck_assert_int_eq(portos_file_unlock(b), 0);
    ck_assert_int_eq(portos_file_lock(a, true), 0);
    ck_assert_int_eq(portos_file_lock(b, false), PORTOS_EAGAIN);
    /* ...and back to shared lets readers in again. */
    ck_assert_int_eq(portos_file_lock(a, false), 0);
    ck_assert_int_eq(portos_file_lock(b, false), 0);
    close(a);
    close(b);
    close(c);
}
END_TEST

START_TEST(test_close_releases)
{
    int a = open_rw(), b = open_rw();

    ck_assert_int_eq(portos_file_lock(a, true), 0);
    ck_assert_int_eq(portos_file_lock(b, true), PORTOS_EAGAIN);
    close(a);
    ck_assert_int_eq(portos_file_lock(b, true), 0);
    /* Unlocking twice, or what was never locked, is fine. */
    ck_assert_int_eq(portos_file_unlock(b), 0);
    ck_assert_int_eq(portos_file_unlock(b), 0);
    close(b);
}
END_TEST

START_TEST(test_bad_descriptors)
{
    int fd = open_rw();

    close(fd);
    ck_assert_int_eq(portos_file_lock(-1, true), PORTOS_EBADF);
    ck_assert_int_eq(portos_file_unlock(-1), PORTOS_EBADF);
    ck_assert_int_eq(portos_file_lock(fd, false), PORTOS_EBADF);
    ck_assert_int_eq(portos_file_unlock(fd), PORTOS_EBADF);
}
END_TEST

/* In the child: open the file anew, try an exclusive lock, exit with -r. */
static int child_lock(const char *path)
{
    int fd = open(path, O_RDWR | O_BINARY);

    return fd < 0 ? 100 : -portos_file_lock(fd, true);
}

#ifdef _WIN32
static int lock_in_other_process(void)
{
    return (int)portos_test_run_self(CHILD_ENV, name);
}
#else
static int lock_in_other_process(void)
{
    int status;
    pid_t pid = fork();

    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        _exit(child_lock(name));
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}
#endif

START_TEST(test_other_process)
{
    int a = open_rw();

    ck_assert_int_eq(lock_in_other_process(), 0);
    ck_assert_int_eq(portos_file_lock(a, false), 0);
    ck_assert_int_eq(lock_in_other_process(), EAGAIN);
    ck_assert_int_eq(portos_file_lock(a, true), 0);
    ck_assert_int_eq(lock_in_other_process(), EAGAIN);
    ck_assert_int_eq(portos_file_unlock(a), 0);
    ck_assert_int_eq(lock_in_other_process(), 0);
    close(a);
}
END_TEST

Suite *suite_filelock(void)
{
    const char *child = getenv(CHILD_ENV);
    Suite *s = suite_create("filelock");
    TCase *tc = tcase_create("lock");

    if (child) {
        exit(child_lock(child));
    }
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_exclusive_excludes);
    tcase_add_test(tc, test_shared_shares);
    tcase_add_test(tc, test_close_releases);
    tcase_add_test(tc, test_bad_descriptors);
    tcase_add_test(tc, test_other_process);
    suite_add_tcase(s, tc);
    return s;
}

#endif
