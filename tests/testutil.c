/* SPDX-License-Identifier: MIT */
/* testutil.c - compile and scan helpers for the Check suites. */
#include "testutil.h"

#include <dirent.h>

#include <stdio.h>
#include <string.h>

isth_db *tu_compile(const char *path)
{
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = NULL;
    isth_error err;
    char buf[512];
    int rc;

    o.gazetteers = &path;
    o.n_gazetteers = 1;
    rc = isth_db_compile(&db, &o, &err);
    isth_error_format(&err, buf, sizeof buf);
    ck_assert_msg(rc == ISTH_OK, "compile %s: %s", path, buf);
    return db;
}

isth_db *tu_compile_rules(const char *r1, const char *r2)
{
    const char *gaz = ISTH_FIXTURES "/rules/gaz.yaml";
    const char *rules[2];
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = NULL;
    isth_error err;
    char buf[600];
    int rc;

    rules[0] = r1;
    rules[1] = r2;
    o.gazetteers = &gaz;
    o.n_gazetteers = 1;
    o.rules = rules;
    o.n_rules = r2 ? 2 : r1 ? 1 : 0;
    rc = isth_db_compile(&db, &o, &err);
    isth_error_format(&err, buf, sizeof buf);
    ck_assert_msg(rc == ISTH_OK, "compile: %s", buf);
    return db;
}

static int on_match(const isth_match *m, void *ctx)
{
    struct collect *c = ctx;
    isth_entity_info e;
    size_t i;

    if (c->n >= 64)
        return 1;
    ck_assert_int_eq(isth_db_entity(c->db, m->entity, &e), ISTH_OK);
    c->m[c->n].id = e.id;
    c->m[c->n].start = m->start;
    c->m[c->n].end = m->end;
    c->alts[c->n][0] = '\0';
    for (i = 0; i < m->n_alternatives; i++) {
        isth_entity_info a;
        isth_db_entity(c->db, m->alternatives[i], &a);
        if (i)
            strncat(c->alts[c->n], ",", 127 - strlen(c->alts[c->n]));
        strncat(c->alts[c->n], a.id, 127 - strlen(c->alts[c->n]));
    }
    c->n++;
    return 0;
}

int tu_scan(const isth_db *db, const char *text, size_t len, unsigned flags,
            struct collect *c)
{
    isth_scratch *s = NULL;
    int rc;

    memset(c, 0, sizeof *c);
    c->db = db;
    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    rc = isth_scan(db, text, len, flags, s, on_match, c);
    isth_scratch_free(s);
    return rc;
}

void tu_describe(const struct collect *c, char *buf, size_t size)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; i < c->n && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s@%zu-%zu", i ? " " : "",
                         c->m[i].id, c->m[i].start, c->m[i].end);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

int tu_open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    while (d && readdir(d))
        n++;
    if (d)
        closedir(d);
    return n;
}
