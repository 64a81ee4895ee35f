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

#endif
