/*
 * test-memory.c - guest RAM, stacks and executable memory
 */
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/memory.h>

#include <signal.h>
#include <stdint.h>
#include <string.h>

START_TEST(test_page_size)
{
    size_t page = portos_page_size();

    ck_assert_uint_ge(page, 4096);
    ck_assert_uint_eq(page & (page - 1), 0);
}
END_TEST

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

START_TEST(test_ram_aligned_zeroed)
{
    static const size_t aligns[] = { 0, 4096, 1 << 16, 1 << 21, 1 << 24 };
    const size_t size = 3 * 1024 * 1024 + 123;

    for (size_t i = 0; i < sizeof(aligns) / sizeof(aligns[0]); i++) {
        unsigned char *p = NULL;

        ck_assert_int_eq(portos_ram_alloc((void **)&p, size, aligns[i]), 0);
        ck_assert_ptr_nonnull(p);
        ck_assert_uint_eq((uintptr_t)p % (aligns[i] ? aligns[i] : portos_page_size()), 0);
        ck_assert(all_zero(p, size));
        /* All of it is writable, to the last byte asked for. */
        memset(p, 0xa5, size);
        ck_assert_uint_eq(p[size - 1], 0xa5);
        portos_ram_free(p, size);
    }
}
END_TEST

START_TEST(test_ram_bad_args)
{
    void *p;

    ck_assert_int_eq(portos_ram_alloc(&p, 0, 0), -EINVAL);
    ck_assert_int_eq(portos_ram_alloc(&p, 4096, 3000), -EINVAL);
    ck_assert_int_eq(portos_ram_alloc(NULL, 4096, 0), -EINVAL);
    ck_assert_int_eq(portos_ram_alloc(&p, SIZE_MAX - 100, 0), -ENOMEM);
    portos_ram_free(NULL, 4096);
}
END_TEST

START_TEST(test_ram_large_reserve)
{
    /* 4 GiB on a 64-bit host: reserved, not committed, until touched. */
    size_t size = sizeof(void *) == 8 ? (size_t)4 << 30 : (size_t)256 << 20;
    unsigned char *p;
    int r = portos_ram_alloc((void **)&p, size, 1 << 20);

    if (r == -ENOMEM) {
        return; /* a host with a small address space limit */
    }
    ck_assert_int_eq(r, 0);
    p[0] = 1;
    p[size / 2] = 2;
    p[size - 1] = 3;
    ck_assert_uint_eq(p[0] + p[size / 2] + p[size - 1], 6);
    portos_ram_free(p, size);
}
END_TEST

START_TEST(test_ram_guard_faults)
{
    size_t page = portos_page_size();
    volatile unsigned char *p;

    ck_assert(portos_guard_pages_supported());
    ck_assert_int_eq(portos_ram_alloc((void **)&p, page, 0), 0);
    p[page - 1] = 1;
    p[page] = 1; /* the guard page */
}
END_TEST

START_TEST(test_stack_alloc)
{
    size_t size = 64 * 1024;
    unsigned char *s;

    ck_assert_int_eq(portos_stack_alloc((void **)&s, size), 0);
    ck_assert_uint_eq((uintptr_t)s % portos_page_size(), 0);
    memset(s, 0x11, size);
    ck_assert_uint_eq(s[0] + s[size - 1], 0x22);
    portos_stack_free(s, size);
    ck_assert_int_eq(portos_stack_alloc((void **)&s, 0), -EINVAL);
    portos_stack_free(NULL, size);
}
END_TEST

START_TEST(test_stack_guard_faults)
{
    volatile unsigned char *s;

    ck_assert_int_eq(portos_stack_alloc((void **)&s, 8192), 0);
    s[0] = 1;
    s[-1] = 1; /* below the stack: the guard page */
}
END_TEST

static void check_execmem(unsigned flags, bool want_split)
{
    PortosExecMem *m = NULL;
    unsigned char *rw, *rx;

    ck_assert_int_eq(portos_execmem_alloc(&m, 100, flags), 0);
    ck_assert_uint_eq(portos_execmem_size(m), portos_page_size());
    rw = portos_execmem_rw(m);
    rx = portos_execmem_rx(m);
    ck_assert_ptr_nonnull(rw);
    ck_assert_ptr_nonnull(rx);
    ck_assert(portos_execmem_split(m) == want_split);
    ck_assert(want_split ? rw != rx : rw == rx);
    ck_assert_int_eq(portos_execmem_write_begin(m), 0);
    rw[0] = 0xc3;
    rw[99] = 0x42;
    ck_assert_int_eq(portos_execmem_write_end(m), 0);
    /* Both views show the same bytes. */
    ck_assert_uint_eq(rx[0], 0xc3);
    ck_assert_uint_eq(rx[99], 0x42);
    portos_execmem_free(m);
}

/*
 * Two views by default where the OS can map one memory object twice. win32
 * has one view, made W^X by VirtualProtect (memory-win32 suite checks it).
 */
#ifndef PORTOS_TEST_EXECMEM_SPLIT
#define PORTOS_TEST_EXECMEM_SPLIT 1
#endif

/* wasm has no executable memory at all (memory-wasm checks PORTOS_ENOTSUP). */
#ifndef PORTOS_TEST_EXECMEM
#define PORTOS_TEST_EXECMEM 1
#endif

START_TEST(test_execmem_split)
{
    check_execmem(0, PORTOS_TEST_EXECMEM_SPLIT);
}
END_TEST

START_TEST(test_execmem_single)
{
    check_execmem(PORTOS_EXECMEM_SINGLE_VIEW, false);
}
END_TEST

START_TEST(test_execmem_bad_args)
{
    PortosExecMem *m;

    ck_assert_int_eq(portos_execmem_alloc(&m, 0, 0), -EINVAL);
    ck_assert_int_eq(portos_execmem_alloc(&m, 4096, 0x80), -EINVAL);
    portos_execmem_free(NULL);
}
END_TEST

START_TEST(test_execmem_rx_not_writable)
{
    PortosExecMem *m;

    ck_assert_int_eq(portos_execmem_alloc(&m, 4096, 0), 0);
    ck_assert(portos_execmem_split(m));
    /* W^X: the executable view is read-only. */
    *(volatile unsigned char *)portos_execmem_rx(m) = 1;
}
END_TEST

Suite *suite_memory(void)
{
    Suite *s = suite_create("memory");
    TCase *tc = tcase_create("alloc");
    TCase *guard = tcase_create("guard");

    tcase_add_test(tc, test_page_size);
    tcase_add_test(tc, test_ram_aligned_zeroed);
    tcase_add_test(tc, test_ram_bad_args);
    tcase_add_test(tc, test_ram_large_reserve);
    tcase_add_test(tc, test_stack_alloc);
    if (PORTOS_TEST_EXECMEM) {
        tcase_add_test(tc, test_execmem_split);
        tcase_add_test(tc, test_execmem_single);
    }
    tcase_add_test(tc, test_execmem_bad_args);
    suite_add_tcase(s, tc);

    PORTOS_ADD_DEATH_TEST(guard, test_ram_guard_faults, SIGSEGV);
    PORTOS_ADD_DEATH_TEST(guard, test_stack_guard_faults, SIGSEGV);
    PORTOS_ADD_DEATH_TEST(guard, test_execmem_rx_not_writable, SIGSEGV);
    suite_add_tcase(s, guard);
    return s;
}
