/*
 * portos-test.h - shared bits of the libportos Check suites
 */
#ifndef PORTOS_TEST_H
#define PORTOS_TEST_H

#include <check.h>
#include <stdbool.h>

/*
 * True when Check runs each test in a child process, so tests that must
 * die (abort on misuse, a guard page fault) can be registered. Check has
 * no fork on wasm and Windows; under Valgrind CK_FORK=no.
 */
bool portos_test_can_fork(void);

/* Add @tc's death test only where a death can be observed. */
#define PORTOS_ADD_DEATH_TEST(tc, fn, sig) \
    do { \
        if (portos_test_can_fork()) { \
            tcase_add_test_raise_signal(tc, fn, sig); \
        } \
    } while (0)

/* A scratch file name unique to this process (caller frees with g_free). */
char *portos_test_tmpname(const char *tag);

#ifdef _WIN32
/*
 * MinGW's C runtime has no pipe(), pread() or pwrite() and opens files in
 * text mode. These stand-ins let the posix suites keep their assertions on
 * win32: binary mode everywhere, and positional I/O that puts the file
 * position back as pread/pwrite leave it (tests check positions).
 */
#include <fcntl.h>
#include <io.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <windows.h>

/*
 * portos_test_run_self: run this test program again, with @env=@value in
 * its environment (its suite function sees it and does the deed), wait
 * for it and return its exit code. Stands in for fork-based death tests.
 */
static inline DWORD portos_test_run_self(const char *env, const char *value)
{
    WCHAR self[MAX_PATH];
    STARTUPINFOW si = { .cb = sizeof(si) };
    PROCESS_INFORMATION pi;
    DWORD code = 0;

    ck_assert_uint_gt(GetModuleFileNameW(NULL, self, MAX_PATH), 0);
    ck_assert(SetEnvironmentVariableA(env, value));
    ck_assert(CreateProcessW(self, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi));
    SetEnvironmentVariableA(env, NULL);
    ck_assert_uint_eq(WaitForSingleObject(pi.hProcess, 60000), WAIT_OBJECT_0);
    ck_assert(GetExitCodeProcess(pi.hProcess, &code));
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return code;
}

__attribute__((constructor)) static void portos_test_binary_mode(void)
{
    _fmode = _O_BINARY;
}

static inline int portos_test_pipe(int fds[2])
{
    return _pipe(fds, 65536, _O_BINARY);
}

static inline long long portos_test_pio(int fd, void *buf, size_t len,
                                        int64_t off, int write)
{
    int64_t pos = _lseeki64(fd, 0, SEEK_CUR);
    long long n;

    if (pos < 0 || _lseeki64(fd, off, SEEK_SET) < 0) {
        return -1;
    }
    n = write ? _write(fd, buf, (unsigned)len) : _read(fd, buf, (unsigned)len);
    _lseeki64(fd, pos, SEEK_SET);
    return n;
}

#define pipe(fds) portos_test_pipe(fds)
#define pread(fd, buf, len, off) portos_test_pio(fd, buf, len, off, 0)
#define pwrite(fd, buf, len, off) portos_test_pio(fd, (void *)(buf), len, off, 1)
#define PORTOS_TEST_NULL_DEVICE "NUL"
#else
#define PORTOS_TEST_NULL_DEVICE "/dev/null"
#endif

#endif
