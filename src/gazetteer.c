/* SPDX-License-Identifier: MIT */
/*
 * gazetteer.c - gazetteer YAML -> entities and aliases, with every schema
 * error reported at file:line:col.
 *
 * The file is loaded with libyaml's document API, which keeps the start
 * mark of every node.  Scalars are taken as plain strings (no YAML 1.1
 * typing, so "NO" stays Norway's code, not false); only 'priority' must
 * read as an integer.  The grammar:
 *
 *   file    := { label?: LABEL, kind?: str, case?: policy,
 *                description?: str, entries: [entry...] }
 *   entry   := { id: str, name: str, aliases?: [alias...],
 *                attributes?: { str: scalar, ... }, priority?: int,
 *                label?: LABEL, kind?: str, case?: policy }
 *   alias   := str | { text: str, case?: policy }
 *   policy  := fold | exact | title
 *   LABEL   := one of the OntoNotes 5 entity labels
 *
 * Validation of duplicate ids across files and the building of patterns
 * happen in db.c; this file handles one file at a time.
 */
#include "gazetteer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "normalize.h"
#include "utf8.h"

static const char *const FILE_KEYS[] = {"label", "kind", "case",
                                        "description", "entries"};
static const char *const ENTRY_KEYS[] = {"id",       "name",  "aliases",
                                         "attributes", "priority", "label",
                                         "kind",     "case"};
static const char *const ALIAS_KEYS[] = {"text", "case"};
static const char *const POLICIES[] = {"fold", "exact", "title"};
static const char *const LABELS[] = {
    "PERSON", "NORP",    "FAC",         "ORG",      "GPE",     "LOC",
    "PRODUCT", "EVENT",  "WORK_OF_ART", "LAW",      "LANGUAGE", "DATE",
    "TIME",   "PERCENT", "MONEY",       "QUANTITY", "ORDINAL", "CARDINAL"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* State while walking one file. */
struct walk {
    struct isth_loader *ld;
    yaml_document_t *doc;
    const char *path, *display;
    isth_error *err;
    const char *file_label, *file_kind;
    int file_policy;
};

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

static unsigned line_of(const yaml_node_t *n)
{
    return (unsigned)n->start_mark.line + 1;
}

static unsigned col_of(const yaml_node_t *n)
{
    return (unsigned)n->start_mark.column + 1;
}

static int fail(struct walk *w, const yaml_node_t *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#include <stdarg.h>
static int fail(struct walk *w, const yaml_node_t *at, const char *fmt, ...)
{
    char msg[sizeof w->err->msg];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return isth__error_set(w->err, ISTH_ESCHEMA, w->path,
                           at ? line_of(at) : 0, at ? col_of(at) : 0, "%s",
                           msg);
}

static const char *type_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE: return "a scalar";
    case YAML_SEQUENCE_NODE: return "a sequence";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "nothing";
    }
}

static yaml_node_t *node(struct walk *w, int id)
{
    return yaml_document_get_node(w->doc, id);
}

static const char *scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* Requires n to be a scalar; what names the value in the message. */
static int want_scalar(struct walk *w, const yaml_node_t *n, const char *what)
{
    if (n->type == YAML_SCALAR_NODE)
        return ISTH_OK;
    return fail(w, n, "'%s' must be a string, not %s", what, type_name(n));
}

/*
 * Checks the keys of a mapping: all scalars, known, and not repeated.
 * For an unknown key the message offers the closest known key.
 */
static int check_keys(struct walk *w, const yaml_node_t *map,
                      const char *const *known, size_t n_known,
                      const char *where)
{
    yaml_node_pair_t *p, *q;

    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node(w, p->key);
        const char *ks, *dym;
        size_t i;

        if (k->type != YAML_SCALAR_NODE)
            return fail(w, k, "keys of %s must be strings", where);
        ks = scalar(k);
        for (i = 0; i < n_known; i++)
            if (!strcmp(ks, known[i]))
                break;
        if (i == n_known) {
            dym = isth__did_you_mean(ks, known, n_known);
            if (dym)
                return fail(w, k, "unknown key '%s' in %s (did you mean '%s'?)",
                            ks, where, dym);
            return fail(w, k, "unknown key '%s' in %s", ks, where);
        }
        for (q = map->data.mapping.pairs.start; q < p; q++)
            if (!strcmp(scalar(node(w, q->key)), ks))
                return fail(w, k, "duplicate key '%s' in %s", ks, where);
    }
    return ISTH_OK;
}

/* The value of key in map, or NULL. */
static yaml_node_t *get(struct walk *w, const yaml_node_t *map,
                        const char *key)
{
    yaml_node_pair_t *p;

    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++)
        if (!strcmp(scalar(node(w, p->key)), key))
            return node(w, p->value);
    return NULL;
}

static int check_label(struct walk *w, const yaml_node_t *n)
{
    const char *dym;
    size_t i;
    int rc;

    if ((rc = want_scalar(w, n, "label")) != ISTH_OK)
        return rc;
    for (i = 0; i < COUNT(LABELS); i++)
        if (!strcmp(scalar(n), LABELS[i]))
            return ISTH_OK;
    dym = isth__did_you_mean(scalar(n), LABELS, COUNT(LABELS));
    if (dym)
        return fail(w, n, "unknown label '%s' (did you mean '%s'?)", scalar(n),
                    dym);
    return fail(w, n,
                "unknown label '%s' (use an OntoNotes label such as PERSON, "
                "NORP, ORG, GPE, LOC or FAC)",
                scalar(n));
}

/* Parses a case policy node into *out. */
static int parse_policy(struct walk *w, const yaml_node_t *n, int *out)
{
    const char *dym;
    int rc, i;

    if ((rc = want_scalar(w, n, "case")) != ISTH_OK)
        return rc;
    for (i = 0; i < (int)COUNT(POLICIES); i++) {
        if (!strcmp(scalar(n), POLICIES[i])) {
            *out = i;
            return ISTH_OK;
        }
    }
    dym = isth__did_you_mean(scalar(n), POLICIES, COUNT(POLICIES));
    if (dym)
        return fail(w, n, "unknown case policy '%s' (did you mean '%s'?)",
                    scalar(n), dym);
    return fail(w, n, "unknown case policy '%s' (use fold, exact or title)",
                scalar(n));
}

/*
 * The case policy of a name without a 'case' of its own: written in
 * capitals with 1 to 5 letters (US, U.S., NATO, PAN) means exact;
 * anything else takes the entry's policy (fold when it has none).
 */
static int default_policy(const char *text, int entry_policy)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text), i = 0, adv, letters = 0;

    while (i < len) {
        int32_t cp = isth__utf8_decode(s + i, len - i, &adv);
        i += adv;
        if (!isth__is_letter_cp(cp))
            continue;
        if (!isth__is_upper_cp(cp))
            return entry_policy;
        letters++;
    }
    return letters >= 1 && letters <= 5 ? ISTH_CASE_EXACT : entry_policy;
}

/* Normalizes text into a new trimmed key; *out NULL when it is empty. */
static int make_key(struct isth_norm *nm, const char *text, unsigned flags,
                    char **out, size_t *out_len)
{
    size_t b, e;
    int rc;

    *out = NULL;
    *out_len = 0;
    rc = isth__normalize(nm, text, strlen(text), flags | ISTH_NORM_NOMAP);
    if (rc)
        return rc;
    b = 0;
    e = nm->out.len;
    while (b < e && nm->out.ptr[b] == ' ')
        b++;
    while (e > b && nm->out.ptr[e - 1] == ' ')
        e--;
    if (b == e)
        return ISTH_OK;
    if (!(*out = isth__strndup(nm->out.ptr + b, e - b)))
        return ISTH_ENOMEM;
    *out_len = e - b;
    return ISTH_OK;
}

/*
 * Adds one matchable text of entity ent.  policy < 0 means the default
 * for this text given the entry's policy.  Texts whose key and policy the
 * entity already has are skipped.
 */
static int add_alias(struct walk *w, const yaml_node_t *at, uint32_t ent,
                     const char *text, int policy, int entry_policy,
                     const char *what)
{
    struct isth_loader *ld = w->ld;
    struct isth_db *db = ld->db;
    struct isth_alias *a;
    char *key = NULL;
    size_t key_len, i;
    int rc;

    rc = make_key(ld->norm, text, ISTH_NORM_FOLD, &key, &key_len);
    if (rc)
        return isth__error_set(w->err, rc, w->path, line_of(at), col_of(at),
                               "%s", isth_strerror(rc));
    if (!key)
        return fail(w, at, "empty %s", what);
    if (policy < 0)
        policy = default_policy(text, entry_policy);
    /* Aliases of one entity are contiguous: look back for the same key. */
    for (i = db->n_aliases; i > 0 && db->aliases[i - 1].entity == ent; i--) {
        if (ld->specs[i - 1].key_len == key_len &&
            !memcmp(ld->specs[i - 1].key, key, key_len) &&
            db->aliases[i - 1].policy == policy) {
            isth__free(key);
            return ISTH_OK;
        }
    }
    if (isth__grow(&db->aliases, &db->cap_aliases, db->n_aliases + 1,
                   sizeof *db->aliases) ||
        isth__grow(&ld->specs, &ld->cap_specs, db->n_aliases + 1,
                   sizeof *ld->specs)) {
        isth__free(key);
        return isth__error_set(w->err, ISTH_ENOMEM, w->path, 0, 0,
                               "out of memory");
    }
    a = &db->aliases[db->n_aliases];
    memset(a, 0, sizeof *a);
    a->entity = ent;
    a->order = (uint32_t)db->n_aliases;
    a->policy = (unsigned char)policy;
    if (policy == ISTH_CASE_EXACT) {
        rc = make_key(ld->norm, text, 0, &a->exact, &a->exact_len);
        if (rc) {
            isth__free(key);
            return isth__error_set(w->err, rc, w->path, 0, 0, "%s",
                                   isth_strerror(rc));
        }
    }
    ld->specs[db->n_aliases].key = (unsigned char *)key;
    ld->specs[db->n_aliases].key_len = key_len;
    ld->n_specs = ++db->n_aliases;
    return ISTH_OK;
}

static int nomem(struct walk *w)
{
    return isth__error_set(w->err, ISTH_ENOMEM, w->path, 0, 0,
                           "out of memory");
}

static int load_attributes(struct walk *w, struct isth_entity *e,
                           const yaml_node_t *map)
{
    yaml_node_pair_t *p;
    size_t n, i = 0;

    if (map->type != YAML_MAPPING_NODE)
        return fail(w, map, "'attributes' must be a mapping, not %s",
                    type_name(map));
    n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
    if (!n)
        return ISTH_OK;
    if (!(e->attrs = isth__calloc(n, sizeof *e->attrs)))
        return nomem(w);
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = node(w, p->key), *v = node(w, p->value);
        size_t j;

        if (k->type != YAML_SCALAR_NODE)
            return fail(w, k, "attribute names must be strings");
        if (v->type != YAML_SCALAR_NODE)
            return fail(w, v, "attribute '%s' must be a string, not %s",
                        scalar(k), type_name(v));
        for (j = 0; j < i; j++)
            if (!strcmp(e->attrs[j].key, scalar(k)))
                return fail(w, k, "duplicate attribute '%s'", scalar(k));
        e->attrs[i].key = isth__strdup(scalar(k));
        e->attrs[i].value = isth__strdup(scalar(v));
        e->n_attrs = ++i;
        if (!e->attrs[i - 1].key || !e->attrs[i - 1].value)
            return nomem(w);
    }
    return ISTH_OK;
}

static int load_entry(struct walk *w, const yaml_node_t *en)
{
    struct isth_db *db = w->ld->db;
    yaml_node_t *id, *name, *v;
    struct isth_entity *e;
    const char *label = w->file_label, *kind = w->file_kind;
    int policy = w->file_policy, rc;
    uint32_t ei;
    char *end;

    if (en->type != YAML_MAPPING_NODE)
        return fail(w, en, "an entry must be a mapping, not %s",
                    type_name(en));
    if ((rc = check_keys(w, en, ENTRY_KEYS, COUNT(ENTRY_KEYS), "an entry")))
        return rc;
    if (!(id = get(w, en, "id")))
        return fail(w, en, "entry has no 'id'");
    if ((rc = want_scalar(w, id, "id")))
        return rc;
    if (!scalar(id)[0])
        return fail(w, id, "empty id");
    if (!(name = get(w, en, "name")))
        return fail(w, en, "entry '%s' has no 'name'", scalar(id));
    if ((rc = want_scalar(w, name, "name")))
        return rc;
    if ((v = get(w, en, "label"))) {
        if ((rc = check_label(w, v)))
            return rc;
        label = scalar(v);
    }
    if (!label)
        return fail(w, en,
                    "entry '%s' has no label (add 'label:' at the top of the "
                    "file or to the entry)",
                    scalar(id));
    if ((v = get(w, en, "kind"))) {
        if ((rc = want_scalar(w, v, "kind")))
            return rc;
        kind = scalar(v);
    }
    if ((v = get(w, en, "case")) && (rc = parse_policy(w, v, &policy)))
        return rc;

    if (db->n_entities >= UINT32_MAX - 1)
        return isth__error_set(w->err, ISTH_ETOOBIG, w->path, line_of(en),
                               col_of(en), "too many entities");
    if (isth__grow(&db->entities, &db->cap_entities, db->n_entities + 1,
                   sizeof *db->entities))
        return nomem(w);
    ei = (uint32_t)db->n_entities++;
    e = &db->entities[ei];
    memset(e, 0, sizeof *e);
    e->line = line_of(en);
    e->col = col_of(en);
    e->id = isth__strdup(scalar(id));
    e->name = isth__strdup(scalar(name));
    e->label = isth__strdup(label);
    e->kind = isth__strdup(kind ? kind : "");
    e->file = isth__strdup(w->display);
    if (!e->id || !e->name || !e->label || !e->kind || !e->file)
        return nomem(w);
    if ((v = get(w, en, "priority"))) {
        long pr;
        if ((rc = want_scalar(w, v, "priority")))
            return rc;
        errno = 0;
        pr = strtol(scalar(v), &end, 10);
        if (!scalar(v)[0] || *end || errno || pr < -1000000 || pr > 1000000)
            return fail(w, v,
                        "'priority' must be an integer between -1000000 and "
                        "1000000, not '%s'",
                        scalar(v));
        e->priority = (int)pr;
    }
    if ((v = get(w, en, "attributes")) && (rc = load_attributes(w, e, v)))
        return rc;

    if ((rc = add_alias(w, name, ei, scalar(name), -1, policy, "name")))
        return rc;
    if ((v = get(w, en, "aliases"))) {
        yaml_node_item_t *it;

        if (v->type != YAML_SEQUENCE_NODE)
            return fail(w, v, "'aliases' must be a sequence, not %s",
                        type_name(v));
        for (it = v->data.sequence.items.start;
             it < v->data.sequence.items.top; it++) {
            yaml_node_t *a = node(w, *it), *t;
            int apol = -1;

            if (a->type == YAML_SCALAR_NODE) {
                rc = add_alias(w, a, ei, scalar(a), -1, policy, "alias");
            } else if (a->type == YAML_MAPPING_NODE) {
                if ((rc = check_keys(w, a, ALIAS_KEYS, COUNT(ALIAS_KEYS),
                                     "an alias")))
                    return rc;
                if (!(t = get(w, a, "text")))
                    return fail(w, a, "alias has no 'text'");
                if ((rc = want_scalar(w, t, "text")))
                    return rc;
                if ((v = get(w, a, "case")) &&
                    (rc = parse_policy(w, v, &apol)))
                    return rc;
                rc = add_alias(w, t, ei, scalar(t), apol, policy, "alias");
            } else {
                return fail(w, a,
                            "an alias must be a string or a mapping, not %s",
                            type_name(a));
            }
            if (rc)
                return rc;
        }
    }
    return ISTH_OK;
}

static int load_root(struct walk *w, const yaml_node_t *root)
{
    yaml_node_t *v, *entries;
    yaml_node_item_t *it;
    int rc;

    if (root->type != YAML_MAPPING_NODE)
        return fail(w, root,
                    "a gazetteer must be a mapping with 'label' and "
                    "'entries', not %s",
                    type_name(root));
    if ((rc = check_keys(w, root, FILE_KEYS, COUNT(FILE_KEYS),
                         "a gazetteer file")))
        return rc;
    if ((v = get(w, root, "label"))) {
        if ((rc = check_label(w, v)))
            return rc;
        w->file_label = scalar(v);
    }
    if ((v = get(w, root, "kind"))) {
        if ((rc = want_scalar(w, v, "kind")))
            return rc;
        w->file_kind = scalar(v);
    }
    if ((v = get(w, root, "case")) &&
        (rc = parse_policy(w, v, &w->file_policy)))
        return rc;
    if ((v = get(w, root, "description")) &&
        (rc = want_scalar(w, v, "description")))
        return rc;
    if (!(entries = get(w, root, "entries")))
        return fail(w, root, "gazetteer has no 'entries'");
    if (entries->type == YAML_SCALAR_NODE && !scalar(entries)[0] &&
        entries->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
        return ISTH_OK; /* "entries:" with nothing after it */
    if (entries->type != YAML_SEQUENCE_NODE)
        return fail(w, entries, "'entries' must be a sequence, not %s",
                    type_name(entries));
    for (it = entries->data.sequence.items.start;
         it < entries->data.sequence.items.top; it++)
        if ((rc = load_entry(w, node(w, *it))))
            return rc;
    return ISTH_OK;
}

/* Reads a whole file into memory, refusing files above max bytes. */
static int read_file(const char *path, size_t max, char **out, size_t *len,
                     isth_error *err)
{
    struct isth_buf b = {NULL, 0, 0, max};
    FILE *f = fopen(path, "rb");
    int rc = ISTH_OK;

    *out = NULL;
    if (!f)
        return isth__error_set(err, ISTH_EIO, path, 0, 0, "cannot open: %s",
                               strerror(errno));
    for (;;) {
        size_t got;
        if ((rc = isth__buf_reserve(&b, 65536)) != ISTH_OK &&
            (rc != ISTH_ETOOBIG || (rc = isth__buf_reserve(&b, 1)))) {
            if (rc == ISTH_ETOOBIG)
                isth__error_set(err, rc, path, 0, 0,
                                "file is larger than %zu bytes", max);
            else
                isth__error_set(err, rc, path, 0, 0, "out of memory");
            goto done;
        }
        got = fread(b.ptr + b.len, 1, b.cap - b.len, f);
        b.len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        rc = isth__error_set(err, ISTH_EIO, path, 0, 0, "read error: %s",
                             strerror(errno));
        goto done;
    }
    *out = b.ptr;
    *len = b.len;
    b.ptr = NULL;
done:
    fclose(f);
    isth__buf_free(&b);
    return rc;
}

int isth__gazetteer_load(struct isth_loader *ld, const char *path,
                         const char *display, isth_error *err)
{
    struct walk w;
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_node_t *root;
    char *text = NULL;
    size_t len = 0;
    int rc, have_parser = 0, have_doc = 0;

    memset(&w, 0, sizeof w);
    w.ld = ld;
    w.doc = &doc;
    w.path = path;
    w.display = display;
    w.err = err;
    if ((rc = read_file(path, ld->max_file_bytes, &text, &len, err)))
        goto done;
    if (!yaml_parser_initialize(&parser)) {
        rc = isth__error_set(err, ISTH_ENOMEM, path, 0, 0, "out of memory");
        goto done;
    }
    have_parser = 1;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        rc = isth__error_set(err, ISTH_EPARSE, path,
                             (unsigned)parser.problem_mark.line + 1,
                             (unsigned)parser.problem_mark.column + 1,
                             "%s%s%s",
                             parser.problem ? parser.problem : "syntax error",
                             parser.context ? " " : "",
                             parser.context ? parser.context : "");
        goto done;
    }
    have_doc = 1;
    root = yaml_document_get_root_node(&doc);
    if (!root) {
        rc = isth__error_set(err, ISTH_ESCHEMA, path, 1, 1,
                             "empty file (a gazetteer needs 'label' and "
                             "'entries')");
        goto done;
    }
    rc = load_root(&w, root);
done:
    if (have_doc)
        yaml_document_delete(&doc);
    if (have_parser)
        yaml_parser_delete(&parser);
    isth__free(text);
    return rc;
}
