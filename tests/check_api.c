/* SPDX-License-Identifier: MIT */
/* check_api.c - misuse of the public API gives ISTH_EINVAL, never a
 * crash; versions, status strings and error formatting; the inputs hash
 * a compiled database carries. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

START_TEST(test_api_version)
{
    ck_assert_int_eq(isth_version(), ISTH_VERSION_NUMBER);
    ck_assert_str_eq(isth_version_string(), ISTH_VERSION_STRING);
}
END_TEST

START_TEST(test_api_null_arguments)
{
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_scratch *s = NULL;
    isth_db *db = NULL;
    isth_error err;

    ck_assert_int_eq(isth_db_compile(NULL, &o, &err), ISTH_EINVAL);
    ck_assert_int_eq(isth_db_compile(&db, NULL, &err), ISTH_EINVAL);
    ck_assert_int_eq(isth_db_compile(&db, NULL, NULL), ISTH_EINVAL);
    ck_assert_int_eq(isth_scratch_alloc(NULL, &s), ISTH_EINVAL);
    ck_assert_int_eq(isth_scratch_clone(NULL, NULL), ISTH_EINVAL);
    ck_assert_int_eq(isth_scan(NULL, "x", 1, 0, s, NULL, NULL), ISTH_EINVAL);
    ck_assert_int_eq(isth_db_entity(NULL, 0, NULL), ISTH_EINVAL);
    ck_assert(isth_db_find(NULL, "x") == (size_t)-1);
    ck_assert_uint_eq(isth_db_entity_count(NULL), 0);
    isth_db_free(NULL);
    isth_scratch_free(NULL);
}
END_TEST

START_TEST(test_api_options_version)
{
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = NULL;
    isth_error err;

    o.version = 99;
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_EINVAL);
    ck_assert_int_eq(err.code, ISTH_EINVAL);
    ck_assert_ptr_null(db);
}
END_TEST

START_TEST(test_api_rules_paths)
{
    static const char *const rules[] = {"/nonexistent/rules.yaml"};
    static const char *const g[] = {ISTH_FIXTURES "/good/basic.yaml"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = NULL;
    isth_error err;

    o.n_rules = 1;
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_EINVAL);
    ck_assert_str_eq(err.msg, "rules is NULL");
    o.rules = rules;
    o.gazetteers = g;
    o.n_gazetteers = 1;
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_EIO);
    ck_assert_str_eq(err.file, "/nonexistent/rules.yaml");
    ck_assert_ptr_null(db);
}
END_TEST

START_TEST(test_api_missing_file)
{
    static const char *const g[] = {"/nonexistent/gazetteer.yaml"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = NULL;
    isth_error err;
    char buf[512];

    o.gazetteers = g;
    o.n_gazetteers = 1;
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_EIO);
    isth_error_format(&err, buf, sizeof buf);
    ck_assert_str_eq(buf, "/nonexistent/gazetteer.yaml: cannot open: No such "
                          "file or directory");
}
END_TEST

START_TEST(test_api_error_format)
{
    isth_error e;
    char small[8];

    memset(&e, 0, sizeof e);
    strcpy(e.file, "a.yaml");
    e.line = 3;
    e.col = 7;
    strcpy(e.msg, "bad");
    ck_assert_uint_eq(isth_error_format(&e, small, sizeof small),
                      strlen("a.yaml:3:7: bad"));
    ck_assert_str_eq(small, "a.yaml:");
    ck_assert_str_eq(isth_strerror(ISTH_ENOMEM), "out of memory");
    ck_assert_str_eq(isth_strerror(12345), "unknown error");
}
END_TEST

START_TEST(test_api_empty_database)
{
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_scratch *s = NULL;
    isth_db *db = NULL;

    ck_assert_int_eq(isth_db_compile(&db, &o, NULL), ISTH_OK);
    ck_assert_uint_eq(isth_db_entity_count(db), 0);
    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    ck_assert_int_eq(isth_scan(db, "Panama", 6, 0, s, NULL, NULL), ISTH_OK);
    ck_assert_int_eq(isth_scan(db, "x", 1, 1u << 9, s, NULL, NULL),
                     ISTH_EINVAL);
    isth_scratch_free(s);
    isth_db_free(db);
}
END_TEST

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* The database's inputs hash is of the bytes it was built from: a file
 * edited after the cache key was computed but before the compile gives a
 * database that carries the new bytes' hash, never the old key. */
START_TEST(test_api_inputs_hash_of_compiled_bytes)
{
    static const char A[] = "label: GPE\nentries:\n  - {id: a, name: Alpha}\n";
    static const char B[] = "label: GPE\nentries:\n  - {id: b, name: Beta}\n";
    char dir[] = "/tmp/isth-hash-XXXXXX", path[64];
    const char *gaz[1];
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_entity_info info;
    isth_db *db = NULL, *copy = NULL;
    uint64_t before, after, carried;
    char *bytes;
    size_t len;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/g.yaml", dir);
    gaz[0] = path;
    o.gazetteers = gaz;
    o.n_gazetteers = 1;
    write_text(path, A);
    ck_assert_int_eq(isth_inputs_hash(&o, &before, NULL), ISTH_OK);
    write_text(path, B); /* the edit, between key and compile */
    ck_assert_int_eq(isth_inputs_hash(&o, &after, NULL), ISTH_OK);
    ck_assert(before != after);
    ck_assert_int_eq(isth_db_compile(&db, &o, NULL), ISTH_OK);
    ck_assert_int_eq(isth_db_entity(db, 0, &info), ISTH_OK);
    ck_assert_str_eq(info.id, "b");
    ck_assert_int_eq(isth_db_inputs_hash(db, &carried), ISTH_OK);
    ck_assert(carried == after);
    /* A loaded database does not claim one; misuse is EINVAL. */
    ck_assert_int_eq(isth_db_serialize(db, &bytes, &len), ISTH_OK);
    ck_assert_int_eq(isth_db_deserialize(&copy, bytes, len, NULL), ISTH_OK);
    ck_assert_int_eq(isth_db_inputs_hash(copy, &carried), ISTH_EINVAL);
    ck_assert_int_eq(isth_db_inputs_hash(NULL, &carried), ISTH_EINVAL);
    ck_assert_int_eq(isth_db_inputs_hash(db, NULL), ISTH_EINVAL);
    isth_free(bytes);
    isth_db_free(copy);
    isth_db_free(db);
    unlink(path);
    rmdir(dir);
}
END_TEST

Suite *api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_api_version);
    tcase_add_test(tc, test_api_null_arguments);
    tcase_add_test(tc, test_api_options_version);
    tcase_add_test(tc, test_api_rules_paths);
    tcase_add_test(tc, test_api_missing_file);
    tcase_add_test(tc, test_api_error_format);
    tcase_add_test(tc, test_api_empty_database);
    tcase_add_test(tc, test_api_inputs_hash_of_compiled_bytes);
    suite_add_tcase(s, tc);
    return s;
}
