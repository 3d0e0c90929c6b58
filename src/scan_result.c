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

/* Fills m from candidate c.  An entry's own attributes are the
 * database's; a rule's go to s->res.attr_out by offset and are made
 * pointers by fix_match(). */
static int make_match(const isth_db *db, isth_scratch *s, const struct cand *c,
                      isth_match *m)
{
    const struct isth_erec *e =
        c->entity != NONE ? &db->entities[c->entity] : NULL;
    const struct isth_rule *r = c->rule != NONE ? &db->rules[c->rule] : NULL;
    size_t i, n_ea = 0;
    const isth_attribute *ea = e ? isth__ent_attrs(db, e, &n_ea) : NULL;
    size_t need = n_ea + c->n_rattr;

    m->start = c->start;
    m->end = c->end;
    m->entity = e ? c->entity : ISTH_NO_ENTITY;
    m->id =
        e ? isth__str(db, e->id) : NULL; /* isth__fix_match() sets a rule's */
    isth__cand_label_kind(db, c, &m->label, &m->kind);
    m->name = e ? isth__str(db, e->name) : NULL;
    m->file = e ? isth__str(db, e->file) : r->file;
    m->line = e ? e->line : r->line;
    m->rule = r ? r->id : NULL;
    m->alternatives = (const size_t *)(uintptr_t)c->alt_off;
    m->n_alternatives = c->n_alt;
    if (!c->n_rattr) {
        m->attributes = ea;
        m->n_attributes = n_ea;
        return ISTH_OK;
    }
    /* Offsets for now; pointers once every array has stopped moving. */
    m->attributes = (const isth_attribute *)(uintptr_t)s->res.n_attr_out;
    m->n_attributes = need;
    if (isth__grow(&s->res.attr_out, &s->res.cap_attr_out,
                   s->res.n_attr_out + need + 1, sizeof *s->res.attr_out))
        return ISTH_ENOMEM;
    for (i = 0; i < n_ea; i++)
        s->res.attr_out[s->res.n_attr_out++] = ea[i];
    for (i = 0; i < c->n_rattr; i++) {
        isth_attribute *a;
        size_t j;
        /* The linked entry's own attributes win over the rule's. */
        for (j = 0; j < n_ea; j++)
            if (!strcmp(ea[j].key, r->attrs[i].key))
                break;
        if (j < n_ea) {
            m->n_attributes--;
            continue;
        }
        a = &s->res.attr_out[s->res.n_attr_out++];
        a->key = r->attrs[i].key;
        a->value = (const char *)(uintptr_t)s->ru.rattr[c->rattr_off + i];
    }
    return ISTH_OK;
}

static void fix_match(const isth_db *db, isth_scratch *s, const struct cand *c,
                      isth_match *m)
{
    size_t off = (size_t)(uintptr_t)m->attributes, i = 0;

    if (c->n_rattr) {
        m->attributes = m->n_attributes ? s->res.attr_out + off : NULL;
        /* Attributes past the entry's own are the rule's: arena
         * offsets. */
        if (c->entity != NONE)
            isth__ent_attrs(db, &db->entities[c->entity], &i);
        for (; i < m->n_attributes; i++)
            s->res.attr_out[off + i].value =
                s->tx.arena.ptr +
                (size_t)(uintptr_t)s->res.attr_out[off + i].value;
    }
    m->alternatives =
        c->n_alt ? s->nm.alts + (size_t)(uintptr_t)m->alternatives : NULL;
    /* A rule's own id and name are arena strings. */
    if (c->rule != NONE && c->entity == NONE) {
        m->id = isth__arena_str(s, c->id_off);
        m->name = isth__arena_str(s, c->name_off);
    }
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

/* The result of the entities (isth__final_entities()): each an
 * isth_match, its strings and arrays pointers once all of them are
 * made. */
int isth__make_result(const isth_db *db, isth_scratch *s)
{
    size_t i;
    int rc;

    if (isth__grow(&s->res.out, &s->res.cap_out, s->pr.n_acc + 1,
                   sizeof *s->res.out))
        return ISTH_ENOMEM;
    for (i = 0; i < s->pr.n_acc; i++)
        if ((rc =
                 make_match(db, s, &s->nm.cands[s->pr.acc[i]], &s->res.out[i])))
            return rc;
    /* Every array has its final size: turn offsets into pointers. */
    for (i = 0; i < s->pr.n_acc; i++) {
        const struct cand *c = &s->nm.cands[s->pr.acc[i]];
        fix_match(db, s, c, &s->res.out[i]);
    }
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
    int rc;

    if (!on_match)
        return ISTH_OK;
    if (isth__grow(&s->res.out, &s->res.cap_out, 1, sizeof *s->res.out))
        return ISTH_ENOMEM;
    for (i = 0; i < s->pr.n_acc; i++) {
        const struct cand *c = &s->nm.cands[s->pr.acc[i]];
        isth_match *m = &s->res.out[0];
        s->res.n_attr_out = 0;
        if ((rc = make_match(db, s, c, m)))
            return rc;
        fix_match(db, s, c, m);
        m->start += base;
        m->end += base;
        if (on_match(m, ctx))
            return ISTH_ESTOPPED;
    }
    return ISTH_OK;
}
