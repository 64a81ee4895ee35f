/*
 * test-memory.c - guest RAM, stacks and executable memory
 *
 * The common tests run on every backend. Each backend then has a section
 * for what only it has or lacks:
 * - posix: guard pages and W^X observed as faults (death tests).
 * - wasm: 64 KiB pages, no guard pages, no executable memory, and RAM
 *   zero-filled by hand after heap reuse.
 * - win32: page states and protections as VirtualQuery reports them, one
 *   code view flipped between RW and RX, and the faults observed in a
 *   child process (Check cannot fork there).
 */
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/memory.h>

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#endif

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

    ck_assert_int_eq(portos_ram_alloc(&p, 0, 0), PORTOS_EINVAL);
    ck_assert_int_eq(portos_ram_alloc(&p, 4096, 3000), PORTOS_EINVAL);
    ck_assert_int_eq(portos_ram_alloc(NULL, 4096, 0), PORTOS_EINVAL);
    ck_assert_int_eq(portos_ram_alloc(&p, SIZE_MAX - 100, 0), PORTOS_ENOMEM);
    portos_ram_free(NULL, 4096);
}
END_TEST

START_TEST(test_ram_large_reserve)
{
    /* 4 GiB on a 64-bit host: reserved, not committed, until touched. */
    size_t size = sizeof(void *) == 8 ? (size_t)4 << 30 : (size_t)256 << 20;
    unsigned char *p;
    int r = portos_ram_alloc((void **)&p, size, 1 << 20);

    if (r == PORTOS_ENOMEM) {
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

START_TEST(test_stack_alloc)
{
    size_t size = 64 * 1024;
    unsigned char *s;

    ck_assert_int_eq(portos_stack_alloc((void **)&s, size), 0);
    ck_assert_uint_eq((uintptr_t)s % portos_page_size(), 0);
    memset(s, 0x11, size);
    ck_assert_uint_eq(s[0] + s[size - 1], 0x22);
    portos_stack_free(s, size);
    ck_assert_int_eq(portos_stack_alloc((void **)&s, 0), PORTOS_EINVAL);
    portos_stack_free(NULL, size);
}
END_TEST

#ifndef __EMSCRIPTEN__ /* no executable memory there */
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
 * has one view, made W^X by VirtualProtect (its section checks that).
 */
#ifdef _WIN32
#define EXECMEM_SPLIT false
#else
#define EXECMEM_SPLIT true
#endif

START_TEST(test_execmem_split)
{
    check_execmem(0, EXECMEM_SPLIT);
}
END_TEST

START_TEST(test_execmem_single)
{
    check_execmem(PORTOS_EXECMEM_SINGLE_VIEW, false);
}
END_TEST
#endif

START_TEST(test_execmem_bad_args)
{
    PortosExecMem *m;

    ck_assert_int_eq(portos_execmem_alloc(&m, 0, 0), PORTOS_EINVAL);
    ck_assert_int_eq(portos_execmem_alloc(&m, 4096, 0x80), PORTOS_EINVAL);
    portos_execmem_free(NULL);
}
END_TEST

#if defined(_WIN32)

/* The child reruns this program with this variable naming the fault. */
#define FAULT_ENV "PORTOS_TEST_FAULT"

static MEMORY_BASIC_INFORMATION query(const void *p)
{
    MEMORY_BASIC_INFORMATION mbi;

    ck_assert_uint_eq(VirtualQuery(p, &mbi, sizeof(mbi)), sizeof(mbi));
    return mbi;
}

START_TEST(test_granularity_and_page)
{
    SYSTEM_INFO si;

    GetSystemInfo(&si);
    ck_assert_uint_eq(portos_page_size(), si.dwPageSize);
    /* Reservations are coarser than pages: alignment below this is free. */
    ck_assert_uint_ge(si.dwAllocationGranularity, si.dwPageSize);
}
END_TEST

START_TEST(test_ram_guard_reserved)
{
    static const size_t aligns[] = { 0, 1 << 16, 1 << 21 };
    size_t page = portos_page_size();

    for (size_t i = 0; i < sizeof(aligns) / sizeof(aligns[0]); i++) {
        unsigned char *p;
        MEMORY_BASIC_INFORMATION mbi;

        ck_assert_int_eq(portos_ram_alloc((void **)&p, 5 * page + 1, aligns[i]), 0);
        mbi = query(p);
        ck_assert_uint_eq(mbi.State, MEM_COMMIT);
        ck_assert_uint_eq(mbi.Protect, PAGE_READWRITE);
        ck_assert_uint_eq(mbi.RegionSize, 6 * page);
        /* Right after the block: reserved, never committed, so it faults. */
        mbi = query(p + 6 * page);
        ck_assert_uint_eq(mbi.State, MEM_RESERVE);
        ck_assert_ptr_eq(mbi.AllocationBase, p);
        portos_ram_free(p, 5 * page + 1);
        /* Freed: the whole reservation is gone. */
        ck_assert_uint_eq(query(p).State, MEM_FREE);
    }
}
END_TEST

START_TEST(test_stack_guard_reserved)
{
    size_t page = portos_page_size();
    unsigned char *s;
    MEMORY_BASIC_INFORMATION mbi;

    ck_assert_int_eq(portos_stack_alloc((void **)&s, 8192), 0);
    ck_assert_uint_eq(query(s).State, MEM_COMMIT);
    mbi = query(s - 1);
    ck_assert_uint_eq(mbi.State, MEM_RESERVE);
    ck_assert_ptr_eq(mbi.AllocationBase, s - page);
    portos_stack_free(s, 8192);
}
END_TEST

/* One view, never writable and executable at the same time. */
START_TEST(test_execmem_w_xor_x)
{
    PortosExecMem *m;
    void *p;

    ck_assert_int_eq(portos_execmem_alloc(&m, 3 * 4096, 0), 0);
    p = portos_execmem_rx(m);
    ck_assert_ptr_eq(p, portos_execmem_rw(m));
    ck_assert(!portos_execmem_split(m));
    ck_assert_uint_eq(query(p).Protect, PAGE_READWRITE);
    ck_assert_int_eq(portos_execmem_write_end(m), 0);
    ck_assert_uint_eq(query(p).Protect, PAGE_EXECUTE_READ);
    ck_assert_uint_eq(query(p).RegionSize, portos_execmem_size(m));
    ck_assert_int_eq(portos_execmem_write_begin(m), 0);
    ck_assert_uint_eq(query(p).Protect, PAGE_READWRITE);
    ck_assert_int_eq(portos_execmem_write_end(m), 0);
    portos_execmem_free(m);
    ck_assert_int_eq(portos_execmem_write_begin(NULL), PORTOS_EINVAL);
}
END_TEST

/* Child side: make the fault named by FAULT_ENV; never returns. */
static LONG WINAPI exit_with_exception(EXCEPTION_POINTERS *ep)
{
    /* The exception code becomes the exit code; no crash dialog, no debugger. */
    TerminateProcess(GetCurrentProcess(), ep->ExceptionRecord->ExceptionCode);
    return EXCEPTION_CONTINUE_SEARCH;
}

static void fault_child(const char *what)
{
    size_t page = portos_page_size();
    volatile unsigned char *p = NULL;
    PortosExecMem *m;

    SetUnhandledExceptionFilter(exit_with_exception);
    if (!strcmp(what, "ram") && portos_ram_alloc((void **)&p, page, 0) == 0) {
        p[page - 1] = 1;
        p[page] = 1;
    } else if (!strcmp(what, "stack") && portos_stack_alloc((void **)&p, 8192) == 0) {
        p[0] = 1;
        p[-1] = 1;
    } else if (!strcmp(what, "rx") && portos_execmem_alloc(&m, 4096, 0) == 0 &&
               portos_execmem_write_end(m) == 0) {
        *(volatile unsigned char *)portos_execmem_rx(m) = 1;
    }
    exit(0); /* no fault: the parent's assertion fails */
}

/* The posix suite's death tests, observed from outside as on posix. */
START_TEST(test_guard_faults_in_child)
{
    ck_assert_uint_eq(portos_test_run_self(FAULT_ENV, "ram"), EXCEPTION_ACCESS_VIOLATION);
    ck_assert_uint_eq(portos_test_run_self(FAULT_ENV, "stack"), EXCEPTION_ACCESS_VIOLATION);
    ck_assert_uint_eq(portos_test_run_self(FAULT_ENV, "rx"), EXCEPTION_ACCESS_VIOLATION);
}
END_TEST

static void add_backend_tests(Suite *s)
{
    const char *fault = getenv(FAULT_ENV);
    TCase *tc;

    if (fault) {
        fault_child(fault);
    }
    tc = tcase_create("win32");
    tcase_add_test(tc, test_granularity_and_page);
    tcase_add_test(tc, test_ram_guard_reserved);
    tcase_add_test(tc, test_stack_guard_reserved);
    tcase_add_test(tc, test_execmem_w_xor_x);
    tcase_add_test(tc, test_guard_faults_in_child);
    suite_add_tcase(s, tc);
}

#elif defined(__EMSCRIPTEN__)

/* The wasm page: the only unit linear memory has (it grows by it). */
START_TEST(test_page_is_wasm_page)
{
    ck_assert_uint_eq(portos_page_size(), 65536);
}
END_TEST

/* No protection in linear memory: no guard pages are claimed. */
START_TEST(test_no_guard_pages)
{
    ck_assert(!portos_guard_pages_supported());
}
END_TEST

/* Code cannot be generated into linear memory and run. */
START_TEST(test_no_execmem)
{
    PortosExecMem *m = NULL;

    ck_assert_int_eq(portos_execmem_alloc(&m, 4096, 0), PORTOS_ENOTSUP);
    ck_assert_int_eq(portos_execmem_alloc(&m, 4096, PORTOS_EXECMEM_SINGLE_VIEW),
                     PORTOS_ENOTSUP);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(portos_execmem_write_begin(NULL), PORTOS_EINVAL);
    portos_execmem_free(NULL);
}
END_TEST

/* The heap reuses freed blocks: RAM must still come back zero-filled. */
START_TEST(test_ram_zeroed_after_reuse)
{
    const size_t size = 1 << 20;
    unsigned char *p, *q;

    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(portos_ram_alloc((void **)&p, size, 0), 0);
        for (size_t j = 0; j < size; j++) {
            ck_assert_uint_eq(p[j], 0);
        }
        memset(p, 0xff, size);
        portos_ram_free(p, size);
    }
    ck_assert_int_eq(portos_stack_alloc((void **)&q, size), 0);
    for (size_t j = 0; j < size; j++) {
        ck_assert_uint_eq(q[j], 0);
    }
    portos_stack_free(q, size);
}
END_TEST

static void add_backend_tests(Suite *s)
{
    TCase *tc = tcase_create("wasm");

    tcase_add_test(tc, test_page_is_wasm_page);
    tcase_add_test(tc, test_no_guard_pages);
    tcase_add_test(tc, test_no_execmem);
    tcase_add_test(tc, test_ram_zeroed_after_reuse);
    suite_add_tcase(s, tc);
}

#else /* posix */

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

START_TEST(test_stack_guard_faults)
{
    volatile unsigned char *s;

    ck_assert_int_eq(portos_stack_alloc((void **)&s, 8192), 0);
    s[0] = 1;
    s[-1] = 1; /* below the stack: the guard page */
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

/* Guard pages and W^X as faults, where Check can watch a child die. */
static void add_backend_tests(Suite *s)
{
    TCase *guard = tcase_create("guard");

    PORTOS_ADD_DEATH_TEST(guard, test_ram_guard_faults, SIGSEGV);
    PORTOS_ADD_DEATH_TEST(guard, test_stack_guard_faults, SIGSEGV);
    PORTOS_ADD_DEATH_TEST(guard, test_execmem_rx_not_writable, SIGSEGV);
    suite_add_tcase(s, guard);
}

#endif

Suite *suite_memory(void)
{
    Suite *s = suite_create("memory");
    TCase *tc = tcase_create("alloc");

    tcase_add_test(tc, test_page_size);
    tcase_add_test(tc, test_ram_aligned_zeroed);
    tcase_add_test(tc, test_ram_bad_args);
    tcase_add_test(tc, test_ram_large_reserve);
    tcase_add_test(tc, test_stack_alloc);
#ifndef __EMSCRIPTEN__
    tcase_add_test(tc, test_execmem_split);
    tcase_add_test(tc, test_execmem_single);
#endif
    tcase_add_test(tc, test_execmem_bad_args);
    suite_add_tcase(s, tc);
    add_backend_tests(s);
    return s;
}
