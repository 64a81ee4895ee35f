/*
 * test-log.c - util/log.c: the -d item list, -D, -dfilter
 */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "portos-test.h"
#include "util/log.h"

START_TEST(test_items)
{
    unsigned mask = 123;
    bool help = true;
    char *err;

    ck_assert_ptr_null(log_parse_items("int,exec,cpu,mmu,unimp,guest_errors",
                                       &mask, &help));
    ck_assert_uint_eq(mask, LOG_INT | LOG_EXEC | LOG_CPU | LOG_MMU |
                            LOG_UNIMP | LOG_GUEST_ERROR);
    ck_assert(!help);
    ck_assert_ptr_null(log_parse_items("out_asm,op,op_opt,nochain", &mask, &help));
    ck_assert_uint_eq(mask, LOG_OUT_ASM | LOG_OP | LOG_OP_OPT | LOG_NOCHAIN);
    ck_assert_ptr_null(log_parse_items("int,help", &mask, &help));
    ck_assert(help);
    err = log_parse_items("int,frob", &mask, &help);
    ck_assert_ptr_nonnull(err);
    ck_assert_ptr_nonnull(strstr(err, "unknown log item 'frob'"));
    ck_assert_ptr_null(strchr(err, '\n'));
    g_free(err);
    err = log_parse_items("", &mask, &help);
    ck_assert_ptr_nonnull(err);
    g_free(err);
}
END_TEST

START_TEST(test_help_lists_every_item)
{
    static const char *const names[] = {
        "in_asm", "out_asm", "op", "op_opt", "int", "exec", "cpu", "mmu",
        "unimp", "guest_errors", "nochain",
    };
    char *path = portos_test_tmpname("log-help");
    FILE *f = fopen(path, "w");
    char *text = NULL;

    ck_assert_ptr_nonnull(f);
    log_print_help(f);
    fclose(f);
    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    ck_assert(g_str_has_prefix(text, "Log items (comma separated):\n"));
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *line = g_strdup_printf("\n%-15s ", names[i]);
        ck_assert_msg(strstr(text, line), "-d help does not list %s", names[i]);
        g_free(line);
    }
    g_free(text);
    g_remove(path);
    g_free(path);
}
END_TEST

START_TEST(test_dfilter)
{
    static const char *const bad[] = {
        "", "0x1000", "x..0x2000", "0x1000..", "0x2000..0x1000", "0x1000+0",
        "0x1000-0", "0x10-0x20", "0xffffffffffffffff+2", "0x1000+0x10z",
        "0x1000*4", "0x1000..0x2000,",
    };
    char *err;

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        err = log_parse_dfilter(bad[i]);
        ck_assert_msg(err != NULL, "-dfilter '%s' accepted", bad[i]);
        ck_assert(g_str_has_prefix(err, "-dfilter: "));
        g_free(err);
    }
    ck_assert_ptr_null(log_parse_dfilter("0x1000..0x1fff,0x8000+0x10,0x20ff-0x100,4096+1"));
    /* Without a filter every address passes. */
    ck_assert_ptr_null(log_setup(0, NULL, NULL));
    ck_assert(log_in_filter(0));
    ck_assert(log_in_filter(G_MAXUINT64));
    ck_assert_ptr_null(log_setup(0, NULL, "0x1000..0x1fff,0x8000+0x10,0x20ff-0x100"));
    ck_assert(!log_in_filter(0xfff));
    ck_assert(log_in_filter(0x1000));
    ck_assert(log_in_filter(0x1fff));
    ck_assert(log_in_filter(0x2000));   /* 0x2000..0x20ff */
    ck_assert(log_in_filter(0x20ff));
    ck_assert(!log_in_filter(0x2100));
    ck_assert(!log_in_filter(0x7fff));
    ck_assert(log_in_filter(0x800f));
    ck_assert(!log_in_filter(0x8010));
    log_close();
    ck_assert(log_in_filter(0x7fff));
}
END_TEST

START_TEST(test_file_and_mask)
{
    char *path = portos_test_tmpname("log-file");
    char *bad = g_build_filename(path, "no", "such", "dir", NULL);
    char *text = NULL;
    char *err;

    ck_assert_ptr_null(log_setup(LOG_INT | LOG_MMU, path, NULL));
    ck_assert(log_mask(LOG_INT));
    ck_assert(log_mask(LOG_EXEC | LOG_MMU));
    ck_assert(!log_mask(LOG_EXEC | LOG_CPU));
    ck_assert_ptr_ne(log_file(), stderr);
    log_mask_printf(LOG_INT, "one %d\n", 1);
    log_mask_printf(LOG_EXEC, "never\n");
    log_printf("two\n");
    log_close();
    ck_assert(!log_mask(LOG_INT));
    ck_assert_ptr_eq(log_file(), stderr);
    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    ck_assert_str_eq(text, "one 1\ntwo\n");
    g_free(text);
    /* A file that cannot be opened: one line, nothing changed. */
    ck_assert_ptr_null(log_setup(LOG_INT, NULL, NULL));
    err = log_setup(LOG_CPU, bad, NULL);
    ck_assert_ptr_nonnull(err);
    ck_assert(g_str_has_prefix(err, "-D: cannot open '"));
    ck_assert_ptr_null(strchr(err, '\n'));
    g_free(err);
    ck_assert(log_mask(LOG_INT));
    ck_assert(!log_mask(LOG_CPU));
    err = log_setup(LOG_CPU, NULL, "0x10..0x1");
    ck_assert_ptr_nonnull(err);
    g_free(err);
    ck_assert(log_mask(LOG_INT));
    log_close();
    g_remove(path);
    g_free(path);
    g_free(bad);
}
END_TEST

Suite *suite_log(void)
{
    Suite *s = suite_create("log");
    TCase *tc = tcase_create("log");

    tcase_add_test(tc, test_items);
    tcase_add_test(tc, test_help_lists_every_item);
    tcase_add_test(tc, test_dfilter);
    tcase_add_test(tc, test_file_and_mask);
    suite_add_tcase(s, tc);
    return s;
}
