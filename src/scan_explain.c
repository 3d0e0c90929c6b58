/* SPDX-License-Identifier: MIT */
/*
 * scan_explain.c - --explain: the candidates that lost, and why
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

static int add_rejection(const isth_db *db, isth_scratch *s, size_t start,
                         size_t end, uint32_t entity, uint32_t rule,
                         isth_loss why, const struct cand *by,
                         const char *detail)
{
    isth_rejection *r;

    if (isth__grow(&s->x.rej, &s->x.cap_rej, s->x.n_rej + 1, sizeof *r))
        return ISTH_ENOMEM;
    r = &s->x.rej[s->x.n_rej++];
    memset(r, 0, sizeof *r);
    r->start = start;
    r->end = end;
    if (entity != NONE) {
        const struct isth_erec *e = &db->entities[entity];
        r->id = isth__str(db, e->id);
        r->label = isth__str(db, e->label);
        r->file = isth__str(db, e->file);
        r->line = e->line;
    } else if (rule != NONE) {
        r->label = db->rules[rule].label;
    }
    if (rule != NONE) {
        r->rule = db->rules[rule].id;
        if (entity == NONE) {
            r->file = db->rules[rule].file;
            r->line = db->rules[rule].line;
        }
    }
    r->reason = why;
    r->detail = detail;
    if (by) {
        r->by_start = by->start;
        r->by_end = by->end;
        r->by_id = by->entity != NONE
                       ? isth__str(db, db->entities[by->entity].id)
                       : isth__arena_str(s, by->id_off);
        r->by_rule = by->rule != NONE ? db->rules[by->rule].id : NULL;
    }
    return ISTH_OK;
}

static int cmp_rej(const void *pa, const void *pb)
{
    const isth_rejection *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    if (a->reason != b->reason)
        return (int)a->reason - (int)b->reason;
    /* qsort() is not stable: the same order everywhere by id, then
     * line. */
    if (a->id && b->id && strcmp(a->id, b->id))
        return strcmp(a->id, b->id);
    if (!a->id != !b->id)
        return a->id ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

static const char *const CASE_NAMES[] = {"fold", "exact", "title"};

/* Which of the three overlap messages fits candidate c beaten by by. */
static const char *overlap_detail(const isth_db *db, const struct cand *c,
                                  const struct cand *by, const char *relabelled,
                                  const char *same_span, const char *other)
{
    if (by->rule == NONE || by->start != c->start || by->end != c->end)
        return other;
    if (isth__rule_on_names(&db->rules[by->rule]))
        return relabelled;
    return by->entity == c->entity ? same_span : other;
}

/* Appends printf-style text to the explain buffer. */
static int xd_printf(isth_scratch *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int xd_printf(isth_scratch *s, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return ISTH_OK;
    return isth__buf_put(&s->x.xd, tmp,
                         (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* How a context item is written: the cue as in the rule file, or the
 * entity id. */
static const char *item_text(const isth_db *db, const struct isth_ctx_item *it)
{
    return it->cue != NONE ? db->cues[it->cue].text : it->id;
}

/*
 * Why context cx holds or fails for candidate c, as one line in the
 * explain buffer: the excluded word found, the required word found, or
 * the required words none of which is near.  *off is where it starts.
 */
static int context_why(const isth_db *db, isth_scratch *s, const char *text,
                       const struct isth_context *cx, const struct cand *c,
                       uint32_t *off)
{
    /* The excluded words first (one found decides), then the required. */
    static const char *const found[2] = {"excluded", "required"};
    static const char *const key[2] = {"excludes_any", "requires_any"};
    const struct hit *h = NULL;
    char where[48];
    uint32_t i;
    int rc, req;

    *off = (uint32_t)s->x.xd.len;
    if (cx->window < 0)
        snprintf(where, sizeof where, "in the document");
    else
        snprintf(where, sizeof where, "within %d words", cx->window);
    for (req = 0; req < 2; req++) {
        uint32_t first = req ? cx->req_first : cx->exc_first;
        uint32_t n = req ? cx->n_req : cx->n_exc;
        for (i = 0; i < n; i++) {
            const struct isth_ctx_item *it = &db->ctx_items[first + i];
            if (!isth__item_present(s, it, cx->window, c, &h))
                continue;
            rc = xd_printf(
                s, "%s: \"%.*s\" at byte %u (%s '%s', %s; %s:%u)", found[req],
                (int)(h->end - h->start > 60 ? 60 : h->end - h->start),
                text + h->start, h->start, key[req], item_text(db, it), where,
                cx->file, cx->line);
            return rc ? rc : isth__buf_put(&s->x.xd, "", 1);
        }
    }
    if (!cx->n_req)
        rc = xd_printf(s, "no excluded word %s (%s:%u)", where, cx->file,
                       cx->line);
    else {
        rc = xd_printf(s, "none of requires_any %s:", where);
        for (i = 0; i < cx->n_req && i < 8 && rc == ISTH_OK; i++)
            rc = xd_printf(s, "%s '%s'", i ? "," : "",
                           item_text(db, &db->ctx_items[cx->req_first + i]));
        if (rc == ISTH_OK && cx->n_req > 8)
            rc = xd_printf(s, " and %u more", cx->n_req - 8);
        if (rc == ISTH_OK)
            rc = xd_printf(s, " (%s:%u)", cx->file, cx->line);
    }
    return rc ? rc : isth__buf_put(&s->x.xd, "", 1);
}

/* Adds a rejection whose detail is in the explain buffer at off. */
static int add_rejection_x(const isth_db *db, isth_scratch *s, size_t start,
                           size_t end, uint32_t entity, isth_loss why,
                           const struct cand *by, uint32_t off)
{
    int rc = add_rejection(db, s, start, end, entity, NONE, why, by, NULL);

    if (rc)
        return rc;
    if (isth__grow(&s->x.rej_xoff, &s->x.cap_rej_xoff, s->x.n_rej,
                   sizeof(uint32_t)))
        return ISTH_ENOMEM;
    s->x.rej_xoff[s->x.n_rej - 1] = off;
    return ISTH_OK;
}

/*
 * The same-name entries a name candidate c did not become: those whose
 * context failed (with the word that decided), and, when c won, those
 * that lost to its entity on priority or load order; and, for a winner
 * with a context condition, the word that satisfied it (a note).
 */
static int explain_names(const isth_db *db, isth_scratch *s, const char *text,
                         const struct cand *c)
{
    uint32_t won = c->state == ALIVE ? db->aliases[c->alias].entity : NONE;
    uint32_t k, off;
    int rc;

    for (k = 0; k < c->n_alias; k++) {
        uint32_t a = s->nm.aliasv[c->alias_off + k], e = db->aliases[a].entity;
        const struct isth_context *cx =
            db->aliases[a].context ? &db->contexts[db->aliases[a].context - 1]
                                   : NULL;
        uint32_t j;

        for (j = 0; j < k; j++)
            if (db->aliases[s->nm.aliasv[c->alias_off + j]].entity == e)
                break;
        if (j < k)
            continue; /* one line per entity */
        if (e == won) {
            isth_note *n;
            if (!cx)
                continue;
            if ((rc = context_why(db, s, text, cx, c, &off)))
                return rc;
            if (isth__grow(&s->x.notes, &s->x.cap_notes, s->x.n_notes + 1,
                           sizeof *s->x.notes) ||
                isth__grow(&s->x.note_xoff, &s->x.cap_note_xoff,
                           s->x.n_notes + 1, sizeof *s->x.note_xoff))
                return ISTH_ENOMEM;
            n = &s->x.notes[s->x.n_notes];
            memset(n, 0, sizeof *n);
            n->start = c->start;
            n->end = c->end;
            n->id = isth__str(db, db->entities[e].id);
            s->x.note_xoff[s->x.n_notes++] = off;
            continue;
        }
        if (cx && !isth__context_ok(db, s, cx, c)) {
            if ((rc = context_why(db, s, text, cx, c, &off)) ||
                (rc = add_rejection_x(db, s, c->start, c->end, e,
                                      ISTH_LOST_CONTEXT, NULL, off)))
                return rc;
            continue;
        }
        if (won == NONE)
            continue;
        off = (uint32_t)s->x.xd.len;
        if (db->entities[e].priority < db->entities[won].priority)
            rc =
                xd_printf(s, "same name: '%s' has a higher priority (%d > %d)",
                          isth__str(db, db->entities[won].id),
                          db->entities[won].priority, db->entities[e].priority);
        else
            rc = xd_printf(s,
                           "same name, same priority: '%s' was loaded first "
                           "(%s:%u)",
                           isth__str(db, db->entities[won].id),
                           isth__str(db, db->entities[won].file),
                           db->entities[won].line);
        if (rc || (rc = isth__buf_put(&s->x.xd, "", 1)) ||
            (rc = add_rejection_x(db, s, c->start, c->end, e, ISTH_LOST_TIE, c,
                                  off)))
            return rc;
    }
    return ISTH_OK;
}

int isth__explain(const isth_db *db, isth_scratch *s, const char *text)
{
    static const char *const lost_overlap = "overlapped by a span of higher "
                                            "precedence";
    static const char *const same_span = "same span as a rule linked to it";
    static const char *const relabelled = "relabelled by a rule (the text "
                                          "after it)";
    size_t i;
    int rc;

    s->x.n_rej = 0;
    s->x.n_notes = 0;
    s->x.xd.len = 0;
    for (i = 0; i < s->nm.n_cands; i++) {
        const struct cand *c = &s->nm.cands[i];
        size_t first = s->x.n_rej;
        if (c->rule == NONE && c->entity != NONE &&
            db->entities[c->entity].hidden)
            continue; /* a helper name is never a candidate to show */
        if (c->state == LOST_OVERLAP) {
            const struct cand *by = &s->nm.cands[c->by];
            rc = add_rejection(
                db, s, c->start, c->end, c->entity, c->rule, ISTH_LOST_OVERLAP,
                by,
                overlap_detail(db, c, by, relabelled, same_span, lost_overlap));
        } else if (c->state == LOST_RULE) {
            rc = add_rejection(db, s, c->start, c->end, c->entity, NONE,
                               ISTH_LOST_RULE, NULL,
                               "dropped by a rule (the text around it)");
            if (rc == ISTH_OK)
                s->x.rej[s->x.n_rej - 1].by_rule = db->rules[c->by].id;
        } else if ((c->state == LOST_CONTEXT || c->state == ALIVE) &&
                   i < s->nm.n_names) {
            rc = explain_names(db, s, text, c);
        } else {
            continue;
        }
        if (rc)
            return rc;
        /* Static details have no offset in the explain buffer. */
        if (isth__grow(&s->x.rej_xoff, &s->x.cap_rej_xoff, s->x.n_rej + 1,
                       sizeof(uint32_t)))
            return ISTH_ENOMEM;
        if (c->state == LOST_OVERLAP || c->state == LOST_RULE)
            for (; first < s->x.n_rej; first++)
                s->x.rej_xoff[first] = NONE;
    }
    for (i = 0; i < s->nm.n_closs; i++) {
        const struct case_loss *cl = &s->nm.closs[i];
        const struct isth_arec *a = &db->aliases[cl->alias];
        if (db->entities[a->entity].hidden)
            continue;
        if ((rc = add_rejection(db, s, cl->start, cl->end, a->entity, NONE,
                                ISTH_LOST_CASE, NULL, CASE_NAMES[a->policy])))
            return rc;
        if (isth__grow(&s->x.rej_xoff, &s->x.cap_rej_xoff, s->x.n_rej,
                       sizeof(uint32_t)))
            return ISTH_ENOMEM;
        s->x.rej_xoff[s->x.n_rej - 1] = NONE;
    }
    /* The explain buffer is complete: offsets become pointers. */
    for (i = 0; i < s->x.n_rej; i++)
        if (s->x.rej_xoff[i] != NONE)
            s->x.rej[i].detail = s->x.xd.ptr + s->x.rej_xoff[i];
    for (i = 0; i < s->x.n_notes; i++)
        s->x.notes[i].detail = s->x.xd.ptr + s->x.note_xoff[i];
    if (s->x.n_rej > 1)
        qsort(s->x.rej, s->x.n_rej, sizeof *s->x.rej, cmp_rej);
    s->res.result.rejected = s->x.n_rej ? s->x.rej : NULL;
    s->res.result.n_rejected = s->x.n_rej;
    s->res.result.kept = s->x.n_notes ? s->x.notes : NULL;
    s->res.result.n_kept = s->x.n_notes;
    return ISTH_OK;
}
