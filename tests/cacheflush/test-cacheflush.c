/*
 * test-cacheflush.c - write real machine code, flush, run; rewrite, flush,
 * run the new code
 */
#include "../portos-test.h"

#include <portos/cacheflush.h>
#include <portos/memory.h>

#include <stdint.h>
#include <string.h>

typedef int GeneratedFn(void);

/* Emit "return @value" for the host CPU; 0 if we have no encoder. */
static size_t emit_return(unsigned char *p, uint32_t value)
{
#if defined(__x86_64__) || defined(__i386__)
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
}
END_TEST

Suite *suite_cacheflush(void)
{
    unsigned char probe[16];
    Suite *s;
    TCase *tc;

    if (!emit_return(probe, 0)) {
        return NULL; /* no encoder for this CPU: skip (77) */
    }
    s = suite_create("cacheflush");
    tc = tcase_create("generated-code");
    tcase_add_test(tc, test_rewrite_split_views);
    tcase_add_test(tc, test_rewrite_single_view);
    tcase_add_test(tc, test_flush_zero_length);
    suite_add_tcase(s, tc);
    return s;
}
