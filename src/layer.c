/* SPDX-License-Identifier: MIT */
/*
 * layer.c - what lets a user's files sit on top of the shipped data:
 * 'disable:' lists (entries, names, rules and topics other files define)
 * and the diagnostics that let one run report every error.
 *
 *   disable := { entries?: [id...],
 *                aliases?: [{ id: str, text: str }...],
 *                rules?: [rule id...],
 *                topics?: [topic label...] }
 *
 * A disable applies to what other files define, never to its own file,
 * so a file may disable a shipped entry and define its own with the same
 * id.  An item that matches nothing is an error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "loader.h"
#include "regex.h"

static const char *const DISABLE_KEYS[] = {"entries", "aliases", "rules",
                                           "topics"};
static const char *const DIS_ALIAS_KEYS[] = {"id", "text"};

int isth__ld_recover(struct isth_loader *ld, int rc, isth_error *err)
{
    if (rc == ISTH_OK || rc == ISTH_ENOMEM || !ld->on_diag)
        return rc;
    if (!err)
        return rc;
    ld->on_diag(ISTH_DIAG_ERROR, err, ld->diag_ctx);
    if (ld->n_errors++ == 0)
        ld->first_err = *err;
    isth__error_clear(err);
    return ISTH_OK;
}

void isth__ld_warn(struct isth_loader *ld, const char *file, unsigned line,
                   unsigned col, const char *fmt, ...)
{
    isth_error e;
    va_list ap;

    if (!ld->on_diag || ld->errors_only)
        return;
    isth__error_clear(&e);
    e.code = ISTH_OK;
    if (file)
        snprintf(e.file, sizeof e.file, "%s", file);
    e.line = line;
    e.col = col;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    ld->on_diag(ISTH_DIAG_WARNING, &e, ld->diag_ctx);
}

static int add_disable(struct isth_loader *ld, struct isth_yw *y,
                       const char *display, int what, const yaml_node_t *at,
                       const char *id, const char *text)
{
    struct isth_disable *d;

    if (isth__grow(&ld->disables, &ld->cap_disables, ld->n_disables + 1,
                   sizeof *ld->disables))
        return isth__yw_nomem(y);
    d = &ld->disables[ld->n_disables++];
    memset(d, 0, sizeof *d);
    d->what = what;
    d->line = isth__yw_line(at);
    d->col = isth__yw_col(at);
    if (!(d->id = isth__strdup(id)) || !(d->file = isth__strdup(display)) ||
        !(d->path = isth__strdup(y->path)))
        return isth__yw_nomem(y);
    if (text) {
        int rc;
        if (!(d->text = isth__strdup(text)))
            return isth__yw_nomem(y);
        rc = isth__make_key(ld->norm, text, ISTH_NORM_FOLD, &d->key,
                            &d->key_len);
        if (rc)
            return rc == ISTH_ENOMEM ? isth__yw_nomem(y) : rc;
        if (!d->key)
            return isth__yw_fail(y, at,
                                 "alias text '%s' has no letters or "
                                 "digits",
                                 text);
    }
    return ISTH_OK;
}

/* A list of plain strings: ids, rule ids or topic labels. */
static int parse_ids(struct isth_loader *ld, struct isth_yw *y,
                     const char *display, int what, const yaml_node_t *n,
                     const char *key)
{
    size_t i;
    int rc;

    if ((rc = isth__yw_seq(y, n, key)))
        return rc;
    for (i = 0; i < isth__yw_seq_len(n); i++) {
        yaml_node_t *it = isth__yw_seq_at(y, n, i);
        if ((rc = isth__yw_scalar(y, it, key)))
            return rc;
        if (!isth__yw_str(it)[0])
            return isth__yw_fail(y, it, "empty id in 'disable: %s'", key);
        if ((rc =
                 add_disable(ld, y, display, what, it, isth__yw_str(it), NULL)))
            return rc;
    }
    return ISTH_OK;
}

int isth__disable_parse(struct isth_loader *ld, struct isth_yw *y,
                        const char *display, const yaml_node_t *n)
{
    yaml_node_t *v;
    size_t i;
    int rc;

    if (n->type != YAML_MAPPING_NODE)
        return isth__yw_fail(y, n,
                             "'disable' must be a mapping with 'entries', "
                             "'aliases', 'rules' and/or 'topics', not %s",
                             isth__yw_type(n));
    if ((rc = isth__yw_keys(y, n, DISABLE_KEYS, ISTH_COUNT(DISABLE_KEYS),
                            "'disable'")))
        return rc;
    if ((v = isth__yw_get(y, n, "entries")) &&
        (rc = parse_ids(ld, y, display, DIS_ENTRY, v, "entries")))
        return rc;
    if ((v = isth__yw_get(y, n, "rules")) &&
        (rc = parse_ids(ld, y, display, DIS_RULE, v, "rules")))
        return rc;
    if ((v = isth__yw_get(y, n, "topics")) &&
        (rc = parse_ids(ld, y, display, DIS_TOPIC, v, "topics")))
        return rc;
    if ((v = isth__yw_get(y, n, "aliases"))) {
        if ((rc = isth__yw_seq(y, v, "aliases")))
            return rc;
        for (i = 0; i < isth__yw_seq_len(v); i++) {
            yaml_node_t *it = isth__yw_seq_at(y, v, i), *id, *t;
            if (it->type != YAML_MAPPING_NODE)
                return isth__yw_fail(y, it,
                                     "a disabled alias is {id: ENTRY, text: "
                                     "NAME}, not %s",
                                     isth__yw_type(it));
            if ((rc = isth__yw_keys(y, it, DIS_ALIAS_KEYS,
                                    ISTH_COUNT(DIS_ALIAS_KEYS),
                                    "a disabled alias")))
                return rc;
            if (!(id = isth__yw_get(y, it, "id")) ||
                !(t = isth__yw_get(y, it, "text")))
                return isth__yw_fail(y, it,
                                     "a disabled alias needs 'id' (its "
                                     "entry) and 'text' (the name)");
            if ((rc = isth__yw_scalar(y, id, "id")) ||
                (rc = isth__yw_scalar(y, t, "text")))
                return rc;
            if ((rc = add_disable(ld, y, display, DIS_ALIAS, it,
                                  isth__yw_str(id), isth__yw_str(t))))
                return rc;
        }
    }
    return ISTH_OK;
}

/* Drops the aliases marked in off[] (and their keys), keeping order. */
static void drop_aliases(struct isth_loader *ld, const unsigned char *off)
{
    struct isth_build *db = ld->db;
    size_t i, n = 0;

    for (i = 0; i < db->n_aliases; i++) {
        if (off[i]) {
            isth__free(db->aliases[i].exact);
            isth__free(ld->specs[i].key);
            continue;
        }
        db->aliases[n] = db->aliases[i];
        ld->specs[n++] = ld->specs[i];
    }
    db->n_aliases = ld->n_specs = n;
    /* The alias set indexes the old positions: it is not used again. */
    isth__free(ld->alias_set);
    ld->alias_set = NULL;
    ld->alias_set_cap = 0;
}

static void drop_rules(struct isth_build *db, const unsigned char *off)
{
    size_t i, n = 0;

    for (i = 0; i < db->n_rules; i++) {
        if (off[i])
            isth__rule_free(&db->rules[i]);
        else
            db->rules[n++] = db->rules[i];
    }
    db->n_rules = n;
}

/* Drops the topics marked in off[] and their sources; renumbers the
 * sources of the others. */
static int drop_topics(struct isth_build *db, const unsigned char *off)
{
    uint32_t *map = isth__alloc(db->n_topics + 1, sizeof *map);
    size_t i, n = 0;

    if (!map)
        return ISTH_ENOMEM;
    for (i = 0; i < db->n_topics; i++) {
        if (off[i]) {
            isth__free(db->topics[i].label);
            isth__free(db->topics[i].description);
            isth__free(db->topics[i].file);
            map[i] = UINT32_MAX;
            continue;
        }
        map[i] = (uint32_t)n;
        db->topics[n++] = db->topics[i];
    }
    db->n_topics = n;
    n = 0;
    for (i = 0; i < db->n_tsrcs; i++) {
        struct isth_tsrc *t = &db->tsrcs[i];
        if (map[t->topic] == UINT32_MAX) {
            isth__tsrc_free(t);
            continue;
        }
        t->topic = map[t->topic];
        db->tsrcs[n++] = *t;
    }
    db->n_tsrcs = n;
    isth__free(map);
    return ISTH_OK;
}

static const char *what_name(int what)
{
    switch (what) {
    case DIS_ENTRY: return "entry";
    case DIS_ALIAS: return "name";
    case DIS_RULE: return "rule";
    default: return "topic";
    }
}

int isth__apply_disables(struct isth_loader *ld, isth_error *err)
{
    struct isth_build *db = ld->db;
    unsigned char *a_off = NULL, *r_off = NULL, *t_off = NULL;
    size_t k, i;
    int rc = ISTH_OK;

    isth__free(ld->ent_off);
    ld->ent_off = isth__calloc(db->n_entities + 1, 1);
    a_off = isth__calloc(db->n_aliases + 1, 1);
    r_off = isth__calloc(db->n_rules + 1, 1);
    t_off = isth__calloc(db->n_topics + 1, 1);
    if (!ld->ent_off || !a_off || !r_off || !t_off) {
        rc = isth__error_set(err, ISTH_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (k = 0; k < ld->n_disables; k++) {
        const struct isth_disable *d = &ld->disables[k];
        size_t hits = 0;

        switch (d->what) {
        case DIS_ENTRY:
            for (i = 0; i < db->n_entities; i++)
                if (!strcmp(db->entities[i].id, d->id) &&
                    strcmp(db->entities[i].file, d->file)) {
                    ld->ent_off[i] = 1;
                    hits++;
                }
            break;
        case DIS_ALIAS:
            for (i = 0; i < db->n_aliases; i++) {
                const struct isth_entity *e =
                    &db->entities[db->aliases[i].entity];
                if (!strcmp(e->id, d->id) && strcmp(e->file, d->file) &&
                    ld->specs[i].key_len == d->key_len &&
                    !memcmp(ld->specs[i].key, d->key, d->key_len)) {
                    a_off[i] = 1;
                    hits++;
                }
            }
            break;
        case DIS_RULE:
            for (i = 0; i < db->n_rules; i++)
                if (!strcmp(db->rules[i].id, d->id) &&
                    strcmp(db->rules[i].file, d->file)) {
                    r_off[i] = 1;
                    hits++;
                }
            break;
        default:
            for (i = 0; i < db->n_topics; i++)
                if (!strcmp(db->topics[i].label, d->id) &&
                    strcmp(db->topics[i].file, d->file)) {
                    t_off[i] = 1;
                    hits++;
                }
            break;
        }
        if (!hits) {
            isth_error e;
            if (d->what == DIS_ALIAS)
                isth__error_set(&e, ISTH_ESCHEMA, d->path, d->line, d->col,
                                "disable: no entry '%s' of another file has "
                                "the name '%s' (ids are case-sensitive)",
                                d->id, d->text);
            else
                isth__error_set(&e, ISTH_ESCHEMA, d->path, d->line, d->col,
                                "disable: no %s '%s' in the other files "
                                "loaded (ids are case-sensitive)",
                                what_name(d->what), d->id);
            if ((rc = isth__ld_recover(ld, ISTH_ESCHEMA, &e))) {
                if (err)
                    *err = e;
                goto done;
            }
        }
    }
    for (i = 0; i < db->n_aliases; i++)
        if (ld->ent_off[db->aliases[i].entity])
            a_off[i] = 1;
    drop_aliases(ld, a_off);
    drop_rules(db, r_off);
    if ((rc = drop_topics(db, t_off)))
        isth__error_set(err, rc, NULL, 0, 0, "out of memory");
done:
    isth__free(a_off);
    isth__free(r_off);
    isth__free(t_off);
    return rc;
}
