/* SPDX-License-Identifier: MIT */
/* check_ac.c - the raw automaton: every occurrence of every pattern,
 * overlapping ones included, except those starting inside an ASCII word
 * (a word byte after a word byte), against a naive search. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "../src/ac.h"

struct acase {
    const char *name;
    const char *pats[6];
    const char *hay;
};

static const struct acase CASES[] = {
    {"classic", {"he", "she", "his", "hers"}, "ahishers"},
    {"nested", {"a", "aa", "aaa"}, "aaaa"},
    {"suffix outputs", {"abcd", "bc", "c"}, "xabcdx"},
    {"no match", {"xyz"}, "abcabc"},
    {"prefix of another", {"pan", "panama", "ama"}, "panamanian"},
    {"high bytes", {"\xc3\xa9", "\xef\xbf\xbd"}, "caf\xc3\xa9\xef\xbf\xbd"},
    {"many siblings", {"ab", "ac", "ad", "ae", "af", "ag"}, "agafaeadacab"},
    {"word starts", {"he", "she", "his", "hers", "e r"}, "a his she hers"},
    {"word starts nested", {"new york", "york", "ew", "w y"}, "new york"},
    {"inside words", {"an", "panama", "ama"}, "panamanian an  panama_"},
    {"punctuation starts", {"-led", "led", "'s", "s"}, "us-led x's led"},
    {"digits", {"12", "2b", "b"}, "12b 2b b 1_2"},
};

/* Reports every (pattern, end) pair, sorted by end then pattern index. */
static void via_ac(const struct acase *c, char *out, size_t size)
{
    struct isth_ac_builder b;
    struct isth_ac ac;
    size_t i, n = 0;
    uint32_t st = 0, ex;

    out[0] = '\0';
    ck_assert_int_eq(isth__ac_builder_init(&b), ISTH_OK);
    for (i = 0; i < 6 && c->pats[i]; i++)
        ck_assert_int_eq(isth__ac_add(&b, (const unsigned char *)c->pats[i],
                                      strlen(c->pats[i]), (uint32_t)i, &ex),
                         ISTH_OK);
    ck_assert_int_eq(isth__ac_build(&ac, &b), ISTH_OK);
    for (i = 0; c->hay[i]; i++) {
        char hits[6] = {0};
        uint32_t t;
        size_t p;

        st = isth__ac_step(
            &ac, st, (unsigned char)c->hay[i],
            i > 0 && isth__is_word_byte((unsigned char)c->hay[i - 1]));
        for (t = ac.out[st] ? st : ac.dict[st]; t; t = ac.dict[t])
            hits[ac.out[t] - 1] = 1;
        for (p = 0; p < 6; p++)
            if (hits[p])
                n += (size_t)snprintf(out + n, size - n, "%zu@%zu ", p, i + 1);
    }
    isth__ac_free(&ac);
}

static void naive(const struct acase *c, char *out, size_t size)
{
    size_t i, p, n = 0, hl = strlen(c->hay);

    out[0] = '\0';
    for (i = 1; i <= hl; i++)
        for (p = 0; p < 6 && c->pats[p]; p++) {
            size_t pl = strlen(c->pats[p]), at = i - pl;
            if (pl <= i && !memcmp(c->hay + at, c->pats[p], pl) &&
                !(at > 0 && isth__is_word_byte((unsigned char)c->hay[at - 1]) &&
                  isth__is_word_byte((unsigned char)c->hay[at])))
                n += (size_t)snprintf(out + n, size - n, "%zu@%zu ", p, i);
        }
}

START_TEST(test_ac_matches_naive)
{
    char a[512], b[512];

    via_ac(&CASES[_i], a, sizeof a);
    naive(&CASES[_i], b, sizeof b);
    ck_assert_msg(!strcmp(a, b), "%s: ac '%s' naive '%s'", CASES[_i].name, a,
                  b);
}
END_TEST

START_TEST(test_ac_duplicate_key)
{
    struct isth_ac_builder b;
    uint32_t ex;

    ck_assert_int_eq(isth__ac_builder_init(&b), ISTH_OK);
    ck_assert_int_eq(isth__ac_add(&b, (const unsigned char *)"ab", 2, 0, &ex),
                     ISTH_OK);
    ck_assert_uint_eq(ex, UINT32_MAX);
    ck_assert_int_eq(isth__ac_add(&b, (const unsigned char *)"ab", 2, 1, &ex),
                     ISTH_OK);
    ck_assert_uint_eq(ex, 0);
    isth__ac_builder_free(&b);
}
END_TEST

Suite *ac_suite(void)
{
    Suite *s = suite_create("ac");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_ac_matches_naive, 0,
                        (int)(sizeof CASES / sizeof CASES[0]));
    tcase_add_test(tc, test_ac_duplicate_key);
    suite_add_tcase(s, tc);
    return s;
}
