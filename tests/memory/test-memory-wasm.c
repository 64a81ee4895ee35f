/*
 * test-memory-wasm.c - what the wasm memory backend says it cannot do,
 * and the zero-filling it must do by hand (run besides test-memory.c)
 */
#include "../portos-test.h"

#include <portos/cacheflush.h>
#include <portos/error.h>
#include <portos/memory.h>

#include <stdint.h>
#include <string.h>

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
    ck_assert_int_eq(portos_execmem_write_begin(NULL), -EINVAL);
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

Suite *suite_memory_wasm(void)
{
    Suite *s = suite_create("memory-wasm");
    TCase *tc = tcase_create("wasm");

    tcase_add_test(tc, test_page_is_wasm_page);
    tcase_add_test(tc, test_no_guard_pages);
    tcase_add_test(tc, test_no_execmem);
    tcase_add_test(tc, test_ram_zeroed_after_reuse);
    suite_add_tcase(s, tc);
    return s;
}
