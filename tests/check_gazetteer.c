/* SPDX-License-Identifier: MIT */
/*
 * check_gazetteer.c - every gazetteer error, one bad fixture each: the
 * fixture's first line says "# expect: LINE:COL: message", and the test
 * checks the code, the position and the exact message.  Also the loading
 * rules: directories, load order, priorities, attributes.
 */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "../src/loader.h"

static const char *const BAD[] = {
    "alias_unknown_key",    "aliases_not_sequence",
    "attribute_not_scalar", "bad_case",
    "bad_priority",         "blank_alias",
    "context_bad_item",     "context_bad_window",
    "context_empty",        "context_not_mapping",
    "context_unknown_id",   "context_unknown_key",
    "duplicate_id",         "duplicate_key",
    "empty_file",           "empty_name",
    "entry_not_mapping",    "id_not_string",
    "missing_id",           "name_not_string",
    "no_entries",           "no_label",
    "root_not_mapping",     "unknown_file_key",
    "unknown_key",          "unknown_label",
    "yaml_syntax",          "yaml_alias_bomb",
    "yaml_deep",            "yaml_nul",
    "yaml_two_documents",   "duplicate_attribute",
};

START_TEST(test_gazetteer_bad_fixture)
{
    char path[512], want[512], got[600];
    const char *p = path;
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = (isth_db *)1;
    isth_error err;
    FILE *f;
    int rc;

    snprintf(path, sizeof path, "%s/bad/%s.yaml", ISTH_FIXTURES, BAD[_i]);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s: missing", path);
    ck_assert(fgets(want, sizeof want, f) != NULL);
    fclose(f);
    want[strcspn(want, "\n")] = '\0';
    ck_assert_msg(!strncmp(want, "# expect: ", 10), "%s: no expect line",
                  BAD[_i]);
    o.gazetteers = &p;
    o.n_gazetteers = 1;
    rc = isth_db_compile(&db, &o, &err);
    ck_assert_msg(rc == ISTH_ESCHEMA || rc == ISTH_EPARSE, "%s: rc %d", BAD[_i],
                  rc);
    ck_assert_msg(db == NULL, "%s: *out not NULL on failure", BAD[_i]);
    ck_assert_int_eq(err.code, rc);
    ck_assert_str_eq(err.file, path);
    snprintf(got, sizeof got, "%u:%u: %s", err.line, err.col, err.msg);
    ck_assert_msg(!strcmp(got, want + 10), "%s: got '%s', want '%s'", BAD[_i],
                  got, want + 10);
}
END_TEST

START_TEST(test_gazetteer_entity_fields)
{
    isth_db *db = tu_compile(ISTH_FIXTURES "/good/basic.yaml");
    isth_entity_info e;
    size_t i = isth_db_find(db, "PA");

    ck_assert(i != (size_t)-1);
    ck_assert_int_eq(isth_db_entity(db, i, &e), ISTH_OK);
    ck_assert_str_eq(e.id, "PA");
    ck_assert_str_eq(e.name, "Panama");
    ck_assert_str_eq(e.label, "GPE");
    ck_assert_str_eq(e.kind, "");
    ck_assert_uint_eq(e.line, 5);
    ck_assert_uint_eq(e.n_attributes, 1);
    ck_assert_str_eq(e.attributes[0].key, "alpha3");
    ck_assert_str_eq(e.attributes[0].value, "PAN");
    ck_assert(isth_db_find(db, "nope") == (size_t)-1);
    i = isth_db_find(db, "canal");
    ck_assert_int_eq(isth_db_entity(db, i, &e), ISTH_OK);
    ck_assert_str_eq(e.label, "LOC");
    ck_assert_int_eq(isth_db_entity(db, 999, &e), ISTH_EINVAL);
    isth_db_free(db);
}
END_TEST

/* A directory loads its files in sorted order; the source names the
 * directory's last component; priority beats load order. */
START_TEST(test_gazetteer_directory)
{
    isth_db *db = tu_compile(ISTH_FIXTURES "/good/dir/");
    struct collect c;
    isth_entity_info e;

    ck_assert_uint_eq(isth_db_entity_count(db), 4);
    ck_assert_int_eq(isth_db_entity(db, 0, &e), ISTH_OK);
    ck_assert_str_eq(e.file, "dir/a.yaml");
    ck_assert_int_eq(isth_db_entity(db, 3, &e), ISTH_OK);
    ck_assert_str_eq(e.file, "dir/sub/c.yaml");
    ck_assert_str_eq(e.kind, "athlete");
    /* "Georgia": a.yaml (country) loads first, b.yaml (state) has
     * priority 5 and wins; the loser is an alternative. */
    ck_assert_int_eq(tu_scan(db, "Georgia", 7, 0, &c), ISTH_OK);
    ck_assert_uint_eq(c.n, 1);
    ck_assert_str_eq(c.m[0].id, "US-GA");
    ck_assert_str_eq(c.alts[0], "GE");
    /* "Jordan": equal priority, earlier load wins. */
    ck_assert_int_eq(tu_scan(db, "Jordan", 6, 0, &c), ISTH_OK);
    ck_assert_str_eq(c.m[0].id, "JO");
    ck_assert_str_eq(c.alts[0], "person:jordan");
    isth_db_free(db);
}
END_TEST

START_TEST(test_gazetteer_did_you_mean)
{
    static const char *const keys[] = {"aliases", "attributes", "name"};

    ck_assert_str_eq(isth__did_you_mean("alias", keys, 3), "aliases");
    ck_assert_str_eq(isth__did_you_mean("nmae", keys, 3), "name");
    ck_assert_ptr_null(isth__did_you_mean("zzzzzz", keys, 3));
    ck_assert_uint_eq(isth__edit_distance("kitten", "sitting", 5), 3);
}
END_TEST

/* --as-of: which names load on which date (fixture good/dated.yaml). */
static const struct {
    const char *as_of, *text, *want;
} DATED[] = {
    /* Without a date: entries load whatever their range, roles do not. */
    {NULL, "Defense Secretary Cy Gone", "p:gone@18-25"},
    {"2021-06-01", "the defense secretary met Gone", "p:old@4-21"},
    {"2023-01-01", "the defense secretary met Gone", "p:new@4-21"},
    {"2019-12-31", "the defense secretary met Gone", "p:gone@26-30"},
    /* Both ends of a range are included. */
    {"2022-12-31", "Defense Secretary", "p:old@0-17"},
};

START_TEST(test_gazetteer_as_of)
{
    static const char *const g[] = {ISTH_FIXTURES "/good/dated.yaml"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    struct collect c;
    isth_db *db = NULL;
    isth_error err;
    char got[512];

    o.gazetteers = g;
    o.n_gazetteers = 1;
    o.as_of = DATED[_i].as_of;
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_OK);
    /* Entities exist whatever the date (their ids stay resolvable). */
    ck_assert_uint_eq(isth_db_entity_count(db), 3);
    tu_scan(db, DATED[_i].text, strlen(DATED[_i].text), 0, &c);
    tu_describe(&c, got, sizeof got);
    ck_assert_msg(!strcmp(got, DATED[_i].want), "%s '%s': got '%s'",
                  DATED[_i].as_of ? DATED[_i].as_of : "no date", DATED[_i].text,
                  got);
    isth_db_free(db);
}
END_TEST

START_TEST(test_gazetteer_as_of_invalid)
{
    static const char *const g[] = {ISTH_FIXTURES "/good/dated.yaml"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = NULL;
    isth_error err;

    o.gazetteers = g;
    o.n_gazetteers = 1;
    o.as_of = "2025-13-01";
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_EINVAL);
    ck_assert_ptr_null(db);
    o.as_of = "yesterday";
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_EINVAL);
}
END_TEST

Suite *gazetteer_suite(void)
{
    Suite *s = suite_create("gazetteer");
    TCase *tc = tcase_create("load");

    tcase_add_loop_test(tc, test_gazetteer_bad_fixture, 0,
                        (int)(sizeof BAD / sizeof BAD[0]));
    tcase_add_test(tc, test_gazetteer_entity_fields);
    tcase_add_loop_test(tc, test_gazetteer_as_of, 0,
                        (int)(sizeof DATED / sizeof DATED[0]));
    tcase_add_test(tc, test_gazetteer_as_of_invalid);
    tcase_add_test(tc, test_gazetteer_directory);
    tcase_add_test(tc, test_gazetteer_did_you_mean);
    suite_add_tcase(s, tc);
    return s;
}
