/* SPDX-License-Identifier: MIT */
/* check_utf8.c - decoding, recovery from invalid bytes, word classes. */
#include <string.h>

#include "testutil.h"
#include "../src/utf8.h"

struct dcase {
    const char *name, *bytes;
    int32_t cp;
    size_t adv;
};

static const struct dcase DECODE[] = {
    {"ascii", "A", 'A', 1},
    {"two bytes", "\xc3\xa9", 0xE9, 2},
    {"three bytes", "\xe2\x80\x99", 0x2019, 3},
    {"four bytes", "\xf0\x9d\x90\x80", 0x1D400, 4},
    {"lone continuation", "\x80", 0xFFFD, 1},
    {"overlong slash", "\xc0\xaf", 0xFFFD, 1},
    {"overlong three", "\xe0\x80\xaf", 0xFFFD, 1},
    {"surrogate", "\xed\xa0\x80", 0xFFFD, 1},
    {"above U+10FFFF", "\xf4\x90\x80\x80", 0xFFFD, 1},
    {"truncated", "\xe2\x80", 0xFFFD, 1},
    {"bad lead 0xFF", "\xff", 0xFFFD, 1},
};

START_TEST(test_utf8_decode)
{
    const struct dcase *c = &DECODE[_i];
    size_t adv = 0;
    int32_t cp = isth__utf8_decode((const unsigned char *)c->bytes,
                                   strlen(c->bytes), &adv);
    ck_assert_msg(cp == c->cp && adv == c->adv, "%s: got U+%04X/%zu", c->name,
                  (unsigned)cp, adv);
}
END_TEST

struct wcase {
    int32_t cp;
    int word;
};

static const struct wcase WORD[] = {
    {'a', 1},    {'Z', 1},    {'7', 1},    {'_', 1},    {' ', 0},
    {'-', 0},    {'\'', 0},   {'.', 0},    {0xE9, 1},   {0x4E2D, 1},
    {0x0301, 1}, {0x0660, 1}, {0xFFFD, 0}, {0x2019, 0}, {0x00A0, 0},
};

START_TEST(test_utf8_word_class)
{
    ck_assert_msg(isth__is_word_cp(WORD[_i].cp) == WORD[_i].word, "U+%04X",
                  (unsigned)WORD[_i].cp);
}
END_TEST

START_TEST(test_utf8_encode_round_trip)
{
    static const int32_t cps[] = {0x41, 0xE9, 0x2019, 0x1D400, 0x10FFFF};
    unsigned char buf[4];
    size_t i, n, adv;

    for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        n = isth__utf8_encode(cps[i], buf);
        ck_assert(isth__utf8_decode(buf, n, &adv) == cps[i]);
        ck_assert_uint_eq(adv, n);
        ck_assert(isth__utf8_prev(buf, n) == cps[i]);
    }
}
END_TEST

Suite *utf8_suite(void)
{
    Suite *s = suite_create("utf8");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_utf8_decode, 0,
                        (int)(sizeof DECODE / sizeof DECODE[0]));
    tcase_add_loop_test(tc, test_utf8_word_class, 0,
                        (int)(sizeof WORD / sizeof WORD[0]));
    tcase_add_test(tc, test_utf8_encode_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
