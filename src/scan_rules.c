/* SPDX-License-Identifier: MIT */
/*
 * scan_rules.c - pattern rules: PCRE2 over the text, and rules on the text
 * around names (a stage of the scan: see scan.c and scan.h).
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
/* Pattern rules                                                        */

static int arena_put(isth_scratch *s, const char *p, size_t len)
{
    return isth__buf_put(&s->tx.arena, p, len);
}

/* Appends a slug of text: folded, ASCII letters and digits, '-' between. */
static int put_slug(isth_scratch *s, const char *text, size_t len)
{
    size_t i;
    int dash = 0, any = 0, rc;

    if ((rc = isth__normalize(&s->ru.slug, text, len,
                              ISTH_NORM_FOLD | ISTH_NORM_NOMAP)))
        return rc;
    for (i = 0; i < s->ru.slug.out.len; i++) {
        unsigned char ch = (unsigned char)s->ru.slug.out.ptr[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (dash && any && (rc = arena_put(s, "-", 1)))
                return rc;
            if ((rc = arena_put(s, (const char *)&ch, 1)))
                return rc;
            dash = 0;
            any = 1;
        } else {
            dash = 1;
        }
    }
    return ISTH_OK;
}

/* Expands a template into the arena (NUL-terminated); *off is where. */
static int expand(isth_scratch *s, const struct isth_re *re, const char *tpl,
                  const char *text, const size_t *ov, uint32_t *off)
{
    const char *p;
    int rc;

    *off = (uint32_t)s->tx.arena.len;
    for (p = tpl; *p; p++) {
        const char *close, *bar;
        char name[64];
        size_t len;
        long g;

        if ((*p == '{' && p[1] == '{') || (*p == '}' && p[1] == '}')) {
            if ((rc = arena_put(s, p, 1)))
                return rc;
            p++;
            continue;
        }
        if (*p != '{' || !(close = strchr(p, '}'))) {
            if ((rc = arena_put(s, p, 1)))
                return rc;
            continue;
        }
        bar = memchr(p, '|', (size_t)(close - p));
        len = (size_t)((bar ? bar : close) - p - 1);
        if (len >= sizeof name)
            len = sizeof name - 1;
        memcpy(name, p + 1, len);
        name[len] = 0;
        g = (name[0] >= '0' && name[0] <= '9') ? strtol(name, NULL, 10)
                                               : isth__re_group(re, name);
        /* The loader checked the template against the pattern; a group
         * past its captures is a corrupt image's, and expands to
         * nothing. */
        if (g >= 0 && (unsigned long)g <= isth__re_captures(re) &&
            ov[2 * g] != (size_t)-1) {
            const char *cs = text + ov[2 * g];
            size_t cl = ov[2 * g + 1] - ov[2 * g];
            rc = bar ? put_slug(s, cs, cl) : arena_put(s, cs, cl);
            if (rc)
                return rc;
        }
        p = close;
    }
    return arena_put(s, "", 1);
}

/*
 * The first gazetteer name that ends after byte pos.  The names come from
 * the matcher ordered by end, so the names inside [start, end) are among
 * those from first_ending_after(start) while their end is at most end:
 * looking for them costs a binary search, not a pass over every name
 * (which made one large document quadratic).
 */
static size_t first_ending_after(const isth_scratch *s, uint32_t pos)
{
    size_t lo = 0, hi = s->nm.n_names;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->nm.cands[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Links rule candidate c to the longest name of its label inside it (with
 * exact set: only to one with exactly its span). */
static void link_rule(const isth_db *db, isth_scratch *s, uint32_t ci,
                      int exact)
{
    struct cand *c = &s->nm.cands[ci];
    const char *label = db->rules[c->rule].label;
    uint32_t best = NONE;
    size_t i;

    for (i = first_ending_after(s, c->start);
         i < s->nm.n_names && s->nm.cands[i].end <= c->end; i++) {
        const struct cand *g = &s->nm.cands[i];
        if (g->state != ALIVE || g->start < c->start ||
            strcmp(isth__str(db, db->entities[g->entity].label), label))
            continue;
        if (exact && (g->start != c->start || g->end != c->end))
            continue;
        if (best == NONE ||
            g->end - g->start > s->nm.cands[best].end - s->nm.cands[best].start)
            best = (uint32_t)i;
    }
    if (best == NONE)
        return;
    c->entity = s->nm.cands[best].entity;
    c->alt_off = s->nm.cands[best].alt_off;
    c->n_alt = s->nm.cands[best].n_alt;
    if (s->nm.cands[best].start == c->start &&
        s->nm.cands[best].end == c->end) {
        s->nm.cands[best].state = LOST_OVERLAP;
        s->nm.cands[best].by = ci;
    }
}

/* A new candidate of rule r for text[ms, me), named by that text, with
 * no id and no attributes yet; *out its index. */
int isth__new_rule_cand(const isth_db *db, isth_scratch *s, const char *text,
                        uint32_t r, size_t ms, size_t me, uint32_t *out)
{
    struct cand *c;

    if (isth__grow(&s->nm.cands, &s->nm.cap_cands, s->nm.n_cands + 1,
                   sizeof *c))
        return ISTH_ENOMEM;
    *out = (uint32_t)s->nm.n_cands++;
    c = &s->nm.cands[*out];
    memset(c, 0, sizeof *c);
    c->start = (uint32_t)ms;
    c->end = (uint32_t)me;
    c->rule = r;
    c->entity = NONE;
    c->id_off = NONE;
    c->priority = db->rules[r].priority;
    c->label = db->rules[r].label;
    c->rattr_off = (uint32_t)s->ru.n_rattr;
    c->name_off = (uint32_t)s->tx.arena.len;
    if (arena_put(s, text + ms, me - ms) || arena_put(s, "", 1))
        return ISTH_ENOMEM;
    return ISTH_OK;
}

/* A rule's candidate for text[ms, me), captures in ov; *out its index. */
int isth__add_rule_cand(const isth_db *db, isth_scratch *s, const char *text,
                        uint32_t r, size_t ms, size_t me, const size_t *ov,
                        uint32_t *out)
{
    const struct isth_rule *ru = &db->rules[r];
    const struct isth_re *tre = isth__rule_span_re(ru);
    struct cand *c;
    uint32_t ci;
    size_t a;
    int rc;

    if ((rc = isth__new_rule_cand(db, s, text, r, ms, me, &ci)))
        return rc;
    /* A relabelling rule links only to a name with exactly its span: the
     * name it took ("Governor of Maine") or the entry its extension
     * reached ("Jerusalem" grown to "East Jerusalem"). */
    if (ru->link)
        link_rule(db, s, ci, isth__rule_on_names(ru) || ru->link == 2);
    c = &s->nm.cands[ci];
    if (ru->id_template && c->entity == NONE &&
        (rc = expand(s, tre, ru->id_template, text, ov, &c->id_off)))
        return rc;
    c->rattr_off = (uint32_t)s->ru.n_rattr;
    c->n_rattr = (uint32_t)ru->n_attrs;
    for (a = 0; a < ru->n_attrs; a++) {
        uint32_t off;
        if ((rc = expand(s, tre, ru->attrs[a].value, text, ov, &off)))
            return rc;
        if (isth__grow(&s->ru.rattr, &s->ru.cap_rattr, s->ru.n_rattr + 1,
                       sizeof *s->ru.rattr))
            return ISTH_ENOMEM;
        s->ru.rattr[s->ru.n_rattr++] = off;
    }
    *out = ci;
    return ISTH_OK;
}

/* What a regex limit is called in messages: the per-attempt match
 * limit, or the document's budget. */
const char *isth__limit_name(const struct isth_re_state *st)
{
    return isth__re_budget_spent(st)
               ? "used up the regular expression time budget (2 s + 1 s "
                 "per MiB)"
               : "hit the regular expression match limit";
}

int isth__limit_error(const isth_scratch *s, const struct isth_rule *ru, int m,
                      isth_error *err)
{
    if (m == ISTH_ELIMIT)
        isth__error_set(err, m, ru->file, ru->line, 0,
                        "rule '%s' (%s:%u) %s on this document", ru->id,
                        ru->file, ru->line, isth__limit_name(s->ru.re));
    return m;
}

/* Does rule ru's applies_to take this label and kind (none: anything)? */
int isth__applies(const struct isth_rule *ru, const char *label,
                  const char *kind)
{
    size_t k;

    if (!ru->n_on)
        return 1;
    for (k = 0; k < ru->n_on; k++)
        if ((!ru->on_label[k] || !strcmp(ru->on_label[k], label)) &&
            (!ru->on_kind[k] || !strcmp(ru->on_kind[k], kind)))
            return 1;
    return 0;
}

/* Where a search goes on after match ov: its end, or one character on
 * from an empty match (never inside a UTF-8 character, never past lim). */
size_t isth__after_match(const char *text, size_t lim, const size_t *ov)
{
    size_t pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;

    while (pos < lim && ((unsigned char)text[pos] & 0xC0) == 0x80)
        pos++;
    return pos;
}

/*
 * Does re match text that ends exactly at byte end (starting at most
 * window bytes back, the rule's before_window)?  The subject ends where
 * the name ends (limit), so the pattern may look ahead into the name but
 * a search that finds nothing stops there instead of running on to the
 * end of the document (which made long lists of names quadratic).  1 with
 * *ov, 0, or an error.
 */
static int ends_at(const struct isth_re *re, isth_scratch *s, const char *text,
                   size_t limit, size_t end, size_t window, const size_t **ov)
{
    size_t pos = end > window ? end - window : 0;

    /* pos == end too: an empty match there ends there ("^" for a name
     * that starts the document, a lookbehind alone). */
    while (pos <= end) {
        int m = isth__re_match(re, s->ru.re, text, limit, pos, ov);
        if (m <= 0)
            return m;
        if ((*ov)[1] == end)
            return 1;
        if ((*ov)[0] >= end)
            return 0;
        /* Go on after this match (a match ending at end that overlaps it
         * would start inside it: rare, and not worth quadratic time). */
        pos = isth__after_match(text, end, *ov);
    }
    return 0;
}

/*
 * A relabelling rule: every gazetteer name it applies to whose following
 * text matches 'after' (anchored right after the name) and whose
 * preceding text matches 'before' (ending right at the name) becomes the
 * rule's entity, and the name is dropped.  With a 'group' (of 'before'),
 * the rule's entity is that group instead, beside the name.
 */
static int relabel(const isth_db *db, isth_scratch *s, const char *text,
                   size_t len, uint32_t r, isth_error *err)
{
    const struct isth_rule *ru = &db->rules[r];
    const int before_last = isth__rule_span_re(ru) == ru->before;
    size_t i, n = s->nm.n_cands;

    for (i = 0; i < n; i++) {
        const struct isth_erec *e;
        const size_t *ov = NULL;
        uint32_t ci, start, end;
        int m, rc, step;

        if (s->nm.cands[i].rule != NONE || s->nm.cands[i].state != ALIVE)
            continue;
        e = &db->entities[s->nm.cands[i].entity];
        if (!isth__applies(ru, isth__str(db, e->label), isth__str(db, e->kind)))
            continue;
        /* 'before' must end where the name starts, 'after' start where
         * it ends.  The one whose captures the span and the templates
         * read (isth__rule_span_re) goes last, so ov holds them: 'after'
         * usually, 'before' for a rule that takes a group of it. */
        m = 1;
        start = s->nm.cands[i].start;
        end = s->nm.cands[i].end;
        for (step = 0; step < 2 && m > 0; step++) {
            if ((step == 1) == before_last) {
                if (!ru->before)
                    continue;
                m = ends_at(ru->before, s, text, s->nm.cands[i].end,
                            s->nm.cands[i].start, ru->before_window, &ov);
                if (m > 0 && ru->what == ISTH_RULE_EXTEND)
                    start = (uint32_t)ov[0];
            } else if (ru->re) {
                m = isth__re_match_at(ru->re, s->ru.re, text, len,
                                      s->nm.cands[i].end, &ov);
                if (m > 0 && ru->what == ISTH_RULE_EXTEND)
                    end = (uint32_t)ov[1];
            }
        }
        if (m < 0)
            return isth__limit_error(s, ru, m, err);
        if (m == 0)
            continue;
        if (ru->what == ISTH_RULE_BESIDE) {
            /* Beside the name: the entity is that group of what 'before'
             * matched ("Troy" of "in Troy, " before "Tennessee"); the
             * name stays as it is. */
            if (ov[2 * ru->group] != (size_t)-1 &&
                ov[2 * ru->group + 1] > ov[2 * ru->group] &&
                (rc = isth__add_rule_cand(db, s, text, r, ov[2 * ru->group],
                                          ov[2 * ru->group + 1], ov, &ci)))
                return rc;
            continue;
        }
        if (ru->what == ISTH_RULE_DROP) {
            /* The name is part of something isthmus does not know, and so
             * is every name inside it: "New York City Comptroller" drops
             * "New York" too. */
            size_t j;
            for (j = first_ending_after(s, s->nm.cands[i].start);
                 j < s->nm.n_names && s->nm.cands[j].end <= s->nm.cands[i].end;
                 j++)
                if (s->nm.cands[j].state == ALIVE &&
                    s->nm.cands[j].start >= s->nm.cands[i].start) {
                    s->nm.cands[j].state = LOST_RULE;
                    s->nm.cands[j].by = r;
                }
            continue;
        }
        if ((rc = isth__add_rule_cand(db, s, text, r, start, end, ov, &ci)))
            return rc;
        s->nm.cands[i].state = LOST_OVERLAP;
        s->nm.cands[i].by = ci;
    }
    return ISTH_OK;
}

/* Was one of the rule's required words found (or has it none)? */
int isth__required_seen(const struct isth_rule *ru, const isth_scratch *s)
{
    size_t k;

    for (k = 0; k < ru->n_req; k++)
        if (s->tx.cue_seen[ru->req[k]])
            return 1;
    return ru->n_req == 0;
}

static int cmp_span(const void *pa, const void *pb)
{
    const struct span *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

/*
 * The windows where rule ru may start a match: from req_within bytes
 * before each hit of a required word (on a character boundary) to the
 * hit's start, sorted and merged.  s->tx.hits is sorted by cue, then start.
 */
static int rule_windows(const struct isth_rule *ru, isth_scratch *s,
                        const char *text)
{
    size_t k, i, n = 0;

    s->ru.n_wins = 0;
    for (k = 0; k < ru->n_req; k++) {
        for (i = isth__first_hit(s->tx.hits, s->tx.n_hits, ru->req[k], 0);
             i < s->tx.n_hits && s->tx.hits[i].cue == ru->req[k]; i++) {
            struct span *w;
            size_t a = s->tx.hits[i].start;
            if (isth__grow(&s->ru.wins, &s->ru.cap_wins, s->ru.n_wins + 1,
                           sizeof *w))
                return ISTH_ENOMEM;
            w = &s->ru.wins[s->ru.n_wins++];
            w->end = a;
            a = a > ru->req_within ? a - ru->req_within : 0;
            while (a < w->end && ((unsigned char)text[a] & 0xC0) == 0x80)
                a++;
            w->start = a;
        }
    }
    if (s->ru.n_wins > 1)
        qsort(s->ru.wins, s->ru.n_wins, sizeof *s->ru.wins, cmp_span);
    for (i = 0; i < s->ru.n_wins; i++) {
        if (n && s->ru.wins[i].start <= s->ru.wins[n - 1].end + 1) {
            if (s->ru.wins[i].end > s->ru.wins[n - 1].end)
                s->ru.wins[n - 1].end = s->ru.wins[i].end;
        } else {
            s->ru.wins[n++] = s->ru.wins[i];
        }
    }
    s->ru.n_wins = n;
    return ISTH_OK;
}

/*
 * Pattern rule r over the document, or, with 'requires_within', over the
 * windows where a match may start: every match becomes a candidate.
 */
static int run_pattern(const isth_db *db, isth_scratch *s, const char *text,
                       size_t len, uint32_t r, isth_error *err)
{
    const struct isth_rule *ru = &db->rules[r];
    size_t pos = 0, w = 0;
    int rc;

    if (ru->req_within && (rc = rule_windows(ru, s, text)))
        return rc;
    while (pos <= len) {
        const size_t *ov;
        size_t ms, me;
        uint32_t ci;
        int m;

        if (ru->req_within) {
            while (w < s->ru.n_wins && s->ru.wins[w].end < pos)
                w++;
            if (w == s->ru.n_wins)
                break;
            if (pos < s->ru.wins[w].start)
                pos = s->ru.wins[w].start;
            m = isth__re_match_upto(ru->re, s->ru.re, text, len, pos,
                                    s->ru.wins[w].end, &ov);
            if (m == 0) {
                pos = s->ru.wins[w].end + 1;
                continue;
            }
        } else {
            m = isth__re_match(ru->re, s->ru.re, text, len, pos, &ov);
        }
        if (m == 0)
            break;
        if (m < 0)
            return isth__limit_error(s, ru, m, err);
        pos = isth__after_match(text, len, ov);
        ms = ov[2 * ru->group];
        me = ov[2 * ru->group + 1];
        if (ms == (size_t)-1 || me <= ms)
            continue;
        if ((rc = isth__add_rule_cand(db, s, text, r, ms, me, ov, &ci)))
            return rc;
    }
    return ISTH_OK;
}

int isth__run_rules(const isth_db *db, isth_scratch *s, const char *text,
                    size_t len, isth_error *err)
{
    uint32_t r;
    int rc;

    for (r = 0; r < db->n_rules; r++) {
        const struct isth_rule *ru = &db->rules[r];

        if (!isth__required_seen(ru, s))
            continue;
        switch (ru->what) {
        case ISTH_RULE_LIST:
            continue; /* on the chosen entities: isth__list_rules() */
        case ISTH_RULE_PATTERN:
            rc = run_pattern(db, s, text, len, r, err);
            break;
        default: rc = relabel(db, s, text, len, r, err); /* on names */
        }
        if (rc)
            return rc;
    }
    return ISTH_OK;
}

/* A regex state with room for the most captures of any rule, and the
 * document's regex budget (regex.h) started. */
int isth__rules_start(const isth_db *db, isth_scratch *s, size_t len)
{
    int rc;

    if (!s->ru.re || s->ru.re_caps < db->max_captures) {
        isth__re_state_free(s->ru.re);
        s->ru.re = NULL;
        if ((rc = isth__re_state_new(&s->ru.re, db->max_captures)))
            return rc;
        s->ru.re_caps = db->max_captures;
    }
    isth__re_budget_start(s->ru.re, len);
    return ISTH_OK;
}
