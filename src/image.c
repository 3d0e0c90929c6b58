/* SPDX-License-Identifier: MIT */
/*
 * image.c - a database image opened for scanning, and the database's
 * runtime accessors.  The layout is in image.h and DESIGN.md.
 *
 * Opening checks the header, the length, the CRC-32C and the section
 * table, then makes views: the big arrays (entities, aliases, patterns,
 * the automaton) are used where they lie on a little-endian host, with
 * every index that a scan follows checked in one branch-free pass per
 * array; string offsets inside records are checked where they are read
 * (isth__str()), so a million entities cost nothing to open.  The small
 * tables (cues, contexts, rules, topics) are decoded from their stream,
 * and the regexes compiled.  The automaton is checked in one sequential
 * pass (no walk can loop or leave it) and its dense rows derived.  Any
 * failure is ISTH_EBADDB (ISTH_EDBVERSION for another format).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_POPULATE where there is one */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "crc32c.h"
#include "db.h"
#include "error.h"
#include "image.h"
#include "outfile.h"
#include "regex.h"

#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif

#define NONE UINT32_MAX

static const unsigned char MAGIC[8] = {0x89, 'I',  'S',  'D',
                                       'B',  '\r', '\n', 0x1a};

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* ------------------------------------------------------------------ */
/* Opening                                                              */

struct opener {
    isth_db *db;
    const unsigned char *sec[IMG_SECTIONS + 1]; /* where each section is */
    size_t sec_len[IMG_SECTIONS + 1];
    int bad, nomem;
};

/* A stream section read in order. */
struct reader {
    const unsigned char *p, *end;
    const isth_db *db;
    int *bad;
};

static uint32_t g32(struct reader *r)
{
    uint32_t v;
    if (*r->bad || r->end - r->p < 4) {
        *r->bad = 1;
        return 0;
    }
    v = rd32(r->p);
    r->p += 4;
    return v;
}

/* A double in [lo, hi], as the YAML loader allows; anything else (NaN,
 * infinities, out of range) makes the database bad, so no NaN can reach
 * a score or the JSON. */
static double gf64(struct reader *r, double lo, double hi)
{
    uint64_t v;
    double d;
    if (*r->bad || r->end - r->p < 8) {
        *r->bad = 1;
        return 0;
    }
    v = rd64(r->p);
    r->p += 8;
    memcpy(&d, &v, 8);
    if (!(d >= lo && d <= hi)) { /* false for NaN too */
        *r->bad = 1;
        return 0;
    }
    return d;
}

/* A string of the pool (which ends in a NUL), NULL for NONE. */
static char *gstr(struct reader *r)
{
    uint32_t off = g32(r);
    if (*r->bad || off == NONE)
        return NULL;
    if (off >= r->db->strs_len) {
        *r->bad = 1;
        return NULL;
    }
    return (char *)(uintptr_t)(r->db->strs + off);
}

/* A string that must be there. */
static char *gstr1(struct reader *r)
{
    char *s = gstr(r);
    if (!s)
        *r->bad = 1;
    return s ? s : (char *)(uintptr_t)r->db->strs;
}

/* Keeps p for isth_db_free(); NULL p is out of memory. */
static void *keep(struct opener *o, void *p)
{
    isth_db *db = o->db;
    void **v;

    if (!p) {
        o->bad = o->nomem = 1;
        return NULL;
    }
    if (!(v = isth__realloc(db->copies, db->n_copies + 1, sizeof *v))) {
        isth__free(p);
        o->bad = o->nomem = 1;
        return NULL;
    }
    db->copies = v;
    v[db->n_copies++] = p;
    return p;
}

/*
 * Section s as n u32 (its length must be exactly 4 n), each below lim
 * (0: no limit): in place on a little-endian host, else a converted copy.
 */
static uint32_t *view32(struct opener *o, int s, size_t n, uint32_t lim)
{
    const unsigned char *p = o->sec[s];
    uint32_t *v, bad = 0;
    size_t i;

    if (o->bad || o->sec_len[s] / 4 != n || o->sec_len[s] % 4) {
        o->bad = 1;
        return NULL;
    }
    if (isth__host_le()) {
        v = (uint32_t *)(uintptr_t)p;
    } else {
        if (!(v = keep(o, isth__alloc(n ? n : 1, sizeof *v))))
            return NULL;
        for (i = 0; i < n; i++)
            v[i] = rd32(p + 4 * i);
    }
    if (lim)
        for (i = 0; i < n; i++) /* no branch: the loop vectorizes */
            bad |= (uint32_t)(v[i] >= lim);
    o->bad |= (int)bad;
    return v;
}

/* Section s as n bytes, each below lim (0: no limit). */
static unsigned char *view8(struct opener *o, int s, size_t n, unsigned lim)
{
    const unsigned char *v = o->sec[s];
    unsigned bad = 0;
    size_t i;

    if (o->bad || o->sec_len[s] != n) {
        o->bad = 1;
        return NULL;
    }
    if (lim)
        for (i = 0; i < n; i++)
            bad |= (unsigned)(v[i] >= lim);
    o->bad |= (int)bad;
    return (unsigned char *)(uintptr_t)v;
}

/* first[] is a grouping index: non-decreasing, from 0 to total. */
static int grouping_ok(const uint32_t *first, size_t n, uint32_t total)
{
    uint32_t bad = 0;
    size_t i;

    if (!first || first[0] != 0 || first[n] != total)
        return 0;
    for (i = 0; i < n; i++)
        bad |= (uint32_t)(first[i] > first[i + 1]);
    return !bad;
}

static int ok_range(uint32_t first, uint32_t n, uint32_t total)
{
    return first <= total && n <= total - first;
}

static int load_re(struct reader *r, struct isth_re **out, int required,
                   unsigned anchored, uint32_t *max_caps)
{
    char msg[160];
    size_t off;
    char *src = gstr(r);
    uint32_t caseless = g32(r);
    int rc;

    *out = NULL;
    if (*r->bad || caseless > 1 || (!src && required)) {
        *r->bad = 1;
        return ISTH_OK;
    }
    if (!src)
        return ISTH_OK;
    rc =
        isth__re_compile(out, src, (caseless ? ISTH_RE_CASELESS : 0) | anchored,
                         msg, sizeof msg, &off);
    if (rc == ISTH_EREGEX)
        *r->bad = 1;
    else if (rc == ISTH_OK && isth__re_captures(*out) > *max_caps)
        *max_caps = isth__re_captures(*out);
    return rc == ISTH_ENOMEM ? rc : ISTH_OK;
}

/* Links that go back: v[s] < s for every state but the root (so no walk
 * along them can loop), v[0] == 0.  One branch-free pass. */
static int links_back(const uint32_t *v, uint32_t n)
{
    uint32_t bad = v[0], s;

    for (s = 1; s < n; s++)
        bad |= (uint32_t)(v[s] >= s);
    return !bad;
}

/* The counts of META, in its order. */
enum {
    C_ENT,
    C_ATTRS,
    C_ALIAS,
    C_PAT,
    C_CUES,
    C_CI,
    C_CTX,
    C_RULES,
    C_RATTRS,
    C_ON,
    C_TOPICS,
    C_TSRCS,
    C_CUE_SRC,
    C_IDCAP,
    C_STATES,
    C_TRANS,
    C_MAX_ALIASES,
    C_N
};

static void read_meta(struct opener *o, uint32_t c[C_N])
{
    struct reader r = {o->sec[IMG_META],
                       o->sec[IMG_META] + o->sec_len[IMG_META], o->db, &o->bad};
    isth_db *db = o->db;
    int i;

    for (i = 0; i < C_N; i++)
        c[i] = g32(&r);
    db->scoring.lead_words = gf64(&r, 0, 100000);
    db->scoring.lead_boost = gf64(&r, 1, 100);
    db->scoring.length_unit = gf64(&r, 1, 1e6);
    db->scoring.scale = gf64(&r, 0.01, 1e6);
    if (r.p != r.end || (c[C_IDCAP] & (c[C_IDCAP] - 1)) || c[C_STATES] == 0 ||
        c[C_STATES] > ISTH_AC_MAX_STATES)
        o->bad = 1;
}

/* Entities, their attributes and the aliases. */
static void open_names(struct opener *o, const uint32_t c[C_N])
{
    isth_db *db = o->db;
    const struct isth_arec *al;
    uint32_t bad = 0, i;
    const uint32_t *v;

    if (!(v = view32(o, IMG_ENTITIES, (size_t)c[C_ENT] * 11, 0)))
        return;
    db->entities = (const struct isth_erec *)(const void *)v;
    db->n_entities = c[C_ENT];
    if (!(v = view32(o, IMG_ENT_ATTRS, (size_t)c[C_ATTRS] * 2, 0)))
        return;
    db->n_attrs = c[C_ATTRS];
    if (!(db->attrs = keep(
              o, isth__calloc(c[C_ATTRS] ? c[C_ATTRS] : 1, sizeof *db->attrs))))
        return;
    for (i = 0; i < c[C_ATTRS]; i++) {
        db->attrs[i].key = isth__str(db, v[2 * i]);
        db->attrs[i].value = isth__str(db, v[2 * i + 1]);
    }
    if (!(v = view32(o, IMG_ALIASES, (size_t)c[C_ALIAS] * 7, 0)))
        return;
    al = (const struct isth_arec *)(const void *)v;
    for (i = 0; i < c[C_ALIAS]; i++) /* no branch: the loop vectorizes */
        bad |= (uint32_t)(al[i].entity >= c[C_ENT]) |
               (uint32_t)(al[i].policy > ISTH_CASE_TITLE) |
               (uint32_t)(al[i].context > c[C_CTX]);
    o->bad |= (int)bad;
    db->aliases = al;
    db->n_aliases = c[C_ALIAS];
}

static void open_patterns(struct opener *o, const uint32_t c[C_N])
{
    isth_db *db = o->db;
    uint32_t n = c[C_PAT], bad = 0, i;

    db->n_patterns = n;
    db->max_aliases = c[C_MAX_ALIASES];
    db->pat_len = view32(o, IMG_PAT_LEN, n, 0);
    db->pat_flags = view8(o, IMG_PAT_FLAGS, n, 4);
    db->pat_first = view32(o, IMG_PAT_FIRST, (size_t)n + 1, 0);
    db->pat_alias =
        view32(o, IMG_PAT_ALIAS, c[C_ALIAS], c[C_ALIAS] ? c[C_ALIAS] : 1);
    db->pat_cue_first = view32(o, IMG_PAT_CUE_FIRST, (size_t)n + 1, 0);
    db->pat_cue = view32(o, IMG_PAT_CUE, c[C_CUES], c[C_CUES] ? c[C_CUES] : 1);
    if (o->bad)
        return;
    for (i = 0; i < n; i++)
        bad |= (uint32_t)(db->pat_len[i] == 0);
    if (bad || !grouping_ok(db->pat_first, n, c[C_ALIAS]) ||
        !grouping_ok(db->pat_cue_first, n, c[C_CUES]))
        o->bad = 1;
    else {
        /* The most aliases on one pattern sizes a scan's buffers. */
        for (i = 0; i < n; i++)
            bad |= (uint32_t)(db->pat_first[i + 1] - db->pat_first[i] >
                              db->max_aliases);
        o->bad |= (int)bad;
    }
}

/* Decoded arrays of the small tables, each within what the stream could
 * hold (4 bytes an element at least), so a corrupt count is refused
 * before a huge allocation. */
static void *table(struct opener *o, size_t n, size_t size)
{
    if (o->bad)
        return NULL;
    if (n > o->sec_len[IMG_TABLES] / 4) {
        o->bad = 1;
        return NULL;
    }
    return keep(o, isth__calloc(n + 1, size));
}

static int open_tables(struct opener *o, const uint32_t c[C_N])
{
    isth_db *db = o->db;
    struct reader r = {o->sec[IMG_TABLES],
                       o->sec[IMG_TABLES] + o->sec_len[IMG_TABLES], db,
                       &o->bad};
    uint32_t i, n_ent = c[C_ENT], n_cues = c[C_CUES], n_ci = c[C_CI],
                n_rattrs = c[C_RATTRS], n_on = c[C_ON];
    isth_attribute *rattrs;
    char **on_pairs;
    int rc = ISTH_OK;

    db->cues = table(o, n_cues, sizeof *db->cues);
    db->ctx_items = table(o, n_ci, sizeof *db->ctx_items);
    db->contexts = table(o, c[C_CTX], sizeof *db->contexts);
    db->rules = table(o, c[C_RULES], sizeof *db->rules);
    rattrs = table(o, n_rattrs, sizeof *rattrs);
    on_pairs = table(o, n_on, 2 * sizeof *on_pairs);
    db->topics = table(o, c[C_TOPICS], sizeof *db->topics);
    db->tsrcs = table(o, c[C_TSRCS], sizeof *db->tsrcs);
    if (o->bad)
        return ISTH_OK;
    db->n_cues = n_cues;
    for (i = 0; i < n_cues && !o->bad; i++) {
        db->cues[i].pattern = g32(&r);
        db->cues[i].prefix = (unsigned char)g32(&r);
        db->cues[i].text = gstr1(&r);
        if (db->cues[i].pattern >= c[C_PAT] || db->cues[i].prefix > 1)
            o->bad = 1;
    }
    db->n_ctx_items = n_ci;
    for (i = 0; i < n_ci && !o->bad; i++) {
        struct isth_ctx_item *ci = &db->ctx_items[i];
        ci->cue = g32(&r);
        ci->entity = g32(&r);
        ci->id = gstr(&r);
        ci->line = g32(&r);
        ci->col = g32(&r);
        if (ci->cue == NONE ? ci->entity >= n_ent : ci->cue >= n_cues)
            o->bad = 1;
    }
    db->n_contexts = c[C_CTX];
    for (i = 0; i < c[C_CTX] && !o->bad; i++) {
        struct isth_context *cx = &db->contexts[i];
        cx->window = (int)g32(&r);
        cx->req_first = g32(&r);
        cx->n_req = g32(&r);
        cx->exc_first = g32(&r);
        cx->n_exc = g32(&r);
        cx->line = g32(&r);
        cx->file = gstr1(&r);
        if (cx->window < -1 || !ok_range(cx->req_first, cx->n_req, n_ci) ||
            !ok_range(cx->exc_first, cx->n_exc, n_ci))
            o->bad = 1;
    }
    db->n_rules = c[C_RULES];
    for (i = 0; i < c[C_RULES] && !o->bad; i++) {
        struct isth_rule *ru = &db->rules[i];
        uint32_t af, an, of, on, nr, kind, j;
        ru->id = gstr1(&r);
        ru->label = gstr1(&r);
        ru->kind = gstr(&r);
        ru->file = gstr1(&r);
        ru->line = g32(&r);
        ru->priority = (int)g32(&r);
        ru->link = (int)g32(&r);
        ru->group = g32(&r);
        ru->id_template = gstr(&r);
        kind = g32(&r);
        ru->what = kind <= ISTH_RULE_KIND_MAX ? (enum isth_rule_kind)kind
                                              : ISTH_RULE_PATTERN;
        ru->propagate = (int)g32(&r);
        ru->before_window = g32(&r);
        ru->req_within = g32(&r);
        /* A relabelling rule's 'after' is only matched anchored. */
        if ((rc = load_re(&r, &ru->re, !isth__rule_on_names(ru),
                          isth__rule_on_names(ru) ? ISTH_RE_ANCHORED : 0,
                          &db->max_captures)) ||
            (rc = load_re(&r, &ru->before, 0, 0, &db->max_captures)))
            return rc;
        af = g32(&r);
        an = g32(&r);
        of = g32(&r);
        on = g32(&r);
        nr = g32(&r);
        if (nr && !o->bad) {
            if (nr > (size_t)(r.end - r.p) / 4) {
                o->bad = 1;
                break;
            }
            if (!(ru->req = isth__alloc(nr, sizeof *ru->req))) {
                o->bad = o->nomem = 1;
                break;
            }
            ru->n_req = nr;
            for (j = 0; j < nr; j++)
                if ((ru->req[j] = g32(&r)) >= n_cues)
                    o->bad = 1;
        }
        if (!ok_range(af, an, n_rattrs) || !ok_range(of, on, n_on) ||
            (nr && !n_cues) || (!ru->re && !ru->before) ||
            (ru->group &&
             (!isth__rule_span_re(ru) ||
              ru->group > isth__re_captures(isth__rule_span_re(ru)))) ||
            kind > ISTH_RULE_KIND_MAX ||
            (isth__rule_on_names(ru) &&
             (ru->what == ISTH_RULE_BESIDE) != (ru->group != 0)) ||
            (uint32_t)ru->propagate > 1 ||
            (ru->propagate && isth__rule_on_names(ru)) ||
            (uint32_t)ru->link > 2 || (isth__rule_on_names(ru) ? 0 : !ru->re) ||
            ru->before_window < 1 || ru->before_window > ISTH_BEFORE_WINDOW ||
            ru->req_within > ISTH_REQUIRES_WITHIN ||
            (ru->req_within && (isth__rule_on_names(ru) || !nr)))
            o->bad = 1;
        else {
            ru->attrs = an ? rattrs + af : NULL;
            ru->n_attrs = an;
            ru->on_label = on_pairs + of;
            ru->on_kind = on_pairs + n_on + of;
            ru->n_on = on;
        }
    }
    for (i = 0; i < n_rattrs && !o->bad; i++) {
        rattrs[i].key = gstr1(&r);
        rattrs[i].value = gstr1(&r);
    }
    for (i = 0; i < n_on && !o->bad; i++) { /* labels, then kinds */
        on_pairs[i] = gstr(&r);
        on_pairs[n_on + i] = gstr(&r);
    }
    db->n_topics = c[C_TOPICS];
    for (i = 0; i < c[C_TOPICS] && !o->bad; i++) {
        struct isth_topic *t = &db->topics[i];
        t->label = gstr1(&r);
        t->description = gstr1(&r);
        t->file = gstr1(&r);
        t->line = g32(&r);
        t->threshold = gf64(&r, 0.001, 1);
        t->min_cues = g32(&r);
        if (t->min_cues < 1 || t->min_cues > 100)
            o->bad = 1;
    }
    db->n_tsrcs = c[C_TSRCS];
    for (i = 0; i < c[C_TSRCS] && !o->bad; i++) {
        struct isth_tsrc *t = &db->tsrcs[i];
        t->topic = g32(&r);
        t->type = (unsigned char)g32(&r);
        t->weight = gf64(&r, -100, 100);
        if (t->weight == 0)
            o->bad = 1;
        t->cue = g32(&r);
        if ((rc = load_re(&r, &t->re, 0, 0, &db->max_captures)))
            return rc;
        t->label = gstr(&r);
        t->kind = gstr(&r);
        t->id = gstr(&r);
        t->entity = g32(&r);
        t->name = gstr1(&r);
        t->line = g32(&r);
        t->col = g32(&r);
        t->anchor = (unsigned char)g32(&r);
        if (t->topic >= c[C_TOPICS] || t->type > TSRC_ENTITY || t->anchor > 1 ||
            (t->type == TSRC_CUE && t->cue >= n_cues) ||
            (t->type == TSRC_PATTERN && !t->re) ||
            (t->entity != NONE && t->entity >= n_ent))
            o->bad = 1;
    }
    if (r.p != r.end)
        o->bad = 1;
    return ISTH_OK;
}

#define HUGE_PAGE ((size_t)2 << 20)

/*
 * The dense rows take most of a scan's memory reads, at random: rows of
 * 2 MiB or more get a copy of their own, 2 MiB-aligned and marked for
 * huge pages, so a scan does not miss the TLB on the file's 4 KiB pages
 * (where the kernel has no huge page to give, it is just a copy, made in
 * a millisecond or two).  Smaller rows stay in the image.
 */
static uint32_t *huge_copy(struct opener *o, uint32_t *rows, size_t bytes)
{
    unsigned char *raw, *at;

    if (o->bad || bytes < HUGE_PAGE)
        return rows;
    if (!(raw = keep(o, isth__alloc(bytes + 2 * HUGE_PAGE, 1))))
        return NULL;
    at = raw + (HUGE_PAGE - (uintptr_t)raw % HUGE_PAGE) % HUGE_PAGE;
#ifdef MADV_HUGEPAGE
    madvise(at, (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE);
#endif
    memcpy(at, rows, bytes);
    return (uint32_t *)(void *)at;
}

/* The automaton's dense rows and classes (struct isth_ac).  Every entry
 * leads to a row, or (with its attention bit) to a state; a row entry
 * between two rows still reads inside the array, which has a row of
 * zeros (the root) after the last. */
static void open_dense(struct opener *o, struct isth_ac *ac)
{
    const uint32_t *cl = view32(o, IMG_AC_CLASSES, 2 + 512, 0);
    uint64_t n, limit, i;
    uint32_t bad = 0, *d;

    if (!cl)
        return;
    ac->n_cls = cl[0];
    ac->n_hot = cl[1];
    if (ac->n_cls < 2 || ac->n_cls > 258 || ac->n_hot < 1 ||
        ac->n_hot > ac->n_states) {
        o->bad = 1;
        return;
    }
    for (i = 0; i < 256; i++) {
        uint32_t k = cl[2 + i], t = cl[2 + 256 + i];
        bad |= (uint32_t)(k >= ac->n_cls) |
               (uint32_t)(t >= ac->n_cls && t != ISTH_TCLS_OTHER);
        ac->cls[i] = (uint16_t)k;
        ac->tcls[i] = (uint16_t)t;
    }
    n = ((uint64_t)ac->n_hot + 3) * ac->n_cls;
    limit = ((uint64_t)ac->n_hot + 2) * ac->n_cls;
    if (bad || n > o->sec_len[IMG_AC_DENSE] / 4 ||
        limit + ac->n_states >= UINT32_MAX / 2) {
        o->bad = 1;
        return;
    }
    ac->hot_limit = (uint32_t)limit;
    if (!(d = view32(o, IMG_AC_DENSE, (size_t)n, 0)))
        return;
    for (i = 0; i < n; i++) /* no branch: the loop vectorizes */
        bad |= (uint32_t)((d[i] >> 1) >= limit + ac->n_states) |
               (uint32_t)(!(d[i] & 1) & ((d[i] >> 1) >= limit));
    o->bad |= (int)bad;
    ac->dense = huge_copy(o, d, (size_t)n * sizeof *d);
}

/* The accepting-state bitmap: n u64. */
static uint64_t *view64(struct opener *o, int s, size_t n)
{
    const unsigned char *p = o->sec[s];
    uint64_t *v;
    size_t i;

    if (o->bad || o->sec_len[s] / 8 != n || o->sec_len[s] % 8) {
        o->bad = 1;
        return NULL;
    }
    if (isth__host_le())
        return (uint64_t *)(uintptr_t)p;
    if (!(v = keep(o, isth__alloc(n ? n : 1, sizeof *v))))
        return NULL;
    for (i = 0; i < n; i++)
        v[i] = rd64(p + 8 * i);
    return v;
}

static void open_ac(struct opener *o, const uint32_t c[C_N])
{
    isth_db *db = o->db;
    struct isth_ac *ac = &db->ac;
    uint32_t n_states = c[C_STATES], n_trans = c[C_TRANS], *root;

    db->cue_src_first = view32(o, IMG_CUE_SRC_FIRST, (size_t)c[C_CUES] + 1, 0);
    db->cue_src =
        view32(o, IMG_CUE_SRC, c[C_CUE_SRC], c[C_TSRCS] ? c[C_TSRCS] : 1);
    db->id_index_cap = c[C_IDCAP];
    db->id_index = view32(o, IMG_ID_INDEX, c[C_IDCAP], c[C_ENT] + 1);
    if (!o->bad && !grouping_ok(db->cue_src_first, c[C_CUES], c[C_CUE_SRC]))
        o->bad = 1;
    /* Every state but the root has one parent: edge k leads to state
     * k + 1, so there are n_states - 1 edges. */
    if (n_trans != n_states - 1)
        o->bad = 1;
    ac->n_states = n_states;
    if ((root = view32(o, IMG_AC_ROOT, 256, n_states)) != NULL)
        memcpy(ac->root_next, root, sizeof ac->root_next);
    ac->trans_off = view32(o, IMG_AC_TRANS_OFF, (size_t)n_states + 1, 0);
    ac->trans_byte = view8(o, IMG_AC_TRANS_BYTE, n_trans, 0);
    ac->fail = view32(o, IMG_AC_FAIL, n_states, n_states);
    ac->out = view32(o, IMG_AC_OUT, n_states, c[C_PAT] + 1);
    ac->dict = view32(o, IMG_AC_DICT, n_states, n_states);
    if (o->bad)
        return;
    if (!grouping_ok(ac->trans_off, n_states, n_trans) || ac->out[0] ||
        !links_back(ac->fail, n_states) || !links_back(ac->dict, n_states)) {
        o->bad = 1;
        return;
    }
    open_dense(o, ac);
    ac->acc = view64(o, IMG_AC_ACC, n_states / 64 + 1);
}

/* Checks the header, the length, the checksum and the section table. */
static int check_header(struct opener *o, const unsigned char *b, size_t len,
                        isth_error *err)
{
    const size_t table = ISTH_IMG_HEADER + 24 * (size_t)IMG_SECTIONS;
    uint64_t total, end = table;
    int s;

    if (len < ISTH_IMG_HEADER || memcmp(b, MAGIC, 8))
        return isth__error_set(err, ISTH_EBADDB, NULL, 0, 0,
                               "not an isthmus database (bad magic)");
    if (rd32(b + 8) != ISTH_DB_FORMAT)
        return isth__error_set(err, ISTH_EDBVERSION, NULL, 0, 0,
                               "database format %u, this isthmus reads %u: "
                               "compile it again",
                               rd32(b + 8), ISTH_DB_FORMAT);
    if (rd32(b + 12) != 0)
        return isth__error_set(err, ISTH_EDBVERSION, NULL, 0, 0,
                               "database uses features (flags %#x) this "
                               "isthmus does not know: compile it again",
                               rd32(b + 12));
    total = rd64(b + 16);
    if (total != len)
        return isth__error_set(err, ISTH_EBADDB, NULL, 0, 0,
                               "database truncated or extended: %zu bytes, "
                               "header says %llu",
                               len, (unsigned long long)total);
    if (len < table || rd32(b + 28) != IMG_SECTIONS)
        return isth__error_set(err, ISTH_EBADDB, NULL, 0, 0,
                               "corrupt database: bad section table");
    if (isth__crc32c(b + ISTH_IMG_CRC_FROM, len - ISTH_IMG_CRC_FROM) !=
        rd32(b + 24))
        return isth__error_set(err, ISTH_EBADDB, NULL, 0, 0,
                               "database checksum mismatch (corrupt file)");
    /* Sections in id order, 8-aligned, after one another, inside. */
    for (s = 1; s <= IMG_SECTIONS; s++) {
        const unsigned char *e = b + ISTH_IMG_HEADER + 24 * (size_t)(s - 1);
        uint64_t off = rd64(e + 8), n = rd64(e + 16);
        if (rd32(e) != (uint32_t)s || rd32(e + 4) != 0 || off % 8 ||
            off < end || off > len || n > len - off)
            return isth__error_set(err, ISTH_EBADDB, NULL, 0, 0,
                                   "corrupt database: bad section table");
        o->sec[s] = b + off;
        o->sec_len[s] = (size_t)n;
        end = off + n;
    }
    /* The pool starts with "" and ends with a NUL: every offset inside it
     * reads a terminated string. */
    if (!o->sec_len[IMG_STRINGS] || o->sec[IMG_STRINGS][0] ||
        o->sec[IMG_STRINGS][o->sec_len[IMG_STRINGS] - 1] ||
        o->sec_len[IMG_STRINGS] >= UINT32_MAX)
        return isth__error_set(err, ISTH_EBADDB, NULL, 0, 0,
                               "corrupt database: bad string pool");
    return ISTH_OK;
}

int isth__image_open(isth_db **out, unsigned char *image, size_t len,
                     int mapped, isth_error *err)
{
    struct opener o;
    uint32_t c[C_N];
    isth_db *db;
    int rc;

    *out = NULL;
    memset(&o, 0, sizeof o);
    if (!(db = isth__calloc(1, sizeof *db))) {
        if (mapped)
            munmap(image, len);
        else
            isth__free(image);
        return isth__error_set(err, ISTH_ENOMEM, NULL, 0, 0, "out of memory");
    }
    db->image = image;
    db->image_len = len;
    db->image_mapped = mapped;
    o.db = db;
    if ((rc = check_header(&o, image, len, err))) {
        isth_db_free(db);
        return rc;
    }
    db->strs = (const char *)o.sec[IMG_STRINGS];
    db->strs_len = o.sec_len[IMG_STRINGS];
    read_meta(&o, c);
    if (!o.bad)
        open_names(&o, c);
    if (!o.bad)
        open_patterns(&o, c);
    if (!o.bad && (rc = open_tables(&o, c)) == ISTH_ENOMEM)
        o.bad = o.nomem = 1;
    if (!o.bad)
        open_ac(&o, c);
    if (!o.bad && isth__db_derive(db))
        o.bad = o.nomem = 1;
    if (o.bad) {
        isth_db_free(db);
        if (o.nomem)
            return isth__error_set(err, ISTH_ENOMEM, NULL, 0, 0,
                                   "out of memory");
        return isth__error_set(err, ISTH_EBADDB, NULL, 0, 0,
                               "corrupt database: a count, an index, a "
                               "string or a number is out of range");
    }
    *out = db;
    return ISTH_OK;
}

/* ------------------------------------------------------------------ */
/* The public entry points                                              */

int isth_db_serialize(const isth_db *db, char **bytes, size_t *len)
{
    char *b;

    if (!db || !bytes || !len)
        return ISTH_EINVAL;
    *bytes = NULL;
    *len = 0;
    if (!(b = isth__alloc(db->image_len, 1)))
        return ISTH_ENOMEM;
    memcpy(b, db->image, db->image_len);
    *bytes = b;
    *len = db->image_len;
    return ISTH_OK;
}

int isth_db_deserialize(isth_db **out, const char *bytes, size_t len,
                        isth_error *err)
{
    unsigned char *copy;

    isth__error_clear(err);
    if (!out || (!bytes && len))
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "invalid argument");
    *out = NULL;
    /* A copy the database owns: the caller's bytes may go, and may not
     * be aligned. */
    if (!(copy = isth__alloc(len ? len : 1, 1)))
        return isth__error_set(err, ISTH_ENOMEM, NULL, 0, 0, "out of memory");
    if (len)
        memcpy(copy, bytes, len);
    return isth__image_open(out, copy, len, 0, err);
}

int isth_db_load(isth_db **out, const char *path, isth_error *err)
{
    struct stat st;
    void *map;
    int fd, rc;

    isth__error_clear(err);
    if (!out || !path)
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "invalid argument");
    *out = NULL;
    /* O_NONBLOCK: a FIFO is refused below instead of waiting for a
     * writer. */
    if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
        return isth__error_set(err, ISTH_EIO, path, 0, 0, "cannot open: %s",
                               strerror(errno));
    if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
        close(fd);
        return isth__error_set(err, ISTH_EIO, path, 0, 0,
                               "not a regular file (%s): a database is read "
                               "from a file that isthmus compile wrote",
                               S_ISFIFO(st.st_mode)  ? "a FIFO"
                               : S_ISCHR(st.st_mode) ? "a character device"
                               : S_ISBLK(st.st_mode) ? "a block device"
                               : S_ISDIR(st.st_mode) ? "a directory"
                                                     : "a socket");
    }
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        close(fd);
        return isth__error_set(err, ISTH_EBADDB, path, 0, 0,
                               "not an isthmus database (empty)");
    }
    /* Mapped for the database's life: its strings and big arrays are
     * used where they lie. */
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
               fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return isth__error_set(err, ISTH_EIO, path, 0, 0, "cannot map: %s",
                               strerror(errno));
    rc = isth__image_open(out, map, (size_t)st.st_size, 1, err);
    if (rc && err && !err->file[0])
        snprintf(err->file, sizeof err->file, "%s", path);
    return rc;
}

int isth_db_save(const isth_db *db, const char *path, isth_error *err)
{
    struct isth_outfile o;
    char msg[160];
    int rc = ISTH_OK;

    isth__error_clear(err);
    if (!db || !path)
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "invalid argument");
    if (isth__outfile_open(&o, path, msg, sizeof msg)) {
        rc = isth__error_set(err, ISTH_EIO, path, 0, 0, "%s", msg);
    } else if (isth__outfile_write(&o, db->image, db->image_len)) {
        rc = isth__error_set(err, ISTH_EIO, path, 0, 0, "write error: %s",
                             strerror(errno));
        isth__outfile_abort(&o);
    } else if (isth__outfile_commit(&o, msg, sizeof msg)) {
        rc = isth__error_set(err, ISTH_EIO, path, 0, 0, "%s", msg);
    }
    return rc;
}

void isth_free(void *p)
{
    isth__free(p);
}

void isth_db_free(isth_db *db)
{
    size_t i;

    if (!db)
        return;
    for (i = 0; db->rules && i < db->n_rules; i++) {
        isth__re_free(db->rules[i].before);
        isth__re_free(db->rules[i].re);
        isth__free(db->rules[i].req);
    }
    for (i = 0; db->tsrcs && i < db->n_tsrcs; i++)
        isth__re_free(db->tsrcs[i].re);
    for (i = 0; i < db->n_copies; i++)
        isth__free(db->copies[i]);
    isth__free(db->copies);
    isth__free(db->pat_tsrc);
    isth__free(db->ent_tsrc);
    if (db->image_mapped)
        munmap(db->image, db->image_len);
    else
        isth__free(db->image);
    isth__free(db);
}

/* ------------------------------------------------------------------ */
/* Derived tables and accessors                                         */

int isth__db_derive(isth_db *db)
{
    size_t i;

    db->id_items = 0;
    for (i = 0; i < db->n_ctx_items; i++)
        if (db->ctx_items[i].cue == UINT32_MAX)
            db->id_items = 1;
    db->n_pat_tsrc = db->n_ent_tsrc = 0;
    db->pat_tsrc = isth__alloc(db->n_tsrcs + 1, sizeof *db->pat_tsrc);
    db->ent_tsrc = isth__alloc(db->n_tsrcs + 1, sizeof *db->ent_tsrc);
    if (!db->pat_tsrc || !db->ent_tsrc)
        return ISTH_ENOMEM;
    for (i = 0; i < db->n_tsrcs; i++) {
        if (db->tsrcs[i].type == TSRC_PATTERN)
            db->pat_tsrc[db->n_pat_tsrc++] = (uint32_t)i;
        else if (db->tsrcs[i].type == TSRC_ENTITY)
            db->ent_tsrc[db->n_ent_tsrc++] = (uint32_t)i;
    }
    return ISTH_OK;
}

size_t isth_db_entity_count(const isth_db *db)
{
    return db ? db->n_entities : 0;
}

size_t isth_db_pattern_count(const isth_db *db)
{
    return db ? db->n_patterns : 0;
}

int isth_db_entity(const isth_db *db, size_t index, isth_entity_info *out)
{
    const struct isth_erec *e;

    if (!db || !out || index >= db->n_entities)
        return ISTH_EINVAL;
    e = &db->entities[index];
    out->id = isth__str(db, e->id);
    out->name = isth__str(db, e->name);
    out->label = isth__str(db, e->label);
    out->kind = isth__str(db, e->kind);
    out->file = isth__str(db, e->file);
    out->line = e->line;
    out->priority = e->priority;
    out->attributes = isth__ent_attrs(db, e, &out->n_attributes);
    return ISTH_OK;
}

size_t isth_db_topic_count(const isth_db *db)
{
    return db ? db->n_topics : 0;
}

int isth_db_topic(const isth_db *db, size_t index, const char **label,
                  const char **description, double *threshold)
{
    if (!db || index >= db->n_topics)
        return ISTH_EINVAL;
    if (label)
        *label = db->topics[index].label;
    if (description)
        *description = db->topics[index].description;
    if (threshold)
        *threshold = db->topics[index].threshold;
    return ISTH_OK;
}

size_t isth_db_rule_count(const isth_db *db)
{
    return db ? db->n_rules : 0;
}

size_t isth_db_find(const isth_db *db, const char *id)
{
    size_t h, probes;

    if (!db || !id || !db->id_index_cap)
        return (size_t)-1;
    h = (size_t)isth__hash_str(id) & (db->id_index_cap - 1);
    /* At most one round: a corrupt index may be full. */
    for (probes = 0; probes < db->id_index_cap && db->id_index[h]; probes++) {
        size_t e = db->id_index[h] - 1;
        if (!strcmp(isth__str(db, db->entities[e].id), id))
            return e;
        h = (h + 1) & (db->id_index_cap - 1);
    }
    return (size_t)-1;
}

int isth_db_inputs_hash(const isth_db *db, uint64_t *hash)
{
    if (!db || !hash || !db->have_inputs_hash)
        return ISTH_EINVAL;
    *hash = db->inputs_hash;
    return ISTH_OK;
}
