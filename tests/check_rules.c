/* SPDX-License-Identifier: MIT */
/*
 * check_rules.c - pattern rules, context conditions, precedence, topic
 * scores and the limits on pathological regular expressions, through
 * isth_annotate().  Fixtures are in fixtures/rules (good) and
 * fixtures/bad-rules (one error each, "# expect: LINE:COL: message" on
 * the first line, {path} standing for the file's path).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"
#include "../src/alloc.h"
#include "../src/regex.h"

#define RULES ISTH_FIXTURES "/rules/"

/* Compiles the test gazetteer with up to two rule files. */

/* "label:id@start-end" for every entity, space-separated. */
static void describe(const isth_result *r, char *buf, size_t size)
{
    size_t i, n = 0;

    buf[0] = '\0';
    for (i = 0; i < r->n_entities && n < size; i++) {
        const isth_match *m = &r->entities[i];
        n +=
            (size_t)snprintf(buf + n, size - n, "%s%s:%s@%zu-%zu", i ? " " : "",
                             m->label, m->id ? m->id : "-", m->start, m->end);
    }
}

static const isth_result *annotate(const isth_db *db, isth_scratch *s,
                                   const char *text, unsigned flags)
{
    const isth_result *r = NULL;
    isth_error err;
    int rc = isth_annotate(db, text, strlen(text), flags, s, &r, &err);

    ck_assert_msg(rc == ISTH_OK, "annotate: %d %s", rc, err.msg);
    ck_assert(r != NULL);
    return r;
}

/* ------------------------------------------------------------------ */
/* Entities: rules, context and precedence, table-driven                */

struct ecase {
    const char *text;
    unsigned flags;
    const char *want;
};

static const struct ecase ENTITY_CASES[] = {
    /* A rule linked to the gazetteer entry with the same span. */
    {"Defense Secretary Pete Hegseth arrived.", 0,
     "PERSON:person:pete-hegseth@18-30"},
    /* A rule's own entity: id from the template, slugged. */
    {"President José Raúl Mulino spoke.", 0,
     "PERSON:person:jose-raul-mulino@10-28"},
    /* MONEY, and a case-insensitive rule. */
    {"It costs $1.5 billion at the BIG Summit.", 0,
     "MONEY:-@9-21 EVENT:-@29-39"},
    /* Longer wins: the ORG rule swallows the LOC name inside it (this
     * test rule takes "The" too; the shipped one does not). */
    {"The Panama Canal Authority met.", 0, "ORG:-@0-26"},
    /* Priority beats length: "Canal talks" (10) beats "Panama Canal". */
    {"Panama Canal talks", 0, "GPE:PA@0-6 EVENT:-@7-18"},
    /* All overlaps reported, by start then longer first. */
    {"The Panama Canal Authority met.", ISTH_SCAN_OVERLAPS_ALL,
     "ORG:-@0-26 LOC:loc:panama-canal@4-16 GPE:PA@4-10"},
    /* Context: the document decides which Georgia, or none. */
    {"Georgia signed a pact in Tbilisi.", 0, "GPE:GE@0-7"},
    {"Georgia Gov. Kemp spoke.", 0, "GPE:US-GA@0-7"},
    {"Georgia is on my mind.", 0, ""},
    /* Window: Atlanta is 7 words away, outside the window of 5. */
    {"Georgia, a, b, c, d, e, f, Atlanta.", 0, ""},
    {"Georgia, a, b, Atlanta.", 0, "GPE:US-GA@0-7"},
    /* Both conditions hold: tie-break order (load order) picks GE. */
    {"Georgia: Tbilisi and Atlanta.", 0, "GPE:GE@0-7"},
    /* excludes_any with a word and with an entity id. */
    {"Jordan and Panama met.", 0, "GPE:JO@0-6 GPE:PA@11-17"},
    {"Jordan won at basketball.", 0, ""},
    {"Michael Jordan met Jordan's king.", 0,
     "PERSON:person:michael-jordan@0-14"},
    /* An alias with its own context (and exact case). */
    {"Prime Minister May spoke in May.", 0, "PERSON:person:theresa-may@15-18"},
};

/* Annotates c->text with the test gazetteer and rule file, and compares
 * the entities with c->want. */
static void check_case(const char *rules, const struct ecase *c)
{
    isth_db *db = tu_compile_rules(rules, NULL);
    isth_scratch *s = NULL;
    const isth_result *r;
    char got[1024];

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    r = annotate(db, s, c->text, c->flags);
    describe(r, got, sizeof got);
    ck_assert_msg(!strcmp(got, c->want), "'%s': got '%s', want '%s'", c->text,
                  got, c->want);
    isth_scratch_free(s);
    isth_db_free(db);
}

START_TEST(test_rules_entities)
{
    check_case(RULES "rules.yaml", &ENTITY_CASES[_i]);
}
END_TEST

START_TEST(test_rules_fields)
{
    isth_db *db = tu_compile_rules(RULES "rules.yaml", NULL);
    isth_scratch *s = NULL;
    const isth_result *r;
    const isth_match *m;

    ck_assert_int_eq(isth_db_rule_count(db), 6);
    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    /* Linked: the entry's id, name, file and attributes win; the rule
     * adds the attributes the entry lacks, with captures filled. */
    r = annotate(db, s, "Defense Secretary Pete Hegseth arrived.", 0);
    ck_assert_uint_eq(r->n_entities, 1);
    m = &r->entities[0];
    ck_assert(m->entity != ISTH_NO_ENTITY);
    ck_assert_str_eq(m->name, "Pete Hegseth");
    ck_assert_str_eq(m->rule, "person-after-title");
    ck_assert(strstr(m->file, "gaz.yaml") != NULL);
    ck_assert_uint_eq(m->n_attributes, 2);
    ck_assert_str_eq(m->attributes[0].key, "role");
    ck_assert_str_eq(m->attributes[0].value, "Secretary of Defense");
    ck_assert_str_eq(m->attributes[1].key, "said");
    ck_assert_str_eq(m->attributes[1].value, "as Defense Secretary, {quoted}");
    /* Unlinked: the rule's label, kind, file and line; name = text. */
    r = annotate(db, s, "Gen. Laura Richardson and the Canal Authority", 0);
    ck_assert_uint_eq(r->n_entities, 2);
    m = &r->entities[0];
    ck_assert(m->entity == ISTH_NO_ENTITY);
    ck_assert_str_eq(m->id, "person:laura-richardson");
    ck_assert_str_eq(m->name, "Laura Richardson");
    ck_assert_str_eq(m->attributes[0].value, "Gen.");
    ck_assert_uint_eq(m->line, 3);
    ck_assert(strstr(m->file, "rules.yaml") != NULL);
    m = &r->entities[1];
    ck_assert(m->id == NULL);
    ck_assert_str_eq(m->label, "ORG");
    ck_assert_str_eq(m->kind, "government");
    ck_assert_str_eq(m->name, "Canal Authority");
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

START_TEST(test_rules_explain)
{
    isth_db *db = tu_compile_rules(RULES "rules.yaml", NULL);
    isth_scratch *s = NULL;
    const isth_result *r;
    size_t i;
    int overlap = 0, context = 0, same = 0, kase = 0;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    r = annotate(db, s,
                 "Defense Secretary Pete Hegseth at the Panama Canal "
                 "Authority; Georgia; may.",
                 ISTH_SCAN_EXPLAIN);
    for (i = 0; i < r->n_rejected; i++) {
        const isth_rejection *x = &r->rejected[i];
        if (x->reason == ISTH_LOST_OVERLAP && x->by_id == NULL &&
            !strcmp(x->id, "loc:panama-canal")) {
            overlap++;
            ck_assert_str_eq(x->by_rule, "authority");
            ck_assert_uint_eq(x->by_start, 38);
            ck_assert_uint_eq(x->by_end, 60);
        }
        if (x->reason == ISTH_LOST_OVERLAP && x->id &&
            !strcmp(x->id, "person:pete-hegseth")) {
            same++;
            ck_assert_str_eq(x->by_id, "person:pete-hegseth");
            ck_assert_str_eq(x->by_rule, "person-after-title");
        }
        if (x->reason == ISTH_LOST_CONTEXT && !strcmp(x->id, "GE"))
            context++;
        if (x->reason == ISTH_LOST_CASE) {
            kase++;
            ck_assert_str_eq(x->id, "person:theresa-may");
            ck_assert_str_eq(x->detail, "exact");
        }
    }
    ck_assert_int_eq(overlap, 1);
    ck_assert_int_eq(same, 1);
    ck_assert_int_eq(context, 1);
    ck_assert_int_eq(kase, 1);
    /* Without the flag nothing is collected. */
    r = annotate(db, s, "Georgia; may.", 0);
    ck_assert_uint_eq(r->n_rejected, 0);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

/* Relabelling rules: what follows or precedes a name decides. */
static const struct ecase RELABEL_CASES[] = {
    /* A score after a country (and a state) makes it a team. */
    {"Panama 2 Jordan 1", 0, "ORG:-@0-6 ORG:-@9-15"},
    /* A date is no score; a GPE without the kind is left alone. */
    {"Panama 1996-08-30", 0, "GPE:PA@0-6"},
    {"Georgia 3 in Tbilisi", 0, "ORG:-@0-7"},
    /* 'before' (text ending where the name starts). */
    {"Ajax v Panama", 0, "ORG:-@7-13"},
    /* extend: the span starts where 'before' matched. */
    {"Lady Panama said so.", 0, "PERSON:-@0-11"},
    {"Lady, Panama said it.", 0, "GPE:PA@6-12"},
    /* drop: the name goes, nothing comes; 'before' may look ahead. */
    {"Not Panama but Jordan.", 0, "GPE:JO@15-21"},
    {"Not Jordan.", 0, "GPE:JO@4-10"},
    /* Same label and span: still linked to its entry; and shielded from
     * the drop rule after it ("Not" would drop it). */
    {"Governor of Panama spoke.", 0, "GPE:PA@12-18"},
    {"Governor of Panama said so.", 0, "GPE:PA@12-18"},
    {"Panama said so.", 0, ""},
    /* A dropped name drops the names inside it: no "Panama" alone. */
    {"The Panama Canal Zone.", 0, ""},
    {"The Panama Canal.", 0, "LOC:loc:panama-canal@4-16"},
    /* link: exact: the name inside a longer span is not the rule's. */
    {"The Strait of Hormuz region.", 0, "LOC:-@4-27"},
    {"The Strait of Hormuz.", 0, "LOC:loc:strait@4-20"},
    /* before_window: "Madam " is out of reach, "Sir " is not. */
    {"Madam Panama spoke.", 0, "GPE:PA@6-12"},
    {"Sir Panama spoke.", 0, "PERSON:-@0-10"},
    /* A list rule: two known places of three make the third one. */
    {"Panama, Jordan and Narnia.", 0, "GPE:PA@0-6 GPE:JO@8-14 GPE:-@19-25"},
    {"Narnia, Panama, Jordan, Oz.", 0,
     "GPE:-@0-6 GPE:PA@8-14 GPE:JO@16-22 GPE:-@24-26"},
    /* One known, or fewer than half: nothing is made. */
    {"Panama, Narnia and Oz.", 0, "GPE:PA@0-6"},
    {"Panama, Jordan, Narnia, Oz and Mordor.", 0, "GPE:PA@0-6 GPE:JO@8-14"},
    /* 'before' with a group: "Narnia" before ", Panama" (a country) is
     * made beside it; not before a strait, nor without the comma; a
     * known name there stays linked (FOLLOW_CASES: names that context
     * decides). */
    {"They met in Narnia, Panama.", 0, "GPE:-@12-18 GPE:PA@20-26"},
    {"They met in Narnia, Strait of Hormuz.", 0, "LOC:loc:strait@20-36"},
    {"They met in Narnia Panama.", 0, "GPE:PA@19-25"},
    {"They met in Jordan, Panama.", 0, "GPE:JO@12-18 GPE:PA@20-26"},
    /* A long list (four known or more) needs only a third known. */
    {"Panama, Narnia, Jordan, Oz, Mordor, Panama, Gondor, Jordan, Rohan, "
     "Arnor, Eriador and Moria.",
     0,
     "GPE:PA@0-6 GPE:-@8-14 GPE:JO@16-22 GPE:-@24-26 GPE:-@28-34 "
     "GPE:PA@36-42 GPE:-@44-50 GPE:JO@52-58 GPE:-@60-65 GPE:-@67-72 "
     "GPE:-@74-81 GPE:-@86-91"},
    {"Panama, Narnia, Jordan, Oz, Mordor, Panama, Gondor, Jordan, Rohan, "
     "Arnor, Eriador, Moria and Dale.",
     0, "GPE:PA@0-6 GPE:JO@16-22 GPE:PA@36-42 GPE:JO@52-58"},
    /* An item a name touches is left as it is ("Canal" is no place). */
    {"Panama, Jordan and Panama Canal.", 0,
     "GPE:PA@0-6 GPE:JO@8-14 LOC:loc:panama-canal@19-31"},
};

/* 'requires': the rule runs only where one of its words is. */
static const struct ecase REQUIRES_CASES[] = {
    {"5 widgets and 3 gizmos.", 0, "QUANTITY:-@0-9 QUANTITY:-@14-22"},
    {"5 WIDGETS, 3 gizmos.", 0, "QUANTITY:-@11-19"},
    {"Only 3 gizmos here.", 0, ""}, /* gated: no 'widgets' */
    {"3 gizmos, widgetsx.", 0, ""}, /* whole words only */
    {"Gadget 7 of the gizmotron.", 0, "PRODUCT:-@0-8"}, /* a prefix */
    {"Gadget 7 is #1.", 0, "PRODUCT:-@0-8"},            /* punctuation */
    {"Gadget 7 alone.", 0, ""},
    /* A relabelling rule too: "vs" is required, "v" is not enough. */
    {"Ajax vs Panama", 0, "ORG:-@8-14"},
    {"Ajax v Panama", 0, "GPE:PA@7-13"},
};

START_TEST(test_rules_requires)
{
    check_case(RULES "requires.yaml", &REQUIRES_CASES[_i]);
}
END_TEST

/* 'propagate': the name less its trailing 'requires' words, anywhere. */
static const struct ecase PROPAGATE_CASES[] = {
    {"Acme Widgets Corp said. Acme Widgets rose.", 0, "ORG:-@0-17 ORG:-@24-36"},
    {"Acme Widgets rose. Acme Widgets Inc. said so.", 0,
     "ORG:-@0-12 ORG:-@19-36"},
    /* Whole words only; the full form alone is the rule's match. */
    {"Acme Corp. Acmes and Acme-like.", 0, "ORG:-@0-10"},
    /* A short form that is a gazetteer name stays that name. */
    {"Panama Inc said. Panama rose.", 0, "ORG:-@0-10 GPE:PA@17-23"},
    /* A rule's person inside a mention gives way to the company. */
    {"Acme Widgets Corp. Acme Widgets and more.", 0, "ORG:-@0-18 ORG:-@19-31"},
    {"Acme Widgets and more.", 0, "PERSON:-@0-12"},
};

START_TEST(test_rules_propagate)
{
    check_case(RULES "propagate.yaml", &PROPAGATE_CASES[_i]);
}
END_TEST

/* 'requires_within': matches start at most N bytes before a required
 * word; windows of several hits merge. */
static const struct ecase WITHIN_CASES[] = {
    {"Alpha Beta Gamma Delta Corp rose.", 0, "ORG:-@11-27"},
    /* "Zeta" starts 14 bytes before its Corp: too far. */
    {"Acme Corp and Zeta Holdings Corp said.", 0, "ORG:-@0-9 ORG:-@19-32"},
    {"Acme Corp Corp rose.", 0, "ORG:-@0-14"},
    {"Alpha Beta Gamma Delta rose.", 0, ""},
};

START_TEST(test_rules_within)
{
    check_case(RULES "within.yaml", &WITHIN_CASES[_i]);
}
END_TEST

/* Steady state: once a scratch has seen a document, annotating it (or a
 * shorter one) again allocates nothing, rules and topics included. */
START_TEST(test_rules_no_alloc_per_document)
{
    isth_db *db = tu_compile_rules(RULES "rules.yaml", RULES "topics.yaml");
    isth_scratch *s = NULL;
    const isth_result *r = NULL;
    const char *big = "Defense Secretary Pete Hegseth saw the Panama Canal "
                      "Authority; a tanker left port. Georgia signed in "
                      "Tbilisi, $1.5 billion at the BIG Summit.";
    const char *small = "A tanker left Panama.";
    isth_error err;
    char want[1024], got[1024];
    size_t n_topics;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    r = annotate(db, s, big, 0);
    describe(r, want, sizeof want);
    n_topics = r->n_topics;
    ck_assert_uint_gt(n_topics, 0);
    isth__test_fail_alloc_after(1); /* the next allocation would fail */
    ck_assert_int_eq(isth_annotate(db, big, strlen(big), 0, s, &r, &err),
                     ISTH_OK);
    describe(r, got, sizeof got);
    ck_assert_str_eq(got, want);
    ck_assert_uint_eq(r->n_topics, n_topics);
    ck_assert_int_eq(isth_annotate(db, small, strlen(small), 0, s, &r, &err),
                     ISTH_OK);
    isth__test_fail_alloc_after(0);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

/* A group of 'before' before a name whose context decides: Georgia the
 * state is no country, and a Georgia that no context keeps is nothing. */
static const struct ecase FOLLOW_CASES[] = {
    {"They met in Narnia, Georgia, near Tbilisi.", 0,
     "GPE:-@12-18 GPE:GE@20-27"},
    {"They met in Narnia, Georgia, near Atlanta.", 0, "GPE:US-GA@20-27"},
    {"They met in Narnia, Georgia.", 0, ""},
};

START_TEST(test_rules_before_group)
{
    check_case(RULES "relabel.yaml", &FOLLOW_CASES[_i]);
}
END_TEST

START_TEST(test_rules_relabel)
{
    check_case(RULES "relabel.yaml", &RELABEL_CASES[_i]);
}
END_TEST

/*
 * The relabelling cases again, all in one document, 40 times over: each
 * piece's entities are those it has alone, moved by where it starts.
 * Rules find the names inside a span by binary search over the names (by
 * end); this checks that search against many names on either side.
 */
START_TEST(test_rules_relabel_in_one_document)
{
    const size_t n_cases = sizeof RELABEL_CASES / sizeof RELABEL_CASES[0];
    isth_db *db = tu_compile_rules(RULES "relabel.yaml", NULL);
    isth_scratch *s = NULL;
    const isth_result *r;
    char *doc, *want, *got;
    size_t cap = 1 << 20, len = 0, wn = 0, k, i, j;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    doc = calloc(cap, 1);
    want = calloc(cap, 1);
    got = calloc(cap, 1);
    ck_assert(doc && want && got);
    for (k = 0; k < 40; k++) {
        for (i = 0; i < n_cases; i++) {
            const char *t = RELABEL_CASES[i].text;
            r = annotate(db, s, t, 0);
            for (j = 0; j < r->n_entities; j++) {
                const isth_match *m = &r->entities[j];
                wn += (size_t)snprintf(want + wn, cap - wn, "%s%s:%s@%zu-%zu",
                                       wn ? " " : "", m->label,
                                       m->id ? m->id : "-", len + m->start,
                                       len + m->end);
            }
            len += (size_t)snprintf(doc + len, cap - len, "%s\n\n", t);
        }
    }
    ck_assert_uint_lt(wn + 1, cap);
    r = annotate(db, s, doc, 0);
    describe(r, got, cap);
    ck_assert_str_eq(got, want);
    free(doc);
    free(want);
    free(got);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

/*
 * Context conditions in a long document: a window counts the words around
 * the name whatever lies elsewhere, and an excluded entity anywhere in the
 * document excludes.  Conditions look up only the hits near the name (or
 * the first one), so many hits elsewhere cost nothing; here they are what
 * the answer must not depend on.
 */
START_TEST(test_rules_context_in_long_document)
{
    isth_db *db = tu_compile_rules(NULL, NULL);
    isth_scratch *s = NULL;
    const isth_result *r;
    char *doc;
    size_t cap = 1 << 20, len = 0, k, near_ga = 0, near_ga2 = 0;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    ck_assert((doc = calloc(cap, 1)) != NULL);
    for (k = 0; k < 3000; k++) /* Atlanta everywhere, but far */
        len += (size_t)snprintf(doc + len, cap - len, "Atlanta x y z w v u ");
    len += (size_t)snprintf(doc + len, cap - len,
                            "Georgia, a, b, c, d, e, f, g, h, i, j. ");
    near_ga = len;
    len +=
        (size_t)snprintf(doc + len, cap - len,
                         "Georgia, a, b, c, d, Atlanta. Michael Jordan and ");
    for (k = 0; k < 3000; k++) /* and far after it */
        len += (size_t)snprintf(doc + len, cap - len, "q Atlanta ");
    len += (size_t)snprintf(doc + len, cap - len, "r s t u v w. ");
    near_ga2 = len + (size_t)strlen("Atlanta, a, b, c, d, ");
    len += (size_t)snprintf(doc + len, cap - len,
                            "Atlanta, a, b, c, d, Georgia and ");
    for (k = 0; k < 3000; k++)
        len += (size_t)snprintf(doc + len, cap - len, "q ");
    len += (size_t)snprintf(doc + len, cap - len, "Jordan.");
    r = annotate(db, s, doc, 0);
    ck_assert_uint_eq(r->n_entities, 3);
    ck_assert_str_eq(r->entities[0].id, "US-GA"); /* 5 words on */
    ck_assert_uint_eq(r->entities[0].start, near_ga);
    ck_assert_str_eq(r->entities[1].id, "person:michael-jordan");
    ck_assert_str_eq(r->entities[2].id, "US-GA"); /* Atlanta 5 words back */
    ck_assert_uint_eq(r->entities[2].start, near_ga2);
    free(doc);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

/* The name that was relabelled is explained as such. */
START_TEST(test_rules_relabel_explained)
{
    isth_db *db = tu_compile_rules(RULES "relabel.yaml", NULL);
    isth_scratch *s = NULL;
    const isth_result *r;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    r = annotate(db, s, "Panama 2", ISTH_SCAN_EXPLAIN);
    ck_assert_uint_eq(r->n_rejected, 1);
    ck_assert_str_eq(r->rejected[0].id, "PA");
    ck_assert_str_eq(r->rejected[0].by_rule, "team-score");
    ck_assert(strstr(r->rejected[0].detail, "relabelled") != NULL);
    r = annotate(db, s, "Not Panama", ISTH_SCAN_EXPLAIN);
    ck_assert_uint_eq(r->n_entities, 0);
    ck_assert_uint_eq(r->n_rejected, 1);
    ck_assert_int_eq(r->rejected[0].reason, ISTH_LOST_RULE);
    ck_assert_str_eq(r->rejected[0].by_rule, "not-a-place");
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

static const isth_topic_score *topic(const isth_result *r, const char *l);

/* ------------------------------------------------------------------ */
/* Limits                                                               */

START_TEST(test_rules_match_limit)
{
    isth_db *db = tu_compile_rules(
        _i ? RULES "slow-topic.yaml" : RULES "slow.yaml", NULL);
    isth_scratch *s = NULL;
    const isth_result *r = NULL;
    char text[200];
    isth_error err;
    clock_t t0 = clock();
    int rc;

    memset(text, 'a', 120);
    strcpy(text + 120, "!");
    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    rc = isth_annotate(db, text, strlen(text), 0, s, &r, &err);
    ck_assert_int_eq(rc, ISTH_ELIMIT);
    ck_assert(r == NULL);
    ck_assert_int_eq(err.code, ISTH_ELIMIT);
    ck_assert_msg(strstr(err.msg, "match limit") != NULL, "%s", err.msg);
    ck_assert_msg(strstr(err.msg, _i ? "topic 'slow'" : "'catastrophic'"), "%s",
                  err.msg);
    /* Seconds, not the lifetime of the universe. */
    ck_assert_msg((double)(clock() - t0) / CLOCKS_PER_SEC < 10,
                  "took too long");
    /* The scratch is usable for the next document. */
    rc = isth_annotate(db, "all fine", 8, 0, s, &r, &err);
    ck_assert_int_eq(rc, ISTH_OK);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

START_TEST(test_rules_invalid_utf8)
{
    isth_db *db = tu_compile_rules(RULES "rules.yaml", RULES "topics.yaml");
    isth_scratch *s = NULL;
    const isth_result *r;
    static const char text[] =
        "President Bad\xff Name \xc3 \0 a tanker $2 million";
    isth_error err;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    ck_assert_int_eq(isth_annotate(db, text, sizeof text - 1, 0, s, &r, &err),
                     ISTH_OK);
    /* "Bad" stops at the invalid byte; the amount is found after NUL. */
    ck_assert_uint_eq(r->n_entities, 2);
    ck_assert_str_eq(r->entities[0].label, "PERSON");
    ck_assert_uint_eq(r->entities[0].start, 10);
    ck_assert_uint_eq(r->entities[0].end, 13);
    ck_assert_str_eq(r->entities[1].label, "MONEY");
    ck_assert(topic(r, "ships") != NULL);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Topics                                                               */

/* The documented formula, with the fixture's scoring constants. */
static double expected(double raw, double words)
{
    double units = words / 10 < 1 ? 1 : words / 10;
    double s = raw > 0 ? 1 - exp(-raw / sqrt(units) / 2) : 0;
    return floor(s * 10000 + 0.5) / 10000;
}

static const isth_topic_score *topic(const isth_result *r, const char *l)
{
    size_t i;
    for (i = 0; i < r->n_topics; i++)
        if (!strcmp(r->topics[i].label, l))
            return &r->topics[i];
    return NULL;
}

#define W10 "w w w w w w w w w w "

struct tcase {
    const char *text;
    double raw, words; /* by hand from the fixture's cues */
    int labelled;
};

static const struct tcase TOPIC_CASES[] = {
    /* One tanker, outside the lead (3 words): 2 x (1 + ln 1). */
    {"one two three a tanker", 2, 5, 1},
    /* The same in the lead counts twice. */
    {"a tanker one two three", 4, 5, 1},
    /* Two hits of one cue: 2 x (1 + ln 2); a prefix cue (port*). */
    {"one two three tanker tanker", 2 * (1 + 0.69314718055994531), 5, 1},
    {"one two three ports", 2, 4, 1},
    /* A negative cue takes away. */
    {"one two three tanker football", 1, 5, 0},
    /* Pattern and entity cues (the canal is an entity of kind canal). */
    {"one two three 300000 dwt via the Panama Canal", 1 + 3, 9, 1},
    {"one two three Strait of Hormuz", 3, 6, 1},
    /* Length: 105 words make 10.5 units, so the same two tankers that
     * label a short text (above) stay below the threshold here. */
    {"one two three tanker tanker " W10 W10 W10 W10 W10 W10 W10 W10 W10 W10,
     2 * (1 + 0.69314718055994531), 105, 0},
    /* Nothing. */
    {"football", -1, 1, 0},
};

START_TEST(test_topics_score)
{
    const struct tcase *c = &TOPIC_CASES[_i];
    isth_db *db = tu_compile_rules(RULES "topics.yaml", NULL);
    isth_scratch *s = NULL;
    const isth_result *r;
    const isth_topic_score *t;
    double want = expected(c->raw, c->words);

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    r = annotate(db, s, c->text, 0);
    ck_assert_uint_eq(r->n_words, (size_t)c->words);
    t = topic(r, "ships");
    if (want <= 0) {
        ck_assert_msg(t == NULL, "'%s': score %g", c->text, t ? t->score : 0);
    } else {
        ck_assert_msg(t != NULL, "'%s': no score", c->text);
        ck_assert_msg(fabs(t->score - want) < 1e-9, "'%s': %.6f, want %.6f",
                      c->text, t->score, want);
        ck_assert_int_eq(t->labelled, c->labelled);
        ck_assert_int_eq(t->labelled, t->score >= 0.5);
    }
    ck_assert(topic(r, "quiet") == NULL);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

START_TEST(test_topics_evidence)
{
    isth_db *db = tu_compile_rules(RULES "topics.yaml", NULL);
    isth_scratch *s = NULL;
    const isth_result *r;
    const isth_topic_score *t;
    const char *text = "Tankers? No: a tanker reached the port, 5 dwt.";
    char words[2100];
    size_t i;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    r = annotate(db, s, text, 0);
    t = topic(r, "ships");
    ck_assert(t != NULL);
    ck_assert_uint_eq(t->n_evidence, 3);
    ck_assert_uint_eq(t->n_hits, 3);
    ck_assert_str_eq(t->evidence[0].cue, "tanker");
    ck_assert_uint_eq(t->evidence[0].start, 15);
    ck_assert_uint_eq(t->evidence[0].end, 21);
    ck_assert_str_eq(t->evidence[1].cue, "port*");
    ck_assert_uint_eq(t->evidence[1].end, 38);
    ck_assert_str_eq(t->evidence[2].cue, "tonnage");
    ck_assert(t->evidence[2].weight == 1);
    /* Evidence is capped at 32 per topic; the hits are all counted. */
    words[0] = '\0';
    for (i = 0; i < 40; i++)
        strcat(words, "tanker ");
    r = annotate(db, s, words, 0);
    t = topic(r, "ships");
    ck_assert_uint_eq(t->n_evidence, 32);
    ck_assert_uint_eq(t->n_hits, 40);
    /* ISTH_SCAN_NO_TOPICS skips scoring. */
    r = annotate(db, s, words, ISTH_SCAN_NO_TOPICS);
    ck_assert_uint_eq(r->n_topics, 0);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

START_TEST(test_topics_order_and_info)
{
    isth_db *db = tu_compile_rules(RULES "topics.yaml", NULL);
    const char *label, *desc;
    double th;

    ck_assert_uint_eq(isth_db_topic_count(db), 2);
    ck_assert_int_eq(isth_db_topic(db, 0, &label, &desc, &th), ISTH_OK);
    ck_assert_str_eq(label, "ships");
    ck_assert_str_eq(desc, "Test topic about ships.");
    ck_assert(th == 0.5);
    ck_assert_int_eq(isth_db_topic(db, 1, &label, NULL, &th), ISTH_OK);
    ck_assert(th == 0.5); /* the default */
    ck_assert_int_eq(isth_db_topic(db, 2, &label, NULL, NULL), ISTH_EINVAL);
    isth_db_free(db);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Bad rule files                                                       */

static const char *const BAD_RULES[] = {
    "bad_group",
    "bad_regex",
    "bad_scoring",
    "bad_threshold",
    "bad_weight",
    "cueset_unknown_key",
    "duplicate_rule",
    "duplicate_topic",
    "empty_cueset",
    "no_content",
    "root_not_mapping",
    "rule_bad_label",
    "rule_no_label",
    "rule_unknown_key",
    "topic_bad_label",
    "topic_bad_regex",
    "topic_no_description",
    "topic_unknown_id",
    "unknown_group",
    "pattern_and_after",
    "applies_without_after",
    "extend_without_before",
    "list_without_pattern",
    "propagate_without_pattern",
    "within_without_requires",
    "within_out_of_range",
    "window_without_before",
    "requires_empty",
    "group_without_before",
    "group_and_extend",
    "group_zero_before",
    "applies_empty",
    "drop_without_after",
    "within_on_names",
};

START_TEST(test_rules_bad_fixture)
{
    char path[512], line[512], want[1024], got[600], *at;
    const char *gaz = RULES "gaz.yaml", *p = path;
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = (isth_db *)1;
    isth_error err;
    FILE *f;
    int rc;

    snprintf(path, sizeof path, "%s/bad-rules/%s.yaml", ISTH_FIXTURES,
             BAD_RULES[_i]);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s: missing", path);
    ck_assert(fgets(line, sizeof line, f) != NULL);
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    ck_assert_msg(!strncmp(line, "# expect: ", 10), "%s: no expect line",
                  BAD_RULES[_i]);
    if ((at = strstr(line, "{path}"))) {
        *at = '\0';
        snprintf(want, sizeof want, "%s%s%s", line + 10, path, at + 6);
    } else {
        snprintf(want, sizeof want, "%s", line + 10);
    }
    o.gazetteers = &gaz;
    o.n_gazetteers = 1;
    o.rules = &p;
    o.n_rules = 1;
    rc = isth_db_compile(&db, &o, &err);
    ck_assert_msg(rc == ISTH_ESCHEMA || rc == ISTH_EREGEX, "%s: rc %d",
                  BAD_RULES[_i], rc);
    ck_assert(db == NULL);
    ck_assert_str_eq(err.file, path);
    snprintf(got, sizeof got, "%u:%u: %s", err.line, err.col, err.msg);
    ck_assert_msg(!strcmp(got, want), "%s: got '%s', want '%s'", BAD_RULES[_i],
                  got, want);
    if (rc == ISTH_EREGEX)
        ck_assert(err.offset >= 0);
}
END_TEST

/* Searches go ISTH_RE_WINDOW start positions per call: every match is
 * found where an unbounded search finds it, on both sides of a window's
 * end and inside multibyte characters that straddle it; a pattern with
 * \G (which a window would move) searches in one call. */
START_TEST(test_rules_regex_windows)
{
    /* Even places: characters are 2 bytes. */
    static const size_t at[] = {0,
                                ISTH_RE_WINDOW - 2,
                                ISTH_RE_WINDOW,
                                ISTH_RE_WINDOW + 2,
                                2 * ISTH_RE_WINDOW + 8, /* a window on */
                                3 * ISTH_RE_WINDOW + 40};
    size_t n = 3 * ISTH_RE_WINDOW + 64, i, k, start;
    struct isth_re *re = NULL, *g = NULL;
    struct isth_re_state *st = NULL;
    const size_t *ov;
    char *text = malloc(n + 1), msg[128];
    size_t off;

    /* "é" (2 bytes) everywhere, so windows may end inside a character;
     * a needle "Zz" at each place of at[]. */
    for (i = 0; i + 1 < n; i += 2) {
        text[i] = (char)0xC3;
        text[i + 1] = (char)0xA9;
    }
    text[n - 1] = '.';
    text[n] = '\0';
    for (k = 0; k < sizeof at / sizeof at[0]; k++)
        memcpy(text + at[k], "Zz", 2);
    ck_assert_int_eq(isth__re_compile(&re, "Zz", 0, msg, sizeof msg, &off),
                     ISTH_OK);
    ck_assert_int_eq(isth__re_state_new(&st, 1), ISTH_OK);
    isth__re_budget_start(st, n);
    for (k = 0, start = 0; k < sizeof at / sizeof at[0]; k++) {
        ck_assert_int_eq(isth__re_match(re, st, text, n, start, &ov), 1);
        ck_assert_uint_eq(ov[0], at[k]);
        start = ov[1];
    }
    ck_assert_int_eq(isth__re_match(re, st, text, n, start, &ov), 0);
    /* \G: from 0 it can only match at 0, never at a window's start. */
    memset(text, 'a', n);
    memset(text + ISTH_RE_WINDOW + 1, 'b', 8);
    ck_assert_int_eq(isth__re_compile(&g, "\\Gb", 0, msg, sizeof msg, &off),
                     ISTH_OK);
    ck_assert_int_eq(isth__re_match(g, st, text, n, 0, &ov), 0);
    ck_assert_int_eq(isth__re_match(g, st, text, n, ISTH_RE_WINDOW + 1, &ov),
                     1);
    isth__re_free(re);
    isth__re_free(g);
    isth__re_state_free(st);
    free(text);
}
END_TEST

Suite *rules_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("entities");
    TCase *tl = tcase_create("limits");
    TCase *tt = tcase_create("topics");
    TCase *tb = tcase_create("bad");
    int n;

    n = (int)(sizeof ENTITY_CASES / sizeof ENTITY_CASES[0]);
    tcase_add_loop_test(tc, test_rules_entities, 0, n);
    tcase_add_loop_test(tc, test_rules_relabel, 0,
                        (int)(sizeof RELABEL_CASES / sizeof RELABEL_CASES[0]));
    tcase_add_loop_test(tc, test_rules_before_group, 0,
                        (int)(sizeof FOLLOW_CASES / sizeof FOLLOW_CASES[0]));
    tcase_add_test(tc, test_rules_relabel_in_one_document);
    tcase_add_test(tc, test_rules_context_in_long_document);
    tcase_add_test(tc, test_rules_relabel_explained);
    tcase_add_test(tc, test_rules_no_alloc_per_document);
    tcase_add_loop_test(
        tc, test_rules_requires, 0,
        (int)(sizeof REQUIRES_CASES / sizeof REQUIRES_CASES[0]));
    tcase_add_loop_test(
        tc, test_rules_propagate, 0,
        (int)(sizeof PROPAGATE_CASES / sizeof PROPAGATE_CASES[0]));
    tcase_add_loop_test(tc, test_rules_within, 0,
                        (int)(sizeof WITHIN_CASES / sizeof WITHIN_CASES[0]));
    tcase_add_test(tc, test_rules_fields);
    tcase_add_test(tc, test_rules_explain);
    suite_add_tcase(s, tc);
    tcase_set_timeout(tl, 60);
    tcase_add_loop_test(tl, test_rules_match_limit, 0, 2);
    tcase_add_test(tl, test_rules_invalid_utf8);
    tcase_add_test(tl, test_rules_regex_windows);
    suite_add_tcase(s, tl);
    n = (int)(sizeof TOPIC_CASES / sizeof TOPIC_CASES[0]);
    tcase_add_loop_test(tt, test_topics_score, 0, n);
    tcase_add_test(tt, test_topics_evidence);
    tcase_add_test(tt, test_topics_order_and_info);
    suite_add_tcase(s, tt);
    n = (int)(sizeof BAD_RULES / sizeof BAD_RULES[0]);
    tcase_add_loop_test(tb, test_rules_bad_fixture, 0, n);
    suite_add_tcase(s, tb);
    return s;
}
