/* SPDX-License-Identifier: MIT */
/*
 * check_scan.c - matching semantics, table-driven: normalization as the
 * user sees it, word boundaries, case policies, leftmost-longest and
 * overlaps, exact byte offsets, and bad input (invalid UTF-8, NUL).
 */
#include <string.h>

#include "testutil.h"

struct scase {
    const char *name;
    const char *text;
    size_t len; /* 0 = strlen(text) */
    unsigned flags;
    const char *want; /* "id@start-end ..." in byte offsets */
};

static const struct scase CASES[] = {
    {"plain", "Panama", 0, 0, "PA@0-6"},
    {"accent folds", "Panam\xc3\xa1", 0, 0, "PA@0-7"},
    {"upper case folds", "PANAMA.", 0, 0, "PA@0-6"},
    {"no match inside a word", "Panamanian", 0, 0, ""},
    {"no match after a letter", "\xc3\xa9Panama", 0, 0, ""},
    {"no match before a CJK letter", "Panama\xe4\xb8\xad", 0, 0, ""},
    {"possessive", "Panama's", 0, 0, "PA@0-6"},
    {"curly possessive", "Panama\xe2\x80\x99s", 0, 0, "PA@0-6"},
    {"hyphenated", "Panama-based", 0, 0, "PA@0-6"},
    {"name with non-word edges", "(Panama)", 0, 0, "dotcom@0-8"},
    {"longest wins", "the Panama Canal", 0, 0, "canal@4-16"},
    {"overlaps all", "the Panama Canal", 0, ISTH_SCAN_OVERLAPS_ALL,
     "canal@4-16 PA@4-10"},
    {"leftmost first", "Republic of Panama Canal", 0, 0, "PA@0-18"},
    {"white space runs",
     "Panama \n\xc2\xa0"
     "Canal",
     0, 0, "canal@0-15"},
    {"full-width",
     "\xef\xbc\xb3\xef\xbd\x94\xef\xbd\x92\xef\xbd\x81\xef\xbd"
     "\x89\xef\xbd\x94 \xef\xbd\x8f\xef\xbd\x86 \xef\xbc\xa8\xef"
     "\xbd\x8f\xef\xbd\x92\xef\xbd\x8d\xef\xbd\x95\xef\xbd\x9a",
     0, 0, "hormuz@0-44"},
    {"curly apostrophe in a name", "C\xc3\xb4te d\xe2\x80\x99Ivoire", 0, 0,
     "cote@0-16"},
    {"sharp s expands",
     "HAUPTSTRASSE Hauptstra\xc3\x9f"
     "e",
     0, 0, "strasse@0-12 strasse@13-25"},
    {"dotted capital I", "\xc4\xb0STANBUL istanbul", 0, 0,
     "istanbul@0-9 istanbul@10-18"},
    {"exact short capitals", "US and us", 0, 0, "US@0-2"},
    {"exact with dots", "the U.S. said", 0, 0, "US@4-8"},
    {"title policy", "Turkey and turkey", 0, 0, "turkey@0-6"},
    {"exact alias", "SecDef secdef", 0, 0, "secdef@0-6"},
    {"ampersand name", "AT&T AT&Tx", 0, 0, "att@0-4"},
    {"umlaut three ways", "Zurich Z\xc3\x9cRICH z\xc3\xbcrich", 0, 0,
     "zurich@0-6 zurich@7-14 zurich@15-22"},
    {"invalid UTF-8 is a boundary", "\xffPanama\xfe", 0, 0, "PA@1-7"},
    {"NUL does not truncate", "x\0Panama", 8, 0, "PA@2-8"},
    {"decomposed accent covered", "Panama\xcc\x81 x", 0, 0, "PA@0-8"},
    {"accented multi-word", "Ciudad de Panam\xc3\xa1", 0, 0, "ciudad@0-17"},
    {"empty text", "", 0, 0, ""},
    {"only spaces", "   \n\t ", 0, 0, ""},
    {"person and alias", "Pete Hegseth met Hegseth", 0, 0,
     "secdef@0-12 secdef@17-24"},
};

static isth_db *db;

static void setup(void)
{
    db = tu_compile(ISTH_FIXTURES "/good/basic.yaml");
}

static void teardown(void)
{
    isth_db_free(db);
    db = NULL;
}

/* Scans one case's text with d and compares what it found. */
static void check_case(const isth_db *d, const struct scase *c)
{
    struct collect col;
    char got[1024];
    size_t len = c->len ? c->len : strlen(c->text);

    ck_assert_msg(tu_scan(d, c->text, len, c->flags, &col) == ISTH_OK,
                  "%s: scan failed", c->name);
    tu_describe(&col, got, sizeof got);
    ck_assert_msg(!strcmp(got, c->want), "%s: got '%s', want '%s'", c->name,
                  got, c->want);
}

START_TEST(test_scan_table)
{
    check_case(db, &CASES[_i]);
}
END_TEST

START_TEST(test_scan_alternatives)
{
    struct collect col;

    ck_assert_int_eq(tu_scan(db, "Panama", 6, 0, &col), ISTH_OK);
    ck_assert_int_eq((int)col.n, 1);
    ck_assert_str_eq(col.m[0].id, "PA");
    ck_assert_str_eq(col.alts[0], "pa-loc");
}
END_TEST

static int stop_first(const isth_match *m, void *ctx)
{
    (void)m;
    ++*(int *)ctx;
    return 1;
}

START_TEST(test_scan_callback_stops)
{
    isth_scratch *s = NULL;
    int calls = 0;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    ck_assert_int_eq(
        isth_scan(db, "Panama and Panama", 17, 0, s, stop_first, &calls),
        ISTH_ESTOPPED);
    ck_assert_int_eq(calls, 1);
    isth_scratch_free(s);
}
END_TEST

static isth_scratch *reentrant_scratch;
static int reenter(const isth_match *m, void *ctx)
{
    (void)m;
    *(int *)ctx = isth_scan(db, "Panama", 6, 0, reentrant_scratch, NULL, NULL);
    return 0;
}

START_TEST(test_scan_scratch_in_use)
{
    int inner = 0;

    ck_assert_int_eq(isth_scratch_alloc(db, &reentrant_scratch), ISTH_OK);
    ck_assert_int_eq(
        isth_scan(db, "Panama", 6, 0, reentrant_scratch, reenter, &inner),
        ISTH_OK);
    ck_assert_int_eq(inner, ISTH_ESCRATCH_IN_USE);
    isth_scratch_free(reentrant_scratch);
}
END_TEST

/* Offsets in all three units agree with the text they cover. */
START_TEST(test_scan_units)
{
    /* "𝐀 Zürich" : U+1D400 (4 bytes, 1 code point, 2 UTF-16 units). */
    const char *t = "\xf0\x9d\x90\x80 Z\xc3\xbcrich";
    struct collect col;

    ck_assert_int_eq(tu_scan(db, t, strlen(t), 0, &col), ISTH_OK);
    ck_assert_int_eq((int)col.n, 1);
    ck_assert_int_eq((int)col.m[0].start, 5);
    ck_assert_int_eq((int)col.m[0].end, 12);
    ck_assert_int_eq((int)isth_count_units(t, 5, ISTH_UNIT_CODEPOINTS), 2);
    ck_assert_int_eq((int)isth_count_units(t, 12, ISTH_UNIT_CODEPOINTS), 8);
    ck_assert_int_eq((int)isth_count_units(t, 5, ISTH_UNIT_UTF16), 3);
    ck_assert_int_eq((int)isth_count_units(t, 12, ISTH_UNIT_UTF16), 9);
    ck_assert_int_eq((int)isth_count_units(t, 12, ISTH_UNIT_BYTES), 12);
    /* Invalid bytes count one each. */
    ck_assert_int_eq((int)isth_count_units("\xff\xfe"
                                           "a",
                                           3, ISTH_UNIT_CODEPOINTS),
                     3);
    ck_assert_int_eq((int)isth_count_units("\xe2\x82", 2, ISTH_UNIT_UTF16), 2);
}
END_TEST

/* Scanning does not depend on how many names there are: a scratch reused
 * over documents gives the same answers as a fresh one. */
START_TEST(test_scan_scratch_reuse)
{
    isth_scratch *s = NULL, *c = NULL;
    int i;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    ck_assert_int_eq(isth_scratch_clone(&c, s), ISTH_OK);
    for (i = 0; i < 3; i++) {
        ck_assert_int_eq(
            isth_scan(db, "Panama Canal", 12, 0, i % 2 ? s : c, NULL, NULL),
            ISTH_OK);
    }
    isth_scratch_free(s);
    isth_scratch_free(c);
}
END_TEST

/* The title policy and names of several words. */
static const struct scase TITLE_CASES[] = {
    {"every capital word", "the Croatian Army", 0, 0, "army@4-17"},
    {"a word in lower case", "the Croatian army", 0, 0, ""},
    {"all capitals", "CROATIAN ARMY", 0, 0, "army@0-13"},
    {"the shorter name then", "Stansted airport", 0, 0, "stansted@0-8"},
    {"the longer name", "Stansted Airport", 0, 0, "stansted-airport@0-16"},
    {"lower-case words stay free", "Newcastle upon Tyne", 0, 0,
     "newcastle@0-19"},
    {"first word in lower case in the name", "al-Qaeda and al-qaeda", 0, 0,
     "qaeda@0-8"},
    {"dotted capitals", "U.S. Army, U.S. army", 0, 0, "usarmy@0-9"},
    {"an alias that writes it in lower case", "New democracy", 0, 0,
     "party@0-13"},
    {"first letter still decides", "croatian Army", 0, 0, ""},
};

START_TEST(test_scan_title)
{
    isth_db *tdb = tu_compile(ISTH_FIXTURES "/good/title.yaml");

    check_case(tdb, &TITLE_CASES[_i]);
    isth_db_free(tdb);
}
END_TEST

Suite *scan_suite(void)
{
    Suite *s = suite_create("scan");
    TCase *tc = tcase_create("semantics");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_scan_table, 0,
                        (int)(sizeof CASES / sizeof CASES[0]));
    tcase_add_test(tc, test_scan_alternatives);
    tcase_add_test(tc, test_scan_callback_stops);
    tcase_add_test(tc, test_scan_scratch_in_use);
    tcase_add_test(tc, test_scan_units);
    tcase_add_test(tc, test_scan_scratch_reuse);
    tcase_add_loop_test(tc, test_scan_title, 0,
                        (int)(sizeof TITLE_CASES / sizeof TITLE_CASES[0]));
    suite_add_tcase(s, tc);
    return s;
}
