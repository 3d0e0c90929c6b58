/* SPDX-License-Identifier: MIT */
/*
 * scan_result.c - the result: accepted candidates made isth_match records
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
/* Result                                                               */

const char *isth__arena_str(const isth_scratch *s, uint32_t off)
{
    return off == NONE ? NULL : s->tx.arena.ptr + off;
}

void isth__cand_label_kind(const isth_db *db, const struct cand *c,
                           const char **label, const char **kind)
{
    const struct isth_erec *e =
        c->entity != NONE ? &db->entities[c->entity] : NULL;
    const struct isth_rule *r = c->rule != NONE ? &db->rules[c->rule] : NULL;
    const char *k = e ? isth__str(db, e->kind) : "";

    *label = e ? isth__str(db, e->label) : r->label;
    *kind = k[0] ? k : r && r->kind ? r->kind : "";
}

/* Attributes candidate c's match may have: its entry's and its rule's. */
static size_t attrs_of(const isth_db *db, const struct cand *c)
{
    size_t n_ea = 0;

    if (c->entity != NONE)
        isth__ent_attrs(db, &db->entities[c->entity], &n_ea);
    return n_ea + c->n_rattr;
}

/*
 * Fills m from candidate c, its offsets moved by base.  An entry's own
 * attributes are the database's; with a rule's, the match's attributes
 * are appended to s->res.attr_out, which must have room for
 * attrs_of(c) more (the caller grows it, so earlier matches' pointers
 * stay good).
 */
static void make_match(const isth_db *db, isth_scratch *s, const struct cand *c,
                       size_t base, isth_match *m)
{
    const struct isth_erec *e =
        c->entity != NONE ? &db->entities[c->entity] : NULL;
    const struct isth_rule *r = c->rule != NONE ? &db->rules[c->rule] : NULL;
    size_t i, n, n_ea = 0;
    const isth_attribute *ea = e ? isth__ent_attrs(db, e, &n_ea) : NULL;
    isth_attribute *out;

    m->start = c->start + base;
    m->end = c->end + base;
    m->entity = e ? c->entity : ISTH_NO_ENTITY;
    isth__cand_label_kind(db, c, &m->label, &m->kind);
    if (e) {
        m->id = isth__str(db, e->id);
        m->name = isth__str(db, e->name);
    } else { /* a rule's own id and name are arena strings */
        m->id = isth__arena_str(s, c->id_off);
        m->name = isth__arena_str(s, c->name_off);
    }
    m->file = e ? isth__str(db, e->file) : r->file;
    m->line = e ? e->line : r->line;
    m->rule = r ? r->id : NULL;
    m->alternatives = c->n_alt ? s->nm.alts + c->alt_off : NULL;
    m->n_alternatives = c->n_alt;
    m->attributes = ea;
    m->n_attributes = n_ea;
    if (!c->n_rattr)
        return;
    out = s->res.attr_out + s->res.n_attr_out;
    for (n = 0; n < n_ea; n++)
        out[n] = ea[n];
    for (i = 0; i < c->n_rattr; i++) {
        size_t j;
        /* The linked entry's own attributes win over the rule's. */
        for (j = 0; j < n_ea; j++)
            if (!strcmp(ea[j].key, r->attrs[i].key))
                break;
        if (j < n_ea)
            continue;
        out[n].key = r->attrs[i].key;
        out[n++].value = isth__arena_str(s, s->ru.rattr[c->rattr_off + i]);
    }
    m->attributes = n ? out : NULL;
    m->n_attributes = n;
    s->res.n_attr_out += n;
}

/* Helper names (given names) that no rule made into something are not
 * entities: s->pr.acc is then the document's entities. */
void isth__final_entities(const isth_db *db, isth_scratch *s)
{
    size_t i, k;

    for (i = k = 0; i < s->pr.n_acc; i++) {
        const struct cand *c = &s->nm.cands[s->pr.acc[i]];
        if (c->rule == NONE && c->entity != NONE &&
            db->entities[c->entity].hidden)
            continue;
        s->pr.acc[k++] = s->pr.acc[i];
    }
    s->pr.n_acc = k;
}

/* The result of the entities (isth__final_entities()): an isth_match
 * each, in one array. */
int isth__make_result(const isth_db *db, isth_scratch *s)
{
    size_t i, need = 0;

    for (i = 0; i < s->pr.n_acc; i++)
        need += attrs_of(db, &s->nm.cands[s->pr.acc[i]]);
    if (isth__grow(&s->res.out, &s->res.cap_out, s->pr.n_acc + 1,
                   sizeof *s->res.out) ||
        isth__grow(&s->res.attr_out, &s->res.cap_attr_out, need + 1,
                   sizeof *s->res.attr_out))
        return ISTH_ENOMEM;
    s->res.n_attr_out = 0;
    for (i = 0; i < s->pr.n_acc; i++)
        make_match(db, s, &s->nm.cands[s->pr.acc[i]], 0, &s->res.out[i]);
    s->res.result.entities = s->pr.n_acc ? s->res.out : NULL;
    s->res.result.n_entities = s->pr.n_acc;
    return ISTH_OK;
}

/* The entities (isth__final_entities()) of a part of a document that
 * starts at byte base, one isth_match at a time through on_match (NULL:
 * none): ISTH_OK, ISTH_ENOMEM, or ISTH_ESTOPPED when on_match said so. */
int isth__emit_entities(const isth_db *db, isth_scratch *s, size_t base,
                        isth_match_cb on_match, void *ctx)
{
    size_t i;

    if (!on_match)
        return ISTH_OK;
    if (isth__grow(&s->res.out, &s->res.cap_out, 1, sizeof *s->res.out))
        return ISTH_ENOMEM;
    for (i = 0; i < s->pr.n_acc; i++) {
        const struct cand *c = &s->nm.cands[s->pr.acc[i]];
        if (isth__grow(&s->res.attr_out, &s->res.cap_attr_out,
                       attrs_of(db, c) + 1, sizeof *s->res.attr_out))
            return ISTH_ENOMEM;
        s->res.n_attr_out = 0;
        make_match(db, s, c, base, &s->res.out[0]);
        if (on_match(&s->res.out[0], ctx))
            return ISTH_ESTOPPED;
    }
    return ISTH_OK;
}
