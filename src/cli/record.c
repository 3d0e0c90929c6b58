/* SPDX-License-Identifier: MIT */
/*
 * record.c - the JSON of one document's results, as "isthmus tag" writes
 * it: "entities", "topics" and "explain", offsets in the chosen unit.
 * The CLI and the Python binding (python/) both build records here, so
 * their output is the same by construction.
 */
#include "record.h"

#include <stdlib.h>
#include <string.h>

static int cmp_topic(const void *a, const void *b)
{
    return strcmp(((const struct record_topic *)a)->label,
                  ((const struct record_topic *)b)->label);
}

/* A topic's threshold, by label: a sorted index of the database's
 * topics, built on first use (the database does not change). */
static double topic_threshold(struct record *w, const char *label)
{
    struct record_topic key, *hit;

    if (!w->topics) {
        size_t k, n = isth_db_topic_count(w->db);
        w->topics = xrealloc(NULL, (n ? n : 1) * sizeof *w->topics);
        for (k = 0; k < n; k++)
            isth_db_topic(w->db, k, &w->topics[k].label, NULL,
                          &w->topics[k].threshold);
        qsort(w->topics, n, sizeof *w->topics, cmp_topic);
        w->n_topics = n;
    }
    key.label = label;
    hit = bsearch(&key, w->topics, w->n_topics, sizeof *w->topics, cmp_topic);
    return hit ? hit->threshold : 0;
}

static void record_spill(struct record *w)
{
    if (w->spill)
        w->spill(w->spill_ctx);
}

/* , "KEY": for a literal KEY (its length known at compile time). */
#define put_key(b, key) sbuf_lit((b), ", \"" key "\": ")

static void put_cstr(struct sbuf *b, const char *s)
{
    if (s)
        json_put_str(b, s, strlen(s));
    else
        sbuf_lit(b, "null");
}

/* Offset of byte (a character boundary) in the output unit: counted
 * from the last offset asked for, forward or back, or from the start
 * when that is nearer, so a record costs the distances between its
 * offsets (explain's winners lie before the losers, each topic's
 * evidence starts again near the top). */
static size_t unit_at(struct record *w, const char *text, size_t byte)
{
    if (byte >= w->cur_byte)
        w->cur_unit +=
            isth_count_units(text + w->cur_byte, byte - w->cur_byte, w->unit);
    else if (byte < w->cur_byte - byte)
        w->cur_unit = isth_count_units(text, byte, w->unit);
    else
        w->cur_unit -=
            isth_count_units(text + byte, w->cur_byte - byte, w->unit);
    w->cur_byte = byte;
    return w->cur_unit;
}

/* "start": .., "end": .., "text": .. of a span (no leading comma). */
static void put_span(struct record *w, const char *text, size_t start,
                     size_t end)
{
    size_t s = unit_at(w, text, start), e = unit_at(w, text, end);

    sbuf_lit(w->out, "\"start\": ");
    sbuf_put_uint(w->out, s);
    sbuf_lit(w->out, ", \"end\": ");
    sbuf_put_uint(w->out, e);
    sbuf_lit(w->out, ", \"text\": ");
    json_put_str(w->out, text + start, end - start);
}

static void put_source(struct record *w, const char *file, unsigned line)
{
    put_key(w->out, "source");
    w->src.len = 0;
    sbuf_puts(&w->src, file);
    sbuf_put(&w->src, ":", 1);
    sbuf_put_uint(&w->src, line);
    json_put_str(w->out, w->src.ptr, w->src.len);
}

static void put_entity(struct record *w, const char *text, const isth_match *m)
{
    struct sbuf *b = w->out;
    size_t j;

    sbuf_lit(b, "{");
    put_span(w, text, m->start, m->end);
    put_key(b, "label");
    put_cstr(b, m->label);
    put_key(b, "id");
    put_cstr(b, m->id);
    put_key(b, "name");
    put_cstr(b, m->name);
    put_key(b, "kind");
    put_cstr(b, m->kind[0] ? m->kind : NULL);
    put_source(w, m->file, m->line);
    if (m->rule) {
        put_key(b, "rule");
        put_cstr(b, m->rule);
    }
    if (m->n_alternatives) {
        put_key(b, "alternatives");
        sbuf_lit(b, "[");
        for (j = 0; j < m->n_alternatives; j++) {
            isth_entity_info a;
            isth_db_entity(w->db, m->alternatives[j], &a);
            if (j)
                sbuf_lit(b, ", ");
            put_cstr(b, a.id);
        }
        sbuf_lit(b, "]");
    }
    if (w->attributes) {
        put_key(b, "attributes");
        sbuf_lit(b, "{");
        for (j = 0; j < m->n_attributes; j++) {
            if (j)
                sbuf_lit(b, ", ");
            put_cstr(b, m->attributes[j].key);
            sbuf_lit(b, ": ");
            put_cstr(b, m->attributes[j].value);
        }
        sbuf_lit(b, "}");
    }
    sbuf_lit(b, "}");
}

/* Is topic ts reported?  Its threshold decides, or --min-score. */
static int reported(const struct record *w, const isth_topic_score *ts)
{
    if (w->min_score >= 0)
        return ts->score >= w->min_score;
    return ts->labelled;
}

static void put_topics(struct record *w, const char *text, const isth_result *r)
{
    struct sbuf *b = w->out;
    size_t i, j, n = 0;

    sbuf_lit(b, "\"topics\": [");
    for (i = 0; i < r->n_topics; i++) {
        const isth_topic_score *ts = &r->topics[i];
        if (!reported(w, ts))
            continue;
        sbuf_puts(b, n++ ? ", {\"label\": " : "{\"label\": ");
        put_cstr(b, ts->label);
        sbuf_lit(b, ", \"score\": ");
        json_put_num(b, "%.4g", ts->score);
        sbuf_lit(b, ", \"evidence\": [");
        for (j = 0; j < ts->n_evidence; j++) {
            const isth_evidence *e = &ts->evidence[j];
            sbuf_puts(b, j ? ", {" : "{");
            put_span(w, text, e->start, e->end);
            put_key(b, "cue");
            put_cstr(b, e->cue);
            if (e->weight != 1) {
                sbuf_lit(b, ", \"weight\": ");
                json_put_num(b, "%g", e->weight);
            }
            sbuf_lit(b, "}");
        }
        sbuf_lit(b, "]}");
    }
    sbuf_lit(b, "]");
}

static const char *loss_name(isth_loss l)
{
    switch (l) {
    case ISTH_LOST_OVERLAP: return "overlap";
    case ISTH_LOST_CONTEXT: return "context";
    case ISTH_LOST_CASE: return "case";
    case ISTH_LOST_RULE: return "rule";
    case ISTH_LOST_TIE: return "tie";
    }
    return "unknown";
}

static void put_explain(struct record *w, const char *text,
                        const isth_result *r)
{
    struct sbuf *b = w->out;
    size_t i;

    sbuf_lit(b, ", \"explain\": {\"rejected\": [");
    for (i = 0; i < r->n_rejected; i++) {
        const isth_rejection *x = &r->rejected[i];
        sbuf_puts(b, i ? ", {" : "{");
        put_span(w, text, x->start, x->end);
        put_key(b, "label");
        put_cstr(b, x->label);
        put_key(b, "id");
        put_cstr(b, x->id);
        put_source(w, x->file, x->line);
        if (x->rule) {
            put_key(b, "rule");
            put_cstr(b, x->rule);
        }
        put_key(b, "reason");
        put_cstr(b, loss_name(x->reason));
        if (x->reason == ISTH_LOST_OVERLAP || x->reason == ISTH_LOST_TIE) {
            put_key(b, "by");
            sbuf_lit(b, "{");
            put_span(w, text, x->by_start, x->by_end);
            put_key(b, "id");
            put_cstr(b, x->by_id);
            if (x->by_rule) {
                put_key(b, "rule");
                put_cstr(b, x->by_rule);
            }
            sbuf_lit(b, "}");
        }
        if (x->reason == ISTH_LOST_RULE) {
            put_key(b, "by");
            sbuf_lit(b, "{\"rule\": ");
            put_cstr(b, x->by_rule);
            sbuf_lit(b, "}");
        }
        put_key(b, "detail");
        put_cstr(b, x->detail);
        sbuf_lit(b, "}");
        record_spill(w);
    }
    sbuf_lit(b, "], \"kept\": [");
    for (i = 0; i < r->n_kept; i++) {
        const isth_note *x = &r->kept[i];
        sbuf_puts(b, i ? ", {" : "{");
        put_span(w, text, x->start, x->end);
        put_key(b, "id");
        put_cstr(b, x->id);
        put_key(b, "detail");
        put_cstr(b, x->detail);
        sbuf_lit(b, "}");
        record_spill(w);
    }
    sbuf_lit(b, "], \"topic_scores\": [");
    for (i = 0; i < r->n_topics; i++) {
        const isth_topic_score *ts = &r->topics[i];
        double th = topic_threshold(w, ts->label);
        sbuf_puts(b, i ? ", {\"label\": " : "{\"label\": ");
        put_cstr(b, ts->label);
        sbuf_lit(b, ", \"score\": ");
        json_put_num(b, "%.4g", ts->score);
        sbuf_lit(b, ", \"threshold\": ");
        json_put_num(b, "%g", th);
        sbuf_printf(b, ", \"hits\": %zu, \"labelled\": %s}", ts->n_hits,
                    ts->labelled ? "true" : "false");
    }
    sbuf_printf(b, "], \"words\": %zu}", r->n_words);
}

void record_entities_begin(struct record *w, const char *text)
{
    w->text = text;
    w->cur_byte = w->cur_unit = 0;
    w->n_written = 0;
    sbuf_lit(w->out, "\"entities\": [");
}

int record_on_match(const isth_match *m, void *ctx)
{
    struct record *w = ctx;

    if (w->n_written++)
        sbuf_lit(w->out, ", ");
    put_entity(w, w->text, m);
    record_spill(w);
    return 0;
}

void record_entities_end(struct record *w, const isth_result *r)
{
    sbuf_lit(w->out, "], ");
    put_topics(w, w->text, r);
    if (w->scan_flags & ISTH_SCAN_EXPLAIN)
        put_explain(w, w->text, r);
}

void record_results(struct record *w, const char *text, const isth_result *r)
{
    size_t i;

    record_entities_begin(w, text);
    for (i = 0; i < r->n_entities; i++)
        record_on_match(&r->entities[i], w);
    record_entities_end(w, r);
}

int record_unit(const char *name, isth_unit *unit)
{
    if (!strcmp(name, "codepoints"))
        *unit = ISTH_UNIT_CODEPOINTS;
    else if (!strcmp(name, "bytes"))
        *unit = ISTH_UNIT_BYTES;
    else if (!strcmp(name, "utf16"))
        *unit = ISTH_UNIT_UTF16;
    else
        return -1;
    return 0;
}

void record_free(struct record *w)
{
    sbuf_free(&w->src);
    free(w->topics);
    w->topics = NULL;
}
