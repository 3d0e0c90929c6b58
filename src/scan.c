/* SPDX-License-Identifier: MIT */
/*
 * scan.c - per-thread scratch and the scan pipeline:
 *
 *   text ─► normalize (offset map) ─► Aho-Corasick over normalized bytes
 *        ─► candidate filter: character alignment, word boundaries,
 *           case policy, tie-break between entities
 *        ─► overlap resolution (leftmost-longest, or all)
 *        ─► callback with byte offsets into the original text
 *
 * What the names are and how they were normalized is db.c's business;
 * this file only decides which automaton hits are real matches.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "db.h"
#include "normalize.h"
#include "utf8.h"

/* A match that passed every filter, before overlap resolution. */
struct cand {
    uint32_t start, end;  /* original bytes */
    uint32_t entity;
    uint32_t alt_off, n_alt; /* into scratch->alts */
};

struct isth_scratch {
    int in_use;
    struct isth_norm norm;  /* the document, case-folded */
    struct isth_norm exact; /* a span, case kept, for exact names */
    struct cand *cands;
    size_t n_cands, cap_cands;
    size_t *alts;
    size_t n_alts, cap_alts;
};

int isth_scratch_alloc(const isth_db *db, isth_scratch **scratch)
{
    if (!db || !scratch)
        return ISTH_EINVAL;
    if (*scratch)
        return (*scratch)->in_use ? ISTH_ESCRATCH_IN_USE : ISTH_OK;
    if (!(*scratch = isth__calloc(1, sizeof **scratch)))
        return ISTH_ENOMEM;
    return ISTH_OK;
}

int isth_scratch_clone(isth_scratch **out, const isth_scratch *src)
{
    if (!out || !src)
        return ISTH_EINVAL;
    /* Buffers are caches, so a fresh scratch is an exact functional copy. */
    if (!(*out = isth__calloc(1, sizeof **out)))
        return ISTH_ENOMEM;
    return ISTH_OK;
}

void isth_scratch_free(isth_scratch *s)
{
    if (!s)
        return;
    isth__norm_free(&s->norm);
    isth__norm_free(&s->exact);
    isth__free(s->cands);
    isth__free(s->alts);
    isth__free(s);
}

/* Does the original span pass alias a's case policy? */
static int case_ok(const isth_db *db, isth_scratch *s, uint32_t a,
                   const unsigned char *text, size_t start, size_t end,
                   int *err)
{
    const struct isth_alias *al = &db->aliases[a];
    size_t i, adv;

    switch (al->policy) {
    case ISTH_CASE_TITLE:
        for (i = start; i < end; i += adv) {
            int32_t cp = isth__utf8_decode(text + i, end - i, &adv);
            if (isth__is_letter_cp(cp))
                return isth__is_upper_cp(cp);
        }
        return 1;
    case ISTH_CASE_EXACT:
        *err = isth__normalize(&s->exact, (const char *)text + start,
                               end - start, ISTH_NORM_NOMAP);
        if (*err)
            return 0;
        return s->exact.out.len == al->exact_len &&
               !memcmp(s->exact.out.ptr, al->exact, al->exact_len);
    default:
        return 1;
    }
}

/*
 * Turns an automaton hit of pattern p ending at normalized byte ne into a
 * candidate, if it is one.  Returns ISTH_OK (candidate or not) or an error.
 */
static int consider(const isth_db *db, isth_scratch *s, const char *text,
                    uint32_t p, size_t ne)
{
    const struct isth_norm *n = &s->norm;
    const unsigned char *nt = (const unsigned char *)n->out.ptr;
    size_t ns = ne - db->pat_len[p], start, end, adv;
    uint32_t k, winner = UINT32_MAX, alt_off;
    int rc = ISTH_OK;
    struct cand *c;

    /* Both ends must fall on boundaries of original characters. */
    if ((ns > 0 && n->src[ns - 1] == n->src[ns]) ||
        (ne < n->out.len && n->src[ne] == n->src[ne - 1]))
        return ISTH_OK;
    if ((db->pat_flags[p] & PAT_WORD_START) && ns > 0 &&
        isth__is_word_cp(isth__utf8_prev(nt, ns)))
        return ISTH_OK;
    if ((db->pat_flags[p] & PAT_WORD_END) && ne < n->out.len &&
        isth__is_word_cp(isth__utf8_decode(nt + ne, n->out.len - ne, &adv)))
        return ISTH_OK;
    start = n->src[ns];
    end = n->src[ne];

    alt_off = (uint32_t)s->n_alts;
    for (k = db->pat_first[p]; k < db->pat_first[p + 1]; k++) {
        uint32_t a = db->pat_alias[k], e = db->aliases[a].entity, j;

        if (!case_ok(db, s, a, (const unsigned char *)text, start, end, &rc)) {
            if (rc)
                return rc;
            continue;
        }
        if (winner == UINT32_MAX) {
            winner = e;
            continue;
        }
        if (e == winner)
            continue;
        for (j = alt_off; j < s->n_alts; j++)
            if (s->alts[j] == e)
                break;
        if (j < s->n_alts)
            continue;
        if (isth__grow(&s->alts, &s->cap_alts, s->n_alts + 1,
                       sizeof *s->alts))
            return ISTH_ENOMEM;
        s->alts[s->n_alts++] = e;
    }
    if (winner == UINT32_MAX)
        return ISTH_OK;
    if (isth__grow(&s->cands, &s->cap_cands, s->n_cands + 1, sizeof *c))
        return ISTH_ENOMEM;
    c = &s->cands[s->n_cands++];
    c->start = (uint32_t)start;
    c->end = (uint32_t)end;
    c->entity = winner;
    c->alt_off = alt_off;
    c->n_alt = (uint32_t)(s->n_alts - alt_off);
    return ISTH_OK;
}

/* Order of report: by start, longer first. */
static int cmp_cand(const void *pa, const void *pb)
{
    const struct cand *a = pa, *b = pb;

    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return a->entity < b->entity ? -1 : a->entity > b->entity;
}

static int run(const isth_db *db, const char *text, size_t len,
               unsigned flags, isth_scratch *s, isth_match_cb cb, void *ctx)
{
    const struct isth_ac *ac = &db->ac;
    const unsigned char *nt;
    size_t i, nlen, last_end = 0;
    uint32_t st = 0;
    int rc;

    s->n_cands = 0;
    s->n_alts = 0;
    if ((rc = isth__normalize(&s->norm, text, len, ISTH_NORM_FOLD)))
        return rc;
    nt = (const unsigned char *)s->norm.out.ptr;
    nlen = s->norm.out.len;
    if (!db->n_patterns)
        return ISTH_OK;
    for (i = 0; i < nlen; i++) {
        uint32_t t;

        st = isth__ac_step(ac, st, nt[i]);
        t = ac->out[st] ? st : ac->dict[st];
        for (; t; t = ac->dict[t])
            if ((rc = consider(db, s, text, ac->out[t] - 1, i + 1)))
                return rc;
    }
    if (s->n_cands > 1)
        qsort(s->cands, s->n_cands, sizeof *s->cands, cmp_cand);
    for (i = 0; i < s->n_cands; i++) {
        const struct cand *c = &s->cands[i];
        isth_match m;

        if (!(flags & ISTH_SCAN_OVERLAPS_ALL)) {
            if (c->start < last_end)
                continue;
            last_end = c->end;
        }
        if (!cb)
            continue;
        m.start = c->start;
        m.end = c->end;
        m.entity = c->entity;
        m.alternatives = c->n_alt ? s->alts + c->alt_off : NULL;
        m.n_alternatives = c->n_alt;
        if (cb(&m, ctx))
            return ISTH_ESTOPPED;
    }
    return ISTH_OK;
}

int isth_scan(const isth_db *db, const char *text, size_t len,
              unsigned flags, isth_scratch *scratch, isth_match_cb on_match,
              void *ctx)
{
    int rc;

    if (!db || !scratch || (!text && len))
        return ISTH_EINVAL;
    if (flags & ~(unsigned)ISTH_SCAN_OVERLAPS_ALL)
        return ISTH_EINVAL;
    if (scratch->in_use)
        return ISTH_ESCRATCH_IN_USE;
    scratch->in_use = 1;
    rc = run(db, text ? text : "", len, flags, scratch, on_match, ctx);
    scratch->in_use = 0;
    return rc;
}
