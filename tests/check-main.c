/*
 * check-main.c - runs one suite; exit 0 pass, 1 fail, 77 skipped
 */
#include "portos-test.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

Suite *PORTOS_SUITE(void);

bool portos_test_can_fork(void)
{
#ifdef PORTOS_TEST_NOFORK
    return false;
#else
    const char *env = getenv("CK_FORK");
    return !env || strcmp(env, "no") != 0;
#endif
}

char *portos_test_tmpname(const char *tag)
{
    static unsigned counter;

    return g_strdup_printf("%s/portos-test-%s-%lu-%u", g_get_tmp_dir(), tag,
                           (unsigned long)g_get_monotonic_time(), counter++);
}

int main(void)
{
    Suite *s = PORTOS_SUITE();
    SRunner *sr;
    int failed;

    if (!s) {
        return 77; /* the suite has nothing to test on this host */
    }
    sr = srunner_create(s);
#ifdef PORTOS_TEST_NOFORK
    /* Environment variables do not reach every runtime: say it in code. */
    srunner_set_fork_status(sr, CK_NOFORK);
#endif
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
