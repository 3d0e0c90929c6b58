/* SPDX-License-Identifier: MIT */
/*
 * check_match.c - the matcher against a reference: normalize the whole
 * document (isth__normalize, with its offset map), find every name in it
 * by brute force, and keep the hits the boundary rules allow.  The matcher
 * does none of that (it folds, collapses and maps on the fly, starts names
 * only where a word may start, and keeps a ring instead of a map), so any
 * difference between the two, on thousands of generated documents full of
 * marks, ligatures, white-space runs, invalid bytes and names, is a bug.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "../src/db.h"
#include "../src/match.h"
#include "../src/normalize.h"
#include "../src/utf8.h"

struct hitv {
    struct {
        uint32_t p, start, end, len;
        int word_end;
    } h[4096];
    size_t n;
};

static int collect(void *ctx, uint32_t p, size_t start, size_t end,
                   int word_end)
{
    struct hitv *v = ctx;
    ck_assert_uint_lt(v->n, 4096);
    v->h[v->n].p = p;
    v->h[v->n].start = (uint32_t)start;
    v->h[v->n].end = (uint32_t)end;
    v->h[v->n].word_end = word_end;
    v->n++;
    return 0;
}

/* The normalized key of every pattern, read back from the trie. */
struct keys {
    char *k[256];
    size_t n;
};

static void walk(const struct isth_ac *ac, uint32_t s, char *buf, size_t d,
                 struct keys *k)
{
    uint32_t e;
    if (ac->out[s]) {
        ck_assert_uint_lt(ac->out[s] - 1, 256);
        k->k[ac->out[s] - 1] = strndup(buf, d);
        if (ac->out[s] > k->n)
            k->n = ac->out[s];
    }
    for (e = ac->trans_off[s]; e < ac->trans_off[s + 1]; e++) {
        buf[d] = (char)ac->trans_byte[e];
        walk(ac, e + 1, buf, d + 1, k); /* edge e leads to state e + 1 */
    }
}

/* The reference: brute force over the normalized text. */
static void reference(const isth_db *db, const struct keys *k, const char *text,
                      size_t len, struct hitv *v)
{
    struct isth_norm n = {{0}, 0, 0};
    const unsigned char *nt;
    size_t ne, nl, adv;
    uint32_t p;

    v->n = 0;
    ck_assert_int_eq(isth__normalize(&n, text, len, ISTH_NORM_FOLD), 0);
    nt = (const unsigned char *)n.out.ptr;
    nl = n.out.len;
    for (ne = 1; ne <= nl; ne++)
        for (p = (uint32_t)k->n; p-- > 0;) { /* same end: longest first */
            size_t pl = db->pat_len[p], ns = ne - pl;
            int word_end;
            if (pl > ne || memcmp(nt + ns, k->k[p], pl))
                continue;
            if ((ns > 0 && n.src[ns - 1] == n.src[ns]) ||
                (ne < nl && n.src[ne] == n.src[ne - 1]))
                continue;
            if ((db->pat_flags[p] & PAT_WORD_START) && ns > 0 &&
                isth__is_word_cp(isth__utf8_prev(nt, ns)))
                continue;
            word_end =
                !((db->pat_flags[p] & PAT_WORD_END) && ne < nl &&
                  isth__is_word_cp(isth__utf8_decode(nt + ne, nl - ne, &adv)));
            collect(v, p, n.src[ns], n.src[ne], word_end);
        }
    isth__norm_free(&n);
}

static int cmp_hit(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b; /* p, start, end, len */
    if (x[2] != y[2])
        return x[2] < y[2] ? -1 : 1;
    if (x[1] != y[1])
        return x[1] < y[1] ? -1 : 1;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

static void describe(const struct hitv *v, char *out, size_t size)
{
    size_t i, n = 0;
    out[0] = '\0';
    for (i = 0; i < v->n && n < size; i++)
        n += (size_t)snprintf(out + n, size - n, "%u@%u-%u%s ", v->h[i].p,
                              v->h[i].start, v->h[i].end,
                              v->h[i].word_end ? "" : "w");
}

static size_t total_hits; /* so a vacuous pass is caught */

static void compare_sets(const isth_db *db, const struct keys *k,
                         const char *text, size_t len, struct hitv *got_);

static void compare(const isth_db *db, const struct keys *k,
                    struct isth_match_mem *ring, const char *text, size_t len)
{
    static struct hitv got;

    size_t i, pass;

    for (pass = 0; pass < 2; pass++) {
        /* Pass 0 scans as one stream; pass 1 cuts every document it can
         * into two interleaved halves. */
        ring->split_min = pass ? 8 : (size_t)-1;
        got.n = 0;
        ck_assert_int_eq(isth__match(&db->ac, db->pat_len, db->pat_flags, ring,
                                     text, len, collect, &got),
                         0);
        /* Hits come by end, longest (earliest start) first at one end. */
        for (i = 1; i < got.n; i++)
            ck_assert_msg(got.h[i - 1].end < got.h[i].end ||
                              (got.h[i - 1].end == got.h[i].end &&
                               got.h[i - 1].start < got.h[i].start),
                          "pass %zu: hits out of order in '%.*s'", pass,
                          (int)len, text);
        compare_sets(db, k, text, len, &got);
    }
}

static void compare_sets(const isth_db *db, const struct keys *k,
                         const char *text, size_t len, struct hitv *got_)
{
    static struct hitv want, got;
    static char a[65536], b[65536];

    got = *got_;
    reference(db, k, text, len, &want);
    total_hits += want.n;
    /* The order within one end is the automaton's; compare as sets. */
    qsort(got.h, got.n, sizeof got.h[0], cmp_hit);
    qsort(want.h, want.n, sizeof want.h[0], cmp_hit);
    describe(&got, a, sizeof a);
    describe(&want, b, sizeof b);
    ck_assert_msg(!strcmp(a, b), "text '%.*s':\n matcher   %s\n reference %s",
                  (int)len, text, a, b);
}

static const char *const PIECES[] = {
    "New York",
    "new  york",
    "NEW\tYORK",
    "New\n\nYork City",
    "newyork",
    "York",
    "Yorkshire",
    "ew York",
    "NY",
    "ny",
    "NYC",
    "São Paulo",
    "Sa\xcc\x83o Paulo",
    "SÃO PAULO",
    "Zürich",
    "Zu\xcc\x88rich",
    "ZÜRICH",
    "ﬁnance",
    "finance",
    "FINANCE",
    "ﬁ",
    "Straße",
    "STRASSE",
    "strasse",
    "İstanbul",
    "istanbul",
    "'s-Hertogenbosch",
    "’s-Hertogenbosch",
    ".NET",
    "x.NET",
    "(UN)",
    "U.S.",
    "US",
    "USA",
    "us",
    "United  States",
    "A",
    "a",
    "A A",
    "AA",
    "A\xc2\xa0"
    "A",
    "東京",
    "京",
    "東京都",
    "1 2",
    "12",
    "1\xe2\x80\x83"
    "2",
    "a_b",
    "_a_b",
    "Guinea-Bissau",
    "Guinea",
    "Cafe",
    "Café",
    "Cafe\xcc\x81",
    "ΟΔΥΣΣΕΥΣ",
    "Οδυσσευς",
    "οδυσσεύς",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\xc2\xa0",
    "\xe2\x80\x83",
    ",",
    ".",
    "-",
    "'",
    "’",
    "\"",
    "_",
    "x",
    "é",
    "e\xcc\x81",
    "\xc2\xad",
    "\xe2\x80\x8b",
    "\xcc\x81",
    "\xff",
    "\xc3",
    "\xe2\x82",
    "\xf0\x9f\x98\x80",
    "ǅ",
    "Ⅻ",
    "½",
    "ﬀ",
    "0",
    "9",
    "ß",
    "ẞ",
};

START_TEST(test_match_generated)
{
    isth_db *db = tu_compile(ISTH_FIXTURES "/match/names.yaml");
    struct isth_match_mem ring;
    memset(&ring, 0, sizeof ring);
    struct keys k = {{0}, 0};
    char buf[4096], key[1024];
    unsigned seed = 2024;
    size_t i, j;

    walk(&db->ac, 0, key, 0, &k);
    ck_assert_uint_eq(k.n, db->n_patterns);
    for (i = 0; i < 4000; i++) {
        size_t len = 0, parts = 1 + i % 12;
        for (j = 0; j < parts; j++) {
            const char *p;
            seed = seed * 1103515245u + 12345u;
            p = PIECES[(seed >> 8) % (sizeof PIECES / sizeof PIECES[0])];
            memcpy(buf + len, p, strlen(p));
            len += strlen(p);
        }
        compare(db, &k, &ring, buf, len);
    }
    ck_assert_msg(total_hits > 5000, "only %zu hits", total_hits);
    for (i = 0; i < k.n; i++)
        free(k.k[i]);
    isth__match_mem_free(&ring);
    isth_db_free(db);
}
END_TEST

/* The bundled samples and a small dense budget: most states cold, so the
 * sparse steps and the moves between cold and hot states are tested. */
START_TEST(test_match_cold_states)
{
    isth_db *db = tu_compile(ISTH_FIXTURES "/match/names.yaml");
    struct isth_match_mem ring;
    memset(&ring, 0, sizeof ring);
    struct keys k = {{0}, 0};
    char key[1024];
    const char *text = "New York City, Yorkshire and São Paulo: ﬁnance in "
                       "Zürich, NEW  YORK, ’s-Hertogenbosch (UN) U.S. 東京";
    size_t i, budget;

    walk(&db->ac, 0, key, 0, &k);
    for (budget = 0; budget < 40000; budget = budget * 2 + 64) {
        /* The same database with rows made for this budget (its own are
         * in the image). */
        isth_db cold = *db;
        cold.ac.dense = NULL;
        cold.ac.acc = NULL;
        ck_assert_int_eq(isth__ac_densify(&cold.ac, budget), 0);
        compare(&cold, &k, &ring, text, strlen(text));
        free(cold.ac.dense);
        free(cold.ac.acc);
    }
    for (i = 0; i < k.n; i++)
        free(k.k[i]);
    isth__match_mem_free(&ring);
    isth_db_free(db);
}
END_TEST

Suite *match_suite(void)
{
    Suite *s = suite_create("match");
    TCase *tc = tcase_create("reference");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_match_generated);
    tcase_add_test(tc, test_match_cold_states);
    suite_add_tcase(s, tc);
    return s;
}
