/*
 * test-console.c - Ctrl-A escapes of the stdio console (mon:stdio style)
 */
#include <check.h>
#include <string.h>

#include "ui/console.h"

START_TEST(test_plain_bytes_pass)
{
    StdioConsole c = { 0 };
    uint8_t buf[] = "ls -l\r\x03";

    ck_assert_uint_eq(console_filter(&c, buf, 7), 7);
    ck_assert(memcmp(buf, "ls -l\r\x03", 7) == 0);
    ck_assert(!c.quit);
}
END_TEST

START_TEST(test_ctrl_a_x_quits)
{
    StdioConsole c = { 0 };
    uint8_t buf[] = { 'a', 0x01, 'x', 'b' };

    ck_assert_uint_eq(console_filter(&c, buf, 4), 2);
    ck_assert(c.quit);
    ck_assert_uint_eq(buf[0], 'a');
    ck_assert_uint_eq(buf[1], 'b');
}
END_TEST

START_TEST(test_escape_split_across_reads)
{
    StdioConsole c = { 0 };
    uint8_t a[] = { 0x01 };
    uint8_t b[] = { 'x' };

    ck_assert_uint_eq(console_filter(&c, a, 1), 0);
    ck_assert(!c.quit);
    ck_assert_uint_eq(console_filter(&c, b, 1), 0);
    ck_assert(c.quit);
}
END_TEST

START_TEST(test_ctrl_a_a_sends_ctrl_a_and_help)
{
    StdioConsole c = { 0 };
    uint8_t buf[] = { 0x01, 'a', 0x01, 0x01, 0x01, 'h', 0x01, 'z' };

    ck_assert_uint_eq(console_filter(&c, buf, 8), 2);
    ck_assert_uint_eq(buf[0], 0x01);
    ck_assert_uint_eq(buf[1], 0x01);
    /* The help text went to the output buffer, not to the guest. */
    ck_assert_uint_gt(c.out_len, 20);
    ck_assert_ptr_nonnull(memchr(c.out, 'x', c.out_len));
    ck_assert(!c.quit);
}
END_TEST

Suite *suite_console(void)
{
    Suite *s = suite_create("console");
    TCase *tc = tcase_create("escapes");

    tcase_add_test(tc, test_plain_bytes_pass);
    tcase_add_test(tc, test_ctrl_a_x_quits);
    tcase_add_test(tc, test_escape_split_across_reads);
    tcase_add_test(tc, test_ctrl_a_a_sends_ctrl_a_and_help);
    suite_add_tcase(s, tc);
    return s;
}
