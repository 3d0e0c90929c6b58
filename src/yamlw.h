/* SPDX-License-Identifier: MIT */
/*
 * yamlw.h - walking a libyaml document with errors at file:line:col.
 *
 * Shared by the gazetteer and rule loaders: parsing a file's bytes into
 * a document, and the checks every schema needs
 * (known keys with a "did you mean", scalars, integers, numbers).
 */
#ifndef ISTH_YAMLW_H
#define ISTH_YAMLW_H

#include <yaml.h>

#include "internal.h"

/* What a YAML file may hold (checked before its document is built):
 * collections nested this deep, and nodes that aliases stand for. */
#define ISTH_YAML_MAX_DEPTH 64
#define ISTH_YAML_MAX_ALIAS_NODES 1000000

struct isth_yw {
    yaml_parser_t parser;
    yaml_document_t doc;
    const char *path;
    isth_error *err;
    int have_parser, have_doc;
};

/*
 * Parses text (len bytes of the file path, which errors name) into
 * w->doc; text must outlive w.  *root is NULL for an empty file.  First
 * refuses, at file:line:col, nesting deeper than ISTH_YAML_MAX_DEPTH,
 * aliases standing for more than ISTH_YAML_MAX_ALIAS_NODES nodes, a NUL
 * in a string and a second document.  Call isth__yw_close() whatever it
 * returns.
 */
ISTH_INTERNAL int isth__yw_open(struct isth_yw *w, const char *path,
                                const char *text, size_t len, isth_error *err,
                                yaml_node_t **root);
ISTH_INTERNAL void isth__yw_close(struct isth_yw *w);

/*
 * Parses text as above and calls walk(ctx, root) on its root; an empty
 * file is an ISTH_ESCHEMA error at 1:1 "empty file (<what it needs>)".
 */
ISTH_INTERNAL int isth__yw_load(struct isth_yw *w, const char *path,
                                const char *text, size_t len, isth_error *err,
                                const char *needs,
                                int (*walk)(void *ctx, const yaml_node_t *),
                                void *ctx);

/* Sets an ISTH_ESCHEMA error at node at (NULL: no position). */
ISTH_INTERNAL int isth__yw_fail(struct isth_yw *w, const yaml_node_t *at,
                                const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
ISTH_INTERNAL int isth__yw_nomem(struct isth_yw *w);

ISTH_INTERNAL unsigned isth__yw_line(const yaml_node_t *n);
ISTH_INTERNAL unsigned isth__yw_col(const yaml_node_t *n);
ISTH_INTERNAL const char *isth__yw_type(const yaml_node_t *n);
ISTH_INTERNAL yaml_node_t *isth__yw_node(struct isth_yw *w, int id);
ISTH_INTERNAL const char *isth__yw_str(const yaml_node_t *n);

/* Requires a scalar; what names the value in the message. */
ISTH_INTERNAL int isth__yw_scalar(struct isth_yw *w, const yaml_node_t *n,
                                  const char *what);
/* Requires a sequence (or a plain empty value, treated as empty). */
ISTH_INTERNAL int isth__yw_seq(struct isth_yw *w, const yaml_node_t *n,
                               const char *what);
ISTH_INTERNAL size_t isth__yw_seq_len(const yaml_node_t *n);
ISTH_INTERNAL yaml_node_t *isth__yw_seq_at(struct isth_yw *w,
                                           const yaml_node_t *n, size_t i);
/* Known, unrepeated, string keys; where names the mapping. */
ISTH_INTERNAL int isth__yw_keys(struct isth_yw *w, const yaml_node_t *map,
                                const char *const *known, size_t n_known,
                                const char *where);
/* The value of key in map, or NULL. */
ISTH_INTERNAL yaml_node_t *
isth__yw_get(struct isth_yw *w, const yaml_node_t *map, const char *key);
/* An integer in [lo, hi]. */
ISTH_INTERNAL int isth__yw_int(struct isth_yw *w, const yaml_node_t *n,
                               const char *what, long lo, long hi, long *out);
/* A finite number in [lo, hi]. */
ISTH_INTERNAL int isth__yw_num(struct isth_yw *w, const yaml_node_t *n,
                               const char *what, double lo, double hi,
                               double *out);
/* One of words[], with a "did you mean" otherwise; *out is the index. */
ISTH_INTERNAL int isth__yw_enum(struct isth_yw *w, const yaml_node_t *n,
                                const char *what, const char *const *words,
                                size_t n_words, int *out);

/* Edit distance of a and b, capped at max + 1. */
ISTH_INTERNAL size_t isth__edit_distance(const char *a, const char *b,
                                         size_t max);

/* Returns the candidate closest to word (within 2 edits), or NULL. */
ISTH_INTERNAL const char *
isth__did_you_mean(const char *word, const char *const *cands, size_t n);

#define ISTH_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif
