/* SPDX-License-Identifier: MIT */
/*
 * record.h - one document's results as JSON (see record.c).
 */
#ifndef ISTH_CLI_RECORD_H
#define ISTH_CLI_RECORD_H

#include "isthmus.h"
#include "json.h"

/* A topic's label and threshold, for "explain" (sorted by label). */
struct record_topic {
    const char *label;
    double threshold;
};

struct record {
    struct sbuf *out;    /* where the JSON goes */
    const isth_db *db;   /* for alternatives' ids and topic thresholds */
    isth_unit unit;      /* offsets: code points, bytes or UTF-16 units */
    int attributes;      /* add each entity's attributes */
    double min_score;    /* < 0: each topic's own threshold */
    unsigned scan_flags; /* ISTH_SCAN_EXPLAIN: add "explain" */
    /* Called after each entity and explain item: the caller may write
     * out and empty *out (a large document's record is streamed). */
    void (*spill)(void *ctx);
    void *spill_ctx;
    size_t cur_byte, cur_unit;   /* offset cursor, per record */
    const char *text;            /* the document of this record */
    size_t n_written;            /* entities written to this record */
    struct sbuf src;             /* "file:line" of one entity */
    struct record_topic *topics; /* built on first use; record_free() */
    size_t n_topics;
};

/* The offset unit named name ("codepoints", "bytes", "utf16"): 0 with
 * *unit set, or -1 for another name. */
int record_unit(const char *name, isth_unit *unit);

/* Appends "entities": [...], "topics": [...] (and "explain") of r for
 * text (the document r was made from) to *w->out. */
void record_results(struct record *w, const char *text, const isth_result *r);

/* The same in steps, for entities handed over one at a time
 * (isth_annotate_stream): "entities": [ for text, then each entity in
 * order (record_on_match is the isth_match_cb, with w as its ctx), then
 * ], "topics" and the rest of r (whose entities are not used). */
void record_entities_begin(struct record *w, const char *text);
int record_on_match(const isth_match *m, void *w);
void record_entities_end(struct record *w, const isth_result *r);

void record_free(struct record *w);

#endif
