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
    isth__match_mem_free(&s->nm.match);
    isth__norm_free(&s->nm.exact);
    isth__norm_free(&s->ru.slug);
    isth__re_state_free(s->ru.re);
    isth__free(s->nm.cands);
    isth__free(s->nm.aliasv);
    isth__free(s->nm.alts);
    isth__free(s->tx.hits);
    isth__free(s->ru.wins);
    isth__free(s->cx.ehits);
    isth__free(s->tx.cue_seen);
    isth__free(s->nm.closs);
    isth__free(s->tx.words);
    isth__free(s->pr.order);
    isth__free(s->pr.acc);
    isth__buf_free(&s->tx.arena);
    isth__free(s->ru.rattr);
    isth__free(s->tp.src_w);
    isth__free(s->tp.src_lead);
    isth__free(s->tp.touched);
    isth__free(s->tp.ev);
    isth__free(s->tp.kev);
    isth__free(s->tp.kept);
    isth__free(s->res.out);
    isth__free(s->res.attr_out);
    isth__free(s->tp.topics);
    isth__free(s->tp.ev_out);
    isth__free(s->tp.tdist);
    isth__free(s->x.rej);
    isth__buf_free(&s->x.xd);
    isth__free(s->x.rej_xoff);
    isth__free(s->x.notes);
    isth__free(s->x.note_xoff);
    isth__free(s);
}

/* ------------------------------------------------------------------ */
/* The pipeline                                                         */

/*
 * The stages of one part of a document, text[0, len), up to its final
 * entities (s->pr.acc); offsets are the part's.  The document's regex
 * budget is started before its first part.
 */
static int stages(const isth_db *db, const char *text, size_t len,
                  unsigned flags, int topics, isth_scratch *s, isth_error *err)
{
    int rc, ex = (flags & ISTH_SCAN_EXPLAIN) != 0;

    s->nm.n_cands = s->nm.n_aliasv = s->nm.n_alts = s->tx.n_hits =
        s->nm.n_closs = 0;
    s->ru.n_rattr = s->res.n_attr_out = s->x.n_rej = 0;
    s->tx.arena.len = 0;
    s->tx.n_words = 0;
    s->tx.have_words = 0;
    memset(s->tx.cue_seen, 0, db->n_cues + 1);
    if ((rc = isth__find_names(db, s, text, len, ex)))
        return rc;
    if (db->n_contexts || topics) {
        if ((rc = isth__find_words(s, (const unsigned char *)text, len)))
            return rc;
    }
    isth__sort_hits(db, s, topics);
    if (db->id_items && (rc = isth__entity_hits(db, s)))
        return rc;
    if ((rc = isth__choose_entities(db, s)))
        return rc;
    if (db->n_rules && (rc = isth__run_rules(db, s, text, len, err)))
        return rc;
    if ((rc = isth__resolve(s, (flags & ISTH_SCAN_OVERLAPS_ALL) != 0)))
        return rc;
    if (db->n_rules && (rc = isth__list_rules(db, s, text, len, err)))
        return rc;
    if (db->n_rules && (rc = isth__define_acronyms(db, s, text, len)))
        return rc;
    if (db->n_rules && (rc = isth__propagate_rules(db, s, text, len)))
        return rc;
    if (db->n_rules && (rc = isth__propagate_persons(db, s, text, len)))
        return rc;
    isth__final_entities(db, s);
    return ISTH_OK;
}

/* What every document needs before its first part. */
static int doc_start(const isth_db *db, size_t len, int topics, isth_scratch *s,
                     isth_error *err)
{
    int rc;

    memset(&s->res.result, 0, sizeof s->res.result);
    if (len > UINT32_MAX - 1)
        return isth__error_set(err, ISTH_ETOOBIG, NULL, 0, 0,
                               "document larger than 4 GiB");
    if (isth__grow(&s->tx.cue_seen, &s->tx.cap_cue_seen, db->n_cues + 1, 1))
        return ISTH_ENOMEM;
    if ((db->n_rules || topics) && (rc = isth__rules_start(db, s, len)))
        return rc;
    if (topics && (rc = isth__topics_begin(db, s)))
        return rc;
    return ISTH_OK;
}

/* Is text[i] the end of a blank line (a line break after a line of
 * nothing but spaces, tabs and carriage returns)? */
static int blank_line_end(const char *t, size_t i)
{
    if (t[i] != '\n')
        return 0;
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\r'))
        i--;
    return i > 0 && t[i - 1] == '\n';
}

static int lower(char c)
{
    return c >= 'a' && c <= 'z';
}

size_t isth__part_len(const char *t, size_t len, size_t max)
{
    size_t lo, i;

    if (len <= max)
        return len;
    lo = max / 2;
    /* A paragraph break, else a line break, else the end of a sentence
     * (a full stop after three lower-case letters, so not "U.S." or
     * "Mr.", and a space), else any space: the part ends after it. */
    for (i = max; i-- > lo;)
        if (blank_line_end(t, i))
            return i + 1;
    for (i = max; i-- > lo;)
        if (t[i] == '\n')
            return i + 1;
    for (i = max - 1; i-- > lo && i >= 3;)
        if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && t[i + 1] == ' ' &&
            lower(t[i - 1]) && lower(t[i - 2]) && lower(t[i - 3]))
            return i + 2;
    for (i = max; i-- > lo;)
        if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r')
            return i + 1;
    /* No space at all: not inside a UTF-8 sequence. */
    for (i = max; i > max - 3 && ((unsigned char)t[i] & 0xC0) == 0x80; i--)
        ;
    return i;
}

/*
 * A document: whole, as one part whose entities become the result's
 * array (isth_annotate, with --explain's losers), or in parts of at most
 * s->part_max bytes (isth__part_len() chooses where they end), each
 * part's entities handed to on_match as soon as they are final, so
 * memory grows with a part, not with the document.  Topics add up over
 * the parts.
 */
static int run(const isth_db *db, const char *text, size_t len, unsigned flags,
               isth_scratch *s, int whole, isth_match_cb on_match, void *ctx,
               isth_error *err)
{
    int rc, topics = db->n_topics && !(flags & ISTH_SCAN_NO_TOPICS);
    size_t base = 0, words = 0, n_ent = 0;
    size_t max = whole ? len : s->part_max ? s->part_max : ISTH_PART_MAX;

    if ((rc = doc_start(db, len, topics, s, err)))
        return rc;
    do {
        size_t n = isth__part_len(text + base, len - base, max);
        if ((rc = stages(db, text + base, n, flags, topics, s, err)))
            return rc;
        if (topics &&
            (rc = isth__topics_add(db, s, text + base, n, base, words, err)))
            return rc;
        n_ent += s->pr.n_acc;
        words += s->tx.n_words;
        rc = whole ? isth__make_result(db, s)
                   : isth__emit_entities(db, s, base, on_match, ctx);
        if (rc)
            return rc;
        base += n;
    } while (base < len);
    if (topics && (rc = isth__topics_end(db, s, words)))
        return rc;
    s->res.result.n_entities = n_ent;
    s->res.result.n_words = words;
    if ((flags & ISTH_SCAN_EXPLAIN) && (rc = isth__explain(db, s, text)))
        return rc;
    return ISTH_OK;
}

/* Checks the arguments, then runs the document (see run()). */
static int enter(const isth_db *db, const char *text, size_t len,
                 unsigned flags, isth_scratch *s, int whole,
                 isth_match_cb on_match, void *ctx, isth_error *err)
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
    rc = run(db, text ? text : "", len, flags, s, whole, on_match, ctx, err);
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
    rc = enter(db, text, len, flags, scratch, 1, NULL, NULL, err);
    if (rc == ISTH_EINVAL || rc == ISTH_ESCRATCH_IN_USE)
        return rc;
    scratch->in_use = 0;
    if (rc == ISTH_OK)
        *result = &scratch->res.result;
    return rc;
}

int isth_annotate_stream(const isth_db *db, const char *text, size_t len,
                         unsigned flags, isth_scratch *scratch,
                         isth_match_cb on_match, void *ctx,
                         const isth_result **result, isth_error *err)
{
    int rc;

    if (result)
        *result = NULL;
    if (flags & ISTH_SCAN_EXPLAIN)
        return isth__error_set(err, ISTH_EINVAL, NULL, 0, 0,
                               "ISTH_SCAN_EXPLAIN needs isth_annotate()");
    rc = enter(db, text, len, flags, scratch, 0, on_match, ctx, err);
    if (rc == ISTH_EINVAL || rc == ISTH_ESCRATCH_IN_USE)
        return rc;
    scratch->in_use = 0;
    if (rc == ISTH_OK && result)
        *result = &scratch->res.result;
    return rc;
}

int isth_scan(const isth_db *db, const char *text, size_t len, unsigned flags,
              isth_scratch *scratch, isth_match_cb on_match, void *ctx)
{
    if (flags & (ISTH_SCAN_EXPLAIN | ISTH_SCAN_NO_TOPICS))
        return ISTH_EINVAL;
    return isth_annotate_stream(db, text, len, flags | ISTH_SCAN_NO_TOPICS,
                                scratch, on_match, ctx, NULL, NULL);
}
