/* SPDX-License-Identifier: MIT */
/*
 * scan_topics.c - topic scores from cue, pattern and entity evidence
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
/* Topics                                                               */

static int add_ev(const isth_db *db, isth_scratch *s, uint32_t src,
                  uint32_t start, uint32_t end)
{
    struct ev *e;
    if (isth__grow(&s->tp.ev, &s->tp.cap_ev, s->tp.n_ev + 1, sizeof *e))
        return ISTH_ENOMEM;
    e = &s->tp.ev[s->tp.n_ev++];
    e->topic = db->tsrcs[src].topic;
    e->src = src;
    e->start = start;
    e->end = end;
    return ISTH_OK;
}

/* Does an entity cue t take the entity (NONE: a rule's own) with this
 * label and kind? */
static int entity_matches(const struct isth_tsrc *t, uint32_t entity,
                          const char *label, const char *kind)
{
    if (t->id && (entity == NONE || entity != t->entity))
        return 0;
    if (t->label && strcmp(t->label, label))
        return 0;
    if (t->kind && strcmp(t->kind, kind))
        return 0;
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

/* A new document: no source has hits, no evidence is kept. */
int isth__topics_begin(const isth_db *db, isth_scratch *s)
{
    size_t i;

    /* Per source: hits and whether one is in the lead.  Zero between
     * documents: only the sources a document touched are reset. */
    if (s->tp.cap_src < db->n_tsrcs + 1) {
        size_t cap = db->n_tsrcs + 1;
        isth__free(s->tp.src_w);
        isth__free(s->tp.src_lead);
        isth__free(s->tp.touched);
        s->tp.src_w = isth__calloc(cap, sizeof *s->tp.src_w);
        s->tp.src_lead = isth__calloc(cap, 1);
        s->tp.touched = isth__alloc(cap, sizeof *s->tp.touched);
        s->tp.cap_src =
            s->tp.src_w && s->tp.src_lead && s->tp.touched ? cap : 0;
        if (!s->tp.cap_src)
            return ISTH_ENOMEM;
    }
    for (i = 0; i < s->tp.n_touched; i++) { /* the last document's */
        s->tp.src_w[s->tp.touched[i]] = 0;
        s->tp.src_lead[s->tp.touched[i]] = 0;
    }
    s->tp.n_touched = 0;
    s->tp.n_kev = 0;
    if (isth__grow(&s->tp.kept, &s->tp.cap_kept, db->n_topics + 1,
                   sizeof *s->tp.kept))
        return ISTH_ENOMEM;
    memset(s->tp.kept, 0, (db->n_topics + 1) * sizeof *s->tp.kept);
    return ISTH_OK;
}

/* Pattern cues: every match of each topic's patterns in the text. */
static int pattern_cues(const isth_db *db, isth_scratch *s, const char *text,
                        size_t len, isth_error *err)
{
    size_t i, k;
    int rc;

    for (i = 0; i < db->n_pat_tsrc; i++) {
        const struct isth_tsrc *t = &db->tsrcs[db->pat_tsrc[i]];
        size_t pos = 0;
        k = db->pat_tsrc[i];
        while (pos <= len) {
            const size_t *ov;
            int m = isth__re_match(t->re, s->ru.re, text, len, pos, &ov);
            if (m == 0)
                break;
            if (m < 0) {
                if (m == ISTH_ELIMIT)
                    isth__error_set(
                        err, m, db->topics[t->topic].file, t->line, t->col,
                        "a pattern cue of topic '%s' (%s:%u) "
                        "%s on this document",
                        db->topics[t->topic].label, db->topics[t->topic].file,
                        t->line, isth__limit_name(s->ru.re));
                return m;
            }
            if (ov[1] > ov[0] &&
                (rc = add_ev(db, s, (uint32_t)k, (uint32_t)ov[0],
                             (uint32_t)ov[1])))
                return rc;
            pos = isth__after_match(text, len, ov);
        }
    }
    return ISTH_OK;
}

/*
 * The evidence of text[0, len), the part of a document that starts at
 * byte base after words_before words: the cue hits, the pattern cues and
 * the accepted entities (s->pr.acc, final).  Hits per source add up over
 * the parts; the first MAX_EVIDENCE pieces of each topic are kept.
 */
int isth__topics_add(const isth_db *db, isth_scratch *s, const char *text,
                     size_t len, size_t base, size_t words_before,
                     isth_error *err)
{
    const struct isth_scoring *sc = &db->scoring;
    size_t i, k;
    int rc;

    s->tp.n_ev = 0;
    /* Keyword hits (s->tx.hits is sorted by cue). */
    for (i = 0; i < s->tx.n_hits; i++) {
        const struct hit *h = &s->tx.hits[i];
        uint32_t end = h->end;
        if (db->cues[h->cue].prefix)
            end = word_end(text, len, end);
        for (k = db->cue_src_first[h->cue]; k < db->cue_src_first[h->cue + 1];
             k++)
            if ((rc = add_ev(db, s, db->cue_src[k], h->start, end)))
                return rc;
    }
    if ((rc = pattern_cues(db, s, text, len, err)))
        return rc;
    /* Entity cues. */
    for (i = 0; i < s->pr.n_acc && db->n_ent_tsrc; i++) {
        const struct cand *c = &s->nm.cands[s->pr.acc[i]];
        const char *label, *kind;
        isth__cand_label_kind(db, c, &label, &kind);
        for (k = 0; k < db->n_ent_tsrc; k++)
            if (entity_matches(&db->tsrcs[db->ent_tsrc[k]], c->entity, label,
                               kind) &&
                (rc = add_ev(db, s, db->ent_tsrc[k], c->start, c->end)))
                return rc;
    }

    /*
     * Each span of text is evidence for a topic once: where cues of one
     * topic overlap ("Strait" inside the entity "Strait of Hormuz",
     * "crude" inside "crude palm oil"), the leftmost-longest counts.
     */
    if (s->tp.n_ev > 1)
        qsort(s->tp.ev, s->tp.n_ev, sizeof *s->tp.ev, cmp_ev);
    for (i = k = 0; i < s->tp.n_ev; i++) {
        if (k && s->tp.ev[k - 1].topic == s->tp.ev[i].topic &&
            s->tp.ev[i].start < s->tp.ev[k - 1].end)
            continue;
        s->tp.ev[k++] = s->tp.ev[i];
    }
    s->tp.n_ev = k;
    /* Count hits per source and whether one is in the lead (the first
     * lead_words words of the document, from its first word on); keep
     * the first pieces of each topic. */
    for (i = 0; i < s->tp.n_ev; i++) {
        const struct ev *e = &s->tp.ev[i];
        if (s->tp.src_w[e->src] == 0)
            s->tp.touched[s->tp.n_touched++] = e->src;
        s->tp.src_w[e->src] += 1;
        if ((double)(words_before + isth__word_of(s, e->start)) <
                sc->lead_words &&
            (words_before || e->start >= (s->tx.n_words ? s->tx.words[0] : 0)))
            s->tp.src_lead[e->src] = 1;
        if (s->tp.kept[e->topic] < MAX_EVIDENCE) {
            struct ev *o;
            if (isth__grow(&s->tp.kev, &s->tp.cap_kev, s->tp.n_kev + 1,
                           sizeof *s->tp.kev))
                return ISTH_ENOMEM;
            o = &s->tp.kev[s->tp.n_kev++];
            *o = *e;
            o->start = (uint32_t)(e->start + base);
            o->end = (uint32_t)(e->end + base);
            s->tp.kept[e->topic]++;
        }
    }
    return ISTH_OK;
}

/* The scores of a document of n_words words, once all its parts are
 * added: s->res.result.topics. */
int isth__topics_end(const isth_db *db, isth_scratch *s, size_t n_words)
{
    const struct isth_scoring *sc = &db->scoring;
    size_t i, k, n_top = 0, n_evo = 0;
    double lunits;

    if (isth__grow(&s->tp.topics, &s->tp.cap_topics, db->n_topics + 1,
                   sizeof *s->tp.topics))
        return ISTH_ENOMEM;
    if (isth__grow(&s->tp.tdist, &s->tp.cap_tdist, db->n_topics + 1,
                   sizeof *s->tp.tdist))
        return ISTH_ENOMEM;
    for (i = 0; i < db->n_topics; i++) {
        s->tp.topics[i].label = db->topics[i].label;
        s->tp.topics[i].score = 0;
        s->tp.topics[i].n_hits = 0;
        s->tp.topics[i].n_evidence = 0;
        s->tp.tdist[i] = 0;
    }
    /* Raw evidence per topic: weight x (1 + ln hits) x lead boost, in
     * source order (the sum's rounding does not depend on the text). */
    if (s->tp.n_touched > 1)
        qsort(s->tp.touched, s->tp.n_touched, sizeof *s->tp.touched, cmp_u32);
    for (i = 0; i < s->tp.n_touched; i++) {
        uint32_t src = s->tp.touched[i];
        double n = s->tp.src_w[src];
        s->tp.topics[db->tsrcs[src].topic].score +=
            db->tsrcs[src].weight * (1 + log(n)) *
            (s->tp.src_lead[src] ? sc->lead_boost : 1);
        s->tp.topics[db->tsrcs[src].topic].n_hits += (size_t)n;
        if (db->tsrcs[src].weight > 0) {
            s->tp.tdist[db->tsrcs[src].topic]++;
            if (db->tsrcs[src].anchor)
                s->tp.tdist[db->tsrcs[src].topic] |= TDIST_ANCHOR;
        }
    }
    lunits = (double)n_words / sc->length_unit;
    if (lunits < 1)
        lunits = 1;
    for (i = 0; i < db->n_topics; i++) {
        double raw = s->tp.topics[i].score;
        double score = raw > 0 ? 1 - exp(-raw / sqrt(lunits) / sc->scale) : 0;
        /* Round so the JSON and the threshold test see the same value. */
        score = floor(score * 10000 + 0.5) / 10000;
        s->tp.topics[i].score = score;
        /* One ambiguous word ("vote", "claims", "base") is not enough:
         * min_cues distinct cues, or a hit of an anchor cue set. */
        s->tp.topics[i].labelled =
            score > 0 && score >= db->topics[i].threshold &&
            ((s->tp.tdist[i] & ~TDIST_ANCHOR) >= db->topics[i].min_cues ||
             (s->tp.tdist[i] & TDIST_ANCHOR));
    }
    /* Evidence, in text order, at most MAX_EVIDENCE per topic. */
    if (isth__grow(&s->tp.ev_out, &s->tp.cap_ev_out, s->tp.n_kev + 1,
                   sizeof *s->tp.ev_out))
        return ISTH_ENOMEM;
    for (i = 0; i < db->n_topics; i++) {
        isth_topic_score *t = &s->tp.topics[n_top];
        if (s->tp.topics[i].score <= 0)
            continue;
        *t = s->tp.topics[i];
        t->evidence = s->tp.ev_out + n_evo;
        t->n_evidence = 0;
        for (k = 0; k < s->tp.n_kev; k++) {
            const struct ev *e = &s->tp.kev[k];
            isth_evidence *o;
            if (e->topic != i)
                continue;
            o = &s->tp.ev_out[n_evo++];
            o->start = e->start;
            o->end = e->end;
            o->cue = db->tsrcs[e->src].name;
            o->weight = db->tsrcs[e->src].weight;
            t->n_evidence++;
        }
        n_top++;
    }
    if (n_top > 1)
        qsort(s->tp.topics, n_top, sizeof *s->tp.topics, cmp_topic);
    s->res.result.topics = n_top ? s->tp.topics : NULL;
    s->res.result.n_topics = n_top;
    return ISTH_OK;
}
