/* SPDX-License-Identifier: MIT */
/* check_normalize.c - what names and text turn into, and the offset map
 * back to the original. */
#include <string.h>

#include "testutil.h"
#include "../src/normalize.h"

struct ncase {
    const char *name, *in;
    unsigned flags;
    const char *out;
};

static const struct ncase CASES[] = {
    {"ascii fold", "Panama CANAL", ISTH_NORM_FOLD, "panama canal"},
    {"ascii keep case", "Panama CANAL", 0, "Panama CANAL"},
    {"accents", "Panam\xc3\xa1 Z\xc3\xbcrich", ISTH_NORM_FOLD, "panama zurich"},
    {"accents keep case",
     "\xc3\x89LYS\xc3\x89"
     "E",
     0, "ELYSEE"},
    {"sharp s",
     "Stra\xc3\x9f"
     "e",
     ISTH_NORM_FOLD, "strasse"},
    {"dotted I", "\xc4\xb0stanbul", ISTH_NORM_FOLD, "istanbul"},
    {"ligature", "\xef\xac\x81nance", ISTH_NORM_FOLD, "finance"},
    {"full-width", "\xef\xbc\xb5\xef\xbc\xb3", 0, "US"},
    {"right single quote",
     "d\xe2\x80\x99"
     "Ivoire",
     ISTH_NORM_FOLD, "d'ivoire"},
    {"left single quote",
     "\xe2\x80\x98"
     "a",
     0, "'a"},
    {"double quotes",
     "\xe2\x80\x9c"
     "a\xe2\x80\x9d",
     0, "\"a\""},
    {"en dash",
     "a\xe2\x80\x93"
     "b",
     0, "a-b"},
    {"em dash",
     "a\xe2\x80\x94"
     "b",
     0, "a-b"},
    {"minus sign",
     "a\xe2\x88\x92"
     "b",
     0, "a-b"},
    {"white space run", "a \t\n\r\xc2\xa0\xe2\x80\x83 b", 0, "a b"},
    {"soft hyphen dropped",
     "Pan\xc2\xad"
     "ama",
     ISTH_NORM_FOLD, "panama"},
    {"invalid byte",
     "a\xff"
     "b",
     0,
     "a\xef\xbf\xbd"
     "b"},
    {"NUL kept", "a", 0, "a"},
    {"greek final sigma folds", "\xce\xa3", ISTH_NORM_FOLD, "\xcf\x83"},
};

START_TEST(test_normalize_table)
{
    const struct ncase *c = &CASES[_i];
    struct isth_norm n;

    memset(&n, 0, sizeof n);
    ck_assert_int_eq(isth__normalize(&n, c->in, strlen(c->in), c->flags),
                     ISTH_OK);
    ck_assert_msg(n.out.len == strlen(c->out) &&
                      !memcmp(n.out.ptr, c->out, n.out.len),
                  "%s: got '%.*s'", c->name, (int)n.out.len, n.out.ptr);
    isth__norm_free(&n);
}
END_TEST

START_TEST(test_normalize_offset_map)
{
    /* "Straße  X": ß (2 bytes) -> "ss", two spaces -> one. */
    const char *in = "Stra\xc3\x9f"
                     "e  X";
    static const uint32_t want[] = {0, 1, 2, 3, 4, 4, 6, 7, 9, 10};
    struct isth_norm n;
    size_t i;

    memset(&n, 0, sizeof n);
    ck_assert_int_eq(isth__normalize(&n, in, strlen(in), ISTH_NORM_FOLD),
                     ISTH_OK);
    ck_assert_uint_eq(n.out.len, 9);
    for (i = 0; i <= n.out.len; i++)
        ck_assert_msg(n.src[i] == want[i], "src[%zu] = %u, want %u", i,
                      n.src[i], want[i]);
    isth__norm_free(&n);
}
END_TEST

START_TEST(test_normalize_nul)
{
    struct isth_norm n;

    memset(&n, 0, sizeof n);
    ck_assert_int_eq(isth__normalize(&n, "a\0B", 3, ISTH_NORM_FOLD), ISTH_OK);
    ck_assert_uint_eq(n.out.len, 3);
    ck_assert(!memcmp(n.out.ptr, "a\0b", 3));
    isth__norm_free(&n);
}
END_TEST

Suite *normalize_suite(void)
{
    Suite *s = suite_create("normalize");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_normalize_table, 0,
                        (int)(sizeof CASES / sizeof CASES[0]));
    tcase_add_test(tc, test_normalize_offset_map);
    tcase_add_test(tc, test_normalize_nul);
    suite_add_tcase(s, tc);
    return s;
}
