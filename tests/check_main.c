/* SPDX-License-Identifier: MIT */
/* check_main.c - one runner for every suite; CK_RUN_SUITE picks one. */
#include <stdlib.h>

#include "testutil.h"

int main(void)
{
    SRunner *sr = srunner_create(utf8_suite());
    int failed;

    srunner_add_suite(sr, normalize_suite());
    srunner_add_suite(sr, ac_suite());
    srunner_add_suite(sr, scan_suite());
    srunner_add_suite(sr, gazetteer_suite());
    srunner_add_suite(sr, api_suite());
    srunner_add_suite(sr, oom_suite());
    srunner_add_suite(sr, rules_suite());
    srunner_add_suite(sr, serialize_suite());
    srunner_add_suite(sr, match_suite());
    srunner_add_suite(sr, outfile_suite());
    srunner_add_suite(sr, threads_suite());
    srunner_add_suite(sr, layer_suite());
    srunner_add_suite(sr, parts_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
