/*
 * test-memory-win32.c - what the posix memory suite checks with death tests
 * and a second view, checked on Windows: page states and protections as the
 * OS reports them (VirtualQuery), and real faults in a child process.
 */
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/memory.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

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
    ck_assert_int_eq(portos_execmem_write_begin(NULL), -EINVAL);
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

Suite *suite_memory_win32(void)
{
    const char *fault = getenv(FAULT_ENV);
    Suite *s;
    TCase *tc;

    if (fault) {
        fault_child(fault);
    }
    s = suite_create("memory-win32");
    tc = tcase_create("win32");
    tcase_add_test(tc, test_granularity_and_page);
    tcase_add_test(tc, test_ram_guard_reserved);
    tcase_add_test(tc, test_stack_guard_reserved);
    tcase_add_test(tc, test_execmem_w_xor_x);
    tcase_add_test(tc, test_guard_faults_in_child);
    suite_add_tcase(s, tc);
    return s;
}
