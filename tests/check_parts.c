/* SPDX-License-Identifier: MIT */
/*
 * check_parts.c - documents taken in parts (isth_annotate_stream and
 * isth_scan): where a part ends, that the parts of a document whose
 * paragraphs do not depend on each other give exactly what the whole
 * document gives (entities, attributes, topics and their evidence), the
 * callback's stop, and an error after the first part.  The part size is
 * made small (the scratch's test setting) so a few KB make many parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "../src/scan.h"

#define RULES ISTH_FIXTURES "/rules/"

/* ------------------------------------------------------------------ */
/* Where a part ends                                                    */

struct pcase {
    const char *name, *text;
    size_t max, want;
};

static const struct pcase PCASES[] = {
    {"fits", "one two", 16, 7},
    {"fits exactly", "0123456789abcdef", 16, 16},
    /* [8, 16): the paragraph break wins over the later line break. */
    {"paragraph", "one two\n\nthree\nfour five six", 16, 9},
    {"blank line of spaces", "one two\n \t\r\nthree four five", 16, 12},
    {"line", "one two three\nfour five six", 16, 14},
    {"sentence", "Tom met the boss. He left at noon", 20, 18},
    /* "Mr." is not the end of a sentence: the last space is. */
    {"not after Mr.", "aaaa bbbb Mr. Cccc ddd", 20, 19},
    {"space", "one two three four", 16, 14},
    {"a break before max / 2 is too early", "ab\n\ncdefghijklmnopqrstuvwxyz",
     16, 16},
    {"no space", "abcdefghijklmnopqrstuvwxyz", 16, 16},
    /* Two-byte characters: not inside one. */
    {"between characters",
     "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
     "\xc3\xa9",
     15, 14},
};

START_TEST(test_part_len)
{
    const struct pcase *c = &PCASES[_i];
    size_t got = isth__part_len(c->text, strlen(c->text), c->max);

    ck_assert_msg(got == c->want, "%s: %zu, want %zu", c->name, got, c->want);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Parts and the whole                                                  */

/* What the callback saw: each entity as "label:id@start-end" with its
 * attributes, in order. */
struct seen {
    char *buf;
    size_t len, cap, n, stop_at;
};

static void put(struct seen *s, const char *str)
{
    size_t n = strlen(str);
    if (s->len + n + 1 > s->cap) {
        s->cap = (s->len + n + 1) * 2;
        s->buf = realloc(s->buf, s->cap);
        ck_assert(s->buf != NULL);
    }
    memcpy(s->buf + s->len, str, n + 1);
    s->len += n;
}

static void put_match(struct seen *s, const isth_match *m)
{
    char one[512];
    size_t i;

    snprintf(one, sizeof one, "%s:%s:%s@%zu-%zu", m->label, m->id ? m->id : "-",
             m->rule ? m->rule : "-", m->start, m->end);
    put(s, one);
    for (i = 0; i < m->n_attributes; i++) {
        snprintf(one, sizeof one, " %s=%s", m->attributes[i].key,
                 m->attributes[i].value);
        put(s, one);
    }
    put(s, "\n");
}

static int on_match(const isth_match *m, void *ctx)
{
    struct seen *s = ctx;
    put_match(s, m);
    return ++s->n == s->stop_at;
}

static void put_topics(struct seen *s, const isth_result *r)
{
    char one[256];
    size_t i, k;

    snprintf(one, sizeof one, "words %zu entities %zu\n", r->n_words,
             r->n_entities);
    put(s, one);
    for (i = 0; i < r->n_topics; i++) {
        const isth_topic_score *t = &r->topics[i];
        snprintf(one, sizeof one, "%s %.4f %d hits %zu:", t->label, t->score,
                 t->labelled, t->n_hits);
        put(s, one);
        for (k = 0; k < t->n_evidence; k++) {
            snprintf(one, sizeof one, " %s@%zu-%zu", t->evidence[k].cue,
                     t->evidence[k].start, t->evidence[k].end);
            put(s, one);
        }
        put(s, "\n");
    }
}

/* Paragraphs that depend on nothing outside them: names, rules with
 * attributes, context conditions, cues of the fixture's topics. */
static const char *const PARAS[] = {
    "Defense Secretary Pete Hegseth said the tanker left Panama for the "
    "Panama Canal talks.",
    "The Canal Zone Authority paid $2 million for the port works at the big "
    "summit.",
    "Gov. Kemp of Georgia spoke in Atlanta.  President Carter Jones agreed.",
    "A 3000 dwt tanker and a port in Jordan; no football.",
};

/* The paragraphs over and over, each after a blank line: n bytes. */
static char *make_doc(size_t n)
{
    char *doc = malloc(n + 1);
    size_t len = 0, k = 0;

    ck_assert(doc != NULL);
    while (len < n) {
        const char *p = PARAS[k++ % (sizeof PARAS / sizeof *PARAS)];
        size_t m = strlen(p);
        if (len + m + 2 > n)
            break;
        memcpy(doc + len, p, m);
        memcpy(doc + len + m, "\n\n", 2);
        len += m + 2;
    }
    doc[len] = '\0';
    return doc;
}

START_TEST(test_parts_equal_whole)
{
    /* _i: 0 the whole at once against parts; 1 the same through
     * isth_scan (no topics). */
    isth_db *db = tu_compile_rules(RULES "rules.yaml", RULES "topics.yaml");
    isth_scratch *whole = NULL, *parts = NULL;
    const isth_result *r = NULL;
    struct seen a = {0}, b = {0};
    char *doc = make_doc(6000);
    size_t len = strlen(doc), i;
    isth_error err;

    ck_assert_int_eq(isth_scratch_alloc(db, &whole), ISTH_OK);
    ck_assert_int_eq(isth_scratch_alloc(db, &parts), ISTH_OK);
    parts->part_max = 300; /* 6000 bytes: 20 parts or more */
    ck_assert_int_eq(isth_annotate(db, doc, len, _i ? ISTH_SCAN_NO_TOPICS : 0,
                                   whole, &r, &err),
                     ISTH_OK);
    ck_assert_uint_gt(r->n_entities, 100);
    for (i = 0; i < r->n_entities; i++)
        put_match(&a, &r->entities[i]);
    if (!_i) {
        ck_assert_uint_gt(r->n_topics, 0);
        put_topics(&a, r);
        ck_assert_int_eq(isth_annotate_stream(db, doc, len, 0, parts, on_match,
                                              &b, &r, &err),
                         ISTH_OK);
        ck_assert(r->entities == NULL);
        put_topics(&b, r);
    } else {
        ck_assert_int_eq(isth_scan(db, doc, len, 0, parts, on_match, &b),
                         ISTH_OK);
    }
    ck_assert_msg(!strcmp(a.buf, b.buf), "whole:\n%.600s\nparts:\n%.600s",
                  a.buf, b.buf);
    /* The same scratch again, whole: nothing of the parts is left. */
    parts->part_max = 0;
    ck_assert_int_eq(isth_annotate(db, doc, len, _i ? ISTH_SCAN_NO_TOPICS : 0,
                                   parts, &r, &err),
                     ISTH_OK);
    b.len = 0;
    for (i = 0; i < r->n_entities; i++)
        put_match(&b, &r->entities[i]);
    if (!_i)
        put_topics(&b, r);
    ck_assert(!strcmp(a.buf, b.buf));
    free(a.buf);
    free(b.buf);
    free(doc);
    isth_scratch_free(whole);
    isth_scratch_free(parts);
    isth_db_free(db);
}
END_TEST

START_TEST(test_parts_stop_and_flags)
{
    isth_db *db = tu_compile_rules(RULES "rules.yaml", RULES "topics.yaml");
    isth_scratch *s = NULL;
    const isth_result *r = (const isth_result *)1;
    struct seen a = {0};
    char *doc = make_doc(3000);
    isth_error err;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    s->part_max = 300;
    /* Stopped in the third part's entities: nothing more is called. */
    a.stop_at = 25;
    ck_assert_int_eq(isth_annotate_stream(db, doc, strlen(doc), 0, s, on_match,
                                          &a, &r, &err),
                     ISTH_ESTOPPED);
    ck_assert_uint_eq(a.n, 25);
    ck_assert(r == NULL);
    ck_assert_int_eq(isth_annotate_stream(db, doc, strlen(doc),
                                          ISTH_SCAN_EXPLAIN, s, on_match, &a,
                                          &r, &err),
                     ISTH_EINVAL);
    ck_assert(strstr(err.msg, "isth_annotate()") != NULL);
    /* NULL callback and result: counts nothing, fails nothing. */
    ck_assert_int_eq(isth_annotate_stream(db, doc, strlen(doc), 0, s, NULL,
                                          NULL, NULL, NULL),
                     ISTH_OK);
    ck_assert_int_eq(
        isth_annotate_stream(db, "", 0, 0, s, NULL, NULL, &r, &err), ISTH_OK);
    ck_assert_uint_eq(r->n_entities, 0);
    free(a.buf);
    free(doc);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

START_TEST(test_parts_error_after_first)
{
    /* The catastrophic rule fails on the second part; the first part's
     * entity was handed over before. */
    isth_db *db = tu_compile_rules(RULES "slow.yaml", NULL);
    isth_scratch *s = NULL;
    const isth_result *r = (const isth_result *)1;
    struct seen a = {0};
    char doc[256];
    isth_error err;

    /* A 120-byte first line: the first part ends after it (in [100,
     * 200)), the second is the rest. */
    snprintf(doc, sizeof doc, "%-119s\n", "Panama is where it began.");
    memset(doc + 120, 'a', 120);
    strcpy(doc + 240, "!");
    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    s->part_max = 200;
    ck_assert_int_eq(isth_annotate_stream(db, doc, strlen(doc), 0, s, on_match,
                                          &a, &r, &err),
                     ISTH_ELIMIT);
    ck_assert(r == NULL);
    ck_assert_int_eq(err.code, ISTH_ELIMIT);
    ck_assert_uint_eq(a.n, 1);
    ck_assert_str_eq(a.buf, "GPE:PA:-@0-6\n");
    /* The scratch serves the next document. */
    ck_assert_int_eq(
        isth_annotate_stream(db, "Panama", 6, 0, s, NULL, NULL, &r, &err),
        ISTH_OK);
    ck_assert_uint_eq(r->n_entities, 1);
    free(a.buf);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

Suite *parts_suite(void)
{
    Suite *s = suite_create("parts");
    TCase *tc = tcase_create("parts");

    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_part_len, 0,
                        (int)(sizeof PCASES / sizeof *PCASES));
    tcase_add_loop_test(tc, test_parts_equal_whole, 0, 2);
    tcase_add_test(tc, test_parts_stop_and_flags);
    tcase_add_test(tc, test_parts_error_after_first);
    suite_add_tcase(s, tc);
    return s;
}
