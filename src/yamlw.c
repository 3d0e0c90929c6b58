/* SPDX-License-Identifier: MIT */
/*
 * yamlw.c - libyaml document helpers with positioned errors.
 *
 * Scalars are taken as plain strings (no YAML 1.1 typing, so "NO" stays
 * Norway's code, not false); numbers are parsed only where a schema asks
 * for one.
 */
#include "yamlw.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"

size_t isth__edit_distance(const char *a, const char *b, size_t max)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t row[64], prev, tmp;

    if (la >= 64 || lb >= 64)
        return max + 1;
    if ((la > lb ? la - lb : lb - la) > max)
        return max + 1;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        prev = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            tmp = row[j];
            row[j] = best;
            prev = tmp;
        }
    }
    return row[lb] > max ? max + 1 : row[lb];
}

const char *isth__did_you_mean(const char *word, const char *const *cands,
                               size_t n)
{
    const char *best = NULL;
    size_t best_d = 3, i;

    for (i = 0; i < n; i++) {
        size_t d = isth__edit_distance(word, cands[i], 2);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best;
}

unsigned isth__yw_line(const yaml_node_t *n)
{
    return (unsigned)n->start_mark.line + 1;
}

unsigned isth__yw_col(const yaml_node_t *n)
{
    return (unsigned)n->start_mark.column + 1;
}

int isth__yw_fail(struct isth_yw *w, const yaml_node_t *at, const char *fmt,
                  ...)
{
    char msg[sizeof w->err->msg];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return isth__error_set(w->err, ISTH_ESCHEMA, w->path,
                           at ? isth__yw_line(at) : 0,
                           at ? isth__yw_col(at) : 0, "%s", msg);
}

int isth__yw_nomem(struct isth_yw *w)
{
    return isth__error_set(w->err, ISTH_ENOMEM, w->path, 0, 0, "out of memory");
}

const char *isth__yw_type(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE: return "a scalar";
    case YAML_SEQUENCE_NODE: return "a sequence";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "nothing";
    }
}

yaml_node_t *isth__yw_node(struct isth_yw *w, int id)
{
    return yaml_document_get_node(&w->doc, id);
}

const char *isth__yw_str(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

int isth__yw_scalar(struct isth_yw *w, const yaml_node_t *n, const char *what)
{
    if (n->type == YAML_SCALAR_NODE)
        return ISTH_OK;
    return isth__yw_fail(w, n, "'%s' must be a string, not %s", what,
                         isth__yw_type(n));
}

static int plain_empty(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE && !isth__yw_str(n)[0] &&
           n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

int isth__yw_seq(struct isth_yw *w, const yaml_node_t *n, const char *what)
{
    if (n->type == YAML_SEQUENCE_NODE || plain_empty(n))
        return ISTH_OK;
    return isth__yw_fail(w, n, "'%s' must be a sequence, not %s", what,
                         isth__yw_type(n));
}

size_t isth__yw_seq_len(const yaml_node_t *n)
{
    if (n->type != YAML_SEQUENCE_NODE)
        return 0;
    return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

yaml_node_t *isth__yw_seq_at(struct isth_yw *w, const yaml_node_t *n, size_t i)
{
    return isth__yw_node(w, n->data.sequence.items.start[i]);
}

int isth__yw_keys(struct isth_yw *w, const yaml_node_t *map,
                  const char *const *known, size_t n_known, const char *where)
{
    yaml_node_pair_t *p, *q;

    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = isth__yw_node(w, p->key);
        const char *ks, *dym;
        size_t i;

        if (k->type != YAML_SCALAR_NODE)
            return isth__yw_fail(w, k, "keys of %s must be strings", where);
        ks = isth__yw_str(k);
        for (i = 0; i < n_known; i++)
            if (!strcmp(ks, known[i]))
                break;
        if (i == n_known) {
            dym = isth__did_you_mean(ks, known, n_known);
            if (dym)
                return isth__yw_fail(
                    w, k, "unknown key '%s' in %s (did you mean '%s'?)", ks,
                    where, dym);
            return isth__yw_fail(w, k, "unknown key '%s' in %s", ks, where);
        }
        for (q = map->data.mapping.pairs.start; q < p; q++)
            if (!strcmp(isth__yw_str(isth__yw_node(w, q->key)), ks))
                return isth__yw_fail(w, k, "duplicate key '%s' in %s", ks,
                                     where);
    }
    return ISTH_OK;
}

yaml_node_t *isth__yw_get(struct isth_yw *w, const yaml_node_t *map,
                          const char *key)
{
    yaml_node_pair_t *p;

    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++)
        if (!strcmp(isth__yw_str(isth__yw_node(w, p->key)), key))
            return isth__yw_node(w, p->value);
    return NULL;
}

int isth__yw_int(struct isth_yw *w, const yaml_node_t *n, const char *what,
                 long lo, long hi, long *out)
{
    const char *s;
    char *end;
    long v;
    int rc;

    if ((rc = isth__yw_scalar(w, n, what)))
        return rc;
    s = isth__yw_str(n);
    errno = 0;
    v = strtol(s, &end, 10);
    if (!s[0] || *end || errno || v < lo || v > hi)
        return isth__yw_fail(w, n,
                             "'%s' must be an integer between %ld and %ld, "
                             "not '%s'",
                             what, lo, hi, s);
    *out = v;
    return ISTH_OK;
}

int isth__yw_num(struct isth_yw *w, const yaml_node_t *n, const char *what,
                 double lo, double hi, double *out)
{
    const char *s;
    char *end;
    double v;
    int rc;

    if ((rc = isth__yw_scalar(w, n, what)))
        return rc;
    s = isth__yw_str(n);
    errno = 0;
    v = strtod(s, &end);
    if (!s[0] || *end || errno || !isfinite(v) || v < lo || v > hi)
        return isth__yw_fail(w, n,
                             "'%s' must be a number between %g and %g, not "
                             "'%s'",
                             what, lo, hi, s);
    *out = v;
    return ISTH_OK;
}

int isth__yw_enum(struct isth_yw *w, const yaml_node_t *n, const char *what,
                  const char *const *words, size_t n_words, int *out)
{
    const char *dym;
    size_t i;
    int rc;

    if ((rc = isth__yw_scalar(w, n, what)))
        return rc;
    for (i = 0; i < n_words; i++) {
        if (!strcmp(isth__yw_str(n), words[i])) {
            *out = (int)i;
            return ISTH_OK;
        }
    }
    dym = isth__did_you_mean(isth__yw_str(n), words, n_words);
    if (dym)
        return isth__yw_fail(w, n, "unknown %s '%s' (did you mean '%s'?)", what,
                             isth__yw_str(n), dym);
    return isth__yw_fail(w, n, "unknown %s '%s'", what, isth__yw_str(n));
}

/* A libyaml parser's error as an isth_error. */
static int parser_error(const yaml_parser_t *p, const char *path,
                        isth_error *err)
{
    if (p->error == YAML_MEMORY_ERROR)
        return isth__error_set(err, ISTH_ENOMEM, path, 0, 0, "out of memory");
    return isth__error_set(err, ISTH_EPARSE, path,
                           (unsigned)p->problem_mark.line + 1,
                           (unsigned)p->problem_mark.column + 1, "%s%s%s",
                           p->problem ? p->problem : "syntax error",
                           p->context ? " " : "", p->context ? p->context : "");
}

/* Anchors seen by the pre-pass, by name: the nodes an alias of each
 * stands for (its own, and those its aliases stand for). */
struct anchors {
    struct anchor {
        char *name;
        uint64_t nodes;
    } * v;
    size_t n, cap; /* cap: a power of two, or 0 */
};

static struct anchor *anchor_find(struct anchors *a, const char *name)
{
    size_t mask = a->cap - 1, h;

    if (!a->cap)
        return NULL;
    for (h = (size_t)isth__hash_str(name) & mask; a->v[h].name;
         h = (h + 1) & mask)
        if (!strcmp(a->v[h].name, name))
            return &a->v[h];
    return NULL;
}

/* Sets name's node count (a later anchor of one name replaces the
 * earlier, as in YAML).  ISTH_OK or ISTH_ENOMEM. */
static int anchor_set(struct anchors *a, const char *name, uint64_t nodes)
{
    struct anchor *e = anchor_find(a, name);
    size_t h;

    if (e) {
        e->nodes = nodes;
        return ISTH_OK;
    }
    if (2 * (a->n + 1) > a->cap) {
        struct anchors b = {NULL, 0, a->cap ? 2 * a->cap : 64};
        size_t i;
        if (!(b.v = isth__calloc(b.cap, sizeof *b.v)))
            return ISTH_ENOMEM;
        for (i = 0; i < a->cap; i++) {
            if (!a->v[i].name)
                continue;
            for (h = (size_t)isth__hash_str(a->v[i].name) & (b.cap - 1);
                 b.v[h].name; h = (h + 1) & (b.cap - 1))
                ;
            b.v[h] = a->v[i];
        }
        b.n = a->n;
        isth__free(a->v);
        *a = b;
    }
    for (h = (size_t)isth__hash_str(name) & (a->cap - 1); a->v[h].name;
         h = (h + 1) & (a->cap - 1))
        ;
    if (!(a->v[h].name = isth__strdup(name)))
        return ISTH_ENOMEM;
    a->v[h].nodes = nodes;
    a->n++;
    return ISTH_OK;
}

static void anchors_free(struct anchors *a)
{
    size_t i;
    for (i = 0; i < a->cap; i++)
        isth__free(a->v[i].name);
    isth__free(a->v);
}

/* An open collection of the pre-pass: the node count at its start, and
 * its anchor (owned), whose size is known at its end. */
struct open_node {
    uint64_t start;
    char *anchor;
};

static int prepass_fail(const char *path, const yaml_mark_t *m, isth_error *err,
                        const char *msg)
{
    return isth__error_set(err, ISTH_ESCHEMA, path, (unsigned)m->line + 1,
                           (unsigned)m->column + 1, "%s", msg);
}

/*
 * Reads text's events, before any document is built, and refuses what a
 * hostile or broken file would make costly or ambiguous: nesting deeper
 * than ISTH_YAML_MAX_DEPTH, aliases that stand for more than
 * ISTH_YAML_MAX_ALIAS_NODES nodes in all (a "billion laughs"), a NUL
 * inside a string, a second document.  libyaml's parser keeps its own
 * stacks (no recursion), so deep input costs it memory in proportion to
 * the depth reached, and this pass stops at the limit.  Linear in the
 * file's size.
 */
static int prepass(const char *path, const char *text, size_t len,
                   isth_error *err)
{
    struct open_node stack[ISTH_YAML_MAX_DEPTH];
    struct anchors anchors = {NULL, 0, 0};
    yaml_parser_t p;
    yaml_event_t ev;
    uint64_t nodes = 0, expanded = 0;
    size_t depth = 0, i;
    int rc = ISTH_OK, docs = 0, done = 0;
    char msg[200];

    if (!yaml_parser_initialize(&p))
        return isth__error_set(err, ISTH_ENOMEM, path, 0, 0, "out of memory");
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    while (!done && rc == ISTH_OK) {
        const char *anchor = NULL;
        const struct anchor *a;

        if (!yaml_parser_parse(&p, &ev)) {
            rc = parser_error(&p, path, err);
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT: done = 1; break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                rc = prepass_fail(path, &ev.start_mark, err,
                                  "a second YAML document: a file holds one "
                                  "(move what follows '---' to a file of its "
                                  "own)");
            break;
        case YAML_SCALAR_EVENT:
            nodes++;
            if (memchr(ev.data.scalar.value, '\0', ev.data.scalar.length))
                rc = prepass_fail(path, &ev.start_mark, err,
                                  "a NUL character inside a string (remove "
                                  "the \\0)");
            else if (ev.data.scalar.anchor)
                rc = anchor_set(&anchors, (const char *)ev.data.scalar.anchor,
                                1);
            break;
        case YAML_ALIAS_EVENT:
            a = anchor_find(&anchors, (const char *)ev.data.alias.anchor);
            /* An unknown anchor: the loader says so, with its place. */
            nodes += a ? a->nodes : 1;
            expanded += a ? a->nodes : 1;
            if (expanded > ISTH_YAML_MAX_ALIAS_NODES) {
                snprintf(msg, sizeof msg,
                         "aliases stand for more than %d nodes in all (each "
                         "*%.40s repeats what its anchor holds): use fewer "
                         "or smaller anchors",
                         ISTH_YAML_MAX_ALIAS_NODES,
                         (const char *)ev.data.alias.anchor);
                rc = prepass_fail(path, &ev.start_mark, err, msg);
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            anchor = (const char *)(ev.type == YAML_SEQUENCE_START_EVENT
                                        ? ev.data.sequence_start.anchor
                                        : ev.data.mapping_start.anchor);
            if (depth == ISTH_YAML_MAX_DEPTH) {
                snprintf(msg, sizeof msg,
                         "nested deeper than %d levels (no gazetteer or rule "
                         "file needs that many: look for unclosed brackets)",
                         ISTH_YAML_MAX_DEPTH);
                rc = prepass_fail(path, &ev.start_mark, err, msg);
                break;
            }
            stack[depth].start = nodes++;
            stack[depth].anchor = NULL;
            if (anchor && !(stack[depth].anchor = isth__strdup(anchor)))
                rc = isth__error_set(err, ISTH_ENOMEM, path, 0, 0,
                                     "out of memory");
            depth++;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (!depth)
                break;
            depth--;
            if (stack[depth].anchor && anchor_set(&anchors, stack[depth].anchor,
                                                  nodes - stack[depth].start))
                rc = isth__error_set(err, ISTH_ENOMEM, path, 0, 0,
                                     "out of memory");
            isth__free(stack[depth].anchor);
            break;
        default: break;
        }
        yaml_event_delete(&ev);
    }
    for (i = 0; i < depth; i++)
        isth__free(stack[i].anchor);
    anchors_free(&anchors);
    yaml_parser_delete(&p);
    return rc;
}

int isth__yw_open(struct isth_yw *w, const char *path, const char *text,
                  size_t len, isth_error *err, yaml_node_t **root)
{
    int rc;

    memset(w, 0, sizeof *w);
    w->path = path;
    w->err = err;
    *root = NULL;
    if ((rc = prepass(path, text, len, err)))
        return rc;
    if (!yaml_parser_initialize(&w->parser))
        return isth__error_set(err, ISTH_ENOMEM, path, 0, 0, "out of memory");
    w->have_parser = 1;
    yaml_parser_set_input_string(&w->parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&w->parser, &w->doc))
        return parser_error(&w->parser, path, err);
    w->have_doc = 1;
    *root = yaml_document_get_root_node(&w->doc);
    return ISTH_OK;
}

void isth__yw_close(struct isth_yw *w)
{
    if (w->have_doc)
        yaml_document_delete(&w->doc);
    if (w->have_parser)
        yaml_parser_delete(&w->parser);
    w->have_doc = w->have_parser = 0;
}

int isth__yw_load(struct isth_yw *w, const char *path, const char *text,
                  size_t len, isth_error *err, const char *needs,
                  int (*walk)(void *ctx, const yaml_node_t *), void *ctx)
{
    yaml_node_t *root;
    int rc = isth__yw_open(w, path, text, len, err, &root);

    if (rc == ISTH_OK && !root)
        rc = isth__error_set(err, ISTH_ESCHEMA, path, 1, 1, "empty file (%s)",
                             needs);
    else if (rc == ISTH_OK)
        rc = walk(ctx, root);
    isth__yw_close(w);
    return rc;
}
