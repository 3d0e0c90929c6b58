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
 *                label?: LABEL, kind?: str, case?: policy,
 *                context?: context, valid?: valid }
 *   alias   := str | { text: str, case?: policy, context?: context,
 *                      valid?: valid }
 *   valid   := { from?: YYYY-MM-DD, to?: YYYY-MM-DD }
 *   context := { window?: int | document, requires_any?: [item...],
 *                excludes_any?: [item...] }
 *   item    := str (a word or phrase; "word*" for a prefix) | { id: str }
 *   policy  := fold | exact | title
 *   LABEL   := one of the OntoNotes 5 entity labels
 *
 * Validation of duplicate ids across files and the building of patterns
 * happen in db.c; this file handles one file at a time.
 */
#include "loader.h"

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

static const char *const FILE_KEYS[] = {"label",       "kind",    "case",
                                        "description", "entries", "disable"};
static const char *const ENTRY_KEYS[] = {
    "id",    "name", "aliases", "attributes", "priority",
    "label", "kind", "case",    "context",    "valid"};
static const char *const ALIAS_KEYS[] = {"text", "case", "context", "valid"};
static const char *const VALID_KEYS[] = {"from", "to"};
static const char *const CONTEXT_KEYS[] = {"window", "requires_any",
                                           "excludes_any"};
static const char *const POLICIES[] = {"fold", "exact", "title"};
const char *const isth__labels[] = {
    "PERSON",  "NORP",    "FAC",         "ORG",      "GPE",      "LOC",
    "PRODUCT", "EVENT",   "WORK_OF_ART", "LAW",      "LANGUAGE", "DATE",
    "TIME",    "PERCENT", "MONEY",       "QUANTITY", "ORDINAL",  "CARDINAL"};
const size_t isth__n_labels = sizeof isth__labels / sizeof isth__labels[0];
#define LABELS isth__labels

#define ISTH_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* State while walking one file. */
struct walk {
    struct isth_loader *ld;
    struct isth_yw *y;
    const char *display;
    const char *file_label, *file_kind;
    int file_policy;
};

int isth__label_check(const char *label, const char **near)
{
    const char *s = label;
    size_t i;

    *near = NULL;
    for (i = 0; i < isth__n_labels; i++)
        if (!strcmp(label, LABELS[i]))
            return 0;
    if (!(*s >= 'A' && *s <= 'Z'))
        return -1;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return -1;
    if (s - label > 64)
        return -1;
    for (i = 0; i < isth__n_labels && !*near; i++)
        if (isth__edit_distance(label, LABELS[i], 1) <= 1)
            *near = LABELS[i];
    return 1;
}

const char *isth__label_near(const char *label)
{
    char up[72];
    size_t i;

    for (i = 0; label[i] && i + 1 < sizeof up; i++)
        up[i] = label[i] >= 'a' && label[i] <= 'z' ? (char)(label[i] - 32)
                                                   : label[i];
    up[i] = 0;
    return isth__did_you_mean(up, LABELS, isth__n_labels);
}

int isth__yw_label(struct isth_loader *ld, struct isth_yw *y,
                   const yaml_node_t *n)
{
    const char *near, *l;
    int rc;

    if ((rc = isth__yw_scalar(y, n, "label")) != ISTH_OK)
        return rc;
    l = isth__yw_str(n);
    rc = isth__label_check(l, &near);
    if (rc < 0) {
        near = isth__label_near(l);
        if (near)
            return isth__yw_fail(y, n, "bad label '%s' (did you mean '%s'?)", l,
                                 near);
        return isth__yw_fail(
            y, n,
            "bad label '%s': a label is upper case letters, digits and '_' "
            "(the OntoNotes labels PERSON, NORP, FAC, ORG, GPE, LOC, "
            "PRODUCT, EVENT, ... or your own, such as VESSEL)",
            l);
    }
    if (near)
        isth__ld_warn(ld, y->path, isth__yw_line(n), isth__yw_col(n),
                      "new label '%s' is one letter from '%s' (a typo? "
                      "labels are your own when they are not OntoNotes "
                      "labels)",
                      l, near);
    return ISTH_OK;
}

static int check_label(struct walk *w, const yaml_node_t *n)
{
    return isth__yw_label(w->ld, w->y, n);
}

/* Parses a case policy node into *out. */
static int parse_policy(struct walk *w, const yaml_node_t *n, int *out)
{
    const char *dym;
    int rc, i;

    if ((rc = isth__yw_scalar(w->y, n, "case")) != ISTH_OK)
        return rc;
    for (i = 0; i < (int)ISTH_COUNT(POLICIES); i++) {
        if (!strcmp(isth__yw_str(n), POLICIES[i])) {
            *out = i;
            return ISTH_OK;
        }
    }
    dym = isth__did_you_mean(isth__yw_str(n), POLICIES, ISTH_COUNT(POLICIES));
    if (dym)
        return isth__yw_fail(w->y, n,
                             "unknown case policy '%s' (did you mean '%s'?)",
                             isth__yw_str(n), dym);
    return isth__yw_fail(w->y, n,
                         "unknown case policy '%s' (use fold, exact or title)",
                         isth__yw_str(n));
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

int isth__make_key(struct isth_norm *nm, const char *text, unsigned flags,
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

/* The alias set's hash of one alias. */
static uint64_t alias_hash(uint32_t ent, const char *key, size_t key_len,
                           int policy, uint32_t caps, uint32_t ctx)
{
    const uint32_t rest[3] = {(uint32_t)policy, caps, ctx};
    uint64_t h = isth__hash(ISTH_HASH_SEED ^ ent, key, key_len);

    h = isth__hash(h, rest, sizeof rest);
    return h ^ (h >> 29);
}

static int alias_same(const struct isth_loader *ld, size_t i, uint32_t ent,
                      const char *key, size_t key_len, int policy,
                      uint32_t caps, uint32_t ctx)
{
    const struct isth_alias *a = &ld->db->aliases[i];
    return a->entity == ent && ld->specs[i].key_len == key_len &&
           !memcmp(ld->specs[i].key, key, key_len) && a->policy == policy &&
           a->caps == caps && a->context == ctx;
}

/* The slot of the alias or of the empty place where it would go. */
static size_t alias_slot(const struct isth_loader *ld, uint32_t ent,
                         const char *key, size_t key_len, int policy,
                         uint32_t caps, uint32_t ctx)
{
    size_t mask = ld->alias_set_cap - 1;
    size_t h = (size_t)alias_hash(ent, key, key_len, policy, caps, ctx) & mask;

    while (ld->alias_set[h] && !alias_same(ld, ld->alias_set[h] - 1, ent, key,
                                           key_len, policy, caps, ctx))
        h = (h + 1) & mask;
    return h;
}

/* Keeps the set at most half full.  ISTH_OK or ISTH_ENOMEM. */
static int alias_set_grow(struct isth_loader *ld, size_t n)
{
    const struct isth_build *db = ld->db;
    size_t cap = ld->alias_set_cap ? ld->alias_set_cap : 64, i;
    uint32_t *old = ld->alias_set;

    if (2 * n < ld->alias_set_cap)
        return ISTH_OK;
    while (2 * n >= cap)
        cap *= 2;
    if (!(ld->alias_set = isth__calloc(cap, sizeof *ld->alias_set))) {
        ld->alias_set = old;
        return ISTH_ENOMEM;
    }
    ld->alias_set_cap = cap;
    for (i = 0; i < db->n_aliases; i++) {
        const struct isth_alias *a = &db->aliases[i];
        ld->alias_set[alias_slot(ld, a->entity, (const char *)ld->specs[i].key,
                                 ld->specs[i].key_len, a->policy, a->caps,
                                 a->context)] = (uint32_t)i + 1;
    }
    isth__free(old);
    return ISTH_OK;
}

/*
 * Adds one matchable text of entity ent.  policy < 0 means the default
 * for this text given the entry's policy.  Texts whose key and policy the
 * entity already has are skipped (found through the loader's alias set,
 * so an entry with many aliases loads in linear time).
 */
int isth__add_name(struct isth_loader *ld, uint32_t ent, const char *text,
                   int policy, int entry_policy, uint32_t ctx)
{
    struct isth_build *db = ld->db;
    struct isth_alias *a;
    char *key = NULL;
    size_t key_len, slot;
    uint32_t caps = 0, lower = 0;
    int rc;

    if ((rc = isth__make_key(ld->norm, text, ISTH_NORM_FOLD, &key, &key_len)))
        return rc;
    if (!key)
        return ISTH_ESCHEMA;
    if (policy < 0)
        policy = default_policy(text, entry_policy);
    if (policy == ISTH_CASE_TITLE)
        isth__word_starts((const unsigned char *)text, strlen(text), &caps,
                          &lower);
    if (alias_set_grow(ld, db->n_aliases + 1) ||
        isth__grow(&db->aliases, &db->cap_aliases, db->n_aliases + 1,
                   sizeof *db->aliases) ||
        isth__grow(&ld->specs, &ld->cap_specs, db->n_aliases + 1,
                   sizeof *ld->specs)) {
        isth__free(key);
        return ISTH_ENOMEM;
    }
    slot = alias_slot(ld, ent, key, key_len, policy, caps, ctx);
    if (ld->alias_set[slot]) {
        isth__free(key);
        return ISTH_OK;
    }
    a = &db->aliases[db->n_aliases];
    memset(a, 0, sizeof *a);
    a->entity = ent;
    a->order = (uint32_t)db->n_aliases;
    a->policy = (unsigned char)policy;
    a->caps = caps;
    a->context = ctx;
    if (policy == ISTH_CASE_EXACT &&
        (rc = isth__make_key(ld->norm, text, 0, &a->exact, &a->exact_len))) {
        isth__free(key);
        return rc;
    }
    ld->specs[db->n_aliases].key = (unsigned char *)key;
    ld->specs[db->n_aliases].key_len = key_len;
    ld->alias_set[slot] = (uint32_t)db->n_aliases + 1;
    ld->n_specs = ++db->n_aliases;
    return ISTH_OK;
}

static int add_alias(struct walk *w, const yaml_node_t *at, uint32_t ent,
                     const char *text, int policy, int entry_policy,
                     uint32_t ctx, const char *what)
{
    int rc = isth__add_name(w->ld, ent, text, policy, entry_policy, ctx);

    if (rc == ISTH_ESCHEMA)
        return isth__yw_fail(w->y, at, "empty %s", what);
    if (rc)
        return isth__error_set(w->y->err, rc, w->y->path, isth__yw_line(at),
                               isth__yw_col(at), "%s", isth_strerror(rc));
    return ISTH_OK;
}

static int nomem(struct walk *w)
{
    return isth__yw_nomem(w->y);
}

static int cmp_attr(const void *a, const void *b)
{
    const isth_attribute *x = *(isth_attribute *const *)a,
                         *y = *(isth_attribute *const *)b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x > y) - (x < y); /* equal keys in file order */
}

/* The second of two attributes with one name is an error at its key:
 * found by sorting (n log n), so an entry with many attributes loads
 * in time. */
static int duplicate_attribute(struct walk *w, const struct isth_entity *e,
                               const yaml_node_t *map)
{
    isth_attribute **v;
    size_t i, at = (size_t)-1;
    int rc = ISTH_OK;

    if (e->n_attrs < 2)
        return ISTH_OK;
    if (!(v = isth__alloc(e->n_attrs, sizeof *v)))
        return nomem(w);
    for (i = 0; i < e->n_attrs; i++)
        v[i] = &e->attrs[i];
    qsort(v, e->n_attrs, sizeof *v, cmp_attr);
    /* The repeat that comes first in the file, as a reader meets it. */
    for (i = 1; i < e->n_attrs; i++)
        if (!strcmp(v[i - 1]->key, v[i]->key) && (size_t)(v[i] - e->attrs) < at)
            at = (size_t)(v[i] - e->attrs);
    isth__free(v);
    if (at < e->n_attrs) {
        const yaml_node_pair_t *p = map->data.mapping.pairs.start + at;
        rc = isth__yw_fail(w->y, isth__yw_node(w->y, p->key),
                           "duplicate attribute '%s'", e->attrs[at].key);
    }
    return rc;
}

static int load_attributes(struct walk *w, struct isth_entity *e,
                           const yaml_node_t *map)
{
    yaml_node_pair_t *p;
    size_t n, i = 0;

    if (map->type != YAML_MAPPING_NODE)
        return isth__yw_fail(w->y, map,
                             "'attributes' must be a mapping, not %s",
                             isth__yw_type(map));
    n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
    if (!n)
        return ISTH_OK;
    if (!(e->attrs = isth__calloc(n, sizeof *e->attrs)))
        return nomem(w);
    for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = isth__yw_node(w->y, p->key),
                    *v = isth__yw_node(w->y, p->value);

        if (k->type != YAML_SCALAR_NODE)
            return isth__yw_fail(w->y, k, "attribute names must be strings");
        if (v->type != YAML_SCALAR_NODE)
            return isth__yw_fail(w->y, v,
                                 "attribute '%s' must be a string, not %s",
                                 isth__yw_str(k), isth__yw_type(v));
        e->attrs[i].key = isth__strdup(isth__yw_str(k));
        e->attrs[i].value = isth__strdup(isth__yw_str(v));
        e->n_attrs = ++i;
        if (!e->attrs[i - 1].key || !e->attrs[i - 1].value)
            return nomem(w);
    }
    return duplicate_attribute(w, e, map);
}

/* Parses the items of requires_any or excludes_any into db->ctx_items. */
static int parse_items(struct walk *w, const yaml_node_t *seq, const char *what,
                       uint32_t *first, uint32_t *n)
{
    struct isth_build *db = w->ld->db;
    size_t i, len;
    int rc;

    if ((rc = isth__yw_seq(w->y, seq, what)))
        return rc;
    len = isth__yw_seq_len(seq);
    *first = (uint32_t)db->n_ctx_items;
    *n = (uint32_t)len;
    for (i = 0; i < len; i++) {
        yaml_node_t *it = isth__yw_seq_at(w->y, seq, i), *id;
        struct isth_ctx_item *ci;

        if (isth__grow(&db->ctx_items, &db->cap_ctx_items, db->n_ctx_items + 1,
                       sizeof *db->ctx_items))
            return nomem(w);
        ci = &db->ctx_items[db->n_ctx_items];
        memset(ci, 0, sizeof *ci);
        ci->line = isth__yw_line(it);
        ci->col = isth__yw_col(it);
        ci->entity = UINT32_MAX;
        if (it->type == YAML_SCALAR_NODE) {
            rc = isth__cue_intern(w->ld, isth__yw_str(it), &ci->cue);
            if (rc == ISTH_ESCHEMA)
                return isth__yw_fail(w->y, it, "empty word in '%s'", what);
            if (rc)
                return nomem(w);
        } else if (it->type == YAML_MAPPING_NODE) {
            static const char *const ID_KEYS[] = {"id"};
            if ((rc = isth__yw_keys(w->y, it, ID_KEYS, 1, "a context item")))
                return rc;
            if (!(id = isth__yw_get(w->y, it, "id")))
                return isth__yw_fail(w->y, it, "context item has no 'id'");
            if ((rc = isth__yw_scalar(w->y, id, "id")))
                return rc;
            ci->cue = UINT32_MAX;
            ci->line = isth__yw_line(id);
            ci->col = isth__yw_col(id);
            if (!(ci->id = isth__strdup(isth__yw_str(id))))
                return nomem(w);
        } else {
            return isth__yw_fail(w->y, it,
                                 "a context item must be a word or "
                                 "{id: ...}, not %s",
                                 isth__yw_type(it));
        }
        db->n_ctx_items++;
    }
    return ISTH_OK;
}

/*
 * Parses a 'context' mapping into a new db->contexts element; *out is its
 * index + 1.
 */
static int parse_context(struct walk *w, const yaml_node_t *n, uint32_t *out)
{
    struct isth_build *db = w->ld->db;
    struct isth_context c;
    yaml_node_t *v;
    int rc;

    if (n->type != YAML_MAPPING_NODE)
        return isth__yw_fail(w->y, n,
                             "'context' must be a mapping with "
                             "'requires_any' or 'excludes_any', not %s",
                             isth__yw_type(n));
    if ((rc = isth__yw_keys(w->y, n, CONTEXT_KEYS, ISTH_COUNT(CONTEXT_KEYS),
                            "a context")))
        return rc;
    memset(&c, 0, sizeof c);
    c.window = -1;
    c.line = isth__yw_line(n);
    if ((v = isth__yw_get(w->y, n, "window")) &&
        !(v->type == YAML_SCALAR_NODE &&
          !strcmp(isth__yw_str(v), "document"))) {
        long win;
        if (v->type != YAML_SCALAR_NODE ||
            isth__yw_int(w->y, v, "window", 1, 10000, &win))
            return isth__yw_fail(w->y, v,
                                 "'window' must be a number of words (1 to "
                                 "10000) or 'document'");
        c.window = (int)win;
    }
    if ((v = isth__yw_get(w->y, n, "requires_any")) &&
        (rc = parse_items(w, v, "requires_any", &c.req_first, &c.n_req)))
        return rc;
    if ((v = isth__yw_get(w->y, n, "excludes_any")) &&
        (rc = parse_items(w, v, "excludes_any", &c.exc_first, &c.n_exc)))
        return rc;
    if (!c.n_req && !c.n_exc)
        return isth__yw_fail(w->y, n,
                             "'context' needs 'requires_any' or "
                             "'excludes_any' with at least one item");
    if (!(c.file = isth__strdup(w->display)))
        return nomem(w);
    if (isth__grow(&db->contexts, &db->cap_contexts, db->n_contexts + 1,
                   sizeof *db->contexts)) {
        isth__free(c.file);
        return nomem(w);
    }
    db->contexts[db->n_contexts++] = c;
    *out = (uint32_t)db->n_contexts;
    return ISTH_OK;
}

int isth__is_date(const char *s)
{
    int i, m, d;

    for (i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    if (s[10])
        return 0;
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/*
 * Parses 'valid: {from?: DATE, to?: DATE}'; *active says whether the
 * entry or alias loads: with an as-of date, when the date is in the
 * range (both ends included); without one, entries always (alias = 0)
 * and date-bounded aliases never (alias = 1).
 */
static int parse_valid(struct walk *w, const yaml_node_t *n, int alias,
                       int *active)
{
    const char *as_of = w->ld->as_of, *from = NULL, *to = NULL;
    yaml_node_t *f;
    int rc, k;

    if (n->type != YAML_MAPPING_NODE)
        return isth__yw_fail(w->y, n,
                             "'valid' must be a mapping with 'from' and/or "
                             "'to' dates, not %s",
                             isth__yw_type(n));
    if ((rc = isth__yw_keys(w->y, n, VALID_KEYS, 2, "'valid'")))
        return rc;
    for (k = 0; k < 2; k++) {
        if (!(f = isth__yw_get(w->y, n, VALID_KEYS[k])))
            continue;
        if ((rc = isth__yw_scalar(w->y, f, VALID_KEYS[k])))
            return rc;
        if (!isth__is_date(isth__yw_str(f)))
            return isth__yw_fail(w->y, f,
                                 "'%s' must be a date YYYY-MM-DD, not '%s'",
                                 VALID_KEYS[k], isth__yw_str(f));
        *(k ? &to : &from) = isth__yw_str(f);
    }
    if (!from && !to)
        return isth__yw_fail(w->y, n, "'valid' needs 'from' or 'to'");
    if (from && to && strcmp(from, to) > 0)
        return isth__yw_fail(w->y, n,
                             "'valid' ends (%s) before it starts "
                             "(%s)",
                             to, from);
    if (!as_of)
        *active = !alias;
    else
        *active = (!from || strcmp(from, as_of) <= 0) &&
                  (!to || strcmp(as_of, to) <= 0);
    return ISTH_OK;
}

static int load_entry(struct walk *w, const yaml_node_t *en)
{
    struct isth_build *db = w->ld->db;
    yaml_node_t *id, *name, *v, *al;
    struct isth_entity *e;
    const char *label = w->file_label, *kind = w->file_kind;
    int policy = w->file_policy, rc, active = 1;
    uint32_t ei, ctx = 0;

    if (en->type != YAML_MAPPING_NODE)
        return isth__yw_fail(w->y, en, "an entry must be a mapping, not %s",
                             isth__yw_type(en));
    if ((rc = isth__yw_keys(w->y, en, ENTRY_KEYS, ISTH_COUNT(ENTRY_KEYS),
                            "an entry")))
        return rc;
    if (!(id = isth__yw_get(w->y, en, "id")))
        return isth__yw_fail(w->y, en, "entry has no 'id'");
    if ((rc = isth__yw_scalar(w->y, id, "id")))
        return rc;
    if (!isth__yw_str(id)[0])
        return isth__yw_fail(w->y, id, "empty id");
    if (!(name = isth__yw_get(w->y, en, "name")))
        return isth__yw_fail(w->y, en, "entry '%s' has no 'name'",
                             isth__yw_str(id));
    if ((rc = isth__yw_scalar(w->y, name, "name")))
        return rc;
    if ((v = isth__yw_get(w->y, en, "label"))) {
        if ((rc = check_label(w, v)))
            return rc;
        label = isth__yw_str(v);
    }
    if (!label)
        return isth__yw_fail(
            w->y, en,
            "entry '%s' has no label (add 'label:' at the top of the "
            "file or to the entry)",
            isth__yw_str(id));
    if ((v = isth__yw_get(w->y, en, "kind"))) {
        if ((rc = isth__yw_scalar(w->y, v, "kind")))
            return rc;
        kind = isth__yw_str(v);
    }
    if ((v = isth__yw_get(w->y, en, "case")) &&
        (rc = parse_policy(w, v, &policy)))
        return rc;

    if (db->n_entities >= UINT32_MAX - 1)
        return isth__error_set(w->y->err, ISTH_ETOOBIG, w->y->path,
                               isth__yw_line(en), isth__yw_col(en),
                               "too many entities");
    if (isth__grow(&db->entities, &db->cap_entities, db->n_entities + 1,
                   sizeof *db->entities))
        return nomem(w);
    ei = (uint32_t)db->n_entities++;
    e = &db->entities[ei];
    memset(e, 0, sizeof *e);
    e->line = isth__yw_line(en);
    e->col = isth__yw_col(en);
    e->id = isth__strdup(isth__yw_str(id));
    e->name = isth__strdup(isth__yw_str(name));
    e->label = isth__strdup(label);
    e->kind = isth__strdup(kind ? kind : "");
    e->file = isth__strdup(w->display);
    if (!e->id || !e->name || !e->label || !e->kind || !e->file)
        return nomem(w);
    if ((v = isth__yw_get(w->y, en, "priority"))) {
        long pr;
        if ((rc = isth__yw_int(w->y, v, "priority", -1000000, 1000000, &pr)))
            return rc;
        e->priority = (int)pr;
    }
    if ((v = isth__yw_get(w->y, en, "attributes")) &&
        (rc = load_attributes(w, e, v)))
        return rc;

    if ((v = isth__yw_get(w->y, en, "context")) &&
        (rc = parse_context(w, v, &ctx)))
        return rc;
    if ((v = isth__yw_get(w->y, en, "valid")) &&
        (rc = parse_valid(w, v, 0, &active)))
        return rc;
    if (active && (rc = add_alias(w, name, ei, isth__yw_str(name), -1, policy,
                                  ctx, "name")))
        return rc;
    if ((al = isth__yw_get(w->y, en, "aliases"))) {
        yaml_node_item_t *it;

        if (al->type != YAML_SEQUENCE_NODE)
            return isth__yw_fail(w->y, al,
                                 "'aliases' must be a sequence, not %s",
                                 isth__yw_type(al));
        for (it = al->data.sequence.items.start;
             it < al->data.sequence.items.top; it++) {
            yaml_node_t *a = isth__yw_node(w->y, *it), *t;
            int apol = -1, aact = active;
            uint32_t actx = ctx;

            if (a->type == YAML_SCALAR_NODE) {
                rc = active ? add_alias(w, a, ei, isth__yw_str(a), -1, policy,
                                        ctx, "alias")
                            : ISTH_OK;
            } else if (a->type == YAML_MAPPING_NODE) {
                if ((rc = isth__yw_keys(w->y, a, ALIAS_KEYS,
                                        ISTH_COUNT(ALIAS_KEYS), "an alias")))
                    return rc;
                if (!(t = isth__yw_get(w->y, a, "text")))
                    return isth__yw_fail(w->y, a, "alias has no 'text'");
                if ((rc = isth__yw_scalar(w->y, t, "text")))
                    return rc;
                if ((v = isth__yw_get(w->y, a, "case")) &&
                    (rc = parse_policy(w, v, &apol)))
                    return rc;
                if ((v = isth__yw_get(w->y, a, "context")) &&
                    (rc = parse_context(w, v, &actx)))
                    return rc;
                if ((v = isth__yw_get(w->y, a, "valid")) &&
                    (rc = parse_valid(w, v, 1, &aact)))
                    return rc;
                rc = active && aact ? add_alias(w, t, ei, isth__yw_str(t), apol,
                                                policy, actx, "alias")
                                    : ISTH_OK;
            } else {
                return isth__yw_fail(
                    w->y, a, "an alias must be a string or a mapping, not %s",
                    isth__yw_type(a));
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
        return isth__yw_fail(w->y, root,
                             "a gazetteer must be a mapping with 'label' and "
                             "'entries', not %s",
                             isth__yw_type(root));
    if ((rc = isth__yw_keys(w->y, root, FILE_KEYS, ISTH_COUNT(FILE_KEYS),
                            "a gazetteer file")))
        return rc;
    if ((v = isth__yw_get(w->y, root, "label"))) {
        if ((rc = check_label(w, v)))
            return rc;
        w->file_label = isth__yw_str(v);
    }
    if ((v = isth__yw_get(w->y, root, "kind"))) {
        if ((rc = isth__yw_scalar(w->y, v, "kind")))
            return rc;
        w->file_kind = isth__yw_str(v);
    }
    if ((v = isth__yw_get(w->y, root, "case")) &&
        (rc = parse_policy(w, v, &w->file_policy)))
        return rc;
    if ((v = isth__yw_get(w->y, root, "description")) &&
        (rc = isth__yw_scalar(w->y, v, "description")))
        return rc;
    if ((v = isth__yw_get(w->y, root, "disable")) &&
        (rc = isth__ld_recover(w->ld,
                               isth__disable_parse(w->ld, w->y, w->display, v),
                               w->y->err)))
        return rc;
    if (!(entries = isth__yw_get(w->y, root, "entries"))) {
        if (v)
            return ISTH_OK; /* a file that only disables */
        return isth__yw_fail(w->y, root, "gazetteer has no 'entries'");
    }
    if (entries->type == YAML_SCALAR_NODE && !isth__yw_str(entries)[0] &&
        entries->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
        return ISTH_OK; /* "entries:" with nothing after it */
    if (entries->type != YAML_SEQUENCE_NODE)
        return isth__yw_fail(w->y, entries,
                             "'entries' must be a sequence, not %s",
                             isth__yw_type(entries));
    for (it = entries->data.sequence.items.start;
         it < entries->data.sequence.items.top; it++)
        if ((rc = isth__ld_recover(
                 w->ld, load_entry(w, isth__yw_node(w->y, *it)), w->y->err)))
            return rc;
    return ISTH_OK;
}

static int walk_root(void *ctx, const yaml_node_t *root)
{
    return load_root(ctx, root);
}

int isth__gazetteer_load(struct isth_loader *ld, const char *path,
                         const char *display, const char *text, size_t len,
                         isth_error *err)
{
    struct isth_yw y;
    struct walk w;

    memset(&w, 0, sizeof w);
    w.ld = ld;
    w.y = &y;
    w.display = display;
    return isth__yw_load(&y, path, text, len, err,
                         "a gazetteer needs 'label' and 'entries'", walk_root,
                         &w);
}
