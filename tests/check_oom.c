/* SPDX-License-Identifier: MIT */
/*
 * check_oom.c - the allocation-failure sweep: fail the Nth allocation of
 * compile and of scan, for N = 1, 2, ... until the call succeeds.  Each
 * failure must return ISTH_ENOMEM with nothing half-built; the sanitizer
 * build checks that nothing leaks.
 */
#include <string.h>

#include "testutil.h"
#include "../src/alloc.h"

START_TEST(test_oom_compile)
{
    static const char *const g[] = {ISTH_FIXTURES "/good/basic.yaml"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db;
    isth_error err;
    long n;
    int rc;

    o.gazetteers = g;
    o.n_gazetteers = 1;
    for (n = 1; n < 100000; n++) {
        db = NULL;
        isth__test_fail_alloc_after(n);
        rc = isth_db_compile(&db, &o, &err);
        isth__test_fail_alloc_after(0);
        if (rc == ISTH_OK)
            break;
        ck_assert_msg(rc == ISTH_ENOMEM, "allocation %ld: rc %d (%s)", n, rc,
                      err.msg);
        ck_assert_ptr_null(db);
    }
    ck_assert_int_eq(rc, ISTH_OK);
    ck_assert_msg(n > 10, "only %ld allocations: hook not reached", n);
    isth_db_free(db);
}
END_TEST

START_TEST(test_oom_scan)
{
    isth_db *db = tu_compile(ISTH_FIXTURES "/good/basic.yaml");
    const char *t = "US Panama Canal, Z\xc3\xbcrich and the Panama.";
    isth_scratch *s;
    long n;
    int rc;

    for (n = 1; n < 1000; n++) {
        s = NULL;
        isth__test_fail_alloc_after(n);
        rc = isth_scratch_alloc(db, &s);
        if (rc == ISTH_OK)
            rc = isth_scan(db, t, strlen(t), 0, s, NULL, NULL);
        isth__test_fail_alloc_after(0);
        isth_scratch_free(s);
        if (rc == ISTH_OK)
            break;
        ck_assert_msg(rc == ISTH_ENOMEM, "allocation %ld: rc %d", n, rc);
    }
    ck_assert_int_eq(rc, ISTH_OK);
    ck_assert_msg(n > 2, "only %ld allocations", n);
    isth_db_free(db);
}
END_TEST

Suite *oom_suite(void)
{
    Suite *s = suite_create("oom");
    TCase *tc = tcase_create("sweep");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_oom_compile);
    tcase_add_test(tc, test_oom_scan);
    suite_add_tcase(s, tc);
    return s;
}
