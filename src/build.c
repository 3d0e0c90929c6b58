/* SPDX-License-Identifier: MIT */
/*
 * build.c - the builder the loaders fill (struct isth_build, loader.h):
 * interning cue words, finding an entity by id, and freeing what it
 * holds.
 */
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "loader.h"
#include "regex.h"

/* Frees n attributes whose keys and values the builder owns, and the
 * array. */
static void attrs_free(isth_attribute *attrs, size_t n)
{
    size_t j;

    for (j = 0; j < n; j++) {
        isth__free((void *)attrs[j].key);
        isth__free((void *)attrs[j].value);
    }
    isth__free(attrs);
}

void isth__rule_free(struct isth_rule *r)
{
    size_t j;

    isth__re_free(r->before);
    isth__re_free(r->re);
    isth__free(r->req);
    isth__free(r->id);
    isth__free(r->label);
    isth__free(r->kind);
    isth__free(r->file);
    isth__free(r->id_template);
    for (j = 0; j < r->n_on; j++) {
        isth__free(r->on_label[j]);
        isth__free(r->on_kind[j]);
    }
    isth__free(r->on_label);
    isth__free(r->on_kind);
    attrs_free(r->attrs, r->n_attrs);
    memset(r, 0, sizeof *r);
}

void isth__tsrc_free(struct isth_tsrc *t)
{
    isth__re_free(t->re);
    isth__free(t->label);
    isth__free(t->kind);
    isth__free(t->id);
    isth__free(t->name);
    t->re = NULL;
    t->label = t->kind = t->id = t->name = NULL;
}

void isth__build_free(struct isth_build *db)
{
    size_t i;

    if (!db)
        return;
    for (i = 0; i < db->n_entities; i++) {
        struct isth_entity *e = &db->entities[i];
        isth__free(e->id);
        isth__free(e->name);
        isth__free(e->label);
        isth__free(e->kind);
        isth__free(e->file);
        attrs_free(e->attrs, e->n_attrs);
    }
    for (i = 0; i < db->n_aliases; i++)
        isth__free(db->aliases[i].exact);
    for (i = 0; i < db->n_cues; i++)
        isth__free(db->cues[i].text);
    for (i = 0; i < db->n_ctx_items; i++)
        isth__free(db->ctx_items[i].id);
    for (i = 0; i < db->n_contexts; i++)
        isth__free(db->contexts[i].file);
    for (i = 0; i < db->n_rules; i++)
        isth__rule_free(&db->rules[i]);
    for (i = 0; i < db->n_topics; i++) {
        isth__free(db->topics[i].label);
        isth__free(db->topics[i].description);
        isth__free(db->topics[i].file);
    }
    for (i = 0; i < db->n_tsrcs; i++)
        isth__tsrc_free(&db->tsrcs[i]);
    isth__free(db->cues);
    isth__free(db->ctx_items);
    isth__free(db->contexts);
    isth__free(db->rules);
    isth__free(db->topics);
    isth__free(db->tsrcs);
    isth__free(db->entities);
    isth__free(db->aliases);
    isth__free(db->pat_cue_first);
    isth__free(db->pat_cue);
    isth__free(db->cue_src_first);
    isth__free(db->cue_src);
    isth__free(db->pat_len);
    isth__free(db->pat_flags);
    isth__free(db->pat_first);
    isth__free(db->pat_alias);
    isth__free(db->id_index);
    isth__ac_free(&db->ac);
    isth__free(db);
}

int isth__cue_intern(struct isth_loader *ld, const char *text, uint32_t *out)
{
    struct isth_build *db = ld->db;
    size_t tl = strlen(text), klen, i;
    unsigned char prefix = 0;
    char *plain, *key;
    int rc;

    if (tl && text[tl - 1] == '*') {
        prefix = 1;
        tl--;
    }
    if (!(plain = isth__strndup(text, tl)))
        return ISTH_ENOMEM;
    rc = isth__make_key(ld->norm, plain, ISTH_NORM_FOLD, &key, &klen);
    isth__free(plain);
    if (rc)
        return rc;
    if (!key)
        return ISTH_ESCHEMA;
    for (i = 0; i < db->n_cues; i++) {
        if (db->cues[i].prefix == prefix && ld->cue_keys[i].key_len == klen &&
            !memcmp(ld->cue_keys[i].key, key, klen)) {
            isth__free(key);
            *out = (uint32_t)i;
            return ISTH_OK;
        }
    }
    if (isth__grow(&db->cues, &db->cap_cues, db->n_cues + 1,
                   sizeof *db->cues) ||
        isth__grow(&ld->cue_keys, &ld->cap_cue_keys, db->n_cues + 1,
                   sizeof *ld->cue_keys) ||
        !(db->cues[db->n_cues].text = isth__strdup(text))) {
        isth__free(key);
        return ISTH_ENOMEM;
    }
    db->cues[db->n_cues].prefix = prefix;
    db->cues[db->n_cues].pattern = UINT32_MAX;
    ld->cue_keys[db->n_cues].key = (unsigned char *)key;
    ld->cue_keys[db->n_cues].key_len = klen;
    ld->n_cue_keys = db->n_cues + 1;
    *out = (uint32_t)db->n_cues++;
    return ISTH_OK;
}

uint32_t isth__build_find(const struct isth_build *db, const char *id)
{
    size_t h;

    if (!id || !db->id_index_cap)
        return UINT32_MAX;
    h = (size_t)isth__hash_str(id) & (db->id_index_cap - 1);
    while (db->id_index[h]) {
        size_t e = db->id_index[h] - 1;
        if (!strcmp(db->entities[e].id, id))
            return (uint32_t)e;
        h = (h + 1) & (db->id_index_cap - 1);
    }
    return UINT32_MAX;
}
