/* SPDX-License-Identifier: MIT */
/*
 * freeze.c - a builder to a database image (the layout is in image.h and
 * DESIGN.md).  The small streams (META, TABLES) are written first into
 * buffers of their own; every other section but the strings has a size
 * the counts give, so the image is laid out, allocated once, and those
 * sections written in place; the strings, interned along the way, go
 * last.  Every string is stored once: a label, a kind or a file name
 * shared by a million entries costs one copy, not a million.
 */
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "crc32c.h"
#include "db.h"
#include "image.h"
#include "loader.h"
#include "regex.h"

#define NONE UINT32_MAX

static const unsigned char MAGIC[8] = {0x89, 'I',  'S',  'D',
                                       'B',  '\r', '\n', 0x1a};

/* Where sections are written: a growing buffer (META, TABLES, STRINGS),
 * or a place of fixed size in the image (fixed: len never passes cap). */
struct writer {
    struct isth_buf sec[IMG_SECTIONS + 1];
    unsigned char fixed[IMG_SECTIONS + 1];
    uint32_t *set; /* the strings written: offset + 1, 0 = empty slot */
    size_t set_cap, n_set;
    int rc;
};

static void put(struct writer *w, int s, const void *p, size_t n)
{
    struct isth_buf *b = &w->sec[s];

    if (w->rc || !n)
        return;
    if (b->cap - b->len >= n) {
        memcpy(b->ptr + b->len, p, n);
        b->len += n;
        return;
    }
    if (w->fixed[s]) /* the layout was wrong: a bug, not the input */
        w->rc = ISTH_EINVAL;
    else
        w->rc = isth__buf_put(b, p, n);
}

static void le32(unsigned char *o, uint32_t v)
{
    o[0] = (unsigned char)v;
    o[1] = (unsigned char)(v >> 8);
    o[2] = (unsigned char)(v >> 16);
    o[3] = (unsigned char)(v >> 24);
}

static void le64(unsigned char *o, uint64_t v)
{
    le32(o, (uint32_t)v);
    le32(o + 4, (uint32_t)(v >> 32));
}

static void u32(struct writer *w, int s, uint32_t v)
{
    unsigned char b[4];
    le32(b, v);
    put(w, s, b, 4);
}

static void f64(struct writer *w, int s, double d)
{
    uint64_t v;
    unsigned char b[8];
    memcpy(&v, &d, 8);
    le64(b, v);
    put(w, s, b, 8);
}

static void arr(struct writer *w, int s, const uint32_t *v, size_t n)
{
    size_t i;

    if (isth__host_le()) {
        if (n)
            put(w, s, v, 4 * n);
        return;
    }
    for (i = 0; i < n && !w->rc; i++)
        u32(w, s, v[i]);
}

/* Doubles the string set (power-of-two capacity). */
static int set_grow(struct writer *w)
{
    size_t cap = w->set_cap ? 2 * w->set_cap : 1024, i;
    uint32_t *n = isth__calloc(cap, sizeof *n);
    const char *pool = w->sec[IMG_STRINGS].ptr;

    if (!n)
        return ISTH_ENOMEM;
    for (i = 0; i < w->set_cap; i++)
        if (w->set[i]) {
            size_t h = (size_t)isth__hash_str(pool + w->set[i] - 1) & (cap - 1);
            while (n[h])
                h = (h + 1) & (cap - 1);
            n[h] = w->set[i];
        }
    isth__free(w->set);
    w->set = n;
    w->set_cap = cap;
    return ISTH_OK;
}

/* A string's offset in the pool, written there the first time it is
 * seen; NONE for NULL, 0 for "". */
static uint32_t intern(struct writer *w, const char *s)
{
    size_t h, len;
    uint32_t off;

    if (!s)
        return NONE;
    if (!*s || w->rc)
        return 0;
    if (2 * (w->n_set + 1) > w->set_cap && (w->rc = set_grow(w)))
        return 0;
    h = (size_t)isth__hash_str(s) & (w->set_cap - 1);
    for (; w->set[h]; h = (h + 1) & (w->set_cap - 1))
        if (!strcmp(w->sec[IMG_STRINGS].ptr + w->set[h] - 1, s))
            return w->set[h] - 1;
    len = strlen(s) + 1;
    if (w->sec[IMG_STRINGS].len + len >= UINT32_MAX) {
        w->rc = ISTH_ETOOBIG;
        return 0;
    }
    off = (uint32_t)w->sec[IMG_STRINGS].len;
    put(w, IMG_STRINGS, s, len);
    w->set[h] = off + 1;
    w->n_set++;
    return off;
}

static void str(struct writer *w, int s, const char *v)
{
    u32(w, s, intern(w, v));
}

/* A string that is seldom repeated (an entity's id and name, an exact
 * key): appended without looking it up, which would cost a random probe
 * of the set for each of a million names. */
static void str_once(struct writer *w, int s, const char *v)
{
    size_t len;
    uint32_t off;

    if (!v || !*v) {
        u32(w, s, v ? 0 : NONE);
        return;
    }
    len = strlen(v) + 1;
    if (w->sec[IMG_STRINGS].len + len >= UINT32_MAX) {
        w->rc = ISTH_ETOOBIG;
        return;
    }
    off = (uint32_t)w->sec[IMG_STRINGS].len;
    put(w, IMG_STRINGS, v, len);
    u32(w, s, off);
}

/* A string repeated from one entity to the next (label, kind, file):
 * the last one of its field is tried before the set. */
struct last {
    const char *s;
    uint32_t off;
};

static void str_last(struct writer *w, int s, struct last *l, const char *v)
{
    if (!(v && l->s && !strcmp(v, l->s))) {
        l->s = v;
        l->off = intern(w, v);
    }
    u32(w, s, l->off);
}

static void re_src(struct writer *w, const struct isth_re *re)
{
    str(w, IMG_TABLES, re ? isth__re_source(re) : NULL);
    u32(w, IMG_TABLES, re ? (uint32_t)isth__re_caseless(re) : 0);
}

/* How many topic sources the cues have in all. */
static uint32_t n_cue_src(const struct isth_build *b)
{
    return b->cue_src_first ? b->cue_src_first[b->n_cues] : 0;
}

static void write_meta(struct writer *w, const struct isth_build *b,
                       size_t n_attrs, size_t n_rattrs, size_t n_on)
{
    const struct isth_ac *ac = &b->ac;
    const int M = IMG_META;

    u32(w, M, (uint32_t)b->n_entities);
    u32(w, M, (uint32_t)n_attrs);
    u32(w, M, (uint32_t)b->n_aliases);
    u32(w, M, (uint32_t)b->n_patterns);
    u32(w, M, (uint32_t)b->n_cues);
    u32(w, M, (uint32_t)b->n_ctx_items);
    u32(w, M, (uint32_t)b->n_contexts);
    u32(w, M, (uint32_t)b->n_rules);
    u32(w, M, (uint32_t)n_rattrs);
    u32(w, M, (uint32_t)n_on);
    u32(w, M, (uint32_t)b->n_topics);
    u32(w, M, (uint32_t)b->n_tsrcs);
    u32(w, M, n_cue_src(b));
    u32(w, M, (uint32_t)b->id_index_cap);
    u32(w, M, ac->n_states);
    u32(w, M, ac->n_states ? ac->trans_off[ac->n_states] : 0);
    u32(w, M, (uint32_t)b->max_aliases);
    f64(w, M, b->scoring.lead_words);
    f64(w, M, b->scoring.lead_boost);
    f64(w, M, b->scoring.length_unit);
    f64(w, M, b->scoring.scale);
}

static void write_entities(struct writer *w, const struct isth_build *b)
{
    struct last label = {NULL, 0}, kind = {NULL, 0}, file = {NULL, 0};
    size_t i, j, n_attrs = 0;

    for (i = 0; i < b->n_entities; i++) {
        const struct isth_entity *e = &b->entities[i];
        str_once(w, IMG_ENTITIES, e->id);
        str_once(w, IMG_ENTITIES, e->name);
        str_last(w, IMG_ENTITIES, &label, e->label);
        str_last(w, IMG_ENTITIES, &kind, e->kind);
        str_last(w, IMG_ENTITIES, &file, e->file);
        u32(w, IMG_ENTITIES, e->line);
        u32(w, IMG_ENTITIES, e->col);
        u32(w, IMG_ENTITIES, (uint32_t)e->priority);
        u32(w, IMG_ENTITIES, e->hidden);
        u32(w, IMG_ENTITIES, (uint32_t)n_attrs);
        u32(w, IMG_ENTITIES, (uint32_t)e->n_attrs);
        for (j = 0; j < e->n_attrs; j++) {
            str(w, IMG_ENT_ATTRS, e->attrs[j].key);
            str(w, IMG_ENT_ATTRS, e->attrs[j].value);
        }
        n_attrs += e->n_attrs;
    }
    for (i = 0; i < b->n_aliases; i++) {
        const struct isth_alias *a = &b->aliases[i];
        u32(w, IMG_ALIASES, a->entity);
        u32(w, IMG_ALIASES, a->order);
        u32(w, IMG_ALIASES, a->policy);
        u32(w, IMG_ALIASES, a->context);
        str_once(w, IMG_ALIASES, a->exact);
        u32(w, IMG_ALIASES, (uint32_t)a->exact_len);
        u32(w, IMG_ALIASES, a->caps);
    }
}

/* Cues, context items, contexts, rules (and their attributes and
 * applies_to pairs), topics and topic sources, in that order. */
static void write_tables(struct writer *w, const struct isth_build *b)
{
    const int T = IMG_TABLES;
    size_t i, j, n_rattrs = 0, n_on = 0;

    for (i = 0; i < b->n_cues; i++) {
        u32(w, T, b->cues[i].pattern);
        u32(w, T, b->cues[i].prefix);
        str(w, T, b->cues[i].text);
    }
    for (i = 0; i < b->n_ctx_items; i++) {
        const struct isth_ctx_item *c = &b->ctx_items[i];
        u32(w, T, c->cue);
        u32(w, T, c->entity);
        str(w, T, c->id);
        u32(w, T, c->line);
        u32(w, T, c->col);
    }
    for (i = 0; i < b->n_contexts; i++) {
        const struct isth_context *c = &b->contexts[i];
        u32(w, T, (uint32_t)c->window);
        u32(w, T, c->req_first);
        u32(w, T, c->n_req);
        u32(w, T, c->exc_first);
        u32(w, T, c->n_exc);
        u32(w, T, c->line);
        str(w, T, c->file);
    }
    for (i = 0; i < b->n_rules; i++) {
        const struct isth_rule *r = &b->rules[i];
        str(w, T, r->id);
        str(w, T, r->label);
        str(w, T, r->kind);
        str(w, T, r->file);
        u32(w, T, r->line);
        u32(w, T, (uint32_t)r->priority);
        u32(w, T, (uint32_t)r->link);
        u32(w, T, r->group);
        str(w, T, r->id_template);
        u32(w, T, (uint32_t)r->what);
        u32(w, T, (uint32_t)r->propagate);
        u32(w, T, r->before_window);
        u32(w, T, r->req_within);
        re_src(w, r->re);
        re_src(w, r->before);
        u32(w, T, (uint32_t)n_rattrs);
        u32(w, T, (uint32_t)r->n_attrs);
        u32(w, T, (uint32_t)n_on);
        u32(w, T, (uint32_t)r->n_on);
        u32(w, T, (uint32_t)r->n_req);
        arr(w, T, r->req, r->n_req);
        n_rattrs += r->n_attrs;
        n_on += r->n_on;
    }
    for (i = 0; i < b->n_rules; i++)
        for (j = 0; j < b->rules[i].n_attrs; j++) {
            str(w, T, b->rules[i].attrs[j].key);
            str(w, T, b->rules[i].attrs[j].value);
        }
    for (i = 0; i < b->n_rules; i++)
        for (j = 0; j < b->rules[i].n_on; j++) {
            str(w, T, b->rules[i].on_label[j]);
            str(w, T, b->rules[i].on_kind[j]);
        }
    for (i = 0; i < b->n_topics; i++) {
        const struct isth_topic *t = &b->topics[i];
        str(w, T, t->label);
        str(w, T, t->description);
        str(w, T, t->file);
        u32(w, T, t->line);
        f64(w, T, t->threshold);
        u32(w, T, t->min_cues);
    }
    for (i = 0; i < b->n_tsrcs; i++) {
        const struct isth_tsrc *t = &b->tsrcs[i];
        u32(w, T, t->topic);
        u32(w, T, t->type);
        f64(w, T, t->weight);
        u32(w, T, t->cue);
        re_src(w, t->re);
        str(w, T, t->label);
        str(w, T, t->kind);
        str(w, T, t->id);
        u32(w, T, t->entity);
        str(w, T, t->name);
        u32(w, T, t->line);
        u32(w, T, t->col);
        u32(w, T, t->anchor);
    }
}

static void write_arrays(struct writer *w, const struct isth_build *b)
{
    const struct isth_ac *ac = &b->ac;
    uint32_t n_trans = ac->n_states ? ac->trans_off[ac->n_states] : 0;
    size_t i;

    arr(w, IMG_PAT_LEN, b->pat_len, b->n_patterns);
    put(w, IMG_PAT_FLAGS, b->pat_flags, b->n_patterns);
    arr(w, IMG_PAT_FIRST, b->pat_first, b->n_patterns + 1);
    arr(w, IMG_PAT_ALIAS, b->pat_alias, b->n_aliases);
    arr(w, IMG_PAT_CUE_FIRST, b->pat_cue_first, b->n_patterns + 1);
    arr(w, IMG_PAT_CUE, b->pat_cue, b->n_cues);
    if (b->cue_src_first) {
        arr(w, IMG_CUE_SRC_FIRST, b->cue_src_first, b->n_cues + 1);
        arr(w, IMG_CUE_SRC, b->cue_src, n_cue_src(b));
    } else {
        for (i = 0; i <= b->n_cues; i++)
            u32(w, IMG_CUE_SRC_FIRST, 0);
    }
    arr(w, IMG_ID_INDEX, b->id_index, b->id_index_cap);
    arr(w, IMG_AC_ROOT, ac->root_next, 256);
    if (ac->n_states) {
        arr(w, IMG_AC_TRANS_OFF, ac->trans_off, (size_t)ac->n_states + 1);
        put(w, IMG_AC_TRANS_BYTE, ac->trans_byte, n_trans);
        arr(w, IMG_AC_FAIL, ac->fail, ac->n_states);
        arr(w, IMG_AC_OUT, ac->out, ac->n_states);
        arr(w, IMG_AC_DICT, ac->dict, ac->n_states);
        u32(w, IMG_AC_CLASSES, ac->n_cls);
        u32(w, IMG_AC_CLASSES, ac->n_hot);
        for (i = 0; i < 256; i++)
            u32(w, IMG_AC_CLASSES, ac->cls[i]);
        for (i = 0; i < 256; i++)
            u32(w, IMG_AC_CLASSES, ac->tcls[i]);
        arr(w, IMG_AC_DENSE, ac->dense, ((size_t)ac->n_hot + 3) * ac->n_cls);
        for (i = 0; i <= ac->n_states / 64; i++) {
            u32(w, IMG_AC_ACC, (uint32_t)ac->acc[i]);
            u32(w, IMG_AC_ACC, (uint32_t)(ac->acc[i] >> 32));
        }
    }
}

/* The size of each section the counts give (META, TABLES and STRINGS
 * are written before, and their size known then). */
static void fixed_sizes(const struct isth_build *b, size_t n_attrs,
                        size_t sz[IMG_SECTIONS + 1])
{
    const struct isth_ac *ac = &b->ac;
    size_t np = b->n_patterns, ns = ac->n_states;

    sz[IMG_ENTITIES] = 44 * b->n_entities;
    sz[IMG_ENT_ATTRS] = 8 * n_attrs;
    sz[IMG_ALIASES] = 28 * b->n_aliases;
    sz[IMG_PAT_LEN] = 4 * np;
    sz[IMG_PAT_FLAGS] = np;
    sz[IMG_PAT_FIRST] = 4 * (np + 1);
    sz[IMG_PAT_ALIAS] = 4 * b->n_aliases;
    sz[IMG_PAT_CUE_FIRST] = 4 * (np + 1);
    sz[IMG_PAT_CUE] = 4 * b->n_cues;
    sz[IMG_CUE_SRC_FIRST] = 4 * (b->n_cues + 1);
    sz[IMG_CUE_SRC] = 4 * (size_t)n_cue_src(b);
    sz[IMG_ID_INDEX] = 4 * b->id_index_cap;
    sz[IMG_AC_ROOT] = 4 * 256;
    sz[IMG_AC_TRANS_OFF] = ns ? 4 * (ns + 1) : 0;
    sz[IMG_AC_TRANS_BYTE] = ns ? ac->trans_off[ns] : 0;
    sz[IMG_AC_FAIL] = sz[IMG_AC_OUT] = sz[IMG_AC_DICT] = 4 * ns;
    sz[IMG_AC_CLASSES] = ns ? 4 * (2 + 512) : 0;
    sz[IMG_AC_DENSE] = ns ? 4 * ((size_t)ac->n_hot + 3) * ac->n_cls : 0;
    sz[IMG_AC_ACC] = ns ? 8 * (ns / 64 + 1) : 0;
}

int isth__freeze(const struct isth_build *b, unsigned char **image, size_t *len)
{
    struct writer w;
    unsigned char *out = NULL, *grown;
    size_t sz[IMG_SECTIONS + 1], at[IMG_SECTIONS + 1];
    size_t total, i, n_attrs = 0, n_rattrs = 0, n_on = 0;
    const size_t table = ISTH_IMG_HEADER + 24 * (size_t)IMG_SECTIONS;
    int s;

    *image = NULL;
    *len = 0;
    memset(&w, 0, sizeof w);
    for (i = 0; i < b->n_entities; i++)
        n_attrs += b->entities[i].n_attrs;
    for (i = 0; i < b->n_rules; i++) {
        n_rattrs += b->rules[i].n_attrs;
        n_on += b->rules[i].n_on;
    }
    put(&w, IMG_STRINGS, "", 1); /* offset 0: the empty string */
    write_meta(&w, b, n_attrs, n_rattrs, n_on);
    write_tables(&w, b);
    /* The layout: the sections in order, each 8-aligned, the strings
     * last (their size is known only at the end). */
    fixed_sizes(b, n_attrs, sz);
    sz[IMG_META] = w.sec[IMG_META].len;
    sz[IMG_TABLES] = w.sec[IMG_TABLES].len;
    total = table;
    for (s = 1; s < IMG_STRINGS; s++) {
        at[s] = total = (total + 7) / 8 * 8;
        total += sz[s];
    }
    at[IMG_STRINGS] = total = (total + 7) / 8 * 8;
    if (!w.rc && !(out = isth__alloc(total, 1)))
        w.rc = ISTH_ENOMEM;
    if (w.rc)
        goto done;
    memset(out, 0, table);
    for (s = 1; s < IMG_STRINGS; s++) {
        if (s == IMG_META || s == IMG_TABLES) {
            if (sz[s])
                memcpy(out + at[s], w.sec[s].ptr, sz[s]);
        } else { /* written in place */
            w.sec[s].ptr = (char *)out + at[s];
            w.sec[s].cap = sz[s];
            w.fixed[s] = 1;
        }
        /* zeros up to the next section */
        memset(out + at[s] + sz[s], 0,
               (s + 1 < IMG_SECTIONS ? at[s + 1] : at[IMG_STRINGS]) - at[s] -
                   sz[s]);
    }
    write_entities(&w, b);
    write_arrays(&w, b);
    for (s = 1; s < IMG_STRINGS && !w.rc; s++)
        if (w.sec[s].len != sz[s] && s != IMG_META && s != IMG_TABLES)
            w.rc = ISTH_EINVAL; /* a section written short: a bug */
    if (w.rc)
        goto done;
    sz[IMG_STRINGS] = w.sec[IMG_STRINGS].len;
    total = at[IMG_STRINGS] + sz[IMG_STRINGS];
    if (!(grown = isth__realloc(out, total, 1))) {
        w.rc = ISTH_ENOMEM;
        goto done;
    }
    out = grown;
    memcpy(out + at[IMG_STRINGS], w.sec[IMG_STRINGS].ptr, sz[IMG_STRINGS]);
    memcpy(out, MAGIC, 8);
    le32(out + 8, ISTH_DB_FORMAT);
    le32(out + 12, 0);
    le64(out + 16, total);
    le32(out + 28, IMG_SECTIONS);
    for (s = 1; s <= IMG_SECTIONS; s++) {
        unsigned char *e = out + ISTH_IMG_HEADER + 24 * (size_t)(s - 1);
        le32(e, (uint32_t)s);
        le32(e + 4, 0);
        le64(e + 8, at[s]);
        le64(e + 16, sz[s]);
    }
    le32(out + 24,
         isth__crc32c(out + ISTH_IMG_CRC_FROM, total - ISTH_IMG_CRC_FROM));
    *image = out;
    *len = total;
    out = NULL;
done:
    isth__free(out);
    for (s = 1; s <= IMG_SECTIONS; s++)
        if (!w.fixed[s])
            isth__buf_free(&w.sec[s]);
    isth__free(w.set);
    return w.rc;
}
