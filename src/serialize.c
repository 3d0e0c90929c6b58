/* SPDX-License-Identifier: MIT */
/*
 * serialize.c - a compiled database to bytes and back.
 *
 * Layout (little-endian, fixed-width integers, offsets never pointers):
 *
 *   0   magic "\x89ISDB\r\n\x1a" (8 bytes: catches text-mode mangling)
 *   8   u32 format version (ISTH_DB_FORMAT), u32 flags (0; any other
 *       value is refused like another version)
 *   16  u64 total length
 *   24  u32 CRC-32 of bytes [HEADER, total), u32 number of sections (2)
 *   32  section table: { u32 id, u32 0, u64 offset, u64 length } x 2
 *   80  section 1, strings: NUL-terminated, offset 0 is ""
 *       section 2, body: a stream of u32 (and u64 for doubles) in the
 *       order write_body() gives, arrays preceded by their counts
 *
 * Loading checks the magic, the version (ISTH_EDBVERSION), the length,
 * the CRC, and then every count, index and string offset before it is
 * used, including the automaton (transitions go forward, failure and
 * output links go back, so no scan can loop or read out of bounds); any
 * failure is ISTH_EBADDB.  Regexes are stored as source and compiled
 * (JIT) again on load.  The loaded database keeps all strings in one
 * block, so loading a million names is a few copies, not a million
 * allocations.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_POPULATE where there is one */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdint.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "db.h"
#include "error.h"
#include "outfile.h"
#include "regex.h"

#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif

/* 7: a relabelling rule's group (of 'before') makes an entity beside
 * the name (6 had none); 8: topics' min_cues and anchor cue sets; 9: a
 * rule's 'propagate'; 10: its 'requires_within'; 11: its kind, one value
 * for the four flags relabel, extend, drop and list. */
#define ISTH_DB_FORMAT 11u
#define HEADER 80u
#define NONE UINT32_MAX

static const unsigned char MAGIC[8] = {0x89, 'I',  'S',  'D',
                                       'B',  '\r', '\n', 0x1a};

/* ------------------------------------------------------------------ */
/* CRC-32 (IEEE), eight bytes at a time through eight tables ("slicing by
 * 8"), so a large database checks at memory speed rather than a byte per
 * table lookup.                                                        */

static uint32_t crc_tab[8][256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

/* Fills the tables; once per process (pthread_once), so threads that
 * load or save at the same time never see a half-built table. */
static void crc_fill(void)
{
    uint32_t i, k;

    for (i = 0; i < 256; i++) {
        uint32_t v = i;
        for (k = 0; k < 8; k++)
            v = (v >> 1) ^ (0xEDB88320u & (0u - (v & 1u)));
        crc_tab[0][i] = v;
    }
    for (i = 0; i < 256; i++)
        for (k = 1; k < 8; k++)
            crc_tab[k][i] = (crc_tab[k - 1][i] >> 8) ^
                            crc_tab[0][crc_tab[k - 1][i] & 0xFFu];
}

static uint32_t crc32(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;

    pthread_once(&crc_once, crc_fill);
    for (; n >= 8; p += 8, n -= 8) {
        uint32_t lo = c ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 |
                           (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        uint32_t hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 |
                      (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
        c = crc_tab[7][lo & 0xFFu] ^ crc_tab[6][(lo >> 8) & 0xFFu] ^
            crc_tab[5][(lo >> 16) & 0xFFu] ^ crc_tab[4][lo >> 24] ^
            crc_tab[3][hi & 0xFFu] ^ crc_tab[2][(hi >> 8) & 0xFFu] ^
            crc_tab[1][(hi >> 16) & 0xFFu] ^ crc_tab[0][hi >> 24];
    }
    for (; n > 0; p++, n--)
        c = crc_tab[0][(c ^ *p) & 0xFFu] ^ (c >> 8);
    return ~c;
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */

struct writer {
    struct isth_buf str, body;
    int rc;
};

static void put_raw(struct isth_buf *b, const void *p, size_t n, int *rc)
{
    if (!*rc)
        *rc = isth__buf_put(b, p, n);
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

static void u32(struct writer *w, uint32_t v)
{
    unsigned char b[4];
    le32(b, v);
    put_raw(&w->body, b, 4, &w->rc);
}

static void f64(struct writer *w, double d)
{
    uint64_t v;
    unsigned char b[8];
    memcpy(&v, &d, 8);
    le64(b, v);
    put_raw(&w->body, b, 8, &w->rc);
}

static void arr(struct writer *w, const uint32_t *v, size_t n)
{
    size_t i;
    for (i = 0; i < n && !w->rc; i++)
        u32(w, v[i]);
}

/* n raw bytes, then zeros to a multiple of 4 (the body stays aligned). */
static void bytes(struct writer *w, const unsigned char *p, size_t n)
{
    static const unsigned char zero[4] = {0};
    put_raw(&w->body, p, n, &w->rc);
    put_raw(&w->body, zero, (4 - n % 4) % 4, &w->rc);
}

/* A string: its offset in the string section, or NONE for NULL. */
static void str(struct writer *w, const char *s)
{
    if (!s) {
        u32(w, NONE);
        return;
    }
    if (!*s) {
        u32(w, 0);
        return;
    }
    u32(w, (uint32_t)w->str.len);
    put_raw(&w->str, s, strlen(s) + 1, &w->rc);
}

static void re_src(struct writer *w, const struct isth_re *re)
{
    str(w, re ? isth__re_source(re) : NULL);
    u32(w, re ? (uint32_t)isth__re_caseless(re) : 0);
}

static void write_body(struct writer *w, const isth_db *db)
{
    const struct isth_ac *ac = &db->ac;
    size_t i, j, n_attrs = 0, n_rattrs = 0, n_on = 0;
    uint32_t n_trans = ac->n_states ? ac->trans_off[ac->n_states] : 0;
    uint32_t n_cue_src = db->n_cues ? db->cue_src_first[db->n_cues] : 0;

    for (i = 0; i < db->n_entities; i++)
        n_attrs += db->entities[i].n_attrs;
    for (i = 0; i < db->n_rules; i++) {
        n_rattrs += db->rules[i].n_attrs;
        n_on += db->rules[i].n_on;
    }
    u32(w, (uint32_t)db->n_entities);
    u32(w, (uint32_t)n_attrs);
    u32(w, (uint32_t)db->n_aliases);
    u32(w, (uint32_t)db->n_patterns);
    u32(w, (uint32_t)db->n_cues);
    u32(w, (uint32_t)db->n_ctx_items);
    u32(w, (uint32_t)db->n_contexts);
    u32(w, (uint32_t)db->n_rules);
    u32(w, (uint32_t)n_rattrs);
    u32(w, (uint32_t)n_on);
    u32(w, (uint32_t)db->n_topics);
    u32(w, (uint32_t)db->n_tsrcs);
    u32(w, n_cue_src);
    u32(w, (uint32_t)db->id_index_cap);
    u32(w, ac->n_states);
    u32(w, n_trans);
    u32(w, (uint32_t)db->max_aliases);
    u32(w, db->max_captures);
    f64(w, db->scoring.lead_words);
    f64(w, db->scoring.lead_boost);
    f64(w, db->scoring.length_unit);
    f64(w, db->scoring.scale);

    for (i = 0, n_attrs = 0; i < db->n_entities; i++) {
        const struct isth_entity *e = &db->entities[i];
        str(w, e->id);
        str(w, e->name);
        str(w, e->label);
        str(w, e->kind);
        str(w, e->file);
        u32(w, e->line);
        u32(w, e->col);
        u32(w, (uint32_t)e->priority);
        u32(w, e->hidden);
        u32(w, (uint32_t)n_attrs);
        u32(w, (uint32_t)e->n_attrs);
        n_attrs += e->n_attrs;
    }
    for (i = 0; i < db->n_entities; i++)
        for (j = 0; j < db->entities[i].n_attrs; j++) {
            str(w, db->entities[i].attrs[j].key);
            str(w, db->entities[i].attrs[j].value);
        }
    for (i = 0; i < db->n_aliases; i++) {
        const struct isth_alias *a = &db->aliases[i];
        u32(w, a->entity);
        u32(w, a->order);
        u32(w, a->policy);
        u32(w, a->context);
        str(w, a->exact);
        u32(w, (uint32_t)a->exact_len);
        u32(w, a->caps);
    }
    arr(w, db->pat_len, db->n_patterns);
    bytes(w, db->pat_flags, db->n_patterns);
    arr(w, db->pat_first, db->n_patterns + 1);
    arr(w, db->pat_alias, db->n_aliases);
    arr(w, db->pat_cue_first, db->n_patterns + 1);
    arr(w, db->pat_cue, db->n_cues);
    for (i = 0; i < db->n_cues; i++) {
        u32(w, db->cues[i].pattern);
        u32(w, db->cues[i].prefix);
        str(w, db->cues[i].text);
    }
    for (i = 0; i < db->n_ctx_items; i++) {
        const struct isth_ctx_item *c = &db->ctx_items[i];
        u32(w, c->cue);
        u32(w, c->entity);
        str(w, c->id);
        u32(w, c->line);
        u32(w, c->col);
    }
    for (i = 0; i < db->n_contexts; i++) {
        const struct isth_context *c = &db->contexts[i];
        u32(w, (uint32_t)c->window);
        u32(w, c->req_first);
        u32(w, c->n_req);
        u32(w, c->exc_first);
        u32(w, c->n_exc);
        u32(w, c->line);
        str(w, c->file);
    }
    for (i = 0, n_rattrs = 0, n_on = 0; i < db->n_rules; i++) {
        const struct isth_rule *r = &db->rules[i];
        str(w, r->id);
        str(w, r->label);
        str(w, r->kind);
        str(w, r->file);
        u32(w, r->line);
        u32(w, (uint32_t)r->priority);
        u32(w, (uint32_t)r->link);
        u32(w, r->group);
        str(w, r->id_template);
        u32(w, (uint32_t)r->what);
        u32(w, (uint32_t)r->propagate);
        u32(w, r->before_window);
        u32(w, r->req_within);
        re_src(w, r->re);
        re_src(w, r->before);
        u32(w, (uint32_t)n_rattrs);
        u32(w, (uint32_t)r->n_attrs);
        u32(w, (uint32_t)n_on);
        u32(w, (uint32_t)r->n_on);
        u32(w, (uint32_t)r->n_req);
        arr(w, r->req, r->n_req);
        n_rattrs += r->n_attrs;
        n_on += r->n_on;
    }
    for (i = 0; i < db->n_rules; i++)
        for (j = 0; j < db->rules[i].n_attrs; j++) {
            str(w, db->rules[i].attrs[j].key);
            str(w, db->rules[i].attrs[j].value);
        }
    for (i = 0; i < db->n_rules; i++)
        for (j = 0; j < db->rules[i].n_on; j++) {
            str(w, db->rules[i].on_label[j]);
            str(w, db->rules[i].on_kind[j]);
        }
    for (i = 0; i < db->n_topics; i++) {
        const struct isth_topic *t = &db->topics[i];
        str(w, t->label);
        str(w, t->description);
        str(w, t->file);
        u32(w, t->line);
        f64(w, t->threshold);
        u32(w, t->min_cues);
    }
    for (i = 0; i < db->n_tsrcs; i++) {
        const struct isth_tsrc *t = &db->tsrcs[i];
        u32(w, t->topic);
        u32(w, t->type);
        f64(w, t->weight);
        u32(w, t->cue);
        re_src(w, t->re);
        str(w, t->label);
        str(w, t->kind);
        str(w, t->id);
        u32(w, t->entity);
        str(w, t->name);
        u32(w, t->line);
        u32(w, t->col);
        u32(w, t->anchor);
    }
    if (db->cue_src_first) {
        arr(w, db->cue_src_first, db->n_cues + 1);
        arr(w, db->cue_src, n_cue_src);
    } else {
        for (i = 0; i <= db->n_cues; i++)
            u32(w, 0);
    }
    arr(w, db->id_index, db->id_index_cap);
    arr(w, ac->root_next, 256);
    if (ac->n_states) {
        arr(w, ac->trans_off, (size_t)ac->n_states + 1);
        bytes(w, ac->trans_byte, n_trans);
        arr(w, ac->trans_next, n_trans);
        arr(w, ac->fail, ac->n_states);
        arr(w, ac->out, ac->n_states);
        arr(w, ac->dict, ac->n_states);
    }
}

int isth_db_serialize(const isth_db *db, char **bytes, size_t *len)
{
    struct writer w;
    unsigned char *out, hdr[HEADER];
    size_t str_off = HEADER, body_off, total;
    int rc;

    if (!db || !bytes || !len)
        return ISTH_EINVAL;
    *bytes = NULL;
    *len = 0;
    memset(&w, 0, sizeof w);
    put_raw(&w.str, "", 1, &w.rc); /* offset 0: the empty string */
    write_body(&w, db);
    /* Pad the strings so the body starts 8-aligned. */
    while (!w.rc && w.str.len % 8)
        put_raw(&w.str, "", 1, &w.rc);
    if ((rc = w.rc))
        goto done;
    body_off = str_off + w.str.len;
    total = body_off + w.body.len;
    if (!(out = isth__alloc(total, 1))) {
        rc = ISTH_ENOMEM;
        goto done;
    }
    memset(hdr, 0, sizeof hdr);
    memcpy(hdr, MAGIC, 8);
    le32(hdr + 8, ISTH_DB_FORMAT);
    le32(hdr + 12, 0);
    le64(hdr + 16, total);
    le32(hdr + 28, 2);
    le32(hdr + 32, 1);
    le64(hdr + 40, str_off);
    le64(hdr + 48, w.str.len);
    le32(hdr + 56, 2);
    le64(hdr + 64, body_off);
    le64(hdr + 72, w.body.len);
    memcpy(out + str_off, w.str.ptr, w.str.len);
    memcpy(out + body_off, w.body.ptr, w.body.len);
    le32(hdr + 24, crc32(out + HEADER, total - HEADER));
    memcpy(out, hdr, HEADER);
    *bytes = (char *)out;
    *len = total;
done:
    isth__buf_free(&w.str);
    isth__buf_free(&w.body);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */

struct reader {
    const unsigned char *p, *end;
    const char *strs;
    size_t str_len;
    char *pool; /* the strings, in the blob */
    int borrow; /* arrays may point into the blob (little-endian host) */
    int bad;    /* stop reading: corrupt, or out of memory if nomem */
    int nomem;
};

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* The file is little-endian: on such a host arrays copy as they are. */
static int host_le(void)
{
    const uint32_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

static uint32_t g32(struct reader *r)
{
    uint32_t v;
    if (r->bad || r->end - r->p < 4) {
        r->bad = 1;
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
    if (r->bad || r->end - r->p < 8) {
        r->bad = 1;
        return 0;
    }
    v = rd64(r->p);
    r->p += 8;
    memcpy(&d, &v, 8);
    if (!(d >= lo && d <= hi)) { /* false for NaN too */
        r->bad = 1;
        return 0;
    }
    return d;
}

/* A string: a pointer into the loaded pool, NULL for NONE. */
static char *gstr(struct reader *r)
{
    uint32_t off = g32(r);
    if (r->bad || off == NONE)
        return NULL;
    if (off >= r->str_len || !memchr(r->strs + off, 0, r->str_len - off)) {
        r->bad = 1;
        return NULL;
    }
    return r->pool + off;
}

/* A string that must be there. */
static char *gstr1(struct reader *r)
{
    char *s = gstr(r);
    if (!s)
        r->bad = 1;
    return s ? s : r->pool;
}

/* An array of n u32, each below lim (0: no limit). */
static uint32_t *garr(struct reader *r, size_t n, uint32_t lim)
{
    uint32_t *v;
    size_t i;

    if (r->bad || (size_t)(r->end - r->p) / 4 < n) {
        r->bad = 1;
        return NULL;
    }
    if (r->borrow) { /* in place: the blob lives as long as the db */
        uint32_t bad = 0;
        v = (uint32_t *)(uintptr_t)r->p;
        if (lim)
            for (i = 0; i < n; i++) /* no branch: the loop vectorizes */
                bad |= (uint32_t)(v[i] >= lim);
        r->bad |= (int)bad;
        r->p += 4 * n;
        return v;
    }
    if (!(v = isth__alloc(n ? n : 1, sizeof *v))) {
        r->bad = r->nomem = 1;
        return NULL;
    }
    if (host_le()) {
        uint32_t bad = 0;
        memcpy(v, r->p, 4 * n);
        if (lim)
            for (i = 0; i < n; i++) /* no branch: the loop vectorizes */
                bad |= (uint32_t)(v[i] >= lim);
        r->bad |= (int)bad;
    } else {
        for (i = 0; i < n; i++) {
            v[i] = rd32(r->p + 4 * i);
            if (lim && v[i] >= lim)
                r->bad = 1;
        }
    }
    r->p += 4 * n;
    return v;
}

/* n raw bytes (padded to 4 with zeros), each below lim (0: no limit),
 * in place in the blob. */
static unsigned char *gbytes(struct reader *r, size_t n, unsigned lim)
{
    size_t i, padded = n + (4 - n % 4) % 4;
    const unsigned char *v = r->p;

    if (r->bad || (size_t)(r->end - r->p) < padded) {
        r->bad = 1;
        return NULL;
    }
    for (i = 0; i < padded; i++)
        if ((i < n && lim && v[i] >= lim) || (i >= n && v[i]))
            r->bad = 1;
    r->p += padded;
    return (unsigned char *)(uintptr_t)v;
}

/* first[] is a grouping index: non-decreasing, from 0 to total. */
static int grouping_ok(const uint32_t *first, size_t n, uint32_t total)
{
    size_t i;
    if (!first || first[0] != 0 || first[n] != total)
        return 0;
    for (i = 0; i < n; i++)
        if (first[i] > first[i + 1])
            return 0;
    return 1;
}

static int ok_range(uint32_t first, uint32_t n, uint32_t total)
{
    return first <= total && n <= total - first;
}

static int nomem_or_bad(isth_error *err, int nomem)
{
    if (nomem)
        return isth__error_set(err, ISTH_ENOMEM, NULL, 0, 0, "out of memory");
    return isth__error_set(err, ISTH_EBADDB, NULL, 0, 0,
                           "corrupt database: an index or a string is out of "
                           "bounds");
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
    if (r->bad || caseless > 1 || (!src && required)) {
        r->bad = 1;
        return ISTH_OK;
    }
    if (!src)
        return ISTH_OK;
    rc =
        isth__re_compile(out, src, (caseless ? ISTH_RE_CASELESS : 0) | anchored,
                         msg, sizeof msg, &off);
    if (rc == ISTH_EREGEX)
        r->bad = 1;
    else if (rc == ISTH_OK && isth__re_captures(*out) > *max_caps)
        *max_caps = isth__re_captures(*out);
    return rc == ISTH_ENOMEM ? rc : ISTH_OK;
}

/*
 * Checks the automaton in one sequential pass.  States are numbered
 * breadth first, so the edges, taken in order, lead to states 1, 2, 3 ...
 * (every state but the root has exactly one parent, and a later number);
 * bytes are sorted within a state; failure and dictionary links go to
 * earlier states (no walk can loop); a pattern's length is the depth of
 * the state where it ends; the root's targets are its children.  What a
 * corrupt link could still do (name a state without a pattern, one deeper
 * than the text read) the matcher tolerates.
 */
static int ac_ok(const struct isth_ac *ac, const uint32_t *pat_len,
                 size_t n_patterns)
{
    uint32_t s, k, *depth;
    int ok = 1;

    if (!ac->n_states || ac->fail[0] != 0 || ac->dict[0] != 0 || ac->out[0])
        return 0;
    if (!(depth = isth__calloc(ac->n_states, sizeof *depth)))
        return -1;
    for (s = 0; s < ac->n_states && ok; s++) {
        if (s &&
            (ac->fail[s] >= s || ac->dict[s] >= s || ac->out[s] > n_patterns))
            ok = 0;
        for (k = ac->trans_off[s]; ok && k < ac->trans_off[s + 1]; k++) {
            if (ac->trans_next[k] != k + 1 ||
                (k > ac->trans_off[s] &&
                 ac->trans_byte[k] <= ac->trans_byte[k - 1]))
                ok = 0;
            else
                depth[k + 1] = depth[s] + 1;
        }
        if (ok && s && ac->out[s] && pat_len[ac->out[s] - 1] != depth[s])
            ok = 0;
    }
    /* Every state but the root has a parent (n_states - 1 edges). */
    if (ok && ac->trans_off[ac->n_states] != ac->n_states - 1)
        ok = 0;
    for (k = 0; ok && k < 256; k++)
        if (ac->root_next[k] && depth[ac->root_next[k]] != 1)
            ok = 0;
    isth__free(depth);
    return ok;
}

static int load_body(isth_db *db, struct reader *r, isth_error *err)
{
    struct isth_ac *ac = &db->ac;
    uint32_t n_ent, n_attrs, n_alias, n_pat, n_cues, n_ci, n_ctx, n_rules,
        n_rattrs, n_on, n_topics, n_tsrcs, n_cue_src, idcap, n_states, n_trans,
        i;
    isth_attribute *attrs = NULL, *rattrs = NULL;
    char **on_pairs = NULL;
    int rc;

    n_ent = g32(r);
    n_attrs = g32(r);
    n_alias = g32(r);
    n_pat = g32(r);
    n_cues = g32(r);
    n_ci = g32(r);
    n_ctx = g32(r);
    n_rules = g32(r);
    n_rattrs = g32(r);
    n_on = g32(r);
    n_topics = g32(r);
    n_tsrcs = g32(r);
    n_cue_src = g32(r);
    idcap = g32(r);
    n_states = g32(r);
    n_trans = g32(r);
    db->max_aliases = g32(r);
    g32(r); /* max_captures: recomputed from the regexes */
    db->scoring.lead_words = gf64(r, 0, 100000);
    db->scoring.lead_boost = gf64(r, 1, 100);
    db->scoring.length_unit = gf64(r, 1, 1e6);
    db->scoring.scale = gf64(r, 0.01, 1e6);
    /* Counts cannot exceed what the body could hold (4 bytes each). */
    if (r->bad || (idcap & (idcap - 1)) || n_states == 0)
        return nomem_or_bad(err, r->nomem);
    {
        /* Every element takes at least 4 bytes of the body, so no count
         * can exceed what is left: a corrupt count is refused here, not
         * met with a huge allocation. */
        const uint32_t counts[] = {n_ent,     n_attrs, n_alias,  n_pat,
                                   n_cues,    n_ci,    n_ctx,    n_rules,
                                   n_rattrs,  n_on,    n_topics, n_tsrcs,
                                   n_cue_src, idcap,   n_states, n_trans};
        size_t left = (size_t)(r->end - r->p) / 4;
        for (i = 0; i < sizeof counts / sizeof counts[0]; i++)
            if (counts[i] > left)
                return nomem_or_bad(err, 0);
    }

    db->entities = isth__calloc(n_ent ? n_ent : 1, sizeof *db->entities);
    db->attr_pool = attrs = isth__calloc(n_attrs ? n_attrs : 1, sizeof *attrs);
    if (!db->entities || !attrs)
        goto nomem;
    db->n_entities = db->cap_entities = n_ent;
    for (i = 0; i < n_ent && !r->bad; i++) {
        struct isth_entity *e = &db->entities[i];
        uint32_t first, n;
        e->id = gstr1(r);
        e->name = gstr1(r);
        e->label = gstr1(r);
        e->kind = gstr1(r);
        e->file = gstr1(r);
        e->line = g32(r);
        e->col = g32(r);
        e->priority = (int)g32(r);
        e->hidden = (unsigned char)g32(r);
        if (e->hidden > 1)
            r->bad = 1;
        first = g32(r);
        n = g32(r);
        if (!ok_range(first, n, n_attrs))
            r->bad = 1;
        else {
            e->attrs = n ? attrs + first : NULL;
            e->n_attrs = n;
        }
    }
    for (i = 0; i < n_attrs && !r->bad; i++) {
        attrs[i].key = gstr1(r);
        attrs[i].value = gstr1(r);
    }
    if (!(db->aliases =
              isth__calloc(n_alias ? n_alias : 1, sizeof *db->aliases)))
        goto nomem;
    db->n_aliases = db->cap_aliases = n_alias;
    for (i = 0; i < n_alias && !r->bad; i++) {
        struct isth_alias *a = &db->aliases[i];
        a->entity = g32(r);
        a->order = g32(r);
        a->policy = (unsigned char)g32(r);
        a->context = g32(r);
        a->exact = gstr(r);
        a->exact_len = g32(r);
        a->caps = g32(r);
        if (a->entity >= n_ent || a->policy > ISTH_CASE_TITLE ||
            a->context > n_ctx ||
            (a->policy == ISTH_CASE_EXACT &&
             (!a->exact || strlen(a->exact) != a->exact_len)))
            r->bad = 1;
    }
    db->n_patterns = n_pat;
    db->pat_len = garr(r, n_pat, 0);
    db->pat_flags = gbytes(r, n_pat, 4);
    db->pat_first = garr(r, (size_t)n_pat + 1, 0);
    db->pat_alias = garr(r, n_alias, n_alias ? n_alias : 1);
    db->pat_cue_first = garr(r, (size_t)n_pat + 1, 0);
    db->pat_cue = garr(r, n_cues, n_cues ? n_cues : 1);
    if (r->bad)
        return nomem_or_bad(err, r->nomem);
    if (!db->pat_len || !db->pat_flags || !db->pat_first || !db->pat_alias ||
        !db->pat_cue_first || !db->pat_cue)
        goto nomem;
    if (!grouping_ok(db->pat_first, n_pat, n_alias) ||
        !grouping_ok(db->pat_cue_first, n_pat, n_cues))
        return nomem_or_bad(err, r->nomem);
    for (i = 0; i < n_pat; i++)
        if (db->pat_len[i] == 0)
            return nomem_or_bad(err, r->nomem);

    if (!(db->cues = isth__calloc(n_cues ? n_cues : 1, sizeof *db->cues)))
        goto nomem;
    db->n_cues = db->cap_cues = n_cues;
    for (i = 0; i < n_cues && !r->bad; i++) {
        db->cues[i].pattern = g32(r);
        db->cues[i].prefix = (unsigned char)g32(r);
        db->cues[i].text = gstr1(r);
        if (db->cues[i].pattern >= n_pat || db->cues[i].prefix > 1)
            r->bad = 1;
    }
    if (!(db->ctx_items = isth__calloc(n_ci ? n_ci : 1, sizeof *db->ctx_items)))
        goto nomem;
    db->n_ctx_items = db->cap_ctx_items = n_ci;
    for (i = 0; i < n_ci && !r->bad; i++) {
        struct isth_ctx_item *c = &db->ctx_items[i];
        c->cue = g32(r);
        c->entity = g32(r);
        c->id = gstr(r);
        c->line = g32(r);
        c->col = g32(r);
        if (c->cue == NONE ? c->entity >= n_ent : c->cue >= n_cues)
            r->bad = 1;
    }
    if (!(db->contexts = isth__calloc(n_ctx ? n_ctx : 1, sizeof *db->contexts)))
        goto nomem;
    db->n_contexts = db->cap_contexts = n_ctx;
    for (i = 0; i < n_ctx && !r->bad; i++) {
        struct isth_context *c = &db->contexts[i];
        c->window = (int)g32(r);
        c->req_first = g32(r);
        c->n_req = g32(r);
        c->exc_first = g32(r);
        c->n_exc = g32(r);
        c->line = g32(r);
        c->file = gstr1(r);
        if (c->window < -1 || !ok_range(c->req_first, c->n_req, n_ci) ||
            !ok_range(c->exc_first, c->n_exc, n_ci))
            r->bad = 1;
    }

    db->rules = isth__calloc(n_rules ? n_rules : 1, sizeof *db->rules);
    db->rattr_pool = rattrs =
        isth__calloc(n_rattrs ? n_rattrs : 1, sizeof *rattrs);
    db->on_pool = on_pairs =
        isth__calloc(2 * (size_t)n_on + 1, sizeof *on_pairs);
    if (!db->rules || !rattrs || !on_pairs)
        goto nomem;
    db->n_rules = db->cap_rules = n_rules;
    for (i = 0; i < n_rules && !r->bad; i++) {
        struct isth_rule *ru = &db->rules[i];
        uint32_t af, an, of, on, nr, kind;
        ru->id = gstr1(r);
        ru->label = gstr1(r);
        ru->kind = gstr(r);
        ru->file = gstr1(r);
        ru->line = g32(r);
        ru->priority = (int)g32(r);
        ru->link = (int)g32(r);
        ru->group = g32(r);
        ru->id_template = gstr(r);
        kind = g32(r);
        ru->what = kind <= ISTH_RULE_KIND_MAX ? (enum isth_rule_kind)kind
                                              : ISTH_RULE_PATTERN;
        ru->propagate = (int)g32(r);
        ru->before_window = g32(r);
        ru->req_within = g32(r);
        /* A relabelling rule's 'after' is only matched anchored. */
        if ((rc = load_re(r, &ru->re, !isth__rule_on_names(ru),
                          isth__rule_on_names(ru) ? ISTH_RE_ANCHORED : 0,
                          &db->max_captures)) ||
            (rc = load_re(r, &ru->before, 0, 0, &db->max_captures)))
            goto fail;
        af = g32(r);
        an = g32(r);
        of = g32(r);
        on = g32(r);
        nr = g32(r);
        if (nr && (ru->req = garr(r, nr, n_cues)) != NULL)
            ru->n_req = nr;
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
            r->bad = 1;
        else {
            ru->attrs = an ? rattrs + af : NULL;
            ru->n_attrs = an;
            ru->on_label = on_pairs + of;
            ru->on_kind = on_pairs + n_on + of;
            ru->n_on = on;
        }
    }
    for (i = 0; i < n_rattrs && !r->bad; i++) {
        rattrs[i].key = gstr1(r);
        rattrs[i].value = gstr1(r);
    }
    for (i = 0; i < n_on && !r->bad; i++) { /* labels, then kinds */
        on_pairs[i] = gstr(r);
        on_pairs[n_on + i] = gstr(r);
    }

    if (!(db->topics =
              isth__calloc(n_topics ? n_topics : 1, sizeof *db->topics)) ||
        !(db->tsrcs = isth__calloc(n_tsrcs ? n_tsrcs : 1, sizeof *db->tsrcs)))
        goto nomem;
    db->n_topics = db->cap_topics = n_topics;
    db->n_tsrcs = db->cap_tsrcs = n_tsrcs;
    for (i = 0; i < n_topics && !r->bad; i++) {
        struct isth_topic *t = &db->topics[i];
        t->label = gstr1(r);
        t->description = gstr1(r);
        t->file = gstr1(r);
        t->line = g32(r);
        t->threshold = gf64(r, 0.001, 1);
        t->min_cues = g32(r);
        if (t->min_cues < 1 || t->min_cues > 100)
            r->bad = 1;
    }
    for (i = 0; i < n_tsrcs && !r->bad; i++) {
        struct isth_tsrc *t = &db->tsrcs[i];
        t->topic = g32(r);
        t->type = (unsigned char)g32(r);
        t->weight = gf64(r, -100, 100);
        if (t->weight == 0)
            r->bad = 1;
        t->cue = g32(r);
        if ((rc = load_re(r, &t->re, 0, 0, &db->max_captures)))
            goto fail;
        t->label = gstr(r);
        t->kind = gstr(r);
        t->id = gstr(r);
        t->entity = g32(r);
        t->name = gstr1(r);
        t->line = g32(r);
        t->col = g32(r);
        t->anchor = (unsigned char)g32(r);
        if (t->topic >= n_topics || t->type > TSRC_ENTITY || t->anchor > 1 ||
            (t->type == TSRC_CUE && t->cue >= n_cues) ||
            (t->type == TSRC_PATTERN && !t->re) ||
            (t->entity != NONE && t->entity >= n_ent))
            r->bad = 1;
    }
    db->cue_src_first = garr(r, (size_t)n_cues + 1, 0);
    db->cue_src = garr(r, n_cue_src, n_tsrcs ? n_tsrcs : 1);
    if (r->bad)
        return nomem_or_bad(err, r->nomem);
    if (!db->cue_src_first || !db->cue_src)
        goto nomem;
    if (!grouping_ok(db->cue_src_first, n_cues, n_cue_src))
        return nomem_or_bad(err, r->nomem);

    db->id_index_cap = idcap;
    if (idcap && !(db->id_index = garr(r, idcap, n_ent + 1)) && !r->bad)
        goto nomem;

    ac->n_states = n_states;
    for (i = 0; i < 256; i++) {
        ac->root_next[i] = g32(r);
        if (ac->root_next[i] >= n_states)
            r->bad = 1;
    }
    ac->trans_off = garr(r, (size_t)n_states + 1, 0);
    ac->trans_byte = gbytes(r, n_trans, 0);
    ac->trans_next = garr(r, n_trans, n_states);
    ac->fail = garr(r, n_states, n_states);
    ac->out = garr(r, n_states, 0);
    ac->dict = garr(r, n_states, n_states);
    if (r->bad || r->p != r->end)
        return nomem_or_bad(err, r->nomem);
    if (!ac->trans_off || !ac->trans_byte || !ac->trans_next || !ac->fail ||
        !ac->out || !ac->dict)
        goto nomem;
    if (!grouping_ok(ac->trans_off, n_states, n_trans))
        return nomem_or_bad(err, r->nomem);
    if (n_states > ISTH_AC_MAX_STATES)
        return nomem_or_bad(err, 0);
    if ((rc = ac_ok(ac, db->pat_len, n_pat)) <= 0)
        return nomem_or_bad(err, rc < 0);
    if (isth__ac_densify(ac, db->pat_len, n_pat, ISTH_AC_DENSE_BUDGET) ||
        isth__db_derive(db))
        goto nomem;
    return ISTH_OK;
fail:
    return nomem_or_bad(err, rc == ISTH_ENOMEM);
nomem:
    return nomem_or_bad(err, 1);
}

/* Checks the header, the length, the checksum and the section table;
 * gives the strings' and the body's offsets and lengths. */
static int check_header(const unsigned char *b, size_t len, uint64_t sec[4],
                        isth_error *err)
{
    uint64_t total;

    if (len < HEADER || memcmp(b, MAGIC, 8))
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
    if (crc32(b + HEADER, len - HEADER) != rd32(b + 24))
        return isth__error_set(err, ISTH_EBADDB, NULL, 0, 0,
                               "database checksum mismatch (corrupt file)");
    sec[0] = rd64(b + 40);
    sec[1] = rd64(b + 48);
    sec[2] = rd64(b + 64);
    sec[3] = rd64(b + 72);
    if (rd32(b + 28) != 2 || rd32(b + 32) != 1 || rd32(b + 36) != 0 ||
        rd32(b + 56) != 2 || rd32(b + 60) != 0 || sec[0] != HEADER ||
        sec[1] == 0 || sec[1] > len - sec[0] || sec[2] != sec[0] + sec[1] ||
        sec[3] != len - sec[2] || b[sec[0]] != 0 || (sec[3] % 4) ||
        (sec[2] % 4))
        return isth__error_set(err, ISTH_EBADDB, NULL, 0, 0,
                               "corrupt database: bad section table");
    return ISTH_OK;
}

/* The database in blob b (checked by check_header), which it then owns:
 * mapped, or allocated.  On failure b is released. */
static int build(isth_db **out, unsigned char *b, size_t len, int mapped,
                 const uint64_t sec[4], isth_error *err)
{
    struct reader r;
    isth_db *db;
    int rc;

    if (!(db = isth__calloc(1, sizeof *db))) {
        if (mapped)
            munmap(b, len);
        else
            isth__free(b);
        return isth__error_set(err, ISTH_ENOMEM, NULL, 0, 0, "out of memory");
    }
    db->blob = b;
    db->blob_len = len;
    db->blob_mapped = mapped;
    memset(&r, 0, sizeof r);
    r.p = b + sec[2];
    r.end = b + len;
    r.strs = (const char *)b + sec[0];
    r.str_len = (size_t)sec[1];
    r.pool = (char *)b + sec[0];
    r.borrow = host_le() && ((uintptr_t)r.p % 4) == 0;
    if ((rc = load_body(db, &r, err))) {
        isth_db_free(db);
        return rc;
    }
    *out = db;
    return ISTH_OK;
}

int isth_db_deserialize(isth_db **out, const char *bytes, size_t len,
                        isth_error *err)
{
    uint64_t sec[4];
    unsigned char *copy;
    int rc;

    isth__error_clear(err);
    if (!out || (!bytes && len))
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "invalid argument");
    *out = NULL;
    if ((rc = check_header((const unsigned char *)bytes, len, sec, err)))
        return rc;
    /* A copy the database owns: the caller's bytes may go, and may not
     * be aligned. */
    if (!(copy = isth__alloc(len, 1)))
        return isth__error_set(err, ISTH_ENOMEM, NULL, 0, 0, "out of memory");
    memcpy(copy, bytes, len);
    return build(out, copy, len, 0, sec, err);
}

int isth_db_load(isth_db **out, const char *path, isth_error *err)
{
    uint64_t sec[4];
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
    if ((rc = check_header(map, (size_t)st.st_size, sec, err)) == ISTH_OK)
        rc = build(out, map, (size_t)st.st_size, 1, sec, err);
    else
        munmap(map, (size_t)st.st_size);
    if (rc && err && !err->file[0])
        snprintf(err->file, sizeof err->file, "%s", path);
    return rc;
}

int isth_db_save(const isth_db *db, const char *path, isth_error *err)
{
    struct isth_outfile o;
    char msg[160], *bytes;
    size_t len;
    int rc;

    isth__error_clear(err);
    if (!db || !path)
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "invalid argument");
    if ((rc = isth_db_serialize(db, &bytes, &len)))
        return isth__error_set(err, rc, NULL, 0, 0, "%s", isth_strerror(rc));
    if (isth__outfile_open(&o, path, msg, sizeof msg)) {
        rc = isth__error_set(err, ISTH_EIO, path, 0, 0, "%s", msg);
    } else if (isth__outfile_write(&o, bytes, len)) {
        rc = isth__error_set(err, ISTH_EIO, path, 0, 0, "write error: %s",
                             strerror(errno));
        isth__outfile_abort(&o);
    } else if (isth__outfile_commit(&o, msg, sizeof msg)) {
        rc = isth__error_set(err, ISTH_EIO, path, 0, 0, "%s", msg);
    }
    isth__free(bytes);
    return rc;
}

void isth_free(void *p)
{
    isth__free(p);
}
