/* SPDX-License-Identifier: MIT */
/* testutil.h - helpers shared by the Check suites. */
#ifndef ISTH_TESTUTIL_H
#define ISTH_TESTUTIL_H

#include <check.h>
#include <stddef.h>

#include "isthmus.h"

#ifndef ISTH_FIXTURES
#define ISTH_FIXTURES "tests/fixtures"
#endif

/* A match as the tests see it: entity id and byte offsets. */
struct tmatch {
    const char *id;
    size_t start, end;
};

struct collect {
    const isth_db *db;
    struct tmatch m[64];
    char alts[64][128]; /* alternatives' ids, comma-separated */
    size_t n;
};

/* Compiles one gazetteer path; fails the test on error. */
isth_db *tu_compile(const char *path);
/* The rule fixtures' gazetteer with rule files r1 and r2 (may be NULL). */
isth_db *tu_compile_rules(const char *r1, const char *r2);
/* Scans text, collecting up to 64 matches into c. */
int tu_scan(const isth_db *db, const char *text, size_t len, unsigned flags,
            struct collect *c);
/* Open file descriptors of this process (to catch leaks). */
int tu_open_fds(void);
/* "id@start-end id@start-end ..." for the collected matches. */
void tu_describe(const struct collect *c, char *buf, size_t size);

Suite *utf8_suite(void);
Suite *normalize_suite(void);
Suite *ac_suite(void);
Suite *scan_suite(void);
Suite *gazetteer_suite(void);
Suite *api_suite(void);
Suite *oom_suite(void);
Suite *rules_suite(void);
Suite *serialize_suite(void);
Suite *match_suite(void);
Suite *outfile_suite(void);
Suite *threads_suite(void);
Suite *layer_suite(void);
Suite *parts_suite(void);

#endif
