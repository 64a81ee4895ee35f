/*
 * test-random.c - portos_random_bytes fills exactly what it is asked,
 * with bytes that look random, across the backends' chunk limits
 *
 * The statistical checks are loose enough never to fail on a working
 * source (chances below 2^-100) and still catch a buffer left zero, a
 * repeated block or a constant byte.
 */
#include "../portos-test.h"

#include <portos/error.h>
#include <portos/random.h>

#include <glib.h>
#include <stdint.h>
#include <string.h>

#if !defined(_WIN32) && !defined(__EMSCRIPTEN__)
#include <pthread.h>
#include <signal.h>
#endif

#define SENTINEL 0xa5

START_TEST(test_zero_and_null)
{
    uint8_t b = SENTINEL;

    ck_assert_int_eq(portos_random_bytes(NULL, 0), 0);
    ck_assert_int_eq(portos_random_bytes(&b, 0), 0);
    ck_assert_uint_eq(b, SENTINEL);
    ck_assert_int_eq(portos_random_bytes(NULL, 16), PORTOS_EINVAL);
}
END_TEST

/*
 * Odd sizes around wasm's 256-byte getentropy() limit, at odd offsets:
 * the bytes just outside the range stay as they were, and a range of 16
 * bytes or more is not left as it was.
 */
START_TEST(test_exact_range)
{
    static const size_t sizes[] = { 1, 7, 16, 255, 256, 257, 511, 4097, 5000 };

    for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
        size_t len = sizes[i];
        uint8_t *buf = g_malloc(len + 3 + 8);
        uint8_t *p = buf + 3; /* unaligned on purpose */
        size_t same = 0;

        memset(buf, SENTINEL, len + 3 + 8);
        ck_assert_int_eq(portos_random_bytes(p, len), 0);
        for (size_t j = 0; j < 3; j++) {
            ck_assert_uint_eq(buf[j], SENTINEL);
        }
        for (size_t j = 0; j < 8; j++) {
            ck_assert_uint_eq(p[len + j], SENTINEL);
        }
        for (size_t j = 0; j < len; j++) {
            same += p[j] == SENTINEL;
        }
        if (len >= 16) {
            ck_assert_msg(same < len, "%zu bytes left untouched", len);
        }
        g_free(buf);
    }
}
END_TEST

/*
 * 64 KiB (small: Emscripten 3.1.6 makes one crypto call per byte): every
 * byte value appears about as often, no 4 KiB block repeats.
 */
START_TEST(test_looks_random)
{
    size_t len = 64 << 10;
    uint8_t *buf = g_malloc0(len);
    unsigned count[256] = { 0 };
    uint8_t again[64], first[64];

    ck_assert_int_eq(portos_random_bytes(buf, len), 0);
    for (size_t i = 0; i < len; i++) {
        count[buf[i]]++;
    }
    /* Expected 256 each (sd 16); a fair source stays within 7 sd. */
    for (int v = 0; v < 256; v++) {
        ck_assert_msg(count[v] > 144 && count[v] < 368,
                      "byte %d seen %u times in 64 KiB", v, count[v]);
    }
    for (size_t off = 4096; off < len; off += 4096) {
        ck_assert(memcmp(buf + off, buf + off - 4096, 64) != 0);
    }
    /* Two calls give different bytes. */
    ck_assert_int_eq(portos_random_bytes(first, sizeof(first)), 0);
    ck_assert_int_eq(portos_random_bytes(again, sizeof(again)), 0);
    ck_assert(memcmp(first, again, sizeof(first)) != 0);
    g_free(buf);
}
END_TEST

#if !defined(_WIN32) && !defined(__EMSCRIPTEN__)
/*
 * posix only (the other backends have no signals that interrupt a
 * call): a 40 MiB request, larger than one getrandom() call returns,
 * while another thread keeps signalling this one (SIGUSR2, no
 * SA_RESTART). Every 4 KiB page must still be filled: short reads and
 * EINTR are retried. SIGUSR2, not a timer's SIGALRM, whose handler Check
 * owns; the counting handler stays installed because Valgrind delivers
 * queued signals late, after the test.
 */
static volatile sig_atomic_t signals_seen;
static volatile int stop_signalling;

static void on_signal(int sig)
{
    (void)sig;
    signals_seen++;
}

static void *signaller(void *target)
{
    while (!stop_signalling) {
        pthread_kill(*(pthread_t *)target, SIGUSR2);
        g_usleep(100);
    }
    return NULL;
}

START_TEST(test_interrupted_large_request)
{
    size_t len = (size_t)40 << 20;
    uint8_t *buf = g_malloc0(len);
    static const uint8_t zero[64];
    struct sigaction sa;
    pthread_t self = pthread_self(), th;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal; /* no SA_RESTART: calls see EINTR */
    sigemptyset(&sa.sa_mask);
    ck_assert_int_eq(sigaction(SIGUSR2, &sa, NULL), 0);
    signals_seen = 0;
    stop_signalling = 0;
    ck_assert_int_eq(pthread_create(&th, NULL, signaller, &self), 0);
    for (int round = 0; round < 3; round++) {
        ck_assert_int_eq(portos_random_bytes(buf, len), 0);
    }
    stop_signalling = 1;
    pthread_join(th, NULL);
    /* Valgrind holds signals back during a system call: no count there. */
    if (!g_getenv("PORTOS_UNDER_VALGRIND")) {
        ck_assert_int_gt(signals_seen, 0);
    }
    for (size_t p = 0; p < len; p += 4096) {
        ck_assert_msg(memcmp(buf + p, zero, sizeof(zero)) != 0,
                      "page at %zu left zero", p);
    }
    g_free(buf);
}
END_TEST
#endif

Suite *suite_random(void)
{
    Suite *s = suite_create("random");
    TCase *tc = tcase_create("bytes");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_zero_and_null);
    tcase_add_test(tc, test_exact_range);
    tcase_add_test(tc, test_looks_random);
#if !defined(_WIN32) && !defined(__EMSCRIPTEN__)
    tcase_add_test(tc, test_interrupted_large_request);
#endif
    suite_add_tcase(s, tc);
    return s;
}
