/* SPDX-License-Identifier: MIT */
/*
 * scan_names.c - names: the automaton's matches made candidates (case policy,
 * word boundaries), cue hits, the words of the text (a stage of the scan: see
 * scan.c and scan.h).
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "db.h"
#include "error.h"
#include "match.h"
#include "normalize.h"
#include "regex.h"
#include "scan.h"
#include "utf8.h"

/* ------------------------------------------------------------------ */
/* Names and cues                                                       */

/* Does the original span pass alias a's case policy? */
static int case_ok(const isth_db *db, isth_scratch *s, uint32_t a,
                   const unsigned char *text, size_t start, size_t end,
                   int *err)
{
    const struct isth_arec *al = &db->aliases[a];
    const char *key;

    switch (al->policy) {
    case ISTH_CASE_TITLE: {
        /* Every word the name writes with a capital is capitalized in the
         * text too: "Croatian army" is not the Croatian Army, "turkey"
         * not Turkey; "al-Qaeda" may start in lower case. */
        uint32_t upper, lower;
        isth__word_starts(text + start, end - start, &upper, &lower);
        return !(al->caps & lower);
    }
    case ISTH_CASE_EXACT:
        *err = isth__normalize(&s->nm.exact, (const char *)text + start,
                               end - start, ISTH_NORM_NOMAP);
        if (*err)
            return 0;
        key = isth__exact(db, al);
        return key && s->nm.exact.out.len == al->exact_len &&
               !memcmp(s->nm.exact.out.ptr, key, al->exact_len);
    default: return 1;
    }
}

/* What consider() needs besides the hit. */
struct hit_ctx {
    const isth_db *db;
    isth_scratch *s;
    const char *text;
    int explain;
};

/*
 * Turns a hit of pattern p at original bytes [start, end) (boundaries
 * already checked by the matcher) into a name candidate and cue hits.
 */
static int consider(void *ctx, uint32_t p, size_t start, size_t end,
                    int word_end)
{
    const struct hit_ctx *h_ = ctx;
    const isth_db *db = h_->db;
    isth_scratch *s = h_->s;
    const char *text = h_->text;
    int explain = h_->explain;
    uint32_t k, off;
    int rc = ISTH_OK;
    struct cand *c;

    for (k = db->pat_cue_first[p]; k < db->pat_cue_first[p + 1]; k++) {
        uint32_t cue = db->pat_cue[k];
        struct hit *h;
        if (!word_end && !db->cues[cue].prefix)
            continue;
        if (isth__grow(&s->tx.hits, &s->tx.cap_hits, s->tx.n_hits + 1,
                       sizeof *h))
            return ISTH_ENOMEM;
        h = &s->tx.hits[s->tx.n_hits++];
        s->tx.cue_seen[cue] = 1;
        h->cue = cue;
        h->start = (uint32_t)start;
        h->end = (uint32_t)end;
    }
    if (!word_end || db->pat_first[p] == db->pat_first[p + 1])
        return ISTH_OK;

    off = (uint32_t)s->nm.n_aliasv;
    for (k = db->pat_first[p]; k < db->pat_first[p + 1]; k++) {
        uint32_t a = db->pat_alias[k];
        if (!case_ok(db, s, a, (const unsigned char *)text, start, end, &rc)) {
            if (rc)
                return rc;
            continue;
        }
        if (isth__grow(&s->nm.aliasv, &s->nm.cap_aliasv, s->nm.n_aliasv + 1,
                       sizeof *s->nm.aliasv))
            return ISTH_ENOMEM;
        s->nm.aliasv[s->nm.n_aliasv++] = a;
    }
    if (s->nm.n_aliasv == off) {
        struct case_loss *cl;
        if (!explain)
            return ISTH_OK;
        if (isth__grow(&s->nm.closs, &s->nm.cap_closs, s->nm.n_closs + 1,
                       sizeof *cl))
            return ISTH_ENOMEM;
        cl = &s->nm.closs[s->nm.n_closs++];
        cl->start = (uint32_t)start;
        cl->end = (uint32_t)end;
        cl->alias = db->pat_alias[db->pat_first[p]];
        return ISTH_OK;
    }
    if (isth__grow(&s->nm.cands, &s->nm.cap_cands, s->nm.n_cands + 1,
                   sizeof *c))
        return ISTH_ENOMEM;
    c = &s->nm.cands[s->nm.n_cands++];
    memset(c, 0, sizeof *c);
    c->start = (uint32_t)start;
    c->end = (uint32_t)end;
    c->alias_off = off;
    c->n_alias = (uint32_t)(s->nm.n_aliasv - off);
    c->rule = NONE;
    c->id_off = NONE;
    c->name_off = NONE;
    return ISTH_OK;
}

/* The names and cue hits of the text (the automaton's matches):
 * cands[0, n_names) are the names, by end. */
int isth__find_names(const isth_db *db, isth_scratch *s, const char *text,
                     size_t len, int explain)
{
    int rc;

    if (db->n_patterns) {
        struct hit_ctx hc;
        hc.db = db;
        hc.s = s;
        hc.text = text;
        hc.explain = explain;
        if ((rc = isth__match(&db->ac, db->pat_len, db->pat_flags, &s->nm.match,
                              text, len, consider, &hc)))
            return rc;
    }
    s->nm.n_names = s->nm.n_cands;
#ifndef NDEBUG
    {
        size_t i;
        for (i = 1; i < s->nm.n_names; i++)
            assert(s->nm.cands[i - 1].end <= s->nm.cands[i].end);
    }
#endif
    return ISTH_OK;
}

/* Start offsets of the words of text (maximal runs of word characters),
 * found once a document, by the first stage that needs them. */
int isth__find_words(isth_scratch *s, const unsigned char *t, size_t len)
{
    size_t i = 0, adv, n = 0;
    int in_word = 0;

    if (s->tx.have_words)
        return ISTH_OK;
    while (i < len) {
        int w;
        if (t[i] < 0x80) {
            w = isth__is_word_byte(t[i]);
            adv = 1;
        } else {
            w = isth__is_word_cp(isth__utf8_decode(t + i, len - i, &adv));
        }
        if (w && !in_word) {
            if (n == s->tx.cap_words &&
                isth__grow(&s->tx.words, &s->tx.cap_words, n + 1,
                           sizeof *s->tx.words))
                return ISTH_ENOMEM;
            s->tx.words[n++] = (uint32_t)i;
        }
        in_word = w;
        i += adv;
    }
    s->tx.n_words = n;
    s->tx.have_words = 1;
    return ISTH_OK;
}

/* The word containing (or the last word before) byte pos; 0 if none. */
size_t isth__word_of(const isth_scratch *s, uint32_t pos)
{
    size_t lo = 0, hi = s->tx.n_words;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->tx.words[mid] <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : 0;
}

int isth__cmp_hit(const void *pa, const void *pb)
{
    const struct hit *a = pa, *b = pb;
    if (a->cue != b->cue)
        return a->cue < b->cue ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->end > b->end) - (a->end < b->end);
}

/* Hits sorted by cue, then start: contexts, topics and the windows of
 * 'requires_within' rules search them. */
void isth__sort_hits(const isth_db *db, isth_scratch *s, int topics)
{
    if (s->tx.n_hits > 1 && (db->n_contexts || topics || db->n_rules))
        qsort(s->tx.hits, s->tx.n_hits, sizeof *s->tx.hits, isth__cmp_hit);
}
