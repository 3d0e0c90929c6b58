/* SPDX-License-Identifier: MIT */
/*
 * check_serialize.c - the database file: a round trip gives the same bytes
 * and the same annotations; truncation at every length, every flipped
 * byte, another format version and random mutations (with the checksum
 * fixed up, so that validation itself is tested) are refused without a
 * crash; an unaligned buffer loads.  Run under ASan in CI.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crc_ref.h"
#include "testutil.h"
#include "../src/alloc.h"
#include "../src/crc32c.h"

#define RULES ISTH_FIXTURES "/rules/"

/* Compiles the rule fixtures: every section is non-empty. */
static isth_db *compile_full(void)
{
    static const char *const gaz[] = {RULES "gaz.yaml"};
    static const char *const rules[] = {RULES "rules.yaml", RULES "topics.yaml",
                                        RULES "relabel.yaml",
                                        RULES "requires.yaml"};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_db *db = NULL;
    isth_error err;

    o.gazetteers = gaz;
    o.n_gazetteers = 1;
    o.rules = rules;
    o.n_rules = 4;
    ck_assert_int_eq(isth_db_compile(&db, &o, &err), ISTH_OK);
    return db;
}

static const char *const TEXTS[] = {
    "Defense Secretary Pete Hegseth saw the Panama Canal Authority.",
    "Georgia signed in Tbilisi; a tanker left port, 300000 dwt.",
    "Panama 2 Jordan 1. Lady Panama. Not Panama. $2 million.",
    "Prime Minister May spoke in May; Michael Jordan met Jordan's king.",
    "5 widgets, 3 gizmos; Gadget 7 is #1.",
    "Panama, Jordan and Narnia; Governor of Panama said so.",
    "Sir Panama met Madam Panama.", /* before_window survives the trip */
    "They met in Narnia, Panama.",  /* and a group of 'before' */
};

/* The entities and topics of text as one string. */
static void describe_all(const isth_db *db, const char *text, char *buf,
                         size_t size)
{
    isth_scratch *s = NULL;
    const isth_result *r;
    isth_error err;
    size_t i, n = 0;

    ck_assert_int_eq(isth_scratch_alloc(db, &s), ISTH_OK);
    ck_assert_int_eq(
        isth_annotate(db, text, strlen(text), ISTH_SCAN_EXPLAIN, s, &r, &err),
        ISTH_OK);
    buf[0] = '\0';
    for (i = 0; i < r->n_entities && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s:%s:%s@%zu-%zu ",
                              r->entities[i].label,
                              r->entities[i].id ? r->entities[i].id : "-",
                              r->entities[i].rule ? r->entities[i].rule : "",
                              r->entities[i].start, r->entities[i].end);
    for (i = 0; i < r->n_topics && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s=%.4f ", r->topics[i].label,
                              r->topics[i].score);
    for (i = 0; i < r->n_rejected && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "-%s@%zu:%d ",
                              r->rejected[i].id ? r->rejected[i].id : "-",
                              r->rejected[i].start, r->rejected[i].reason);
    isth_scratch_free(s);
}

START_TEST(test_serialize_round_trip)
{
    isth_db *db = compile_full(), *db2 = NULL;
    char *b1, *b2, want[2048], got[2048];
    size_t l1, l2, i;
    isth_error err;

    ck_assert_int_eq(isth_db_serialize(db, &b1, &l1), ISTH_OK);
    ck_assert_int_eq(isth_db_deserialize(&db2, b1, l1, &err), ISTH_OK);
    ck_assert_uint_eq(isth_db_entity_count(db2), isth_db_entity_count(db));
    ck_assert_uint_eq(isth_db_rule_count(db2), isth_db_rule_count(db));
    ck_assert_uint_eq(isth_db_topic_count(db2), isth_db_topic_count(db));
    for (i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++) {
        describe_all(db, TEXTS[i], want, sizeof want);
        describe_all(db2, TEXTS[i], got, sizeof got);
        ck_assert_msg(!strcmp(want, got), "'%s': %s vs %s", TEXTS[i], want,
                      got);
    }
    /* Same database, same bytes. */
    ck_assert_int_eq(isth_db_serialize(db2, &b2, &l2), ISTH_OK);
    ck_assert_uint_eq(l1, l2);
    ck_assert(!memcmp(b1, b2, l1));
    isth_free(b1);
    isth_free(b2);
    isth_db_free(db);
    isth_db_free(db2);
}
END_TEST

START_TEST(test_serialize_truncated)
{
    isth_db *db = tu_compile(ISTH_FIXTURES "/good/basic.yaml"), *d2;
    char *b;
    size_t len, n;
    isth_error err;

    ck_assert_int_eq(isth_db_serialize(db, &b, &len), ISTH_OK);
    for (n = 0; n < len; n++) {
        d2 = (isth_db *)1;
        ck_assert_msg(isth_db_deserialize(&d2, b, n, &err) == ISTH_EBADDB,
                      "length %zu of %zu loaded", n, len);
        ck_assert_ptr_null(d2);
    }
    isth_free(b);
    isth_db_free(db);
}
END_TEST

START_TEST(test_serialize_flipped)
{
    isth_db *db = tu_compile(ISTH_FIXTURES "/good/basic.yaml"), *d2;
    char *b;
    size_t len, i;
    isth_error err;
    int rc;

    ck_assert_int_eq(isth_db_serialize(db, &b, &len), ISTH_OK);
    for (i = 0; i < len; i++) {
        b[i] ^= 0x20;
        d2 = NULL;
        rc = isth_db_deserialize(&d2, b, len, &err);
        /* Bytes 8-15 are the format version and the flags. */
        ck_assert_msg(rc == (i >= 8 && i < 16 ? ISTH_EDBVERSION : ISTH_EBADDB),
                      "flipping byte %zu: %d", i, rc);
        isth_db_free(d2);
        b[i] ^= 0x20;
    }
    isth_free(b);
    isth_db_free(db);
}
END_TEST

START_TEST(test_serialize_mutated)
{
    isth_db *db = compile_full(), *d2;
    char *b, *m;
    size_t len, i, k;
    unsigned seed = 12345, c;
    isth_error err;
    int rc, loaded = 0;

    ck_assert_int_eq(isth_db_serialize(db, &b, &len), ISTH_OK);
    m = malloc(len);
    for (i = 0; i < 3000; i++) {
        memcpy(m, b, len);
        for (k = 0; k < 1 + i % 4; k++) {
            seed = seed * 1103515245u + 12345u;
            m[CRC_FROM + (seed >> 8) % (len - CRC_FROM)] ^=
                (char)(1u << ((seed >> 3) % 8));
        }
        c = crc_ref((unsigned char *)m + CRC_FROM, len - CRC_FROM);
        m[24] = (char)c;
        m[25] = (char)(c >> 8);
        m[26] = (char)(c >> 16);
        m[27] = (char)(c >> 24);
        d2 = NULL;
        rc = isth_db_deserialize(&d2, m, len, &err);
        ck_assert_msg(rc == ISTH_OK || rc == ISTH_EBADDB, "mutation %zu: %d", i,
                      rc);
        if (rc == ISTH_OK) {
            /* Whatever still validates must scan without harm. */
            char out[2048];
            size_t t;
            loaded++;
            for (t = 0; t < sizeof TEXTS / sizeof TEXTS[0]; t++)
                describe_all(d2, TEXTS[t], out, sizeof out);
        }
        isth_db_free(d2);
    }
    ck_assert_msg(loaded < 3000, "no mutation was caught");
    free(m);
    isth_free(b);
    isth_db_free(db);
}
END_TEST

/* Sets the CRC of m (len bytes) to what its body says. */
static void fix_crc(char *m, size_t len)
{
    unsigned c = crc_ref((unsigned char *)m + CRC_FROM, len - CRC_FROM);
    m[24] = (char)c;
    m[25] = (char)(c >> 8);
    m[26] = (char)(c >> 16);
    m[27] = (char)(c >> 24);
}

/* A database whose doubles say NaN, infinity or out of range is refused
 * (checksum repaired, so the value check itself is tested): no NaN can
 * reach a score or the JSON.  The four scoring doubles are found by
 * the values the fixture gives them. */
START_TEST(test_serialize_non_finite)
{
    static const double defaults[4] = {3, 2, 10, 2}; /* topics.yaml */
    const double bad[] = {NAN, INFINITY, -INFINITY, 1e300, -1};
    isth_db *db = compile_full(), *d2;
    char *b, *m, *at = NULL;
    size_t len, i, k;
    isth_error err;

    ck_assert_int_eq(isth_db_serialize(db, &b, &len), ISTH_OK);
    for (i = CRC_FROM; i + sizeof defaults <= len && !at; i++)
        if (!memcmp(b + i, defaults, sizeof defaults))
            at = b + i;
    ck_assert_msg(at != NULL, "scoring doubles not found");
    m = malloc(len);
    for (k = 0; k < 4; k++) {
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            memcpy(m, b, len);
            memcpy(m + (at - b) + 8 * k, &bad[i], 8);
            fix_crc(m, len);
            d2 = NULL;
            ck_assert_int_eq(isth_db_deserialize(&d2, m, len, &err),
                             ISTH_EBADDB);
            ck_assert_ptr_null(d2);
        }
    }
    /* The same bytes unchanged, checksum recomputed, still load. */
    memcpy(m, b, len);
    fix_crc(m, len);
    ck_assert_int_eq(isth_db_deserialize(&d2, m, len, &err), ISTH_OK);
    isth_db_free(d2);
    free(m);
    isth_free(b);
    isth_db_free(db);
}
END_TEST

/* Every failed load and save closes what it opened and leaves no
 * temporary file: a missing file, a directory, a FIFO (refused without
 * blocking), an empty file, garbage, a save into a missing directory or
 * over a directory. */
START_TEST(test_serialize_no_leaks_on_errors)
{
    isth_db *db = compile_full(), *d2 = NULL;
    char dir[] = "/tmp/isth-leaks-XXXXXX", p[128];
    isth_error err;
    FILE *f;
    int fds, i;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(p, sizeof p, "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(p, 0600), 0);
    snprintf(p, sizeof p, "%s/empty", dir);
    fclose(fopen(p, "w"));
    snprintf(p, sizeof p, "%s/garbage", dir);
    f = fopen(p, "w");
    for (i = 0; i < 200; i++)
        fputs("not a database ", f);
    fclose(f);
    fds = tu_open_fds();
    for (i = 0; i < 3; i++) {
        static const char *const bad[] = {"missing", "", "fifo", "empty",
                                          "garbage"};
        size_t k;
        for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
            snprintf(p, sizeof p, "%s/%s", dir, bad[k]);
            ck_assert_int_ne(isth_db_load(&d2, p, &err), ISTH_OK);
            ck_assert_ptr_null(d2);
        }
        snprintf(p, sizeof p, "%s/no/such/dir/x.isdb", dir);
        ck_assert_int_eq(isth_db_save(db, p, &err), ISTH_EIO);
        ck_assert_int_eq(isth_db_save(db, dir, &err), ISTH_EIO);
    }
    ck_assert_int_eq(tu_open_fds(), fds);
    snprintf(p, sizeof p, "%s/fifo", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/empty", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/garbage", dir);
    unlink(p);
    ck_assert_int_eq(rmdir(dir), 0); /* nothing else was left in it */
    isth_db_free(db);
}
END_TEST

START_TEST(test_serialize_unaligned_and_file)
{
    isth_db *db = compile_full(), *d2 = NULL;
    char *b, *buf, path[] = "/tmp/isthmus-test-XXXXXX";
    size_t len;
    isth_error err;
    FILE *f;
    int fd;

    ck_assert_int_eq(isth_db_serialize(db, &b, &len), ISTH_OK);
    buf = malloc(len + 1);
    memcpy(buf + 1, b, len);
    ck_assert_int_eq(isth_db_deserialize(&d2, buf + 1, len, &err), ISTH_OK);
    isth_db_free(d2);
    d2 = NULL;
    /* Through a file: save, load; a text-mode mangled copy is refused. */
    fd = mkstemp(path);
    ck_assert(fd >= 0);
    close(fd);
    ck_assert_int_eq(isth_db_save(db, path, &err), ISTH_OK);
    ck_assert_int_eq(isth_db_load(&d2, path, &err), ISTH_OK);
    isth_db_free(d2);
    f = fopen(path, "wb");
    fwrite(b, 1, 5, f);
    fwrite("\n", 1, 1, f); /* "\r\n" became "\n" */
    fwrite(b + 7, 1, len - 7, f);
    fclose(f);
    ck_assert_int_eq(isth_db_load(&d2, path, &err), ISTH_EBADDB);
    ck_assert_str_eq(err.file, path);
    unlink(path);
    ck_assert_int_eq(isth_db_load(&d2, path, &err), ISTH_EIO);
    free(buf);
    isth_free(b);
    isth_db_free(db);
}
END_TEST

START_TEST(test_serialize_oom)
{
    isth_db *db = compile_full(), *d2;
    char *b;
    size_t len;
    isth_error err;
    long n;
    int rc;

    ck_assert_int_eq(isth_db_serialize(db, &b, &len), ISTH_OK);
    for (n = 1; n < 100000; n++) {
        d2 = NULL;
        isth__test_fail_alloc_after(n);
        rc = isth_db_deserialize(&d2, b, len, &err);
        isth__test_fail_alloc_after(0);
        if (rc == ISTH_OK)
            break;
        ck_assert_msg(rc == ISTH_ENOMEM, "allocation %ld: rc %d (%s)", n, rc,
                      err.msg);
        ck_assert_ptr_null(d2);
    }
    ck_assert_int_eq(rc, ISTH_OK);
    isth_db_free(d2);
    isth_free(b);
    isth_db_free(db);
}
END_TEST

/* CRC-32C: the check value, and the hardware path (three streams joined
 * by multiplication) against the bit-at-a-time reference, at lengths and
 * alignments around its block boundaries. */
START_TEST(test_serialize_crc32c)
{
    static const size_t lens[] = {0,     1,     7,     8,     9,     4095,
                                  12287, 12288, 12289, 24576, 24583, 100003};
    unsigned char *buf = malloc(100003 + 8);
    unsigned seed = 7;
    size_t i, a;

    ck_assert_uint_eq(isth__crc32c("123456789", 9), 0xE3069283u);
    ck_assert_uint_eq(isth__crc32c_sw("123456789", 9), 0xE3069283u);
    for (i = 0; i < 100003 + 8; i++) {
        seed = seed * 1103515245u + 12345u;
        buf[i] = (unsigned char)(seed >> 16);
    }
    for (i = 0; i < sizeof lens / sizeof lens[0]; i++)
        for (a = 0; a < 8; a += 3) {
            uint32_t want = crc_ref(buf + a, lens[i]);
            ck_assert_uint_eq(isth__crc32c(buf + a, lens[i]), want);
            ck_assert_uint_eq(isth__crc32c_sw(buf + a, lens[i]), want);
        }
    free(buf);
}
END_TEST

Suite *serialize_suite(void)
{
    Suite *s = suite_create("serialize");
    TCase *tc = tcase_create("format");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_serialize_round_trip);
    tcase_add_test(tc, test_serialize_truncated);
    tcase_add_test(tc, test_serialize_flipped);
    tcase_add_test(tc, test_serialize_mutated);
    tcase_add_test(tc, test_serialize_non_finite);
    tcase_add_test(tc, test_serialize_no_leaks_on_errors);
    tcase_add_test(tc, test_serialize_unaligned_and_file);
    tcase_add_test(tc, test_serialize_oom);
    tcase_add_test(tc, test_serialize_crc32c);
    suite_add_tcase(s, tc);
    return s;
}
