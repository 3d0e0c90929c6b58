/* SPDX-License-Identifier: MIT */
/*
 * scan.c - per-thread scratch and the annotation pipeline:
 *
 *   text ─► normalize (offset map) ─► Aho-Corasick over normalized bytes
 *        ─► name candidates (character alignment, word boundaries, case
 *           policy) and cue hits (words and phrases for context/topics)
 *        ─► words of the original text (for windows and lengths)
 *        ─► context conditions choose each name's entity
 *        ─► pattern rules (PCRE2), linked to entries they cover
 *        ─► precedence: priority, then leftmost-longest; rule before entry
 *        ─► topic scores from cue, pattern and entity evidence
 *        ─► isth_result, or a callback per entity (isth_scan)
 *
 * Everything lives in the scratch and is reused from one document to the
 * next; strings made per document (rule ids, captured attributes) go to
 * an arena and become pointers only once the document is finished.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "db.h"
#include "error.h"
#include "match.h"
#include "normalize.h"
#include "regex.h"
#include "utf8.h"

#define NONE UINT32_MAX
#define MAX_EVIDENCE 32

enum { ALIVE = 0, LOST_OVERLAP = 1, LOST_CONTEXT = 2, LOST_RULE = 3 };

/* A candidate entity, before precedence. */
struct cand {
    uint32_t start, end;         /* original bytes */
    uint32_t entity;             /* NONE: a rule's own entity */
    uint32_t rule;               /* NONE: from a gazetteer */
    uint32_t alias_off, n_alias; /* gazetteer: aliases passing case */
    uint32_t alias;              /* gazetteer: the alias chosen */
    uint32_t alt_off, n_alt;     /* alternatives, into s->alts */
    uint32_t id_off;             /* rule: arena offset of the id, or NONE */
    uint32_t name_off;           /* rule: arena offset of the matched text */
    uint32_t rattr_off, n_rattr; /* rule: attribute values in s->rattr */
    int priority;
    const char *label; /* set once the entity (or rule) is known */
    unsigned char state;
    uint32_t by; /* LOST_OVERLAP: the winner; CONTEXT: alias */
};

/* A cue word or phrase found in the text. */
struct hit {
    uint32_t cue, start, end;
};

/* A range of byte offsets [start, end]. */
struct span {
    size_t start, end;
};

/* A name that failed its case policy (kept for --explain). */
struct case_loss {
    uint32_t start, end, alias;
};

/* One piece of topic evidence. */
struct ev {
    uint32_t topic, src, start, end;
};

/* The anchor bit of a topic's distinct-source count (scratch tdist). */
#define TDIST_ANCHOR 0x80000000u

struct isth_scratch {
    int in_use;
    struct isth_match_mem match; /* the matcher's memory */
    struct isth_norm exact;      /* a span, case kept, for exact names */
    struct isth_norm slug;       /* a capture being made into a slug */
    struct isth_re_state *re;
    uint32_t re_caps;

    struct cand *cands;
    size_t n_cands, cap_cands;
    size_t n_names;   /* cands[0, n_names): the gazetteer names, by end */
    uint32_t *aliasv; /* aliases passing case, per candidate */
    size_t n_aliasv, cap_aliasv;
    size_t *alts;
    size_t n_alts, cap_alts;
    struct hit *hits;
    size_t n_hits, cap_hits;
    struct span *wins; /* where a 'requires_within' rule may match */
    size_t n_wins, cap_wins;
    struct hit *ehits; /* entity ids of the names (cue = entity), for
                        * context items that name an entity */
    size_t n_ehits, cap_ehits;
    unsigned char *cue_seen; /* per cue: a hit in this document */
    size_t cap_cue_seen;
    struct case_loss *closs;
    size_t n_closs, cap_closs;
    uint32_t *words; /* original byte offset of each word start */
    size_t n_words, cap_words;
    uint32_t *order; /* candidate indices, in precedence order */
    size_t cap_order;
    uint32_t *acc; /* accepted candidates, by start */
    size_t n_acc, cap_acc;
    struct isth_buf arena; /* per-document strings */
    uint32_t *rattr;       /* arena offsets of rule attribute values */
    size_t n_rattr, cap_rattr;

    /* topics */
    double *src_w; /* per source: hits (zero between documents) */
    unsigned char *src_lead;
    uint32_t *touched; /* the sources with hits in this document */
    size_t cap_src, n_touched;
    struct ev *ev;
    size_t n_ev, cap_ev;

    /* the result */
    isth_match *out;
    size_t cap_out;
    isth_attribute *attr_out;
    size_t n_attr_out, cap_attr_out;
    isth_topic_score *topics;
    uint32_t *tdist; /* per topic: distinct positive sources hit, and
                      * the top bit when an anchor source was hit */
    size_t cap_tdist;
    size_t cap_topics;
    isth_evidence *ev_out;
    size_t cap_ev_out;
    isth_rejection *rej;
    size_t n_rej, cap_rej;
    /* --explain: the text of details made for one document (xd), each
     * rejection's and note's offset in it (NONE: a static detail). */
    struct isth_buf xd;
    uint32_t *rej_xoff;
    size_t cap_rej_xoff;
    isth_note *notes;
    uint32_t *note_xoff;
    size_t n_notes, cap_notes, cap_note_xoff;
    isth_result result;
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
    isth__match_mem_free(&s->match);
    isth__norm_free(&s->exact);
    isth__norm_free(&s->slug);
    isth__re_state_free(s->re);
    isth__free(s->cands);
    isth__free(s->aliasv);
    isth__free(s->alts);
    isth__free(s->hits);
    isth__free(s->wins);
    isth__free(s->ehits);
    isth__free(s->cue_seen);
    isth__free(s->closs);
    isth__free(s->words);
    isth__free(s->order);
    isth__free(s->acc);
    isth__buf_free(&s->arena);
    isth__free(s->rattr);
    isth__free(s->src_w);
    isth__free(s->src_lead);
    isth__free(s->touched);
    isth__free(s->ev);
    isth__free(s->out);
    isth__free(s->attr_out);
    isth__free(s->topics);
    isth__free(s->ev_out);
    isth__free(s->tdist);
    isth__free(s->rej);
    isth__buf_free(&s->xd);
    isth__free(s->rej_xoff);
    isth__free(s->notes);
    isth__free(s->note_xoff);
    isth__free(s);
}

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
        *err = isth__normalize(&s->exact, (const char *)text + start,
                               end - start, ISTH_NORM_NOMAP);
        if (*err)
            return 0;
        key = isth__exact(db, al);
        return key && s->exact.out.len == al->exact_len &&
               !memcmp(s->exact.out.ptr, key, al->exact_len);
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
        if (isth__grow(&s->hits, &s->cap_hits, s->n_hits + 1, sizeof *h))
            return ISTH_ENOMEM;
        h = &s->hits[s->n_hits++];
        s->cue_seen[cue] = 1;
        h->cue = cue;
        h->start = (uint32_t)start;
        h->end = (uint32_t)end;
    }
    if (!word_end || db->pat_first[p] == db->pat_first[p + 1])
        return ISTH_OK;

    off = (uint32_t)s->n_aliasv;
    for (k = db->pat_first[p]; k < db->pat_first[p + 1]; k++) {
        uint32_t a = db->pat_alias[k];
        if (!case_ok(db, s, a, (const unsigned char *)text, start, end, &rc)) {
            if (rc)
                return rc;
            continue;
        }
        if (isth__grow(&s->aliasv, &s->cap_aliasv, s->n_aliasv + 1,
                       sizeof *s->aliasv))
            return ISTH_ENOMEM;
        s->aliasv[s->n_aliasv++] = a;
    }
    if (s->n_aliasv == off) {
        struct case_loss *cl;
        if (!explain)
            return ISTH_OK;
        if (isth__grow(&s->closs, &s->cap_closs, s->n_closs + 1, sizeof *cl))
            return ISTH_ENOMEM;
        cl = &s->closs[s->n_closs++];
        cl->start = (uint32_t)start;
        cl->end = (uint32_t)end;
        cl->alias = db->pat_alias[db->pat_first[p]];
        return ISTH_OK;
    }
    if (isth__grow(&s->cands, &s->cap_cands, s->n_cands + 1, sizeof *c))
        return ISTH_ENOMEM;
    c = &s->cands[s->n_cands++];
    memset(c, 0, sizeof *c);
    c->start = (uint32_t)start;
    c->end = (uint32_t)end;
    c->alias_off = off;
    c->n_alias = (uint32_t)(s->n_aliasv - off);
    c->rule = NONE;
    c->id_off = NONE;
    c->name_off = NONE;
    return ISTH_OK;
}

/* Start offsets of the words of text (maximal runs of word characters). */
static int find_words(isth_scratch *s, const unsigned char *t, size_t len)
{
    size_t i = 0, adv, n = 0;
    int in_word = 0;

    while (i < len) {
        int w;
        if (t[i] < 0x80) {
            w = isth__is_word_byte(t[i]);
            adv = 1;
        } else {
            w = isth__is_word_cp(isth__utf8_decode(t + i, len - i, &adv));
        }
        if (w && !in_word) {
            if (n == s->cap_words &&
                isth__grow(&s->words, &s->cap_words, n + 1, sizeof *s->words))
                return ISTH_ENOMEM;
            s->words[n++] = (uint32_t)i;
        }
        in_word = w;
        i += adv;
    }
    s->n_words = n;
    return ISTH_OK;
}

/* The word containing (or the last word before) byte pos; 0 if none. */
static size_t word_of(const isth_scratch *s, uint32_t pos)
{
    size_t lo = 0, hi = s->n_words;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->words[mid] <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : 0;
}

static int cmp_hit(const void *pa, const void *pb)
{
    const struct hit *a = pa, *b = pb;
    if (a->cue != b->cue)
        return a->cue < b->cue ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->end > b->end) - (a->end < b->end);
}

/* ------------------------------------------------------------------ */
/* Context                                                              */

/* The first of the hits h[0, n) (sorted by cue, then start) of key that
 * starts at or after from; n when there is none. */
static size_t first_hit(const struct hit *h, size_t n, uint32_t key,
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
    size_t ws = word_of(s, self->start), we = word_of(s, self->end - 1);
    uint32_t from = 0;
    size_t i;

    if (window >= 0 && ws > (size_t)window)
        from = s->words[ws - (size_t)window];
    for (i = first_hit(h, n, key, from); i < n && h[i].cue == key; i++) {
        size_t w;
        if (h[i].start < self->end && h[i].end > self->start)
            continue; /* the name itself */
        if (window >= 0) {
            w = word_of(s, h[i].start);
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

static int item_present(const isth_scratch *s, const struct isth_ctx_item *it,
                        int window, const struct cand *self,
                        const struct hit **found)
{
    if (it->cue != NONE)
        return present(s, s->hits, s->n_hits, it->cue, window, self, found);
    return present(s, s->ehits, s->n_ehits, it->entity, window, self, found);
}

/*
 * The entities the gazetteer names could be, by entity then start, for
 * context items that name an entity.  A name counts with every alias
 * that passed its case policy, whatever its own context says.
 */
static int entity_hits(const isth_db *db, isth_scratch *s)
{
    size_t i, k;

    s->n_ehits = 0;
    for (i = 0; i < s->n_names; i++) {
        const struct cand *c = &s->cands[i];
        for (k = 0; k < c->n_alias; k++) {
            struct hit *h;
            if (isth__grow(&s->ehits, &s->cap_ehits, s->n_ehits + 1,
                           sizeof *s->ehits))
                return ISTH_ENOMEM;
            h = &s->ehits[s->n_ehits++];
            h->cue = db->aliases[s->aliasv[c->alias_off + k]].entity;
            h->start = c->start;
            h->end = c->end;
        }
    }
    if (s->n_ehits > 1)
        qsort(s->ehits, s->n_ehits, sizeof *s->ehits, cmp_hit);
    return ISTH_OK;
}

static int context_ok(const isth_db *db, const isth_scratch *s,
                      const struct isth_context *cx, const struct cand *c)
{
    uint32_t i;

    for (i = 0; i < cx->n_exc; i++)
        if (item_present(s, &db->ctx_items[cx->exc_first + i], cx->window, c,
                         NULL))
            return 0;
    if (!cx->n_req)
        return 1;
    for (i = 0; i < cx->n_req; i++)
        if (item_present(s, &db->ctx_items[cx->req_first + i], cx->window, c,
                         NULL))
            return 1;
    return 0;
}

/* Chooses each name candidate's entity: the first alias, in tie-break
 * order, whose context holds.  The others that hold are alternatives. */
static int choose_entities(const isth_db *db, isth_scratch *s)
{
    size_t i;

    for (i = 0; i < s->n_cands; i++) {
        struct cand *c = &s->cands[i];
        uint32_t k, winner = NONE;

        c->alt_off = (uint32_t)s->n_alts;
        c->n_alt = 0;
        for (k = 0; k < c->n_alias; k++) {
            uint32_t a = s->aliasv[c->alias_off + k];
            uint32_t e = db->aliases[a].entity;
            size_t j;

            if (db->aliases[a].context &&
                !context_ok(db, s, &db->contexts[db->aliases[a].context - 1],
                            c))
                continue;
            if (winner == NONE) {
                winner = a;
                continue;
            }
            if (e == db->aliases[winner].entity)
                continue;
            for (j = c->alt_off; j < s->n_alts; j++)
                if (s->alts[j] == e)
                    break;
            if (j < s->n_alts)
                continue;
            if (isth__grow(&s->alts, &s->cap_alts, s->n_alts + 1,
                           sizeof *s->alts))
                return ISTH_ENOMEM;
            s->alts[s->n_alts++] = e;
        }
        c->n_alt = (uint32_t)(s->n_alts - c->alt_off);
        if (winner == NONE) {
            c->state = LOST_CONTEXT;
            c->by = s->aliasv[c->alias_off];
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

/* ------------------------------------------------------------------ */
/* Pattern rules                                                        */

static int arena_put(isth_scratch *s, const char *p, size_t len)
{
    return isth__buf_put(&s->arena, p, len);
}

/* Appends a slug of text: folded, ASCII letters and digits, '-' between. */
static int put_slug(isth_scratch *s, const char *text, size_t len)
{
    size_t i;
    int dash = 0, any = 0, rc;

    if ((rc = isth__normalize(&s->slug, text, len,
                              ISTH_NORM_FOLD | ISTH_NORM_NOMAP)))
        return rc;
    for (i = 0; i < s->slug.out.len; i++) {
        unsigned char ch = (unsigned char)s->slug.out.ptr[i];
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

    *off = (uint32_t)s->arena.len;
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
        if (g >= 0 && ov[2 * g] != (size_t)-1) {
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
    size_t lo = 0, hi = s->n_names;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->cands[mid].end <= pos)
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
    struct cand *c = &s->cands[ci];
    const char *label = db->rules[c->rule].label;
    uint32_t best = NONE;
    size_t i;

    for (i = first_ending_after(s, c->start);
         i < s->n_names && s->cands[i].end <= c->end; i++) {
        const struct cand *g = &s->cands[i];
        if (g->state != ALIVE || g->start < c->start ||
            strcmp(isth__str(db, db->entities[g->entity].label), label))
            continue;
        if (exact && (g->start != c->start || g->end != c->end))
            continue;
        if (best == NONE ||
            g->end - g->start > s->cands[best].end - s->cands[best].start)
            best = (uint32_t)i;
    }
    if (best == NONE)
        return;
    c->entity = s->cands[best].entity;
    c->alt_off = s->cands[best].alt_off;
    c->n_alt = s->cands[best].n_alt;
    if (s->cands[best].start == c->start && s->cands[best].end == c->end) {
        s->cands[best].state = LOST_OVERLAP;
        s->cands[best].by = ci;
    }
}

/* A new candidate of rule r for text[ms, me), named by that text, with
 * no id and no attributes yet; *out its index. */
static int new_rule_cand(const isth_db *db, isth_scratch *s, const char *text,
                         uint32_t r, size_t ms, size_t me, uint32_t *out)
{
    struct cand *c;

    if (isth__grow(&s->cands, &s->cap_cands, s->n_cands + 1, sizeof *c))
        return ISTH_ENOMEM;
    *out = (uint32_t)s->n_cands++;
    c = &s->cands[*out];
    memset(c, 0, sizeof *c);
    c->start = (uint32_t)ms;
    c->end = (uint32_t)me;
    c->rule = r;
    c->entity = NONE;
    c->id_off = NONE;
    c->priority = db->rules[r].priority;
    c->label = db->rules[r].label;
    c->rattr_off = (uint32_t)s->n_rattr;
    c->name_off = (uint32_t)s->arena.len;
    if (arena_put(s, text + ms, me - ms) || arena_put(s, "", 1))
        return ISTH_ENOMEM;
    return ISTH_OK;
}

/* A rule's candidate for text[ms, me), captures in ov; *out its index. */
static int add_rule_cand(const isth_db *db, isth_scratch *s, const char *text,
                         uint32_t r, size_t ms, size_t me, const size_t *ov,
                         uint32_t *out)
{
    const struct isth_rule *ru = &db->rules[r];
    const struct isth_re *tre = isth__rule_span_re(ru);
    struct cand *c;
    uint32_t ci;
    size_t a;
    int rc;

    if ((rc = new_rule_cand(db, s, text, r, ms, me, &ci)))
        return rc;
    /* A relabelling rule links only to a name with exactly its span: the
     * name it took ("Governor of Maine") or the entry its extension
     * reached ("Jerusalem" grown to "East Jerusalem"). */
    if (ru->link)
        link_rule(db, s, ci, isth__rule_on_names(ru) || ru->link == 2);
    c = &s->cands[ci];
    if (ru->id_template && c->entity == NONE &&
        (rc = expand(s, tre, ru->id_template, text, ov, &c->id_off)))
        return rc;
    c->rattr_off = (uint32_t)s->n_rattr;
    c->n_rattr = (uint32_t)ru->n_attrs;
    for (a = 0; a < ru->n_attrs; a++) {
        uint32_t off;
        if ((rc = expand(s, tre, ru->attrs[a].value, text, ov, &off)))
            return rc;
        if (isth__grow(&s->rattr, &s->cap_rattr, s->n_rattr + 1,
                       sizeof *s->rattr))
            return ISTH_ENOMEM;
        s->rattr[s->n_rattr++] = off;
    }
    *out = ci;
    return ISTH_OK;
}

/* What a regex limit is called in messages: the per-attempt match
 * limit, or the document's budget. */
static const char *limit_name(const struct isth_re_state *st)
{
    return isth__re_budget_spent(st)
               ? "used up the regular expression time budget (2 s + 1 s "
                 "per MiB)"
               : "hit the regular expression match limit";
}

static int limit_error(const isth_scratch *s, const struct isth_rule *ru, int m,
                       isth_error *err)
{
    if (m == ISTH_ELIMIT)
        isth__error_set(err, m, ru->file, ru->line, 0,
                        "rule '%s' (%s:%u) %s on this document", ru->id,
                        ru->file, ru->line, limit_name(s->re));
    return m;
}

/* Does rule ru's applies_to take this label and kind (none: anything)? */
static int applies(const struct isth_rule *ru, const char *label,
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
static size_t after_match(const char *text, size_t lim, const size_t *ov)
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

    while (pos < end) {
        int m = isth__re_match(re, s->re, text, limit, pos, ov);
        if (m <= 0)
            return m;
        if ((*ov)[1] == end)
            return 1;
        if ((*ov)[0] >= end)
            return 0;
        /* Go on after this match (a match ending at end that overlaps it
         * would start inside it: rare, and not worth quadratic time). */
        pos = after_match(text, end, *ov);
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
    size_t i, n = s->n_cands;

    for (i = 0; i < n; i++) {
        const struct isth_erec *e;
        const size_t *ov = NULL;
        uint32_t ci, start, end;
        int m, rc, step;

        if (s->cands[i].rule != NONE || s->cands[i].state != ALIVE)
            continue;
        e = &db->entities[s->cands[i].entity];
        if (!applies(ru, isth__str(db, e->label), isth__str(db, e->kind)))
            continue;
        /* 'before' must end where the name starts, 'after' start where
         * it ends.  The one whose captures the span and the templates
         * read (isth__rule_span_re) goes last, so ov holds them: 'after'
         * usually, 'before' for a rule that takes a group of it. */
        m = 1;
        start = s->cands[i].start;
        end = s->cands[i].end;
        for (step = 0; step < 2 && m > 0; step++) {
            if ((step == 1) == before_last) {
                if (!ru->before)
                    continue;
                m = ends_at(ru->before, s, text, s->cands[i].end,
                            s->cands[i].start, ru->before_window, &ov);
                if (m > 0 && ru->what == ISTH_RULE_EXTEND)
                    start = (uint32_t)ov[0];
            } else if (ru->re) {
                m = isth__re_match_at(ru->re, s->re, text, len, s->cands[i].end,
                                      &ov);
                if (m > 0 && ru->what == ISTH_RULE_EXTEND)
                    end = (uint32_t)ov[1];
            }
        }
        if (m < 0)
            return limit_error(s, ru, m, err);
        if (m == 0)
            continue;
        if (ru->what == ISTH_RULE_BESIDE) {
            /* Beside the name: the entity is that group of what 'before'
             * matched ("Troy" of "in Troy, " before "Tennessee"); the
             * name stays as it is. */
            if (ov[2 * ru->group] != (size_t)-1 &&
                ov[2 * ru->group + 1] > ov[2 * ru->group] &&
                (rc = add_rule_cand(db, s, text, r, ov[2 * ru->group],
                                    ov[2 * ru->group + 1], ov, &ci)))
                return rc;
            continue;
        }
        if (ru->what == ISTH_RULE_DROP) {
            /* The name is part of something isthmus does not know, and so
             * is every name inside it: "New York City Comptroller" drops
             * "New York" too. */
            size_t j;
            for (j = first_ending_after(s, s->cands[i].start);
                 j < s->n_names && s->cands[j].end <= s->cands[i].end; j++)
                if (s->cands[j].state == ALIVE &&
                    s->cands[j].start >= s->cands[i].start) {
                    s->cands[j].state = LOST_RULE;
                    s->cands[j].by = r;
                }
            continue;
        }
        if ((rc = add_rule_cand(db, s, text, r, start, end, ov, &ci)))
            return rc;
        s->cands[i].state = LOST_OVERLAP;
        s->cands[i].by = ci;
    }
    return ISTH_OK;
}

/* Was one of the rule's required words found (or has it none)? */
static int required_seen(const struct isth_rule *ru, const isth_scratch *s)
{
    size_t k;

    for (k = 0; k < ru->n_req; k++)
        if (s->cue_seen[ru->req[k]])
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
 * hit's start, sorted and merged.  s->hits is sorted by cue, then start.
 */
static int rule_windows(const struct isth_rule *ru, isth_scratch *s,
                        const char *text)
{
    size_t k, i, n = 0;

    s->n_wins = 0;
    for (k = 0; k < ru->n_req; k++) {
        for (i = first_hit(s->hits, s->n_hits, ru->req[k], 0);
             i < s->n_hits && s->hits[i].cue == ru->req[k]; i++) {
            struct span *w;
            size_t a = s->hits[i].start;
            if (isth__grow(&s->wins, &s->cap_wins, s->n_wins + 1, sizeof *w))
                return ISTH_ENOMEM;
            w = &s->wins[s->n_wins++];
            w->end = a;
            a = a > ru->req_within ? a - ru->req_within : 0;
            while (a < w->end && ((unsigned char)text[a] & 0xC0) == 0x80)
                a++;
            w->start = a;
        }
    }
    if (s->n_wins > 1)
        qsort(s->wins, s->n_wins, sizeof *s->wins, cmp_span);
    for (i = 0; i < s->n_wins; i++) {
        if (n && s->wins[i].start <= s->wins[n - 1].end + 1) {
            if (s->wins[i].end > s->wins[n - 1].end)
                s->wins[n - 1].end = s->wins[i].end;
        } else {
            s->wins[n++] = s->wins[i];
        }
    }
    s->n_wins = n;
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
            while (w < s->n_wins && s->wins[w].end < pos)
                w++;
            if (w == s->n_wins)
                break;
            if (pos < s->wins[w].start)
                pos = s->wins[w].start;
            m = isth__re_match_upto(ru->re, s->re, text, len, pos,
                                    s->wins[w].end, &ov);
            if (m == 0) {
                pos = s->wins[w].end + 1;
                continue;
            }
        } else {
            m = isth__re_match(ru->re, s->re, text, len, pos, &ov);
        }
        if (m == 0)
            break;
        if (m < 0)
            return limit_error(s, ru, m, err);
        pos = after_match(text, len, ov);
        ms = ov[2 * ru->group];
        me = ov[2 * ru->group + 1];
        if (ms == (size_t)-1 || me <= ms)
            continue;
        if ((rc = add_rule_cand(db, s, text, r, ms, me, ov, &ci)))
            return rc;
    }
    return ISTH_OK;
}

static int run_rules(const isth_db *db, isth_scratch *s, const char *text,
                     size_t len, isth_error *err)
{
    uint32_t r;
    int rc;

    for (r = 0; r < db->n_rules; r++) {
        const struct isth_rule *ru = &db->rules[r];

        if (!required_seen(ru, s))
            continue;
        switch (ru->what) {
        case ISTH_RULE_LIST:
            continue; /* on the chosen entities: list_rules() */
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
 * unless it overlaps one accepted before it.  s->acc ends up sorted by
 * start.  With all, every live candidate is accepted.
 */
static int resolve(isth_scratch *s, int all)
{
    size_t i, n = 0;
    uint32_t *tmp;

    if (isth__grow(&s->order, &s->cap_order, 2 * s->n_cands + 1,
                   sizeof *s->order) ||
        isth__grow(&s->acc, &s->cap_acc, s->n_cands + 1, sizeof *s->acc))
        return ISTH_ENOMEM;
    for (i = 0; i < s->n_cands; i++)
        if (s->cands[i].state == ALIVE)
            s->order[n++] = (uint32_t)i;
    tmp = s->order + s->n_cands;
    msort(s->order, tmp, n, s->cands, all ? report : prec);
    s->n_acc = 0;
    for (i = 0; i < n; i++) {
        uint32_t ci = s->order[i];
        struct cand *c = &s->cands[ci];
        size_t lo = 0, hi = s->n_acc;

        if (all) {
            s->acc[s->n_acc++] = ci;
            continue;
        }
        /* First accepted span ending after c starts (ends are sorted). */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (s->cands[s->acc[mid]].end <= c->start)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < s->n_acc && s->cands[s->acc[lo]].start < c->end) {
            c->state = LOST_OVERLAP;
            c->by = s->acc[lo];
            continue;
        }
        memmove(s->acc + lo + 1, s->acc + lo, (s->n_acc - lo) * sizeof *s->acc);
        s->acc[lo] = ci;
        s->n_acc++;
    }
    return ISTH_OK;
}

/* ------------------------------------------------------------------ */
/* List rules                                                           */

/* The separators of list items, longest first, with their lengths (the
 * test runs at every byte of a list). */
#define SEP(s)                                                                 \
    {                                                                          \
        s, sizeof s - 1                                                        \
    }
static const struct {
    const char *s;
    size_t n;
} LIST_SEPS[] = {SEP(", and "), SEP(", or "), SEP(" and "),
                 SEP(" or "),   SEP(", "),    SEP("; ")};
#undef SEP

/* Length of the separator at text[p, end), or 0. */
static size_t list_sep(const char *text, size_t p, size_t end)
{
    size_t k;

    if (text[p] != ',' && text[p] != ' ' && text[p] != ';')
        return 0;
    for (k = 0; k < sizeof LIST_SEPS / sizeof *LIST_SEPS; k++)
        if (end - p >= LIST_SEPS[k].n &&
            !memcmp(text + p, LIST_SEPS[k].s, LIST_SEPS[k].n))
            return LIST_SEPS[k].n;
    return 0;
}

/* The position in s->acc of the first accepted entity ending after a
 * (acc is sorted, and its entities do not overlap). */
static size_t acc_ending_after(const isth_scratch *s, size_t a)
{
    size_t lo = 0, hi = s->n_acc;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->cands[s->acc[mid]].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The accepted entity overlapping [a, b), or NONE (acc is sorted). */
static uint32_t acc_overlap(const isth_scratch *s, size_t a, size_t b)
{
    size_t lo = acc_ending_after(s, a);

    return lo < s->n_acc && s->cands[s->acc[lo]].start < b ? s->acc[lo] : NONE;
}

/* Takes s->acc[lo, hi) out of the accepted list. */
static void acc_remove(isth_scratch *s, size_t lo, size_t hi)
{
    memmove(s->acc + lo, s->acc + hi, (s->n_acc - hi) * sizeof *s->acc);
    s->n_acc -= hi - lo;
}

/* Puts candidate ci into the accepted list, which stays sorted. */
static int accept_sorted(isth_scratch *s, uint32_t ci)
{
    size_t lo;

    if (isth__grow(&s->acc, &s->cap_acc, s->n_acc + 1, sizeof *s->acc))
        return ISTH_ENOMEM;
    for (lo = s->n_acc;
         lo > 0 && s->cands[s->acc[lo - 1]].start > s->cands[ci].start; lo--)
        s->acc[lo] = s->acc[lo - 1];
    s->acc[lo] = ci;
    s->n_acc++;
    return ISTH_OK;
}

/* A copy of candidate tpl at [a, b), accepted. */
static int accept_copy(isth_scratch *s, uint32_t tpl, size_t a, size_t b)
{
    struct cand *c;
    uint32_t ci;

    if (isth__grow(&s->cands, &s->cap_cands, s->n_cands + 1, sizeof *c))
        return ISTH_ENOMEM;
    ci = (uint32_t)s->n_cands++;
    c = &s->cands[ci];
    *c = s->cands[tpl]; /* rule or entity, label, name, id, attributes */
    c->start = (uint32_t)a;
    c->end = (uint32_t)b;
    c->state = ALIVE;
    return accept_sorted(s, ci);
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_wordc(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || is_upper(c) ||
           (c >= '0' && c <= '9');
}

/*
 * Acronyms the text defines: "the Rapid Support Forces (RSF)", whose
 * capitalized words' initials spell the letters in parentheses, make
 * the acronym there and at every later mention the same entity as the
 * long form: the entity already found with exactly that span, else an
 * entity of the rule 'acronym-defined' (its label, ORG in the shipped
 * rules) named by the long form.  Without that rule nothing happens, so
 * a rule file can disable it.  A long form that overlaps another entity
 * only in part, and a mention inside one, are left alone; at most 32
 * definitions a document.
 */
static int define_acronyms(const isth_db *db, isth_scratch *s, const char *text,
                           size_t len)
{
    static const char *const JOINS[] = {"of", "and", "for", "the", "on", "in",
                                        "de", "du",  "des", "la",  "le"};
    uint32_t rule = NONE;
    size_t p, i, defined = 0;
    int rc;

    for (i = 0; i < db->n_rules; i++)
        if (!strcmp(db->rules[i].id, "acronym-defined"))
            rule = (uint32_t)i;
    if (rule == NONE)
        return ISTH_OK;
    for (p = 1; p + 3 < len && defined < 32; p++) {
        size_t n = 0, a, b, w, k, caps = 0, ls = 0, le;
        uint32_t tpl;
        if (text[p] != '(' || text[p - 1] != ' ')
            continue;
        while (p + 1 + n < len && is_upper((unsigned char)text[p + 1 + n]))
            n++;
        if (n < 2 || n > 8 || p + 1 + n >= len || text[p + 1 + n] != ')')
            continue;
        /* The long form: the n capitalized words before the space, with
         * joining words between them. */
        le = p - 1;
        w = le;
        while (caps < n && w > 0) {
            size_t we = w, ws;
            while (w > 0 && (is_wordc((unsigned char)text[w - 1]) ||
                             text[w - 1] == '-' || text[w - 1] == '\''))
                w--;
            ws = w;
            if (ws == we)
                break;
            if (is_upper((unsigned char)text[ws])) {
                if ((text[ws] | 0x20) != (text[p + n - caps] | 0x20))
                    break;
                caps++;
                ls = ws;
            } else {
                for (k = 0; k < sizeof JOINS / sizeof *JOINS; k++)
                    if (strlen(JOINS[k]) == we - ws &&
                        !memcmp(JOINS[k], text + ws, we - ws))
                        break;
                if (k == sizeof JOINS / sizeof *JOINS || caps == 0)
                    break;
            }
            if (caps == n || w == 0 || text[w - 1] != ' ')
                break;
            w--;
        }
        if (caps != n)
            continue;
        /* The long form's entity: one with exactly its span, else new. */
        tpl = acc_overlap(s, ls, le);
        if (tpl != NONE &&
            (s->cands[tpl].start != ls || s->cands[tpl].end != le)) {
            /* Only when the overlap is a name inside the long form. */
            size_t k2;
            int inside = 1;
            for (k2 = 0; k2 < s->n_acc; k2++) {
                const struct cand *o = &s->cands[s->acc[k2]];
                if (o->start < le && o->end > ls &&
                    (o->start < ls || o->end > le))
                    inside = 0;
            }
            if (!inside)
                continue;
            tpl = NONE;
        }
        if (tpl == NONE) {
            size_t k2;
            /* Names inside the long form give way to it. */
            for (k2 = 0; k2 < s->n_acc;) {
                const struct cand *o = &s->cands[s->acc[k2]];
                if (o->start >= ls && o->end <= le) {
                    memmove(s->acc + k2, s->acc + k2 + 1,
                            (s->n_acc - k2 - 1) * sizeof *s->acc);
                    s->n_acc--;
                } else {
                    k2++;
                }
            }
            if ((rc = new_rule_cand(db, s, text, rule, ls, le, &tpl)) ||
                (rc = accept_sorted(s, tpl)))
                return rc;
        }
        /* The acronym, here and later on, as a whole word. */
        defined++;
        for (a = p + 1; a + n <= len; a++) {
            b = a + n;
            if ((a > 0 && is_wordc((unsigned char)text[a - 1])) ||
                (b < len && is_wordc((unsigned char)text[b])) ||
                memcmp(text + a, text + p + 1, n) ||
                acc_overlap(s, a, b) != NONE)
                continue;
            if ((rc = accept_copy(s, tpl, a, b)))
                return rc;
            a = b;
        }
        p += n + 1;
    }
    return ISTH_OK;
}

/* Is [a, b) a gazetteer name candidate, kept or not (a place that lost
 * to another entity is still a place, not a short form)?  With
 * context_ok, a name whose context failed does not count: the document
 * gave no sign of that place ("Michael Jordan" ... "Jordan said", in a
 * text that names nothing of the country's).  Names are sorted by end. */
static int is_name_at(const isth_scratch *s, size_t a, size_t b, int context_ok)
{
    size_t lo = 0, hi = s->n_names;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->cands[mid].end < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < s->n_names && s->cands[lo].end == b; lo++)
        if (s->cands[lo].start == a &&
            !(context_ok && s->cands[lo].state == LOST_CONTEXT))
            return 1;
    return 0;
}

/* A form of text a document-level pass copies an entity onto: the
 * accepted candidate ci and the text [off, off + n). */
struct form {
    uint32_t ci;
    size_t off, n;
};

#define MAX_FORMS 32

/* Adds form (ci, off, n) to forms[0..*nf) unless the same text is there. */
static void add_form(struct form *forms, size_t *nf, uint32_t ci,
                     const char *text, size_t off, size_t n)
{
    size_t i;

    for (i = 0; i < *nf; i++)
        if (forms[i].n == n && !memcmp(text + forms[i].off, text + off, n))
            return;
    forms[*nf].ci = ci;
    forms[*nf].off = off;
    forms[(*nf)++].n = n;
}

/* Is accepted candidate ci a gazetteer city with exactly the span [a, b)? */
static int is_city_at(const isth_db *db, const isth_scratch *s, uint32_t ci,
                      size_t a, size_t b)
{
    const struct cand *c = &s->cands[ci];

    return c->rule == NONE && c->entity != NONE && c->start == a &&
           c->end == b &&
           !strcmp(isth__str(db, db->entities[c->entity].kind), "city");
}

/*
 * A person a rule found by shape ("Phil Simmons", linked to no entry) is
 * the person of a later mention of the surname alone ("Simmons"): the
 * same rule, name and id, as the aliases of a gazetteer person do.  At
 * most 32 surnames a document; a mention inside another entity, or one
 * that is a gazetteer name ("Georgia" of "Lady Georgia"), is left
 * alone, except a city of exactly the mention's span ("Gino Tassi",
 * then "Tassi's first run": the town Tassi gives way; countries,
 * capitals and regions never do).
 */
static int propagate_persons(const isth_db *db, isth_scratch *s,
                             const char *text, size_t len)
{
    struct form sur[MAX_FORMS];
    size_t n_sur = 0, i, k;
    int rc;

    for (k = 0; k < s->n_acc && n_sur < MAX_FORMS; k++) {
        const struct cand *c = &s->cands[s->acc[k]];
        size_t b, e = c->end;
        if (c->rule == NONE || c->entity != NONE || strcmp(c->label, "PERSON"))
            continue;
        for (b = e; b > c->start && text[b - 1] != ' '; b--)
            ;
        if (b == c->start || e - b < 3 ||
            !((text[b] >= 'A' && text[b] <= 'Z') ||
              (unsigned char)text[b] >= 0x80))
            continue;
        add_form(sur, &n_sur, s->acc[k], text, b, e - b);
    }
    if (!n_sur)
        return ISTH_OK;
    if (!s->n_words && (rc = find_words(s, (const unsigned char *)text, len)))
        return rc;
    for (i = 0; i < s->n_words; i++) {
        size_t p = s->words[i];
        /* Surnames start with a capital or a non-ASCII letter. */
        if ((unsigned char)text[p] < 0x80 && !is_upper((unsigned char)text[p]))
            continue;
        for (k = 0; k < n_sur; k++) {
            const struct cand *o = &s->cands[sur[k].ci];
            size_t q = p + sur[k].n;
            unsigned char after = q < len ? (unsigned char)text[q] : ' ';
            size_t at;
            uint32_t ov;
            if (p < o->end || q > len || text[p] != text[sur[k].off] ||
                memcmp(text + p, text + sur[k].off, sur[k].n) ||
                (after >= 0x80 || (after >= 'a' && after <= 'z') ||
                 (after >= 'A' && after <= 'Z') ||
                 (after >= '0' && after <= '9')))
                continue;
            at = acc_ending_after(s, p);
            ov = at < s->n_acc && s->cands[s->acc[at]].start < q ? s->acc[at]
                                                                 : NONE;
            if (ov != NONE && !is_city_at(db, s, ov, p, q))
                continue;
            if (ov == NONE && is_name_at(s, p, q, 1))
                continue;
            if (ov != NONE) /* the town gives way */
                acc_remove(s, at, at + 1);
            if ((rc = accept_copy(s, sur[k].ci, p, q)))
                return rc;
            break;
        }
    }
    return ISTH_OK;
}

/* Is text[a, b) one of rule ru's 'requires' words (ASCII case folded)? */
static int is_required_word(const isth_db *db, const struct isth_rule *ru,
                            const char *text, size_t a, size_t b)
{
    size_t k, i;

    for (k = 0; k < ru->n_req; k++) {
        const char *w = db->cues[ru->req[k]].text;
        for (i = 0; a + i < b && w[i]; i++) {
            unsigned char x = (unsigned char)text[a + i];
            if ((x >= 'A' && x <= 'Z' ? x | 0x20 : x) != (unsigned char)w[i])
                break;
        }
        if (a + i == b && !w[i])
            return 1;
    }
    return 0;
}

/*
 * The end of a name less its trailing 'requires' words of rule ru, "&"
 * and periods: "Johnson Controls Inc" -> "Johnson Controls", "Edward D.
 * Jones & Co." -> "Edward D. Jones".  At least one word stays.
 */
static size_t short_form_end(const isth_db *db, const struct isth_rule *ru,
                             const char *text, size_t start, size_t end)
{
    for (;;) {
        size_t e = end, b;
        while (e > start && text[e - 1] == '.')
            e--;
        for (b = e; b > start && text[b - 1] != ' '; b--)
            ;
        if (b == start || b >= e ||
            !((e - b == 1 && text[b] == '&') ||
              is_required_word(db, ru, text, b, e)))
            return end;
        end = b - 1;
    }
}

/*
 * A name found by a rule with 'propagate' ("Johnson Controls Inc",
 * "Pirelli SpA") is its entity wherever the document names it without
 * the trailing words of the rule's 'requires' list ("Johnson Controls",
 * "Pirelli"): same rule, name and id.  Not a mention inside another
 * entity or a hyphenated compound ("Pirelli-owned"), except persons a rule
 * found by shape that lie inside it (the document shows "Johnson Controls" is
 * the company, not a given name and a surname); not a short form that is a
 * gazetteer name ("American" of "American Airlines").  At most 32 names a
 * document.
 */
static int propagate_rules(const isth_db *db, isth_scratch *s, const char *text,
                           size_t len)
{
    struct form form[MAX_FORMS];
    size_t n_form = 0, i, k;
    int rc;

    for (k = 0; k < s->n_acc && n_form < MAX_FORMS; k++) {
        const struct cand *c = &s->cands[s->acc[k]];
        size_t e;
        if (c->rule == NONE || !db->rules[c->rule].propagate)
            continue;
        e = short_form_end(db, &db->rules[c->rule], text, c->start, c->end);
        if (e == c->end || e - c->start < 3 || is_name_at(s, c->start, e, 0))
            continue;
        add_form(form, &n_form, s->acc[k], text, c->start, e - c->start);
    }
    if (!n_form)
        return ISTH_OK;
    if (!s->n_words && (rc = find_words(s, (const unsigned char *)text, len)))
        return rc;
    for (i = 0; i < s->n_words; i++) {
        size_t p = s->words[i];
        for (k = 0; k < n_form; k++) {
            size_t q = p + form[k].n, j, lo;
            int blocked = 0;
            if (q > len || text[p] != text[form[k].off] ||
                memcmp(text + p, text + form[k].off, form[k].n) ||
                (q < len &&
                 (is_wordc((unsigned char)text[q]) || text[q] == '-')) ||
                (p > 0 && text[p - 1] == '-') || is_name_at(s, p, q, 0))
                continue;
            /* What overlaps it: only persons of a shape rule inside it
             * give way. */
            lo = acc_ending_after(s, p);
            for (j = lo; j < s->n_acc && s->cands[s->acc[j]].start < q; j++) {
                const struct cand *o = &s->cands[s->acc[j]];
                if (o->rule == NONE || o->entity != NONE ||
                    strcmp(o->label, "PERSON") || o->start < p || o->end > q)
                    blocked = 1;
            }
            if (blocked)
                continue;
            acc_remove(s, lo, j);
            if ((rc = accept_copy(s, form[k].ci, p, q)))
                return rc;
            break;
        }
    }
    return ISTH_OK;
}

/* Does the accepted candidate ci count as a member of list rule ru? */
static int list_member(const isth_db *db, const isth_scratch *s,
                       const struct isth_rule *ru, uint32_t ci)
{
    const struct cand *c = &s->cands[ci];
    const struct isth_rule *cr;

    if (c->entity != NONE)
        return applies(ru, isth__str(db, db->entities[c->entity].label),
                       isth__str(db, db->entities[c->entity].kind));
    cr = &db->rules[c->rule];
    return applies(ru, cr->label, cr->kind ? cr->kind : "");
}

/*
 * One list found by rule r at text[ms, me): items are what lies between
 * the separators.  When at least two items are entities the rule counts
 * (applies_to) and they are at least half of the items, every item no
 * entity touches becomes the rule's entity: "Barnsley, Batley, Bradford
 * and Dewsbury" with Barnsley and Bradford known.  A long list with four
 * known or more needs only a third: the towns of a district where the
 * gazetteers know the larger ones ("Barnsley, Batley, ..., Todmorden",
 * 6 known of 17).
 */
static int list_found(const isth_db *db, isth_scratch *s, const char *text,
                      uint32_t r, size_t ms, size_t me, const size_t *ov)
{
    const struct isth_rule *ru = &db->rules[r];
    size_t items = 0, known = 0, unknown = 0, pass, p;

    for (pass = 0; pass < 2; pass++) {
        p = ms;
        while (p < me) {
            size_t a = p, b, n = 0;
            uint32_t hit;
            while (p < me && !(n = list_sep(text, p, me)))
                p++;
            b = p;
            p += n;
            if (b <= a)
                continue;
            hit = acc_overlap(s, a, b);
            if (pass == 0) {
                items++;
                if (hit == NONE)
                    unknown++;
                else if (s->cands[hit].start == a && s->cands[hit].end == b &&
                         list_member(db, s, ru, hit))
                    known++;
                continue;
            }
            if (hit == NONE) {
                uint32_t ci;
                size_t lo;
                int rc;
                if ((rc = add_rule_cand(db, s, text, r, a, b, ov, &ci)))
                    return rc;
                if (isth__grow(&s->acc, &s->cap_acc, s->n_acc + 1,
                               sizeof *s->acc))
                    return ISTH_ENOMEM;
                for (lo = s->n_acc;
                     lo > 0 && s->cands[s->acc[lo - 1]].start > a; lo--)
                    s->acc[lo] = s->acc[lo - 1];
                s->acc[lo] = ci;
                s->n_acc++;
            }
        }
        if (pass == 0 &&
            (known < 2 || !unknown ||
             (2 * known < items && (known < 4 || 3 * known < items))))
            return ISTH_OK;
    }
    return ISTH_OK;
}

/* Is the kept entity ci next to a list separator? */
static int listy(const isth_scratch *s, const char *text, size_t len,
                 uint32_t ci)
{
    size_t a = s->cands[ci].start, b = s->cands[ci].end;

    return (b < len && list_sep(text, b, len)) ||
           (a >= 2 && !memcmp(text + a - 2, ", ", 2)) ||
           (a >= 4 && !memcmp(text + a - 4, "and ", 4)) ||
           (a >= 3 && !memcmp(text + a - 3, "or ", 3));
}

/* How far around a member a list is looked for, in bytes. */
#define LIST_BEFORE 240
#define LIST_AFTER 480

/*
 * List rules, once the entities are chosen (see list_found).  A list
 * holds two known members next to separators, so the pattern runs only
 * in windows around such members, not over the whole text.
 */
static int list_rules(const isth_db *db, isth_scratch *s, const char *text,
                      size_t len, isth_error *err)
{
    uint32_t r;

    for (r = 0; r < db->n_rules; r++) {
        const struct isth_rule *ru = &db->rules[r];
        size_t k, members = 0, done = 0;

        if (ru->what != ISTH_RULE_LIST || !required_seen(ru, s))
            continue;
        for (k = 0; k < s->n_acc && members < 2; k++)
            members += (size_t)(list_member(db, s, ru, s->acc[k]) &&
                                listy(s, text, len, s->acc[k]));
        if (members < 2)
            continue;
        /* s->acc grows as items are added: walk it by index. */
        for (k = 0; k < s->n_acc; k++) {
            uint32_t ci = s->acc[k];
            size_t ma = s->cands[ci].start, mb = s->cands[ci].end;
            size_t pos, lim;

            if (mb <= done || s->cands[ci].rule == r ||
                !list_member(db, s, ru, ci) || !listy(s, text, len, ci))
                continue;
            pos = ma > LIST_BEFORE ? ma - LIST_BEFORE : 0;
            if (pos < done)
                pos = done;
            while (pos < mb && ((unsigned char)text[pos] & 0xC0) == 0x80)
                pos++;
            lim = len - mb > LIST_AFTER ? mb + LIST_AFTER : len;
            while (pos < mb) {
                const size_t *ov;
                size_t ms, me;
                int rc, m = isth__re_match(ru->re, s->re, text, lim, pos, &ov);

                if (m == 0)
                    break;
                if (m < 0)
                    return limit_error(s, ru, m, err);
                ms = ov[2 * ru->group];
                me = ov[2 * ru->group + 1];
                pos = after_match(text, lim, ov);
                /* A match cut by the window's end is not trusted. */
                if (lim < len && me + 64 > lim)
                    break;
                if (ms == (size_t)-1 || me <= ms || me <= ma)
                    continue;
                if ((rc = list_found(db, s, text, r, ms, me, ov)))
                    return rc;
                done = me;
                break;
            }
            if (done < mb)
                done = mb;
        }
    }
    return ISTH_OK;
}

/* ------------------------------------------------------------------ */
/* Topics                                                               */

static int add_ev(const isth_db *db, isth_scratch *s, uint32_t src,
                  uint32_t start, uint32_t end)
{
    struct ev *e;
    if (isth__grow(&s->ev, &s->cap_ev, s->n_ev + 1, sizeof *e))
        return ISTH_ENOMEM;
    e = &s->ev[s->n_ev++];
    e->topic = db->tsrcs[src].topic;
    e->src = src;
    e->start = start;
    e->end = end;
    return ISTH_OK;
}

static int entity_matches(const isth_db *db, const struct isth_tsrc *t,
                          const isth_match *m)
{
    if (t->id && (m->entity == ISTH_NO_ENTITY || m->entity != t->entity))
        return 0;
    if (t->label && strcmp(t->label, m->label))
        return 0;
    if (t->kind && strcmp(t->kind, m->kind))
        return 0;
    (void)db;
    return 1;
}

/* Extends a prefix cue's hit to the end of its word. */
static uint32_t word_end(const char *text, size_t len, uint32_t end)
{
    size_t adv;
    while (end < len &&
           isth__is_word_cp(isth__utf8_decode((const unsigned char *)text + end,
                                              len - end, &adv)))
        end += (uint32_t)adv;
    return end;
}

/* By topic, then start, longer first, then source order. */
static int cmp_ev(const void *pa, const void *pb)
{
    const struct ev *a = pa, *b = pb;
    if (a->topic != b->topic)
        return a->topic < b->topic ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return (a->src > b->src) - (a->src < b->src);
}

static int cmp_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

static int cmp_topic(const void *pa, const void *pb)
{
    const isth_topic_score *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return strcmp(a->label, b->label);
}

static int score_topics(const isth_db *db, isth_scratch *s, const char *text,
                        size_t len, size_t n_ent, isth_error *err)
{
    const struct isth_scoring *sc = &db->scoring;
    size_t i, k, n_top = 0, n_evo = 0;
    double lunits;
    int rc;

    s->n_ev = 0;
    /* Per source: hits and whether one is in the lead.  Zero between
     * documents: only the sources a document touched are reset. */
    if (s->cap_src < db->n_tsrcs + 1) {
        size_t cap = db->n_tsrcs + 1;
        isth__free(s->src_w);
        isth__free(s->src_lead);
        isth__free(s->touched);
        s->src_w = isth__calloc(cap, sizeof *s->src_w);
        s->src_lead = isth__calloc(cap, 1);
        s->touched = isth__alloc(cap, sizeof *s->touched);
        s->cap_src = s->src_w && s->src_lead && s->touched ? cap : 0;
        if (!s->cap_src)
            return ISTH_ENOMEM;
    }
    for (i = 0; i < s->n_touched; i++) { /* the last document's */
        s->src_w[s->touched[i]] = 0;
        s->src_lead[s->touched[i]] = 0;
    }
    s->n_touched = 0;

    /* Keyword hits (s->hits is sorted by cue). */
    for (i = 0; i < s->n_hits; i++) {
        const struct hit *h = &s->hits[i];
        uint32_t end = h->end;
        if (db->cues[h->cue].prefix)
            end = word_end(text, len, end);
        for (k = db->cue_src_first[h->cue]; k < db->cue_src_first[h->cue + 1];
             k++)
            if ((rc = add_ev(db, s, db->cue_src[k], h->start, end)))
                return rc;
    }
    /* Pattern cues. */
    for (i = 0; i < db->n_pat_tsrc; i++) {
        const struct isth_tsrc *t = &db->tsrcs[db->pat_tsrc[i]];
        size_t pos = 0;
        k = db->pat_tsrc[i];
        while (pos <= len) {
            const size_t *ov;
            int m = isth__re_match(t->re, s->re, text, len, pos, &ov);
            if (m == 0)
                break;
            if (m < 0) {
                if (m == ISTH_ELIMIT)
                    isth__error_set(
                        err, m, db->topics[t->topic].file, t->line, t->col,
                        "a pattern cue of topic '%s' (%s:%u) "
                        "%s on this document",
                        db->topics[t->topic].label, db->topics[t->topic].file,
                        t->line, limit_name(s->re));
                return m;
            }
            if (ov[1] > ov[0] &&
                (rc = add_ev(db, s, (uint32_t)k, (uint32_t)ov[0],
                             (uint32_t)ov[1])))
                return rc;
            pos = after_match(text, len, ov);
        }
    }
    /* Entity cues. */
    for (i = 0; i < n_ent; i++)
        for (k = 0; k < db->n_ent_tsrc; k++)
            if (entity_matches(db, &db->tsrcs[db->ent_tsrc[k]], &s->out[i]) &&
                (rc = add_ev(db, s, db->ent_tsrc[k], (uint32_t)s->out[i].start,
                             (uint32_t)s->out[i].end)))
                return rc;

    /*
     * Each span of text is evidence for a topic once: where cues of one
     * topic overlap ("Strait" inside the entity "Strait of Hormuz",
     * "crude" inside "crude palm oil"), the leftmost-longest counts.
     */
    if (s->n_ev > 1)
        qsort(s->ev, s->n_ev, sizeof *s->ev, cmp_ev);
    for (i = k = 0; i < s->n_ev; i++) {
        if (k && s->ev[k - 1].topic == s->ev[i].topic &&
            s->ev[i].start < s->ev[k - 1].end)
            continue;
        s->ev[k++] = s->ev[i];
    }
    s->n_ev = k;
    /* Count hits per source and whether one is in the lead. */
    for (i = 0; i < s->n_ev; i++) {
        const struct ev *e = &s->ev[i];
        if (s->src_w[e->src] == 0)
            s->touched[s->n_touched++] = e->src;
        s->src_w[e->src] += 1;
        if ((double)word_of(s, e->start) < sc->lead_words &&
            e->start >= (s->n_words ? s->words[0] : 0))
            s->src_lead[e->src] = 1;
    }
    if (isth__grow(&s->topics, &s->cap_topics, db->n_topics + 1,
                   sizeof *s->topics))
        return ISTH_ENOMEM;
    if (isth__grow(&s->tdist, &s->cap_tdist, db->n_topics + 1,
                   sizeof *s->tdist))
        return ISTH_ENOMEM;
    for (i = 0; i < db->n_topics; i++) {
        s->topics[i].label = db->topics[i].label;
        s->topics[i].score = 0;
        s->topics[i].n_hits = 0;
        s->topics[i].n_evidence = 0;
        s->tdist[i] = 0;
    }
    /* Raw evidence per topic: weight x (1 + ln hits) x lead boost, in
     * source order (the sum's rounding does not depend on the text). */
    if (s->n_touched > 1)
        qsort(s->touched, s->n_touched, sizeof *s->touched, cmp_u32);
    for (i = 0; i < s->n_touched; i++) {
        uint32_t src = s->touched[i];
        double n = s->src_w[src];
        s->topics[db->tsrcs[src].topic].score +=
            db->tsrcs[src].weight * (1 + log(n)) *
            (s->src_lead[src] ? sc->lead_boost : 1);
        s->topics[db->tsrcs[src].topic].n_hits += (size_t)n;
        if (db->tsrcs[src].weight > 0) {
            s->tdist[db->tsrcs[src].topic]++;
            if (db->tsrcs[src].anchor)
                s->tdist[db->tsrcs[src].topic] |= TDIST_ANCHOR;
        }
    }
    lunits = (double)s->n_words / sc->length_unit;
    if (lunits < 1)
        lunits = 1;
    for (i = 0; i < db->n_topics; i++) {
        double raw = s->topics[i].score;
        double score = raw > 0 ? 1 - exp(-raw / sqrt(lunits) / sc->scale) : 0;
        /* Round so the JSON and the threshold test see the same value. */
        score = floor(score * 10000 + 0.5) / 10000;
        s->topics[i].score = score;
        /* One ambiguous word ("vote", "claims", "base") is not enough:
         * min_cues distinct cues, or a hit of an anchor cue set. */
        s->topics[i].labelled =
            score > 0 && score >= db->topics[i].threshold &&
            ((s->tdist[i] & ~TDIST_ANCHOR) >= db->topics[i].min_cues ||
             (s->tdist[i] & TDIST_ANCHOR));
    }
    /* Evidence, in text order, at most MAX_EVIDENCE per topic. */
    if (isth__grow(&s->ev_out, &s->cap_ev_out, s->n_ev + 1, sizeof *s->ev_out))
        return ISTH_ENOMEM;
    for (i = 0; i < db->n_topics; i++) {
        isth_topic_score *t = &s->topics[n_top];
        if (s->topics[i].score <= 0)
            continue;
        *t = s->topics[i];
        t->evidence = s->ev_out + n_evo;
        t->n_evidence = 0;
        for (k = 0; k < s->n_ev && t->n_evidence < MAX_EVIDENCE; k++) {
            const struct ev *e = &s->ev[k];
            isth_evidence *o;
            if (db->tsrcs[e->src].topic != i)
                continue;
            o = &s->ev_out[n_evo++];
            o->start = e->start;
            o->end = e->end;
            o->cue = db->tsrcs[e->src].name;
            o->weight = db->tsrcs[e->src].weight;
            t->n_evidence++;
        }
        n_top++;
    }
    if (n_top > 1)
        qsort(s->topics, n_top, sizeof *s->topics, cmp_topic);
    s->result.topics = n_top ? s->topics : NULL;
    s->result.n_topics = n_top;
    return ISTH_OK;
}

/* ------------------------------------------------------------------ */
/* Result                                                               */

static const char *arena_str(const isth_scratch *s, uint32_t off)
{
    return off == NONE ? NULL : s->arena.ptr + off;
}

/* Fills m from candidate c; attributes go to s->attr_out by offset and
 * are made pointers by fix_attrs(). */
static int make_match(const isth_db *db, isth_scratch *s, const struct cand *c,
                      isth_match *m)
{
    const struct isth_erec *e =
        c->entity != NONE ? &db->entities[c->entity] : NULL;
    const struct isth_rule *r = c->rule != NONE ? &db->rules[c->rule] : NULL;
    size_t i, n_ea = 0;
    const isth_attribute *ea = e ? isth__ent_attrs(db, e, &n_ea) : NULL;
    size_t need = n_ea + c->n_rattr;
    const char *kind = e ? isth__str(db, e->kind) : "";

    m->start = c->start;
    m->end = c->end;
    m->entity = e ? c->entity : ISTH_NO_ENTITY;
    m->id = e ? isth__str(db, e->id) : NULL; /* fix_match() sets a rule's */
    m->label = e ? isth__str(db, e->label) : r->label;
    m->name = e ? isth__str(db, e->name) : NULL;
    m->kind = kind[0] ? kind : r && r->kind ? r->kind : "";
    m->file = e ? isth__str(db, e->file) : r->file;
    m->line = e ? e->line : r->line;
    m->rule = r ? r->id : NULL;
    m->alternatives = NULL;
    m->n_alternatives = c->n_alt;
    /* Offsets for now; pointers once every array has stopped moving. */
    m->attributes = (const isth_attribute *)(uintptr_t)s->n_attr_out;
    m->n_attributes = need;
    if (isth__grow(&s->attr_out, &s->cap_attr_out, s->n_attr_out + need + 1,
                   sizeof *s->attr_out))
        return ISTH_ENOMEM;
    for (i = 0; i < n_ea; i++)
        s->attr_out[s->n_attr_out++] = ea[i];
    for (i = 0; i < c->n_rattr; i++) {
        isth_attribute *a;
        size_t j;
        /* The linked entry's own attributes win over the rule's. */
        for (j = 0; j < n_ea; j++)
            if (!strcmp(ea[j].key, r->attrs[i].key))
                break;
        if (j < n_ea) {
            m->n_attributes--;
            continue;
        }
        a = &s->attr_out[s->n_attr_out++];
        a->key = r->attrs[i].key;
        a->value = (const char *)(uintptr_t)s->rattr[c->rattr_off + i];
    }
    m->alternatives = (const size_t *)(uintptr_t)c->alt_off;
    return ISTH_OK;
}

static void fix_match(const isth_db *db, isth_scratch *s, const struct cand *c,
                      isth_match *m)
{
    size_t off = (size_t)(uintptr_t)m->attributes, i = 0;

    m->attributes = m->n_attributes ? s->attr_out + off : NULL;
    /* Attributes past the entry's own are the rule's: arena offsets. */
    if (c->entity != NONE)
        isth__ent_attrs(db, &db->entities[c->entity], &i);
    for (; i < m->n_attributes; i++)
        s->attr_out[off + i].value =
            s->arena.ptr + (size_t)(uintptr_t)s->attr_out[off + i].value;
    m->alternatives =
        c->n_alt ? s->alts + (size_t)(uintptr_t)m->alternatives : NULL;
    /* A rule's own id and name are arena strings. */
    if (c->rule != NONE && c->entity == NONE) {
        m->id = arena_str(s, c->id_off);
        m->name = arena_str(s, c->name_off);
    }
}

static int add_rejection(const isth_db *db, isth_scratch *s, size_t start,
                         size_t end, uint32_t entity, uint32_t rule,
                         isth_loss why, const struct cand *by,
                         const char *detail)
{
    isth_rejection *r;

    if (isth__grow(&s->rej, &s->cap_rej, s->n_rej + 1, sizeof *r))
        return ISTH_ENOMEM;
    r = &s->rej[s->n_rej++];
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
                       : arena_str(s, by->id_off);
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
    return isth__buf_put(&s->xd, tmp,
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
    const struct hit *h = NULL;
    char where[48];
    uint32_t i;
    int rc;

    *off = (uint32_t)s->xd.len;
    if (cx->window < 0)
        snprintf(where, sizeof where, "in the document");
    else
        snprintf(where, sizeof where, "within %d words", cx->window);
    for (i = 0; i < cx->n_exc; i++) {
        const struct isth_ctx_item *it = &db->ctx_items[cx->exc_first + i];
        if (item_present(s, it, cx->window, c, &h)) {
            rc = xd_printf(
                s,
                "excluded: \"%.*s\" at byte %u (excludes_any "
                "'%s', %s; %s:%u)",
                (int)(h->end - h->start > 60 ? 60 : h->end - h->start),
                text + h->start, h->start, item_text(db, it), where, cx->file,
                cx->line);
            return rc ? rc : isth__buf_put(&s->xd, "", 1);
        }
    }
    for (i = 0; i < cx->n_req; i++) {
        const struct isth_ctx_item *it = &db->ctx_items[cx->req_first + i];
        if (item_present(s, it, cx->window, c, &h)) {
            rc = xd_printf(
                s,
                "required: \"%.*s\" at byte %u (requires_any "
                "'%s', %s; %s:%u)",
                (int)(h->end - h->start > 60 ? 60 : h->end - h->start),
                text + h->start, h->start, item_text(db, it), where, cx->file,
                cx->line);
            return rc ? rc : isth__buf_put(&s->xd, "", 1);
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
    return rc ? rc : isth__buf_put(&s->xd, "", 1);
}

/* Adds a rejection whose detail is in the explain buffer at off. */
static int add_rejection_x(const isth_db *db, isth_scratch *s, size_t start,
                           size_t end, uint32_t entity, isth_loss why,
                           const struct cand *by, uint32_t off)
{
    int rc = add_rejection(db, s, start, end, entity, NONE, why, by, NULL);

    if (rc)
        return rc;
    if (isth__grow(&s->rej_xoff, &s->cap_rej_xoff, s->n_rej, sizeof(uint32_t)))
        return ISTH_ENOMEM;
    s->rej_xoff[s->n_rej - 1] = off;
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
        uint32_t a = s->aliasv[c->alias_off + k], e = db->aliases[a].entity;
        const struct isth_context *cx =
            db->aliases[a].context ? &db->contexts[db->aliases[a].context - 1]
                                   : NULL;
        uint32_t j;

        for (j = 0; j < k; j++)
            if (db->aliases[s->aliasv[c->alias_off + j]].entity == e)
                break;
        if (j < k)
            continue; /* one line per entity */
        if (e == won) {
            isth_note *n;
            if (!cx)
                continue;
            if ((rc = context_why(db, s, text, cx, c, &off)))
                return rc;
            if (isth__grow(&s->notes, &s->cap_notes, s->n_notes + 1,
                           sizeof *s->notes) ||
                isth__grow(&s->note_xoff, &s->cap_note_xoff, s->n_notes + 1,
                           sizeof *s->note_xoff))
                return ISTH_ENOMEM;
            n = &s->notes[s->n_notes];
            memset(n, 0, sizeof *n);
            n->start = c->start;
            n->end = c->end;
            n->id = isth__str(db, db->entities[e].id);
            s->note_xoff[s->n_notes++] = off;
            continue;
        }
        if (cx && !context_ok(db, s, cx, c)) {
            if ((rc = context_why(db, s, text, cx, c, &off)) ||
                (rc = add_rejection_x(db, s, c->start, c->end, e,
                                      ISTH_LOST_CONTEXT, NULL, off)))
                return rc;
            continue;
        }
        if (won == NONE)
            continue;
        off = (uint32_t)s->xd.len;
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
        if (rc || (rc = isth__buf_put(&s->xd, "", 1)) ||
            (rc = add_rejection_x(db, s, c->start, c->end, e, ISTH_LOST_TIE, c,
                                  off)))
            return rc;
    }
    return ISTH_OK;
}

static int explain(const isth_db *db, isth_scratch *s, const char *text)
{
    static const char *const lost_overlap = "overlapped by a span of higher "
                                            "precedence";
    static const char *const same_span = "same span as a rule linked to it";
    static const char *const relabelled = "relabelled by a rule (the text "
                                          "after it)";
    size_t i;
    int rc;

    s->n_rej = 0;
    s->n_notes = 0;
    s->xd.len = 0;
    for (i = 0; i < s->n_cands; i++) {
        const struct cand *c = &s->cands[i];
        size_t first = s->n_rej;
        if (c->rule == NONE && c->entity != NONE &&
            db->entities[c->entity].hidden)
            continue; /* a helper name is never a candidate to show */
        if (c->state == LOST_OVERLAP) {
            const struct cand *by = &s->cands[c->by];
            rc = add_rejection(
                db, s, c->start, c->end, c->entity, c->rule, ISTH_LOST_OVERLAP,
                by,
                overlap_detail(db, c, by, relabelled, same_span, lost_overlap));
        } else if (c->state == LOST_RULE) {
            rc = add_rejection(db, s, c->start, c->end, c->entity, NONE,
                               ISTH_LOST_RULE, NULL,
                               "dropped by a rule (the text around it)");
            if (rc == ISTH_OK)
                s->rej[s->n_rej - 1].by_rule = db->rules[c->by].id;
        } else if ((c->state == LOST_CONTEXT || c->state == ALIVE) &&
                   i < s->n_names) {
            rc = explain_names(db, s, text, c);
        } else {
            continue;
        }
        if (rc)
            return rc;
        /* Static details have no offset in the explain buffer. */
        if (isth__grow(&s->rej_xoff, &s->cap_rej_xoff, s->n_rej + 1,
                       sizeof(uint32_t)))
            return ISTH_ENOMEM;
        if (c->state == LOST_OVERLAP || c->state == LOST_RULE)
            for (; first < s->n_rej; first++)
                s->rej_xoff[first] = NONE;
    }
    for (i = 0; i < s->n_closs; i++) {
        const struct case_loss *cl = &s->closs[i];
        const struct isth_arec *a = &db->aliases[cl->alias];
        if (db->entities[a->entity].hidden)
            continue;
        if ((rc = add_rejection(db, s, cl->start, cl->end, a->entity, NONE,
                                ISTH_LOST_CASE, NULL, CASE_NAMES[a->policy])))
            return rc;
        if (isth__grow(&s->rej_xoff, &s->cap_rej_xoff, s->n_rej,
                       sizeof(uint32_t)))
            return ISTH_ENOMEM;
        s->rej_xoff[s->n_rej - 1] = NONE;
    }
    /* The explain buffer is complete: offsets become pointers. */
    for (i = 0; i < s->n_rej; i++)
        if (s->rej_xoff[i] != NONE)
            s->rej[i].detail = s->xd.ptr + s->rej_xoff[i];
    for (i = 0; i < s->n_notes; i++)
        s->notes[i].detail = s->xd.ptr + s->note_xoff[i];
    if (s->n_rej > 1)
        qsort(s->rej, s->n_rej, sizeof *s->rej, cmp_rej);
    s->result.rejected = s->n_rej ? s->rej : NULL;
    s->result.n_rejected = s->n_rej;
    s->result.kept = s->n_notes ? s->notes : NULL;
    s->result.n_kept = s->n_notes;
    return ISTH_OK;
}

/* ------------------------------------------------------------------ */
/* The pipeline                                                         */

static int run(const isth_db *db, const char *text, size_t len, unsigned flags,
               isth_scratch *s, isth_error *err)
{
    size_t i, k;
    int rc, ex = (flags & ISTH_SCAN_EXPLAIN) != 0;
    int topics = db->n_topics && !(flags & ISTH_SCAN_NO_TOPICS);

    s->n_cands = s->n_aliasv = s->n_alts = s->n_hits = s->n_closs = 0;
    s->n_rattr = s->n_attr_out = s->n_rej = 0;
    s->arena.len = 0;
    s->n_words = 0;
    memset(&s->result, 0, sizeof s->result);
    if (len > UINT32_MAX - 1)
        return isth__error_set(err, ISTH_ETOOBIG, NULL, 0, 0,
                               "document larger than 4 GiB");
    if (isth__grow(&s->cue_seen, &s->cap_cue_seen, db->n_cues + 1, 1))
        return ISTH_ENOMEM;
    memset(s->cue_seen, 0, db->n_cues + 1);
    if (db->n_patterns) {
        struct hit_ctx hc;
        hc.db = db;
        hc.s = s;
        hc.text = text;
        hc.explain = ex;
        if ((rc = isth__match(&db->ac, db->pat_len, db->pat_flags, &s->match,
                              text, len, consider, &hc)))
            return rc;
    }
    s->n_names = s->n_cands;
#ifndef NDEBUG
    for (i = 1; i < s->n_names; i++)
        assert(s->cands[i - 1].end <= s->cands[i].end);
#endif
    if (db->n_contexts || topics) {
        if ((rc = find_words(s, (const unsigned char *)text, len)))
            return rc;
    }
    /* Sorted by cue, then start: contexts, topics and the windows of
     * 'requires_within' rules search them. */
    if (s->n_hits > 1 && (db->n_contexts || topics || db->n_rules))
        qsort(s->hits, s->n_hits, sizeof *s->hits, cmp_hit);
    if (db->id_items && (rc = entity_hits(db, s)))
        return rc;
    if ((rc = choose_entities(db, s)))
        return rc;
    if (db->n_rules || topics) {
        if (!s->re || s->re_caps < db->max_captures) {
            isth__re_state_free(s->re);
            s->re = NULL;
            if ((rc = isth__re_state_new(&s->re, db->max_captures)))
                return rc;
            s->re_caps = db->max_captures;
        }
        isth__re_budget_start(s->re, len);
    }
    if (db->n_rules && (rc = run_rules(db, s, text, len, err)))
        return rc;
    if ((rc = resolve(s, (flags & ISTH_SCAN_OVERLAPS_ALL) != 0)))
        return rc;
    if (db->n_rules && (rc = list_rules(db, s, text, len, err)))
        return rc;
    if (db->n_rules && (rc = define_acronyms(db, s, text, len)))
        return rc;
    if (db->n_rules && (rc = propagate_rules(db, s, text, len)))
        return rc;
    if (db->n_rules && (rc = propagate_persons(db, s, text, len)))
        return rc;
    /* Helper names (given names) that no rule made into something are
     * not entities. */
    for (i = k = 0; i < s->n_acc; i++) {
        const struct cand *c = &s->cands[s->acc[i]];
        if (c->rule == NONE && c->entity != NONE &&
            db->entities[c->entity].hidden)
            continue;
        s->acc[k++] = s->acc[i];
    }
    s->n_acc = k;
    if (isth__grow(&s->out, &s->cap_out, s->n_acc + 1, sizeof *s->out))
        return ISTH_ENOMEM;
    for (i = 0; i < s->n_acc; i++)
        if ((rc = make_match(db, s, &s->cands[s->acc[i]], &s->out[i])))
            return rc;
    /* Every array has its final size: turn offsets into pointers. */
    for (i = 0; i < s->n_acc; i++) {
        const struct cand *c = &s->cands[s->acc[i]];
        fix_match(db, s, c, &s->out[i]);
    }
    s->result.entities = s->n_acc ? s->out : NULL;
    s->result.n_entities = s->n_acc;
    s->result.n_words = s->n_words;
    if (topics && (rc = score_topics(db, s, text, len, s->n_acc, err)))
        return rc;
    if (ex && (rc = explain(db, s, text)))
        return rc;
    return ISTH_OK;
}

static int enter(const isth_db *db, const char *text, size_t len,
                 unsigned flags, isth_scratch *s, isth_error *err)
{
    int rc;

    isth__error_clear(err);
    if (!db || !s || (!text && len))
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "invalid argument");
    if (flags & ~(unsigned)(ISTH_SCAN_OVERLAPS_ALL | ISTH_SCAN_EXPLAIN |
                            ISTH_SCAN_NO_TOPICS))
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "unknown scan flags");
    if (s->in_use)
        return isth__error_set(err, ISTH_ESCRATCH_IN_USE, NULL, 0, 0,
                               "scratch already in use");
    s->in_use = 1;
    rc = run(db, text ? text : "", len, flags, s, err);
    if (rc && err && !err->code)
        isth__error_set(err, rc, NULL, 0, 0, "%s", isth_strerror(rc));
    return rc;
}

int isth_annotate(const isth_db *db, const char *text, size_t len,
                  unsigned flags, isth_scratch *scratch,
                  const isth_result **result, isth_error *err)
{
    int rc;

    if (!result)
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0, "result is NULL");
    *result = NULL;
    rc = enter(db, text, len, flags, scratch, err);
    if (rc == ISTH_EINVAL || rc == ISTH_ESCRATCH_IN_USE)
        return rc;
    scratch->in_use = 0;
    if (rc == ISTH_OK)
        *result = &scratch->result;
    return rc;
}

int isth_scan(const isth_db *db, const char *text, size_t len, unsigned flags,
              isth_scratch *scratch, isth_match_cb on_match, void *ctx)
{
    size_t i;
    int rc;

    if (flags & (ISTH_SCAN_EXPLAIN | ISTH_SCAN_NO_TOPICS))
        return ISTH_EINVAL;
    rc = enter(db, text, len, flags | ISTH_SCAN_NO_TOPICS, scratch, NULL);
    if (rc == ISTH_EINVAL || rc == ISTH_ESCRATCH_IN_USE)
        return rc;
    for (i = 0; rc == ISTH_OK && on_match && i < scratch->n_acc; i++)
        if (on_match(&scratch->out[i], ctx))
            rc = ISTH_ESTOPPED;
    scratch->in_use = 0;
    return rc;
}
