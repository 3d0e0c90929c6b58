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

/* Loop 0: a gazetteer; loop 1: gazetteer, pattern rules and topics. */
static void options(int i, isth_compile_options *o)
{
    static const char *const basic[] = {ISTH_FIXTURES "/good/basic.yaml"};
    static const char *const gaz[] = {ISTH_FIXTURES "/rules/gaz.yaml"};
    static const char *const rules[] = {ISTH_FIXTURES "/rules/rules.yaml",
                                        ISTH_FIXTURES "/rules/topics.yaml"};
    o->gazetteers = i ? gaz : basic;
    o->n_gazetteers = 1;
    o->rules = i ? rules : NULL;
    o->n_rules = i ? 2 : 0;
}

START_TEST(test_oom_compile)
{
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db;
    isth_error err;
    long n;
    int rc;

    options(_i, &o);
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
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    const char *t = _i ? "Defense Secretary Pete Hegseth: a tanker in the "
                         "Panama Canal Authority area, $2 million; Georgia "
                         "and Tbilisi; may."
                       : "US Panama Canal, Z\xc3\xbcrich and the Panama.";
    const isth_result *r;
    isth_scratch *s;
    isth_db *db = NULL;
    isth_error err;
    long n;
    int rc;

    options(_i, &o);
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_OK);
    for (n = 1; n < 10000; n++) {
        s = NULL;
        isth__test_fail_alloc_after(n);
        rc = isth_scratch_alloc(db, &s);
        if (rc == ISTH_OK && _i)
            rc =
                isth_annotate(db, t, strlen(t), ISTH_SCAN_EXPLAIN, s, &r, &err);
        else if (rc == ISTH_OK)
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
    tcase_add_loop_test(tc, test_oom_compile, 0, 2);
    tcase_add_loop_test(tc, test_oom_scan, 0, 2);
    suite_add_tcase(s, tc);
    return s;
}
