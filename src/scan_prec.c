/* SPDX-License-Identifier: MIT */
/*
 * scan_prec.c - precedence: priority, then leftmost-longest, rule before entry
 * (a stage of the scan: see scan.c and scan.h).
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
/* Precedence                                                           */

/*
 * A stable merge sort of candidate indices: qsort() has no context
 * argument in C11, and a global one would not be thread-safe.
 */
static void msort(uint32_t *v, uint32_t *tmp, size_t n, const struct cand *base,
                  int (*cmp)(const struct cand *, const struct cand *))
{
    size_t width, i;

    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t l = i, m = i + width < n ? i + width : n;
            size_t r = m, e = i + 2 * width < n ? i + 2 * width : n, k = i;
            while (l < m && r < e)
                tmp[k++] = cmp(&base[v[r]], &base[v[l]]) < 0 ? v[r++] : v[l++];
            while (l < m)
                tmp[k++] = v[l++];
            while (r < e)
                tmp[k++] = v[r++];
        }
        memcpy(v, tmp, n * sizeof *v);
    }
}

/* Precedence: priority, then leftmost, then longest; on the same span a
 * rule goes before an entry of the same label (it links to it and adds
 * its attributes) and after an entry of another label (a name the
 * gazetteers know beats a shape: "Soviet Union" is no party); ties keep
 * candidate order (entries in tie-break order, rules in file order). */
static int prec(const struct cand *a, const struct cand *b)
{
    if (a->priority != b->priority)
        return a->priority > b->priority ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    if ((a->rule == NONE) != (b->rule == NONE)) {
        int rule_first = !strcmp(a->label, b->label);
        return (a->rule != NONE) == rule_first ? -1 : 1;
    }
    return 0;
}

/* Report order: by start, longer first, rule before entry. */
static int report(const struct cand *a, const struct cand *b)
{
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    if ((a->rule == NONE) != (b->rule == NONE))
        return a->rule != NONE ? -1 : 1;
    return 0;
}

/*
 * Picks the entities: in precedence order, each candidate is accepted
 * unless it overlaps one accepted before it.  s->pr.acc ends up sorted by
 * start.  With all, every live candidate is accepted.
 */
int isth__resolve(isth_scratch *s, int all)
{
    size_t i, n = 0;
    uint32_t *tmp;

    if (isth__grow(&s->pr.order, &s->pr.cap_order, 2 * s->nm.n_cands + 1,
                   sizeof *s->pr.order) ||
        isth__grow(&s->pr.acc, &s->pr.cap_acc, s->nm.n_cands + 1,
                   sizeof *s->pr.acc))
        return ISTH_ENOMEM;
    for (i = 0; i < s->nm.n_cands; i++)
        if (s->nm.cands[i].state == ALIVE)
            s->pr.order[n++] = (uint32_t)i;
    tmp = s->pr.order + s->nm.n_cands;
    msort(s->pr.order, tmp, n, s->nm.cands, all ? report : prec);
    s->pr.n_acc = 0;
    for (i = 0; i < n; i++) {
        uint32_t ci = s->pr.order[i];
        struct cand *c = &s->nm.cands[ci];
        size_t lo = 0, hi = s->pr.n_acc;

        if (all) {
            s->pr.acc[s->pr.n_acc++] = ci;
            continue;
        }
        /* First accepted span ending after c starts (ends are sorted). */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (s->nm.cands[s->pr.acc[mid]].end <= c->start)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < s->pr.n_acc && s->nm.cands[s->pr.acc[lo]].start < c->end) {
            c->state = LOST_OVERLAP;
            c->by = s->pr.acc[lo];
            continue;
        }
        memmove(s->pr.acc + lo + 1, s->pr.acc + lo,
                (s->pr.n_acc - lo) * sizeof *s->pr.acc);
        s->pr.acc[lo] = ci;
        s->pr.n_acc++;
    }
    return ISTH_OK;
}
