/*
 * test-cacheflush-wasm.c - wasm has no executable memory, so there is no
 * generated code to run (test-cacheflush.c's subject); the flush itself
 * must still succeed for any range a portable caller passes.
 */
#include "../portos-test.h"

#include <portos/cacheflush.h>
#include <portos/error.h>
#include <portos/memory.h>

#include <string.h>

START_TEST(test_flush_zero_length)
{
    static char buf[16];

    ck_assert_int_eq(portos_flush_icache(buf, buf, 0), 0);
}
END_TEST

/* A JIT-style caller: two "views", written, then flushed. */
START_TEST(test_flush_buffers)
{
    static unsigned char rw[65536], rx[65536];

    memset(rw, 0xc3, sizeof(rw));
    ck_assert_int_eq(portos_flush_icache(rx, rw, sizeof(rw)), 0);
    ck_assert_int_eq(portos_flush_icache(rw, rw, sizeof(rw)), 0);
    /* The flush touches no memory. */
    ck_assert_uint_eq(rw[0], 0xc3);
    ck_assert_uint_eq(rx[0], 0);
}
END_TEST

/* Which is why a JIT must take its interpreter path on wasm. */
START_TEST(test_no_code_memory)
{
    PortosExecMem *m;

    ck_assert_int_eq(portos_execmem_alloc(&m, 4096, 0), PORTOS_ENOTSUP);
}
END_TEST

Suite *suite_cacheflush(void)
{
    Suite *s = suite_create("cacheflush");
    TCase *tc = tcase_create("no-op");

    tcase_add_test(tc, test_flush_zero_length);
    tcase_add_test(tc, test_flush_buffers);
    tcase_add_test(tc, test_no_code_memory);
    suite_add_tcase(s, tc);
    return s;
}
