/* SPDX-License-Identifier: MIT */
/*
 * scan_context.c - context: the entity each name stands for, by the words
 * around it (a stage of the scan: see scan.c and scan.h).
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
/* Context                                                              */

/* The first of the hits h[0, n) (sorted by cue, then start) of key that
 * starts at or after from; n when there is none. */
size_t isth__first_hit(const struct hit *h, size_t n, uint32_t key,
                       uint32_t from)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h[mid].cue < key || (h[mid].cue == key && h[mid].start < from))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Is position pos (a word index) inside the window around [ws, we]? */
static int in_window(int window, size_t ws, size_t we, size_t pos)
{
    if (window < 0)
        return 1;
    return pos + (size_t)window >= ws && pos <= we + (size_t)window;
}

/*
 * Is key (a cue, or an entity id) among the sorted hits h[0, n) outside
 * self and, with a window, within window words of it?  The hits of one
 * key are ordered by start, so the search starts at the window's first
 * word and stops past its last: the work is the hits in the window, not
 * every hit of the key in the document (which made a large document
 * with windowed or unmet conditions quadratic).
 */
static int present(const isth_scratch *s, const struct hit *h, size_t n,
                   uint32_t key, int window, const struct cand *self,
                   const struct hit **found)
{
    size_t ws = isth__word_of(s, self->start),
           we = isth__word_of(s, self->end - 1);
    uint32_t from = 0;
    size_t i;

    if (window >= 0 && ws > (size_t)window)
        from = s->tx.words[ws - (size_t)window];
    for (i = isth__first_hit(h, n, key, from); i < n && h[i].cue == key; i++) {
        size_t w;
        if (h[i].start < self->end && h[i].end > self->start)
            continue; /* the name itself */
        if (window >= 0) {
            w = isth__word_of(s, h[i].start);
            if (w > we + (size_t)window)
                return 0;
            if (!in_window(window, ws, we, w))
                continue;
        }
        if (found)
            *found = &h[i];
        return 1;
    }
    return 0;
}

int isth__item_present(const isth_scratch *s, const struct isth_ctx_item *it,
                       int window, const struct cand *self,
                       const struct hit **found)
{
    if (it->cue != NONE)
        return present(s, s->tx.hits, s->tx.n_hits, it->cue, window, self,
                       found);
    return present(s, s->cx.ehits, s->cx.n_ehits, it->entity, window, self,
                   found);
}

/*
 * The entities the gazetteer names could be, by entity then start, for
 * context items that name an entity.  A name counts with every alias
 * that passed its case policy, whatever its own context says.
 */
int isth__entity_hits(const isth_db *db, isth_scratch *s)
{
    size_t i, k;

    s->cx.n_ehits = 0;
    for (i = 0; i < s->nm.n_names; i++) {
        const struct cand *c = &s->nm.cands[i];
        for (k = 0; k < c->n_alias; k++) {
            struct hit *h;
            if (isth__grow(&s->cx.ehits, &s->cx.cap_ehits, s->cx.n_ehits + 1,
                           sizeof *s->cx.ehits))
                return ISTH_ENOMEM;
            h = &s->cx.ehits[s->cx.n_ehits++];
            h->cue = db->aliases[s->nm.aliasv[c->alias_off + k]].entity;
            h->start = c->start;
            h->end = c->end;
        }
    }
    if (s->cx.n_ehits > 1)
        qsort(s->cx.ehits, s->cx.n_ehits, sizeof *s->cx.ehits, isth__cmp_hit);
    return ISTH_OK;
}

int isth__context_ok(const isth_db *db, const isth_scratch *s,
                     const struct isth_context *cx, const struct cand *c)
{
    uint32_t i;

    for (i = 0; i < cx->n_exc; i++)
        if (isth__item_present(s, &db->ctx_items[cx->exc_first + i], cx->window,
                               c, NULL))
            return 0;
    if (!cx->n_req)
        return 1;
    for (i = 0; i < cx->n_req; i++)
        if (isth__item_present(s, &db->ctx_items[cx->req_first + i], cx->window,
                               c, NULL))
            return 1;
    return 0;
}

/* Chooses each name candidate's entity: the first alias, in tie-break
 * order, whose context holds.  The others that hold are alternatives. */
int isth__choose_entities(const isth_db *db, isth_scratch *s)
{
    size_t i;

    for (i = 0; i < s->nm.n_cands; i++) {
        struct cand *c = &s->nm.cands[i];
        uint32_t k, winner = NONE;

        c->alt_off = (uint32_t)s->nm.n_alts;
        c->n_alt = 0;
        for (k = 0; k < c->n_alias; k++) {
            uint32_t a = s->nm.aliasv[c->alias_off + k];
            uint32_t e = db->aliases[a].entity;
            size_t j;

            if (db->aliases[a].context &&
                !isth__context_ok(db, s,
                                  &db->contexts[db->aliases[a].context - 1], c))
                continue;
            if (winner == NONE) {
                winner = a;
                continue;
            }
            if (e == db->aliases[winner].entity)
                continue;
            for (j = c->alt_off; j < s->nm.n_alts; j++)
                if (s->nm.alts[j] == e)
                    break;
            if (j < s->nm.n_alts)
                continue;
            if (isth__grow(&s->nm.alts, &s->nm.cap_alts, s->nm.n_alts + 1,
                           sizeof *s->nm.alts))
                return ISTH_ENOMEM;
            s->nm.alts[s->nm.n_alts++] = e;
        }
        c->n_alt = (uint32_t)(s->nm.n_alts - c->alt_off);
        if (winner == NONE) {
            c->state = LOST_CONTEXT;
            c->by = s->nm.aliasv[c->alias_off];
            c->entity = db->aliases[c->by].entity;
            continue;
        }
        c->alias = winner;
        c->entity = db->aliases[winner].entity;
        c->priority = db->entities[c->entity].priority;
        c->label = isth__str(db, db->entities[c->entity].label);
    }
    return ISTH_OK;
}
