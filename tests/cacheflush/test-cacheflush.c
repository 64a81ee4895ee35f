/*
 * test-cacheflush.c - write real machine code, flush, run; rewrite, flush,
 * run the new code
 *
 * Where the host has executable memory and the test an encoder for its
 * CPU, generated code proves the flush. wasm has no executable memory, so
 * there only the flush's own contract is checked: it succeeds for any
 * range a portable caller passes and touches no memory.
 */
#include "../portos-test.h"

#include <portos/cacheflush.h>
#include <portos/error.h>
#include <portos/memory.h>

#include <stdint.h>
#include <string.h>

typedef int GeneratedFn(void);

/* Emit "return @value" for the host CPU; 0 if we have no encoder. */
static size_t emit_return(unsigned char *p, uint32_t value)
{
#if defined(__EMSCRIPTEN__)
    (void)p, (void)value;
    return 0; /* no executable memory to put it in */
#elif defined(__x86_64__) || defined(__i386__)
    p[0] = 0xb8; /* mov eax, imm32 */
    memcpy(p + 1, &value, 4);
    p[5] = 0xc3; /* ret */
    return 6;
#elif defined(__aarch64__)
    uint32_t insn[3] = {
        0x52800000u | ((value & 0xffffu) << 5),        /* movz w0, #lo */
        0x72a00000u | ((value >> 16) << 5),            /* movk w0, #hi, lsl 16 */
        0xd65f03c0u,                                   /* ret */
    };
    memcpy(p, insn, sizeof(insn));
    return sizeof(insn);
#else
    (void)p, (void)value;
    return 0;
#endif
}

static int call(void *rx)
{
    GeneratedFn *fn;

    /* POSIX guarantees object and function pointers share a representation. */
    memcpy(&fn, &rx, sizeof(fn));
    return fn();
}

static void run_rewrite(unsigned flags)
{
    PortosExecMem *m;
    unsigned char *rw, *rx;
    size_t len;

    ck_assert_int_eq(portos_execmem_alloc(&m, 4096, flags), 0);
    rw = portos_execmem_rw(m);
    rx = portos_execmem_rx(m);

    ck_assert_int_eq(portos_execmem_write_begin(m), 0);
    len = emit_return(rw, 0x1234);
    ck_assert_int_eq(portos_execmem_write_end(m), 0);
    ck_assert_int_eq(portos_flush_icache(rx, rw, len), 0);
    ck_assert_int_eq(call(rx), 0x1234);

    /* The same address now holds different code. */
    ck_assert_int_eq(portos_execmem_write_begin(m), 0);
    emit_return(rw, 0x7654321);
    ck_assert_int_eq(portos_execmem_write_end(m), 0);
    ck_assert_int_eq(portos_flush_icache(rx, rw, len), 0);
    ck_assert_int_eq(call(rx), 0x7654321);

    portos_execmem_free(m);
}

START_TEST(test_rewrite_split_views)
{
    run_rewrite(0);
}
END_TEST

START_TEST(test_rewrite_single_view)
{
    run_rewrite(PORTOS_EXECMEM_SINGLE_VIEW);
}
END_TEST

START_TEST(test_flush_zero_length)
{
    static char buf[16];

    ck_assert_int_eq(portos_flush_icache(buf, buf, 0), 0);
    ck_assert_int_eq(portos_flush_icache(NULL, NULL, 0), 0);
}
END_TEST

START_TEST(test_flush_bad_args)
{
    static char buf[16];

    ck_assert_int_eq(portos_flush_icache(NULL, buf, sizeof(buf)), PORTOS_EINVAL);
    ck_assert_int_eq(portos_flush_icache(buf, NULL, sizeof(buf)), PORTOS_EINVAL);
}
END_TEST

/* A JIT-style caller's two "views" of plain data, written, then flushed. */
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

#ifdef __EMSCRIPTEN__
/* Which is why a JIT must take its interpreter path on wasm. */
START_TEST(test_no_code_memory)
{
    PortosExecMem *m;

    ck_assert_int_eq(portos_execmem_alloc(&m, 4096, 0), PORTOS_ENOTSUP);
}
END_TEST
#endif

Suite *suite_cacheflush(void)
{
    unsigned char probe[16];
    Suite *s = suite_create("cacheflush");
    TCase *tc = tcase_create("flush");

    tcase_add_test(tc, test_flush_zero_length);
    tcase_add_test(tc, test_flush_bad_args);
    tcase_add_test(tc, test_flush_buffers);
#ifdef __EMSCRIPTEN__
    tcase_add_test(tc, test_no_code_memory);
#endif
    /* Generated code where this test has an encoder for the CPU. */
    if (emit_return(probe, 0)) {
        tcase_add_test(tc, test_rewrite_split_views);
        tcase_add_test(tc, test_rewrite_single_view);
    }
    suite_add_tcase(s, tc);
    return s;
}
