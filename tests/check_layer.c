/* SPDX-License-Identifier: MIT */
/*
 * check_layer.c - a user's files on top of the shipped ones: labels of
 * their own, 'disable:', 'extends:', every error of a run reported at
 * once, and the warnings of the lint.
 */
#include <stdio.h>
#include <string.h>

#include "testutil.h"

#define LAYERS ISTH_FIXTURES "/layers/"

/* Diagnostics as "E|W file-basename:line:col: message" lines. */
struct diags {
    char text[8192];
    size_t n_err, n_warn;
};

static void on_diag(int sev, const isth_error *e, void *ctx)
{
    struct diags *d = ctx;
    const char *base = strrchr(e->file, '/');
    size_t l = strlen(d->text);

    base = base ? base + 1 : e->file;
    snprintf(d->text + l, sizeof d->text - l, "%c %s:%u:%u: %s\n",
             sev == ISTH_DIAG_ERROR ? 'E' : 'W', base, e->line, e->col, e->msg);
    if (sev == ISTH_DIAG_ERROR)
        d->n_err++;
    else
        d->n_warn++;
}

static int compile(isth_db **db, const char *const *gaz, size_t ng,
                   const char *const *rules, size_t nr, struct diags *d,
                   isth_error *err)
{
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;

    o.gazetteers = gaz;
    o.n_gazetteers = ng;
    o.rules = rules;
    o.n_rules = nr;
    if (d) {
        memset(d, 0, sizeof *d);
        o.on_diagnostic = on_diag;
        o.diagnostic_ctx = d;
    }
    return isth_db_compile(db, &o, err);
}

/* Entities found in text, as "id:label" joined by spaces. */
static void tag(const isth_db *db, const char *text, char *out, size_t size)
{
    isth_scratch *s = NULL;
    const isth_result *r;
    size_t i, l = 0;

    out[0] = 0;
    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    ck_assert_int_eq(isth_annotate(db, text, strlen(text), 0, s, &r, NULL),
                     ISTH_OK);
    for (i = 0; i < r->n_entities && l < size; i++)
        l += (size_t)snprintf(out + l, size - l, "%s%s:%s", i ? " " : "",
                              r->entities[i].id ? r->entities[i].id : "-",
                              r->entities[i].label);
    l = strlen(out);
    for (i = 0; i < r->n_topics && l < size; i++)
        if (r->topics[i].score > 0)
            l +=
                (size_t)snprintf(out + l, size - l, " #%s", r->topics[i].label);
    isth_scratch_free(s);
}

START_TEST(test_layer_custom_label)
{
    const char *g[] = {LAYERS "base.yaml", LAYERS "user.yaml"};
    isth_db *db = NULL;
    isth_error err;
    char got[512];

    ck_assert_int_eq(compile(&db, g, 2, NULL, 0, NULL, &err), ISTH_OK);
    tag(db, "The Ever Given left Panama for the United States of America.", got,
        sizeof got);
    ck_assert_str_eq(got, "ever-given:VESSEL PA:GPE US:GPE");
    isth_db_free(db);
}
END_TEST

START_TEST(test_layer_disable_and_replace)
{
    const char *g[] = {LAYERS "base.yaml", LAYERS "user.yaml"};
    isth_db *db = NULL;
    isth_error err;
    char got[512];
    isth_entity_info e;

    ck_assert_int_eq(compile(&db, g, 2, NULL, 0, NULL, &err), ISTH_OK);
    /* The shipped US is off (its names "America" and "US" with it); the
     * user's US replaces it; "Republic of Panama" is off, "Panama" not. */
    tag(db, "America, US, Republic of Panama", got, sizeof got);
    ck_assert_str_eq(got, "PA:GPE");
    ck_assert_int_eq(isth_db_entity(db, isth_db_find(db, "US"), &e), ISTH_OK);
    ck_assert_str_eq(e.name, "United States of America");
    isth_db_free(db);
}
END_TEST

START_TEST(test_layer_rules_extend_disable)
{
    const char *g[] = {LAYERS "base.yaml"};
    const char *r1[] = {LAYERS "base-rules.yaml"};
    const char *r2[] = {LAYERS "base-rules.yaml", LAYERS "user-rules.yaml"};
    const char *text = "The MV Arctic, a container ship, paid the tariff.";
    isth_db *db = NULL;
    isth_error err;
    char got[512];

    ck_assert_int_eq(compile(&db, g, 1, r1, 1, NULL, &err), ISTH_OK);
    ck_assert_uint_eq(isth_db_topic_count(db), 2);
    tag(db, text, got, sizeof got);
    ck_assert_str_eq(got, "-:PRODUCT #trade");
    isth_db_free(db);

    ck_assert_int_eq(compile(&db, g, 1, r2, 2, NULL, &err), ISTH_OK);
    ck_assert_uint_eq(isth_db_topic_count(db), 1);
    ck_assert_uint_eq(isth_db_rule_count(db), 0);
    tag(db, text, got, sizeof got);
    ck_assert_str_eq(got, " #ships");
    isth_db_free(db);
}
END_TEST

START_TEST(test_layer_every_error)
{
    const char *g[] = {LAYERS "errors.yaml", LAYERS "errors2.yaml"};
    isth_db *db = (isth_db *)1;
    isth_error err;
    struct diags d;
    int rc = compile(&db, g, 2, NULL, 0, &d, &err);

    ck_assert_int_eq(rc, ISTH_ESCHEMA);
    ck_assert_ptr_null(db);
    ck_assert_str_eq(
        d.text,
        "E errors.yaml:6:11: unknown case policy 'folded' (did you mean "
        "'fold'?)\n"
        "E errors.yaml:7:5: entry 'b' has no 'name'\n"
        "E errors.yaml:10:12: bad label 'gpe' (did you mean 'GPE'?)\n"
        "E errors2.yaml:3:13: disable: no entry 'no-such-entry' in the other "
        "files loaded (ids are case-sensitive)\n"
        "E errors2.yaml:6:5: duplicate id 'd' (first defined at " LAYERS
        "errors.yaml:11; to replace that entry, add 'disable: {entries: "
        "[d]}' to this file)\n");
    /* The call fails with the first. */
    ck_assert_uint_eq(err.line, 6);
    ck_assert_uint_eq(err.col, 11);
    /* Without a callback: the first error only, as before. */
    db = (isth_db *)1;
    ck_assert_int_eq(compile(&db, g, 2, NULL, 0, NULL, &err), ISTH_ESCHEMA);
    ck_assert_uint_eq(err.line, 6);
}
END_TEST

START_TEST(test_layer_lint)
{
    const char *g[] = {LAYERS "lint.yaml"};
    const char *words[] = {"chance", "the", "springfield"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = NULL;
    isth_error err;
    struct diags d;

    memset(&d, 0, sizeof d);
    o.gazetteers = g;
    o.n_gazetteers = 1;
    o.on_diagnostic = on_diag;
    o.diagnostic_ctx = &d;
    o.common_words = words;
    o.n_common_words = 3;
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_OK);
    ck_assert_uint_eq(d.n_err, 0);
    ck_assert_msg(strstr(d.text, "W lint.yaml:5:12: new label 'PERSN' is one "
                                 "letter from 'PERSON'"),
                  "%s", d.text);
    ck_assert_msg(strstr(d.text, "W lint.yaml:3:0: label 'PERSN' is used by "
                                 "this entry only"),
                  "%s", d.text);
    ck_assert_msg(strstr(d.text, "W lint.yaml:9:0: label 'VESSELS' (used 1 "
                                 "times) is one letter from 'VESSEL' (used 2 "
                                 "times)"),
                  "%s", d.text);
    ck_assert_msg(strstr(d.text, "W lint.yaml:18:5: 'springfield' is a name of "
                                 "'tie-2' and of 'tie-1'"),
                  "%s", d.text);
    ck_assert_msg(strstr(d.text, "W lint.yaml:21:5: 'chance' (a name of "
                                 "'word') is a common word"),
                  "%s", d.text);
    /* And 'VESSELS' is used once; both Springfields are in the word
     * list given, and fold matches them in any case; "Marco" is the given
     * name of two people loaded. */
    ck_assert_msg(strstr(d.text, "W lint.yaml:30:5: 'marco' (a name of "
                                 "'marco-town') is also a given name"),
                  "%s", d.text);
    ck_assert_msg(d.n_warn == 9, "%s", d.text);
    isth_db_free(db);
    /* Errors only: no warning, none looked for. */
    memset(&d, 0, sizeof d);
    o.errors_only = 1;
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_OK);
    ck_assert_msg(d.n_warn == 0 && d.n_err == 0, "%s", d.text);
    isth_db_free(db);
    /* A caller built against version 2 has no errors_only: the field
     * past its struct is never read, and it gets the warnings. */
    memset(&d, 0, sizeof d);
    o.version = 2;
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_OK);
    ck_assert_msg(d.n_warn == 9, "%s", d.text);
    isth_db_free(db);
}
END_TEST

START_TEST(test_layer_options_v1)
{
    const char *g[] = {LAYERS "base.yaml"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = NULL;
    isth_error err;

    /* A caller built against version 1 of the options. */
    o.version = 1;
    o.gazetteers = g;
    o.n_gazetteers = 1;
    o.on_diagnostic = (isth_diag_cb)1; /* past the v1 struct: never read */
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_OK);
    isth_db_free(db);
    o.version = ISTH_COMPILE_OPTIONS_VERSION + 1;
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_EINVAL);
}
END_TEST

START_TEST(test_layer_same_dir_names)
{
    const char *g[] = {LAYERS "one/gazetteers", LAYERS "two/gazetteers"};
    isth_db *db = NULL;
    isth_error err;
    isth_entity_info e;

    ck_assert_int_eq(compile(&db, g, 2, NULL, 0, NULL, &err), ISTH_OK);
    ck_assert_uint_eq(isth_db_entity_count(db), 2);
    ck_assert_int_eq(isth_db_entity(db, 0, &e), ISTH_OK);
    ck_assert_str_eq(e.file, "gazetteers/places.yaml");
    /* A second directory named gazetteers/ is shown by its path; its
     * plain list (with '# label:') loads, its README.txt does not. */
    ck_assert_int_eq(isth_db_entity(db, 1, &e), ISTH_OK);
    ck_assert_str_eq(e.file, LAYERS "two/gazetteers/ships.txt");
    ck_assert_str_eq(e.label, "VESSEL");
    isth_db_free(db);
}
END_TEST

/* --explain: the word that decided a context, every same-name entry
 * that lost (tie), and the word that kept a winner. */
START_TEST(test_layer_explain_detail)
{
    const char *g1[] = {ISTH_FIXTURES "/rules/gaz.yaml"};
    const char *g2[] = {ISTH_FIXTURES "/good/dir"};
    const char *t1 = "Georgia and Tbilisi.", *t2 = "Georgia.";
    isth_db *db = NULL;
    isth_scratch *s = NULL;
    const isth_result *r;
    isth_error err;

    ck_assert_int_eq(compile(&db, g1, 1, NULL, 0, NULL, &err), ISTH_OK);
    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    ck_assert_int_eq(
        isth_annotate(db, t1, strlen(t1), ISTH_SCAN_EXPLAIN, s, &r, NULL),
        ISTH_OK);
    ck_assert_uint_eq(r->n_kept, 1);
    ck_assert_str_eq(r->kept[0].id, "GE");
    ck_assert_msg(strstr(r->kept[0].detail, "required: \"Tbilisi\" at byte 12"),
                  "%s", r->kept[0].detail);
    ck_assert_int_eq(
        isth_annotate(db, t2, strlen(t2), ISTH_SCAN_EXPLAIN, s, &r, NULL),
        ISTH_OK);
    /* Both Georgias lost on context, each with its own words. */
    ck_assert_uint_eq(r->n_entities, 0);
    ck_assert_uint_eq(r->n_rejected, 2);
    ck_assert_int_eq(r->rejected[0].reason, ISTH_LOST_CONTEXT);
    ck_assert_int_eq(r->rejected[1].reason, ISTH_LOST_CONTEXT);
    ck_assert_str_eq(r->rejected[0].id, "GE");
    ck_assert_msg(strstr(r->rejected[0].detail,
                         "none of requires_any in the document: 'Tbilisi', "
                         "'Caucasus'"),
                  "%s", r->rejected[0].detail);
    ck_assert_str_eq(r->rejected[1].id, "US-GA");
    isth_scratch_free(s);
    isth_db_free(db);

    s = NULL;
    ck_assert_int_eq(compile(&db, g2, 1, NULL, 0, NULL, &err), ISTH_OK);
    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    ck_assert_int_eq(
        isth_annotate(db, t2, strlen(t2), ISTH_SCAN_EXPLAIN, s, &r, NULL),
        ISTH_OK);
    ck_assert_uint_eq(r->n_entities, 1);
    ck_assert_str_eq(r->entities[0].id, "US-GA");
    ck_assert_uint_eq(r->n_rejected, 1);
    ck_assert_int_eq(r->rejected[0].reason, ISTH_LOST_TIE);
    ck_assert_str_eq(r->rejected[0].id, "GE");
    ck_assert_str_eq(r->rejected[0].by_id, "US-GA");
    ck_assert_msg(strstr(r->rejected[0].detail, "higher priority (5 > 0)"),
                  "%s", r->rejected[0].detail);
    /* Without ISTH_SCAN_EXPLAIN: nothing of it. */
    ck_assert_int_eq(isth_annotate(db, t2, strlen(t2), 0, s, &r, NULL),
                     ISTH_OK);
    ck_assert_uint_eq(r->n_rejected, 0);
    ck_assert_uint_eq(r->n_kept, 0);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

/* Topics need a second signal: two distinct cues, or an anchor. */
START_TEST(test_layer_topic_second_signal)
{
    const char *g[] = {ISTH_FIXTURES "/good/basic.yaml"};
    const char *r[] = {ISTH_FIXTURES "/rules/two-signals.yaml"};
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"The vote.", " any_vote"},
        {"The vote, the vote, the vote.", " any_vote"},
        {"The vote and the ballot.", " votes any_vote"},
        {"The referendum.", " votes"},
    };
    isth_db *db = NULL;
    isth_scratch *s = NULL;
    isth_error err;
    size_t i, k;

    ck_assert_int_eq(compile(&db, g, 1, r, 1, NULL, &err), ISTH_OK);
    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        const isth_result *res;
        char got[128] = "";
        ck_assert_int_eq(isth_annotate(db, cases[i].text, strlen(cases[i].text),
                                       0, s, &res, NULL),
                         ISTH_OK);
        for (k = 0; k < res->n_topics; k++)
            if (res->topics[k].labelled) {
                strcat(got, " ");
                strcat(got, res->topics[k].label);
            }
        ck_assert_msg(!strcmp(got, cases[i].want), "%s: got '%s', want '%s'",
                      cases[i].text, got, cases[i].want);
    }
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

/* A hidden list ('# hidden: yes'): its names are never entities, only
 * what rules make of them; '# priority: -100' lets real entries win. */
START_TEST(test_layer_hidden_names)
{
    const char *g1[] = {LAYERS "given.txt"};
    const char *g2[] = {LAYERS "given.txt", LAYERS "chad.yaml"};
    const char *r[] = {LAYERS "given-rules.yaml"};
    isth_db *db = NULL;
    isth_error err;
    char got[256];

    ck_assert_int_eq(compile(&db, g1, 1, NULL, 0, NULL, &err), ISTH_OK);
    tag(db, "Marco Polo and Marco.", got, sizeof got);
    ck_assert_str_eq(got, "");
    isth_db_free(db);
    ck_assert_int_eq(compile(&db, g2, 2, r, 1, NULL, &err), ISTH_OK);
    /* "Chad" the country (priority 0) beats the given name (-100), so
     * the rule, which applies to given names, leaves it alone. */
    tag(db, "Marco Polo and Marco met in Chad. Chad Smith.", got, sizeof got);
    ck_assert_str_eq(got, "-:PERSON TD:GPE TD:GPE");
    /* A mention of the surname alone is the same person, before the
     * full name too (a headline); one inside a longer word, or before
     * the full name and starting a longer name, is not. */
    tag(db, "Polo spoke. Marco Polo came; Polo left, Polos stayed.", got,
        sizeof got);
    ck_assert_str_eq(got, "-:PERSON -:PERSON -:PERSON");
    tag(db, "The Polo Club met. Marco Polo came.", got, sizeof got);
    ck_assert_str_eq(got, "-:PERSON");
    isth_db_free(db);
}
END_TEST

/* Acronyms the text defines: the long form and every later mention. */
START_TEST(test_layer_acronyms)
{
    const char *g[] = {ISTH_FIXTURES "/good/basic.yaml"};
    const char *r[] = {LAYERS "acronym-rules.yaml"};
    const char *text = "RSF first. The Rapid Support Forces (RSF) and the "
                       "Strait of Hormuz (SH) met; RSF and SH again, not "
                       "RSFX. Panama Canal Zone (PCZ).";
    isth_db *db = NULL;
    isth_error err;
    char got[512];

    ck_assert_int_eq(compile(&db, g, 1, NULL, 0, NULL, &err), ISTH_OK);
    tag(db, text, got, sizeof got);
    ck_assert_str_eq(got, "hormuz:LOC canal:LOC");
    isth_db_free(db);
    ck_assert_int_eq(compile(&db, g, 1, r, 1, NULL, &err), ISTH_OK);
    /* "RSF" before its definition stays nothing; the known long form
     * lends its entity to "SH"; "Panama Canal Zone" overlaps the known
     * "Panama Canal" in part of a longer name: made the rule's own
     * entity, the canal inside it giving way. */
    tag(db, text, got, sizeof got);
    ck_assert_str_eq(got, "-:ORG -:ORG hormuz:LOC hormuz:LOC -:ORG "
                          "hormuz:LOC -:ORG -:ORG");
    isth_db_free(db);
}
END_TEST

Suite *layer_suite(void)
{
    Suite *s = suite_create("layer");
    TCase *tc = tcase_create("layer");

    tcase_add_test(tc, test_layer_custom_label);
    tcase_add_test(tc, test_layer_disable_and_replace);
    tcase_add_test(tc, test_layer_rules_extend_disable);
    tcase_add_test(tc, test_layer_every_error);
    tcase_add_test(tc, test_layer_lint);
    tcase_add_test(tc, test_layer_options_v1);
    tcase_add_test(tc, test_layer_same_dir_names);
    tcase_add_test(tc, test_layer_explain_detail);
    tcase_add_test(tc, test_layer_topic_second_signal);
    tcase_add_test(tc, test_layer_hidden_names);
    tcase_add_test(tc, test_layer_acronyms);
    suite_add_tcase(s, tc);
    return s;
}
